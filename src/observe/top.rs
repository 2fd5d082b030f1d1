//! `top`: the processes of a container, as podman's psgo shows them, read from the host's
//! `/proc` for the processes in the container's cgroup. Pids are shown as the container sees
//! them (the last `NSpid`), users and groups named by the container's `/etc/passwd` and
//! `/etc/group` (read confined to its root), the `h*` descriptors as the host sees them.

use std::collections::BTreeMap;
use std::path::Path;

use super::proc::{self, Process};
use crate::container::caps;

/// One AIX format descriptor: its name, its `%` code, the column's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Descriptor {
    pub normal: &'static str,
    pub code: Option<&'static str>,
    pub header: &'static str,
}

const fn d(normal: &'static str, code: Option<&'static str>, header: &'static str) -> Descriptor {
    Descriptor {
        normal,
        code,
        header,
    }
}

/// psgo's descriptors, in its order.
pub const DESCRIPTORS: &[Descriptor] = &[
    d("pcpu", Some("%C"), "%CPU"),
    d("group", Some("%G"), "GROUP"),
    d("groups", None, "GROUPS"),
    d("ppid", Some("%P"), "PPID"),
    d("user", Some("%U"), "USER"),
    d("uid", None, "UID"),
    d("args", Some("%a"), "COMMAND"),
    d("comm", Some("%c"), "COMMAND"),
    d("rgroup", Some("%g"), "RGROUP"),
    d("nice", Some("%n"), "NI"),
    d("pid", Some("%p"), "PID"),
    d("pgid", Some("%r"), "PGID"),
    d("etime", Some("%t"), "ELAPSED"),
    d("ruser", Some("%u"), "RUSER"),
    d("time", Some("%x"), "TIME"),
    d("tty", Some("%y"), "TTY"),
    d("vsz", Some("%z"), "VSZ"),
    d("capamb", None, "AMBIENT CAPS"),
    d("capinh", None, "INHERITED CAPS"),
    d("capprm", None, "PERMITTED CAPS"),
    d("capeff", None, "EFFECTIVE CAPS"),
    d("capbnd", None, "BOUNDING CAPS"),
    d("seccomp", None, "SECCOMP"),
    d("label", None, "LABEL"),
    d("hpid", None, "HPID"),
    d("huser", None, "HUSER"),
    d("huid", None, "HUID"),
    d("hgroup", None, "HGROUP"),
    d("hgroups", None, "HGROUPS"),
    d("rss", None, "RSS"),
    d("state", None, "STATE"),
    d("stime", None, "STIME"),
];

/// The `ps -ef`-like default.
pub const DEFAULT: &[&str] = &[
    "user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args",
];

/// An argument that is not a descriptor (psgo's words).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}': unknown descriptor")]
pub struct UnknownDescriptor(pub String);

/// The descriptors' names, sorted (`--list-descriptors`).
pub fn names() -> Vec<&'static str> {
    let mut n: Vec<&str> = DESCRIPTORS.iter().map(|d| d.normal).collect();
    n.sort_unstable();
    n
}

/// Arguments as podman takes them: each may hold several descriptors separated by commas;
/// none means the default.
pub fn parse(args: &[String]) -> Result<Vec<Descriptor>, UnknownDescriptor> {
    let words: Vec<&str> = args
        .iter()
        .flat_map(|a| a.split(','))
        .filter(|s| !s.is_empty())
        .collect();
    let words = if words.is_empty() {
        DEFAULT.to_vec()
    } else {
        words
    };
    words
        .into_iter()
        .map(|w| {
            let w = w.trim();
            DESCRIPTORS
                .iter()
                .find(|d| d.normal == w || d.code == Some(w))
                .copied()
                .ok_or_else(|| UnknownDescriptor(w.to_string()))
        })
        .collect()
}

/// What names ids and times: gathered once per `top`.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub users: BTreeMap<u32, String>,
    pub groups: BTreeMap<u32, String>,
    pub host_users: BTreeMap<u32, String>,
    pub host_groups: BTreeMap<u32, String>,
    /// The container's id maps (inside, outside, count); empty without a user namespace.
    pub uid_map: Vec<(u32, u32, u32)>,
    pub gid_map: Vec<(u32, u32, u32)>,
    /// Host pid → pid in the container's namespace, for every process shown.
    pub ns_pids: BTreeMap<i32, i32>,
    /// Boot time (seconds since the epoch), clock ticks per second, now (nanoseconds).
    pub boot: i64,
    pub ticks: u64,
    pub now_nanos: i128,
}

fn name_of(names: &BTreeMap<u32, String>, id: u32) -> String {
    names.get(&id).cloned().unwrap_or_else(|| id.to_string())
}

fn inside(map: &[(u32, u32, u32)], id: u32) -> u32 {
    if map.is_empty() {
        return id;
    }
    // Unmapped ids show as the overflow id, as the kernel shows them inside.
    proc::map_to_inside(map, id).unwrap_or(65534)
}

/// A capability mask as psgo prints it: `full`, `none`, or the sorted names.
pub fn caps_text(mask: u64) -> String {
    const FULL: u64 = 0x1FF_FFFF_FFFF;
    if mask == FULL {
        return "full".into();
    }
    let mut names: Vec<String> = (0..64)
        .filter(|i| mask & (1u64 << i) != 0)
        .map(|i| match caps::BY_NUMBER.get(i) {
            Some(c) => c.to_string().trim_start_matches("CAP_").to_string(),
            None => "unknown".into(),
        })
        .collect();
    if names.is_empty() {
        return "none".into();
    }
    names.sort();
    names.join(",")
}

/// Go's `time.Time` printed with `%v`, in UTC: `2019-12-09 10:50:36 +0000 UTC`.
fn go_time(secs: i64) -> String {
    let (y, m, d) = ctl_monitor::time::civil_from_days(secs.div_euclid(86400));
    let r = secs.rem_euclid(86400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} +0000 UTC",
        r / 3600,
        r % 3600 / 60,
        r % 60
    )
}

/// One cell: descriptor `d` of process `p`.
pub fn cell(d: &Descriptor, p: &Process, n: &Names) -> String {
    let st = &p.status;
    let uid = |i: usize| st.uids.get(i).copied().unwrap_or(0);
    let gid = |i: usize| st.gids.get(i).copied().unwrap_or(0);
    let ticks = n.ticks.max(1);
    let start_secs = n.boot + (p.stat.starttime / ticks) as i64;
    let elapsed = n.now_nanos - i128::from(start_secs) * 1_000_000_000;
    let cpu_secs = (p.stat.utime + p.stat.stime) / ticks;
    match d.normal {
        "pcpu" => {
            let e = elapsed as f64 / 1e9;
            let v = if e > 0.0 {
                100.0 * cpu_secs as f64 / e
            } else {
                0.0
            };
            format!("{v:.3}")
        }
        "group" => name_of(&n.groups, inside(&n.gid_map, gid(1))),
        "rgroup" => name_of(&n.groups, inside(&n.gid_map, gid(0))),
        "groups" => st
            .groups
            .iter()
            .map(|g| name_of(&n.groups, inside(&n.gid_map, *g)))
            .collect::<Vec<_>>()
            .join(","),
        "user" => name_of(&n.users, inside(&n.uid_map, uid(1))),
        "ruser" => name_of(&n.users, inside(&n.uid_map, uid(0))),
        "uid" => inside(&n.uid_map, uid(1)).to_string(),
        "ppid" => n
            .ns_pids
            .get(&p.stat.ppid)
            .copied()
            .unwrap_or(0)
            .to_string(),
        "pid" => p.ns_pid().to_string(),
        "pgid" => st.nspgid.last().copied().unwrap_or(0).to_string(),
        "args" if p.cmdline.is_empty() || p.cmdline[0].is_empty() => format!("[{}]", st.name),
        "args" => p.cmdline.join(" "),
        "comm" => p.stat.comm.clone(),
        "nice" => p.stat.nice.to_string(),
        "etime" => crate::timetype::go_duration_string(elapsed),
        "time" => crate::timetype::go_duration_string(i128::from(cpu_secs) * 1_000_000_000),
        "stime" => go_time(start_secs),
        "tty" => proc::tty_name(p.stat.tty_nr),
        "vsz" => (p.stat.vsize / 1024).to_string(),
        "rss" => st.vm_rss_kib.unwrap_or(0).to_string(),
        "capamb" => caps_text(st.cap_amb),
        "capinh" => caps_text(st.cap_inh),
        "capprm" => caps_text(st.cap_prm),
        "capeff" => caps_text(st.cap_eff),
        "capbnd" => caps_text(st.cap_bnd),
        "seccomp" => match st.seccomp {
            Some(0) => "disabled".into(),
            Some(1) => "strict".into(),
            Some(2) => "filter".into(),
            _ => "?".into(),
        },
        "label" => p.label.clone().unwrap_or_else(|| "?".into()),
        "hpid" => p.pid.to_string(),
        "huser" => name_of(&n.host_users, uid(1)),
        "huid" => uid(1).to_string(),
        "hgroup" => name_of(&n.host_groups, gid(1)),
        "hgroups" => st
            .groups
            .iter()
            .map(|g| name_of(&n.host_groups, *g))
            .collect::<Vec<_>>()
            .join(","),
        "state" => st.state.clone(),
        _ => "?".into(),
    }
}

/// The table: a header row, then a row per process, ordered by pid in the container.
pub fn rows(descriptors: &[Descriptor], procs: &[Process], n: &Names) -> Vec<Vec<String>> {
    let mut out = vec![descriptors.iter().map(|d| d.header.to_string()).collect()];
    let mut procs: Vec<&Process> = procs.iter().collect();
    procs.sort_by_key(|p| p.ns_pid());
    for p in procs {
        out.push(descriptors.iter().map(|d| cell(d, p, n)).collect());
    }
    out
}

/// Reads `rel` inside the root of process `pid` (the container's root), confined to it.
fn read_in_root_of(pid: i32, rel: &str) -> Option<String> {
    let root = format!("/proc/{pid}/root");
    crate::container::user::read_in_root(Path::new(&root), rel)
        .ok()
        .flatten()
}

/// The processes in the cgroup of `init` (the container's first process) that share its
/// pid namespace, and what names their ids.
pub fn gather(init: i32) -> std::io::Result<(Vec<Process>, Names)> {
    let cg = super::cgroup::locate(init)?;
    let pid_ns = |pid: i32| std::fs::read_link(format!("/proc/{pid}/ns/pid")).ok();
    let ns = pid_ns(init);
    let mut procs = Vec::new();
    for pid in super::cgroup::procs(&cg)? {
        // A process gone meanwhile is simply not shown.
        if pid_ns(pid) != ns {
            continue;
        }
        if let Ok(p) = Process::read(pid) {
            procs.push(p);
        }
    }
    let map = |f: &str| {
        std::fs::read_to_string(format!("/proc/{init}/{f}"))
            .map(|t| proc::parse_id_map(&t))
            .unwrap_or_default()
    };
    // Ids in /proc are as this process's user namespace sees them: to be mapped only when
    // the container has a namespace of its own.
    let user_ns = |p: &str| std::fs::read_link(format!("/proc/{p}/ns/user")).ok();
    let own_ns = user_ns(&init.to_string()) != user_ns("self");
    let identity = |m: Vec<(u32, u32, u32)>| match own_ns {
        true => m,
        false => Vec::new(),
    };
    let host = |f: &str| {
        std::fs::read_to_string(f)
            .map(|t| proc::parse_id_names(&t))
            .unwrap_or_default()
    };
    let names = Names {
        users: read_in_root_of(init, "etc/passwd")
            .map(|t| proc::parse_id_names(&t))
            .unwrap_or_default(),
        groups: read_in_root_of(init, "etc/group")
            .map(|t| proc::parse_id_names(&t))
            .unwrap_or_default(),
        host_users: host("/etc/passwd"),
        host_groups: host("/etc/group"),
        uid_map: identity(map("uid_map")),
        gid_map: identity(map("gid_map")),
        ns_pids: procs.iter().map(|p| (p.pid, p.ns_pid())).collect(),
        boot: proc::boot_time().unwrap_or(0),
        ticks: proc::clock_ticks(),
        now_nanos: ctl_monitor::time::Timestamp::now().as_nanos(),
    };
    Ok((procs, names))
}

#[cfg(test)]
#[path = "top_tests.rs"]
mod tests;
