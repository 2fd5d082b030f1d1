//! `ctl exec`: run a command in a running container; exits with that command's code.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{ChildStderr, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{bail, Result};

use ctl::container::exec::{exec_status, logged_errors, strip_logged, ExecOptions};
use ctl::container::lifecycle::Manager;
use ctl::container::options::{parse_env, parse_env_file};
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Run in the background
    #[arg(short, long)]
    pub detach: bool,
    /// Keep stdin open
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    /// Set an environment variable (K=V, or K to take it from this environment)
    #[arg(short, long = "env", value_name = "K=V")]
    pub env: Vec<String>,
    /// Read environment variables from a file (K=V or K lines; # comments)
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Give the command every capability ctl holds
    #[arg(long)]
    pub privileged: bool,
    /// User to run as: user[:group], names from the container's /etc/passwd
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Run in the container created last (the words are all the command's)
    #[arg(short, long)]
    pub latest: bool,
    /// The container, then the command and its arguments
    #[arg(value_name = "CONTAINER COMMAND [ARG...]", trailing_var_arg = true)]
    // No allow_hyphen_values: an unknown option before the container is an error, never a
    // container name; everything after the container is the command's.
    pub target_and_command: Vec<String>,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let lookup = |k: &str| std::env::var(k).ok();
    let mut env = Vec::new();
    // As podman's: the files first, then -e (a later value of a name wins).
    for f in &args.env_file {
        let text = std::fs::read_to_string(f)
            .map_err(|e| anyhow::anyhow!("open {}: {}", f.display(), e))?;
        env.extend(parse_env_file(&text, lookup)?);
    }
    for e in &args.env {
        env.extend(parse_env(e, lookup)?);
    }
    // podman's checks, in its words.
    let (target, command) = match (args.latest, args.target_and_command.split_first()) {
        (true, _) => (None, args.target_and_command.as_slice()),
        (false, Some((target, command))) => (Some(target), command),
        (false, None) => {
            bail!("exec requires the name or ID of a container or the --latest or --cidfile flag")
        }
    };
    if command.is_empty() {
        bail!("must provide a non-empty command to start an exec session: invalid argument");
    }
    let m = Manager::open(ctx)?;
    let c = match target {
        Some(t) => m.get(t)?,
        None => m.get(&m.latest()?)?,
    };
    let opts = ExecOptions {
        command: command.to_vec(),
        env,
        user: args.user,
        workdir: args.workdir,
        tty: args.tty,
        interactive: args.interactive,
        detach: args.detach,
        privileged: args.privileged,
        console: None,
    };
    // -t with stdin not a terminal: the runtime cannot use ours (it opens /dev/tty), so
    // ctl takes the terminal it makes and relays it, as podman's conmon does.
    // SAFETY: isatty only inspects the descriptor.
    if opts.tty && !opts.detach && unsafe { libc::isatty(libc::STDIN_FILENO) } == 0 {
        return exec_on_own_terminal(&m, &c, opts);
    }
    let (mut cmd, log) = m.exec_command(&c, &opts)?;
    if !opts.detach {
        cmd.stderr(Stdio::piped());
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| anyhow::anyhow!("cannot run the OCI runtime: {e}"))?;
    m.record_event(m.container_event("exec", &c.config));
    let relay = child
        .stderr
        .take()
        .map(|pipe| relay_stderr(pipe, log.clone()));
    let status = child
        .wait()
        .map_err(|e| anyhow::anyhow!("waiting for the OCI runtime: {e}"))?;
    if let Some(done) = relay {
        // A process the command left in the background may hold the pipe open: its output
        // is not ours to wait for.
        let _ = done.recv_timeout(Duration::from_secs(1));
    }
    let code = exec_status(status.code(), &log)?;
    if !opts.detach {
        m.record_event(
            m.container_event("exec_died", &c.config)
                .with_exit_code(Some(i32::from(code))),
        );
    }
    Ok(ExitCode::from(code))
}

/// `exec -t` without a terminal on stdin: the runtime starts the process detached on a
/// terminal of its own and sends its master over a socket; ctl, a subreaper, relays the
/// terminal's output (and with -i its input, ^D at the end) and waits for the process.
fn exec_on_own_terminal(
    m: &Manager,
    c: &ctl::container::lifecycle::Container,
    mut opts: ExecOptions,
) -> Result<ExitCode> {
    use std::os::unix::net::UnixListener;
    // SAFETY: prctl(PR_SET_CHILD_SUBREAPER) only changes how this process's orphaned
    // descendants are reparented: the exec'd process, once the runtime exits, is ours.
    if unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) } != 0 {
        anyhow::bail!(
            "cannot become a subreaper: {}",
            std::io::Error::last_os_error()
        );
    }
    let dir = tempfile::Builder::new().prefix("ctl-exec-").tempdir()?;
    let socket = dir.path().join("console.sock");
    let pid_file = dir.path().join("pid");
    let listener = UnixListener::bind(&socket)?;
    listener.set_nonblocking(true)?;
    opts.detach = true;
    opts.console = Some((socket, pid_file.clone()));
    let (mut cmd, log) = m.exec_command(c, &opts)?;
    cmd.stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| anyhow::anyhow!("cannot run the OCI runtime: {e}"))?;
    let relay = child
        .stderr
        .take()
        .map(|pipe| relay_stderr(pipe, log.clone()));
    // The runtime connects before it exits; if it fails first, there is nothing to accept.
    let mut conn = None;
    let status = loop {
        if conn.is_none() {
            match listener.accept() {
                Ok((s, _)) => conn = Some(s),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e.into()),
            }
        }
        if let Some(st) = child.try_wait()? {
            if conn.is_none() {
                if let Ok((s, _)) = listener.accept() {
                    conn = Some(s);
                }
            }
            break st;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    if let Some(done) = relay {
        let _ = done.recv_timeout(Duration::from_secs(1));
    }
    if !status.success() {
        return Ok(ExitCode::from(exec_status(status.code(), &log)?));
    }
    let _ = std::fs::remove_file(&log);
    let conn = conn.ok_or_else(|| anyhow::anyhow!("the OCI runtime sent no terminal"))?;
    conn.set_nonblocking(false)?;
    let master = std::fs::File::from(ctl_monitor::console::recv_fd(std::os::fd::AsFd::as_fd(
        &conn,
    ))?);
    let pid: i32 = std::fs::read_to_string(&pid_file)?
        .trim()
        .parse()
        .map_err(|_| anyhow::anyhow!("the OCI runtime wrote no pid"))?;
    // Output: until the terminal closes (EIO once no process holds it).
    let mut reader = master.try_clone()?;
    let (tx, output_done) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 16 * 1024];
        let mut out = std::io::stdout();
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || out.write_all(&buf[..n]).and_then(|_| out.flush()).is_err() {
                break;
            }
        }
        drop(tx);
    });
    if opts.interactive {
        let mut writer = master.try_clone()?;
        std::thread::spawn(move || {
            let mut stdin = std::io::stdin();
            let mut buf = vec![0u8; 16 * 1024];
            while let Ok(n) = stdin.read(&mut buf) {
                if n == 0 || writer.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
            // End of input: the terminal's end-of-file character.
            let _ = writer.write_all(&[4]);
        });
    }
    drop(master);
    let code = loop {
        use nix::sys::wait::{waitpid, WaitStatus};
        match waitpid(nix::unistd::Pid::from_raw(pid), None) {
            Ok(WaitStatus::Exited(_, code)) => break code.clamp(0, 255) as u8,
            Ok(WaitStatus::Signaled(_, sig, _)) => break (128 + sig as i32).clamp(0, 255) as u8,
            Ok(_) => continue,
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => anyhow::bail!("waiting for the exec'd process {pid}: {e}"),
        }
    };
    // What the process wrote last; a process it left behind may keep the terminal open.
    let _ = output_done.recv_timeout(Duration::from_secs(1));
    Ok(ExitCode::from(code))
}

/// Copies the runtime's stderr (which is also the process's) to ours as it comes, less the
/// runtime's own fatal error, which ctl reports once as its error. The channel closes at EOF.
fn relay_stderr(mut pipe: ChildStderr, log: PathBuf) -> mpsc::Receiver<()> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 16 * 1024];
        let mut err = std::io::stderr();
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            // runc logs an error before printing it, so the log already holds it here.
            let logged = match std::fs::metadata(&log) {
                Ok(m) if m.len() > 0 => logged_errors(&log),
                _ => Vec::new(),
            };
            let _ = err.write_all(&strip_logged(&buf[..n], &logged));
            let _ = err.flush();
        }
        drop(tx);
    });
    rx
}
