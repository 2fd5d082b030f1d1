//! The command line: the only module that knows clap. Each verb has its Args and exec.

mod attach;
mod completion;
mod completion_bash;
mod docs;
mod exec;
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

#[derive(Debug, Parser)]
#[command(
    name = "ctl",
    version,
    about = "Run and manage OCI containers and images, without a daemon",
    propagate_version = true,
    disable_help_subcommand = true
)]
pub struct Cli {
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
    /// Log messages at or above this level to stderr
    #[arg(
        long,
        global = true,
        env = "CTL_LOG_LEVEL",
        default_value = "warn",
        value_parser = ["trace", "debug", "info", "warn", "error"]
    )]
    pub log_level: String,
    /// Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)
    #[arg(long, global = true, env = "CTL_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create and start a container
    Run(run::RunArgs),
    /// Create a container without starting it
    Create(run::CreateFlags),
    /// Start containers
    Start(manage::StartArgs),
    /// Stop running containers (stop signal, then SIGKILL after the timeout)
    Stop(manage::StopArgs),
    /// Restart containers
    Restart(manage::StopArgs),
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
    Run(run::RunArgs),
    /// Create a container without starting it
    Create(run::CreateFlags),
    /// Start containers
    Start(manage::StartArgs),
    /// Stop running containers
    Stop(manage::StopArgs),
    /// Restart containers
    Restart(manage::StopArgs),
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
    Inspect(inspect::Args),
    /// List a container's published ports
    Port(port::Args),
    /// Remove all stopped containers
    Prune(manage::PruneArgs),
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
    Inspect(inspect::Args),
    /// Add names to an image
    Tag(tag::Args),
    /// Remove images
    Rm(rmi::Args),
    /// Load images from a docker-archive or oci-archive tarball
    Load(load::Args),
    /// Create an image from a root filesystem tarball
    Import(import::Args),
}

pub fn run() -> Result<ExitCode> {
    let cli = parse_args()?;
    init_logging(&cli.global.log_level);
    match &cli.command {
        Command::Completion(a) => return completion::print(a),
        Command::GenerateDocs(a) => return docs::generate(a),
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
        Command::Container(ContainerCommand::Inspect(mut a)) => {
            a.kind = inspect::Kind::Container;
            inspect::exec(&ctx, a)
        }
        Command::Container(ContainerCommand::Prune(a)) => manage::prune(&ctx, a),
        Command::Port(a) | Command::Container(ContainerCommand::Port(a)) => port::exec(&ctx, a),
        Command::Network(a) => network::exec(&ctx, a),
        Command::Container(ContainerCommand::Cleanup(a)) => manage::cleanup(&ctx, a),
        Command::Pull(a) | Command::Image(ImageCommand::Pull(a)) => pull::exec(&ctx, a),
        Command::Images(a) | Command::Image(ImageCommand::Ls(a)) => images::exec(&ctx, a),
        Command::Inspect(a) => inspect::exec(&ctx, a),
        Command::Image(ImageCommand::Inspect(a)) => inspect::exec_image(&ctx, a),
        Command::Tag(a) | Command::Image(ImageCommand::Tag(a)) => tag::exec(&ctx, a),
        Command::Rmi(a) | Command::Image(ImageCommand::Rm(a)) => rmi::exec(&ctx, a),
        Command::Load(a) | Command::Image(ImageCommand::Load(a)) => load::exec(&ctx, a),
        Command::Import(a) | Command::Image(ImageCommand::Import(a)) => import::exec(&ctx, a),
        Command::Login(a) => login::login(&ctx, a),
        Command::Logout(a) => login::logout(&ctx, a),
        Command::Complete(a) => completion::complete(&ctx, &a),
        Command::Generate(a) => generate::exec(&ctx, a),
        Command::Completion(_) | Command::GenerateDocs(_) => unreachable!("handled above"),
    }
}

/// Parses the command line. `--help` and `--version` print and exit as clap does; a usage
/// error becomes one line in podman's words (`unknown flag: --x`), exit code 125.
fn parse_args() -> Result<Cli> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let e = match Cli::try_parse() {
        Ok(cli) => return Ok(cli),
        Err(e) => e,
    };
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let message = match (e.kind(), context(ContextKind::InvalidArg)) {
        (ErrorKind::UnknownArgument, Some(arg)) => unknown_flag(&arg),
        (ErrorKind::InvalidSubcommand, _) => match context(ContextKind::InvalidSubcommand) {
            Some(sub) => format!("unrecognized command `ctl {sub}`"),
            None => usage_line(&e),
        },
        _ => usage_line(&e),
    };
    Err(anyhow::anyhow!(message))
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
        let cli = Cli::try_parse_from(argv).unwrap_or_else(|e| panic!("{argv:?}: {e}"));
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
        let cli = Cli::try_parse_from(["ctl", "exec", "-t", "box", "ls", "-t", "--rm"]).unwrap();
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
            let e = Cli::try_parse_from(argv).unwrap_err();
            assert_eq!(
                e.kind(),
                clap::error::ErrorKind::UnknownArgument,
                "{argv:?}"
            );
        }
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
        let e = Cli::try_parse_from(["ctl", "run"]).unwrap_err();
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
                &["ctl", "container", "inspect", "--type", "pod", "x"],
                "invalid value 'pod' for '--type <KIND>' [possible values: all, container, image]",
            ),
            (
                &["ctl", "completion", "tcsh"],
                "invalid value 'tcsh' for '<SHELL>' [possible values: bash, zsh, fish]",
            ),
        ] {
            let e = Cli::try_parse_from(argv).unwrap_err();
            assert_eq!(e.kind(), clap::error::ErrorKind::InvalidValue, "{argv:?}");
            assert_eq!(usage_line(&e), want, "{argv:?}");
        }
    }
}
