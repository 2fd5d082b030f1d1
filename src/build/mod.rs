//! `build`: images from a Containerfile without a daemon. [`parse`] reads the file,
//! [`stages`] picks the stages the target needs, [`executor`] runs each step on top of the
//! last step's image: config steps change the config, COPY/ADD write a layer from their
//! sources ([`source`]), RUN runs a container from that image ([`run`]) whose upper
//! directory becomes the layer. Every step's image is stored and indexed by
//! [`cache`] under (parent image, instruction, content digest).

pub mod cache;
pub mod config;
pub mod executor;
pub mod finish;
pub mod ignore;
pub mod imagefs;
pub mod parse;
pub mod run;
pub mod source;
pub mod stages;

use std::path::PathBuf;

use crate::image::pull::PullPolicy;

/// The label that marks the containers a build runs its RUN steps in (no events, and
/// `ps -a` shows where they come from).
pub const BUILD_LABEL: &str = "io.ctl.build";

/// What `build` is asked for, as given.
#[derive(Debug, Clone, Default)]
pub struct BuildRequest {
    pub context: PathBuf,
    /// The Containerfile's text and the name errors give it.
    pub file: String,
    pub file_name: String,
    pub tags: Vec<String>,
    /// `--build-arg` values (a file's first, then the flags').
    pub build_args: Vec<(String, String)>,
    pub target: Option<String>,
    pub no_cache: bool,
    /// Whether steps are looked up in and added to the cache (`--layers`).
    pub layers: bool,
    pub pull: PullPolicy,
    pub squash: Squash,
    /// `KEY=VALUE` labels added to the final image.
    pub labels: Vec<String>,
    pub network: Option<String>,
    /// RUN output dropped (`-q`).
    pub quiet: bool,
    /// The request every RUN step's container starts from (`--cap-add`, `-v`, `--dns`...).
    pub run: crate::container::request::CreateRequest,
    /// `--env`: set in every stage's config from its FROM on.
    pub env: Vec<(String, String)>,
    /// `--unsetenv`, `--unsetlabel`: removed from the final image.
    pub unset_env: Vec<String>,
    pub unset_labels: Vec<String>,
    /// `--inherit-labels=false`: the base image's labels are left out.
    pub inherit_labels: bool,
    /// `--omit-history`: the final image has no history.
    pub omit_history: bool,
    /// `--timestamp`: every created time and every new file's mtime, in seconds since the
    /// epoch.
    pub timestamp: Option<i64>,
    /// `--source-date-epoch`: the created times (files keep theirs).
    pub source_date_epoch: Option<i64>,
    /// `--from`: the image the first FROM names instead.
    pub from: Option<String>,
    /// `--skip-unused-stages=false` builds every stage.
    pub skip_unused_stages: bool,
    /// `--ignorefile`: the ignore file instead of the context's.
    pub ignorefile: Option<PathBuf>,
    /// `--cache-ttl` in seconds: older cached steps are misses.
    pub cache_ttl: Option<i64>,
}

/// `--squash` and `--squash-all`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Squash {
    #[default]
    No,
    /// The build's own layers become one, on top of the base image's.
    New,
    /// The whole image becomes one layer.
    All,
}

/// What fails a build, in podman's words.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("parsing {file}: {source}")]
    Syntax {
        file: String,
        #[source]
        source: parse::SyntaxError,
    },
    /// A RUN whose command exited non-zero: the build exits with its code.
    #[error("building at STEP \"{step}\": while running runtime: exit status {code}")]
    RunFailed { step: String, code: i32 },
    #[error("building at STEP \"{step}\": {reason}")]
    Step { step: String, reason: String },
    #[error("{0}")]
    Other(String),
}

impl BuildError {
    pub fn exit_code(&self) -> u8 {
        match self {
            BuildError::RunFailed { code, .. } => (*code).clamp(1, 255) as u8,
            _ => 125,
        }
    }
}

/// Where the build reports its progress (the library prints nothing).
pub trait Reporter {
    /// One line of podman's build output (`STEP 1/3: ...`, `--> ...`, `COMMIT ...`).
    fn line(&self, text: &str);
}

/// The predefined platform ARGs, for the host.
pub fn platform_args() -> Vec<(String, String)> {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        a => a,
    };
    let p = format!("linux/{arch}");
    vec![
        ("TARGETPLATFORM".into(), p.clone()),
        ("TARGETOS".into(), "linux".into()),
        ("TARGETARCH".into(), arch.into()),
        ("TARGETVARIANT".into(), String::new()),
        ("BUILDPLATFORM".into(), p),
        ("BUILDOS".into(), "linux".into()),
        ("BUILDARCH".into(), arch.into()),
        ("BUILDVARIANT".into(), String::new()),
    ]
}
