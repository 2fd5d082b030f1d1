//! What the host offers a container's security and resource settings: the caller's own
//! capabilities, the kernel, cgroup controllers, device nodes, an init binary.

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use oci_spec::runtime::{LinuxDevice, LinuxDeviceBuilder, LinuxDeviceType};

use super::caps;

/// The caller's bounding set (what it can hand to a container), from /proc/self/status.
pub fn bounding_caps() -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("CapBnd:"))
        .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
        .unwrap_or_else(|| caps::to_mask(caps::DEFAULT_CAPABILITIES))
}

/// Whether the caller holds CAP_SYS_RESOURCE (may raise resource limits).
pub fn can_raise_rlimits() -> bool {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    let eff = status
        .lines()
        .find_map(|l| l.strip_prefix("CapEff:"))
        .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
        .unwrap_or(0);
    eff & 1 << caps::number(oci_spec::runtime::Capability::SysResource) != 0
}

/// The caller's hard limit of a resource (`RLIMIT_*`).
pub fn hard_limit(resource: u32) -> Option<u64> {
    let mut r = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit into the valid struct we pass; an unknown
    // resource is an error return, nothing more.
    let rc = unsafe { libc::getrlimit(resource as _, &mut r) };
    (rc == 0).then_some(r.rlim_max)
}

/// The running kernel's `major.minor`; (0, 0) when unknown, so no `minKernel` rule applies.
pub fn kernel() -> (u32, u32) {
    nix::sys::utsname::uname()
        .ok()
        .and_then(|u| super::seccomp::kernel_version(&u.release().to_string_lossy()))
        .unwrap_or((0, 0))
}

const CGROUP: &str = "/sys/fs/cgroup";

/// cgroup v2 only (no v1 hierarchies).
fn unified() -> bool {
    Path::new(CGROUP).join("cgroup.controllers").exists()
}

/// Whether a cgroup controller can be used: listed by the v2 root, or mounted as v1.
pub fn has_controller(name: &str) -> bool {
    if unified() {
        let c = fs::read_to_string(Path::new(CGROUP).join("cgroup.controllers"));
        c.unwrap_or_default().split_whitespace().any(|c| c == name)
    } else {
        Path::new(CGROUP).join(name).is_dir()
    }
}

/// Whether the kernel accounts swap in memory cgroups (`--memory-swap` can be honoured).
pub fn swap_accounting() -> bool {
    if unified() {
        // The root has no swap files; any child of the root that has memory shows them.
        let root = fs::read_dir(CGROUP).into_iter().flatten().flatten();
        root.map(|e| e.path().join("memory.swap.max"))
            .any(|p| p.exists())
    } else {
        Path::new(CGROUP)
            .join("memory/memory.memsw.limit_in_bytes")
            .exists()
    }
}

/// Whether block I/O can be weighed: v2's io controller, or a v1 blkio controller with a
/// weight file (BFQ's or CFQ's; runc writes whichever is there).
pub fn blkio_weight() -> bool {
    if unified() {
        return true;
    }
    let blkio = Path::new(CGROUP).join("blkio");
    blkio.join("blkio.weight").exists() || blkio.join("blkio.bfq.weight").exists()
}

/// Directories of /dev that are not devices for a container (podman skips the same).
const SKIP_DIRS: &[&str] = &["pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev"];

/// The host's device nodes, for `--privileged`; /dev/console and /dev/ptmx are left to the
/// runtime (its terminal and devpts).
pub fn devices() -> Vec<LinuxDevice> {
    let mut out = Vec::new();
    walk(Path::new("/dev"), &mut out);
    out.sort_by(|a, b| a.path().cmp(b.path()));
    out
}

fn walk(dir: &Path, out: &mut Vec<LinuxDevice>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let path = e.path();
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        let ft = meta.file_type();
        if ft.is_dir() {
            let name = e.file_name();
            if !SKIP_DIRS.iter().any(|s| name == *s) {
                walk(&path, out);
            }
            continue;
        }
        if path == Path::new("/dev/console") || path == Path::new("/dev/ptmx") {
            continue;
        }
        let typ = if ft.is_char_device() {
            LinuxDeviceType::C
        } else if ft.is_block_device() {
            LinuxDeviceType::B
        } else {
            continue;
        };
        let rdev = meta.rdev();
        let dev = LinuxDeviceBuilder::default()
            .path(path)
            .typ(typ)
            .major(nix::sys::stat::major(rdev) as i64)
            .minor(nix::sys::stat::minor(rdev) as i64)
            .file_mode(meta.mode() & 0o7777)
            .uid(meta.uid())
            .gid(meta.gid())
            .build();
        out.extend(dev.ok());
    }
}

/// Static init binaries `--init` looks for, podman's first (catatonit), then tini's.
const INIT_CANDIDATES: &[&str] = &[
    "/usr/libexec/podman/catatonit",
    "/usr/libexec/catatonit/catatonit",
    "/usr/bin/catatonit",
    "/usr/local/bin/catatonit",
    "/usr/bin/tini-static",
    "/usr/local/bin/tini-static",
];

/// The init binary for `--init`.
pub fn find_init() -> Option<PathBuf> {
    INIT_CANDIDATES
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// podman's `GetLocalIP`: the host's first global address that is not loopback, IPv4
/// before IPv6; where a container on the host's network (or its own) reaches the host.
pub fn local_ip() -> Option<std::net::IpAddr> {
    use std::net::IpAddr;
    let addrs: Vec<IpAddr> = nix::ifaddrs::getifaddrs()
        .ok()?
        .filter_map(|i| {
            let a = i.address?;
            if let Some(v4) = a.as_sockaddr_in() {
                return Some(IpAddr::V4(v4.ip()));
            }
            a.as_sockaddr_in6().map(|v6| IpAddr::V6(v6.ip()))
        })
        .filter(|ip| match ip {
            IpAddr::V4(v4) => !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified(),
            IpAddr::V6(v6) => {
                !v6.is_loopback() && !v6.is_unspecified() && (v6.segments()[0] & 0xffc0) != 0xfe80
            }
        })
        .collect();
    addrs
        .iter()
        .find(|a| a.is_ipv4())
        .or(addrs.first())
        .copied()
}

/// `--device HOST[:CONTAINER][:ACCESS]`: the host's node (a symbolic link followed), or
/// every node under a directory, as nodes at CONTAINER and cgroup rules allowing them.
pub fn device(
    host: &Path,
    container: &Path,
    access: &str,
) -> crate::error::Result<Vec<(LinuxDevice, oci_spec::runtime::LinuxDeviceCgroup)>> {
    let bad = |why: &str| crate::error::Error::BadOption(format!("stat {}: {why}", host.display()));
    let meta = fs::metadata(host).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => bad("no such file or directory"),
        _ => bad(&e.to_string()),
    })?;
    let found = if meta.is_dir() {
        let mut all = Vec::new();
        walk(host, &mut all);
        all
    } else {
        let real = fs::canonicalize(host).unwrap_or_else(|_| host.to_path_buf());
        let one = node(&real).ok_or_else(|| {
            crate::error::Error::BadOption(format!("{} is not a valid device", host.display()))
        })?;
        vec![one]
    };
    let mut out = Vec::new();
    for mut d in found {
        let rel = d
            .path()
            .strip_prefix(host)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let at = if rel.as_os_str().is_empty() {
            container.to_path_buf()
        } else {
            container.join(rel)
        };
        d.set_path(at);
        let rule = oci_spec::runtime::LinuxDeviceCgroupBuilder::default()
            .allow(true)
            .typ(d.typ())
            .major(d.major())
            .minor(d.minor())
            .access(access)
            .build()
            .map_err(|e| crate::error::Error::BadOption(e.to_string()))?;
        out.push((d, rule));
    }
    Ok(out)
}

/// The node at `path`, if it is a device.
fn node(path: &Path) -> Option<LinuxDevice> {
    let meta = fs::symlink_metadata(path).ok()?;
    let ft = meta.file_type();
    let typ = if ft.is_char_device() {
        LinuxDeviceType::C
    } else if ft.is_block_device() {
        LinuxDeviceType::B
    } else {
        return None;
    };
    let rdev = meta.rdev();
    LinuxDeviceBuilder::default()
        .path(path)
        .typ(typ)
        .major(nix::sys::stat::major(rdev) as i64)
        .minor(nix::sys::stat::minor(rdev) as i64)
        .file_mode(meta.mode() & 0o7777)
        .uid(meta.uid())
        .gid(meta.gid())
        .build()
        .ok()
}
