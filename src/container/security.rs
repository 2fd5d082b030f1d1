//! `--security-opt` values, as podman takes them (pure).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::options::{invalid, OptionError};

/// Which seccomp filter the container gets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Seccomp {
    /// The built-in profile (docker's default).
    #[default]
    Default,
    /// No filter.
    Unconfined,
    /// A profile in docker's JSON format.
    Profile(PathBuf),
}

/// Everything `--security-opt` can set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecurityOpts {
    pub no_new_privileges: bool,
    pub seccomp: Seccomp,
    /// `unmask=ALL` or paths: masked paths to leave visible.
    pub unmask: Vec<String>,
    /// `mask=PATHS`: further paths to mask.
    pub mask: Vec<String>,
    /// The flags as given, for the container's record.
    pub given: Vec<String>,
}

fn bool_value(what: &'static str, value: &str, v: Option<&str>) -> Result<bool, OptionError> {
    match v {
        None | Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(_) => Err(invalid(what, value, "use true or false")),
    }
}

/// Absolute paths separated by `:`.
fn paths(value: &str, list: &str, all_ok: bool) -> Result<Vec<String>, OptionError> {
    let mut out = Vec::new();
    for p in list.split(':') {
        if !(p.starts_with('/') || (all_ok && p == "ALL")) {
            return Err(invalid(
                "security option",
                value,
                format!("\"{p}\" is not an absolute path"),
            ));
        }
        out.push(p.to_string());
    }
    Ok(out)
}

/// All `--security-opt` flags. SELinux labels and AppArmor are not implemented: only their
/// "off" forms (`label=disable`, `apparmor=unconfined`) are accepted, as no-ops.
pub fn parse_security_opts<S: AsRef<str>>(values: &[S]) -> Result<SecurityOpts, OptionError> {
    let mut o = SecurityOpts::default();
    for value in values.iter().map(AsRef::as_ref) {
        o.given.push(value.to_string());
        // docker also takes `key:value`.
        let (key, v) = match value.split_once('=').or_else(|| value.split_once(':')) {
            Some((k, v)) => (k, Some(v)),
            None => (value, None),
        };
        match (key, v) {
            ("no-new-privileges", v) => {
                o.no_new_privileges = bool_value("security option", value, v)?
            }
            ("seccomp", Some("unconfined")) => o.seccomp = Seccomp::Unconfined,
            ("seccomp", Some(p)) if p.starts_with('/') => {
                o.seccomp = Seccomp::Profile(PathBuf::from(p))
            }
            ("seccomp", _) => {
                return Err(invalid(
                    "security option",
                    value,
                    "use seccomp=unconfined or seccomp=/absolute/profile.json",
                ))
            }
            ("unmask", Some(list)) => o.unmask.extend(paths(value, list, true)?),
            ("mask", Some(list)) => o.mask.extend(paths(value, list, false)?),
            ("label", Some("disable")) | ("apparmor", Some("unconfined")) => {}
            ("label" | "apparmor", _) => {
                return Err(invalid(
                    "security option",
                    value,
                    "SELinux and AppArmor are not supported (only label=disable and \
                     apparmor=unconfined are accepted)",
                ))
            }
            _ => {
                return Err(invalid(
                    "security option",
                    value,
                    "use no-new-privileges, seccomp=..., mask=..., unmask=...",
                ))
            }
        }
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_opts() {
        let o = parse_security_opts(&["no-new-privileges", "seccomp=unconfined"]).unwrap();
        assert!(o.no_new_privileges);
        assert_eq!(o.seccomp, Seccomp::Unconfined);
        let o = parse_security_opts(&["no-new-privileges:true", "seccomp=/p.json"]).unwrap();
        assert!(o.no_new_privileges);
        assert_eq!(o.seccomp, Seccomp::Profile("/p.json".into()));
        let o = parse_security_opts(&["no-new-privileges=false", "label=disable"]).unwrap();
        assert!(!o.no_new_privileges);
        let o = parse_security_opts(&["unmask=/proc/kcore:/sys/firmware", "mask=/etc/x"]).unwrap();
        assert_eq!(o.unmask, ["/proc/kcore", "/sys/firmware"]);
        assert_eq!(o.mask, ["/etc/x"]);
        assert_eq!(
            parse_security_opts(&["unmask=ALL"]).unwrap().unmask,
            ["ALL"]
        );
        for bad in [
            "seccomp=rel.json",
            "seccomp",
            "no-new-privileges=maybe",
            "label=type:x",
            "apparmor=p",
            "mask=rel",
            "bogus",
        ] {
            let e = parse_security_opts(&[bad]).unwrap_err().to_string();
            assert!(e.contains(&format!("\"{bad}\"")), "{e}");
        }
    }
}
