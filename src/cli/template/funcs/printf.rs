//! `print`, `println` and `printf`: Go's fmt.Sprint, fmt.Sprintln and fmt.Sprintf.

use std::fmt::Write as _;

use crate::cli::template::value::{go_float, Value};

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
