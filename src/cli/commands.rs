//! The verbs: the top-level commands and the `container` and `image` groups.

use clap::Subcommand;

use super::{
    attach, build, commit, completion, cp, docs, events, exec, exists, export, generate,
    healthcheck, history, images, import, inspect, load, login, logs, manage, mount, network,
    pause, port, prune, ps, pull, push, rename, rmi, run, save, stats, system, tag, top, update,
    volume, wait,
};

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
    /// Pause all the processes in containers
    Pause(pause::PauseArgs),
    /// Unpause the processes in containers
    Unpause(pause::PauseArgs),
    /// Set containers up in the runtime without starting them
    Init(pause::InitArgs),
    /// Change a container's cgroup limits or restart policy
    Update(update::UpdateArgs),
    /// Run a command in a running container
    Exec(exec::Args),
    /// Attach to a running container's input and output
    Attach(attach::Args),
    /// Remove containers
    Rm(manage::RmArgs),
    /// Wait for containers to stop and print their exit codes
    Wait(wait::WaitArgs),
    /// Print a container's output
    Logs(logs::Args),
    /// List containers
    #[command(visible_alias = "list")]
    Ps(ps::Args),
    /// List a container's published ports
    Port(port::Args),
    /// Rename a container
    Rename(rename::Args),
    /// Display a live stream of container resource usage statistics
    Stats(stats::Args),
    /// Display the running processes of a container
    Top(top::Args),
    /// Show events: what happened to containers, images, volumes and networks
    Events(events::Args),
    /// Export a container's filesystem contents as a tar archive
    Export(export::ExportArgs),
    /// Create new image based on the changed container
    Commit(commit::Args),
    /// Inspect changes on a container or image's filesystem
    Diff(export::DiffArgs),
    /// Mount a container's root filesystem and print where
    Mount(mount::MountArgs),
    /// Unmount a container's root filesystem
    #[command(visible_alias = "umount")]
    Unmount(mount::UnmountArgs),
    /// Copy files/folders between a container and the local filesystem
    Cp(cp::Args),
    /// Manage networks
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// Manage volumes
    #[command(subcommand)]
    Volume(volume::VolumeCommand),
    /// Manage secrets
    #[command(subcommand)]
    Secret(super::secret::SecretCommand),
    /// Manage pods
    #[command(subcommand)]
    Pod(super::pod::PodCommand),
    /// Play containers, pods or volumes from a structured file or generate one
    #[command(subcommand)]
    Kube(super::kube::KubeCommand),
    /// Play containers, pods or volumes from a structured file (older spelling of kube play)
    #[command(subcommand)]
    Play(super::kube::PlayCommand),
    /// Manage containers
    #[command(subcommand)]
    Container(ContainerCommand),
    /// Pull an image from a registry
    Pull(pull::Args),
    /// Build an image using instructions from Containerfiles
    Build(Box<build::Args>),
    /// Build images (buildx's syntax: `buildx build`)
    #[command(subcommand)]
    Buildx(BuildxCommand),
    /// Push an image to a registry
    Push(push::Args),
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
    /// Remove names from an image (every name when none is given)
    Untag(tag::UntagArgs),
    /// Remove images
    Rmi(rmi::Args),
    /// Load images from a docker-archive or oci-archive tarball
    Load(load::Args),
    /// Save image(s) to an archive
    Save(save::Args),
    /// Show history of a specified image
    History(history::Args),
    /// Create an image from a root filesystem tarball
    Import(import::Args),
    /// Save registry credentials
    Login(login::LoginArgs),
    /// Remove saved registry credentials
    Logout(login::LogoutArgs),
    /// Generate structured data (systemd units, Kubernetes YAML)
    #[command(subcommand)]
    Generate(generate::GenerateCommand),
    /// Manage health checks on containers
    #[command(subcommand)]
    Healthcheck(healthcheck::Command),
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
    /// Pause all the processes in containers
    Pause(pause::PauseArgs),
    /// Unpause the processes in containers
    Unpause(pause::PauseArgs),
    /// Set containers up in the runtime without starting them
    Init(pause::InitArgs),
    /// Change a container's cgroup limits or restart policy
    Update(update::UpdateArgs),
    /// Run a command in a running container
    Exec(exec::Args),
    /// Attach to a running container's input and output
    Attach(attach::Args),
    /// Remove containers
    Rm(manage::RmArgs),
    /// Wait for containers to stop and print their exit codes
    Wait(wait::WaitArgs),
    /// Print a container's output
    Logs(logs::Args),
    /// List containers
    #[command(alias = "ps", alias = "list")]
    Ls(ps::Args),
    /// Show details of containers as JSON
    Inspect(inspect::ContainerArgs),
    /// List a container's published ports
    Port(port::Args),
    /// Rename a container
    Rename(rename::Args),
    /// Display a live stream of container resource usage statistics
    Stats(stats::Args),
    /// Display the running processes of a container
    Top(top::Args),
    /// Copy files/folders between a container and the local filesystem
    Cp(cp::Args),
    /// Remove all stopped containers
    Prune(prune::ContainerPruneArgs),
    /// Exit 0 if a container exists, 1 if not
    Exists(exists::ContainerArgs),
    /// Export a container's filesystem contents as a tar archive
    Export(export::ExportArgs),
    /// Create new image based on the changed container
    Commit(commit::Args),
    /// Inspect changes on a container's filesystem
    Diff(export::DiffArgs),
    /// Mount a container's root filesystem and print where
    Mount(mount::MountArgs),
    /// Unmount a container's root filesystem
    #[command(visible_alias = "umount")]
    Unmount(mount::UnmountArgs),
    /// Record a container's exit and release its resources (run by its monitor)
    #[command(hide = true)]
    Cleanup(manage::CleanupArgs),
}

#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// Build an image using instructions from Containerfiles
    Build(Box<build::Args>),
    /// List images
    #[command(alias = "list")]
    Ls(images::Args),
    /// Pull an image from a registry
    Pull(pull::Args),
    /// Push an image to a registry
    Push(push::Args),
    /// Show details of images as JSON
    Inspect(inspect::KindArgs),
    /// Add names to an image
    Tag(tag::Args),
    /// Remove names from an image (every name when none is given)
    Untag(tag::UntagArgs),
    /// Remove images
    Rm(rmi::Args),
    /// Load images from a docker-archive or oci-archive tarball
    Load(load::Args),
    /// Save image(s) to an archive
    Save(save::Args),
    /// Show history of a specified image
    History(history::Args),
    /// Create an image from a root filesystem tarball
    Import(import::Args),
    /// Exit 0 if an image exists, 1 if not
    Exists(exists::Args),
    /// Remove unused images
    Prune(prune::ImagePruneArgs),
}

#[derive(Debug, Subcommand)]
pub enum BuildxCommand {
    /// Build an image using instructions from Containerfiles
    Build(Box<build::Args>),
}
