//! `ctl login` / `ctl logout`: credentials in the auth file (containers-auth.json format).

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};

use ctl::image::auth::{self, Credentials};
use ctl::image::reference::Reference;
use ctl::image::registry::{RegistryOptions, Remote};
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct LoginArgs {
    /// User name
    #[arg(short, long)]
    pub username: Option<String>,
    /// Password (visible to other users of this machine; prefer --password-stdin)
    #[arg(short, long)]
    pub password: Option<String>,
    /// Read the password from standard input
    #[arg(long)]
    pub password_stdin: bool,
    /// Require HTTPS and verify certificates (false: plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Credentials file to write
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    /// Registry (host[:port])
    pub registry: String,
}

#[derive(Debug, clap::Args)]
pub struct LogoutArgs {
    /// Credentials file to edit
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    /// Registry (host[:port])
    pub registry: String,
}

fn registry_host(input: &str) -> Result<String> {
    let host = input
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/');
    // Validate through the reference parser: a registry is a valid first component.
    let r = Reference::parse(&format!("{host}/x"))
        .with_context(|| format!("invalid registry \"{input}\""))?;
    if !Reference::is_qualified(&format!("{host}/x")) && host != "docker.io" {
        bail!("invalid registry \"{input}\": expected host[:port]");
    }
    Ok(r.registry)
}

pub(super) fn prompt(label: &str, hide: bool) -> Result<String> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        bail!("{label} required: use --username/--password-stdin when not on a terminal");
    }
    eprint!("{label}: ");
    std::io::stderr().flush()?;
    let saved = if hide {
        use nix::sys::termios::{tcgetattr, tcsetattr, LocalFlags, SetArg};
        let saved = tcgetattr(&stdin)?;
        let mut t = saved.clone();
        t.local_flags.remove(LocalFlags::ECHO);
        tcsetattr(&stdin, SetArg::TCSANOW, &t)?;
        Some(saved)
    } else {
        None
    };
    let mut line = String::new();
    let res = stdin.lock().read_line(&mut line);
    if let Some(s) = saved {
        let _ = nix::sys::termios::tcsetattr(&stdin, nix::sys::termios::SetArg::TCSANOW, &s);
        eprintln!();
    }
    res?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub fn login(ctx: &Context, args: LoginArgs) -> Result<ExitCode> {
    let registry = registry_host(&args.registry)?;
    let username = match args.username {
        Some(u) => u,
        None => prompt("Username", false)?,
    };
    let password = if args.password_stdin {
        let mut s = String::new();
        std::io::stdin().lock().read_line(&mut s)?;
        s.trim_end_matches(['\r', '\n']).to_string()
    } else if let Some(p) = args.password {
        p
    } else {
        prompt("Password", true)?
    };
    if username.is_empty() || password.is_empty() {
        bail!("username and password must not be empty");
    }
    let creds = Credentials { username, password };
    let probe = Reference::parse(&format!("{registry}/ctl-login-check:latest"))?;
    let opts = RegistryOptions {
        tls_verify: args.tls_verify,
        platform: None,
        credentials: Some(creds.clone()),
    };
    let remote = Remote::new(ctx, &probe, &opts)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(remote.check_login())
        .with_context(|| format!("logging in to {registry}"))?;
    let file = args.authfile.unwrap_or_else(|| ctx.auth_file.clone());
    auth::store(&file, &registry, &creds)?;
    println!("Login Succeeded!");
    Ok(ExitCode::SUCCESS)
}

pub fn logout(ctx: &Context, args: LogoutArgs) -> Result<ExitCode> {
    let registry = registry_host(&args.registry)?;
    let file = args.authfile.unwrap_or_else(|| ctx.auth_file.clone());
    if !auth::remove(&file, &registry)? {
        bail!("not logged into {registry}");
    }
    println!("Removed login credentials for {registry}");
    Ok(ExitCode::SUCCESS)
}
