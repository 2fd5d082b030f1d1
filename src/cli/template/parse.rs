//! Go's text/template syntax: text and actions, pipelines, variables, `if`/`else if`,
//! `range` (with `break` and `continue`), `with`/`else with`, trim markers and comments.
//! `define`, `template` and `block` are refused: one template is all a `--format` holds.

use super::funcs;
use super::value::Value;

#[derive(Debug, Clone)]
pub enum Node {
    Text(String),
    /// `{{pipeline}}`: printed unless it declares or assigns a variable.
    Action(Pipe),
    If(Branch),
    Range(Branch),
    With(Branch),
    Break,
    Continue,
}

#[derive(Debug, Clone)]
pub struct Branch {
    pub pipe: Pipe,
    pub list: Vec<Node>,
    pub else_list: Option<Vec<Node>>,
}

#[derive(Debug, Clone)]
pub struct Pipe {
    /// Variables declared (`:=`) or assigned (`=`), without their `$`.
    pub decl: Vec<String>,
    pub assign: bool,
    pub cmds: Vec<Cmd>,
}

#[derive(Debug, Clone)]
pub struct Cmd {
    pub pos: usize,
    /// The command's source, for error messages (`at <.Nope>`).
    pub text: String,
    pub args: Vec<Arg>,
}

#[derive(Debug, Clone)]
pub enum Arg {
    Dot,
    Nil,
    Lit(Value),
    /// `.A.B`
    Field(Vec<String>),
    /// `$x.A.B` (`$` alone is the data).
    Var(String, Vec<String>),
    /// A function's name.
    Func(String),
    /// `(pipeline).A.B`
    Chain(Box<Arg>, Vec<String>),
    Pipe(Box<Pipe>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Text(String),
    Left,
    Right,
    Space,
    Field(String),
    Var(String),
    Dot,
    Ident(String),
    Str(String),
    Number(NumberLit),
    Bool(bool),
    Nil,
    Keyword(&'static str),
    Pipe,
    LParen,
    RParen,
    Declare,
    Assign,
    Comma,
    Eof,
}

#[derive(Debug, Clone, PartialEq)]
struct NumberLit(String);

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    pos: usize,
}

const KEYWORDS: [&str; 9] = [
    "block", "break", "continue", "define", "else", "end", "if", "range", "template",
];
const WITH: &str = "with";

fn describe(t: &Tok) -> String {
    match t {
        Tok::Text(s) => format!("{s:?}"),
        Tok::Left => "\"{{\"".into(),
        Tok::Right => "\"}}\"".into(),
        Tok::Space => "space".into(),
        Tok::Field(f) => format!("<.{f}>"),
        Tok::Var(v) => format!("<${v}>"),
        Tok::Dot => "<.>".into(),
        Tok::Ident(i) => format!("<{i}>"),
        Tok::Str(s) => format!("{s:?}"),
        Tok::Number(n) => format!("{:?}", n.0),
        Tok::Bool(b) => format!("<{b}>"),
        Tok::Nil => "<nil>".into(),
        Tok::Keyword(k) => format!("<{k}>"),
        Tok::Pipe => "\"|\"".into(),
        Tok::LParen => "\"(\"".into(),
        Tok::RParen => "\")\"".into(),
        Tok::Declare => "\":=\"".into(),
        Tok::Assign => "\"=\"".into(),
        Tok::Comma => "\",\"".into(),
        Tok::Eof => "EOF".into(),
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    out: Vec<Token>,
    paren: usize,
}

/// The 1-based line of a byte offset.
pub fn line_of(src: &str, pos: usize) -> usize {
    src[..pos.min(src.len())].matches('\n').count() + 1
}

/// The 1-based line and column (in bytes, as Go counts) of a byte offset.
pub fn line_col(src: &str, pos: usize) -> (usize, usize) {
    let pos = pos.min(src.len());
    let line_start = src[..pos].rfind('\n').map_or(0, |i| i + 1);
    (line_of(src, pos), pos - line_start)
}

impl Lexer<'_> {
    fn err(&self, pos: usize, msg: impl std::fmt::Display) -> String {
        format!("{}: {msg}", line_of(self.src, pos))
    }

    fn push(&mut self, tok: Tok, pos: usize) {
        self.out.push(Token { tok, pos });
    }

    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn run(mut self) -> Result<Vec<Token>, String> {
        loop {
            // Text up to the next action.
            let start = self.pos;
            let Some(i) = self.rest().find("{{") else {
                if self.pos < self.src.len() {
                    self.push(Tok::Text(self.src[self.pos..].to_string()), start);
                }
                self.push(Tok::Eof, self.src.len());
                return Ok(self.out);
            };
            let mut text = &self.src[start..start + i];
            let after = &self.src[start + i + 2..];
            let trim_left =
                after.len() >= 2 && after.as_bytes()[0] == b'-' && is_space(after.as_bytes()[1]);
            if trim_left {
                text = text.trim_end_matches([' ', '\t', '\r', '\n']);
            }
            if !text.is_empty() {
                self.push(Tok::Text(text.to_string()), start);
            }
            self.pos = start + i + 2 + if trim_left { 2 } else { 0 };
            let action_pos = start + i;
            // A comment: {{/* ... */}}, alone in its action.
            let rest = self
                .rest()
                .trim_start_matches(|c: char| trim_left && matches!(c, ' ' | '\t' | '\r' | '\n'));
            if rest.starts_with("/*") {
                let from = self.src.len() - rest.len();
                let Some(end) = rest.find("*/") else {
                    return Err(self.err(action_pos, "unclosed comment"));
                };
                self.pos = from + end + 2;
                let trim_right = self.at_right_trim();
                if trim_right {
                    self.pos += 2;
                }
                if !self.rest().starts_with("}}") {
                    return Err(self.err(action_pos, "comment ends before closing delimiter"));
                }
                self.pos += 2;
                if trim_right {
                    self.skip_leading_space();
                }
                continue;
            }
            self.push(Tok::Left, action_pos);
            self.inside_action(action_pos)?;
        }
    }

    fn at_right_trim(&self) -> bool {
        let b = self.rest().as_bytes();
        b.len() >= 4 && is_space(b[0]) && b[1] == b'-' && b[2] == b'}' && b[3] == b'}'
    }

    fn skip_leading_space(&mut self) {
        let r = self.rest();
        self.pos += r.len() - r.trim_start_matches([' ', '\t', '\r', '\n']).len();
    }

    fn inside_action(&mut self, action_pos: usize) -> Result<(), String> {
        loop {
            if self.at_right_trim() {
                self.push(Tok::Right, self.pos);
                self.pos += 4;
                self.skip_leading_space();
                return self.check_parens(action_pos);
            }
            if self.rest().starts_with("}}") {
                self.push(Tok::Right, self.pos);
                self.pos += 2;
                return self.check_parens(action_pos);
            }
            let start = self.pos;
            let Some(c) = self.rest().chars().next() else {
                return Err(self.err(action_pos, "unclosed action"));
            };
            match c {
                ' ' | '\t' | '\r' | '\n' => {
                    let r = self.rest();
                    let n = r.len() - r.trim_start_matches([' ', '\t', '\r', '\n']).len();
                    // A space before the right trim marker belongs to it.
                    self.pos += n;
                    if self.rest().starts_with("-}}") {
                        self.pos -= 1;
                        if n > 1 {
                            self.push(Tok::Space, start);
                        }
                        continue;
                    }
                    self.push(Tok::Space, start);
                }
                '=' => {
                    self.pos += 1;
                    self.push(Tok::Assign, start);
                }
                ':' => {
                    if !self.rest().starts_with(":=") {
                        return Err(self.err(start, "expected :="));
                    }
                    self.pos += 2;
                    self.push(Tok::Declare, start);
                }
                '|' => {
                    self.pos += 1;
                    self.push(Tok::Pipe, start);
                }
                ',' => {
                    self.pos += 1;
                    self.push(Tok::Comma, start);
                }
                '(' => {
                    self.pos += 1;
                    self.paren += 1;
                    self.push(Tok::LParen, start);
                }
                ')' => {
                    self.pos += 1;
                    if self.paren == 0 {
                        return Err(self.err(start, "unexpected right paren"));
                    }
                    self.paren -= 1;
                    self.push(Tok::RParen, start);
                }
                '"' => {
                    let s = self.quoted(start)?;
                    self.push(Tok::Str(s), start);
                }
                '`' => {
                    let Some(end) = self.rest()[1..].find('`') else {
                        return Err(self.err(start, "unterminated raw quoted string"));
                    };
                    let s = self.rest()[1..1 + end].replace('\r', "");
                    self.pos += end + 2;
                    self.push(Tok::Str(s), start);
                }
                '\'' => {
                    let n = self.char_constant(start)?;
                    self.push(Tok::Number(NumberLit(format!("'{n}"))), start);
                }
                '$' => {
                    self.pos += 1;
                    let name = self.word();
                    self.check_terminator(start)?;
                    self.push(Tok::Var(name), start);
                }
                '.' => {
                    let next = self.rest()[1..].chars().next();
                    if next.is_some_and(|c| c.is_ascii_digit()) {
                        let n = self.number(start)?;
                        self.push(Tok::Number(n), start);
                    } else if next.is_some_and(is_alnum) {
                        self.pos += 1;
                        let name = self.word();
                        self.check_terminator(start)?;
                        self.push(Tok::Field(name), start);
                    } else {
                        self.pos += 1;
                        self.push(Tok::Dot, start);
                    }
                }
                '+' | '-' | '0'..='9' => {
                    let n = self.number(start)?;
                    self.push(Tok::Number(n), start);
                }
                c if is_alnum(c) => {
                    let w = self.word();
                    self.check_terminator(start)?;
                    let tok = match w.as_str() {
                        "true" => Tok::Bool(true),
                        "false" => Tok::Bool(false),
                        "nil" => Tok::Nil,
                        WITH => Tok::Keyword(WITH),
                        k => match KEYWORDS.iter().find(|x| **x == k) {
                            Some(k) => Tok::Keyword(k),
                            None => Tok::Ident(w),
                        },
                    };
                    self.push(tok, start);
                }
                c => return Err(self.err(start, format!("unexpected {c:?} in command"))),
            }
        }
    }

    fn check_parens(&self, pos: usize) -> Result<(), String> {
        if self.paren > 0 {
            return Err(self.err(pos, "unclosed left paren"));
        }
        Ok(())
    }

    fn word(&mut self) -> String {
        let r = self.rest();
        let n = r.len() - r.trim_start_matches(is_alnum).len();
        let w = r[..n].to_string();
        self.pos += n;
        w
    }

    fn check_terminator(&self, start: usize) -> Result<(), String> {
        let r = self.rest();
        if r.is_empty()
            || r.starts_with("}}")
            || r.starts_with(|c: char| {
                matches!(
                    c,
                    ' ' | '\t' | '\r' | '\n' | '.' | ',' | '|' | ':' | ')' | '(' | '='
                )
            })
        {
            return Ok(());
        }
        let c = r.chars().next().unwrap_or(' ');
        Err(self.err(start, format!("bad character {c:?}")))
    }

    fn number(&mut self, start: usize) -> Result<NumberLit, String> {
        let r = self.rest();
        let n = r
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_ascii_alphanumeric()
                    || c == '.'
                    || c == '_'
                    || (i == 0 && (c == '+' || c == '-'))
                    || ((c == '+' || c == '-')
                        && i > 0
                        && matches!(r.as_bytes()[i - 1], b'e' | b'E' | b'p' | b'P')))
            })
            .map_or(r.len(), |(i, _)| i);
        let text = r[..n].to_string();
        self.pos += n;
        if parse_number(&text).is_none() {
            return Err(self.err(start, format!("bad number syntax: {text:?}")));
        }
        Ok(NumberLit(text))
    }

    fn quoted(&mut self, start: usize) -> Result<String, String> {
        let mut out = String::new();
        let mut chars = self.rest()[1..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.pos += i + 2;
                    return Ok(out);
                }
                '\n' => break,
                '\\' => {
                    let Some((_, e)) = chars.next() else { break };
                    let esc = |n: usize, chars: &mut std::str::CharIndices, radix: u32| {
                        let digits: String = chars.by_ref().take(n).map(|(_, c)| c).collect();
                        u32::from_str_radix(&digits, radix)
                            .ok()
                            .filter(|_| digits.len() == n)
                    };
                    let c = match e {
                        'a' => Some('\u{7}'),
                        'b' => Some('\u{8}'),
                        'f' => Some('\u{c}'),
                        'n' => Some('\n'),
                        'r' => Some('\r'),
                        't' => Some('\t'),
                        'v' => Some('\u{b}'),
                        '\\' => Some('\\'),
                        '"' => Some('"'),
                        'x' => esc(2, &mut chars, 16).and_then(char::from_u32),
                        'u' => esc(4, &mut chars, 16).and_then(char::from_u32),
                        'U' => esc(8, &mut chars, 16).and_then(char::from_u32),
                        '0'..='7' => {
                            let rest: String = chars.by_ref().take(2).map(|(_, c)| c).collect();
                            u32::from_str_radix(&format!("{e}{rest}"), 8)
                                .ok()
                                .and_then(char::from_u32)
                        }
                        _ => None,
                    };
                    match c {
                        Some(c) => out.push(c),
                        None => return Err(self.err(start, "invalid syntax in quoted string")),
                    }
                }
                c => out.push(c),
            }
        }
        Err(self.err(start, "unterminated quoted string"))
    }

    fn char_constant(&mut self, start: usize) -> Result<u32, String> {
        let r = &self.rest()[1..];
        let mut chars = r.char_indices();
        let value = match chars.next() {
            Some((_, '\\')) => match chars.next() {
                Some((_, 'n')) => '\n' as u32,
                Some((_, 't')) => '\t' as u32,
                Some((_, 'r')) => '\r' as u32,
                Some((_, '\\')) => '\\' as u32,
                Some((_, '\'')) => '\'' as u32,
                Some((_, '0')) => 0,
                _ => return Err(self.err(start, "invalid syntax in character constant")),
            },
            Some((_, c)) if c != '\'' && c != '\n' => c as u32,
            _ => return Err(self.err(start, "unterminated character constant")),
        };
        match chars.next() {
            Some((i, '\'')) => {
                self.pos += i + 2;
                Ok(value)
            }
            _ => Err(self.err(start, "unterminated character constant")),
        }
    }
}

/// A number literal as Go's template parser types it: a char constant or an integer is an
/// int, anything with `.`, `e` or `p` (not hex) a float.
fn parse_number(text: &str) -> Option<Value> {
    if let Some(c) = text.strip_prefix('\'') {
        return c.parse::<i64>().ok().map(Value::Int);
    }
    let clean = text.replace('_', "");
    let (neg, body) = match clean.strip_prefix('-') {
        Some(b) => (true, b.to_string()),
        None => (false, clean.trim_start_matches('+').to_string()),
    };
    let lower = body.to_ascii_lowercase();
    let int = |digits: &str, radix: u32| -> Option<Value> {
        let n = u64::from_str_radix(digits, radix).ok()?;
        Some(if neg {
            Value::Int(-i64::try_from(n).ok()?)
        } else {
            i64::try_from(n).map_or(Value::Uint(n), Value::Int)
        })
    };
    if let Some(h) = lower.strip_prefix("0x") {
        return int(h, 16);
    }
    if let Some(b) = lower.strip_prefix("0b") {
        return int(b, 2);
    }
    if let Some(o) = lower.strip_prefix("0o") {
        return int(o, 8);
    }
    if lower.contains(['.', 'e']) {
        let f: f64 = lower.parse().ok()?;
        return Some(Value::Float(if neg { -f } else { f }));
    }
    if lower.len() > 1 && lower.starts_with('0') {
        return int(&lower[1..], 8);
    }
    int(&lower, 10)
}

/// A parsed template.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub src: String,
    pub root: Vec<Node>,
}

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

impl Template {
    /// The name Go's errors give it.
    pub fn name(&self) -> &str {
        self.name.as_str()
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
