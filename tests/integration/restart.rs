//! Restart policies kept without a daemon: the monitor's cleanup restarts with back-off,
//! counts restarts, and a stop or kill by the user ends the policy.

use std::time::Duration;

use crate::common::{wait_for, WithImage};

fn restarts(w: &WithImage, name: &str) -> (String, u32) {
    let out = w.ctl.ok(&[
        "ps",
        "-a",
        "--filter",
        &format!("name={name}"),
        "--format",
        "{{.State}} {{.Restarts}}",
    ]);
    let line = out.stdout.trim().to_string();
    let (state, n) = line.split_once(' ').unwrap_or(("", "0"));
    (state.to_string(), n.parse().unwrap_or(0))
}

#[test]
fn on_failure_restarts_up_to_its_count() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "fails",
        "--restart",
        "on-failure:2",
        &w.reference,
        "sh",
        "-c",
        "echo attempt; exit 3",
    ]);
    let done = wait_for(Duration::from_secs(15), || {
        let (state, n) = restarts(&w, "fails");
        (state == "exited" && n == 2).then_some(())
    });
    assert!(done.is_some(), "{:?}", restarts(&w, "fails"));
    // No third restart comes.
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(restarts(&w, "fails"), ("exited".to_string(), 2));
    let logs = w.ctl.ok(&["logs", "fails"]);
    assert_eq!(logs.stdout.matches("attempt").count(), 3, "{}", logs.stdout);
    let code = w.ctl.ok(&[
        "inspect",
        "--format",
        "{{.State.ExitCode}} {{.RestartCount}}",
        "fails",
    ]);
    assert_eq!(code.stdout.trim(), "3 2");
    w.ctl.ok(&["rm", "fails"]);
}

#[test]
fn always_restarts_until_stopped_and_boot_start_brings_it_back() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "again",
        "--restart",
        "always",
        &w.reference,
        "sh",
        "-c",
        "sleep 0.2",
    ]);
    let restarted = wait_for(Duration::from_secs(15), || {
        (restarts(&w, "again").1 >= 2).then_some(())
    });
    assert!(restarted.is_some(), "{:?}", restarts(&w, "again"));
    w.ctl.ok(&["stop", "again"]);
    std::thread::sleep(Duration::from_millis(1000));
    let (state, n) = restarts(&w, "again");
    assert_eq!(state, "exited");
    std::thread::sleep(Duration::from_millis(1000));
    assert_eq!(restarts(&w, "again").1, n, "restarted after a stop");
    // What the packaged boot unit runs. The container lives 0.2 s: it may be over by the
    // time anyone looks, so its new start time is what shows it came back.
    let started = |w: &WithImage| {
        w.ctl
            .ok(&["inspect", "--format", "{{.State.StartedAt}}", "again"])
            .stdout
    };
    let before = started(&w);
    w.ctl
        .ok(&["start", "--all", "--filter", "restart-policy=always"]);
    assert_ne!(started(&w), before, "start --all did not start it");
    w.ctl.ok(&["rm", "-f", "again"]);
}

#[test]
fn restart_and_rm_conflict() {
    let w = WithImage::busybox();
    let out = w
        .ctl
        .run(&["run", "--rm", "--restart", "always", &w.reference, "true"]);
    out.failure(125);
    assert!(out.one_line_error().contains("--rm"), "{out:?}");
    let bad = w
        .ctl
        .run(&["run", "--restart", "sometimes", &w.reference, "true"]);
    bad.failure(125);
    assert!(bad.one_line_error().contains("sometimes"));
}
