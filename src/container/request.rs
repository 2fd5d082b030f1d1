//! What `ctl create`/`run` asks for: the flags' values as given, typed only as far as
//! the command line types them (a closed set of values is its enum, chosen when the flags
//! are parsed). Nothing here is checked or resolved; [`super::plan`] does that, once.

use std::net::Ipv4Addr;
use std::path::PathBuf;

use ctl_monitor::LogDriver;

use crate::container::store::SdNotify;
use crate::error::{IoContext, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateRequest {
    pub name: Option<String>,
    /// The image as named on the command line.
    pub image: String,
    /// The arguments after the image (empty: the image's command).
    pub command: Vec<String>,
    /// `Some("")` clears the image's entrypoint; `[...]` is a JSON list.
    pub entrypoint: Option<String>,
    /// `-e K=V` or `-e K` (taken from the caller's environment).
    pub env: Vec<String>,
    /// `--env-file`, read before `-e`.
    pub env_files: Vec<PathBuf>,
    /// `-v HOST:CTR[:OPTS]`.
    pub volumes: Vec<String>,
    /// `--mount type=...`.
    pub mounts: Vec<String>,
    /// `--tmpfs PATH[:OPTS]`.
    pub tmpfs: Vec<String>,
    /// `--volumes-from CTR[:OPTS]`.
    pub volumes_from: Vec<String>,
    /// What `--volumes-from` takes from the other containers, found before the plan is
    /// made (`Manager::plan`): their binds and volumes, under the flags' own mounts.
    pub inherited_mounts: Vec<crate::container::options::Mount>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub hostname: Option<String>,
    /// `KEY=VALUE`.
    pub labels: Vec<String>,
    pub stop_signal: Option<String>,
    pub stop_timeout: Option<u32>,
    pub read_only: bool,
    pub read_only_tmpfs: bool,
    /// `--memory`, `--cpus`, `--pids-limit`, `--blkio-weight`, ...
    pub limits: crate::container::limits::LimitRequest,
    /// `NAME=SOFT[:HARD]`.
    pub ulimits: Vec<String>,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub privileged: bool,
    pub security_opt: Vec<String>,
    pub group_add: Vec<String>,
    pub init: bool,
    pub init_path: Option<PathBuf>,
    /// `--network` (None: the default for root or rootless).
    pub network: Option<String>,
    /// `-p [IP:][HOSTPORT:]CTRPORT[/PROTO]`.
    pub publish: Vec<String>,
    pub publish_all: bool,
    pub ip: Option<Ipv4Addr>,
    pub network_aliases: Vec<String>,
    /// `--dns` (`none`: keep the image's /etc/resolv.conf).
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_options: Vec<String>,
    /// `--add-host NAME[;NAME...]:IP|host-gateway`.
    pub add_hosts: Vec<String>,
    pub no_hosts: bool,
    /// `--no-hostname`: no /etc/hostname of ctl's.
    pub no_hostname: bool,
    /// `--shm-size` (0: unlimited).
    pub shm_size: Option<String>,
    /// `--sysctl NAME=VALUE`.
    pub sysctls: Vec<String>,
    /// `--tz` (an area/city name, or `local`).
    pub tz: Option<String>,
    pub umask: Option<String>,
    /// `--env-host`: the caller's whole environment, below the env files and `-e`.
    pub env_host: bool,
    /// `--env-merge K=V`: expanded against the default and the image's environment.
    pub env_merge: Vec<String>,
    /// `--unsetenv NAME`: a default or image variable left out.
    pub unsetenv: Vec<String>,
    /// `--unsetenv-all`: no default or image variable at all.
    pub unsetenv_all: bool,
    /// `--http-proxy` (on by default): the caller's proxy variables pass in.
    pub http_proxy: bool,
    /// `--label-file`, read before `--label`.
    pub label_files: Vec<PathBuf>,
    /// `--annotation KEY=VALUE`.
    pub annotations: Vec<String>,
    /// `--secret NAME[,OPTIONS]`.
    pub secrets: Vec<String>,
    /// `--expose PORT[-END][/PROTO]`: more exposed ports (published by `-P`).
    pub expose: Vec<String>,
    pub oom_score_adj: Option<i32>,
    /// `--ipc`, `--pid`, `--uts`, `--cgroupns` as given.
    pub ipc: Option<String>,
    pub pid: Option<String>,
    pub uts: Option<String>,
    pub cgroupns: Option<String>,
    /// `--userns` as given.
    pub userns: Option<String>,
    /// `--uidmap`, `--gidmap` as given.
    pub uidmap: Vec<String>,
    pub gidmap: Vec<String>,
    /// `--device HOST[:CONTAINER][:PERMISSIONS]`.
    pub devices: Vec<String>,
    /// `--device-cgroup-rule "TYPE MAJOR:MINOR ACCESS"`.
    pub device_cgroup_rules: Vec<String>,
    /// `--cgroups` as given.
    pub cgroups: Option<String>,
    /// `--pidfile`, `--conmon-pidfile` (absolute).
    pub pidfile: Option<PathBuf>,
    pub conmon_pidfile: Option<PathBuf>,
    pub tty: bool,
    pub interactive: bool,
    pub log_driver: LogDriver,
    /// `max-size=SIZE`, `max-file=N`.
    pub log_opts: Vec<String>,
    /// `--rm`.
    pub rm: bool,
    /// `--timeout SECONDS`: killed after running that long (0: never).
    pub timeout: Option<u32>,
    /// `--systemd`: true (when the command is an init), false, always.
    pub systemd: String,
    /// `run --preserve-fds N`: the caller's fds 3 to 3+N-1 are passed into the container.
    pub preserve_fds: u32,
    /// `run --rmi`: the image goes with the container.
    pub remove_image: bool,
    /// no, on-failure[:N], always, unless-stopped.
    pub restart: String,
    /// `--health-*`, `--no-healthcheck`.
    pub health: crate::container::health::config::HealthFlags,
    /// The image's healthcheck, read before the plan is made (`Manager::plan`).
    pub image_healthcheck: Option<crate::container::health::config::HealthConfig>,
    pub sdnotify: SdNotify,
    /// The command line that asked, kept in the record for `generate systemd --new`.
    pub create_command: Vec<String>,
    /// The pod (its id) the container is made in; `infra`: as its infra container.
    pub pod: Option<String>,
    pub infra: bool,
    /// `--hosts-file`, `--image-volume`, `--personality`, `--cgroup-*`, `--requires`.
    pub extras: crate::container::plan::ExtrasRequest,
}

impl Default for CreateRequest {
    /// The flags' own defaults.
    fn default() -> Self {
        CreateRequest {
            name: None,
            image: String::new(),
            command: Vec::new(),
            entrypoint: None,
            env: Vec::new(),
            env_files: Vec::new(),
            volumes: Vec::new(),
            mounts: Vec::new(),
            tmpfs: Vec::new(),
            volumes_from: Vec::new(),
            inherited_mounts: Vec::new(),
            workdir: None,
            user: None,
            hostname: None,
            labels: Vec::new(),
            stop_signal: None,
            stop_timeout: None,
            read_only: false,
            read_only_tmpfs: true,
            limits: Default::default(),
            ulimits: Vec::new(),
            cap_add: Vec::new(),
            cap_drop: Vec::new(),
            privileged: false,
            security_opt: Vec::new(),
            group_add: Vec::new(),
            init: false,
            init_path: None,
            network: None,
            publish: Vec::new(),
            publish_all: false,
            ip: None,
            network_aliases: Vec::new(),
            dns: Vec::new(),
            dns_search: Vec::new(),
            dns_options: Vec::new(),
            add_hosts: Vec::new(),
            no_hosts: false,
            no_hostname: false,
            shm_size: None,
            sysctls: Vec::new(),
            tz: None,
            umask: None,
            env_host: false,
            env_merge: Vec::new(),
            unsetenv: Vec::new(),
            unsetenv_all: false,
            http_proxy: true,
            label_files: Vec::new(),
            annotations: Vec::new(),
            secrets: Vec::new(),
            expose: Vec::new(),
            oom_score_adj: None,
            ipc: None,
            pid: None,
            uts: None,
            cgroupns: None,
            userns: None,
            uidmap: Vec::new(),
            gidmap: Vec::new(),
            devices: Vec::new(),
            device_cgroup_rules: Vec::new(),
            cgroups: None,
            pidfile: None,
            conmon_pidfile: None,
            tty: false,
            interactive: false,
            log_driver: LogDriver::KFile,
            log_opts: Vec::new(),
            rm: false,
            timeout: None,
            systemd: "true".into(),
            preserve_fds: 0,
            remove_image: false,
            restart: "no".into(),
            health: Default::default(),
            image_healthcheck: None,
            sdnotify: SdNotify::Container,
            create_command: Vec::new(),
            pod: None,
            infra: false,
            extras: Default::default(),
        }
    }
}

impl CreateRequest {
    /// The `--label-file` files' text, in order.
    pub fn read_label_files(&self) -> Result<Vec<String>> {
        self.label_files
            .iter()
            .map(|f| std::fs::read_to_string(f).at(f))
            .collect()
    }

    /// The `--env-file` files' text, in order.
    pub fn read_env_files(&self) -> Result<Vec<String>> {
        self.env_files
            .iter()
            .map(|f| std::fs::read_to_string(f).at(f))
            .collect()
    }
}
