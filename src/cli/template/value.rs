//! The values templates see: Go's kinds as far as JSON data has them, with structs (field
//! names fixed, an unknown one is an error) told apart from maps (any key, a missing one is
//! `<no value>`), and methods that shadow fields as Go's do (`.Names` of a ps row is its
//! first name, `.Label "k"` takes an argument).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::rc::Rc;

/// A method's body: the arguments given, the result or an error message.
pub type MethodFn = Rc<dyn Fn(&[Value]) -> Result<Value, String>>;

#[derive(Clone)]
pub enum Method {
    /// A method without arguments: its result, computed beforehand.
    Value(Value),
    /// A method with arguments.
    Func(usize, MethodFn),
}

/// A Go struct: fields in order (its JSON), and the methods templates may call on it.
#[derive(Clone, Default)]
pub struct Struct {
    /// Go's type name, for error messages.
    pub type_name: String,
    pub fields: Vec<(String, Value)>,
    pub methods: Vec<(String, Method)>,
}

#[derive(Clone, Default)]
pub enum Value {
    /// Go's invalid value: what a missing map key gives; prints `<no value>`.
    #[default]
    Invalid,
    /// JSON's null: Go's nil pointer, slice or map.
    Nil,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(String),
    List(Rc<Vec<Value>>),
    Map(Rc<BTreeMap<String, Value>>),
    Struct(Rc<Struct>),
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.to_json())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(s)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<Vec<Value>> for Value {
    fn from(v: Vec<Value>) -> Value {
        Value::List(Rc::new(v))
    }
}

/// Which objects of a JSON document are Go maps (labels, options, networks by name): their
/// paths, fields joined by dots, `*` for any key of a map. Every other object is a struct,
/// except one whose keys could not be Go field names ("80/tcp", "com.example.x").
#[derive(Debug, Clone, Copy, Default)]
pub struct Shape {
    pub type_name: &'static str,
    pub maps: &'static [&'static str],
}

impl Value {
    pub fn from_json(v: &serde_json::Value, shape: &Shape) -> Value {
        convert(v, shape, "")
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(items))
    }

    #[cfg(test)]
    pub fn strings<S: AsRef<str>>(items: &[S]) -> Value {
        Value::list(items.iter().map(|s| Value::from(s.as_ref())).collect())
    }

    pub fn map(m: BTreeMap<String, Value>) -> Value {
        Value::Map(Rc::new(m))
    }

    /// Go's type name, as errors and `%!v(TYPE=...)` show it.
    pub fn type_name(&self) -> String {
        match self {
            Value::Invalid => "<no value>".into(),
            Value::Nil => "<nil>".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Uint(_) => "uint".into(),
            Value::Float(_) => "float64".into(),
            Value::Str(_) => "string".into(),
            Value::List(_) => "[]interface {}".into(),
            Value::Map(_) => "map[string]interface {}".into(),
            Value::Struct(s) if s.type_name.is_empty() => "struct".into(),
            Value::Struct(s) => s.type_name.clone(),
        }
    }

    /// Go's truth: false, 0, "", nil and empty lists and maps are false; structs are true.
    pub fn truth(&self) -> bool {
        match self {
            Value::Invalid | Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(n) => *n != 0,
            Value::Uint(n) => *n != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Map(m) => !m.is_empty(),
            Value::Struct(_) => true,
        }
    }

    /// As `fmt.Sprint` prints one value (`%v`).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write_text(&mut out);
        out
    }

    pub fn write_text(&self, out: &mut String) {
        match self {
            Value::Invalid => out.push_str("<no value>"),
            Value::Nil => out.push_str("<nil>"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Uint(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Float(f) => out.push_str(&go_float(*f, 'g', None)),
            Value::Str(s) => out.push_str(s),
            Value::List(l) => {
                out.push('[');
                for (i, v) in l.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    v.write_text(out);
                }
                out.push(']');
            }
            Value::Map(m) => {
                out.push_str("map[");
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(k);
                    out.push(':');
                    v.write_text(out);
                }
                out.push(']');
            }
            Value::Struct(s) => {
                out.push('{');
                for (i, (_, v)) in s.fields.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    v.write_text(out);
                }
                out.push('}');
            }
        }
    }

    /// As Go's encoding/json writes it, compact, HTML characters left alone (podman's
    /// `json` function).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match self {
            Value::Invalid | Value::Nil => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Uint(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Float(f) => out.push_str(&json_float(*f)),
            Value::Str(s) => json_string(s, out),
            Value::List(l) => {
                out.push('[');
                for (i, v) in l.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write_json(out);
                }
                out.push(']');
            }
            Value::Map(m) => {
                out.push('{');
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_string(k, out);
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
            Value::Struct(s) => {
                out.push('{');
                for (i, (k, v)) in s.fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_string(k, out);
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

impl Struct {
    /// A struct of a JSON object's fields (each converted with `shape`).
    pub fn from_json(v: &serde_json::Value, shape: &Shape) -> Struct {
        match Value::from_json(v, shape) {
            Value::Struct(s) => Rc::unwrap_or_clone(s),
            other => Struct {
                type_name: shape.type_name.to_string(),
                fields: vec![("Value".into(), other)],
                methods: Vec::new(),
            },
        }
    }

    /// Adds a method without arguments (it shadows a field of that name, as in Go).
    pub fn method(&mut self, name: &str, v: impl Into<Value>) -> &mut Struct {
        self.methods
            .push((name.to_string(), Method::Value(v.into())));
        self
    }

    /// Adds a method taking `arity` arguments.
    pub fn method_fn(
        &mut self,
        name: &str,
        arity: usize,
        f: impl Fn(&[Value]) -> Result<Value, String> + 'static,
    ) -> &mut Struct {
        self.methods
            .push((name.to_string(), Method::Func(arity, Rc::new(f))));
        self
    }

    pub fn field(&self, name: &str) -> Option<&Value> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// A method or field by its Go name. The JSON names of a struct may differ from its Go
    /// names in case and underscores (`Id` for `ID`, `ociRuntime` for `OCIRuntime`,
    /// `dns_enabled` for `DNSEnabled`): an exact match first, then one ignoring those.
    pub fn lookup(&self, name: &str) -> Option<Member<'_>> {
        if let Some((_, m)) = self.methods.iter().find(|(k, _)| k == name) {
            return Some(Member::Method(m));
        }
        if let Some(v) = self.field(name) {
            return Some(Member::Field(v));
        }
        let want = loose(name);
        if let Some((_, m)) = self.methods.iter().find(|(k, _)| loose(k) == want) {
            return Some(Member::Method(m));
        }
        self.fields
            .iter()
            .find(|(k, _)| loose(k) == want)
            .map(|(_, v)| Member::Field(v))
    }
}

pub enum Member<'a> {
    Field(&'a Value),
    Method(&'a Method),
}

fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_field_name(k: &str) -> bool {
    let mut chars = k.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

fn convert(v: &serde_json::Value, shape: &Shape, path: &str) -> Value {
    use serde_json::Value as J;
    match v {
        J::Null => Value::Nil,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Int(i)
            } else if let Some(u) = n.as_u64() {
                Value::Uint(u)
            } else {
                Value::Float(n.as_f64().unwrap_or(0.0))
            }
        }
        J::String(s) => Value::Str(s.clone()),
        J::Array(a) => Value::list(a.iter().map(|x| convert(x, shape, path)).collect()),
        J::Object(o) => {
            let is_map = shape.maps.contains(&path) || !o.keys().all(|k| is_field_name(k));
            let child = |k: &str| {
                let k = if is_map { "*" } else { k };
                if path.is_empty() {
                    k.to_string()
                } else {
                    format!("{path}.{k}")
                }
            };
            if is_map {
                Value::map(
                    o.iter()
                        .map(|(k, x)| (k.clone(), convert(x, shape, &child(k))))
                        .collect(),
                )
            } else {
                Value::Struct(Rc::new(Struct {
                    type_name: shape.type_name.to_string(),
                    fields: o
                        .iter()
                        .map(|(k, x)| (k.clone(), convert(x, shape, &child(k))))
                        .collect(),
                    methods: Vec::new(),
                }))
            }
        }
    }
}

/// A JSON string as Go's encoder writes it without HTML escaping.
fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A float as encoding/json writes it: shortest digits, exponent only below 1e-6 or from
/// 1e21 on.
fn json_float(f: f64) -> String {
    if !f.is_finite() {
        return "null".into();
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let s = go_float(f, 'e', None);
        // Go cleans e-09 to e-9.
        match s.find("e-0") {
            Some(i) => format!("{}e-{}", &s[..i], &s[i + 3..]),
            None => s,
        }
    } else {
        go_float(f, 'f', None)
    }
}

/// The decimal digits and exponent of `f` (`d.ddd × 10^exp`), shortest or to `prec`
/// significant digits.
fn digits(f: f64, sig: Option<usize>) -> (String, i32) {
    let s = match sig {
        None => format!("{:e}", f.abs()),
        Some(p) => format!("{:.*e}", p.saturating_sub(1), f.abs()),
    };
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    (mant.replace('.', ""), exp.parse().unwrap_or(0))
}

/// Go's strconv.FormatFloat for 'e', 'f' and 'g' (`prec` None: the shortest that reads
/// back).
pub fn go_float(f: f64, verb: char, prec: Option<usize>) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    let neg = f.is_sign_negative() && f != 0.0 || (f == 0.0 && f.is_sign_negative());
    let sign = if neg { "-" } else { "" };
    match verb {
        'f' => match prec {
            Some(p) => format!("{sign}{:.*}", p, f.abs()),
            None => format!("{sign}{}", f.abs()),
        },
        'e' => {
            let (d, exp) = match prec {
                Some(p) => digits(f, Some(p + 1)),
                None => digits(f, None),
            };
            let mut m = d[..1].to_string();
            if d.len() > 1 {
                m.push('.');
                m.push_str(&d[1..]);
            }
            format!(
                "{sign}{m}e{}{:02}",
                if exp < 0 { '-' } else { '+' },
                exp.abs()
            )
        }
        _ => {
            // 'g': %e when the exponent is < -4 or >= the precision (6 for the shortest).
            let (d, exp) = match prec {
                Some(p) => digits(f, Some(p.max(1))),
                None => digits(f, None),
            };
            let d = if prec.is_some() {
                d.trim_end_matches('0').to_string()
            } else {
                d
            };
            let d = if d.is_empty() { "0".to_string() } else { d };
            let eprec = match prec {
                None => 6,
                Some(p) => p.max(1) as i32,
            };
            if exp < -4 || exp >= eprec {
                let mut m = d[..1].to_string();
                if d.len() > 1 {
                    m.push('.');
                    m.push_str(&d[1..]);
                }
                format!(
                    "{sign}{m}e{}{:02}",
                    if exp < 0 { '-' } else { '+' },
                    exp.abs()
                )
            } else if exp < 0 {
                format!("{sign}0.{}{d}", "0".repeat((-exp - 1) as usize))
            } else {
                let int_len = exp as usize + 1;
                if d.len() <= int_len {
                    format!("{sign}{d}{}", "0".repeat(int_len - d.len()))
                } else {
                    format!("{sign}{}.{}", &d[..int_len], &d[int_len..])
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn floats_print_as_go_prints_them() {
        for (f, want) in [
            (0.5, "0.5"),
            (1.0, "1"),
            (100000.0, "100000"),
            (1234567.0, "1.234567e+06"),
            (1e6, "1e+06"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.5, "-2.5"),
            (0.0, "0"),
        ] {
            assert_eq!(Value::Float(f).to_text(), want, "{f}");
        }
        assert_eq!(json_float(1.0), "1");
        assert_eq!(json_float(1e21), "1e+21");
        assert_eq!(json_float(1e-7), "1e-7");
        assert_eq!(go_float(1.23456, 'f', Some(2)), "1.23");
        assert_eq!(go_float(1234.5, 'e', Some(2)), "1.23e+03");
        assert_eq!(go_float(1234.5, 'g', Some(3)), "1.23e+03");
        assert_eq!(go_float(12.5, 'g', Some(3)), "12.5");
    }

    #[test]
    fn structs_maps_and_lists_print_as_go_prints_them() {
        let shape = Shape {
            type_name: "T",
            maps: &["Labels"],
        };
        let v = Value::from_json(
            &json!({"Names": ["a", "b"], "Labels": {"z": "1", "a": "2"}, "State": {"Pid": 7, "Up": true}, "N": null}),
            &shape,
        );
        let Value::Struct(s) = &v else { panic!() };
        assert_eq!(s.field("Names").unwrap().to_text(), "[a b]");
        assert_eq!(s.field("Labels").unwrap().to_text(), "map[a:2 z:1]");
        assert_eq!(s.field("State").unwrap().to_text(), "{7 true}");
        assert_eq!(s.field("N").unwrap().to_text(), "<nil>");
        assert!(matches!(s.field("Labels"), Some(Value::Map(_))));
        assert!(matches!(s.field("State"), Some(Value::Struct(_))));
        // Keys no Go field could have make a map without being declared.
        let ports = Value::from_json(&json!({"80/tcp": []}), &shape);
        assert!(matches!(ports, Value::Map(_)));
        assert_eq!(
            v.to_json(),
            r#"{"Labels":{"a":"2","z":"1"},"N":null,"Names":["a","b"],"State":{"Pid":7,"Up":true}}"#
        );
    }

    #[test]
    fn go_names_find_json_names() {
        let v = Struct::from_json(
            &json!({"Id": "x", "ociRuntime": {"name": "runc"}, "dns_enabled": true}),
            &Shape::default(),
        );
        for name in ["Id", "ID", "OCIRuntime", "DNSEnabled"] {
            assert!(v.lookup(name).is_some(), "{name}");
        }
        assert!(v.lookup("Nope").is_none());
    }

    #[test]
    fn json_strings_are_escaped_as_go_escapes_them() {
        let mut out = String::new();
        json_string("<a&b>\"\n\u{1}\u{2028}é", &mut out);
        assert_eq!(out, r#""<a&b>\"\n\u0001\u2028é""#);
    }
}
