//! `--format` templates in the Go-template style docker and podman take:
//! `{{.ID}} {{.Names}}`, `table {{.ID}}\t{{.Status}}`, `{{json .}}`, `{{json .Labels}}`.

use anyhow::{bail, Result};
use serde_json::Value;

/// A parsed template: literal text and field references.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub table: bool,
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Text(String),
    Field { name: String, json: bool },
    Whole,
}

impl Template {
    pub fn parse(input: &str) -> Result<Template> {
        let (table, body) = match input.strip_prefix("table") {
            Some(rest) if rest.is_empty() || rest.starts_with(char::is_whitespace) => {
                (true, rest.trim_start())
            }
            _ => (false, input),
        };
        let body = body.replace("\\t", "\t").replace("\\n", "\n");
        let mut parts = Vec::new();
        let mut rest = body.as_str();
        while let Some(start) = rest.find("{{") {
            if start > 0 {
                parts.push(Part::Text(rest[..start].to_string()));
            }
            let Some(end) = rest[start..].find("}}") else {
                bail!("invalid format \"{input}\": unclosed {{{{");
            };
            let inner = rest[start + 2..start + end].trim();
            let (json, expr) = match inner.strip_prefix("json ") {
                Some(e) => (true, e.trim()),
                None => (false, inner),
            };
            if expr == "." {
                parts.push(Part::Whole);
            } else if let Some(name) = expr.strip_prefix('.') {
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
                    bail!("invalid format \"{input}\": bad field \"{expr}\"");
                }
                parts.push(Part::Field {
                    name: name.to_string(),
                    json,
                });
            } else {
                bail!("invalid format \"{input}\": unsupported expression \"{inner}\"");
            }
            rest = &rest[start + end + 2..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(Template { table, parts })
    }

    /// Renders one object. Fields are looked up by name (dots walk into objects).
    pub fn render(&self, obj: &Value) -> Result<String> {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Whole => out.push_str(&obj.to_string()),
                Part::Field { name, json } => {
                    let v = lookup(obj, name)
                        .ok_or_else(|| anyhow::anyhow!("template: no field \"{name}\""))?;
                    if *json {
                        out.push_str(&v.to_string());
                    } else {
                        out.push_str(&plain(v));
                    }
                }
            }
        }
        Ok(out)
    }

    /// The header row for `table` templates: each field's header name.
    pub fn header(&self, name_of: impl Fn(&str) -> String) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Whole => out.push_str("JSON"),
                Part::Field { name, .. } => out.push_str(&name_of(name)),
            }
        }
        out
    }
}

fn lookup<'a>(obj: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(obj, |v, key| v.get(key))
}

/// Go's default printing: strings bare, lists space-separated in brackets, maps as map[k:v].
fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "<nil>".into(),
        Value::Array(a) => format!("[{}]", a.iter().map(plain).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => format!(
            "map[{}]",
            m.iter()
                .map(|(k, v)| format!("{k}:{}", plain(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        other => other.to_string(),
    }
}

/// Lays out tab-separated rows in aligned columns (as Go's tabwriter does for `table`).
pub fn align_tabs(lines: &[String]) -> String {
    let rows: Vec<Vec<&str>> = lines.iter().map(|l| l.split('\t').collect()).collect();
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; ncols];
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let mut out = String::new();
    for r in &rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < r.len() {
                let pad = widths[i] - c.chars().count() + 3;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_and_text_render() {
        let t = Template::parse("{{.ID}} {{.Names}} {{.Status}}").unwrap();
        let v = json!({"ID": "abc", "Names": "web", "Status": "Up 2 seconds"});
        assert_eq!(t.render(&v).unwrap(), "abc web Up 2 seconds");
        assert!(!t.table);
    }

    #[test]
    fn table_prefix_and_tabs() {
        let t = Template::parse("table {{.ID}}\\t{{.Names}}").unwrap();
        assert!(t.table);
        assert_eq!(t.header(|n| n.to_uppercase()), "ID\tNAMES");
        let out = align_tabs(&["ID\tNAMES".into(), "abcdef\tweb".into()]);
        assert_eq!(out, "ID       NAMES\nabcdef   web\n");
    }

    #[test]
    fn json_and_nested_fields() {
        let v = json!({"Labels": {"a": "b"}, "State": {"Pid": 7}});
        assert_eq!(
            Template::parse("{{json .Labels}}")
                .unwrap()
                .render(&v)
                .unwrap(),
            r#"{"a":"b"}"#
        );
        assert_eq!(
            Template::parse("{{.State.Pid}}")
                .unwrap()
                .render(&v)
                .unwrap(),
            "7"
        );
        assert_eq!(
            Template::parse("{{.Labels}}").unwrap().render(&v).unwrap(),
            "map[a:b]"
        );
    }

    #[test]
    fn bad_templates_are_errors() {
        assert!(Template::parse("{{.ID").is_err());
        assert!(Template::parse("{{range .}}").is_err());
        let t = Template::parse("{{.Nope}}").unwrap();
        assert!(t.render(&json!({})).is_err());
    }
}
