//! The command line: the only module that knows clap. Each verb has its Args and exec.

mod attach;
mod completion;
mod completion_bash;
mod docs;
mod exec;
mod exists;
mod generate;
mod images;
mod import;
mod inspect;
mod load;
mod login;
mod logs;
mod manage;
mod network;
mod output;
mod port;
mod progress;
mod ps;
mod pull;
mod rmi;
mod run;
#[cfg(test)]
mod shorts;
mod system;
mod tag;
mod template;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use ctl::context::{Context, Overrides};

/// A failure already reported to the user, exiting with this code.
#[derive(Debug, thiserror::Error)]
#[error("{1}")]
pub struct Exit(pub u8, pub String);

/// An error and its causes on one line, each cause once.
pub fn error_line(err: &anyhow::Error) -> String {
    let mut line = err.to_string();
    for cause in err.chain().skip(1) {
        let t = cause.to_string();
        if !line.contains(&t) {
            line.push_str(": ");
            line.push_str(&t);
        }
    }
    line
}

/// What `ctl --version` prints after "ctl ", as podman prints "podman version 5.8.2".
const VERSION: &str = concat!("version ", env!("CARGO_PKG_VERSION"));

#[derive(Debug, Parser)]
#[command(
    name = "ctl",
    version = VERSION,
    about = "Run and manage OCI containers and images, without a daemon",
    disable_version_flag = true,
    propagate_version = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Print the version
    // On the root command only, as podman's `-v, --version`: `-v` is a subcommand's own
    // (run's --volume, rm's --volumes).
    #[arg(short = 'v', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
    /// Send ctl's own output (stdout) to this file; the container's log is not affected
    // Before the subcommand only, as podman's root-local options.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print nothing to stdout (as --out /dev/null)
    #[arg(long, hide = true)]
    pub noout: bool,
    #[command(flatten)]
    pub global: GlobalOpts,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes, named as podman names them.
#[derive(Debug, clap::Args)]
pub struct GlobalOpts {
    /// Image and container store directory
    #[arg(long, global = true, env = "CTL_ROOT", value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Run state directory (cleared at boot)
    #[arg(long, global = true, env = "CTL_RUNROOT", value_name = "DIR")]
    pub runroot: Option<PathBuf>,
    /// OCI runtime: a name (runc, crun, youki) or a path
    #[arg(long, global = true, env = "CTL_RUNTIME", value_name = "PATH|NAME")]
    pub runtime: Option<String>,
    /// Log messages at or above this level to stderr: trace, debug, info, warn (warning),
    /// error (fatal, panic)
    #[arg(
        long,
        global = true,
        env = "CTL_LOG_LEVEL",
        default_value = "warn",
        value_name = "LEVEL"
    )]
    pub log_level: String,
    /// Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)
    #[arg(long, global = true, env = "CTL_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where events are recorded: none (ctl records no events; file and journald are
    /// refused)
    #[arg(long, global = true, value_name = "BACKEND")]
    pub events_backend: Option<String>,
    /// Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)
    #[arg(long, global = true, value_name = "MANAGER")]
    pub cgroup_manager: Option<String>,
    /// A global option for the OCI runtime (refused: ctl passes none)
    #[arg(long, global = true, value_name = "FLAG")]
    pub runtime_flag: Vec<String>,
}

/// The log levels podman takes, and the level each one means here.
const LOG_LEVELS: [(&str, &str); 8] = [
    ("trace", "trace"),
    ("debug", "debug"),
    ("info", "info"),
    ("warn", "warn"),
    ("warning", "warn"),
    ("error", "error"),
    ("fatal", "error"),
    ("panic", "error"),
];

impl GlobalOpts {
    /// The options ctl takes for podman's sake but cannot honour, refused with the reason.
    fn check_unsupported(&self) -> Result<()> {
        match self.events_backend.as_deref() {
            None | Some("none") => {}
            Some(b @ ("file" | "journald")) => anyhow::bail!(
                "--events-backend {b} is not supported: ctl records no events (use none)"
            ),
            Some(b) => anyhow::bail!("{b:?} is not a valid events backend: invalid argument"),
        }
        match self.cgroup_manager.as_deref() {
            None | Some("cgroupfs") => {}
            Some("systemd") => anyhow::bail!(
                "--cgroup-manager systemd is not supported: ctl manages container cgroups \
                 itself (cgroupfs)"
            ),
            Some(m) => anyhow::bail!("invalid cgroup manager {m} requested: invalid argument"),
        }
        if let Some(f) = self.runtime_flag.first() {
            anyhow::bail!(
                "--runtime-flag {f} is not supported: ctl passes no extra options to the OCI \
                 runtime"
            );
        }
        Ok(())
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create and start a container
    #[command(disable_help_flag = true)]
    Run(run::RunArgs),
    /// Create a container without starting it
    #[command(disable_help_flag = true)]
    Create(run::CreateFlags),
    /// Start containers
    Start(manage::StartArgs),
    /// Stop running containers (stop signal, then SIGKILL after the timeout)
    Stop(manage::StopArgs),
    /// Restart containers
    Restart(manage::RestartArgs),
    /// Send a signal to running containers
    Kill(manage::KillArgs),
    /// Run a command in a running container
    Exec(exec::Args),
    /// Attach to a running container's input and output
    Attach(attach::Args),
    /// Remove containers
    Rm(manage::RmArgs),
    /// Wait for containers to stop and print their exit codes
    Wait(manage::WaitArgs),
    /// Print a container's output
    Logs(logs::Args),
    /// List containers
    #[command(visible_alias = "list")]
    Ps(ps::Args),
    /// List a container's published ports
    Port(port::Args),
    /// Manage networks
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// Manage containers
    #[command(subcommand)]
    Container(ContainerCommand),
    /// Pull an image from a registry
    Pull(pull::Args),
    /// List images
    #[command(alias = "image-ls")]
    Images(images::Args),
    /// Manage images
    #[command(subcommand)]
    Image(ImageCommand),
    /// Show details of images as JSON
    Inspect(inspect::Args),
    /// Add names to an image
    Tag(tag::Args),
    /// Remove images
    Rmi(rmi::Args),
    /// Load images from a docker-archive or oci-archive tarball
    Load(load::Args),
    /// Create an image from a root filesystem tarball
    Import(import::Args),
    /// Save registry credentials
    Login(login::LoginArgs),
    /// Remove saved registry credentials
    Logout(login::LogoutArgs),
    /// Generate systemd units for containers
    #[command(subcommand)]
    Generate(generate::GenerateCommand),
    /// Show what ctl runs with (rootless mode, id mappings, storage, runtime, network)
    Info(system::InfoArgs),
    /// Manage ctl: what it runs with, the rootless user namespace, pruning
    #[command(subcommand)]
    System(system::SystemCommand),
    /// Rootless: run a command as root of the user namespace (default: $SHELL)
    Unshare(system::UnshareArgs),
    /// Print ctl's version
    Version(system::VersionArgs),
    /// Print a shell completion script (bash, zsh or fish)
    Completion(completion::Args),
    /// List completion candidates (run by the completion scripts)
    #[command(name = "__complete", hide = true)]
    Complete(completion::CompleteArgs),
    /// Write completions/ and packaging/man/ from these definitions
    #[command(name = "__generate-docs", hide = true)]
    GenerateDocs(docs::Args),
}

#[derive(Debug, Subcommand)]
pub enum ContainerCommand {
    /// Create and start a container
    #[command(disable_help_flag = true)]
    Run(run::RunArgs),
    /// Create a container without starting it
    #[command(disable_help_flag = true)]
    Create(run::CreateFlags),
    /// Start containers
    Start(manage::StartArgs),
    /// Stop running containers
    Stop(manage::StopArgs),
    /// Restart containers
    Restart(manage::RestartArgs),
    /// Send a signal to running containers
    Kill(manage::KillArgs),
    /// Run a command in a running container
    Exec(exec::Args),
    /// Attach to a running container's input and output
    Attach(attach::Args),
    /// Remove containers
    Rm(manage::RmArgs),
    /// Wait for containers to stop and print their exit codes
    Wait(manage::WaitArgs),
    /// Print a container's output
    Logs(logs::Args),
    /// List containers
    #[command(alias = "ps", alias = "list")]
    Ls(ps::Args),
    /// Show details of containers as JSON
    Inspect(inspect::KindArgs),
    /// List a container's published ports
    Port(port::Args),
    /// Remove all stopped containers
    Prune(manage::PruneArgs),
    /// Exit 0 if a container exists, 1 if not
    Exists(exists::ContainerArgs),
    /// Record a container's exit and release its resources (run by its monitor)
    #[command(hide = true)]
    Cleanup(manage::CleanupArgs),
}

#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// List images
    #[command(alias = "list")]
    Ls(images::Args),
    /// Pull an image from a registry
    Pull(pull::Args),
    /// Show details of images as JSON
    Inspect(inspect::KindArgs),
    /// Add names to an image
    Tag(tag::Args),
    /// Remove images
    Rm(rmi::Args),
    /// Load images from a docker-archive or oci-archive tarball
    Load(load::Args),
    /// Create an image from a root filesystem tarball
    Import(import::Args),
    /// Exit 0 if an image exists, 1 if not
    Exists(exists::Args),
}

pub fn run() -> Result<ExitCode> {
    let cli = parse_args();
    let Some(level) = LOG_LEVELS
        .iter()
        .find(|(name, _)| *name == cli.global.log_level)
        .map(|(_, level)| *level)
    else {
        // podman's words, without "Error:", and its exit code.
        let names: Vec<&str> = LOG_LEVELS.iter().map(|(n, _)| *n).collect();
        eprintln!(
            "Log Level {:?} is not supported, choose from: {}",
            cli.global.log_level,
            names.join(", ")
        );
        return Ok(ExitCode::from(1));
    };
    if let Some(code) = redirect_stdout(&cli) {
        return Ok(code);
    }
    init_logging(level);
    cli.global.check_unsupported()?;
    match &cli.command {
        Command::Completion(a) => return completion::print(a),
        Command::GenerateDocs(a) => return docs::generate(a),
        Command::Version(a) => return system::version(a),
        _ => {}
    }
    let ctx = Context::resolve(Overrides {
        config_file: cli.global.config.clone(),
        root: cli.global.root.clone(),
        runroot: cli.global.runroot.clone(),
        runtime: cli.global.runtime.clone(),
        auth_file: std::env::var_os("REGISTRY_AUTH_FILE").map(PathBuf::from),
    })?;
    // A rootless ctl works inside its user namespace: join it now, while this process has
    // one thread (setns into a user namespace requires it).
    let leaves_pause = matches!(cli.command, Command::System(system::SystemCommand::Migrate))
        && ctl::rootless::pause::running(&ctx.runroot, ctx.uid).is_none();
    if !leaves_pause {
        let joined = ctl::rootless::pause::join(&ctx)?;
        for w in joined.warnings {
            eprintln!("Warning: {w}");
        }
    }
    match cli.command {
        Command::Info(a) | Command::System(system::SystemCommand::Info(a)) => {
            system::info(&ctx, &a)
        }
        Command::System(system::SystemCommand::Migrate) => system::migrate(&ctx),
        Command::System(system::SystemCommand::Prune(a)) => system::prune(&ctx, &a),
        Command::Unshare(a) => system::unshare(&ctx, a),
        Command::Run(a) | Command::Container(ContainerCommand::Run(a)) => run::run(&ctx, a),
        Command::Create(a) | Command::Container(ContainerCommand::Create(a)) => {
            run::create(&ctx, a)
        }
        Command::Start(a) | Command::Container(ContainerCommand::Start(a)) => {
            manage::start(&ctx, a)
        }
        Command::Stop(a) | Command::Container(ContainerCommand::Stop(a)) => manage::stop(&ctx, a),
        Command::Restart(a) | Command::Container(ContainerCommand::Restart(a)) => {
            manage::restart(&ctx, a)
        }
        Command::Kill(a) | Command::Container(ContainerCommand::Kill(a)) => manage::kill(&ctx, a),
        Command::Exec(a) | Command::Container(ContainerCommand::Exec(a)) => exec::exec(&ctx, a),
        Command::Attach(a) | Command::Container(ContainerCommand::Attach(a)) => {
            attach::exec(&ctx, a)
        }
        Command::Rm(a) | Command::Container(ContainerCommand::Rm(a)) => manage::rm(&ctx, a),
        Command::Wait(a) | Command::Container(ContainerCommand::Wait(a)) => manage::wait(&ctx, a),
        Command::Logs(a) | Command::Container(ContainerCommand::Logs(a)) => logs::exec(&ctx, a),
        Command::Ps(a) | Command::Container(ContainerCommand::Ls(a)) => ps::exec(&ctx, a),
        Command::Container(ContainerCommand::Inspect(a)) => {
            inspect::exec(&ctx, a.of(inspect::Kind::Container))
        }
        Command::Container(ContainerCommand::Prune(a)) => manage::prune(&ctx, a),
        Command::Container(ContainerCommand::Exists(a)) => exists::container(&ctx, &a),
        Command::Image(ImageCommand::Exists(a)) => exists::image(&ctx, &a),
        Command::Port(a) | Command::Container(ContainerCommand::Port(a)) => port::exec(&ctx, a),
        Command::Network(a) => network::exec(&ctx, a),
        Command::Container(ContainerCommand::Cleanup(a)) => manage::cleanup(&ctx, a),
        Command::Pull(a) | Command::Image(ImageCommand::Pull(a)) => pull::exec(&ctx, a),
        Command::Images(a) | Command::Image(ImageCommand::Ls(a)) => images::exec(&ctx, a),
        Command::Inspect(a) => inspect::exec(&ctx, a),
        Command::Image(ImageCommand::Inspect(a)) => inspect::exec(&ctx, a.of(inspect::Kind::Image)),
        Command::Tag(a) | Command::Image(ImageCommand::Tag(a)) => tag::exec(&ctx, a),
        Command::Rmi(a) | Command::Image(ImageCommand::Rm(a)) => rmi::exec(&ctx, a),
        Command::Load(a) | Command::Image(ImageCommand::Load(a)) => load::exec(&ctx, a),
        Command::Import(a) | Command::Image(ImageCommand::Import(a)) => import::exec(&ctx, a),
        Command::Login(a) => login::login(&ctx, a),
        Command::Logout(a) => login::logout(&ctx, a),
        Command::Complete(a) => completion::complete(&ctx, &a),
        Command::Generate(a) => generate::exec(&ctx, a),
        Command::Completion(_) | Command::GenerateDocs(_) | Command::Version(_) => {
            unreachable!("handled above")
        }
    }
}

/// The command line's definition, parsed as podman's (pflag's) parser parses: a repeated
/// option's last value wins (`--name a --name b`), and an option's value may start with a
/// hyphen (`--since -1s`, `kill -s -1`), except where the value is optional (`--tls-verify`
/// alone). Parsing, help, man pages and completions all come from this one definition.
pub fn command() -> clap::Command {
    fn as_pflag(cmd: clap::Command) -> clap::Command {
        cmd.args_override_self(true)
            .mut_args(|a| {
                let optional = a.get_num_args().is_some_and(|r| r.min_values() == 0);
                if a.is_positional() || !a.get_action().takes_values() || optional {
                    a
                } else {
                    a.allow_hyphen_values(true)
                }
            })
            .mut_subcommands(as_pflag)
    }
    as_pflag(<Cli as clap::CommandFactory>::command())
}

/// Parses the command line. `--help` and `--version` print and exit 0 as clap does; any
/// usage error is reported in podman's words and exits 125.
fn parse_args() -> Cli {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match parse(&argv) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                e.exit();
            }
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand
            ) {
                // podman's: the group's help on stdout, then what is missing.
                println!("{}", help_of(&argv).trim_end());
            }
            eprintln!("Error: {}", usage_error(&e, &argv));
            std::process::exit(125);
        }
    }
}

/// For tests: the command line parsed as ctl parses it.
#[cfg(test)]
pub fn try_parse(argv: &[&str]) -> Result<Cli, clap::Error> {
    let argv: Vec<std::ffi::OsString> = argv.iter().map(Into::into).collect();
    parse(&argv)
}

fn parse(argv: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    command()
        .try_get_matches_from(argv)
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m))
}

/// The command a command line names (`ctl container ls`), as podman's messages name it:
/// its subcommand words, options and their values skipped.
fn command_path(argv: &[std::ffi::OsString]) -> String {
    let mut root = command();
    root.build();
    let mut cmd = &root;
    let mut path = vec![cmd.get_name().to_string()];
    let mut words = argv.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(w) = words.next() {
        if w == "--" {
            break;
        }
        let takes_value = |a: &clap::Arg| {
            a.get_action().takes_values() && a.get_num_args().is_none_or(|r| r.min_values() > 0)
        };
        if let Some(long) = w.strip_prefix("--") {
            let found = cmd.get_arguments().find(|a| a.get_long() == Some(long));
            if found.is_some_and(takes_value) {
                words.next();
            }
        } else if let Some(shorts) = w.strip_prefix('-').filter(|s| !s.is_empty()) {
            // The value of the last of a bundle may follow it (`-dp 80`); of any other,
            // it is the rest of the word.
            let last = shorts.chars().last();
            let found = cmd.get_arguments().find(|a| a.get_short() == last);
            let rest_is_value = shorts.chars().take(shorts.chars().count() - 1).any(|c| {
                cmd.get_arguments()
                    .any(|a| a.get_short() == Some(c) && takes_value(a))
            });
            if found.is_some_and(takes_value) && !rest_is_value {
                words.next();
            }
        } else {
            match cmd.find_subcommand(w.as_ref()) {
                Some(sub) => {
                    path.push(sub.get_name().to_string());
                    cmd = sub;
                }
                None => break,
            }
        }
    }
    path.join(" ")
}

/// The help of the command a command line names.
fn help_of(argv: &[std::ffi::OsString]) -> String {
    let mut root = command();
    root.build();
    let path = command_path(argv);
    let mut cmd = root;
    for word in path.split_whitespace().skip(1) {
        match cmd.find_subcommand(word) {
            Some(sub) => cmd = sub.clone(),
            None => break,
        }
    }
    cmd.render_help().to_string()
}

/// A usage error as podman (cobra and pflag) words it, without "Error: ". Flag errors end
/// with `See 'ctl CMD --help'`, as podman's do; the words a user typed are escaped.
fn usage_error(e: &clap::Error, argv: &[std::ffi::OsString]) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(ctl::text::escape(s).into_owned()),
        _ => None,
    };
    let path = ctl::text::escape(&command_path(argv)).into_owned();
    let see = |msg: String| format!("{msg}\nSee '{path} --help'");
    match e.kind() {
        ErrorKind::UnknownArgument => match context(ContextKind::InvalidArg) {
            Some(arg) if arg.starts_with('-') => see(unknown_flag(&arg)),
            // A word where the command takes none.
            Some(arg) => format!("unexpected argument \"{arg}\""),
            None => ctl::text::escape(&usage_line(e)).into_owned(),
        },
        ErrorKind::InvalidSubcommand => {
            let sub = context(ContextKind::InvalidSubcommand).unwrap_or_default();
            let suggested = match e.get(ContextKind::SuggestedSubcommand) {
                Some(ContextValue::String(s)) => vec![s.clone()],
                Some(ContextValue::Strings(v)) => v.clone(),
                _ => vec![],
            };
            if suggested.is_empty() {
                format!(
                    "unrecognized command `{path} {sub}`\nTry '{path} --help' for more information"
                )
            } else {
                format!(
                    "unrecognized command `{path} {sub}`\n\nDid you mean this?\n\t{}\n\n\
                     Try '{path} --help' for more information",
                    suggested.join("\n\t")
                )
            }
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            format!("missing command '{path} COMMAND'")
        }
        // A value missing at the end of the line: pflag's words, naming the option as typed.
        ErrorKind::InvalidValue if missing_value(e, argv) => {
            let typed = argv.last().map(|a| a.to_string_lossy()).unwrap_or_default();
            let typed = ctl::text::escape(&typed).into_owned();
            match typed.strip_prefix('-') {
                Some(short) if !short.starts_with('-') => {
                    let c = short.chars().last().unwrap_or('-');
                    see(format!("flag needs an argument: '{c}' in {typed}"))
                }
                _ => see(format!("flag needs an argument: {typed}")),
            }
        }
        _ => ctl::text::escape(&usage_line(e)).into_owned(),
    }
}

/// An option that takes a value ended the line (`run --name`).
fn missing_value(e: &clap::Error, argv: &[std::ffi::OsString]) -> bool {
    use clap::error::{ContextKind, ContextValue};
    let empty = match e.get(ContextKind::InvalidValue) {
        Some(ContextValue::String(v)) => v.is_empty(),
        None => true,
        _ => false,
    };
    let last = argv.last().map(|a| a.to_string_lossy()).unwrap_or_default();
    empty && last.starts_with('-') && !last.contains('=')
}

/// podman's (cobra's) wording for an option nobody defined.
fn unknown_flag(arg: &str) -> String {
    let flag = arg.split('=').next().unwrap_or(arg);
    match flag.strip_prefix('-') {
        Some(short) if !short.starts_with('-') => {
            let c = short.chars().next().unwrap_or('-');
            format!("unknown shorthand flag: '{c}' in {flag}")
        }
        _ if flag.starts_with("--") => format!("unknown flag: {flag}"),
        _ => format!("unexpected argument \"{arg}\""),
    }
}

/// clap's message without its "error:" prefix, usage and tips, joined into one line.
fn usage_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty() && !l.starts_with("tip:"))
        .collect();
    let line = lines.join(" ");
    line.strip_prefix("error: ").unwrap_or(&line).to_string()
}

/// `--out FILE` and `--noout`: ctl's own stdout goes to the file (or nowhere). Returns the
/// exit code when the file cannot be opened (podman's words and code).
fn redirect_stdout(cli: &Cli) -> Option<ExitCode> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let path = if cli.noout {
        PathBuf::from("/dev/null")
    } else {
        cli.out.clone()?
    };
    let opened = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o777)
        .open(&path);
    let file = match opened {
        Ok(f) => f,
        Err(e) => {
            eprintln!(
                "unable to open file for standard output: open {}: {}",
                ctl::text::escape(&path.to_string_lossy()),
                ctl::container::checks::errno_text(&e)
            );
            return Some(ExitCode::from(1));
        }
    };
    // SAFETY: dup2 of a file we hold open onto fd 1. Nothing was written to stdout yet, so
    // no buffered output goes to the old one.
    if unsafe { libc::dup2(file.as_raw_fd(), libc::STDOUT_FILENO) } < 0 {
        eprintln!(
            "unable to open file for standard output: {}",
            std::io::Error::last_os_error()
        );
        return Some(ExitCode::from(1));
    }
    None
}

fn init_logging(level: &str) {
    let filter = tracing_subscriber::EnvFilter::new(format!("ctl={level},oci_client={level}"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .init();
}

/// Opens the image store named by the context.
fn open_store(ctx: &Context) -> Result<ctl::image::store::Store> {
    Ok(ctl::image::store::Store::open(&ctx.root)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_args(argv: &[&str]) -> run::RunArgs {
        let cli = try_parse(argv).unwrap_or_else(|e| panic!("{argv:?}: {e}"));
        match cli.command {
            Command::Run(a) => a,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn options_before_the_image_are_ctl_s_and_after_it_the_command_s() {
        let a = run_args(&["ctl", "run", "--rm", "bb", "echo", "--rm", "-x"]);
        assert!(a.flags.rm);
        assert_eq!(a.flags.image(), "bb");
        assert_eq!(a.flags.command(), ["echo", "--rm", "-x"]);
        let a = run_args(&["ctl", "run", "bb", "--rm"]);
        assert!(!a.flags.rm);
        assert_eq!(a.flags.command(), ["--rm"]);
        let a = run_args(&["ctl", "run", "bb", "-"]);
        assert_eq!(a.flags.command(), ["-"]);
        let a = run_args(&["ctl", "run", "bb"]);
        assert!(a.flags.command().is_empty());
        let cli = try_parse(&["ctl", "exec", "-t", "box", "ls", "-t", "--rm"]).unwrap();
        let Command::Exec(e) = cli.command else {
            panic!("exec")
        };
        assert!(e.tty);
        assert_eq!(e.target_and_command, ["box", "ls", "-t", "--rm"]);
    }

    #[test]
    fn an_unknown_flag_before_the_image_is_a_usage_error() {
        for argv in [
            &["ctl", "run", "--bogus-flag", "bb"][..],
            &["ctl", "create", "--bogus-flag", "bb"][..],
            &["ctl", "container", "run", "-Z", "bb", "sh"][..],
            &["ctl", "exec", "--bogus-flag", "box", "sh"][..],
            &["ctl", "unshare", "--bogus-flag"][..],
        ] {
            let e = try_parse(argv).unwrap_err();
            assert_eq!(
                e.kind(),
                clap::error::ErrorKind::UnknownArgument,
                "{argv:?}"
            );
        }
    }

    /// pflag's: the last of a repeated option wins; a value may start with a hyphen.
    #[test]
    fn options_parse_as_podman_s() {
        let a = run_args(&["ctl", "run", "--name", "a", "--name=b", "-d", "-d", "bb"]);
        assert_eq!(a.flags.name.as_deref(), Some("b"));
        assert!(a.detach);
        let a = run_args(&["ctl", "run", "-e", "A=1", "-e", "B=2", "--rm", "--rm", "bb"]);
        assert_eq!(a.flags.env, ["A=1", "B=2"], "lists still gather");
        let a = run_args(&["ctl", "run", "--entrypoint", "-x", "--name", "-n", "bb"]);
        assert_eq!(a.flags.entrypoint.as_deref(), Some("-x"));
        assert_eq!(a.flags.name.as_deref(), Some("-n"));
        // An optional value is never the next word.
        let a = run_args(&["ctl", "run", "--tls-verify", "--rm", "bb"]);
        assert_eq!((a.flags.tls_verify, a.flags.rm), (Some(true), true));
        let Ok(Cli {
            command: Command::Logs(l),
            ..
        }) = try_parse(&["ctl", "logs", "--since", "-1s", "--tail", "-1", "c"])
        else {
            panic!("logs")
        };
        assert_eq!((l.since.as_deref(), l.tail), (Some("-1s"), -1));
        let Ok(Cli {
            command: Command::Kill(k),
            ..
        }) = try_parse(&["ctl", "kill", "-s", "-1", "c"])
        else {
            panic!("kill")
        };
        assert_eq!(k.signal, "-1");
    }

    #[test]
    fn run_and_create_take_h_for_the_host_name() {
        let a = run_args(&["ctl", "run", "-h", "myhost", "bb"]);
        assert_eq!(a.flags.hostname.as_deref(), Some("myhost"));
        for argv in [
            &["ctl", "run", "--help"][..],
            &["ctl", "container", "create", "--help"],
        ] {
            let e = try_parse(argv).unwrap_err();
            assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp, "{argv:?}");
        }
        let e = try_parse(&["ctl", "ps", "-h"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp);
    }

    fn usage(argv: &[&str]) -> String {
        let e = try_parse(argv)
            .err()
            .unwrap_or_else(|| panic!("{argv:?} parsed"));
        let os: Vec<std::ffi::OsString> = argv.iter().map(Into::into).collect();
        usage_error(&e, &os)
    }

    #[test]
    fn usage_errors_are_podman_s() {
        assert_eq!(
            usage(&["ctl", "ps", "--x"]),
            "unknown flag: --x\nSee 'ctl ps --help'"
        );
        assert_eq!(
            usage(&["ctl", "--root", "/r", "container", "list", "-Z"]),
            "unknown shorthand flag: 'Z' in -Z\nSee 'ctl container ls --help'"
        );
        assert_eq!(
            usage(&["ctl", "ps", "--version"]),
            "unknown flag: --version\nSee 'ctl ps --help'"
        );
        assert_eq!(
            usage(&["ctl", "run", "-h"]),
            "flag needs an argument: 'h' in -h\nSee 'ctl run --help'"
        );
        assert_eq!(
            usage(&["ctl", "run", "-dh"]),
            "flag needs an argument: 'h' in -dh\nSee 'ctl run --help'"
        );
        assert_eq!(
            usage(&["ctl", "stop", "-t", "1", "--time"]),
            "flag needs an argument: --time\nSee 'ctl stop --help'"
        );
        assert_eq!(
            usage(&["ctl", "snuffleupagus"]),
            "unrecognized command `ctl snuffleupagus`\nTry 'ctl --help' for more information"
        );
        assert_eq!(
            usage(&["ctl", "container", "stp"]),
            "unrecognized command `ctl container stp`\n\nDid you mean this?\n\tstop\n\n\
             Try 'ctl container --help' for more information"
        );
        assert_eq!(
            usage(&["ctl", "network"]),
            "missing command 'ctl network COMMAND'"
        );
        assert_eq!(usage(&["ctl"]), "missing command 'ctl COMMAND'");
    }

    #[test]
    fn the_version_is_the_root_s_v() {
        for argv in [&["ctl", "-v"][..], &["ctl", "--version"]] {
            let e = try_parse(argv).unwrap_err();
            assert_eq!(e.kind(), clap::error::ErrorKind::DisplayVersion);
            assert_eq!(
                e.render().to_string(),
                "ctl version 0.1.0\n".replace("0.1.0", env!("CARGO_PKG_VERSION"))
            );
        }
        assert!(try_parse(&["ctl", "-V"]).is_err());
        assert!(try_parse(&["ctl", "images", "--version"]).is_err());
    }

    #[test]
    fn unknown_flags_are_named_as_podman_names_them() {
        assert_eq!(unknown_flag("--bogus-flag"), "unknown flag: --bogus-flag");
        assert_eq!(unknown_flag("--bogus=1"), "unknown flag: --bogus");
        assert_eq!(unknown_flag("-Zq"), "unknown shorthand flag: 'Z' in -Zq");
        assert_eq!(unknown_flag("foo"), "unexpected argument \"foo\"");
    }

    #[test]
    fn usage_errors_are_one_line() {
        let e = try_parse(&["ctl", "run"]).unwrap_err();
        let line = usage_line(&e);
        assert!(!line.contains('\n') && !line.starts_with("error"), "{line}");
        assert!(line.contains("<IMAGE"), "{line}");
    }

    #[test]
    fn a_value_outside_a_closed_set_is_one_line_naming_the_values() {
        for (argv, want) in [
            (
                &["ctl", "run", "--pull", "alway", "bb"][..],
                "invalid value 'alway' for '--pull <PULL>' \
                 [possible values: missing, always, never, newer]",
            ),
            (
                &["ctl", "create", "--log-driver=syslog", "bb"],
                "invalid value 'syslog' for '--log-driver <LOG_DRIVER>' \
                 [possible values: k8s-file, none, journald, passthrough]",
            ),
            (
                &["ctl", "run", "--sdnotify", "Conmon", "bb"],
                "invalid value 'Conmon' for '--sdnotify <MODE>' \
                 [possible values: container, conmon, ignore]",
            ),
            (
                &["ctl", "inspect", "-t", "pod", "x"],
                "invalid value 'pod' for '--type <KIND>' [possible values: all, container, image]",
            ),
            (
                &["ctl", "completion", "tcsh"],
                "invalid value 'tcsh' for '<SHELL>' [possible values: bash, zsh, fish]",
            ),
        ] {
            let e = try_parse(argv).unwrap_err();
            assert_eq!(e.kind(), clap::error::ErrorKind::InvalidValue, "{argv:?}");
            assert_eq!(usage_line(&e), want, "{argv:?}");
        }
    }
}
