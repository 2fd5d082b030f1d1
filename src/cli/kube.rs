//! `ctl kube`: Kubernetes YAML from and for ctl's objects.

use std::process::ExitCode;

use anyhow::Result;

use ctl::Context;

use super::kube_generate;

#[derive(Debug, clap::Subcommand)]
pub enum KubeCommand {
    /// Generate Kubernetes YAML from containers, pods or volumes.
    Generate(kube_generate::Args),
}

pub fn exec(ctx: &Context, cmd: KubeCommand) -> Result<ExitCode> {
    match cmd {
        KubeCommand::Generate(a) => kube_generate::exec(ctx, a),
    }
}
