//! Golden plans: requests as the flags make them, resolved against one image config,
//! compared with the whole plan written out. No root, no filesystem.

mod conf;
mod dns;
mod lifecycle;
mod namespaces;
mod network;
mod process;
mod resources;

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
        blkio_weight: true,
        uid: 0,
        gid: 0,
        subids: (0, 0),
        defaults: Default::default(),
        cwd: "/home/build/src".into(),
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
            exposed: strings(&["443/tcp", "53/udp", "80/tcp"]),
            ..Default::default()
        },
        etc: EtcConfig::default(),
        annotations: BTreeMap::new(),
        secrets: Default::default(),
        shm_size: None,
        sysctls: BTreeMap::new(),
        timezone: None,
        umask: None,
        oom_score_adj: None,
        namespaces: NamespacesPlan::default(),
        userns: UsernsPlan::Host,
        devices: vec![],
        device_rules: vec![],
        pidfile: None,
        conmon_pidfile: None,
        warnings: vec![],
        stop_signal: libc::SIGQUIT,
        stop_timeout: 10,
        restart: RestartPolicy::No,
        healthcheck: None,
        health_on_failure: ctl_monitor::health::OnFailure::None,
        health_startup: None,
        health_log: Default::default(),
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
        pod: None,
        infra: false,
        extras: Default::default(),
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
