//! Go's template functions and podman's additions (json, join, lower, upper, title,
//! truncate, pad, split), with `printf` as Go's fmt formats.

mod collections;
mod compare;
mod printf;
mod strings;

use super::value::Value;
use collections::{index, slice};
use compare::{compare, eq};
pub use printf::{sprint, sprintf, sprintln};
use strings::{html, js, title, urlquery};

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
