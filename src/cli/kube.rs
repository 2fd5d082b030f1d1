//! `ctl kube …` and its older spelling `ctl play kube`.

use std::process::ExitCode;

use anyhow::Result;

use ctl::context::Context;

use super::kube_play;

#[derive(Debug, clap::Subcommand)]
pub enum KubeCommand {
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
        KubeCommand::Play(a) => kube_play::play(ctx, a),
        KubeCommand::Down(a) => kube_play::down(ctx, a),
    }
}

pub fn exec_play(ctx: &Context, cmd: PlayCommand) -> Result<ExitCode> {
    match cmd {
        PlayCommand::Kube(a) => kube_play::play(ctx, a),
    }
}
