//! What config-only instructions do to the image's config (docker's field names), and the
//! history entries buildah writes for each step.

use serde_json::{json, Map, Value};

use crate::build::parse::{Command, Health};

/// The `config` object of an image config, made if missing.
pub fn section(image: &mut Value) -> &mut Map<String, Value> {
    if !image.get("config").is_some_and(Value::is_object) {
        image["config"] = json!({});
    }
    image["config"].as_object_mut().expect("an object")
}

/// The config's environment as pairs.
pub fn env(image: &Value) -> Vec<(String, String)> {
    image
        .pointer("/config/Env")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(|e| match e.split_once('=') {
                    Some((k, v)) => (k.to_string(), v.to_string()),
                    None => (e.to_string(), String::new()),
                })
                .collect()
        })
        .unwrap_or_default()
}

pub fn set_env(image: &mut Value, key: &str, value: &str) {
    let mut all = env(image);
    match all.iter_mut().find(|(k, _)| k == key) {
        Some(e) => e.1 = value.to_string(),
        None => all.push((key.to_string(), value.to_string())),
    }
    let list: Vec<String> = all.iter().map(|(k, v)| format!("{k}={v}")).collect();
    section(image).insert("Env".into(), json!(list));
}

pub fn str_field(image: &Value, key: &str) -> String {
    image
        .pointer(&format!("/config/{key}"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// A command as the config stores it: the shell form through SHELL.
pub fn argv(cmd: &Command, shell: &[String]) -> Vec<String> {
    match cmd {
        Command::Exec(v) => v.clone(),
        Command::Shell(s) => shell.iter().cloned().chain([s.clone()]).collect(),
    }
}

/// Adds `key` to an object-valued field (`ExposedPorts`, `Volumes`).
pub fn add_to_set(image: &mut Value, field: &str, key: &str) {
    let c = section(image);
    if !c.get(field).is_some_and(Value::is_object) {
        c.insert(field.into(), json!({}));
    }
    c[field][key] = json!({});
}

/// HEALTHCHECK as docker's `Healthcheck` (durations in nanoseconds).
pub fn healthcheck(h: &Health, shell: &[String]) -> Result<Value, String> {
    let test = match &h.test {
        None => return Ok(json!({"Test": ["NONE"]})),
        Some(Command::Exec(v)) => {
            let mut t = vec!["CMD".to_string()];
            t.extend(v.iter().cloned());
            t
        }
        Some(Command::Shell(s)) => {
            let _ = shell;
            vec!["CMD-SHELL".to_string(), s.clone()]
        }
    };
    let mut v = json!({ "Test": test });
    for (key, flag) in [
        ("Interval", &h.interval),
        ("Timeout", &h.timeout),
        ("StartPeriod", &h.start_period),
    ] {
        if let Some(d) = flag {
            v[key] = json!(go_duration(d)?);
        }
    }
    if let Some(r) = &h.retries {
        let n: u32 = r.parse().map_err(|_| format!("invalid retries {r:?}"))?;
        v["Retries"] = json!(n);
    }
    Ok(v)
}

/// A Go duration (`1m30s`, `500ms`) in nanoseconds.
pub fn go_duration(s: &str) -> Result<u64, String> {
    let bad = || format!("time: invalid duration {s:?}");
    let mut total = 0f64;
    let mut rest = s;
    if rest == "0" {
        return Ok(0);
    }
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        let num: f64 = rest[..n].parse().map_err(|_| bad())?;
        rest = &rest[n..];
        let u = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let mult = match &rest[..u] {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return Err(bad()),
        };
        total += num * mult;
        rest = &rest[u..];
    }
    Ok(total as u64)
}

/// Appends a history entry.
pub fn add_history(image: &mut Value, created: &str, created_by: &str, empty: bool) {
    let mut e = json!({"created": created, "created_by": created_by});
    if empty {
        e["empty_layer"] = json!(true);
    }
    if !image.get("history").is_some_and(Value::is_array) {
        image["history"] = json!([]);
    }
    image["history"].as_array_mut().expect("array").push(e);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_and_healthcheck() {
        let mut c = json!({"config": {"Env": ["PATH=/bin"]}});
        set_env(&mut c, "A", "1");
        set_env(&mut c, "PATH", "/usr/bin");
        assert_eq!(c["config"]["Env"], json!(["PATH=/usr/bin", "A=1"]));
        let h = Health {
            interval: Some("1m30s".into()),
            retries: Some("3".into()),
            test: Some(Command::Shell("true".into())),
            ..Default::default()
        };
        let v = healthcheck(&h, &[]).unwrap();
        assert_eq!(
            v,
            json!({"Test": ["CMD-SHELL", "true"], "Interval": 90_000_000_000u64, "Retries": 3})
        );
        assert_eq!(go_duration("500ms").unwrap(), 500_000_000);
        assert!(go_duration("5x").is_err());
    }
}
