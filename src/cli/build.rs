//! `ctl build [options] [CONTEXT]` (also `image build`, `buildx build`): an image from a
//! Containerfile, as podman-build(1) makes it; the steps on stdout, the image id last.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};

use ctl::build::{BuildRequest, Reporter, Squash};
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
    /// Set the architecture of the built image (this host's only)
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Credentials file for pulling base images (default: the one `ctl login` writes)
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    /// Use cached steps only if made less than DURATION ago (0: no cache)
    #[arg(long, value_name = "DURATION")]
    pub cache_ttl: Option<String>,
    /// Accepted for compatibility: ctl talks to no daemon
    #[arg(long)]
    pub compress: bool,
    /// Accepted for annotations: ctl stores no manifest for a built image
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL",
          num_args = 0..=1, default_missing_value = "true")]
    pub created_annotation: bool,
    /// Credentials (USERNAME[:PASSWORD]) for pulling base images
    #[arg(long, value_name = "USER[:PASSWORD]")]
    pub creds: Option<String>,
    /// Layers are stored uncompressed (the default, as podman's); false is accepted
    #[arg(short = 'D', long, default_value_t = true, action = clap::ArgAction::Set,
          value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub disable_compression: bool,
    /// Set an environment variable in the built image (K=V, or K from this environment)
    #[arg(long, value_name = "K[=V]")]
    pub env: Vec<String>,
    /// The image the first FROM names instead of its own
    #[arg(long, value_name = "IMAGE")]
    pub from: Option<String>,
    /// Label the image io.buildah.version: ctl adds no identity label (accepted)
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL",
          num_args = 0..=1, default_missing_value = "true")]
    pub identity_label: bool,
    /// The ignore file instead of the context's .containerignore or .dockerignore
    #[arg(long, value_name = "FILE")]
    pub ignorefile: Option<PathBuf>,
    /// Accepted for annotations: ctl stores no manifest for a built image
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL",
          num_args = 0..=1, default_missing_value = "true")]
    pub inherit_annotations: bool,
    /// Inherit the labels of the base image or base stages
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL",
          num_args = 0..=1, default_missing_value = "true")]
    pub inherit_labels: bool,
    /// Isolation of RUN steps: oci (the only one ctl has)
    #[arg(long, value_name = "TYPE")]
    pub isolation: Option<String>,
    /// Stages built at once: ctl builds them one after another (accepted)
    #[arg(long, value_name = "N")]
    pub jobs: Option<u32>,
    /// Write the build's output to FILE instead of stdout and stderr
    #[arg(long, value_name = "FILE")]
    pub logfile: Option<PathBuf>,
    /// Leave the build history out of the built image
    #[arg(long, default_value_t = false, action = clap::ArgAction::Set, value_name = "BOOL",
          num_args = 0..=1, default_missing_value = "true")]
    pub omit_history: bool,
    /// Set the OS of the built image (linux only)
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Also write the built image's files: type=local,dest=DIR, type=tar,dest=FILE, DIR, or -
    #[arg(short, long, value_name = "OPTS")]
    pub output: Option<String>,
    /// Build every stage before the target, used or not (false)
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL",
          num_args = 0..=1, default_missing_value = "true")]
    pub skip_unused_stages: bool,
    /// The created time of the image, in seconds since the epoch (default:
    /// $SOURCE_DATE_EPOCH, else now)
    #[arg(long, value_name = "SECONDS")]
    pub source_date_epoch: Option<i64>,
    /// Squash all of the image's layers, the base image's too, into one
    #[arg(long)]
    pub squash_all: bool,
    /// The created time of the image and of every file in its new layers, in seconds
    /// since the epoch
    #[arg(long, value_name = "SECONDS")]
    pub timestamp: Option<i64>,
    /// Require HTTPS and verify certificates when pulling base images
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Accepted for annotations: ctl stores no manifest for a built image
    #[arg(long, value_name = "KEY")]
    pub unsetannotation: Vec<String>,
    /// Leave a variable out of the built image's environment
    #[arg(long, value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// Leave a label out of the built image
    #[arg(long, value_name = "KEY")]
    pub unsetlabel: Vec<String>,
    /// Set the architecture variant of the built image (this host's only)
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    #[command(flatten)]
    pub run: super::build_run::RunArgs,
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

/// `--platform`, `--os`, `--arch`, `--variant`: the host's only.
fn check_platform(args: &Args) -> Result<()> {
    let host = ctl::build::platform_args();
    let (platform, arch) = (&host[0].1, &host[2].1);
    if let Some(p) = &args.platform {
        if p != platform {
            bail!("platform {p} is not this host's ({platform}): ctl builds for the host only");
        }
    }
    if let Some(os) = args.os.as_deref().filter(|o| *o != "linux") {
        bail!("os {os} is not this host's (linux): ctl builds for the host only");
    }
    if let Some(a) = args.arch.as_deref().filter(|a| a != arch) {
        bail!("architecture {a} is not this host's ({arch}): ctl builds for the host only");
    }
    if let Some(v) = args.variant.as_deref().filter(|v| !v.is_empty()) {
        bail!("variant {v} is not this host's (none): ctl builds for the host only");
    }
    Ok(())
}

fn request(args: &Args) -> Result<BuildRequest> {
    if !matches!(args.format.as_str(), "oci" | "docker") {
        bail!("unrecognized image type {:?}", args.format);
    }
    check_platform(args)?;
    if let Some(i) = &args.isolation {
        if i != "oci" {
            bail!("isolation {i:?} is not supported: ctl runs RUN steps with an OCI runtime (oci)");
        }
    }
    for v in &args.run.volume {
        if !(v.starts_with('/') || v.starts_with('.')) {
            bail!("{v}: ctl build mounts host paths only (/HOST:CTR[:OPTS])");
        }
    }
    if args.timestamp.is_some() && args.source_date_epoch.is_some() {
        bail!("--timestamp and --source-date-epoch conflict with each other");
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
        squash: match (args.squash_all, args.squash) {
            (true, _) => Squash::All,
            (false, true) => Squash::New,
            (false, false) => Squash::No,
        },
        labels: args.label.clone(),
        network: args.network.clone(),
        quiet: args.quiet,
        run: args.run.request(),
        env: {
            let mut env = Vec::new();
            for e in &args.env {
                build_arg(e, &mut env);
            }
            env
        },
        unset_env: args.unsetenv.clone(),
        unset_labels: args.unsetlabel.clone(),
        inherit_labels: args.inherit_labels,
        omit_history: args.omit_history,
        timestamp: args.timestamp,
        source_date_epoch: args.source_date_epoch.or_else(|| {
            std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|v| v.trim().parse().ok())
        }),
        from: args.from.clone(),
        skip_unused_stages: args.skip_unused_stages,
        ignorefile: args.ignorefile.clone(),
        cache_ttl: args
            .cache_ttl
            .as_deref()
            .map(|t| {
                ctl::timetype::go_duration(t)
                    .filter(|n| *n >= 0)
                    .map(|n| (n / 1_000_000_000) as i64)
                    .ok_or_else(|| anyhow::anyhow!("time: invalid duration {t:?}"))
            })
            .transpose()?,
    })
}

/// Where `--output` writes the image's files.
#[derive(Debug, PartialEq, Eq)]
enum Output {
    Dir(PathBuf),
    Tar(PathBuf),
    Stdout,
}

/// `--output`: `type=local|tar,dest=PATH` or a bare destination (`-`: a tar on stdout).
fn output(text: &str) -> Result<Output> {
    if !text.contains('=') {
        return Ok(match text {
            "-" => Output::Stdout,
            d => Output::Dir(d.into()),
        });
    }
    let (mut kind, mut dest) = ("local", None);
    for kv in text.split(',') {
        match kv.split_once('=') {
            Some(("type", t)) => kind = t,
            Some(("dest", d)) => dest = Some(d),
            _ => bail!("invalid build output option {kv:?}, accepted keys are type and dest"),
        }
    }
    let dest =
        dest.ok_or_else(|| anyhow::anyhow!("invalid build output {text:?}: dest must be set"))?;
    Ok(match (kind, dest) {
        ("tar", "-") | ("local", "-") => Output::Stdout,
        ("tar", d) => Output::Tar(d.into()),
        ("local", d) => Output::Dir(d.into()),
        (t, _) => bail!("invalid build output type {t:?}, accepted values are local and tar"),
    })
}

/// Writes the image's files where `--output` says.
fn write_output(m: &Manager, img: &ctl::image::store::ImageRecord, out: &Output) -> Result<()> {
    m.with_build_root(img, |root| -> Result<()> {
        match out {
            Output::Stdout => {
                let mut o = std::io::stdout().lock();
                ctl::container::export::write_tree(root, &mut o)?;
                o.flush()?;
            }
            Output::Tar(p) => {
                let mut f = std::io::BufWriter::new(
                    std::fs::File::create(p).with_context(|| p.display().to_string())?,
                );
                ctl::container::export::write_tree(root, &mut f)?;
                f.flush()?;
            }
            Output::Dir(d) => {
                std::fs::create_dir_all(d).with_context(|| d.display().to_string())?;
                let mut tmp = tempfile::tempfile()?;
                ctl::container::export::write_tree(root, &mut tmp)?;
                std::io::Seek::rewind(&mut tmp)?;
                let mut a = tar::Archive::new(std::io::BufReader::new(tmp));
                a.set_preserve_permissions(true);
                a.set_preserve_ownerships(true);
                a.unpack(d).with_context(|| d.display().to_string())?;
            }
        }
        Ok(())
    })
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let req = request(&args)?;
    let out = args.output.as_deref().map(output).transpose()?;
    if ctx.rootless {
        bail!("ctl build runs as root only: rootless builds are not supported yet");
    }
    let mut ctx = ctx.clone();
    if let Some(f) = &args.authfile {
        ctx.auth_file = f.clone();
    }
    let reg = RegistryOptions {
        tls_verify: args.tls_verify,
        credentials: args
            .creds
            .as_deref()
            .map(super::push::credentials)
            .transpose()?,
        ..Default::default()
    };
    if let Some(f) = &args.logfile {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .open(f)
            .with_context(|| f.display().to_string())?;
        nix::unistd::dup2_stdout(&file).context("--logfile")?;
        nix::unistd::dup2_stderr(&file).context("--logfile")?;
    }
    let m = Manager::open(&ctx)?;
    let rep = Lines { quiet: args.quiet };
    let progress = reporter(args.quiet, std::io::stderr().is_terminal());
    let pull = |name: &str| {
        let r = m.pull_image(name, &reg, progress.clone());
        progress.finish();
        r
    };
    let img = ctl::build::executor::build(&m, &req, &rep, &pull, unpack_options(&ctx))?;
    if let Some(o) = &out {
        write_output(&m, &img, o)?;
    }
    if let Some(f) = &args.iidfile {
        std::fs::write(f, format!("sha256:{}", img.id)).map_err(|e| ctl::Error::io(f, e))?;
    }
    if out != Some(Output::Stdout) {
        println!("{}", img.id);
    }
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
        assert_eq!(output("-").unwrap(), Output::Stdout);
        assert_eq!(output("out").unwrap(), Output::Dir("out".into()));
        assert_eq!(
            output("type=tar,dest=x.tar").unwrap(),
            Output::Tar("x.tar".into())
        );
        assert_eq!(output("dest=d").unwrap(), Output::Dir("d".into()));
        assert_eq!(output("type=tar,dest=-").unwrap(), Output::Stdout);
        assert!(output("type=oci,dest=x").is_err());
        assert!(output("type=tar").is_err());
        assert!(output("type=tar,where=x").is_err());
        let mut out = Vec::new();
        build_arg("A=1=2", &mut out);
        build_arg("CTL_SURELY_UNSET_VARIABLE", &mut out);
        assert_eq!(out, [("A".to_string(), "1=2".to_string())]);
    }
}
