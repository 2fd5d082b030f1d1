//! The OCI runtime spec for a container (pure: image config + options → `oci_spec` Spec),
//! with podman's secure defaults written out explicitly, plus the process's argv and
//! environment and the contents of the generated /etc/hosts, /etc/hostname, /etc/resolv.conf.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use oci_spec::runtime::{
    Capability, LinuxBuilder, LinuxCapabilitiesBuilder, LinuxDevice, LinuxDeviceCgroupBuilder,
    LinuxIdMapping, LinuxNamespace, LinuxNamespaceBuilder, LinuxNamespaceType,
    LinuxResourcesBuilder, LinuxSeccomp, Mount as OciMount, MountBuilder, PosixRlimit,
    ProcessBuilder, RootBuilder, Spec, SpecBuilder, UserBuilder,
};

use super::caps::{self, CapChanges, CapSets};
use super::options::{invalid, Mount, OptionError};
use super::resources::Resources;
use super::user::ExecUser;

pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// containers/common's default masked paths.
pub const MASKED_PATHS: &[&str] = &[
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/sys/dev/block",
    "/sys/devices/virtual/powercap",
    "/sys/firmware",
    "/sys/fs/selinux",
];

/// containers/common's default read-only paths.
pub const READONLY_PATHS: &[&str] = &[
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

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

/// The generated files bind-mounted over the image's (host paths; `None`: not generated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EtcFiles {
    pub hosts: Option<PathBuf>,
    pub hostname: Option<PathBuf>,
    pub resolv_conf: Option<PathBuf>,
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
}

/// Where `--init` puts the init binary inside the container.
pub const INIT_PATH: &str = "/run/ctl-init";

/// The capability sets of `input`'s process (its user, flags and the caller's own set).
pub fn cap_sets(input: &SpecInput) -> CapSets {
    let host = input.host_caps.unwrap_or(caps::to_mask(caps::BY_NUMBER));
    let base = match input.privileged {
        true => host,
        false => caps::to_mask(caps::DEFAULT_CAPABILITIES),
    };
    caps::resolve(base, &input.cap_changes, host, input.user.uid == 0)
}

fn spec_err(e: impl std::fmt::Display) -> OptionError {
    OptionError::Spec(e.to_string())
}

fn oci_mount(
    dst: &Path,
    typ: &str,
    src: &Path,
    opts: Vec<String>,
) -> Result<OciMount, OptionError> {
    let b = MountBuilder::default()
        .destination(dst)
        .typ(typ)
        .source(src);
    b.options(opts).build().map_err(spec_err)
}

fn mount(dst: &str, typ: &str, src: &str, opts: &str) -> Result<OciMount, OptionError> {
    let opts = opts.split(',').map(String::from).collect();
    oci_mount(Path::new(dst), typ, Path::new(src), opts)
}

/// A bind mount: recursive and rprivate unless the options say otherwise.
fn bind(src: &Path, dst: &Path, readonly: bool, extra: &[String]) -> Result<OciMount, OptionError> {
    let has = |set: &[&str]| extra.iter().any(|o| set.contains(&o.as_str()));
    let mut opts: Vec<String> = Vec::new();
    opts.extend((!has(&["bind", "rbind"])).then(|| "rbind".to_string()));
    opts.extend(readonly.then(|| "ro".to_string()));
    opts.extend(extra.iter().cloned());
    let propagations = [
        "private", "rprivate", "shared", "rshared", "slave", "rslave",
    ];
    opts.extend((!has(&propagations)).then(|| "rprivate".to_string()));
    oci_mount(dst, "bind", src, opts)
}

fn to_oci(m: &Mount) -> Result<OciMount, OptionError> {
    match m {
        Mount::Bind {
            source,
            destination: d,
            readonly,
            options,
        } => bind(source, d, *readonly, options),
        Mount::Tmpfs {
            destination: d,
            options,
        } => oci_mount(d, "tmpfs", Path::new("tmpfs"), options.clone()),
    }
}

fn maps(m: &Option<Vec<LinuxIdMapping>>, id: u32) -> bool {
    m.iter()
        .flatten()
        .any(|m| id >= m.container_id() && (id - m.container_id()) < m.size())
}

/// Podman's system mounts: destination, type, source, options.
const SYSTEM_MOUNTS: &[&str] = &[
    "/proc proc proc nosuid,noexec,nodev",
    "/dev tmpfs tmpfs nosuid,strictatime,mode=755,size=65536k",
    "/dev/pts devpts devpts nosuid,noexec,newinstance,ptmxmode=0666,mode=0620,gid=5",
    "/dev/shm tmpfs shm nosuid,noexec,nodev,mode=1777,size=65536k",
    "/dev/mqueue mqueue mqueue nosuid,noexec,nodev",
    "/sys sysfs sysfs nosuid,noexec,nodev,ro",
    "/sys/fs/cgroup cgroup cgroup rprivate,nosuid,noexec,nodev,relatime,ro",
];

fn system_mounts(input: &SpecInput) -> Result<Vec<OciMount>, OptionError> {
    let shm = input.shm_size.map(|b| format!("size={b}"));
    // Rootless, gid 5 (tty) may not exist in the user namespace: devpts would refuse it.
    let tty_gid = !input.rootless
        || maps(&input.gid_mappings, 5)
        || (input.gid_mappings.is_none() && input.ns_maps_tty_gid);
    // A user namespace may not mount sysfs for a network namespace it does not own.
    let bind_sys = input.rootless && input.network == NetworkMode::Host;
    let mut out = Vec::new();
    for row in SYSTEM_MOUNTS {
        let [dst, typ, src, opts] = row.splitn(4, ' ').collect::<Vec<_>>()[..] else {
            unreachable!("four fields");
        };
        out.push(match dst {
            "/dev/pts" if !tty_gid => mount(dst, typ, src, opts.trim_end_matches(",gid=5"))?,
            "/dev/shm" if shm.is_some() => {
                let opts = opts.replace("size=65536k", shm.as_deref().unwrap_or_default());
                mount(dst, typ, src, &opts)?
            }
            "/sys" if bind_sys => mount(dst, "bind", "/sys", "rbind,nosuid,noexec,nodev,ro")?,
            // Privileged containers may write to /sys and their cgroups, as with podman.
            "/sys" | "/sys/fs/cgroup" if input.privileged => {
                mount(dst, typ, src, &opts.replace(",ro", ",rw"))?
            }
            _ => mount(dst, typ, src, opts)?,
        });
    }
    Ok(out)
}

/// All mounts in the order the runtime must make them: system mounts not replaced by the
/// user's, then the user's and the generated /etc files, parents before children.
fn all_mounts(input: &SpecInput) -> Result<Vec<OciMount>, OptionError> {
    let mut seen = std::collections::HashSet::new();
    for m in &input.mounts {
        if !seen.insert(m.destination()) {
            let d = m.destination().display().to_string();
            return Err(invalid("mount destination", &d, "given more than once"));
        }
    }
    let mut out: Vec<OciMount> = system_mounts(input)?
        .into_iter()
        .filter(|m| !seen.contains(m.destination().as_path()))
        .collect();
    let mut rest: Vec<OciMount> = input.mounts.iter().map(to_oci).collect::<Result<_, _>>()?;
    if input.read_only && input.read_only_tmpfs {
        for dst in ["/run", "/tmp", "/var/tmp"] {
            if !seen.contains(Path::new(dst)) {
                rest.push(mount(
                    dst,
                    "tmpfs",
                    "tmpfs",
                    "rw,rprivate,nosuid,nodev,tmpcopyup",
                )?);
            }
        }
    }
    if let Some(init) = &input.init {
        rest.push(bind(init, Path::new(INIT_PATH), true, &[])?);
    }
    let etc = &input.etc_files;
    for (file, dst) in [
        (&etc.hosts, "/etc/hosts"),
        (&etc.hostname, "/etc/hostname"),
        (&etc.resolv_conf, "/etc/resolv.conf"),
    ] {
        if let Some(src) = file.as_deref().filter(|_| !seen.contains(Path::new(dst))) {
            rest.push(bind(src, Path::new(dst), false, &[])?);
        }
    }
    rest.sort_by_key(|m| m.destination().components().count());
    out.extend(rest);
    Ok(out)
}

/// The masked and read-only paths: containers/common's, none when privileged, less what
/// `unmask` leaves visible, plus what `mask` adds.
fn masked_paths(input: &SpecInput) -> (Vec<String>, Vec<String>) {
    if input.privileged {
        return (input.mask.clone(), Vec::new());
    }
    let unmask_all = input.unmask.iter().any(|u| u == "ALL");
    let keep = |p: &str| !unmask_all && !input.unmask.iter().any(|u| u == p);
    let mut masked: Vec<String> = MASKED_PATHS
        .iter()
        .filter(|p| keep(p))
        .map(|s| s.to_string())
        .collect();
    for m in &input.mask {
        if !masked.contains(m) {
            masked.push(m.clone());
        }
    }
    let readonly = READONLY_PATHS.iter().map(|s| s.to_string()).collect();
    (masked, readonly)
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

    use LinuxNamespaceType as Ns;
    let mut namespaces = vec![(Ns::Pid, None)];
    match &input.network {
        NetworkMode::None => namespaces.push((Ns::Network, None)),
        NetworkMode::Path(p) => namespaces.push((Ns::Network, Some(p.as_path()))),
        NetworkMode::Host => {}
    }
    namespaces.extend([(Ns::Ipc, None), (Ns::Uts, None), (Ns::Mount, None)]);
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
    if input.rootless {
        if input.uid_mappings.is_some() || input.gid_mappings.is_some() {
            namespaces.push((Ns::User, None));
            linux = linux
                .uid_mappings(input.uid_mappings.clone().unwrap_or_default())
                .gid_mappings(input.gid_mappings.clone().unwrap_or_default());
        }
    } else {
        // Only the runtime's default devices, unless privileged: then every device.
        let devices = LinuxDeviceCgroupBuilder::default()
            .allow(input.privileged)
            .access("rwm");
        let resources =
            LinuxResourcesBuilder::default().devices(vec![devices.build().map_err(spec_err)?]);
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
    if input.network != NetworkMode::Host {
        // ping without CAP_NET_RAW (ICMP datagram sockets), as podman allows it in a
        // network namespace of the container's own.
        let sysctl = HashMap::from([("net.ipv4.ping_group_range".to_string(), "0 0".to_string())]);
        linux.set_sysctl(Some(sysctl));
    }

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
    spec.set_hostname(Some(input.hostname.clone()).filter(|h| !h.is_empty()));
    Ok(spec)
}

/// The process's argv, by docker's rules: `--entrypoint X` replaces the image's entrypoint
/// and drops its Cmd; `--entrypoint ""` clears the entrypoint but keeps Cmd; user arguments
/// replace Cmd. A JSON array (`--entrypoint '["sh","-c"]'`, as podman takes) is several words.
pub fn process_args(
    image_entrypoint: Option<Vec<String>>,
    image_cmd: Option<Vec<String>>,
    entrypoint_flag: Option<String>,
    user_args: Vec<String>,
) -> Result<Vec<String>, OptionError> {
    let image_cmd = image_cmd.unwrap_or_default();
    let or_image_cmd = |args: Vec<String>| if args.is_empty() { image_cmd } else { args };
    let (entrypoint, cmd) = match entrypoint_flag {
        Some(e) if e.is_empty() => (Vec::new(), or_image_cmd(user_args)),
        Some(e) => {
            let words = match e.starts_with('[') {
                true => serde_json::from_str::<Vec<String>>(&e).unwrap_or_else(|_| vec![e]),
                false => vec![e],
            };
            (words, user_args)
        }
        None => (
            image_entrypoint.unwrap_or_default(),
            or_image_cmd(user_args),
        ),
    };
    let args: Vec<String> = entrypoint.into_iter().chain(cmd).collect();
    if args.is_empty() {
        return Err(OptionError::NoCommand);
    }
    Ok(args)
}

/// The environment: PATH, HOSTNAME (and TERM=xterm with a terminal) first, then the image's,
/// then the flags'; a later entry replaces an earlier one with the same name in place, an
/// entry without `=` removes the name. HOME (from the user's passwd entry) is added last
/// when nobody set it.
pub fn merge_env(
    image_env: &[String],
    flag_env: &[String],
    hostname: &str,
    terminal: bool,
    home: Option<&str>,
) -> Vec<String> {
    let mut out = vec![
        format!("PATH={DEFAULT_PATH}"),
        format!("HOSTNAME={hostname}"),
    ];
    out.extend(terminal.then(|| "TERM=xterm".to_string()));
    let key = |e: &str| e.split_once('=').map_or(e, |(k, _)| k).to_string();
    for e in image_env.iter().chain(flag_env) {
        let k = key(e);
        let pos = out.iter().position(|o| key(o) == k);
        match (pos, e.contains('=')) {
            (Some(i), true) => out[i] = e.clone(),
            (None, true) => out.push(e.clone()),
            (Some(i), false) => drop(out.remove(i)),
            (None, false) => {}
        }
    }
    if let Some(h) = home.filter(|_| !out.iter().any(|o| o.starts_with("HOME="))) {
        out.push(format!("HOME={h}"));
    }
    out
}

/// /etc/hosts: localhost for both families, the `--add-host` entries, then the container's
/// own names on its address (127.0.1.1 while it has none).
pub fn hosts_file(names: &[&str], ip: Option<IpAddr>, extra_hosts: &[(String, IpAddr)]) -> String {
    let mut s = String::from("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    for (name, addr) in extra_hosts {
        s.push_str(&format!("{addr}\t{name}\n"));
    }
    if !names.is_empty() {
        let ip = ip.map_or("127.0.1.1".to_string(), |ip| ip.to_string());
        s.push_str(&format!("{ip}\t{}\n", names.join(" ")));
    }
    s
}

pub fn hostname_file(hostname: &str) -> String {
    format!("{hostname}\n")
}

fn loopback_nameserver(line: &str) -> bool {
    let mut words = line.split_whitespace();
    if words.next() != Some("nameserver") {
        return false;
    }
    let addr = words.next().unwrap_or("");
    let addr = addr.split_once('%').map_or(addr, |(a, _)| a);
    addr.parse::<IpAddr>().is_ok_and(|a| a.is_loopback())
}

/// /etc/resolv.conf from the host's. With the host network it is the host's as is. Otherwise
/// loopback nameservers are unreachable: when the host has only those (systemd-resolved's
/// stub), `upstream` (/run/systemd/resolve/resolv.conf) is used instead if given; loopback
/// nameservers and comments are dropped, and no public resolver is ever added, so with none
/// left only the search/options lines remain.
pub fn resolv_conf(host: &str, upstream: Option<&str>, network: &NetworkMode) -> String {
    if *network == NetworkMode::Host {
        return host.to_string();
    }
    let mut servers = host
        .lines()
        .filter(|l| l.split_whitespace().next() == Some("nameserver"));
    let only_loopback = servers.clone().next().is_some() && servers.all(loopback_nameserver);
    let text = match upstream {
        Some(up) if only_loopback => up,
        _ => host,
    };
    let mut out = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with(['#', ';']) || loopback_nameserver(line) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// /etc/resolv.conf on a network with its own DNS server (aardvark-dns, which forwards
/// other names to the host's resolvers): its servers only, its search domains before the
/// host's, and the host's options.
pub fn resolv_conf_with_dns(host: &str, servers: &[IpAddr], search: &[String]) -> String {
    let mut domains: Vec<String> = search.to_vec();
    let mut options = Vec::new();
    for line in host.lines().map(str::trim) {
        let mut words = line.split_whitespace();
        match words.next() {
            Some("search") | Some("domain") => {
                for w in words {
                    if !domains.iter().any(|d| d == w) {
                        domains.push(w.to_string());
                    }
                }
            }
            Some("options") => options.push(line.to_string()),
            _ => {}
        }
    }
    let mut out = String::new();
    if !domains.is_empty() {
        out.push_str(&format!("search {}\n", domains.join(" ")));
    }
    for s in servers {
        out.push_str(&format!("nameserver {s}\n"));
    }
    for o in options {
        out.push_str(&o);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::options::{parse_mount, parse_tmpfs, parse_volume};
    use super::*;
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
    fn args_follow_docker() {
        let (ep, cmd) = (Some(strings(&["/ep", "-x"])), Some(strings(&["serve"])));
        let a = |e: &Option<Vec<String>>, f: Option<&str>, u: &[&str]| {
            process_args(e.clone(), cmd.clone(), f.map(String::from), strings(u))
        };
        assert_eq!(a(&ep, None, &[]).unwrap(), ["/ep", "-x", "serve"]);
        assert_eq!(
            a(&ep, None, &["run", "it"]).unwrap(),
            ["/ep", "-x", "run", "it"]
        );
        assert_eq!(a(&None, None, &["run"]).unwrap(), ["run"]);
        assert_eq!(a(&ep, Some("/sh"), &[]).unwrap(), ["/sh"]);
        assert_eq!(a(&ep, Some("/sh"), &["run"]).unwrap(), ["/sh", "run"]);
        assert_eq!(a(&ep, Some(""), &[]).unwrap(), ["serve"]);
        assert_eq!(
            a(&ep, Some(r#"["sh","-c"]"#), &["x"]).unwrap(),
            ["sh", "-c", "x"]
        );
        let none = process_args(ep, None, Some(String::new()), vec![]).unwrap_err();
        assert_eq!(none.to_string(), "no command specified");
        assert!(process_args(None, Some(vec![]), None, vec![]).is_err());
    }

    #[test]
    fn env_merges_by_key() {
        let (image, flags) = (
            strings(&["PATH=/img", "A=1", "B=2"]),
            strings(&["B=3", "C=4", "A"]),
        );
        let want = [
            "PATH=/img",
            "HOSTNAME=box",
            "TERM=xterm",
            "B=3",
            "C=4",
            "HOME=/root",
        ];
        assert_eq!(merge_env(&image, &flags, "box", true, Some("/root")), want);
        let flags = strings(&["HOME=/x", "HOSTNAME=h"]);
        let want = [&format!("PATH={DEFAULT_PATH}"), "HOSTNAME=h", "HOME=/x"];
        assert_eq!(merge_env(&[], &flags, "box", false, Some("/root")), want);
    }

    #[test]
    fn etc_files() {
        let db = [("db".to_string(), "10.0.0.9".parse().unwrap())];
        let h = hosts_file(&["box", "web"], None, &db);
        let local = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";
        assert_eq!(h, format!("{local}10.0.0.9\tdb\n127.0.1.1\tbox web\n"));
        let h = hosts_file(&["box"], Some("10.88.0.2".parse().unwrap()), &[]);
        assert_eq!(h, format!("{local}10.88.0.2\tbox\n"));
        assert_eq!(hostname_file("box"), "box\n");
    }

    #[test]
    fn resolv_conf_avoids_loopback_resolvers() {
        let stub = "# stub\nnameserver 127.0.0.53\noptions edns0 trust-ad\nsearch lan\n";
        let up = "# up\nnameserver 192.168.1.1\nnameserver ::1\nsearch lan\n";
        let new = NetworkMode::None;
        assert_eq!(
            resolv_conf(stub, Some(up), &new),
            "nameserver 192.168.1.1\nsearch lan\n"
        );
        assert_eq!(
            resolv_conf(stub, None, &new),
            "options edns0 trust-ad\nsearch lan\n"
        );
        assert_eq!(resolv_conf(stub, Some(up), &NetworkMode::Host), stub);
        let gw: IpAddr = "10.90.0.1".parse().unwrap();
        assert_eq!(
            resolv_conf_with_dns(
                "nameserver 1.1.1.1\nsearch lan\noptions edns0\n",
                &[gw],
                &["dns.podman".into()]
            ),
            "search dns.podman lan\nnameserver 10.90.0.1\noptions edns0\n"
        );
        let mixed = "nameserver 127.0.0.1\nnameserver fe80::1%eth0\nnameserver 9.9.9.9\n";
        let want = "nameserver fe80::1%eth0\nnameserver 9.9.9.9\n";
        assert_eq!(resolv_conf(mixed, Some(up), &new), want);
        assert_eq!(resolv_conf("", None, &new), "");
    }
}
