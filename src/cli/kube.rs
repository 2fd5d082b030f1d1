//! `ctl kube …` (Kubernetes YAML from and for ctl's objects) and the older spellings
//! `ctl play kube` and `ctl generate kube`.

use std::process::ExitCode;

use anyhow::Result;

use ctl::Context;

use super::{kube_generate, kube_play};

#[derive(Debug, clap::Subcommand)]
pub enum KubeCommand {
    /// Generate Kubernetes YAML from containers, pods or volumes.
    Generate(kube_generate::Args),
    /// Play containers, pods or volumes from a structured file
    Play(kube_play::PlayArgs),
    /// Remove pods based on Kubernetes YAML
    Down(kube_play::DownArgs),
}

#[derive(Debug, clap::Subcommand)]
pub enum PlayCommand {
    /// Play containers, pods or volumes from a structured file
    Kube(kube_play::PlayArgs),
}

pub fn exec(ctx: &Context, cmd: KubeCommand) -> Result<ExitCode> {
    match cmd {
        KubeCommand::Generate(a) => kube_generate::exec(ctx, a),
        KubeCommand::Play(a) => kube_play::play(ctx, a),
        KubeCommand::Down(a) => kube_play::down(ctx, a),
    }
}

pub fn exec_play(ctx: &Context, cmd: PlayCommand) -> Result<ExitCode> {
    match cmd {
        PlayCommand::Kube(a) => kube_play::play(ctx, a),
    }
}
