//! Intermediate images, as podman's `images` hides them without `-a`: unnamed images that
//! another image is built on (its layers start with theirs, and it has more, or the same
//! ones and was made later: a build's config-only steps).

use std::collections::HashSet;

use crate::image::store::ImageRecord;

pub fn intermediates(images: &[ImageRecord]) -> HashSet<String> {
    images
        .iter()
        .filter(|a| a.names.is_empty())
        .filter(|a| {
            images.iter().any(|b| {
                b.id != a.id
                    && b.layers.starts_with(&a.layers)
                    && (b.layers.len() > a.layers.len() || b.created > a.created)
            })
        })
        .map(|a| a.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(id: &str, layers: &[&str], secs: i64, named: bool) -> ImageRecord {
        let t: ctl_monitor::time::Timestamp =
            format!("2026-01-01T00:00:{secs:02}Z").parse().unwrap();
        ImageRecord {
            id: id.into(),
            names: if named { vec![format!("localhost/{id}:latest")] } else { vec![] },
            layers: layers.iter().map(|s| s.to_string()).collect(),
            created: Some(t),
            ..serde_json::from_value(serde_json::json!({
                "id": id, "names": [], "layers": [], "size": 0, "os": "linux", "architecture": "amd64",
                "added": "2026-01-01T00:00:00Z"
            }))
            .unwrap()
        }
    }

    #[test]
    fn unnamed_parents_are_intermediate() {
        let all = [
            img("base", &["a"], 0, true),
            img("step1", &["a", "b"], 1, false),
            img("step2", &["a", "b"], 2, false),
            img("final", &["a", "b", "c"], 3, true),
            img("alone", &["x"], 4, false),
        ];
        let mut got: Vec<_> = intermediates(&all).into_iter().collect();
        got.sort();
        assert_eq!(got, ["step1", "step2"]);
    }
}
