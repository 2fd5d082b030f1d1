//! Writing events: one `write(2)` of one line per event, with `O_APPEND`, so concurrent
//! writers never interleave. Writers hold a shared flock on `events.log.lock` while they
//! append; rotation (rename to `events.log.1`) takes it exclusively, so once the file is
//! renamed nothing more is written to it and a follower can drain it and move on.

use std::sync::atomic::{AtomicBool, Ordering};

use super::{Backend, Event, EventsConfig};

/// Lines up to this size are written whole even by filesystems that split larger writes.
const PIPE_BUF: usize = 4096;

/// Warn about a failing events file once per command, not once per event.
static WARNED: AtomicBool = AtomicBool::new(false);

/// The writer side of [`EventsConfig`].
pub struct EventLog<'a> {
    cfg: &'a EventsConfig,
}

impl<'a> EventLog<'a> {
    pub fn new(cfg: &'a EventsConfig) -> EventLog<'a> {
        EventLog { cfg }
    }

    /// Records `e`. The operation that caused it has happened whatever becomes of its
    /// event: a failure is a warning (once), never an error.
    pub fn record(&self, e: &Event) {
        if self.cfg.backend == Backend::None {
            return;
        }
        if let Err(err) = self.append(e) {
            if !WARNED.swap(true, Ordering::Relaxed) {
                tracing::warn!("recording events in {}: {err}", self.cfg.path.display());
            }
        }
    }

    fn append(&self, e: &Event) -> std::io::Result<()> {
        ctl_monitor::events::append_rotating(&self.cfg.path, &line_of(e)?, self.cfg.max_size)
    }
}

pub use ctl_monitor::events::rotated;

/// `e` as one JSON line, kept under [`PIPE_BUF`]: a container's labels (the attributes) go
/// first when the line would be longer, then long free text is cut.
fn line_of(e: &Event) -> std::io::Result<Vec<u8>> {
    let mut line = serde_json::to_vec(e)?;
    if line.len() >= PIPE_BUF {
        let mut e = e.clone();
        e.attributes.retain(|k, _| k == "driver" || k == "execID");
        if let Some((i, _)) = e.error.char_indices().nth(512) {
            e.error.truncate(i);
        }
        line = serde_json::to_vec(&e)?;
    }
    line.push(b'\n');
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn cfg(dir: &Path, max: u64) -> EventsConfig {
        EventsConfig {
            backend: Backend::File,
            path: dir.join("events/events.log"),
            max_size: max,
            health: true,
        }
    }

    #[test]
    fn lines_append_and_read_back() {
        let d = tempfile::tempdir().unwrap();
        let c = cfg(d.path(), 0);
        let log = EventLog::new(&c);
        log.record(&Event::volume("create", "v1"));
        log.record(&Event::volume("remove", "v1"));
        let text = std::fs::read_to_string(&c.path).unwrap();
        let got: Vec<Event> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[0].status.as_str(), got[1].status.as_str()),
            ("create", "remove")
        );
    }

    #[test]
    fn a_full_file_is_rotated_once() {
        let d = tempfile::tempdir().unwrap();
        let c = cfg(d.path(), 300);
        let log = EventLog::new(&c);
        for i in 0..6 {
            log.record(&Event::volume("create", &format!("v{i}")));
        }
        let cur = std::fs::read_to_string(&c.path).unwrap();
        let old = std::fs::read_to_string(rotated(&c.path)).unwrap();
        assert!(cur.len() <= 300 && old.len() <= 300, "{cur}\n{old}");
        assert!(cur.contains("\"v5\""), "{cur}");
    }

    #[test]
    fn huge_labels_are_dropped_to_keep_a_line_whole() {
        let mut e = Event::new("container", "start");
        e.attributes.insert("big".into(), "x".repeat(10_000));
        let line = line_of(&e).unwrap();
        assert!(line.len() < PIPE_BUF);
        assert!(!String::from_utf8(line).unwrap().contains("big"));
    }

    #[test]
    fn none_records_nothing() {
        let d = tempfile::tempdir().unwrap();
        let mut c = cfg(d.path(), 0);
        c.backend = Backend::None;
        EventLog::new(&c).record(&Event::volume("create", "v"));
        assert!(!c.path.exists());
    }
}
