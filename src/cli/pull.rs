//! `ctl pull`.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use ctl::image::pull::pull;
use ctl::image::registry::{Platform, RegistryOptions};
use ctl::Context;

use super::progress::reporter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Pull for this platform instead of the host's (os/arch[/variant])
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
    /// Print only the image id
    #[arg(short, long)]
    pub quiet: bool,
    /// Require HTTPS and verify certificates (false: plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Credentials file (default: the one `ctl login` writes)
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<std::path::PathBuf>,
    /// Image reference (e.g. busybox, registry:5000/repo:tag, repo@sha256:...)
    pub image: String,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let mut ctx = ctx.clone();
    if let Some(f) = args.authfile {
        ctx.auth_file = f;
    }
    let opts = RegistryOptions {
        tls_verify: args.tls_verify,
        platform: args.platform.as_deref().map(Platform::parse).transpose()?,
        credentials: None,
    };
    let store = super::open_store(&ctx)?;
    let progress = reporter(args.quiet, std::io::stderr().is_terminal());
    let rec = pull(&ctx, &store, &args.image, &opts, progress.clone())
        .with_context(|| format!("pulling {}", args.image))?;
    progress.finish();
    println!("{}", rec.id);
    Ok(ExitCode::SUCCESS)
}
