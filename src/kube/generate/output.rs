//! The generated text: podman's header, then each document (a note or a Kubernetes
//! object as YAML, keys sorted as podman's YAML writer sorts them) between `---` lines.

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod, Service};

use super::GenerateError;

/// podman's note for pods whose namespace sharing is not Kubernetes'.
pub const NAMESPACE_NOTE: &str = "
# NOTE: The namespace sharing for a pod has been modified by the user and is not the same as the
# default settings for kubernetes. This can lead to unexpected behavior when running the generated
# kube yaml in a kubernetes cluster.
";

/// podman's note for containers with volumes.
pub const VOLUMES_NOTE: &str = "
# NOTE: If you generated this yaml from an unprivileged and rootless podman container on an SELinux
# enabled system, check the podman generate kube man page for steps to follow to ensure that your pod/container
# has the right permissions to access the volumes added.
";

/// One part of the output.
#[derive(Debug, Clone)]
pub enum Document {
    Note(&'static str),
    Claim(Box<PersistentVolumeClaim>),
    Service(Box<Service>),
    Pod(Box<Pod>),
    Deployment(Box<Deployment>),
    DaemonSet(Box<DaemonSet>),
    Job(Box<Job>),
}

/// An object as YAML. Through a JSON value, whose maps are sorted, so keys come in the
/// order podman writes them.
fn yaml<T: serde::Serialize>(object: &T) -> Result<String, GenerateError> {
    let value = serde_json::to_value(object).map_err(|e| GenerateError::Yaml(e.to_string()))?;
    let text = serde_norway::to_string(&value).map_err(|e| GenerateError::Yaml(e.to_string()))?;
    Ok(text.lines().map(|l| quote_yaml11(l) + "\n").collect())
}

/// Whether a YAML 1.1 reader (Kubernetes' YAML library, PyYAML) takes this plain scalar
/// for no string: its booleans, timestamps, and numbers with `_` or `:`. serde_norway
/// writes YAML 1.2, where these are strings, unquoted.
pub fn yaml11_non_string(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
        "OFF",
    ];
    let b = s.as_bytes();
    let date = b.len() >= 8
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5].is_ascii_digit();
    let body = s.trim_start_matches(['-', '+']);
    let numeric = !body.is_empty()
        && body.as_bytes()[0].is_ascii_digit()
        && (body.contains('_') || body.contains(':'))
        && body
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'_' | b':' | b'.'));
    WORDS.contains(&s) || date || numeric
}

/// One line of serde_norway's output with its plain scalar value double-quoted when a
/// YAML 1.1 reader would take it for no string.
fn quote_yaml11(line: &str) -> String {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let (lead, rest) = match body.strip_prefix("- ") {
        Some(r) => ("- ", r),
        None => ("", body),
    };
    // A plain key (no quotes): the value is all after its `: `.
    let (key, value) = match rest.split_once(": ") {
        Some((k, v)) if !k.starts_with(['\'', '"']) => (format!("{k}: "), v),
        _ if lead.is_empty() => return line.to_string(),
        _ => (String::new(), rest),
    };
    if value.starts_with(['\'', '"', '|', '>', '[', '{']) || !yaml11_non_string(value) {
        return line.to_string();
    }
    let quoted = serde_json::to_string(value).unwrap_or_else(|_| value.to_string());
    format!("{indent}{lead}{key}{quoted}")
}

impl Document {
    pub fn text(&self) -> Result<String, GenerateError> {
        match self {
            Document::Note(n) => Ok(n.to_string()),
            Document::Claim(o) => yaml(o),
            Document::Service(o) => yaml(o),
            Document::Pod(o) => yaml(o),
            Document::Deployment(o) => yaml(o),
            Document::DaemonSet(o) => yaml(o),
            Document::Job(o) => yaml(o),
        }
    }
}

/// The whole text: header with `version`, the documents separated by `---`.
pub fn render(docs: &[Document], version: &str) -> Result<String, GenerateError> {
    let mut out = format!(
        "# Save the output of this file and use kubectl create -f to import\n\
         # it into Kubernetes.\n\
         #\n\
         # Created with ctl-{version}\n"
    );
    for (i, d) in docs.iter().enumerate() {
        if i != 0 {
            out.push_str("---\n");
        }
        out.push_str(&d.text()?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_yaml_1_1_reads_as_no_string_is_quoted() {
        for s in [
            "yes",
            "No",
            "on",
            "OFF",
            "y",
            "2026-12-05T10:53:40Z",
            "1_000",
            "1:20",
        ] {
            assert!(yaml11_non_string(s), "{s}");
        }
        for s in ["yesno", "web", "1000", "2026", "a:b", "/x:y", "8080"] {
            assert!(!yaml11_non_string(s), "{s}");
        }
        assert_eq!(
            quote_yaml11("  creationTimestamp: 2026-12-05T10:53:40Z"),
            "  creationTimestamp: \"2026-12-05T10:53:40Z\""
        );
        assert_eq!(quote_yaml11("    value: yes"), "    value: \"yes\"");
        assert_eq!(quote_yaml11("    - on"), "    - \"on\"");
        assert_eq!(quote_yaml11("  - name: on"), "  - name: \"on\"");
        assert_eq!(quote_yaml11("    value: 'yes'"), "    value: 'yes'");
        assert_eq!(quote_yaml11("  name: web"), "  name: web");
        assert_eq!(quote_yaml11("spec:"), "spec:");
    }

    #[test]
    fn env_values_read_back_as_strings() {
        let env = k8s_openapi::api::core::v1::EnvVar {
            name: "FLAG".into(),
            value: Some("yes".into()),
            ..Default::default()
        };
        let text = yaml(&env).unwrap();
        assert_eq!(text, "name: FLAG\nvalue: \"yes\"\n");
    }
}
