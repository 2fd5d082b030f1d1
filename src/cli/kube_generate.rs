//! `ctl kube generate` and `ctl generate kube`: one command under two names, as podman's.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};

use ctl::container::lifecycle::Manager;
use ctl::kube::generate::{generate, Options};
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write output to the specified path (refused if it exists)
    #[arg(short, long, value_name = "FILE")]
    pub filename: Option<PathBuf>,
    /// Generate YAML for a Kubernetes service object
    #[arg(short, long)]
    pub service: bool,
    /// Generate YAML for the given Kubernetes kind: pod, deployment, daemonset or job
    #[arg(short = 't', long = "type", value_name = "KIND", default_value = "pod")]
    pub kind: String,
    /// Set the replicas number for Deployment kind
    #[arg(
        short,
        long,
        value_name = "N",
        default_value_t = 1,
        allow_negative_numbers = true
    )]
    pub replicas: i32,
    /// Containers, pods or volumes (names or ids)
    #[arg(required = true, value_name = "CONTAINER|POD|VOLUME")]
    pub names: Vec<String>,
}

pub fn exec(ctx: &Context, a: Args) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let opts = Options {
        kind: a.kind,
        service: a.service,
        replicas: a.replicas,
    };
    let text = generate(&m, &a.names, &opts)?;
    match &a.filename {
        Some(path) => {
            // create_new: an existing file is refused, not replaced, as podman refuses it.
            let mut f = match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    bail!(
                        "cannot write to {:?}; file exists",
                        path.display().to_string()
                    )
                }
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!("cannot write to {:?}", path.display().to_string())
                    })
                }
            };
            f.write_all(text.as_bytes())
                .with_context(|| format!("cannot write to {:?}", path.display().to_string()))?;
        }
        // podman prints the text with a newline of its own after it.
        None => println!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
