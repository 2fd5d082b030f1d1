//! `run/create --secret NAME[,type=mount|env,target=,uid=,gid=,mode=]`: the flag parsed as
//! podman's parseSecrets (pure), and the container's part: each mounted secret copied into
//! the container's `userdata/secrets/` (podman's SecretsPath, which goes with the
//! container and outlives a reboot) and bound read-only; an env secret's value set in the
//! process's environment, never in the record.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{SecretError, Secrets};
use crate::error::{IoContext, Result};

/// Where a relative or missing target goes.
pub const SECRETS_DIR: &str = "/run/secrets";

/// One `--secret` of type mount.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MountUse {
    pub source: String,
    /// As given: empty (the secret's name), relative (under /run/secrets) or absolute.
    pub target: String,
    pub uid: u32,
    pub gid: u32,
    pub mode: u32,
}

impl MountUse {
    pub fn destination(&self) -> PathBuf {
        let t = if self.target.is_empty() {
            &self.source
        } else {
            &self.target
        };
        Path::new(SECRETS_DIR).join(t)
    }
}

/// The `--secret` flags of one container.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecretUses {
    pub mounts: Vec<MountUse>,
    /// Variable → secret.
    pub env: BTreeMap<String, String>,
}

/// podman's parseSecrets.
pub fn parse(flags: &[String]) -> Result<SecretUses, SecretError> {
    let mut uses = SecretUses::default();
    let err = |m: String| SecretError::Parse(m);
    for val in flags {
        let mut parts: Vec<&str> = val.split(',').collect();
        if parts.len() == 1 {
            uses.mounts.push(MountUse {
                source: val.clone(),
                mode: 0o444,
                ..Default::default()
            });
            continue;
        }
        let mut m = MountUse {
            mode: 0o444,
            ..Default::default()
        };
        if !parts[0].contains('=') {
            m.source = parts.remove(0).to_string();
        }
        let (mut kind, mut mount_only) = (None, false);
        for p in parts {
            let Some((k, v)) = p.split_once('=') else {
                return Err(err(format!("option {p} must be in form option=value")));
            };
            match k {
                "source" => m.source = v.to_string(),
                "type" if kind.is_some() => {
                    return Err(err("cannot set more than one secret type".into()))
                }
                "type" if v == "mount" || v == "env" => kind = Some(v.to_string()),
                "type" => return Err(err(format!("type {v} is invalid"))),
                "target" => m.target = v.to_string(),
                "mode" => {
                    mount_only = true;
                    m.mode =
                        u32::from_str_radix(v, 8).map_err(|_| err(format!("mode {v} invalid")))?;
                }
                "uid" | "UID" => {
                    mount_only = true;
                    m.uid = v.parse().map_err(|_| err(format!("UID {v} invalid")))?;
                }
                "gid" | "GID" => {
                    mount_only = true;
                    m.gid = v.parse().map_err(|_| err(format!("GID {v} invalid")))?;
                }
                _ => return Err(err(format!("option {p} invalid"))),
            }
        }
        if m.source.is_empty() {
            return Err(err(format!("no source found {val}")));
        }
        if kind.as_deref() == Some("env") {
            if mount_only {
                return Err(SecretError::EnvOnlyOptions);
            }
            let target = if m.target.is_empty() {
                m.source.clone()
            } else {
                m.target
            };
            uses.env.insert(target, m.source);
        } else {
            uses.mounts.push(m);
        }
    }
    Ok(uses)
}

/// A container's secrets as its record keeps them (podman's inspect `Config.Secrets`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContainerSecrets {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mounts: Vec<MountedSecret>,
    /// Variable → secret name: the variables `inspect` masks.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub env: BTreeMap<String, String>,
}

impl ContainerSecrets {
    pub fn is_empty(&self) -> bool {
        self.mounts.is_empty() && self.env.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MountedSecret {
    pub name: String,
    pub id: String,
    pub uid: u32,
    pub gid: u32,
    pub mode: u32,
    pub destination: PathBuf,
}

/// What a new container gets from its secrets.
#[derive(Debug, Default)]
pub struct Materialized {
    /// Copy → destination, bound read-only.
    pub binds: Vec<(PathBuf, PathBuf)>,
    /// `NAME=value`, for the process only.
    pub env: Vec<String>,
    pub record: ContainerSecrets,
}

/// Copies the mounted secrets into `userdata/secrets/` (owned by `owner(uid, gid)`, the
/// ids as the host sees them) and reads the env secrets.
pub fn materialize(
    secrets: &Secrets,
    uses: &SecretUses,
    userdata: &Path,
    owner: impl Fn(u32, u32) -> (u32, u32),
) -> Result<Materialized> {
    let mut out = Materialized::default();
    if uses.mounts.is_empty() && uses.env.is_empty() {
        return Ok(out);
    }
    let dir = userdata.join("secrets");
    if !uses.mounts.is_empty() {
        std::fs::create_dir_all(&dir).at(&dir)?;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).at(&dir)?;
    }
    for m in &uses.mounts {
        let (secret, data) = secrets.lookup_data(&m.source)?;
        let copy = dir.join(&secret.name);
        // A fresh file each time: never through a link left in the directory.
        let _ = std::fs::remove_file(&copy);
        std::fs::write(&copy, &data).at(&copy)?;
        let (uid, gid) = owner(m.uid, m.gid);
        std::os::unix::fs::lchown(&copy, Some(uid), Some(gid)).at(&copy)?;
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(m.mode)).at(&copy)?;
        out.binds.push((copy, m.destination()));
        out.record.mounts.push(MountedSecret {
            name: secret.name,
            id: secret.id,
            uid: m.uid,
            gid: m.gid,
            mode: m.mode,
            destination: m.destination(),
        });
    }
    for (var, source) in &uses.env {
        let (secret, data) = secrets.lookup_data(source)?;
        out.env
            .push(format!("{var}={}", String::from_utf8_lossy(&data)));
        out.record.env.insert(var.clone(), secret.name);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(flags: &[&str]) -> Result<SecretUses, SecretError> {
        parse(&flags.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn a_bare_name_is_a_mount_at_run_secrets() {
        let u = p(&["pw"]).unwrap();
        assert_eq!(u.mounts.len(), 1);
        assert_eq!(u.mounts[0].mode, 0o444);
        assert_eq!(u.mounts[0].destination(), Path::new("/run/secrets/pw"));
        assert!(u.env.is_empty());
    }

    #[test]
    fn options_as_podman_reads_them() {
        let u = p(&[
            "pw,target=/etc/pw,uid=1,gid=2,mode=0400",
            "source=k,target=custom",
        ])
        .unwrap();
        let m = &u.mounts[0];
        assert_eq!((m.uid, m.gid, m.mode), (1, 2, 0o400));
        assert_eq!(m.destination(), Path::new("/etc/pw"));
        assert_eq!(u.mounts[1].destination(), Path::new("/run/secrets/custom"));
        let e = p(&["pw,type=env,target=ENVSEC", "k,type=env"]).unwrap();
        assert_eq!(e.env["ENVSEC"], "pw");
        assert_eq!(e.env["k"], "k");
        assert!(e.mounts.is_empty());
    }

    #[test]
    fn bad_values_in_podmans_words() {
        let cases = [
            ("pw,type=file", "type file is invalid: parsing secret"),
            (
                "pw,type=env,type=env",
                "cannot set more than one secret type: parsing secret",
            ),
            ("pw,mode=9", "mode 9 invalid: parsing secret"),
            ("pw,uid=x", "UID x invalid: parsing secret"),
            ("pw,bogus=1", "option bogus=1 invalid: parsing secret"),
            (
                "pw,target",
                "option target must be in form option=value: parsing secret",
            ),
            (
                "type=env,target=X",
                "no source found type=env,target=X: parsing secret",
            ),
            (
                "pw,type=env,uid=1",
                "UID, GID, Mode options cannot be set with secret type env: parsing secret",
            ),
        ];
        for (flag, want) in cases {
            assert_eq!(p(&[flag]).unwrap_err().to_string(), want, "{flag}");
        }
    }
}
