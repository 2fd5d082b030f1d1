//! `build`: images from a Containerfile without a daemon. [`parse`] reads the file,
//! [`stages`] picks the stages the target needs, [`executor`] runs each step on top of the
//! last step's image: config steps change the config, COPY/ADD write a layer from their
//! sources ([`source`]), RUN runs a container from that image ([`run`]) whose upper
//! directory becomes the layer. Every step's image is stored and indexed by
//! [`cache`] under (parent image, instruction, content digest).

pub mod cache;
pub mod config;
pub mod executor;
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
    pub squash: bool,
    /// `KEY=VALUE` labels added to the final image.
    pub labels: Vec<String>,
    pub network: Option<String>,
    /// RUN output dropped (`-q`).
    pub quiet: bool,
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
