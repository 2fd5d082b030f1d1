//! The spec built from image config and flags, as JSON.

use super::*;
use crate::container::options::{parse_mount, parse_tmpfs, parse_volume};
use oci_spec::runtime::{LinuxIdMappingBuilder, PosixRlimitBuilder, PosixRlimitType};
use serde_json::{json, Value};

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn input() -> SpecInput {
    let args = strings(&["/bin/sh", "-c", "true"]);
    let mut i = SpecInput {
        args,
        ..Default::default()
    };
    (i.hostname, i.rootfs) = ("box".into(), "/c/merged".into());
    i.cgroups_path = Some("ctl-abc".into());
    let d = PathBuf::from("/c/userdata");
    i.etc_files.hosts = Some(d.join("hosts"));
    i.etc_files.hostname = Some(d.join("hostname"));
    i.etc_files.resolv_conf = Some(d.join("resolv.conf"));
    i
}

/// The spec as JSON, plus "m": the mounts keyed by destination, "order": the destinations
/// in order; capability sets are sorted.
fn json(input: &SpecInput) -> Value {
    let mut v = serde_json::to_value(build_spec(input).unwrap()).unwrap();
    let mounts = v["mounts"].as_array().unwrap().clone();
    let dst = |m: &Value| m["destination"].as_str().unwrap().to_string();
    v["m"] = Value::Object(mounts.iter().map(|m| (dst(m), m.clone())).collect());
    v["order"] = mounts.iter().map(|m| m["destination"].clone()).collect();
    for set in v["process"]["capabilities"]
        .as_object_mut()
        .unwrap()
        .values_mut()
    {
        set.as_array_mut().unwrap().sort_by_key(|c| c.to_string());
    }
    v
}

/// Each key of `want` is a JSON pointer into `v` (a `|` stands for a `/` inside a mount
/// destination) whose value must be the key's value; `null` means absent.
fn check(v: &Value, want: Value) {
    for (ptr, want) in want.as_object().unwrap() {
        let got = v.pointer(&ptr.replace('|', "~1")).unwrap_or(&Value::Null);
        assert_eq!(got, want, "{ptr}");
    }
}

#[test]
fn serialized_spec_has_podman_defaults() {
    let v = json(&input());
    let caps = "CAP_CHOWN CAP_DAC_OVERRIDE CAP_FOWNER CAP_FSETID CAP_KILL \
        CAP_NET_BIND_SERVICE CAP_SETFCAP CAP_SETGID CAP_SETPCAP CAP_SETUID CAP_SYS_CHROOT";
    let caps: Vec<&str> = caps.split_whitespace().collect();
    let bind = |s: &str, d: &str| json!({"destination": d, "type": "bind", "source": s, "options": ["rbind", "rprivate"]});
    check(
        &v,
        json!({
            "/hostname": "box",
            "/root": {"path": "/c/merged", "readonly": false},
            "/process/args": ["/bin/sh", "-c", "true"],
            "/process/cwd": "/",
            "/process/terminal": false,
            "/process/noNewPrivileges": false,
            "/process/user": {"uid": 0, "gid": 0},
            "/process/rlimits": null,
            "/process/capabilities": {"bounding": caps, "effective": caps, "permitted": caps},
            "/linux/cgroupsPath": "ctl-abc",
            "/linux/resources": {"devices": [{"allow": false, "access": "rwm"}]},
            "/linux/namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"},
                {"type": "uts"}, {"type": "mount"}, {"type": "cgroup"}],
            "/linux/maskedPaths/1": "/proc/kcore",
            "/linux/readonlyPaths/4": "/proc/sys",
            "/linux/devices": null,
            "/linux/uidMappings": null,
            "/annotations": null,
            "/m/|etc|hosts": bind("/c/userdata/hosts", "/etc/hosts"),
            "/m/|etc|hostname": bind("/c/userdata/hostname", "/etc/hostname"),
            "/m/|etc|resolv.conf": bind("/c/userdata/resolv.conf", "/etc/resolv.conf"),
            "/m/|sys": {"destination": "/sys", "type": "sysfs", "source": "sysfs",
                "options": ["nosuid", "noexec", "nodev", "ro"]},
            "/m/|dev|pts/options/5": "gid=5",
            "/m/|dev|shm/options/4": "size=65536k",
            "/m/|sys|fs|cgroup/type": "cgroup",
            "/m/|dev|mqueue/type": "mqueue",
            "/order": ["/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys",
                "/sys/fs/cgroup", "/etc/hosts", "/etc/hostname", "/etc/resolv.conf"],
        }),
    );
}

#[test]
fn flags_change_the_spec() {
    let mut i = input();
    (i.read_only, i.terminal, i.no_new_privileges) = (true, true, true);
    i.cwd = "/work".into();
    (i.user.uid, i.user.gid, i.user.additional_gids) = (1000, 100, vec![10, 50]);
    i.labels = [("a".to_string(), "1".to_string())].into();
    i.network = NetworkMode::Path("/run/netns/x".into());
    (i.host_cgroupns, i.shm_size) = (true, Some(1 << 20));
    let nofile = PosixRlimitBuilder::default().typ(PosixRlimitType::RlimitNofile);
    i.rlimits = vec![nofile.soft(1024u64).hard(2048u64).build().unwrap()];
    check(
        &json(&i),
        json!({
            "/root/readonly": true,
            "/process/terminal": true,
            "/process/noNewPrivileges": true,
            "/process/cwd": "/work",
            "/process/user": {"uid": 1000, "gid": 100, "additionalGids": [10, 50]},
            "/process/capabilities/effective": [],
            "/process/capabilities/permitted": [],
            "/process/capabilities/bounding/0": "CAP_CHOWN",
            "/process/rlimits": [{"type": "RLIMIT_NOFILE", "soft": 1024, "hard": 2048}],
            "/annotations": {"a": "1"},
            "/linux/namespaces": [{"type": "pid"}, {"type": "network", "path": "/run/netns/x"},
                {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}],
            "/m/|dev|shm/options/4": "size=1048576",
        }),
    );
    i.network = NetworkMode::Host;
    check(
        &json(&i),
        json!({
            "/linux/namespaces": [{"type": "pid"}, {"type": "ipc"}, {"type": "uts"},
                {"type": "mount"}],
            "/m/|sys/type": "sysfs",
        }),
    );
    i.cwd = "rel".into();
    assert!(build_spec(&i).unwrap_err().to_string().contains("\"rel\""));
    i.args.clear();
    assert_eq!(
        build_spec(&i).unwrap_err().to_string(),
        "no command specified"
    );
}

#[test]
fn security_and_resources() {
    let mut i = input();
    i.host_caps = Some(0x1ff_ffff_ffff);
    i.cap_changes = CapChanges::parse(&["NET_ADMIN"], &["CHOWN"]).unwrap();
    (i.read_only, i.read_only_tmpfs) = (true, true);
    i.init = Some("/usr/bin/catatonit".into());
    i.resources = Resources {
        memory: Some(1 << 25),
        memory_swap: Some(1 << 26),
        cpu_quota: Some(50_000),
        pids_limit: Some(100),
        ..Default::default()
    };
    i.unmask = strings(&["/proc/keys"]);
    i.mask = strings(&["/etc/secret"]);
    let v = json(&i);
    let tmp = json!({"destination": "/tmp", "type": "tmpfs", "source": "tmpfs",
        "options": ["rw", "rprivate", "nosuid", "nodev", "tmpcopyup"]});
    check(
        &v,
        json!({
            "/process/args": ["/run/ctl-init", "--", "/bin/sh", "-c", "true"],
            "/process/capabilities/bounding/0": "CAP_DAC_OVERRIDE",
            "/process/capabilities/effective/4": "CAP_NET_ADMIN",
            "/process/capabilities/ambient": null,
            "/m/|run|ctl-init": {"destination": "/run/ctl-init", "type": "bind",
                "source": "/usr/bin/catatonit", "options": ["rbind", "ro", "rprivate"]},
            "/m/|tmp": tmp,
            "/m/|var|tmp/type": "tmpfs",
            "/m/|run/type": "tmpfs",
            "/linux/resources/memory": {"limit": 1 << 25, "swap": 1 << 26},
            "/linux/resources/cpu": {"quota": 50_000, "period": 100_000},
            "/linux/resources/pids": {"limit": 100},
            "/linux/maskedPaths/2": "/proc/latency_stats",
            "/linux/maskedPaths/11": "/etc/secret",
            "/linux/seccomp": null,
        }),
    );
    assert!(
        v["order"]
            .as_array()
            .unwrap()
            .iter()
            .position(|d| d == "/run")
            < v["order"]
                .as_array()
                .unwrap()
                .iter()
                .position(|d| d == "/run/ctl-init")
    );
    i.privileged = true;
    i.unmask.clear();
    i.mask.clear();
    let v = json(&i);
    check(
        &v,
        json!({
            "/linux/maskedPaths": [],
            "/linux/readonlyPaths": [],
            "/linux/resources/devices": [{"allow": true, "access": "rwm"}],
            "/m/|sys/options": ["nosuid", "noexec", "nodev", "rw"],
            "/m/|sys|fs|cgroup/options/5": "rw",
        }),
    );
    // Privileged: everything the caller holds, less what is dropped.
    assert_eq!(
        v["process"]["capabilities"]["bounding"]
            .as_array()
            .unwrap()
            .len(),
        40
    );
    // A user other than root gets only the added capabilities, in every set.
    i.privileged = false;
    i.user.uid = 1000;
    check(
        &json(&i),
        json!({
            "/process/capabilities/effective": ["CAP_NET_ADMIN"],
            "/process/capabilities/inheritable": ["CAP_NET_ADMIN"],
            "/process/capabilities/ambient": ["CAP_NET_ADMIN"],
        }),
    );
}

#[test]
fn user_mounts_are_ordered_and_replace_defaults() {
    let mut i = input();
    i.mounts = vec![
        parse_volume("/h/sub:/data/sub:ro").unwrap(),
        parse_volume("/h:/data:bind,rshared").unwrap(),
        parse_mount("type=tmpfs,dst=/dev/shm,tmpfs-size=1m").unwrap(),
        parse_volume("/my/hosts:/etc/hosts:ro").unwrap(),
    ];
    check(
        &json(&i),
        json!({
            "/order": ["/proc", "/dev", "/dev/pts", "/dev/mqueue", "/sys", "/sys/fs/cgroup",
                "/data", "/data/sub", "/dev/shm", "/etc/hosts", "/etc/hostname",
                "/etc/resolv.conf"],
            "/m/|dev|shm": {"destination": "/dev/shm", "type": "tmpfs", "source": "tmpfs",
                "options": ["noexec", "nosuid", "nodev", "size=1048576"]},
            "/m/|etc|hosts/source": "/my/hosts",
            "/m/|etc|hosts/options": ["rbind", "ro", "rprivate"],
            "/m/|data/options": ["bind", "rshared"],
        }),
    );
    i.mounts.push(parse_tmpfs("/data").unwrap());
    let e = build_spec(&i).unwrap_err().to_string();
    assert!(
        e.contains("\"/data\"") && e.contains("more than once"),
        "{e}"
    );
}

#[test]
fn rootless_specs() {
    let map = |c: u32, h: u32, s: u32| {
        let b = LinuxIdMappingBuilder::default()
            .container_id(c)
            .host_id(h)
            .size(s);
        b.build().unwrap()
    };
    let mut i = input();
    i.rootless = true;
    check(
        &json(&i),
        json!({
            "/linux/cgroupsPath": null,
            "/linux/resources": null,
            "/linux/namespaces/5": {"type": "cgroup"},
            "/linux/namespaces/6": null,
            "/m/|dev|pts/options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"],
            "/m/|sys/type": "sysfs",
        }),
    );
    // In the pause process's namespace with subordinate gids, tty's gid 5 exists.
    i.ns_maps_tty_gid = true;
    check(&json(&i), json!({"/m/|dev|pts/options/5": "gid=5"}));
    i.ns_maps_tty_gid = false;
    i.uid_mappings = Some(vec![map(0, 1000, 1), map(1, 100000, 65536)]);
    i.gid_mappings = i.uid_mappings.clone();
    i.network = NetworkMode::Host;
    check(
        &json(&i),
        json!({
            "/linux/namespaces/5": {"type": "user"},
            "/linux/uidMappings/1": {"containerID": 1, "hostID": 100000, "size": 65536},
            "/linux/gidMappings/0": {"containerID": 0, "hostID": 1000, "size": 1},
            "/m/|dev|pts/options/5": "gid=5",
            "/m/|sys": {"destination": "/sys", "type": "bind", "source": "/sys",
                "options": ["rbind", "nosuid", "noexec", "nodev", "ro"]},
        }),
    );
}

#[test]
fn process_and_kernel_options() {
    let mut i = input();
    i.umask = Some(0o077);
    i.oom_score_adj = Some(-200);
    i.sysctls = BTreeMap::from([("net.core.somaxconn".to_string(), "1024".to_string())]);
    i.shm_size = Some(0);
    let d = PathBuf::from("/c/userdata");
    i.etc_files.containerenv = Some(d.join(".containerenv"));
    i.etc_files.localtime = Some(d.join("localtime"));
    let v = json(&i);
    check(
        &v,
        json!({
            "/process/user/umask": 0o077,
            "/process/oomScoreAdj": -200,
            "/linux/sysctl": {"net.ipv4.ping_group_range": "0 0", "net.core.somaxconn": "1024"},
            "/m/|dev|shm/options": ["nosuid", "noexec", "nodev", "mode=1777"],
            "/m/|run|.containerenv/source": "/c/userdata/.containerenv",
            "/m/|etc|localtime/source": "/c/userdata/localtime",
        }),
    );
    // The host's network keeps no sysctl of ctl's, only the asked ones.
    i.network = NetworkMode::Host;
    i.sysctls.clear();
    assert_eq!(json(&i)["linux"]["sysctl"], Value::Null);
}

#[test]
fn namespaces_shm_and_devices() {
    let mut i = input();
    (i.pid_ns, i.uts_ns) = (NsSpec::Host, NsSpec::Host);
    i.ipc_ns = NsSpec::Path("/proc/7/ns/ipc".into());
    i.shm = ShmMode::None;
    i.device_allow = vec![LinuxDeviceCgroupBuilder::default()
        .allow(true)
        .typ(oci_spec::runtime::LinuxDeviceType::C)
        .major(10)
        .minor(229)
        .access("rw")
        .build()
        .unwrap()];
    let v = json(&i);
    let types: Vec<&str> = v["linux"]["namespaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["network", "ipc", "mount", "cgroup"]);
    check(
        &v,
        json!({
            "/linux/namespaces/1/path": "/proc/7/ns/ipc",
            "/hostname": null,
            "/m/|dev|shm": null,
            "/linux/resources/devices": [
                {"allow": false, "access": "rwm"},
                {"allow": true, "type": "c", "major": 10, "minor": 229, "access": "rw"},
            ],
        }),
    );
    i.shm = ShmMode::Host;
    check(
        &json(&i),
        json!({"/m/|dev|shm/source": "/dev/shm", "/m/|dev|shm/type": "bind"}),
    );
}

#[test]
fn systemd_mode_mounts() {
    let mut i = input();
    i.systemd = true;
    let v = json(&i);
    for dst in ["/run", "/run/lock", "/tmp", "/var/log/journal"] {
        let m = &v["m"][dst];
        assert_eq!(m["type"], "tmpfs", "{dst}");
        assert_eq!(
            m["options"],
            json!(["rw", "rprivate", "nosuid", "nodev", "tmpcopyup"])
        );
    }
    let opts = v["m"]["/sys/fs/cgroup"]["options"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        opts.contains(&json!("rw")) && !opts.contains(&json!("ro")),
        "{opts:?}"
    );
    i.cgroup_v1_systemd = true;
    let v = json(&i);
    assert_eq!(
        v["m"]["/sys/fs/cgroup/systemd"]["source"],
        "/sys/fs/cgroup/systemd"
    );
    let opts = v["m"]["/sys/fs/cgroup"]["options"]
        .as_array()
        .unwrap()
        .clone();
    assert!(opts.contains(&json!("ro")), "{opts:?}");
}
