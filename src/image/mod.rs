//! Images: references, registries, the store, and getting layers into it safely.

pub mod archive;
pub mod auth;
pub mod commit;
pub mod compression;
pub mod digest;
pub mod filter;
pub mod history;
pub mod intermediate;
pub mod layer;
pub mod links;
pub mod pull;
pub mod push;
pub mod reference;
pub mod registries;
pub mod registry;
pub mod registry_push;
pub mod rootfd;
pub mod save;
pub mod store;
pub mod tarsplit;
pub mod unpack;

use ctl_monitor::time::Timestamp;
use serde_json::Value;

use crate::error::{Error, Result};

/// The parts of an image config the store needs.
#[derive(Debug, Clone, Default)]
pub struct ImageConfigSummary {
    pub diff_ids: Vec<String>,
    /// None when the config has none, or one that is no RFC 3339 timestamp.
    pub created: Option<Timestamp>,
    pub os: String,
    pub architecture: String,
    pub variant: Option<String>,
}

impl ImageConfigSummary {
    pub fn parse(config: &[u8]) -> Result<ImageConfigSummary> {
        let bad = |reason: String| Error::BadImage {
            what: "config".into(),
            reason,
        };
        let v: Value = serde_json::from_slice(config).map_err(|e| bad(e.to_string()))?;
        let diff_ids = v
            .pointer("/rootfs/diff_ids")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("no rootfs.diff_ids".into()))?
            .iter()
            .map(|d| {
                let s = d.as_str().unwrap_or_default();
                reference::validate_digest(s)
                    .map(|_| s.to_string())
                    .map_err(|r| bad(format!("diff-id \"{s}\": {r}")))
            })
            .collect::<Result<Vec<_>>>()?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        Ok(ImageConfigSummary {
            diff_ids,
            created: s("created").and_then(|c| c.parse().ok()),
            os: s("os").unwrap_or_else(|| "linux".into()),
            architecture: s("architecture").unwrap_or_default(),
            variant: s("variant"),
        })
    }
}

/// A container (its id) whose record names `image_id`, if any.
pub fn container_using(root: &std::path::Path, image_id: &str) -> Option<String> {
    let dir = root.join("containers");
    std::fs::read_dir(dir).ok()?.flatten().find_map(|e| {
        let data = std::fs::read(e.path().join("container.json")).ok()?;
        let v: Value = serde_json::from_slice(&data).ok()?;
        (v.get("image_id")?.as_str()? == image_id)
            .then(|| e.file_name().to_string_lossy().into_owned())
    })
}
