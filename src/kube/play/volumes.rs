//! A pod's volumes and its containers' volumeMounts: hostPath binds, emptyDir (a tmpfs for
//! medium Memory, else a volume of the pod's), persistentVolumeClaim (a named volume),
//! configMap and secret (a named volume holding one file per key, as podman makes them).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Container, KeyToPath, PodSpec};

use super::env::Sources;
use super::{PlayError, Result};

/// What a pod volume is on this host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A host path; `kind` is hostPath's type (DirectoryOrCreate makes it).
    Host { path: String, kind: Option<String> },
    /// A named volume.
    Volume(String),
    /// A tmpfs of the container's own.
    Tmpfs,
}

/// Why `kube play` makes a volume, which says when it goes away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VolumeKind {
    /// A PersistentVolumeClaim's: kept by `kube down` unless `--force`.
    Claim,
    /// A ConfigMap's or Secret's files: likewise.
    Files,
    /// An emptyDir's: the pod's own, removed with it.
    EmptyDir,
}

/// A volume to make (when missing), and the files to write into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumePlan {
    pub name: String,
    pub kind: VolumeKind,
    /// Relative path → content, with the file's mode.
    pub files: Vec<(String, Vec<u8>, u32)>,
}

/// One volumeMount as ctl mounts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountPlan {
    pub source: Source,
    pub sub_path: Option<String>,
    pub dest: String,
    pub read_only: bool,
}

/// The pod's volumes by name, and the volumes `kube play` makes for them.
pub fn pod_volumes(
    doc: &str,
    spec: &PodSpec,
    pod_name: &str,
    sources: &Sources,
) -> Result<(BTreeMap<String, Source>, Vec<VolumePlan>)> {
    let mut by_name = BTreeMap::new();
    let mut plans = Vec::new();
    for (i, v) in spec.volumes.iter().flatten().enumerate() {
        let at = format!("spec.volumes[{i}]");
        let source = if let Some(h) = &v.host_path {
            if !h.path.starts_with('/') {
                return Err(PlayError::field(
                    doc,
                    format!("{at}.hostPath.path"),
                    "must be an absolute path",
                ));
            }
            Source::Host {
                path: h.path.clone(),
                kind: h.type_.clone().filter(|t| !t.is_empty()),
            }
        } else if let Some(e) = &v.empty_dir {
            if e.medium.as_deref() == Some("Memory") {
                Source::Tmpfs
            } else {
                let name = format!("{pod_name}-{}", v.name);
                plans.push(VolumePlan {
                    name: name.clone(),
                    kind: VolumeKind::EmptyDir,
                    files: Vec::new(),
                });
                Source::Volume(name)
            }
        } else if let Some(c) = &v.persistent_volume_claim {
            plans.push(VolumePlan {
                name: c.claim_name.clone(),
                kind: VolumeKind::Claim,
                files: Vec::new(),
            });
            Source::Volume(c.claim_name.clone())
        } else if let Some(c) = &v.config_map {
            let field = format!("{at}.configMap");
            let keys = sources.config_maps.get(&c.name);
            let files = files_of(
                doc,
                &field,
                "ConfigMap",
                &c.name,
                keys,
                c.items.as_deref(),
                c.optional,
                c.default_mode,
            )?;
            plans.push(VolumePlan {
                name: c.name.clone(),
                kind: VolumeKind::Files,
                files,
            });
            Source::Volume(c.name.clone())
        } else if let Some(s) = &v.secret {
            let field = format!("{at}.secret");
            let Some(name) = s.secret_name.clone() else {
                return Err(PlayError::field(
                    doc,
                    format!("{field}.secretName"),
                    "missing",
                ));
            };
            let keys = sources.secrets.get(&name);
            let files = files_of(
                doc,
                &field,
                "Secret",
                &name,
                keys,
                s.items.as_deref(),
                s.optional,
                s.default_mode,
            )?;
            plans.push(VolumePlan {
                name: name.clone(),
                kind: VolumeKind::Files,
                files,
            });
            Source::Volume(name)
        } else {
            return Err(PlayError::field(
                doc,
                at,
                format!(
                    "volume {:?}: its type is not supported (hostPath, emptyDir, \
                     persistentVolumeClaim, configMap and secret are)",
                    v.name
                ),
            ));
        };
        by_name.insert(v.name.clone(), source);
    }
    Ok((by_name, plans))
}

#[allow(clippy::too_many_arguments)]
fn files_of(
    doc: &str,
    field: &str,
    kind: &str,
    name: &str,
    keys: Option<&BTreeMap<String, Vec<u8>>>,
    items: Option<&[KeyToPath]>,
    optional: Option<bool>,
    default_mode: Option<i32>,
) -> Result<Vec<(String, Vec<u8>, u32)>> {
    let mode = default_mode.map_or(0o644, |m| m as u32 & 0o777);
    let Some(keys) = keys else {
        if optional == Some(true) {
            return Ok(Vec::new());
        }
        return Err(PlayError::field(
            doc,
            field,
            format!("{kind} {name:?} is not defined"),
        ));
    };
    let Some(items) = items.filter(|i| !i.is_empty()) else {
        return Ok(keys
            .iter()
            .map(|(k, v)| (k.clone(), v.clone(), mode))
            .collect());
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let f = format!("{field}.items[{i}]");
        let Some(v) = keys.get(&item.key) else {
            if optional == Some(true) {
                continue;
            }
            return Err(PlayError::field(
                doc,
                f,
                format!("{kind} {name:?} has no key {:?}", item.key),
            ));
        };
        check_relative(doc, &format!("{f}.path"), &item.path)?;
        out.push((
            item.path.clone(),
            v.clone(),
            item.mode.map_or(mode, |m| m as u32 & 0o777),
        ));
    }
    Ok(out)
}

/// A relative path that stays below where it is joined.
fn check_relative(doc: &str, field: &str, p: &str) -> Result<()> {
    if p.is_empty() || p.starts_with('/') || p.split('/').any(|c| c == "..") {
        return Err(PlayError::field(
            doc,
            field,
            format!("{p:?} must be a relative path without \"..\""),
        ));
    }
    Ok(())
}

/// The container's volumeMounts, each naming a pod volume.
pub fn mounts(
    doc: &str,
    at: &str,
    ctr: &Container,
    vols: &BTreeMap<String, Source>,
) -> Result<Vec<MountPlan>> {
    let mut out = Vec::new();
    for (i, m) in ctr.volume_mounts.iter().flatten().enumerate() {
        let field = format!("{at}.volumeMounts[{i}]");
        let Some(source) = vols.get(&m.name) else {
            return Err(PlayError::field(
                doc,
                format!("{field}.name"),
                format!("volume {:?} is not defined in spec.volumes", m.name),
            ));
        };
        if !m.mount_path.starts_with('/') {
            return Err(PlayError::field(
                doc,
                format!("{field}.mountPath"),
                "must be an absolute path",
            ));
        }
        let sub_path = m.sub_path.clone().filter(|s| !s.is_empty());
        if let Some(s) = &sub_path {
            check_relative(doc, &format!("{field}.subPath"), s)?;
            if *source == Source::Tmpfs {
                return Err(PlayError::field(
                    doc,
                    format!("{field}.subPath"),
                    "not supported on a tmpfs",
                ));
            }
        }
        if m.sub_path_expr.as_deref().is_some_and(|s| !s.is_empty()) {
            return Err(PlayError::field(
                doc,
                format!("{field}.subPathExpr"),
                "not supported",
            ));
        }
        if m.mount_propagation.as_deref().is_some_and(|p| p != "None") {
            return Err(PlayError::field(
                doc,
                format!("{field}.mountPropagation"),
                "not supported",
            ));
        }
        out.push(MountPlan {
            source: source.clone(),
            sub_path,
            dest: m.mount_path.clone(),
            read_only: m.read_only == Some(true),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{
        ConfigMapVolumeSource, EmptyDirVolumeSource, HostPathVolumeSource, Volume, VolumeMount,
    };

    fn spec(vols: Vec<Volume>) -> PodSpec {
        PodSpec {
            volumes: Some(vols),
            ..Default::default()
        }
    }

    #[test]
    fn each_volume_type_becomes_its_source() {
        let mut s = Sources::default();
        s.config_maps.insert(
            "cfg".into(),
            [
                ("a.conf".to_string(), b"x".to_vec()),
                ("b".to_string(), b"y".to_vec()),
            ]
            .into(),
        );
        let vols = vec![
            Volume {
                name: "host".into(),
                host_path: Some(HostPathVolumeSource {
                    path: "/srv".into(),
                    type_: Some("Directory".into()),
                }),
                ..Default::default()
            },
            Volume {
                name: "mem".into(),
                empty_dir: Some(EmptyDirVolumeSource {
                    medium: Some("Memory".into()),
                    size_limit: None,
                }),
                ..Default::default()
            },
            Volume {
                name: "scratch".into(),
                empty_dir: Some(Default::default()),
                ..Default::default()
            },
            Volume {
                name: "conf".into(),
                config_map: Some(ConfigMapVolumeSource {
                    name: "cfg".into(),
                    items: Some(vec![KeyToPath {
                        key: "a.conf".into(),
                        path: "etc/a.conf".into(),
                        mode: None,
                    }]),
                    ..Default::default()
                }),
                ..Default::default()
            },
        ];
        let (by, plans) = pod_volumes("Pod \"p\"", &spec(vols), "p", &s).unwrap();
        assert_eq!(by["mem"], Source::Tmpfs);
        assert_eq!(by["scratch"], Source::Volume("p-scratch".into()));
        assert_eq!(by["conf"], Source::Volume("cfg".into()));
        assert_eq!(
            plans,
            [
                VolumePlan {
                    name: "p-scratch".into(),
                    kind: VolumeKind::EmptyDir,
                    files: vec![]
                },
                VolumePlan {
                    name: "cfg".into(),
                    kind: VolumeKind::Files,
                    files: vec![("etc/a.conf".into(), b"x".to_vec(), 0o644)]
                }
            ]
        );
        let ctr = Container {
            name: "c".into(),
            volume_mounts: Some(vec![
                VolumeMount {
                    name: "host".into(),
                    mount_path: "/data".into(),
                    sub_path: Some("sub".into()),
                    read_only: Some(true),
                    ..Default::default()
                },
                VolumeMount {
                    name: "nope".into(),
                    mount_path: "/x".into(),
                    ..Default::default()
                },
            ]),
            ..Default::default()
        };
        let e = mounts("Pod \"p\"", "spec.containers[0]", &ctr, &by).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Pod \"p\": spec.containers[0].volumeMounts[1].name: volume \"nope\" is not defined \
             in spec.volumes"
        );
        let mut one = ctr.clone();
        one.volume_mounts.as_mut().unwrap().pop();
        let m = mounts("Pod \"p\"", "spec.containers[0]", &one, &by).unwrap();
        assert_eq!(
            m,
            [MountPlan {
                source: Source::Host {
                    path: "/srv".into(),
                    kind: Some("Directory".into())
                },
                sub_path: Some("sub".into()),
                dest: "/data".into(),
                read_only: true
            }]
        );
    }

    #[test]
    fn a_missing_config_map_or_key_is_refused_by_field() {
        let vols = vec![Volume {
            name: "conf".into(),
            config_map: Some(ConfigMapVolumeSource {
                name: "absent".into(),
                ..Default::default()
            }),
            ..Default::default()
        }];
        let e = pod_volumes("Pod \"p\"", &spec(vols), "p", &Sources::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Pod \"p\": spec.volumes[0].configMap: ConfigMap \"absent\" is not defined"
        );
    }
}
