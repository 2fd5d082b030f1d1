//! Secure defaults and their flags, seen from inside real containers: capabilities,
//! seccomp, masked and read-only paths, no-new-privileges, --privileged, --read-only,
//! --group-add and --init.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::common::{Out, WithImage};

/// podman's default capability set as /proc/PID/status shows it.
const PODMAN_CAPS: &str = "00000000800405fb";

/// `ctl run --rm FLAGS IMAGE sh -c SCRIPT`.
fn sh(w: &WithImage, flags: &[&str], script: &str) -> Out {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[&w.reference, "sh", "-c", script]);
    w.ctl.run(&args)
}

/// The Cap*, NoNewPrivs and Seccomp lines of the container's /proc/self/status.
fn status(w: &WithImage, flags: &[&str]) -> BTreeMap<String, String> {
    let out = sh(w, flags, "cat /proc/self/status");
    out.success();
    out.stdout
        .lines()
        .filter_map(|l| l.split_once(":\t"))
        .filter(|(k, _)| k.starts_with("Cap") || *k == "NoNewPrivs" || *k == "Seccomp")
        .map(|(k, v)| (k.to_string(), v.trim().to_string()))
        .collect()
}

/// This test process's own status line `key` (what ctl, its child, may hand out).
fn own_status(key: &str) -> String {
    let text = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = text.lines().find(|l| l.starts_with(&format!("{key}:")));
    line.unwrap()
        .split_once(":\t")
        .unwrap()
        .1
        .trim()
        .to_string()
}

fn caps(s: &BTreeMap<String, String>) -> [&str; 5] {
    ["CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"].map(|k| s[k].as_str())
}

/// The container's mount points (from its /proc/self/mountinfo).
fn mount_points(w: &WithImage, flags: &[&str]) -> Vec<String> {
    let out = sh(w, flags, "cat /proc/self/mountinfo");
    out.success();
    let points = out.stdout.lines().filter_map(|l| l.split(' ').nth(4));
    points.map(str::to_string).collect()
}

#[test]
fn defaults_are_podmans() {
    let w = WithImage::busybox();
    let s = status(&w, &[]);
    let zero = "0000000000000000";
    assert_eq!(
        caps(&s),
        [zero, PODMAN_CAPS, PODMAN_CAPS, PODMAN_CAPS, zero],
        "{s:?}"
    );
    assert_eq!(
        (s["Seccomp"].as_str(), s["NoNewPrivs"].as_str()),
        ("2", "0")
    );

    // mount and a new user namespace are refused (no CAP_SYS_ADMIN; the seccomp filter
    // refuses unshare(CLONE_NEWUSER), which needs no capability).
    let out = sh(
        &w,
        &[],
        "mkdir -p /mnt; mount -t tmpfs x /mnt && echo MOUNTED; \
         busybox unshare -U true && echo UNSHARED; exit 0",
    );
    out.success();
    assert!(!out.stdout.contains("MOUNTED"), "{out}");
    assert!(!out.stdout.contains("UNSHARED"), "{out}");
    assert!(out.stderr.contains("Operation not permitted"), "{out}");

    // Masked paths that exist here read as nothing: files are /dev/null, directories an
    // empty tmpfs.
    let masked = [
        "/proc/kcore",
        "/proc/keys",
        "/proc/timer_list",
        "/proc/sched_debug",
        "/proc/acpi",
        "/proc/scsi",
        "/sys/firmware",
        "/sys/dev/block",
    ];
    let present: Vec<&str> = masked
        .into_iter()
        .filter(|p| std::path::Path::new(p).exists())
        .collect();
    assert!(
        present.len() >= 3,
        "too few masked paths exist here: {present:?}"
    );
    for p in &present {
        let script = format!("if [ -d {p} ]; then ls -A {p}; else cat {p}; fi | wc -c");
        let out = sh(&w, &[], &script);
        out.success();
        assert_eq!(out.stdout.trim(), "0", "{p} is readable:\n{out}");
    }
    let points = mount_points(&w, &[]);
    assert!(points.iter().any(|p| p == "/proc/keys"), "{points:?}");

    // /proc/sys is read-only.
    let out = sh(&w, &[], "echo box > /proc/sys/kernel/hostname");
    assert_ne!(out.code, Some(0), "{out}");
    out.stderr_has("Read-only file system");
}

#[test]
fn capabilities_follow_cap_add_drop_and_the_user() {
    let w = WithImage::busybox();
    let s = status(&w, &["--cap-add", "net_admin", "--cap-drop", "CAP_CHOWN"]);
    // + NET_ADMIN (12), - CHOWN (0).
    assert_eq!(s["CapEff"], "00000000800415fa", "{s:?}");
    assert_eq!(s["CapBnd"], "00000000800415fa", "{s:?}");
    let s = status(&w, &["--cap-drop", "all", "--cap-add", "Kill"]);
    assert_eq!(s["CapBnd"], "0000000000000020", "{s:?}");
    assert_eq!(s["CapEff"], "0000000000000020", "{s:?}");
    // A user other than root gets only what was added, ambient included (podman's rule).
    let s = status(&w, &["-u", "1000", "--cap-add", "NET_RAW"]);
    let raw = "0000000000002000";
    assert_eq!(caps(&s), [raw, raw, raw, "00000000800425fb", raw], "{s:?}");
    let s = status(&w, &["-u", "1000"]);
    assert_eq!(s["CapEff"], "0000000000000000", "{s:?}");
    assert_eq!(s["CapBnd"], PODMAN_CAPS, "{s:?}");
    // With CAP_SYS_ADMIN the default seccomp profile lets mount through too.
    let out = sh(
        &w,
        &["--cap-add", "SYS_ADMIN"],
        "mkdir -p /mnt && mount -t tmpfs x /mnt && echo MOUNTED",
    );
    out.success().stdout_has("MOUNTED");

    for bad in [
        &["--cap-add", "NET_FLY"][..],
        &["--cap-drop", "bogus"],
        &["--cap-add", "ALL", "--cap-drop", "all"],
        &["--cap-add", "chown", "--cap-drop", "CAP_CHOWN"],
    ] {
        let out = sh(&w, bad, "true");
        out.failure(125);
        out.one_line_error();
    }
    assert!(w.ctl.ok(&["ps", "-a", "-q"]).stdout.trim().is_empty());
}

/// A character device of the host's /dev that runc does not create by default.
fn host_only_device() -> Option<String> {
    use std::os::unix::fs::FileTypeExt;
    let defaults = [
        "null", "zero", "full", "random", "urandom", "tty", "console", "ptmx",
    ];
    let mut names: Vec<String> = std::fs::read_dir("/dev")
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_char_device()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !defaults.contains(&n.as_str()))
        .collect();
    names.sort();
    names.into_iter().next()
}

#[test]
fn privileged_lifts_every_restriction() {
    let w = WithImage::busybox();
    let s = status(&w, &["--privileged"]);
    // Every capability ctl itself holds, and no seccomp filter.
    let own = own_status("CapBnd");
    assert_eq!(
        [s["CapEff"].as_str(), s["CapBnd"].as_str()],
        [own.as_str(), own.as_str()]
    );
    assert_eq!(s["Seccomp"], "0");
    let s = status(&w, &["--privileged", "--cap-drop", "SYS_ADMIN"]);
    let own_mask = u64::from_str_radix(&own, 16).unwrap();
    assert_eq!(s["CapEff"], format!("{:016x}", own_mask & !(1 << 21)));

    // No masked paths; /sys is writable; mount works.
    let points = mount_points(&w, &["--privileged"]);
    assert!(!points.iter().any(|p| p == "/proc/keys"), "{points:?}");
    let out = sh(
        &w,
        &["--privileged"],
        "grep ' /sys sysfs ' /proc/mounts; mkdir -p /mnt && mount -t tmpfs x /mnt && echo MOUNTED",
    );
    out.success().stdout_has("MOUNTED");
    assert!(out.stdout.contains("sysfs rw,"), "{out}");
    let out = sh(&w, &[], "grep ' /sys sysfs ' /proc/mounts");
    assert!(out.stdout.contains("sysfs ro,"), "{out}");

    // The host's devices.
    let dev = host_only_device().expect("a character device in /dev");
    let probe = format!("test -c /dev/{dev} && echo PRESENT");
    sh(&w, &["--privileged"], &probe)
        .success()
        .stdout_has("PRESENT");
    let out = sh(&w, &[], &probe);
    assert!(
        !out.stdout.contains("PRESENT"),
        "/dev/{dev} unprivileged:\n{out}"
    );

    w.ctl
        .ok(&["create", "--name", "priv", "--privileged", &w.reference]);
    let host = &w.ctl.inspect_container("priv")["HostConfig"];
    assert_eq!(host["Privileged"], true);
    w.ctl.ok(&["rm", "priv"]);
}

#[test]
fn security_opts_set_no_new_privileges_and_seccomp() {
    let w = WithImage::busybox();
    let s = status(&w, &["--security-opt", "no-new-privileges"]);
    assert_eq!(
        (s["NoNewPrivs"].as_str(), s["Seccomp"].as_str()),
        ("1", "2")
    );
    let s = status(&w, &["--security-opt", "seccomp=unconfined"]);
    assert_eq!(
        (s["NoNewPrivs"].as_str(), s["Seccomp"].as_str()),
        ("0", "0")
    );
    // Unconfined, a new user namespace needs no capability: the filter was what refused it.
    let userns = std::fs::read_to_string("/proc/sys/user/max_user_namespaces")
        .map(|s| s.trim() != "0")
        .unwrap_or(false);
    if userns {
        let out = sh(
            &w,
            &["--security-opt", "seccomp=unconfined"],
            "busybox unshare -U true && echo UNSHARED",
        );
        out.success().stdout_has("UNSHARED");
    } else {
        eprintln!("NOTE: user namespaces are disabled here; unconfined unshare -U not checked");
    }

    // A profile of one's own, in docker's format: mkdir fails with EACCES, all else works.
    let profile = w.ctl.dir().join("profile.json");
    std::fs::write(
        &profile,
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
            {"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO","errnoRet":13}]}"#,
    )
    .unwrap();
    let opt = format!("seccomp={}", profile.display());
    let out = sh(&w, &["--security-opt", &opt], "mkdir /made; echo done");
    out.success().stdout_has("done");
    out.stderr_has("Permission denied");

    let e = sh(&w, &["--security-opt", "seccomp=/nonexistent.json"], "true");
    e.failure(125);
    assert!(e.one_line_error().contains("/nonexistent.json"), "{e}");
    std::fs::write(&profile, "{not json").unwrap();
    sh(&w, &["--security-opt", &opt], "true")
        .failure(125)
        .one_line_error();
    for bad in ["bogus", "seccomp=relative.json", "label=type:x"] {
        let e = sh(&w, &["--security-opt", bad], "true");
        e.failure(125);
        assert!(e.one_line_error().contains(bad), "{e}");
    }
    assert!(w.ctl.ok(&["ps", "-a", "-q"]).stdout.trim().is_empty());
}

#[test]
fn read_only_root_keeps_tmpfs_and_volumes_writable() {
    let w = WithImage::busybox();
    let vol = tempfile::tempdir().unwrap();
    let v = format!("{}:/data", vol.path().display());
    let out = sh(
        &w,
        &["--read-only", "-v", &v],
        "touch /root-file 2>&1; for d in /tmp /run /var/tmp /data; do touch $d/f && echo OK $d; done",
    );
    out.success();
    assert!(out.stdout.contains("Read-only file system"), "{out}");
    for d in ["/tmp", "/run", "/var/tmp", "/data"] {
        out.stdout_has(&format!("OK {d}"));
    }
    assert!(vol.path().join("f").exists());
    let out = sh(
        &w,
        &["--read-only", "--read-only-tmpfs=false"],
        "touch /tmp/f && echo WROTE",
    );
    assert!(!out.stdout.contains("WROTE"), "{out}");
    // Without --read-only the root is writable.
    sh(&w, &[], "touch /root-file && echo WROTE")
        .success()
        .stdout_has("WROTE");
}

#[test]
fn group_add_reaches_the_process() {
    let w = WithImage::busybox();
    let out = sh(&w, &["--group-add", "nogroup", "--group-add", "4242"], "id");
    // The kernel keeps supplementary groups sorted.
    out.success().stdout_has("groups=4242,65534(nogroup)");
    let out = sh(&w, &["-u", "user", "--group-add", "root"], "id");
    out.success()
        .stdout_has("uid=1000(user) gid=1000(user) groups=0(root)");
    let e = sh(&w, &["--group-add", "nosuchgroup"], "id");
    e.failure(125);
    assert!(e.one_line_error().contains("nosuchgroup"), "{e}");
}

#[test]
fn init_is_pid_1_and_forwards_signals() {
    let w = WithImage::busybox();
    let out = sh(
        &w,
        &["--init"],
        "tr '\\0' ' ' < /proc/1/cmdline; echo; echo pid=$$; grep PPid /proc/self/status",
    );
    out.success();
    let first = out.lines()[0].to_string();
    assert!(first.starts_with("/run/ctl-init -- sh -c"), "{out}");
    assert_ne!(out.lines()[1], "pid=1", "{out}");
    out.stdout_has("PPid:\t1");
    // Without --init the command is PID 1 itself.
    sh(&w, &[], "echo pid=$$").success().stdout_has("pid=1");

    // sh as PID 1 ignores SIGTERM; under the init it is an ordinary process and dies.
    w.ctl.ok(&[
        "run",
        "-d",
        "--init",
        "--name",
        "inited",
        &w.reference,
        "sleep",
        "1000",
    ]);
    let start = Instant::now();
    w.ctl.ok(&["stop", "-t", "30", "inited"]);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "stop took {:?}",
        start.elapsed()
    );
    let host = &w.ctl.inspect_container("inited")["HostConfig"];
    assert_eq!(host["Init"], true);
    w.ctl.ok(&["rm", "inited"]);

    let e = sh(&w, &["--init-path", "/nonexistent/init"], "true");
    e.failure(125);
    assert!(e.one_line_error().contains("/nonexistent/init"), "{e}");
    let catatonit = std::path::Path::new("/usr/bin/catatonit");
    assert!(
        catatonit.exists(),
        "/usr/bin/catatonit missing: tests/install-deps.sh installs catatonit"
    );
    sh(&w, &["--init-path", "/usr/bin/catatonit"], "echo pid=$$")
        .success()
        .stdout_has("pid=");
}
