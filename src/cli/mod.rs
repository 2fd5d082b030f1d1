//! The command line: the only module that knows clap. Each verb has its Args and exec.

mod attach;
mod build;
mod build_run;
mod check;
mod commands;
mod commit;
#[cfg(test)]
mod compat;
mod completion;
mod completion_bash;
mod cp;
mod df;
mod docs;
mod events;
mod exec;
mod exists;
mod export;
mod generate;
mod generate_pod;
mod global;
mod healthcheck;
mod history;
mod images;
mod import;
mod inspect;
mod kube;
mod kube_generate;
mod kube_play;
mod limits;
mod load;
mod login;
mod logs;
mod manage;
mod mount;
mod network;
mod output;
mod parse;
mod pause;
mod pod;
mod pod_observe;
mod pod_ps;
mod port;
mod progress;
mod prune;
mod ps;
mod ps_size;
mod pull;
mod push;
mod rename;
mod rmi;
mod run;
mod run_extras;
mod run_pod;
mod save;
mod secret;
#[cfg(test)]
mod shorts;
mod stats;
mod system;
mod tag;
mod template;
mod top;
mod update;
mod usage;
mod volume;
mod volume_data;
mod wait;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use ctl::context::{Context, Overrides};

pub use commands::{BuildxCommand, Command, ContainerCommand, ImageCommand};
use global::{init_logging, redirect_stdout, LOG_LEVELS};
pub use parse::command;
use parse::parse_args;
#[cfg(test)]
pub use parse::try_parse;

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
        events_backend: cli.global.events_backend.clone(),
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
        Command::Events(a) | Command::System(system::SystemCommand::Events(a)) => {
            events::exec(&ctx, a)
        }
        Command::System(system::SystemCommand::Prune(a)) => prune::system(&ctx, a),
        Command::System(system::SystemCommand::Df(a)) => df::exec(&ctx, a),
        Command::System(system::SystemCommand::Reset(a)) => check::reset(&ctx, a),
        Command::System(system::SystemCommand::Check(a)) => check::check(&ctx, a),
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
        Command::Wait(a) | Command::Container(ContainerCommand::Wait(a)) => wait::wait(&ctx, a),
        Command::Pause(a) | Command::Container(ContainerCommand::Pause(a)) => pause::pause(&ctx, a),
        Command::Unpause(a) | Command::Container(ContainerCommand::Unpause(a)) => {
            pause::unpause(&ctx, a)
        }
        Command::Init(a) | Command::Container(ContainerCommand::Init(a)) => pause::init(&ctx, a),
        Command::Update(a) | Command::Container(ContainerCommand::Update(a)) => {
            update::update(&ctx, a)
        }
        Command::Logs(a) | Command::Container(ContainerCommand::Logs(a)) => logs::exec(&ctx, a),
        Command::Ps(a) | Command::Container(ContainerCommand::Ls(a)) => ps::exec(&ctx, a),
        Command::Container(ContainerCommand::Inspect(a)) => inspect::exec(&ctx, a.into()),
        Command::Container(ContainerCommand::Prune(a)) => prune::container(&ctx, a),
        Command::Image(ImageCommand::Prune(a)) => prune::image(&ctx, a),
        Command::Container(ContainerCommand::Exists(a)) => exists::container(&ctx, &a),
        Command::Image(ImageCommand::Exists(a)) => exists::image(&ctx, &a),
        Command::Port(a) | Command::Container(ContainerCommand::Port(a)) => port::exec(&ctx, a),
        Command::Rename(a) | Command::Container(ContainerCommand::Rename(a)) => {
            rename::exec(&ctx, a)
        }
        Command::Stats(a) | Command::Container(ContainerCommand::Stats(a)) => stats::exec(&ctx, a),
        Command::Top(a) | Command::Container(ContainerCommand::Top(a)) => top::exec(&ctx, a),
        Command::Export(a) | Command::Container(ContainerCommand::Export(a)) => {
            export::export(&ctx, a)
        }
        Command::Commit(a) | Command::Container(ContainerCommand::Commit(a)) => {
            commit::exec(&ctx, a)
        }
        Command::Diff(a) => export::diff(&ctx, a, "ctl diff"),
        Command::Container(ContainerCommand::Diff(a)) => {
            export::diff(&ctx, a, "ctl container diff")
        }
        Command::Mount(a) | Command::Container(ContainerCommand::Mount(a)) => mount::mount(&ctx, a),
        Command::Unmount(a) | Command::Container(ContainerCommand::Unmount(a)) => {
            mount::unmount(&ctx, a)
        }
        Command::Cp(a) | Command::Container(ContainerCommand::Cp(a)) => cp::exec(&ctx, a),
        Command::Network(a) => network::exec(&ctx, a),
        Command::Volume(a) => volume::exec(&ctx, a),
        Command::Secret(a) => secret::exec(&ctx, a),
        Command::Pod(a) => pod::exec(&ctx, a),
        Command::Kube(a) => kube::exec(&ctx, a),
        Command::Play(a) => kube::exec_play(&ctx, a),
        Command::Container(ContainerCommand::Cleanup(a)) => manage::cleanup(&ctx, a),
        Command::Pull(a) | Command::Image(ImageCommand::Pull(a)) => pull::exec(&ctx, a),
        Command::Build(a)
        | Command::Image(ImageCommand::Build(a))
        | Command::Buildx(BuildxCommand::Build(a)) => build::exec(&ctx, *a),
        Command::Push(a) | Command::Image(ImageCommand::Push(a)) => push::exec(&ctx, a),
        Command::Images(a) | Command::Image(ImageCommand::Ls(a)) => images::exec(&ctx, a),
        Command::Inspect(a) => inspect::exec(&ctx, a),
        Command::Image(ImageCommand::Inspect(a)) => inspect::exec(&ctx, a.of(inspect::Kind::Image)),
        Command::Tag(a) | Command::Image(ImageCommand::Tag(a)) => tag::exec(&ctx, a),
        Command::Untag(a) | Command::Image(ImageCommand::Untag(a)) => tag::untag(&ctx, a),
        Command::Rmi(a) | Command::Image(ImageCommand::Rm(a)) => rmi::exec(&ctx, a),
        Command::Load(a) | Command::Image(ImageCommand::Load(a)) => load::exec(&ctx, a),
        Command::Save(a) | Command::Image(ImageCommand::Save(a)) => save::exec(&ctx, a),
        Command::History(a) | Command::Image(ImageCommand::History(a)) => history::exec(&ctx, a),
        Command::Import(a) | Command::Image(ImageCommand::Import(a)) => import::exec(&ctx, a),
        Command::Login(a) => login::login(&ctx, a),
        Command::Logout(a) => login::logout(&ctx, a),
        Command::Complete(a) => completion::complete(&ctx, &a),
        Command::Generate(a) => generate::exec(&ctx, a),
        Command::Healthcheck(a) => healthcheck::exec(&ctx, a),
        Command::Completion(_) | Command::GenerateDocs(_) | Command::Version(_) => {
            unreachable!("handled above")
        }
    }
}

/// Opens the image store named by the context.
fn open_store(ctx: &Context) -> Result<ctl::image::store::Store> {
    Ok(ctl::image::store::Store::open(&ctx.root)?)
}

/// One container named, or `--latest` (podman's IDOrLatestArgs, in its words): the name,
/// or the id of the container created last.
fn id_or_latest(
    m: &ctl::container::lifecycle::Manager,
    command: &str,
    name: Option<&str>,
    latest: bool,
) -> Result<String> {
    match (name, latest) {
        (Some(_), true) => anyhow::bail!("--latest and containers cannot be used together"),
        (Some(n), false) => Ok(n.to_string()),
        (None, true) => Ok(m.latest()?),
        (None, false) => {
            anyhow::bail!("{command:?} requires a name, id, or the \"--latest\" flag")
        }
    }
}
