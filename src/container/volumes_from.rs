//! `--volumes-from CTR[:OPTS]`: another container's binds and volumes, with their options;
//! `ro`/`rw` override the mode, `z` means nothing here (no SELinux).

use std::path::PathBuf;

use crate::container::lifecycle::Manager;
use crate::container::options::Mount;
use crate::container::store::MountRecord;
use crate::error::{Error, Result};

/// One `--volumes-from` value: the container, and `Some(readonly)` when ro or rw is given.
pub fn parse(value: &str) -> Result<(&str, Option<bool>)> {
    let (ctr, opts) = match value.split_once(':') {
        Some((c, o)) => (c, Some(o)),
        None => (value, None),
    };
    let (mut z, mut mode) = (false, None);
    for opt in opts.map(|o| o.split(',')).into_iter().flatten() {
        match opt {
            "z" if z => return Err(bad("cannot set :z more than once in mount options")),
            "z" => z = true,
            "ro" | "rw" if mode.is_some() => {
                return Err(bad("cannot set ro or rw options more than once"))
            }
            "ro" | "rw" => mode = Some(opt == "ro"),
            o => {
                return Err(bad(&format!(
                    "invalid option \"{o}\" specified - volumes from another container can only \
                     use z,ro,rw options"
                )))
            }
        }
    }
    Ok((ctr, mode))
}

fn bad(s: &str) -> Error {
    Error::BadOption(s.to_string())
}

/// The mounts a container's records name, as another container takes them: binds and
/// volumes (an anonymous one is shared by name, its owner still removes it), with `mode`
/// over their own.
pub fn inherit(records: &[MountRecord], mode: Option<bool>) -> Vec<Mount> {
    let mut out = Vec::new();
    for r in records {
        let destination = PathBuf::from(&r.destination);
        let readonly = mode.unwrap_or(r.readonly);
        let options = r.options.clone();
        match (r.kind.as_str(), &r.source, &r.name) {
            ("bind", Some(source), _) => {
                out.push(Mount::bind(source.clone(), destination, readonly, options))
            }
            ("volume", _, Some(name)) => out.push(Mount::Volume {
                name: name.clone(),
                anonymous: false,
                source: None,
                destination,
                readonly,
                nocopy: false,
                options,
            }),
            _ => {}
        }
    }
    out
}

impl Manager {
    /// What `--volumes-from` values take, in order: a later container's mount at a
    /// destination replaces an earlier one's (podman's).
    pub fn volumes_from(&self, values: &[String]) -> Result<Vec<Mount>> {
        let mut out: Vec<Mount> = Vec::new();
        for v in values {
            let (ctr, mode) = parse(v)?;
            let c = self.get(ctr).map_err(|e| match e {
                Error::ContainerNotFound(_) => bad(&format!(
                    "looking up container \"{ctr}\" for volumes-from: no container with name \
                     or ID \"{ctr}\" found: no such container"
                )),
                e => e,
            })?;
            for m in inherit(&c.config.mounts, mode) {
                out.retain(|o| o.destination() != m.destination());
                out.push(m);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(kind: &str, src: Option<&str>, name: Option<&str>, dst: &str, ro: bool) -> MountRecord {
        MountRecord {
            nocopy: false,
            kind: kind.into(),
            source: src.map(PathBuf::from),
            destination: dst.into(),
            readonly: ro,
            name: name.map(String::from),
            anonymous: name.is_some_and(|n| n.len() == 64),
            options: vec!["rshared".into()],
        }
    }

    #[test]
    fn options_as_podman_s() {
        assert_eq!(parse("web").unwrap(), ("web", None));
        assert_eq!(parse("web:ro,z").unwrap(), ("web", Some(true)));
        assert_eq!(parse("web:rw").unwrap(), ("web", Some(false)));
        let e = |v: &str| parse(v).unwrap_err().to_string();
        assert_eq!(e("web:ro,rw"), "cannot set ro or rw options more than once");
        assert_eq!(
            e("web:z,z"),
            "cannot set :z more than once in mount options"
        );
        assert!(e("web:nocopy").contains("can only use z,ro,rw options"));
    }

    #[test]
    fn binds_and_volumes_are_taken_with_their_options() {
        let anon = "a".repeat(64);
        let records = [
            rec("bind", Some("/h"), None, "/b", false),
            rec("volume", None, Some(&anon), "/v", true),
            rec("tmpfs", None, None, "/t", false),
        ];
        let got = inherit(&records, None);
        assert_eq!(
            got,
            [
                Mount::bind("/h".into(), "/b".into(), false, vec!["rshared".into()]),
                Mount::Volume {
                    name: anon.clone(),
                    anonymous: false,
                    source: None,
                    destination: "/v".into(),
                    readonly: true,
                    nocopy: false,
                    options: vec!["rshared".into()],
                },
            ]
        );
        assert!(inherit(&records, Some(true)).iter().all(|m| m.readonly()));
        assert!(inherit(&records, Some(false)).iter().all(|m| !m.readonly()));
    }
}
