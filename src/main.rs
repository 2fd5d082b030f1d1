//! ctl: parse, resolve, dispatch; print the error chain on one escaped line and exit with its
//! code.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    // Rootless mode's pause process is this binary run under another name.
    if std::env::args_os()
        .next()
        .is_some_and(|a| a == ctl::rootless::pause::PAUSE_ARGV0)
    {
        ctl::rootless::pause::sleep_forever();
    }
    // Like any Unix filter, end quietly when the reader of our output goes away
    // (`ctl ps -q | head -1`); Rust ignores SIGPIPE by default, which would turn it into an
    // error on every later write.
    // SAFETY: restoring a signal's default disposition, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Any panic is a bug; still, the user sees one line, never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("Error: internal error{at}: {}", ctl::text::escape(&msg));
        std::process::exit(125);
    }));
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            let line = format!("Error: {}", cli::error_line(&err));
            // The last line of defence: whatever text from an image, a registry or a file
            // any message carries, it reaches the terminal escaped, and on one line.
            eprintln!("{}", ctl::text::escape(&line));
            let code = err
                .downcast_ref::<ctl::Error>()
                .map(ctl::Error::exit_code)
                .or_else(|| err.downcast_ref::<cli::Exit>().map(|e| e.0))
                .unwrap_or(125);
            ExitCode::from(code)
        }
    }
}
