//! `run -d` through `rm`, and `run --rm` in the foreground: exit codes, and nothing left.

use std::time::{Duration, Instant};

use super::*;

#[test]
fn detached_run_ps_logs_stop_rm() {
    let w = setup();
    let id = run_d(&w, &["--name", "web"], &["sh", "-c", HONORS_TERM]);
    wait_log(&w, "web", "ready");
    let (pid, monitor) = pids(&w, &id);
    let (pid, monitor) = (pid.expect("pid recorded"), monitor.expect("monitor pid"));
    assert!(alive(pid) && alive(monitor));
    // ctl puts off SIGTERM/SIGINT/SIGHUP while it makes the container; the container must
    // not inherit them blocked or ignored (the monitor blocks them for its signalfd).
    let proc_status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let mask = |k: &str| {
        let line = proc_status.lines().find(|l| l.starts_with(k)).expect(k);
        u64::from_str_radix(line[k.len()..].trim(), 16).expect("hex mask")
    };
    let term = (1 << 14) | (1 << 1) | 1; // SIGTERM, SIGINT, SIGHUP
    assert_eq!(
        mask("SigBlk:") & term,
        0,
        "the container blocks them:\n{proc_status}"
    );
    assert_eq!(
        mask("SigIgn:") & term,
        0,
        "the container ignores them:\n{proc_status}"
    );

    let ps = w.ctl.ok(&["ps"]);
    let row = ps.lines()[1].to_string();
    assert!(row.starts_with(&id[..12]), "{ps}");
    assert!(row.contains(" Up "), "{ps}");
    assert!(row.trim_end().ends_with("web"), "{ps}");

    let logs = w.ctl.ok(&["logs", "web"]);
    assert_eq!(logs.stdout, "ready\n");

    let start = Instant::now();
    w.ctl.ok(&["stop", "web"]).stdout_has("web");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(status(&w, "web"), "exited");
    assert_eq!(field(&w, "web", "{{.State.ExitCode}}"), "0");
    assert!(w.ctl.ok(&["logs", "web"]).stdout.contains("got-term"));
    assert!(w.ctl.ok(&["ps"]).lines().len() == 1, "not running any more");
    let ps = w.ctl.ok(&["ps", "-a"]);
    assert!(ps.stdout.contains("Exited (0) "), "{ps}");
    // Stopped: the rootfs is unmounted and the processes are gone, the record stays.
    assert_eq!(mounts_of(&w, &id), Vec::<std::path::PathBuf>::new());
    assert_dead(&[pid, monitor]);

    w.ctl.ok(&["rm", "web"]).stdout_has("web");
    assert_gone(&w, &id, Some("web"), &[pid, monitor]);
    assert_all_gone(&w);
}

#[test]
fn foreground_rm_exit_codes() {
    let w = setup();
    let ok = run_rm(&w, &[], &["sh", "-c", "echo out; echo err >&2"]);
    ok.success();
    assert_eq!(ok.stdout, "out\n");
    assert_eq!(ok.stderr, "err\n");

    run_rm(&w, &[], &["sh", "-c", "exit 3"]).failure(3);
    run_rm(&w, &[], &["sh", "-c", "exit 255"]).failure(255);

    let nf = run_rm(&w, &[], &["no-such-command"]);
    nf.failure(127);
    assert!(nf.one_line_error().contains("no-such-command"), "{nf}");

    // A directory, and a file without an x bit: found, but cannot be executed.
    for path in ["/etc", "/etc/passwd"] {
        let out = run_rm(&w, &[], &[path]);
        out.failure(126);
        assert!(out.one_line_error().contains(path), "{out}");
    }
    // The same errors from `start` of a created container.
    let c = w.ctl.ok(&["create", "--name", "nx", &w.reference, "nope"]);
    assert!(is_full_id(c.stdout.trim()));
    let out = w.ctl.run(&["start", "nx"]);
    out.failure(127);
    assert!(out.stderr.contains("nope"), "{out}");
    w.ctl.ok(&["rm", "nx"]);
    assert_all_gone(&w);
}

#[test]
fn foreground_run_killed_by_a_signal_exits_128_plus_n() {
    let w = setup();
    for (sig, code) in [("KILL", 137), ("9", 137)] {
        let name = format!("sig{code}-{sig}");
        let child = w.ctl.spawn(&[
            "run",
            "--rm",
            "--name",
            &name,
            &w.reference,
            "sh",
            "-c",
            "echo ready; sleep 1000",
        ]);
        wait_status(&w, &name, "running");
        wait_log(&w, &name, "ready");
        w.ctl.ok(&["kill", "-s", sig, &name]).stdout_has(&name);
        let out = Out::wait(&["run", "--rm", &name], child);
        assert_eq!(out.code, Some(code), "{out}");
        assert_eq!(out.stdout, "ready\n");
    }
    // A shell that turns SIGTERM into its own exit code.
    let child = w.ctl.spawn(&[
        "run",
        "--rm",
        "--name",
        "term",
        &w.reference,
        "sh",
        "-c",
        "trap 'exit 143' TERM; echo ready; while true; do sleep 0.1; done",
    ]);
    wait_log(&w, "term", "ready");
    w.ctl.ok(&["kill", "-s", "TERM", "term"]);
    let out = Out::wait(&["run", "--rm", "term"], child);
    assert_eq!(out.code, Some(143), "{out}");
    assert_all_gone(&w);
}

#[test]
fn rm_leaves_nothing_behind() {
    let w = setup();
    let cid = w.ctl.dir().join("cid");
    let cid_s = cid.to_str().unwrap();
    let out = run_rm(
        &w,
        &["--name", "gone", "--cidfile", cid_s],
        &["sh", "-c", "echo $HOSTNAME"],
    );
    out.success();
    let id = std::fs::read_to_string(&cid).unwrap();
    assert!(is_full_id(&id), "{id:?}");
    assert_eq!(out.stdout.trim(), &id[..12], "hostname is the short id");
    assert_gone(&w, &id, Some("gone"), &[]);

    // The name is free again, and a detached --rm container removes itself on exit.
    std::fs::remove_file(&cid).unwrap();
    let id = run_d(
        &w,
        &["--rm", "--name", "gone", "--cidfile", cid_s],
        &["sh", "-c", "echo ready; sleep 0.5"],
    );
    assert_eq!(std::fs::read_to_string(&cid).unwrap(), id);
    let (pid, monitor) = pids(&w, &id);
    let removed = crate::common::wait_for(Duration::from_secs(15), || {
        (!w.ctl.root.join("containers").join(&id).exists()).then_some(())
    });
    assert!(removed.is_some(), "--rm container still there");
    let procs: Vec<i32> = [pid, monitor].into_iter().flatten().collect();
    assert_gone(&w, &id, Some("gone"), &procs);

    // A --rm container removed by `rm -f` while running.
    let id = run_d(&w, &["--rm", "--name", "gone"], &["sleep", "1000"]);
    let (pid, monitor) = pids(&w, &id);
    w.ctl.ok(&["rm", "-f", "gone"]);
    let procs: Vec<i32> = [pid, monitor].into_iter().flatten().collect();
    assert_gone(&w, &id, Some("gone"), &procs);
    // `run --rm` of a command that cannot start leaves nothing either.
    run_rm(&w, &["--name", "gone"], &["no-such"]).failure(127);
    assert_all_gone(&w);
}

#[test]
fn create_then_start_then_start_again() {
    let w = setup();
    let id = w
        .ctl
        .ok(&[
            "create",
            "--name",
            "c",
            &w.reference,
            "sh",
            "-c",
            "echo run",
        ])
        .stdout
        .trim()
        .to_string();
    assert!(is_full_id(&id));
    assert_eq!(status(&w, "c"), "created");
    let ps = w.ctl.ok(&["ps", "-a"]);
    assert!(ps.lines()[1].contains(" Created "), "{ps}");
    w.ctl.ok(&["start", "c"]).stdout_has("c");
    assert_eq!(w.ctl.ok(&["wait", "c"]).stdout, "0\n");
    w.ctl.ok(&["start", &id[..10]]);
    assert_eq!(w.ctl.ok(&["wait", "c"]).stdout, "0\n");
    assert_eq!(w.ctl.ok(&["logs", "c"]).stdout, "run\nrun\n");
    w.ctl.ok(&["rm", "c"]);
    assert_gone(&w, &id, Some("c"), &[]);
}

#[test]
fn quick_foreground_runs_end_with_the_containers_code() {
    // A container that is gone before `run` has told its monitor it started: the monitor's
    // fifo has no reader any more, and that must not kill ctl (SIGPIPE).
    let w = setup();
    for i in 0..20 {
        let out = run_rm(&w, &[], &["sh", "-c", &format!("echo {i}; exit {}", i % 3)]);
        assert_eq!(out.code, Some(i % 3), "{out}");
        assert_eq!(out.stdout, format!("{i}\n"));
    }
    assert_all_gone(&w);
}

/// A container removed at exit has a volatile rootfs (no sync of the store's filesystem at
/// unmount, as podman's `--rm`); one that is kept has not. A volatile work dir left by an
/// unmount without ctl (a crash, a reboot) is reset, so the container still starts.
#[test]
fn rm_containers_have_a_volatile_rootfs() {
    let w = setup();
    let opts = "sed -n 's|^[^ ]* [^ ]* [^ ]* [^ ]* / .* - overlay [^ ]* ||p' /proc/self/mountinfo";
    let out = run_rm(&w, &[], &["sh", "-c", opts]);
    out.success();
    // Newer kernels show it as fsync=volatile.
    assert!(out.stdout.contains("volatile"), "{out}");
    let out = w
        .ctl
        .ok(&run_args(&w, "--name=kept", &[], &["sh", "-c", opts]));
    assert!(!out.stdout.contains("volatile"), "{out}");
    assert!(out.stdout.contains("upperdir="), "{out}");
    w.ctl.ok(&["rm", "kept"]);

    let id = w
        .ctl
        .ok(&[
            "create",
            "--rm",
            "--name",
            "v",
            &w.reference,
            "echo",
            "started",
        ])
        .stdout
        .trim()
        .to_string();
    let merged = w.ctl.root.join("containers").join(&id).join("merged");
    ctl::container::rootfs::unmount(&merged).unwrap();
    let marker = merged.with_file_name("work").join("work/incompat/volatile");
    assert!(marker.exists(), "overlay leaves {}", marker.display());
    w.ctl.ok(&["start", "v"]);
    // Removal renames the directory to .rm-ID, deletes that, then the run dir.
    let containers = w.ctl.root.join("containers");
    let run_dir = w.ctl.runroot.join("containers").join(&id);
    let removed = crate::common::wait_for(Duration::from_secs(15), || {
        let gone = |d: String| !containers.join(d).exists();
        (gone(id.clone()) && gone(format!(".rm-{id}")) && !run_dir.exists()).then_some(())
    });
    assert!(removed.is_some(), "--rm container still there");
    assert_gone(&w, &id, Some("v"), &[]);
}
