//! A container's environment: envFrom, then env (a later name replaces an earlier one),
//! values from ConfigMaps and Secrets, and Kubernetes' `$(VAR)` expansion.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{ConfigMap, Container, Secret};

use super::{PlayError, Result};

/// The ConfigMaps and Secrets a pod may read: name → key → bytes.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub config_maps: BTreeMap<String, BTreeMap<String, Vec<u8>>>,
    pub secrets: BTreeMap<String, BTreeMap<String, Vec<u8>>>,
}

impl Sources {
    pub fn add_config_map(&mut self, cm: &ConfigMap) {
        let mut keys: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for (k, v) in cm.data.iter().flatten() {
            keys.insert(k.clone(), v.clone().into_bytes());
        }
        for (k, v) in cm.binary_data.iter().flatten() {
            keys.insert(k.clone(), v.0.clone());
        }
        let name = cm.metadata.name.clone().unwrap_or_default();
        self.config_maps.insert(name, keys);
    }

    pub fn add_secret(&mut self, s: &Secret) {
        let mut keys: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for (k, v) in s.data.iter().flatten() {
            keys.insert(k.clone(), v.0.clone());
        }
        // stringData is written over data, as the API server merges them.
        for (k, v) in s.string_data.iter().flatten() {
            keys.insert(k.clone(), v.clone().into_bytes());
        }
        let name = s.metadata.name.clone().unwrap_or_default();
        self.secrets.insert(name, keys);
    }
}

/// `$(VAR)` replaced by VAR's value where VAR is in `vars`, left as written where it is
/// not; `$$` is one `$`.
pub fn expand(s: &str, vars: &[(String, String)]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(body) = after.strip_prefix('(') {
            match body.find(')') {
                Some(end) => {
                    let name = &body[..end];
                    match vars.iter().rev().find(|(k, _)| k == name) {
                        Some((_, v)) => out.push_str(v),
                        None => {
                            out.push_str("$(");
                            out.push_str(name);
                            out.push(')');
                        }
                    }
                    rest = &body[end + 1..];
                }
                None => {
                    out.push_str("$(");
                    rest = body;
                }
            }
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn text(doc: &str, field: &str, bytes: &[u8]) -> Result<String> {
    String::from_utf8(bytes.to_vec())
        .map_err(|_| PlayError::field(doc, field, "the value is not UTF-8 text"))
}

/// The container's environment as `NAME=VALUE`s, in Kubernetes' order.
pub fn resolve(
    doc: &str,
    at: &str,
    ctr: &Container,
    sources: &Sources,
    pod_name: &str,
) -> Result<Vec<(String, String)>> {
    let mut vars: Vec<(String, String)> = Vec::new();
    let set = |vars: &mut Vec<(String, String)>, k: String, v: String| {
        vars.retain(|(n, _)| *n != k);
        vars.push((k, v));
    };
    for (i, from) in ctr.env_from.iter().flatten().enumerate() {
        let field = format!("{at}.envFrom[{i}]");
        let prefix = from.prefix.clone().unwrap_or_default();
        let (kind, map, name, optional) = match (&from.config_map_ref, &from.secret_ref) {
            (Some(r), None) => ("ConfigMap", &sources.config_maps, &r.name, r.optional),
            (None, Some(r)) => ("Secret", &sources.secrets, &r.name, r.optional),
            _ => {
                return Err(PlayError::field(
                    doc,
                    field,
                    "needs one of configMapRef and secretRef",
                ))
            }
        };
        match map.get(name) {
            Some(keys) => {
                for (k, v) in keys {
                    let v = text(doc, &field, v)?;
                    set(&mut vars, format!("{prefix}{k}"), v);
                }
            }
            None if optional == Some(true) => {}
            None => {
                return Err(PlayError::field(
                    doc,
                    field,
                    format!("{kind} {name:?} is not defined"),
                ))
            }
        }
    }
    for (i, e) in ctr.env.iter().flatten().enumerate() {
        let field = format!("{at}.env[{i}]");
        let value = match (&e.value, &e.value_from) {
            (_, Some(from)) => {
                let key_ref = |kind: &str,
                               map: &BTreeMap<String, BTreeMap<String, Vec<u8>>>,
                               name: &str,
                               key: &str,
                               optional: Option<bool>,
                               f: &str|
                 -> Result<Option<String>> {
                    let Some(keys) = map.get(name) else {
                        if optional == Some(true) {
                            return Ok(None);
                        }
                        return Err(PlayError::field(
                            doc,
                            f,
                            format!("{kind} {name:?} is not defined"),
                        ));
                    };
                    match keys.get(key) {
                        Some(v) => text(doc, f, v).map(Some),
                        None if optional == Some(true) => Ok(None),
                        None => Err(PlayError::field(
                            doc,
                            f,
                            format!("{kind} {name:?} has no key {key:?}"),
                        )),
                    }
                };
                if let Some(r) = &from.config_map_key_ref {
                    let f = format!("{field}.valueFrom.configMapKeyRef");
                    key_ref(
                        "ConfigMap",
                        &sources.config_maps,
                        &r.name,
                        &r.key,
                        r.optional,
                        &f,
                    )?
                } else if let Some(r) = &from.secret_key_ref {
                    let f = format!("{field}.valueFrom.secretKeyRef");
                    key_ref("Secret", &sources.secrets, &r.name, &r.key, r.optional, &f)?
                } else if let Some(r) = &from.field_ref {
                    match r.field_path.as_str() {
                        "metadata.name" => Some(pod_name.to_string()),
                        "metadata.namespace" => Some("default".to_string()),
                        other => {
                            return Err(PlayError::field(
                                doc,
                                format!("{field}.valueFrom.fieldRef.fieldPath"),
                                format!("{other:?} is not supported (metadata.name and metadata.namespace are)"),
                            ))
                        }
                    }
                } else {
                    return Err(PlayError::field(
                        doc,
                        format!("{field}.valueFrom"),
                        "not supported (configMapKeyRef, secretKeyRef and fieldRef are)",
                    ));
                }
            }
            (Some(v), None) => Some(expand(v, &vars)),
            (None, None) => Some(String::new()),
        };
        if let Some(v) = value {
            set(&mut vars, e.name.clone(), v);
        }
    }
    Ok(vars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{ConfigMapKeySelector, EnvVar, EnvVarSource};

    fn vars(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn dollar_parens_expand_as_kubernetes_does() {
        let v = vars(&[("A", "1"), ("B", "two")]);
        assert_eq!(expand("$(A)-$(B)", &v), "1-two");
        assert_eq!(expand("$(NOPE) stays", &v), "$(NOPE) stays");
        assert_eq!(expand("$$(A) is escaped", &v), "$(A) is escaped");
        assert_eq!(expand("$HOME and $(A", &v), "$HOME and $(A");
    }

    #[test]
    fn a_config_map_key_that_is_missing_names_the_field() {
        let mut s = Sources::default();
        s.config_maps
            .insert("cfg".into(), [("k".to_string(), b"v".to_vec())].into());
        let ctr = Container {
            name: "a".into(),
            env: Some(vec![
                EnvVar {
                    name: "GOOD".into(),
                    value_from: Some(EnvVarSource {
                        config_map_key_ref: Some(ConfigMapKeySelector {
                            name: "cfg".into(),
                            key: "k".into(),
                            optional: None,
                        }),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                EnvVar {
                    name: "X".into(),
                    value: Some("<$(GOOD)>".into()),
                    ..Default::default()
                },
            ]),
            ..Default::default()
        };
        let env = resolve("Pod \"p\"", "spec.containers[0]", &ctr, &s, "p").unwrap();
        assert_eq!(env, vars(&[("GOOD", "v"), ("X", "<v>")]));
        let mut bad = ctr.clone();
        if let Some(r) = bad.env.as_mut().unwrap()[0]
            .value_from
            .as_mut()
            .unwrap()
            .config_map_key_ref
            .as_mut()
        {
            r.key = "missing".into();
        }
        let e = resolve("Pod \"p\"", "spec.containers[0]", &bad, &s, "p").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Pod \"p\": spec.containers[0].env[0].valueFrom.configMapKeyRef: ConfigMap \"cfg\" \
             has no key \"missing\""
        );
    }
}
