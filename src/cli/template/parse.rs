//! Go's text/template syntax: text and actions, pipelines, variables, `if`/`else if`,
//! `range` (with `break` and `continue`), `with`/`else with`, trim markers and comments.
//! `define`, `template` and `block` are refused: one template is all a `--format` holds.

mod lex;
mod tree;

use super::funcs;
use super::value::Value;
pub use lex::line_col;
use lex::{describe, line_of, parse_number, Lexer, Tok, Token, WITH};
pub use tree::{Arg, Branch, Cmd, Node, Pipe, Template};

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Token>,
    i: usize,
    vars: Vec<String>,
    range_depth: usize,
}

/// What ended a list of nodes.
enum Stop {
    End,
    Else,
    Eof,
}

pub fn parse(name: &str, src: &str) -> Result<Template, String> {
    let wrap = |e: String| format!("template: {name}:{e}");
    let toks = Lexer {
        src,
        pos: 0,
        out: Vec::new(),
        paren: 0,
    }
    .run()
    .map_err(wrap)?;
    let mut p = Parser {
        src,
        toks,
        i: 0,
        vars: vec![String::new()],
        range_depth: 0,
    };
    let (root, end) = p.list().map_err(wrap)?;
    match end {
        Stop::Eof => Ok(Template {
            name: name.to_string(),
            src: src.to_string(),
            root,
        }),
        Stop::End => Err(wrap(format!("{}: unexpected {{{{end}}}}", p.line()))),
        Stop::Else => Err(wrap(format!("{}: unexpected {{{{else}}}}", p.line()))),
    }
}

impl Parser<'_> {
    fn line(&self) -> usize {
        let pos = self.toks[self.i.saturating_sub(1).min(self.toks.len() - 1)].pos;
        line_of(self.src, pos)
    }

    fn err<T>(&self, msg: impl std::fmt::Display) -> Result<T, String> {
        Err(format!("{}: {msg}", self.line()))
    }

    fn next(&mut self) -> Token {
        let t = self.toks[self.i.min(self.toks.len() - 1)].clone();
        self.i += 1;
        t
    }

    fn backup(&mut self) {
        self.i -= 1;
    }

    fn peek(&self) -> &Tok {
        &self.toks[self.i.min(self.toks.len() - 1)].tok
    }

    fn next_non_space(&mut self) -> Token {
        loop {
            let t = self.next();
            if t.tok != Tok::Space {
                return t;
            }
        }
    }

    fn peek_non_space(&mut self) -> Tok {
        let t = self.next_non_space();
        self.backup();
        t.tok
    }

    fn expect_right(&mut self, context: &str) -> Result<(), String> {
        let t = self.next_non_space();
        if t.tok != Tok::Right {
            return self.err(format!("unexpected {} in {context}", describe(&t.tok)));
        }
        Ok(())
    }

    fn list(&mut self) -> Result<(Vec<Node>, Stop), String> {
        let mut nodes = Vec::new();
        loop {
            let t = self.next();
            match t.tok {
                Tok::Text(s) => nodes.push(Node::Text(s)),
                Tok::Eof => return Ok((nodes, Stop::Eof)),
                Tok::Left => match self.peek_non_space() {
                    Tok::Keyword("end") => {
                        self.next_non_space();
                        self.expect_right("end")?;
                        return Ok((nodes, Stop::End));
                    }
                    Tok::Keyword("else") => {
                        self.next_non_space();
                        return Ok((nodes, Stop::Else));
                    }
                    Tok::Keyword(k @ ("if" | "range" | "with")) => {
                        self.next_non_space();
                        nodes.push(self.control(k)?);
                    }
                    Tok::Keyword(k @ ("break" | "continue")) => {
                        self.next_non_space();
                        if self.range_depth == 0 {
                            return self.err(format!("{{{{{k}}}}} outside {{{{range}}}}"));
                        }
                        self.expect_right(k)?;
                        nodes.push(if k == "break" {
                            Node::Break
                        } else {
                            Node::Continue
                        });
                    }
                    Tok::Keyword(k) => {
                        return self.err(format!(
                            "{{{{{k}}}}} is not supported in a --format template"
                        ))
                    }
                    _ => {
                        let pipe = self.pipeline("command", &Tok::Right)?;
                        nodes.push(Node::Action(pipe));
                    }
                },
                other => return self.err(format!("unexpected {}", describe(&other))),
            }
        }
    }

    fn control(&mut self, context: &'static str) -> Result<Node, String> {
        let vars = self.vars.len();
        let pipe = self.pipeline(context, &Tok::Right)?;
        if context == "range" {
            self.range_depth += 1;
        }
        let (list, end) = self.list()?;
        if context == "range" {
            self.range_depth -= 1;
        }
        let else_list = match end {
            Stop::End => None,
            Stop::Eof => return self.err(format!("unexpected EOF in {context}")),
            Stop::Else => {
                let chained = match self.peek_non_space() {
                    Tok::Keyword("if") if context == "if" => Some("if"),
                    Tok::Keyword(WITH) if context == WITH => Some(WITH),
                    _ => None,
                };
                match chained {
                    // {{else if ...}}: an if inside the else, sharing its {{end}}.
                    Some(k) => {
                        self.next_non_space();
                        Some(vec![self.control(k)?])
                    }
                    None => {
                        self.expect_right("else")?;
                        let (list, end) = self.list()?;
                        match end {
                            Stop::End => {}
                            Stop::Else => return self.err("expected end; found {{else}}"),
                            Stop::Eof => return self.err(format!("unexpected EOF in {context}")),
                        }
                        Some(list)
                    }
                }
            }
        };
        self.vars.truncate(vars);
        let b = Branch {
            pipe,
            list,
            else_list,
        };
        Ok(match context {
            "if" => Node::If(b),
            "range" => Node::Range(b),
            _ => Node::With(b),
        })
    }

    fn pipeline(&mut self, context: &str, end: &Tok) -> Result<Pipe, String> {
        let mut decl = Vec::new();
        let mut assign = false;
        // Declarations: $x := / $x = / $i, $e := (range).
        loop {
            if !matches!(self.peek_non_space(), Tok::Var(_)) {
                break;
            }
            let start = self.i;
            let Tok::Var(name) = self.next_non_space().tok else {
                unreachable!()
            };
            match self.peek_non_space() {
                Tok::Declare | Tok::Assign => {
                    assign = self.next_non_space().tok == Tok::Assign;
                    if assign && !self.vars.contains(&name) {
                        return self.err(format!("undefined variable \"${name}\""));
                    }
                    decl.push(name);
                    break;
                }
                Tok::Comma => {
                    self.next_non_space();
                    decl.push(name);
                    if context != "range" || decl.len() >= 2 {
                        return self.err(format!("too many declarations in {context}"));
                    }
                    if !matches!(self.peek_non_space(), Tok::Var(_)) {
                        return self.err(format!("missing variable in {context} declaration"));
                    }
                }
                _ => {
                    self.i = start;
                    break;
                }
            }
        }
        if !assign {
            self.vars.extend(decl.iter().cloned());
        }
        let mut cmds = Vec::new();
        loop {
            let t = self.next_non_space();
            if &t.tok == end {
                if cmds.is_empty() {
                    return self.err(format!("missing value for {context}"));
                }
                for (i, c) in cmds.iter().enumerate().skip(1) {
                    let c: &Cmd = c;
                    if matches!(c.args.first(), Some(Arg::Lit(_) | Arg::Nil | Arg::Dot)) {
                        return self.err(format!(
                            "non executable command in pipeline stage {}",
                            i + 1
                        ));
                    }
                }
                return Ok(Pipe { decl, assign, cmds });
            }
            match t.tok {
                Tok::Bool(_)
                | Tok::Dot
                | Tok::Field(_)
                | Tok::Ident(_)
                | Tok::Number(_)
                | Tok::Nil
                | Tok::Str(_)
                | Tok::Var(_)
                | Tok::LParen => {
                    self.backup();
                    cmds.push(self.command()?);
                }
                other => return self.err(format!("unexpected {} in {context}", describe(&other))),
            }
        }
    }

    fn command(&mut self) -> Result<Cmd, String> {
        let pos = self.toks[self.i].pos;
        let mut args = Vec::new();
        let mut end_pos = pos;
        loop {
            self.peek_non_space();
            if let Some(arg) = self.operand()? {
                args.push(arg);
                end_pos = self.toks[self.i.min(self.toks.len() - 1)].pos;
            }
            let t = self.next();
            match t.tok {
                Tok::Space => continue,
                Tok::Right | Tok::RParen => {
                    self.backup();
                    break;
                }
                Tok::Pipe => break,
                other => return self.err(format!("unexpected {} in operand", describe(&other))),
            }
        }
        if args.is_empty() {
            return self.err("empty command");
        }
        Ok(Cmd {
            pos,
            text: self.src[pos..end_pos].trim().to_string(),
            args,
        })
    }

    fn operand(&mut self) -> Result<Option<Arg>, String> {
        let Some(term) = self.term()? else {
            return Ok(None);
        };
        let mut chain = Vec::new();
        while let Tok::Field(f) = self.peek() {
            chain.push(f.clone());
            self.i += 1;
        }
        if chain.is_empty() {
            return Ok(Some(term));
        }
        Ok(Some(match term {
            Arg::Field(mut f) => {
                f.extend(chain);
                Arg::Field(f)
            }
            Arg::Var(v, mut f) => {
                f.extend(chain);
                Arg::Var(v, f)
            }
            Arg::Lit(_) | Arg::Nil | Arg::Dot => {
                return self.err("unexpected . after term");
            }
            other => Arg::Chain(Box::new(other), chain),
        }))
    }

    fn term(&mut self) -> Result<Option<Arg>, String> {
        let t = self.next_non_space();
        Ok(Some(match t.tok {
            Tok::Ident(name) => {
                if !funcs::exists(&name) {
                    return self.err(format!("function \"{name}\" not defined"));
                }
                Arg::Func(name)
            }
            Tok::Dot => Arg::Dot,
            Tok::Nil => Arg::Nil,
            Tok::Var(name) => {
                if !self.vars.contains(&name) {
                    return self.err(format!("undefined variable \"${name}\""));
                }
                Arg::Var(name, Vec::new())
            }
            Tok::Field(f) => Arg::Field(vec![f]),
            Tok::Bool(b) => Arg::Lit(Value::Bool(b)),
            Tok::Number(n) => match parse_number(&n.0) {
                Some(v) => Arg::Lit(v),
                None => return self.err(format!("bad number syntax: {:?}", n.0)),
            },
            Tok::Str(s) => Arg::Lit(Value::Str(s)),
            Tok::LParen => Arg::Pipe(Box::new(
                self.pipeline("parenthesized pipeline", &Tok::RParen)?,
            )),
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(src: &str) -> Template {
        parse("t", src).unwrap_or_else(|e| panic!("{src}: {e}"))
    }

    #[test]
    fn actions_and_controls_parse() {
        for src in [
            "plain text",
            "{{.ID}} {{.Names}}",
            "{{ .A.B.C }}",
            "{{json .}}",
            "{{.Labels | json}}",
            "{{range $i, $e := .List}}{{$i}}={{$e}}{{end}}",
            "{{range .}}{{if eq .State \"running\"}}up{{else if .X}}x{{else}}down{{end}}{{end}}",
            "{{with .A}}{{.}}{{else with .B}}{{.}}{{else}}none{{end}}",
            "{{$x := .A}}{{$x = 2}}{{$x}}",
            "{{(index .L 0).Name}}",
            "{{printf \"%s-%d\" .A 3}}",
            "{{- .A -}}  {{/* a comment */}} {{- /* trimmed */ -}}",
            "{{range .}}{{if .X}}{{break}}{{end}}{{continue}}{{end}}",
            "{{ 1.5 }} {{ -3 }} {{ 0x1F }} {{ 'a' }} {{ `raw\\n` }} {{ nil | print }}",
        ] {
            ok(src);
        }
    }

    #[test]
    fn malformed_templates_are_errors_with_a_line() {
        for (src, want) in [
            ("{{.ID", "unclosed action"),
            ("{{.Names}", "bad character"),
            ("{{range .}}", "unexpected EOF"),
            ("{{end}}", "unexpected {{end}}"),
            ("{{nosuch .}}", "function \"nosuch\" not defined"),
            ("{{$x}}", "undefined variable \"$x\""),
            ("{{break}}", "{{break}} outside {{range}}"),
            ("{{if}}{{end}}", "missing value for if"),
            (
                "{{.A | \"x\"}}",
                "non executable command in pipeline stage 2",
            ),
            ("{{\"abc}}", "unterminated quoted string"),
            ("{{define \"x\"}}{{end}}", "not supported"),
            ("{{.A)}}", "unexpected right paren"),
            ("{{(.A}}", "unclosed left paren"),
            ("{{/* x }}", "unclosed comment"),
        ] {
            let e = parse("t", src).unwrap_err();
            assert!(e.starts_with("template: t:"), "{src}: {e}");
            assert!(e.contains(want), "{src}: {e}");
        }
    }

    #[test]
    fn trim_markers_trim_the_text_around_them() {
        let t = ok("a  {{- .X -}}  b");
        let texts: Vec<_> = t
            .root
            .iter()
            .filter_map(|n| match n {
                Node::Text(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["a", "b"]);
        // A dash without a space is a number's sign, not a trim marker.
        assert!(parse("t", "{{-3}}").is_ok());
    }
}
