//! Intermediate images, as podman's `images` hides them without `-a`: unnamed images that
//! another image is built on (containers/common's parent and child: the parent's layers
//! and history are where the child's begin, and the child has more history).

use std::collections::HashSet;

use serde_json::Value;

use crate::image::store::ImageRecord;

/// The ids of the intermediate images; `history` reads an image's config history.
pub fn intermediates(
    images: &[ImageRecord],
    history: impl Fn(&ImageRecord) -> Vec<Value>,
) -> HashSet<String> {
    let histories: Vec<Vec<Value>> = images.iter().map(&history).collect();
    let mut out = HashSet::new();
    for (i, a) in images.iter().enumerate() {
        if !a.names.is_empty() {
            continue;
        }
        let child = images.iter().enumerate().any(|(j, b)| {
            j != i
                && b.layers.starts_with(&a.layers)
                && histories[j].len() > histories[i].len()
                && histories[j].starts_with(&histories[i])
        });
        if child {
            out.insert(a.id.clone());
        }
    }
    out
}

/// An image's history from its config blob (none when unreadable).
pub fn history_of(store: &crate::image::store::Store, img: &ImageRecord) -> Vec<Value> {
    store
        .blob(&img.config_digest())
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .and_then(|v| v.get("history").cloned())
        .and_then(|h| match h {
            Value::Array(a) => Some(a),
            _ => None,
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn img(id: &str, layers: &[&str], named: bool) -> ImageRecord {
        let mut r: ImageRecord = serde_json::from_value(json!({
            "id": id, "names": [], "layers": layers, "size": 0, "os": "linux",
            "architecture": "amd64", "added": "2026-01-01T00:00:00Z"
        }))
        .unwrap();
        if named {
            r.names = vec![format!("localhost/{id}:latest")];
        }
        r
    }

    #[test]
    fn unnamed_parents_are_intermediate() {
        let all = [
            img("base", &["a"], true),
            img("step1", &["a", "b"], false),
            img("step2", &["a", "b"], false),
            img("final", &["a", "b", "c"], true),
            img("alone", &["x"], false),
            // The same layers, another history (two imports of one tarball).
            img("import", &["a", "b"], false),
        ];
        let history = |i: &ImageRecord| -> Vec<Value> {
            let n = match i.id.as_str() {
                "base" => 1,
                "step1" => 2,
                "step2" => 3,
                "final" => 4,
                _ => return vec![json!({"created_by": i.id})],
            };
            (0..n).map(|k| json!({"created_by": k})).collect()
        };
        let mut got: Vec<_> = intermediates(&all, history).into_iter().collect();
        got.sort();
        assert_eq!(got, ["step1", "step2"]);
    }
}
