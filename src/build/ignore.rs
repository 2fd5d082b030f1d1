//! `.containerignore` / `.dockerignore` and COPY's globs, as Docker matches them: `*` and
//! `?` within one path element, `**` across elements, `[...]` classes, `!` re-includes;
//! the last pattern that matches a path or one of its parents decides.

use std::path::Path;

use regex::Regex;

/// The context's ignore rules (none: nothing ignored).
#[derive(Debug, Default)]
pub struct Ignore {
    rules: Vec<(Regex, bool)>,
}

impl Ignore {
    /// `.containerignore` in the context, else `.dockerignore`.
    pub fn load(context: &Path) -> std::io::Result<Ignore> {
        for name in [".containerignore", ".dockerignore"] {
            match std::fs::read_to_string(context.join(name)) {
                Ok(text) => return Ok(Ignore::parse(&text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Ignore::default())
    }

    pub fn parse(text: &str) -> Ignore {
        let mut rules = Vec::new();
        for line in text.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let (negated, p) = match l.strip_prefix('!') {
                Some(p) => (true, p.trim()),
                None => (false, l),
            };
            let p = clean(p);
            if p.is_empty() {
                continue;
            }
            if let Some(re) = glob_regex(&p) {
                rules.push((re, negated));
            }
        }
        Ignore { rules }
    }

    /// Whether `rel` (a path relative to the context, `/`-separated) is left out.
    pub fn excluded(&self, rel: &str) -> bool {
        let rel = clean(rel);
        let parts: Vec<&str> = rel.split('/').collect();
        let mut out = false;
        for (re, negated) in &self.rules {
            let hit = (1..=parts.len()).any(|n| re.is_match(&parts[..n].join("/")));
            if hit {
                out = !negated;
            }
        }
        out
    }
}

/// A path pattern lexically cleaned: no leading `/` or `./`, no empty or `.` elements.
pub fn clean(p: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            x => out.push(x),
        }
    }
    out.join("/")
}

pub fn has_glob(p: &str) -> bool {
    p.contains(['*', '?', '['])
}

/// The regex matching what the glob matches, whole paths only (None: a bad class).
pub fn glob_regex(glob: &str) -> Option<Regex> {
    let mut re = String::from("^");
    let cs: Vec<char> = glob.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        match cs[i] {
            '*' if cs.get(i + 1) == Some(&'*') => {
                i += 1;
                if cs.get(i + 1) == Some(&'/') {
                    i += 1;
                    re.push_str("(?:.*/)?");
                } else {
                    re.push_str(".*");
                }
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            '[' => {
                let end = cs[i..].iter().position(|c| *c == ']')? + i;
                let mut class: String = cs[i + 1..end].iter().collect();
                if let Some(r) = class.strip_prefix(['!', '^']) {
                    class = format!("^{r}");
                }
                re.push('[');
                re.push_str(&class.replace('\\', "\\\\"));
                re.push(']');
                i = end;
            }
            '\\' if i + 1 < cs.len() => {
                i += 1;
                re.push_str(&regex::escape(&cs[i].to_string()));
            }
            c => re.push_str(&regex::escape(&c.to_string())),
        }
        i += 1;
    }
    re.push('$');
    Regex::new(&re).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_s_pattern_rules() {
        let i = Ignore::parse("# c\n*.log\n!keep.log\nsecret/\n**/tmp\n/build/*.o\n");
        assert!(i.excluded("a.log"));
        assert!(!i.excluded("keep.log"));
        assert!(!i.excluded("d/a.log"), "* stays in one element");
        assert!(i.excluded("secret/x/y"), "a parent matches");
        assert!(i.excluded("tmp") && i.excluded("a/b/tmp/f"));
        assert!(i.excluded("build/x.o") && !i.excluded("build/sub/x.o"));
        assert!(!i.excluded("src/main.c"));
        let last = Ignore::parse("!a\na\n");
        assert!(last.excluded("a"));
    }

    #[test]
    fn globs() {
        let g = glob_regex("src/*.[ch]").unwrap();
        assert!(g.is_match("src/a.c") && g.is_match("src/b.h"));
        assert!(!g.is_match("src/d/a.c") && !g.is_match("src/a.o"));
        assert!(glob_regex("f?le").unwrap().is_match("file"));
        assert!(glob_regex("[!a]x").unwrap().is_match("bx"));
        assert_eq!(clean("./a//b/./c/"), "a/b/c");
    }
}
