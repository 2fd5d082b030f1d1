//! The attach socket: SOCK_SEQPACKET clients get `[stream id, data...]` packets of the
//! container's output and send raw stdin packets (see `ctl_monitor::wire`).

use std::io::{self, IoSlice};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::time::Duration;

use ctl_monitor::wire::{socket_addr, MAX_CLIENTS, MAX_PACKET_DATA};
use nix::errno::Errno;
use nix::sys::socket::{
    bind, listen, sendmsg, setsockopt, socket, sockopt, AddressFamily, Backlog, MsgFlags, SockFlag,
    SockType,
};
use nix::sys::time::TimeVal;

use super::sys;

/// How long one send may block on a slow client before it is dropped.
const SEND_TIMEOUT: Duration = Duration::from_secs(2);

pub struct Client {
    fd: OwnedFd,
    /// Still sending us input (false after it shut down its write side).
    pub reading: bool,
    /// Hung up; removed by [`Server::sweep`].
    pub gone: bool,
}

impl Client {
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

/// What a client's readable event turned out to be.
pub enum Input {
    Data(usize),
    /// The client ended its input; it may still receive output.
    End,
    /// The client is gone.
    Gone,
}

pub struct Server {
    listener: OwnedFd,
    path: PathBuf,
    pub clients: Vec<Client>,
}

impl Server {
    /// Creates the socket (replacing a stale one) and listens.
    pub fn bind(path: &Path) -> io::Result<Server> {
        let listener = socket(
            AddressFamily::Unix,
            SockType::SeqPacket,
            SockFlag::SOCK_CLOEXEC | SockFlag::SOCK_NONBLOCK,
            None,
        )?;
        let _ = std::fs::remove_file(path);
        let (addr, _dir) = socket_addr(path)?;
        bind(listener.as_raw_fd(), &addr)?;
        listen(
            &listener,
            Backlog::new(MAX_CLIENTS as i32).unwrap_or(Backlog::MAXCONN),
        )?;
        Ok(Server {
            listener,
            path: path.to_owned(),
            clients: Vec::new(),
        })
    }

    pub fn fd(&self) -> BorrowedFd<'_> {
        self.listener.as_fd()
    }

    pub fn full(&self) -> bool {
        self.clients.len() >= MAX_CLIENTS
    }

    /// Accepts pending connections while there is room.
    pub fn accept(&mut self) {
        while !self.full() {
            let fd = match sys::accept(self.listener.as_fd()) {
                Ok(fd) => fd,
                Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
                Err(_) => break,
            };
            let tv = TimeVal::new(SEND_TIMEOUT.as_secs() as _, 0);
            let _ = setsockopt(&fd, sockopt::SendTimeout, &tv);
            self.clients.push(Client {
                fd,
                reading: true,
                gone: false,
            });
        }
    }

    /// Sends one packet of output to every client; drops the ones that fail.
    pub fn broadcast(&mut self, stream: u8, data: &[u8]) {
        let head = [stream];
        let iov = [IoSlice::new(&head), IoSlice::new(data)];
        self.clients.retain(|c| loop {
            match sendmsg::<()>(c.fd.as_raw_fd(), &iov, &[], MsgFlags::MSG_NOSIGNAL, None) {
                Err(Errno::EINTR) => continue,
                r => return r.is_ok(),
            }
        });
    }

    /// Reads one packet of input from client `i` into `buf` (its capacity bounds the
    /// packet).
    pub fn read(&mut self, i: usize, buf: &mut Vec<u8>) -> Input {
        let c = &mut self.clients[i];
        loop {
            match sys::recv_spare(c.fd.as_fd(), buf, MAX_PACKET_DATA, MsgFlags::MSG_DONTWAIT) {
                Ok(0) => {
                    c.reading = false;
                    return Input::End;
                }
                Ok(n) => return Input::Data(n),
                Err(Errno::EINTR) => continue,
                Err(Errno::EAGAIN) => return Input::Data(0),
                Err(_) => {
                    c.gone = true;
                    return Input::Gone;
                }
            }
        }
    }

    /// Marks client `i` as gone (it hung up).
    pub fn hang_up(&mut self, i: usize) {
        self.clients[i].gone = true;
    }

    /// Removes the clients that are gone.
    pub fn sweep(&mut self) {
        self.clients.retain(|c| !c.gone);
    }

    /// Closes every client and removes the socket file.
    pub fn close(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
