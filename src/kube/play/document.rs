//! The YAML file as typed Kubernetes objects: each document's kind and apiVersion are read
//! from its raw value first, then the document is read into k8s-openapi's struct for it.

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, PersistentVolumeClaim, Pod, Secret};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::fields;
use super::{PlayError, Result};

/// One document of a kind `kube play` knows.
#[derive(Debug, Clone)]
pub enum Object {
    Pod(Box<Pod>),
    Deployment(Box<Deployment>),
    DaemonSet(Box<DaemonSet>),
    Job(Box<Job>),
    ConfigMap(Box<ConfigMap>),
    Secret(Box<Secret>),
    PersistentVolumeClaim(Box<PersistentVolumeClaim>),
}

/// A document, what it is called in messages (`Pod "web"`), and its object.
#[derive(Debug, Clone)]
pub struct Document {
    pub label: String,
    pub object: Object,
}

/// The documents of `text`, in order, and a warning for each field a struct had no place
/// for (a misspelt or newer field is reported, never dropped in silence). An empty
/// document (`---` alone) is skipped.
pub fn parse(text: &str) -> Result<(Vec<Document>, Vec<String>)> {
    let mut docs = Vec::new();
    let mut warnings = Vec::new();
    for (i, de) in serde_norway::Deserializer::from_str(text).enumerate() {
        let mut value =
            serde_norway::Value::deserialize(de).map_err(|e| PlayError::Yaml(e.to_string()))?;
        octal_modes(&mut value);
        if value.is_null() {
            continue;
        }
        let n = i + 1;
        let label = format!("document {n}");
        let Some(map) = value.as_mapping() else {
            return Err(PlayError::Document {
                doc: label,
                reason: "not a Kubernetes object (a YAML mapping with kind and apiVersion)".into(),
            });
        };
        let text_of = |key: &str| map.get(key).and_then(|v| v.as_str()).map(str::to_string);
        let Some(kind) = text_of("kind") else {
            return Err(PlayError::field(
                &label,
                "kind",
                "missing: every document needs a kind",
            ));
        };
        if text_of("apiVersion").is_none() {
            return Err(PlayError::field(
                &label,
                "apiVersion",
                "missing: every document needs an apiVersion",
            ));
        }
        let name = map
            .get("metadata")
            .and_then(|m| m.get("name"))
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let label = if name.is_empty() {
            format!("{kind} ({label})")
        } else {
            format!("{kind} {name:?}")
        };
        let object = match kind.as_str() {
            "Pod" => Object::Pod(typed(&label, &value, &mut warnings)?),
            "Deployment" => Object::Deployment(typed(&label, &value, &mut warnings)?),
            "DaemonSet" => Object::DaemonSet(typed(&label, &value, &mut warnings)?),
            "Job" => Object::Job(typed(&label, &value, &mut warnings)?),
            "ConfigMap" => Object::ConfigMap(typed(&label, &value, &mut warnings)?),
            "Secret" => Object::Secret(typed(&label, &value, &mut warnings)?),
            "PersistentVolumeClaim" => {
                Object::PersistentVolumeClaim(typed(&label, &value, &mut warnings)?)
            }
            // As podman: a Service or other kind beside the workloads is skipped, said.
            _ => {
                warnings.push(format!(
                    "{label}: kind {kind:?} is not supported (Pod, Deployment, DaemonSet, Job, \
                     ConfigMap, Secret, PersistentVolumeClaim are), ignored"
                ));
                continue;
            }
        };
        if name.is_empty() {
            return Err(PlayError::field(
                &label,
                "metadata.name",
                "missing: the object needs a name",
            ));
        }
        docs.push(Document { label, object });
    }
    if docs.is_empty() {
        return Err(PlayError::Empty);
    }
    Ok((docs, warnings))
}

/// `--configmap FILE`: ConfigMaps only.
pub fn config_maps(text: &str) -> Result<Vec<ConfigMap>> {
    let (docs, _) = parse(text)?;
    docs.into_iter()
        .map(|d| match d.object {
            Object::ConfigMap(c) => Ok(*c),
            _ => Err(PlayError::Document {
                doc: d.label,
                reason: "ConfigMap is the only kind --configmap takes".into(),
            }),
        })
        .collect()
}

/// File modes written as YAML 1.1 octals (`defaultMode: 0400`), as Kubernetes reads them:
/// serde_norway reads YAML 1.2, where the leading zero makes the value a string.
fn octal_modes(v: &mut serde_norway::Value) {
    use serde_norway::Value;
    match v {
        Value::Mapping(m) => {
            for (k, x) in m.iter_mut() {
                let octal = matches!(k.as_str(), Some("defaultMode" | "mode"))
                    .then(|| x.as_str())
                    .flatten()
                    .and_then(|s| s.strip_prefix('0').filter(|d| !d.is_empty()))
                    .and_then(|d| i64::from_str_radix(d, 8).ok());
                match octal {
                    Some(n) => *x = Value::Number(n.into()),
                    None => octal_modes(x),
                }
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(octal_modes),
        _ => {}
    }
}

fn typed<T: DeserializeOwned + serde::Serialize>(
    label: &str,
    value: &serde_norway::Value,
    warnings: &mut Vec<String>,
) -> Result<Box<T>> {
    let obj: T = serde_norway::from_value(value.clone()).map_err(|e| PlayError::Document {
        doc: label.to_string(),
        reason: e.to_string(),
    })?;
    let raw = serde_json::to_value(value).unwrap_or_default();
    let back = serde_json::to_value(&obj).unwrap_or_default();
    for path in fields::unknown(&raw, &back) {
        warnings.push(format!("{label}: {path}: unknown field, ignored"));
    }
    Ok(Box::new(obj))
}
