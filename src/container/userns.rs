//! A container's own user namespace, as root: `--userns=auto`'s ranges allocated from the
//! `containers` user's subordinate ids (as containers/storage's getAutoUserNS: the ids
//! every other container's record maps are taken), and a user namespace with given maps
//! held open by a descriptor, which id-mapped mounts take (see [`super::idmapped`]).

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};

use crate::container::plan::{IdMapping, IdMappings};
use crate::error::{Error, Result};
use crate::rootless::idmap::{parse_subid_file, HostUser, Range};

/// The user whose /etc/subuid and /etc/subgid ranges `auto` takes ids from (podman's
/// RootAutoUserNsUser).
pub const AUTO_USER: &str = "containers";
/// containers/storage's defaults for `auto_userns_min_size` and `auto_userns_max_size`.
pub const AUTO_MIN_SIZE: u32 = 1024;
pub const AUTO_MAX_SIZE: u32 = 65536;
/// containers/storage's ErrNoAvailableIDs.
const NO_IDS: &str = "not enough unused IDs in user namespace";

/// Sorted, disjoint `[start, end)` intervals.
type Set = Vec<(u64, u64)>;

fn normalize(mut v: Set) -> Set {
    v.retain(|(s, e)| s < e);
    v.sort_unstable();
    let mut out: Set = Vec::new();
    for (s, e) in v {
        match out.last_mut() {
            Some(l) if s <= l.1 => l.1 = l.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn subtract(a: &Set, b: &Set) -> Set {
    let mut out = Vec::new();
    for &(mut s, e) in a {
        for &(bs, be) in b {
            if be <= s || bs >= e {
                continue;
            }
            if bs > s {
                out.push((s, bs));
            }
            s = s.max(be);
            if s >= e {
                break;
            }
        }
        if s < e {
            out.push((s, e));
        }
    }
    out
}

/// The first `n` ids of `a`, lowest first.
fn find_available(a: &Set, mut n: u64) -> Result<Set> {
    let mut out = Vec::new();
    for &(s, e) in a {
        if n == 0 {
            break;
        }
        let end = e.min(s + n);
        out.push((s, end));
        n -= end - s;
    }
    match n {
        0 => Ok(out),
        _ => Err(Error::Userns(NO_IDS.into())),
    }
}

/// Host ids `host` paired in order with container ids `container`.
fn zip(host: &Set, container: &Set) -> Vec<IdMapping> {
    let (mut h, mut c) = (host.iter().copied(), container.iter().copied());
    let (mut hc, mut cc) = (h.next(), c.next());
    let mut out = Vec::new();
    while let (Some((hs, he)), Some((cs, ce))) = (hc, cc) {
        let n = (he - hs).min(ce - cs);
        if n > 0 {
            out.push(IdMapping::new(cs as u32, hs as u32, n as u32));
        }
        hc = (hs + n < he).then_some((hs + n, he)).or_else(|| h.next());
        cc = (cs + n < ce).then_some((cs + n, ce)).or_else(|| c.next());
    }
    out
}

fn host_ids(maps: &[IdMapping]) -> Set {
    normalize(
        maps.iter()
            .map(|m| {
                (
                    u64::from(m.host_id),
                    u64::from(m.host_id) + u64::from(m.size),
                )
            })
            .collect(),
    )
}

fn container_ids(maps: &[IdMapping]) -> Set {
    normalize(
        maps.iter()
            .map(|m| {
                let s = u64::from(m.container_id);
                (s, s + u64::from(m.size))
            })
            .collect(),
    )
}

fn ranges_set(r: &[Range]) -> Set {
    normalize(
        r.iter()
            .map(|r| (u64::from(r.start), u64::from(r.start) + u64::from(r.count)))
            .collect(),
    )
}

/// containers/storage's getAutoUserNSIDMappings: `size` container ids from 0 (less those
/// `extra` maps) on the lowest ids of `available` no other container uses.
pub fn auto_maps(
    size: u32,
    available: (&[Range], &[Range]),
    used: &[IdMappings],
    extra: &IdMappings,
) -> Result<IdMappings> {
    let one = |avail: &[Range], used: Vec<IdMapping>, extra: &[IdMapping]| {
        let mut taken = used;
        taken.extend_from_slice(extra);
        let wanted = subtract(&vec![(0, u64::from(size))], &container_ids(extra));
        let n = wanted.iter().map(|(s, e)| e - s).sum();
        let hosts = find_available(&subtract(&ranges_set(avail), &host_ids(&taken)), n)?;
        let mut map = zip(&hosts, &wanted);
        map.extend_from_slice(extra);
        Ok::<_, Error>(map)
    };
    let uids = used.iter().flat_map(|m| m.uid_map.clone()).collect();
    let gids = used.iter().flat_map(|m| m.gid_map.clone()).collect();
    Ok(IdMappings {
        uid_map: one(available.0, uids, &extra.uid_map)?,
        gid_map: one(available.1, gids, &extra.gid_map)?,
    })
}

/// containers/storage's parseMountedFiles: one past the highest uid or gid the image's
/// /etc/passwd and /etc/group name, nobody (65534) left out.
pub fn size_from_files(passwd: Option<&str>, group: Option<&str>) -> u32 {
    const NOBODY: u64 = 65534;
    let mut size = 0u64;
    let mut see = |id: Option<u64>| {
        if let Some(id) = id.filter(|i| *i != NOBODY && *i >= size) {
            size = id + 1;
        }
    };
    for (text, ids) in [(passwd, 2..4), (group, 2..3)] {
        for l in text.unwrap_or_default().lines() {
            let f: Vec<&str> = l.split(':').collect();
            if f.len() < ids.end || f[0] == "nobody" || f[0] == "nogroup" {
                continue;
            }
            for i in ids.clone() {
                see(f[i].trim().parse().ok());
            }
        }
    }
    size.min(u64::from(u32::MAX)) as u32
}

/// The size `auto` takes: the one asked for, else the image's users', at least
/// [`AUTO_MIN_SIZE`] and at most [`AUTO_MAX_SIZE`], in containers/storage's words.
pub fn auto_size(requested: Option<u32>, from_image: u32) -> Result<u32> {
    if let Some(s) = requested {
        return Ok(s);
    }
    let size = from_image.max(AUTO_MIN_SIZE);
    if size > AUTO_MAX_SIZE {
        return Err(Error::Userns(format!(
            "the container needs a user namespace with size {size} that is bigger than the \
             maximum value allowed with userns=auto {AUTO_MAX_SIZE}"
        )));
    }
    Ok(size)
}

/// The `containers` user's ranges in /etc/subuid and /etc/subgid text, or podman's error.
pub fn auto_ranges(subuid: &str, subgid: &str) -> Result<(Vec<Range>, Vec<Range>)> {
    let user = HostUser {
        uid: u32::MAX,
        gid: u32::MAX,
        name: AUTO_USER.into(),
    };
    let (u, g) = (
        parse_subid_file(subuid, &user),
        parse_subid_file(subgid, &user),
    );
    let missing = |what: &str, kind: &str, file: &str| {
        Err(Error::Userns(format!(
            "cannot find mappings for user \"{AUTO_USER}\": no sub{what} ranges found for \
             {kind} \"{AUTO_USER}\" in {file}"
        )))
    };
    if u.is_empty() {
        return missing("uid", "user", "/etc/subuid");
    }
    if g.is_empty() {
        return missing("gid", "group", "/etc/subgid");
    }
    Ok((u, g))
}

impl crate::container::lifecycle::Manager {
    /// The maps of the container's own user namespace, if it has one: `auto`'s allocated
    /// under the store-wide lock returned, which the caller holds until the container's
    /// record (naming the maps) exists, so that two creations never take the same ids.
    pub(crate) fn userns_maps(
        &self,
        plan: &crate::container::plan::UsernsPlan,
        image: &crate::image::store::ImageRecord,
    ) -> Result<(Option<IdMappings>, Option<crate::fsutil::Lock>)> {
        use crate::container::plan::UsernsPlan;
        let (size, extra) = match plan {
            UsernsPlan::Host => return Ok((None, None)),
            UsernsPlan::Maps(m) => return Ok((Some(m.clone()), None)),
            UsernsPlan::Auto { size, extra } => (size, extra),
        };
        let read = |f: &str| std::fs::read_to_string(f).unwrap_or_default();
        let available = auto_ranges(&read("/etc/subuid"), &read("/etc/subgid"))?;
        let size = match size {
            Some(s) => *s,
            None => auto_size(None, self.image_users_size(image))?,
        };
        let lock = crate::fsutil::Lock::exclusive(&self.ctx.root.join("userns.lock"))?;
        let used: Vec<IdMappings> = self
            .containers
            .ids()?
            .iter()
            .filter_map(|id| self.containers.config(id).ok())
            .filter_map(|c| c.idmaps)
            .collect();
        let maps = auto_maps(size, (&available.0, &available.1), &used, extra)?;
        Ok((Some(maps), Some(lock)))
    }

    /// [`size_from_files`] of the image's /etc/passwd and /etc/group: the topmost layer's
    /// that has them.
    fn image_users_size(&self, image: &crate::image::store::ImageRecord) -> u32 {
        let layers = self.images.root().join("layers");
        let find = |name: &str| {
            crate::container::rootfs::lower_dirs(&image.layers)
                .iter()
                .map(|l| l.path(&layers).join(name))
                .find_map(|p| std::fs::read_to_string(p).ok())
        };
        size_from_files(find("etc/passwd").as_deref(), find("etc/group").as_deref())
    }
}

/// The host ids of the container's root, who owns what ctl makes for it to write.
pub fn root_owner(maps: &IdMappings) -> Option<(u32, u32)> {
    use crate::container::plan::to_host;
    Some((to_host(&maps.uid_map, 0)?, to_host(&maps.gid_map, 0)?))
}

/// Rootless, a container whose namespace leaves the user's own id unmapped (`nomap`)
/// reaches its rootfs as one of the user's subordinate ids: every directory above the
/// store must let others through (ctl's own dirs in it are made so).
pub fn check_reachable(maps: &IdMappings, store: &std::path::Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let user_mapped = maps.uid_map.iter().any(|m| m.host_id == 0 && m.size > 0);
    if user_mapped {
        return Ok(());
    }
    for dir in store.ancestors().skip(1) {
        let Ok(md) = std::fs::metadata(dir) else {
            continue;
        };
        let mode = md.permissions().mode() & 0o7777;
        if mode & 0o001 == 0 {
            return Err(Error::Userns(format!(
                "the container's root, not mapped to you, cannot reach the store {}: {} is \
                 mode {mode:o} (`chmod o+x {}`, or use --userns=keep-id)",
                store.display(),
                dir.display(),
                dir.display()
            )));
        }
    }
    Ok(())
}

/// Rootless `keep-id`, as podman: the user (the container id the user's namespace id 0 is)
/// gets an entry in the container's /etc/passwd and /etc/group when the image has none,
/// written through the mounted rootfs `merged` into the container's upper dir. An /etc
/// file that is not a regular file of the image is left alone.
pub fn add_keep_id_user(merged: &std::path::Path, maps: &IdMappings, host_uid: u32) -> Result<()> {
    let own = |m: &[IdMapping]| m.iter().find(|m| m.host_id == 0).map(|m| m.container_id);
    let (Some(uid), Some(gid)) = (own(&maps.uid_map), own(&maps.gid_map)) else {
        return Ok(());
    };
    let user = crate::rootless::idmap::HostUser::current(host_uid);
    let home = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(host_uid))
        .ok()
        .flatten()
        .map(|u| u.dir.display().to_string())
        .unwrap_or_else(|| "/".into());
    let name = &user.name;
    let lines = [
        (
            "etc/passwd",
            2,
            uid,
            format!("{name}:*:{uid}:{gid}:{name}:{home}:/bin/sh\n"),
        ),
        ("etc/group", 2, gid, format!("{name}:x:{gid}:{name}\n")),
    ];
    for (rel, field, id, line) in lines {
        let Ok(Some(text)) = crate::container::user::read_in_root(merged, rel) else {
            continue;
        };
        let has = text
            .lines()
            .any(|l| l.split(':').nth(field).and_then(|v| v.parse::<u32>().ok()) == Some(id));
        let path = merged.join(rel);
        let regular = merged
            .join("etc")
            .symlink_metadata()
            .is_ok_and(|m| m.is_dir())
            && path.symlink_metadata().is_ok_and(|m| m.is_file());
        if has || !regular {
            continue;
        }
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let sep = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        f.write_all(format!("{sep}{line}").as_bytes())
            .map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Makes `dir` and the files in it the container's root's (`owner` on the host), as the
/// files ctl writes there are bound into the container.
pub fn give_to_root(dir: &std::path::Path, owner: (u32, u32)) -> Result<()> {
    use crate::error::IoContext;
    let chown = |p: &std::path::Path| std::os::unix::fs::chown(p, Some(owner.0), Some(owner.1));
    chown(dir).at(dir)?;
    for e in std::fs::read_dir(dir).at(dir)? {
        let p = e.at(dir)?.path();
        chown(&p).at(&p)?;
    }
    Ok(())
}

fn map_text(maps: &[IdMapping]) -> String {
    maps.iter()
        .map(|m| format!("{} {} {}\n", m.container_id, m.host_id, m.size))
        .collect()
}

/// A new user namespace with `maps`, held by its descriptor: a child unshares it and waits
/// while its maps are written and its namespace opened, then exits.
pub fn userns_fd(maps: &IdMappings) -> Result<OwnedFd> {
    let sys = |what: &str, e: nix::errno::Errno| Error::Userns(format!("{what}: {}", e.desc()));
    let (ready_r, ready_w) = nix::unistd::pipe().map_err(|e| sys("pipe", e))?;
    let (go_r, go_w) = nix::unistd::pipe().map_err(|e| sys("pipe", e))?;
    // SAFETY: the child calls only async-signal-safe functions (unshare, write, read,
    // _exit) on descriptors made above, then exits without returning or unwinding, so
    // fork in a process that may have threads is sound; the parent waits for it below.
    let fork = unsafe { nix::unistd::fork() }.map_err(|e| sys("fork", e))?;
    let child = match fork {
        nix::unistd::ForkResult::Child => {
            // SAFETY: see above: raw syscalls on this process's own descriptors.
            unsafe {
                // Only the parent may hold the write end it closes to let this child go.
                libc::close(go_w.as_raw_fd());
                let ok = u8::from(libc::unshare(libc::CLONE_NEWUSER) == 0);
                libc::write(ready_w.as_raw_fd(), (&ok as *const u8).cast(), 1);
                let mut b = 0u8;
                libc::read(go_r.as_raw_fd(), (&mut b as *mut u8).cast(), 1);
                libc::_exit(0)
            }
        }
        nix::unistd::ForkResult::Parent { child } => child,
    };
    drop(ready_w);
    drop(go_r);
    let opened = (|| {
        let mut b = [0u8];
        let n = std::fs::File::from(ready_r).read(&mut b).unwrap_or(0);
        if n != 1 || b[0] != 1 {
            return Err(Error::Userns("cannot create a user namespace".into()));
        }
        let proc = format!("/proc/{child}");
        for (file, m) in [("uid_map", &maps.uid_map), ("gid_map", &maps.gid_map)] {
            let path = format!("{proc}/{file}");
            std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .and_then(|mut f| f.write_all(map_text(m).as_bytes()))
                .map_err(|e| Error::Userns(format!("writing {file} {:?}: {e}", map_text(m))))?;
        }
        let ns = format!("{proc}/ns/user");
        std::fs::File::open(&ns)
            .map(OwnedFd::from)
            .map_err(|e| Error::io(ns, e))
    })();
    drop(go_w);
    let _ = nix::sys::wait::waitpid(child, None);
    opened
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(start: u32, count: u32) -> Range {
        Range { start, count }
    }

    #[test]
    fn auto_takes_the_lowest_unused_ids() {
        let avail = [r(100000, 100000)];
        let none = IdMappings::default();
        let a = auto_maps(1024, (&avail, &avail), &[], &none).unwrap();
        assert_eq!(a.uid_map, vec![IdMapping::new(0, 100000, 1024)]);
        let b = auto_maps(2048, (&avail, &avail), std::slice::from_ref(&a), &none).unwrap();
        assert_eq!(b.uid_map, vec![IdMapping::new(0, 101024, 2048)]);
        assert_eq!(b.gid_map, b.uid_map);
        // A hole left by a removed container is used first, then the rest.
        let c = IdMappings {
            uid_map: vec![IdMapping::new(0, 100512, 512)],
            gid_map: vec![IdMapping::new(0, 100512, 512)],
        };
        let d = auto_maps(1024, (&avail, &avail), &[c], &none).unwrap();
        assert_eq!(
            d.uid_map,
            vec![
                IdMapping::new(0, 100000, 512),
                IdMapping::new(512, 101024, 512)
            ]
        );
        let e = auto_maps(200000, (&avail, &avail), &[], &none).unwrap_err();
        assert_eq!(e.to_string(), format!("user namespace: {NO_IDS}"));
    }

    #[test]
    fn auto_keeps_extra_mappings_out_of_its_range() {
        let avail = [r(100000, 100000)];
        let extra = IdMappings {
            uid_map: vec![IdMapping::new(0, 5000, 1)],
            gid_map: vec![],
        };
        let a = auto_maps(1024, (&avail, &avail), &[], &extra).unwrap();
        assert_eq!(
            a.uid_map,
            vec![IdMapping::new(1, 100000, 1023), IdMapping::new(0, 5000, 1)]
        );
        assert_eq!(a.gid_map, vec![IdMapping::new(0, 100000, 1024)]);
    }

    #[test]
    fn size_is_the_image_s_highest_id_but_nobody() {
        let passwd = "root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n\
                      app:x:1500:1500::/:/bin/sh\n";
        let group = "root:x:0:\nstaff:x:2000:\nnogroup:x:65534:\n";
        assert_eq!(size_from_files(Some(passwd), Some(group)), 2001);
        assert_eq!(size_from_files(None, None), 0);
        assert_eq!(auto_size(None, 2001).unwrap(), 2001);
        assert_eq!(auto_size(None, 10).unwrap(), AUTO_MIN_SIZE);
        assert_eq!(auto_size(Some(10), 99999).unwrap(), 10);
        let e = auto_size(None, 70000).unwrap_err().to_string();
        assert!(e.contains("bigger than the maximum value allowed with userns=auto 65536"));
    }

    #[test]
    fn ranges_of_the_containers_user_or_podman_s_error() {
        let (u, g) = auto_ranges("containers:200000:65536\n", "containers:300000:65536\n").unwrap();
        assert_eq!((u, g), (vec![r(200000, 65536)], vec![r(300000, 65536)]));
        let e = auto_ranges("alice:100000:65536\n", "")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "user namespace: cannot find mappings for user \"containers\": no subuid ranges \
             found for user \"containers\" in /etc/subuid"
        );
    }
}
