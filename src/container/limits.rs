//! The cgroup limit flags `create`/`run` and `update` share: as given ([`LimitRequest`]),
//! parsed into changes ([`LimitChanges`]), and laid over a container's recorded
//! [`Resources`] — nothing for `create`, the record for `update`.

use super::blkio::{host_block_device, parse_devices, parse_weight, DeviceFlag, DeviceLimit};
use super::options::{invalid, OptionError};
use super::resources::{
    parse_cpu_shares, parse_cpus, parse_cpuset, parse_memory, parse_memory_swap, parse_pids_limit,
    Resources, CPU_PERIOD,
};

/// The limit flags as typed (None or empty: not given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LimitRequest {
    pub memory: Option<String>,
    pub memory_swap: Option<String>,
    pub memory_reservation: Option<String>,
    pub memory_swappiness: Option<String>,
    pub oom_kill_disable: bool,
    pub cpus: Option<String>,
    pub cpu_period: Option<String>,
    pub cpu_quota: Option<String>,
    pub cpu_rt_period: Option<String>,
    pub cpu_rt_runtime: Option<String>,
    pub cpu_shares: Option<String>,
    pub cpuset_cpus: Option<String>,
    pub cpuset_mems: Option<String>,
    pub pids_limit: Option<String>,
    pub blkio_weight: Option<String>,
    pub blkio_weight_device: Vec<String>,
    pub device_read_bps: Vec<String>,
    pub device_write_bps: Vec<String>,
    pub device_read_iops: Vec<String>,
    pub device_write_iops: Vec<String>,
}

/// What the flags change; `None`: left as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LimitChanges {
    pub memory: Option<i64>,
    pub memory_swap: Option<i64>,
    pub memory_reservation: Option<i64>,
    pub memory_swappiness: Option<u64>,
    pub oom_kill_disable: Option<bool>,
    /// The CFS quota, from `--cpus` (with the default period) or `--cpu-quota`.
    pub cpu_quota: Option<i64>,
    pub cpu_period: Option<u64>,
    pub cpu_rt_period: Option<u64>,
    pub cpu_rt_runtime: Option<i64>,
    /// `Some(None)`: back to the default weight (`--cpu-shares 0`).
    pub cpu_shares: Option<Option<u64>>,
    pub cpuset_cpus: Option<String>,
    pub cpuset_mems: Option<String>,
    pub pids_limit: Option<i64>,
    /// `Some(None)`: no weight (`--blkio-weight 0`).
    pub blkio_weight: Option<Option<u16>>,
    pub weight_device: Option<Vec<DeviceLimit>>,
    pub read_bps: Option<Vec<DeviceLimit>>,
    pub write_bps: Option<Vec<DeviceLimit>>,
    pub read_iops: Option<Vec<DeviceLimit>>,
    pub write_iops: Option<Vec<DeviceLimit>>,
}

fn number<T: std::str::FromStr>(what: &'static str, v: &str) -> Result<T, OptionError> {
    v.parse()
        .map_err(|_| invalid(what, v, "must be a non-negative number"))
}

impl LimitRequest {
    /// The flags parsed and checked as podman checks them; devices are looked up on this
    /// host.
    pub fn parse(&self) -> Result<LimitChanges, OptionError> {
        self.parse_with(host_block_device)
    }

    /// [`LimitRequest::parse`] with the device lookup given.
    pub fn parse_with(
        &self,
        stat: impl Fn(&str) -> std::io::Result<(i64, i64)> + Copy,
    ) -> Result<LimitChanges, OptionError> {
        let mem =
            |what, v: &Option<String>| v.as_deref().map(|v| parse_memory(what, v)).transpose();
        if self.cpus.is_some() {
            for (given, flag) in [
                (&self.cpu_quota, "--cpu-quota"),
                (&self.cpu_period, "--cpu-period"),
            ] {
                if given.is_some() {
                    return Err(OptionError::Refused(format!(
                        "{flag} and --cpus cannot be set together"
                    )));
                }
            }
        }
        let cpu_quota = match (&self.cpus, &self.cpu_quota) {
            (Some(c), _) => Some(parse_cpus(c)?),
            (None, Some(q)) => match q.parse::<i64>() {
                Ok(n) if n >= 1000 => Some(n),
                _ => {
                    return Err(invalid(
                        "cpu-quota",
                        q,
                        "must be at least 1000 (microseconds)",
                    ))
                }
            },
            (None, None) => None,
        };
        let cpu_period = match self.cpu_period.as_deref() {
            Some(p) => match p.parse::<u64>() {
                Ok(n) if (1000..=1_000_000).contains(&n) => Some(n),
                _ => {
                    return Err(invalid(
                        "cpu-period",
                        p,
                        "must be from 1000 to 1000000 (microseconds)",
                    ))
                }
            },
            // `--cpus` is a quota over the default period, as podman records it.
            None => self.cpus.as_ref().map(|_| CPU_PERIOD),
        };
        let swappiness = match self.memory_swappiness.as_deref() {
            // podman's default, -1: the kernel's.
            Some("-1") | None => None,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n <= 100 => Some(n),
                _ => return Err(invalid("memory-swappiness", v, "must be from 0 to 100")),
            },
        };
        let devices = |flag, list: &[String]| -> Result<Option<Vec<DeviceLimit>>, OptionError> {
            if list.is_empty() {
                return Ok(None);
            }
            parse_devices(flag, list, stat).map(Some)
        };
        Ok(LimitChanges {
            memory: mem("memory", &self.memory)?,
            memory_swap: self
                .memory_swap
                .as_deref()
                .map(parse_memory_swap)
                .transpose()?,
            memory_reservation: mem("memory-reservation", &self.memory_reservation)?,
            memory_swappiness: swappiness,
            oom_kill_disable: self.oom_kill_disable.then_some(true),
            cpu_quota,
            cpu_period,
            cpu_rt_period: self
                .cpu_rt_period
                .as_deref()
                .map(|v| number("cpu-rt-period", v))
                .transpose()?,
            cpu_rt_runtime: self
                .cpu_rt_runtime
                .as_deref()
                .map(|v| number("cpu-rt-runtime", v))
                .transpose()?,
            cpu_shares: self
                .cpu_shares
                .as_deref()
                .map(parse_cpu_shares)
                .transpose()?,
            cpuset_cpus: self.cpuset_cpus.as_deref().map(parse_cpuset).transpose()?,
            cpuset_mems: self
                .cpuset_mems
                .as_deref()
                .map(|v| {
                    parse_cpuset(v).map_err(|_| invalid("cpuset-mems", v, "use a list like 0-1,3"))
                })
                .transpose()?,
            pids_limit: self
                .pids_limit
                .as_deref()
                .map(parse_pids_limit)
                .transpose()?,
            blkio_weight: self.blkio_weight.as_deref().map(parse_weight).transpose()?,
            weight_device: devices(DeviceFlag::Weight, &self.blkio_weight_device)?,
            read_bps: devices(DeviceFlag::Bps, &self.device_read_bps)?,
            write_bps: devices(DeviceFlag::Bps, &self.device_write_bps)?,
            read_iops: devices(DeviceFlag::Iops, &self.device_read_iops)?,
            write_iops: devices(DeviceFlag::Iops, &self.device_write_iops)?,
        })
    }
}

impl LimitChanges {
    pub fn is_empty(&self) -> bool {
        *self == LimitChanges::default()
    }

    /// Whether a per-device block I/O limit changes (runc applies those at start only).
    pub fn changes_devices(&self) -> bool {
        [
            &self.weight_device,
            &self.read_bps,
            &self.write_bps,
            &self.read_iops,
            &self.write_iops,
        ]
        .iter()
        .any(|d| d.is_some())
    }

    /// `old` with these changes. A new memory limit without a new swap limit gets the
    /// default swap again. Not yet resolved
    /// ([`Resources::resolve`]).
    pub fn apply(&self, old: &Resources) -> Resources {
        let mut r = old.clone();
        if let Some(m) = self.memory {
            r.memory = Some(m);
            r.memory_swap = None;
        }
        set(&mut r.memory_swap, self.memory_swap);
        set(&mut r.memory_reservation, self.memory_reservation);
        set(&mut r.memory_swappiness, self.memory_swappiness);
        if let Some(v) = self.oom_kill_disable {
            r.oom_kill_disable = v;
        }
        set(&mut r.cpu_quota, self.cpu_quota);
        set(&mut r.cpu_period, self.cpu_period);
        set(&mut r.cpu_rt_period, self.cpu_rt_period);
        set(&mut r.cpu_rt_runtime, self.cpu_rt_runtime);
        if let Some(v) = self.cpu_shares {
            r.cpu_shares = v;
        }
        set(&mut r.cpuset_cpus, self.cpuset_cpus.clone());
        set(&mut r.cpuset_mems, self.cpuset_mems.clone());
        set(&mut r.pids_limit, self.pids_limit);
        if let Some(w) = self.blkio_weight {
            r.blkio.weight = w;
        }
        let io = &mut r.blkio;
        for (new, have) in [
            (&self.weight_device, &mut io.weight_device),
            (&self.read_bps, &mut io.read_bps),
            (&self.write_bps, &mut io.write_bps),
            (&self.read_iops, &mut io.read_iops),
            (&self.write_iops, &mut io.write_iops),
        ] {
            if let Some(list) = new {
                for d in list {
                    have.retain(|h| h.path != d.path);
                    // A weight or rate of 0 removes the device's limit.
                    if d.value != 0 {
                        have.push(d.clone());
                    }
                }
            }
        }
        r
    }
}

fn set<T>(slot: &mut Option<T>, v: Option<T>) {
    if v.is_some() {
        *slot = v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::container::blkio::tests::disk;

    #[test]
    fn flags_become_limits() {
        let req = LimitRequest {
            cpu_period: Some("50000".into()),
            cpu_quota: Some("25000".into()),
            cpuset_mems: Some("0".into()),
            memory_swappiness: Some("10".into()),
            oom_kill_disable: true,
            blkio_weight: Some("300".into()),
            device_read_bps: vec!["/dev/vda:1mb".into()],
            ..Default::default()
        };
        let r = req.parse_with(disk).unwrap().apply(&Resources::default());
        assert_eq!((r.cpu_quota, r.cpu_period), (Some(25000), Some(50000)));
        assert_eq!(r.cpuset_mems.as_deref(), Some("0"));
        assert_eq!(r.memory_swappiness, Some(10));
        assert!(r.oom_kill_disable);
        assert_eq!(r.blkio.weight, Some(300));
        assert_eq!(r.blkio.read_bps[0].value, 1 << 20);
        // -1 is podman's "not set".
        let req = LimitRequest {
            memory_swappiness: Some("-1".into()),
            ..Default::default()
        };
        assert!(req.parse_with(disk).unwrap().is_empty());
    }

    #[test]
    fn conflicts_and_ranges_are_refused() {
        let bad = |req: LimitRequest| req.parse_with(disk).unwrap_err().to_string();
        assert_eq!(
            bad(LimitRequest {
                cpus: Some("1".into()),
                cpu_period: Some("10000".into()),
                ..Default::default()
            }),
            "--cpu-period and --cpus cannot be set together"
        );
        assert!(bad(LimitRequest {
            cpu_period: Some("10".into()),
            ..Default::default()
        })
        .contains("from 1000 to 1000000"));
        assert!(bad(LimitRequest {
            memory_swappiness: Some("101".into()),
            ..Default::default()
        })
        .contains("from 0 to 100"));
        assert!(bad(LimitRequest {
            cpuset_mems: Some("x".into()),
            ..Default::default()
        })
        .contains("invalid cpuset-mems"));
    }

    #[test]
    fn changes_lay_over_the_record() {
        let old = LimitRequest {
            cpus: Some("2".into()),
            device_write_iops: vec!["/dev/vda:100".into()],
            memory: Some("64m".into()),
            memory_swap: Some("128m".into()),
            ..Default::default()
        }
        .parse_with(disk)
        .unwrap()
        .apply(&Resources::default());
        let ch = LimitRequest {
            cpu_period: Some("20000".into()),
            device_write_iops: vec!["/dev/vda:0".into()],
            memory: Some("32m".into()),
            ..Default::default()
        }
        .parse_with(disk)
        .unwrap();
        assert!(ch.changes_devices());
        let r = ch.apply(&old);
        assert_eq!((r.cpu_quota, r.cpu_period), (Some(200_000), Some(20000)));
        assert_eq!(old.cpu_period, Some(CPU_PERIOD));
        assert!(r.blkio.write_iops.is_empty());
        assert_eq!((r.memory, r.memory_swap), (Some(32 << 20), None));
    }
}
