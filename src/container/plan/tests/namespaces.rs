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
        blkio_weight: true,
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

fn keep_id_user() -> Settings {
    Settings {
        uid: 1000,
        gid: 1001,
        subids: (65536, 65536),
        ..rootless()
    }
}

#[test]
fn userns_keep_id_rootless_maps_the_user_to_its_own_ids() {
    let m = |c, h, s| IdMapping::new(c, h, s);
    let p = plan(&req(|r| r.userns = Some("keep-id".into())), &keep_id_user());
    assert_eq!(p.user, "1000:1001");
    let UsernsPlan::Maps(maps) = &p.userns else {
        panic!("{:?}", p.userns)
    };
    // In the user's namespace's ids: 0 is the user, 1..=65536 the subordinate ids.
    assert_eq!(
        maps.uid_map,
        [m(0, 1, 1000), m(1000, 0, 1), m(1001, 1001, 64536)]
    );
    assert_eq!(
        maps.gid_map,
        [m(0, 1, 1001), m(1001, 0, 1), m(1002, 1002, 64535)]
    );
    // uid= and gid= choose the container's ids; size= bounds the map (2000 ids).
    let p = plan(
        &req(|r| r.userns = Some("keep-id:uid=0,gid=0".into())),
        &keep_id_user(),
    );
    assert_eq!(p.user, "0:0");
    let UsernsPlan::Maps(maps) = &p.userns else {
        panic!()
    };
    assert_eq!(maps.uid_map, [m(0, 0, 1), m(1, 1, 65536)]);
    let p = plan(
        &req(|r| r.userns = Some("keep-id:size=2000".into())),
        &keep_id_user(),
    );
    let UsernsPlan::Maps(maps) = &p.userns else {
        panic!()
    };
    assert_eq!(
        maps.uid_map,
        [m(0, 1, 1000), m(1000, 0, 1), m(1001, 1001, 999)]
    );
    // Without subordinate ids, only the user.
    let alone = Settings {
        subids: (0, 0),
        ..keep_id_user()
    };
    let p = plan(&req(|r| r.userns = Some("keep-id".into())), &alone);
    let UsernsPlan::Maps(maps) = &p.userns else {
        panic!()
    };
    assert_eq!(maps.uid_map, [m(1000, 0, 1)]);
    // --user still wins.
    let p = plan(
        &req(|r| {
            r.userns = Some("keep-id".into());
            r.user = Some("7".into());
        }),
        &keep_id_user(),
    );
    assert_eq!(p.user, "7");
    for (v, want) in [
        (
            "keep-id:uid=x",
            "parsing uid x: strconv.ParseUint: parsing \"x\": invalid syntax",
        ),
        (
            "keep-id:size=1",
            "--userns=keep-id:size=1 is too small: the container's uid 1000 and gid 1001 \
             need at least 1002",
        ),
        ("keep-id:what=1", "unknown option specified: \"what=1\""),
    ] {
        assert_eq!(
            error(&req(|r| r.userns = Some(v.into())), &keep_id_user()),
            want,
            "{v}"
        );
    }
}

#[test]
fn userns_nomap_rootless_leaves_the_user_out() {
    let p = plan(&req(|r| r.userns = Some("nomap".into())), &keep_id_user());
    assert_eq!(p.user, "www", "the image's user");
    assert_eq!(
        p.userns,
        UsernsPlan::Maps(IdMappings {
            uid_map: vec![IdMapping::new(0, 1, 65536)],
            gid_map: vec![IdMapping::new(0, 1, 65536)],
        })
    );
    let alone = Settings {
        subids: (0, 0),
        ..keep_id_user()
    };
    assert!(error(&req(|r| r.userns = Some("nomap".into())), &alone)
        .starts_with("nomap requires additional UIDs or GIDs"));
}
