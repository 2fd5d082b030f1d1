//! `run` options that reach the kernel and the process as podman's do: `--shm-size`,
//! `--sysctl`, `--tz`, `--umask`, `--oom-score-adj`, `--env-host`, `--label-file`,
//! `--annotation`, `--expose`, `--memory 0`, `--name /c`, `-p` without a network of its own.

use super::*;

fn sh(w: &WithImage, extra: &[&str], script: &str) -> String {
    let out = run_rm(w, extra, &["sh", "-c", script]);
    out.success();
    out.stdout
}

#[test]
fn shm_sysctl_umask_oom_and_tz() {
    let w = setup();
    let none = ["--network", "none"];
    let shm = |extra: &[&str]| {
        let args: Vec<&str> = none.iter().chain(extra).copied().collect();
        sh(&w, &args, "grep ' /dev/shm ' /proc/self/mounts")
    };
    assert!(shm(&[]).contains("size=65536k"), "{}", shm(&[]));
    assert!(shm(&["--shm-size", "128m"]).contains("size=131072k"));
    assert!(!shm(&["--shm-size", "0"]).contains("size=65536k"));

    let out = sh(
        &w,
        &[
            "--network",
            "none",
            "--sysctl",
            "net.ipv4.ip_unprivileged_port_start=99",
            "--sysctl",
            "kernel.shmmni=1234",
            "--umask",
            "0077",
            "--oom-score-adj",
            "300",
        ],
        "cat /proc/sys/net/ipv4/ip_unprivileged_port_start /proc/sys/kernel/shmmni \
         /proc/self/oom_score_adj; umask",
    );
    assert_eq!(out, "99\n1234\n300\n0077\n");

    let tz = sh(&w, &["--network", "none", "--tz", "Asia/Tokyo"], "date +%Z");
    assert_eq!(tz, "JST\n");
    let bad = w.ctl.run(&run_args(
        &w,
        "--rm",
        &["--tz", "Nowhere/Atlantis"],
        &["true"],
    ));
    bad.failure(125);
    assert_eq!(
        bad.one_line_error(),
        "Error: finding timezone: unknown time zone Nowhere/Atlantis"
    );
}

#[test]
fn env_host_label_file_annotation_expose_and_name() {
    let w = setup();
    let file = w.ctl.dir().join("labels");
    std::fs::write(&file, "# labels\nteam=db\nover=file\n\nbare\n").unwrap();
    let args = run_args(
        &w,
        "-d",
        &[
            "--name",
            "/slashed",
            "--network",
            "none",
            "--env-host",
            "-e",
            "FROM_FLAG=1",
            "--label-file",
            file.to_str().unwrap(),
            "--label",
            "over=flag",
            "--annotation",
            "io.example/note=hi",
            "--expose",
            "8080",
        ],
        &["sleep", "60"],
    );
    let mut cmd = w.ctl.command(&args);
    cmd.env("CTL_TEST_HOST_VAR", "from the host");
    let out = crate::common::Ctl::run_command(cmd, &args, None);
    out.success();
    let env = w.ctl.ok(&["exec", "slashed", "env"]).stdout;
    assert!(env.contains("CTL_TEST_HOST_VAR=from the host\n"), "{env}");
    assert!(env.contains("FROM_FLAG=1\n"), "{env}");
    let labels = field(&w, "slashed", "{{json .Config.Labels}}");
    let labels: Value = serde_json::from_str(&labels).unwrap();
    assert_eq!(labels["team"], "db");
    assert_eq!(labels["over"], "flag");
    assert_eq!(labels["bare"], "");
    w.ctl.ok(&["rm", "-f", "slashed"]);
}

#[test]
fn memory_zero_is_unlimited_and_publish_without_a_network_warns() {
    let w = setup();
    w.ctl
        .ok(&["create", "--name", "m0", "-m", "0", &w.reference, "true"]);
    assert_eq!(field(&w, "m0", "{{.HostConfig.Memory}}"), "0");
    w.ctl.ok(&["rm", "m0"]);
    let out = run_rm(&w, &["--network", "host", "-p", "8080:80"], &["true"]);
    out.success();
    assert!(
        out.stderr.contains(
            "Port mappings have been discarded because \"host\" network namespace mode does \
             not support them"
        ),
        "{out}"
    );
}

/// Each bad value: exit 125, one line, and no container made.
#[test]
fn bad_kernel_values_make_nothing() {
    let w = setup();
    for (flags, want) in [
        (
            &["--sysctl", "kernel.hostname=x"][..],
            "sysctl 'kernel.hostname' is not allowed",
        ),
        (
            &["--network", "host", "--sysctl", "net.ipv4.ip_forward=1"],
            "sysctl net.ipv4.ip_forward=1 can't be set since Network Namespace set to host: \
             invalid argument",
        ),
        (
            &["--umask", "999"],
            "invalid umask string 999: invalid argument",
        ),
        (
            &["--oom-score-adj", "-1001"],
            "must be between -1000 and 1000",
        ),
        (&["--shm-size", "lots"], "invalid size \"lots\""),
        (&["--expose", "80/sctp"], "invalid expose \"80/sctp\""),
        (
            &["--label-file", "/nonexistent/labels"],
            "/nonexistent/labels",
        ),
    ] {
        let out = w.ctl.run(&run_args(&w, "--rm", flags, &["true"]));
        out.failure(125);
        assert!(out.one_line_error().contains(want), "{flags:?}: {out}");
    }
    assert_eq!(w.ctl.ok(&["ps", "-a", "-q"]).stdout, "");
}

/// `--systemd=always` (or an init command): tmpfs where systemd writes, SIGRTMIN+3 to stop,
/// `container_uuid`.
#[test]
fn systemd_mode() {
    let w = setup();
    let probe = "for d in /run /run/lock /tmp /var/log/journal; do \
                 grep -q \" $d tmpfs \" /proc/self/mounts && echo $d; done; echo $container_uuid";
    let out = run_rm(
        &w,
        &["--network", "none", "--systemd=always"],
        &["sh", "-c", probe],
    );
    out.success();
    let lines = out.lines();
    assert_eq!(
        lines[..4],
        ["/run", "/run/lock", "/tmp", "/var/log/journal"],
        "{out}"
    );
    assert_eq!(lines[4].len(), 32, "{out}");
    let plain = run_rm(&w, &["--network", "none"], &["sh", "-c", probe]);
    plain.success();
    assert_eq!(plain.stdout, "\n");
    w.ctl.ok(&[
        "create",
        "--name",
        "sd",
        "--systemd",
        "always",
        &w.reference,
        "true",
    ]);
    let rtmin3 = (libc::SIGRTMIN() + 3).to_string();
    assert_eq!(field(&w, "sd", "{{.Config.StopSignal}}"), rtmin3);
    w.ctl.ok(&["rm", "sd"]);
    let bad = w
        .ctl
        .run(&run_args(&w, "--rm", &["--systemd", "maybe"], &["true"]));
    bad.failure(125);
    assert_eq!(
        bad.one_line_error(),
        "Error: invalid value \"maybe\" systemd option requires 'true, false, always'"
    );
}
