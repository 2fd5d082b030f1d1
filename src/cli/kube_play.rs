//! `ctl kube play` and `ctl kube down`: read the files, print what the library made in
//! podman's layout.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use ctl::container::lifecycle::Manager;
use ctl::context::Context;
use ctl::image::pull::PullPolicy;
use ctl::image::registry::RegistryOptions;
use ctl::kube::play::apply::Apply;
use ctl::kube::play::{document, plan, PlayOptions};

use super::progress::reporter;
use super::run::LogDriverFlag;

#[derive(Debug, clap::Args)]
pub struct PlayArgs {
    /// Delete and recreate pods defined in the YAML file
    #[arg(long)]
    pub replace: bool,
    /// Start the pod after creating it
    #[arg(
        long,
        value_name = "BOOL",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true"
    )]
    pub start: Option<bool>,
    /// Publish a container's port, or a range of ports, to the host
    #[arg(
        long,
        value_name = "[IP:][HOSTPORT:]CTRPORT[/PROTO]",
        value_delimiter = ','
    )]
    pub publish: Vec<String>,
    /// Connect pod to network(s) or network mode
    #[arg(long, value_name = "NETWORK")]
    pub network: Option<String>,
    /// Pathname of a YAML file containing a kubernetes configmap
    #[arg(long, value_name = "PATHNAME")]
    pub configmap: Vec<PathBuf>,
    /// Logging driver for the container
    #[arg(long, value_enum)]
    pub log_driver: Option<LogDriverFlag>,
    /// Logging driver options: max-size=SIZE, max-file=N
    #[arg(long, value_name = "KEY=VALUE")]
    pub log_opt: Vec<String>,
    /// Add an annotation to every container: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Publish every containerPort on the host, also those without a hostPort
    #[arg(long)]
    pub publish_all: bool,
    /// Do not prefix container names with the pod's name
    #[arg(long)]
    pub no_pod_prefix: bool,
    /// Suppress output information when pulling images
    #[arg(short, long)]
    pub quiet: bool,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// The Kubernetes YAML file(s), or - for standard input
    #[arg(value_name = "KUBEFILE", required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DownArgs {
    /// Remove volumes
    #[arg(long)]
    pub force: bool,
    /// The Kubernetes YAML file(s), or - for standard input
    #[arg(value_name = "KUBEFILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// The files' text, one YAML stream (`-` is standard input).
fn read_files(files: &[PathBuf]) -> Result<String> {
    let mut all = Vec::new();
    for f in files {
        let text = if f.as_os_str() == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("reading standard input")?;
            s
        } else {
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?
        };
        all.push(text);
    }
    Ok(all.join("\n---\n"))
}

fn warn(w: &str) {
    eprintln!("{}", ctl::text::escape(&format!("Warning: {w}")));
}

/// The Secrets earlier plays stored (a stored secret whose data is no Secret's YAML is
/// someone else's and left alone).
fn stored_kube_secrets(ctx: &Context) -> Vec<k8s_openapi::api::core::v1::Secret> {
    let secrets = ctl::secret::Secrets::open(&ctx.root);
    let Ok(all) = secrets.list() else {
        return Vec::new();
    };
    all.iter()
        .filter_map(|s| secrets.lookup_data(&s.id).ok())
        .filter_map(|(s, data)| {
            plan::stored_kube_secret(&data)
                .filter(|k| k.metadata.name.as_deref() == Some(s.name.as_str()))
        })
        .collect()
}

pub fn play(ctx: &Context, a: PlayArgs) -> Result<ExitCode> {
    let text = read_files(&a.files)?;
    let (docs, warnings) = document::parse(&text)?;
    for w in &warnings {
        warn(w);
    }
    let mut extra = Vec::new();
    for f in &a.configmap {
        let t =
            std::fs::read_to_string(f).with_context(|| format!("{:?}", f.display().to_string()))?;
        extra.extend(document::config_maps(&t)?);
    }
    let opts = PlayOptions {
        publish: a.publish.clone(),
        network: a.network.clone(),
        log_driver: a.log_driver.map(Into::into),
        create_command: std::env::args().collect(),
        annotations: a.annotation.clone(),
        log_opts: a.log_opt.clone(),
        publish_all: a.publish_all,
        no_pod_prefix: a.no_pod_prefix,
        stored_secrets: stored_kube_secrets(ctx),
    };
    let p = plan::plan(&docs, &extra, &opts)?;
    for w in &p.warnings {
        warn(w);
    }
    let m = Manager::open(ctx)?;
    let reg = RegistryOptions {
        tls_verify: a.tls_verify,
        ..Default::default()
    };
    let quiet = a.quiet;
    let image =
        |reference: &str, policy: PullPolicy| -> ctl::Result<ctl::image::store::ImageRecord> {
            let local = m.find_image(reference);
            let missing = matches!(local, Err(ctl::Error::ImageNotFound(_)));
            if !policy.pulls(missing) {
                return local;
            }
            let progress = reporter(quiet, std::io::stderr().is_terminal());
            let rec = m.pull_image(reference, &reg, progress.clone())?;
            progress.finish();
            Ok(rec)
        };
    let apply = Apply {
        replace: a.replace,
        start: a.start.unwrap_or(true),
        image: &image,
    };
    let report = m.kube_play(&p, &apply)?;
    for w in &report.warnings {
        warn(w);
    }
    let mut out = String::new();
    if !report.volumes.is_empty() {
        out.push_str("Volumes:\n");
        for v in &report.volumes {
            out.push_str(&format!("{v}\n"));
        }
    }
    if !report.secrets.is_empty() {
        out.push_str("Secrets:\n");
        for s in &report.secrets {
            out.push_str(&format!("{s}\n"));
        }
    }
    let mut failed = 0;
    for pod in &report.pods {
        out.push_str(&format!("Pod:\n{}\n", pod.id));
        match pod.containers.len() {
            0 => continue,
            1 => out.push_str("Container:\n"),
            _ => out.push_str("Containers:\n"),
        }
        for c in &pod.containers {
            out.push_str(&format!("{c}\n"));
        }
        failed += pod.errors.len();
        if !pod.errors.is_empty() {
            out.push('\n');
        }
        out.push('\n');
    }
    print!("{out}");
    for pod in &report.pods {
        for e in &pod.errors {
            eprintln!("{}", ctl::text::escape(e));
        }
    }
    if failed > 0 {
        anyhow::bail!("failed to start {failed} containers");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn down(ctx: &Context, a: DownArgs) -> Result<ExitCode> {
    let text = read_files(&a.files)?;
    let (docs, _) = document::parse(&text)?;
    let m = Manager::open(ctx)?;
    let r = m.kube_down(&docs, a.force)?;
    let mut out = String::from("Pods stopped:\n");
    for id in &r.stopped {
        out.push_str(&format!("{id}\n"));
    }
    out.push_str("Pods removed:\n");
    for id in &r.removed {
        out.push_str(&format!("{id}\n"));
    }
    out.push_str("Secrets removed:\n");
    for s in &r.secrets {
        out.push_str(&format!("{s}\n"));
    }
    out.push_str("Volumes removed:\n");
    for v in &r.volumes {
        out.push_str(&format!("{v}\n"));
    }
    print!("{out}");
    if let Some((last, rest)) = r.errors.split_last() {
        for e in rest {
            eprintln!("{}", ctl::text::escape(&format!("Error: {e}")));
        }
        anyhow::bail!("{last}");
    }
    Ok(ExitCode::SUCCESS)
}
