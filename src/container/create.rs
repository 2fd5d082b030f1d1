//! Creating containers: reserve, build the bundle, mount the rootfs, record. Starting
//! them is in start.rs.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use oci_spec::runtime::PosixRlimit;
use serde_json::Value;

use crate::container::caps::CapChanges;
use crate::container::lifecycle::Manager;
use crate::container::options::Mount;
use crate::container::resources::{self, Resources};
use crate::container::rootfs;
use crate::container::security::SecurityOpts;
use crate::container::spec::{self, EtcFiles, NetworkMode, SpecInput};
use crate::container::state::State;
use crate::container::store::{ContainerConfig, HostSettings, LogConfig, MountRecord, SdNotify};
use crate::container::user;
use crate::container::{confine, host};
use crate::error::{Error, IoContext, Result};
use crate::fsutil::{atomic_write, create_private_dir};
use crate::image::store::ImageRecord;
use crate::network::rootless::{self as usernet, Backend};

/// What `ctl create`/`run` asked for, parsed.
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    pub name: Option<String>,
    /// User arguments after the image.
    pub args: Vec<String>,
    /// `Some("")` clears the image's entrypoint.
    pub entrypoint: Option<String>,
    /// `K=V` from -e and --env-file, in order.
    pub env: Vec<String>,
    pub mounts: Vec<Mount>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub hostname: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub network: crate::network::Mode,
    /// `-p`, parsed.
    pub ports: Vec<crate::network::ports::PortMapping>,
    /// `-P`: the image's exposed ports, each on a free host port.
    pub publish_all: bool,
    /// `--ip`.
    pub ip: Option<std::net::Ipv4Addr>,
    /// `--network-alias`.
    pub network_aliases: Vec<String>,
    /// Rootless: a network namespace of its own connected by pasta or slirp4netns (then
    /// `network` is ignored).
    pub user_net: Option<Backend>,
    /// Rootless `-p`: host ports forwarded by pasta or slirp4netns.
    pub user_ports: Vec<crate::network::ports::PortMapping>,
    pub read_only: bool,
    pub auto_remove: bool,
    pub stop_signal: Option<i32>,
    pub stop_timeout: Option<u32>,
    pub terminal: bool,
    pub stdin: bool,
    pub restart: crate::container::restart::RestartPolicy,
    /// k8s-file (default), none, journald, passthrough.
    pub log_driver: Option<String>,
    pub log_max_size: u64,
    pub log_max_files: u32,
    /// `--sdnotify`: who reports readiness when ctl runs under systemd.
    pub sdnotify: SdNotify,
    /// The command line that asked for this container, kept in its record.
    pub create_command: Vec<String>,
    /// Cgroup limits as asked (defaults filled in at create time).
    pub resources: Resources,
    /// `--ulimit`; empty: the caller's own limits.
    pub ulimits: Vec<PosixRlimit>,
    pub cap_changes: CapChanges,
    pub privileged: bool,
    pub security: SecurityOpts,
    /// `--group-add`: names (from the image's /etc/group) or numbers.
    pub group_add: Vec<String>,
    /// `--init`, with `--init-path` (default: catatonit or tini-static from the host).
    pub init: bool,
    pub init_path: Option<PathBuf>,
    /// With `read_only`: tmpfs on /run, /tmp, /var/tmp (podman's default).
    pub read_only_tmpfs: bool,
}

/// Where `--sdnotify=container` binds the host's notify socket.
pub const NOTIFY_IN_CONTAINER: &str = "/run/notify/notify.sock";

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

/// The fields of an image config's `config` object that shape a container.
#[derive(Debug, Default)]
struct ImageDefaults {
    entrypoint: Option<Vec<String>>,
    cmd: Option<Vec<String>>,
    env: Vec<String>,
    workdir: Option<String>,
    user: Option<String>,
    stop_signal: Option<String>,
    labels: BTreeMap<String, String>,
    /// `ExposedPorts` keys: `80/tcp`, `53/udp`.
    exposed_ports: Vec<String>,
}

fn image_defaults(config: &[u8]) -> ImageDefaults {
    let v: Value = serde_json::from_slice(config).unwrap_or(Value::Null);
    let c = v.get("config").cloned().unwrap_or(Value::Null);
    let strings = |k: &str| -> Option<Vec<String>> {
        c.get(k)?.as_array().map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
    };
    let string = |k: &str| {
        c.get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    ImageDefaults {
        entrypoint: strings("Entrypoint"),
        cmd: strings("Cmd"),
        env: strings("Env").unwrap_or_default(),
        workdir: string("WorkingDir"),
        user: string("User"),
        stop_signal: string("StopSignal"),
        labels: c
            .get("Labels")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default(),
        exposed_ports: c
            .get("ExposedPorts")
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default(),
    }
}

impl Manager {
    /// Creates a container from an image: record, rootfs, bundle. Nothing runs yet.
    pub fn create(
        &self,
        image: &ImageRecord,
        image_name: &str,
        o: &CreateOptions,
    ) -> Result<String> {
        // Held until the record names the image: `rmi` waits, then sees this container.
        let _using = self.images.use_lock(false)?;
        self.images.image(&image.id)?;
        let (id, name, _creating) = self.containers.reserve(o.name.as_deref())?;
        match self.build(&id, &name, image, image_name, o) {
            Ok(()) => Ok(id),
            Err(e) => {
                let merged = self.containers.dir(&id).join("merged");
                let _ = rootfs::unmount(&merged);
                let _ = self.containers.remove(&id, Some(&name));
                Err(e)
            }
        }
    }

    fn build(
        &self,
        id: &str,
        name: &str,
        image: &ImageRecord,
        image_name: &str,
        o: &CreateOptions,
    ) -> Result<()> {
        let dir = self.containers.dir(id);
        let defaults = image_defaults(&self.images.blob(&image.config_digest())?);
        let (upper, work, merged) = rootfs::parts(&dir);
        let userdata = dir.join("userdata");
        for d in [&upper, &work, &merged, &userdata] {
            create_private_dir(d)?;
        }
        // The overlay's root directory takes the upper dir's mode: the container's / must be
        // 0755 like any root filesystem's, not private like our bookkeeping dirs.
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&upper, fs::Permissions::from_mode(0o755)).at(&upper)?;
        let mut state = State::new();
        self.containers.write_state(id, &state)?;
        self.mount_rootfs(image, &dir)?;
        state.mounted = true;
        self.containers.write_state(id, &state)?;

        // The option's own message names it ("invalid user ..."): the container's (maybe
        // generated) name would only be noise.
        let spec_err = Error::ContainerOption;
        let user_str = o.user.clone().or(defaults.user.clone()).unwrap_or_default();
        let mut exec_user = if user_str.is_empty() {
            user::ExecUser::default()
        } else {
            user::resolve(&merged, &user_str).map_err(spec_err)?
        };
        for g in user::resolve_groups(&merged, &o.group_add).map_err(spec_err)? {
            if !exec_user.additional_gids.contains(&g) {
                exec_user.additional_gids.push(g);
            }
        }
        let args = spec::process_args(
            defaults.entrypoint.clone(),
            defaults.cmd.clone(),
            o.entrypoint.clone(),
            o.args.clone(),
        )
        .map_err(|e| Error::InvalidInput {
            what: "command",
            value: image_name.to_string(),
            reason: e.to_string(),
        })?;
        // On the host's network the container is known by the host's name, as with docker.
        let host_name = || {
            nix::unistd::gethostname()
                .ok()
                .and_then(|h| h.into_string().ok())
                .filter(|h| !h.is_empty())
        };
        let hostname = o.hostname.clone().unwrap_or_else(|| match o.network {
            crate::network::Mode::Host => host_name().unwrap_or_else(|| id[..12].to_string()),
            _ => id[..12].to_string(),
        });
        let mut env = spec::merge_env(
            &defaults.env,
            &o.env,
            &hostname,
            o.terminal,
            Some(exec_user.home.as_str()),
        );
        let mut mounts = o.mounts.clone();
        let notify_socket = container_notify_socket(o.sdnotify, self.ctx.notify_socket.as_deref())?;
        if let Some(sock) = &notify_socket {
            let dest = PathBuf::from(NOTIFY_IN_CONTAINER);
            mounts.push(Mount::bind(sock.clone(), dest, false, vec![]));
            env.push(format!("NOTIFY_SOCKET={NOTIFY_IN_CONTAINER}"));
        }
        let mut plan = self.plan_network(id, o, &defaults.exposed_ports)?;
        if let Some(b) = o.user_net {
            plan.spec = NetworkMode::Path(usernet::netns_path(&self.ctx.runroot, id));
            plan.record = b.name().into();
        }
        let mut etc = self.write_etc_files(&userdata, &hostname, name, &plan.spec)?;
        if let Some(target) = &plan.shares_with {
            // Another container's namespace comes with its view of names and resolvers.
            let theirs = self.containers.dir(target).join("userdata");
            etc.hosts = Some(theirs.join("hosts"));
            etc.resolv_conf = Some(theirs.join("resolv.conf"));
        }
        let workdir = o
            .workdir
            .clone()
            .or(defaults.workdir.clone())
            .unwrap_or_else(|| "/".into());
        let mut labels = defaults.labels.clone();
        labels.extend(o.labels.clone());
        let resources = confine::resources(o, self.ctx.rootless)?;
        let mut input = SpecInput {
            args: args.clone(),
            env: env.clone(),
            cwd: PathBuf::from(&workdir),
            user: exec_user,
            terminal: o.terminal,
            hostname: hostname.clone(),
            rootfs: merged.clone(),
            read_only: o.read_only,
            mounts,
            etc_files: etc,
            network: plan.spec.clone(),
            host_cgroupns: !std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists(),
            rootless: self.ctx.rootless,
            ns_maps_tty_gid: self.ctx.rootless
                && crate::rootless::idmap::is_mapped(&crate::rootless::idmap::current_maps().1, 5),
            labels: labels.clone(),
            cgroups_path: (!self.ctx.rootless).then(|| format!("/ctl/{id}")),
            no_new_privileges: o.security.no_new_privileges,
            rlimits: o.ulimits.clone(),
            cap_changes: o.cap_changes.clone(),
            host_caps: Some(host::bounding_caps()),
            privileged: o.privileged,
            devices: match o.privileged && !self.ctx.rootless {
                true => host::devices(),
                false => Vec::new(),
            },
            resources: resources.clone(),
            read_only_tmpfs: o.read_only_tmpfs,
            init: confine::init_binary(o)?,
            unmask: o.security.unmask.clone(),
            mask: o.security.mask.clone(),
            ..Default::default()
        };
        input.seccomp = confine::seccomp_filter(o, &input)?;
        confine::check_ulimits(&o.ulimits, self.ctx.rootless)?;
        let spec = spec::build_spec(&input).map_err(spec_err)?;
        let json = serde_json::to_vec_pretty(&spec).map_err(|e| Error::InvalidInput {
            what: "spec",
            value: id.to_string(),
            reason: e.to_string(),
        })?;
        atomic_write(&dir.join("config.json"), &json)?;

        let stop_signal = match (o.stop_signal, defaults.stop_signal.as_deref()) {
            (Some(s), _) => s,
            (None, Some(s)) => crate::container::options::parse_signal(s).unwrap_or(libc::SIGTERM),
            (None, None) => libc::SIGTERM,
        };
        let cmd = if o.args.is_empty() {
            defaults.cmd.clone().unwrap_or_default()
        } else {
            o.args.clone()
        };
        let (cap_add, cap_drop) = o.cap_changes.names();
        let cfg = ContainerConfig {
            id: id.to_string(),
            name: name.to_string(),
            image_id: image.id.clone(),
            image_name: image_name.to_string(),
            created: crate::image::now_rfc3339(),
            command: args,
            entrypoint: match &o.entrypoint {
                Some(e) if e.is_empty() => vec![],
                Some(e) => vec![e.clone()],
                None => defaults.entrypoint.clone().unwrap_or_default(),
            },
            cmd,
            env,
            labels,
            mounts: o.mounts.iter().map(mount_record).collect(),
            hostname,
            user: user_str,
            workdir,
            network: plan.record,
            networks: plan.networks,
            ports: plan.ports,
            static_ip: o.ip,
            network_aliases: o.network_aliases.clone(),
            user_ports: o.user_ports.clone(),
            stop_signal,
            stop_timeout: o.stop_timeout.unwrap_or(10),
            auto_remove: o.auto_remove,
            read_only: o.read_only,
            terminal: o.terminal,
            stdin: o.stdin,
            log: LogConfig {
                driver: o.log_driver.clone().unwrap_or_else(|| "k8s-file".into()),
                path: userdata.join("ctr.log"),
                max_size: o.log_max_size,
                max_files: o.log_max_files.max(1),
            },
            runtime: self.runtime_name.clone(),
            restart: o.restart,
            sdnotify: o.sdnotify,
            notify_socket,
            create_command: o.create_command.clone(),
            host: HostSettings {
                privileged: o.privileged,
                cap_add,
                cap_drop,
                security_opt: o.security.given.clone(),
                ulimits: o.ulimits.iter().map(resources::ulimit_text).collect(),
                group_add: o.group_add.clone(),
                init: o.init,
                resources,
            },
        };
        self.containers.write_config(&cfg)
    }

    pub(crate) fn mount_rootfs(&self, image: &ImageRecord, dir: &Path) -> Result<()> {
        let (upper, work, merged) = rootfs::parts(dir);
        let layers_dir = self.images.root().join("layers");
        let mut lowers = rootfs::lower_dirs(&image.layers);
        if lowers.is_empty() {
            // overlay needs a lower dir; an image without layers gets an empty one.
            let empty = dir.join("empty");
            create_private_dir(&empty)?;
            lowers.push(rootfs::Lower::Dir(empty));
        }
        let rootless = self.ctx.rootless.then_some(self.ctx.rootless_overlay);
        rootfs::mount_rootfs(rootless, &layers_dir, &lowers, &upper, &work, &merged).map(drop)
    }

    fn write_etc_files(
        &self,
        userdata: &Path,
        hostname: &str,
        name: &str,
        network: &NetworkMode,
    ) -> Result<EtcFiles> {
        let hosts = userdata.join("hosts");
        let names: Vec<&str> = if *network == NetworkMode::Host {
            vec![]
        } else {
            vec![hostname, name]
        };
        let mut hosts_text = spec::hosts_file(&names, None, &[]);
        if *network == NetworkMode::Host {
            hosts_text = fs::read_to_string("/etc/hosts").unwrap_or(hosts_text);
        }
        fs::write(&hosts, hosts_text).at(&hosts)?;
        let hn = userdata.join("hostname");
        fs::write(&hn, spec::hostname_file(hostname)).at(&hn)?;
        let resolv = userdata.join("resolv.conf");
        let host = fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
        let upstream = fs::read_to_string("/run/systemd/resolve/resolv.conf").ok();
        fs::write(
            &resolv,
            spec::resolv_conf(&host, upstream.as_deref(), network),
        )
        .at(&resolv)?;
        Ok(EtcFiles {
            hosts: Some(hosts),
            hostname: Some(hn),
            resolv_conf: Some(resolv),
        })
    }
}

fn mount_record(m: &Mount) -> MountRecord {
    match m {
        Mount::Bind {
            source,
            destination,
            readonly,
            ..
        } => MountRecord {
            kind: "bind".into(),
            source: Some(source.clone()),
            destination: destination.display().to_string(),
            readonly: *readonly,
        },
        Mount::Tmpfs {
            destination,
            options,
        } => MountRecord {
            kind: "tmpfs".into(),
            source: None,
            destination: destination.display().to_string(),
            readonly: options.iter().any(|o| o == "ro"),
        },
    }
}
