//! Packaging: the .deb built by packaging/deb/build-deb.sh (from this test build's binaries)
//! unpacked into a scratch root, and the RPM spec's file list against what `make install`
//! stages. The installed ctl runs a container, finding ctl-monitor in ../libexec/ctl.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Ctl, WithImage};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where this test build's ctl and ctl-monitor are (target/debug).
fn build_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_ctl"))
        .parent()
        .expect("ctl's dir")
        .to_path_buf()
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file (not directory) under `root`, as absolute paths inside it.
fn files(root: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(dir).expect("read staged dir") {
            let p = e.expect("dir entry").path();
            if p.is_dir() && !p.is_symlink() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).expect("under root");
                out.insert(format!("/{}", rel.display()));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(root, root, &mut out);
    out
}

#[test]
fn deb_unpacked_into_a_scratch_root_runs_a_container() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let out = run(Command::new(repo().join("packaging/deb/build-deb.sh"))
        .arg(build_dir())
        .arg(scratch.path().join("deb"))
        .env("DEB_COMPRESS", "none"));
    let deb = PathBuf::from(out.trim());
    assert!(deb.is_file(), "build-deb.sh printed {out:?}");

    let field = |f: &str| run(Command::new("dpkg-deb").arg("-f").arg(&deb).arg(f));
    assert_eq!(field("Package").trim(), "ctl");
    assert_eq!(field("Version").trim(), env!("CARGO_PKG_VERSION"));
    let depends = field("Depends");
    for dep in ["runc | crun", "uidmap", "netavark", "passt", "libc6"] {
        assert!(depends.contains(dep), "Depends lacks {dep}: {depends}");
    }

    let root = scratch.path().join("root");
    run(Command::new("dpkg").arg("-x").arg(&deb).arg(&root));
    let have = files(&root);
    for want in [
        "/usr/bin/ctl",
        "/usr/libexec/ctl/ctl-monitor",
        "/usr/share/man/man1/ctl.1.gz",
        "/usr/share/man/man1/ctl-run.1.gz",
        "/usr/share/man/man1/ctl-generate-systemd.1.gz",
        "/usr/share/bash-completion/completions/ctl",
        "/usr/share/zsh/vendor-completions/_ctl",
        "/usr/share/fish/vendor_completions.d/ctl.fish",
        "/usr/lib/tmpfiles.d/ctl.conf",
        "/usr/lib/systemd/system/ctl-restart.service",
        "/etc/ctl/ctl.toml",
        "/usr/share/doc/ctl/copyright",
    ] {
        assert!(have.contains(want), "{want} not in the package: {have:?}");
    }
    let conffiles = run(Command::new("dpkg-deb")
        .arg("--ctrl-tarfile")
        .arg(&deb)
        .env("LC_ALL", "C"));
    assert!(
        conffiles.contains("conffiles"),
        "no conffiles in the control archive"
    );

    let ctl = root.join("usr/bin/ctl");
    let version = run(Command::new(&ctl).arg("--version"));
    assert_eq!(
        version.trim(),
        format!("ctl version {}", env!("CARGO_PKG_VERSION"))
    );
    let monitor = run(Command::new(root.join("usr/libexec/ctl/ctl-monitor")).arg("--version"));
    assert!(monitor.starts_with("ctl-monitor "), "{monitor}");
    // The restart unit runs the installed binary.
    let unit = std::fs::read_to_string(root.join("usr/lib/systemd/system/ctl-restart.service"))
        .expect("read unit");
    assert!(unit.contains("ExecStart=/usr/bin/ctl "), "{unit}");

    // No ctl-monitor beside the installed ctl and none in /usr/libexec on this host: the
    // container below runs only if ctl finds ../libexec/ctl/ctl-monitor.
    assert!(!root.join("usr/bin/ctl-monitor").exists());
    let w = WithImage::busybox();
    let out = Ctl::run_command(
        w.ctl.command_with(
            &ctl,
            &[
                "run",
                "--rm",
                "--network",
                "none",
                &w.reference,
                "echo",
                "installed",
            ],
        ),
        &["run (installed ctl)"],
        None,
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout.trim(), "installed");
}

/// `*` in an RPM %files glob matches any run of characters but `/`.
fn glob_match(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == path,
        Some((head, tail)) => {
            let Some(rest) = path.strip_prefix(head) else {
                return false;
            };
            (0..=rest.len())
                .take_while(|&i| !rest[..i].contains('/'))
                .any(|i| rest.is_char_boundary(i) && glob_match(tail, &rest[i..]))
        }
    }
}

#[test]
fn glob_match_is_rpm_like() {
    assert!(glob_match("/a/ctl*.1*", "/a/ctl-run.1.gz"));
    assert!(glob_match("/a/ctl*.1*", "/a/ctl.1"));
    assert!(!glob_match("/a/ctl*.1*", "/a/b/ctl.1"));
    assert!(!glob_match("/a/ctl", "/a/ctl2"));
}

#[test]
fn rpm_spec_lists_exactly_what_make_install_stages() {
    let spec = repo().join("packaging/rpm/ctl.spec");
    let q = run(Command::new("rpmspec")
        .args(["-q", "--qf", "%{name} %{version}\\n"])
        .arg(&spec));
    assert_eq!(q.trim(), format!("ctl {}", env!("CARGO_PKG_VERSION")));

    let parsed = run(Command::new("rpmspec").arg("-P").arg(&spec));
    let listed: Vec<String> = parsed
        .lines()
        .skip_while(|l| l.trim() != "%files")
        .skip(1)
        .take_while(|l| !l.starts_with("%changelog"))
        .filter(|l| !l.trim().is_empty())
        .filter(|l| !l.starts_with("%license") && !l.starts_with("%doc"))
        .filter(|l| !l.starts_with("%dir "))
        .map(|l| {
            l.trim_start_matches("%config(noreplace) ")
                .trim()
                .to_string()
        })
        .collect();
    assert!(listed.len() > 5, "no %files parsed: {parsed}");

    // Stage with the directories the spec's %install passes (Fedora's macros).
    let stage = tempfile::tempdir().expect("temp dir");
    run(Command::new("make")
        .arg("-s")
        .arg("-C")
        .arg(repo())
        .arg("install")
        .arg(format!("DESTDIR={}", stage.path().display()))
        .arg(format!("BUILDDIR={}", build_dir().display()))
        .args([
            "PREFIX=/usr",
            "SYSCONFDIR=/etc",
            "LIBEXECDIR=/usr/libexec/ctl",
            "LIBDIR=/usr/lib",
            "MANDIR=/usr/share/man",
            "ZSHCOMPDIR=/usr/share/zsh/site-functions",
        ]));
    let staged = files(stage.path());
    for f in &staged {
        assert!(
            listed.iter().any(|p| glob_match(p, f)),
            "make install stages {f}, which the spec's %files does not list"
        );
    }
    for p in &listed {
        assert!(
            staged.iter().any(|f| glob_match(p, f)),
            "the spec's %files lists {p}, which make install does not stage"
        );
    }
}
