//! ctl: parse, resolve, dispatch; print the error chain on one line and exit with its code.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            let mut line = format!("Error: {err}");
            for cause in err.chain().skip(1) {
                let t = cause.to_string();
                if !line.contains(&t) {
                    line.push_str(": ");
                    line.push_str(&t);
                }
            }
            eprintln!("{line}");
            let code = err
                .downcast_ref::<ctl::Error>()
                .map(ctl::Error::exit_code)
                .or_else(|| err.downcast_ref::<cli::Exit>().map(|e| e.0))
                .unwrap_or(125);
            ExitCode::from(code)
        }
    }
}
