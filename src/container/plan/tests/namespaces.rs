//! Namespaces, devices and user-namespace ids.

use super::*;

#[test]
fn namespaces_and_devices_as_asked() {
    let p = plan(
        &req(|r| {
            r.ipc = Some("host".into());
            r.pid = Some("container:db".into());
            r.uts = Some("host".into());
            r.cgroupns = Some("host".into());
            r.devices = strings(&["/dev/fuse", "/dev/sda:/dev/xvda:r"]);
        }),
        &root(),
    );
    let mut env = golden().env;
    env[2] = "HOSTNAME=buildhost".into();
    let want = ContainerPlan {
        hostname: "buildhost".into(),
        env,
        namespaces: NamespacesPlan {
            ipc: NsMode::Host,
            pid: NsMode::Container("db".into()),
            uts: NsMode::Host,
            cgroup: Some(NsMode::Host),
        },
        devices: vec![
            DeviceRequest {
                host: "/dev/fuse".into(),
                container: "/dev/fuse".into(),
                access: "rwm".into(),
            },
            DeviceRequest {
                host: "/dev/sda".into(),
                container: "/dev/xvda".into(),
                access: "r".into(),
            },
        ],
        ..golden()
    };
    assert_eq!(p, want);
    let p = plan(
        &req(|r| {
            r.ipc = Some("none".into());
            r.pid = Some("ns:/proc/1/ns/pid".into());
            r.cgroupns = Some("private".into());
        }),
        &root(),
    );
    assert_eq!(
        p.namespaces,
        NamespacesPlan {
            ipc: NsMode::None,
            pid: NsMode::Path("/proc/1/ns/pid".into()),
            uts: NsMode::Private,
            cgroup: Some(NsMode::Private),
        }
    );
    // cgroup v1: every --cgroupns is the host's, as podman's.
    let v1 = Settings {
        cgroup_v2: false,
        ..root()
    };
    let p = plan(&req(|r| r.cgroupns = Some("private".into())), &v1);
    assert_eq!(p.namespaces.cgroup, Some(NsMode::Host));
}

/// podman's words (specgen/namespaces.go, containers/create.go, ParseDevice).
#[test]
fn namespace_errors_are_podman_s() {
    for (flags, want) in [
        (
            req(|r| r.pid = Some("bogus".into())),
            "unrecognized namespace mode bogus passed",
        ),
        (
            req(|r| r.uts = Some("ns:".into())),
            "namespace mode path requires a value",
        ),
        (
            req(|r| r.ipc = Some("container:".into())),
            "namespace mode container requires a value",
        ),
        (
            req(|r| r.cgroupns = Some("ns:/x".into())),
            "unrecognized cgroup namespace mode ns:/x passed",
        ),
        (
            req(|r| {
                r.uts = Some("host".into());
                r.hostname = Some("box".into());
            }),
            "cannot set hostname when running in the host UTS namespace: invalid configuration",
        ),
        (
            req(|r| r.devices = strings(&["/dev/fuse:rwx"])),
            "invalid device mode \"rwx\" in device \"/dev/fuse:rwx\"",
        ),
    ] {
        assert_eq!(error(&flags, &root()), want, "{flags:?}");
    }
}

#[test]
fn userns_keep_id_as_root_is_the_caller_s_ids() {
    let p = plan(&req(|r| r.userns = Some("keep-id".into())), &root());
    let want = ContainerPlan {
        user: "0:0".into(),
        ..golden()
    };
    assert_eq!(p, want);
    // --user still wins.
    let p = plan(
        &req(|r| {
            r.userns = Some("keep-id".into());
            r.user = Some("7".into());
        }),
        &root(),
    );
    assert_eq!(p.user, "7");
    assert_eq!(
        error(&req(|r| r.userns = Some("nomap".into())), &root()),
        "nomap is only supported in rootless mode"
    );
}
