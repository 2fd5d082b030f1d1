//! docker/podman `run` flags turned into typed values (pure: no I/O).
//!
//! Every bad input is an error that quotes it. `OptionError` is also the error of
//! [`user`](super::user) and [`spec`](super::spec): all three judge what the user or the
//! image asked for when a container is created.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

use nix::sys::signal::Signal;
use serde::{Deserialize, Serialize};

/// What the user or the image asked for cannot be honoured.
#[derive(Debug, thiserror::Error)]
pub enum OptionError {
    #[error("invalid {what} \"{value}\": {reason}")]
    Invalid {
        what: &'static str,
        value: String,
        reason: String,
    },
    /// Neither the image nor the command line gives a command (docker's wording).
    #[error("no command specified")]
    NoCommand,
    /// A user or group name the image's own database does not know.
    #[error("unable to find {kind} {name}: {}", not_found_detail(file, *file_exists))]
    NotFound {
        /// "user" or "group".
        kind: &'static str,
        name: String,
        /// The file inside the image, e.g. "/etc/passwd".
        file: &'static str,
        file_exists: bool,
    },
    /// Reading a file inside the image's rootfs failed.
    #[error("image file {}: {source}", path.display())]
    ImageFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A bind mount's source cannot be used (podman's wording).
    #[error("statfs {}: {reason}", path.display())]
    BindSource { path: PathBuf, reason: String },
    /// A flag's value or combination refused in podman's own words.
    #[error("{0}")]
    Refused(String),
    /// oci-spec refused the spec (a bug: the input was validated before).
    #[error("building the OCI runtime spec: {0}")]
    Spec(String),
}

fn not_found_detail(file: &str, exists: bool) -> String {
    if exists {
        format!("no matching entries in the image's {file}")
    } else {
        format!("the image has no {file}")
    }
}

pub(crate) fn invalid(what: &'static str, value: &str, reason: impl Into<String>) -> OptionError {
    OptionError::Invalid {
        what,
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// A filesystem the container gets besides its rootfs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Mount {
    Bind {
        source: PathBuf,
        destination: PathBuf,
        readonly: bool,
        /// Further mount options as given: `bind` (not recursive), a propagation mode,
        /// nosuid/nodev/noexec and their opposites. The spec adds `rbind` and `rprivate`
        /// when none is given.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        options: Vec<String>,
    },
    Tmpfs {
        destination: PathBuf,
        /// The complete mount options (`nosuid`, `size=…`, `mode=…`, `ro`, …).
        options: Vec<String>,
    },
    /// A named or anonymous volume (`-v NAME:/c`, `-v /c`, `--mount type=volume`, the
    /// image's `VOLUME`): its `_data` directory bound at `destination`.
    Volume {
        /// Empty for an anonymous volume until the bundle names it.
        name: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        anonymous: bool,
        /// The volume's `_data`, set by the bundle once the volume exists.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<PathBuf>,
        destination: PathBuf,
        readonly: bool,
        /// No copy-up of the image's content on first use.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        nocopy: bool,
        /// Bind options as for [`Mount::Bind`] (propagation, nosuid, …).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        options: Vec<String>,
    },
}

impl Mount {
    pub fn bind(
        source: PathBuf,
        destination: PathBuf,
        readonly: bool,
        options: Vec<String>,
    ) -> Self {
        Mount::Bind {
            source,
            destination,
            readonly,
            options,
        }
    }

    /// A tmpfs with docker's defaults (`noexec,nosuid,nodev`) merged with `extra`: a later
    /// flag beats its opposite, a later `key=value` one with the same key.
    pub fn tmpfs(destination: PathBuf, extra: &[String]) -> Self {
        let mut options: Vec<String> = Vec::new();
        let defaults = ["noexec", "nosuid", "nodev"].map(String::from);
        for opt in defaults.into_iter().chain(extra.iter().cloned()) {
            let opposite = FLAG_PAIRS
                .iter()
                .find_map(|(a, b)| (opt == *a).then_some(*b).or((opt == *b).then_some(*a)));
            let key = opt.split_once('=').map(|(k, _)| format!("{k}="));
            options.retain(|o| {
                o != &opt
                    && Some(o.as_str()) != opposite
                    && key.as_ref().is_none_or(|k| !o.starts_with(k.as_str()))
            });
            options.push(opt);
        }
        Mount::Tmpfs {
            destination,
            options,
        }
    }

    /// An anonymous volume at `destination` (`-v /c`, the image's `VOLUME`).
    pub fn anonymous_volume(destination: PathBuf) -> Self {
        Mount::Volume {
            name: String::new(),
            anonymous: true,
            source: None,
            destination,
            readonly: false,
            nocopy: false,
            options: Vec::new(),
        }
    }

    pub fn destination(&self) -> &Path {
        match self {
            Mount::Bind { destination, .. }
            | Mount::Tmpfs { destination, .. }
            | Mount::Volume { destination, .. } => destination,
        }
    }

    pub fn readonly(&self) -> bool {
        match self {
            Mount::Bind { readonly, .. } | Mount::Volume { readonly, .. } => *readonly,
            Mount::Tmpfs { options, .. } => options.iter().any(|o| o == "ro"),
        }
    }
}

const PROPAGATIONS: &[&str] = &[
    "private", "rprivate", "shared", "rshared", "slave", "rslave",
];
const FLAG_PAIRS: &[(&str, &str)] = &[
    ("suid", "nosuid"),
    ("dev", "nodev"),
    ("exec", "noexec"),
    ("rw", "ro"),
    ("atime", "noatime"),
    ("diratime", "nodiratime"),
];

/// Lexically cleans an absolute path inside the container (`/a//b/../c/` → `/a/c`);
/// refuses relative paths and `/` itself.
pub fn container_path(what: &'static str, value: &str, path: &str) -> Result<PathBuf, OptionError> {
    if !path.starts_with('/') {
        return Err(invalid(what, value, format!("\"{path}\" is not absolute")));
    }
    let mut out = PathBuf::from("/");
    for c in Path::new(path).components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    if out == Path::new("/") {
        return Err(invalid(what, value, "the destination cannot be \"/\""));
    }
    Ok(out)
}

/// A bind mount's host path as given; a relative one is made absolute against the current
/// directory by [`absolute_sources`], as podman's.
fn bind_source(what: &'static str, value: &str, src: &str) -> Result<PathBuf, OptionError> {
    match src {
        "" => Err(invalid(what, value, "host directory cannot be empty")),
        s => Ok(PathBuf::from(s)),
    }
}

/// `cwd.join(path)`, lexically cleaned (Go's filepath.Abs, which podman uses): `..` above
/// `/` stays at `/`, symlinks are not followed.
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::from("/");
    for c in cwd.join(path).components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    out
}

/// Every bind mount's relative host path (`-v ./dir:/c`, `-v ../dir:/c`, `--mount
/// type=bind,src=dir`) made absolute against `cwd`.
pub fn absolute_sources(mounts: &mut [Mount], cwd: &Path) {
    for m in mounts {
        if let Mount::Bind { source, .. } = m {
            if source.is_relative() {
                *source = absolute(cwd, source);
            }
        }
    }
}

/// Options ctl does not have yet, refused in one line wherever a mount may take them.
fn not_yet(opt: &str) -> Option<String> {
    let key = opt.split_once('=').map_or(opt, |(k, _)| k);
    matches!(
        key,
        "U" | "O" | "idmap" | "volume-opt" | "volume-subpath" | "subpath"
    )
    .then(|| format!("option \"{key}\" is not supported yet"))
}

/// What a `-v` source names: a host path (absolute, or relative: starting with "."), or a
/// volume.
enum Source<'a> {
    Host(PathBuf),
    Volume(&'a str),
    Anonymous,
}

fn volume_source<'a>(
    what: &'static str,
    value: &str,
    src: &'a str,
) -> Result<Source<'a>, OptionError> {
    match src {
        s if s.starts_with('/') => Ok(Source::Host(PathBuf::from(s))),
        "" => Err(invalid(what, value, "empty source")),
        // podman's rule: a source starting with "." is a relative host path.
        s if s.starts_with('.') => Ok(Source::Host(PathBuf::from(s))),
        s if crate::volume::valid_name(s) => Ok(Source::Volume(s)),
        s => Err(invalid(
            what,
            value,
            format!("volume name \"{s}\": {}", crate::volume::NAME_RULE),
        )),
    }
}

/// `-v/--volume SRC:CTR[:OPTS]` or `-v CTR` (an anonymous volume). SRC is an absolute host
/// path (a bind mount) or a volume's name (created if missing). OPTS a comma list of ro,
/// rw, z, Z, nocopy, bind, rbind, a propagation mode, and [no]suid, [no]dev, [no]exec.
pub fn parse_volume(value: &str) -> Result<Mount, OptionError> {
    const W: &str = "volume";
    let bad = |reason: &str| invalid(W, value, reason);
    let parts: Vec<&str> = value.split(':').collect();
    let (source, dst, opts) = match parts[..] {
        [d] => (Source::Anonymous, d, None),
        [s, d] => (volume_source(W, value, s)?, d, None),
        [s, d, o] => (volume_source(W, value, s)?, d, Some(o)),
        _ => return Err(bad("too many colons")),
    };
    let destination = container_path(W, value, dst)?;
    let mut readonly = None;
    let (mut options, mut propagation, mut recursion, mut nocopy) = (Vec::new(), None, None, false);
    let once = |slot: &mut Option<String>, opt: &str, kind: &str| match slot.replace(opt.into()) {
        Some(prev) => Err(bad(&format!("{kind} given twice (\"{prev}\", \"{opt}\")"))),
        None => Ok(()),
    };
    for opt in opts.map_or_else(Vec::new, |o| o.split(',').collect()) {
        match opt {
            "ro" | "rw" => once(&mut readonly, opt, "ro/rw")?,
            // SELinux relabelling means nothing here (no SELinux).
            "z" | "Z" => {}
            "nocopy" => nocopy = true,
            "copy" => nocopy = false,
            "bind" | "rbind" => once(&mut recursion, opt, "bind/rbind")?,
            p if PROPAGATIONS.contains(&p) => once(&mut propagation, opt, "propagation")?,
            "suid" | "nosuid" | "dev" | "nodev" | "exec" | "noexec" => options.push(opt.into()),
            "" => return Err(bad("empty option")),
            o => return Err(bad(&not_yet(o).unwrap_or(format!("unknown option \"{o}\"")))),
        }
    }
    options.extend(recursion.into_iter().chain(propagation));
    let readonly = readonly.as_deref() == Some("ro");
    Ok(match source {
        Source::Host(source) => Mount::bind(source, destination, readonly, options),
        Source::Volume(name) => Mount::Volume {
            name: name.to_string(),
            anonymous: false,
            source: None,
            destination,
            readonly,
            nocopy,
            options,
        },
        Source::Anonymous => Mount::Volume {
            name: String::new(),
            anonymous: true,
            source: None,
            destination,
            readonly,
            nocopy,
            options,
        },
    })
}

/// Go's `strconv.ParseBool`, which docker uses for `readonly=…`.
fn parse_bool(what: &'static str, value: &str, s: &str) -> Result<bool, OptionError> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok(false),
        _ => Err(invalid(what, value, format!("\"{s}\" is not a boolean"))),
    }
}

/// `--mount type=bind,source=…,target=…[,readonly][,bind-propagation=…][,bind-nonrecursive]`
/// or `--mount type=tmpfs,target=…[,tmpfs-size=…][,tmpfs-mode=…][,readonly]`; docker's aliases
/// src, dst, destination and ro are accepted.
pub fn parse_mount(value: &str) -> Result<Mount, OptionError> {
    const W: &str = "mount";
    let bad = |reason: &str| invalid(W, value, reason);
    let flag = |val: Option<&str>| val.map_or(Ok(true), |v| parse_bool(W, value, v));
    let (mut typ, mut source, mut target) = (None, None, None);
    let (mut readonly, mut nonrecursive, mut propagation) = (false, false, None);
    let (mut size, mut mode, mut nocopy) = (None, None, false);
    for field in value.split(',') {
        let (key, val) = match field.split_once('=') {
            Some((k, v)) => (k.to_ascii_lowercase(), Some(v)),
            None => (field.to_ascii_lowercase(), None),
        };
        let need = || val.ok_or_else(|| bad(&format!("\"{field}\" must be a key=value pair")));
        match key.as_str() {
            "type" => typ = Some(need()?),
            "source" | "src" => source = Some(need()?),
            "target" | "destination" | "dst" => target = Some(need()?),
            "readonly" | "ro" => readonly = flag(val)?,
            "rw" => readonly = !flag(val)?,
            "bind-nonrecursive" => nonrecursive = flag(val)?,
            "bind-propagation" => match need()? {
                p if PROPAGATIONS.contains(&p) => propagation = Some(p),
                p => return Err(bad(&format!("unknown bind-propagation \"{p}\""))),
            },
            "consistency" => {}
            "tmpfs-size" => size = Some(parse_size(need()?)?),
            "tmpfs-mode" => {
                let m = need()?;
                match u32::from_str_radix(m, 8) {
                    Ok(n) if n <= 0o7777 => mode = Some(n),
                    _ => return Err(bad(&format!("tmpfs-mode \"{m}\" is not an octal mode"))),
                }
            }
            "volume-nocopy" => nocopy = flag(val)?,
            k if k.starts_with("volume-") || not_yet(k).is_some() => {
                return Err(bad(&format!("option \"{k}\" is not supported yet")))
            }
            _ => return Err(bad(&format!("unknown key \"{field}\""))),
        }
    }
    let target = target.ok_or_else(|| bad("target is required"))?;
    let destination = container_path(W, value, target)?;
    if nocopy && typ != Some("volume") {
        return Err(bad("volume-* options need type=volume"));
    }
    match typ {
        Some("bind") => {
            if size.is_some() || mode.is_some() {
                return Err(bad("tmpfs-* options need type=tmpfs"));
            }
            // podman's: no source binds the destination's own path from the host.
            let source = bind_source(W, value, source.unwrap_or(target))?;
            let options = nonrecursive
                .then_some("bind")
                .into_iter()
                .chain(propagation);
            let options = options.map(str::to_string).collect();
            Ok(Mount::bind(source, destination, readonly, options))
        }
        Some("tmpfs") => {
            if source.is_some() {
                return Err(bad("a tmpfs mount takes no source"));
            }
            if nonrecursive || propagation.is_some() {
                return Err(bad("bind-* options need type=bind"));
            }
            let mut extra: Vec<String> = readonly.then(|| "ro".to_string()).into_iter().collect();
            extra.extend(size.map(|s| format!("size={s}")));
            extra.extend(mode.map(|m| format!("mode={m:o}")));
            Ok(Mount::tmpfs(destination, &extra))
        }
        Some("volume") => {
            if size.is_some() || mode.is_some() {
                return Err(bad("tmpfs-* options need type=tmpfs"));
            }
            let options = nonrecursive
                .then_some("bind")
                .into_iter()
                .chain(propagation)
                .map(str::to_string)
                .collect();
            let (name, anonymous) = match source {
                None | Some("") => (String::new(), true),
                Some(s) => match volume_source(W, value, s)? {
                    Source::Volume(n) => (n.to_string(), false),
                    _ => return Err(bad(&format!("volume source \"{s}\" is not a volume name"))),
                },
            };
            Ok(Mount::Volume {
                name,
                anonymous,
                source: None,
                destination,
                readonly,
                nocopy,
                options,
            })
        }
        None => Err(bad("type is required (bind, tmpfs or volume)")),
        Some(t) => Err(bad(&format!("unsupported type \"{t}\""))),
    }
}

/// `--tmpfs /path[:opts]`: docker's defaults `noexec,nosuid,nodev`, overridden by OPTS.
pub fn parse_tmpfs(value: &str) -> Result<Mount, OptionError> {
    const W: &str = "tmpfs";
    let (path, opts) = value.split_once(':').unwrap_or((value, ""));
    let destination = container_path(W, value, path)?;
    let mut extra = Vec::new();
    for opt in opts.split(',').filter(|o| !o.is_empty()) {
        let key = opt.split_once('=').map_or(opt, |(k, _)| k);
        const FLAGS: &[&str] = &["relatime", "strictatime", "norelatime", "nostrictatime"];
        const KEYS: &[&str] = &["size", "mode", "uid", "gid", "nr_inodes", "nr_blocks"];
        let known = FLAG_PAIRS.iter().any(|(a, b)| opt == *a || opt == *b)
            || PROPAGATIONS.contains(&opt)
            || FLAGS.contains(&opt)
            || (KEYS.contains(&key) && key != opt);
        if !known {
            return Err(invalid(W, value, format!("unknown option \"{opt}\"")));
        }
        extra.push(opt.to_string());
    }
    Ok(Mount::tmpfs(destination, &extra))
}

/// `-e K=V` is taken as is; `-e K` takes K's value from `lookup` (the caller's environment)
/// and is left out (`None`) when K is unset there.
pub fn parse_env(
    value: &str,
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<Option<String>, OptionError> {
    match value.split_once('=') {
        Some(("", _)) => Err(invalid("environment variable", value, "empty name")),
        Some(_) => Ok(Some(value.to_string())),
        None if value.is_empty() => Err(invalid("environment variable", value, "empty name")),
        None => Ok(lookup(value).map(|v| format!("{value}={v}"))),
    }
}

/// The text of an `--env-file`, read as docker does: leading whitespace dropped, `#` lines
/// and blank lines skipped, `K=V` kept verbatim (no quote handling), a bare `K` taken from
/// `lookup` or left out when unset; a name containing whitespace is an error.
pub fn parse_env_file(
    text: &str,
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<Vec<String>, OptionError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad =
            |reason: String| invalid("env file line", raw, format!("line {}: {reason}", n + 1));
        match line.split_once('=') {
            Some(("", _)) => return Err(bad("no variable name".into())),
            Some((k, _)) if k.contains(char::is_whitespace) => {
                return Err(bad(format!("variable \"{k}\" contains whitespace")))
            }
            Some(_) => out.push(line.to_string()),
            None => {
                let k = line.trim_end();
                if k.contains(char::is_whitespace) {
                    return Err(bad(format!("variable \"{k}\" contains whitespace")));
                }
                out.extend(lookup(k).map(|v| format!("{k}={v}")));
            }
        }
    }
    Ok(out)
}

/// The first real-time signal number as glibc and docker count (the kernel's 32 and 33 are
/// kept by the C library).
const SIGRTMIN: i32 = 34;
const SIGRTMAX: i32 = 64;

/// `--stop-signal`/`kill -s`: `SIGTERM`, `TERM`, `term`, `15`, `RTMIN+3`, `SIGRTMAX-1`.
pub fn parse_signal(value: &str) -> Result<i32, OptionError> {
    const W: &str = "signal";
    if let Ok(n) = value.parse::<i64>() {
        return match i32::try_from(n) {
            Ok(n) if (1..=SIGRTMAX).contains(&n) => Ok(n),
            _ => Err(invalid(
                W,
                value,
                format!("number out of range 1-{SIGRTMAX}"),
            )),
        };
    }
    let upper = value.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    let rt = |base: &str, sign: i32| -> Option<i32> {
        let rest = name.strip_prefix(base)?;
        let off = match rest {
            "" => 0,
            r => r
                .strip_prefix(if sign > 0 { '+' } else { '-' })?
                .parse::<i32>()
                .ok()?,
        };
        let base = if sign > 0 { SIGRTMIN } else { SIGRTMAX };
        Some(base + sign * off).filter(|n| (SIGRTMIN..=SIGRTMAX).contains(n))
    };
    let alias = match name {
        "IOT" => "ABRT",
        "CLD" => "CHLD",
        "POLL" => "IO",
        n => n,
    };
    rt("RTMIN", 1)
        .or_else(|| rt("RTMAX", -1))
        .or_else(|| {
            Signal::from_str(&format!("SIG{alias}"))
                .ok()
                .map(|s| s as i32)
        })
        .ok_or_else(|| invalid(W, value, "unknown signal"))
}

/// `--label k=v` (`--label k` gives an empty value).
pub fn parse_label(value: &str) -> Result<(String, String), OptionError> {
    let (k, v) = value.split_once('=').unwrap_or((value, ""));
    if k.is_empty() {
        return Err(invalid("label", value, "empty key"));
    }
    Ok((k.to_string(), v.to_string()))
}

/// All `--label` flags; a later one wins for the same key.
pub fn parse_labels<S: AsRef<str>>(values: &[S]) -> Result<BTreeMap<String, String>, OptionError> {
    values.iter().map(|v| parse_label(v.as_ref())).collect()
}

/// A size with docker's units (`units.RAMInBytes`): `512`, `10k`, `10m`, `1.5g`, `64MiB`,
/// `2 GB`; case-insensitive, binary multiples (k = 1024).
pub fn parse_size(value: &str) -> Result<u64, OptionError> {
    let bad = |reason: &str| invalid("size", value, reason);
    let end = value
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(value.len());
    let (num, unit) = value.split_at(end);
    let unit = unit.strip_prefix(' ').unwrap_or(unit).to_ascii_lowercase();
    let num: f64 = match num {
        "" => return Err(bad("not a number")),
        n if n.starts_with('.') || n.ends_with('.') => return Err(bad("not a number")),
        n => n.parse().map_err(|_| bad("not a number"))?,
    };
    let mut u = unit.as_str();
    let shift = match u.chars().next() {
        Some(c @ ('k' | 'm' | 'g' | 't' | 'p')) => {
            u = &u[1..];
            10 * (1 + "kmgtp".find(c).unwrap_or(0) as i32)
        }
        _ => 0,
    };
    if shift > 0 {
        u = u.strip_prefix('i').unwrap_or(u);
    }
    if !matches!(u, "" | "b") {
        return Err(bad("unknown unit (use b, k, m, g, t or p)"));
    }
    let bytes = num * 2f64.powi(shift);
    if bytes >= u64::MAX as f64 {
        return Err(bad("too large"));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
#[path = "options_tests.rs"]
mod tests;
