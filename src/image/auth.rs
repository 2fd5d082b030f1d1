//! Registry credentials in the containers-auth.json / docker config.json format:
//! `{"auths": {"registry": {"auth": base64("user:password")}}}`.

use std::path::{Path, PathBuf};

use base64::Engine;
use serde_json::{json, Map, Value};

use crate::error::{Error, IoContext, Result};
use crate::fsutil::{atomic_write, create_private_dir};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

/// docker writes Docker Hub's credentials under its old index URL.
fn keys_for(registry: &str) -> Vec<String> {
    let mut keys = vec![
        registry.to_string(),
        format!("https://{registry}"),
        format!("http://{registry}"),
    ];
    if registry == "docker.io" {
        keys.push("https://index.docker.io/v1/".to_string());
        keys.push("index.docker.io".to_string());
    }
    keys
}

fn read_json(path: &Path) -> Result<Option<Value>> {
    match std::fs::read(path) {
        Ok(data) => serde_json::from_slice(&data)
            .map(Some)
            .map_err(|e| Error::Config {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

fn decode(entry: &Value) -> Option<Credentials> {
    let auth = entry.get("auth")?.as_str()?;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(auth.trim())
        .ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (u, p) = text.split_once(':')?;
    Some(Credentials {
        username: u.to_string(),
        password: p.to_string(),
    })
}

/// Credentials for `registry` from the first file that has them.
pub fn lookup(files: &[PathBuf], registry: &str) -> Result<Option<Credentials>> {
    for f in files {
        let Some(v) = read_json(f)? else { continue };
        let Some(auths) = v.get("auths").and_then(Value::as_object) else {
            continue;
        };
        for k in keys_for(registry) {
            if let Some(c) = auths.get(&k).and_then(decode) {
                return Ok(Some(c));
            }
        }
    }
    Ok(None)
}

/// Saves credentials, keeping everything else in the file.
pub fn store(file: &Path, registry: &str, creds: &Credentials) -> Result<()> {
    let mut root = read_json(file)?.unwrap_or_else(|| json!({}));
    let obj = root.as_object_mut().ok_or_else(|| Error::Config {
        path: file.to_path_buf(),
        reason: "not a JSON object".into(),
    })?;
    let auths = obj
        .entry("auths")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(auths) = auths.as_object_mut() else {
        return Err(Error::Config {
            path: file.to_path_buf(),
            reason: "\"auths\" is not an object".into(),
        });
    };
    let token = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", creds.username, creds.password));
    auths.insert(registry.to_string(), json!({ "auth": token }));
    write(file, &root)
}

/// Removes the registry's credentials; returns whether there were any.
pub fn remove(file: &Path, registry: &str) -> Result<bool> {
    let Some(mut root) = read_json(file)? else {
        return Ok(false);
    };
    let mut removed = false;
    if let Some(auths) = root.get_mut("auths").and_then(Value::as_object_mut) {
        for k in keys_for(registry) {
            removed |= auths.remove(&k).is_some();
        }
    }
    if removed {
        write(file, &root)?;
    }
    Ok(removed)
}

fn write(file: &Path, root: &Value) -> Result<()> {
    if let Some(dir) = file.parent() {
        create_private_dir(dir)?;
    }
    let data = serde_json::to_vec_pretty(root).expect("json value serializes");
    atomic_write(file, &data)?;
    // atomic_write creates 0600 already; say so explicitly for files that existed before.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)).at(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_lookup_remove_round_trip() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("sub/auth.json");
        let c = Credentials {
            username: "u".into(),
            password: "p:w".into(),
        };
        store(&f, "r:5000", &c).unwrap();
        assert_eq!(lookup(std::slice::from_ref(&f), "r:5000").unwrap(), Some(c));
        assert_eq!(lookup(std::slice::from_ref(&f), "other").unwrap(), None);
        assert!(remove(&f, "r:5000").unwrap());
        assert!(!remove(&f, "r:5000").unwrap());
        assert_eq!(lookup(&[f], "r:5000").unwrap(), None);
    }

    #[test]
    fn reads_docker_hub_keys_from_docker_config() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("config.json");
        std::fs::write(
            &f,
            r#"{"auths":{"https://index.docker.io/v1/":{"auth":"YTpi"}}}"#,
        )
        .unwrap();
        let c = lookup(&[d.path().join("missing.json"), f], "docker.io")
            .unwrap()
            .unwrap();
        assert_eq!((c.username.as_str(), c.password.as_str()), ("a", "b"));
    }
}
