//! The control fifo: ctl writes `1 ROWS COLS` (resize) and `2 0 0` (reopen the log) lines.
//! Opened read-write and non-blocking, so it never reports EOF when writers come and go.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use ctl_monitor::ControlMessage;
use nix::errno::Errno;
use nix::sys::stat::Mode;

/// A partial line longer than this is garbage and dropped.
const MAX_LINE: usize = 64;

pub struct CtlFifo {
    file: File,
    path: PathBuf,
    line: Vec<u8>,
}

impl CtlFifo {
    /// Creates the fifo (mode 0600; an existing one is reused) and opens it.
    pub fn create(path: &Path) -> io::Result<CtlFifo> {
        match nix::unistd::mkfifo(path, Mode::from_bits_truncate(0o600)) {
            Ok(()) | Err(Errno::EEXIST) => {}
            Err(e) => return Err(e.into()),
        }
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
            .open(path)?;
        Ok(CtlFifo {
            file,
            path: path.to_owned(),
            line: Vec::new(),
        })
    }

    pub fn fd(&self) -> BorrowedFd<'_> {
        self.file.as_fd()
    }

    /// Reads what is there and returns the complete messages in it.
    pub fn read(&mut self) -> Vec<ControlMessage> {
        let mut out = Vec::new();
        let mut buf = [0u8; 256];
        loop {
            let n = match self.file.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            for &b in &buf[..n] {
                if b == b'\n' {
                    out.extend(ControlMessage::decode(&self.line));
                    self.line.clear();
                } else if self.line.len() < MAX_LINE {
                    self.line.push(b);
                } else {
                    self.line[0] = b'!'; // too long: poison the line so it is dropped
                }
            }
        }
        out
    }

    /// Removes the fifo from the file system.
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
