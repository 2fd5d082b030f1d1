//! Text that came from outside (an image, a registry, a file) made safe for a terminal.
//!
//! A tar entry name or a registry's error body can hold escape sequences that clear the
//! screen, set the window title or forge a line of output. Before such text is printed,
//! every control character (C0 including ESC and newline, DEL, C1) and every bidirectional
//! override is written as a visible escape, as Go's `%q` and `ls -b` do, so one message
//! stays one line and shows what the bytes were.

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for characters a terminal acts on instead of showing.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        // Bidirectional embeddings, overrides and isolates: they reorder what is shown.
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        // Line and paragraph separators end a line in some terminals and viewers.
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `s` with every control character escaped (`\n`, `\t`, `\x1b`, `\u009b`); borrowed
/// when there is nothing to escape.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` cut to at most `max` characters, with "..." when cut, then escaped: for text that
/// may be long (a file's first bytes) in a one-line message.
pub fn excerpt(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", escape(&s[..i])),
        None => escape(s).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        for s in [
            "",
            "busybox:latest",
            "layer sha256:ab: entry \"a b\"",
            "héllo ✓",
        ] {
            assert!(matches!(escape(s), Cow::Borrowed(_)), "{s:?}");
            assert_eq!(escape(s), s);
        }
    }

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(escape("a\nb\r\tc"), "a\\nb\\r\\tc");
        // Clear screen, set the window title, a forged line.
        assert_eq!(
            escape("\x1b[2J\x1b]0;owned\x07\nError: forged"),
            "\\x1b[2J\\x1b]0;owned\\x07\\nError: forged"
        );
        assert_eq!(escape("\0\x7f"), "\\x00\\x7f");
        // C1 controls (CSI as one character) and bidi overrides.
        assert_eq!(escape("\u{9b}31m\u{85}"), "\\u009b31m\\u0085");
        assert_eq!(escape("a\u{202e}b\u{2066}"), "a\\u202eb\\u2066");
        assert_eq!(escape("x\u{2028}y"), "x\\u2028y");
    }

    #[test]
    fn escaped_text_is_one_line_of_printable_characters() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let e = escape(&all);
        assert!(!e.chars().any(is_unsafe), "{e:?}");
        assert!(!e.contains('\n'));
    }

    #[test]
    fn excerpts_are_cut_then_escaped() {
        assert_eq!(excerpt("root:x:0:0\ndaemon", 12), "root:x:0:0\\nd...");
        assert_eq!(excerpt("short", 12), "short");
        assert_eq!(excerpt("ééé", 2), "éé...");
    }
}
