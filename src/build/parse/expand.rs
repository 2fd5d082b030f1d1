//! Words and variables as Docker's shell-word rules read them: quotes, the escape
//! character, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alternative}` (and the forms
//! without the colon, where only an unset variable counts as empty).

/// Finds a variable's value (ARG and ENV in scope).
pub type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Splits on blanks outside quotes; quotes and escapes are kept for [`word`].
pub fn split_words(s: &str, escape: char) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (_, c) if c == escape && quote != Some('\'') => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            (None, '"' | '\'') => {
                quote = Some(c);
                cur.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                cur.push(c);
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if let Some(q) = quote {
        return Err(format!(
            "unexpected end of statement while looking for matching {q}"
        ));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// One word: quotes removed, escapes applied, variables expanded (not inside '...').
pub fn word(s: &str, escape: char, vars: Lookup) -> Result<String, String> {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        match (quote, c) {
            (Some('\''), '\'') | (Some('"'), '"') => quote = None,
            (Some('\''), c) => out.push(c),
            (None, '\'' | '"') => quote = Some(c),
            (_, c) if c == escape => {
                i += 1;
                if let Some(&n) = cs.get(i) {
                    // Inside double quotes only the quote, the escape and $ are escaped.
                    if quote == Some('"') && !matches!(n, '"' | '$') && n != escape {
                        out.push(c);
                    }
                    out.push(n);
                }
            }
            (_, '$') => {
                let (value, used) = variable(&cs[i + 1..], escape, vars)?;
                out.push_str(&value);
                i += used;
            }
            (_, c) => out.push(c),
        }
        i += 1;
    }
    if let Some(q) = quote {
        return Err(format!(
            "unexpected end of statement while looking for matching {q}"
        ));
    }
    Ok(out)
}

/// Words of a whole argument string, each expanded.
pub fn words(s: &str, escape: char, vars: Lookup) -> Result<Vec<String>, String> {
    split_words(s, escape)?
        .iter()
        .map(|w| word(w, escape, vars))
        .collect()
}

/// ENV and LABEL: `k=v k2="v 2"`, or the old `k value with blanks`.
pub fn pairs(
    s: &str,
    escape: char,
    keyword: &str,
    vars: Lookup,
) -> Result<Vec<(String, String)>, String> {
    let raw = split_words(s, escape)?;
    if raw.is_empty() {
        return Err(format!("{keyword} requires at least one argument"));
    }
    if !raw[0].contains('=') {
        let rest = s.trim_start()[raw[0].len()..].trim();
        if rest.is_empty() {
            return Err(format!("{keyword} must have two arguments"));
        }
        return Ok(vec![(
            word(&raw[0], escape, vars)?,
            word(rest, escape, vars)?,
        )]);
    }
    raw.iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((word(k, escape, vars)?, word(v, escape, vars)?)),
            _ => Err(format!(
                "Syntax error - can't find = in {w:?}. Must be of the form: name=value"
            )),
        })
        .collect()
}

/// After a `$`: the value and how many characters the reference took.
fn variable(cs: &[char], escape: char, vars: Lookup) -> Result<(String, usize), String> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    if cs.first() == Some(&'{') {
        let Some(end) = close_brace(cs) else {
            return Err("missing '}' in variable reference".into());
        };
        let inner: String = cs[1..end].iter().collect();
        let name_len = inner.chars().take_while(|c| is_name(*c)).count();
        let (name, op) = inner.split_at(name_len);
        if name.is_empty() {
            return Err(format!("bad substitution: ${{{inner}}}"));
        }
        let value = vars(name);
        let out = match op {
            "" => value.unwrap_or_default(),
            _ => {
                let (colon, rest) = match op.strip_prefix(':') {
                    Some(r) => (true, r),
                    None => (false, op),
                };
                let set = match colon {
                    true => value.as_deref().is_some_and(|v| !v.is_empty()),
                    false => value.is_some(),
                };
                match rest.chars().next() {
                    Some('-') if set => value.unwrap_or_default(),
                    Some('-') => word(&rest[1..], escape, vars)?,
                    Some('+') if set => word(&rest[1..], escape, vars)?,
                    Some('+') => String::new(),
                    _ => return Err(format!("unsupported modifier ({op}) in substitution")),
                }
            }
        };
        return Ok((out, end + 1));
    }
    let n = cs.iter().take_while(|c| is_name(**c)).count();
    if n == 0 {
        return Ok(("$".into(), 0));
    }
    let name: String = cs[..n].iter().collect();
    Ok((vars(&name).unwrap_or_default(), n))
}

fn close_brace(cs: &[char]) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in cs.iter().enumerate() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}
