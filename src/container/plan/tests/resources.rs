//! Resources, security options, mounts, kernel and process settings.

use super::*;

#[test]
fn resources_and_security_as_asked() {
    let p = plan(
        &req(|r| {
            r.limits.memory = Some("512m".into());
            r.limits.cpus = Some("1.5".into());
            r.limits.pids_limit = Some("-1".into());
            r.limits.cpuset_cpus = Some("0-1".into());
            r.ulimits = strings(&["nofile=1024:2048"]);
            r.cap_add = strings(&["NET_ADMIN"]);
            r.cap_drop = strings(&["CAP_CHOWN"]);
            r.privileged = true;
            r.security_opt = strings(&["no-new-privileges", "seccomp=unconfined"]);
        }),
        &root(),
    );
    let want = ContainerPlan {
        resources: Resources {
            memory: Some(512 << 20),
            cpu_quota: Some(150_000),
            cpu_period: Some(100_000),
            pids_limit: Some(-1),
            cpuset_cpus: Some("0-1".into()),
            ..Default::default()
        },
        ulimits: vec![PosixRlimitBuilder::default()
            .typ(PosixRlimitType::RlimitNofile)
            .soft(1024u64)
            .hard(2048u64)
            .build()
            .unwrap()],
        cap_changes: CapChanges {
            add: 1 << 12,
            drop: 1 << 0,
            ..Default::default()
        },
        privileged: true,
        security: SecurityOpts {
            no_new_privileges: true,
            seccomp: Seccomp::Unconfined,
            given: strings(&["no-new-privileges", "seccomp=unconfined"]),
            ..Default::default()
        },
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn relative_bind_sources_are_taken_against_the_current_directory() {
    let p = plan(
        &req(|r| {
            r.volumes = strings(&["./data:/a", "../up/x/..:/b:ro", ".hidden:/c", "name:/d"]);
            r.mounts = strings(&["type=bind,src=rel/dir,dst=/e", "type=bind,dst=/srv"]);
        }),
        &root(),
    );
    let binds: Vec<_> = p
        .mounts
        .iter()
        .filter_map(|m| match m {
            Mount::Bind { source, .. } => Some(source.display().to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        binds,
        [
            "/home/build/src/data",
            "/home/build/up",
            "/home/build/src/.hidden",
            "/home/build/src/rel/dir",
            "/srv",
        ]
    );
    assert!(p
        .mounts
        .iter()
        .any(|m| matches!(m, Mount::Volume { name, .. } if name == "name")));
}

#[test]
fn mounts_read_only_and_init() {
    let p = plan(
        &req(|r| {
            r.volumes = strings(&["/data:/data:ro"]);
            r.mounts = strings(&["type=tmpfs,target=/cache"]);
            r.tmpfs = strings(&["/run"]);
            r.read_only = true;
            r.read_only_tmpfs = false;
            r.init_path = Some("/usr/bin/tini".into());
        }),
        &root(),
    );
    let want = ContainerPlan {
        mounts: vec![
            Mount::bind("/data".into(), "/data".into(), true, vec![]),
            Mount::tmpfs("/cache".into(), &[]),
            Mount::tmpfs("/run".into(), &[]),
        ],
        read_only: true,
        read_only_tmpfs: false,
        init: true,
        init_path: Some("/usr/bin/tini".into()),
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn kernel_and_process_settings_as_asked() {
    let mut host_env = root();
    host_env.host_env = BTreeMap::from([
        ("FROM_HOST".to_string(), "yes".to_string()),
        ("MODE".to_string(), "host".to_string()),
    ]);
    let p = plan(
        &req(|r| {
            r.name = Some("/web".into());
            r.shm_size = Some("128m".into());
            r.sysctls = strings(&["net.ipv4.ip_forward=1", "kernel.shmmax=4096"]);
            r.tz = Some("Europe/Paris".into());
            r.umask = Some("0077".into());
            r.oom_score_adj = Some(-500);
            r.annotations = strings(&["io.example/a=1"]);
            r.env_host = true;
            r.env = strings(&["MODE=flag"]);
            r.limits.memory = Some("0".into());
            r.expose = strings(&["8080", "9000-9001/udp"]);
            r.publish_all = true;
        }),
        &host_env,
    );
    let mut env = golden().env;
    env[3] = "MODE=flag".into();
    env.push("FROM_HOST=yes".into());
    let want = ContainerPlan {
        name: Some("web".into()),
        env,
        shm_size: Some(128 << 20),
        sysctls: BTreeMap::from([
            ("kernel.shmmax".to_string(), "4096".to_string()),
            ("net.ipv4.ip_forward".to_string(), "1".to_string()),
        ]),
        timezone: Some("Europe/Paris".into()),
        umask: Some(0o077),
        oom_score_adj: Some(-500),
        annotations: BTreeMap::from([("io.example/a".to_string(), "1".to_string())]),
        network: NetworkPlan {
            mode: Mode::Bridge("ctl".into()),
            ports: vec![
                pm("", 0, 443, "tcp", 1),
                pm("", 0, 53, "udp", 1),
                pm("", 0, 80, "tcp", 1),
                pm("", 0, 8080, "tcp", 1),
                pm("", 0, 9000, "udp", 1),
                pm("", 0, 9001, "udp", 1),
            ],
            exposed: strings(&[
                "443/tcp", "53/udp", "80/tcp", "8080/tcp", "9000/udp", "9001/udp",
            ]),
            ..Default::default()
        },
        ..golden()
    };
    assert_eq!(p, want);
    assert_eq!(
        label_file_lines(&["# c\n\nA=1\n  B=two words \n".into(), "C\n".into()]),
        ["A=1", "B=two words", "C"]
    );
}

/// podman's words (pkg/util ValidateSysctls, specgen, libpod WithUmask) where it has them.
#[test]
fn kernel_and_process_errors() {
    for (flags, want) in [
        (
            req(|r| r.sysctls = strings(&["kernel.hostname=x"])),
            "sysctl 'kernel.hostname' is not allowed",
        ),
        (
            req(|r| r.sysctls = strings(&["net.core.somaxconn"])),
            "net.core.somaxconn is invalid, sysctl values must be in the form of KEY=VALUE",
        ),
        (
            req(|r| r.sysctls = strings(&["net.a = 1"])),
            "'net.a = 1' is invalid, extra spaces found",
        ),
        (
            req(|r| {
                r.network = Some("host".into());
                r.sysctls = strings(&["net.ipv4.ip_forward=1"]);
            }),
            "sysctl net.ipv4.ip_forward=1 can't be set since Network Namespace set to host: \
             invalid argument",
        ),
        (
            req(|r| r.umask = Some("0999".into())),
            "invalid umask string 0999: invalid argument",
        ),
        (
            req(|r| r.umask = Some("00022".into())),
            "invalid umask string 00022: invalid argument",
        ),
        (
            req(|r| r.tz = Some("../etc/passwd".into())),
            "finding timezone: time: invalid location name",
        ),
        (
            req(|r| r.oom_score_adj = Some(1001)),
            "invalid oom-score-adj \"1001\": must be between -1000 and 1000",
        ),
        (
            req(|r| r.shm_size = Some("lots".into())),
            "invalid size \"lots\"",
        ),
        (
            req(|r| r.expose = strings(&["80/sctp"])),
            "invalid expose \"80/sctp\"",
        ),
        (req(|r| r.expose = strings(&["0"])), "invalid expose \"0\""),
        (
            req(|r| r.annotations = strings(&["=x"])),
            "invalid annotation \"=x\": empty key",
        ),
    ] {
        let e = error(&flags, &root());
        assert!(e.starts_with(want), "{flags:?}: {e}");
    }
}

/// podman's parseLinuxResourcesDeviceAccess: `TYPE MAJOR:MINOR ACCESS`, `*` for any.
#[test]
fn device_cgroup_rules_as_podman_parses_them() {
    use crate::container::plan::DeviceRule;
    let p = plan(
        &req(|r| r.device_cgroup_rules = strings(&["c 1:3 mr", "b *:* rwm", "a 7 r"])),
        &root(),
    );
    let rule = |kind: &str, major, minor, access: &str| DeviceRule {
        kind: kind.into(),
        major,
        minor,
        access: access.into(),
    };
    assert_eq!(
        p.device_rules,
        [
            rule("c", Some(1), Some(3), "mr"),
            rule("b", None, None, "rwm"),
            rule("a", Some(7), None, "r"),
        ]
    );
    for (bad, want) in [
        (
            "c 1:3",
            "invalid device cgroup rule requires type, major:Minor, and access rules: \"c 1:3\"",
        ),
        ("x 1:3 r", "invalid device type in device-access-add: x"),
        ("c 1:3 rx", "invalid device access in device-access-add: x"),
        (
            "c one:3 r",
            "strconv.ParseUint: parsing \"one\": invalid syntax",
        ),
    ] {
        assert_eq!(
            error(&req(|r| r.device_cgroup_rules = strings(&[bad])), &root()),
            want,
            "{bad}"
        );
    }
    assert_eq!(
        error(
            &req(|r| r.device_cgroup_rules = strings(&["c 1:3 r"])),
            &rootless()
        ),
        "device cgroup rules are not supported in rootless mode or in a user namespace"
    );
    let p = plan(
        &req(|r| {
            r.device_cgroup_rules = strings(&["c 1:3 r"]);
            r.privileged = true;
        }),
        &root(),
    );
    assert!(p.device_rules.is_empty(), "privileged allows every device");
}

#[test]
fn block_io_weight_is_discarded_with_podman_s_warning_where_the_kernel_has_none() {
    let r = req(|r| r.limits.blkio_weight = Some("300".into()));
    assert_eq!(plan(&r, &root()).resources.blkio.weight, Some(300));
    let no_weight = Settings {
        blkio_weight: false,
        ..root()
    };
    let p = plan(&r, &no_weight);
    assert_eq!(p.resources.blkio.weight, None);
    assert_eq!(
        p.warnings,
        [
            "Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight \
          discarded."
        ]
    );
}
