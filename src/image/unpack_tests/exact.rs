//! A layer unpacks exactly: modes, owners, times, xattrs, links, devices, whiteouts, long
//! names, and bad or truncated archives as errors.

use super::*;

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
        copy: None,
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

/// `cp`'s rules: whiteout names are ordinary files, a fixed owner wins, and a directory
/// replaces a file (or the other way round) only with `overwrite`.
#[test]
fn cp_rules_keep_whiteout_names_and_kinds() {
    let f = Fixture::new();
    fs::write(f.at("was-file"), b"x").unwrap();
    fs::create_dir(f.at("was-dir")).unwrap();
    let rules = |overwrite| UnpackOptions {
        copy: Some(CopyRules {
            owner: Some((7, 8)),
            maps: None,
            overwrite,
        }),
        preserve_owner: is_root(),
        ..opts()
    };
    let mut t = Tar::new();
    t.file(".wh.kept", b"literal")
        .file("dir/.wh..wh..opq", b"too");
    unpack(Cursor::new(t.bytes()), &f.dest, &rules(false)).unwrap();
    assert_eq!(fs::read(f.at(".wh.kept")).unwrap(), b"literal");
    assert_eq!(fs::read(f.at("dir/.wh..wh..opq")).unwrap(), b"too");
    if is_root() {
        assert_eq!(lmeta(&f.at(".wh.kept")).uid(), 7);
        assert_eq!(lmeta(&f.at(".wh.kept")).gid(), 8);
    }
    let mut t = Tar::new();
    t.dir("was-file", 0o755);
    let e = unpack(Cursor::new(t.bytes()), &f.dest, &rules(false)).unwrap_err();
    assert!(e.to_string().contains("--overwrite"), "{e}");
    let mut t = Tar::new();
    t.file("was-dir", b"y");
    let e = unpack(Cursor::new(t.bytes()), &f.dest, &rules(false)).unwrap_err();
    assert!(e.to_string().contains("--overwrite"), "{e}");
    assert!(f.at("was-dir").is_dir() && f.at("was-file").is_file());
    let mut t = Tar::new();
    t.dir("was-file", 0o755).file("was-dir", b"y");
    unpack(Cursor::new(t.bytes()), &f.dest, &rules(true)).unwrap();
    assert!(f.at("was-file").is_dir() && f.at("was-dir").is_file());
    f.host_unchanged();
}
