//! Reading the OCI runtime's own words: its `--log-format json` log.

use serde::Deserialize;

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    level: String,
    #[serde(default)]
    msg: String,
}

/// The last error-level message in a runtime's JSON log (runc, crun and youki write
/// `{"level":"error","msg":"..."}` lines); lines that are not JSON are skipped.
pub fn last_error(log: &str) -> Option<String> {
    log.lines()
        .rev()
        .filter_map(|l| serde_json::from_str::<Entry>(l.trim()).ok())
        .find(|e| matches!(e.level.as_str(), "error" | "fatal" | "panic") && !e.msg.is_empty())
        .map(|e| e.msg)
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
