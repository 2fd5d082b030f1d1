//! Mounting the kernel's overlayfs with many lower layers.
//!
//! mount(2) takes its options as one page (4096 bytes): with full layer paths that is about
//! 55 layers. So, first choice (Linux >= 6.8): the new mount API, one `lowerdir+` per layer
//! through fsconfig(2), which has no such limit; the kernel's own cap of 500 layers applies.
//! Older kernels: mount(2) with each layer named by its short link (`l/<ID>`, see
//! image/links.rs) relative to the store's layers/ dir, from a thread with a working
//! directory of its own (unshare(CLONE_FS)), so the rest of the process, tokio's threads
//! included, never sees the directory change.

use std::ffi::{CStr, CString};
use std::io::{self, Read};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::mount::{mount, MsFlags};
use nix::sched::{unshare, CloneFlags};

use crate::container::rootfs::{Layers, Lower, MAX_LAYERS};
use crate::error::{Error, Result};
use crate::image::links;

/// Overlay's boolean mount options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// Use user.overlay.* xattrs (in a user namespace).
    pub userxattr: bool,
    /// Never sync the upper dir (a container removed when it exits).
    pub volatile: bool,
}

impl Flags {
    fn names(self) -> impl Iterator<Item = &'static str> {
        [
            self.userxattr.then_some("userxattr"),
            self.volatile.then_some("volatile"),
        ]
        .into_iter()
        .flatten()
    }
}

/// Mounts overlay at `target`.
pub fn mount_kernel(
    layers: &Layers<'_>,
    upper: &Path,
    work: &Path,
    target: &Path,
    flags: Flags,
) -> Result<()> {
    let paths: Vec<PathBuf> = layers.lowers.iter().map(|l| l.path(layers.dir)).collect();
    match fs_api::mount(&paths, layers.idmap, upper, work, target, flags) {
        Ok(()) => Ok(()),
        // Id-mapped layers need the new mount API; mount(2) cannot take them.
        Err(e) if layers.idmap.is_some() => Err(Error::OverlayMount {
            target: target.to_path_buf(),
            reason: format!("id-mapped layers: {e}"),
        }),
        // ENOSYS: no new mount API; EINVAL: overlay does not know `lowerdir+` (< 6.8) or
        // the legacy shim refused it. mount(2) says what is wrong if it fails too.
        Err(e) if matches!(e.errno, libc::ENOSYS | libc::EINVAL) => {
            tracing::debug!("new mount API: {e}; using mount(2)");
            mount_legacy(layers, upper, work, target, flags)
        }
        Err(e) => Err(Error::OverlayMount {
            target: target.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

/// The mount(2) data: lower dirs as given (relative to layers/ or absolute).
pub fn legacy_options(lowers: &[String], upper: &Path, work: &Path, flags: Flags) -> String {
    let mut opts = format!(
        "lowerdir={},upperdir={},workdir={}",
        lowers.join(":"),
        upper.display(),
        work.display()
    );
    for name in flags.names() {
        opts.push(',');
        opts.push_str(name);
    }
    opts
}

/// mount(2) copies at most one page of options, NUL included; longer ones are cut short
/// (the last lower dir then names something that does not exist).
pub fn check_options_fit(opts: &str, layers: usize, page: usize) -> Result<()> {
    if opts.len() < page {
        return Ok(());
    }
    Err(Error::TooManyLayersForKernel {
        layers,
        len: opts.len(),
        page,
        max: MAX_LAYERS,
    })
}

fn page_size() -> usize {
    nix::unistd::sysconf(nix::unistd::SysconfVar::PAGE_SIZE)
        .ok()
        .flatten()
        .map_or(4096, |p| p as usize)
}

/// mount(2) with short link names; what [`mount_kernel`] falls back to.
pub fn mount_legacy(
    layers: &Layers<'_>,
    upper: &Path,
    work: &Path,
    target: &Path,
    flags: Flags,
) -> Result<()> {
    let (layers_dir, lowers) = (layers.dir, layers.lowers);
    let mut names = Vec::with_capacity(lowers.len());
    for l in lowers {
        names.push(match l {
            // Made here for layers stored before links existed.
            Lower::Layer(hex) => links::ensure(layers_dir, hex)?,
            Lower::Dir(p) => p.display().to_string(),
        });
    }
    let opts = legacy_options(&names, upper, work, flags);
    check_options_fit(&opts, lowers.len(), page_size())?;
    let failed = |e: nix::errno::Errno| Error::OverlayMount {
        target: target.to_path_buf(),
        reason: e.desc().to_string(),
    };
    std::thread::scope(|s| {
        s.spawn(|| {
            // The working directory is shared by all threads unless this one takes its own
            // copy: only this short-lived thread resolves `l/<ID>` against layers/.
            unshare(CloneFlags::CLONE_FS).map_err(failed)?;
            std::env::set_current_dir(layers_dir).map_err(|e| Error::io(layers_dir, e))?;
            mount(
                Some("overlay"),
                target,
                Some("overlay"),
                MsFlags::empty(),
                Some(opts.as_str()),
            )
            .map_err(failed)
        })
        .join()
        .unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

/// fsopen/fsconfig/fsmount/move_mount, which the libc crate does not wrap.
mod fs_api {
    use super::*;

    // From <linux/mount.h>; the values are kernel ABI.
    const FSOPEN_CLOEXEC: libc::c_uint = 1;
    const FSCONFIG_SET_FLAG: libc::c_uint = 0;
    const FSCONFIG_SET_STRING: libc::c_uint = 1;
    const FSCONFIG_CMD_CREATE: libc::c_uint = 6;
    const FSMOUNT_CLOEXEC: libc::c_uint = 1;
    const MOVE_MOUNT_F_EMPTY_PATH: libc::c_uint = 4;

    /// A failed step, with what the kernel logged on the fs context.
    #[derive(Debug)]
    pub struct FsError {
        pub errno: i32,
        step: String,
        log: Vec<String>,
    }

    impl std::fmt::Display for FsError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(
                f,
                "{}: {}",
                self.step,
                io::Error::from_raw_os_error(self.errno)
            )?;
            for l in &self.log {
                write!(f, "; {l}")?;
            }
            Ok(())
        }
    }

    fn cstr(s: &str) -> CString {
        CString::new(s).expect("no NUL in a constant")
    }

    fn path_cstr(p: &Path) -> io::Result<CString> {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))
    }

    /// Reads the messages the kernel queued on the context (`e overlayfs: ...`).
    fn log_of(fd: &OwnedFd) -> Vec<String> {
        let Ok(dup) = fd.try_clone() else {
            return Vec::new();
        };
        let mut f = std::fs::File::from(dup);
        let mut out = Vec::new();
        let mut buf = [0u8; 1024];
        // Each read gives one message; ENODATA ends the queue.
        while let Ok(n) = f.read(&mut buf) {
            if n == 0 || out.len() >= 4 {
                break;
            }
            let msg = String::from_utf8_lossy(&buf[..n]);
            out.push(msg.trim().escape_debug().to_string());
        }
        out
    }

    fn err(fd: Option<&OwnedFd>, step: &str) -> FsError {
        FsError {
            errno: io::Error::last_os_error()
                .raw_os_error()
                .unwrap_or(libc::EIO),
            step: step.to_string(),
            log: fd.map(log_of).unwrap_or_default(),
        }
    }

    fn set(fd: &OwnedFd, cmd: libc::c_uint, key: Option<&CStr>, value: Option<&CStr>) -> bool {
        let ptr = |c: Option<&CStr>| c.map_or(std::ptr::null(), CStr::as_ptr);
        // SAFETY: fsconfig reads the NUL-terminated key and value (or takes NULL where the
        // command has none) during the call only; fd is an open fs context.
        let r = unsafe {
            libc::syscall(
                libc::SYS_fsconfig,
                fd.as_raw_fd(),
                cmd,
                ptr(key),
                ptr(value),
                0 as libc::c_int,
            )
        };
        r == 0
    }

    pub fn mount(
        lowers: &[PathBuf],
        idmap: Option<std::os::fd::BorrowedFd<'_>>,
        upper: &Path,
        work: &Path,
        target: &Path,
        flags: Flags,
    ) -> std::result::Result<(), FsError> {
        let bad_path = |step: &str| FsError {
            errno: libc::EINVAL,
            step: step.to_string(),
            log: vec!["path contains a NUL byte".into()],
        };
        let name = cstr("overlay");
        // SAFETY: fsopen reads the NUL-terminated fs name; it returns a new fd or -1.
        let raw = unsafe { libc::syscall(libc::SYS_fsopen, name.as_ptr(), FSOPEN_CLOEXEC) };
        if raw < 0 {
            return Err(err(None, "fsopen overlay"));
        }
        // SAFETY: a fresh descriptor that nothing else owns.
        let fs = unsafe { OwnedFd::from_raw_fd(raw as i32) };
        let lower_key = cstr("lowerdir+");
        // Id-mapped layers are attached under the container's idmapped/ only until the
        // overlay holds them (overlay cannot take a detached mount), then detached again.
        let staged = match idmap {
            Some(userns) => {
                let stage = work.with_file_name(crate::container::idmapped::STAGE);
                crate::container::idmapped::stage(lowers, userns, &stage).map_err(|(l, e)| {
                    FsError {
                        errno: e.raw_os_error().unwrap_or(libc::EIO),
                        step: format!("id-mapped layer {}", l.display()),
                        log: vec![],
                    }
                })?
            }
            None => lowers.to_vec(),
        };
        let _unstage = crate::container::idmapped::Unstage(
            idmap.map(|_| work.with_file_name(crate::container::idmapped::STAGE)),
        );
        for l in &staged {
            let v = path_cstr(l).map_err(|_| bad_path("lowerdir+"))?;
            if !set(&fs, FSCONFIG_SET_STRING, Some(&lower_key), Some(&v)) {
                return Err(err(Some(&fs), &format!("lowerdir+ {}", l.display())));
            }
        }
        for (key, p) in [("upperdir", upper), ("workdir", work)] {
            let v = path_cstr(p).map_err(|_| bad_path(key))?;
            if !set(&fs, FSCONFIG_SET_STRING, Some(&cstr(key)), Some(&v)) {
                return Err(err(Some(&fs), &format!("{key} {}", p.display())));
            }
        }
        for name in flags.names() {
            if !set(&fs, FSCONFIG_SET_FLAG, Some(&cstr(name)), None) {
                return Err(err(Some(&fs), name));
            }
        }
        if !set(&fs, FSCONFIG_CMD_CREATE, None, None) {
            return Err(err(Some(&fs), "create overlay"));
        }
        // SAFETY: fs is a configured context; fsmount returns a new mount fd or -1.
        let raw = unsafe {
            libc::syscall(
                libc::SYS_fsmount,
                fs.as_raw_fd(),
                FSMOUNT_CLOEXEC,
                0 as libc::c_uint,
            )
        };
        if raw < 0 {
            return Err(err(Some(&fs), "fsmount"));
        }
        // SAFETY: a fresh descriptor that nothing else owns.
        let mnt = unsafe { OwnedFd::from_raw_fd(raw as i32) };
        let t = path_cstr(target).map_err(|_| bad_path("move_mount"))?;
        let empty = cstr("");
        // SAFETY: move_mount reads the two NUL-terminated paths during the call; mnt is the
        // detached mount just made, attached at target here.
        let r = unsafe {
            libc::syscall(
                libc::SYS_move_mount,
                mnt.as_raw_fd(),
                empty.as_ptr(),
                libc::AT_FDCWD,
                t.as_ptr(),
                MOVE_MOUNT_F_EMPTY_PATH,
            )
        };
        if r != 0 {
            return Err(err(None, &format!("move_mount to {}", target.display())));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("l/{:012}", i)).collect()
    }

    #[test]
    fn options_name_lowers_top_first_then_upper_and_work() {
        let o = legacy_options(
            &["l/AAAA".into(), "/abs/empty".into()],
            Path::new("/c/diff"),
            Path::new("/c/work"),
            Flags::default(),
        );
        assert_eq!(
            o,
            "lowerdir=l/AAAA:/abs/empty,upperdir=/c/diff,workdir=/c/work"
        );
        let ux = Flags {
            userxattr: true,
            volatile: false,
        };
        let o = legacy_options(&["l/A".into()], Path::new("/u"), Path::new("/w"), ux);
        assert!(o.ends_with(",workdir=/w,userxattr"), "{o}");
        let both = Flags {
            userxattr: true,
            volatile: true,
        };
        let o = legacy_options(&["l/A".into()], Path::new("/u"), Path::new("/w"), both);
        assert!(o.ends_with(",workdir=/w,userxattr,volatile"), "{o}");
    }

    #[test]
    fn short_links_fit_128_layers_in_a_page_with_long_container_paths() {
        let dir = format!("/{}", "x".repeat(200));
        let upper = Path::new(&dir).join("diff");
        let work = Path::new(&dir).join("work");
        let all = Flags {
            userxattr: true,
            volatile: true,
        };
        let o = legacy_options(&links(128), &upper, &work, all);
        check_options_fit(&o, 128, 4096).unwrap();
    }

    #[test]
    fn options_over_a_page_are_refused_with_a_clear_error() {
        let o = legacy_options(
            &links(300),
            Path::new("/u"),
            Path::new("/w"),
            Flags::default(),
        );
        let e = check_options_fit(&o, 300, 4096).unwrap_err().to_string();
        assert!(e.contains("300 layers"), "{e}");
        assert!(e.contains("4096"), "{e}");
        assert!(!e.contains('\n'));
        // Exactly one page leaves no room for the NUL.
        let exact = "x".repeat(4096);
        assert!(check_options_fit(&exact, 1, 4096).is_err());
        assert!(check_options_fit(&exact[1..], 1, 4096).is_ok());
    }
}
