//! Hostile layers: `..`, absolute paths, symlinked parents, swapped directories and
//! hardlinks to outside are refused or kept inside the layer, the host untouched.

use super::*;

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
