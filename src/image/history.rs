//! `history`: an image's config history, newest first, as podman's libimage reads it: the
//! newest entry carries the image's id and names, older ones `<missing>`; each entry that
//! made a layer (not `empty_layer`) takes that layer's size from the store, base last.

use ctl_monitor::time::Timestamp;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::image::store::{ImageRecord, Store};

/// One history entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub id: String,
    pub created: Option<Timestamp>,
    pub created_by: String,
    pub size: u64,
    pub comment: String,
    pub tags: Vec<String>,
}

/// The history of `img`, newest first.
pub fn history(store: &Store, img: &ImageRecord) -> Result<Vec<HistoryEntry>> {
    let config = store.blob(&img.config_digest())?;
    let v: Value = serde_json::from_slice(&config).map_err(|e| Error::BadImage {
        what: "config".into(),
        reason: e.to_string(),
    })?;
    let sizes = img
        .layers
        .iter()
        .map(|c| store.layer(c).map(|l| l.size))
        .collect::<Result<Vec<_>>>()?;
    Ok(entries(&v, img, &sizes))
}

/// The entries of config `v` with the layers' `sizes` (base first). A config without
/// history gets one entry per layer.
pub fn entries(v: &Value, img: &ImageRecord, sizes: &[u64]) -> Vec<HistoryEntry> {
    let s = |h: &Value, k: &str| {
        h.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let listed: Vec<Value> = match v.get("history").and_then(Value::as_array) {
        Some(h) if !h.is_empty() => h.clone(),
        _ => sizes.iter().map(|_| serde_json::json!({})).collect(),
    };
    let mut layer = sizes.len();
    let mut out = Vec::new();
    for (n, h) in listed.iter().enumerate().rev() {
        let empty = h
            .get("empty_layer")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let size = match (empty, layer) {
            (false, l) if l > 0 => {
                layer -= 1;
                sizes[layer]
            }
            _ => 0,
        };
        let newest = n + 1 == listed.len();
        out.push(HistoryEntry {
            id: match newest {
                true => img.id.clone(),
                false => "<missing>".into(),
            },
            created: s(h, "created").parse().ok(),
            created_by: s(h, "created_by"),
            size,
            comment: s(h, "comment"),
            tags: match newest {
                true => img.names.clone(),
                false => vec![],
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_layers_are_size_zero_and_layers_count_from_the_top() {
        let img = ImageRecord {
            id: "abc".into(),
            names: vec!["localhost/x:1".into()],
            repo_digests: vec![],
            manifest_digest: None,
            created: None,
            added: "2026-01-01T00:00:00Z".parse().unwrap(),
            os: "linux".into(),
            architecture: "amd64".into(),
            variant: None,
            layers: vec!["a".into(), "b".into()],
            size: 30,
            names_history: vec![],
        };
        let v = json!({"history": [
            {"created": "2026-01-01T00:00:00Z", "created_by": "ADD base"},
            {"created_by": "ENV A=1", "empty_layer": true},
            {"created_by": "RUN x", "comment": "c"},
        ]});
        let e = entries(&v, &img, &[10, 20]);
        let got: Vec<(&str, &str, u64)> = e
            .iter()
            .map(|e| (e.id.as_str(), e.created_by.as_str(), e.size))
            .collect();
        assert_eq!(
            got,
            vec![
                ("abc", "RUN x", 20),
                ("<missing>", "ENV A=1", 0),
                ("<missing>", "ADD base", 10)
            ]
        );
        assert_eq!(e[0].comment, "c");
        assert_eq!(e[0].tags, img.names);
        assert!(e[2].created.is_some());
        // No history: one entry per layer.
        let e = entries(&json!({}), &img, &[10, 20]);
        assert_eq!(e.iter().map(|e| e.size).collect::<Vec<_>>(), vec![20, 10]);
    }
}
