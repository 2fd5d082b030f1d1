//! Generated units under a real systemd (see [`super::boot`]): `systemctl start` runs the
//! container and the unit is active once READY arrives, `systemctl stop` removes it, a
//! crashing container is restarted per Restart=, and a unit for an existing container
//! follows its monitor.

use std::time::Duration;

use serde_json::Value;

use super::boot::Systemd;
use crate::common::{wait_for, WithImage};

/// The units' containers need no network. The booted systemd has a /run of its own, so a
/// ctl inside it would run netavark beside the host's ctls without their lock, on the
/// host's one firewall.
pub(super) const NO_NET: [&str; 2] = ["--network", "none"];

/// A service that stops cleanly on SIGTERM (a container's PID 1 without a handler ignores it,
/// is killed after the stop timeout, and the unit then ends failed, as podman's do).
pub(super) const SERVE: &str = "trap 'exit 0' TERM; while :; do sleep 0.2; done";

/// ctl inside the booted namespaces: container pids there are not the host's, so every
/// look at running containers is made from inside.
pub(super) fn ctl_in(sd: &Systemd, w: &WithImage, args: &[&str]) -> String {
    let mut full = vec![
        "--root".to_string(),
        w.ctl.root.display().to_string(),
        "--runroot".to_string(),
        w.ctl.runroot.display().to_string(),
    ];
    full.extend(args.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = full.iter().map(String::as_str).collect();
    let out = sd
        .command(env!("CARGO_BIN_EXE_ctl"), &refs)
        .output()
        .expect("nsenter ctl");
    assert!(
        out.status.success(),
        "ctl {args:?} in the namespace: {out:?}"
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (name, status) of every container, from inside.
pub(super) fn containers(sd: &Systemd, w: &WithImage) -> Vec<(String, String)> {
    let v: Value =
        serde_json::from_str(&ctl_in(sd, w, &["ps", "-a", "--format", "json"])).expect("ps json");
    v.as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let name = c["Names"]
                .as_array()
                .and_then(|n| n.first())
                .or(c.get("Names"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            (name, c["State"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

pub(super) fn state_of(sd: &Systemd, w: &WithImage, name: &str) -> Option<String> {
    containers(sd, w)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, s)| s)
}

/// The monitor's pid as its pidfile says (a pid of the booted namespace).
fn monitor_pid(w: &WithImage, id: &str) -> String {
    let p = w
        .ctl
        .runroot
        .join("containers")
        .join(id)
        .join("monitor.pid");
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .trim()
        .to_string()
}

fn generate(w: &WithImage, args: &[&str]) -> String {
    let mut full = vec!["generate", "systemd"];
    full.extend_from_slice(args);
    w.ctl.ok(&full).stdout
}

pub(super) fn start(sd: &Systemd, unit: &str) {
    let out = sd.systemctl(&["start", unit]);
    assert!(
        out.status.success(),
        "systemctl start {unit}: {out:?}\n{}",
        sd.status(unit)
    );
}

#[test]
fn units_run_under_a_real_systemd() {
    let w = WithImage::busybox();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_ctl"))
        .parent()
        .expect("bin dir");
    let sd = match Systemd::boot(&[bin, w.ctl.dir()]) {
        Ok(sd) => sd,
        Err(why) => {
            let line = format!(
                "\n*** SKIPPED systemd::real::units_run_under_a_real_systemd: systemd cannot \
                 be booted here: {why} ***\n"
            );
            eprintln!("{line}");
            println!("{line}");
            return;
        }
    };

    // --new: the container is made on start (READY from the monitor) and gone on stop.
    w.ctl.ok(&[
        "create",
        "--name",
        "svc",
        NO_NET[0],
        NO_NET[1],
        &w.reference,
        "sh",
        "-c",
        SERVE,
    ]);
    let unit = generate(&w, &["--new", "--name", "svc"]);
    sd.install("container-svc.service", &unit);
    start(&sd, "container-svc.service");
    assert_eq!(sd.show("container-svc.service", "ActiveState"), "active");
    assert_eq!(state_of(&sd, &w, "svc").as_deref(), Some("running"));
    // systemd follows the container's monitor (it had MAINPID from it), and the id file
    // names the container it runs.
    let cidfile = format!("/proc/{}/root/run/container-svc.service.ctr-id", sd.pid);
    let id = std::fs::read_to_string(&cidfile).expect("the unit's id file");
    assert_eq!(
        sd.show("container-svc.service", "MainPID"),
        monitor_pid(&w, id.trim()),
        "{}",
        sd.status("container-svc.service")
    );
    let out = sd.systemctl(&["stop", "container-svc.service"]);
    assert!(out.status.success(), "stop: {out:?}");
    assert_eq!(sd.show("container-svc.service", "ActiveState"), "inactive");
    assert_eq!(
        state_of(&sd, &w, "svc"),
        None,
        "the container outlived its unit"
    );

    // A container that fails is restarted per Restart=on-failure.
    w.ctl.ok(&[
        "create",
        "--name",
        "crash",
        NO_NET[0],
        NO_NET[1],
        &w.reference,
        "sh",
        "-c",
        "sleep 1; exit 3",
    ]);
    let unit = generate(&w, &["--new", "--name", "--restart-sec", "1", "crash"]);
    sd.install("container-crash.service", &unit);
    start(&sd, "container-crash.service");
    let restarted = wait_for(Duration::from_secs(30), || {
        let n: u32 = sd
            .show("container-crash.service", "NRestarts")
            .parse()
            .ok()?;
        (n >= 2).then_some(n)
    });
    assert!(
        restarted.is_some(),
        "not restarted: {}",
        sd.status("container-crash.service")
    );
    let out = sd.systemctl(&["stop", "container-crash.service"]);
    assert!(out.status.success(), "stop: {out:?}");
    assert_eq!(state_of(&sd, &w, "crash"), None);

    // An existing container: systemd follows its monitor through the pidfile.
    w.ctl.ok(&[
        "create",
        "--name",
        "kept",
        NO_NET[0],
        NO_NET[1],
        &w.reference,
        "sh",
        "-c",
        SERVE,
    ]);
    let unit = generate(&w, &["--name", "kept"]);
    sd.install("container-kept.service", &unit);
    start(&sd, "container-kept.service");
    assert_eq!(sd.show("container-kept.service", "ActiveState"), "active");
    assert_eq!(state_of(&sd, &w, "kept").as_deref(), Some("running"));
    let id = ctl_in(&sd, &w, &["inspect", "--format", "{{.Id}}", "kept"]);
    assert_eq!(
        sd.show("container-kept.service", "MainPID"),
        monitor_pid(&w, id.trim())
    );
    let out = sd.systemctl(&["stop", "container-kept.service"]);
    assert!(out.status.success(), "stop: {out:?}");
    assert_eq!(state_of(&sd, &w, "kept").as_deref(), Some("exited"));

    ctl_in(&sd, &w, &["rm", "--all", "--force", "--time", "0"]);
}
