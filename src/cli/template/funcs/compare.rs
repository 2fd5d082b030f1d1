//! `eq`, `ne`, `lt`, `le`, `gt`, `ge`: Go's comparison of basic kinds.

use crate::cli::template::value::Value;

fn basic(v: &Value) -> Option<u8> {
    Some(match v {
        Value::Bool(_) => 0,
        Value::Int(_) | Value::Uint(_) => 1,
        Value::Float(_) => 2,
        Value::Str(_) => 3,
        _ => return None,
    })
}

pub(super) fn eq(a: &Value, b: &Value) -> Result<bool, String> {
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

pub(super) fn compare(a: &Value, b: &Value) -> Result<std::cmp::Ordering, String> {
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
