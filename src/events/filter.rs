//! `events --filter`, `--since` and `--until`, as libpod's events filters: values under
//! one key match if any does, every key must match.

use crate::timetype::{self, Time};

use super::Event;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Container,
    Status,
    Image,
    Pod,
    Volume,
    Type,
    Label,
}

/// The parsed filters of one `events` command.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// (key as given, which kind, value): grouped by the key as given, as podman's map.
    by_key: Vec<(String, Key, Vec<String>)>,
    pub since: Option<Time>,
    pub until: Option<Time>,
}

impl Filters {
    /// `filters` are `key=value`; `since`/`until` as podman's `util.ParseInputTime`.
    pub fn parse(
        filters: &[String],
        since: Option<&str>,
        until: Option<&str>,
        now: Time,
    ) -> Result<Filters, String> {
        let mut f = Filters::default();
        for raw in filters {
            let (key, value) = raw.split_once('=').ok_or_else(|| {
                format!("failed to parse event filters: {raw} is an invalid filter")
            })?;
            let kind = match key.to_ascii_uppercase().as_str() {
                "CONTAINER" => Key::Container,
                "EVENT" | "STATUS" => Key::Status,
                "IMAGE" => Key::Image,
                "POD" => Key::Pod,
                "VOLUME" => Key::Volume,
                "TYPE" => Key::Type,
                "LABEL" => Key::Label,
                _ => {
                    return Err(format!(
                        "failed to parse event filters: {key} is an invalid filter"
                    ))
                }
            };
            // Docker's name for it.
            let value = if kind == Key::Status && value == "die" {
                "died"
            } else {
                value
            };
            match f.by_key.iter_mut().find(|(k, _, _)| k == key) {
                Some((_, _, values)) => values.push(value.to_string()),
                None => f
                    .by_key
                    .push((key.to_string(), kind, vec![value.to_string()])),
            }
        }
        let time = |v: &str, since: bool| {
            timetype::logs_time(v, since, now).map_err(|e| {
                format!(
                    "failed to parse event filters: unable to convert {} time of {v}: {e}",
                    if since { "since" } else { "until" }
                )
            })
        };
        f.since = since.map(|v| time(v, true)).transpose()?;
        f.until = until.map(|v| time(v, false)).transpose()?;
        Ok(f)
    }

    /// Whether `e` passes every key (and the time bounds, both exclusive as podman's).
    pub fn matches(&self, e: &Event) -> bool {
        let t = (e.time.secs(), e.time.subsec_nanos());
        if self.since.is_some_and(|s| t <= s) || self.until.is_some_and(|u| t >= u) {
            return false;
        }
        self.by_key
            .iter()
            .all(|(_, kind, values)| values.iter().any(|v| one(kind, v, e)))
    }
}

fn one(kind: &Key, v: &str, e: &Event) -> bool {
    let named = |kind: &str| e.kind == kind && (e.name == v || e.id.starts_with(v));
    match kind {
        Key::Container => named("container"),
        Key::Image => named("image"),
        Key::Pod => named("pod"),
        Key::Volume => e.kind == "volume" && e.name.starts_with(v),
        Key::Status => e.status == v,
        Key::Type => e.kind == v,
        Key::Label => match v.split_once('=') {
            Some((k, val)) => e.attributes.get(k).is_some_and(|x| x == val),
            None => e.attributes.contains_key(v),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn ev(kind: &str, status: &str, id: &str, name: &str) -> Event {
        let mut e = Event::new(kind, status);
        e.id = id.into();
        e.name = name.into();
        e
    }

    fn f(list: &[&str]) -> Filters {
        let v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        Filters::parse(&v, None, None, (1000, 0)).unwrap()
    }

    #[test]
    fn values_of_one_key_or_and_keys_and() {
        let start = ev("container", "start", "abcdef", "web");
        let stop = ev("container", "stop", "abcdef", "web");
        let other = ev("container", "start", "123456", "db");
        let flt = f(&["event=start", "event=stop", "container=web"]);
        assert!(flt.matches(&start) && flt.matches(&stop) && !flt.matches(&other));
        let by_prefix = f(&["container=1234"]);
        assert!(by_prefix.matches(&other) && !by_prefix.matches(&start));
    }

    #[test]
    fn die_is_died_and_types_restrict_names() {
        let died = ev("container", "died", "abc", "web");
        assert!(f(&["event=die"]).matches(&died));
        assert!(!f(&["image=web"]).matches(&died));
        assert!(f(&["type=container"]).matches(&died));
        let vol = ev("volume", "create", "", "data1");
        assert!(f(&["volume=data"]).matches(&vol));
    }

    #[test]
    fn labels_match_by_key_or_pair() {
        let mut e = ev("container", "start", "abc", "web");
        e.attributes = BTreeMap::from([("tier".to_string(), "front".to_string())]);
        assert!(f(&["label=tier"]).matches(&e));
        assert!(f(&["label=tier=front"]).matches(&e));
        assert!(!f(&["label=tier=back"]).matches(&e));
    }

    #[test]
    fn bad_filters_are_named_as_podman_names_them() {
        let bad = |s: &str| Filters::parse(&[s.to_string()], None, None, (0, 0)).unwrap_err();
        assert_eq!(
            bad("nosuch=1"),
            "failed to parse event filters: nosuch is an invalid filter"
        );
        assert_eq!(
            bad("event"),
            "failed to parse event filters: event is an invalid filter"
        );
        assert!(Filters::parse(&[], Some("yesterday"), None, (0, 0)).is_err());
    }

    #[test]
    fn since_and_until_are_exclusive_bounds() {
        let flt = Filters::parse(&[], Some("10s"), Some("10s"), (1000, 0)).unwrap();
        let mut e = ev("container", "start", "a", "b");
        e.time = ctl_monitor::time::Timestamp::new(995, 0);
        assert!(flt.matches(&e));
        e.time = ctl_monitor::time::Timestamp::new(990, 0);
        assert!(!flt.matches(&e));
        e.time = ctl_monitor::time::Timestamp::new(1010, 0);
        assert!(!flt.matches(&e));
    }
}
