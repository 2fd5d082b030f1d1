//! The OCI runtime spec for a container (pure: image config + options → `oci_spec` Spec),
//! with podman's secure defaults written out explicitly, plus the process's argv and
//! environment and the contents of the generated /etc/hosts, /etc/hostname, /etc/resolv.conf.

mod etc;
pub mod extras;
mod mounts;
mod process;
#[cfg(test)]
mod tests;

pub use etc::{custom_resolv_conf, hostname_file, hosts_file, resolv_conf, resolv_conf_with_dns};
use mounts::{all_mounts, masked_paths};
pub use mounts::{MASKED_PATHS, READONLY_PATHS};
pub use process::{merge_env, process_args, EnvRules, DEFAULT_PATH, PROXY_ENV};

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use oci_spec::runtime::{
    Capability, LinuxBuilder, LinuxCapabilitiesBuilder, LinuxDevice, LinuxDeviceCgroup,
    LinuxDeviceCgroupBuilder, LinuxIdMapping, LinuxIdMappingBuilder, LinuxNamespace,
    LinuxNamespaceBuilder, LinuxNamespaceType, LinuxResourcesBuilder, LinuxSeccomp, PosixRlimit,
    ProcessBuilder, RootBuilder, Spec, SpecBuilder, UserBuilder,
};

use crate::container::caps::{self, CapChanges, CapSets};
use crate::container::options::{invalid, Mount, OptionError};
use crate::container::resources::Resources;
use crate::container::user::ExecUser;

/// The container's network namespace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum NetworkMode {
    /// A new, empty network namespace (loopback only).
    #[default]
    None,
    /// The host's network namespace.
    Host,
    /// Join the namespace at this path (e.g. one a network backend has set up).
    Path(PathBuf),
}

/// Where one of the container's namespaces comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum NsSpec {
    /// A new one.
    #[default]
    New,
    /// The runtime's own (the host's): no namespace entry.
    Host,
    /// Join the namespace at this path.
    Path(PathBuf),
}

/// The container's /dev/shm.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ShmMode {
    #[default]
    Private,
    Host,
    None,
}

/// The generated files bind-mounted over the image's (host paths; `None`: not generated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EtcFiles {
    pub hosts: Option<PathBuf>,
    pub hostname: Option<PathBuf>,
    pub resolv_conf: Option<PathBuf>,
    /// Bound at /run/.containerenv, podman's sign that a process runs in a container.
    pub containerenv: Option<PathBuf>,
    /// `--tz`: the zone file, bound at /etc/localtime.
    pub localtime: Option<PathBuf>,
}

/// Everything [`build_spec`] needs, already resolved.
#[derive(Debug, Clone, Default)]
pub struct SpecInput {
    /// The argv, from [`process_args`].
    pub args: Vec<String>,
    /// `K=V` entries, from [`merge_env`].
    pub env: Vec<String>,
    /// Absolute; empty means `/`.
    pub cwd: PathBuf,
    /// From [`super::user::resolve`]; `home` is not used here.
    pub user: ExecUser,
    pub terminal: bool,
    pub hostname: String,
    pub rootfs: PathBuf,
    pub read_only: bool,
    pub mounts: Vec<Mount>,
    pub etc_files: EtcFiles,
    pub network: NetworkMode,
    /// Share the host's cgroup namespace (podman's default on cgroup v1) instead of a new one.
    pub host_cgroupns: bool,
    /// No cgroups path and no cgroup resources; /dev/pts loses `gid=5` unless mapped; with
    /// the host network, /sys is a read-only bind of the host's.
    pub rootless: bool,
    /// With `rootless`: a new user namespace with these mappings. `None`: the process is
    /// already in its user namespace (the pause process's), so no new one.
    pub uid_mappings: Option<Vec<LinuxIdMapping>>,
    pub gid_mappings: Option<Vec<LinuxIdMapping>>,
    /// Rootless without mappings of its own: whether the user namespace the runtime runs in
    /// maps gid 5 (tty), which /dev/pts's `gid=5` needs.
    pub ns_maps_tty_gid: bool,
    /// Become the spec's annotations.
    pub labels: BTreeMap<String, String>,
    pub no_new_privileges: bool,
    /// Empty (the default): the caller's own limits are inherited; raising one needs
    /// CAP_SYS_RESOURCE.
    pub rlimits: Vec<PosixRlimit>,
    /// `linux.cgroupsPath`; ignored when rootless.
    pub cgroups_path: Option<String>,
    /// /dev/shm size in bytes; `None`: 64 MiB.
    pub shm_size: Option<u64>,
    /// `--cap-add`/`--cap-drop`.
    pub cap_changes: CapChanges,
    /// The capabilities the caller may hand out (its own bounding set, a mask); `None`:
    /// every capability.
    pub host_caps: Option<u64>,
    /// `--privileged`: every capability, no masked or read-only paths, /sys and the cgroup
    /// tree writable, the host's devices, no seccomp filter.
    pub privileged: bool,
    /// Device nodes to create (the host's, with `privileged`).
    pub devices: Vec<LinuxDevice>,
    /// The filter from [`super::seccomp`]; `None`: none.
    pub seccomp: Option<LinuxSeccomp>,
    /// Cgroup limits (ignored when rootless).
    pub resources: Resources,
    /// With `read_only`: tmpfs on /run, /tmp and /var/tmp (podman's `--read-only-tmpfs`).
    pub read_only_tmpfs: bool,
    /// `--init`: this host binary runs as PID 1 at [`INIT_PATH`], the command its child.
    pub init: Option<PathBuf>,
    /// Masked paths left visible (`ALL`: none masked) and further paths to mask.
    pub unmask: Vec<String>,
    pub mask: Vec<String>,
    /// The PID, IPC and UTS namespaces (`--pid`, `--ipc`, `--uts`).
    pub pid_ns: NsSpec,
    pub ipc_ns: NsSpec,
    pub uts_ns: NsSpec,
    /// /dev/shm: a tmpfs of its own, the host's (`--ipc host`) or none (`--ipc none`).
    pub shm: ShmMode,
    /// Cgroup device rules allowing the `--device` nodes (after the deny-all rule).
    pub device_allow: Vec<LinuxDeviceCgroup>,
    /// systemd mode: tmpfs on /run, /run/lock, /tmp and /var/log/journal, and the cgroup
    /// tree writable (on cgroup v1, the host's name=systemd hierarchy bound writable).
    pub systemd: bool,
    /// cgroup v1 with a name=systemd hierarchy at /sys/fs/cgroup/systemd.
    pub cgroup_v1_systemd: bool,
    /// `--sysctl`, over ctl's own.
    pub sysctls: BTreeMap<String, String>,
    pub umask: Option<u32>,
    pub oom_score_adj: Option<i32>,
}

/// Where `--init` puts the init binary inside the container.
pub const INIT_PATH: &str = "/run/ctl-init";

/// The capability sets of `input`'s process (its user, flags and the caller's own set).
/// The container's own user namespace's maps, as the spec has them.
pub fn id_mappings(maps: &[crate::container::plan::IdMapping]) -> Vec<LinuxIdMapping> {
    maps.iter()
        .map(|m| {
            LinuxIdMappingBuilder::default()
                .container_id(m.container_id)
                .host_id(m.host_id)
                .size(m.size)
                .build()
                .expect("every field set")
        })
        .collect()
}

pub fn cap_sets(input: &SpecInput) -> CapSets {
    let host = input.host_caps.unwrap_or(caps::to_mask(caps::BY_NUMBER));
    let base = match input.privileged {
        true => host,
        false => (input.cap_changes.base).unwrap_or(caps::to_mask(caps::DEFAULT_CAPABILITIES)),
    };
    caps::resolve(base, &input.cap_changes, host, input.user.uid == 0)
}

fn spec_err(e: impl std::fmt::Display) -> OptionError {
    OptionError::Spec(e.to_string())
}

/// The OCI runtime spec for `input`. Nothing is left to oci-spec's own defaults.
pub fn build_spec(input: &SpecInput) -> Result<Spec, OptionError> {
    if input.args.is_empty() {
        return Err(OptionError::NoCommand);
    }
    let cwd = match input.cwd.as_os_str().is_empty() {
        true => Path::new("/"),
        false => input.cwd.as_path(),
    };
    if !cwd.is_absolute() {
        let c = cwd.display().to_string();
        return Err(invalid("working directory", &c, "must be an absolute path"));
    }
    let u = &input.user;
    let mut user = UserBuilder::default().uid(u.uid).gid(u.gid);
    if let Some(m) = input.umask {
        user = user.umask(m);
    }
    if !u.additional_gids.is_empty() {
        user = user.additional_gids(u.additional_gids.clone());
    }
    let sets = cap_sets(input);
    let set = |mask: u64| -> std::collections::HashSet<Capability> {
        caps::from_mask(mask).into_iter().collect()
    };
    // oci-spec's builders start from its defaults: every set is given here, empty ones left
    // out as podman leaves them.
    let mut caps = LinuxCapabilitiesBuilder::default()
        .bounding(set(sets.bounding))
        .effective(set(sets.effective))
        .permitted(set(sets.effective))
        .build()
        .map_err(spec_err)?;
    let inheritable = (sets.inheritable != 0).then(|| set(sets.inheritable));
    caps.set_inheritable(inheritable.clone())
        .set_ambient(inheritable);
    let mut args = input.args.clone();
    if input.init.is_some() {
        args.splice(0..0, [INIT_PATH.to_string(), "--".to_string()]);
    }
    let mut process = ProcessBuilder::default()
        .terminal(input.terminal)
        .user(user.build().map_err(spec_err)?)
        .args(args)
        .env(input.env.clone())
        .cwd(cwd)
        .capabilities(caps)
        .no_new_privileges(input.no_new_privileges)
        .build()
        .map_err(spec_err)?;
    process.set_rlimits((!input.rlimits.is_empty()).then(|| input.rlimits.clone()));
    process.set_oom_score_adj(input.oom_score_adj);

    use LinuxNamespaceType as Ns;
    let ns = |typ: Ns, spec: &NsSpec| -> Option<(Ns, Option<PathBuf>)> {
        match spec {
            NsSpec::New => Some((typ, None)),
            NsSpec::Host => None,
            NsSpec::Path(p) => Some((typ, Some(p.clone()))),
        }
    };
    let mut namespaces: Vec<(Ns, Option<PathBuf>)> = Vec::new();
    namespaces.extend(ns(Ns::Pid, &input.pid_ns));
    match &input.network {
        NetworkMode::None => namespaces.push((Ns::Network, None)),
        NetworkMode::Path(p) => namespaces.push((Ns::Network, Some(p.clone()))),
        NetworkMode::Host => {}
    }
    namespaces.extend(ns(Ns::Ipc, &input.ipc_ns));
    namespaces.extend(ns(Ns::Uts, &input.uts_ns));
    namespaces.push((Ns::Mount, None));
    if !input.host_cgroupns {
        namespaces.push((Ns::Cgroup, None));
    }
    let (masked, readonly) = masked_paths(input);
    let mut linux = LinuxBuilder::default()
        .masked_paths(masked)
        .readonly_paths(readonly);
    if !input.devices.is_empty() {
        linux = linux.devices(input.devices.clone());
    }
    if let Some(f) = &input.seccomp {
        linux = linux.seccomp(f.clone());
    }
    if input.uid_mappings.is_some() || input.gid_mappings.is_some() {
        namespaces.push((Ns::User, None));
        linux = linux
            .uid_mappings(input.uid_mappings.clone().unwrap_or_default())
            .gid_mappings(input.gid_mappings.clone().unwrap_or_default());
    }
    if !input.rootless {
        // Only the runtime's default devices, unless privileged: then every device.
        let devices = LinuxDeviceCgroupBuilder::default()
            .allow(input.privileged)
            .access("rwm");
        let mut rules = vec![devices.build().map_err(spec_err)?];
        rules.extend(input.device_allow.iter().cloned());
        let resources = LinuxResourcesBuilder::default().devices(rules);
        let resources = input.resources.to_oci(resources).map_err(spec_err)?;
        linux = linux.resources(resources.build().map_err(spec_err)?);
        if let Some(path) = &input.cgroups_path {
            linux = linux.cgroups_path(PathBuf::from(path));
        }
    }
    let namespaces = namespaces.into_iter().map(|(typ, path)| {
        let b = LinuxNamespaceBuilder::default().typ(typ);
        match path {
            Some(p) => b.path(p),
            None => b,
        }
        .build()
    });
    let namespaces: Vec<LinuxNamespace> = namespaces.collect::<Result<_, _>>().map_err(spec_err)?;
    let mut linux = linux.namespaces(namespaces).build().map_err(spec_err)?;
    if input.rootless {
        linux.set_resources(None);
    }
    let mut sysctl = HashMap::new();
    // A user namespace of the container's own does not own the network namespace ctl
    // made before it, and may not write its sysctls.
    let owns_netns = input.uid_mappings.is_none();
    if input.network != NetworkMode::Host && owns_netns {
        // ping without CAP_NET_RAW (ICMP datagram sockets), as podman allows it in a
        // network namespace of the container's own.
        sysctl.insert("net.ipv4.ping_group_range".to_string(), "0 0".to_string());
    }
    sysctl.extend(input.sysctls.clone());
    linux.set_sysctl((!sysctl.is_empty()).then_some(sysctl));

    let root = RootBuilder::default()
        .path(&input.rootfs)
        .readonly(input.read_only)
        .build()
        .map_err(spec_err)?;
    let mut spec = SpecBuilder::default()
        .version("1.0.2-dev")
        .root(root)
        .mounts(all_mounts(input)?)
        .process(process)
        .linux(linux)
        .build()
        .map_err(spec_err)?;
    let labels: HashMap<String, String> = input.labels.clone().into_iter().collect();
    spec.set_annotations((!labels.is_empty()).then_some(labels));
    // Only a UTS namespace of the container's own takes a host name.
    let own_uts = input.uts_ns == NsSpec::New;
    spec.set_hostname(Some(input.hostname.clone()).filter(|h| !h.is_empty() && own_uts));
    Ok(spec)
}
