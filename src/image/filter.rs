//! `images --filter`, as containers/common's libimage compiles and applies image filters:
//! `key=value` or `key!=value`; every filter must match (a key given twice, twice), except
//! `reference`, where any of the wanted patterns may match and none of the unwanted may.

use std::collections::BTreeMap;

use crate::image::reference::Reference;
use crate::timetype::Time;

/// What a filter looks at in one image.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Hex id.
    pub id: String,
    pub names: Vec<String>,
    /// Digests the image is known by: its manifest's and its repo digests' (`sha256:...`).
    pub digests: Vec<String>,
    pub created: Option<Time>,
    pub labels: BTreeMap<String, String>,
    /// A container uses it.
    pub in_use: bool,
}

/// An image a filter's value names (`before=busybox`): its id and creation time.
#[derive(Debug, Clone)]
pub struct Named {
    pub id: String,
    pub created: Option<Time>,
}

#[derive(Debug, Clone)]
enum Pred {
    Since(Option<Time>),
    Before(Option<Time>),
    Containers(bool),
    Dangling(bool),
    Id(String),
    Digest(String),
    Label(String),
    ReadOnly(bool),
    Manifest(bool),
}

/// Compiled filters.
#[derive(Debug, Clone, Default)]
pub struct ImageFilter {
    preds: Vec<(Pred, bool)>,
    wanted: Vec<(String, Option<String>)>,
    unwanted: Vec<(String, Option<String>)>,
}

fn invalid(f: &str) -> String {
    format!("invalid image filter {f:?}: must be in the format \"filter=value or filter!=value\"")
}

impl ImageFilter {
    /// Compiles `filters`; `lookup` finds the image a value names (for before, since and
    /// reference), `now` and `local_offset` read `until`.
    pub fn compile(
        filters: &[String],
        lookup: &dyn Fn(&str) -> Option<Named>,
        now: Time,
        local_offset: i64,
    ) -> Result<ImageFilter, String> {
        let mut out = ImageFilter::default();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for f in filters {
            let (key, value, negate) = match f.split_once("!=") {
                Some((k, v)) => (k, v, true),
                None => match f.split_once('=') {
                    Some((k, v)) => (k, v, false),
                    None => return Err(invalid(f)),
                },
            };
            let named = |key: &str| {
                lookup(value).ok_or_else(|| {
                    format!(
                        "could not find local image for filter {key:?}={value:?}: {value}: image \
                         not known"
                    )
                })
            };
            let pred = match key {
                "after" | "since" => Pred::Since(named(key)?.created),
                "before" => Pred::Before(named(key)?.created),
                "containers" => {
                    once(&mut seen, key, value)?;
                    match value {
                        "true" => Pred::Containers(true),
                        "false" => Pred::Containers(false),
                        // ctl has no external containers: none uses an image.
                        "external" => Pred::Containers(false),
                        _ => {
                            return Err(format!(
                                "unsupported value {value:?} for containers filter"
                            ))
                        }
                    }
                }
                "dangling" => Pred::Dangling(boolean(&mut seen, key, value)?),
                // Dangling with no children: ctl's images have no children.
                "intermediate" => Pred::Dangling(boolean(&mut seen, key, value)?),
                "id" => Pred::Id(value.to_string()),
                "digest" => {
                    if !value.starts_with("sha256:") {
                        return Err(format!("invalid value {value:?} for digest filter"));
                    }
                    Pred::Digest(value.to_string())
                }
                "label" => Pred::Label(value.to_string()),
                "readonly" => Pred::ReadOnly(boolean(&mut seen, key, value)?),
                "manifest" => Pred::Manifest(boolean(&mut seen, key, value)?),
                "reference" => {
                    let id = lookup(value).map(|n| n.id);
                    if negate {
                        out.unwanted.push((value.to_string(), id));
                    } else {
                        out.wanted.push((value.to_string(), id));
                    }
                    continue;
                }
                "until" => Pred::Before(Some(crate::timetype::filter_time(
                    value,
                    now,
                    local_offset,
                )?)),
                _ => return Err(invalid(key)),
            };
            out.preds.push((pred, negate));
        }
        Ok(out)
    }

    /// Whether the image matches, and the names to show for it when one fully qualified
    /// reference selected some of them (podman shows only those).
    pub fn matches(&self, img: &Facts) -> (bool, Option<Vec<String>>) {
        for (p, negate) in &self.preds {
            if pred(p, img) == *negate {
                return (false, None);
            }
        }
        if self
            .unwanted
            .iter()
            .any(|(v, id)| reference_matches(v, id.as_deref(), img))
        {
            return (false, None);
        }
        if self.wanted.is_empty() {
            return (true, None);
        }
        let Some((value, _)) = self
            .wanted
            .iter()
            .find(|(v, id)| reference_matches(v, id.as_deref(), img))
        else {
            return (false, None);
        };
        if self.wanted.len() == 1 && self.unwanted.is_empty() {
            if let Some(canonical) = fully_qualified(value) {
                let names: Vec<String> = img
                    .names
                    .iter()
                    .filter(|n| name_matches(n, &canonical))
                    .cloned()
                    .collect();
                if !names.is_empty() {
                    return (true, Some(names));
                }
            }
        }
        (true, None)
    }
}

/// A key that may be given twice only with one value.
fn once(seen: &mut BTreeMap<String, String>, key: &str, value: &str) -> Result<(), String> {
    if seen.get(key).is_some_and(|v| v != value) {
        return Err(format!(
            "specifying {key:?} filter more than once with different values is not supported"
        ));
    }
    seen.insert(key.to_string(), value.to_string());
    Ok(())
}

fn boolean(seen: &mut BTreeMap<String, String>, key: &str, value: &str) -> Result<bool, String> {
    once(seen, key, value)?;
    go_bool(value).ok_or_else(|| {
        format!(
            "non-boolean value {key:?} for {value} filter: strconv.ParseBool: parsing {value:?}: \
             invalid syntax"
        )
    })
}

/// Go's strconv.ParseBool.
fn go_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

fn pred(p: &Pred, img: &Facts) -> bool {
    match p {
        Pred::Since(t) => img.created > *t,
        Pred::Before(t) => match (img.created, t) {
            (Some(c), Some(t)) => c < *t,
            (None, Some(_)) => true,
            _ => false,
        },
        Pred::Containers(want) => img.in_use == *want,
        Pred::Dangling(want) => img.names.is_empty() == *want,
        Pred::Id(prefix) => img.id.starts_with(prefix.as_str()),
        Pred::Digest(prefix) => img.digests.iter().any(|d| d.starts_with(prefix.as_str())),
        Pred::Label(f) => match_labels(f, &img.labels),
        Pred::ReadOnly(want) => !*want,
        Pred::Manifest(want) => !*want,
    }
}

/// containers/common's MatchLabelFilters for one filter: `key` or `key=value`; a key with
/// `*` is a pattern over the label's key.
pub fn match_labels(filter: &str, labels: &BTreeMap<String, String>) -> bool {
    let (key, value) = filter.split_once('=').unwrap_or((filter, ""));
    labels.iter().any(|(k, v)| {
        (value.is_empty() || v == value)
            && (k == key
                || (key.contains('*')
                    && glob_match(
                        &format!("*{}*", key.replace('/', "|")),
                        &k.replace('/', "|"),
                    )))
    })
}

/// A canonical `registry/repo:tag` or `registry/repo@digest`: podman's fully qualified
/// reference.
fn fully_qualified(value: &str) -> Option<Reference> {
    let r = Reference::parse(value).ok()?;
    if r.tag.is_none() && r.digest.is_none() {
        return None;
    }
    let mut canonical = r.name();
    if let Some(t) = &r.tag {
        canonical.push(':');
        canonical.push_str(t);
    }
    if let Some(d) = &r.digest {
        canonical.push('@');
        canonical.push_str(d);
    }
    (canonical == value).then_some(r)
}

fn name_matches(name: &str, r: &Reference) -> bool {
    match (&r.digest, Reference::parse(name)) {
        (Some(_), Ok(n)) => n.name() == r.name(),
        (Some(_), Err(_)) => false,
        (None, _) => Some(name.to_string()) == r.tagged_name(),
    }
}

/// libimage's imageMatchesReferenceFilter: the value names this image, or it matches (as
/// a path pattern) one of the forms of one of its names: the full name, the path, the
/// last component, each with and without its tag.
fn reference_matches(value: &str, named_id: Option<&str>, img: &Facts) -> bool {
    if named_id == Some(img.id.as_str()) {
        return true;
    }
    img.names.iter().any(|name| {
        let Ok(r) = Reference::parse(name) else {
            return glob_match(value, name);
        };
        let full = name.as_str();
        let trimmed = r.name();
        let suffix = &full[trimmed.len().min(full.len())..];
        let last = |s: &str| s[s.rfind('/').map_or(0, |i| i + 1)..].to_string();
        let mut candidates = vec![full.to_string(), r.repository.clone(), last(full)];
        if !suffix.is_empty() {
            candidates.extend([
                trimmed.clone(),
                format!("{}{suffix}", r.repository),
                last(&trimmed),
            ]);
        }
        candidates.iter().any(|c| glob_match(value, c))
    })
}

/// Go's path.Match: `*` (any run without `/`), `?`, `[...]` classes (`^` negates, ranges),
/// `\` escapes; a malformed pattern matches nothing.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    glob(&p, &n).unwrap_or(false)
}

fn glob(p: &[char], n: &[char]) -> Option<bool> {
    match p.first() {
        None => Some(n.is_empty()),
        Some('*') => {
            let rest = &p[1..];
            for i in 0..=n.len() {
                if glob(rest, &n[i..])? {
                    return Some(true);
                }
                if i < n.len() && n[i] == '/' {
                    break;
                }
            }
            Some(false)
        }
        Some('?') => match n.first() {
            Some(c) if *c != '/' => glob(&p[1..], &n[1..]),
            _ => Some(false),
        },
        Some('[') => {
            let (matched, len) = class(&p[1..], n.first().copied())?;
            if matched {
                glob(&p[1 + len..], &n[1..])
            } else {
                Some(false)
            }
        }
        Some('\\') => {
            let c = p.get(1)?;
            match n.first() {
                Some(x) if x == c => glob(&p[2..], &n[1..]),
                _ => Some(false),
            }
        }
        Some(c) => match n.first() {
            Some(x) if x == c => glob(&p[1..], &n[1..]),
            _ => Some(false),
        },
    }
}

/// A `[...]` class after its `[`: whether `c` is in it and how many pattern chars it took
/// (through `]`); None when malformed.
fn class(p: &[char], c: Option<char>) -> Option<(bool, usize)> {
    let mut i = 0;
    let negated = p.first() == Some(&'^');
    if negated {
        i += 1;
    }
    let mut hit = false;
    let mut first = true;
    loop {
        let ch = *p.get(i)?;
        if ch == ']' && !first {
            i += 1;
            break;
        }
        first = false;
        let lo = if ch == '\\' {
            i += 1;
            *p.get(i)?
        } else {
            ch
        };
        i += 1;
        let hi = if p.get(i) == Some(&'-') && p.get(i + 1).is_some_and(|c| *c != ']') {
            i += 1;
            let h = if p[i] == '\\' {
                i += 1;
                *p.get(i)?
            } else {
                p[i]
            };
            i += 1;
            h
        } else {
            lo
        };
        if let Some(c) = c {
            if lo <= c && c <= hi {
                hit = true;
            }
        }
    }
    let Some(c) = c else { return Some((false, i)) };
    Some((c != '/' && hit != negated, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(id: &str, names: &[&str], created: i64) -> Facts {
        Facts {
            id: id.into(),
            names: names.iter().map(|s| s.to_string()).collect(),
            digests: vec![format!("sha256:{id}")],
            created: Some((created, 0)),
            labels: BTreeMap::new(),
            in_use: false,
        }
    }

    fn images() -> Vec<Facts> {
        let mut a = img("aaa111", &["docker.io/library/alpine:latest"], 100);
        a.labels.insert("version".into(), "1.0".into());
        a.labels.insert("com.example/team".into(), "x".into());
        let b = img(
            "bbb222",
            &["quay.io/podman/stable:latest", "quay.io/podman/stable:v5"],
            200,
        );
        let mut c = img("ccc333", &[], 300);
        c.in_use = true;
        vec![a, b, c]
    }

    fn lookup(v: &str) -> Option<Named> {
        let imgs = images();
        imgs.iter()
            .find(|i| {
                i.id.starts_with(v)
                    || i.names
                        .iter()
                        .any(|n| n == v || n.ends_with(&format!("/{v}")))
            })
            .map(|i| Named {
                id: i.id.clone(),
                created: i.created,
            })
    }

    fn ids(filters: &[&str]) -> Result<Vec<String>, String> {
        let f: Vec<String> = filters.iter().map(|s| s.to_string()).collect();
        let c = ImageFilter::compile(&f, &lookup, (1000, 0), 0)?;
        Ok(images()
            .iter()
            .filter(|i| c.matches(i).0)
            .map(|i| i.id[..3].to_string())
            .collect())
    }

    #[test]
    fn filters_as_libimage_applies_them() {
        let ok = |f: &[&str]| ids(f).unwrap();
        assert_eq!(ok(&[]), ["aaa", "bbb", "ccc"]);
        assert_eq!(ok(&["dangling=true"]), ["ccc"]);
        assert_eq!(ok(&["dangling=false"]), ["aaa", "bbb"]);
        assert_eq!(ok(&["dangling!=true"]), ["aaa", "bbb"]);
        assert_eq!(ok(&["id=bbb"]), ["bbb"]);
        assert_eq!(ok(&["before=stable:v5"]), ["aaa"]);
        assert_eq!(ok(&["since=alpine:latest"]), ["bbb", "ccc"]);
        assert_eq!(ok(&["after=alpine:latest", "before=ccc"]), ["bbb"]);
        assert_eq!(ok(&["label=version"]), ["aaa"]);
        assert_eq!(ok(&["label=version=1.0"]), ["aaa"]);
        assert_eq!(ok(&["label=version=2.0"]), Vec::<String>::new());
        assert_eq!(ok(&["label!=version"]), ["bbb", "ccc"]);
        assert_eq!(ok(&["label=com.*"]), ["aaa"]);
        assert_eq!(ok(&["containers=true"]), ["ccc"]);
        assert_eq!(ok(&["until=250"]), ["aaa", "bbb"]);
        assert_eq!(ok(&["digest=sha256:bb"]), ["bbb"]);
        assert_eq!(ok(&["readonly=false"]), ["aaa", "bbb", "ccc"]);
        assert_eq!(ok(&["manifest=true"]), Vec::<String>::new());
        // Two of one key: both must hold.
        assert_eq!(ok(&["id=aaa", "id=bbb"]), Vec::<String>::new());
    }

    #[test]
    fn references_match_as_podman_s() {
        let ok = |f: &[&str]| ids(f).unwrap();
        assert_eq!(ok(&["reference=alpine"]), ["aaa"]);
        assert_eq!(ok(&["reference=alpine:latest"]), ["aaa"]);
        assert_eq!(ok(&["reference=library/alpine"]), ["aaa"]);
        assert_eq!(ok(&["reference=docker.io/library/alpine:latest"]), ["aaa"]);
        assert_eq!(ok(&["reference=stable"]), ["bbb"]);
        assert_eq!(ok(&["reference=*:v5"]), ["bbb"]);
        assert_eq!(ok(&["reference=quay.io/*/*"]), ["bbb"]);
        assert_eq!(ok(&["reference=podman/*"]), ["bbb"]);
        assert_eq!(ok(&["reference=*"]), ["aaa", "bbb"]);
        assert_eq!(
            ok(&["reference=alpine", "reference=stable"]),
            ["aaa", "bbb"]
        );
        assert_eq!(ok(&["reference!=alpine"]), ["bbb", "ccc"]);
        assert_eq!(ok(&["reference=nothing"]), Vec::<String>::new());
        // One fully qualified reference shows only the names it matches.
        let f = ImageFilter::compile(
            &["reference=quay.io/podman/stable:v5".into()],
            &lookup,
            (1000, 0),
            0,
        )
        .unwrap();
        assert_eq!(
            f.matches(&images()[1]),
            (true, Some(vec!["quay.io/podman/stable:v5".to_string()]))
        );
    }

    #[test]
    fn bad_filters_are_podman_s_errors() {
        assert_eq!(
            ids(&["bogus=1"]).unwrap_err(),
            "invalid image filter \"bogus\": must be in the format \"filter=value or \
             filter!=value\""
        );
        assert_eq!(
            ids(&["dangling"]).unwrap_err(),
            "invalid image filter \"dangling\": must be in the format \"filter=value or \
             filter!=value\""
        );
        assert!(ids(&["dangling=maybe"])
            .unwrap_err()
            .starts_with("non-boolean value"));
        assert!(ids(&["dangling=true", "dangling=false"])
            .unwrap_err()
            .contains("more than once with different values"));
        assert_eq!(
            ids(&["before=nosuch"]).unwrap_err(),
            "could not find local image for filter \"before\"=\"nosuch\": nosuch: image not known"
        );
        assert_eq!(
            ids(&["digest=abc"]).unwrap_err(),
            "invalid value \"abc\" for digest filter"
        );
    }

    #[test]
    fn path_patterns_are_go_s() {
        assert!(glob_match("*", "abc"));
        assert!(!glob_match("*", "a/b"));
        assert!(glob_match("a/*", "a/b"));
        assert!(glob_match("a?c", "abc"));
        assert!(glob_match("[a-c]x", "bx"));
        assert!(!glob_match("[^a-c]x", "bx"));
        assert!(glob_match("\\*", "*"));
        assert!(!glob_match("[", "["));
        assert!(glob_match("image:*-alpine", "image:3-alpine"));
    }
}
