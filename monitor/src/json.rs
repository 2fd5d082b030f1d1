//! Tiny JSON helpers so the monitor binary needs no serde: a writer (enough for the sync
//! messages and the exit file) and a reader of one top-level string field (for the runtime's
//! log lines). ctl's decoders use serde_json.

/// Appends `s` as a JSON string literal (quoted and escaped).
pub fn push_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let v = c as usize;
                out.push_str("\\u00");
                out.push(HEX[v >> 4] as char);
                out.push(HEX[v & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends an integer.
pub fn push_int(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    let mut n = v.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(d as char);
    }
}

/// A cursor over JSON text; every method returns `None` on input that is not valid JSON.
struct Cur<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cur<'_> {
    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = std::str::from_utf8(self.b.get(self.i..self.i + 4)?).ok()?;
        self.i += 4;
        u32::from_str_radix(h, 16).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = Vec::new();
        loop {
            let c = *self.b.get(self.i)?;
            self.i += 1;
            match c {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.b.get(self.i)?;
                    self.i += 1;
                    let ch = match e {
                        b'"' | b'\\' | b'/' => e as char,
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let cp = if (0xd800..0xdc00).contains(&hi) {
                                if self.b.get(self.i..self.i + 2)? != b"\\u" {
                                    return None;
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&lo) {
                                    return None;
                                }
                                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                            } else {
                                hi
                            };
                            char::from_u32(cp)?
                        }
                        _ => return None,
                    };
                    let mut tmp = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
                }
                c if c < 0x20 => return None,
                c => out.push(c),
            }
        }
    }

    /// Skips any value (nested ones by bracket depth).
    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth -= 1,
                        _ => {}
                    }
                    self.i += 1;
                    if depth == 0 {
                        return Some(());
                    }
                }
            }
            _ => {
                let start = self.i;
                while !matches!(
                    self.b.get(self.i),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.i += 1;
                }
                (self.i > start).then_some(())
            }
        }
    }
}

/// The value of the top-level string field `key` of a JSON object (`None` when the field is
/// missing, not a string, or the text is not a JSON object).
pub fn str_field(text: &str, key: &str) -> Option<String> {
    let mut c = Cur {
        b: text.as_bytes(),
        i: 0,
    };
    c.eat(b'{')?;
    if c.eat(b'}').is_some() {
        return None;
    }
    let mut found = None;
    loop {
        let k = c.string()?;
        c.eat(b':')?;
        if k == key && c.peek()? == b'"' {
            found = Some(c.string()?);
        } else {
            c.skip_value()?;
        }
        match c.peek()? {
            b',' => c.i += 1,
            b'}' => return found,
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_string_fields_like_serde_json() {
        let line = r#"{"level":"error","n":-1.5e3,"nested":{"a":[1,"}",{"b":null}]},"ok":true,"msg":"exec: \"/bin/x\": \u00e9\ud83d\ude00\n\/","time":"t"}"#;
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(str_field(line, "msg").as_deref(), v["msg"].as_str());
        assert_eq!(str_field(line, "level").as_deref(), Some("error"));
        assert_eq!(str_field(line, "ok"), None);
        assert_eq!(str_field(line, "missing"), None);
        assert_eq!(str_field("{}", "msg"), None);
        assert_eq!(str_field("{\"msg\":\"x\"", "msg"), None);
        assert_eq!(str_field("not json", "msg"), None);
        assert_eq!(str_field("{\"msg\":\"\\ud800\"}", "msg"), None);
        assert_eq!(str_field("{\"msg\":\"a\tb\"}", "msg"), None);
        for s in ["", "q\"uote\\", "nl\n\r\t", "ünï 😀", "\u{1}"] {
            let mut out = String::from("{\"msg\":");
            push_str(&mut out, s);
            out.push('}');
            assert_eq!(str_field(&out, "msg").as_deref(), Some(s));
        }
    }

    #[test]
    fn strings_are_valid_json() {
        for s in [
            "",
            "plain",
            "q\"uote\\",
            "nl\n\r\t",
            "\u{1}\u{1f}\u{7f}",
            "ünï 😀 \u{2028}",
        ] {
            let mut out = String::new();
            push_str(&mut out, s);
            let back: String = serde_json::from_str(&out).unwrap();
            assert_eq!(back, s);
        }
    }

    #[test]
    fn ints() {
        for v in [0, 7, -1, 137, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_int(&mut out, v);
            assert_eq!(out, v.to_string());
        }
    }
}
