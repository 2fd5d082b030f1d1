//! The lexer: a template's source as text and action tokens, with trim markers,
//! comments and Go's literal syntax; error positions as lines and columns.

use crate::cli::template::value::Value;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
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
pub(super) struct NumberLit(pub(super) String);

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) pos: usize,
}

const KEYWORDS: [&str; 9] = [
    "block", "break", "continue", "define", "else", "end", "if", "range", "template",
];
pub(super) const WITH: &str = "with";

pub(super) fn describe(t: &Tok) -> String {
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

pub(super) struct Lexer<'a> {
    pub(super) src: &'a str,
    pub(super) pos: usize,
    pub(super) out: Vec<Token>,
    pub(super) paren: usize,
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

    pub(super) fn run(mut self) -> Result<Vec<Token>, String> {
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
pub(super) fn parse_number(text: &str) -> Option<Value> {
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
