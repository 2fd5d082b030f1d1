//! A create request resolved against its image and this host's settings: every decision
//! about the new container made once, typed, by a pure function (no filesystem, no clock,
//! no randomness: whatever it needs is passed in). What needs the mounted rootfs (the
//! user's ids from the image's /etc/passwd, `--group-add`) or the store (networks, other
//! containers) is left to the bundle.

mod defaults;

use std::collections::BTreeMap;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};

use ctl_monitor::LogDriver;
use oci_spec::image::ImageConfiguration;
use oci_spec::runtime::PosixRlimit;

use crate::container::caps::CapChanges;
use crate::container::checks;
use crate::container::options::{
    parse_env, parse_env_file, parse_labels, parse_mount, parse_signal, parse_size, parse_tmpfs,
    parse_volume, Mount, OptionError,
};
use crate::container::request::CreateRequest;
use crate::container::resources::{parse_ulimits, Resources};
use crate::container::restart::RestartPolicy;
use crate::container::security::{parse_security_opts, SecurityOpts};
use crate::container::spec;
use crate::container::store::{EtcConfig, SdNotify};
use crate::error::{Error, Result};
use crate::network::ports::PortMapping;
use crate::network::rootless::{self as usernet, Backend};
use crate::network::Mode;

mod etc;
mod extras;
mod kernel;
pub use kernel::DeviceRule;
mod namespaces;
mod network;
#[cfg(test)]
mod tests;
mod userns;
mod volumes;

pub use etc::HOST_GATEWAY;
pub use extras::{Extras, ExtrasRequest};
pub use kernel::label_file_lines;
pub use namespaces::{DeviceRequest, NamespacesPlan, NsMode};
pub use userns::{parse_id_map, to_host, IdMapping, IdMappings, UsernsPlan};

/// Where `--sdnotify=container` binds the host's notify socket.
pub const NOTIFY_IN_CONTAINER: &str = "/run/notify/notify.sock";

/// What the host and ctl's configuration contribute to a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub rootless: bool,
    /// The user-mode network stacks installed, in order of preference (rootless).
    pub backends: Vec<Backend>,
    /// `net.ipv4.ip_unprivileged_port_start` (rootless host ports start there).
    pub unprivileged_port_start: u16,
    /// The host's name, which a container on the host's network takes.
    pub host_name: Option<String>,
    /// systemd's NOTIFY_SOCKET, when ctl runs under it.
    pub notify_socket: Option<PathBuf>,
    /// ctl's own environment, for `-e NAME` and env files' bare names.
    pub host_env: BTreeMap<String, String>,
    /// The kernel's limit on argv plus environment.
    pub arg_max: usize,
    /// The unified cgroup hierarchy (v2), where containers get a cgroup namespace.
    pub cgroup_v2: bool,
    /// The host's cgroups can weigh block I/O (a v1 blkio controller has no weight file
    /// unless the disk's scheduler is BFQ or CFQ).
    pub blkio_weight: bool,
    /// The caller's ids (`--userns=keep-id`); rootless, the user's on the host.
    pub uid: u32,
    pub gid: u32,
    /// Rootless: how many subordinate uids and gids the user's namespace maps (after the
    /// user's own id, which is 0 there).
    pub subids: (u32, u32),
    /// containers.conf's (and ctl.toml's `[containers]`) defaults, under the flags.
    pub defaults: crate::config::ContainerDefaults,
    /// The current directory, which relative bind sources are taken against.
    pub cwd: PathBuf,
}

impl Settings {
    /// This host's, as `ctx` sees it.
    pub fn detect(ctx: &crate::Context) -> Settings {
        let (uid, gid, subids) = match crate::rootless::inside_uid() {
            Some(uid) => {
                use crate::rootless::idmap;
                let (u, g) = idmap::current_maps();
                let n = |m: &[idmap::IdMap]| {
                    let total: u64 = m.iter().map(|m| u64::from(m.count)).sum();
                    total.saturating_sub(1).min(u64::from(u32::MAX)) as u32
                };
                (uid, idmap::HostUser::current(uid).gid, (n(&u), n(&g)))
            }
            None => (
                nix::unistd::getuid().as_raw(),
                nix::unistd::getgid().as_raw(),
                (0, 0),
            ),
        };
        // What only rootless containers use is not looked up for root's.
        let rootless = ctx.rootless;
        Settings {
            rootless,
            backends: if rootless {
                Backend::available()
            } else {
                vec![]
            },
            unprivileged_port_start: if rootless {
                usernet::unprivileged_port_start()
            } else {
                0
            },
            host_name: nix::unistd::gethostname()
                .ok()
                .and_then(|h| h.into_string().ok())
                .filter(|h| !h.is_empty()),
            notify_socket: ctx.notify_socket.clone(),
            host_env: std::env::vars().collect(),
            arg_max: checks::arg_max(),
            cgroup_v2: Path::new("/sys/fs/cgroup/cgroup.controllers").exists(),
            blkio_weight: crate::container::host::blkio_weight(),
            uid,
            gid,
            subids,
            defaults: ctx.container_defaults.clone(),
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")),
        }
    }
}

/// The network: its mode, and what only a bridge network takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkPlan {
    pub mode: Mode,
    /// Published ports: with `-P`, the image's exposed ones too. Host port 0: any free one.
    pub ports: Vec<PortMapping>,
    /// `--ip`.
    pub ip: Option<Ipv4Addr>,
    /// `--network-alias`.
    pub aliases: Vec<String>,
    /// podman's `Config.ExposedPorts`: the image's, `--expose`'s and the published
    /// container ports, one `PORT/PROTO` each, sorted.
    pub exposed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogPlan {
    pub driver: LogDriver,
    /// Bytes; 0: no limit.
    pub max_size: u64,
    pub max_files: u32,
}

/// Everything decided about a new container before anything is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerPlan {
    /// Chosen by the caller (it is also the default host name).
    pub id: String,
    pub name: Option<String>,
    /// The image as named on the command line.
    pub image_name: String,
    /// The process's argv: entrypoint and command.
    pub args: Vec<String>,
    /// For the record: the entrypoint and command as docker shows them.
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    /// PATH, HOSTNAME, TERM, the image's, the flags'; HOME and NOTIFY_SOCKET come with
    /// [`ContainerPlan::env_for`].
    pub env: Vec<String>,
    pub workdir: String,
    /// `--user` or the image's User, resolved against the rootfs by the bundle.
    pub user: String,
    /// `--group-add`, resolved against the rootfs by the bundle.
    pub group_add: Vec<String>,
    pub hostname: String,
    /// The image's labels, then the flags'.
    pub labels: BTreeMap<String, String>,
    /// `-v`, `--mount`, `--tmpfs`, in that order.
    pub mounts: Vec<Mount>,
    pub network: NetworkPlan,
    /// /etc/hosts and /etc/resolv.conf as asked.
    pub etc: EtcConfig,
    /// `--annotation`, over the labels in the spec's annotations.
    pub annotations: BTreeMap<String, String>,
    /// `--secret`: files bound in, variables set, by the bundle.
    pub secrets: crate::secret::usage::SecretUses,
    /// /dev/shm's size in bytes (0: no limit); `None`: 64 MiB.
    pub shm_size: Option<u64>,
    /// `--sysctl`.
    pub sysctls: BTreeMap<String, String>,
    /// `--tz`: a zone name under /usr/share/zoneinfo, or `local` (the host's).
    pub timezone: Option<String>,
    pub umask: Option<u32>,
    pub oom_score_adj: Option<i32>,
    /// `--ipc`, `--pid`, `--uts`, `--cgroupns`.
    pub namespaces: NamespacesPlan,
    /// The user namespace: the one ctl runs in, or one of the container's own.
    pub userns: UsernsPlan,
    /// `--device`, resolved against the host's /dev by the bundle.
    pub devices: Vec<DeviceRequest>,
    /// `--device-cgroup-rule`: more devices the cgroup allows (none when privileged).
    pub device_rules: Vec<kernel::DeviceRule>,
    /// `--pidfile`, `--conmon-pidfile`: written at each start.
    pub pidfile: Option<PathBuf>,
    pub conmon_pidfile: Option<PathBuf>,
    /// What was asked but cannot apply, said and ignored as podman does.
    pub warnings: Vec<String>,
    pub stop_signal: i32,
    pub stop_timeout: u32,
    pub restart: RestartPolicy,
    /// The healthcheck (None: none) and `--health-on-failure`.
    pub healthcheck: Option<crate::container::health::config::HealthConfig>,
    pub health_on_failure: ctl_monitor::health::OnFailure,
    pub health_startup: Option<crate::container::health::settings::StartupConfig>,
    pub health_log: crate::container::health::settings::LogSettings,
    /// `--rm`.
    pub auto_remove: bool,
    /// systemd mode: tmpfs on /run, /run/lock, /tmp, /var/log/journal, the cgroup tree
    /// writable, SIGRTMIN+3 to stop, `container_uuid` in the environment.
    pub systemd: bool,
    /// `--preserve-fds`: fds 3.. passed into the container at its first start.
    pub preserve_fds: u32,
    /// `--timeout`: seconds the container may run before it is killed; 0: no limit.
    pub timeout: u32,
    /// `--rmi`: with `auto_remove`, the image goes too unless another container uses it.
    pub remove_image: bool,
    pub terminal: bool,
    pub stdin: bool,
    pub log: LogPlan,
    pub sdnotify: SdNotify,
    /// The host's NOTIFY_SOCKET, bound into the container at [`NOTIFY_IN_CONTAINER`].
    pub notify_socket: Option<PathBuf>,
    /// Cgroup limits as asked; the host's defaults are filled in by the bundle.
    pub resources: Resources,
    /// `--ulimit`; empty: the caller's own limits.
    pub ulimits: Vec<PosixRlimit>,
    pub cap_changes: CapChanges,
    pub privileged: bool,
    pub security: SecurityOpts,
    pub read_only: bool,
    /// With `read_only`: tmpfs on /run, /tmp, /var/tmp.
    pub read_only_tmpfs: bool,
    /// `--init`, with `--init-path` (None: catatonit or tini from the host).
    pub init: bool,
    pub init_path: Option<PathBuf>,
    pub create_command: Vec<String>,
    /// The pod's id; `infra`: the pod's infra container.
    pub pod: Option<String>,
    pub infra: bool,
    /// `--personality`, `--cgroup-conf`, `--cgroup-parent`, `--requires`.
    pub extras: Extras,
}

impl ContainerPlan {
    /// The process's environment once the user's home is known: HOME unless set, then
    /// NOTIFY_SOCKET for `--sdnotify=container`.
    pub fn env_for(&self, home: Option<&str>) -> Vec<String> {
        let mut env = self.env.clone();
        if let Some(h) = home.filter(|_| !env.iter().any(|e| e.starts_with("HOME="))) {
            env.push(format!("HOME={h}"));
        }
        if self.notify_socket.is_some() {
            env.push(format!("NOTIFY_SOCKET={NOTIFY_IN_CONTAINER}"));
        }
        env
    }
}

/// An image's config. One that lacks what the OCI format requires beside the `config`
/// object (architecture, os, rootfs) still gives that object; an unreadable one counts as
/// empty.
pub fn image_config(blob: &[u8]) -> ImageConfiguration {
    serde_json::from_slice(blob).unwrap_or_else(|_| {
        let config = serde_json::from_slice::<serde_json::Value>(blob)
            .ok()
            .and_then(|v| serde_json::from_value(v.get("config")?.clone()).ok());
        let mut c = ImageConfiguration::default();
        c.set_config(config);
        c
    })
}

/// Resolves `req` for an image whose config is `image`, with the env files' texts (in the
/// request's order), into the plan of container `id`.
pub fn resolve(
    req: &CreateRequest,
    image: &ImageConfiguration,
    env_files: &[String],
    settings: &Settings,
    id: &str,
) -> Result<ContainerPlan> {
    let cfg = image.config().clone().unwrap_or_default();
    let nonempty = |s: &Option<String>| s.clone().filter(|s| !s.is_empty());
    let lookup = |k: &str| settings.host_env.get(k).cloned();

    let mut flag_env = Vec::new();
    if req.env_host {
        flag_env.extend(settings.host_env.iter().map(|(k, v)| format!("{k}={v}")));
    }
    for text in env_files {
        flag_env.extend(parse_env_file(text, lookup)?);
    }
    for e in &req.env {
        flag_env.extend(parse_env(e, lookup)?);
    }
    let mut mounts = Vec::new();
    for v in &req.volumes {
        mounts.push(parse_volume(v)?);
    }
    for m in &req.mounts {
        mounts.push(parse_mount(m)?);
    }
    for t in &req.tmpfs {
        mounts.push(parse_tmpfs(t)?);
    }
    crate::container::options::absolute_sources(&mut mounts, &settings.cwd);
    // `--volumes-from`'s, where the flags mount nothing (podman's order).
    for m in &req.inherited_mounts {
        let taken = mounts.iter().any(|o| o.destination() == m.destination());
        if !taken {
            mounts.push(m.clone());
        }
    }
    let image_volume = extras::image_volume_mode(req.extras.image_volume.as_deref())?;
    let image_volumes = volumes::image_volumes(&cfg, &mounts);
    mounts.extend(extras::apply_image_volume_mode(image_volume, image_volumes));
    // What runc would refuse only after the container was made, refused before.
    checks::exec_fits(&flag_env, &req.command, settings.arg_max)?;
    if let Some(h) = &req.hostname {
        checks::hostname(h)?;
    }
    let mut warnings = Vec::new();
    let network = network::network(req, image, settings, &mut warnings)?;
    let mut etc = etc::etc(req)?;
    etc.hosts_file = extras::hosts_file(
        req.extras.hosts_file.as_deref(),
        settings.defaults.base_hosts_file.as_deref(),
        req.no_hosts,
    )?;
    if !etc.image_resolv_conf {
        // containers.conf's servers come first, then --dns's, as podman writes them.
        let mut servers = Vec::new();
        for s in settings.defaults.dns_servers.iter().flatten() {
            servers.push(s.parse().map_err(|_| Error::InvalidInput {
                what: "containers.conf default dns_servers",
                value: s.clone(),
                reason: "not an IP address".into(),
            })?);
        }
        servers.append(&mut etc.dns_servers);
        etc.dns_servers = servers;
    }
    let annotations = parse_labels(&req.annotations).map_err(|e| match e {
        OptionError::Invalid { value, reason, .. } => Error::InvalidInput {
            what: "annotation",
            value,
            reason,
        },
        e => e.into(),
    })?;
    let shm_size = req.shm_size.as_deref().map(kernel::shm_size).transpose()?;
    let sysctls = kernel::sysctls(&req.sysctls, &network.mode)?;
    let timezone = req.tz.as_deref().map(kernel::timezone).transpose()?;
    let umask = req.umask.as_deref().map(kernel::umask).transpose()?;
    let oom_score_adj = req.oom_score_adj.map(kernel::oom_score_adj).transpose()?;
    let namespaces = namespaces::namespaces(
        req.ipc.as_deref(),
        req.pid.as_deref(),
        req.uts.as_deref(),
        req.cgroupns.as_deref(),
        settings.cgroup_v2,
    )?;
    if namespaces.uts == NsMode::Host && req.hostname.is_some() {
        return Err(Error::BadOption(
            "cannot set hostname when running in the host UTS namespace: invalid configuration"
                .into(),
        ));
    }
    let userns::Userns {
        plan: userns,
        keep_id_user,
    } = userns::userns(
        req.userns.as_deref(),
        &req.uidmap,
        &req.gidmap,
        settings.rootless,
        settings.uid,
        settings.gid,
        settings.subids,
    )?;
    let devices = req
        .devices
        .iter()
        .map(|d| namespaces::device(d))
        .collect::<Result<Vec<_>>>()?;
    let mut device_rules = req
        .device_cgroup_rules
        .iter()
        .map(|r| kernel::device_rule(r))
        .collect::<Result<Vec<_>>>()?;
    if settings.rootless && !device_rules.is_empty() {
        return Err(Error::BadOption(
            "device cgroup rules are not supported in rootless mode or in a user namespace".into(),
        ));
    }
    if req.privileged {
        device_rules.clear();
    }
    kernel::cgroups_mode(req.cgroups.as_deref())?;
    let log = log(&req.log_opts, req.log_driver)?;
    let restart = RestartPolicy::parse(&req.restart)?;
    if (req.rm || req.remove_image) && restart != RestartPolicy::No {
        return Err(Error::ConflictingOptions(format!(
            "--restart {} and --rm",
            req.restart
        )));
    }
    let (healthcheck, health_on_failure) =
        crate::container::health::config::resolve(&req.health, req.image_healthcheck.as_ref())?;
    let health_startup =
        crate::container::health::settings::StartupConfig::resolve(&req.health.startup, None)?;
    crate::container::health::settings::check_startup(
        health_startup.as_ref(),
        healthcheck.as_ref(),
    )?;
    let health_log = req.health.log_settings(&Default::default());
    let labels_flag = parse_labels(&req.labels)?;
    let stop_signal_flag = req.stop_signal.as_deref().map(parse_signal).transpose()?;
    let mut resources = resources(req)?;
    if !settings.blkio_weight
        && (resources.blkio.weight.is_some() || !resources.blkio.weight_device.is_empty())
    {
        // podman's words (and its choice) where the kernel cannot weigh I/O.
        warnings.push(
            "Your kernel does not support Block I/O weight or the cgroup is not mounted. \
             Weight discarded."
                .into(),
        );
        resources.blkio.weight = None;
        resources.blkio.weight_device.clear();
    }
    let ulimits = parse_ulimits(&req.ulimits)?;
    let cap_changes = CapChanges::parse(&req.cap_add, &req.cap_drop)?;
    let security = parse_security_opts(&req.security_opt)?;

    let args = spec::process_args(
        cfg.entrypoint().clone(),
        cfg.cmd().clone(),
        req.entrypoint.clone(),
        req.command.clone(),
    )
    .map_err(|e| Error::InvalidInput {
        what: "command",
        value: req.image.clone(),
        reason: e.to_string(),
    })?;
    let short_id = &id[..12.min(id.len())];
    // On the host's network the container is known by the host's name, as with docker.
    let hostname = req.hostname.clone().unwrap_or_else(|| match network.mode {
        _ if namespaces.uts == NsMode::Host => settings
            .host_name
            .clone()
            .unwrap_or_else(|| short_id.into()),
        Mode::Host => settings
            .host_name
            .clone()
            .unwrap_or_else(|| short_id.into()),
        _ => short_id.into(),
    });
    let notify_socket = container_notify_socket(req.sdnotify, settings.notify_socket.as_deref())?;
    let image_env = cfg.env().clone().unwrap_or_default();
    let proxy = match req.http_proxy && !req.env_host {
        true => spec::PROXY_ENV
            .iter()
            .filter_map(|k| settings.host_env.get(*k).map(|v| format!("{k}={v}")))
            .collect(),
        false => Vec::new(),
    };
    let rules = spec::EnvRules {
        merge: req.env_merge.clone(),
        unset: req.unsetenv.clone(),
        unset_all: req.unsetenv_all,
        proxy,
    };
    let env = spec::merge_env(&image_env, &flag_env, &hostname, req.tty, None, &rules)?;
    let mut labels: BTreeMap<String, String> = cfg
        .labels()
        .clone()
        .unwrap_or_default()
        .into_iter()
        .collect();
    labels.extend(labels_flag);
    let systemd = systemd_mode(&req.systemd, &args)?;
    let mut env = env;
    // Socket activation passes through, as podman's: LISTEN_PID is the container's PID 1.
    for key in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] {
        if let Some(v) = settings.host_env.get(key) {
            let v = if key == "LISTEN_PID" { "1" } else { v.as_str() };
            env.retain(|e| !e.starts_with(&format!("{key}=")));
            env.push(format!("{key}={v}"));
        }
    }
    if systemd && !env.iter().any(|e| e.starts_with("container_uuid=")) {
        env.push(format!("container_uuid={}", &id[..32.min(id.len())]));
    }
    let stop_signal = match (stop_signal_flag, nonempty(cfg.stop_signal())) {
        (Some(s), _) => s,
        // Refused as podman refuses it, never replaced by a default.
        (None, Some(s)) => parse_signal(&s).map_err(|e| Error::InvalidInput {
            what: "image StopSignal",
            reason: match e {
                OptionError::Invalid { reason, .. } => reason,
                e => e.to_string(),
            } + "; --stop-signal overrides it",
            value: s,
        })?,
        // What systemd takes as "halt".
        (None, None) if systemd => libc::SIGRTMIN() + 3,
        (None, None) => libc::SIGTERM,
    };
    let plan = ContainerPlan {
        id: id.to_string(),
        // podman takes docker's `/NAME` as NAME.
        name: req
            .name
            .as_deref()
            .map(|n| n.strip_prefix('/').unwrap_or(n).to_string()),
        image_name: req.image.clone(),
        args,
        entrypoint: match &req.entrypoint {
            Some(e) if e.is_empty() => vec![],
            Some(e) => vec![e.clone()],
            None => cfg.entrypoint().clone().unwrap_or_default(),
        },
        cmd: if req.command.is_empty() {
            cfg.cmd().clone().unwrap_or_default()
        } else {
            req.command.clone()
        },
        env,
        workdir: req
            .workdir
            .clone()
            .or(nonempty(cfg.working_dir()))
            .unwrap_or_else(|| "/".into()),
        user: req
            .user
            .clone()
            .or(keep_id_user)
            .or(nonempty(cfg.user()))
            .unwrap_or_default(),
        group_add: req.group_add.clone(),
        hostname,
        labels,
        mounts,
        network,
        etc,
        annotations,
        secrets: crate::secret::usage::parse(&req.secrets)?,
        shm_size,
        sysctls,
        timezone,
        umask,
        oom_score_adj,
        namespaces,
        userns,
        devices,
        device_rules,
        pidfile: req.pidfile.clone(),
        conmon_pidfile: req.conmon_pidfile.clone(),
        warnings,
        stop_signal,
        stop_timeout: req.stop_timeout.unwrap_or(10),
        restart,
        healthcheck,
        health_on_failure,
        health_startup,
        health_log,
        auto_remove: req.rm || req.remove_image,
        remove_image: req.remove_image,
        timeout: req.timeout.unwrap_or(0),
        preserve_fds: req.preserve_fds,
        systemd,
        terminal: req.tty,
        stdin: req.interactive,
        log,
        sdnotify: req.sdnotify,
        notify_socket,
        resources,
        ulimits,
        cap_changes,
        privileged: req.privileged,
        security,
        read_only: req.read_only,
        read_only_tmpfs: req.read_only_tmpfs,
        init: req.init || req.init_path.is_some(),
        init_path: req.init_path.clone(),
        create_command: req.create_command.clone(),
        pod: req.pod.clone(),
        infra: req.infra,
        extras: extras::extras(&req.extras, settings.rootless, settings.cgroup_v2)?,
    };
    defaults::apply(plan, req, settings)
}

/// `--log-driver` with `--log-opt max-size=SIZE,max-file=N`.
fn log(opts: &[String], driver: LogDriver) -> Result<LogPlan> {
    let bad = |o: &str, reason: &str| Error::InvalidInput {
        what: "log option",
        value: o.to_string(),
        reason: reason.into(),
    };
    let (mut max_size, mut max_files) = (0, 1);
    for o in opts {
        match o.split_once('=') {
            Some(("max-size", v)) => max_size = parse_size(v)?,
            Some(("max-file", v)) => {
                max_files = v
                    .parse()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| bad(o, "max-file is a count >= 1"))?
            }
            _ => return Err(bad(o, "use max-size=SIZE or max-file=N")),
        }
    }
    Ok(LogPlan {
        driver,
        max_size,
        max_files,
    })
}

fn resources(req: &CreateRequest) -> Result<Resources> {
    let mut limits = req.limits.clone();
    // `--memory 0` is no limit, as podman's.
    if limits.memory.as_deref().and_then(|m| parse_size(m).ok()) == Some(0) {
        limits.memory = None;
    }
    let r = limits.parse()?.apply(&Resources::default());
    r.validate()?;
    Ok(r)
}

/// The host socket to bind into the container: only a path one can be bound.
fn container_notify_socket(mode: SdNotify, socket: Option<&Path>) -> Result<Option<PathBuf>> {
    let Some(s) = socket.filter(|_| mode == SdNotify::Container) else {
        return Ok(None);
    };
    if s.as_os_str().as_encoded_bytes().starts_with(b"@") {
        return Err(Error::InvalidInput {
            what: "NOTIFY_SOCKET",
            value: s.display().to_string(),
            reason: "an abstract socket cannot be bound into a container: use --sdnotify=conmon"
                .into(),
        });
    }
    Ok(Some(s.to_path_buf()))
}

/// podman's `--systemd`: `always`, `false`, or `true` for a command that is systemd or an
/// init (`/sbin/init`, `/usr/sbin/init`, `/usr/local/sbin/init`), after a leading
/// `/bin/sh -c`.
fn systemd_mode(mode: &str, args: &[String]) -> Result<bool> {
    match mode {
        "always" => Ok(true),
        "false" => Ok(false),
        "true" | "" => {
            let cmd = match args {
                [sh, c, rest @ ..] if sh == "/bin/sh" && c == "-c" && !rest.is_empty() => rest,
                all => all,
            };
            Ok(cmd.first().is_some_and(|c| {
                ["/sbin/init", "/usr/sbin/init", "/usr/local/sbin/init"].contains(&c.as_str())
                    || Path::new(c).file_name().is_some_and(|n| n == "systemd")
            }))
        }
        other => Err(Error::BadOption(format!(
            "invalid value {other:?} systemd option requires 'true, false, always'"
        ))),
    }
}
