//! The local driver's `--opt`s, as podman parses them: `type`, `device` and `o` say what is
//! mounted on the volume's `_data` while a container uses it (mount(8)'s `-t`, device and
//! `-o`); `uid=`, `gid=`, `size=`, `inodes=`, `noquota` and `timeout=` inside `o` are also
//! taken out into the record (`UID`, `GID`, `SIZE`, `INODES`, `NOQUOTA`). Pure: the checks
//! that look at the host (a bind device exists) take what they need as arguments.

use std::collections::BTreeMap;

use crate::error::{Error, Result};

/// A local volume's options, checked and rewritten as podman stores them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalOptions {
    /// What the record keeps (inspect's `Options`).
    pub options: BTreeMap<String, String>,
    /// `o=uid=`: the owner of `_data`.
    pub uid: Option<u32>,
    /// `o=gid=`.
    pub gid: Option<u32>,
}

/// The filesystem types a rootless user can mount in its own user namespace.
const ROOTLESS_TYPES: &[&str] = &["tmpfs", "bind"];

/// Checks `opts` as podman's local driver does; `exists` tells whether a bind's device
/// is there (podman stats it at create).
pub fn parse_local(
    opts: &BTreeMap<String, String>,
    rootless: bool,
    exists: impl Fn(&str) -> std::io::Result<()>,
) -> Result<LocalOptions> {
    let mut out = LocalOptions::default();
    for (key, value) in opts {
        match key.to_ascii_lowercase().as_str() {
            "device" => {
                if ty(opts).eq_ignore_ascii_case("bind") {
                    exists(value).map_err(|e| {
                        bad(format!(
                            "invalid volume option {key} for driver 'local': stat {value}: {}",
                            go_reason(&e)
                        ))
                    })?;
                }
                out.options.insert(key.clone(), value.clone());
            }
            "o" => parse_o(key, value, &mut out)?,
            "type" | "uid" | "gid" | "size" | "inodes" | "noquota" | "copy" | "nocopy" => {
                out.options.insert(key.clone(), value.clone());
            }
            _ => {
                return Err(bad(format!(
                    "invalid mount option {key} for driver 'local': invalid argument"
                )))
            }
        }
    }
    let t = ty(&out.options).to_ascii_lowercase();
    if out.options.contains_key("NOQUOTA") {
        if out.options.contains_key("SIZE") || out.options.contains_key("INODES") {
            return Err(bad(
                "volume options size and inodes cannot be used without quota",
            ));
        }
    } else if t == "tmpfs" {
        if out.options.contains_key("INODES") {
            return Err(bad(
                "volume option inodes not supported on tmpfs filesystem",
            ));
        }
    } else if out.options.contains_key("SIZE") || out.options.contains_key("INODES") {
        // podman sets these through XFS project quotas, which ctl does not.
        return Err(bad(
            "volume options size and inodes not supported. Filesystem does not support Project \
             Quota",
        ));
    }
    if rootless {
        if let Some(spec) = MountSpec::of(&out.options) {
            if !spec.rootless_ok() {
                return Err(Error::Rootless(format!(
                    "mounting a volume of type {}: operation requires root privileges",
                    if spec.fstype.is_empty() {
                        "(none)"
                    } else {
                        &spec.fstype
                    }
                )));
            }
        }
    }
    Ok(out)
}

fn ty(opts: &BTreeMap<String, String>) -> &str {
    opts.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("type"))
        .map_or("", |(_, v)| v.as_str())
}

/// An io error as Go words it: `no such file or directory`.
fn go_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    let s = s.split(" (os error").next().unwrap_or(&s);
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

fn bad(msg: impl Into<String>) -> Error {
    Error::BadOption(msg.into())
}

/// `o=...`: podman's pkg/domain parse.VolumeOptions.
fn parse_o(key: &str, value: &str, out: &mut LocalOptions) -> Result<()> {
    let mut kept = Vec::new();
    for o in value.split(',') {
        let (opt, val, has_val) = match o.split_once('=') {
            Some((k, v)) => (k, v, true),
            None => (o, "", false),
        };
        match opt.to_ascii_lowercase().as_str() {
            "size" => {
                crate::container::options::parse_size(val)
                    .map_err(|e| bad(format!("cannot convert size {val} to integer: {e}")))?;
                kept.push(o);
                out.options.insert("SIZE".into(), val.into());
            }
            "inodes" => {
                val.parse::<u64>().map_err(|_| {
                    bad(format!(
                        "cannot convert inodes {val} to integer: invalid syntax"
                    ))
                })?;
                kept.push(o);
                out.options.insert("INODES".into(), val.into());
            }
            which @ ("uid" | "gid") => {
                let up = which.to_ascii_uppercase();
                if !has_val {
                    return Err(bad(format!(
                        "{which} option must provide a {up}: invalid argument"
                    )));
                }
                let id: u32 = val.parse().map_err(|_| {
                    bad(format!(
                        "cannot convert {up} {val} to integer: strconv.Atoi: parsing \"{val}\": \
                         invalid syntax"
                    ))
                })?;
                kept.push(o);
                out.options.insert(up, val.into());
                match which {
                    "uid" => out.uid = Some(id),
                    _ => out.gid = Some(id),
                }
            }
            "noquota" => {
                out.options.insert("NOQUOTA".into(), "true".into());
            }
            "timeout" => {
                if !has_val {
                    return Err(bad(
                        "timeout option must provide a valid timeout in seconds: invalid argument",
                    ));
                }
                let t: i64 = val.parse().map_err(|_| {
                    bad(format!(
                        "cannot convert Timeout {val} to an integer: strconv.Atoi: parsing \
                         \"{val}\": invalid syntax"
                    ))
                })?;
                if t < 0 {
                    return Err(bad(format!("volume timeout cannot be negative (got {t})")));
                }
            }
            _ => kept.push(o),
        }
    }
    if !kept.is_empty() {
        out.options.insert(key.to_string(), kept.join(","));
    }
    Ok(())
}

/// What mount(8) is asked, as podman's volume mount: `mount [-o O] [-t TYPE | -o bind]
/// DEVICE _data`, the type standing in for a missing device (tmpfs has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountSpec {
    pub fstype: String,
    pub device: String,
    pub options: String,
}

impl MountSpec {
    /// The mount a volume's options ask for; None for a plain directory (podman's
    /// needsMount: only copy, nocopy and the keys taken out of `o`).
    pub fn of(opts: &BTreeMap<String, String>) -> Option<MountSpec> {
        let needs = opts.keys().any(|k| {
            !matches!(
                k.to_ascii_lowercase().as_str(),
                "copy" | "nocopy" | "uid" | "gid" | "size" | "inodes" | "noquota"
            )
        });
        let get = |key: &str| {
            opts.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let fstype = get("type");
        // `o=uid=1000` alone only sets the owner: with neither type nor device there is
        // nothing mount(8) could mount.
        let owner_only = fstype.is_empty()
            && get("device").is_empty()
            && get("o").split(',').all(|o| {
                let k = o.split('=').next().unwrap_or_default().to_ascii_lowercase();
                matches!(k.as_str(), "uid" | "gid" | "size" | "inodes")
            });
        if !needs || owner_only {
            return None;
        }
        let mut device = get("device");
        if device.is_empty() {
            device = fstype.clone();
        }
        Some(MountSpec {
            fstype,
            device,
            options: get("o"),
        })
    }

    /// mount(8)'s arguments before the target.
    pub fn args(&self) -> Vec<String> {
        let mut args = Vec::new();
        if !self.options.is_empty() {
            args.extend(["-o".to_string(), self.options.clone()]);
        }
        match self.fstype.as_str() {
            "" => {}
            "bind" => args.extend(["-o".to_string(), "bind".to_string()]),
            t => args.extend(["-t".to_string(), t.to_string()]),
        }
        args.push(self.device.clone());
        args
    }

    /// A user namespace's root may mount tmpfs and bind mounts, not block devices.
    fn rootless_ok(&self) -> bool {
        let bind_opt = self
            .options
            .split(',')
            .any(|o| matches!(o, "bind" | "rbind"));
        ROOTLESS_TYPES.contains(&self.fstype.to_ascii_lowercase().as_str())
            || (matches!(self.fstype.as_str(), "" | "none") && bind_opt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(kv: &[(&str, &str)]) -> BTreeMap<String, String> {
        kv.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn parse(kv: &[(&str, &str)], rootless: bool) -> Result<LocalOptions> {
        parse_local(&opts(kv), rootless, |p| match p {
            "/there" => Ok(()),
            _ => Err(std::io::Error::from_raw_os_error(libc::ENOENT)),
        })
    }

    fn err(kv: &[(&str, &str)], rootless: bool) -> String {
        parse(kv, rootless).unwrap_err().to_string()
    }

    #[test]
    fn o_is_split_as_podman_s() {
        let p = parse(
            &[
                ("type", "tmpfs"),
                ("device", "tmpfs"),
                ("o", "size=2M,uid=1000,gid=7,nodev,noquota,timeout=3"),
            ],
            false,
        );
        let p = p.unwrap_err().to_string();
        // noquota with a size: podman's refusal.
        assert_eq!(
            p,
            "volume options size and inodes cannot be used without quota"
        );
        let p = parse(
            &[
                ("type", "tmpfs"),
                ("device", "tmpfs"),
                ("o", "size=2M,uid=1000,gid=7,nodev,timeout=3"),
            ],
            false,
        )
        .unwrap();
        assert_eq!((p.uid, p.gid), (Some(1000), Some(7)));
        assert_eq!(
            p.options,
            opts(&[
                ("type", "tmpfs"),
                ("device", "tmpfs"),
                ("o", "size=2M,uid=1000,gid=7,nodev"),
                ("SIZE", "2M"),
                ("UID", "1000"),
                ("GID", "7"),
            ])
        );
        let spec = MountSpec::of(&p.options).unwrap();
        assert_eq!(
            spec.args(),
            ["-o", "size=2M,uid=1000,gid=7,nodev", "-t", "tmpfs", "tmpfs"]
        );
    }

    #[test]
    fn refusals_in_podman_s_words() {
        assert_eq!(
            err(&[("colour", "red")], false),
            "invalid mount option colour for driver 'local': invalid argument"
        );
        assert_eq!(
            err(&[("type", "bind"), ("device", "/nonexist")], false),
            "invalid volume option device for driver 'local': stat /nonexist: no such file or \
             directory"
        );
        assert!(parse(&[("type", "bind"), ("device", "/there")], false).is_ok());
        assert_eq!(
            err(&[("o", "uid=x")], false),
            "cannot convert UID x to integer: strconv.Atoi: parsing \"x\": invalid syntax"
        );
        assert_eq!(
            err(&[("o", "gid")], false),
            "gid option must provide a GID: invalid argument"
        );
        assert!(err(&[("type", "ext4"), ("o", "size=1G")], false).contains("Project Quota"));
        assert!(err(&[("type", "tmpfs"), ("o", "inodes=9")], false).contains("on tmpfs"));
        assert!(err(&[("o", "timeout=-1")], false).contains("cannot be negative"));
    }

    #[test]
    fn rootless_mounts_only_what_a_user_namespace_may() {
        assert!(parse(&[("type", "tmpfs"), ("device", "tmpfs")], true).is_ok());
        assert!(parse(&[("type", "bind"), ("device", "/there")], true).is_ok());
        assert!(parse(
            &[("type", "none"), ("device", "/there"), ("o", "bind")],
            true
        )
        .is_ok());
        // uid/gid alone mount nothing.
        assert!(parse(&[("o", "uid=1")], true).is_ok());
        let e = err(&[("type", "ext4"), ("device", "/dev/sdz")], true);
        assert!(
            e.contains("type ext4: operation requires root privileges"),
            "{e}"
        );
    }

    #[test]
    fn what_needs_a_mount() {
        assert_eq!(MountSpec::of(&opts(&[("nocopy", "")])), None);
        assert_eq!(
            MountSpec::of(&opts(&[("UID", "1"), ("GID", "1"), ("SIZE", "1")])),
            None
        );
        let bind = MountSpec::of(&opts(&[("type", "bind"), ("device", "/d")])).unwrap();
        assert_eq!(bind.args(), ["-o", "bind", "/d"]);
        let none = MountSpec::of(&opts(&[("type", "none"), ("device", "/d"), ("o", "bind")]));
        assert_eq!(none.unwrap().args(), ["-o", "bind", "-t", "none", "/d"]);
    }
}
