//! `generate systemd POD` units under a real systemd (podman-generate-systemd(1)): the pod's
//! unit starts its infra and, through Wants=, its members' units; stopping it stops them
//! (BindsTo=). With --new the units make the pod and its members and remove them again.

use serde_json::Value;

use super::boot::Systemd;
use super::real::{ctl_in, start, state_of, NO_NET, SERVE};
use std::time::Duration;

use crate::common::{wait_for, WithImage};

/// The units `generate systemd --format json ARGS` gives: (file name, text), sorted.
fn units(w: &WithImage, args: &[&str]) -> Vec<(String, String)> {
    let mut full = vec!["generate", "systemd", "--format", "json"];
    full.extend_from_slice(args);
    let v: Value = serde_json::from_str(&w.ctl.ok(&full).stdout).expect("json");
    let mut out: Vec<(String, String)> = v
        .as_object()
        .expect("a map")
        .iter()
        .map(|(k, t)| (format!("{k}.service"), t.as_str().unwrap().to_string()))
        .collect();
    out.sort();
    out
}

/// The pod's state from inside the booted namespaces, or None when it is gone.
fn pod_state(sd: &Systemd, w: &WithImage, pod: &str) -> Option<String> {
    let v: Value = serde_json::from_str(&ctl_in(sd, w, &["pod", "ps", "--format", "json"]))
        .expect("pod ps json");
    v.as_array()?
        .iter()
        .find(|p| p["Name"] == pod)
        .map(|p| p["Status"].as_str().unwrap_or_default().to_string())
}

/// The member's unit, pulled in by the pod's (Wants=), runs once its own start job ends.
fn member_active(sd: &Systemd) {
    let active = wait_for(Duration::from_secs(30), || {
        (sd.show("container-member.service", "ActiveState") == "active").then_some(())
    });
    assert!(
        active.is_some(),
        "{}",
        sd.status("container-member.service")
    );
}

#[test]
fn pod_units_run_under_a_real_systemd() {
    let w = WithImage::busybox();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_ctl"))
        .parent()
        .expect("bin dir");
    let sd = match Systemd::boot(&[bin, w.ctl.dir()]) {
        Ok(sd) => sd,
        Err(why) => {
            let line = format!(
                "\n*** SKIPPED systemd::pods::pod_units_run_under_a_real_systemd: systemd \
                 cannot be booted here: {why} ***\n"
            );
            eprintln!("{line}");
            println!("{line}");
            return;
        }
    };
    w.ctl
        .ok(&["pod", "create", "--name", "sdpod", NO_NET[0], NO_NET[1]]);
    w.ctl.ok(&[
        "create",
        "--pod",
        "sdpod",
        "--name",
        "member",
        &w.reference,
        "sh",
        "-c",
        SERVE,
    ]);

    // An existing pod: the pod's unit runs the infra, its Wants= the member's unit.
    let us = units(&w, &["--name", "sdpod"]);
    let names: Vec<&str> = us.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["container-member.service", "pod-sdpod.service"]);
    for (n, t) in &us {
        sd.install(n, t);
    }
    start(&sd, "pod-sdpod.service");
    assert_eq!(sd.show("pod-sdpod.service", "ActiveState"), "active");
    member_active(&sd);
    assert_eq!(state_of(&sd, &w, "member").as_deref(), Some("running"));
    assert_eq!(pod_state(&sd, &w, "sdpod").as_deref(), Some("Running"));
    let out = sd.systemctl(&["stop", "pod-sdpod.service"]);
    assert!(out.status.success(), "stop: {out:?}");
    assert_eq!(
        sd.show("container-member.service", "ActiveState"),
        "inactive"
    );
    assert_eq!(state_of(&sd, &w, "member").as_deref(), Some("exited"));
    assert_eq!(pod_state(&sd, &w, "sdpod").as_deref(), Some("Exited"));

    // --new: the pod's unit makes the pod, the member's unit runs the member in it by the
    // pod's id file; stopping the pod's unit removes both.
    let us = units(&w, &["--new", "--name", "sdpod"]);
    ctl_in(&sd, &w, &["pod", "rm", "-f", "sdpod"]);
    assert_eq!(pod_state(&sd, &w, "sdpod"), None);
    for (n, t) in &us {
        sd.install(n, t);
    }
    start(&sd, "pod-sdpod.service");
    member_active(&sd);
    assert_eq!(pod_state(&sd, &w, "sdpod").as_deref(), Some("Running"));
    let v: Value =
        serde_json::from_str(&ctl_in(&sd, &w, &["inspect", "--format", "json", "member"]))
            .expect("inspect");
    let pod_id = ctl_in(&sd, &w, &["pod", "inspect", "--format", "{{.Id}}", "sdpod"]);
    assert_eq!(v[0]["Pod"].as_str(), Some(pod_id.trim()), "{v}");
    let out = sd.systemctl(&["stop", "pod-sdpod.service"]);
    assert!(out.status.success(), "stop: {out:?}");
    assert_eq!(sd.show("pod-sdpod.service", "ActiveState"), "inactive");
    assert_eq!(
        pod_state(&sd, &w, "sdpod"),
        None,
        "the pod outlived its unit"
    );
    assert_eq!(state_of(&sd, &w, "member"), None);
    let idfile = format!("/proc/{}/root/run/pod-sdpod.pod-id", sd.pid);
    assert!(
        !std::path::Path::new(&idfile).exists(),
        "the pod's id file outlived it"
    );
    ctl_in(&sd, &w, &["rm", "--all", "--force", "--time", "0"]);
}

/// `--files` writes every unit of the pod and prints their paths; the units, and those of a
/// `.pod` file and a `.container` joining it, pass `systemd-analyze verify`.
#[test]
fn pod_unit_files_and_quadlet_pod_files() {
    let w = WithImage::busybox();
    w.ctl
        .ok(&["pod", "create", "--name", "filepod", NO_NET[0], NO_NET[1]]);
    w.ctl.ok(&[
        "create",
        "--pod",
        "filepod",
        "--name",
        "fm1",
        &w.reference,
        "true",
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = w.ctl.command(&[
        "generate",
        "systemd",
        "--files",
        "--name",
        "--pod-prefix",
        "p",
        "--separator",
        "_",
        "filepod",
    ]);
    cmd.current_dir(dir.path());
    let out = cmd.output().expect("ctl");
    assert!(out.status.success(), "{out:?}");
    let mut printed: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    printed.sort();
    let want: Vec<String> = ["container_fm1.service", "p_filepod.service"]
        .iter()
        .map(|n| dir.path().join(n).display().to_string())
        .collect();
    assert_eq!(printed, want);
    for p in &printed {
        super::units::verify(std::path::Path::new(p));
    }
    let member = std::fs::read_to_string(&printed[0]).unwrap();
    assert!(
        member.contains("BindsTo=p_filepod.service\nAfter=p_filepod.service\n"),
        "{member}"
    );
    // No such container or pod: podman's words, exit 125.
    w.ctl
        .run(&["generate", "systemd", "nosuchthing"])
        .failure(125)
        .stderr_has("nosuchthing does not refer to a container or pod");
    w.ctl.ok(&["pod", "rm", "-f", "filepod"]);

    // A .pod file and a .container file that joins it.
    std::fs::write(
        dir.path().join("shop.pod"),
        "[Pod]\nPublishPort=18080:80\nNetwork=none\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("web.container"),
        format!(
            "[Container]\nImage={}\nPod=shop.pod\nExec=sleep 100\n",
            w.reference
        ),
    )
    .unwrap();
    let pod_unit = w
        .ctl
        .ok(&[
            "generate",
            "systemd",
            "--from",
            &dir.path().join("shop.pod").display().to_string(),
        ])
        .stdout;
    assert!(pod_unit.starts_with("# shop-pod.service\n"), "{pod_unit}");
    assert!(pod_unit.contains("--name systemd-shop"), "{pod_unit}");
    super::units::verify_text(dir.path(), "shop-pod.service", &pod_unit);
    let web = w
        .ctl
        .ok(&[
            "generate",
            "systemd",
            "--from",
            &dir.path().join("web.container").display().to_string(),
        ])
        .stdout;
    assert!(web.contains("BindsTo=shop-pod.service\n"), "{web}");
    assert!(web.contains("--pod-id-file %t/shop-pod.pod-id"), "{web}");
    super::units::verify_text(dir.path(), "web.service", &web);
}
