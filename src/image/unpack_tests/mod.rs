//! Tests for `unpack`; run as root (ownership, devices and `trusted.*` xattrs need it).
//! [`exact`]: what a layer holds is what lands on disk; [`contained`]: no entry of a
//! hostile layer reaches outside the layer's directory. Here: the tar builder, fixtures and
//! snapshots both use.

mod contained;
mod exact;

use super::*;
use std::fs;
use std::io::Cursor;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use tar::{EntryType, Header};
use tempfile::TempDir;

const MTIME: u64 = 1_600_000_000;

fn opts() -> UnpackOptions {
    UnpackOptions {
        preserve_owner: true,
        opaque_xattr: "trusted.overlay.opaque",
        devices: true,
        copy: None,
    }
}

fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// An in-memory tar whose names are written raw, so hostile names (`..`) are possible.
struct Tar(tar::Builder<Vec<u8>>);

impl Tar {
    fn new() -> Self {
        Tar(tar::Builder::new(Vec::new()))
    }

    fn entry(
        &mut self,
        name: &[u8],
        kind: EntryType,
        link: &[u8],
        data: &[u8],
        mode: u32,
        owner: (u64, u64),
        dev: (u32, u32),
    ) -> &mut Self {
        let mut h = Header::new_gnu();
        {
            let old = h.as_old_mut();
            old.name[..name.len()].copy_from_slice(name);
            old.linkname[..link.len()].copy_from_slice(link);
        }
        h.set_entry_type(kind);
        h.set_size(data.len() as u64);
        h.set_mode(mode);
        h.set_uid(owner.0);
        h.set_gid(owner.1);
        h.set_mtime(MTIME);
        if matches!(kind, EntryType::Char | EntryType::Block) {
            h.set_device_major(dev.0).unwrap();
            h.set_device_minor(dev.1).unwrap();
        }
        h.set_cksum();
        self.0.append(&h, data).unwrap();
        self
    }

    fn file(&mut self, name: &str, data: &[u8]) -> &mut Self {
        self.entry(
            name.as_bytes(),
            EntryType::Regular,
            b"",
            data,
            0o644,
            (0, 0),
            (0, 0),
        )
    }

    fn file_mode(&mut self, name: &str, data: &[u8], mode: u32) -> &mut Self {
        self.entry(
            name.as_bytes(),
            EntryType::Regular,
            b"",
            data,
            mode,
            (0, 0),
            (0, 0),
        )
    }

    fn dir(&mut self, name: &str, mode: u32) -> &mut Self {
        self.entry(
            name.as_bytes(),
            EntryType::Directory,
            b"",
            b"",
            mode,
            (0, 0),
            (0, 0),
        )
    }

    fn symlink(&mut self, name: &str, target: &str) -> &mut Self {
        self.entry(
            name.as_bytes(),
            EntryType::Symlink,
            target.as_bytes(),
            b"",
            0o777,
            (0, 0),
            (0, 0),
        )
    }

    fn link(&mut self, name: &str, target: &str) -> &mut Self {
        self.entry(
            name.as_bytes(),
            EntryType::Link,
            target.as_bytes(),
            b"",
            0o644,
            (0, 0),
            (0, 0),
        )
    }

    /// A PAX header describing the next entry.
    fn pax(&mut self, records: &[(&str, &[u8])]) -> &mut Self {
        let mut body = Vec::new();
        for (k, v) in records {
            let rest = k.len() + v.len() + 3; // ' ', '=', '\n'
            let mut len = rest + 1;
            while len != rest + len.to_string().len() {
                len = rest + len.to_string().len();
            }
            body.extend_from_slice(format!("{len} {k}=").as_bytes());
            body.extend_from_slice(v);
            body.push(b'\n');
        }
        self.entry(
            b"pax",
            EntryType::XHeader,
            b"",
            &body,
            0o644,
            (0, 0),
            (0, 0),
        )
    }

    fn bytes(&mut self) -> Vec<u8> {
        self.0.finish().unwrap();
        self.0.get_ref().clone()
    }
}

/// `tmp/dest` (empty) beside `tmp/host` (a sentinel file and directory that must not change).
struct Fixture {
    _tmp: TempDir,
    dest: PathBuf,
    host: PathBuf,
    before: Vec<String>,
}

impl Fixture {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("dest");
        let host = tmp.path().join("host");
        fs::create_dir(&dest).unwrap();
        fs::create_dir(&host).unwrap();
        fs::write(host.join("file"), b"sentinel").unwrap();
        fs::create_dir(host.join("dir")).unwrap();
        let before = snapshot(&host);
        Fixture {
            _tmp: tmp,
            dest,
            host,
            before,
        }
    }

    fn host(&self) -> String {
        self.host.to_str().unwrap().to_owned()
    }

    fn unpack(&self, tar: &mut Tar) -> Result<UnpackStats, UnpackError> {
        unpack(Cursor::new(tar.bytes()), &self.dest, &opts())
    }

    fn host_unchanged(&self) {
        assert_eq!(snapshot(&self.host), self.before, "host tree changed");
    }

    fn at(&self, rel: &str) -> PathBuf {
        self.dest.join(rel)
    }
}

/// Everything observable about a tree: names, types, modes, owners, sizes, mtimes, contents,
/// link counts and xattrs.
fn snapshot(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        let m = fs::symlink_metadata(&p).unwrap();
        let content = if m.is_file() {
            String::from_utf8_lossy(&fs::read(&p).unwrap()).into_owned()
        } else if m.is_symlink() {
            fs::read_link(&p).unwrap().display().to_string()
        } else {
            String::new()
        };
        out.push(format!(
            "{} {:o} {}:{} {} {} {} {} {:?}",
            p.display(),
            m.mode(),
            m.uid(),
            m.gid(),
            m.len(),
            m.mtime(),
            m.nlink(),
            content,
            list_xattrs(&p),
        ));
        if m.is_dir() {
            for e in fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
        }
    }
    out.sort();
    out
}

fn cpath(p: &Path) -> CString {
    CString::new(p.as_os_str().as_bytes()).unwrap()
}

fn list_xattrs(p: &Path) -> Vec<u8> {
    let mut buf = vec![0u8; 4096];
    let c = cpath(p);
    // SAFETY: valid NUL-terminated path and a buffer of the given length.
    let n = unsafe { libc::llistxattr(c.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    buf.truncate(n.max(0) as usize);
    buf
}

fn get_xattr(p: &Path, name: &str) -> Option<Vec<u8>> {
    let mut buf = vec![0u8; 4096];
    let (c, n) = (cpath(p), CString::new(name).unwrap());
    // SAFETY: valid NUL-terminated strings and a buffer of the given length.
    let len =
        unsafe { libc::lgetxattr(c.as_ptr(), n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    (len >= 0).then(|| buf[..len as usize].to_vec())
}

fn lmeta(p: &Path) -> fs::Metadata {
    fs::symlink_metadata(p).unwrap()
}

fn refused(r: Result<UnpackStats, UnpackError>, path_has: &str) {
    match r {
        Err(UnpackError::Refused { path, reason }) => {
            assert!(path.contains(path_has), "refused {path:?} ({reason})");
        }
        other => panic!("expected refusal of {path_has:?}, got {other:?}"),
    }
}
