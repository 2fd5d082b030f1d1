//! Fields ctl does not act on, found by name: what the YAML had that the typed struct
//! dropped (unknown fields), and what the struct has that `kube play` does not translate.

use serde_json::Value;

use super::{PlayError, Result};

/// Paths (`spec.containers[0].foo`) in `raw` that `typed` (the struct written back) lacks.
pub fn unknown(raw: &Value, typed: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(raw, typed, String::new(), &mut out);
    out
}

fn walk(raw: &Value, typed: &Value, at: String, out: &mut Vec<String>) {
    match (raw, typed) {
        (Value::Object(r), Value::Object(t)) => {
            for (k, v) in r {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                match t.get(k) {
                    Some(tv) => walk(v, tv, path, out),
                    // An empty value written back as absent is not a loss.
                    None if is_empty(v) => {}
                    None => out.push(path),
                }
            }
        }
        (Value::Array(r), Value::Array(t)) => {
            for (i, (rv, tv)) in r.iter().zip(t).enumerate() {
                walk(rv, tv, format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// How a field ctl does not translate is treated.
pub struct Rules<'a> {
    /// Translated.
    pub handled: &'a [&'a str],
    /// Not translated, and it changes nothing on one host: a warning.
    pub harmless: &'a [&'a str],
}

/// Every field set in `obj` (a struct written back as JSON) that `rules` does not handle:
/// a warning when harmless, else the error (the first one) for a field whose meaning ctl
/// would lose.
pub fn check(
    doc: &str,
    at: &str,
    obj: &Value,
    rules: &Rules,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let Some(map) = obj.as_object() else {
        return Ok(());
    };
    for (k, v) in map {
        if rules.handled.contains(&k.as_str()) || is_empty(v) {
            continue;
        }
        let path = format!("{at}.{k}");
        if rules.harmless.contains(&k.as_str()) {
            warnings.push(format!("{doc}: {path}: not supported, ignored"));
        } else {
            return Err(PlayError::field(doc, path, "not supported"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_the_struct_dropped_are_named_with_their_path() {
        let raw =
            json!({"spec": {"containers": [{"name": "a", "imag": "x"}], "extra": 1, "e": {}}});
        let typed = json!({"spec": {"containers": [{"name": "a"}]}});
        assert_eq!(
            unknown(&raw, &typed),
            ["spec.containers[0].imag", "spec.extra"]
        );
    }

    #[test]
    fn untranslated_fields_warn_or_refuse() {
        let rules = Rules {
            handled: &["name"],
            harmless: &["terminationMessagePath"],
        };
        let mut w = Vec::new();
        let ok = json!({"name": "a", "terminationMessagePath": "/x", "ports": []});
        check("Pod \"p\"", "spec.containers[0]", &ok, &rules, &mut w).unwrap();
        assert_eq!(
            w,
            ["Pod \"p\": spec.containers[0].terminationMessagePath: not supported, ignored"]
        );
        let bad = json!({"name": "a", "lifecycle": {"preStop": {}}});
        let e = check("Pod \"p\"", "spec.containers[0]", &bad, &rules, &mut w).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Pod \"p\": spec.containers[0].lifecycle: not supported"
        );
    }
}
