//! Capabilities: podman's default set, `--cap-add`/`--cap-drop` merged as containers/common
//! merges them, and the sets a process gets (pure; the host's bounding set is an input).

use oci_spec::runtime::Capability;

use super::options::{invalid, OptionError};

/// Podman's default capabilities (containers.conf `default_capabilities`).
pub const DEFAULT_CAPABILITIES: &[Capability] = &[
    Capability::Chown,
    Capability::DacOverride,
    Capability::Fowner,
    Capability::Fsetid,
    Capability::Kill,
    Capability::NetBindService,
    Capability::Setfcap,
    Capability::Setgid,
    Capability::Setpcap,
    Capability::Setuid,
    Capability::SysChroot,
];

/// Every capability by its kernel number (linux/capability.h).
pub const BY_NUMBER: &[Capability] = &[
    Capability::Chown,
    Capability::DacOverride,
    Capability::DacReadSearch,
    Capability::Fowner,
    Capability::Fsetid,
    Capability::Kill,
    Capability::Setgid,
    Capability::Setuid,
    Capability::Setpcap,
    Capability::LinuxImmutable,
    Capability::NetBindService,
    Capability::NetBroadcast,
    Capability::NetAdmin,
    Capability::NetRaw,
    Capability::IpcLock,
    Capability::IpcOwner,
    Capability::SysModule,
    Capability::SysRawio,
    Capability::SysChroot,
    Capability::SysPtrace,
    Capability::SysPacct,
    Capability::SysAdmin,
    Capability::SysBoot,
    Capability::SysNice,
    Capability::SysResource,
    Capability::SysTime,
    Capability::SysTtyConfig,
    Capability::Mknod,
    Capability::Lease,
    Capability::AuditWrite,
    Capability::AuditControl,
    Capability::Setfcap,
    Capability::MacOverride,
    Capability::MacAdmin,
    Capability::Syslog,
    Capability::WakeAlarm,
    Capability::BlockSuspend,
    Capability::AuditRead,
    Capability::Perfmon,
    Capability::Bpf,
    Capability::CheckpointRestore,
];

/// The kernel number of `c`.
pub fn number(c: Capability) -> u32 {
    BY_NUMBER.iter().position(|x| *x == c).unwrap_or(0) as u32
}

/// The capabilities in a `/proc/PID/status` mask (`CapBnd: 000001ffffffffff`).
pub fn from_mask(mask: u64) -> Vec<Capability> {
    let bits = BY_NUMBER.iter().enumerate();
    bits.filter(|(i, _)| mask & (1u64 << i) != 0)
        .map(|(_, c)| *c)
        .collect()
}

/// The mask of a set of capabilities, as /proc/PID/status shows it.
pub fn to_mask<'a>(caps: impl IntoIterator<Item = &'a Capability>) -> u64 {
    caps.into_iter().fold(0, |m, c| m | 1 << number(*c))
}

/// A capability name as users write it: `NET_ADMIN`, `cap_net_admin`, `CAP_NET_ADMIN`;
/// `None` for `ALL`.
fn parse_name(flag: &'static str, value: &str) -> Result<Option<Capability>, OptionError> {
    let upper = value.to_ascii_uppercase();
    let bare = upper.strip_prefix("CAP_").unwrap_or(&upper);
    if bare == "ALL" {
        return Ok(None);
    }
    serde_json::from_value(serde_json::Value::String(format!("CAP_{bare}")))
        .map(Some)
        .map_err(|_| invalid(flag, value, "unknown capability"))
}

/// A list of capability names (`CHOWN` or `CAP_CHOWN`) as a mask; `what` names the list in
/// errors.
pub fn mask_of<S: AsRef<str>>(what: &'static str, names: &[S]) -> Result<u64, OptionError> {
    let mut mask = 0;
    for n in names {
        match parse_name(what, n.as_ref().trim())? {
            None => mask |= to_mask(BY_NUMBER),
            Some(cap) => mask |= 1 << number(cap),
        }
    }
    Ok(mask)
}

/// Parsed `--cap-add`/`--cap-drop` lists, as masks of capability bits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapChanges {
    /// The default set when not the built-in one (containers.conf's default_capabilities).
    pub base: Option<u64>,
    pub add_all: bool,
    pub add: u64,
    pub drop_all: bool,
    pub drop: u64,
}

impl CapChanges {
    /// Each flag value may be a comma-separated list.
    pub fn parse<S: AsRef<str>>(adds: &[S], drops: &[S]) -> Result<CapChanges, OptionError> {
        let mut c = CapChanges::default();
        let items = |v: &[S]| -> Vec<String> {
            v.iter()
                .flat_map(|s| s.as_ref().split(',').map(str::trim).map(String::from))
                .filter(|s| !s.is_empty())
                .collect()
        };
        for a in items(adds) {
            match parse_name("cap-add", &a)? {
                None => c.add_all = true,
                Some(cap) => c.add |= 1 << number(cap),
            }
        }
        for d in items(drops) {
            match parse_name("cap-drop", &d)? {
                None => c.drop_all = true,
                Some(cap) => c.drop |= 1 << number(cap),
            }
        }
        if c.add_all && c.drop_all {
            return Err(invalid(
                "cap-add",
                "ALL",
                "adding all capabilities and dropping all is contradictory",
            ));
        }
        if let Some(both) = from_mask(c.add & c.drop).first() {
            return Err(invalid(
                "cap-add",
                &both.to_string(),
                "a capability cannot be both added and dropped",
            ));
        }
        Ok(c)
    }
}

/// The capability sets of the container's process, as masks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CapSets {
    pub bounding: u64,
    /// Also permitted.
    pub effective: u64,
    /// Also ambient (podman gives a non-root user its added capabilities this way).
    pub inheritable: u64,
}

impl CapChanges {
    /// The changes as `CAP_*` names (`ALL` first when given): (added, dropped).
    pub fn names(&self) -> (Vec<String>, Vec<String>) {
        let list = |all: bool, mask: u64| {
            let all = all.then(|| "ALL".to_string());
            all.into_iter()
                .chain(from_mask(mask).iter().map(|c| format!("CAP_{c}")))
                .collect()
        };
        (list(self.add_all, self.add), list(self.drop_all, self.drop))
    }
}

/// containers/common's MergeCapabilities plus podman's rule for users: `base` is the
/// default set (or everything with --privileged); `host` is what the caller itself may
/// hand out (its bounding set), which also stands for ALL. Root gets the bounding set as
/// its effective and permitted sets; any other user gets only the added capabilities, in
/// every set including ambient, so they survive the switch away from uid 0.
pub fn resolve(base: u64, c: &CapChanges, host: u64, root: bool) -> CapSets {
    let bounding = if c.drop_all {
        c.add
    } else if c.add_all {
        host & !c.drop
    } else {
        (base | c.add) & !c.drop
    } & host;
    if root {
        return CapSets {
            bounding,
            effective: bounding,
            inheritable: 0,
        };
    }
    let added = if c.add_all {
        bounding
    } else {
        c.add & bounding
    };
    CapSets {
        bounding,
        effective: added,
        inheritable: added,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_mask_is_podmans() {
        assert_eq!(to_mask(DEFAULT_CAPABILITIES), 0x8004_05fb);
        assert_eq!(from_mask(0x8004_05fb).len(), DEFAULT_CAPABILITIES.len());
        assert_eq!(to_mask(BY_NUMBER), 0x1ff_ffff_ffff);
        assert_eq!(number(Capability::SysAdmin), 21);
    }

    #[test]
    fn names_in_any_case_and_prefix() {
        let c = CapChanges::parse(&["net_admin,CAP_SYS_TIME", "cap_mknod"], &["Kill"]).unwrap();
        let want = to_mask(&[Capability::NetAdmin, Capability::SysTime, Capability::Mknod]);
        assert_eq!(c.add, want);
        assert_eq!(c.drop, 1 << number(Capability::Kill));
        assert!(CapChanges::parse(&["all"], &[]).unwrap().add_all);
        let (a, d) = CapChanges::parse(&["all"], &["sys_admin"]).unwrap().names();
        assert_eq!((a, d), (vec!["ALL".into()], vec!["CAP_SYS_ADMIN".into()]));
        let e = CapChanges::parse(&["NET_FLY"], &[])
            .unwrap_err()
            .to_string();
        assert_eq!(e, "invalid cap-add \"NET_FLY\": unknown capability");
        assert!(CapChanges::parse(&["ALL"], &["all"]).is_err());
        let e = CapChanges::parse(&["CHOWN"], &["cap_chown"]).unwrap_err();
        assert!(e.to_string().contains("\"CHOWN\""), "{e}");
    }

    #[test]
    fn merging_follows_podman() {
        let (def, host) = (to_mask(DEFAULT_CAPABILITIES), to_mask(BY_NUMBER));
        let r = |a: &[&str], d: &[&str], root| {
            let c = CapChanges::parse(a, d).unwrap();
            resolve(def, &c, host, root)
        };
        let s = r(&[], &[], true);
        assert_eq!((s.bounding, s.effective, s.inheritable), (def, def, 0));
        let s = r(&["SYS_ADMIN"], &["CHOWN"], true);
        assert_eq!(s.bounding, def - 1 + (1 << 21));
        assert_eq!(r(&["NET_RAW"], &["ALL"], true).bounding, 1 << 13);
        assert_eq!(
            r(&["ALL"], &["SYS_ADMIN"], true).bounding,
            host & !(1 << 21)
        );
        // A user keeps only what was added, in every set.
        let s = r(&["NET_RAW"], &[], false);
        assert_eq!((s.bounding, s.effective), (def | 1 << 13, 1 << 13));
        assert_eq!(s.inheritable, s.effective);
        assert_eq!(r(&[], &[], false).effective, 0);
        // Nothing beyond what the caller holds.
        let c = CapChanges::parse(&["ALL"], &[]).unwrap();
        assert_eq!(resolve(def, &c, def, true).bounding, def);
    }
}
