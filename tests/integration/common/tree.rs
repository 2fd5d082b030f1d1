//! What an unpacked layer must look like, read from its tarball, and what it does look like,
//! read from disk; compared entry by entry: kind, content, mode, owner, mtime, overlay
//! whiteouts (0/0 char devices) and opaque dirs (xattr `*.overlay.opaque=y`).

use std::collections::BTreeMap;
use std::ffi::CString;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Dir {
        opaque: bool,
    },
    File {
        size: u64,
        sha256: String,
    },
    Symlink(String),
    /// An overlay whiteout: a character device 0/0.
    Whiteout,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: Kind,
    /// Permission bits including setuid/setgid/sticky (0 for whiteouts, 0o777 for symlinks).
    pub mode: u32,
    pub uid: u64,
    pub gid: u64,
    /// Seconds; 0 for whiteouts (their time is not part of the layer).
    pub mtime: i64,
}

pub type Tree = BTreeMap<String, Node>;

/// The xattr marking an opaque dir: `trusted.` as root, `user.` rootless.
pub fn opaque_xattr() -> &'static str {
    if super::is_root() {
        "trusted.overlay.opaque"
    } else {
        "user.overlay.opaque"
    }
}

/// The tree a layer tarball must unpack to, in overlay format.
pub fn expected(tar_bytes: &[u8]) -> Tree {
    let mut tree = Tree::new();
    let mut archive = tar::Archive::new(tar_bytes);
    for entry in archive.entries().expect("fixture tar") {
        let mut e = entry.expect("fixture tar entry");
        let path = e
            .path()
            .expect("entry path")
            .to_string_lossy()
            .trim_end_matches('/')
            .trim_start_matches("./")
            .to_string();
        let h = e.header().clone();
        let (dir, name) = match path.rsplit_once('/') {
            Some((d, n)) => (format!("{d}/"), n.to_string()),
            None => (String::new(), path.clone()),
        };
        if name == ".wh..wh..opq" {
            let d = dir.trim_end_matches('/');
            match tree.get_mut(d) {
                Some(Node {
                    kind: Kind::Dir { opaque },
                    ..
                }) => *opaque = true,
                _ => panic!("fixture: opaque marker before its dir {d}"),
            }
            continue;
        }
        if let Some(hidden) = name.strip_prefix(".wh.") {
            tree.insert(format!("{dir}{hidden}"), whiteout());
            continue;
        }
        if h.entry_type() == tar::EntryType::Link {
            // A hard link is the same inode as its target: same content, mode, owner, time.
            let target = e
                .link_name()
                .expect("link name")
                .expect("hardlink target")
                .to_string_lossy()
                .into_owned();
            let node = tree
                .get(&target)
                .unwrap_or_else(|| panic!("fixture: hardlink to unknown {target}"))
                .clone();
            tree.insert(path, node);
            continue;
        }
        let mut node = Node {
            kind: Kind::Other(String::new()),
            mode: h.mode().expect("mode") & 0o7777,
            uid: h.uid().expect("uid"),
            gid: h.gid().expect("gid"),
            mtime: h.mtime().expect("mtime") as i64,
        };
        node.kind = match h.entry_type() {
            tar::EntryType::Directory => Kind::Dir { opaque: false },
            tar::EntryType::Regular => {
                let mut data = Vec::new();
                std::io::Read::read_to_end(&mut e, &mut data).expect("entry data");
                Kind::File {
                    size: data.len() as u64,
                    sha256: super::sha256(&data),
                }
            }
            tar::EntryType::Symlink => {
                node.mode = 0o777;
                Kind::Symlink(
                    e.link_name()
                        .expect("link name")
                        .expect("symlink target")
                        .to_string_lossy()
                        .into_owned(),
                )
            }
            other => Kind::Other(format!("{other:?}")),
        };
        tree.insert(path, node);
    }
    tree
}

fn whiteout() -> Node {
    Node {
        kind: Kind::Whiteout,
        mode: 0,
        uid: 0,
        gid: 0,
        mtime: 0,
    }
}

/// The tree under `dir` as it is on disk (not following symlinks).
pub fn actual(dir: &Path) -> Tree {
    let mut tree = Tree::new();
    walk(dir, "", &mut tree);
    tree
}

fn walk(base: &Path, rel: &str, tree: &mut Tree) {
    let here = base.join(rel);
    let mut entries: Vec<_> = std::fs::read_dir(&here)
        .unwrap_or_else(|e| panic!("read {}: {e}", here.display()))
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        let full = base.join(&path);
        let m = std::fs::symlink_metadata(&full).expect("lstat");
        let ft = m.file_type();
        let mut node = Node {
            kind: Kind::Other(format!("{ft:?}")),
            mode: m.mode() & 0o7777,
            uid: m.uid() as u64,
            gid: m.gid() as u64,
            mtime: m.mtime(),
        };
        if ft.is_dir() {
            node.kind = Kind::Dir {
                opaque: xattr(&full, opaque_xattr()).as_deref() == Some(b"y".as_slice()),
            };
            tree.insert(path.clone(), node);
            walk(base, &path, tree);
            continue;
        }
        if ft.is_file() {
            let data = std::fs::read(&full).expect("read file");
            node.kind = Kind::File {
                size: data.len() as u64,
                sha256: super::sha256(&data),
            };
        } else if ft.is_symlink() {
            node.mode = 0o777;
            node.kind = Kind::Symlink(
                std::fs::read_link(&full)
                    .expect("readlink")
                    .to_string_lossy()
                    .into_owned(),
            );
        } else if ft.is_char_device() && m.rdev() == 0 {
            node = whiteout();
        }
        tree.insert(path, node);
    }
}

/// An extended attribute of `path` itself (not following symlinks).
pub fn xattr(path: &Path, name: &str) -> Option<Vec<u8>> {
    let p = CString::new(path.as_os_str().as_encoded_bytes()).ok()?;
    let n = CString::new(name).ok()?;
    let mut buf = vec![0u8; 256];
    // SAFETY: both strings are NUL-terminated and buf is writable for its length.
    let len =
        unsafe { libc::lgetxattr(p.as_ptr(), n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    if len < 0 {
        return None;
    }
    buf.truncate(len as usize);
    Some(buf)
}

/// Asserts that `diff_dir` is exactly what `tar` unpacks to; lists every difference.
pub fn assert_layer_matches(diff_dir: &Path, tar: &[u8]) {
    let diffs = differences(diff_dir, tar);
    assert!(
        diffs.is_empty(),
        "layer {} differs from its tarball:\n  {}",
        diff_dir.display(),
        diffs.join("\n  ")
    );
}

/// Every way `diff_dir` differs from what `tar` unpacks to (empty: exact).
pub fn differences(diff_dir: &Path, tar: &[u8]) -> Vec<String> {
    if !diff_dir.is_dir() {
        return vec![format!("{} is not a directory", diff_dir.display())];
    }
    let want = expected(tar);
    let got = actual(diff_dir);
    let mut diffs = Vec::new();
    for (path, w) in &want {
        match got.get(path) {
            None => diffs.push(format!("missing: {path} ({w:?})")),
            Some(g) if g != w => diffs.push(format!("{path}:\n    want {w:?}\n    got  {g:?}")),
            Some(_) => {}
        }
    }
    for path in got.keys().filter(|p| !want.contains_key(*p)) {
        diffs.push(format!("unexpected: {path} ({:?})", got[path]));
    }
    diffs
}
