//! A container's record, `container.json`: what was asked at create time (and its name,
//! which `rename` changes, and the limits and restart policy, which `update` changes), in
//! the shape every later command reads. Serde defaults keep records written by earlier
//! versions loading.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ctl_monitor::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LogConfig {
    /// k8s-file, none, journald, passthrough.
    pub driver: String,
    pub path: PathBuf,
    pub max_size: u64,
    pub max_files: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MountRecord {
    /// bind, tmpfs, volume.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<PathBuf>,
    pub destination: String,
    pub readonly: bool,
    /// A volume's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// An anonymous volume: removed with the container by `rm -v` and `--rm`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
    /// A bind's or volume's further options as given (propagation, nosuid, …), which
    /// `--volumes-from` passes on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// A volume mount that copies nothing in (`nocopy`), for a copy-up at first start.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nocopy: bool,
}

/// What `ctl create`/`run` asked for; written once.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ContainerConfig {
    pub id: String,
    pub name: String,
    pub image_id: String,
    /// The image as named on the command line, resolved.
    pub image_name: String,
    pub created: Timestamp,
    /// The process's argv.
    pub command: Vec<String>,
    #[serde(default)]
    pub entrypoint: Vec<String>,
    #[serde(default)]
    pub cmd: Vec<String>,
    pub env: Vec<String>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub mounts: Vec<MountRecord>,
    pub hostname: String,
    pub user: String,
    pub workdir: String,
    /// docker's NetworkMode: none, host, bridge (the default network), a network's name,
    /// container:ID; rootless also pasta, slirp4netns. Recorded as that string.
    pub network: crate::network::Mode,
    /// The bridge networks joined (empty: none of them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<String>,
    /// Published ports as asked (host port 0: any free one, picked at each start).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<crate::network::ports::PortMapping>,
    /// `--ip`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub static_ip: Option<std::net::Ipv4Addr>,
    /// `--network-alias`: more names aardvark-dns answers for the container.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_aliases: Vec<String>,
    /// Rootless `-p`: forwarded by pasta or slirp4netns. Written before ranges and this
    /// type's other fields existed too: those load as single ports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_ports: Vec<crate::network::ports::PortMapping>,
    /// Exposed ports, `PORT/PROTO` (inspect's `Config.ExposedPorts`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exposed: Vec<String>,
    pub stop_signal: i32,
    pub stop_timeout: u32,
    pub auto_remove: bool,
    pub read_only: bool,
    pub terminal: bool,
    pub stdin: bool,
    pub log: LogConfig,
    pub runtime: String,
    /// `--restart`; records from before it have none.
    #[serde(default)]
    pub restart: crate::container::restart::RestartPolicy,
    /// `--sdnotify`; records from before it have none.
    #[serde(default)]
    pub sdnotify: SdNotify,
    /// The host's NOTIFY_SOCKET bound into the container (`--sdnotify=container`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_socket: Option<PathBuf>,
    /// The `ctl ... create|run ...` argv that made it, for `generate systemd --new`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub create_command: Vec<String>,
    /// `--pidfile`, `--conmon-pidfile`: written at each start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pidfile: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conmon_pidfile: Option<PathBuf>,
    /// Security and resource settings; records from before them have none.
    #[serde(default)]
    pub host: HostSettings,
    /// `--timeout`: seconds the container may run before the monitor kills it; 0: no limit.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub timeout: u32,
    /// `run --preserve-fds`: fds 3.. passed into the container by the start of `run`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub preserve_fds: u32,
    /// `run --rmi`: the image is removed with the container, unless used.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove_image: bool,
    /// `--dns*`, `--add-host`, `--no-hosts`: what /etc/hosts and /etc/resolv.conf get at
    /// each start; records from before them have none.
    #[serde(default)]
    pub etc: EtcConfig,
    /// The maps of the container's own user namespace (`--uidmap`, `--userns=auto`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idmaps: Option<crate::container::plan::IdMappings>,
    /// `--ipc/--pid/--uts container:X`: the namespace kind (`ipc`, `pid`, `uts`) to the id
    /// of the container whose namespace is joined, looked up again at every start.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub joins: std::collections::BTreeMap<String, String>,
    /// Names a `rename` killed half-way may have left pointing here; freed with the
    /// container (only where they still point at it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<String>,
    /// `--secret`: the copies bound in and the variables set (their values are not here).
    #[serde(
        default,
        skip_serializing_if = "crate::secret::usage::ContainerSecrets::is_empty"
    )]
    pub secrets: crate::secret::usage::ContainerSecrets,
    /// The healthcheck (the flags' over the image's); none: no healthcheck.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<crate::container::health::config::HealthConfig>,
    /// `--health-on-failure`.
    #[serde(default, skip_serializing_if = "is_no_action")]
    pub health_on_failure: ctl_monitor::health::OnFailure,
    /// `--health-startup-*`: the check that runs before the regular one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_startup: Option<crate::container::health::settings::StartupConfig>,
    /// `--health-log-destination`, `--health-max-log-count`, `--health-max-log-size`.
    #[serde(
        default,
        skip_serializing_if = "crate::container::health::settings::LogSettings::is_default"
    )]
    pub health_log: crate::container::health::settings::LogSettings,
    /// The pod (its id) the container belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod: Option<String>,
    /// The pod's infra container: it holds the pod's namespaces.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub infra: bool,
    /// `--requires`: the containers (ids) started before this one, which stay while it does.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
}

fn is_no_action(a: &ctl_monitor::health::OnFailure) -> bool {
    *a == ctl_monitor::health::OnFailure::None
}

impl ContainerConfig {
    /// The containers this one joins a namespace of (`container:X` modes), which must
    /// stay while it does.
    pub fn dependencies(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.joins.values().map(String::as_str).collect();
        if let crate::network::Mode::Container(id) = &self.network {
            out.push(id);
        }
        out.extend(self.requires.iter().map(String::as_str));
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The container's names and resolvers as asked (`--dns`, `--dns-search`, `--dns-option`,
/// `--add-host`, `--no-hosts`, `--no-hostname`), checked by the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct EtcConfig {
    /// `--dns`: these servers instead of the host's (a network with its own DNS server
    /// keeps that one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dns_servers: Vec<std::net::IpAddr>,
    /// `--dns none`: no /etc/resolv.conf is made; the image's stays.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub image_resolv_conf: bool,
    /// `--dns-search`: these domains instead of the host's; `["."]`: none at all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dns_search: Vec<String>,
    /// `--dns-option`: these options instead of the host's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dns_options: Vec<String>,
    /// `--add-host`, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub add_hosts: Vec<HostEntry>,
    /// `--no-hosts`: no /etc/hosts is made; the image's stays.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_hosts: bool,
    /// `--no-hostname`: no /etc/hostname is made; the image's stays.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_hostname: bool,
    /// `--hosts-file` (or containers.conf's `base_hosts_file`): the base of /etc/hosts,
    /// `none`, `image` or a host path; `None`: ctl's own (empty; the host's file on the
    /// host's network).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hosts_file: Option<String>,
}

/// One `--add-host NAME[;NAME...]:ADDRESS`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostEntry {
    pub names: Vec<String>,
    /// `None`: `host-gateway`, the address at which the container reaches the host.
    pub address: Option<std::net::IpAddr>,
}

/// What a container was given beyond the defaults, for `inspect`: capability changes as
/// `CAP_*` names (or ALL), `--security-opt` as given, ulimits as `name=soft:hard`, and the
/// cgroup limits in effect.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct HostSettings {
    pub privileged: bool,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub security_opt: Vec<String>,
    pub ulimits: Vec<String>,
    pub group_add: Vec<String>,
    pub init: bool,
    pub resources: crate::container::resources::Resources,
}

/// Who tells systemd (a `Type=notify` unit's NOTIFY_SOCKET) that the container is ready.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SdNotify {
    /// The container itself: the socket is bound into it at /run/notify/notify.sock.
    Container,
    /// The monitor, once the container has started.
    Conmon,
    /// Nobody: NOTIFY_SOCKET is not used.
    #[default]
    Ignore,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rootless container's record as earlier versions wrote it: the network as a string,
    /// ports in the rootless type of then.
    const RECORD_OF_BEFORE: &str = r#"{
        "id": "0123456789abcdef0123456789abcdef", "name": "web", "image_id": "abc",
        "image_name": "busybox", "created": "2026-11-22T00:00:00Z", "command": ["sh"],
        "env": [], "hostname": "0123456789ab", "user": "", "workdir": "/",
        "network": "slirp4netns",
        "user_ports": [{"host_ip": "::1", "host_port": 8080, "container_port": 80,
                        "protocol": "tcp"}],
        "stop_signal": 15, "stop_timeout": 10, "auto_remove": false, "read_only": false,
        "terminal": false, "stdin": false,
        "log": {"driver": "k8s-file", "path": "/x/ctr.log", "max_size": 0, "max_files": 1},
        "runtime": "runc"
    }"#;

    #[test]
    fn records_of_before_load_with_typed_network_and_ports() {
        use crate::network::{ports::PortMapping, Mode};
        let mut cfg: ContainerConfig = serde_json::from_str(RECORD_OF_BEFORE).unwrap();
        // chrono's `Z` form.
        assert_eq!(cfg.created, Timestamp::new(1_795_305_600, 0));
        assert_eq!(cfg.network, Mode::Slirp4netns);
        assert_eq!(
            cfg.user_ports,
            [PortMapping {
                container_port: 80,
                host_ip: "::1".into(),
                host_port: 8080,
                protocol: "tcp".into(),
                range: 1,
            }]
        );
        for (text, mode) in [
            ("none", Mode::None),
            ("host", Mode::Host),
            (
                "bridge",
                Mode::Bridge(crate::network::config::DEFAULT_NETWORK.into()),
            ),
            ("web", Mode::Bridge("web".into())),
            ("container:0123", Mode::Container("0123".into())),
            ("pasta", Mode::Pasta),
        ] {
            let json = RECORD_OF_BEFORE.replace("\"slirp4netns\"", &format!("\"{text}\""));
            let loaded: ContainerConfig = serde_json::from_str(&json).unwrap();
            assert_eq!(loaded.network, mode, "{text}");
        }
        // Written back, the network is the same string.
        cfg.network = Mode::Bridge(crate::network::config::DEFAULT_NETWORK.into());
        let v = serde_json::to_value(&cfg).unwrap();
        assert_eq!(v["network"], "bridge");
    }

    #[test]
    fn created_times_of_today_keep_their_bytes() {
        let today = RECORD_OF_BEFORE.replace(
            "2026-11-22T00:00:00Z",
            "2026-11-22T22:46:51.123456789+00:00",
        );
        let cfg: ContainerConfig = serde_json::from_str(&today).unwrap();
        assert_eq!(cfg.created, Timestamp::new(1_795_387_611, 123_456_789));
        let written = serde_json::to_string_pretty(&cfg).unwrap();
        assert!(
            written.contains("\n  \"created\": \"2026-11-22T22:46:51.123456789+00:00\",\n"),
            "{written}"
        );
    }
}
