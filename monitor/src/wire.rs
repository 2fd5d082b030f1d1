//! The attach socket and the control fifo.
//!
//! Attach: a `SOCK_SEQPACKET` unix socket at `MonitorArgs::attach_socket`. Every packet the
//! monitor sends a client is one stream id byte ([`STREAM_STDOUT`] or [`STREAM_STDERR`]; the
//! pty's output is stdout) followed by the data. Every packet a client sends is raw stdin data
//! for the container; a client that shuts down its write side ends its input (and, with
//! `--stdin-once`, the container's stdin). The monitor closes clients when the container has
//! exited and its output is drained.
//!
//! Control fifo: text lines `TYPE A B\n`: `1 ROWS COLS` resizes the pty, `2 0 0` reopens the
//! log file, `3 0 0` says the runtime's `start` succeeded (the monitor then sends READY=1 to
//! the notify socket, if it has one).

use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::sys::socket::{connect, socket, AddressFamily, SockFlag, SockType, UnixAddr};

/// Stream id of container input (reserved; clients send raw data).
pub const STREAM_STDIN: u8 = 1;
/// Stream id of container stdout (and of a pty's output).
pub const STREAM_STDOUT: u8 = 2;
/// Stream id of container stderr.
pub const STREAM_STDERR: u8 = 3;
/// Largest data part of one packet from the monitor; clients should receive into at least
/// `MAX_PACKET_DATA + 1` bytes.
pub const MAX_PACKET_DATA: usize = 32 * 1024;
/// Attach clients served at once; more wait in the listen backlog.
pub const MAX_CLIENTS: usize = 16;

/// Control fifo message types.
pub const CTL_RESIZE: u32 = 1;
pub const CTL_REOPEN_LOG: u32 = 2;
pub const CTL_STARTED: u32 = 3;
pub const CTL_RELOAD_HEALTH: u32 = 4;

/// One control fifo message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ControlMessage {
    Resize {
        rows: u16,
        cols: u16,
    },
    ReopenLog,
    /// The container runs: ctl's `runtime start` succeeded.
    Started,
    /// `update` changed the healthcheck: read it again from
    /// [`crate::health::args::reload_file`].
    ReloadHealth,
}

impl ControlMessage {
    /// The line to write to the fifo, newline included.
    pub fn encode(&self) -> String {
        match self {
            ControlMessage::Resize { rows, cols } => format!("{CTL_RESIZE} {rows} {cols}\n"),
            ControlMessage::ReopenLog => format!("{CTL_REOPEN_LOG} 0 0\n"),
            ControlMessage::Started => format!("{CTL_STARTED} 0 0\n"),
            ControlMessage::ReloadHealth => format!("{CTL_RELOAD_HEALTH} 0 0\n"),
        }
    }

    /// Parses one line (without or with its newline).
    pub fn decode(line: &[u8]) -> Option<ControlMessage> {
        let line = std::str::from_utf8(line).ok()?.trim();
        let mut it = line.split_ascii_whitespace();
        let kind: u32 = it.next()?.parse().ok()?;
        let a: u32 = it.next()?.parse().ok()?;
        let b: u32 = it.next()?.parse().ok()?;
        if it.next().is_some() {
            return None;
        }
        match kind {
            CTL_RESIZE => Some(ControlMessage::Resize {
                rows: u16::try_from(a).ok()?,
                cols: u16::try_from(b).ok()?,
            }),
            CTL_REOPEN_LOG => Some(ControlMessage::ReopenLog),
            CTL_STARTED => Some(ControlMessage::Started),
            CTL_RELOAD_HEALTH => Some(ControlMessage::ReloadHealth),
            _ => None,
        }
    }
}

/// Writes one message to a monitor's control fifo without blocking. The fifo is opened for
/// reading too: a monitor that exits between our open and our write then costs nothing but
/// the message, where a write-only fd would raise SIGPIPE (which ctl does not ignore). Fails
/// (ENOENT) when the fifo is gone.
pub fn send_control(fifo: &Path, msg: ControlMessage) -> io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(fifo)?;
    f.write_all(msg.encode().as_bytes())
}

/// Longest path `sockaddr_un` takes (108 bytes with its NUL).
const SUN_PATH_MAX: usize = 107;

/// A unix socket address for `path`, working around the 108-byte limit: a long path is reached
/// through `/proc/self/fd/N/NAME`, N being an fd of its directory that the caller keeps open
/// until bind/connect is done.
pub fn socket_addr(path: &Path) -> io::Result<(UnixAddr, Option<OwnedFd>)> {
    if path.as_os_str().len() <= SUN_PATH_MAX {
        return Ok((UnixAddr::new(path)?, None));
    }
    let (dir, name) = match (path.parent(), path.file_name()) {
        (Some(d), Some(n)) => (d, n),
        _ => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "bad socket path",
            ))
        }
    };
    let dir_fd: OwnedFd = std::fs::File::open(dir)?.into();
    let short = PathBuf::from(format!("/proc/self/fd/{}", dir_fd.as_raw_fd())).join(name);
    Ok((UnixAddr::new(&short)?, Some(dir_fd)))
}

/// Connects to a monitor's attach socket (blocking, close-on-exec).
pub fn connect_attach(path: &Path) -> io::Result<OwnedFd> {
    let fd = socket(
        AddressFamily::Unix,
        SockType::SeqPacket,
        SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    let (addr, _dir) = socket_addr(path)?;
    connect(fd.as_raw_fd(), &addr)?;
    Ok(fd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_lines() {
        for m in [
            ControlMessage::Resize {
                rows: 40,
                cols: 120,
            },
            ControlMessage::ReopenLog,
            ControlMessage::Started,
            ControlMessage::ReloadHealth,
        ] {
            assert_eq!(ControlMessage::decode(m.encode().as_bytes()), Some(m));
        }
        assert_eq!(
            ControlMessage::Resize { rows: 1, cols: 2 }.encode(),
            "1 1 2\n"
        );
        assert_eq!(ControlMessage::ReopenLog.encode(), "2 0 0\n");
        assert_eq!(ControlMessage::Started.encode(), "3 0 0\n");
        assert_eq!(ControlMessage::decode(b"1 70000 1"), None);
        assert_eq!(ControlMessage::decode(b"9 0 0"), None);
        assert_eq!(ControlMessage::decode(b"1 2"), None);
        assert_eq!(ControlMessage::decode(b"1 2 3 4"), None);
    }

    #[test]
    fn long_socket_paths_go_through_proc() {
        let short = socket_addr(Path::new("/run/x.sock")).unwrap();
        assert!(short.1.is_none());
        let dir = std::env::temp_dir().join(format!("ctl-wire-{}", std::process::id()));
        let deep = dir.join("d".repeat(60)).join("e".repeat(60));
        std::fs::create_dir_all(&deep).unwrap();
        let (addr, fd) = socket_addr(&deep.join("attach")).unwrap();
        assert!(fd.is_some());
        assert!(addr.path().unwrap().starts_with("/proc/self/fd/"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
