//! `index` and `slice`: Go's element and sub-slice access on lists, strings, maps and
//! structs.

use super::{int_arg, string_arg, R};
use crate::cli::template::value::Value;

pub(super) fn index(args: &[Value]) -> R {
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

pub(super) fn slice(args: &[Value]) -> R {
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
