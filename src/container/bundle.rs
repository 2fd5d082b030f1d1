//! A planned container made: directories, the overlay rootfs, the user resolved from the
//! image's own /etc/passwd, the /etc files, the OCI spec and, last, the record that makes
//! the container exist. Runs under the lock [`Manager::create`] holds.

use std::fs;
use std::net::IpAddr;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

use crate::container::confine;
use crate::container::host;
use crate::container::lifecycle::Manager;
use crate::container::network::NetBundle;
use crate::container::options::Mount;
use crate::container::plan::{
    ContainerPlan, IdMappings, NsMode, HOST_GATEWAY, NOTIFY_IN_CONTAINER,
};
use crate::container::resources::{self, Resources};
use crate::container::rootfs;
use crate::container::spec::{self, EtcFiles, NetworkMode, ShmMode, SpecInput};
use crate::container::state::State;
use crate::container::store::{ContainerConfig, EtcConfig, HostSettings, LogConfig, MountRecord};
use crate::container::user;
use crate::container::userns;
use crate::error::{Error, IoContext, Result};
use crate::fsutil::{atomic_write, create_private_dir};
use crate::image::store::ImageRecord;

/// What the bundle made on the way to the spec and the record.
struct Made {
    env: Vec<String>,
    /// The `--secret`s: binds and variables for the spec, names for the record.
    secrets: crate::secret::usage::Materialized,
    net: NetBundle,
    resources: Resources,
    userdata: PathBuf,
    /// The container's own user namespace's maps.
    idmaps: Option<IdMappings>,
}

impl Manager {
    /// Makes the planned container `id` (reserved as `name`): each step below needs the
    /// store, the host or the mounted rootfs, which the plan could not see.
    pub(crate) fn make_bundle(
        &self,
        id: &str,
        name: &str,
        image: &ImageRecord,
        plan: &ContainerPlan,
    ) -> Result<()> {
        let dir = self.containers.dir(id);
        // `auto`'s lock is held until the record names the maps.
        let (idmaps, _allocating) = self.userns_maps(&plan.userns, image)?;
        if let Some(maps) = idmaps.as_ref().filter(|_| self.ctx.rootless) {
            userns::check_reachable(maps, &self.ctx.root)?;
        }
        let merged = self.make_rootfs(id, &dir, image, plan.auto_remove, idmaps.as_ref())?;
        if let (Some(maps), Some(uid)) = (&idmaps, crate::rootless::inside_uid()) {
            userns::add_keep_id_user(&merged, maps, uid)?;
        }
        let attached = self.attach_volumes(&merged, plan)?;
        match self.finish_bundle(id, name, image, &attached.plan, &merged, idmaps) {
            Ok(()) => Ok(()),
            Err(e) => {
                attached.undo(self);
                Err(e)
            }
        }
    }

    /// The rest of [`Manager::make_bundle`] once the rootfs is mounted and the volumes are
    /// made (and held).
    fn finish_bundle(
        &self,
        id: &str,
        name: &str,
        image: &ImageRecord,
        plan: &ContainerPlan,
        merged: &Path,
        idmaps: Option<IdMappings>,
    ) -> Result<()> {
        let dir = self.containers.dir(id);
        let owner = idmaps.as_ref().and_then(userns::root_owner);
        let user = exec_user(merged, plan)?;
        let net = self.network_bundle(id, &plan.network, plan.pod.is_some())?;
        let userdata = dir.join("userdata");
        let etc = self.etc_files(&userdata, plan, name, &image.id, &net)?;
        if let Some(owner) = owner {
            userns::give_to_root(&userdata, owner)?;
        }
        let secrets = self.secret_copies(plan, &userdata, idmaps.as_ref())?;
        let made = Made {
            env: plan.env_for(Some(user.home.as_str())),
            secrets,
            resources: confine::resources(plan, self.ctx.rootless)?,
            net,
            userdata,
            idmaps,
        };
        self.write_spec(id, &dir, plan, &made, user, etc)?;
        self.containers
            .write_config(&self.record(id, name, image, plan, made))
    }

    /// The container's directories and its overlay rootfs, mounted; returns the mount point.
    fn make_rootfs(
        &self,
        id: &str,
        dir: &Path,
        image: &ImageRecord,
        volatile: bool,
        idmaps: Option<&IdMappings>,
    ) -> Result<PathBuf> {
        let (upper, work, merged) = rootfs::parts(dir);
        for d in [&upper, &work, &merged, &dir.join("userdata")] {
            create_private_dir(d)?;
        }
        // The overlay's root directory takes the upper dir's mode: the container's / must be
        // 0755 like any root filesystem's, not private like our bookkeeping dirs.
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&upper, fs::Permissions::from_mode(0o755)).at(&upper)?;
        if let Some(owner) = idmaps.and_then(userns::root_owner) {
            // What the container writes is its root's: the upper and work dirs, and a way
            // through the container's directory to its rootfs.
            for d in [&upper, &work, &merged] {
                std::os::unix::fs::chown(d, Some(owner.0), Some(owner.1)).at(d)?;
            }
            fs::set_permissions(dir, fs::Permissions::from_mode(0o711)).at(dir)?;
            // The runtime reaches the rootfs as the container's root: the store's dirs
            // above it let anyone through (not list), as containers/storage's do then.
            for d in [self.ctx.root.clone(), self.ctx.root.join("containers")] {
                let mode = fs::metadata(&d).at(&d)?.permissions().mode();
                fs::set_permissions(&d, fs::Permissions::from_mode(mode | 0o001)).at(&d)?;
            }
        }
        // No record is needed before the mount: until container.json exists, the directory
        // is a creation whose leftovers (the mount included) the next reader removes.
        self.mount_rootfs(image, dir, volatile, idmaps)?;
        let mut state = State::new();
        state.mounted = true;
        self.containers.write_state(id, &state)?;
        Ok(merged)
    }

    /// hosts, hostname and resolv.conf; another container's namespace comes with its view
    /// of names and resolvers.
    fn etc_files(
        &self,
        userdata: &Path,
        plan: &ContainerPlan,
        name: &str,
        image_id: &str,
        net: &NetBundle,
    ) -> Result<EtcFiles> {
        let mut etc = self.write_etc_files(userdata, plan, name, image_id, &net.spec)?;
        if let Some(target) = &net.shares_with {
            let theirs = self.containers.dir(target).join("userdata");
            etc.hosts = etc.hosts.and(Some(theirs.join("hosts")));
            etc.resolv_conf = etc.resolv_conf.and(Some(theirs.join("resolv.conf")));
        }
        Ok(etc)
    }

    /// The OCI spec, config.json.
    fn write_spec(
        &self,
        id: &str,
        dir: &Path,
        plan: &ContainerPlan,
        made: &Made,
        user: user::ExecUser,
        etc: EtcFiles,
    ) -> Result<()> {
        let rootless = self.ctx.rootless;
        let mut mounts = plan.mounts.clone();
        for (copy, dest) in &made.secrets.binds {
            mounts.push(Mount::bind(copy.clone(), dest.clone(), true, vec![]));
        }
        let mut devices = match plan.privileged && !rootless {
            true => host::devices(),
            false => Vec::new(),
        };
        let mut device_allow = Vec::new();
        for d in &plan.devices {
            for (node, rule) in host::device(&d.host, &d.container, &d.access)? {
                if rootless {
                    // Rootless, a node cannot be made: the host's is bound, as podman does.
                    let rel = node
                        .path()
                        .strip_prefix(&d.container)
                        .unwrap_or(Path::new(""));
                    let src = match rel.as_os_str().is_empty() {
                        true => d.host.clone(),
                        false => d.host.join(rel),
                    };
                    mounts.push(Mount::bind(src, node.path().clone(), false, vec![]));
                } else {
                    devices.retain(|e| e.path() != node.path());
                    devices.push(node);
                    device_allow.push(rule);
                }
            }
        }
        for r in &plan.device_rules {
            let rule = oci_spec::runtime::LinuxDeviceCgroupBuilder::default()
                .allow(true)
                .typ(match r.kind.as_str() {
                    "b" => oci_spec::runtime::LinuxDeviceType::B,
                    "c" => oci_spec::runtime::LinuxDeviceType::C,
                    _ => oci_spec::runtime::LinuxDeviceType::A,
                })
                .access(r.access.clone());
            let rule = match r.major {
                Some(n) => rule.major(n),
                None => rule,
            };
            let rule = match r.minor {
                Some(n) => rule.minor(n),
                None => rule,
            };
            device_allow.push(rule.build().map_err(|e| Error::BadOption(e.to_string()))?);
        }
        let ns = |mode: &NsMode, kind: &str| self.namespace(mode, kind, plan.pod.is_some());
        let ipc_ns = ns(&plan.namespaces.ipc, "ipc")?;
        if let Some(sock) = &plan.notify_socket {
            let dest = PathBuf::from(NOTIFY_IN_CONTAINER);
            mounts.push(Mount::bind(sock.clone(), dest, false, vec![]));
        }
        let mut input = SpecInput {
            args: plan.args.clone(),
            env: [made.env.clone(), made.secrets.env.clone()].concat(),
            cwd: PathBuf::from(&plan.workdir),
            user,
            terminal: plan.terminal,
            hostname: plan.hostname.clone(),
            rootfs: rootfs::parts(dir).2,
            read_only: plan.read_only,
            mounts,
            etc_files: etc,
            network: made.net.spec.clone(),
            host_cgroupns: match &plan.namespaces.cgroup {
                Some(mode) => *mode == NsMode::Host,
                None => !Path::new("/sys/fs/cgroup/cgroup.controllers").exists(),
            },
            pid_ns: ns(&plan.namespaces.pid, "pid")?,
            uts_ns: ns(&plan.namespaces.uts, "uts")?,
            shm: match plan.namespaces.ipc {
                NsMode::Host => ShmMode::Host,
                NsMode::None => ShmMode::None,
                _ => ShmMode::Private,
            },
            ipc_ns,
            device_allow,
            systemd: plan.systemd,
            cgroup_v1_systemd: plan.systemd
                && !Path::new("/sys/fs/cgroup/cgroup.controllers").exists()
                && Path::new("/sys/fs/cgroup/systemd").is_dir(),
            rootless,
            ns_maps_tty_gid: rootless
                && crate::rootless::idmap::is_mapped(&crate::rootless::idmap::current_maps().1, 5),
            labels: plan
                .labels
                .clone()
                .into_iter()
                .chain(plan.annotations.clone())
                .collect(),
            shm_size: plan.shm_size,
            sysctls: plan.sysctls.clone(),
            umask: plan.umask,
            oom_score_adj: plan.oom_score_adj.map(|v| match rootless {
                // Rootless, it cannot go below ctl's own; podman clamps it there.
                true => v.max(own_oom_score_adj()),
                false => v,
            }),
            cgroups_path: (!rootless).then(|| format!("/ctl/{id}")),
            no_new_privileges: plan.security.no_new_privileges,
            rlimits: plan.ulimits.clone(),
            cap_changes: plan.cap_changes.clone(),
            host_caps: Some(host::bounding_caps()),
            privileged: plan.privileged,
            devices,
            resources: made.resources.clone(),
            read_only_tmpfs: plan.read_only_tmpfs,
            init: confine::init_binary(plan)?,
            unmask: plan.security.unmask.clone(),
            mask: plan.security.mask.clone(),
            uid_mappings: made.idmaps.as_ref().map(|m| spec::id_mappings(&m.uid_map)),
            gid_mappings: made.idmaps.as_ref().map(|m| spec::id_mappings(&m.gid_map)),
            ..Default::default()
        };
        if input.cgroup_v1_systemd {
            // As podman: the hierarchy's release agent stays out of reach.
            input
                .mask
                .push("/sys/fs/cgroup/systemd/release_agent".into());
        }
        input.seccomp = confine::seccomp_filter(plan, &input)?;
        confine::check_ulimits(&plan.ulimits, rootless)?;
        let mut spec = spec::build_spec(&input).map_err(Error::ContainerOption)?;
        spec::extras::apply(&mut spec, &plan.extras, rootless, id)?;
        let json = serde_json::to_vec_pretty(&spec).map_err(|e| Error::InvalidInput {
            what: "spec",
            value: id.to_string(),
            reason: e.to_string(),
        })?;
        atomic_write(&dir.join("config.json"), &json)
    }

    /// A namespace as the spec takes it: another container's is its running process's.
    /// A pod's member is made while its infra may not run: the path is set at each start
    /// (`refresh_joins`), after the infra's own start.
    fn namespace(&self, mode: &NsMode, kind: &str, in_pod: bool) -> Result<spec::NsSpec> {
        Ok(match mode {
            NsMode::Private | NsMode::None => spec::NsSpec::New,
            NsMode::Host => spec::NsSpec::Host,
            NsMode::Path(p) => spec::NsSpec::Path(p.clone()),
            NsMode::Container(target) => {
                let t = self.get(target)?;
                match (t.state.is_running(), t.state.pid) {
                    (true, Some(pid)) => {
                        spec::NsSpec::Path(format!("/proc/{pid}/ns/{kind}").into())
                    }
                    // Never joined as is: no such process.
                    _ if in_pod => spec::NsSpec::Path(format!("/proc/0/ns/{kind}").into()),
                    _ => {
                        return Err(Error::BadOption(format!(
                            "cannot join the {kind} namespace of container {target}: the \
                             container is not running"
                        )))
                    }
                }
            }
        })
    }

    /// The record: what was asked and decided, for every later command.
    fn record(
        &self,
        id: &str,
        name: &str,
        image: &ImageRecord,
        plan: &ContainerPlan,
        made: Made,
    ) -> ContainerConfig {
        let (cap_add, cap_drop) = plan.cap_changes.names();
        ContainerConfig {
            id: id.to_string(),
            name: name.to_string(),
            image_id: image.id.clone(),
            image_name: plan.image_name.clone(),
            created: ctl_monitor::time::Timestamp::now(),
            command: plan.args.clone(),
            entrypoint: plan.entrypoint.clone(),
            cmd: plan.cmd.clone(),
            env: made.env,
            labels: plan.labels.clone(),
            mounts: plan.mounts.iter().map(mount_record).collect(),
            hostname: plan.hostname.clone(),
            user: plan.user.clone(),
            workdir: plan.workdir.clone(),
            network: made.net.record,
            networks: made.net.networks,
            ports: made.net.ports,
            static_ip: plan.network.ip,
            network_aliases: plan.network.aliases.clone(),
            user_ports: made.net.user_ports,
            exposed: plan.network.exposed.clone(),
            stop_signal: plan.stop_signal,
            stop_timeout: plan.stop_timeout,
            auto_remove: plan.auto_remove,
            remove_image: plan.remove_image,
            timeout: plan.timeout,
            preserve_fds: plan.preserve_fds,
            read_only: plan.read_only,
            terminal: plan.terminal,
            stdin: plan.stdin,
            log: LogConfig {
                driver: plan.log.driver.as_str().into(),
                path: made.userdata.join("ctr.log"),
                max_size: plan.log.max_size,
                max_files: plan.log.max_files.max(1),
            },
            runtime: self.ctx.runtime.clone(),
            restart: plan.restart,
            sdnotify: plan.sdnotify,
            notify_socket: plan.notify_socket.clone(),
            create_command: plan.create_command.clone(),
            pidfile: plan.pidfile.clone(),
            conmon_pidfile: plan.conmon_pidfile.clone(),
            host: HostSettings {
                privileged: plan.privileged,
                cap_add,
                cap_drop,
                security_opt: plan.security.given.clone(),
                ulimits: plan.ulimits.iter().map(resources::ulimit_text).collect(),
                group_add: plan.group_add.clone(),
                init: plan.init,
                resources: made.resources,
            },
            etc: plan.etc.clone(),
            idmaps: made.idmaps,
            joins: self.joins(plan),
            other_names: Vec::new(),
            healthcheck: plan.healthcheck.clone(),
            health_on_failure: plan.health_on_failure,
            health_startup: plan.health_startup.clone(),
            health_log: plan.health_log.clone(),
            pod: plan.pod.clone(),
            infra: plan.infra,
            secrets: made.secrets.record,
            requires: plan.extras.requires.clone(),
        }
    }

    /// The `--secret`s' copies in `userdata/secrets/`, owned by the ids asked for as the
    /// host sees them through the container's own user namespace, if it has one.
    fn secret_copies(
        &self,
        plan: &ContainerPlan,
        userdata: &Path,
        idmaps: Option<&IdMappings>,
    ) -> Result<crate::secret::usage::Materialized> {
        use crate::container::plan::to_host;
        let secrets = crate::secret::Secrets::open(&self.ctx.root);
        crate::secret::usage::materialize(
            &secrets,
            &plan.secrets,
            userdata,
            |uid, gid| match idmaps {
                Some(m) => (
                    to_host(&m.uid_map, uid).unwrap_or(uid),
                    to_host(&m.gid_map, gid).unwrap_or(gid),
                ),
                None => (uid, gid),
            },
        )
    }

    /// The `container:X` namespaces of the plan, by kind, X resolved to its id.
    fn joins(&self, plan: &ContainerPlan) -> std::collections::BTreeMap<String, String> {
        let n = &plan.namespaces;
        [("ipc", &n.ipc), ("pid", &n.pid), ("uts", &n.uts)]
            .into_iter()
            .filter_map(|(kind, mode)| match mode {
                NsMode::Container(t) => self.resolve(t).ok().map(|id| (kind.to_string(), id)),
                _ => None,
            })
            .collect()
    }

    /// `volatile` for a container removed when it exits (see [`rootfs::mount_rootfs`]).
    pub(crate) fn mount_rootfs(
        &self,
        image: &ImageRecord,
        dir: &Path,
        volatile: bool,
        idmaps: Option<&IdMappings>,
    ) -> Result<()> {
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
        // Rootless, layers cannot be id-mapped: a chowned copy of them is the one lower.
        let (idmaps, lowers) = match (idmaps, &lowers[0]) {
            (Some(maps), rootfs::Lower::Layer(top)) if self.ctx.rootless => {
                let copy = crate::container::mapped_copy::ensure(
                    self.images.root(),
                    &lowers,
                    top,
                    maps,
                    self.ctx.rootless_overlay,
                )?;
                (None, vec![rootfs::Lower::Dir(copy)])
            }
            (maps, _) => (maps.filter(|_| !self.ctx.rootless), lowers),
        };
        let userns = idmaps.map(userns::userns_fd).transpose()?;
        rootfs::mount_rootfs(
            rootless,
            &layers_dir,
            &lowers,
            userns.as_ref().map(|f| f.as_fd()),
            &upper,
            &work,
            &merged,
            volatile,
        )
        .map(drop)
    }

    /// /etc/hosts, /etc/hostname, /etc/resolv.conf and /run/.containerenv, as asked: a
    /// bridge network's addresses (and its gateway, for `host-gateway`) are known only at
    /// each start, which writes hosts and resolv.conf again.
    fn write_etc_files(
        &self,
        userdata: &Path,
        plan: &ContainerPlan,
        name: &str,
        image_id: &str,
        network: &NetworkMode,
    ) -> Result<EtcFiles> {
        let etc = &plan.etc;
        let hostname = plan.hostname.as_str();
        let host_net = *network == NetworkMode::Host;
        let bridge = matches!(plan.network.mode, crate::network::Mode::Bridge(_));
        let mut files = EtcFiles::default();
        if !etc.no_hosts {
            let gateway = (!bridge).then(host::local_ip).flatten();
            let user = hosts_entries(etc, gateway, !bridge)?;
            let names: Vec<&str> = if host_net {
                vec![]
            } else {
                vec![hostname, name]
            };
            let merged = userdata.with_file_name("merged");
            let base = crate::container::hosts_base::hosts_base(etc, host_net, &merged)?;
            let hosts = userdata.join("hosts");
            let text = spec::hosts_file(&user, &base, gateway, None, &names);
            fs::write(&hosts, text).at(&hosts)?;
            files.hosts = Some(hosts);
        }
        if !etc.no_hostname {
            let hn = userdata.join("hostname");
            fs::write(&hn, spec::hostname_file(hostname)).at(&hn)?;
            files.hostname = Some(hn);
        }
        if !etc.image_resolv_conf {
            let resolv = userdata.join("resolv.conf");
            let host = fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
            let upstream = fs::read_to_string("/run/systemd/resolve/resolv.conf").ok();
            let base = spec::resolv_conf(&host, upstream.as_deref(), network);
            fs::write(&resolv, spec::custom_resolv_conf(&base, etc, false)).at(&resolv)?;
            files.resolv_conf = Some(resolv);
        }
        if let Some(tz) = &plan.timezone {
            let zone = match tz.as_str() {
                "local" => PathBuf::from("/etc/localtime"),
                tz => Path::new("/usr/share/zoneinfo").join(tz),
            };
            let data = fs::read(&zone).map_err(|_| {
                Error::BadOption(format!("finding timezone: unknown time zone {tz}"))
            })?;
            let localtime = userdata.join("localtime");
            fs::write(&localtime, data).at(&localtime)?;
            files.localtime = Some(localtime);
        }
        // As podman: not over a /run the user mounted from elsewhere.
        let own_run = plan.mounts.iter().any(
            |m| matches!(m, Mount::Bind { destination, .. } if destination == Path::new("/run")),
        );
        if !own_run {
            let env = userdata.join(".containerenv");
            fs::write(&env, containerenv(plan, name, image_id, self.ctx.rootless)).at(&env)?;
            files.containerenv = Some(env);
        }
        Ok(files)
    }
}

/// `--add-host` entries with their addresses: `host-gateway` is `gateway`; with none known
/// (yet: a bridge network's is known at start, `at_create` false) the entry waits, or is
/// refused in podman's words.
pub(crate) fn hosts_entries(
    etc: &EtcConfig,
    gateway: Option<IpAddr>,
    refuse_unknown: bool,
) -> Result<Vec<(Vec<String>, IpAddr)>> {
    let mut out = Vec::new();
    for e in &etc.add_hosts {
        match e.address.or(gateway) {
            Some(ip) => out.push((e.names.clone(), ip)),
            None if refuse_unknown => {
                return Err(Error::BadOption(format!(
                    "unable to replace \"{HOST_GATEWAY}\" of host entry \"{}:{HOST_GATEWAY}\": \
                     host containers internal IP address is empty",
                    e.names.join(";")
                )))
            }
            None => {}
        }
    }
    Ok(out)
}

/// This process's own oom_score_adj, the lowest a rootless container may have.
fn own_oom_score_adj() -> i32 {
    fs::read_to_string("/proc/self/oom_score_adj")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

/// /run/.containerenv: empty, as podman's, unless the container is privileged; then who
/// made it and from what.
fn containerenv(plan: &ContainerPlan, name: &str, image_id: &str, rootless: bool) -> String {
    if !plan.privileged {
        return String::new();
    }
    format!(
        "engine=\"ctl-{}\"\nname={name:?}\nid={:?}\nimage={:?}\nimageid={image_id:?}\nrootless={}\n",
        env!("CARGO_PKG_VERSION"),
        plan.id,
        plan.image_name,
        u8::from(rootless),
    )
}

/// The user from the image's own /etc/passwd, with `--group-add` from its /etc/group. The
/// option's own message names it ("invalid user ..."): the container's (maybe generated)
/// name would only be noise.
fn exec_user(merged: &Path, plan: &ContainerPlan) -> Result<user::ExecUser> {
    let mut exec_user = if plan.user.is_empty() {
        user::ExecUser::default()
    } else {
        user::resolve(merged, &plan.user).map_err(Error::ContainerOption)?
    };
    for g in user::resolve_groups(merged, &plan.group_add).map_err(Error::ContainerOption)? {
        if !exec_user.additional_gids.contains(&g) {
            exec_user.additional_gids.push(g);
        }
    }
    Ok(exec_user)
}

fn mount_record(m: &Mount) -> MountRecord {
    match m {
        Mount::Bind {
            source,
            destination,
            readonly,
            options,
        } => MountRecord {
            kind: "bind".into(),
            source: Some(source.clone()),
            destination: destination.display().to_string(),
            readonly: *readonly,
            name: None,
            anonymous: false,
            options: options.clone(),
            nocopy: false,
        },
        Mount::Tmpfs {
            destination,
            options,
        } => MountRecord {
            kind: "tmpfs".into(),
            source: None,
            destination: destination.display().to_string(),
            readonly: options.iter().any(|o| o == "ro"),
            name: None,
            anonymous: false,
            options: Vec::new(),
            nocopy: false,
        },
        Mount::Volume {
            name,
            anonymous,
            source,
            destination,
            readonly,
            options,
            nocopy,
            ..
        } => {
            let mut r = crate::container::volumes::volume_record(
                name,
                *anonymous,
                source,
                destination,
                *readonly,
            );
            r.options = options.clone();
            r.nocopy = *nocopy;
            r
        }
    }
}
