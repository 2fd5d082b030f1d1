//! Healthchecks without a daemon, as podman-run(1)'s `--health-*` options,
//! podman-healthcheck-run(1), inspect's `State.Health` and ps's status and `health=` filter
//! describe them: the container's monitor runs the checks on its own timer.

mod actions;
mod image;
mod startup;
mod update;

use std::time::Duration;

use serde_json::Value;

use crate::common::{wait_for, WithImage};

/// `inspect`'s `State.Health` of `name` (Null when it has none).
pub fn health(w: &WithImage, name: &str) -> Value {
    let v = w.ctl.ok(&["inspect", name]).json();
    v[0]["State"]["Health"].clone()
}

/// Waits (up to 30 s) until `name`'s health status is `status`; returns the health.
pub fn wait_status(w: &WithImage, name: &str, status: &str) -> Value {
    wait_for(Duration::from_secs(30), || {
        let h = health(w, name);
        (h["Status"] == status).then_some(h)
    })
    .unwrap_or_else(|| panic!("{name} never {status}: {}", health(w, name)))
}

/// The names `ps -a --filter health=VALUE` lists.
pub fn ps_health(w: &WithImage, value: &str) -> Vec<String> {
    let out = w.ctl.ok(&[
        "ps",
        "-a",
        "--filter",
        &format!("health={value}"),
        "--format",
        "{{.Names}}",
    ]);
    let mut names: Vec<String> = out.lines().iter().map(|s| s.to_string()).collect();
    names.sort();
    names
}

fn status_column(w: &WithImage, name: &str) -> String {
    w.ctl
        .ok(&[
            "ps",
            "-a",
            "--filter",
            &format!("name=^{name}$"),
            "--format",
            "{{.Status}}",
        ])
        .stdout
        .trim()
        .to_string()
}

#[test]
fn starting_until_a_check_passes_then_healthy() {
    let w = WithImage::busybox();
    // Failures inside the start period do not count: it stays `starting`.
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "--health-cmd",
        "test -e /tmp/ok",
        "--health-interval",
        "1s",
        "--health-start-period",
        "5m",
        &w.reference,
        "sleep",
        "1000",
    ]);
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "plain",
        &w.reference,
        "sleep",
        "1000",
    ]);
    let h = wait_for(Duration::from_secs(30), || {
        let h = health(&w, "web");
        (h["Log"].as_array().is_some_and(|l| l.len() >= 2)).then_some(h)
    })
    .expect("two checks ran");
    assert_eq!(h["Status"], "starting", "{h}");
    assert_eq!(h["FailingStreak"], 0, "{h}");
    assert_eq!(h["Log"][0]["ExitCode"], 1, "{h}");
    assert!(status_column(&w, "web").ends_with(" (starting)"));
    assert_eq!(ps_health(&w, "starting"), ["web"]);
    assert_eq!(ps_health(&w, "none"), ["plain"]);
    let cfg = w.ctl.ok(&["inspect", "web"]).json()[0]["Config"].clone();
    assert_eq!(
        cfg["Healthcheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "test -e /tmp/ok"])
    );
    assert_eq!(cfg["Healthcheck"]["Interval"], 1_000_000_000u64);
    assert_eq!(cfg["Healthcheck"]["Timeout"], 30_000_000_000u64);
    assert_eq!(cfg["Healthcheck"]["StartPeriod"], 300_000_000_000u64);
    assert_eq!(cfg["Healthcheck"]["Retries"], 3);
    assert_eq!(cfg["HealthcheckOnFailureAction"], "none");

    w.ctl.ok(&["exec", "web", "touch", "/tmp/ok"]);
    let h = wait_status(&w, "web", "healthy");
    assert_eq!(h["FailingStreak"], 0);
    let last = h["Log"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["ExitCode"], 0, "{h}");
    assert!(status_column(&w, "web").starts_with("Up "));
    assert!(status_column(&w, "web").ends_with(" (healthy)"));
    assert!(!status_column(&w, "plain").contains('('));
    assert_eq!(ps_health(&w, "healthy"), ["web"]);
    let t = w
        .ctl
        .ok(&["inspect", "--format", "{{.State.Health.Status}}", "web"]);
    assert_eq!(t.stdout.trim(), "healthy");
    w.ctl.ok(&["rm", "-f", "web", "plain"]);
}

#[test]
fn failures_in_a_row_make_it_unhealthy_and_a_pass_heals_it() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "svc",
        "--health-cmd",
        "echo checked; test ! -e /tmp/bad",
        "--health-interval",
        "1s",
        "--health-retries",
        "2",
        &w.reference,
        "sleep",
        "1000",
    ]);
    // podman-wait(1): health conditions are met by the check's status (-1 printed).
    let out = w
        .ctl
        .ok(&["wait", "--condition", "healthy", "-i", "100ms", "svc"]);
    assert_eq!(out.stdout, "-1\n");
    wait_status(&w, "svc", "healthy");
    let waiter = w
        .ctl
        .spawn(&["wait", "--condition", "unhealthy", "-i", "100ms", "svc"]);
    w.ctl.ok(&["exec", "svc", "touch", "/tmp/bad"]);
    let out = crate::common::Out::wait(&["wait"], waiter);
    out.success();
    assert_eq!(out.stdout, "-1\n");
    let h = wait_status(&w, "svc", "unhealthy");
    let streak = h["FailingStreak"].as_u64().unwrap();
    assert!(streak >= 2, "{h}");
    let log = h["Log"].as_array().unwrap();
    // The failures that counted are the last ones in the log.
    let failed = log.iter().rev().take_while(|e| e["ExitCode"] == 1).count() as u64;
    assert!(failed >= streak.min(5), "{h}");
    assert_eq!(log.last().unwrap()["Output"], "checked\n");
    assert_eq!(ps_health(&w, "unhealthy"), ["svc"]);
    // Only the last five results are kept.
    let full = wait_for(Duration::from_secs(30), || {
        let h = health(&w, "svc");
        (h["FailingStreak"].as_u64() >= Some(6)).then_some(h)
    })
    .expect("six failures");
    assert_eq!(full["Log"].as_array().unwrap().len(), 5, "{full}");
    assert_eq!(full["Status"], "unhealthy");
    w.ctl.ok(&["exec", "svc", "rm", "/tmp/bad"]);
    let h = wait_status(&w, "svc", "healthy");
    assert_eq!(h["FailingStreak"], 0);
    // A stopped container never becomes unhealthy: the wait ends with podman's error.
    w.ctl.ok(&["stop", "-t", "0", "svc"]);
    let stopped = w
        .ctl
        .run(&["wait", "--condition", "unhealthy", "-i", "50ms", "svc"]);
    stopped.failure(125);
    assert_eq!(stopped.one_line_error(), "Error: container is stopped");
    // Every check was an event (podman's healthcheck_events), recorded by the monitor
    // that ran it: the statuses in order, then the first unhealthy one with its streak.
    let out = w.ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "event=health_status",
        "--format",
        "{{.Name}} {{.HealthStatus}}",
    ]);
    let mut lines = out.lines();
    // Failing streaks 2 to 6 at least were each an unhealthy check.
    let unhealthy = lines.iter().filter(|l| **l == "svc unhealthy").count();
    assert!(unhealthy >= 5, "{out}");
    lines.dedup();
    assert_eq!(
        lines,
        ["svc healthy", "svc unhealthy", "svc healthy"],
        "{out}"
    );
    let human = w.ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "event=health_status",
    ]);
    let first_bad = human
        .lines()
        .into_iter()
        .find(|l| l.contains("health_status=unhealthy"))
        .unwrap_or_default();
    assert!(
        first_bad.contains("(image=") && first_bad.contains(", health_failing_streak=2, "),
        "{human}"
    );
    w.ctl.ok(&["rm", "-f", "svc"]);
}

#[test]
fn a_hanging_check_is_killed_at_its_timeout() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "hang",
        "--health-cmd",
        "sleep 4242",
        "--health-interval",
        "1s",
        "--health-timeout",
        "1s",
        "--health-retries",
        "1",
        &w.reference,
        "sleep",
        "1000",
    ]);
    let h = wait_status(&w, "hang", "unhealthy");
    let first = &h["Log"][0];
    assert_eq!(first["ExitCode"], -1, "{h}");
    assert_eq!(
        first["Output"],
        "healthcheck command exceeded timeout of 1s"
    );
    // The check's process is gone, not left running in the container.
    // (A new check starts every second: at most that one runs.)
    let hung = || {
        std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter(|e| {
                std::fs::read(e.path().join("cmdline")).is_ok_and(|c| c == b"sleep\x004242\x00")
            })
            .count()
    };
    let three = wait_for(Duration::from_secs(30), || {
        let h = health(&w, "hang");
        (h["Log"].as_array().map_or(0, Vec::len) >= 3).then_some(())
    });
    assert!(three.is_some(), "{}", health(&w, "hang"));
    assert!(hung() <= 1, "{} hung checks", hung());
    let run = w.ctl.run(&["healthcheck", "run", "hang"]);
    run.failure(125);
    assert_eq!(
        run.one_line_error(),
        "Error: healthcheck command exceeded timeout of 1s"
    );
    w.ctl.ok(&["rm", "-f", "hang"]);
}

#[test]
fn healthcheck_run_exit_codes() {
    let w = WithImage::busybox();
    // No timer: only `healthcheck run` checks.
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "manual",
        "--health-cmd",
        r#"["ls", "/tmp/ok"]"#,
        "--health-interval",
        "disable",
        &w.reference,
        "sleep",
        "1000",
    ]);
    let failed = w.ctl.run(&["healthcheck", "run", "manual"]);
    failed.failure(1);
    assert_eq!(failed.stdout, "starting\n");
    w.ctl
        .run(&["healthcheck", "run", "--ignore-result", "manual"])
        .success();
    w.ctl.ok(&["exec", "manual", "touch", "/tmp/ok"]);
    let ok = w.ctl.run(&["healthcheck", "run", "manual"]);
    ok.success();
    assert_eq!(ok.stdout, "");
    let h = health(&w, "manual");
    assert_eq!(h["Status"], "healthy");
    // Exactly the three runs above: the monitor ran none.
    let codes: Vec<i64> = h["Log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["ExitCode"].as_i64().unwrap())
        .collect();
    assert_eq!(codes, [1, 1, 0], "{h}");
    let test = w.ctl.ok(&[
        "inspect",
        "--format",
        "{{.Config.Healthcheck.Test}}",
        "manual",
    ]);
    assert_eq!(test.stdout.trim(), "[CMD ls /tmp/ok]");

    let id = w
        .ctl
        .ok(&["run", "-d", "--name", "nohc", &w.reference, "sleep", "1000"]);
    let id = id.stdout.trim();
    let none = w.ctl.run(&["healthcheck", "run", "nohc"]);
    none.failure(125);
    assert_eq!(
        none.one_line_error(),
        format!("Error: container {id} has no defined healthcheck")
    );
    w.ctl.ok(&["stop", "-t", "0", "manual"]);
    let mid = w.ctl.ok(&["inspect", "--format", "{{.Id}}", "manual"]);
    let stopped = w.ctl.run(&["healthcheck", "run", "manual"]);
    stopped.failure(125);
    assert_eq!(
        stopped.one_line_error(),
        format!("Error: container {} is not running", mid.stdout.trim())
    );
    w.ctl.run(&["healthcheck", "run", "nosuch"]).failure(125);
    w.ctl.ok(&["rm", "-f", "manual", "nohc"]);
}

#[test]
fn bad_health_flags_are_refused_before_anything_is_made() {
    let w = WithImage::busybox();
    let cases: [(&[&str], &str); 6] = [
        (
            &["--health-cmd", "true", "--health-interval", "soon"],
            "Error: invalid healthcheck-interval: time: invalid duration \"soon\"",
        ),
        (
            &["--health-cmd", "true", "--health-retries", "0"],
            "Error: healthcheck-retries must be greater than 0",
        ),
        (
            &["--health-cmd", "true", "--health-timeout", "0s"],
            "Error: healthcheck-timeout must be at least 1 second",
        ),
        (
            &["--health-cmd", "true", "--health-start-period", "-1s"],
            "Error: healthcheck-start-period must be 0 seconds or greater",
        ),
        (
            &["--health-cmd", "true", "--no-healthcheck"],
            "Error: cannot specify both --no-healthcheck and --health-cmd",
        ),
        (
            &["--health-on-failure", "explode"],
            "Error: invalid on-failure action \"explode\" for health check: supported actions \
             are none,kill,restart,stop",
        ),
    ];
    for (flags, want) in cases {
        let mut args = vec!["run", "-d"];
        args.extend_from_slice(flags);
        args.extend([w.reference.as_str(), "true"]);
        let out = w.ctl.run(&args);
        out.failure(125);
        assert_eq!(out.one_line_error(), want);
    }
    assert_eq!(w.ctl.ok(&["ps", "-aq"]).stdout, "");
}
