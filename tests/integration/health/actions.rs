//! `--health-on-failure`: what the monitor does once the container turns unhealthy.

use std::time::Duration;

use crate::common::{wait_for, WithImage};

fn inspect(w: &WithImage, name: &str, format: &str) -> String {
    w.ctl
        .ok(&["inspect", "--format", format, name])
        .stdout
        .trim()
        .to_string()
}

/// A container whose check fails once `/scratch/bad` exists (a tmpfs: a new start has it
/// empty), checked every second, unhealthy at the first failure.
fn run_with_action(w: &WithImage, name: &str, action: &str) {
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        name,
        "--tmpfs",
        "/scratch",
        "--health-cmd",
        "test ! -e /scratch/bad",
        "--health-interval",
        "1s",
        "--health-retries",
        "1",
        "--health-on-failure",
        action,
        "--stop-timeout",
        "5",
        &w.reference,
        "sh",
        "-c",
        "trap 'exit 0' TERM; while true; do sleep 0.1; done",
    ]);
    super::wait_status(w, name, "healthy");
}

#[test]
fn restart_starts_it_again_from_the_monitor_alone() {
    let w = WithImage::busybox();
    run_with_action(&w, "phoenix", "restart");
    let pid = inspect(&w, "phoenix", "{{.State.Pid}}");
    let id = inspect(&w, "phoenix", "{{.Id}}");
    assert_eq!(
        inspect(&w, "phoenix", "{{.Config.HealthcheckOnFailureAction}}"),
        "restart"
    );
    w.ctl.ok(&["exec", "phoenix", "touch", "/scratch/bad"]);
    // Watched through the health log alone, with no ctl running: the monitor runs the
    // check, records the failure and stops the container for its restart.
    let log = w
        .ctl
        .runroot
        .join("containers")
        .join(&id)
        .join("health.json");
    let failed = wait_for(Duration::from_secs(30), || {
        let text = std::fs::read_to_string(&log).ok()?;
        text.contains("\"Status\":\"unhealthy\"").then_some(())
    });
    assert!(failed.is_some(), "{:?}", std::fs::read_to_string(&log));
    let restarted = wait_for(Duration::from_secs(30), || {
        let out = inspect(
            &w,
            "phoenix",
            "{{.State.Status}} {{.RestartCount}} {{.State.Pid}}",
        );
        let parts: Vec<&str> = out.split(' ').collect();
        (parts[0] == "running" && parts[1] == "1" && parts[2] != pid).then_some(())
    });
    assert!(
        restarted.is_some(),
        "{}",
        inspect(&w, "phoenix", "{{.State.Status}} {{.RestartCount}}")
    );
    // The new start has an empty /scratch: healthy again, and not restarted once more.
    super::wait_status(&w, "phoenix", "healthy");
    assert_eq!(inspect(&w, "phoenix", "{{.RestartCount}}"), "1");
    w.ctl.ok(&["rm", "-f", "phoenix"]);
}

#[test]
fn kill_and_stop_end_it_and_its_restart_policy() {
    let w = WithImage::busybox();
    run_with_action(&w, "killed", "kill");
    run_with_action(&w, "stopped", "stop");
    for name in ["killed", "stopped"] {
        w.ctl.ok(&["exec", name, "touch", "/scratch/bad"]);
    }
    let exited = |name: &str| {
        wait_for(Duration::from_secs(30), || {
            let s = inspect(&w, name, "{{.State.Status}} {{.State.ExitCode}}");
            s.starts_with("exited").then_some(s)
        })
        .unwrap_or_else(|| panic!("{name} still runs"))
    };
    // kill: SIGKILL at once; stop: the stop signal, which the container's trap takes.
    assert_eq!(exited("killed"), "exited 137");
    assert_eq!(exited("stopped"), "exited 0");
    for name in ["killed", "stopped"] {
        assert_eq!(inspect(&w, name, "{{.State.Health.Status}}"), "unhealthy");
        assert_eq!(inspect(&w, name, "{{.RestartCount}}"), "0");
    }
    w.ctl.ok(&["rm", "-f", "killed", "stopped"]);
}
