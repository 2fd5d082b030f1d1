//! `ctl push [options] IMAGE [DESTINATION]` (podman-push(1)): an image from the store to a
//! registry, with podman's progress lines on stderr.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context as _, Result};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use ctl::image::auth::Credentials;
use ctl::image::compression::{Algorithm, Compression};
use ctl::image::push::manifest::{destination, ManifestFormat};
use ctl::image::push::{push_image, Progress, PushEvent, PushOptions};
use ctl::image::registry::RegistryOptions;
use ctl::Context;

use super::output::short_digest as short;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Path of the authentication file (default: the one `ctl login` writes)
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    /// Compression format to use (gzip, zstd, zstd:chunked)
    #[arg(long, value_name = "FORMAT")]
    pub compression_format: Option<String>,
    /// Compression level to use
    #[arg(long, value_name = "LEVEL", allow_negative_numbers = true)]
    pub compression_level: Option<i32>,
    /// Credentials (USERNAME:PASSWORD) to use for authenticating to a registry
    #[arg(long, value_name = "[USERNAME[:PASSWORD]]")]
    pub creds: Option<String>,
    /// Write the digest of the pushed image to the specified file
    #[arg(long, value_name = "FILE")]
    pub digestfile: Option<PathBuf>,
    /// Use the specified compression algorithm even if the destination contains a differently-compressed variant already
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub force_compression: Option<bool>,
    /// Manifest type (oci, v2s2) to use in the destination (default is oci)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Don't output progress information when pushing images
    #[arg(short, long)]
    pub quiet: bool,
    /// Discard any pre-existing signatures in the image
    #[arg(long)]
    pub remove_signatures: bool,
    /// Number of times to retry a failed blob upload
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retry: u32,
    /// Delay between retries (a Go duration; default 2s, doubling)
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Image to push (name or id)
    pub image: String,
    /// Where to push it ([docker://]REGISTRY/REPOSITORY[:TAG]; default: the image's name)
    pub destination: Option<String>,
}

/// `--creds USER[:PASSWORD]`, the password asked for when missing (as podman).
pub(super) fn credentials(creds: &str) -> Result<Credentials> {
    let (username, password) = match creds.split_once(':') {
        Some((u, p)) => (u.to_string(), p.to_string()),
        None => (creds.to_string(), super::login::prompt("Password", true)?),
    };
    if username.is_empty() {
        bail!("credentials: username must not be empty");
    }
    Ok(Credentials { username, password })
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let mut ctx = ctx.clone();
    if let Some(f) = &args.authfile {
        ctx.auth_file = f.clone();
    }
    let format = match &args.format {
        Some(f) => f.parse::<ManifestFormat>()?,
        None => ManifestFormat::Oci,
    };
    let algorithm = match &args.compression_format {
        Some(a) => a.parse::<Algorithm>()?,
        None => Algorithm::Gzip,
    };
    let compression = Compression::new(algorithm, args.compression_level)?;
    let retry_delay = match &args.retry_delay {
        Some(d) => Some(go_duration(d)?),
        None => None,
    };
    let opts = PushOptions {
        format,
        compression,
        // podman: true when a format was asked for explicitly.
        force_compression: args
            .force_compression
            .unwrap_or(args.compression_format.is_some()),
        retry: args.retry,
        retry_delay,
    };
    let registry = RegistryOptions {
        tls_verify: args.tls_verify,
        platform: None,
        credentials: args.creds.as_deref().map(credentials).transpose()?,
    };
    let store = super::open_store(&ctx)?;
    let image = ctl::image::pull::find_stored(&ctx, &store, &args.image)?;
    let dest = match &args.destination {
        Some(d) => d.clone(),
        None => match super::save::asked_name(&ctx, &image, &args.image) {
            Some(name)
                if !image
                    .id
                    .starts_with(args.image.trim_start_matches("sha256:")) =>
            {
                name
            }
            _ => bail!(
                "{}: an image named by its id needs a destination",
                ctl::text::escape(&args.image)
            ),
        },
    };
    let dest = destination(&dest)?;
    let progress = Arc::new(Reporter::new(args.quiet, std::io::stderr().is_terminal()));
    if !args.quiet {
        eprintln!("Getting image source signatures");
    }
    let pushed = push_image(
        &ctx,
        &store,
        &image,
        &dest,
        &registry,
        &opts,
        progress.clone(),
    )
    .with_context(|| format!("pushing {}", ctl::text::escape(&args.image)))?;
    progress.finish();
    if let Some(f) = &args.digestfile {
        std::fs::write(f, &pushed.manifest_digest)
            .with_context(|| format!("writing the digest to {}", f.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A Go duration (`500ms`, `2s`, `1m30s`).
fn go_duration(s: &str) -> Result<std::time::Duration> {
    match ctl::timetype::go_duration(s) {
        Some(n) if n >= 0 => Ok(std::time::Duration::from_nanos(n as u64)),
        _ => bail!("invalid argument {s:?} for \"--retry-delay\" flag: time: invalid duration"),
    }
}

/// Per-blob bars on a terminal, podman's lines otherwise, nothing with -q.
struct Reporter {
    mode: Mode,
}

enum Mode {
    Quiet,
    Lines,
    Bars {
        multi: MultiProgress,
        bars: Mutex<HashMap<String, ProgressBar>>,
    },
}

impl Reporter {
    fn new(quiet: bool, tty: bool) -> Reporter {
        let mode = match (quiet, tty) {
            (true, _) => Mode::Quiet,
            (false, false) => Mode::Lines,
            (false, true) => Mode::Bars {
                multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr()),
                bars: Mutex::new(HashMap::new()),
            },
        };
        Reporter { mode }
    }

    fn finish(&self) {
        if let Mode::Bars { multi, .. } = &self.mode {
            let _ = multi.clear();
        }
    }

    /// Prints a line above the bars (or plainly).
    fn line(&self, text: String) {
        match &self.mode {
            Mode::Quiet => {}
            Mode::Lines => eprintln!("{text}"),
            Mode::Bars { multi, .. } => {
                if multi.println(&text).is_err() {
                    eprintln!("{text}");
                }
            }
        }
    }

    fn bar(&self, blob: &str, size: u64, what: &str) {
        let Mode::Bars { multi, bars } = &self.mode else {
            return;
        };
        let mut bars = bars.lock().expect("bars lock");
        let bar = bars
            .entry(blob.to_string())
            .or_insert_with(|| multi.add(ProgressBar::new(size)));
        bar.set_style(
            ProgressStyle::with_template(&format!(
                "Copying blob {{prefix}} {what:<11} [{{bar:30}}] {{bytes}}/{{total_bytes}} \
                 {{bytes_per_sec}}"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.set_prefix(short(blob));
        bar.set_length(size);
        bar.set_position(0);
    }

    /// podman names a blob by its short digest beside its bars, by the whole digest in
    /// lines (which go on with what became of it).
    fn name(&self, digest: &str) -> String {
        match self.mode {
            Mode::Bars { .. } => short(digest),
            _ => ctl::text::escape(digest).into_owned(),
        }
    }

    fn end_bar(&self, blob: &str) {
        if let Mode::Bars { bars, .. } = &self.mode {
            if let Some(b) = bars.lock().expect("bars lock").remove(blob) {
                b.finish_and_clear();
            }
        }
    }
}

impl Progress for Reporter {
    fn event(&self, event: PushEvent) {
        match event {
            PushEvent::Compressing { blob, size } => self.bar(&blob, size, "compressing"),
            PushEvent::Uploading { blob, size } => self.bar(&blob, size, "uploading"),
            PushEvent::Bytes { blob, bytes } => {
                if let Mode::Bars { bars, .. } = &self.mode {
                    if let Some(b) = bars.lock().expect("bars lock").get(&blob) {
                        b.inc(bytes);
                    }
                }
            }
            PushEvent::Retrying {
                blob,
                attempt,
                of,
                delay,
                error,
            } => self.line(format!(
                "Copying blob {}: failed, retrying in {} ... ({attempt}/{of}). Error: {}",
                short(&blob),
                ctl::timetype::go_duration_string(delay.as_nanos() as i128),
                ctl::text::escape(&error)
            )),
            PushEvent::Done { blob } => {
                self.end_bar(&blob);
                self.line(format!("Copying blob {} done", self.name(&blob)));
            }
            PushEvent::Skipped { blob } => {
                self.end_bar(&blob);
                self.line(format!(
                    "Copying blob {} skipped: already exists",
                    self.name(&blob)
                ));
            }
            PushEvent::Config { digest } => {
                self.line(format!("Copying config {} done", self.name(&digest)))
            }
            PushEvent::Manifest => self.line("Writing manifest to image destination".into()),
            PushEvent::Stored => self.line("Storing signatures".into()),
        }
    }
}
