//! The sync pipe: the monitor writes exactly one JSON line, `{"pid":N,"monitor":M}` once the
//! runtime has created the container (N the container's pid, M the monitor's own), or
//! `{"error":"..."}` with the runtime's own message, then closes it. EOF without a line means
//! the monitor died before it could say anything. A line without `monitor` (protocol 1) still
//! decodes; its reader then has to learn the monitor's pid some other way.

use std::io::{self, Read};

use serde::Deserialize;

use crate::json;

/// One message on the sync pipe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncMessage {
    /// The container exists (created, not started): its init's pid on the host, and the
    /// monitor's own pid (`None` from a monitor of protocol 1, which did not send it).
    Pid { pid: i32, monitor: Option<i32> },
    /// Setup or the runtime's create failed; the text is the runtime's own error when known.
    Error(String),
}

#[derive(Deserialize)]
struct Raw {
    pid: Option<i64>,
    monitor: Option<i64>,
    error: Option<String>,
}

/// Longest sync line accepted by [`SyncMessage::read_from`].
pub const MAX_SYNC_LINE: usize = 64 * 1024;

impl SyncMessage {
    /// The JSON line, newline included.
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(32);
        match self {
            SyncMessage::Pid { pid, monitor } => {
                out.push_str("{\"pid\":");
                json::push_int(&mut out, i64::from(*pid));
                if let Some(m) = monitor {
                    out.push_str(",\"monitor\":");
                    json::push_int(&mut out, i64::from(*m));
                }
            }
            SyncMessage::Error(text) => {
                out.push_str("{\"error\":");
                json::push_str(&mut out, text);
            }
        }
        out.push_str("}\n");
        out
    }

    /// Parses one line (surrounding whitespace ignored).
    pub fn decode(line: &str) -> Result<SyncMessage, String> {
        let raw: Raw = serde_json::from_str(line.trim())
            .map_err(|e| format!("bad sync message {:?}: {e}", line.trim()))?;
        match (raw.error, raw.pid) {
            (Some(e), _) => Ok(SyncMessage::Error(e)),
            (None, Some(p)) => Ok(SyncMessage::Pid {
                pid: valid_pid(p, "pid")?,
                monitor: raw.monitor.map(|m| valid_pid(m, "monitor")).transpose()?,
            }),
            (None, None) => Err("sync message has neither pid nor error".into()),
        }
    }

    /// Reads the one message from the sync pipe: `Ok(None)` when the pipe closed with
    /// nothing written (the monitor died early).
    pub fn read_from(r: &mut impl Read) -> io::Result<Option<SyncMessage>> {
        let mut line = Vec::with_capacity(64);
        let mut chunk = [0u8; 512];
        loop {
            let n = match r.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if n == 0 {
                break;
            }
            line.extend_from_slice(&chunk[..n]);
            if let Some(i) = line.iter().position(|&b| b == b'\n') {
                line.truncate(i);
                break;
            }
            if line.len() > MAX_SYNC_LINE {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "sync line too long",
                ));
            }
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        SyncMessage::decode(&text)
            .map(Some)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

fn valid_pid(p: i64, key: &str) -> Result<i32, String> {
    i32::try_from(p)
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| format!("bad {key} {p} in sync message"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pid_round_trip() {
        let m = SyncMessage::Pid {
            pid: 4242,
            monitor: Some(4240),
        };
        assert_eq!(m.encode(), "{\"pid\":4242,\"monitor\":4240}\n");
        assert_eq!(SyncMessage::decode(&m.encode()).unwrap(), m);
    }

    #[test]
    fn protocol_1_lines_without_the_monitor_still_decode() {
        assert_eq!(
            SyncMessage::decode("{\"pid\":4242}\n").unwrap(),
            SyncMessage::Pid {
                pid: 4242,
                monitor: None
            }
        );
    }

    #[test]
    fn error_text_survives_quotes_newlines_unicode() {
        let text = "runc create failed: exec: \"/bin/nothere\": stat\n\ttab \\ ünïcödé 😀 \u{1}";
        let m = SyncMessage::Error(text.into());
        let line = m.encode();
        assert!(line.ends_with("}\n"));
        assert_eq!(line.matches('\n').count(), 1, "one line only: {line:?}");
        assert_eq!(SyncMessage::decode(&line).unwrap(), m);
    }

    #[test]
    fn rejects_bad_messages() {
        assert!(SyncMessage::decode("{}").is_err());
        assert!(SyncMessage::decode("{\"pid\":0}").is_err());
        assert!(SyncMessage::decode("{\"pid\":-3}").is_err());
        assert!(SyncMessage::decode("{\"pid\":3,\"monitor\":0}").is_err());
        assert!(SyncMessage::decode("{\"pid\":3,\"monitor\":4294967296}").is_err());
        assert!(SyncMessage::decode("pid 3").is_err());
    }

    #[test]
    fn reads_from_a_stream() {
        let mut r: &[u8] = b"{\"pid\":7,\"monitor\":5}\n";
        assert_eq!(
            SyncMessage::read_from(&mut r).unwrap(),
            Some(SyncMessage::Pid {
                pid: 7,
                monitor: Some(5)
            })
        );
        let mut r: &[u8] = b"";
        assert_eq!(SyncMessage::read_from(&mut r).unwrap(), None);
        let mut r: &[u8] = b"{\"error\":\"x\"}";
        assert_eq!(
            SyncMessage::read_from(&mut r).unwrap(),
            Some(SyncMessage::Error("x".into()))
        );
    }
}
