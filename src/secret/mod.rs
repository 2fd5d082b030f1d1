//! Secrets: blobs a container gets at creation that are kept out of images. Stored as
//! podman's file driver keeps them, under `<store>/secrets/`: `secrets.json` (the index:
//! names, ids, labels, driver) and `filedriver/secretsdata.json` (id → base64 data), both
//! mode 0600, written atomically under `secrets.lock`.

pub mod filter;
mod store;
pub mod usage;

use std::collections::BTreeMap;

use ctl_monitor::time::Timestamp;
use serde::{Deserialize, Serialize};

pub use store::{CreateOptions, Created, Secrets};

/// podman's limit: data must be shorter than this.
pub const MAX_SIZE: usize = 512_000;
/// podman's ids: 25 hex digits.
pub const ID_LEN: usize = 25;

/// The failures, in podman's (containers/common's) words.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("no secret with name or id {0:?}: no such secret")]
    NotFound(String),
    #[error("{0}: secret name in use")]
    NameInUse(String),
    #[error(
        "secret name {0:?} can not include '=', '/', ',', or the '\\0' (NULL) and be between 1 and 253 characters: invalid secret name"
    )]
    InvalidName(String),
    #[error("secret data must be larger than 0 and less than 512000 bytes")]
    DataSize,
    #[error("more than one result secret with prefix {0}: secret is ambiguous")]
    Ambiguous(String),
    /// Only the file driver is built in.
    #[error("secret driver {0:?} is not supported (file is): invalid driver")]
    Driver(String),
    #[error("need path for filedriver: invalid driver option")]
    DriverPath,
    #[error("{path}: {reason}")]
    Corrupt { path: String, reason: String },
    /// `--secret`'s value, in podman's words (`parsing secret` is its cause).
    #[error("{0}: parsing secret")]
    Parse(String),
    #[error("UID, GID, Mode options cannot be set with secret type env: parsing secret")]
    EnvOnlyOptions,
}

/// One secret in the index: containers/common's `Secret`, its JSON field names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Secret {
    pub name: String,
    pub id: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
    #[serde(rename = "createdAt")]
    pub created_at: Timestamp,
    /// Records podman wrote before it had one take the creation time.
    #[serde(
        rename = "updatedAt",
        default,
        deserialize_with = "ctl_monitor::time::deserialize_lenient"
    )]
    pub updated_at: Option<Timestamp>,
    pub driver: String,
    #[serde(rename = "driverOptions", default)]
    pub driver_options: BTreeMap<String, String>,
}

impl Secret {
    pub fn updated(&self) -> Timestamp {
        self.updated_at.unwrap_or(self.created_at)
    }
}

/// containers/common's validateSecretName.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty() && name.len() <= 253 && !name.contains([',', '/', '=', '\0'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_podman_checks_them() {
        assert!(valid_name("db-password.v2"));
        assert!(!valid_name(""));
        assert!(!valid_name("a/b"));
        assert!(!valid_name("a=b"));
        assert!(!valid_name("a,b"));
        assert!(!valid_name(&"x".repeat(254)));
        assert!(valid_name(&"x".repeat(253)));
    }

    #[test]
    fn an_index_entry_reads_as_podman_writes_it() {
        let text = r#"{"name":"s1","id":"fa1ef12ab986b5aa7ff5158be","labels":{"a":"b"},
            "createdAt":"2026-12-05T13:24:00.393025411Z","driver":"file",
            "driverOptions":{"path":"/x/secrets/filedriver"}}"#;
        let s: Secret = serde_json::from_str(text).unwrap();
        assert_eq!(s.updated(), s.created_at, "no updatedAt: the creation time");
        assert_eq!(s.labels["a"], "b");
        let back = serde_json::to_value(&s).unwrap();
        assert_eq!(back["driverOptions"]["path"], "/x/secrets/filedriver");
        assert!(back.get("metadata").is_none());
    }
}
