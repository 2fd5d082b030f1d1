//! Steering a running container: `pause`/`unpause` (the runtime's freezer), `container
//! init` (created in the runtime, not started) and `wait --condition`, as podman-pause(1),
//! podman-unpause(1), podman-init(1) and podman-wait(1) describe them.

use std::time::Duration;

use super::*;

/// The freezer's word for the container's cgroup (cgroup v1 `freezer.state`, v2
/// `cgroup.freeze`), where ctl puts it (`/ctl/ID`).
fn freezer(id: &str) -> String {
    let v1 = format!("/sys/fs/cgroup/freezer/ctl/{id}/freezer.state");
    let v2 = format!("/sys/fs/cgroup/ctl/{id}/cgroup.freeze");
    match std::fs::read_to_string(&v1) {
        Ok(s) => s.trim().to_string(),
        Err(_) => match std::fs::read_to_string(v2).expect("a freezer file").trim() {
            "1" => "FROZEN".into(),
            _ => "THAWED".into(),
        },
    }
}

/// The log's line count: grows while the container's loop runs.
fn log_lines(w: &WithImage, name: &str) -> usize {
    w.ctl.ok(&["logs", name]).lines().len()
}

const TICKS: &str = "while true; do echo tick; sleep 0.05; done";

#[test]
fn pause_freezes_unpause_thaws_and_every_view_says_so() {
    let w = setup();
    let id = run_d(&w, &["--name", "ticker"], &["sh", "-c", TICKS]);
    wait_log(&w, "ticker", "tick");

    w.ctl.ok(&["pause", "ticker"]).stdout_has("ticker");
    assert_eq!(freezer(&id), "FROZEN");
    assert_eq!(
        field(
            &w,
            "ticker",
            "{{.State.Status}} {{.State.Paused}} {{.State.Running}}"
        ),
        "paused true false"
    );
    // ps: hidden without -a (only running ones), "Paused" with it, and status=paused finds it.
    assert_eq!(w.ctl.ok(&["ps", "-q"]).stdout.trim(), "");
    let st = w.ctl.ok(&["ps", "-a", "--format", "{{.Status}}"]);
    assert_eq!(st.stdout.trim(), "Paused");
    let f = w
        .ctl
        .ok(&["ps", "--filter", "status=paused", "--format", "{{.Names}}"]);
    assert_eq!(f.stdout.trim(), "ticker");
    let f = w.ctl.ok(&["ps", "-a", "--filter", "status=running", "-q"]);
    assert_eq!(f.stdout.trim(), "");
    // Frozen: the log does not grow.
    let before = log_lines(&w, "ticker");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        log_lines(&w, "ticker"),
        before,
        "a paused container kept logging"
    );

    // podman's refusals, in its words, exit 125, nothing changed.
    let again = w.ctl.run(&["pause", "ticker"]);
    again.failure(125);
    assert_eq!(
        again.one_line_error(),
        format!("Error: \"{id}\" is already paused: container state improper")
    );
    let stop = w.ctl.run(&["stop", "ticker"]);
    stop.failure(125);
    assert_eq!(
        stop.one_line_error(),
        format!(
            "Error: can only stop created or running containers. {id} is in state paused: \
             container state improper"
        )
    );
    let rm = w.ctl.run(&["rm", "ticker"]);
    rm.failure(2);
    assert!(rm.one_line_error().contains("as it is paused"), "{rm}");
    w.ctl.run(&["exec", "ticker", "true"]).failure(125);
    w.ctl.run(&["start", "ticker"]).failure(125);
    assert_eq!(status(&w, "ticker"), "paused");
    assert_eq!(freezer(&id), "FROZEN");

    w.ctl.ok(&["unpause", "ticker"]).stdout_has("ticker");
    assert_eq!(freezer(&id), "THAWED");
    assert_eq!(status(&w, "ticker"), "running");
    let thawed = log_lines(&w, "ticker");
    let grew = wait_for(Duration::from_secs(10), || {
        (log_lines(&w, "ticker") > thawed).then_some(())
    });
    assert!(grew.is_some(), "an unpaused container stays silent");
    let not = w.ctl.run(&["unpause", "ticker"]);
    not.failure(125);
    assert_eq!(
        not.one_line_error(),
        format!("Error: \"{id}\" is not paused, can't unpause: container state improper")
    );

    // Not running: pause refuses with the state podman names.
    w.ctl.ok(&["stop", "-t", "0", "ticker"]);
    let stopped = w.ctl.run(&["pause", "ticker"]);
    stopped.failure(125);
    assert_eq!(
        stopped.one_line_error(),
        "Error: \"exited\" is not running, can't pause: container state improper"
    );
    // The pause and the unpause were events; the refused ones were not.
    let events = w.ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "event=pause",
        "--filter",
        "event=unpause",
        "--format",
        "{{.Status}} {{.Name}}",
    ]);
    assert_eq!(
        events.lines(),
        ["pause ticker", "unpause ticker"],
        "{events}"
    );
    w.ctl.ok(&["rm", "ticker"]);
    assert_all_gone(&w);
}

#[test]
fn paused_containers_are_killed_and_removed_by_force() {
    let w = setup();
    let a = run_d(&w, &["--name", "a"], &["sh", "-c", TICKS]);
    let b = run_d(&w, &["--name", "b"], &["sh", "-c", TICKS]);
    let c = run_d(&w, &["--name", "c"], &["sh", "-c", TICKS]);
    wait_log(&w, "c", "tick");
    // -a pauses the running ones; --filter picks by name.
    let out = w.ctl.ok(&["pause", "-a"]);
    assert_eq!(out.lines().len(), 3, "{out}");
    w.ctl.ok(&["unpause", "--filter", "name=c"]);
    assert_eq!(status(&w, "c"), "running");
    assert_eq!(freezer(&a), "FROZEN");

    // kill -9 of a paused container: it dies (thawed so the signal lands), exit 137.
    let (pid_a, mon_a) = pids(&w, &a);
    w.ctl.ok(&["kill", "a"]);
    assert_dead(&[pid_a.unwrap(), mon_a.unwrap()]);
    assert_eq!(
        field(&w, "a", "{{.State.Status}} {{.State.ExitCode}}"),
        "exited 137"
    );

    // rm -f of a paused one, and of one whose pause a killed ctl left unrecorded.
    let (pid_b, mon_b) = pids(&w, &b);
    w.ctl.ok(&["rm", "-f", "b"]);
    assert_gone(&w, &b, Some("b"), &[pid_b.unwrap(), mon_b.unwrap()]);

    let (pid_c, mon_c) = pids(&w, &c);
    let froze = Command::new("runc")
        .arg("--root")
        .arg(runtime_root(&w))
        .args(["pause", &c])
        .status()
        .expect("runc runs");
    assert!(froze.success());
    mark_pending(&w, &c);
    // The next reader asks the runtime: paused.
    assert_eq!(status(&w, "c"), "paused");
    mark_pending(&w, &c);
    w.ctl.ok(&["rm", "-f", "a", "c"]);
    assert_gone(&w, &c, Some("c"), &[pid_c.unwrap(), mon_c.unwrap()]);
    assert_all_gone(&w);
}

/// What a ctl killed between recording a pause and the runtime's answer leaves.
fn mark_pending(w: &WithImage, id: &str) {
    let p = w.ctl.root.join("containers").join(id).join("state.json");
    let mut v: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    v["freezer_pending"] = Value::Bool(true);
    v["paused"] = Value::Bool(false);
    std::fs::write(&p, serde_json::to_vec(&v).unwrap()).unwrap();
}

#[test]
fn init_creates_in_the_runtime_and_start_runs_it() {
    let w = setup();
    let out = w
        .ctl
        .ok(&["create", "--name", "early", &w.reference, "sh", "-c", TICKS]);
    let id = out.stdout.trim().to_string();
    assert_eq!(status(&w, "early"), "created");
    assert!(runc_list(&w).is_empty());

    w.ctl
        .ok(&["container", "init", "early"])
        .stdout_has("early");
    assert_eq!(status(&w, "early"), "initialized");
    assert_eq!(runc_list(&w), std::slice::from_ref(&id));
    let ps = w.ctl.ok(&["ps", "-a", "--format", "{{.Status}}"]);
    assert_eq!(ps.stdout.trim(), "Initialized");
    // Nothing runs yet: the log is empty.
    assert_eq!(log_lines(&w, "early"), 0);
    let again = w.ctl.run(&["init", "early"]);
    again.failure(125);
    assert_eq!(
        again.one_line_error(),
        format!(
            "Error: container {id} has already been created in runtime: container state improper"
        )
    );
    // --all passes over the initialized one.
    w.ctl.ok(&["init", "--all"]);

    w.ctl.ok(&["start", "early"]);
    wait_log(&w, "early", "tick");
    assert_eq!(status(&w, "early"), "running");

    // An initialized container goes with rm -f, leaving nothing.
    w.ctl
        .ok(&["create", "--name", "never", &w.reference, "true"]);
    w.ctl.ok(&["init", "never"]);
    let never = w.ctl.ok(&["inspect", "--format", "{{.Id}}", "never"]);
    let (pid, monitor) = pids(&w, never.stdout.trim());
    w.ctl.ok(&["rm", "-f", "early", "never"]);
    assert_dead(&[pid.unwrap(), monitor.unwrap()]);
    assert_all_gone(&w);
}

#[test]
fn wait_conditions_print_minus_one_or_the_exit_code() {
    let w = setup();
    w.ctl.ok(&[
        "create",
        "--name",
        "later",
        &w.reference,
        "sh",
        "-c",
        "sleep 3; exit 4",
    ]);
    // Already met: returns at once with -1.
    let out = w.ctl.ok(&["wait", "--condition", "created", "later"]);
    assert_eq!(out.stdout, "-1\n");
    // Several conditions: any one satisfies; a running one is waited for while it starts.
    let waiter = w
        .ctl
        .spawn(&["wait", "--condition=running,paused", "-i", "20ms", "later"]);
    w.ctl.ok(&["start", "later"]);
    let out = Out::wait(&["wait"], waiter);
    out.success();
    assert_eq!(out.stdout, "-1\n");
    // The default: the exit, with its code; --condition=stopped is the same.
    assert_eq!(w.ctl.ok(&["wait", "later"]).stdout, "4\n");
    assert_eq!(
        w.ctl
            .ok(&["wait", "--condition", "stopped", "later"])
            .stdout,
        "4\n"
    );

    w.ctl.ok(&["rm", "later"]);

    // removing: returns once the container is gone, with the exit code it had.
    run_d(
        &w,
        &["--rm", "--name", "brief"],
        &["sh", "-c", "sleep 3; exit 3"],
    );
    let out = w
        .ctl
        .ok(&["wait", "--condition", "removing", "-i", "20ms", "brief"]);
    assert_eq!(out.stdout, "3\n");
    assert_ne!(w.ctl.run(&["inspect", "brief"]).code, Some(0));

    // --ignore: a missing container prints -1; without it, podman's error.
    let out = w.ctl.ok(&["wait", "--ignore", "no-such"]);
    assert_eq!(out.stdout, "-1\n");
    let missing = w.ctl.run(&["wait", "no-such"]);
    missing.failure(125);
    // Bad conditions and intervals: one line, nothing waited for.
    w.ctl
        .ok(&["create", "--name", "plain", &w.reference, "true"]);
    let bad = w.ctl.run(&["wait", "--condition", "sleeping", "plain"]);
    bad.failure(125);
    assert_eq!(
        bad.one_line_error(),
        "Error: unknown container state: sleeping: invalid argument"
    );
    let health = w.ctl.run(&["wait", "--condition", "healthy", "plain"]);
    health.failure(125);
    assert!(
        health.one_line_error().contains("has no healthcheck"),
        "{health}"
    );
    w.ctl.run(&["wait", "-i", "soon", "plain"]).failure(125);
    // --exit-first-match: the first container to exit answers, the others are not
    // waited for (plain never starts).
    run_d(&w, &["--name", "quick"], &["sh", "-c", "sleep 1; exit 6"]);
    let out = w
        .ctl
        .ok(&["wait", "--exit-first-match", "-i", "20ms", "plain", "quick"]);
    assert_eq!(out.stdout, "6\n");
    w.ctl.ok(&["rm", "quick"]);
    w.ctl.ok(&["rm", "plain"]);
    assert_all_gone(&w);
}

/// A cgroup v1 controller's file for container `id` (ctl puts it at `/ctl/ID`), or v2's.
fn cgroup_file(id: &str, v1: (&str, &str), v2: &str) -> String {
    let p1 = format!("/sys/fs/cgroup/{}/ctl/{id}/{}", v1.0, v1.1);
    let p2 = format!("/sys/fs/cgroup/ctl/{id}/{v2}");
    std::fs::read_to_string(&p1)
        .or_else(|_| std::fs::read_to_string(&p2))
        .unwrap_or_else(|e| panic!("neither {p1} nor {p2}: {e}"))
        .trim()
        .to_string()
}

fn memory_limit(id: &str) -> String {
    cgroup_file(id, ("memory", "memory.limit_in_bytes"), "memory.max")
}

fn pids_max(id: &str) -> String {
    cgroup_file(id, ("pids", "pids.max"), "pids.max")
}

#[test]
fn update_changes_the_live_cgroup_and_lasts_across_restarts() {
    let w = setup();
    let id = run_d(
        &w,
        &[
            "--name",
            "limited",
            "--memory",
            "64m",
            "--pids-limit",
            "100",
        ],
        &["sleep", "1000"],
    );
    assert_eq!(memory_limit(&id), (64u64 << 20).to_string());
    assert_eq!(pids_max(&id), "100");

    let out = w
        .ctl
        .ok(&["update", "--memory", "32m", "--pids-limit", "50", "limited"]);
    assert_eq!(out.stdout.trim(), id);
    assert_eq!(memory_limit(&id), (32u64 << 20).to_string());
    assert_eq!(pids_max(&id), "50");
    assert_eq!(
        field(
            &w,
            "limited",
            "{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}"
        ),
        format!("{} 50", 32u64 << 20)
    );
    // The next run of the container has them too.
    w.ctl.ok(&["restart", "-t", "0", "limited"]);
    assert_eq!(memory_limit(&id), (32u64 << 20).to_string());
    assert_eq!(pids_max(&id), "50");

    // A stopped container: recorded, applied at its start.
    w.ctl
        .ok(&["create", "--name", "idle", &w.reference, "sleep", "1000"]);
    w.ctl.ok(&[
        "container",
        "update",
        "--memory",
        "48m",
        "--restart",
        "always",
        "idle",
    ]);
    assert_eq!(
        field(&w, "idle", "{{.HostConfig.Memory}}"),
        (48u64 << 20).to_string()
    );
    assert_eq!(
        field(&w, "idle", "{{.HostConfig.RestartPolicy.Name}}"),
        "always"
    );
    w.ctl.ok(&["start", "idle"]);
    let idle = w
        .ctl
        .ok(&["inspect", "--format", "{{.Id}}", "idle"])
        .stdout
        .trim()
        .to_string();
    assert_eq!(memory_limit(&idle), (48u64 << 20).to_string());

    // Bad input: one line, nothing changed.
    let none = w.ctl.run(&["update", "limited"]);
    none.failure(125);
    assert_eq!(
        none.one_line_error(),
        "Error: must provide at least one of resources and restartPolicy to update a \
         container: invalid argument"
    );
    w.ctl
        .run(&["update", "--memory", "1k", "limited"])
        .failure(125);
    let res = w
        .ctl
        .run(&["update", "--memory-reservation", "1g", "limited"]);
    res.failure(125);
    res.one_line_error();
    w.ctl
        .run(&["update", "--memory", "16m", "no-such"])
        .failure(125);
    assert_eq!(memory_limit(&id), (32u64 << 20).to_string());
    assert_eq!(
        field(&w, "limited", "{{.HostConfig.Memory}}"),
        (32u64 << 20).to_string()
    );

    w.ctl.ok(&["rm", "-f", "-t", "0", "limited", "idle"]);
    assert_all_gone(&w);
}
