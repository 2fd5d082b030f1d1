//! `stop`: the stop signal first, SIGKILL after the timeout; `--stop-signal` and
//! `--stop-timeout` given at run time.

use std::time::{Duration, Instant};

use super::*;

/// Bound for a stop that needs no timeout: far below the 10 s default, with room for a
/// loaded machine.
const FAST: Duration = Duration::from_secs(3);

/// Runs `ctl ARGS` and returns how long it took.
fn timed(w: &WithImage, args: &[&str]) -> Duration {
    let start = Instant::now();
    w.ctl.ok(args);
    start.elapsed()
}

#[test]
fn honoured_stop_signal_is_fast_ignored_one_is_killed_after_the_timeout() {
    let w = setup();
    run_d(&w, &["--name", "polite"], &["sh", "-c", HONORS_TERM]);
    let id = run_d(&w, &["--name", "stubborn"], &["sh", "-c", IGNORES_TERM]);
    wait_log(&w, "polite", "ready");
    wait_log(&w, "stubborn", "ready");

    let t = timed(&w, &["stop", "polite"]);
    assert!(t < FAST, "polite stop took {t:?}");
    assert_eq!(field(&w, "polite", "{{.State.ExitCode}}"), "0");

    let (pid, monitor) = pids(&w, &id);
    let t = timed(&w, &["stop", "-t", "2", "stubborn"]);
    assert!(
        t >= Duration::from_secs(2) && t < Duration::from_secs(2) + FAST,
        "stop -t 2 of a container ignoring SIGTERM took {t:?}"
    );
    assert_eq!(
        field(&w, "stubborn", "{{.State.Status}} {{.State.ExitCode}}"),
        "exited 137"
    );
    assert_dead(&[pid.unwrap(), monitor.unwrap()]);
    // Stopping a stopped container is not an error (docker's behaviour).
    w.ctl.ok(&["stop", "stubborn"]);
    w.ctl.ok(&["rm", "polite", "stubborn"]);
    assert_all_gone(&w);
}

#[test]
fn stop_signal_and_stop_timeout_flags_are_honoured() {
    let w = setup();
    run_d(
        &w,
        &["--name", "usr1", "--stop-signal", "SIGUSR1"],
        &[
            "sh",
            "-c",
            "trap 'exit 10' USR1; echo ready; while true; do sleep 0.1; done",
        ],
    );
    run_d(
        &w,
        &["--name", "short", "--stop-timeout", "1"],
        &["sh", "-c", IGNORES_TERM],
    );
    assert_eq!(field(&w, "usr1", "{{.Config.StopSignal}}"), "10");
    assert_eq!(field(&w, "short", "{{.Config.StopTimeout}}"), "1");
    wait_log(&w, "usr1", "ready");
    wait_log(&w, "short", "ready");

    let t = timed(&w, &["stop", "usr1"]);
    assert!(t < FAST, "{t:?}");
    assert_eq!(field(&w, "usr1", "{{.State.ExitCode}}"), "10");

    // No -t: the container's own timeout of 1 s, not the default 10.
    let t = timed(&w, &["stop", "short"]);
    assert!(
        t >= Duration::from_secs(1) && t < Duration::from_secs(1) + FAST,
        "stop with --stop-timeout 1 took {t:?}"
    );
    assert_eq!(field(&w, "short", "{{.State.ExitCode}}"), "137");

    // -t 0 kills at once.
    w.ctl.ok(&["start", "short"]);
    wait_status(&w, "short", "running");
    let t = timed(&w, &["stop", "-t", "0", "short"]);
    assert!(t < FAST, "{t:?}");

    let bad = w.ctl.run(&run_args(
        &w,
        "-d",
        &["--stop-signal", "SIGNOPE"],
        &["true"],
    ));
    bad.failure(125);
    assert!(bad.one_line_error().contains("SIGNOPE"), "{bad}");
    w.ctl.ok(&["rm", "usr1", "short"]);
    assert_all_gone(&w);
}
