//! Subordinate id ranges (/etc/subuid, /etc/subgid) and the user namespace's id mappings.
//!
//! Container root is the user; container id N (N >= 1) is the Nth subordinate id, as podman
//! maps them. Without subordinate ids, only the user itself is mapped (to root).

use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};
use crate::runtime::find_program;

/// One line of /proc/PID/uid_map: `inside outside count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdMap {
    pub inside: u32,
    pub outside: u32,
    pub count: u32,
}

/// A subordinate id range: `start`, `count` ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub start: u32,
    pub count: u32,
}

/// Who we are on the host: what the subid files are searched for.
#[derive(Debug, Clone)]
pub struct HostUser {
    pub uid: u32,
    pub gid: u32,
    pub name: String,
}

impl HostUser {
    pub fn current(uid: u32) -> HostUser {
        let user = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
            .ok()
            .flatten();
        HostUser {
            uid,
            gid: user
                .as_ref()
                .map(|u| u.gid.as_raw())
                .unwrap_or_else(|| nix::unistd::getegid().as_raw()),
            name: user.map(|u| u.name).unwrap_or_else(|| uid.to_string()),
        }
    }
}

/// The ranges of /etc/subuid or /etc/subgid text that belong to `user` (by name or number).
pub fn parse_subid_file(text: &str, user: &HostUser) -> Vec<Range> {
    let uid = user.uid.to_string();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split(':');
            let (who, start, count) = (f.next()?, f.next()?, f.next()?);
            (who == user.name || who == uid).then_some(())?;
            let r = Range {
                start: start.trim().parse().ok()?,
                count: count.trim().parse().ok()?,
            };
            (r.count > 0).then_some(r)
        })
        .collect()
}

/// `getsubids [-g] USER` output: `0: USER START COUNT` per range.
pub fn parse_getsubids(text: &str) -> Vec<Range> {
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let [_, _, start, count] = f[..] else {
                return None;
            };
            let r = Range {
                start: start.parse().ok()?,
                count: count.parse().ok()?,
            };
            (r.count > 0).then_some(r)
        })
        .collect()
}

/// The user's subordinate uid (`gids = false`) or gid ranges: from `getsubids` when it is
/// installed (it also asks NSS sources such as LDAP), else from the files.
pub fn subordinate_ids(user: &HostUser, gids: bool) -> Vec<Range> {
    if let Some(tool) = find_program("getsubids") {
        let mut c = Command::new(tool);
        if gids {
            c.arg("-g");
        }
        if let Ok(out) = c.arg(&user.name).output() {
            if out.status.success() {
                return parse_getsubids(&String::from_utf8_lossy(&out.stdout));
            }
        }
    }
    let file = if gids { "/etc/subgid" } else { "/etc/subuid" };
    std::fs::read_to_string(file)
        .map(|t| parse_subid_file(&t, user))
        .unwrap_or_default()
}

/// Root is `own`; ids 1.. follow the ranges in order.
pub fn mappings(own: u32, ranges: &[Range]) -> Vec<IdMap> {
    let mut out = vec![IdMap {
        inside: 0,
        outside: own,
        count: 1,
    }];
    let mut next = 1u32;
    for r in ranges {
        out.push(IdMap {
            inside: next,
            outside: r.start,
            count: r.count,
        });
        next = next.saturating_add(r.count);
    }
    out
}

/// Parses /proc/PID/uid_map (or gid_map).
pub fn parse_map(text: &str) -> Vec<IdMap> {
    text.lines()
        .filter_map(|l| {
            let f: Vec<u32> = l
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            let [inside, outside, count] = f[..] else {
                return None;
            };
            Some(IdMap {
                inside,
                outside,
                count,
            })
        })
        .collect()
}

/// This process's uid and gid maps.
pub fn current_maps() -> (Vec<IdMap>, Vec<IdMap>) {
    let read = |f: &str| parse_map(&std::fs::read_to_string(f).unwrap_or_default());
    (read("/proc/self/uid_map"), read("/proc/self/gid_map"))
}

/// Whether `id` is mapped inside by `maps`.
pub fn is_mapped(maps: &[IdMap], id: u32) -> bool {
    maps.iter()
        .any(|m| id >= m.inside && id - m.inside < m.count)
}

/// Whether this process runs in a user namespace other than the initial one.
pub fn in_user_namespace() -> bool {
    let (uids, _) = current_maps();
    uids != [IdMap {
        inside: 0,
        outside: 0,
        count: u32::MAX,
    }]
}

/// How the namespace of a rootless user was (or will be) mapped.
#[derive(Debug, Clone)]
pub struct Plan {
    pub uids: Vec<IdMap>,
    pub gids: Vec<IdMap>,
    /// Why only the user itself is mapped, when it is.
    pub single_reason: Option<String>,
}

impl Plan {
    pub fn for_user(user: &HostUser) -> Plan {
        let subuids = subordinate_ids(user, false);
        let subgids = subordinate_ids(user, true);
        let tools = find_program("newuidmap").is_some() && find_program("newgidmap").is_some();
        let reason = if subuids.is_empty() || subgids.is_empty() {
            Some(format!(
                "{} (uid {}) has no subordinate ids in /etc/subuid and /etc/subgid",
                user.name, user.uid
            ))
        } else if !tools {
            Some("newuidmap and newgidmap are not installed (Debian package uidmap)".into())
        } else {
            None
        };
        match reason {
            None => Plan {
                uids: mappings(user.uid, &subuids),
                gids: mappings(user.gid, &subgids),
                single_reason: None,
            },
            Some(r) => Plan {
                uids: mappings(user.uid, &[]),
                gids: mappings(user.gid, &[]),
                single_reason: Some(r),
            },
        }
    }

    /// Writes the maps of `pid`, a process that has just entered its new user namespace:
    /// with newuidmap/newgidmap (setuid helpers that check the subid files), or directly for
    /// the single mapping an unprivileged process may write itself.
    pub fn apply(&self, pid: i32) -> Result<()> {
        if self.single_reason.is_none() {
            helper("newuidmap", pid, &self.uids)?;
            return helper("newgidmap", pid, &self.gids);
        }
        let proc_dir = Path::new("/proc").join(pid.to_string());
        let write = |name: &str, text: String| {
            let p = proc_dir.join(name);
            std::fs::write(&p, text).map_err(|e| Error::io(p, e))
        };
        let line = |m: &[IdMap]| {
            m.iter()
                .map(|m| format!("{} {} {}\n", m.inside, m.outside, m.count))
                .collect::<String>()
        };
        write("uid_map", line(&self.uids))?;
        // An unprivileged writer of gid_map must first give up setgroups(2).
        write("setgroups", "deny".into())?;
        write("gid_map", line(&self.gids))
    }
}

fn helper(tool: &str, pid: i32, maps: &[IdMap]) -> Result<()> {
    let mut c = Command::new(find_program(tool).unwrap_or_else(|| tool.into()));
    c.arg(pid.to_string());
    for m in maps {
        c.args([
            m.inside.to_string(),
            m.outside.to_string(),
            m.count.to_string(),
        ]);
    }
    let out = c
        .output()
        .map_err(|e| Error::Rootless(format!("cannot run {tool}: {e}")))?;
    if !out.status.success() {
        return Err(Error::Rootless(format!(
            "{tool} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> HostUser {
        HostUser {
            uid: 1001,
            gid: 1001,
            name: "ann".into(),
        }
    }

    #[test]
    fn subid_lines_match_name_or_uid() {
        let text = "# c\nbob:200000:65536\nann:100000:65536\n1001:300000:10\nann:1:0\nbad\n";
        let r = parse_subid_file(text, &user());
        assert_eq!(
            r,
            [
                Range {
                    start: 100000,
                    count: 65536
                },
                Range {
                    start: 300000,
                    count: 10
                }
            ]
        );
    }

    #[test]
    fn getsubids_output() {
        let r = parse_getsubids("0: ann 100000 65536\n1: ann 300000 10\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].start, 300000);
        assert!(parse_getsubids("Error fetching ranges\n").is_empty());
    }

    #[test]
    fn container_id_n_is_subid_start_plus_n_minus_one() {
        let m = mappings(
            1001,
            &[
                Range {
                    start: 100000,
                    count: 65536,
                },
                Range {
                    start: 300000,
                    count: 10,
                },
            ],
        );
        assert_eq!(
            m,
            [
                IdMap {
                    inside: 0,
                    outside: 1001,
                    count: 1
                },
                IdMap {
                    inside: 1,
                    outside: 100000,
                    count: 65536
                },
                IdMap {
                    inside: 65537,
                    outside: 300000,
                    count: 10
                },
            ]
        );
        assert!(is_mapped(&m, 1000));
        assert!(is_mapped(&m, 65546));
        assert!(!is_mapped(&m, 65547));
    }

    #[test]
    fn proc_maps_parse() {
        let m = parse_map("         0       1001          1\n         1     100000      65536\n");
        assert_eq!(m.len(), 2);
        assert!(!is_mapped(&m[..1], 1));
    }
}
