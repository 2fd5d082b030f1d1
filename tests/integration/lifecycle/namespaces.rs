//! `--ipc`, `--pid`, `--uts`, `--cgroupns` and `--device`, seen from inside the container.

use super::*;

fn sh(w: &WithImage, extra: &[&str], script: &str) -> String {
    let out = run_rm(w, extra, &["sh", "-c", script]);
    out.success();
    out.stdout
}

fn host_ns(kind: &str) -> String {
    std::fs::read_link(format!("/proc/self/ns/{kind}"))
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn host_and_private_namespaces() {
    let w = setup();
    let probe = "for n in pid ipc uts cgroup; do readlink /proc/self/ns/$n; done";
    let private = sh(&w, &["--network", "none"], probe);
    let host = sh(
        &w,
        &[
            "--network",
            "none",
            "--pid",
            "host",
            "--ipc",
            "host",
            "--uts",
            "host",
            "--cgroupns",
            "host",
        ],
        probe,
    );
    let want_host: Vec<String> = ["pid", "ipc", "uts", "cgroup"]
        .iter()
        .map(|k| host_ns(k))
        .collect();
    assert_eq!(host.lines().collect::<Vec<_>>(), want_host, "{host}");
    // The cgroup namespace is a new one only on cgroup v2 (the host's on v1, as podman).
    let v2 = std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists();
    let new = if v2 { 4 } else { 3 };
    for (p, h) in private.lines().zip(&want_host).take(new) {
        assert_ne!(p, h, "{private}");
    }
    // The host's UTS namespace: the host's name.
    let name = nix::unistd::gethostname().unwrap().into_string().unwrap();
    assert_eq!(
        sh(&w, &["--network", "none", "--uts", "host"], "hostname"),
        format!("{name}\n")
    );
    // --ipc none: no /dev/shm; --ipc host: the host's.
    let shm = "grep -c ' /dev/shm ' /proc/self/mountinfo || true";
    assert_eq!(sh(&w, &["--network", "none", "--ipc", "none"], shm), "0\n");
    // ns:PATH joins the namespace at PATH: here another container's, with its name.
    run_d(
        &w,
        &[
            "--name",
            "utsdonor",
            "--network",
            "none",
            "--hostname",
            "donorhost",
        ],
        &["sleep", "60"],
    );
    let pid = field(&w, "utsdonor", "{{.State.Pid}}");
    let ns = format!("ns:/proc/{pid}/ns/uts");
    let joined = sh(&w, &["--network", "none", "--uts", &ns], "hostname");
    assert_eq!(joined, "donorhost\n");
    w.ctl.ok(&["rm", "-f", "utsdonor"]);
}

#[test]
fn another_running_container_s_namespaces() {
    let w = setup();
    run_d(
        &w,
        &["--name", "nsdonor", "--network", "none"],
        &["sleep", "60"],
    );
    let probe = "for n in pid ipc; do readlink /proc/self/ns/$n; done";
    let theirs = w.ctl.ok(&["exec", "nsdonor", "sh", "-c", probe]).stdout;
    let ours = sh(
        &w,
        &[
            "--network",
            "none",
            "--pid",
            "container:nsdonor",
            "--ipc",
            "container:nsdonor",
        ],
        &format!("{probe}; ps -o comm | grep -c sleep"),
    );
    assert_eq!(ours, format!("{theirs}1\n"));
    w.ctl.ok(&["stop", "-t", "0", "nsdonor"]);
    let out = w.ctl.run(&run_args(
        &w,
        "--rm",
        &["--pid", "container:nsdonor"],
        &["true"],
    ));
    out.failure(125);
    assert!(out.one_line_error().contains("is not running"), "{out}");
    w.ctl.ok(&["rm", "nsdonor"]);
}

/// A container joining another's namespaces joins its current process at every start (the
/// other may have restarted since); the other cannot be removed while it does, forced or
/// not, as podman's; `rm --depend` removes the joiner first.
#[test]
fn joined_namespaces_follow_a_restarted_container() {
    let w = setup();
    run_d(
        &w,
        &["--name", "nsdonor2", "--network", "none"],
        &["sleep", "600"],
    );
    let joins = [
        "--ipc",
        "container:nsdonor2",
        "--uts",
        "container:nsdonor2",
        "--network",
        "container:nsdonor2",
    ];
    let mut create = vec!["create", "--name", "nsjoiner"];
    create.extend(joins);
    create.extend([w.reference.as_str(), "sleep", "600"]);
    w.ctl.ok(&create);
    let probe = "for n in ipc uts net; do readlink /proc/self/ns/$n; done";
    let of = |name: &str| w.ctl.ok(&["exec", name, "sh", "-c", probe]).stdout;

    // The donor restarts: a new process, new namespaces, before the joiner's first start.
    // (Namespace ids may be reused; the old process's /proc path is gone for sure.)
    let pid = || {
        w.ctl.inspect_container("nsdonor2")["State"]["Pid"]
            .as_i64()
            .unwrap()
    };
    let before = pid();
    w.ctl.ok(&["restart", "-t", "0", "nsdonor2"]);
    assert_ne!(pid(), before);
    assert!(!std::path::Path::new(&format!("/proc/{before}")).exists());
    let after = of("nsdonor2");
    w.ctl.ok(&["start", "nsjoiner"]);
    assert_eq!(of("nsjoiner"), after);
    w.ctl.ok(&["stop", "-t", "0", "nsjoiner"]);
    w.ctl.ok(&["restart", "-t", "0", "nsdonor2"]);
    w.ctl.ok(&["start", "nsjoiner"]);
    assert_eq!(of("nsjoiner"), of("nsdonor2"));

    // The donor stays while the joiner exists.
    let donor = w.ctl.inspect_container("nsdonor2")["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let joiner = w.ctl.inspect_container("nsjoiner")["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let refused = |args: &[&str]| {
        let out = w.ctl.run(args);
        out.failure(125);
        assert_eq!(
            out.one_line_error(),
            format!(
                "Error: container {donor} has dependent containers which must be removed \
                 before it: {joiner}: container already exists"
            )
        );
    };
    refused(&["rm", "-f", "nsdonor2"]);
    // A stopped donor: the joiner cannot start, and says why; rm without -f is refused
    // for the dependent too (podman checks that after the running state).
    w.ctl.ok(&["stop", "-t", "0", "nsjoiner", "nsdonor2"]);
    let out = w.ctl.run(&["start", "nsjoiner"]);
    out.failure(125);
    assert!(out.one_line_error().contains("is not running"), "{out}");
    refused(&["rm", "nsdonor2"]);

    let out = w.ctl.ok(&["rm", "--depend", "nsdonor2"]);
    assert_eq!(out.stdout, format!("{joiner}\nnsdonor2\n"));
    assert_eq!(w.ctl.ok(&["ps", "-aq"]).stdout, "");
}

/// /dev/fuse (not among the runtime's default devices) at another path: opened for
/// reading only with `:r`, for writing too by default.
#[test]
fn devices_with_their_permissions() {
    if !std::path::Path::new("/dev/fuse").exists() {
        eprintln!("no /dev/fuse here: skipped");
        return;
    }
    let w = setup();
    let probe = "ls -l /dev/myfuse | cut -c1; (exec 3</dev/myfuse) && echo read; \
                 (exec 3>/dev/myfuse) 2>/dev/null && echo wrote || echo refused";
    let out = sh(
        &w,
        &["--network", "none", "--device", "/dev/fuse:/dev/myfuse:r"],
        probe,
    );
    assert_eq!(out, "c\nread\nrefused\n");
    let out = sh(
        &w,
        &["--network", "none", "--device", "/dev/fuse:/dev/myfuse"],
        probe,
    );
    assert_eq!(out, "c\nread\nwrote\n");
    // Without the flag there is no such node.
    let out = sh(
        &w,
        &["--network", "none"],
        "test -e /dev/fuse && echo yes || echo no",
    );
    assert_eq!(out, "no\n");
}

/// `--device-cgroup-rule`: a node made in the container (1:11, /dev/kmsg, not among the
/// runtime's default devices; opening it for writing needs no privilege) opens only when a
/// rule allows it, with the rule's access.
#[test]
fn device_cgroup_rules_allow_what_they_name() {
    let w = setup();
    let probe =
        "mknod /tmp/k c 1 11 && ((exec 3>/tmp/k) 2>/dev/null && echo wrote || echo refused)";
    let base = ["--network", "none", "--cap-add", "MKNOD"];
    fn with<'a>(base: &[&'a str], rule: &'a str) -> Vec<&'a str> {
        let mut v = base.to_vec();
        v.extend(["--device-cgroup-rule", rule]);
        v
    }
    assert_eq!(sh(&w, &base, probe), "refused\n");
    assert_eq!(sh(&w, &with(&base, "c 1:11 r"), probe), "refused\n");
    assert_eq!(sh(&w, &with(&base, "c 1:* w"), probe), "wrote\n");
    assert_eq!(sh(&w, &with(&base, "c 1:11 rwm"), probe), "wrote\n");
}

#[test]
fn bad_namespace_and_device_values_make_nothing() {
    let w = setup();
    for (flags, want) in [
        (
            &["--pid", "bogus"][..],
            "unrecognized namespace mode bogus passed",
        ),
        (&["--ipc", "ns:"], "namespace mode path requires a value"),
        (
            &["--uts", "host", "--hostname", "x"],
            "cannot set hostname when running in the host UTS namespace",
        ),
        (
            &["--device-cgroup-rule", "c 1:3"],
            "invalid device cgroup rule requires type, major:Minor, and access rules: \"c 1:3\"",
        ),
        (
            &["--device", "/dev/nope"],
            "stat /dev/nope: no such file or directory",
        ),
        (
            &["--device", "/etc/passwd"],
            "/etc/passwd is not a valid device",
        ),
        (
            &["--device", "/dev/null:rwx"],
            "invalid device mode \"rwx\" in device \"/dev/null:rwx\"",
        ),
        (&["--pid", "container:nosuch"], "nosuch"),
        (
            &["--userns", "nomap"],
            "nomap is only supported in rootless mode",
        ),
    ] {
        let out = w.ctl.run(&run_args(&w, "--rm", flags, &["true"]));
        out.failure(125);
        assert!(out.one_line_error().contains(want), "{flags:?}: {out}");
    }
    assert_eq!(w.ctl.ok(&["ps", "-a", "-q"]).stdout, "");
}

/// `--userns=host` is what a container has; as root, keep-id runs as the caller (root).
#[test]
fn userns_host_and_keep_id() {
    let w = setup();
    let host = host_ns("user");
    let out = sh(
        &w,
        &["--network", "none", "--userns", "host"],
        "readlink /proc/self/ns/user",
    );
    assert_eq!(out.trim(), host);
    let out = sh(
        &w,
        &["--network", "none", "--userns", "keep-id", "-u", "1:1"],
        "id -u",
    );
    assert_eq!(out, "1\n");
    let out = sh(
        &w,
        &["--network", "none", "--userns", "keep-id"],
        "id -u; id -g",
    );
    assert_eq!(out, "0\n0\n");
}
