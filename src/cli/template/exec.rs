//! Executing a parsed template on a value, as Go's text/template does: pipelines pass
//! their value as the last argument, methods shadow fields, a missing map key is `<no
//! value>`, an unknown struct field an error, `and`/`or` stop at the first deciding
//! argument, variables live until the end of the block that declared them.

use super::funcs;
use super::parse::{line_col, Arg, Branch, Cmd, Node, Pipe, Template};
use super::value::{Member, Method, Value};

/// The header row of a table: every field evaluates to its column's name.
pub type Header<'a> = &'a dyn Fn(&str) -> String;

struct Fail {
    msg: String,
    /// Already says where.
    located: bool,
}

impl From<String> for Fail {
    fn from(msg: String) -> Fail {
        Fail {
            msg,
            located: false,
        }
    }
}

type R<T> = Result<T, Fail>;

enum Flow {
    Normal,
    Break,
    Continue,
}

struct State<'a> {
    t: &'a Template,
    out: &'a mut String,
    vars: Vec<(String, Value)>,
    header: Option<Header<'a>>,
}

/// Runs `t` on `data`, appending to `out`; on an error `out` keeps what was written before
/// it, as Go's writer does.
pub fn execute(
    t: &Template,
    data: &Value,
    header: Option<Header<'_>>,
    out: &mut String,
) -> Result<(), String> {
    let mut s = State {
        t,
        out,
        vars: vec![(String::new(), data.clone())],
        header,
    };
    match s.walk(&t.root, data) {
        Ok(_) => Ok(()),
        Err(f) if f.located => Err(f.msg),
        Err(f) => Err(format!("template: {}: {}", t.name(), f.msg)),
    }
}

impl State<'_> {
    fn walk(&mut self, list: &[Node], dot: &Value) -> R<Flow> {
        for node in list {
            let flow = match node {
                Node::Text(s) => {
                    self.out.push_str(s);
                    Flow::Normal
                }
                Node::Action(pipe) => {
                    let v = self.pipeline(dot, pipe)?;
                    if pipe.decl.is_empty() {
                        v.write_text(self.out);
                    }
                    Flow::Normal
                }
                Node::If(b) => self.if_or_with(dot, b, false)?,
                Node::With(b) => self.if_or_with(dot, b, true)?,
                Node::Range(b) => self.range(dot, b)?,
                Node::Break => Flow::Break,
                Node::Continue => Flow::Continue,
            };
            if !matches!(flow, Flow::Normal) {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    fn if_or_with(&mut self, dot: &Value, b: &Branch, with: bool) -> R<Flow> {
        let mark = self.vars.len();
        let v = self.pipeline(dot, &b.pipe)?;
        let flow = if v.truth() {
            let d = if with { v } else { dot.clone() };
            self.walk(&b.list, &d)?
        } else if let Some(e) = &b.else_list {
            self.walk(e, dot)?
        } else {
            Flow::Normal
        };
        self.vars.truncate(mark);
        Ok(flow)
    }

    fn range(&mut self, dot: &Value, b: &Branch) -> R<Flow> {
        let mark = self.vars.len();
        let v = self.pipeline(dot, &b.pipe)?;
        let top = self.vars.len();
        let items: Vec<(Value, Value)> = match &v {
            Value::List(l) => l
                .iter()
                .enumerate()
                .map(|(i, e)| (Value::Int(i as i64), e.clone()))
                .collect(),
            Value::Map(m) => m
                .iter()
                .map(|(k, e)| (Value::Str(k.clone()), e.clone()))
                .collect(),
            Value::Int(n) => return self.range_int(dot, b, *n, mark, top),
            Value::Nil | Value::Invalid => Vec::new(),
            // A header row has one name where a row has a list.
            Value::Str(_) if self.header.is_some() => vec![(Value::Int(0), v.clone())],
            other => {
                return Err(format!("range can't iterate over {}", other.to_text()).into());
            }
        };
        let empty = items.is_empty();
        for (k, e) in items {
            let n = b.pipe.decl.len();
            if n >= 1 {
                self.vars[top - 1].1 = e.clone();
            }
            if n >= 2 {
                self.vars[top - 2].1 = k;
            }
            let flow = self.walk(&b.list, &e)?;
            self.vars.truncate(top);
            if matches!(flow, Flow::Break) {
                break;
            }
        }
        if empty {
            if let Some(list) = &b.else_list {
                self.walk(list, dot)?;
            }
        }
        self.vars.truncate(mark);
        Ok(Flow::Normal)
    }

    /// `range N` (Go 1.22): 0 to N-1, one at a time.
    fn range_int(&mut self, dot: &Value, b: &Branch, n: i64, mark: usize, top: usize) -> R<Flow> {
        for i in 0..n {
            if !b.pipe.decl.is_empty() {
                self.vars[top - 1].1 = Value::Int(i);
            }
            let flow = self.walk(&b.list, &Value::Int(i))?;
            self.vars.truncate(top);
            if matches!(flow, Flow::Break) {
                break;
            }
        }
        if n <= 0 {
            if let Some(list) = &b.else_list {
                self.walk(list, dot)?;
            }
        }
        self.vars.truncate(mark);
        Ok(Flow::Normal)
    }

    fn pipeline(&mut self, dot: &Value, pipe: &Pipe) -> R<Value> {
        let mut last: Option<Value> = None;
        for cmd in &pipe.cmds {
            let v = self
                .command(dot, cmd, last.take())
                .map_err(|f| self.locate(cmd, f))?;
            last = Some(v);
        }
        let v = last.unwrap_or_default();
        for name in &pipe.decl {
            if pipe.assign {
                if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
                    slot.1 = v.clone();
                }
            } else {
                self.vars.push((name.clone(), v.clone()));
            }
        }
        Ok(v)
    }

    fn locate(&self, cmd: &Cmd, f: Fail) -> Fail {
        if f.located {
            return f;
        }
        let name = self.t.name();
        let (line, col) = line_col(&self.t.src, cmd.pos);
        Fail {
            msg: format!(
                "template: {name}:{line}:{col}: executing \"{name}\" at <{}>: {}",
                cmd.text, f.msg
            ),
            located: true,
        }
    }

    fn var(&self, name: &str) -> R<Value> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| format!("undefined variable: ${name}").into())
    }

    fn command(&mut self, dot: &Value, cmd: &Cmd, last: Option<Value>) -> R<Value> {
        let args = &cmd.args[1..];
        let not_a_function = |what: &str| -> R<()> {
            if !args.is_empty() || last.is_some() {
                return Err(format!("can't give argument to non-function {what}").into());
            }
            Ok(())
        };
        match &cmd.args[0] {
            Arg::Field(idents) => self.chain(dot, dot.clone(), idents, args, last),
            Arg::Chain(inner, idents) => {
                if matches!(**inner, Arg::Nil) {
                    return Err(String::from("indirection through explicit nil").into());
                }
                let recv = self.arg(dot, inner)?;
                self.chain(dot, recv, idents, args, last)
            }
            Arg::Var(name, idents) => {
                let v = self.var(name)?;
                if idents.is_empty() {
                    not_a_function(&format!("${name}"))?;
                    return Ok(v);
                }
                self.chain(dot, v, idents, args, last)
            }
            Arg::Func(name) => self.function(dot, name, args, last),
            Arg::Pipe(p) => {
                not_a_function("(pipeline)")?;
                self.pipeline(dot, p)
            }
            Arg::Dot => {
                not_a_function(".")?;
                Ok(dot.clone())
            }
            Arg::Nil => Err(String::from("nil is not a command").into()),
            Arg::Lit(v) => {
                not_a_function(&v.to_text())?;
                Ok(v.clone())
            }
        }
    }

    fn chain(
        &mut self,
        dot: &Value,
        mut recv: Value,
        idents: &[String],
        args: &[Arg],
        last: Option<Value>,
    ) -> R<Value> {
        let (final_name, path) = idents.split_last().expect("a chain has fields");
        for name in path {
            recv = self.field(dot, name, &recv, &[], None)?;
        }
        self.field(dot, final_name, &recv, args, last)
    }

    fn field(
        &mut self,
        dot: &Value,
        name: &str,
        recv: &Value,
        args: &[Arg],
        last: Option<Value>,
    ) -> R<Value> {
        if let Some(h) = self.header {
            return Ok(Value::Str(h(name)));
        }
        let has_args = !args.is_empty() || last.is_some();
        let nargs = args.len() + usize::from(last.is_some());
        match recv {
            Value::Struct(s) => match s.lookup(name) {
                Some(Member::Method(Method::Value(v))) => {
                    if has_args {
                        return Err(
                            format!("wrong number of args for {name}: want 0 got {nargs}").into(),
                        );
                    }
                    Ok(v.clone())
                }
                Some(Member::Method(Method::Func(arity, f))) => {
                    let f = f.clone();
                    let arity = *arity;
                    let mut argv = Vec::with_capacity(nargs);
                    for a in args {
                        argv.push(self.arg(dot, a)?);
                    }
                    argv.extend(last);
                    if argv.len() != arity {
                        return Err(format!(
                            "wrong number of args for {name}: want {arity} got {}",
                            argv.len()
                        )
                        .into());
                    }
                    f(&argv).map_err(|e| format!("error calling {name}: {e}").into())
                }
                Some(Member::Field(v)) => {
                    if has_args {
                        return Err(format!("{name} is not a method but has arguments").into());
                    }
                    Ok(v.clone())
                }
                None => {
                    Err(format!("can't evaluate field {name} in type {}", recv.type_name()).into())
                }
            },
            Value::Map(m) => {
                if has_args {
                    return Err(format!("{name} is not a method but has arguments").into());
                }
                Ok(m.get(name).cloned().unwrap_or(Value::Invalid))
            }
            Value::Invalid => Ok(Value::Invalid),
            Value::Nil => Err(format!("nil pointer evaluating {name}").into()),
            other => {
                Err(format!("can't evaluate field {name} in type {}", other.type_name()).into())
            }
        }
    }

    fn function(&mut self, dot: &Value, name: &str, args: &[Arg], last: Option<Value>) -> R<Value> {
        if name == "and" || name == "or" {
            let n = args.len() + usize::from(last.is_some());
            if n == 0 {
                return Err(
                    format!("wrong number of args for {name}: want at least 1 got 0").into(),
                );
            }
            let mut v = Value::Invalid;
            for a in args {
                v = self.arg(dot, a)?;
                if v.truth() != (name == "and") {
                    return Ok(v);
                }
            }
            return Ok(last.unwrap_or(v));
        }
        let mut argv = Vec::with_capacity(args.len() + 1);
        for a in args {
            argv.push(self.arg(dot, a)?);
        }
        argv.extend(last);
        funcs::call(name, &argv).map_err(|e| format!("error calling {name}: {e}").into())
    }

    fn arg(&mut self, dot: &Value, a: &Arg) -> R<Value> {
        match a {
            Arg::Dot => Ok(dot.clone()),
            Arg::Nil => Ok(Value::Nil),
            Arg::Lit(v) => Ok(v.clone()),
            Arg::Field(idents) => self.chain(dot, dot.clone(), idents, &[], None),
            Arg::Var(name, idents) => {
                let v = self.var(name)?;
                if idents.is_empty() {
                    Ok(v)
                } else {
                    self.chain(dot, v, idents, &[], None)
                }
            }
            Arg::Func(name) => self.function(dot, name, &[], None),
            Arg::Chain(inner, idents) => {
                let recv = self.arg(dot, inner)?;
                self.chain(dot, recv, idents, &[], None)
            }
            Arg::Pipe(p) => self.pipeline(dot, p),
        }
    }
}
