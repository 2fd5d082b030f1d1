//! The container's mounts: the system ones (/proc, /dev, /sys...), the generated /etc
//! files, the user's, in order; and the paths masked or made read-only as podman does.

use std::path::Path;

use oci_spec::runtime::{LinuxIdMapping, Mount as OciMount, MountBuilder};

use super::{spec_err, NetworkMode, SpecInput, INIT_PATH};
use crate::container::options::{invalid, Mount, OptionError};

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
        Mount::Volume {
            source: Some(source),
            destination: d,
            readonly,
            options,
            ..
        } => {
            // As podman's volumes: nosuid and nodev unless asked otherwise.
            let mut opts = options.clone();
            for (flag, opposite) in [("nosuid", "suid"), ("nodev", "dev")] {
                if !opts.iter().any(|o| o == flag || o == opposite) {
                    opts.insert(0, flag.to_string());
                }
            }
            bind(source, d, *readonly, &opts)
        }
        Mount::Volume { name, .. } => Err(OptionError::Spec(format!(
            "volume \"{name}\" was not made before the spec"
        ))),
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
    // 0: no size option, no limit but the tmpfs default's.
    let shm = input.shm_size.map(|b| match b {
        0 => String::new(),
        b => format!("size={b}"),
    });
    // Rootless, gid 5 (tty) may not exist in the user namespace: devpts would refuse it.
    let tty_gid = (!input.rootless && input.gid_mappings.is_none())
        || maps(&input.gid_mappings, 5)
        || (input.gid_mappings.is_none() && input.ns_maps_tty_gid);
    // A user namespace may not mount sysfs for a network namespace it does not own.
    // A user namespace of the container's own does not own the network namespace ctl (or
    // pasta, rootless) made before it either.
    let bind_sys =
        (input.rootless && input.network == NetworkMode::Host) || input.uid_mappings.is_some();
    let mut out = Vec::new();
    for row in SYSTEM_MOUNTS {
        let [dst, typ, src, opts] = row.splitn(4, ' ').collect::<Vec<_>>()[..] else {
            unreachable!("four fields");
        };
        out.push(match dst {
            "/dev/pts" if !tty_gid => mount(dst, typ, src, opts.trim_end_matches(",gid=5"))?,
            "/dev/shm" if input.shm == super::ShmMode::Host => {
                mount(dst, "bind", "/dev/shm", "rbind,nosuid,noexec,nodev")?
            }
            "/dev/shm" if input.shm == super::ShmMode::None => continue,
            "/dev/shm" if shm.is_some() => {
                let opts = opts.replace("size=65536k", shm.as_deref().unwrap_or_default());
                let opts = opts.trim_end_matches(',');
                mount(dst, typ, src, opts)?
            }
            "/sys" if bind_sys => mount(dst, "bind", "/sys", "rbind,nosuid,noexec,nodev,ro")?,
            // Privileged containers may write to /sys and their cgroups, as with podman.
            "/sys/fs/cgroup" if input.systemd && !input.cgroup_v1_systemd => {
                mount(dst, typ, src, &opts.replace(",ro", ",rw"))?
            }
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
pub(super) fn all_mounts(input: &SpecInput) -> Result<Vec<OciMount>, OptionError> {
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
    if input.systemd {
        for dst in ["/run", "/run/lock", "/tmp", "/var/log/journal"] {
            let made = rest.iter().any(|m| m.destination() == Path::new(dst));
            if !seen.contains(Path::new(dst)) && !made {
                rest.push(mount(
                    dst,
                    "tmpfs",
                    "tmpfs",
                    "rw,rprivate,nosuid,nodev,tmpcopyup",
                )?);
            }
        }
        let v1 = "/sys/fs/cgroup/systemd";
        if input.cgroup_v1_systemd && !seen.contains(Path::new(v1)) {
            rest.push(mount(v1, "bind", v1, "rbind,rprivate,nosuid,noexec,nodev")?);
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
        (&etc.containerenv, "/run/.containerenv"),
        (&etc.localtime, "/etc/localtime"),
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
pub(super) fn masked_paths(input: &SpecInput) -> (Vec<String>, Vec<String>) {
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
