//! Reading events: the rotated file then the current one, or only what comes next; and
//! following the file with inotify, so `ctl events` streams without a daemon.

use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom};
use std::os::fd::AsFd;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use nix::poll::{PollFd, PollFlags, PollTimeout};
use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify};

use crate::error::{Error, Result};
use crate::timetype::Time;

use super::log::rotated;
use super::{Backend, Event, EventsConfig};

/// How much of the file to read, and whether to wait for more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// From the oldest event kept (the rotated file first); else only new events.
    pub from_start: bool,
    /// Wait for events after the last one.
    pub follow: bool,
    /// Stop following at this time (`--until`).
    pub deadline: Option<Time>,
}

/// What the reader's callback says: go on, or stop (the output is gone).
pub enum Flow {
    Continue,
    Stop,
}

/// Calls `each` for every event read, in file order, until the end (or forever when
/// following, until `deadline` or `each` says stop). Lines that do not parse are skipped
/// with a warning, as podman's reader does.
pub fn read(
    cfg: &EventsConfig,
    opts: ReadOptions,
    mut each: impl FnMut(Event) -> Flow,
) -> Result<()> {
    if cfg.backend == Backend::None {
        return Ok(());
    }
    let path = &cfg.path;
    let dir = path.parent().unwrap_or(Path::new("/"));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // Watch before opening: an event written in between is then either read or noticed.
    let watch = if opts.follow {
        let ino = Inotify::init(InitFlags::IN_CLOEXEC | InitFlags::IN_NONBLOCK)
            .map_err(|e| Error::io(dir, e.into()))?;
        ino.add_watch(
            dir,
            AddWatchFlags::IN_MODIFY | AddWatchFlags::IN_CREATE | AddWatchFlags::IN_MOVED_TO,
        )
        .map_err(|e| Error::io(dir, e.into()))?;
        Some(ino)
    } else {
        None
    };
    if opts.from_start {
        if let Ok(old) = File::open(rotated(path)) {
            let mut r = Lines::new(old);
            if let Flow::Stop = r.drain(&mut each) {
                return Ok(());
            }
        }
    }
    let mut cur = Lines::new(open_current(path)?);
    if !opts.from_start {
        cur.skip_to_end().map_err(|e| Error::io(path, e))?;
    }
    if let Flow::Stop = cur.drain(&mut each) {
        return Ok(());
    }
    let Some(ino) = watch else {
        return Ok(());
    };
    loop {
        let timeout = match opts.deadline {
            None => PollTimeout::NONE,
            Some(d) => {
                let now = crate::timetype::now();
                let left = (d.0 - now.0) * 1000 + (i64::from(d.1) - i64::from(now.1)) / 1_000_000;
                if left <= 0 {
                    return Ok(());
                }
                PollTimeout::try_from(left.min(i64::from(i32::MAX)) as i32)
                    .unwrap_or(PollTimeout::MAX)
            }
        };
        let mut fds = [PollFd::new(ino.as_fd(), PollFlags::POLLIN)];
        match nix::poll::poll(&mut fds, timeout) {
            Ok(_) | Err(nix::errno::Errno::EINTR) => {}
            Err(e) => return Err(Error::io(dir, e.into())),
        }
        // Empty the queue; which event it was does not matter, the files say what changed.
        while let Ok(evs) = ino.read_events() {
            if evs.is_empty() {
                break;
            }
        }
        if let Flow::Stop = cur.drain(&mut each) {
            return Ok(());
        }
        // Rotated: the old file is complete (renamed under the writers' lock), so after
        // draining it the new one is read from its start.
        let now_ino = std::fs::metadata(path).map(|m| m.ino()).ok();
        if now_ino.is_some_and(|i| i != cur.ino) {
            if let Flow::Stop = cur.drain(&mut each) {
                return Ok(());
            }
            cur = Lines::new(open_current(path)?);
            if let Flow::Stop = cur.drain(&mut each) {
                return Ok(());
            }
        }
    }
}

/// The current events file, made when missing so that a follower has something to watch.
fn open_current(path: &Path) -> Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .or_else(|_| File::open(path))
        .map_err(|e| Error::io(path, e))
}

/// Whole lines from a file that may grow; a line without its newline yet waits.
struct Lines {
    r: BufReader<File>,
    ino: u64,
    partial: Vec<u8>,
}

impl Lines {
    fn new(f: File) -> Lines {
        let ino = f.metadata().map(|m| m.ino()).unwrap_or(0);
        Lines {
            r: BufReader::new(f),
            ino,
            partial: Vec::new(),
        }
    }

    fn skip_to_end(&mut self) -> std::io::Result<()> {
        self.r.seek(SeekFrom::End(0)).map(drop)
    }

    fn drain(&mut self, each: &mut impl FnMut(Event) -> Flow) -> Flow {
        loop {
            match self.r.read_until(b'\n', &mut self.partial) {
                Ok(0) | Err(_) => return Flow::Continue,
                Ok(_) if !self.partial.ends_with(b"\n") => return Flow::Continue,
                Ok(_) => {}
            }
            let line = std::mem::take(&mut self.partial);
            match serde_json::from_slice::<Event>(&line) {
                Ok(e) => {
                    if let Flow::Stop = each(e) {
                        return Flow::Stop;
                    }
                }
                Err(e) => tracing::warn!("failed to read event: {e}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::EventLog;

    #[test]
    fn from_start_reads_the_rotated_file_first() {
        let d = tempfile::tempdir().unwrap();
        let cfg = EventsConfig {
            backend: Backend::File,
            path: d.path().join("events.log"),
            max_size: 250,
            health: true,
        };
        for i in 0..4 {
            EventLog::new(&cfg).record(&Event::volume("create", &format!("v{i}")));
        }
        let mut names = Vec::new();
        let opts = ReadOptions {
            from_start: true,
            follow: false,
            deadline: None,
        };
        read(&cfg, opts, |e| {
            names.push(e.name);
            Flow::Continue
        })
        .unwrap();
        assert_eq!(names.last().map(String::as_str), Some("v3"));
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "in order");
        let mut none = 0;
        let opts = ReadOptions {
            from_start: false,
            ..opts
        };
        read(&cfg, opts, |_| {
            none += 1;
            Flow::Continue
        })
        .unwrap();
        assert_eq!(none, 0, "without a start, only new events");
    }

    #[test]
    fn a_half_written_line_waits_for_its_newline() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("e.log");
        std::fs::write(&p, "{\"Status\":\"start\",\"Time\":\"2024-01-01T00:00:00Z\",\"Type\":\"container\"}\n{\"Sta").unwrap();
        let mut l = Lines::new(File::open(&p).unwrap());
        let mut n = 0;
        l.drain(&mut |_| {
            n += 1;
            Flow::Continue
        });
        assert_eq!(n, 1);
        assert_eq!(l.partial, b"{\"Sta");
    }
}
