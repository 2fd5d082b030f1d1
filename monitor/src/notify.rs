//! sd_notify: state datagrams to systemd's `NOTIFY_SOCKET` (a unix datagram socket; a name
//! starting with `@` is in the abstract namespace). No libsystemd: the protocol is one
//! `sendto` of `KEY=VALUE\n` lines.

use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use nix::sys::socket::{sendto, socket, AddressFamily, MsgFlags, SockFlag, SockType, UnixAddr};

/// `MAINPID=<pid>`: the process systemd should watch as the service's main one.
pub fn main_pid(pid: i32) -> String {
    format!("MAINPID={pid}\n")
}

/// `READY=1` with the main pid: the service is up.
pub fn ready(pid: i32) -> String {
    format!("READY=1\nMAINPID={pid}\n")
}

/// Sends one datagram to the notify socket at `addr` (a path, or `@name` for an abstract one).
pub fn send(addr: &Path, message: &str) -> io::Result<()> {
    let fd = socket(
        AddressFamily::Unix,
        SockType::Datagram,
        SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    let bytes = addr.as_os_str().as_bytes();
    let (ua, _dir) = match bytes.strip_prefix(b"@") {
        Some(name) => (UnixAddr::new_abstract(name)?, None),
        None => crate::wire::socket_addr(addr)?,
    };
    let n = sendto(
        fd.as_raw_fd(),
        message.as_bytes(),
        &ua,
        MsgFlags::MSG_NOSIGNAL,
    )?;
    if n != message.len() {
        return Err(io::Error::new(
            io::ErrorKind::WriteZero,
            "short notify datagram",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::linux::net::SocketAddrExt;
    use std::os::unix::net::UnixDatagram;

    #[test]
    fn path_and_abstract_sockets_receive() {
        let dir = std::env::temp_dir().join(format!("ctl-notify-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("notify.sock");
        let _ = std::fs::remove_file(&path);
        let rx = UnixDatagram::bind(&path).unwrap();
        send(&path, &ready(42)).unwrap();
        let mut buf = [0u8; 128];
        let n = rx.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"READY=1\nMAINPID=42\n");
        std::fs::remove_dir_all(&dir).unwrap();

        let name = format!("ctl-notify-test-{}", std::process::id());
        let addr = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes()).unwrap();
        let rx = UnixDatagram::bind_addr(&addr).unwrap();
        send(Path::new(&format!("@{name}")), &main_pid(7)).unwrap();
        let n = rx.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"MAINPID=7\n");
        assert!(send(Path::new("/nonexistent/notify"), "READY=1\n").is_err());
    }
}
