//! The pause process: a tiny process sleeping in the rootless user and mount namespaces so
//! they outlive any one command (podman's rootless pause process). Every rootless `ctl`
//! joins them with setns(2) before any thread exists; the first one creates them.

use std::fs::File;
use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};

use nix::fcntl::OFlag;
use nix::sched::CloneFlags;

use crate::container::state::process_start;
use crate::context::Context;
use crate::error::{Error, IoContext, Result};
use crate::fsutil::{atomic_write, create_private_dir, Lock};
use crate::rootless::idmap::{HostUser, Plan};
use crate::rootless::ROOTLESS_UID_ENV;

/// The pause process is ctl re-executed with this argv[0]: how main recognises it, and how
/// a stale pid file is told from a live one.
pub const PAUSE_ARGV0: &str = "ctl-pause";

pub fn pid_file(runroot: &Path) -> PathBuf {
    runroot.join("pause.pid")
}

/// The live pause process of `uid` recorded under `runroot`, if any.
pub fn running(runroot: &Path, uid: u32) -> Option<i32> {
    let text = std::fs::read_to_string(pid_file(runroot)).ok()?;
    let pid: i32 = text.lines().next()?.trim().parse().ok()?;
    let proc_dir = PathBuf::from(format!("/proc/{pid}"));
    let cmdline = std::fs::read(proc_dir.join("cmdline")).ok()?;
    let argv0 = cmdline.split(|b| *b == 0).next().unwrap_or_default();
    let status = std::fs::read_to_string(proc_dir.join("status")).ok()?;
    let real_uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|u| u.parse::<u32>().ok());
    // A pause process killed a moment ago may linger as a zombie, without namespaces.
    let zombie = status
        .lines()
        .any(|l| l.starts_with("State:") && l.contains('Z'));
    // Seen from inside the namespace, the user is root.
    let want = if crate::rootless::inside_uid() == Some(uid) {
        0
    } else {
        uid
    };
    (argv0 == PAUSE_ARGV0.as_bytes() && real_uid == Some(want) && !zombie).then_some(pid)
}

/// What joining reported that the user should hear about once.
#[derive(Debug, Default)]
pub struct Joined {
    pub warnings: Vec<String>,
}

/// Joins the user's pause process's namespaces, creating it first when there is none.
/// Must run before any thread exists (setns(2) into a user namespace requires it).
pub fn join(ctx: &Context) -> Result<Joined> {
    let mut joined = Joined::default();
    if !ctx.rootless || nix::unistd::geteuid().is_root() {
        return Ok(joined); // rootful, or already inside (ctl started by ctl)
    }
    ensure_single_threaded()?;
    if prepare_runroot(ctx)? {
        joined.warnings.push(format!(
            "XDG_RUNTIME_DIR is not set: run state goes to {} (mode 0700)",
            ctx.runroot.display()
        ));
    }
    let pid = match running(&ctx.runroot, ctx.uid) {
        Some(pid) => pid,
        None => {
            let _lock = Lock::exclusive(&ctx.runroot.join("pause.lock"))?;
            match running(&ctx.runroot, ctx.uid) {
                Some(pid) => pid,
                None => {
                    let plan = Plan::for_user(&HostUser::current(ctx.uid));
                    let pid = spawn(&plan)?;
                    let start = process_start(pid).unwrap_or(0);
                    atomic_write(
                        &pid_file(&ctx.runroot),
                        format!("{pid}\n{start}\n").as_bytes(),
                    )?;
                    if let Some(reason) = &plan.single_reason {
                        joined.warnings.push(format!(
                            "{reason}: only uid {} is mapped (to root) in the user namespace; \
                             images with files owned by other users cannot be used",
                            ctx.uid
                        ));
                    }
                    pid
                }
            }
        }
    };
    enter(pid, ctx.uid)?;
    Ok(joined)
}

/// The run directory must be ours and private: it holds the pause pid file that every later
/// command trusts. Returns true when it was just created in the /tmp fallback.
fn prepare_runroot(ctx: &Context) -> Result<bool> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let fallback = std::env::var_os("XDG_RUNTIME_DIR").is_none_or(|v| v.is_empty())
        && ctx.runroot == Path::new(&format!("/tmp/ctl-{}", ctx.uid));
    let existed = ctx.runroot.exists();
    create_private_dir(&ctx.runroot)?;
    let meta = std::fs::symlink_metadata(&ctx.runroot).at(&ctx.runroot)?;
    if !meta.is_dir() || meta.uid() != ctx.uid {
        return Err(Error::Rootless(format!(
            "run directory {} is not a directory owned by uid {}: remove it or set \
             XDG_RUNTIME_DIR",
            ctx.runroot.display(),
            ctx.uid
        )));
    }
    if meta.mode() & 0o077 != 0 {
        std::fs::set_permissions(&ctx.runroot, std::fs::Permissions::from_mode(0o700))
            .at(&ctx.runroot)?;
    }
    Ok(fallback && !existed)
}

fn ensure_single_threaded() -> Result<()> {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let threads = status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .map(str::trim);
    if threads.is_some_and(|t| t != "1") {
        return Err(Error::Rootless(
            "cannot join the user namespace from a multi-threaded process".into(),
        ));
    }
    Ok(())
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(OFlag::O_CLOEXEC).map_err(|e| Error::io("pipe", e.into()))
}

/// Forks the pause process: it enters new user and mount namespaces, waits until we have
/// written its id maps, then re-executes ctl as `ctl-pause` (a fresh, small image) to sleep
/// forever. Returns its pid once that exec happened.
fn spawn(plan: &Plan) -> Result<i32> {
    let null = File::options()
        .read(true)
        .write(true)
        .open("/dev/null")
        .at("/dev/null")?;
    let (ready_r, ready_w) = pipe()?;
    let (go_r, go_w) = pipe()?;
    // SAFETY: this process is single-threaded (checked by the caller), so the child may run
    // any code; it still only makes raw system calls and never returns.
    match unsafe { nix::unistd::fork() } {
        Err(e) => Err(Error::io("fork", e.into())),
        Ok(nix::unistd::ForkResult::Child) => {
            pause_child(ready_w.as_raw_fd(), go_r.as_raw_fd(), null.as_raw_fd())
        }
        Ok(nix::unistd::ForkResult::Parent { child }) => {
            drop(ready_w);
            drop(go_r);
            let pid = child.as_raw();
            let mut byte = [0u8];
            let mut ready = File::from(ready_r);
            let unshared = ready.read_exact(&mut byte).is_ok() && byte[0] == b'0';
            let result = if unshared {
                plan.apply(pid)
            } else {
                Err(Error::Rootless(
                    "cannot create a user namespace (is kernel.unprivileged_userns_clone or \
                     user.max_user_namespaces 0?)"
                        .into(),
                ))
            };
            match result {
                Ok(()) => {
                    nix::unistd::write(&go_w, b"1").map_err(|e| Error::io("pipe", e.into()))?;
                    // The ready pipe closes (close-on-exec) when the child has become
                    // `ctl-pause`: only then may its pid be published.
                    let mut rest = Vec::new();
                    let _ = ready.read_to_end(&mut rest);
                    Ok(pid)
                }
                Err(e) => {
                    let _ = nix::sys::signal::kill(child, nix::sys::signal::Signal::SIGKILL);
                    let _ = nix::sys::wait::waitpid(child, None);
                    Err(e)
                }
            }
        }
    }
}

/// The forked child, in raw system calls until it execs.
fn pause_child(ready: RawFd, go: RawFd, null: RawFd) -> ! {
    // SAFETY: plain system calls on fds this process owns; the process ends in _exit, exec
    // or sleeping forever, never returning into the parent's copy of the Rust runtime.
    unsafe {
        libc::setsid();
        let ok = libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNS) == 0;
        let msg: &[u8] = if ok { b"0" } else { b"1" };
        libc::write(ready, msg.as_ptr().cast(), 1);
        let mut b = 0u8;
        if !ok || libc::read(go, (&raw mut b).cast(), 1) != 1 || b != b'1' {
            libc::_exit(1);
        }
        libc::dup2(null, 0);
        libc::dup2(null, 1);
        libc::dup2(null, 2);
        libc::chdir(c"/".as_ptr());
        let argv = [c"ctl-pause".as_ptr(), std::ptr::null()];
        libc::execv(c"/proc/self/exe".as_ptr(), argv.as_ptr());
    }
    // No exec (the binary gone?): sleep in this copy instead.
    sleep_forever()
}

/// The pause process's life: hold nothing, ignore what a terminal or a shell would send,
/// sleep until killed.
pub fn sleep_forever() -> ! {
    // SAFETY: plain system calls; nothing else runs in this process.
    unsafe {
        // Inherited fds (the caller's pipes, lock files) must not be held for ever.
        libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32);
        libc::prctl(libc::PR_SET_NAME, c"ctl-pause".as_ptr(), 0, 0, 0);
        for sig in [libc::SIGINT, libc::SIGHUP, libc::SIGPIPE, libc::SIGQUIT] {
            libc::signal(sig, libc::SIG_IGN);
        }
        loop {
            libc::pause();
        }
    }
}

/// setns(2) into the pause process's user, then mount namespace. The working directory is
/// kept (entering a mount namespace resets it to the root).
fn enter(pid: i32, uid: u32) -> Result<()> {
    let open = |ns: &str| {
        let p = format!("/proc/{pid}/ns/{ns}");
        File::open(&p).at(p)
    };
    let (user, mnt) = (open("user")?, open("mnt")?);
    let cwd = std::env::current_dir().ok();
    let fail = |what: &str, e: nix::errno::Errno| {
        Error::Rootless(format!(
            "cannot join the pause process's {what} namespace: {e}"
        ))
    };
    nix::sched::setns(&user, CloneFlags::CLONE_NEWUSER).map_err(|e| fail("user", e))?;
    nix::sched::setns(&mnt, CloneFlags::CLONE_NEWNS).map_err(|e| fail("mount", e))?;
    // chdir is process-wide; no other thread can see it change: join checked that this
    // process is single-threaded, and the kernel refuses both setns calls above otherwise
    // (EINVAL for a user namespace, and a mount namespace needs an unshared fs context).
    if let Some(c) = cwd {
        let _ = std::env::set_current_dir(c);
    }
    // Children (monitor, runtime, cleanup) run as root in here; this tells them whose it is.
    // SAFETY (of set_var): the process is still single-threaded.
    std::env::set_var(ROOTLESS_UID_ENV, uid.to_string());
    Ok(())
}

/// Stops the pause process (`ctl system migrate`): the next command creates a new one with
/// the id maps of today's /etc/subuid and /etc/subgid. Returns its pid if one ran.
pub fn stop(runroot: &Path, uid: u32) -> Result<Option<i32>> {
    let Some(pid) = running(runroot, uid) else {
        let _ = std::fs::remove_file(pid_file(runroot));
        return Ok(None);
    };
    let start = process_start(pid);
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGKILL,
    );
    crate::sys::wait_gone(pid, start, Some(std::time::Duration::from_secs(5)));
    let _ = std::fs::remove_file(pid_file(runroot));
    Ok(Some(pid))
}
