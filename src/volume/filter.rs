//! `volume ls --filter` and `volume prune --filter`, as podman's pkg/domain/filters: the
//! values of one key OR (labels AND), the keys AND.

use crate::container::filter::regex_any;
use crate::error::{Error, Result};
use crate::image::filter::match_labels;
use crate::timetype::{self, Time};
use crate::volume::Volume;

#[derive(Debug, Default)]
pub struct VolumeFilter {
    keys: Vec<(String, Vec<String>)>,
    until: Option<Time>,
}

fn bad(msg: String) -> Error {
    Error::BadOption(msg)
}

fn is_true(v: &str) -> bool {
    matches!(v, "true" | "1")
}

impl VolumeFilter {
    /// The same keys for `ls` and `prune` (which keeps only unused volumes besides).
    pub fn compile(raw: &[String], now: Time, offset: i64) -> Result<VolumeFilter> {
        let mut f = VolumeFilter::default();
        for r in raw {
            let Some((k, v)) = r.split_once('=') else {
                return Err(bad(format!(
                    "invalid filter {r:?}: filters must be KEY=VALUE"
                )));
            };
            let k = k.to_lowercase();
            match k.as_str() {
                "name" | "driver" | "scope" | "label" | "label!" | "opt" | "anonymous" => {}
                "dangling" => {
                    if !matches!(v, "true" | "1" | "false" | "0") {
                        return Err(bad(format!(
                            "{v:?} is not a valid value for the \"dangling\" filter - must be \
                             true or false"
                        )));
                    }
                }
                "until" => {
                    f.until = Some(timetype::filter_time(v, now, offset).map_err(bad)?);
                    continue;
                }
                _ => return Err(bad(format!("{k:?} is an invalid volume filter"))),
            }
            match f.keys.iter_mut().find(|(key, _)| *key == k) {
                Some((_, vals)) => vals.push(v.to_string()),
                None => f.keys.push((k, vec![v.to_string()])),
            }
        }
        Ok(f)
    }

    /// Whether a volume matches; `used`: a container mounts it.
    pub fn matches(&self, v: &Volume, used: bool) -> bool {
        let keys = self.keys.iter().all(|(k, vals)| match k.as_str() {
            "name" => regex_any(vals, &v.name),
            "driver" => vals.contains(&v.driver),
            "scope" => vals.iter().any(|s| s == "local"),
            "label" => vals.iter().all(|f| match_labels(f, &v.labels)),
            "label!" => !vals.iter().any(|f| match_labels(f, &v.labels)),
            "opt" => vals.iter().any(|o| {
                let (key, val) = o.split_once('=').unwrap_or((o, ""));
                v.options
                    .get(key)
                    .is_some_and(|have| val.is_empty() || have == val)
            }),
            "anonymous" => vals.iter().any(|a| is_true(a) == v.anonymous),
            "dangling" => vals.iter().any(|d| is_true(d) != used),
            _ => false,
        });
        let before = self.until.is_none_or(|u| timetype::of(v.created_at) < u);
        keys && before
    }

    /// Whether matching needs to know the volumes' users.
    pub fn wants_use(&self) -> bool {
        self.keys.iter().any(|(k, _)| k == "dangling")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::volume::CreateRequest;

    #[test]
    fn volume_filters_as_podman_s() {
        let vol = |name: &str, labels: &[(&str, &str)], anonymous: bool| {
            let req = CreateRequest {
                labels: labels
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                anonymous,
                ..Default::default()
            };
            req.record(name.into()).unwrap()
        };
        let vols = [
            vol("data", &[("team", "x")], false),
            vol("data2", &[("team", "y")], false),
            vol("cache", &[], true),
        ];
        let now = timetype::now();
        let names = |raw: &[&str], used: &[&str]| {
            let raw: Vec<String> = raw.iter().map(|s| s.to_string()).collect();
            let f = VolumeFilter::compile(&raw, now, 0).unwrap();
            vols.iter()
                .filter(|v| f.matches(v, used.contains(&v.name.as_str())))
                .map(|v| v.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&["name=data"], &[]), ["data", "data2"]);
        assert_eq!(names(&["name=^data$"], &[]), ["data"]);
        assert_eq!(names(&["label=team"], &[]), ["data", "data2"]);
        assert_eq!(names(&["label=team=y"], &[]), ["data2"]);
        assert_eq!(names(&["label!=team=y"], &[]), ["data", "cache"]);
        assert_eq!(names(&["driver=local"], &[]).len(), 3);
        assert_eq!(names(&["driver=nfs"], &[]), Vec::<String>::new());
        assert_eq!(names(&["dangling=true"], &["data"]), ["data2", "cache"]);
        assert_eq!(names(&["dangling=false"], &["data"]), ["data"]);
        assert_eq!(names(&["anonymous=true"], &[]), ["cache"]);
        assert_eq!(names(&["name=data", "label=team=x"], &[]), ["data"]);
        assert_eq!(names(&["until=1h"], &[]), Vec::<String>::new());
        for bad in ["nokey", "colour=red", "dangling=maybe"] {
            assert!(
                VolumeFilter::compile(&[bad.into()], now, 0).is_err(),
                "{bad}"
            );
        }
    }
}
