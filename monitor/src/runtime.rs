//! Reading the OCI runtime's own words: its `--log-format json` log.

use crate::json::str_field;

/// The last error-level message in a runtime's JSON log (runc, crun and youki write
/// `{"level":"error","msg":"..."}` lines); lines that are not JSON are skipped. Hand-parsed,
/// so the monitor binary carries no serde.
pub fn last_error(log: &str) -> Option<String> {
    log.lines().rev().find_map(|l| {
        let level = str_field(l, "level")?;
        if !matches!(level.as_str(), "error" | "fatal" | "panic") {
            return None;
        }
        str_field(l, "msg").filter(|m| !m.is_empty())
    })
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_last_error() {
        let log = concat!(
            "{\"level\":\"error\",\"msg\":\"old failure\",\"time\":\"2026-11-23T07:28:23Z\"}\n",
            "{\"level\":\"warning\",\"msg\":\"just a warning\"}\n",
            "not json at all\n",
            "{\"level\":\"error\",\"msg\":\"runc create failed: exec: \\\"/bin/x\\\": no such file\",\"time\":\"t\"}\n",
            "{\"level\":\"info\",\"msg\":\"later info\"}\n",
        );
        assert_eq!(
            last_error(log).as_deref(),
            Some("runc create failed: exec: \"/bin/x\": no such file")
        );
        assert_eq!(last_error("{\"level\":\"info\",\"msg\":\"x\"}\n"), None);
        assert_eq!(last_error(""), None);
    }
}
