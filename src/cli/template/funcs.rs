//! Go's template functions and podman's additions (json, join, lower, upper, title,
//! truncate, pad, split), with `printf` as Go's fmt formats.

use std::fmt::Write as _;

use super::value::{go_float, Value};

const BUILTIN: [&str; 18] = [
    "and", "or", "not", "len", "index", "slice", "print", "printf", "println", "eq", "ne", "lt",
    "le", "gt", "ge", "html", "urlquery", "js",
];
const PODMAN: [&str; 8] = [
    "join", "json", "lower", "pad", "split", "title", "truncate", "upper",
];

pub fn exists(name: &str) -> bool {
    BUILTIN.contains(&name) || PODMAN.contains(&name)
}

type R = Result<Value, String>;

fn want(name: &str, args: &[Value], n: usize) -> Result<(), String> {
    if args.len() != n {
        return Err(format!(
            "wrong number of args for {name}: want {n} got {}",
            args.len()
        ));
    }
    Ok(())
}

fn string_arg(v: &Value) -> Result<&str, String> {
    match v {
        Value::Str(s) => Ok(s),
        Value::Invalid => Err("invalid value; expected string".into()),
        other => Err(format!(
            "wrong type for value; expected string; got {}",
            other.type_name()
        )),
    }
}

fn int_arg(v: &Value) -> Result<i64, String> {
    match v {
        Value::Int(n) => Ok(*n),
        Value::Uint(n) => i64::try_from(*n).map_err(|_| "integer overflow".to_string()),
        Value::Invalid => Err("invalid value; expected int".into()),
        other => Err(format!(
            "wrong type for value; expected int; got {}",
            other.type_name()
        )),
    }
}

/// Calls a function on evaluated arguments (`and` and `or` also have a lazy form in exec).
pub fn call(name: &str, args: &[Value]) -> R {
    match name {
        "and" => Ok(args
            .iter()
            .find(|v| !v.truth())
            .or(args.last())
            .cloned()
            .unwrap_or_default()),
        "or" => Ok(args
            .iter()
            .find(|v| v.truth())
            .or(args.last())
            .cloned()
            .unwrap_or_default()),
        "not" => {
            want(name, args, 1)?;
            Ok(Value::Bool(!args[0].truth()))
        }
        "len" => {
            want(name, args, 1)?;
            Ok(Value::Int(match &args[0] {
                Value::Str(s) => s.len() as i64,
                Value::List(l) => l.len() as i64,
                Value::Map(m) => m.len() as i64,
                Value::Nil => 0,
                other => return Err(format!("len of type {}", other.type_name())),
            }))
        }
        "index" => index(args),
        "slice" => slice(args),
        "print" => Ok(Value::Str(sprint(args))),
        "println" => Ok(Value::Str(sprintln(args))),
        "printf" => {
            let Some((f, rest)) = args.split_first() else {
                return Err("wrong number of args for printf: want at least 1 got 0".into());
            };
            Ok(Value::Str(sprintf(string_arg(f)?, rest)))
        }
        "eq" => {
            if args.len() < 2 {
                return Err("missing argument for comparison".into());
            }
            for b in &args[1..] {
                if eq(&args[0], b)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        "ne" => {
            want(name, args, 2)?;
            Ok(Value::Bool(!eq(&args[0], &args[1])?))
        }
        "lt" | "le" | "gt" | "ge" => {
            want(name, args, 2)?;
            let o = compare(&args[0], &args[1])?;
            Ok(Value::Bool(match name {
                "lt" => o.is_lt(),
                "le" => o.is_le(),
                "gt" => o.is_gt(),
                _ => o.is_ge(),
            }))
        }
        "html" => Ok(Value::Str(html(&sprint(args)))),
        "urlquery" => Ok(Value::Str(urlquery(&sprint(args)))),
        "js" => Ok(Value::Str(js(&sprint(args)))),
        "join" => {
            want(name, args, 2)?;
            let sep = string_arg(&args[1])?;
            match &args[0] {
                Value::List(l) => Ok(Value::Str(
                    l.iter()
                        .map(|v| string_arg(v).map(str::to_string))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(|_| {
                            "wrong type for value; expected []string; got []interface {}"
                                .to_string()
                        })?
                        .join(sep),
                )),
                Value::Nil => Ok(Value::Str(String::new())),
                other => Err(format!(
                    "wrong type for value; expected []string; got {}",
                    other.type_name()
                )),
            }
        }
        "json" => {
            want(name, args, 1)?;
            Ok(Value::Str(args[0].to_json()))
        }
        "lower" => {
            want(name, args, 1)?;
            Ok(Value::Str(string_arg(&args[0])?.to_lowercase()))
        }
        "upper" => {
            want(name, args, 1)?;
            Ok(Value::Str(string_arg(&args[0])?.to_uppercase()))
        }
        "title" => {
            want(name, args, 1)?;
            Ok(Value::Str(title(string_arg(&args[0])?)))
        }
        "truncate" => {
            want(name, args, 2)?;
            let s = string_arg(&args[0])?;
            let n = int_arg(&args[1])?.max(0) as usize;
            if s.len() < n {
                return Ok(Value::Str(s.to_string()));
            }
            let mut end = n.min(s.len());
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            Ok(Value::Str(s[..end].to_string()))
        }
        "pad" => {
            want(name, args, 3)?;
            let s = string_arg(&args[0])?;
            if s.is_empty() {
                return Ok(Value::Str(String::new()));
            }
            let (a, b) = (int_arg(&args[1])?.max(0), int_arg(&args[2])?.max(0));
            Ok(Value::Str(format!(
                "{}{s}{}",
                " ".repeat(a as usize),
                " ".repeat(b as usize)
            )))
        }
        "split" => {
            want(name, args, 2)?;
            let (s, sep) = (string_arg(&args[0])?, string_arg(&args[1])?);
            let parts: Vec<Value> = if sep.is_empty() {
                s.chars().map(|c| Value::Str(c.to_string())).collect()
            } else {
                s.split(sep).map(Value::from).collect()
            };
            Ok(Value::list(parts))
        }
        other => Err(format!("function \"{other}\" not defined")),
    }
}

fn index(args: &[Value]) -> R {
    let Some((mut item, keys)) = args.split_first().map(|(a, b)| (a.clone(), b)) else {
        return Err("wrong number of args for index: want at least 1 got 0".into());
    };
    for k in keys {
        item = match (&item, k) {
            (Value::List(l), k) => {
                let i = int_arg(k).map_err(|e| format!("cannot index slice/array with {e}"))?;
                l.get(usize::try_from(i).unwrap_or(usize::MAX))
                    .cloned()
                    .ok_or_else(|| format!("index out of range: {i}"))?
            }
            (Value::Str(s), k) => {
                let i = int_arg(k)?;
                s.as_bytes()
                    .get(usize::try_from(i).unwrap_or(usize::MAX))
                    .map(|b| Value::Int(i64::from(*b)))
                    .ok_or_else(|| format!("index out of range: {i}"))?
            }
            (Value::Map(m), k) => {
                let key = string_arg(k)
                    .map_err(|_| format!("value has type {}; should be string", k.type_name()))?;
                match m.get(key) {
                    Some(v) => v.clone(),
                    // The element type's zero value, as Go's index gives for a missing key.
                    None => zero_like(m.values().next()),
                }
            }
            (Value::Struct(s), Value::Str(key)) => s
                .field(key)
                .cloned()
                .ok_or_else(|| format!("can't index item of type {}", item.type_name()))?,
            (Value::Nil, Value::Str(_)) => Value::Str(String::new()),
            (Value::Nil | Value::Invalid, _) => return Err("index of untyped nil".into()),
            (other, _) => return Err(format!("can't index item of type {}", other.type_name())),
        };
    }
    Ok(item)
}

fn zero_like(v: Option<&Value>) -> Value {
    match v {
        Some(Value::Int(_)) => Value::Int(0),
        Some(Value::Uint(_)) => Value::Uint(0),
        Some(Value::Float(_)) => Value::Float(0.0),
        Some(Value::Bool(_)) => Value::Bool(false),
        Some(Value::List(_) | Value::Map(_) | Value::Struct(_) | Value::Nil) => Value::Nil,
        Some(Value::Str(_) | Value::Invalid) | None => Value::Str(String::new()),
    }
}

fn slice(args: &[Value]) -> R {
    let Some((item, idx)) = args.split_first() else {
        return Err("wrong number of args for slice: want at least 1 got 0".into());
    };
    if idx.len() > 2 {
        return Err("too many slice indexes".into());
    }
    let len = match item {
        Value::Str(s) => s.len(),
        Value::List(l) => l.len(),
        other => return Err(format!("can't slice item of type {}", other.type_name())),
    };
    let bound = |i: usize, default: usize| -> Result<usize, String> {
        match idx.get(i) {
            None => Ok(default),
            Some(v) => {
                let n = int_arg(v)?;
                usize::try_from(n)
                    .ok()
                    .filter(|n| *n <= len)
                    .ok_or_else(|| format!("index out of range: {n}"))
            }
        }
    };
    let (a, b) = (bound(0, 0)?, bound(1, len)?);
    if a > b {
        return Err(format!("invalid slice index: {a} > {b}"));
    }
    Ok(match item {
        Value::Str(s) => Value::Str(
            s.get(a..b)
                .ok_or("slice does not fall on character boundaries")?
                .to_string(),
        ),
        Value::List(l) => Value::list(l[a..b].to_vec()),
        _ => unreachable!(),
    })
}

fn basic(v: &Value) -> Option<u8> {
    Some(match v {
        Value::Bool(_) => 0,
        Value::Int(_) | Value::Uint(_) => 1,
        Value::Float(_) => 2,
        Value::Str(_) => 3,
        _ => return None,
    })
}

fn eq(a: &Value, b: &Value) -> Result<bool, String> {
    let nil = |v: &Value| matches!(v, Value::Nil | Value::Invalid);
    if nil(a) || nil(b) {
        return Ok(nil(a) && nil(b));
    }
    let (Some(ka), Some(kb)) = (basic(a), basic(b)) else {
        return Err("non-comparable type".into());
    };
    if ka != kb {
        return Err("incompatible types for comparison".into());
    }
    Ok(compare(a, b)?.is_eq())
}

fn compare(a: &Value, b: &Value) -> Result<std::cmp::Ordering, String> {
    use std::cmp::Ordering;
    Ok(match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Uint(x), Value::Uint(y)) => x.cmp(y),
        (Value::Int(x), Value::Uint(y)) => i128::from(*x).cmp(&i128::from(*y)),
        (Value::Uint(x), Value::Int(y)) => i128::from(*x).cmp(&i128::from(*y)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Value::Str(x), Value::Str(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ if basic(a).is_some() && basic(a) == basic(b) => Ordering::Equal,
        _ if basic(a).is_some() && basic(b).is_some() => {
            return Err("incompatible types for comparison".into())
        }
        _ => return Err("invalid type for comparison".into()),
    })
}

/// strings.Title: the first letter of each word upper-cased.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_sep = true;
    for c in s.chars() {
        if prev_sep {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_sep = if c.is_ascii() {
            !(c.is_ascii_alphanumeric() || c == '_')
        } else {
            c.is_whitespace()
        };
    }
    out
}

fn html(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#39;"),
            '"' => out.push_str("&#34;"),
            '\0' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn urlquery(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

fn js(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// fmt.Sprint: a space between operands when neither is a string.
pub fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 && !matches!(a, Value::Str(_)) && !matches!(args[i - 1], Value::Str(_)) {
            out.push(' ');
        }
        a.write_text(&mut out);
    }
    out
}

/// fmt.Sprintln: spaces between all operands, a newline at the end.
pub fn sprintln(args: &[Value]) -> String {
    let mut out = args
        .iter()
        .map(Value::to_text)
        .collect::<Vec<_>>()
        .join(" ");
    out.push('\n');
    out
}

#[derive(Default, Clone, Copy)]
struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

/// fmt.Sprintf for the verbs template data can meet: %v %s %q %d %b %o %x %X %c %e %f %g
/// %t %T %%, with flags, width and precision (`*` too); Go's `%!verb(type=value)` for a
/// mismatch, `%!v(MISSING)` and `%!(EXTRA ...)`.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut argi = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut s = Spec::default();
        while let Some(&f) = chars.peek() {
            match f {
                '-' => s.minus = true,
                '+' => s.plus = true,
                '#' => s.sharp = true,
                ' ' => s.space = true,
                '0' => s.zero = true,
                _ => break,
            }
            chars.next();
        }
        let number = |chars: &mut std::iter::Peekable<std::str::Chars>, argi: &mut usize| {
            if chars.peek() == Some(&'*') {
                chars.next();
                let n = args.get(*argi).and_then(|v| match v {
                    Value::Int(n) => usize::try_from(*n).ok(),
                    _ => None,
                });
                *argi += 1;
                return n;
            }
            let mut digits = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(d);
                chars.next();
            }
            digits.parse().ok()
        };
        s.width = number(&mut chars, &mut argi);
        if chars.peek() == Some(&'.') {
            chars.next();
            s.prec = Some(number(&mut chars, &mut argi).unwrap_or(0));
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(argi) else {
            let _ = write!(out, "%!{verb}(MISSING)");
            continue;
        };
        argi += 1;
        let body = format_one(verb, arg, &s);
        out.push_str(&pad(body, &s, verb));
    }
    if argi < args.len() {
        out.push_str("%!(EXTRA ");
        let extra: Vec<String> = args[argi..]
            .iter()
            .map(|a| format!("{}={}", a.type_name(), a.to_text()))
            .collect();
        out.push_str(&extra.join(", "));
        out.push(')');
    }
    out
}

fn pad(body: String, s: &Spec, verb: char) -> String {
    let Some(w) = s.width else { return body };
    let n = body.chars().count();
    if n >= w {
        return body;
    }
    let fill = w - n;
    if s.minus {
        return format!("{body}{}", " ".repeat(fill));
    }
    let numeric = matches!(
        verb,
        'd' | 'b' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G'
    );
    if s.zero && numeric {
        let (sign, digits) = match body.strip_prefix(['-', '+', ' ']) {
            Some(d) => (&body[..1], d),
            None => ("", body.as_str()),
        };
        return format!("{sign}{}{digits}", "0".repeat(fill));
    }
    format!("{}{body}", " ".repeat(fill))
}

fn bad(verb: char, v: &Value) -> String {
    format!("%!{verb}({}={})", v.type_name(), v.to_text())
}

fn sign(neg: bool, s: &Spec) -> &'static str {
    if neg {
        "-"
    } else if s.plus {
        "+"
    } else if s.space {
        " "
    } else {
        ""
    }
}

fn format_one(verb: char, v: &Value, s: &Spec) -> String {
    // Lists format element by element, as fmt does.
    if let Value::List(l) = v {
        if verb != 'T' {
            let items: Vec<String> = l.iter().map(|x| format_one(verb, x, s)).collect();
            return format!("[{}]", items.join(" "));
        }
    }
    match verb {
        'T' => v.type_name(),
        'v' => match v {
            Value::Int(n) => format!("{}{}", sign(*n < 0, s), n.unsigned_abs()),
            Value::Float(f) => {
                let body = go_float(f.abs(), 'g', s.prec);
                format!("{}{body}", sign(f.is_sign_negative(), s))
            }
            Value::Str(x) => precision(x, s),
            Value::Struct(st) if s.plus => {
                let fields: Vec<String> = st
                    .fields
                    .iter()
                    .map(|(k, x)| format!("{k}:{}", x.to_text()))
                    .collect();
                format!("{{{}}}", fields.join(" "))
            }
            other => other.to_text(),
        },
        's' => match v {
            Value::Str(x) => precision(x, s),
            Value::Map(_) | Value::Struct(_) | Value::Invalid | Value::Nil => v.to_text(),
            other => bad(verb, other),
        },
        'q' => match v {
            Value::Str(x) => quote(&precision(x, s), s.sharp),
            Value::Int(n) => match char::from_u32(*n as u32) {
                Some(c) if *n >= 0 => {
                    format!("'{}'", quote(&c.to_string(), false).trim_matches('"'))
                }
                _ => bad(verb, v),
            },
            other => bad(verb, other),
        },
        'd' => match v {
            Value::Int(n) => format!("{}{}", sign(*n < 0, s), n.unsigned_abs()),
            Value::Uint(n) => format!("{}{n}", sign(false, s)),
            other => bad(verb, other),
        },
        'b' | 'o' | 'x' | 'X' => match v {
            Value::Int(_) | Value::Uint(_) => {
                let (neg, n) = match v {
                    Value::Int(n) => (*n < 0, n.unsigned_abs()),
                    Value::Uint(n) => (false, *n),
                    _ => unreachable!(),
                };
                let (digits, prefix) = match verb {
                    'b' => (format!("{n:b}"), "0b"),
                    'o' => (format!("{n:o}"), "0"),
                    'x' => (format!("{n:x}"), "0x"),
                    _ => (format!("{n:X}"), "0X"),
                };
                format!(
                    "{}{}{digits}",
                    sign(neg, s),
                    if s.sharp { prefix } else { "" }
                )
            }
            Value::Str(x) if verb == 'x' || verb == 'X' => {
                let mut out = String::new();
                for b in precision(x, s).bytes() {
                    if verb == 'x' {
                        let _ = write!(out, "{b:02x}");
                    } else {
                        let _ = write!(out, "{b:02X}");
                    }
                }
                out
            }
            other => bad(verb, other),
        },
        'c' => match v {
            Value::Int(n) => char::from_u32(*n as u32).unwrap_or('\u{fffd}').to_string(),
            other => bad(verb, other),
        },
        'U' => match v {
            Value::Int(n) => format!("U+{:04X}", n),
            other => bad(verb, other),
        },
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => match v {
            Value::Float(f) => {
                let kind = verb.to_ascii_lowercase();
                let prec = match kind {
                    'g' => s.prec,
                    _ => Some(s.prec.unwrap_or(6)),
                };
                let body = go_float(f.abs(), kind, prec);
                let body = if verb.is_ascii_uppercase() {
                    body.to_uppercase()
                } else {
                    body
                };
                format!("{}{body}", sign(f.is_sign_negative(), s))
            }
            other => bad(verb, other),
        },
        't' => match v {
            Value::Bool(b) => b.to_string(),
            other => bad(verb, other),
        },
        _ => bad(verb, v),
    }
}

fn precision(s: &str, spec: &Spec) -> String {
    match spec.prec {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    }
}

/// strconv.Quote (or a backquoted string for `%#q` when it can be one).
fn quote(s: &str, sharp: bool) -> String {
    if sharp && !s.contains('`') && !s.chars().any(|c| c.is_control() && c != '\t') {
        return format!("`{s}`");
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Value {
        Value::from(x)
    }

    #[test]
    fn printf_formats_as_go() {
        let cases: Vec<(&str, Vec<Value>, &str)> = vec![
            ("%s-%d", vec![s("a"), Value::Int(3)], "a-3"),
            ("%-6s|", vec![s("ab")], "ab    |"),
            ("%6s|", vec![s("ab")], "    ab|"),
            ("%.2s", vec![s("abcdef")], "ab"),
            ("%05d", vec![Value::Int(-42)], "-0042"),
            (
                "%x %X %#x",
                vec![Value::Int(255), Value::Int(255), Value::Int(255)],
                "ff FF 0xff",
            ),
            ("%q", vec![s("a\"b")], "\"a\\\"b\""),
            ("%v", vec![Value::strings(&["a", "b"])], "[a b]"),
            ("%s", vec![Value::strings(&["a", "b"])], "[a b]"),
            ("%d", vec![s("x")], "%!d(string=x)"),
            ("%s", vec![Value::Int(5)], "%!s(int=5)"),
            ("%s %s", vec![s("a")], "a %!s(MISSING)"),
            ("%s", vec![s("a"), Value::Int(1)], "a%!(EXTRA int=1)"),
            (
                "%.2f %e %g",
                vec![
                    Value::Float(1.23456),
                    Value::Float(1234.5),
                    Value::Float(0.5),
                ],
                "1.23 1.234500e+03 0.5",
            ),
            ("%t %%", vec![Value::Bool(true)], "true %"),
            ("%*d", vec![Value::Int(4), Value::Int(7)], "   7"),
            ("%c", vec![Value::Int('é' as i64)], "é"),
            ("%+d", vec![Value::Int(3)], "+3"),
            ("%T", vec![s("x")], "string"),
        ];
        for (f, args, want) in cases {
            assert_eq!(sprintf(f, &args), want, "{f}");
        }
    }

    #[test]
    fn print_and_println_space_as_go() {
        assert_eq!(sprint(&[s("a"), s("b")]), "ab");
        assert_eq!(sprint(&[Value::Int(1), Value::Int(2)]), "1 2");
        assert_eq!(sprint(&[s("a"), Value::Int(2)]), "a2");
        assert_eq!(sprintln(&[s("a"), s("b")]), "a b\n");
    }

    #[test]
    fn podman_functions() {
        let call = |n: &str, a: &[Value]| call(n, a).unwrap().to_text();
        assert_eq!(call("join", &[Value::strings(&["a", "b"]), s(",")]), "a,b");
        assert_eq!(call("lower", &[s("AbC")]), "abc");
        assert_eq!(call("upper", &[s("AbC")]), "ABC");
        assert_eq!(
            call("title", &[s("hello wide-world foo_bar")]),
            "Hello Wide-World Foo_bar"
        );
        assert_eq!(call("truncate", &[s("abcdef"), Value::Int(3)]), "abc");
        assert_eq!(call("truncate", &[s("ab"), Value::Int(3)]), "ab");
        assert_eq!(call("truncate", &[s("ééé"), Value::Int(3)]), "é");
        assert_eq!(call("pad", &[s("a"), Value::Int(1), Value::Int(2)]), " a  ");
        assert_eq!(call("pad", &[s(""), Value::Int(1), Value::Int(2)]), "");
        assert_eq!(call("split", &[s("a,b"), s(",")]), "[a b]");
        assert_eq!(call("json", &[Value::strings(&["<a>"])]), r#"["<a>"]"#);
        assert!(super::call("join", &[s("a"), s(",")]).is_err());
        assert!(super::call("upper", &[Value::Int(1)]).is_err());
    }

    #[test]
    fn comparisons_follow_go() {
        let call = |n: &str, a: &[Value]| super::call(n, a);
        assert_eq!(
            call("eq", &[s("a"), s("b"), s("a")]).unwrap().to_text(),
            "true"
        );
        assert_eq!(
            call("lt", &[Value::Int(1), Value::Uint(2)])
                .unwrap()
                .to_text(),
            "true"
        );
        assert!(call("eq", &[s("a"), Value::Int(1)]).is_err());
        assert!(call("eq", &[Value::strings(&["a"]), Value::strings(&["a"])]).is_err());
        assert_eq!(
            call("eq", &[Value::Nil, Value::Invalid]).unwrap().to_text(),
            "true"
        );
        assert_eq!(call("len", &[s("héllo")]).unwrap().to_text(), "6");
        assert_eq!(
            call("index", &[Value::strings(&["a", "b"]), Value::Int(1)])
                .unwrap()
                .to_text(),
            "b"
        );
        assert!(call("index", &[Value::strings(&["a"]), Value::Int(3)]).is_err());
        assert_eq!(
            call("slice", &[s("abcd"), Value::Int(1), Value::Int(3)])
                .unwrap()
                .to_text(),
            "bc"
        );
    }
}
