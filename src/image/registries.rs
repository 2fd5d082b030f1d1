//! registries.conf as containers/image reads it (containers-registries.conf(5),
//! containers-registries.conf.d(5)): the unqualified-search registries, `[[registry]]`
//! tables (prefix, location, insecure, blocked, mirrors) and short-name aliases.
//!
//! Which files, in order (each later one overrides what it sets):
//! - `$CONTAINERS_REGISTRIES_CONF` (or `$REGISTRIES_CONFIG_PATH`) when set, else
//!   `~/.config/containers/registries.conf` when it exists, else
//!   `/etc/containers/registries.conf`;
//! - then the `*.conf` drop-ins, in name order, of `/etc/containers/registries.conf.d`
//!   and `~/.config/containers/registries.conf.d` (only the latter when the user's
//!   registries.conf was read);
//! - short-name aliases of the machine-written `short-name-aliases.conf`
//!   (`/var/cache/containers/` for root, `~/.cache/containers/` otherwise) over all of these.
//!
//! Parsing and merging are pure ([`Registries::parse`], [`Registries::merge`]); only
//! [`Registries::load`] reads files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::image::reference::Reference;

pub const SYSTEM_FILE: &str = "/etc/containers/registries.conf";
pub const SYSTEM_DIR: &str = "/etc/containers/registries.conf.d";

/// A mirror or the primary location of a `[[registry]]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Endpoint {
    /// `host[:port][/namespace...]`; empty only for a wildcard prefix (no rewrite).
    pub location: String,
    /// Plain HTTP or TLS without verification.
    pub insecure: bool,
    /// Mirrors only: `all` (or empty), `digest-only`, `tag-only`.
    pub pull_from_mirror: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    /// The part of a user's image name this table is for (`*.example.com` for subdomains).
    pub prefix: String,
    /// The primary location, with `insecure`.
    pub endpoint: Endpoint,
    pub mirrors: Vec<Endpoint>,
    pub blocked: bool,
    pub mirror_by_digest_only: bool,
}

/// A short-name alias and the file it came from; `None` is an alias erased by a later file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub value: Option<String>,
    pub origin: PathBuf,
}

/// The merged configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registries {
    /// `None`: no file set the list.
    pub search: Option<Vec<String>>,
    /// The file that set `search`.
    pub search_origin: Option<PathBuf>,
    /// Unique by prefix, sorted by prefix (as containers/image keeps them).
    pub registries: Vec<Registry>,
    pub aliases: BTreeMap<String, Alias>,
    pub short_name_mode: Option<String>,
    /// The files read, in order.
    pub files: Vec<PathBuf>,
    /// For podman's "blocked" message: the main file, and the drop-in directory it names.
    pub config_path: PathBuf,
    pub config_dir_path: PathBuf,
}

/// Where one pull may come from: an endpoint and the reference rewritten for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullSource {
    pub reference: Reference,
    pub insecure: bool,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct RawFile {
    unqualified_search_registries: Option<Vec<String>>,
    registry: Option<Vec<RawRegistry>>,
    short_name_mode: Option<String>,
    aliases: Option<BTreeMap<String, String>>,
    /// The deprecated v1 format: `[registries.search]`, `.insecure`, `.block`.
    registries: Option<RawV1>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct RawRegistry {
    prefix: Option<String>,
    location: Option<String>,
    #[serde(default)]
    insecure: bool,
    #[serde(default)]
    blocked: bool,
    #[serde(default)]
    mirror: Vec<RawMirror>,
    #[serde(default)]
    mirror_by_digest_only: bool,
    pull_from_mirror: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct RawMirror {
    location: Option<String>,
    #[serde(default)]
    insecure: bool,
    pull_from_mirror: Option<String>,
}

#[derive(Deserialize, Default)]
struct RawV1 {
    #[serde(default)]
    search: RawV1List,
    #[serde(default)]
    insecure: RawV1List,
    #[serde(default)]
    block: RawV1List,
}

#[derive(Deserialize, Default)]
struct RawV1List {
    #[serde(default)]
    registries: Vec<String>,
}

/// containers/image's parseLocation: trailing slashes dropped, URI schemes refused.
fn location(input: &str) -> std::result::Result<String, String> {
    let trimmed = input.trim_end_matches('/');
    if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
        return Err(format!(
            "invalid location '{input}': URI schemes are not supported"
        ));
    }
    Ok(trimmed.to_string())
}

/// A short name (the left side of an alias): a name without registry, tag or digest.
fn validate_short_name(name: &str) -> std::result::Result<(), String> {
    if name.contains('@') {
        return Err(format!(
            "invalid short name \"{name}\": must not contain digest"
        ));
    }
    if Reference::is_qualified(name) {
        return Err(format!(
            "invalid short name \"{name}\": must not contain registry"
        ));
    }
    if name.rsplit('/').next().unwrap_or(name).contains(':') {
        return Err(format!(
            "invalid short name \"{name}\": must not contain tag"
        ));
    }
    Reference::parse_with(name, "localhost")
        .map_err(|e| format!("cannot parse short name: \"{name}\": {}", e.reason))?;
    Ok(())
}

/// The right side of an alias: registry and repository, no tag or digest. Normalized
/// (`docker.io/alpine` is `docker.io/library/alpine`).
fn parse_alias_value(value: &str) -> std::result::Result<String, String> {
    if value.contains('@') {
        return Err(format!(
            "invalid alias \"{value}\": must not contain digest"
        ));
    }
    if !Reference::is_qualified(value) {
        return Err(format!(
            "invalid alias \"{value}\": must contain registry and repository"
        ));
    }
    let last = value.rsplit('/').next().unwrap_or(value);
    if last.contains(':') {
        return Err(format!("invalid alias \"{value}\": must not contain tag"));
    }
    let r =
        Reference::parse(value).map_err(|e| format!("parsing alias \"{value}\": {}", e.reason))?;
    Ok(r.name())
}

/// containers/image's refMatchingPrefix: the length of `prefix` when `reference` (a name,
/// possibly with tag or digest) starts with it at a component boundary, else None.
pub fn matching_prefix(reference: &str, prefix: &str) -> Option<usize> {
    if let Some(domain) = prefix.strip_prefix('*') {
        // `*.example.com`: any number of subdomains, in the host part only.
        let index = reference.find(domain)?;
        if reference[..index].contains('/') {
            return None;
        }
        let end = index + domain.len();
        return match reference.as_bytes().get(end) {
            None | Some(b':' | b'/' | b'@') => Some(end),
            _ => None,
        };
    }
    let rest = reference.strip_prefix(prefix)?;
    match rest.as_bytes().first() {
        None | Some(b':' | b'/' | b'@') => Some(prefix.len()),
        _ => None,
    }
}

impl Registries {
    /// One file's text, validated as containers/image validates it. `drop_in`: the v1
    /// format is refused, as it is in registries.conf.d.
    pub fn parse(text: &str, path: &Path, drop_in: bool) -> Result<Registries> {
        let err = |reason: String| Error::Config {
            path: path.to_path_buf(),
            reason,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| err(one_line(&e, text)))?;
        let v1 = raw.registries.as_ref().is_some_and(|v| {
            !(v.search.registries.is_empty()
                && v.insecure.registries.is_empty()
                && v.block.registries.is_empty())
        });
        let v2 = raw.unqualified_search_registries.is_some()
            || raw.registry.as_ref().is_some_and(|r| !r.is_empty())
            || raw.short_name_mode.is_some()
            || raw.aliases.as_ref().is_some_and(|a| !a.is_empty());
        let mut out = Registries::default();
        let mut raw_registries = raw.registry.unwrap_or_default();
        if v1 {
            if drop_in {
                return Err(err("registry must be in v2 format but is in v1".into()));
            }
            if v2 {
                return Err(err("mixing sysregistry v1/v2 is not supported".into()));
            }
            let v1 = raw.registries.unwrap_or_default();
            let mut order: Vec<String> = Vec::new();
            let mut flags: BTreeMap<String, (bool, bool)> = BTreeMap::new();
            for (list, is_block) in [(&v1.block, true), (&v1.insecure, false)] {
                for r in &list.registries {
                    let loc = location(r).map_err(err)?;
                    if !flags.contains_key(&loc) {
                        order.push(loc.clone());
                    }
                    let f = flags.entry(loc).or_default();
                    if is_block {
                        f.0 = true;
                    } else {
                        f.1 = true;
                    }
                }
            }
            for loc in order {
                let (blocked, insecure) = flags[&loc];
                raw_registries.push(RawRegistry {
                    prefix: Some(loc.clone()),
                    location: Some(loc),
                    insecure,
                    blocked,
                    ..Default::default()
                });
            }
            out.search = Some(v1.search.registries.clone());
        } else {
            out.search = raw.unqualified_search_registries;
        }
        if out.search.is_some() {
            out.search_origin = Some(path.to_path_buf());
        }
        for r in out.search.iter_mut().flatten() {
            *r = location(r).map_err(err)?;
            if r.is_empty() || Reference::parse_with("x", r).is_err() || r.contains('/') {
                return Err(err(format!(
                    "Invalid unqualified-search-registries entry \"{r}\""
                )));
            }
        }
        let mut registries: Vec<Registry> = Vec::new();
        for r in raw_registries {
            let loc = location(r.location.as_deref().unwrap_or_default()).map_err(err)?;
            let prefix = match r.prefix.as_deref().filter(|p| !p.is_empty()) {
                None if loc.is_empty() => {
                    return Err(err(
                        "invalid condition: both location and prefix are unset".into()
                    ))
                }
                None => loc.clone(),
                Some(p) => {
                    let p = location(p).map_err(err)?;
                    if !p.starts_with("*.") && loc.is_empty() {
                        return Err(err("invalid condition: location is unset and prefix is \
                                        not in the format: *.example.com"
                            .into()));
                    }
                    p
                }
            };
            if r.pull_from_mirror.is_some_and(|p| !p.is_empty()) {
                return Err(err(format!(
                    "pull-from-mirror must not be set for a non-mirror registry \"{prefix}\""
                )));
            }
            if prefix.starts_with("*.") && prefix.contains(['/', '@', ':']) {
                return Err(err(format!(
                    "Wildcarded prefix should be in the format: *.example.com. Current \
                     prefix \"{prefix}\" is incorrectly formatted"
                )));
            }
            let mut mirrors = Vec::new();
            for m in r.mirror {
                let mloc = location(m.location.as_deref().unwrap_or_default()).map_err(err)?;
                if mloc.is_empty() {
                    return Err(err("invalid condition: mirror location is unset".into()));
                }
                let pfm = m.pull_from_mirror.unwrap_or_default();
                if r.mirror_by_digest_only && !pfm.is_empty() {
                    return Err(err(format!(
                        "cannot set mirror usage mirror-by-digest-only for the registry \
                         (\"{prefix}\") and pull-from-mirror for per-mirror (\"{mloc}\") at \
                         the same time"
                    )));
                }
                if !matches!(pfm.as_str(), "" | "all" | "digest-only" | "tag-only") {
                    return Err(err(format!(
                        "unsupported pull-from-mirror value \"{pfm}\" for mirror \"{mloc}\""
                    )));
                }
                mirrors.push(Endpoint {
                    location: mloc,
                    insecure: m.insecure,
                    pull_from_mirror: pfm,
                });
            }
            registries.push(Registry {
                prefix,
                endpoint: Endpoint {
                    location: loc,
                    insecure: r.insecure,
                    pull_from_mirror: String::new(),
                },
                mirrors,
                blocked: r.blocked,
                mirror_by_digest_only: r.mirror_by_digest_only,
            });
        }
        // One location named twice must agree on insecure and blocked.
        for a in &registries {
            let key = |r: &Registry| match r.endpoint.location.is_empty() {
                true => r.prefix.clone(),
                false => r.endpoint.location.clone(),
            };
            for b in registries.iter().filter(|b| key(b) == key(a)) {
                let what = match () {
                    _ if a.endpoint.insecure != b.endpoint.insecure => "insecure",
                    _ if a.blocked != b.blocked => "blocked",
                    _ => continue,
                };
                return Err(err(format!(
                    "registry '{}' is defined multiple times with conflicting '{what}' setting",
                    a.endpoint.location
                )));
            }
        }
        // The first table of a prefix wins; sorted by prefix.
        let mut unique: BTreeMap<String, Registry> = BTreeMap::new();
        for r in registries {
            unique.entry(r.prefix.clone()).or_insert(r);
        }
        out.registries = unique.into_values().collect();
        if let Some(mode) = raw.short_name_mode.filter(|m| !m.is_empty()) {
            if !matches!(mode.as_str(), "disabled" | "enforcing" | "permissive") {
                return Err(err(format!("invalid short-name mode: \"{mode}\"")));
            }
            out.short_name_mode = Some(mode);
        }
        out.aliases = parse_aliases(raw.aliases.unwrap_or_default(), path).map_err(err)?;
        out.files = vec![path.to_path_buf()];
        Ok(out)
    }

    /// `later` over `self`, as a drop-in over what was read before it: registries merged by
    /// prefix, the search list and mode replaced when set, aliases merged.
    pub fn merge(&mut self, later: Registries) {
        let mut by_prefix: BTreeMap<String, Registry> = self
            .registries
            .drain(..)
            .map(|r| (r.prefix.clone(), r))
            .collect();
        for r in later.registries {
            by_prefix.insert(r.prefix.clone(), r);
        }
        self.registries = by_prefix.into_values().collect();
        if later.search.is_some() {
            self.search = later.search;
            self.search_origin = later.search_origin;
        }
        if later.short_name_mode.is_some() {
            self.short_name_mode = later.short_name_mode;
        }
        self.aliases.extend(later.aliases);
        self.files.extend(later.files);
    }

    /// The files as podman finds them, for a user whose home is `home`; `env_file` is
    /// `$CONTAINERS_REGISTRIES_CONF`, `cache_aliases` the machine-written aliases file.
    pub fn load(
        env_file: Option<&Path>,
        home: Option<&Path>,
        cache_aliases: Option<&Path>,
    ) -> Result<Registries> {
        let user_file = home.map(|h| h.join(".config/containers/registries.conf"));
        let user_dir = home.map(|h| h.join(".config/containers/registries.conf.d"));
        let (main, dirs, must_exist): (PathBuf, Vec<PathBuf>, bool) = match env_file {
            Some(f) => (
                f.to_path_buf(),
                std::iter::once(PathBuf::from(SYSTEM_DIR))
                    .chain(user_dir.clone())
                    .collect(),
                true,
            ),
            None => match user_file.filter(|f| f.exists()) {
                Some(f) => (f, user_dir.clone().into_iter().collect(), false),
                None => (
                    PathBuf::from(SYSTEM_FILE),
                    std::iter::once(PathBuf::from(SYSTEM_DIR))
                        .chain(user_dir.clone())
                        .collect(),
                    false,
                ),
            },
        };
        let mut conf = match std::fs::read_to_string(&main) {
            Ok(text) => Registries::parse(&text, &main, false)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                Registries::default()
            }
            Err(e) => return Err(Error::io(&main, e)),
        };
        conf.config_path = main.clone();
        conf.config_dir_path = dirs.last().cloned().unwrap_or_default();
        for dir in &dirs {
            for path in drop_ins(dir)? {
                let text = match std::fs::read_to_string(&path) {
                    Ok(t) => t,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(Error::io(&path, e)),
                };
                conf.merge(Registries::parse(&text, &path, true)?);
            }
        }
        if let Some(path) = cache_aliases {
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    #[derive(Deserialize)]
                    struct AliasFile {
                        aliases: Option<BTreeMap<String, String>>,
                    }
                    let err = |reason: String| Error::Config {
                        path: path.to_path_buf(),
                        reason,
                    };
                    let f: AliasFile =
                        toml::from_str(&text).map_err(|e| err(one_line(&e, &text)))?;
                    let aliases =
                        parse_aliases(f.aliases.unwrap_or_default(), path).map_err(err)?;
                    conf.aliases.extend(aliases);
                    conf.files.push(path.to_path_buf());
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(path, e)),
            }
        }
        Ok(conf)
    }

    /// The `[[registry]]` with the longest prefix matching `name` (a name, possibly with
    /// tag or digest).
    pub fn find(&self, name: &str) -> Option<&Registry> {
        self.registries
            .iter()
            .filter(|r| matching_prefix(name, &r.prefix).is_some())
            .max_by_key(|r| r.prefix.len())
    }

    /// The fully-qualified name a short name's alias gives, if any (`name` without tag or
    /// digest), with the file it came from.
    pub fn alias(&self, name: &str) -> Option<(&str, &Path)> {
        let a = self.aliases.get(name)?;
        Some((a.value.as_deref()?, a.origin.as_path()))
    }

    /// podman's words when `registry` is blocked.
    pub fn blocked_message(&self, prefix: &str) -> String {
        format!(
            "registry {prefix} is blocked in {} or {}",
            self.config_path.display(),
            self.config_dir_path.display()
        )
    }
}

impl Registry {
    /// The mirrors that apply to `r` in order, then the primary location; each with `r`
    /// rewritten from the prefix to its location.
    pub fn pull_sources(&self, r: &Reference) -> Result<Vec<PullSource>> {
        let digested = r.digest.is_some();
        let mirrors = self.mirrors.iter().filter(|m| {
            if self.mirror_by_digest_only {
                return digested;
            }
            match m.pull_from_mirror.as_str() {
                "digest-only" => digested,
                "tag-only" => !digested,
                _ => true,
            }
        });
        let full = r.to_string();
        let mut out = Vec::new();
        for ep in mirrors.chain(std::iter::once(&self.endpoint)) {
            let reference = if ep.location.is_empty() {
                r.clone()
            } else {
                let at = matching_prefix(&full, &self.prefix).ok_or_else(|| Error::Registry {
                    reference: full.clone(),
                    message: format!("invalid prefix '{}' for reference '{full}'", self.prefix),
                })?;
                let rewritten = format!("{}{}", ep.location, &full[at..]);
                Reference::parse(&rewritten).map_err(|e| Error::Registry {
                    reference: full.clone(),
                    message: format!("rewriting reference: {e}"),
                })?
            };
            out.push(PullSource {
                reference,
                insecure: ep.insecure,
            });
        }
        Ok(out)
    }
}

fn parse_aliases(
    raw: BTreeMap<String, String>,
    path: &Path,
) -> std::result::Result<BTreeMap<String, Alias>, String> {
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    for (name, value) in raw {
        if let Err(e) = validate_short_name(&name) {
            errors.push(e);
            continue;
        }
        let value = match value.as_str() {
            "" => None,
            v => match parse_alias_value(v) {
                Ok(v) => Some(v),
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            },
        };
        out.insert(
            name,
            Alias {
                value,
                origin: path.to_path_buf(),
            },
        );
    }
    if !errors.is_empty() {
        return Err(format!(
            "validating short-name aliases: {}",
            errors.join("; ")
        ));
    }
    Ok(out)
}

/// The `*.conf` files directly in `dir`, by name; none when it does not exist.
pub fn drop_ins(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "conf"))
        .collect();
    files.sort();
    Ok(files)
}

/// toml's message on one line, with its place.
pub fn one_line(e: &toml::de::Error, text: &str) -> String {
    let what: Vec<&str> = e.message().lines().map(str::trim).collect();
    let what = what.join("; ");
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            format!("line {line}, column {column}: {what}")
        }
        None => what,
    }
}

#[cfg(test)]
#[path = "registries_tests.rs"]
mod tests;
