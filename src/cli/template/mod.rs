//! `--format` as podman takes it: Go's text/template syntax and functions, podman's
//! `table` directive and its added functions, one engine for every command.
//!
//! What podman's report package does is done here the same way: `json` (or `{{json}}`)
//! alone asks for the command's JSON; a user's template is wrapped in `{{range .}}...{{end}}`
//! over the listed objects unless it ranges over them itself; `\t` and `\n` typed on the
//! command line become tab and newline; `table ` turns the template's spaces into column
//! breaks, adds a header row made from the fields' names, and aligns the columns as Go's
//! tabwriter with podman's settings does.
//!
//! The data is each command's JSON, converted so that templates see Go's kinds: objects
//! are structs (an unknown field is an error naming it) unless they are maps (labels,
//! networks by name: a missing key prints `<no value>`), and rows may have methods that
//! shadow fields, as podman's report types do (`.Names` of a ps row is the first name,
//! `.Label "key"` one label).

mod exec;
mod funcs;
mod parse;
mod tabwriter;
pub mod value;

use std::io::Write as _;

pub use value::{Shape, Struct, Value};

/// Where a template comes from, as podman's report.Origin: a user's template runs once per
/// listed object; a single object's (info, version) runs once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    User,
    Single,
}

/// A parsed `--format`.
#[derive(Debug, Clone)]
pub struct Format {
    tmpl: parse::Template,
    /// It began with `table `: a header row and aligned columns.
    pub table: bool,
}

/// podman's report.IsJSON: `json`, `{{json}}` or `{{json .}}`-less forms ask for the
/// command's JSON output (`{{json .}}` itself is a template).
pub fn is_json(format: &str) -> bool {
    let t = format.trim_matches(is_regex_space);
    if t == "json" {
        return true;
    }
    let Some(inner) = t.strip_prefix("{{").and_then(|t| t.strip_suffix("}}")) else {
        return false;
    };
    let inner = inner.trim_matches(is_regex_space);
    inner == "json" || inner == "json."
}

fn is_regex_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// podman's report.HasTable.
pub fn has_table(format: &str) -> bool {
    format.starts_with("table ")
}

/// A Go replacer: at each position the first of `pairs` that matches is replaced.
fn replace(s: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    'outer: while i < s.len() {
        for (from, to) in pairs {
            if s[i..].starts_with(from) {
                out.push_str(to);
                i += from.len();
                continue 'outer;
            }
        }
        let c = s[i..].chars().next().expect("in bounds");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// podman's report.NormalizeFormat: escapes typed on a command line made real; for a
/// table, spaces made column breaks; a final newline.
fn normalize(format: &str) -> String {
    let mut f = if has_table(format) {
        replace(
            format,
            &[("table ", ""), ("\\t", "\t"), (" ", "\t"), ("\\n", "\n")],
        )
    } else {
        replace(format, &[("\\t", "\t"), ("\\n", "\n")])
    };
    if !f.ends_with('\n') {
        f.push('\n');
    }
    f
}

/// podman's report.EnforceRange: a template that does not range over the list itself
/// (`{{range .}}...{{end}}`) is run for each of its objects.
fn enforce_range(format: &str) -> String {
    if ranges_over_dot(format) {
        format.to_string()
    } else {
        format!("{{{{range .}}}}{format}{{{{end -}}}}")
    }
}

fn ranges_over_dot(s: &str) -> bool {
    let ws = |s: &str| s.trim_start_matches(is_regex_space).to_string();
    let mut from = 0;
    while let Some(i) = s[from..].find("{{") {
        let at = from + i + 2;
        from = at;
        let r = ws(&s[at..]);
        let Some(r) = r.strip_prefix("range") else {
            continue;
        };
        let Some(r) = ws(r).strip_prefix('.').map(ws) else {
            continue;
        };
        let Some(r) = r.strip_prefix("}}") else {
            continue;
        };
        // An {{end}} after it.
        let mut tail = r;
        while let Some(j) = tail.find("{{") {
            let e = ws(&tail[j + 2..]);
            if let Some(e) = e.strip_prefix("end") {
                let e = ws(e);
                let e = e.strip_prefix('-').map_or(e.clone(), ws);
                if e.starts_with("}}") {
                    return true;
                }
            }
            tail = &tail[j + 2..];
        }
        return false;
    }
    false
}

impl Format {
    /// Parses a `--format` (not `json`, which the caller checks with `is_json`) for the
    /// command `name` (Go's errors name the template so).
    pub fn parse(name: &str, origin: Origin, text: &str) -> anyhow::Result<Format> {
        let table = has_table(text);
        let (normalized, plain) = if table {
            (
                format!("{{{{range .}}}}{}{{{{end -}}}}", normalize(text)),
                format!("{{{{range .}}}}{}{{{{end -}}}}", &text["table ".len()..]),
            )
        } else if origin == Origin::User {
            (enforce_range(&normalize(text)), enforce_range(text))
        } else {
            (normalize(text), text.to_string())
        };
        // As podman: the escapes made real may break a template that was fine as typed
        // (`{{printf "\n"}}`): then it is taken as typed.
        let tmpl = match parse::parse(name, &normalized) {
            Ok(t) => t,
            Err(_) => parse::parse(name, &plain).map_err(anyhow::Error::msg)?,
        };
        Ok(Format { tmpl, table })
    }

    /// Renders `data` (the list of objects; the object for `Origin::Single`), a table's
    /// header row first; `header` names a field's column. On an error the text rendered
    /// before it comes with it.
    pub fn render(
        &self,
        data: &Value,
        header: &dyn Fn(&str) -> String,
    ) -> (String, Option<anyhow::Error>) {
        let mut out = String::new();
        let mut err = None;
        if self.table {
            let one = Value::list(vec![Value::Invalid]);
            if let Err(e) = exec::execute(&self.tmpl, &one, Some(header), &mut out) {
                err = Some(anyhow::Error::msg(e));
            }
        }
        if err.is_none() {
            if let Err(e) = exec::execute(&self.tmpl, data, None, &mut out) {
                err = Some(anyhow::Error::msg(e));
            }
        }
        if self.table {
            out = tabwriter::align(&out, tabwriter::MIN_WIDTH, tabwriter::PADDING);
        }
        (out, err)
    }

    /// Renders and prints; an error comes after the text rendered before it.
    /// A listing (`ps`, `images`, `network ls`, `volume ls`): as [`Format::print`], the
    /// table's header left out with `--noheading`. What rendered before an error is printed.
    pub fn print_listing(
        &self,
        data: &Value,
        header: &dyn Fn(&str) -> String,
        noheading: bool,
    ) -> anyhow::Result<()> {
        let (out, err) = self.render(data, header);
        print!(
            "{}",
            super::output::without_header(out, self.table && noheading)
        );
        err.map_or(Ok(()), Err)
    }

    pub fn print(&self, data: &Value, header: &dyn Fn(&str) -> String) -> anyhow::Result<()> {
        let (out, err) = self.render(data, header);
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(out.as_bytes())?;
        stdout.flush()?;
        match err {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// A column's header as podman's report.Headers makes it: the field's name split at its
/// camel-case words, upper-cased, unless the command names it otherwise.
pub fn header_name(field: &str, overrides: &[(&str, &str)]) -> String {
    if let Some((_, h)) = overrides.iter().find(|(f, _)| *f == field) {
        return h.to_uppercase();
    }
    camel_split(field).join(" ").to_uppercase()
}

/// podman's camelcase.Split: "ImageID" → [Image ID], "PDFLoader" → [PDF Loader].
pub fn camel_split(s: &str) -> Vec<String> {
    let class = |c: char| {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = 0;
    for c in s.chars() {
        let k = class(c);
        match runs.last_mut() {
            Some(r) if k == last => r.push(c),
            _ => runs.push(vec![c]),
        }
        last = k;
    }
    for i in 0..runs.len().saturating_sub(1) {
        if runs[i][0].is_uppercase() && runs[i + 1][0].is_lowercase() {
            if let Some(c) = runs[i].pop() {
                runs[i + 1].insert(0, c);
            }
        }
    }
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect())
        .collect()
}

/// Go's `time.Time.String()` of an RFC 3339 time, in UTC:
/// `2024-05-01 10:00:00.123456789 +0000 UTC` (fraction trimmed of zeros).
pub fn go_time_of(t: ctl_monitor::time::Timestamp) -> String {
    let (secs, nanos) = (t.secs(), t.subsec_nanos());
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    let (y, m, d) = ctl_monitor::time::civil_from_days(days);
    let mut s = format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    );
    if nanos > 0 {
        let frac = format!("{nanos:09}");
        s.push('.');
        s.push_str(frac.trim_end_matches('0'));
    }
    s.push_str(" +0000 UTC");
    s
}

#[cfg(test)]
mod tests;
