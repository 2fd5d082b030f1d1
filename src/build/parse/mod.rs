//! The Containerfile front end: physical lines joined into instructions (the escape
//! directive, continuations, comments), each instruction parsed into its form. Values are
//! kept as written; variables are expanded when the build reaches them ([`expand`]),
//! because ARG values change along the file.

pub mod expand;
mod instr;
#[cfg(test)]
mod tests;

pub use instr::{Command, CopyArgs, Health, Instruction};

/// A syntax error, naming the file and the instruction's first line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct SyntaxError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

/// One instruction as written: where it starts, its text on one line, what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub line: usize,
    /// The instruction with continuations joined, as podman's STEP lines show it.
    pub text: String,
    pub instr: Instruction,
}

/// Parses a whole Containerfile; `file` names it in errors.
pub fn parse(source: &str, file: &str) -> Result<Vec<Step>, SyntaxError> {
    let escape = escape_directive(source);
    let mut steps = Vec::new();
    for (line, text) in logical_lines(source, escape) {
        let err = |reason: String| SyntaxError {
            file: file.to_string(),
            line,
            reason,
        };
        let instr = instr::parse_instruction(&text, escape).map_err(err)?;
        steps.push(Step { line, text, instr });
    }
    Ok(steps)
}

/// `# escape=X` among the leading comments (parser directives); `\` otherwise.
fn escape_directive(source: &str) -> char {
    for l in source.lines() {
        let t = l.trim();
        let Some(c) = t.strip_prefix('#') else {
            break;
        };
        let Some((k, v)) = c.split_once('=') else {
            break;
        };
        if k.trim().eq_ignore_ascii_case("escape") {
            match v.trim() {
                "`" => return '`',
                _ => return '\\',
            }
        }
    }
    '\\'
}

/// Instructions with their first line number: comment and blank lines dropped, a line
/// ending in the escape character joined with the next (comments inside are skipped).
fn logical_lines(source: &str, escape: char) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, raw) in source.lines().enumerate() {
        let t = raw.trim_start();
        if t.starts_with('#') || (t.trim().is_empty() && cur.is_none()) {
            continue;
        }
        if t.trim().is_empty() {
            continue;
        }
        let trimmed = raw.trim_end();
        let (body, more) = match trimmed.strip_suffix(escape) {
            // An escaped escape character is no continuation.
            Some(b) if !b.ends_with(escape) => (b, true),
            _ => (trimmed, false),
        };
        match &mut cur {
            Some((_, s)) => s.push_str(body),
            None => cur = Some((i + 1, body.trim_start().to_string())),
        }
        if !more {
            out.extend(cur.take());
        }
    }
    out.extend(cur);
    out.into_iter()
        .map(|(n, s)| (n, s.trim_end().to_string()))
        .collect()
}
