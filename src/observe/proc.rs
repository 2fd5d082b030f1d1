//! What `/proc` says about a process (`stat`, `status`, `cmdline`) and a network namespace
//! (`net/dev`), and the id files that name users (`passwd`, `group`, `uid_map`). Parsers are
//! pure; `Process::read` and the small readers touch `/proc`.

use std::collections::BTreeMap;

/// One process, as the host's `/proc` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Process {
    /// The host's pid.
    pub pid: i32,
    pub stat: Stat,
    pub status: Status,
    /// argv; empty for a kernel thread or a zombie.
    pub cmdline: Vec<String>,
    /// The security label (`attr/current`), `None` where the host has none.
    pub label: Option<String>,
}

/// Fields of `/proc/PID/stat`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stat {
    pub comm: String,
    pub state: char,
    pub ppid: i32,
    pub tty_nr: u64,
    /// User and system time, in clock ticks.
    pub utime: u64,
    pub stime: u64,
    pub nice: i64,
    /// Start, in clock ticks after boot.
    pub starttime: u64,
    /// Virtual memory, bytes.
    pub vsize: u64,
}

/// Fields of `/proc/PID/status`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub name: String,
    /// The state letter (`S`, `R`...).
    pub state: String,
    /// Real, effective, saved, filesystem.
    pub uids: Vec<u32>,
    pub gids: Vec<u32>,
    pub groups: Vec<u32>,
    /// The pid in each pid namespace, the process's own last.
    pub nspid: Vec<i32>,
    pub nspgid: Vec<i32>,
    pub cap_inh: u64,
    pub cap_prm: u64,
    pub cap_eff: u64,
    pub cap_bnd: u64,
    pub cap_amb: u64,
    pub seccomp: Option<u8>,
    /// Resident memory in KiB; `None` for a kernel thread.
    pub vm_rss_kib: Option<u64>,
}

/// `/proc/PID/stat`; the command name may hold spaces and parentheses.
pub fn parse_stat(text: &str) -> Option<Stat> {
    let open = text.find('(')?;
    let close = text.rfind(')')?;
    let comm = text.get(open + 1..close)?.to_string();
    // Fields after the name, numbered from 3 (state) as proc(5) numbers them.
    let f: Vec<&str> = text.get(close + 1..)?.split_whitespace().collect();
    let n = |i: usize| f.get(i - 3).and_then(|s| s.parse::<u64>().ok());
    Some(Stat {
        comm,
        state: f.first()?.chars().next()?,
        ppid: f.get(1)?.parse().ok()?,
        tty_nr: n(7)?,
        utime: n(14)?,
        stime: n(15)?,
        nice: f.get(19 - 3)?.parse().ok()?,
        starttime: n(22)?,
        vsize: n(23)?,
    })
}

/// `/proc/PID/status`.
pub fn parse_status(text: &str) -> Status {
    let mut s = Status::default();
    let nums = |v: &str| -> Vec<u32> {
        v.split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect()
    };
    let pids = |v: &str| -> Vec<i32> {
        v.split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect()
    };
    let mask = |v: &str| u64::from_str_radix(v.trim(), 16).unwrap_or(0);
    for line in text.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k {
            "Name" => s.name = v.to_string(),
            "State" => s.state = v.split_whitespace().next().unwrap_or("").to_string(),
            "Uid" => s.uids = nums(v),
            "Gid" => s.gids = nums(v),
            "Groups" => s.groups = nums(v),
            "NSpid" => s.nspid = pids(v),
            "NSpgid" => s.nspgid = pids(v),
            "CapInh" => s.cap_inh = mask(v),
            "CapPrm" => s.cap_prm = mask(v),
            "CapEff" => s.cap_eff = mask(v),
            "CapBnd" => s.cap_bnd = mask(v),
            "CapAmb" => s.cap_amb = mask(v),
            "Seccomp" => s.seccomp = v.parse().ok(),
            "VmRSS" => s.vm_rss_kib = v.split_whitespace().next().and_then(|n| n.parse().ok()),
            _ => {}
        }
    }
    s
}

/// `/proc/PID/cmdline`: NUL-separated arguments.
pub fn parse_cmdline(bytes: &[u8]) -> Vec<String> {
    let end = bytes.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1);
    if end == 0 {
        return Vec::new();
    }
    bytes[..end]
        .split(|b| *b == 0)
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect()
}

impl Process {
    /// Reads process `pid`; an error when it has gone.
    pub fn read(pid: i32) -> std::io::Result<Process> {
        let dir = format!("/proc/{pid}");
        let stat = std::fs::read_to_string(format!("{dir}/stat"))?;
        let stat = parse_stat(&stat).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{dir}/stat"))
        })?;
        let status = parse_status(&std::fs::read_to_string(format!("{dir}/status"))?);
        let cmdline = parse_cmdline(&std::fs::read(format!("{dir}/cmdline"))?);
        let label = std::fs::read(format!("{dir}/attr/current"))
            .ok()
            .map(|b| {
                String::from_utf8_lossy(&b)
                    .trim_end_matches(['\0', '\n'])
                    .to_string()
            })
            .filter(|l| !l.is_empty());
        Ok(Process {
            pid,
            stat,
            status,
            cmdline,
            label,
        })
    }

    /// The pid in the process's own pid namespace.
    pub fn ns_pid(&self) -> i32 {
        self.status.nspid.last().copied().unwrap_or(self.pid)
    }
}

/// `/proc/PID/net/dev`: bytes received and sent per interface, loopback left out (its
/// traffic never leaves the container).
pub fn parse_net_dev(text: &str) -> BTreeMap<String, NetCounters> {
    let mut out = BTreeMap::new();
    for line in text.lines().skip(2) {
        let Some((name, rest)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim();
        if name == "lo" {
            continue;
        }
        let f: Vec<u64> = rest
            .split_whitespace()
            .map(|n| n.parse().unwrap_or(0))
            .collect();
        if f.len() < 16 {
            continue;
        }
        out.insert(
            name.to_string(),
            NetCounters {
                rx_bytes: f[0],
                rx_packets: f[1],
                rx_errors: f[2],
                rx_dropped: f[3],
                tx_bytes: f[8],
                tx_packets: f[9],
                tx_errors: f[10],
                tx_dropped: f[11],
            },
        );
    }
    out
}

/// One interface's counters, podman's ContainerNetworkStats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NetCounters {
    pub rx_bytes: u64,
    pub rx_dropped: u64,
    pub rx_errors: u64,
    pub rx_packets: u64,
    pub tx_bytes: u64,
    pub tx_dropped: u64,
    pub tx_errors: u64,
    pub tx_packets: u64,
}

/// An `/etc/passwd` or `/etc/group` file: id → name (the first name given an id).
pub fn parse_id_names(text: &str) -> BTreeMap<u32, String> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split(':').collect();
        if f.len() < 3 || f[0].is_empty() || f[0].starts_with('#') {
            continue;
        }
        if let Ok(id) = f[2].parse::<u32>() {
            out.entry(id).or_insert_with(|| f[0].to_string());
        }
    }
    out
}

/// A `uid_map` or `gid_map` as read from outside the namespace: `(inside, outside, count)`.
pub fn parse_id_map(text: &str) -> Vec<(u32, u32, u32)> {
    text.lines()
        .filter_map(|l| {
            let f: Vec<u32> = l
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            match f[..] {
                [i, o, c] => Some((i, o, c)),
                _ => None,
            }
        })
        .collect()
}

/// The id inside a namespace of an id outside it; `None` when it is not mapped.
pub fn map_to_inside(map: &[(u32, u32, u32)], outside: u32) -> Option<u32> {
    map.iter().find_map(|&(i, o, c)| {
        (outside >= o && u64::from(outside) < u64::from(o) + u64::from(c))
            .then(|| i + (outside - o))
    })
}

/// A tty's name from its device number (`tty_nr` of `stat`), as under `/dev`; `?` for none.
pub fn tty_name(tty_nr: u64) -> String {
    let major = (tty_nr >> 8) & 0xfff;
    let minor = (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00);
    match (major, minor) {
        (0, _) => "?".into(),
        (136..=143, m) => format!("pts/{}", (major - 136) * 256 + m),
        (4, m) if m < 64 => format!("tty{m}"),
        (4, m) => format!("ttyS{}", m - 64),
        (5, 0) => "tty".into(),
        (5, 1) => "console".into(),
        (5, 2) => "ptmx".into(),
        _ => "?".into(),
    }
}

/// The boot time, seconds since the epoch (`btime` of `/proc/stat`).
pub fn boot_time() -> Option<i64> {
    let text = std::fs::read_to_string("/proc/stat").ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("btime "))
        .and_then(|v| v.trim().parse().ok())
}

/// Clock ticks per second (`sysconf(_SC_CLK_TCK)`).
pub fn clock_ticks() -> u64 {
    nix::unistd::sysconf(nix::unistd::SysconfVar::CLK_TCK)
        .ok()
        .flatten()
        .and_then(|n| u64::try_from(n).ok())
        .filter(|n| *n > 0)
        .unwrap_or(100)
}

#[cfg(test)]
#[path = "proc_tests.rs"]
mod tests;
