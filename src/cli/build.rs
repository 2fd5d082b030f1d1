//! `ctl build [options] [CONTEXT]` (also `image build`, `buildx build`): an image from a
//! Containerfile, as podman-build(1) makes it; the steps on stdout, the image id last.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};

use ctl::build::{BuildRequest, Reporter};
use ctl::container::lifecycle::Manager;
use ctl::image::pull::{unpack_options, PullPolicy};
use ctl::image::registry::RegistryOptions;
use ctl::Context;

use super::progress::reporter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Add an annotation to the image (not kept: ctl stores no manifest for built images)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// ARG=value for the build (the value of ARG in the environment when only ARG is given)
    #[arg(long, value_name = "ARG=VALUE")]
    pub build_arg: Vec<String>,
    /// A file of ARG=value lines for the build
    #[arg(long, value_name = "FILE")]
    pub build_arg_file: Vec<PathBuf>,
    /// The Containerfile to build (`-` reads it from stdin)
    #[arg(short, long, value_name = "PATHNAME")]
    pub file: Vec<String>,
    /// Remove intermediate containers even when the build fails
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub force_rm: bool,
    /// Format of the built image's manifest and metadata
    #[arg(long, value_name = "FORMAT", default_value = "oci")]
    pub format: String,
    /// Write the image id to the file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// Set metadata for an image
    #[arg(long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Cache intermediate images during the build process
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL",
          num_args = 0..=1, default_missing_value = "true")]
    pub layers: bool,
    /// Network mode for RUN steps (none, host, bridge, a network name)
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Option<String>,
    /// Do not use existing cached images for the container build
    #[arg(long)]
    pub no_cache: bool,
    /// Set the OS/ARCH of the built image (this host's only)
    #[arg(long, value_name = "OS/ARCH")]
    pub platform: Option<String>,
    /// Pull image policy: always, missing, never, newer (alone: always)
    #[arg(long, value_name = "POLICY", num_args = 0..=1, default_missing_value = "always",
          default_value = "missing")]
    pub pull: String,
    /// Refrain from announcing build instructions and image read/write progress
    #[arg(short, long)]
    pub quiet: bool,
    /// Remove intermediate containers after a successful build
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub rm: bool,
    /// Squash all of the image's new layers into a single new layer
    #[arg(long)]
    pub squash: bool,
    /// Tagged name to apply to the built image
    #[arg(short, long, value_name = "NAME")]
    pub tag: Vec<String>,
    /// Name of the build stage to build
    #[arg(long, value_name = "STAGE")]
    pub target: Option<String>,
    /// The build context directory
    pub context: Option<PathBuf>,
}

struct Lines {
    quiet: bool,
}

impl Reporter for Lines {
    fn line(&self, text: &str) {
        if !self.quiet {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", ctl::text::escape(text));
            let _ = out.flush();
        }
    }
}

fn pull_policy(p: &str) -> Result<PullPolicy> {
    Ok(match p.to_ascii_lowercase().as_str() {
        "always" | "true" => PullPolicy::Always,
        "missing" | "ifmissing" | "ifnotpresent" => PullPolicy::Missing,
        "never" | "false" => PullPolicy::Never,
        "newer" | "ifnewer" => PullPolicy::Newer,
        _ => bail!("unsupported pull policy {p:?}"),
    })
}

/// `K=V`, or `K` taken from the environment (left out when unset), as podman.
fn build_arg(text: &str, out: &mut Vec<(String, String)>) {
    match text.split_once('=') {
        Some((k, v)) => out.push((k.to_string(), v.to_string())),
        None => {
            if let Ok(v) = std::env::var(text) {
                out.push((text.to_string(), v));
            }
        }
    }
}

fn request(args: &Args) -> Result<BuildRequest> {
    if !matches!(args.format.as_str(), "oci" | "docker") {
        bail!("unrecognized image type {:?}", args.format);
    }
    if args.squash {
        bail!("--squash is not supported by ctl build yet");
    }
    if let Some(p) = &args.platform {
        let host = &ctl::build::platform_args()[0].1;
        if p != host {
            bail!("platform {p} is not this host's ({host}): ctl builds for the host only");
        }
    }
    let context = args.context.clone().unwrap_or_else(|| PathBuf::from("."));
    if !context.is_dir() {
        bail!("context must be a directory: {}", context.display());
    }
    let context = context
        .canonicalize()
        .with_context(|| context.display().to_string())?;
    if args.file.len() > 1 {
        bail!(
            "one Containerfile at a time: -f given {} times",
            args.file.len()
        );
    }
    let (file, file_name) = match args.file.first().map(String::as_str) {
        Some("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("reading stdin")?;
            (s, "Containerfile".to_string())
        }
        Some(f) => {
            // Relative to the working directory, else to the context (as podman).
            let p = [PathBuf::from(f), context.join(f)]
                .into_iter()
                .find(|p| p.is_file())
                .ok_or_else(|| anyhow::anyhow!("the specified Containerfile or Dockerfile does not exist, {f}: no such file or directory"))?;
            (
                std::fs::read_to_string(&p).with_context(|| p.display().to_string())?,
                f.to_string(),
            )
        }
        None => {
            let p = ["Containerfile", "Dockerfile"]
                .into_iter()
                .map(|n| context.join(n))
                .find(|p| p.is_file())
                .ok_or_else(|| anyhow::anyhow!("no Containerfile or Dockerfile specified or found in context directory, {}: no such file or directory", context.display()))?;
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (
                std::fs::read_to_string(&p).with_context(|| p.display().to_string())?,
                name,
            )
        }
    };
    let mut build_args = Vec::new();
    for f in &args.build_arg_file {
        let text = std::fs::read_to_string(f).with_context(|| f.display().to_string())?;
        for l in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            build_arg(l, &mut build_args);
        }
    }
    for a in &args.build_arg {
        build_arg(a, &mut build_args);
    }
    for t in &args.tag {
        ctl::image::archive::import::import_name(t)?;
    }
    Ok(BuildRequest {
        context,
        file,
        file_name,
        tags: args.tag.clone(),
        build_args,
        target: args.target.clone(),
        no_cache: args.no_cache,
        layers: args.layers,
        pull: pull_policy(&args.pull)?,
        squash: args.squash,
        labels: args.label.clone(),
        network: args.network.clone(),
        quiet: args.quiet,
    })
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let req = request(&args)?;
    if ctx.rootless {
        bail!("ctl build runs as root only: rootless builds are not supported yet");
    }
    let m = Manager::open(ctx)?;
    let rep = Lines { quiet: args.quiet };
    let progress = reporter(args.quiet, std::io::stderr().is_terminal());
    let pull = |name: &str| {
        let r = m.pull_image(name, &RegistryOptions::default(), progress.clone());
        progress.finish();
        r
    };
    let img = ctl::build::executor::build(&m, &req, &rep, &pull, unpack_options(ctx))?;
    if let Some(f) = &args.iidfile {
        std::fs::write(f, format!("sha256:{}", img.id)).map_err(|e| ctl::Error::io(f, e))?;
    }
    println!("{}", img.id);
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_policies_and_build_args_read_as_podman_s() {
        assert_eq!(pull_policy("always").unwrap(), PullPolicy::Always);
        assert_eq!(pull_policy("true").unwrap(), PullPolicy::Always);
        assert_eq!(pull_policy("ifnewer").unwrap(), PullPolicy::Newer);
        assert_eq!(pull_policy("never").unwrap(), PullPolicy::Never);
        assert!(pull_policy("sometimes").is_err());
        let mut out = Vec::new();
        build_arg("A=1=2", &mut out);
        build_arg("CTL_SURELY_UNSET_VARIABLE", &mut out);
        assert_eq!(out, [("A".to_string(), "1=2".to_string())]);
    }
}
