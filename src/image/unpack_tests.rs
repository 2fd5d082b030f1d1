//! Tests for `unpack`; run as root (ownership, devices and `trusted.*` xattrs need it).

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

    #[allow(clippy::too_many_arguments)]
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

#[test]
fn normal_layer_is_exact() {
    let f = Fixture::new();
    let mut t = Tar::new();
    t.dir("d/", 0o750)
        .pax(&[
            ("SCHILY.xattr.user.test", b"value"),
            ("mtime", b"1600000000.25"),
        ])
        .entry(
            b"d/f",
            EntryType::Regular,
            b"",
            b"hello",
            0o640,
            (1000, 1000),
            (0, 0),
        )
        .file_mode("d/suid", b"#!", 0o4755)
        .file_mode("d/sgid", b"#!", 0o2711)
        .dir("tmp", 0o1777)
        .entry(
            b"d/l",
            EntryType::Symlink,
            b"f",
            b"",
            0o777,
            (1000, 1001),
            (0, 0),
        )
        .link("d/h", "d/f")
        .entry(b"d/p", EntryType::Fifo, b"", b"", 0o600, (0, 0), (0, 0))
        .entry(b"d/null", EntryType::Char, b"", b"", 0o666, (0, 0), (1, 3))
        .entry(
            b"d/sub",
            EntryType::Directory,
            b"",
            b"",
            0o700,
            (1000, 1000),
            (0, 0),
        )
        .file("d/sub/x", b"x");
    let stats = f.unpack(&mut t).unwrap();
    assert_eq!(stats.entries, 11);
    assert_eq!(stats.bytes, 5 + 2 + 2 + 1);

    let file = lmeta(&f.at("d/f"));
    assert_eq!(fs::read(f.at("d/f")).unwrap(), b"hello");
    assert_eq!(file.mode() & 0o7777, 0o640);
    assert_eq!((file.uid(), file.gid()), (1000, 1000));
    assert_eq!(
        (file.mtime(), file.mtime_nsec()),
        (MTIME as i64, 250_000_000)
    );
    assert_eq!(get_xattr(&f.at("d/f"), "user.test").unwrap(), b"value");
    assert_eq!(lmeta(&f.at("d/suid")).mode() & 0o7777, 0o4755);
    assert_eq!(lmeta(&f.at("d/sgid")).mode() & 0o7777, 0o2711);
    let tmp = lmeta(&f.at("tmp"));
    assert!(tmp.is_dir());
    assert_eq!(tmp.mode() & 0o7777, 0o1777);

    let d = lmeta(&f.at("d"));
    assert!(d.is_dir());
    assert_eq!(d.mode() & 0o7777, 0o750);
    assert_eq!(d.mtime(), MTIME as i64, "dir mtime set after its children");
    let sub = lmeta(&f.at("d/sub"));
    assert_eq!(
        (sub.mode() & 0o7777, sub.uid(), sub.mtime()),
        (0o700, 1000, MTIME as i64)
    );

    let l = lmeta(&f.at("d/l"));
    assert!(l.file_type().is_symlink());
    assert_eq!(fs::read_link(f.at("d/l")).unwrap(), Path::new("f"));
    assert_eq!((l.uid(), l.gid(), l.mtime()), (1000, 1001, MTIME as i64));

    let h = lmeta(&f.at("d/h"));
    assert_eq!(h.ino(), file.ino());
    assert_eq!(h.nlink(), 2);

    let p = lmeta(&f.at("d/p"));
    assert!(p.file_type().is_fifo());
    assert_eq!(p.mode() & 0o7777, 0o600);

    if is_root() {
        let n = lmeta(&f.at("d/null"));
        assert!(n.file_type().is_char_device());
        assert_eq!(n.rdev(), makedev(1, 3));
        assert_eq!(n.mode() & 0o7777, 0o666);
    }
    f.host_unchanged();
}

#[test]
fn rootless_options_skip_devices_and_owners() {
    let f = Fixture::new();
    let mut t = Tar::new();
    t.entry(b"null", EntryType::Char, b"", b"", 0o666, (0, 0), (1, 3))
        .entry(b"blk", EntryType::Block, b"", b"", 0o666, (0, 0), (8, 0))
        .entry(
            b"f",
            EntryType::Regular,
            b"",
            b"x",
            0o644,
            (1000, 1000),
            (0, 0),
        )
        .entry(b"wh", EntryType::Char, b"", b"", 0, (0, 0), (0, 0));
    let o = UnpackOptions {
        preserve_owner: false,
        opaque_xattr: "user.overlay.opaque",
        devices: false,
    };
    unpack(Cursor::new(t.bytes()), &f.dest, &o).unwrap();
    assert!(!f.at("null").exists() && !f.at("blk").exists());
    let wh = lmeta(&f.at("wh"));
    assert!(wh.file_type().is_char_device() && wh.rdev() == 0);
    assert_eq!(lmeta(&f.at("f")).uid(), nix::unistd::geteuid().as_raw());
}

#[test]
fn long_names_pax_and_gnu() {
    let f = Fixture::new();
    let long = format!("{}/{}", "a".repeat(120), "b".repeat(120));
    let mut b = tar::Builder::new(Vec::new());
    let mut h = Header::new_gnu();
    h.set_size(3);
    h.set_mode(0o644);
    b.append_data(&mut h, &long, &b"gnu"[..]).unwrap();
    let mut t = Tar(b);
    let pax_long = format!("{}/pax", "c".repeat(150));
    t.pax(&[("path", pax_long.as_bytes())])
        .file("short", b"pax");
    f.unpack(&mut t).unwrap();
    assert_eq!(fs::read(f.at(&long)).unwrap(), b"gnu");
    assert_eq!(fs::read(f.at(&pax_long)).unwrap(), b"pax");
    assert!(!f.at("short").exists());
}

#[test]
fn whiteout_becomes_char_device_0_0() {
    let f = Fixture::new();
    let mut t = Tar::new();
    t.dir("d", 0o755)
        .file("d/x", b"x")
        .dir("d/sub", 0o755)
        .file("d/sub/y", b"y")
        .file("d/.wh.gone", b"")
        .file("d/.wh.x", b"")
        .file("d/.wh.sub", b"")
        .file("new/.wh.z", b"")
        .file(".wh..wh.plnk", b"");
    f.unpack(&mut t).unwrap();
    for w in ["d/gone", "d/x", "d/sub", "new/z"] {
        let m = lmeta(&f.at(w));
        assert!(m.file_type().is_char_device(), "{w}");
        assert_eq!(m.rdev(), 0, "{w}");
    }
    assert!(!f.at("d/.wh.gone").exists());
    assert!(!f.at(".wh..wh.plnk").exists());
    assert!(lmeta(&f.at("new")).is_dir());
    refused(f.unpack(Tar::new().file("d/.wh.", b"")), ".wh.");
    refused(f.unpack(Tar::new().file("d/.wh...", b"")), ".wh.");
}

#[test]
fn opaque_marker_sets_xattr() {
    let f = Fixture::new();
    let mut t = Tar::new();
    t.dir("d", 0o755)
        .file("d/.wh..wh..opq", b"")
        .file("missing/deeper/.wh..wh..opq", b"")
        .file(".wh..wh..opq", b"");
    f.unpack(&mut t).unwrap();
    let opq = "trusted.overlay.opaque";
    assert_eq!(get_xattr(&f.at("d"), opq).unwrap(), b"y");
    assert_eq!(get_xattr(&f.at("missing/deeper"), opq).unwrap(), b"y");
    assert_eq!(get_xattr(&f.dest, opq).unwrap(), b"y");
    assert!(!f.at("d/.wh..wh..opq").exists());
    // A layer cannot write overlay's own attributes itself.
    let mut t = Tar::new();
    t.pax(&[("SCHILY.xattr.trusted.overlay.redirect", b"/x")])
        .dir("r", 0o755);
    f.unpack(&mut t).unwrap();
    assert_eq!(get_xattr(&f.at("r"), "trusted.overlay.redirect"), None);
}

#[test]
fn dotdot_components_are_refused() {
    let f = Fixture::new();
    for name in [
        "../host/file",
        "a/../../host/file",
        "a/b/../../../host/new",
        "..",
    ] {
        let mut t = Tar::new();
        t.file(name, b"pwned");
        refused(f.unpack(&mut t), name);
        let mut t = Tar::new();
        t.pax(&[("path", name.as_bytes())]).file("x", b"pwned");
        refused(f.unpack(&mut t), name);
    }
    refused(f.unpack(Tar::new().dir("../host/dir/", 0o777)), "..");
    refused(f.unpack(Tar::new().symlink("../host/new", "/etc")), "..");
    f.host_unchanged();
}

#[test]
fn absolute_paths_are_contained() {
    let f = Fixture::new();
    let host_file = format!("{}/file", f.host());
    let mut t = Tar::new();
    t.file("/etc/x", b"in layer").file(&host_file, b"pwned");
    f.unpack(&mut t).unwrap();
    assert_eq!(fs::read(f.at("etc/x")).unwrap(), b"in layer");
    assert_eq!(fs::read(f.at(&host_file[1..])).unwrap(), b"pwned");
    f.host_unchanged();
}

#[test]
fn symlinked_parents_stay_inside() {
    let f = Fixture::new();
    let host = f.host();
    // Absolute symlink to the host directory: resolves to dest/<host path>, which is missing.
    let mut t = Tar::new();
    t.symlink("a", &host).file("a/file", b"pwned");
    refused(f.unpack(&mut t), "a/file");
    refused(f.unpack(Tar::new().file("a/new", b"pwned")), "a/new");
    refused(f.unpack(Tar::new().dir("a/dir/sub", 0o755)), "a/dir/sub");
    // Relative symlink climbing out: `..` stops at the layer root.
    let mut t = Tar::new();
    t.symlink("b", "../../..").file("b/x", b"contained");
    f.unpack(&mut t).unwrap();
    assert_eq!(fs::read(f.at("x")).unwrap(), b"contained");
    refused(
        f.unpack(Tar::new().symlink("c", "../host").file("c/file", b"pwned")),
        "c/file",
    );
    // `etc -> /etc`-style: inside the layer when the target exists there.
    let mut t = Tar::new();
    t.dir("realetc", 0o755)
        .symlink("e", "/realetc")
        .file("e/passwd", b"root");
    f.unpack(&mut t).unwrap();
    assert_eq!(fs::read(f.at("realetc/passwd")).unwrap(), b"root");
    // /etc on the host is never touched.
    let etc = snapshot_one(Path::new("/etc/passwd"));
    refused(
        f.unpack(Tar::new().symlink("h", "/etc").file("h/passwd", b"pwned")),
        "h/passwd",
    );
    assert_eq!(snapshot_one(Path::new("/etc/passwd")), etc);
    f.host_unchanged();
}

fn snapshot_one(p: &Path) -> (u64, i64, i64, u32) {
    let m = lmeta(p);
    (m.len(), m.mtime(), m.ctime(), m.mode())
}

#[test]
fn symlink_swapped_for_directory() {
    let f = Fixture::new();
    let mut t = Tar::new();
    t.dir("d/", 0o755)
        .file("d/keep", b"k")
        .symlink("d", &f.host())
        .file("d/file", b"pwned");
    refused(f.unpack(&mut t), "d/file");
    assert!(lmeta(&f.at("d")).file_type().is_symlink());
    let mut t = Tar::new();
    t.dir("e/", 0o755)
        .symlink("e", "/etc")
        .file("e/passwd", b"pwned");
    refused(f.unpack(&mut t), "e/passwd");
    f.host_unchanged();
}

#[test]
fn hardlinks_stay_inside() {
    let f = Fixture::new();
    let host = f.host();
    refused(f.unpack(Tar::new().link("x", "../../host/file")), "x");
    refused(f.unpack(Tar::new().link("x", "../host/file")), "x");
    refused(f.unpack(Tar::new().link("y", &format!("{host}/file"))), "y");
    refused(f.unpack(Tar::new().link("w", "/etc/shadow")), "w");
    // Through a symlink that points outside.
    refused(
        f.unpack(Tar::new().symlink("s", &host).link("h", "s/file")),
        "h",
    );
    refused(
        f.unpack(Tar::new().symlink("s2", "../host").link("h2", "s2/file")),
        "h2",
    );
    // An absolute target is the layer's own file.
    let mut t = Tar::new();
    t.file("etc/passwd", b"layer").link("p", "/etc/passwd");
    f.unpack(&mut t).unwrap();
    assert_eq!(lmeta(&f.at("p")).ino(), lmeta(&f.at("etc/passwd")).ino());
    // A symlink target is linked itself, not followed.
    let mut t = Tar::new();
    t.symlink("out", &format!("{host}/file"))
        .link("out2", "out");
    f.unpack(&mut t).unwrap();
    let out2 = lmeta(&f.at("out2"));
    assert!(out2.file_type().is_symlink());
    assert_eq!(out2.ino(), lmeta(&f.at("out")).ino());
    // Linking a file to itself, or to a directory.
    f.unpack(Tar::new().link("p", "p")).unwrap();
    refused(f.unpack(Tar::new().dir("dd", 0o755).link("dl", "dd")), "dl");
    assert!(!f.at("dl").exists());
    f.host_unchanged();
}

#[test]
fn metadata_never_follows_symlinks() {
    let f = Fixture::new();
    let target = format!("{}/file", f.host());
    let mut t = Tar::new();
    t.pax(&[
        ("SCHILY.xattr.trusted.test", b"v"),
        ("SCHILY.xattr.user.test", b"v"),
    ])
    .entry(
        b"l",
        EntryType::Symlink,
        target.as_bytes(),
        b"",
        0o4777,
        (1234, 1234),
        (0, 0),
    )
    .symlink("rel", "../host/file");
    // user.* xattrs cannot exist on symlinks: EPERM is an error, but nothing was followed.
    let _ = f.unpack(&mut t);
    f.host_unchanged();
    let mut t = Tar::new();
    t.pax(&[("SCHILY.xattr.trusted.test", b"v")]).entry(
        b"l2",
        EntryType::Symlink,
        target.as_bytes(),
        b"",
        0o777,
        (1234, 1234),
        (0, 0),
    );
    f.unpack(&mut t).unwrap();
    let l2 = lmeta(&f.at("l2"));
    assert_eq!((l2.uid(), l2.mtime()), (1234, MTIME as i64));
    assert_eq!(get_xattr(&f.at("l2"), "trusted.test").unwrap(), b"v");
    f.host_unchanged();
}

#[test]
fn entries_replace_existing_symlinks() {
    let f = Fixture::new();
    let target = format!("{}/file", f.host());
    let dir = format!("{}/dir", f.host());
    let mut t = Tar::new();
    t.symlink("l", &target)
        .file("l", b"new")
        .symlink("rel", "../host/file")
        .file_mode("rel", b"new", 0o600)
        .symlink("p", &target)
        .entry(b"p", EntryType::Fifo, b"", b"", 0o644, (0, 0), (0, 0))
        .symlink("dv", &target)
        .entry(b"dv", EntryType::Char, b"", b"", 0o644, (0, 0), (1, 3))
        .symlink("dd", &dir)
        .dir("dd", 0o700)
        .file("dd/inner", b"i")
        .symlink("wh", &dir)
        .file(".wh.wh", b"")
        .symlink("hl", &target)
        .file("plain", b"p")
        .link("hl", "plain");
    f.unpack(&mut t).unwrap();
    assert_eq!(fs::read(f.at("l")).unwrap(), b"new");
    assert!(lmeta(&f.at("l")).is_file());
    assert!(lmeta(&f.at("rel")).is_file());
    assert!(lmeta(&f.at("p")).file_type().is_fifo());
    assert!(lmeta(&f.at("dd")).is_dir());
    assert!(lmeta(&f.at("wh")).file_type().is_char_device());
    assert_eq!(lmeta(&f.at("hl")).ino(), lmeta(&f.at("plain")).ino());
    f.host_unchanged();
}

#[test]
fn whiteouts_and_opaque_through_outside_symlinks() {
    let f = Fixture::new();
    let host = f.host();
    refused(
        f.unpack(Tar::new().symlink("s", &host).file("s/.wh.file", b"")),
        "s/.wh.file",
    );
    refused(
        f.unpack(Tar::new().symlink("o", &host).file("o/.wh..wh..opq", b"")),
        "o/.wh..wh..opq",
    );
    refused(
        f.unpack(Tar::new().symlink("r", "../host").file("r/.wh.file", b"")),
        "r/.wh.file",
    );
    // Opaque on a non-directory is refused; through an in-layer symlink it marks the target.
    refused(
        f.unpack(
            Tar::new()
                .file("plain", b"p")
                .file("plain/.wh..wh..opq", b""),
        ),
        "plain/.wh..wh..opq",
    );
    let mut t = Tar::new();
    t.dir("real", 0o755)
        .symlink("q", "/real")
        .file("q/.wh..wh..opq", b"");
    f.unpack(&mut t).unwrap();
    assert_eq!(
        get_xattr(&f.at("real"), "trusted.overlay.opaque").unwrap(),
        b"y"
    );
    f.host_unchanged();
}

#[test]
fn duplicates_replace() {
    let f = Fixture::new();
    let host = f.host();
    let mut t = Tar::new();
    t.file("f", b"one")
        .file("f", b"two")
        .dir("d", 0o700)
        .file("d/child", b"c")
        .dir("d", 0o751)
        .dir("e", 0o755)
        .file("e/c", b"c")
        .symlink("e/out", &host)
        .symlink("e/rel", "../../host")
        .dir("e/sub", 0o755)
        .symlink("e/sub/out", &format!("{host}/file"))
        .file("e", b"now a file")
        .file("g", b"g")
        .dir("g", 0o755)
        .file("g/in", b"in")
        .dir("s", 0o755)
        .symlink("s", "d");
    f.unpack(&mut t).unwrap();
    assert_eq!(fs::read(f.at("f")).unwrap(), b"two");
    assert_eq!(fs::read(f.at("d/child")).unwrap(), b"c");
    let d = lmeta(&f.at("d"));
    assert_eq!((d.mode() & 0o7777, d.mtime()), (0o751, MTIME as i64));
    assert_eq!(fs::read(f.at("e")).unwrap(), b"now a file");
    assert_eq!(fs::read(f.at("g/in")).unwrap(), b"in");
    assert!(lmeta(&f.at("s")).file_type().is_symlink());
    f.host_unchanged();
}

#[test]
fn root_entry_and_bad_shapes() {
    let f = Fixture::new();
    f.unpack(Tar::new().dir("./", 0o711)).unwrap();
    assert_eq!(lmeta(&f.dest).mode() & 0o7777, 0o711);
    refused(f.unpack(Tar::new().file("./", b"x")), "./");
    refused(f.unpack(Tar::new().symlink("/", "/etc")), "/");
    // A file where a directory is needed.
    refused(
        f.unpack(Tar::new().file("plain", b"p").file("plain/x", b"x")),
        "plain/x",
    );
    refused(
        f.unpack(
            Tar::new()
                .symlink("dangling", "nowhere/deeper")
                .file("dangling/x", b""),
        ),
        "dangling/x",
    );
    refused(
        f.unpack(Tar::new().symlink("loop", "loop").file("loop/x", b"")),
        "loop/x",
    );
    let mut t = Tar::new();
    t.entry(b"v", EntryType::new(b'V'), b"", b"", 0o644, (0, 0), (0, 0));
    refused(f.unpack(&mut t), "v");
    f.host_unchanged();
}

#[test]
fn truncated_or_garbage_tar_is_an_error() {
    let f = Fixture::new();
    let full = Tar::new()
        .file("big", &[7u8; 10_000])
        .file("next", b"n")
        .bytes();
    for cut in [100, 511, 512 + 3000, 512 + 10_000, 512 + 10_240 + 100] {
        let r = unpack(Cursor::new(&full[..cut]), &f.dest, &opts());
        assert!(matches!(r, Err(UnpackError::Read(_))), "cut {cut}: {r:?}");
    }
    let mut junk = vec![0x41u8; 4096];
    junk[0] = b'x';
    assert!(unpack(Cursor::new(junk), &f.dest, &opts()).is_err());
    let mut t = Tar::new();
    t.file("x", b"x").pax(&[("path", b"a")]);
    let b = t.bytes();
    assert!(unpack(Cursor::new(b), &f.dest, &opts()).is_err());
    f.host_unchanged();
}

#[test]
fn stops_at_end_of_archive() {
    let f = Fixture::new();
    let mut bytes = Tar::new().file("a", b"a").bytes();
    let tar_len = bytes.len() as u64;
    bytes.extend_from_slice(b"trailing bytes the caller drains");
    let mut cur = Cursor::new(bytes);
    let stats = unpack(&mut cur, &f.dest, &opts()).unwrap();
    assert_eq!(stats.entries, 1);
    assert!(cur.position() <= tar_len);
}

#[test]
fn pax_times() {
    assert_eq!(parse_pax_time(b"12"), Some((12, 0)));
    assert_eq!(parse_pax_time(b"12.5"), Some((12, 500_000_000)));
    assert_eq!(parse_pax_time(b"-1.25"), Some((-2, 750_000_000)));
    assert_eq!(parse_pax_time(b"1.1234567891"), Some((1, 123_456_789)));
    for bad in [
        &b""[..],
        b".",
        b"x",
        b"1.x",
        b"--1",
        b"99999999999999999999",
    ] {
        assert_eq!(parse_pax_time(bad), None);
    }
}

#[test]
fn replacing_a_very_deep_tree_needs_no_deep_stack() {
    let f = Fixture::new();
    // Symlinked parents let a tree grow far deeper than one path can name.
    let mut t = Tar::new();
    t.dir("top", 0o755);
    let (seg, mut prev) = ("a/".repeat(1000), String::from("top"));
    for i in 0..3 {
        let deep = format!("{prev}/{seg}x");
        let mut h = Header::new_gnu();
        h.set_entry_type(EntryType::Directory);
        h.set_mode(0o755);
        h.set_size(0);
        t.0.append_data(&mut h, &deep, &b""[..]).unwrap();
        let mut h = Header::new_gnu();
        h.set_entry_type(EntryType::Symlink);
        h.set_size(0);
        prev = format!("l{i}");
        t.0.append_link(&mut h, &prev, format!("/{deep}")).unwrap();
    }
    t.file("top", b"flat");
    let (bytes, dest) = (t.bytes(), f.dest.clone());
    let small_stack = std::thread::Builder::new().stack_size(256 << 10);
    let run = move || unpack(Cursor::new(bytes), &dest, &opts()).map(|s| s.entries);
    assert_eq!(small_stack.spawn(run).unwrap().join().unwrap().unwrap(), 8);
    assert_eq!(fs::read(f.at("top")).unwrap(), b"flat");
    f.host_unchanged();
}
