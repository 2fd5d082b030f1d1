//! What a build does to its last image after the last step, as buildah's commit does:
//! `--label`, `--unsetenv`, `--unsetlabel`, `--omit-history`, and `--squash`/`--squash-all`
//! (the layers become one); and `--timestamp`'s fixed file times in new layers.

use std::io::{Read, Seek, SeekFrom, Write};

use ctl_monitor::time::Timestamp;
use serde_json::{json, Value};

use crate::build::{config, BuildError, BuildRequest, Squash};
use crate::container::export::write_tree;
use crate::container::lifecycle::Manager;
use crate::error::{Error, Result};
use crate::image::commit::{add_layer, store_image};
use crate::image::store::ImageRecord;
use crate::image::unpack::UnpackOptions;

impl BuildRequest {
    /// The created time of every image the build stores: `--timestamp`, else
    /// `--source-date-epoch`, else now.
    pub fn created(&self) -> Timestamp {
        match self.timestamp.or(self.source_date_epoch) {
            Some(s) => Timestamp::new(s, 0),
            None => Timestamp::now(),
        }
    }

    /// What a cached step must have been built with besides its instruction, as buildah
    /// notes it in the step's history (`|inheritLabels=false|force-mtime=N`).
    pub fn cache_note(&self) -> String {
        let mut s = String::new();
        if !self.inherit_labels {
            s.push_str("|inheritLabels=false");
        }
        if let Some(t) = self.timestamp {
            s.push_str(&format!("|force-mtime={t}"));
        }
        s
    }

    /// Whether the last image needs a change of its own after the steps.
    fn changes_last_image(&self) -> bool {
        !self.labels.is_empty()
            || !self.unset_env.is_empty()
            || !self.unset_labels.is_empty()
            || self.omit_history
            || self.squash != Squash::No
    }
}

/// The config edits of the last image; pure, for tests.
pub fn edit_config(req: &BuildRequest, cfg: &mut Value) {
    for l in &req.labels {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        config::section(cfg)
            .entry("Labels")
            .or_insert_with(|| json!({}))[k] = json!(v);
    }
    if let Some(labels) = cfg
        .pointer_mut("/config/Labels")
        .and_then(Value::as_object_mut)
    {
        for k in &req.unset_labels {
            labels.remove(k);
        }
    }
    if !req.unset_env.is_empty() {
        let kept: Vec<String> = config::env(cfg)
            .into_iter()
            .filter(|(k, _)| !req.unset_env.contains(k))
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        config::section(cfg).insert("Env".into(), json!(kept));
    }
    if req.omit_history {
        if let Some(o) = cfg.as_object_mut() {
            o.remove("history");
        }
    }
}

/// The history of a squashed image: every entry kept, only the last one with a layer (the
/// one layer there is).
fn squashed_history(cfg: &mut Value) {
    if let Some(h) = cfg.get_mut("history").and_then(Value::as_array_mut) {
        let n = h.len();
        for (i, e) in h.iter_mut().enumerate() {
            if i + 1 < n {
                e["empty_layer"] = json!(true);
            } else if let Some(o) = e.as_object_mut() {
                o.remove("empty_layer");
            }
        }
    }
}

/// The last image with the request's final changes; `img` itself when there are none.
/// `base_layers`: how many of its layers the target stage's FROM gave it.
pub fn finish(
    m: &Manager,
    req: &BuildRequest,
    img: ImageRecord,
    base_layers: usize,
    opts: &UnpackOptions,
) -> Result<ImageRecord> {
    if !req.changes_last_image() {
        return Ok(img);
    }
    let mut cfg: Value = serde_json::from_slice(&m.images.blob(&img.config_digest())?)
        .map_err(|e| BuildError::Other(e.to_string()))?;
    edit_config(req, &mut cfg);
    let mut chains = img.layers.clone();
    let keep = match req.squash {
        Squash::No => None,
        Squash::All => Some(0),
        Squash::New => Some(base_layers.min(chains.len())),
    };
    if let Some(keep) = keep {
        if chains.len() > keep + 1 {
            let diff_ids: Vec<String> = cfg
                .pointer("/rootfs/diff_ids")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .take(keep)
                        .filter_map(|d| d.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let (diff_id, all) = squash_layer(m, &img, keep, &diff_ids, opts, req.timestamp)?;
            chains = all;
            let mut ids = diff_ids;
            ids.push(diff_id);
            cfg["rootfs"] = json!({"type": "layers", "diff_ids": ids});
            squashed_history(&mut cfg);
        }
    }
    let created = req.created();
    cfg["created"] = json!(created);
    store_image(&m.images, &cfg, chains, vec![], created)
}

/// One layer holding what `img`'s layers above the first `keep` hold: with none kept, its
/// whole tree; else the tree of every path the upper layers name, as `img` shows it, and a
/// whiteout for each of those paths that `img` no longer has.
fn squash_layer(
    m: &Manager,
    img: &ImageRecord,
    keep: usize,
    diff_ids: &[String],
    opts: &UnpackOptions,
    mtime: Option<i64>,
) -> Result<(String, Vec<String>)> {
    m.with_build_root(img, |root| {
        if keep == 0 {
            return add_layer(&m.images, diff_ids, opts, |out| {
                with_mtime(mtime, out, |w| write_tree(root, w))
            });
        }
        let uppers: Vec<_> = img.layers[keep..]
            .iter()
            .map(|c| m.images.layer_diff(c))
            .collect();
        add_layer(&m.images, diff_ids, opts, |out| {
            with_mtime(mtime, out, |w| {
                crate::container::export::write_union(root, &uppers, w)
            })
        })
    })
}

/// Runs `write` on `out`, every tar header's mtime set to `mtime` when there is one.
pub fn with_mtime(
    mtime: Option<i64>,
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let Some(t) = mtime else {
        return write(out);
    };
    let io =
        |e: std::io::Error| Error::from(BuildError::Other(format!("rewriting layer times: {e}")));
    let mut file = tempfile::tempfile().map_err(io)?;
    write(&mut file)?;
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    set_mtimes(std::io::BufReader::new(file), out, t.max(0) as u64).map_err(io)
}

/// Copies a tar stream with every header's mtime set to `t`; raw, so long-name and pax
/// entries pass through as they are.
pub fn set_mtimes(input: impl Read, out: &mut dyn Write, t: u64) -> std::io::Result<()> {
    let mut a = tar::Archive::new(input);
    let mut b = tar::Builder::new(out);
    for e in a.entries()?.raw(true) {
        let mut e = e?;
        let mut h = e.header().clone();
        h.set_mtime(t);
        h.set_cksum();
        b.append(&h, &mut e)?;
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_image_loses_what_unset_says_and_keeps_the_rest() {
        let req = BuildRequest {
            labels: vec!["new=1".into()],
            unset_env: vec!["DROP".into()],
            unset_labels: vec!["gone".into()],
            omit_history: true,
            ..Default::default()
        };
        let mut cfg = json!({
            "config": {"Env": ["KEEP=1", "DROP=2"], "Labels": {"gone": "x", "kept": "y"}},
            "history": [{"created_by": "a"}],
        });
        edit_config(&req, &mut cfg);
        assert_eq!(cfg["config"]["Env"], json!(["KEEP=1"]));
        assert_eq!(cfg["config"]["Labels"], json!({"kept": "y", "new": "1"}));
        assert!(cfg.get("history").is_none());
        assert!(req.changes_last_image());
        assert!(!BuildRequest::default().changes_last_image());
    }

    #[test]
    fn a_squashed_history_has_one_entry_with_a_layer() {
        let mut cfg =
            json!({"history": [{"created_by": "a"}, {"created_by": "b", "empty_layer": true}]});
        squashed_history(&mut cfg);
        assert_eq!(
            cfg["history"],
            json!([{"created_by": "a", "empty_layer": true}, {"created_by": "b"}])
        );
    }

    #[test]
    fn timestamps_set_every_mtime_and_note_the_cache_key() {
        let mut b = tar::Builder::new(Vec::new());
        for (p, t) in [("a", 5), (&"long/".repeat(40)[..], 7)] {
            let mut h = tar::Header::new_gnu();
            h.set_size(1);
            h.set_mtime(t);
            b.append_data(&mut h, format!("{p}x"), &b"z"[..]).unwrap();
        }
        let tar = b.into_inner().unwrap();
        let mut out = Vec::new();
        set_mtimes(&tar[..], &mut out, 1000).unwrap();
        let mut a = tar::Archive::new(&out[..]);
        let got: Vec<(String, u64)> = a
            .entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.path().unwrap().display().to_string(),
                    e.header().mtime().unwrap(),
                )
            })
            .collect();
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|(_, t)| *t == 1000), "{got:?}");
        assert!(got[1].0.len() > 100, "the long name kept: {got:?}");
        let req = BuildRequest {
            timestamp: Some(9),
            ..Default::default()
        };
        assert_eq!(req.cache_note(), "|inheritLabels=false|force-mtime=9");
        assert_eq!(req.created(), Timestamp::new(9, 0));
    }
}
