//! `--terminal`: the runtime creates the pty and sends its master over a unix socket
//! (`runtime create --console-socket PATH`), in a private temp directory.

use std::io;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{fcntl, FcntlArg, OFlag};
use nix::sys::socket::{
    bind, listen, socket, AddressFamily, Backlog, SockFlag, SockType, UnixAddr,
};

use super::sys;

pub struct ConsoleSocket {
    dir: PathBuf,
    path: PathBuf,
    listener: OwnedFd,
}

impl ConsoleSocket {
    pub fn new() -> io::Result<ConsoleSocket> {
        let dir = nix::unistd::mkdtemp(&std::env::temp_dir().join("ctl-monitor-XXXXXX"))?;
        let path = dir.join("console.sock");
        let sock = ConsoleSocket {
            listener: socket(
                AddressFamily::Unix,
                SockType::Stream,
                SockFlag::SOCK_CLOEXEC | SockFlag::SOCK_NONBLOCK,
                None,
            )?,
            dir,
            path,
        };
        bind(sock.listener.as_raw_fd(), &UnixAddr::new(&sock.path)?)?;
        listen(&sock.listener, Backlog::new(1).unwrap_or(Backlog::MAXCONN))?;
        Ok(sock)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes the pty master the runtime sent (it has already exited, so the connection is
    /// waiting); the master is returned non-blocking.
    pub fn receive(&self) -> io::Result<OwnedFd> {
        let conn = loop {
            match sys::accept(self.listener.as_fd()) {
                Err(Errno::EINTR) => continue,
                Err(Errno::EAGAIN) => {
                    return Err(io::Error::other("the runtime sent no terminal"));
                }
                r => break r?,
            }
        };
        let master = ctl_monitor::console::recv_fd(conn.as_fd())?;
        fcntl(
            &master,
            FcntlArg::F_SETFL(OFlag::O_NONBLOCK | OFlag::O_RDWR),
        )?;
        Ok(master)
    }
}

impl Drop for ConsoleSocket {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        let _ = std::fs::remove_dir(&self.dir);
    }
}
