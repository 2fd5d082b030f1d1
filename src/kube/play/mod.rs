//! `kube play` and `kube down`.
//!
//! Reading is pure: [`document`] splits the YAML into typed k8s-openapi objects, [`plan`]
//! turns them into ctl's own requests (a [`PodRequest`](crate::pod::create::PodRequest)
//! per pod, a [`CreateRequest`](crate::container::request::CreateRequest) per container,
//! the volumes to make) and every refusal happens there, before anything is made. Only
//! [`apply`] and [`down`] touch the stores, through the same pod, container and volume
//! code `pod create`, `create` and `volume create` use.

pub mod apply;
pub mod container;
pub mod document;
pub mod down;
pub mod env;
pub mod fields;
pub mod plan;
pub mod quantity;
pub mod volumes;

/// What went wrong reading or playing a file.
#[derive(Debug, thiserror::Error)]
pub enum PlayError {
    /// The text is not YAML at all.
    #[error("unable to read kube YAML: {0}")]
    Yaml(String),
    /// One document is wrong; `doc` names it (`Pod "web"`, `document 2`), `field` the path.
    #[error("{doc}: {field}: {reason}")]
    Field {
        doc: String,
        field: String,
        reason: String,
    },
    /// No document of a kind `kube play` makes.
    #[error("YAML document does not contain any supported kube kind")]
    Empty,
    #[error("{doc}: {reason}")]
    Document { doc: String, reason: String },
    #[error(transparent)]
    Ctl(#[from] crate::Error),
}

impl PlayError {
    pub fn field(doc: &str, field: impl Into<String>, reason: impl Into<String>) -> Self {
        PlayError::Field {
            doc: doc.to_string(),
            field: field.into(),
            reason: reason.into(),
        }
    }
}

pub type Result<T, E = PlayError> = std::result::Result<T, E>;

/// `kube play`'s options that change what is made.
#[derive(Debug, Clone, Default)]
pub struct PlayOptions {
    /// `--publish`: more ports every pod's infra publishes.
    pub publish: Vec<String>,
    /// `--network`: the pods' network instead of the default (hostNetwork still wins).
    pub network: Option<String>,
    /// `--log-driver`.
    pub log_driver: Option<ctl_monitor::LogDriver>,
    /// The command line, kept in the pod's and containers' records.
    pub create_command: Vec<String>,
    /// `--annotation KEY=VALUE`: on every container, over the YAML's.
    pub annotations: Vec<String>,
    /// `--log-opt`.
    pub log_opts: Vec<String>,
    /// `--publish-all`: a containerPort without hostPort is published on the same port.
    pub publish_all: bool,
    /// `--no-pod-prefix`: containers are named as in the YAML, not `POD-NAME`.
    pub no_pod_prefix: bool,
    /// Secrets earlier plays stored from Secret documents, for the documents that name a
    /// Secret this file does not define.
    pub stored_secrets: Vec<k8s_openapi::api::core::v1::Secret>,
}

#[cfg(test)]
mod plan_tests;
