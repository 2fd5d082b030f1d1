//! A real systemd as PID 1, for the unit tests that need one. It boots only over a throwaway
//! root: an overlay of / whose upper layer is a tmpfs, in a private mount and pid namespace,
//! entered with pivot_root; the boot script checks that / is that overlay before it execs
//! systemd, so the host's own root is never booted. The boot target wants nothing, every
//! `.wants` directory and generator is removed from the overlay, so only the unit under test
//! (and what it requires: sysinit, basic) starts. Dropping [`Systemd`] stops the units, kills
//! PID 1 by its pid (the kernel then kills the whole namespace and frees its mounts) and
//! removes the cgroups it made.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs as PID 1 of the new namespaces. $1 scratch dir, $2 cgroup dir name; the rest: host
/// paths to bind at the same place in the new root.
const BOOT: &str = r#"
set -eu
W=$1; CG=$2; shift 2
mount --make-rprivate /
# Our own cgroup, so systemd makes its tree under it and not at the hierarchies' roots.
if [ -e /sys/fs/cgroup/cgroup.procs ]; then hs=/sys/fs/cgroup/; else hs=$(echo /sys/fs/cgroup/*/); fi
for h in $hs; do
    [ -e "$h/cgroup.procs" ] || continue
    case $h in */cpuset/) continue ;; esac
    mkdir -p "$h$CG" && echo $$ > "$h$CG/cgroup.procs" || true
done
mount -t tmpfs -o mode=0755 ctl-systemd-test "$W"
mkdir "$W/upper" "$W/work" "$W/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$W/upper,workdir=$W/work" "$W/root"
R=$W/root
[ "$(stat -f -c %T "$R")" = overlayfs ] || { echo "new root is not an overlay" >&2; exit 97; }
mount -t proc proc "$R/proc"
mount --rbind /sys "$R/sys"
mount --rbind /dev "$R/dev"
mount -t tmpfs -o mode=0755 tmpfs "$R/run"
mount -t tmpfs -o mode=1777 tmpfs "$R/tmp"
for p in "$@"; do mkdir -p "$R$p"; mount --rbind "$p" "$R$p"; done
rm -rf "$R"/etc/systemd/system/*.wants "$R"/usr/lib/systemd/system/*.wants
mkdir -p "$R/etc/systemd/system-generators"
for g in "$R"/usr/lib/systemd/system-generators/*; do
    ln -sf /dev/null "$R/etc/systemd/system-generators/${g##*/}"
done
printf '[Unit]\nDescription=ctl test: nothing but the unit under test\n' \
    > "$R/etc/systemd/system/ctl-test.target"
cd "$R"
mkdir -p .oldroot
pivot_root . .oldroot
umount -l /.oldroot
rmdir /.oldroot
[ "$(stat -f -c %T /)" = overlayfs ] || { echo "/ is not the throwaway overlay" >&2; exit 98; }
export container=ctl-test
exec /lib/systemd/systemd --unit=ctl-test.target --log-target=console --show-status=no
"#;

pub struct Systemd {
    /// Host pid of the namespace's PID 1 (systemd once booted).
    pub pid: i32,
    unshare: Child,
    scratch: tempfile::TempDir,
    cgroup: String,
}

/// Why systemd cannot be booted here, if it cannot.
fn missing_prerequisite() -> Option<String> {
    if !crate::common::is_root() {
        return Some("not root".into());
    }
    for p in [
        "/lib/systemd/systemd",
        "/usr/bin/unshare",
        "/usr/bin/nsenter",
        "/bin/systemctl",
    ] {
        if !Path::new(p).exists() {
            return Some(format!("{p} is missing"));
        }
    }
    let fs = std::fs::read_to_string("/proc/filesystems").unwrap_or_default();
    if !fs.contains("overlay") {
        return Some("the kernel has no overlayfs".into());
    }
    None
}

/// The child of `parent` (unshare's forked PID 1), from /proc.
fn child_of(parent: u32) -> Option<i32> {
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: i32 = e.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
        let ppid: u32 = stat.rsplit_once(") ")?.1.split(' ').nth(1)?.parse().ok()?;
        (ppid == parent).then_some(pid)
    })
}

impl Systemd {
    /// Boots systemd with `binds` visible at their own paths. `Err` says why it could not
    /// be booted (the caller reports the test as skipped, loudly).
    pub fn boot(binds: &[&Path]) -> Result<Systemd, String> {
        if let Some(why) = missing_prerequisite() {
            return Err(why);
        }
        let scratch = tempfile::Builder::new()
            .prefix("ctl-systemd-")
            .tempdir()
            .map_err(|e| e.to_string())?;
        let cgroup = format!("ctl-systemd-test-{}", std::process::id());
        let work = scratch.path().join("w");
        std::fs::create_dir(&work).map_err(|e| e.to_string())?;
        let mut cmd = Command::new("unshare");
        cmd.args([
            "--mount",
            "--pid",
            "--fork",
            "--propagation",
            "private",
            "--",
        ])
        .args(["/bin/sh", "-c", BOOT, "boot"])
        .arg(&work)
        .arg(&cgroup)
        .args(binds)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(scratch.path().join("boot.err")).map_err(|e| e.to_string())?);
        let unshare = cmd.spawn().map_err(|e| format!("unshare: {e}"))?;
        let pid = crate::common::wait_for(Duration::from_secs(5), || child_of(unshare.id()));
        let mut sd = Systemd {
            pid: pid.unwrap_or(0),
            unshare,
            scratch,
            cgroup,
        };
        if sd.pid == 0 {
            return Err(format!("unshare started no PID 1: {}", sd.logs()));
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let state = sd.systemctl(&["is-system-running"]);
            let text = String::from_utf8_lossy(&state.stdout).trim().to_string();
            if matches!(text.as_str(), "running" | "degraded") {
                return Ok(sd);
            }
            if Instant::now() > deadline || sd.unshare.try_wait().ok().flatten().is_some() {
                return Err(format!(
                    "systemd did not come up (state {text:?}): {}",
                    sd.logs()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The boot script's errors (systemd in a container logs to a null stderr, and no
    /// journald runs: unit properties are the evidence).
    pub fn logs(&self) -> String {
        let err = std::fs::read_to_string(self.scratch.path().join("boot.err")).unwrap_or_default();
        format!("\n--- boot stderr\n{err}")
    }

    /// A command run inside the namespaces (mount, pid, root) of the booted systemd.
    pub fn command(&self, program: &str, args: &[&str]) -> Command {
        let mut c = Command::new("nsenter");
        c.args([
            "-t",
            &self.pid.to_string(),
            "-m",
            "-p",
            "-r",
            "-w",
            "--",
            program,
        ])
        .args(args)
        .stdin(Stdio::null());
        c
    }

    pub fn systemctl(&self, args: &[&str]) -> Output {
        let mut full = vec!["--no-pager"];
        full.extend_from_slice(args);
        self.command("systemctl", &full)
            .output()
            .expect("nsenter systemctl")
    }

    /// `systemctl show -p PROP --value UNIT`.
    pub fn show(&self, unit: &str, prop: &str) -> String {
        let out = self.systemctl(&["show", "-p", prop, "--value", unit]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Installs a unit file in the throwaway root and reloads.
    pub fn install(&self, name: &str, text: &str) {
        let dir = PathBuf::from(format!("/proc/{}/root/etc/systemd/system", self.pid));
        std::fs::write(dir.join(name), text).expect("write unit into the booted root");
        let out = self.systemctl(&["daemon-reload"]);
        assert!(
            out.status.success(),
            "daemon-reload: {out:?}{}",
            self.logs()
        );
    }

    /// What debugging without a journal has: the unit's status and main properties.
    pub fn status(&self, unit: &str) -> String {
        let out = self.systemctl(&["status", unit]);
        let props = self.systemctl(&[
            "show",
            "-p",
            "ActiveState,SubState,Result,MainPID,ExecMainCode,ExecMainStatus,NRestarts",
            unit,
        ]);
        format!(
            "{}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&props.stdout),
            self.logs()
        )
    }
}

impl Drop for Systemd {
    fn drop(&mut self) {
        if self.pid > 0 {
            // SAFETY: kill(2) by the pid this test started; no memory involved.
            unsafe { libc::kill(self.pid, libc::SIGKILL) };
        }
        let _ = self.unshare.kill();
        let _ = self.unshare.wait();
        // The namespace's processes are gone once PID 1 is reaped; then its cgroups can go.
        for h in std::fs::read_dir("/sys/fs/cgroup")
            .into_iter()
            .flatten()
            .flatten()
        {
            remove_cgroup_tree(&h.path().join(&self.cgroup));
        }
        remove_cgroup_tree(&Path::new("/sys/fs/cgroup").join(&self.cgroup));
    }
}

/// rmdir of a cgroup and its children, deepest first, retrying while processes drain.
fn remove_cgroup_tree(dir: &Path) {
    if !dir.is_dir() {
        return;
    }
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            remove_cgroup_tree(&e.path());
        }
    }
    for _ in 0..50 {
        if std::fs::remove_dir(dir).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
