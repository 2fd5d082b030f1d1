//! `commit`: a container's changes become a new image. The caller writes the new layer's tar
//! (the container's upper directory, or with `--squash` its whole rootfs); it goes through
//! the same path a pulled layer does (unpacked, digests taken, published by one rename) and
//! the image is recorded last, so a killed commit leaves no half image.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

use ctl_monitor::time::Timestamp;
use serde_json::{json, Map, Value};

use crate::error::{Error, Result};
use crate::image::archive::import::{apply_changes, import_name, parse_change, Change};
use crate::image::digest::{chain_ids, sha256_digest};
use crate::image::layer::{store_layer, Expected};
use crate::image::store::{ImageRecord, Store};
use crate::image::unpack::UnpackOptions;
use crate::image::ImageConfigSummary;

/// What `commit` is asked for, as given.
#[derive(Debug, Clone, Default)]
pub struct CommitRequest {
    /// `--change` instructions.
    pub changes: Vec<String>,
    /// The history entry's comment.
    pub message: Option<String>,
    pub author: Option<String>,
    /// The new image's name; a short one goes under `localhost/`. None: unnamed.
    pub name: Option<String>,
    /// One layer holding the whole filesystem instead of one more layer.
    pub squash: bool,
    /// The container's volumes' destinations become the image's VOLUMEs.
    pub include_volumes: bool,
    /// Freeze a running container while its changes are read (`--pause`).
    pub pause: bool,
}

/// The container's side of the new config: what it ran with.
#[derive(Debug, Clone, Default)]
pub struct ContainerSide {
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    pub env: Vec<String>,
    pub labels: BTreeMap<String, String>,
    pub user: String,
    pub workdir: String,
    pub volumes: Vec<String>,
    /// The history entry's `created_by`.
    pub created_by: String,
}

/// Parses `--change` instructions; an error is worded as podman's
/// (`invalid change "X" - reason`).
pub fn parse_changes(changes: &[String]) -> Result<Vec<Change>> {
    changes
        .iter()
        .map(|c| {
            parse_change(c).map_err(|reason| {
                let word = c.split([' ', '=']).next().unwrap_or_default().trim();
                let reason = match reason.starts_with("unsupported instruction") {
                    true => format!("invalid instruction {}", word.to_ascii_uppercase()),
                    false => reason,
                };
                Error::BadOption(format!("invalid change {c:?} - {reason}"))
            })
        })
        .collect()
}

/// The new image's config: the base image's, with what the container ran with, the
/// changes, the new layer and a history entry.
pub fn new_config(
    base: &[u8],
    side: &ContainerSide,
    req: &CommitRequest,
    changes: &[Change],
    diff_id: &str,
    created: Timestamp,
) -> Result<Value> {
    let mut v: Value = serde_json::from_slice(base).map_err(|e| Error::BadImage {
        what: "config".into(),
        reason: e.to_string(),
    })?;
    let Some(top) = v.as_object_mut() else {
        return Err(Error::BadImage {
            what: "config".into(),
            reason: "not a JSON object".into(),
        });
    };
    let mut config = match top.remove("config") {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    set_list(&mut config, "Entrypoint", &side.entrypoint);
    set_list(&mut config, "Cmd", &side.cmd);
    set_list(&mut config, "Env", &side.env);
    if !side.labels.is_empty() {
        config.insert("Labels".into(), json!(side.labels));
    }
    if !side.user.is_empty() {
        config.insert("User".into(), json!(side.user));
    }
    if !side.workdir.is_empty() {
        config.insert("WorkingDir".into(), json!(side.workdir));
    }
    if req.include_volumes && !side.volumes.is_empty() {
        apply_changes(&mut config, &[Change::Volume(side.volumes.clone())]);
    }
    apply_changes(&mut config, changes);
    top.insert("config".into(), Value::Object(config));
    top.insert("created".into(), json!(created));
    if let Some(a) = &req.author {
        top.insert("author".into(), json!(a));
    }
    let mut entry = json!({"created": created, "created_by": side.created_by});
    if let Some(a) = &req.author {
        entry["author"] = json!(a);
    }
    if let Some(m) = &req.message {
        entry["comment"] = json!(m);
    }
    let mut history = match (req.squash, top.remove("history")) {
        (false, Some(Value::Array(h))) => h,
        _ => Vec::new(),
    };
    history.push(entry);
    top.insert("history".into(), Value::Array(history));
    let mut diff_ids = match (req.squash, v.pointer("/rootfs/diff_ids")) {
        (false, Some(Value::Array(d))) => d.clone(),
        _ => Vec::new(),
    };
    diff_ids.push(json!(diff_id));
    v["rootfs"] = json!({"type": "layers", "diff_ids": diff_ids});
    Ok(v)
}

fn set_list(config: &mut Map<String, Value>, key: &str, items: &[String]) {
    match items.is_empty() {
        true => config.remove(key),
        false => config.insert(key.into(), json!(items)),
    };
}

/// Stores the layer `write_layer` writes on top of `base` (none: a squashed image) and
/// records the image. Changes and name are checked before anything is written.
pub fn commit(
    store: &Store,
    base: Option<&ImageRecord>,
    side: &ContainerSide,
    req: &CommitRequest,
    opts: &UnpackOptions,
    write_layer: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<ImageRecord> {
    let changes = parse_changes(&req.changes)?;
    let name = req.name.as_deref().map(import_name).transpose()?;
    let base_config = match base {
        Some(b) => store.blob(&b.config_digest())?,
        None => br#"{"architecture":"","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[]}}"#.to_vec(),
    };
    let mut diff_ids = ImageConfigSummary::parse(&base_config)?.diff_ids;
    if req.squash {
        diff_ids.clear();
    }

    let (diff_id, chains) = add_layer(store, &diff_ids, opts, write_layer)?;
    let created = Timestamp::now();
    let config = new_config(&base_config, side, req, &changes, &diff_id, created)?;
    store_image(store, &config, chains, name.into_iter().collect(), created)
}

/// Stores the layer `write_layer` writes on top of the layers `diff_ids` name: written
/// aside first (its digest names it), then through the pull path and published by one
/// rename. Returns its diff id and the chain ids of all the layers.
pub fn add_layer(
    store: &Store,
    diff_ids: &[String],
    opts: &UnpackOptions,
    write_layer: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<(String, Vec<String>)> {
    let mut diff_ids = diff_ids.to_vec();
    let staging = store.stage()?;
    let tar_path = staging.path().join("layer.tar");
    let file = std::fs::File::create(&tar_path).map_err(|e| Error::io(&tar_path, e))?;
    let mut hashed = crate::image::save::Hashing::new(BufWriter::with_capacity(256 * 1024, file));
    write_layer(&mut hashed)?;
    hashed.flush().map_err(|e| Error::io(&tar_path, e))?;
    let diff_id = hashed.digest();
    drop(hashed);

    diff_ids.push(diff_id.clone());
    let chains = chain_ids(&diff_ids);
    let chain = chains.last().expect("one layer at least").clone();
    let parent = chains.len().checked_sub(2).map(|i| chains[i].clone());
    if !store.has_layer(&chain) {
        let tar = std::fs::File::open(&tar_path).map_err(|e| Error::io(&tar_path, e))?;
        let expected = Expected {
            label: "container changes".into(),
            digest: None,
            diff_id: Some(diff_id.clone()),
            chain_id: Some(chain.clone()),
            parent,
            size: None,
        };
        store_layer(store, tar, &expected, opts, |_| {})?;
    }
    drop(staging);
    Ok((diff_id, chains))
}

/// Records an image: its config blob, then the image (last, so a killed caller leaves no
/// half image).
pub fn store_image(
    store: &Store,
    config: &Value,
    chains: Vec<String>,
    names: Vec<String>,
    created: Timestamp,
) -> Result<ImageRecord> {
    let bytes = serde_json::to_vec(config).expect("config serializes");
    let summary = ImageConfigSummary::parse(&bytes)?;
    let digest = sha256_digest(&bytes);
    store.put_blob(&digest, &bytes)?;
    let mut size = 0;
    for c in &chains {
        size += store.layer(c)?.size;
    }
    store.commit_image(ImageRecord {
        id: digest.trim_start_matches("sha256:").to_string(),
        names,
        repo_digests: vec![],
        manifest_digest: None,
        created: Some(created),
        added: Timestamp::now(),
        os: summary.os,
        architecture: summary.architecture,
        variant: summary.variant,
        layers: chains,
        size,
        names_history: vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Vec<u8> {
        serde_json::to_vec(&json!({
            "architecture": "amd64", "os": "linux",
            "config": {"Cmd": ["sh"], "Env": ["PATH=/bin"], "Labels": {"a": "1"}},
            "rootfs": {"type": "layers", "diff_ids": ["sha256:aa"]},
            "history": [{"created_by": "base"}],
        }))
        .unwrap()
    }

    #[test]
    fn the_config_takes_the_container_then_the_changes() {
        let side = ContainerSide {
            cmd: vec!["sh".into(), "-c".into(), "x".into()],
            env: vec!["PATH=/bin".into(), "A=1".into()],
            created_by: "sh -c x".into(),
            volumes: vec!["/data".into()],
            ..Default::default()
        };
        let req = CommitRequest {
            message: Some("msg".into()),
            author: Some("me".into()),
            include_volumes: true,
            ..Default::default()
        };
        let changes =
            parse_changes(&["CMD [\"top\"]".into(), "ENV B=2".into(), "LABEL k=v".into()]).unwrap();
        let t: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let c = new_config(&base(), &side, &req, &changes, "sha256:bb", t).unwrap();
        assert_eq!(c["config"]["Cmd"], json!(["top"]));
        assert_eq!(c["config"]["Env"], json!(["PATH=/bin", "A=1", "B=2"]));
        assert_eq!(c["config"]["Labels"], json!({"a": "1", "k": "v"}));
        assert_eq!(c["config"]["Volumes"], json!({"/data": {}}));
        assert_eq!(c["rootfs"]["diff_ids"], json!(["sha256:aa", "sha256:bb"]));
        assert_eq!(c["author"], "me");
        assert_eq!(c["history"][1]["comment"], "msg");
        assert_eq!(c["history"][1]["created_by"], "sh -c x");
        assert_eq!(c["history"].as_array().unwrap().len(), 2);

        let squash = CommitRequest {
            squash: true,
            ..Default::default()
        };
        let c = new_config(&base(), &side, &squash, &[], "sha256:cc", t).unwrap();
        assert_eq!(c["rootfs"]["diff_ids"], json!(["sha256:cc"]));
        assert_eq!(c["history"].as_array().unwrap().len(), 1);
        assert!(c["config"].get("Volumes").is_none());
    }

    #[test]
    fn bad_changes_are_worded_as_podman() {
        let e = parse_changes(&["FROM scratch".into()])
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "invalid change \"FROM scratch\" - invalid instruction FROM"
        );
        let e = parse_changes(&["EXPOSE 0".into()]).unwrap_err().to_string();
        assert!(e.starts_with("invalid change \"EXPOSE 0\" - "), "{e}");
    }
}
