//! Faults: a `ctl run` or a monitor SIGKILLed, a wiped run dir (a reboot), damaged
//! records. Afterwards every command tells the truth and `rm -f` cleans up completely.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

use super::*;
use crate::common::ctl::Ctl;

fn sigkill(pid: i32) {
    let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
}

/// `ps -a --format json`: asserts no warning and that every "running" container's process
/// is alive; returns (name, state) pairs.
fn truthful_ps(w: &WithImage) -> Vec<(String, String)> {
    let out = w.ctl.ok(&["ps", "-a", "--format", "json"]);
    assert_eq!(out.stderr, "", "ps warned:\n{out}");
    let mut rows = Vec::new();
    for c in out.json().as_array().unwrap() {
        let state = c["State"].as_str().unwrap().to_string();
        let pid = c["Pid"].as_i64().unwrap_or(0) as i32;
        if state == "running" {
            assert!(
                pid > 0 && alive(pid),
                "ps says running, pid {pid} is dead: {c}"
            );
        }
        rows.push((c["Names"][0].as_str().unwrap().to_string(), state));
    }
    rows
}

#[test]
fn sigkill_of_a_foreground_run_at_any_moment() {
    let w = setup();
    let delays = [0u64, 10, 25, 50, 80, 120, 200, 350];
    for (i, delay) in delays.iter().enumerate() {
        let rm = if i % 2 == 0 {
            "--rm"
        } else {
            "--log-driver=k8s-file"
        };
        let name = format!("fg{i}");
        let mut child = w
            .ctl
            .spawn(&["run", rm, "--name", &name, &w.reference, "sleep", "1000"]);
        // The delay is what is tested: each one kills ctl at another point of its work.
        std::thread::sleep(Duration::from_millis(*delay));
        let _ = child.kill();
        let _ = child.wait();
        for (n, state) in truthful_ps(&w) {
            assert!(
                matches!(
                    state.as_str(),
                    "running" | "created" | "initialized" | "exited"
                ),
                "{n}: {state}"
            );
        }
    }
    // Whatever is left starts again, and stays up (no stale exit file turns it "exited").
    let left = truthful_ps(&w);
    for (n, state) in &left {
        if state != "running" {
            w.ctl.ok(&["start", n]);
        }
    }
    // Nothing but the recorded monitors is left that could still write an exit file.
    let settled = wait_for(Duration::from_secs(10), || {
        let mut live: Vec<i32> = procs_of(&w)
            .into_iter()
            .filter(|(_, cmd)| cmd.contains("ctl-monitor"))
            .map(|(p, _)| p)
            .collect();
        let mut recorded: Vec<i32> = all_ids(&w).iter().filter_map(|id| pids(&w, id).1).collect();
        live.sort_unstable();
        recorded.sort_unstable();
        (live == recorded).then_some(())
    });
    assert!(settled.is_some(), "monitors left: {:?}", procs_of(&w));
    for (n, state) in truthful_ps(&w) {
        assert_eq!(state, "running", "{n} after start");
    }
    eprintln!("restarted after kills: {left:?}");
    w.ctl.ok(&["rm", "-af", "-t", "0"]);
    assert_all_gone(&w);

    // Killed once the container runs: the container stays, as with -d.
    let mut child = w
        .ctl
        .spawn(&["run", "--name", "late", &w.reference, "sleep", "1000"]);
    wait_status(&w, "late", "running");
    let late = w.ctl.inspect_container("late")["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let late_monitor = pids(&w, &late).1.expect("late's monitor");
    let attached = sockets_of(late_monitor);
    let _ = child.kill();
    let _ = child.wait();
    // The monitor has closed the killed client's connection: it saw it go.
    let seen = wait_for(Duration::from_secs(10), || {
        (sockets_of(late_monitor) < attached).then_some(())
    });
    assert!(
        seen.is_some(),
        "the monitor kept the killed ctl's connection"
    );
    assert!(truthful_ps(&w).contains(&("late".into(), "running".into())));
    w.ctl.ok(&["stop", "-t", "0", "late"]);
    assert_eq!(status(&w, "late"), "exited");

    let out = w.ctl.run(&["rm", "-af"]);
    out.success();
    assert_all_gone(&w);
    // Every name is free again.
    for i in 0..delays.len() {
        run_rm(&w, &["--name", &format!("fg{i}")], &["true"]).success();
    }
    assert_all_gone(&w);
}

#[test]
fn sigkill_of_the_monitor() {
    let w = setup();
    // Monitor gone, container alive: it is running, and stop and rm still work.
    let a = run_d(&w, &["--name", "orphan"], &["sleep", "1000"]);
    let (pid, monitor) = pids(&w, &a);
    let (pid, monitor) = (pid.unwrap(), monitor.unwrap());
    sigkill(monitor);
    assert_dead(&[monitor]);
    assert!(alive(pid));
    assert_eq!(
        truthful_ps(&w),
        [("orphan".to_string(), "running".to_string())]
    );
    w.ctl
        .ok(&["stop", "-t", "1", "orphan"])
        .stdout_has("orphan");
    assert_dead(&[pid]);
    assert_eq!(status(&w, "orphan"), "exited");
    assert_eq!(
        mounts_of(&w, &a),
        Vec::<std::path::PathBuf>::new(),
        "stop unmounted"
    );
    w.ctl.ok(&["rm", "orphan"]);
    assert_gone(&w, &a, Some("orphan"), &[pid, monitor]);

    // Both gone: never "running"; the exit status is unknown, not made up.
    let b = run_d(&w, &["--name", "dead"], &["sleep", "1000"]);
    let (pid, monitor) = pids(&w, &b);
    let (pid, monitor) = (pid.unwrap(), monitor.unwrap());
    sigkill(monitor);
    assert_dead(&[monitor]);
    sigkill(pid);
    assert_dead(&[pid]);
    assert_eq!(
        truthful_ps(&w),
        [("dead".to_string(), "exited".to_string())]
    );
    let ps = w.ctl.ok(&["ps", "-a"]);
    assert!(ps.stdout.contains("Exited (unknown)"), "{ps}");
    let v = inspect(&w, "dead");
    assert_eq!(v["State"]["Running"], false);
    assert_eq!(v["State"]["ExitCodeKnown"], false);
    assert!(
        !v["State"]["Error"].as_str().unwrap().is_empty(),
        "says why: {v}"
    );
    w.ctl.ok(&["stop", "dead"]);
    w.ctl.ok(&["start", "dead"]);
    wait_status(&w, "dead", "running");
    w.ctl.ok(&["rm", "-f", "dead"]);
    assert_gone(&w, &b, Some("dead"), &[pid, monitor]);

    // Container killed under a live monitor: the monitor records 137.
    let c = run_d(&w, &["--name", "shot"], &["sleep", "1000"]);
    let (pid, _) = pids(&w, &c);
    sigkill(pid.unwrap());
    assert_eq!(w.ctl.ok(&["wait", "shot"]).stdout, "137\n");
    w.ctl.ok(&["rm", "shot"]);
    assert_all_gone(&w);
}

/// What a reboot does to a container: its processes die and its mounts go away.
fn crash(w: &WithImage, id: &str) {
    let (pid, monitor) = pids(w, id);
    // The monitor first, so that nothing records the exit.
    for p in [monitor, pid].into_iter().flatten() {
        sigkill(p);
        assert_dead(&[p]);
    }
    for m in mounts_of(w, id) {
        let c = std::ffi::CString::new(m.to_str().unwrap()).unwrap();
        // SAFETY: a NUL-terminated path; MNT_DETACH has no other requirement.
        assert_eq!(unsafe { libc::umount2(c.as_ptr(), libc::MNT_DETACH) }, 0);
    }
}

#[test]
fn wiped_run_dir_is_a_reboot() {
    let w = setup();
    let up = run_d(
        &w,
        &["--name", "up"],
        &["sh", "-c", "echo booted; sleep 1000"],
    );
    let down = run_d(&w, &["--name", "down"], &["sh", "-c", "exit 2"]);
    w.ctl.ok(&["wait", "down"]);
    let made = w
        .ctl
        .ok(&["create", "--name", "made", &w.reference, "echo", "made"])
        .stdout
        .trim()
        .to_string();
    wait_log(&w, "up", "booted");
    crash(&w, &up);
    crash(&w, &made);
    for e in std::fs::read_dir(&w.ctl.runroot).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            std::fs::remove_dir_all(&p).unwrap();
        } else {
            std::fs::remove_file(&p).unwrap();
        }
    }
    assert_eq!(list(&w.ctl.runroot), Vec::<String>::new());

    let mut rows = truthful_ps(&w);
    rows.sort();
    assert_eq!(
        rows,
        [
            ("down".to_string(), "exited".to_string()),
            ("made".to_string(), "created".to_string()),
            ("up".to_string(), "exited".to_string()),
        ]
    );
    assert_eq!(
        field(&w, "down", "{{.State.ExitCode}}"),
        "2",
        "known codes stay"
    );
    let note = field(&w, "up", "{{.State.Error}}");
    assert!(note.contains("reboot"), "{note}");

    // Everything works again.
    w.ctl.ok(&["start", "up", "made"]);
    wait_status(&w, "up", "running");
    assert_eq!(w.ctl.ok(&["wait", "made"]).stdout, "0\n");
    assert_eq!(w.ctl.ok(&["logs", "up"]).stdout, "booted\nbooted\n");
    w.ctl.ok(&["stop", "-t", "0", "up"]);
    w.ctl.ok(&["start", "down"]);
    assert_eq!(w.ctl.ok(&["wait", "down"]).stdout, "2\n");
    w.ctl.ok(&["rm", "up", "down", "made"]);
    for id in [up, down, made] {
        assert_gone(&w, &id, None, &[]);
    }
    assert_all_gone(&w);
}

#[test]
fn damaged_records_are_named_and_removable() {
    let w = setup();
    let good = run_d(&w, &["--name", "good"], &["sleep", "1000"]);
    let bad = run_d(&w, &["--name", "bad"], &["sleep", "1000"]);
    let ugly = run_d(&w, &["--name", "ugly"], &["true"]);
    w.ctl.ok(&["wait", "ugly"]);
    let (pid, monitor) = pids(&w, &bad);
    let state = w.ctl.root.join("containers").join(&bad).join("state.json");
    let text = std::fs::read(&state).unwrap();
    std::fs::write(&state, &text[..text.len() / 2]).unwrap();
    let config = w
        .ctl
        .root
        .join("containers")
        .join(&ugly)
        .join("container.json");
    std::fs::write(&config, b"\0\0garbage").unwrap();

    let ps = w.ctl.ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(ps.stdout, "good\n");
    let warnings: Vec<&str> = ps.stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{ps}");
    for id in [&bad, &ugly] {
        assert!(
            warnings
                .iter()
                .any(|l| l.starts_with("Warning: ") && l.contains(id.as_str())),
            "no warning naming {id}:\n{ps}"
        );
    }
    assert!(ps.stderr.contains("rm -f"), "says how to remove it:\n{ps}");
    let out = w.ctl.run(&["inspect", "bad"]);
    out.failure(125);
    assert!(out.one_line_error().contains(&bad), "{out}");
    let out = w.ctl.run(&["rm", "bad"]);
    out.failure(125);
    assert!(out.one_line_error().contains(&bad), "{out}");

    w.ctl.ok(&["rm", "-f", "bad", &ugly[..12]]);
    assert_gone(&w, &bad, Some("bad"), &[pid.unwrap(), monitor.unwrap()]);
    assert_gone(&w, &ugly, Some("ugly"), &[]);
    let ps = w.ctl.ok(&["ps", "-a", "-q", "--no-trunc"]);
    assert_eq!(ps.stdout, format!("{good}\n"));
    assert_eq!(ps.stderr, "");
    // An empty state.json (a crash between create and write) is damaged too.
    std::fs::write(
        w.ctl.root.join("containers").join(&good).join("state.json"),
        b"",
    )
    .unwrap();
    let ps = w.ctl.ok(&["ps", "-a"]);
    assert!(ps.stderr.contains(&good), "{ps}");
    w.ctl.ok(&["rm", "-f", "good"]);
    assert_all_gone(&w);
}

#[test]
fn start_after_a_ctl_killed_before_recording_its_monitor() {
    let w = setup();
    let id = run_d(
        &w,
        &["--name", "lost"],
        &["sh", "-c", "echo up; sleep 1000"],
    );
    wait_log(&w, "lost", "up");
    let (pid, monitor) = pids(&w, &id);
    let (pid, monitor) = (pid.unwrap(), monitor.unwrap());
    // What a `ctl start` killed between the monitor's launch and the record leaves: a
    // monitor and a container the record does not know.
    let path = w.ctl.root.join("containers").join(&id).join("state.json");
    let mut st: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let o = st.as_object_mut().unwrap();
    for k in [
        "pid",
        "pid_start",
        "monitor_pid",
        "monitor_start",
        "started_at",
    ] {
        o.remove(k);
    }
    o.insert("status".into(), "configured".into());
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, serde_json::to_vec(&st).unwrap()).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    assert_eq!(status(&w, "lost"), "created");

    // A slow old monitor (stopped here) acts only after the new one is in place.
    kill(Pid::from_raw(monitor), Signal::SIGSTOP).unwrap();
    w.ctl.ok(&["start", "lost"]);
    wait_status(&w, "lost", "running");
    let _ = kill(Pid::from_raw(monitor), Signal::SIGCONT);
    assert_dead(&[pid, monitor]);
    let (pid2, monitor2) = pids(&w, &id);
    let running = "the new container is recorded running";
    let (pid2, monitor2) = (pid2.expect(running), monitor2.expect(running));
    assert!(pid2 != pid && monitor2 != monitor);
    // The old monitor neither recorded an exit nor took the new one's socket and fifo: it
    // is gone (asserted above), so whatever it did is done.
    assert_eq!(status(&w, "lost"), "running");
    let run = w.ctl.runroot.join("containers").join(&id);
    assert!(
        run.join("attach").exists() && run.join("ctl").exists(),
        "{:?}",
        list(&run)
    );
    assert_eq!(w.ctl.ok(&["logs", "lost"]).stdout, "up\nup\n");
    w.ctl.ok(&["stop", "-t", "0", "lost"]);
    assert_eq!(field(&w, "lost", "{{.State.ExitCode}}"), "137");
    w.ctl.ok(&["rm", "lost"]);
    assert_gone(&w, &id, Some("lost"), &[pid, monitor, pid2, monitor2]);
    assert_all_gone(&w);
}

/// How many sockets `pid` has open.
fn sockets_of(pid: i32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            std::fs::read_link(e.path()).is_ok_and(|l| l.to_string_lossy().starts_with("socket:"))
        })
        .count()
}

/// The ppid of a live process.
fn ppid(pid: i32) -> i32 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    let (_, rest) = stat.rsplit_once(')').expect("stat has a command");
    rest.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn the_monitor_is_recorded_even_when_its_pidfile_cannot_be_read() {
    let w = setup();
    // The real monitor, started without `--pidfile VALUE`: there is no monitor.pid to read.
    let real = std::path::Path::new(env!("CARGO_BIN_EXE_ctl")).with_file_name("ctl-monitor");
    let wrapper = w.ctl.dir().join("monitor-without-pidfile");
    let script = format!(
        "#!/bin/sh\nskip=\nfor a do\n  shift\n  if [ -n \"$skip\" ]; then skip=; continue; fi\n  \
         if [ \"$a\" = --pidfile ]; then skip=1; continue; fi\n  set -- \"$@\" \"$a\"\ndone\n\
         exec '{}' \"$@\"\n",
        real.display()
    );
    std::fs::write(&wrapper, script).unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let args = [
        "run",
        "-d",
        "--name",
        "nopidfile",
        &w.reference,
        "sh",
        "-c",
        "echo up; exec sleep 1000",
    ];
    let mut cmd = w.ctl.command(&args);
    cmd.env("CTL_MONITOR", &wrapper);
    let out = Ctl::run_command(cmd, &args, None);
    out.success();
    let id = out.stdout.trim().to_string();
    wait_log(&w, "nopidfile", "up");
    assert!(!w
        .ctl
        .runroot
        .join("containers")
        .join(&id)
        .join("monitor.pid")
        .exists());
    let (pid, monitor) = pids(&w, &id);
    let (pid, monitor) = (
        pid.expect("pid recorded"),
        monitor.expect("monitor recorded"),
    );
    // The container's first process is the monitor's child (its subreaper's, after runc).
    assert_eq!(monitor, ppid(pid), "recorded monitor pid");
    w.ctl.ok(&["rm", "-f", "nopidfile"]);
    assert_dead(&[pid, monitor]);
    assert_all_gone(&w);
}
