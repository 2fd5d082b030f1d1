//! Image references as docker and podman read them (pure: no I/O).
//!
//! `busybox` → `docker.io/library/busybox:latest`, `host:port/repo:tag`, `repo@sha256:…`,
//! `repo:tag@sha256:…`. Short names take the first unqualified-search registry.

use std::fmt;

pub const DEFAULT_REGISTRY: &str = "docker.io";
pub const DEFAULT_TAG: &str = "latest";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid reference \"{input}\": {reason}")]
pub struct ReferenceError {
    pub input: String,
    pub reason: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    /// Registry host, with port if any (`docker.io`, `127.0.0.1:5000`).
    pub registry: String,
    /// Repository path inside the registry (`library/busybox`).
    pub repository: String,
    pub tag: Option<String>,
    /// `algorithm:hex`.
    pub digest: Option<String>,
}

impl Reference {
    /// Parses `input`; a name without a registry takes `default_registry`.
    pub fn parse_with(input: &str, default_registry: &str) -> Result<Reference, ReferenceError> {
        let err = |reason| ReferenceError {
            input: input.to_string(),
            reason,
        };
        if input.is_empty() {
            return Err(err("empty reference"));
        }
        if input.len() > 4096 || input.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(err("contains whitespace or control characters"));
        }
        let (rest, digest) = match input.split_once('@') {
            Some((r, d)) => {
                validate_digest(d).map_err(err)?;
                (r, Some(d.to_string()))
            }
            None => (input, None),
        };
        // The tag is after the last ':' that follows the last '/' (a ':' before it is a port).
        let last_slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => {
                let t = &rest[last_slash + i + 1..];
                validate_tag(t).map_err(err)?;
                (&rest[..last_slash + i], Some(t.to_string()))
            }
            None => (rest, None),
        };
        if name.is_empty() {
            return Err(err("missing repository name"));
        }
        let (registry, path) = match name.split_once('/') {
            Some((first, remainder)) if is_domain(first) => (first.to_string(), remainder),
            _ => (default_registry.to_string(), name),
        };
        validate_domain(&registry).map_err(err)?;
        for component in path.split('/') {
            validate_component(component).map_err(err)?;
        }
        let repository = if registry == DEFAULT_REGISTRY && !path.contains('/') {
            format!("library/{path}")
        } else {
            path.to_string()
        };
        let tag = match (&tag, &digest) {
            (None, None) => Some(DEFAULT_TAG.to_string()),
            _ => tag,
        };
        Ok(Reference {
            registry,
            repository,
            tag,
            digest,
        })
    }

    pub fn parse(input: &str) -> Result<Reference, ReferenceError> {
        Self::parse_with(input, DEFAULT_REGISTRY)
    }

    /// True when `input` names its registry explicitly.
    pub fn is_qualified(input: &str) -> bool {
        input
            .split_once('/')
            .is_some_and(|(first, _)| is_domain(first))
    }

    /// `registry/repository` without tag or digest.
    pub fn name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }

    /// `registry/repository:tag`, when there is a tag.
    pub fn tagged_name(&self) -> Option<String> {
        self.tag.as_ref().map(|t| format!("{}:{}", self.name(), t))
    }

    /// Host part without the port, for loopback checks.
    pub fn host(&self) -> &str {
        if let Some(rest) = self.registry.strip_prefix('[') {
            return rest.split(']').next().unwrap_or(rest);
        }
        self.registry.split(':').next().unwrap_or(&self.registry)
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name())?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// Docker's rule: the first component is a registry when it has a '.' or ':' or is localhost.
fn is_domain(first: &str) -> bool {
    first.contains('.') || first.contains(':') || first == "localhost"
}

fn validate_domain(d: &str) -> Result<(), &'static str> {
    let (host, port) = if let Some(rest) = d.strip_prefix('[') {
        let (h, after) = rest.split_once(']').ok_or("unterminated IPv6 address")?;
        (h, after.strip_prefix(':'))
    } else {
        match d.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (d, None),
        }
    };
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':')
    {
        return Err("invalid registry host");
    }
    if let Some(p) = port {
        if p.is_empty() || p.len() > 5 || !p.chars().all(|c| c.is_ascii_digit()) {
            return Err("invalid registry port");
        }
        if !matches!(p.parse::<u16>(), Ok(1..)) {
            return Err("registry port out of range (1-65535)");
        }
    }
    Ok(())
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
fn validate_component(c: &str) -> Result<(), &'static str> {
    if c.is_empty() {
        return Err("empty path component");
    }
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return Err("repository name must start and end with a lowercase letter or digit");
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-');
        if !ok {
            if sep.bytes().any(|x| x.is_ascii_uppercase()) {
                return Err("repository name must be lowercase");
            }
            return Err("invalid character in repository name");
        }
    }
    Ok(())
}

/// `[\w][\w.-]{0,127}`
fn validate_tag(t: &str) -> Result<(), &'static str> {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-';
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphanumeric() || c == '_' => {}
        _ => return Err("invalid tag"),
    }
    if t.len() > 128 || !chars.all(ok_char) {
        return Err("invalid tag");
    }
    Ok(())
}

pub fn validate_digest(d: &str) -> Result<(), &'static str> {
    let (algo, hex) = d.split_once(':').ok_or("digest must be algorithm:hex")?;
    let want = match algo {
        "sha256" => 64,
        "sha512" => 128,
        _ => return Err("unsupported digest algorithm"),
    };
    if hex.len() != want || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err("invalid digest");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn p(s: &str) -> Reference {
        Reference::parse(s).unwrap()
    }

    #[test]
    fn short_names_expand_like_docker() {
        assert_eq!(p("busybox").to_string(), "docker.io/library/busybox:latest");
        assert_eq!(
            p("busybox:1.36").to_string(),
            "docker.io/library/busybox:1.36"
        );
        assert_eq!(p("user/app").to_string(), "docker.io/user/app:latest");
        assert_eq!(
            p("docker.io/busybox").to_string(),
            "docker.io/library/busybox:latest"
        );
    }

    #[test]
    fn registries_with_ports_and_localhost() {
        let r = p("127.0.0.1:5000/a/b:v1");
        assert_eq!(r.registry, "127.0.0.1:5000");
        assert_eq!(r.repository, "a/b");
        assert_eq!(r.tag.as_deref(), Some("v1"));
        assert_eq!(r.host(), "127.0.0.1");
        let r = p("localhost/app");
        assert_eq!(r.registry, "localhost");
        assert_eq!(r.tag.as_deref(), Some("latest"));
        assert_eq!(p("[::1]:5000/x").host(), "::1");
        assert_eq!(p("h:65535/x").registry, "h:65535");
    }

    #[test]
    fn ports_out_of_range_are_refused_when_parsed() {
        for bad in ["127.0.0.1:99999/x", "h:65536/x", "h:0/x", "[::1]:70000/x"] {
            let e = Reference::parse(bad).unwrap_err();
            assert_eq!(e.reason, "registry port out of range (1-65535)", "{bad}");
        }
    }

    #[test]
    fn digests_with_and_without_tags() {
        let r = p(&format!("busybox@{D}"));
        assert_eq!(r.tag, None);
        assert_eq!(r.digest.as_deref(), Some(D));
        let r = p(&format!("host:5000/busybox:1@{D}"));
        assert_eq!(r.tag.as_deref(), Some("1"));
        assert_eq!(r.to_string(), format!("host:5000/busybox:1@{D}"));
    }

    #[test]
    fn default_registry_is_configurable() {
        let r = Reference::parse_with("app", "quay.io").unwrap();
        assert_eq!(r.to_string(), "quay.io/app:latest");
    }

    #[test]
    fn invalid_references_quote_the_input() {
        for bad in [
            "",
            "Busybox",
            "busy box",
            "a//b",
            "busybox:",
            "busybox:-x",
            "busybox@sha256:xyz",
            "busybox@md5:00",
            "-a",
            "a-",
            "host:port/x",
            ":tag",
            "a/",
        ] {
            let e = Reference::parse(bad).unwrap_err();
            assert!(e.to_string().contains(&format!("\"{bad}\"")), "{bad}: {e}");
        }
    }

    #[test]
    fn separators_follow_the_grammar() {
        assert!(Reference::parse("a__b").is_ok());
        assert!(Reference::parse("a---b").is_ok());
        assert!(Reference::parse("a.b_c").is_ok());
        assert!(Reference::parse("a___b").is_err());
        assert!(Reference::parse("a..b").is_err());
    }
}
