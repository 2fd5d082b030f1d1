//! The container's user, resolved the way runc and podman do it: from the IMAGE's own
//! /etc/passwd and /etc/group, never the host's.
//!
//! Accepted forms (for `-u` and the image config's `User`): `name`, `uid`, `name:group`,
//! `uid:gid`, `name:gid`, `uid:group`, and empty (root). A number is always an id and need
//! not exist in the files; a name must. Supplementary groups come from /etc/group membership
//! of the user's name, and only when no group was given explicitly (runc's rule).

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use nix::errno::Errno;
use nix::fcntl::{openat2, OFlag, OpenHow, ResolveFlag};

use super::options::{invalid, OptionError};

/// The ids the container's process runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecUser {
    pub uid: u32,
    pub gid: u32,
    pub additional_gids: Vec<u32>,
    /// From the user's passwd entry; "/" when there is none.
    pub home: String,
}

impl Default for ExecUser {
    fn default() -> Self {
        ExecUser {
            uid: 0,
            gid: 0,
            additional_gids: Vec::new(),
            home: "/".into(),
        }
    }
}

/// `-u user[:group]` (names or numbers), split but not yet resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserSpec {
    /// Empty means the default user (root).
    pub user: String,
    pub group: Option<String>,
}

pub fn parse_user(value: &str) -> Result<UserSpec, OptionError> {
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid("user", value, "contains whitespace"));
    }
    let (user, group) = match value.split_once(':') {
        Some((_, g)) if g.contains(':') => return Err(invalid("user", value, "too many colons")),
        Some((_, "")) => return Err(invalid("user", value, "empty group")),
        Some((u, g)) => (u, Some(g.to_string())),
        None => (value, None),
    };
    let user = user.to_string();
    Ok(UserSpec { user, group })
}

/// Larger "passwd" files are refused rather than read into memory.
const MAX_FILE: u64 = 16 << 20;

/// Resolves `user` against the image whose root filesystem is the directory `rootfs`.
pub fn resolve(rootfs: &Path, user: &str) -> Result<ExecUser, OptionError> {
    let passwd = read_in_root(rootfs, "etc/passwd")?;
    let group = read_in_root(rootfs, "etc/group")?;
    resolve_with(user, passwd.as_deref(), group.as_deref())
}

/// Reads `rel` (e.g. "etc/passwd") inside `rootfs` as if `rootfs` were `/`: symlinks, even
/// absolute ones and `..`, cannot lead outside it (openat2 RESOLVE_IN_ROOT). `None` when the
/// file does not exist; an error when it is not a regular file.
pub fn read_in_root(rootfs: &Path, rel: &str) -> Result<Option<String>, OptionError> {
    let path = rootfs.join(rel);
    let fail = |source: std::io::Error| OptionError::ImageFile {
        path: path.clone(),
        source,
    };
    let root = File::open(rootfs).map_err(|e| OptionError::ImageFile {
        path: rootfs.to_path_buf(),
        source: e,
    })?;
    // O_NONBLOCK: a FIFO planted in the image must not hang us; it is refused below.
    let how = OpenHow::new()
        .flags(OFlag::O_RDONLY | OFlag::O_CLOEXEC | OFlag::O_NOCTTY | OFlag::O_NONBLOCK)
        .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
    let fd = match openat2(&root, rel, how) {
        Ok(fd) => fd,
        Err(Errno::ENOENT) => return Ok(None),
        Err(e) => return Err(fail(e.into())),
    };
    let mut file = File::from(fd);
    let meta = file.metadata().map_err(fail)?;
    if !meta.is_file() {
        return Err(fail(std::io::Error::new(
            ErrorKind::InvalidData,
            "not a regular file",
        )));
    }
    if meta.len() > MAX_FILE {
        return Err(fail(std::io::Error::new(
            ErrorKind::InvalidData,
            "file too large",
        )));
    }
    let mut data = Vec::new();
    file.by_ref()
        .take(MAX_FILE)
        .read_to_end(&mut data)
        .map_err(fail)?;
    Ok(Some(String::from_utf8_lossy(&data).into_owned()))
}

struct PasswdEntry<'a> {
    name: &'a str,
    uid: u32,
    gid: u32,
    home: &'a str,
}

struct GroupEntry<'a> {
    name: &'a str,
    gid: u32,
    members: Vec<&'a str>,
}

/// The lines of a passwd/group file that hold an entry (no comments, blanks, NIS `+`/`-`).
fn entries(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(['#', '+', '-']))
        .map(|l| l.split(':').collect())
}

fn passwd_entries(text: &str) -> impl Iterator<Item = PasswdEntry<'_>> {
    entries(text).filter_map(|f| {
        Some(PasswdEntry {
            name: f.first()?,
            uid: f.get(2)?.parse().ok()?,
            gid: f.get(3)?.parse().ok()?,
            home: f.get(5).copied().unwrap_or(""),
        })
    })
}

fn group_entries(text: &str) -> impl Iterator<Item = GroupEntry<'_>> {
    entries(text).filter_map(|f| {
        Some(GroupEntry {
            name: f.first()?,
            gid: f.get(2)?.parse().ok()?,
            members: f
                .get(3)
                .map(|m| m.split(',').filter(|s| !s.is_empty()).collect())
                .unwrap_or_default(),
        })
    })
}

/// A numeric id, or `None` for a name. Ids beyond 2^31-1 are refused as runc does.
fn numeric_id(value: &str, id: &str) -> Result<Option<u32>, OptionError> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    match id.parse::<u32>() {
        Ok(n) if n <= i32::MAX as u32 => Ok(Some(n)),
        _ => Err(invalid(
            "user",
            value,
            "uids and gids must be in range 0-2147483647",
        )),
    }
}

/// `--group-add` values: numbers as they are, names from the image's /etc/group.
pub fn resolve_groups(rootfs: &Path, groups: &[String]) -> Result<Vec<u32>, OptionError> {
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    let text = read_in_root(rootfs, "etc/group")?;
    groups_with(groups, text.as_deref())
}

/// [`resolve_groups`] on the file's text (`None`: the image has no /etc/group).
pub fn groups_with(groups: &[String], group: Option<&str>) -> Result<Vec<u32>, OptionError> {
    let mut out = Vec::new();
    for g in groups {
        if g.is_empty() || g.contains(|c: char| c == ':' || c.is_whitespace()) {
            return Err(invalid("group", g, "not a group name or number"));
        }
        let gid = match numeric_id(g, g)? {
            Some(n) => n,
            None => group_entries(group.unwrap_or(""))
                .find(|e| e.name == g)
                .map(|e| e.gid)
                .ok_or_else(|| OptionError::NotFound {
                    kind: "group",
                    name: g.clone(),
                    file: "/etc/group",
                    file_exists: group.is_some(),
                })?,
        };
        if !out.contains(&gid) {
            out.push(gid);
        }
    }
    Ok(out)
}

/// [`resolve`] on the files' text (`None`: the image has no such file).
pub fn resolve_with(
    user: &str,
    passwd: Option<&str>,
    group: Option<&str>,
) -> Result<ExecUser, OptionError> {
    let spec = parse_user(user)?;
    let uid_arg = numeric_id(user, &spec.user)?;
    let gid_arg = match &spec.group {
        Some(g) => numeric_id(user, g)?,
        None => None,
    };
    let mut out = ExecUser::default();
    let matched = passwd_entries(passwd.unwrap_or("")).find(|e| match uid_arg {
        _ if spec.user.is_empty() => e.uid == 0,
        Some(uid) => e.uid == uid,
        None => e.name == spec.user,
    });
    let name = match matched {
        Some(e) => {
            out.uid = e.uid;
            out.gid = e.gid;
            if !e.home.is_empty() {
                out.home = e.home.to_string();
            }
            Some(e.name)
        }
        None => {
            match uid_arg {
                Some(uid) => out.uid = uid,
                None if spec.user.is_empty() => {}
                None => {
                    return Err(OptionError::NotFound {
                        kind: "user",
                        name: spec.user.clone(),
                        file: "/etc/passwd",
                        file_exists: passwd.is_some(),
                    })
                }
            }
            None
        }
    };
    let mut groups = group_entries(group.unwrap_or(""));
    match (&spec.group, gid_arg) {
        (Some(_), Some(gid)) => out.gid = gid,
        (Some(g), None) => {
            out.gid = groups.find(|e| e.name == g).map(|e| e.gid).ok_or_else(|| {
                OptionError::NotFound {
                    kind: "group",
                    name: g.clone(),
                    file: "/etc/group",
                    file_exists: group.is_some(),
                }
            })?;
        }
        (None, _) => {
            if let Some(name) = name {
                for e in groups.filter(|e| e.members.contains(&name)) {
                    if !out.additional_gids.contains(&e.gid) {
                        out.additional_gids.push(e.gid);
                    }
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    const PASSWD: &str = "\
root:x:0:0:root:/root:/bin/sh
# a comment
+nis
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bob:x:1000:1000:Bob:/home/bob:/bin/sh
broken:x:notanumber:1::/:
nohome:x:1001:1001
";
    const GROUP: &str = "\
root:x:0:
wheel:x:10:bob,root
staff:x:50:alice,bob
bob:x:1000:
users:x:100:
dup:x:10:bob
";

    fn r(user: &str) -> Result<ExecUser, OptionError> {
        resolve_with(user, Some(PASSWD), Some(GROUP))
    }

    fn ids(u: &ExecUser) -> (u32, u32, Vec<u32>, &str) {
        (u.uid, u.gid, u.additional_gids.clone(), u.home.as_str())
    }

    #[test]
    fn added_groups() {
        let g = |v: &[&str]| {
            groups_with(
                &v.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                Some(GROUP),
            )
        };
        assert_eq!(g(&["wheel", "500", "staff", "10"]).unwrap(), [10, 500, 50]);
        let e = g(&["nope"]).unwrap_err().to_string();
        assert_eq!(
            e,
            "unable to find group nope: no matching entries in the image's /etc/group"
        );
        assert!(g(&["a:b"]).is_err());
    }

    #[test]
    fn names_and_numbers() {
        assert_eq!(ids(&r("").unwrap()), (0, 0, vec![10], "/root"));
        assert_eq!(ids(&r("root").unwrap()), (0, 0, vec![10], "/root"));
        assert_eq!(
            ids(&r("bob").unwrap()),
            (1000, 1000, vec![10, 50], "/home/bob")
        );
        // A uid in passwd takes that entry's gid, home and groups.
        assert_eq!(
            ids(&r("1000").unwrap()),
            (1000, 1000, vec![10, 50], "/home/bob")
        );
        // A uid not in passwd is fine: gid 0, home /.
        assert_eq!(ids(&r("4242").unwrap()), (4242, 0, vec![], "/"));
        assert_eq!(ids(&r("nohome").unwrap()), (1001, 1001, vec![], "/"));
    }

    #[test]
    fn explicit_groups_drop_supplementary_ones() {
        assert_eq!(
            ids(&r("bob:users").unwrap()),
            (1000, 100, vec![], "/home/bob")
        );
        assert_eq!(ids(&r("bob:77").unwrap()), (1000, 77, vec![], "/home/bob"));
        assert_eq!(
            ids(&r("1000:100").unwrap()),
            (1000, 100, vec![], "/home/bob")
        );
        assert_eq!(ids(&r("4242:4343").unwrap()), (4242, 4343, vec![], "/"));
        assert_eq!(ids(&r("4242:staff").unwrap()), (4242, 50, vec![], "/"));
    }

    #[test]
    fn unknown_names_are_errors_naming_the_image_file() {
        let e = r("alice").unwrap_err().to_string();
        assert_eq!(
            e,
            "unable to find user alice: no matching entries in the image's /etc/passwd"
        );
        let e = r("bob:nogroup").unwrap_err().to_string();
        assert_eq!(
            e,
            "unable to find group nogroup: no matching entries in the image's /etc/group"
        );
        let e = resolve_with("bob", None, None).unwrap_err().to_string();
        assert_eq!(e, "unable to find user bob: the image has no /etc/passwd");
        assert!(r("broken").is_err());
        assert!(r("2147483648").unwrap_err().to_string().contains("range"));
        assert!(r("a:b:c").unwrap_err().to_string().contains("\"a:b:c\""));
    }

    #[test]
    fn parses_user_flags() {
        let u = |s: &str| parse_user(s).unwrap();
        assert_eq!(u("nobody").user, "nobody");
        assert_eq!(u("1000:100").group.as_deref(), Some("100"));
        assert_eq!(
            u(""),
            UserSpec {
                user: String::new(),
                group: None
            }
        );
        for bad in ["a:b:c", "a:", "a b"] {
            let e = parse_user(bad).unwrap_err().to_string();
            assert!(e.contains(&format!("\"{bad}\"")), "{e}");
        }
    }

    #[test]
    fn no_files_means_root_and_numbers_only() {
        assert_eq!(resolve_with("", None, None).unwrap(), ExecUser::default());
        assert_eq!(
            ids(&resolve_with("5:6", None, None).unwrap()),
            (5, 6, vec![], "/")
        );
    }

    fn rootfs() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("etc")).unwrap();
        dir
    }

    #[test]
    fn reads_the_image_files() {
        let root = rootfs();
        std::fs::write(root.path().join("etc/passwd"), PASSWD).unwrap();
        std::fs::write(root.path().join("etc/group"), GROUP).unwrap();
        let u = resolve(root.path(), "bob").unwrap();
        assert_eq!(ids(&u), (1000, 1000, vec![10, 50], "/home/bob"));
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(resolve(empty.path(), "").unwrap(), ExecUser::default());
        assert!(resolve(empty.path(), "bob").is_err());
    }

    #[test]
    fn symlinks_stay_inside_the_rootfs() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("passwd");
        std::fs::write(&secret, "evil:x:0:0::/:\n").unwrap();

        // Absolute symlink to a host path: resolved inside the rootfs, where it is absent.
        let root = rootfs();
        symlink(&secret, root.path().join("etc/passwd")).unwrap();
        assert_eq!(read_in_root(root.path(), "etc/passwd").unwrap(), None);
        // Relative escape: `..` stops at the rootfs.
        let root = rootfs();
        let rel = format!("../../../../../../..{}", secret.display());
        symlink(&rel, root.path().join("etc/passwd")).unwrap();
        assert_eq!(read_in_root(root.path(), "etc/passwd").unwrap(), None);
        // An absolute symlink inside the image is followed within it.
        let root = rootfs();
        std::fs::write(root.path().join("etc/passwd.real"), "x:x:7:7::/x:\n").unwrap();
        symlink("/etc/passwd.real", root.path().join("etc/passwd")).unwrap();
        assert_eq!(resolve(root.path(), "x").unwrap().uid, 7);
    }

    #[test]
    fn refuses_special_files() {
        let root = rootfs();
        nix::unistd::mkfifo(
            &root.path().join("etc/passwd"),
            nix::sys::stat::Mode::from_bits_truncate(0o600),
        )
        .unwrap();
        let e = read_in_root(root.path(), "etc/passwd")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a regular file"), "{e}");
        std::fs::create_dir(root.path().join("etc/group")).unwrap();
        assert!(read_in_root(root.path(), "etc/group").is_err());
    }
}
