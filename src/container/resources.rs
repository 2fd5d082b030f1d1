//! Resource limits (`--memory`, `--cpus`, `--pids-limit`, `--ulimit`, ...) parsed as docker
//! and podman parse them, and turned into the OCI spec's cgroup resources and rlimits (pure).

use oci_spec::runtime::{
    LinuxCpuBuilder, LinuxMemoryBuilder, LinuxPidsBuilder, PosixRlimit, PosixRlimitBuilder,
    PosixRlimitType,
};
use serde::{Deserialize, Serialize};

use super::blkio::BlockIo;
use super::options::{invalid, parse_size, OptionError};

/// podman's default `pids_limit` (containers.conf), applied where the pids controller is.
pub const DEFAULT_PIDS_LIMIT: i64 = 2048;

/// The CFS period `--cpus` is expressed in, as docker and podman use it (100 ms).
pub const CPU_PERIOD: u64 = 100_000;

/// The cgroup limits a container asked for. `None`: not limited (or the default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Resources {
    /// Bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<i64>,
    /// Memory plus swap, bytes; -1 unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_swap: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_reservation: Option<i64>,
    /// CFS quota in microseconds per [`CPU_PERIOD`] (`--cpus 1.5` is 150000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_quota: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_shares: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpuset_cpus: Option<String>,
    /// -1 unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pids_limit: Option<i64>,
    /// The CFS period in microseconds (None: the kernel's, [`CPU_PERIOD`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_period: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_rt_period: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_rt_runtime: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpuset_mems: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_swappiness: Option<u64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub oom_kill_disable: bool,
    #[serde(default, skip_serializing_if = "BlockIo::is_empty")]
    pub blkio: BlockIo,
}

impl Resources {
    /// Whether any cgroup limit was asked for (the default pids limit aside).
    pub fn any(&self) -> bool {
        *self != Resources::default()
    }

    /// Checks the combination, as docker does.
    pub fn validate(&self) -> Result<(), OptionError> {
        self.clone().resolve(true).map(drop)
    }

    /// [`Resources::validate`], and fills in the defaults: with `--memory` and no
    /// `--memory-swap`, as much swap as memory (a total of twice the limit) when the host
    /// accounts swap at all. `swap_accounting` false and an explicit `--memory-swap` is an
    /// error.
    pub fn resolve(mut self, swap_accounting: bool) -> Result<Resources, OptionError> {
        let mem = self.memory;
        if let Some(swap) = self.memory_swap {
            let bad = |reason: String| invalid("memory-swap", &size_text(swap), reason);
            let Some(m) = mem else {
                return Err(bad("--memory-swap needs --memory as well".into()));
            };
            if swap != -1 && swap < m {
                let m = size_text(m);
                return Err(bad(format!(
                    "must be at least --memory ({m}), or -1 for unlimited swap"
                )));
            }
            if !swap_accounting {
                return Err(bad("this kernel does not account swap in cgroups".into()));
            }
        } else if let Some(m) = mem.filter(|_| swap_accounting) {
            self.memory_swap = Some(m.saturating_mul(2));
        }
        if let (Some(r), Some(m)) = (self.memory_reservation, mem) {
            if r > m {
                return Err(invalid(
                    "memory-reservation",
                    &size_text(r),
                    format!("must not exceed --memory ({})", size_text(m)),
                ));
            }
        }
        Ok(self)
    }

    /// The OCI `linux.resources` memory, cpu, pids and block I/O parts (devices are the
    /// spec's).
    pub fn to_oci(
        &self,
        b: oci_spec::runtime::LinuxResourcesBuilder,
    ) -> Result<oci_spec::runtime::LinuxResourcesBuilder, oci_spec::OciSpecError> {
        let mut b = b;
        if self.memory.is_some()
            || self.memory_reservation.is_some()
            || self.memory_swappiness.is_some()
            || self.oom_kill_disable
        {
            let mut m = LinuxMemoryBuilder::default();
            if let Some(v) = self.memory_swappiness {
                m = m.swappiness(v);
            }
            if self.oom_kill_disable {
                m = m.disable_oom_killer(true);
            }
            if let Some(v) = self.memory {
                m = m.limit(v);
            }
            if let Some(v) = self.memory_swap {
                m = m.swap(v);
            }
            if let Some(v) = self.memory_reservation {
                m = m.reservation(v);
            }
            b = b.memory(m.build()?);
        }
        let cpu = [
            self.cpu_quota.is_some(),
            self.cpu_shares.is_some(),
            self.cpuset_cpus.is_some(),
            self.cpu_period.is_some(),
            self.cpu_rt_period.is_some(),
            self.cpu_rt_runtime.is_some(),
            self.cpuset_mems.is_some(),
        ];
        if cpu.contains(&true) {
            let mut c = LinuxCpuBuilder::default();
            if let Some(q) = self.cpu_quota {
                c = c.quota(q).period(self.cpu_period.unwrap_or(CPU_PERIOD));
            } else if let Some(p) = self.cpu_period {
                c = c.period(p);
            }
            if let Some(p) = self.cpu_rt_period {
                c = c.realtime_period(p);
            }
            if let Some(r) = self.cpu_rt_runtime {
                c = c.realtime_runtime(r);
            }
            if let Some(m) = &self.cpuset_mems {
                c = c.mems(m.clone());
            }
            if let Some(s) = self.cpu_shares {
                c = c.shares(s);
            }
            if let Some(s) = &self.cpuset_cpus {
                c = c.cpus(s.clone());
            }
            b = b.cpu(c.build()?);
        }
        if let Some(p) = self.pids_limit {
            b = b.pids(LinuxPidsBuilder::default().limit(p).build()?);
        }
        if let Some(io) = self.blkio.to_oci()? {
            b = b.block_io(io);
        }
        Ok(b)
    }
}

/// A byte count as a user would write it: `512m`, `1g`, `1000`.
fn size_text(n: i64) -> String {
    for (shift, unit) in [(40, "t"), (30, "g"), (20, "m"), (10, "k")] {
        if n > 0 && n % (1 << shift) == 0 {
            return format!("{}{unit}", n >> shift);
        }
    }
    n.to_string()
}

/// The smallest --memory and --memory-reservation podman takes.
pub const MIN_MEMORY: i64 = 6 * 1024 * 1024;

/// `--memory`, `--memory-reservation`: docker's sizes (`512m`, `1g`, `1024`).
pub fn parse_memory(what: &'static str, value: &str) -> Result<i64, OptionError> {
    let bytes =
        parse_size(value).map_err(|_| invalid(what, value, "not a size (e.g. 512m, 1g)"))?;
    // The kernel's cgroup needs some memory of its own; podman refuses less than 6 MB.
    let minimum = match what {
        "memory" => Some("minimum memory limit allowed is 6MB"),
        "memory-reservation" => Some("minimum memory reservation allowed is 6MB"),
        _ => None,
    };
    match i64::try_from(bytes) {
        Ok(0) => Err(invalid(what, value, "must be greater than 0")),
        Ok(b) if b < MIN_MEMORY && minimum.is_some() => {
            Err(invalid(what, value, minimum.unwrap_or_default()))
        }
        Ok(b) => Ok(b),
        Err(_) => Err(invalid(what, value, "too large")),
    }
}

/// `--memory-swap`: a size or -1 (unlimited swap).
pub fn parse_memory_swap(value: &str) -> Result<i64, OptionError> {
    match value {
        "-1" => Ok(-1),
        v => parse_memory("memory-swap", v),
    }
}

/// `--cpus 1.5`: the CFS quota per [`CPU_PERIOD`].
pub fn parse_cpus(value: &str) -> Result<i64, OptionError> {
    let n: f64 = value
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite())
        .ok_or_else(|| invalid("cpus", value, "not a number"))?;
    let quota = (n * CPU_PERIOD as f64).round();
    // The kernel refuses quotas below 1 ms.
    if quota < 1000.0 {
        return Err(invalid("cpus", value, "must be at least 0.01"));
    }
    if quota > i64::MAX as f64 {
        return Err(invalid("cpus", value, "too large"));
    }
    Ok(quota as i64)
}

/// `--cpu-shares`: a relative weight, 2 to 262144 (0: the default).
pub fn parse_cpu_shares(value: &str) -> Result<Option<u64>, OptionError> {
    match value.parse::<u64>() {
        Ok(0) => Ok(None),
        Ok(n) if (2..=262_144).contains(&n) => Ok(Some(n)),
        _ => Err(invalid(
            "cpu-shares",
            value,
            "must be a number from 2 to 262144",
        )),
    }
}

/// `--cpuset-cpus 0-2,4`: a list of cpus and ranges.
pub fn parse_cpuset(value: &str) -> Result<String, OptionError> {
    let bad = || invalid("cpuset-cpus", value, "use a list like 0-2,4");
    for part in value.split(',') {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let (a, b) = (a.parse::<u32>(), b.parse::<u32>());
        match (a, b) {
            (Ok(a), Ok(b)) if a <= b => {}
            _ => return Err(bad()),
        }
    }
    Ok(value.to_string())
}

/// `--pids-limit N`; -1 and 0 are unlimited (podman's reading).
pub fn parse_pids_limit(value: &str) -> Result<i64, OptionError> {
    match value.parse::<i64>() {
        Ok(-1 | 0) => Ok(-1),
        Ok(n) if n > 0 => Ok(n),
        _ => Err(invalid(
            "pids-limit",
            value,
            "must be a positive number, or -1 for unlimited",
        )),
    }
}

/// `--ulimit` names, their OCI types and the kernel's resource numbers.
const RLIMITS: &[(&str, PosixRlimitType, u32)] = &[
    ("as", PosixRlimitType::RlimitAs, libc::RLIMIT_AS),
    ("core", PosixRlimitType::RlimitCore, libc::RLIMIT_CORE),
    ("cpu", PosixRlimitType::RlimitCpu, libc::RLIMIT_CPU),
    ("data", PosixRlimitType::RlimitData, libc::RLIMIT_DATA),
    ("fsize", PosixRlimitType::RlimitFsize, libc::RLIMIT_FSIZE),
    ("locks", PosixRlimitType::RlimitLocks, libc::RLIMIT_LOCKS),
    (
        "memlock",
        PosixRlimitType::RlimitMemlock,
        libc::RLIMIT_MEMLOCK,
    ),
    (
        "msgqueue",
        PosixRlimitType::RlimitMsgqueue,
        libc::RLIMIT_MSGQUEUE,
    ),
    ("nice", PosixRlimitType::RlimitNice, libc::RLIMIT_NICE),
    ("nofile", PosixRlimitType::RlimitNofile, libc::RLIMIT_NOFILE),
    ("nproc", PosixRlimitType::RlimitNproc, libc::RLIMIT_NPROC),
    ("rss", PosixRlimitType::RlimitRss, libc::RLIMIT_RSS),
    ("rtprio", PosixRlimitType::RlimitRtprio, libc::RLIMIT_RTPRIO),
    ("rttime", PosixRlimitType::RlimitRttime, libc::RLIMIT_RTTIME),
    (
        "sigpending",
        PosixRlimitType::RlimitSigpending,
        libc::RLIMIT_SIGPENDING,
    ),
    ("stack", PosixRlimitType::RlimitStack, libc::RLIMIT_STACK),
];

/// The `--ulimit` name of a limit type.
pub fn ulimit_name(t: PosixRlimitType) -> &'static str {
    RLIMITS.iter().find(|r| r.1 == t).map_or("?", |r| r.0)
}

/// A limit as `--ulimit` takes it: `nofile=1024:2048` (-1 for unlimited).
pub fn ulimit_text(r: &PosixRlimit) -> String {
    let n = |v: u64| match v {
        u64::MAX => "-1".to_string(),
        v => v.to_string(),
    };
    format!("{}={}:{}", ulimit_name(r.typ()), n(r.soft()), n(r.hard()))
}

/// The kernel's resource number of a limit type.
pub fn resource_number(t: PosixRlimitType) -> Option<u32> {
    RLIMITS.iter().find(|r| r.1 == t).map(|r| r.2)
}

/// Refuses limits above `own_hard` (the caller's hard limit of a type) unless the caller
/// may raise limits (CAP_SYS_RESOURCE): the runtime would fail on them less clearly.
pub fn check_raise(
    limits: &[PosixRlimit],
    own_hard: impl Fn(PosixRlimitType) -> Option<u64>,
    can_raise: bool,
) -> Result<(), OptionError> {
    if can_raise {
        return Ok(());
    }
    for r in limits {
        if let Some(own) = own_hard(r.typ()).filter(|own| r.hard() > *own) {
            let name = ulimit_name(r.typ());
            let shown = |n: u64| match n {
                u64::MAX => "unlimited".to_string(),
                n => n.to_string(),
            };
            return Err(invalid(
                "ulimit",
                &format!("{name}={}:{}", shown(r.soft()), shown(r.hard())),
                format!(
                    "the hard limit exceeds ctl's own ({}); raising it needs CAP_SYS_RESOURCE",
                    shown(own)
                ),
            ));
        }
    }
    Ok(())
}

/// `--ulimit name=soft[:hard]` (hard defaults to soft; -1 is unlimited), as docker takes it.
pub fn parse_ulimit(value: &str) -> Result<PosixRlimit, OptionError> {
    const W: &str = "ulimit";
    let bad = |reason: &str| invalid(W, value, reason);
    let (name, limits) = value
        .split_once('=')
        .ok_or_else(|| bad("use name=soft[:hard]"))?;
    let typ = RLIMITS
        .iter()
        .find(|(n, _, _)| *n == name.to_ascii_lowercase())
        .map(|(_, t, _)| *t)
        .ok_or_else(|| bad(&format!("unknown limit \"{name}\"")))?;
    let num = |s: &str| -> Result<u64, OptionError> {
        match s {
            "-1" | "unlimited" => Ok(u64::MAX),
            s => s
                .parse::<u64>()
                .map_err(|_| bad(&format!("\"{s}\" is not a number"))),
        }
    };
    let (soft, hard) = match limits.split_once(':') {
        Some((s, h)) => (num(s)?, num(h)?),
        None => (num(limits)?, num(limits)?),
    };
    if soft > hard {
        return Err(bad("the soft limit exceeds the hard limit"));
    }
    PosixRlimitBuilder::default()
        .typ(typ)
        .soft(soft)
        .hard(hard)
        .build()
        .map_err(|e| OptionError::Spec(e.to_string()))
}

/// All `--ulimit` flags; a later one replaces an earlier one of the same name.
pub fn parse_ulimits<S: AsRef<str>>(values: &[S]) -> Result<Vec<PosixRlimit>, OptionError> {
    let mut out: Vec<PosixRlimit> = Vec::new();
    for v in values {
        let r = parse_ulimit(v.as_ref())?;
        out.retain(|o| o.typ() != r.typ());
        out.push(r);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejects<T: std::fmt::Debug>(r: Result<T, OptionError>, why: &str) {
        let e = r.unwrap_err().to_string();
        assert!(e.contains(why), "{e}");
    }

    #[test]
    fn sizes_and_numbers() {
        assert_eq!(parse_memory("memory", "512m").unwrap(), 512 << 20);
        assert_eq!(parse_memory("memory", "1g").unwrap(), 1 << 30);
        assert_eq!(parse_memory_swap("-1").unwrap(), -1);
        assert_eq!(parse_memory_swap("64m").unwrap(), 64 << 20);
        rejects(parse_memory("memory", "-1"), "invalid memory \"-1\"");
        rejects(parse_memory("memory", "0"), "greater than 0");
        rejects(parse_memory("memory", "lots"), "not a size");
        rejects(
            parse_memory("memory", "1"),
            "invalid memory \"1\": minimum memory limit allowed is 6MB",
        );
        rejects(
            parse_memory("memory-reservation", "6291455"),
            "minimum memory reservation allowed is 6MB",
        );
        assert_eq!(parse_memory("memory", "6m").unwrap(), MIN_MEMORY);
        assert_eq!(parse_cpus("1.5").unwrap(), 150_000);
        assert_eq!(parse_cpus("0.01").unwrap(), 1000);
        rejects(parse_cpus("0"), "at least 0.01");
        rejects(parse_cpus("-2"), "at least 0.01");
        rejects(parse_cpus("two"), "not a number");
        rejects(parse_cpus("inf"), "not a number");
        assert_eq!(parse_cpu_shares("512").unwrap(), Some(512));
        assert_eq!(parse_cpu_shares("0").unwrap(), None);
        rejects(parse_cpu_shares("1"), "2 to 262144");
        assert_eq!(parse_cpuset("0-2,4").unwrap(), "0-2,4");
        rejects(parse_cpuset("2-1"), "0-2,4");
        rejects(parse_cpuset("a"), "0-2,4");
        rejects(parse_cpuset(""), "0-2,4");
        assert_eq!(parse_pids_limit("100").unwrap(), 100);
        assert_eq!(parse_pids_limit("-1").unwrap(), -1);
        assert_eq!(parse_pids_limit("0").unwrap(), -1);
        rejects(parse_pids_limit("-5"), "positive");
    }

    #[test]
    fn ulimits() {
        let r = parse_ulimit("nofile=512:1024").unwrap();
        assert_eq!(
            (r.typ(), r.soft(), r.hard()),
            (PosixRlimitType::RlimitNofile, 512, 1024)
        );
        let r = parse_ulimit("NPROC=100").unwrap();
        assert_eq!((r.soft(), r.hard()), (100, 100));
        let r = parse_ulimit("core=-1").unwrap();
        assert_eq!((r.soft(), r.hard()), (u64::MAX, u64::MAX));
        assert_eq!(ulimit_text(&r), "core=-1:-1");
        rejects(parse_ulimit("nofile"), "name=soft[:hard]");
        rejects(parse_ulimit("files=1"), "unknown limit \"files\"");
        rejects(parse_ulimit("nofile=2:1"), "exceeds the hard");
        rejects(parse_ulimit("nofile=x"), "\"x\" is not a number");
        let all = parse_ulimits(&["nofile=1", "core=0", "nofile=2"]).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].soft(), 2);
        let own = |_| Some(1024);
        let high = parse_ulimits(&["nofile=10:2048"]).unwrap();
        let e = check_raise(&high, own, false).unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid ulimit \"nofile=10:2048\": the hard limit exceeds ctl's own (1024); \
             raising it needs CAP_SYS_RESOURCE"
        );
        assert!(check_raise(&high, own, true).is_ok());
        assert!(check_raise(&parse_ulimits(&["nofile=1024"]).unwrap(), own, false).is_ok());
    }

    #[test]
    fn combinations_follow_docker() {
        let r = |m: Option<i64>, s: Option<i64>, res: Option<i64>| Resources {
            memory: m,
            memory_swap: s,
            memory_reservation: res,
            ..Default::default()
        };
        let got = r(Some(100), None, None).resolve(true).unwrap();
        assert_eq!(got.memory_swap, Some(200));
        assert_eq!(
            r(Some(100), None, None).resolve(false).unwrap().memory_swap,
            None
        );
        assert_eq!(
            r(Some(100), Some(-1), None)
                .resolve(true)
                .unwrap()
                .memory_swap,
            Some(-1)
        );
        rejects(r(None, Some(100), None).resolve(true), "needs --memory");
        rejects(
            r(Some(100), Some(50), None).resolve(true),
            "at least --memory",
        );
        rejects(r(Some(100), Some(100), None).resolve(false), "swap");
        rejects(
            r(Some(100), None, Some(200)).resolve(true),
            "must not exceed",
        );
        let e = r(Some(64 << 20), Some(32 << 20), None)
            .validate()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid memory-swap \"32m\": must be at least --memory (64m), or -1 for unlimited swap"
        );
        assert!(!Resources::default().any());
    }
}
