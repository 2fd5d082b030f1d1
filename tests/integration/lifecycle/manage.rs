//! `inspect`, `wait`, `kill`, `restart`, `rm`, `container prune`; names and id prefixes;
//! one report per container.

use chrono::{DateTime, FixedOffset};

use super::*;

fn time(v: &Value) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(v.as_str().unwrap_or_default())
        .unwrap_or_else(|e| panic!("not an RFC 3339 time: {v}: {e}"))
}

#[test]
fn inspect_fields_through_a_lifetime() {
    let w = setup();
    let host = w.ctl.dir().join("vol");
    std::fs::create_dir(&host).unwrap();
    let vol = format!("{}:/vol:ro", host.display());
    let id = w
        .ctl
        .ok(&[
            "create",
            "--name",
            "insp",
            "-e",
            "K=V",
            "-w",
            "/tmp",
            "-u",
            "user",
            "--hostname",
            "hn",
            "-v",
            &vol,
            "--read-only",
            "--stop-timeout",
            "3",
            &w.reference,
            "sh",
            "-c",
            "trap 'exit 5' TERM; echo ready; while true; do sleep 0.1; done",
        ])
        .stdout
        .trim()
        .to_string();
    let v = inspect(&w, "insp");
    assert_eq!(v["Id"], id.as_str());
    assert_eq!(v["Name"], "insp");
    assert_eq!(v["Path"], "sh");
    assert_eq!(v["Image"], w.image.id());
    assert_eq!(v["ImageName"], w.reference.as_str());
    let s = &v["State"];
    assert_eq!(s["Status"], "created");
    assert_eq!(s["Running"], false);
    assert_eq!(s["Pid"], 0);
    assert_eq!(s["ExitCode"], 0);
    assert_eq!(s["StartedAt"], "0001-01-01T00:00:00Z");
    assert_eq!(s["FinishedAt"], "0001-01-01T00:00:00Z");
    let c = &v["Config"];
    assert!(c["Env"].as_array().unwrap().contains(&"K=V".into()), "{c}");
    assert_eq!(c["WorkingDir"], "/tmp");
    assert_eq!(c["User"], "user");
    assert_eq!(c["Hostname"], "hn");
    assert_eq!(c["StopTimeout"], 3);
    assert_eq!(c["StopSignal"], 15);
    assert_eq!(c["Cmd"][0], "sh");
    let hc = &v["HostConfig"];
    // Root: the default bridge network.
    assert_eq!(hc["NetworkMode"], "bridge");
    assert_eq!(hc["ReadonlyRootfs"], true);
    assert_eq!(hc["AutoRemove"], false);
    assert_eq!(hc["LogConfig"]["Type"], "k8s-file");
    assert_eq!(v["Mounts"][0]["Destination"], "/vol");
    assert_eq!(v["Mounts"][0]["RW"], false);

    w.ctl.ok(&["start", "insp"]);
    wait_log(&w, "insp", "ready");
    let v = inspect(&w, "insp");
    let s = &v["State"];
    assert_eq!(s["Status"], "running");
    assert_eq!(s["Running"], true);
    let pid = s["Pid"].as_i64().unwrap() as i32;
    assert!(pid > 0 && alive(pid), "{s}");
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap();
    assert!(
        cmdline.starts_with(b"sh\0-c\0"),
        "State.Pid is the container's process"
    );
    let started = time(&s["StartedAt"]);
    assert!((chrono::Utc::now() - started.to_utc()).num_seconds() < 30);
    assert_eq!(s["FinishedAt"], "0001-01-01T00:00:00Z");

    w.ctl.ok(&["stop", "insp"]);
    let v = inspect(&w, "insp");
    let s = &v["State"];
    assert_eq!(s["Status"], "exited");
    assert_eq!(s["Running"], false);
    assert_eq!(s["Pid"], 0);
    assert_eq!(s["ExitCode"], 5);
    assert_eq!(s["OOMKilled"], false);
    assert!(time(&s["FinishedAt"]) >= started);
    assert_eq!(time(&s["StartedAt"]), started);
    assert!(!alive(pid));

    // --format, on several containers at once, and errors for the missing ones.
    let out = w.ctl.run(&[
        "inspect",
        "--format",
        "{{.Name}} {{.State.ExitCode}}",
        "insp",
        "nosuch",
        &id[..8],
    ]);
    out.failure(125);
    assert_eq!(out.stdout, "insp 5\ninsp 5\n");
    assert!(out.error_line().contains("nosuch"), "{out}");
    w.ctl.ok(&["rm", "insp"]);
}

#[test]
fn wait_kill_restart() {
    let w = setup();
    run_d(&w, &["--name", "a"], &["sh", "-c", "sleep 0.3; exit 7"]);
    run_d(&w, &["--name", "b"], &["true"]);
    assert_eq!(w.ctl.ok(&["wait", "a", "b"]).stdout, "7\n0\n");
    assert_eq!(
        w.ctl.ok(&["wait", "a"]).stdout,
        "7\n",
        "wait on an exited one"
    );
    let out = w.ctl.run(&["wait", "nosuch"]);
    out.failure(125);
    assert!(out.one_line_error().contains("nosuch"));

    // kill -s delivers the signal; the container decides.
    let id = run_d(
        &w,
        &["--name", "k"],
        &[
            "sh",
            "-c",
            "trap 'echo got-usr1' USR1; trap 'exit 12' HUP; echo ready; \
             while true; do sleep 0.1; done",
        ],
    );
    wait_log(&w, "k", "ready");
    w.ctl.ok(&["kill", "-s", "USR1", "k"]).stdout_has("k");
    wait_log(&w, "k", "got-usr1");
    assert_eq!(status(&w, "k"), "running");
    w.ctl.ok(&["kill", "--signal", "SIGHUP", &id[..12]]);
    assert_eq!(w.ctl.ok(&["wait", "k"]).stdout, "12\n");
    let out = w.ctl.run(&["kill", "k"]);
    out.failure(125);
    assert!(
        out.one_line_error().contains("not running") || out.stderr.contains("exited"),
        "{out}"
    );
    let bad = w.ctl.run(&["kill", "-s", "NOSIG", "k"]);
    bad.failure(125);
    assert!(bad.one_line_error().contains("NOSIG"));

    // restart: a new process, the same container.
    let r = run_d(&w, &["--name", "r"], &["sh", "-c", super::HONORS_TERM]);
    wait_log(&w, "r", "ready");
    let (pid1, _) = pids(&w, &r);
    let started1 = field(&w, "r", "{{.State.StartedAt}}");
    w.ctl.ok(&["restart", "r"]).stdout_has("r");
    wait_status(&w, "r", "running");
    let (pid2, _) = pids(&w, &r);
    assert_ne!(pid1, pid2);
    assert!(!alive(pid1.unwrap()));
    assert!(alive(pid2.unwrap()));
    assert!(field(&w, "r", "{{.State.StartedAt}}") > started1);
    assert_eq!(field(&w, "r", "{{.Id}}"), r);
    // restart of an exited container starts it.
    w.ctl.ok(&["restart", "b"]);
    assert_eq!(w.ctl.ok(&["wait", "b"]).stdout, "0\n");
    w.ctl.ok(&["rm", "-f", "a", "b", "k", "r"]);
    assert_all_gone(&w);
}

#[test]
fn rm_needs_force_and_reports_each() {
    let w = setup();
    let run = run_d(&w, &["--name", "live"], &["sleep", "1000"]);
    let ex = run_d(&w, &["--name", "ex"], &["true"]);
    w.ctl.ok(&["wait", "ex"]);

    // podman's codes: 2 for a running container, 1 when one does not exist.
    let out = w.ctl.run(&["rm", "live"]);
    out.failure(2);
    let line = out.one_line_error();
    assert!(line.contains(&run) && line.contains("running"), "{line}");
    assert_eq!(status(&w, "live"), "running", "refused rm kept it running");

    // As podman's: every name is looked up first; a missing one and nothing is removed.
    let out = w.ctl.run(&["rm", "ex", "nosuch1", "live", "nosuch2"]);
    out.failure(1);
    assert_eq!(out.stdout, "");
    assert!(out.one_line_error().contains("nosuch1"), "{out}");
    assert_eq!(status(&w, "ex"), "exited");
    // One report per container; a failure does not stop the others.
    let out = w.ctl.run(&["rm", "live", "ex"]);
    out.failure(2);
    assert_eq!(out.stdout, "ex\n");
    assert!(out.one_line_error().contains("running"), "{out}");
    assert_gone(&w, &ex, Some("ex"), &[]);
    // -i ignores missing ones.
    w.ctl
        .ok(&["stop", "-i", "-t", "0", "nosuch", "live"])
        .stdout_has("live");
    w.ctl.ok(&["start", "live"]);
    let (pid, monitor) = pids(&w, &run);

    // Id prefix for rm -f.
    let out = w.ctl.ok(&["rm", "-f", &run[..7]]);
    assert_eq!(out.stdout, format!("{}\n", &run[..7]));
    assert_gone(&w, &run, Some("live"), &[pid.unwrap(), monitor.unwrap()]);

    // stop and kill report each too.
    run_d(&w, &["--name", "s1"], &["sleep", "1000"]);
    // A missing one and nothing is done, as podman's.
    let out = w.ctl.run(&["stop", "-t", "0", "s1", "missing"]);
    out.failure(125);
    assert_eq!(out.stdout, "");
    assert!(out.one_line_error().contains("missing"));
    assert_eq!(status(&w, "s1"), "running");
    w.ctl.ok(&["stop", "-t", "0", "s1"]);
    w.ctl.ok(&["start", "s1"]);
    let out = w.ctl.run(&["kill", "missing", "s1"]);
    out.failure(125);
    assert_eq!(out.stdout, "");
    assert!(out.one_line_error().contains("missing"));
    assert_eq!(status(&w, "s1"), "running");
    let out = w.ctl.run(&["start", "nope", "s1"]);
    out.failure(125);
    assert_eq!(out.stdout, "");
    assert_eq!(status(&w, "s1"), "running");
    let out = w.ctl.run(&["wait", "s1x", "ex2"]);
    out.failure(125);
    assert!(out.one_line_error().contains("s1x"), "{out}");
    w.ctl.ok(&["kill", "s1"]);
    let no_args = w.ctl.run(&["rm"]);
    no_args.failure(125);
    no_args.one_line_error();
    w.ctl.ok(&["rm", "--all"]);
    assert_all_gone(&w);
}

#[test]
fn container_prune_removes_all_but_running_ones() {
    let w = setup();
    // As docker's: "stopped" includes created-but-never-started containers.
    let created = w
        .ctl
        .ok(&["create", "--name", "p-created", &w.reference, "true"])
        .stdout
        .trim()
        .to_string();
    let running = run_d(&w, &["--name", "p-running"], &["sleep", "1000"]);
    let e1 = run_d(&w, &["--name", "p-e1"], &["true"]);
    let e2 = run_d(&w, &["--name", "p-e2"], &["sh", "-c", "exit 1"]);
    w.ctl.ok(&["wait", "p-e1", "p-e2"]);
    let out = w.ctl.ok(&["container", "prune", "-f"]);
    let mut pruned: Vec<&str> = out.lines();
    pruned.sort();
    let mut want = vec![e1.as_str(), e2.as_str(), created.as_str()];
    want.sort();
    assert_eq!(pruned, want);
    assert_gone(&w, &e1, Some("p-e1"), &[]);
    assert_gone(&w, &e2, Some("p-e2"), &[]);
    assert_gone(&w, &created, Some("p-created"), &[]);
    assert_eq!(all_ids(&w), [running]);
    assert_eq!(status(&w, "p-running"), "running");
    assert_eq!(w.ctl.ok(&["container", "prune", "-f"]).stdout, "");
    w.ctl.ok(&["rm", "-f", "p-running"]);
    assert_all_gone(&w);
}
