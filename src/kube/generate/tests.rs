//! The mapping from records to Kubernetes objects, without root or a store.

use std::path::Path;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::container::{kube_volume_name, map_container, ImageFacts};
use super::pod::{pod_of, simple_pod, Member};
use super::workload::{claim, daemon_set, deployment, job, service, service_ports};
use super::*;
use crate::container::record::{ContainerConfig, MountRecord};
use crate::container::restart::RestartPolicy;
use crate::network::ports::PortMapping;

const RECORD: &str = r#"{
    "id": "0123456789abcdef0123456789abcdef", "name": "web_1", "image_id": "abc",
    "image_name": "registry.example/app:1", "created": "2026-11-22T00:00:00Z",
    "command": ["sh"], "entrypoint": [], "cmd": ["sh"],
    "env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "container=podman", "HOSTNAME=0123456789ab", "FROM_IMAGE=1"],
    "hostname": "0123456789ab", "user": "", "workdir": "/",
    "network": "bridge",
    "stop_signal": 15, "stop_timeout": 10, "auto_remove": false, "read_only": false,
    "terminal": false, "stdin": false,
    "log": {"driver": "k8s-file", "path": "/x/ctr.log", "max_size": 0, "max_files": 1},
    "runtime": "runc"
}"#;

fn record() -> ContainerConfig {
    serde_json::from_str(RECORD).unwrap()
}

fn image() -> ImageFacts {
    ImageFacts {
        cmd: Some(vec!["sh".into()]),
        entrypoint: None,
        env: vec![
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
            "FROM_IMAGE=1".into(),
        ],
        workdir: String::new(),
        user: String::new(),
    }
}

fn dirs_only(p: &Path) -> Option<bool> {
    match p.to_str() {
        Some("/srv/data") => Some(true),
        Some("/etc/app.conf") => Some(false),
        _ => None,
    }
}

fn now() -> Time {
    Time(k8s_openapi::jiff::Timestamp::from_second(1_800_000_000).unwrap())
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_container_with_the_images_defaults_has_none_of_them_written() {
    let m = map_container(&record(), Some(&image()), false, &dirs_only);
    let c = m.container;
    assert_eq!(c.name, "web1");
    assert_eq!(c.image.as_deref(), Some("registry.example/app:1"));
    assert_eq!(c.command, None);
    assert_eq!(c.args, None);
    assert_eq!(c.env, None);
    assert_eq!(c.working_dir, None);
    assert_eq!(c.security_context, None);
    assert_eq!(c.resources, None);
    assert_eq!(c.ports, None);
    assert_eq!((c.stdin, c.tty), (None, None));
}

#[test]
fn commands_split_as_podman_splits_them() {
    let mut cfg = record();
    cfg.cmd = strings(&["top", "-b"]);
    let c = map_container(&cfg, Some(&image()), false, &dirs_only).container;
    assert_eq!(c.command, Some(strings(&["top", "-b"])));
    assert_eq!(c.args, None);
    // An entrypoint is the command, the command its args; the image's own entrypoint is
    // left out, its args are not.
    cfg.entrypoint = strings(&["/init"]);
    cfg.cmd = strings(&["serve"]);
    let mut img = image();
    img.entrypoint = Some(strings(&["/init"]));
    let c = map_container(&cfg, Some(&img), false, &dirs_only).container;
    assert_eq!(c.command, None);
    assert_eq!(c.args, Some(strings(&["serve"])));
    let c = map_container(&cfg, Some(&image()), false, &dirs_only).container;
    assert_eq!(c.command, Some(strings(&["/init"])));
}

#[test]
fn settings_of_the_container_are_written() {
    let mut cfg = record();
    cfg.env.push("FOO=bar".into());
    cfg.env.push("FROM_IMAGE=2".into());
    cfg.workdir = "/srv".into();
    cfg.terminal = true;
    cfg.stdin = true;
    cfg.read_only = true;
    cfg.user = "1000:2000".into();
    cfg.host.cap_add = strings(&["NET_ADMIN"]);
    cfg.host.cap_drop = strings(&["CAP_CHOWN", "kill"]);
    cfg.host.resources.memory = Some(64 << 20);
    cfg.host.resources.cpu_quota = Some(150_000);
    cfg.host.security_opt = strings(&["no-new-privileges", "label=disable"]);
    cfg.ports = vec![
        PortMapping {
            container_port: 80,
            host_ip: "127.0.0.1".into(),
            host_port: 8080,
            protocol: "tcp".into(),
            range: 2,
        },
        PortMapping {
            container_port: 53,
            host_ip: String::new(),
            host_port: 5353,
            protocol: "udp".into(),
            range: 1,
        },
    ];
    let c = map_container(&cfg, Some(&image()), false, &dirs_only).container;
    let env: Vec<(String, Option<String>)> = c
        .env
        .unwrap()
        .into_iter()
        .map(|e| (e.name, e.value))
        .collect();
    assert_eq!(
        env,
        [
            ("FOO".to_string(), Some("bar".to_string())),
            ("FROM_IMAGE".to_string(), Some("2".to_string()))
        ]
    );
    assert_eq!(c.working_dir.as_deref(), Some("/srv"));
    assert_eq!((c.stdin, c.tty), (Some(true), Some(true)));
    let sc = c.security_context.unwrap();
    let caps = sc.capabilities.unwrap();
    assert_eq!(caps.add, Some(strings(&["CAP_NET_ADMIN"])));
    assert_eq!(caps.drop, Some(strings(&["CAP_CHOWN", "CAP_KILL"])));
    assert_eq!(sc.read_only_root_filesystem, Some(true));
    assert_eq!(sc.allow_privilege_escalation, Some(false));
    assert_eq!(sc.run_as_user, Some(1000));
    assert_eq!(sc.run_as_group, Some(2000));
    assert_eq!(sc.se_linux_options.unwrap().type_.as_deref(), Some("spc_t"));
    assert_eq!(sc.privileged, None);
    let limits = c.resources.unwrap().limits.unwrap();
    assert_eq!(limits["memory"].0, "64Mi");
    assert_eq!(limits["cpu"].0, "1500m");
    type Row = (i32, Option<i32>, Option<String>, Option<String>);
    let ports: Vec<Row> = c
        .ports
        .unwrap()
        .into_iter()
        .map(|p| (p.container_port, p.host_port, p.protocol, p.host_ip))
        .collect();
    let lo = Some("127.0.0.1".to_string());
    assert_eq!(
        ports,
        [
            (80, Some(8080), None, lo.clone()),
            (81, Some(8081), None, lo),
            (53, Some(5353), Some("UDP".into()), None),
        ]
    );
    // With a Service the host ports are left to it.
    let c = map_container(&cfg, Some(&image()), true, &dirs_only).container;
    assert!(c.ports.unwrap().iter().all(|p| p.host_port.is_none()));
}

#[test]
fn a_privileged_container_has_all_capabilities_and_no_masked_paths() {
    let mut cfg = record();
    cfg.host.privileged = true;
    cfg.host.cap_drop = strings(&["CHOWN"]);
    let sc = map_container(&cfg, Some(&image()), false, &dirs_only)
        .container
        .security_context
        .unwrap();
    assert_eq!(sc.privileged, Some(true));
    assert_eq!(sc.capabilities, None);
    assert_eq!(sc.proc_mount.as_deref(), Some("Unmasked"));
}

#[test]
fn the_images_user_is_not_written_as_the_containers() {
    let mut cfg = record();
    cfg.user = "1000".into();
    let mut img = image();
    img.user = "1000".into();
    let sc = map_container(&cfg, Some(&img), false, &dirs_only)
        .container
        .security_context
        .unwrap();
    assert_eq!((sc.run_as_user, sc.run_as_group), (None, None));
    assert_eq!(sc.run_as_non_root, Some(true));
    let sc = map_container(&cfg, Some(&image()), false, &dirs_only)
        .container
        .security_context
        .unwrap();
    assert_eq!((sc.run_as_user, sc.run_as_group), (Some(1000), Some(0)));
}

fn mount(
    kind: &str,
    source: Option<&str>,
    dest: &str,
    name: Option<&str>,
    ro: bool,
) -> MountRecord {
    MountRecord {
        kind: kind.into(),
        source: source.map(Into::into),
        destination: dest.into(),
        readonly: ro,
        name: name.map(Into::into),
        anonymous: false,
        options: Vec::new(),
        nocopy: false,
    }
}

#[test]
fn mounts_become_host_paths_empty_dirs_and_claims() {
    let mut cfg = record();
    cfg.mounts = vec![
        mount("volume", None, "/data", Some("my_data"), false),
        mount("bind", Some("/srv/data"), "/in", None, true),
        mount("tmpfs", None, "/scratch", None, false),
        mount("bind", Some("/etc/app.conf"), "/etc/app.conf", None, false),
        mount("bind", Some("/new/dir"), "/new", None, false),
    ];
    cfg.mounts[1].options = strings(&["z"]);
    let m = map_container(&cfg, Some(&image()), false, &dirs_only);
    let mounts: Vec<(String, String, Option<bool>)> = m
        .container
        .volume_mounts
        .unwrap()
        .into_iter()
        .map(|v| (v.name, v.mount_path, v.read_only))
        .collect();
    assert_eq!(
        mounts,
        [
            ("srv-data-host-0".into(), "/in".into(), Some(true)),
            ("tmp-1".into(), "/scratch".into(), None),
            ("etc-app-conf-host-2".into(), "/etc/app.conf".into(), None),
            ("new-dir-host-3".into(), "/new".into(), None),
            ("my-data-pvc".into(), "/data".into(), None),
        ]
    );
    let kinds: Vec<Option<String>> = m
        .volumes
        .iter()
        .map(|v| v.host_path.as_ref().and_then(|h| h.type_.clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            Some("Directory".into()),
            None,
            Some("File".into()),
            Some("DirectoryOrCreate".into()),
            None
        ]
    );
    assert_eq!(
        m.volumes[1].empty_dir.as_ref().unwrap().medium.as_deref(),
        Some("Memory")
    );
    let pvc = m.volumes[4].persistent_volume_claim.as_ref().unwrap();
    assert_eq!(pvc.claim_name, "my-data");
    assert_eq!(m.bind_options, ["/srv/data:z"]);
    assert_eq!(kube_volume_name("/A/b.c_d/"), "a-b-c-d");
}

fn member(cfg: ContainerConfig) -> Member {
    Member {
        config: cfg,
        image: Some(image()),
    }
}

#[test]
fn containers_make_one_pod_named_after_the_first() {
    let mut a = record();
    a.name = "web".into();
    a.restart = RestartPolicy::OnFailure { max: 0 };
    a.create_command = strings(&["ctl", "create", "--restart", "on-failure", "img"]);
    a.stop_timeout = 30;
    a.host.ulimits = strings(&["nofile=100:200"]);
    let mut b = record();
    b.name = "side".into();
    b.hostname = "box".into();
    b.network = crate::network::Mode::Host;
    let pod = simple_pod(&[member(a.clone()), member(b)], false, &dirs_only, &now()).unwrap();
    assert_eq!(pod.metadata.name.as_deref(), Some("web-pod"));
    assert_eq!(pod.metadata.labels.as_ref().unwrap()["app"], "web-pod");
    assert_eq!(
        pod.metadata.annotations.as_ref().unwrap()[pod::ULIMIT_ANNOTATION],
        "nofile=100:200"
    );
    let spec = pod.spec.unwrap();
    assert_eq!(spec.containers.len(), 2);
    assert_eq!(spec.restart_policy.as_deref(), Some("OnFailure"));
    assert_eq!(spec.hostname.as_deref(), Some("box"));
    // Not all of them on the host's network.
    assert_eq!(spec.host_network, None);
    assert_eq!(spec.termination_grace_period_seconds, Some(30));
    // Without --restart, no policy (Kubernetes' default).
    a.create_command.clear();
    a.restart = RestartPolicy::No;
    let pod = simple_pod(&[member(a)], false, &dirs_only, &now()).unwrap();
    assert_eq!(pod.spec.unwrap().restart_policy, None);
}

fn pod_config() -> crate::pod::PodConfig {
    serde_json::from_str(
        r#"{"id": "feedfacefeedfacefeedface", "name": "shop", "created": "2026-11-22T00:00:00Z",
            "hostname": "shop", "share": ["ipc", "net", "uts"],
            "infra_id": "abc", "exit_policy": "continue"}"#,
    )
    .unwrap()
}

#[test]
fn a_pods_published_ports_go_on_its_first_member() {
    let mut infra = record();
    infra.name = "feedfacefeed-infra".into();
    infra.infra = true;
    infra.ports = vec![PortMapping {
        container_port: 8080,
        host_ip: String::new(),
        host_port: 18080,
        protocol: "tcp".into(),
        range: 1,
    }];
    let mut a = record();
    a.name = "first".into();
    a.hostname = "shop".into();
    let mut b = record();
    b.name = "second".into();
    b.created = ctl_monitor::time::Timestamp::new(1_900_000_000, 0);
    let out = pod_of(
        &pod_config(),
        Some(&infra),
        &[member(b), member(a)],
        false,
        &dirs_only,
        &now(),
    )
    .unwrap();
    assert_eq!(out.pod.metadata.name.as_deref(), Some("shop"));
    assert_eq!(out.pod.metadata.annotations, None);
    let spec = out.pod.spec.unwrap();
    let names: Vec<&str> = spec.containers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["first", "second"]);
    let p = &spec.containers[0].ports.as_ref().unwrap()[0];
    assert_eq!((p.container_port, p.host_port), (8080, Some(18080)));
    assert_eq!(spec.containers[1].ports, None);
    // The pod's own hostname is no container's choice.
    assert_eq!(spec.hostname, None);
    let e = pod_of(&pod_config(), Some(&infra), &[], false, &dirs_only, &now()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pod feedfacefeedfacefeedface only has an infra container"
    );
}

fn always_pod() -> k8s_openapi::api::core::v1::Pod {
    let mut a = record();
    a.name = "web".into();
    a.restart = RestartPolicy::Always;
    simple_pod(&[member(a)], false, &dirs_only, &now()).unwrap()
}

#[test]
fn workloads_wrap_the_pod_spec_as_podman_does() {
    let pod = always_pod();
    let d = deployment(&pod, 3).unwrap();
    assert_eq!(d.metadata.name.as_deref(), Some("web-pod-deployment"));
    let spec = d.spec.unwrap();
    assert_eq!(spec.replicas, Some(3));
    assert_eq!(spec.selector.match_labels.unwrap()["app"], "web-pod");
    let t = spec.template.metadata.unwrap();
    assert_eq!(t.name.as_deref(), Some("web-pod"));
    assert_eq!(t.labels.unwrap()["app"], "web-pod");
    assert_eq!(deployment(&pod, 1).unwrap().spec.unwrap().replicas, None);
    let ds = daemon_set(&pod).unwrap();
    assert_eq!(ds.metadata.name.as_deref(), Some("web-pod-daemonset"));
    assert_eq!(
        job(&pod).unwrap_err().to_string(),
        "k8s Jobs can not have restartPolicy set to Always; only Never and OnFailure policies allowed"
    );
    let mut never = pod.clone();
    never.spec.as_mut().unwrap().restart_policy = Some("Never".into());
    let j = job(&never).unwrap().spec.unwrap();
    assert_eq!((j.completions, j.parallelism), (Some(1), Some(1)));
    assert_eq!(
        j.template.spec.unwrap().restart_policy.as_deref(),
        Some("Never")
    );
    assert_eq!(
        deployment(&never, 1).unwrap_err().to_string(),
        "k8s Deployments can only have restartPolicy set to Always"
    );
    assert_eq!(
        daemon_set(&never).unwrap_err().to_string(),
        "k8s DaemonSets can only have restartPolicy set to Always"
    );
}

#[test]
fn services_expose_each_port_on_a_node_port_of_its_own() {
    let mut cfg = record();
    cfg.name = "web".into();
    cfg.ports = vec![PortMapping {
        container_port: 80,
        host_ip: String::new(),
        host_port: 8080,
        protocol: "tcp".into(),
        range: 2,
    }];
    let pod = simple_pod(&[member(cfg)], true, &dirs_only, &now()).unwrap();
    // The same draw twice: the second port must get another.
    let mut draws = [5u32, 5, 7].into_iter().cycle();
    let mut random = move || draws.next().unwrap();
    let svc = service(&pod, Vec::new(), &mut random).unwrap();
    assert_eq!(svc.metadata.name.as_deref(), Some("web-pod"));
    let spec = svc.spec.unwrap();
    assert_eq!(spec.type_.as_deref(), Some("NodePort"));
    assert_eq!(spec.selector.unwrap()["app"], "web-pod");
    type Row = (Option<String>, i32, Option<i32>, Option<IntOrString>);
    let ports: Vec<Row> = spec
        .ports
        .unwrap()
        .into_iter()
        .map(|p| (p.name, p.port, p.node_port, p.target_port))
        .collect();
    assert_eq!(
        ports,
        [
            (
                Some("80".into()),
                80,
                Some(30005),
                Some(IntOrString::Int(80))
            ),
            (
                Some("81".into()),
                81,
                Some(30007),
                Some(IntOrString::Int(81))
            ),
        ]
    );
    let mut stuck = || 1u32;
    let ports = pod.spec.unwrap().containers[0].ports.clone().unwrap();
    assert!(matches!(
        service_ports(&ports, &mut stuck),
        Err(GenerateError::NodePorts)
    ));
}

#[test]
fn volumes_become_claims_with_podmans_annotations() {
    let v: crate::volume::record::Volume = serde_json::from_str(
        r#"{"Name": "my_vol", "Driver": "local", "CreatedAt": "2026-11-22T00:00:00Z",
            "Labels": {"a": "b"}, "Options": {"type": "tmpfs", "device": "tmpfs", "o": "size=1m"},
            "NeedsCopyUp": false, "NeedsChown": false, "UID": 7}"#,
    )
    .unwrap();
    let c = claim(&v, &now());
    assert_eq!(c.metadata.name.as_deref(), Some("my-vol"));
    let a = c.metadata.annotations.unwrap();
    assert_eq!(a["volume.podman.io/driver"], "local");
    assert_eq!(a["volume.podman.io/type"], "tmpfs");
    assert_eq!(a["volume.podman.io/device"], "tmpfs");
    assert_eq!(a["volume.podman.io/mount-options"], "size=1m");
    assert_eq!(a["volume.podman.io/uid"], "7");
    let spec = c.spec.unwrap();
    assert_eq!(spec.access_modes, Some(strings(&["ReadWriteOnce"])));
    assert_eq!(
        spec.resources.unwrap().requests.unwrap()["storage"].0,
        "1Gi"
    );
}

#[test]
fn the_text_is_podmans_header_and_sorted_yaml_documents() {
    let docs = vec![
        Document::Note(output::VOLUMES_NOTE),
        Document::Pod(Box::new(always_pod())),
    ];
    let text = output::render(&docs, "9.9.9").unwrap();
    let expected_start = "# Save the output of this file and use kubectl create -f to import\n\
                          # it into Kubernetes.\n#\n# Created with ctl-9.9.9\n\n# NOTE: If you";
    assert!(text.starts_with(expected_start), "{text}");
    assert!(
        text.contains("volumes added.\n---\napiVersion: v1\nkind: Pod\nmetadata:\n"),
        "{text}"
    );
    // Quoted, as podman's: YAML 1.1 readers would take it for a timestamp.
    assert!(
        text.contains("  creationTimestamp: \"2027-01-15T08:00:00Z\"\n"),
        "{text}"
    );
    let body = text.split("---\n").nth(1).unwrap();
    let back: k8s_openapi::api::core::v1::Pod = serde_norway::from_str(body).unwrap();
    assert_eq!(back, always_pod());
}

#[test]
fn kinds_parse_as_podmans_type_names() {
    assert_eq!(Kind::parse("pod"), Some(Kind::Pod));
    assert_eq!(Kind::parse("deployment"), Some(Kind::Deployment));
    assert_eq!(Kind::parse("daemonset"), Some(Kind::DaemonSet));
    assert_eq!(Kind::parse("job"), Some(Kind::Job));
    assert_eq!(Kind::parse("Deployment"), None);
}
