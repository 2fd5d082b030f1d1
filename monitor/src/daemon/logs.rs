//! Log drivers: where the container's output is stored (attach clients get it regardless).

use std::io;
use std::os::unix::net::UnixDatagram;
use std::path::Path;

use ctl_monitor::logfile::split_records;
use ctl_monitor::time::Timestamp;
use ctl_monitor::{LogDriver, LogWriter, MonitorArgs, Stream};

const JOURNAL_SOCKET: &str = "/run/systemd/journal/socket";

pub enum Sink {
    /// `none` and `passthrough`.
    Null,
    File(LogWriter),
    Journal(Journal),
}

impl Sink {
    /// Opens the configured driver; journald falls back to k8s-file (or nothing without a
    /// log path) when there is no journal socket.
    pub fn open(args: &MonitorArgs) -> io::Result<Sink> {
        let file = |args: &MonitorArgs| -> io::Result<Sink> {
            match &args.log_path {
                Some(p) => Ok(Sink::File(LogWriter::open(
                    p,
                    args.log_max_size,
                    args.log_max_files,
                    args.log_fsync,
                )?)),
                None => Ok(Sink::Null),
            }
        };
        match args.log_driver {
            LogDriver::None | LogDriver::Passthrough => Ok(Sink::Null),
            LogDriver::KFile => file(args),
            LogDriver::Journald => match Journal::connect(args) {
                Some(j) => Ok(Sink::Journal(j)),
                None => file(args),
            },
        }
    }

    /// Records one chunk of output: full lines as `F`, an unterminated tail as `P`.
    pub fn write(&mut self, stream: Stream, data: &[u8], max_line: usize) {
        match self {
            Sink::Null => {}
            // Write errors are the writer's to count and report (see LogWriter).
            Sink::File(w) if w.failing() => w.drop_output(data.len()),
            Sink::File(w) => {
                let ts = Timestamp::now().encode();
                let _ = split_records::<()>(data, max_line, |text, partial| {
                    w.push(&ts, stream, partial, text);
                    Ok(())
                });
                let _ = w.flush();
            }
            Sink::Journal(j) => {
                let _ = split_records(data, max_line, |text, partial| {
                    j.send(stream, partial, text)
                });
            }
        }
    }

    /// True while the log cannot be written: the monitor then reads the container's output
    /// only every so often, instead of as fast as the container writes it, until
    /// [`Sink::retry`].
    pub fn failing(&self) -> bool {
        matches!(self, Sink::File(w) if w.failing())
    }

    /// Lets the next chunk of output try the log again.
    pub fn retry(&mut self) {
        if let Sink::File(w) = self {
            w.retry();
        }
    }

    /// The container is gone: reports output the log lost, if it can.
    pub fn finish(&mut self) {
        if let Sink::File(w) = self {
            w.finish(&Timestamp::now().encode());
        }
    }

    /// Reopens the log file (control fifo `2 0 0`).
    pub fn reopen(&mut self) {
        if let Sink::File(w) = self {
            let _ = w.reopen();
        }
    }
}

/// journald's native protocol: one datagram per record with `FIELD=value` lines; MESSAGE uses
/// the length-prefixed form so any byte may appear in it.
pub struct Journal {
    sock: UnixDatagram,
    /// The fields every record carries.
    fixed: Vec<u8>,
    msg: Vec<u8>,
}

impl Journal {
    fn connect(args: &MonitorArgs) -> Option<Journal> {
        if !Path::new(JOURNAL_SOCKET).exists() {
            return None;
        }
        let sock = UnixDatagram::unbound().ok()?;
        sock.connect(JOURNAL_SOCKET).ok()?;
        let mut fixed = Vec::with_capacity(160);
        let short = args.id.get(..12).unwrap_or(&args.id);
        for (k, v) in [
            ("CONTAINER_ID", short),
            ("CONTAINER_ID_FULL", args.id.as_str()),
            ("SYSLOG_IDENTIFIER", args.name.as_deref().unwrap_or(short)),
        ] {
            fixed.extend_from_slice(k.as_bytes());
            fixed.push(b'=');
            fixed.extend_from_slice(v.as_bytes());
            fixed.push(b'\n');
        }
        if let Some(n) = &args.name {
            fixed.extend_from_slice(b"CONTAINER_NAME=");
            fixed.extend_from_slice(n.as_bytes());
            fixed.push(b'\n');
        }
        Some(Journal {
            sock,
            fixed,
            msg: Vec::new(),
        })
    }

    fn send(&mut self, stream: Stream, partial: bool, text: &[u8]) -> io::Result<()> {
        let m = &mut self.msg;
        m.clear();
        m.extend_from_slice(&self.fixed);
        m.extend_from_slice(match stream {
            Stream::Stdout => b"PRIORITY=6\n",
            Stream::Stderr => b"PRIORITY=3\n",
        });
        if partial {
            m.extend_from_slice(b"CONTAINER_PARTIAL_MESSAGE=true\n");
        }
        m.extend_from_slice(b"MESSAGE\n");
        m.extend_from_slice(&(text.len() as u64).to_le_bytes());
        m.extend_from_slice(text);
        m.push(b'\n');
        self.sock.send(m).map(drop)
    }
}
