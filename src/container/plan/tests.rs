//! Golden plans: requests as the flags make them, resolved against one image config,
//! compared with the whole plan written out. No root, no filesystem.

use std::collections::BTreeMap;
use std::path::PathBuf;

use oci_spec::image::ImageConfiguration;
use oci_spec::runtime::{PosixRlimitBuilder, PosixRlimitType};

use super::*;
use crate::container::security::Seccomp;
use crate::container::store::HostEntry;

const ID: &str = "0123456789abcdef0123456789abcdef";

/// An image with every field that shapes a container.
fn image() -> ImageConfiguration {
    serde_json::from_str(
        r#"{
            "architecture": "amd64", "os": "linux",
            "rootfs": {"type": "layers", "diff_ids": []},
            "config": {
                "Entrypoint": ["/entry"],
                "Cmd": ["serve", "--port", "80"],
                "Env": ["PATH=/usr/local/bin:/bin", "MODE=image", "KEEP=1"],
                "WorkingDir": "/srv",
                "User": "www",
                "StopSignal": "SIGQUIT",
                "Labels": {"org.example.tier": "web", "version": "1"},
                "ExposedPorts": {"443/tcp": {}, "53/udp": {}, "80/tcp": {}}
            }
        }"#,
    )
    .unwrap()
}

/// An image with nothing but a command.
fn bare_image() -> ImageConfiguration {
    image_config(br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{"Cmd":["sh"]}}"#)
}

fn root() -> Settings {
    Settings {
        rootless: false,
        backends: vec![],
        unprivileged_port_start: 1024,
        host_name: Some("buildhost".into()),
        notify_socket: None,
        host_env: BTreeMap::from([("FROM_HOST".to_string(), "yes".to_string())]),
        arg_max: 2 << 20,
        cgroup_v2: true,
        uid: 0,
        gid: 0,
        defaults: Default::default(),
    }
}

fn rootless() -> Settings {
    Settings {
        rootless: true,
        backends: vec![Backend::Pasta, Backend::Slirp4netns],
        ..root()
    }
}

fn req(flags: impl FnOnce(&mut CreateRequest)) -> CreateRequest {
    let mut r = CreateRequest {
        image: "example/web".into(),
        ..Default::default()
    };
    flags(&mut r);
    r
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn pm(ip: &str, host: u16, ctr: u16, proto: &str, range: u16) -> PortMapping {
    PortMapping {
        container_port: ctr,
        host_ip: ip.into(),
        host_port: host,
        protocol: proto.into(),
        range,
    }
}

/// The plan of `run example/web` as root: everything from the image.
fn golden() -> ContainerPlan {
    ContainerPlan {
        id: ID.into(),
        name: None,
        image_name: "example/web".into(),
        args: strings(&["/entry", "serve", "--port", "80"]),
        entrypoint: strings(&["/entry"]),
        cmd: strings(&["serve", "--port", "80"]),
        env: strings(&[
            "PATH=/usr/local/bin:/bin",
            "container=podman",
            "HOSTNAME=0123456789ab",
            "MODE=image",
            "KEEP=1",
        ]),
        workdir: "/srv".into(),
        user: "www".into(),
        group_add: vec![],
        hostname: "0123456789ab".into(),
        labels: BTreeMap::from([
            ("org.example.tier".to_string(), "web".to_string()),
            ("version".to_string(), "1".to_string()),
        ]),
        mounts: vec![],
        network: NetworkPlan {
            mode: Mode::Bridge("ctl".into()),
            ..Default::default()
        },
        etc: EtcConfig::default(),
        annotations: BTreeMap::new(),
        shm_size: None,
        sysctls: BTreeMap::new(),
        timezone: None,
        umask: None,
        oom_score_adj: None,
        namespaces: NamespacesPlan::default(),
        devices: vec![],
        warnings: vec![],
        stop_signal: libc::SIGQUIT,
        stop_timeout: 10,
        restart: RestartPolicy::No,
        auto_remove: false,
        remove_image: false,
        timeout: 0,
        systemd: false,
        preserve_fds: 0,
        terminal: false,
        stdin: false,
        log: LogPlan {
            driver: LogDriver::KFile,
            max_size: 0,
            max_files: 1,
        },
        sdnotify: SdNotify::Container,
        notify_socket: None,
        resources: Resources::default(),
        ulimits: vec![],
        cap_changes: CapChanges::default(),
        privileged: false,
        security: SecurityOpts::default(),
        read_only: false,
        read_only_tmpfs: true,
        init: false,
        init_path: None,
        create_command: vec![],
    }
}

fn plan(r: &CreateRequest, s: &Settings) -> ContainerPlan {
    resolve(r, &image(), &[], s, ID).unwrap_or_else(|e| panic!("{r:?}: {e}"))
}

fn error(r: &CreateRequest, s: &Settings) -> String {
    match resolve(r, &image(), &[], s, ID) {
        Ok(p) => panic!("{r:?} resolved: {p:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn image_defaults_alone() {
    assert_eq!(plan(&req(|_| {}), &root()), golden());
}

#[test]
fn a_command_replaces_the_image_cmd_but_not_its_entrypoint() {
    let p = plan(&req(|r| r.command = strings(&["status", "-v"])), &root());
    let want = ContainerPlan {
        args: strings(&["/entry", "status", "-v"]),
        cmd: strings(&["status", "-v"]),
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn an_empty_entrypoint_clears_the_image_one() {
    let p = plan(&req(|r| r.entrypoint = Some(String::new())), &root());
    let want = ContainerPlan {
        args: strings(&["serve", "--port", "80"]),
        entrypoint: vec![],
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn a_json_entrypoint_is_split_and_takes_only_the_given_args() {
    let p = plan(
        &req(|r| {
            r.entrypoint = Some(r#"["/bin/sh","-c"]"#.into());
            r.command = strings(&["echo hi"]);
        }),
        &root(),
    );
    let want = ContainerPlan {
        args: strings(&["/bin/sh", "-c", "echo hi"]),
        entrypoint: strings(&[r#"["/bin/sh","-c"]"#]),
        cmd: strings(&["echo hi"]),
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn env_files_then_flags_override_the_image_in_place() {
    let r = req(|r| {
        r.env = strings(&["MODE=flag", "FROM_HOST", "NOT_ON_HOST", "KEEP"]);
        r.env_files = vec![PathBuf::from("a.env")];
    });
    let p = resolve(
        &r,
        &image(),
        &["# comment\nFILE=1\nMODE=file\n".into()],
        &root(),
        ID,
    )
    .unwrap();
    let want = ContainerPlan {
        env: strings(&[
            "PATH=/usr/local/bin:/bin",
            "container=podman",
            "HOSTNAME=0123456789ab",
            "MODE=flag",
            "KEEP=1",
            "FILE=1",
            "FROM_HOST=yes",
        ]),
        ..golden()
    };
    assert_eq!(p, want);
    // HOME comes from the resolved user unless set; NOTIFY_SOCKET last.
    assert_eq!(
        p.env_for(Some("/home/www")).last().unwrap(),
        "HOME=/home/www"
    );
}

#[test]
fn a_terminal_gets_term_and_stdin_is_kept() {
    let p = plan(
        &req(|r| {
            r.tty = true;
            r.interactive = true;
        }),
        &root(),
    );
    let mut env = golden().env;
    env.insert(3, "TERM=xterm".into());
    let want = ContainerPlan {
        env,
        terminal: true,
        stdin: true,
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn flags_beat_the_image_for_user_workdir_hostname_labels_and_stop() {
    let p = plan(
        &req(|r| {
            r.name = Some("web".into());
            r.user = Some("1000:1000".into());
            r.workdir = Some("/tmp".into());
            r.hostname = Some("box".into());
            r.labels = strings(&["version=2", "extra="]);
            r.stop_signal = Some("SIGKILL".into());
            r.stop_timeout = Some(3);
            r.group_add = strings(&["wheel", "5"]);
        }),
        &root(),
    );
    let mut env = golden().env;
    env[2] = "HOSTNAME=box".into();
    let want = ContainerPlan {
        name: Some("web".into()),
        user: "1000:1000".into(),
        workdir: "/tmp".into(),
        hostname: "box".into(),
        env,
        labels: BTreeMap::from([
            ("extra".to_string(), String::new()),
            ("org.example.tier".to_string(), "web".to_string()),
            ("version".to_string(), "2".to_string()),
        ]),
        stop_signal: libc::SIGKILL,
        stop_timeout: 3,
        group_add: strings(&["wheel", "5"]),
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn a_bare_image_gets_the_defaults() {
    let p = resolve(&req(|_| {}), &bare_image(), &[], &root(), ID).unwrap();
    let want = ContainerPlan {
        args: strings(&["sh"]),
        entrypoint: vec![],
        cmd: strings(&["sh"]),
        env: strings(&[
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "container=podman",
            "HOSTNAME=0123456789ab",
        ]),
        workdir: "/".into(),
        user: String::new(),
        labels: BTreeMap::new(),
        stop_signal: libc::SIGTERM,
        ..golden()
    };
    assert_eq!(p, want);
    // A config with only its `config` object still gives it.
    let partial = image_config(br#"{"config":{"Cmd":["sh"],"ExposedPorts":null}}"#);
    assert_eq!(
        resolve(&req(|_| {}), &partial, &[], &root(), ID).unwrap(),
        want
    );
    // An unreadable config is an empty one: then nothing gives a command.
    let e = resolve(&req(|_| {}), &image_config(b"not json"), &[], &root(), ID).unwrap_err();
    assert!(e.to_string().contains("no command specified"), "{e}");
}

#[test]
fn an_image_stop_signal_that_is_no_signal_is_refused() {
    let bad = image_config(br#"{"config":{"Cmd":["sh"],"StopSignal":"SIGNOPE"}}"#);
    let e = resolve(&req(|_| {}), &bad, &[], &root(), ID).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid image StopSignal \"SIGNOPE\": unknown signal; --stop-signal overrides it"
    );
    let p = resolve(
        &req(|r| r.stop_signal = Some("KILL".into())),
        &bad,
        &[],
        &root(),
        ID,
    )
    .unwrap();
    assert_eq!(p.stop_signal, libc::SIGKILL);
}

#[test]
fn host_network_takes_the_host_name() {
    let p = plan(&req(|r| r.network = Some("host".into())), &root());
    let mut env = golden().env;
    env[2] = "HOSTNAME=buildhost".into();
    let want = ContainerPlan {
        hostname: "buildhost".into(),
        env,
        network: NetworkPlan {
            mode: Mode::Host,
            ..Default::default()
        },
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn named_networks_take_an_address_aliases_and_ports() {
    let p = plan(
        &req(|r| {
            r.network = Some("web".into());
            r.ip = Some("10.89.0.7".parse().unwrap());
            r.network_aliases = strings(&["api"]);
            r.publish = strings(&["8080:80", "[::1]:9000-9001:90-91/udp", "53"]);
        }),
        &root(),
    );
    let want = ContainerPlan {
        network: NetworkPlan {
            mode: Mode::Bridge("web".into()),
            ports: vec![
                pm("", 8080, 80, "tcp", 1),
                pm("::1", 9000, 90, "udp", 2),
                pm("", 0, 53, "tcp", 1),
            ],
            ip: Some("10.89.0.7".parse().unwrap()),
            aliases: strings(&["api"]),
        },
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn publish_all_adds_the_exposed_ports_on_free_host_ports() {
    let p = plan(
        &req(|r| {
            r.publish_all = true;
            r.publish = strings(&["127.0.0.1:8443:443"]);
        }),
        &root(),
    );
    assert_eq!(
        p.network.ports,
        [
            pm("127.0.0.1", 8443, 443, "tcp", 1),
            pm("", 0, 443, "tcp", 1),
            pm("", 0, 53, "udp", 1),
            pm("", 0, 80, "tcp", 1),
        ]
    );
    // Not on the host's network: -P has nothing to publish there.
    let p = plan(
        &req(|r| {
            r.publish_all = true;
            r.network = Some("host".into());
        }),
        &root(),
    );
    assert!(p.network.ports.is_empty());
}

#[test]
fn another_containers_network_is_named_as_given() {
    let p = plan(&req(|r| r.network = Some("container:db".into())), &root());
    assert_eq!(p.network.mode, Mode::Container("db".into()));
    assert_eq!(p.hostname, "0123456789ab");
}

#[test]
fn network_options_without_a_bridge_are_refused() {
    for (flags, want) in [
        (("host", "", Some("10.0.0.2"), None), "--ip"),
        (("container:db", "", None, Some("a")), "--network-alias"),
    ] {
        let (net, publish, ip, alias) = flags;
        let r = req(|r| {
            r.network = Some(net.into());
            r.publish = strings(&[publish])
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
            r.ip = ip.map(|i| i.parse().unwrap());
            r.network_aliases = alias.into_iter().map(String::from).collect();
        });
        let e = error(&r, &root());
        assert!(
            e.contains(want) && e.contains("needs a bridge network"),
            "{net}: {e}"
        );
    }
    let e = error(&req(|r| r.network = Some("container:".into())), &root());
    assert!(e.contains("invalid network"), "{e}");
}

#[test]
fn a_host_port_published_twice_is_refused() {
    let e = error(
        &req(|r| r.publish = strings(&["8080:80", "8080:81"])),
        &root(),
    );
    assert!(e.contains("published twice"), "{e}");
}

#[test]
fn rootless_defaults_to_the_first_installed_stack() {
    let p = plan(
        &req(|r| r.publish = strings(&["8080:80", "[::1]:9000-9002:90-92", "53/udp"])),
        &rootless(),
    );
    let want = ContainerPlan {
        network: NetworkPlan {
            mode: Mode::Pasta,
            ports: vec![
                pm("", 8080, 80, "tcp", 1),
                pm("::1", 9000, 90, "tcp", 3),
                pm("", 0, 53, "udp", 1),
            ],
            ..Default::default()
        },
        ..golden()
    };
    assert_eq!(p, want);
    let only_slirp = Settings {
        backends: vec![Backend::Slirp4netns],
        ..rootless()
    };
    assert_eq!(
        plan(&req(|_| {}), &only_slirp).network.mode,
        Mode::Slirp4netns
    );
    let asked = plan(
        &req(|r| r.network = Some("slirp4netns".into())),
        &rootless(),
    );
    assert_eq!(asked.network.mode, Mode::Slirp4netns);
    let none = Settings {
        backends: vec![],
        ..rootless()
    };
    let e = error(&req(|_| {}), &none);
    assert!(e.contains("install pasta"), "{e}");
    // none and host need no stack.
    assert_eq!(
        plan(&req(|r| r.network = Some("none".into())), &none)
            .network
            .mode,
        Mode::None
    );
}

#[test]
fn rootless_refuses_what_it_cannot_do() {
    for (net, publish, want) in [
        (Some("bridge"), None, "use none, host, pasta or slirp4netns"),
        (Some("web"), None, "use none, host, pasta or slirp4netns"),
        (None, Some("80:80"), "ip_unprivileged_port_start=1024"),
    ] {
        let r = req(|r| {
            r.network = net.map(String::from);
            r.publish = publish.into_iter().map(String::from).collect();
        });
        let e = error(&r, &rootless());
        assert!(e.contains(want), "{net:?} {publish:?}: {e}");
    }
    // As root, "pasta" is just a network's name.
    let p = plan(&req(|r| r.network = Some("pasta".into())), &root());
    assert_eq!(p.network.mode, Mode::Bridge("pasta".into()));
}

#[test]
fn restart_log_and_notify_settings() {
    let s = Settings {
        notify_socket: Some("/run/systemd/notify".into()),
        ..root()
    };
    let p = plan(
        &req(|r| {
            r.restart = "on-failure:3".into();
            r.log_driver = LogDriver::Journald;
            r.log_opts = strings(&["max-size=1k", "max-file=3"]);
        }),
        &s,
    );
    let want = ContainerPlan {
        restart: RestartPolicy::OnFailure { max: 3 },
        log: LogPlan {
            driver: LogDriver::Journald,
            max_size: 1024,
            max_files: 3,
        },
        notify_socket: Some("/run/systemd/notify".into()),
        ..golden()
    };
    assert_eq!(p, want);
    assert_eq!(
        p.env_for(None).last().unwrap(),
        "NOTIFY_SOCKET=/run/notify/notify.sock"
    );
    let conmon = plan(&req(|r| r.sdnotify = SdNotify::Conmon), &s);
    assert_eq!(
        (conmon.sdnotify, conmon.notify_socket),
        (SdNotify::Conmon, None)
    );
    let abstract_socket = Settings {
        notify_socket: Some("@sd".into()),
        ..root()
    };
    assert!(error(&req(|_| {}), &abstract_socket).contains("abstract socket"));
    let rm = plan(&req(|r| r.rm = true), &root());
    assert!(rm.auto_remove);
}

#[test]
fn option_errors_name_the_option() {
    for (flags, want) in [
        (
            req(|r| {
                r.rm = true;
                r.restart = "always".into();
            }),
            "conflicting options: --restart always and --rm",
        ),
        (req(|r| r.restart = "sometimes".into()), "sometimes"),
        (
            req(|r| r.log_opts = strings(&["max-file=0"])),
            "max-file is a count >= 1",
        ),
        (
            req(|r| r.log_opts = strings(&["tag=x"])),
            "invalid log option \"tag=x\"",
        ),
        (req(|r| r.hostname = Some("h".repeat(100))), "at most 64"),
        (req(|r| r.env = strings(&["=x"])), "empty name"),
        (req(|r| r.volumes = strings(&["relative:/x"])), "relative"),
        (req(|r| r.memory = Some("1".into())), "minimum memory limit"),
        (
            req(|r| r.cap_add = strings(&["NOPE"])),
            "unknown capability",
        ),
        (req(|r| r.stop_signal = Some("SIGNOPE".into())), "SIGNOPE"),
        (req(|r| r.publish = strings(&["80/sctp"])), "sctp"),
        (req(|r| r.ulimits = strings(&["nofile"])), "nofile"),
        (req(|r| r.security_opt = strings(&["seccomp"])), "seccomp"),
    ] {
        let e = error(&flags, &root());
        assert!(e.contains(want), "{flags:?}: {e}");
    }
}

#[test]
fn resources_and_security_as_asked() {
    let p = plan(
        &req(|r| {
            r.memory = Some("512m".into());
            r.cpus = Some("1.5".into());
            r.pids_limit = Some("-1".into());
            r.cpuset_cpus = Some("0-1".into());
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
fn the_environment_must_fit_an_exec() {
    let big = format!("BIG={}", "a".repeat(3 << 20));
    let e = error(&req(|r| r.env = vec![big]), &root());
    assert!(e.contains("invalid environment variable \"BIG\""), "{e}");
}

#[test]
fn dns_and_hosts_as_asked() {
    let p = plan(
        &req(|r| {
            r.dns = strings(&["9.9.9.9", "fd00::53"]);
            r.dns_search = strings(&["example.com", "lan."]);
            r.dns_options = strings(&["ndots:2"]);
            r.add_hosts = strings(&["db;db.lan:10.0.0.9", "v6:fd00::1", "gw:host-gateway"]);
        }),
        &root(),
    );
    let want = ContainerPlan {
        etc: EtcConfig {
            dns_servers: vec!["9.9.9.9".parse().unwrap(), "fd00::53".parse().unwrap()],
            image_resolv_conf: false,
            dns_search: strings(&["example.com", "lan."]),
            dns_options: strings(&["ndots:2"]),
            add_hosts: vec![
                HostEntry {
                    names: strings(&["db", "db.lan"]),
                    address: Some("10.0.0.9".parse().unwrap()),
                },
                HostEntry {
                    names: strings(&["v6"]),
                    address: Some("fd00::1".parse().unwrap()),
                },
                HostEntry {
                    names: strings(&["gw"]),
                    address: None,
                },
            ],
            no_hosts: false,
        },
        ..golden()
    };
    assert_eq!(p, want);
    assert_eq!(
        error(
            &req(|r| {
                r.dns = strings(&["none"]);
                r.dns_search = strings(&["."]);
            }),
            &root()
        ),
        "UseImageResolvConf and DNSSearch are mutually exclusive options"
    );
    let p = plan(
        &req(|r| {
            r.dns = strings(&["none"]);
            r.no_hosts = true;
        }),
        &root(),
    );
    let etc = EtcConfig {
        image_resolv_conf: true,
        no_hosts: true,
        ..Default::default()
    };
    assert_eq!(p, ContainerPlan { etc, ..golden() });
}

/// podman's words (cmd/podman/common/netflags.go, parse/net.go, containers/create.go).
#[test]
fn dns_and_hosts_errors_are_podman_s() {
    for (flags, want) in [
        (
            req(|r| r.dns = strings(&["1.1.1"])),
            "1.1.1 is not an ip address",
        ),
        (
            req(|r| r.dns = strings(&["none", "1.1.1.1"])),
            "none is not allowed to be specified with other DNS ip addresses",
        ),
        (
            req(|r| r.dns_search = strings(&[".", "a.com"])),
            "cannot pass additional search domains when also specifying '.'",
        ),
        (
            req(|r| r.dns_search = strings(&["bad_domain"])),
            "bad_domain is not a valid domain",
        ),
        (
            req(|r| r.add_hosts = strings(&["nocolon"])),
            "bad format for add-host: \"nocolon\"",
        ),
        (
            req(|r| r.add_hosts = strings(&[":1.2.3.4"])),
            "bad format for add-host: \":1.2.3.4\"",
        ),
        (
            req(|r| r.add_hosts = strings(&["a;:1.2.3.4"])),
            "hostname in add-host \"a;:1.2.3.4\" is empty",
        ),
        (
            req(|r| r.add_hosts = strings(&["a:1.2.3"])),
            "invalid IP address in add-host: \"1.2.3\"",
        ),
        (
            req(|r| {
                r.add_hosts = strings(&["a:1.2.3.4"]);
                r.no_hosts = true;
            }),
            "--no-hosts and --add-host cannot be set together",
        ),
        (
            req(|r| {
                r.dns = strings(&["none"]);
                r.dns_options = strings(&["ndots:1"]);
            }),
            "UseImageResolvConf and DNSOption are mutually exclusive options",
        ),
    ] {
        assert_eq!(error(&flags, &root()), want, "{flags:?}");
    }
}

/// podman's specgen: `-p` where the container has no network of its own is said and dropped.
#[test]
fn publish_without_a_network_of_its_own_is_a_warning() {
    for (net, ns, settings) in [
        ("host", "host", root()),
        ("none", "none", root()),
        ("container:db", "container", root()),
        ("none", "none", rootless()),
        ("host", "host", rootless()),
    ] {
        let p = plan(
            &req(|r| {
                r.network = Some(net.into());
                r.publish = strings(&["8080:80"]);
            }),
            &settings,
        );
        assert_eq!(p.network.ports, vec![], "{net}");
        assert_eq!(
            p.warnings,
            [format!(
                "Port mappings have been discarded because \"{ns}\" network namespace mode \
                 does not support them"
            )],
            "{net}"
        );
    }
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
            r.memory = Some("0".into());
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
fn rmi_implies_rm_and_refuses_a_restart_policy() {
    let p = plan(
        &req(|r| {
            r.remove_image = true;
            r.timeout = Some(30);
        }),
        &root(),
    );
    let want = ContainerPlan {
        auto_remove: true,
        remove_image: true,
        timeout: 30,
        ..golden()
    };
    assert_eq!(p, want);
    let e = error(
        &req(|r| {
            r.remove_image = true;
            r.restart = "always".into();
        }),
        &root(),
    );
    assert!(e.starts_with("conflicting options"), "{e}");
}

/// podman's `--systemd`: on for an init command (after `/bin/sh -c`) or `always`; then
/// SIGRTMIN+3 stops it unless a signal was given, and `container_uuid` is set.
#[test]
fn systemd_mode_as_podman_decides_it() {
    for (mode, command, on) in [
        ("true", &["/sbin/init"][..], true),
        (
            "true",
            &["/usr/lib/systemd/systemd", "--log-level=info"],
            true,
        ),
        ("true", &["/bin/sh", "-c", "/usr/sbin/init"], true),
        ("true", &["sh"], false),
        ("false", &["/sbin/init"], false),
        ("always", &["sh"], true),
    ] {
        let p = resolve(
            &req(|r| {
                r.systemd = mode.into();
                r.command = strings(command);
            }),
            &bare_image(),
            &[],
            &root(),
            ID,
        )
        .unwrap();
        assert_eq!(p.systemd, on, "{mode} {command:?}");
        let want_signal = if on {
            libc::SIGRTMIN() + 3
        } else {
            libc::SIGTERM
        };
        assert_eq!(p.stop_signal, want_signal, "{mode} {command:?}");
        let uuid = format!("container_uuid={}", &ID[..32]);
        assert_eq!(p.env.contains(&uuid), on, "{mode} {command:?}");
    }
    // The image's or the flag's stop signal stays.
    let p = plan(&req(|r| r.systemd = "always".into()), &root());
    assert_eq!(p.stop_signal, libc::SIGQUIT);
    assert_eq!(
        error(&req(|r| r.systemd = "maybe".into()), &root()),
        "invalid value \"maybe\" systemd option requires 'true, false, always'"
    );
}

/// Socket activation passes through as podman's: LISTEN_PID is the container's PID 1.
#[test]
fn listen_variables_pass_through() {
    let mut s = root();
    s.host_env.extend([
        ("LISTEN_PID".to_string(), "4242".to_string()),
        ("LISTEN_FDS".to_string(), "2".to_string()),
        ("LISTEN_FDNAMES".to_string(), "web:admin".to_string()),
    ]);
    let p = plan(&req(|r| r.preserve_fds = 1), &s);
    let mut env = golden().env;
    env.extend(strings(&[
        "LISTEN_PID=1",
        "LISTEN_FDS=2",
        "LISTEN_FDNAMES=web:admin",
    ]));
    let want = ContainerPlan {
        env,
        preserve_fds: 1,
        ..golden()
    };
    assert_eq!(p, want);
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

#[test]
fn containers_conf_defaults_sit_under_the_flags() {
    let s = Settings {
        defaults: crate::config::ContainerDefaults {
            env: Some(strings(&[
                "FROM_CONF=1",
                "FROM_HOST",
                "NOT_ON_HOST",
                "BOTH=conf",
            ])),
            pids_limit: Some(100),
            default_ulimits: Some(strings(&["nofile=100:200", "nproc=50:60"])),
            log_size_max: Some(8192),
            default_capabilities: Some(strings(&["CHOWN", "CAP_NET_RAW"])),
            init_path: Some("/opt/init".into()),
            dns_servers: None,
        },
        ..root()
    };
    let p = plan(&req(|r| r.env = strings(&["BOTH=flag"])), &s);
    assert!(p.env.contains(&"FROM_CONF=1".to_string()), "{:?}", p.env);
    assert!(p.env.contains(&"FROM_HOST=yes".to_string()), "{:?}", p.env);
    assert!(p.env.contains(&"BOTH=flag".to_string()), "{:?}", p.env);
    assert!(!p.env.iter().any(|e| e.starts_with("NOT_ON_HOST")));
    assert_eq!(p.resources.pids_limit, Some(100));
    assert_eq!(p.ulimits.len(), 2);
    assert_eq!(p.log.max_size, 8192);
    assert_eq!(p.cap_changes.base, Some((1 << 0) | (1 << 13)));
    assert_eq!(p.init_path.as_deref(), Some(Path::new("/opt/init")));
    assert!(!p.init, "init_path alone does not ask for an init");
    // containers.conf's PATH over ctl's default one, not over the image's or a flag's.
    let path_conf = Settings {
        defaults: crate::config::ContainerDefaults {
            env: Some(strings(&["PATH=/conf/bin"])),
            ..Default::default()
        },
        ..root()
    };
    let paths = |image: &ImageConfiguration, flag: &[&str]| -> Vec<String> {
        let p = resolve(&req(|r| r.env = strings(flag)), image, &[], &path_conf, ID).unwrap();
        p.env
            .into_iter()
            .filter(|e| e.starts_with("PATH="))
            .collect()
    };
    assert_eq!(paths(&bare_image(), &[]), ["PATH=/conf/bin"]);
    assert_eq!(paths(&image(), &[]), ["PATH=/usr/local/bin:/bin"]);
    assert_eq!(paths(&bare_image(), &["PATH=/flag"]), ["PATH=/flag"]);
    let p = plan(
        &req(|r| {
            r.pids_limit = Some("7".into());
            r.ulimits = strings(&["nofile=1:2"]);
            r.log_opts = strings(&["max-size=1m"]);
        }),
        &s,
    );
    assert_eq!(p.resources.pids_limit, Some(7));
    let nofile: Vec<_> = p
        .ulimits
        .iter()
        .filter(|u| u.typ() == PosixRlimitType::RlimitNofile)
        .collect();
    assert_eq!((nofile.len(), nofile[0].hard()), (1, 2));
    assert_eq!(p.log.max_size, 1 << 20);
    // Rootless containers get no cgroup limits from containers.conf; 0 is no limit.
    let rootless = Settings {
        defaults: s.defaults.clone(),
        ..rootless()
    };
    assert_eq!(plan(&req(|_| {}), &rootless).resources.pids_limit, None);
    let zero = Settings {
        defaults: crate::config::ContainerDefaults {
            pids_limit: Some(0),
            ..Default::default()
        },
        ..root()
    };
    assert_eq!(plan(&req(|_| {}), &zero).resources.pids_limit, Some(-1));
    let bad = Settings {
        defaults: crate::config::ContainerDefaults {
            default_ulimits: Some(strings(&["nofile=x"])),
            ..Default::default()
        },
        ..root()
    };
    assert!(error(&req(|_| {}), &bad).contains("containers.conf default"));
}

#[test]
fn containers_conf_dns_servers_come_before_the_flags() {
    let s = Settings {
        defaults: crate::config::ContainerDefaults {
            dns_servers: Some(strings(&["10.0.0.53"])),
            ..Default::default()
        },
        ..root()
    };
    let p = plan(&req(|r| r.dns = strings(&["9.9.9.9"])), &s);
    let want: Vec<std::net::IpAddr> =
        vec!["10.0.0.53".parse().unwrap(), "9.9.9.9".parse().unwrap()];
    assert_eq!(p.etc.dns_servers, want);
    let p = plan(&req(|r| r.dns = strings(&["none"])), &s);
    assert!(p.etc.dns_servers.is_empty());
}
