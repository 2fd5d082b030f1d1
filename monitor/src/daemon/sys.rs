//! Every unsafe operation of the monitor binary, each with why it is sound. The rest of the
//! crate is under `#![deny(unsafe_code)]`.

#![allow(unsafe_code)]

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::process::Command;

use nix::sys::signal::Signal;
use nix::sys::socket::{accept4, MsgFlags, SockFlag};
use nix::unistd::ForkResult;

/// Which side of [`fork`] we are on.
pub enum Fork {
    Parent,
    Child,
}

/// fork(2).
pub fn fork() -> nix::Result<Fork> {
    // SAFETY: called first thing in main, before anything could start a thread: the process
    // is single-threaded, so the child may go on running ordinary Rust code.
    match unsafe { nix::unistd::fork() }? {
        ForkResult::Parent { .. } => Ok(Fork::Parent),
        ForkResult::Child => Ok(Fork::Child),
    }
}

/// Takes ownership of an fd number ctl passed on the command line (`--sync-fd`,
/// `--hold-fd`), if it is open.
pub fn take_fd(raw: RawFd) -> Option<OwnedFd> {
    // SAFETY: F_GETFD reads the fd's flags and touches no memory.
    if raw < 3 || unsafe { libc::fcntl(raw, libc::F_GETFD) } < 0 {
        return None;
    }
    // SAFETY: the fd is open (checked above) and, by the protocol, handed over to the monitor
    // alone; nothing else in this process wraps it, and it is taken at most once.
    Some(unsafe { OwnedFd::from_raw_fd(raw) })
}

/// Marks every fd from `first` up close-on-exec, so nothing ctl leaked (nor the sync pipe)
/// reaches the runtime, the container or the exit command.
pub fn cloexec_from(first: u32) {
    // SAFETY: close_range with CLOSE_RANGE_CLOEXEC only changes fd flags; no memory involved.
    let r = unsafe {
        libc::syscall(
            libc::SYS_close_range,
            first,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    if r == 0 {
        return;
    }
    // Kernels before 5.11: walk /proc/self/fd.
    let Ok(dir) = std::fs::read_dir("/proc/self/fd") else {
        return;
    };
    for fd in dir
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<RawFd>().ok())
    {
        if fd >= first as RawFd {
            // SAFETY: setting FD_CLOEXEC on an fd number (open or already closed) touches no
            // memory; a closed one just fails with EBADF.
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
    }
}

/// pidfd_open(2): an fd that becomes readable when `pid` exits; `None` on old kernels.
pub fn pidfd_open(pid: i32) -> Option<OwnedFd> {
    // SAFETY: a plain syscall with integer arguments.
    let r = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if r < 0 {
        return None;
    }
    // SAFETY: on success the syscall returned a new fd that nothing else owns.
    Some(unsafe { OwnedFd::from_raw_fd(r as RawFd) })
}

/// TIOCSWINSZ on a pty master.
pub fn set_winsize(fd: BorrowedFd<'_>, rows: u16, cols: u16) -> io::Result<()> {
    let ws = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads one `struct winsize`, which `ws` is, for the duration of the
    // call.
    let r = unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCSWINSZ, &ws) };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Makes the command's process get SIGKILL when the monitor dies.
pub fn kill_with_parent(cmd: &mut Command) {
    // SAFETY: the closure runs between fork and exec and only makes the prctl(2) syscall,
    // which is async-signal-safe; it allocates nothing and takes no locks.
    unsafe {
        cmd.pre_exec(|| nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).map_err(io::Error::from));
    }
}

/// accept4(2) on a listening socket, close-on-exec.
pub fn accept(listener: BorrowedFd<'_>) -> nix::Result<OwnedFd> {
    let raw = accept4(listener.as_raw_fd(), SockFlag::SOCK_CLOEXEC)?;
    // SAFETY: accept4 returned a new fd that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(raw) })
}

/// read(2) of at most `max` bytes into `buf`'s spare capacity (its length is set to what was
/// read). Unlike reading into a zeroed buffer, only the pages the data lands on are touched,
/// so an idle or quiet container's monitor keeps its 32 KiB buffer out of memory.
pub fn read_spare(fd: BorrowedFd<'_>, buf: &mut Vec<u8>, max: usize) -> nix::Result<usize> {
    buf.clear();
    buf.reserve(max);
    let spare = &mut buf.spare_capacity_mut()[..max];
    // SAFETY: the kernel writes at most `spare.len()` (= max) bytes into the vector's own
    // allocated, unused capacity; nothing else refers to it during the call.
    let n = unsafe { libc::read(fd.as_raw_fd(), spare.as_mut_ptr().cast(), spare.len()) };
    let n = nix::errno::Errno::result(n)? as usize;
    // SAFETY: read(2) initialized the first `n` bytes of the spare capacity.
    unsafe { buf.set_len(n) };
    Ok(n)
}

/// recv(2) of one packet (at most `max` bytes) into `buf`'s spare capacity, like
/// [`read_spare`].
pub fn recv_spare(
    fd: BorrowedFd<'_>,
    buf: &mut Vec<u8>,
    max: usize,
    flags: MsgFlags,
) -> nix::Result<usize> {
    buf.clear();
    buf.reserve(max);
    let spare = &mut buf.spare_capacity_mut()[..max];
    // SAFETY: as in read_spare: the kernel fills at most `spare.len()` bytes of unused
    // capacity that nothing else refers to.
    let n = unsafe {
        libc::recv(
            fd.as_raw_fd(),
            spare.as_mut_ptr().cast(),
            spare.len(),
            flags.bits(),
        )
    };
    let n = nix::errno::Errno::result(n)? as usize;
    // SAFETY: recv(2) initialized the first `n` bytes of the spare capacity.
    unsafe { buf.set_len(n) };
    Ok(n)
}

/// Gives back memory that setup used and the idle loop does not need: free heap pages, and
/// the resident pages of read-only file mappings (code and constants of the binary, libc,
/// ld.so), which are clean file pages that fault back in from the page cache when used again.
pub fn trim_memory() {
    let ranges = match File::open("/proc/self/smaps") {
        Ok(f) => clean_read_only(BufReader::with_capacity(2048, f)),
        Err(_) => return,
    };
    for (start, end) in ranges {
        // SAFETY: each range is a whole private, read-only file mapping of this process with
        // no anonymous (copied-on-write) pages, so its pages equal the file's contents and
        // MADV_DONTNEED only drops them from the page tables; the next access faults the same
        // bytes back in. No Rust object lives in these mappings.
        unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED) };
    }
    #[cfg(target_env = "gnu")]
    // SAFETY: malloc_trim only returns free heap memory to the kernel; no live allocation is
    // touched.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// From smaps: the read-only private file mappings whose `Anonymous:` size is 0.
fn clean_read_only(smaps: impl BufRead) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for line in smaps.lines() {
        let Ok(line) = line else { break };
        let mut f = line.split_ascii_whitespace();
        let first = f.next().unwrap_or("");
        if let Some((a, b)) = first.split_once('-') {
            let (perms, path) = (f.next().unwrap_or(""), f.nth(3).unwrap_or(""));
            let range = usize::from_str_radix(a, 16)
                .ok()
                .zip(usize::from_str_radix(b, 16).ok());
            let read_only = perms == "r-xp" || perms == "r--p";
            current = range.filter(|_| read_only && path.starts_with('/'));
        } else if first == "Anonymous:" {
            if let Some(r) = current.take() {
                if f.next() == Some("0") {
                    out.push(r);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_clean_read_only_mappings_only() {
        let smaps = "\
5600-5700 r--p 00000000 fe:00 12 /usr/bin/x
Anonymous:             0 kB
5700-5800 r-xp 00001000 fe:00 12 /usr/bin/x
Rss:                  12 kB
Anonymous:             0 kB
5800-5900 r-xp 00000000 00:00 0 
Anonymous:             0 kB
7f00-7f10 r-xp 00000000 fe:00 13 /usr/lib/libc.so.6
Anonymous:             4 kB
ffff-10000 r-xp 00000000 00:00 0 [vdso]
Anonymous:             0 kB
5900-5a00 rw-p 00000000 fe:00 12 /usr/bin/x
Anonymous:             0 kB
";
        let ranges = clean_read_only(smaps.as_bytes());
        assert_eq!(ranges, vec![(0x5600, 0x5700), (0x5700, 0x5800)]);
    }
}
