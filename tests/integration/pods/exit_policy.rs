//! `pod create --exit-policy` (podman-pod-create(1)): with `stop`, the pod (its infra) is
//! stopped when its last container exits, and the pod's `stop` event is recorded; with
//! `continue` (the default) the infra keeps running.

use crate::common::WithImage;

fn pod_status(w: &WithImage, pod: &str) -> String {
    let v = w.ctl.ok(&["pod", "inspect", pod]).json();
    v[0]["State"].as_str().unwrap_or_default().to_string()
}

/// Waits for the member's exit, then runs its cleanup as its monitor does (by id; idempotent;
/// whichever of the two runs it first applies the pod's exit policy before returning).
fn exited(w: &WithImage, name: &str) {
    w.ctl.ok(&["wait", name]);
    let id = w.ctl.ok(&["inspect", "--format", "{{.Id}}", name]);
    w.ctl.ok(&["container", "cleanup", id.stdout.trim()]);
}

fn pod_events(w: &WithImage, pod: &str) -> Vec<String> {
    let out = w.ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "type=pod",
        "--filter",
        &format!("pod={pod}"),
        "--format",
        "{{.Status}}",
    ]);
    out.stdout.lines().map(str::to_string).collect()
}

#[test]
fn exit_policy_stop_stops_the_pod_after_its_last_container() {
    let w = WithImage::busybox();
    let r = w.reference.as_str();
    w.ctl.ok(&[
        "pod",
        "create",
        "--name",
        "eps",
        "--exit-policy",
        "stop",
        "--network",
        "none",
    ]);
    w.ctl
        .ok(&["pod", "create", "--name", "epc", "--network", "none"]);
    for pod in ["eps", "epc"] {
        w.ctl.ok(&[
            "run",
            "-d",
            "--pod",
            pod,
            "--name",
            &format!("{pod}-short"),
            r,
            "true",
        ]);
    }
    w.ctl.ok(&[
        "run", "-d", "--pod", "eps", "--name", "eps-long", r, "sleep", "1000",
    ]);

    // One member of the `stop` pod is left: the pod keeps running.
    exited(&w, "eps-short");
    assert_eq!(pod_status(&w, "eps"), "Degraded");
    // `continue`: the infra outlives the last member.
    exited(&w, "epc-short");
    assert_eq!(pod_status(&w, "epc"), "Degraded");
    let infra = w
        .ctl
        .ok(&["pod", "inspect", "--format", "{{.InfraContainerID}}", "epc"]);
    let st = w.ctl.ok(&[
        "inspect",
        "--format",
        "{{.State.Status}}",
        infra.stdout.trim(),
    ]);
    assert_eq!(st.stdout.trim(), "running");

    // The last member goes: the `stop` pod's infra is stopped too.
    w.ctl.ok(&["stop", "-t", "0", "eps-long"]);
    exited(&w, "eps-long");
    assert_eq!(pod_status(&w, "eps"), "Exited");
    assert!(
        pod_events(&w, "eps").contains(&"stop".to_string()),
        "{:?}",
        pod_events(&w, "eps")
    );
    assert!(!pod_events(&w, "epc").contains(&"stop".to_string()));

    // The pod starts again as any stopped pod.
    w.ctl.ok(&["pod", "start", "eps"]);
    let st = pod_status(&w, "eps");
    assert!(matches!(st.as_str(), "Running" | "Degraded"), "{st}");
    w.ctl.ok(&["pod", "rm", "-f", "-t", "0", "eps", "epc"]);
    assert!(w.ctl.ok(&["ps", "-aq"]).stdout.trim().is_empty());
}
