//! podman-run(1)'s `--health-startup-*` (a startup check gates the regular one; its
//! failures restart the container) and `--health-log-destination`,
//! `--health-max-log-count`, `--health-max-log-size` (where the results go, how many and
//! how much of each are kept).

use std::time::Duration;

use serde_json::Value;

use crate::common::{wait_for, WithImage};

fn inspect(w: &WithImage, name: &str, format: &str) -> String {
    w.ctl
        .ok(&["inspect", "--format", format, name])
        .stdout
        .trim()
        .to_string()
}

/// The outputs of the health log's results, in order.
fn outputs(h: &Value) -> Vec<String> {
    h["Log"]
        .as_array()
        .map(|l| {
            l.iter()
                .map(|e| e["Output"].as_str().unwrap_or_default().trim().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn startup_check_passes_twice_then_the_regular_check_takes_over() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "gated",
        "--health-cmd",
        "echo regular",
        "--health-interval",
        "1s",
        "--health-startup-cmd",
        "test -e /tmp/up && echo startup-ok",
        "--health-startup-interval",
        "1s",
        "--health-startup-success",
        "2",
        "--health-max-log-count",
        "0",
        &w.reference,
        "sleep",
        "1000",
    ]);
    let cfg = w.ctl.ok(&["inspect", "gated"]).json()[0]["Config"].clone();
    assert_eq!(
        cfg["StartupHealthCheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "test -e /tmp/up && echo startup-ok"])
    );
    assert_eq!(cfg["StartupHealthCheck"]["Interval"], 1_000_000_000u64);
    assert_eq!(cfg["StartupHealthCheck"]["Successes"], 2);
    assert_eq!(cfg["HealthLogDestination"], "local");
    assert!(cfg.get("HealthcheckMaxLogCount").is_none(), "0 is omitted");
    // Failing startup checks are logged but count nothing: still starting, no streak.
    let h = wait_for(Duration::from_secs(30), || {
        let h = super::health(&w, "gated");
        (h["Log"].as_array()?.len() >= 2).then_some(h)
    })
    .expect("startup checks run");
    assert_eq!(h["Status"], "starting", "{h}");
    assert_eq!(h["FailingStreak"], 0, "{h}");
    assert!(h["Log"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["ExitCode"] == 1));
    assert!(!outputs(&h).contains(&"regular".to_string()));
    w.ctl.ok(&["exec", "gated", "touch", "/tmp/up"]);
    let h = wait_for(Duration::from_secs(30), || {
        let h = super::health(&w, "gated");
        outputs(&h).contains(&"regular".to_string()).then_some(h)
    })
    .unwrap_or_else(|| {
        panic!(
            "the regular check never ran: {}",
            super::health(&w, "gated")
        )
    });
    let outs = outputs(&h);
    let first_regular = outs.iter().position(|o| o == "regular").unwrap();
    // Exactly the two successes asked for came before it, and none after.
    let ok_before = outs[..first_regular]
        .iter()
        .filter(|o| *o == "startup-ok")
        .count();
    assert_eq!(ok_before, 2, "{outs:?}");
    assert!(!outs[first_regular..].contains(&"startup-ok".to_string()));
    assert_eq!(h["Status"], "healthy");
    w.ctl.ok(&["rm", "-f", "gated"]);
}

#[test]
fn startup_check_that_never_passes_restarts_the_container() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "never",
        "--health-cmd",
        "true",
        "--health-startup-cmd",
        "false",
        "--health-startup-interval",
        "1s",
        "--health-startup-retries",
        "2",
        "--stop-timeout",
        "2",
        &w.reference,
        "sh",
        "-c",
        "trap 'exit 0' TERM; while true; do sleep 0.1; done",
    ]);
    let pid = inspect(&w, "never", "{{.State.Pid}}");
    let restarted = wait_for(Duration::from_secs(40), || {
        let out = inspect(
            &w,
            "never",
            "{{.State.Status}} {{.RestartCount}} {{.State.Pid}}",
        );
        let parts: Vec<&str> = out.split(' ').collect();
        (parts[0] == "running" && parts[1] != "0" && parts[2] != pid).then_some(())
    });
    assert!(
        restarted.is_some(),
        "{}",
        inspect(&w, "never", "{{.State.Status}} {{.RestartCount}}")
    );
    // Never unhealthy: startup failures do not count against the regular check.
    assert_ne!(
        inspect(&w, "never", "{{.State.Health.Status}}"),
        "unhealthy"
    );
    w.ctl.ok(&["rm", "-f", "never"]);
}

#[test]
fn startup_flags_are_checked_as_podman() {
    let w = WithImage::busybox();
    let out = w.ctl.run(&[
        "create",
        "--health-startup-cmd",
        "true",
        &w.reference,
        "true",
    ]);
    out.failure(125);
    assert!(
        out.one_line_error()
            .contains("cannot set a startup healthcheck when there is no regular healthcheck"),
        "{}",
        out.stderr
    );
    let out = w.ctl.run(&[
        "create",
        "--no-healthcheck",
        "--health-startup-cmd",
        "true",
        &w.reference,
        "true",
    ]);
    out.failure(125);
    out.stderr_has("cannot specify both --no-healthcheck and --health-startup-cmd");
    assert_eq!(w.ctl.ok(&["ps", "-aq"]).stdout.trim(), "", "nothing made");
}

#[test]
fn log_destination_directory_gets_the_log_and_bad_ones_are_refused() {
    let w = WithImage::busybox();
    let dir = w.ctl.dir().join("hclogs");
    std::fs::create_dir(&dir).unwrap();
    let dir_s = dir.to_str().unwrap();
    let id = w
        .ctl
        .ok(&[
            "run",
            "-d",
            "--name",
            "logged",
            "--health-cmd",
            "echo in-dir",
            "--health-interval",
            "1s",
            "--health-log-destination",
            dir_s,
            &w.reference,
            "sleep",
            "1000",
        ])
        .stdout
        .trim()
        .to_string();
    assert_eq!(
        inspect(&w, "logged", "{{.Config.HealthLogDestination}}"),
        dir_s
    );
    let file = dir.join(format!("{id}-healthcheck.log"));
    let from_file = wait_for(Duration::from_secs(30), || {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&file).ok()?).ok()?;
        outputs(&v).contains(&"in-dir".to_string()).then_some(v)
    })
    .unwrap_or_else(|| panic!("no log in {}", dir.display()));
    assert_eq!(from_file["Status"], "healthy");
    // inspect reads the same log.
    assert!(outputs(&super::health(&w, "logged")).contains(&"in-dir".to_string()));
    w.ctl.ok(&["rm", "-f", "logged"]);

    let missing = w.ctl.dir().join("no-such-dir");
    let missing_s = missing.to_str().unwrap();
    let out = w.ctl.run(&[
        "create",
        "--health-cmd",
        "true",
        "--health-log-destination",
        missing_s,
        &w.reference,
        "true",
    ]);
    out.failure(125);
    assert!(
        out.one_line_error().contains(&format!(
            "HealthCheck Log '{missing_s}' destination error: stat {missing_s}: no such file or directory"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(w.ctl.ok(&["ps", "-aq"]).stdout.trim(), "", "nothing made");
}

#[test]
fn max_log_count_and_size_trim_the_log() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "counted",
        "--health-cmd",
        "echo x >> /tmp/n; echo run$(wc -l < /tmp/n)",
        "--health-interval",
        "1s",
        "--health-max-log-count",
        "2",
        "--health-max-log-size",
        "4",
        &w.reference,
        "sleep",
        "1000",
    ]);
    assert_eq!(
        inspect(&w, "counted", "{{.Config.HealthcheckMaxLogCount}}"),
        "2"
    );
    assert_eq!(
        inspect(&w, "counted", "{{.Config.HealthcheckMaxLogSize}}"),
        "4"
    );
    // Four bytes of "runN\n" are kept, so the count shows while it has one digit.
    let h = wait_for(Duration::from_secs(30), || {
        let h = super::health(&w, "counted");
        outputs(&h).contains(&"run4".to_string()).then_some(h)
    })
    .unwrap_or_else(|| panic!("{}", super::health(&w, "counted")));
    let outs = outputs(&h);
    assert_eq!(outs.len(), 2, "{outs:?}");
    let last: usize = outs[1].trim_start_matches("run").parse().unwrap();
    assert!(last >= 4, "{outs:?}");
    assert_eq!(outs[0], format!("run{}", last - 1), "{outs:?}");
    w.ctl.ok(&["rm", "-f", "counted"]);
}

#[test]
fn events_logger_puts_each_result_in_its_health_status_event() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "evlog",
        "--health-cmd",
        "echo to-events",
        "--health-interval",
        "1s",
        "--health-log-destination",
        "events_logger",
        &w.reference,
        "sleep",
        "1000",
    ]);
    let logged = wait_for(Duration::from_secs(30), || {
        let out = w.ctl.ok(&[
            "events",
            "--stream=false",
            "--filter",
            "event=health_status",
            "--format",
            "{{.HealthStatus}} {{.HealthLog}}",
        ]);
        out.lines()
            .iter()
            .find(|l| l.starts_with("healthy "))
            .map(|l| l.to_string())
    })
    .expect("a health_status event");
    let entry: Value = serde_json::from_str(logged.trim_start_matches("healthy ")).unwrap();
    assert_eq!(entry["ExitCode"], 0);
    assert_eq!(entry["Output"], "to-events\n");
    // The log is kept locally too, for inspect.
    assert_eq!(super::health(&w, "evlog")["Status"], "healthy");
    w.ctl.ok(&["rm", "-f", "evlog"]);
}
