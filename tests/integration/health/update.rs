//! podman-update(1)'s healthcheck and environment options on a running container: the
//! monitor takes new checks without a restart, the record keeps them across restarts, and
//! the environment reaches the main process at its next start.

use std::time::Duration;

use serde_json::Value;

use crate::common::{wait_for, WithImage};

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

fn wait_output(w: &WithImage, name: &str, want: &str) {
    wait_for(Duration::from_secs(30), || {
        outputs(&super::health(w, name))
            .iter()
            .any(|o| o == want)
            .then_some(())
    })
    .unwrap_or_else(|| panic!("{name}: no {want:?} in {}", super::health(w, name)));
}

#[test]
fn update_health_cmd_changes_the_checks_of_a_running_container() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "upd",
        "--health-cmd",
        "echo before",
        "--health-interval",
        "1s",
        &w.reference,
        "sleep",
        "1000",
    ]);
    wait_output(&w, "upd", "before");
    let pid = w.ctl.inspect_container("upd")["State"]["Pid"].clone();
    let id = w.ctl.ok(&["update", "--health-cmd", "echo after", "upd"]);
    assert_eq!(
        id.stdout.trim(),
        w.ctl.inspect_container("upd")["Id"].as_str().unwrap()
    );
    // The monitor runs the new command, without a restart.
    wait_output(&w, "upd", "after");
    let v = w.ctl.inspect_container("upd");
    assert_eq!(v["State"]["Pid"], pid, "not restarted");
    assert_eq!(
        v["Config"]["Healthcheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "echo after"])
    );
    assert_eq!(
        v["Config"]["Healthcheck"]["Interval"], 1_000_000_000u64,
        "kept"
    );
    let events = w.ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "event=update",
        "--format",
        "{{.Name}}",
    ]);
    assert_eq!(events.lines(), ["upd"]);
    // The change lasts across a restart.
    w.ctl.ok(&["restart", "-t", "0", "upd"]);
    let v = w.ctl.inspect_container("upd");
    assert_eq!(
        v["Config"]["Healthcheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "echo after"])
    );
    w.ctl.ok(&["rm", "-f", "upd"]);
}

#[test]
fn update_adds_and_removes_a_healthcheck() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "plain",
        &w.reference,
        "sleep",
        "1000",
    ]);
    assert_eq!(super::health(&w, "plain"), Value::Null);
    let out = w.ctl.run(&["update", "--health-interval", "1s", "plain"]);
    out.failure(125);
    out.stderr_has("healthcheck command is not set");
    w.ctl.ok(&[
        "update",
        "--health-cmd",
        "echo added",
        "--health-interval",
        "1s",
        "--health-max-log-count",
        "3",
        "plain",
    ]);
    wait_output(&w, "plain", "added");
    let v = w.ctl.inspect_container("plain");
    assert_eq!(v["Config"]["HealthcheckMaxLogCount"], 3);
    let out = w.ctl.run(&[
        "update",
        "--no-healthcheck",
        "--health-cmd",
        "true",
        "plain",
    ]);
    out.failure(125);
    out.stderr_has("cannot specify both --no-healthcheck and other HealthCheck flags");
    w.ctl.ok(&["update", "--no-healthcheck", "plain"]);
    let v = w.ctl.inspect_container("plain");
    assert!(v["Config"].get("Healthcheck").is_none(), "{}", v["Config"]);
    assert_eq!(v["State"]["Health"], Value::Null);
    w.ctl.ok(&["rm", "-f", "plain"]);
}

#[test]
fn update_env_reaches_the_main_process_at_its_next_start() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "envy",
        "-e",
        "FOO=one",
        "-e",
        "BAR=gone",
        &w.reference,
        "sh",
        "-c",
        "echo FOO=$FOO BAR=${BAR:-unset}; sleep 1000",
    ]);
    let logs = |w: &WithImage| w.ctl.ok(&["logs", "envy"]).stdout;
    wait_for(Duration::from_secs(10), || {
        logs(&w).contains("FOO=one BAR=gone").then_some(())
    })
    .expect("first start's output");
    w.ctl.ok(&[
        "update",
        "--env",
        "FOO=two",
        "-e",
        "NEW=3",
        "--unsetenv",
        "BAR",
        "envy",
    ]);
    let env = w.ctl.inspect_container("envy")["Config"]["Env"].clone();
    let env: Vec<&str> = env
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(
        env.contains(&"FOO=two") && env.contains(&"NEW=3"),
        "{env:?}"
    );
    assert!(!env.iter().any(|e| e.starts_with("BAR=")), "{env:?}");
    w.ctl.ok(&["restart", "-t", "0", "envy"]);
    wait_for(Duration::from_secs(10), || {
        logs(&w).contains("FOO=two BAR=unset").then_some(())
    })
    .unwrap_or_else(|| panic!("{}", logs(&w)));
    w.ctl.ok(&["rm", "-f", "envy"]);
}
