//! `--uidmap`, `--gidmap` and `--userns=auto|keep-id` as root: the container's own user
//! namespace with the image's files id-mapped, its bad inputs refused in podman's words.

use std::os::unix::fs::MetadataExt;

use crate::common::{Out, WithImage};

/// The container's root (an id of its own on the host) passes through the test's temp dir
/// to its rootfs, as through /var/lib to the default store.
fn setup() -> WithImage {
    use std::os::unix::fs::PermissionsExt;
    let w = WithImage::busybox();
    let perm = std::fs::Permissions::from_mode(0o711);
    std::fs::set_permissions(w.ctl.dir(), perm).expect("chmod the test dir");
    w
}

fn run_rm(w: &WithImage, extra: &[&str], cmd: &[&str]) -> Out {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(extra);
    args.push(&w.reference);
    args.extend_from_slice(cmd);
    w.ctl.run(&args)
}

/// Nothing of a refused creation is left: no container, no directory under the store.
fn assert_nothing_made(w: &WithImage) {
    assert_eq!(w.ctl.ok(&["ps", "-aq"]).stdout.trim(), "");
    let dir = w.ctl.dir().join("root/containers");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "left in {}: {left:?}", dir.display());
}

#[test]
fn userns_uidmap_maps_the_image_files_and_the_process() {
    let w = setup();
    let out = run_rm(
        &w,
        &["--uidmap", "0:100000:65536"],
        &[
            "sh",
            "-c",
            "cat /proc/self/uid_map /proc/self/gid_map; stat -c %u:%g /etc/passwd /bin; id -u",
        ],
    );
    out.success();
    let words: Vec<&str> = out.stdout.split_whitespace().collect();
    assert_eq!(
        words,
        ["0", "100000", "65536", "0", "100000", "65536", "0:0", "0:0", "0"],
        "{out}"
    );

    // What the container writes is its root's on the host: 100000 in the upper dir.
    let id = w
        .ctl
        .ok(&["run", "-d", "--name", "m", "--uidmap", "0:100000:65536", &w.reference,
              "sh", "-c", "echo hi > /created; mkdir /d; touch /d/f; cat /etc/hosts /etc/resolv.conf >/dev/null && echo ok > /etc-ok; sleep 30"])
        .stdout
        .trim()
        .to_string();
    let upper = w.ctl.dir().join("root/containers").join(&id).join("diff");
    let made = crate::common::wait_for(std::time::Duration::from_secs(10), || {
        upper.join("etc-ok").exists().then_some(())
    });
    assert!(
        made.is_some(),
        "the container could not read its /etc files"
    );
    for f in ["created", "d", "d/f"] {
        let m = std::fs::metadata(upper.join(f)).expect(f);
        assert_eq!((m.uid(), m.gid()), (100000, 100000), "{f}");
    }
    let v = w.ctl.ok(&["inspect", "m"]).json();
    let hc = &v[0]["HostConfig"];
    assert_eq!(hc["UsernsMode"], "private", "{hc}");
    assert_eq!(hc["IDMappings"]["UidMap"][0], "0:100000:65536", "{hc}");
    assert_eq!(hc["IDMappings"]["GidMap"][0], "0:100000:65536", "{hc}");
    // Only the rootfs is mounted: the id-mapped layers were detached once overlay held them.
    let mounts = crate::common::ctl::mounts_under(&w.ctl.dir().join("root"));
    let merged = w.ctl.dir().join("root/containers").join(&id).join("merged");
    assert_eq!(mounts, vec![merged], "{mounts:?}");
    // On the default bridge, exec cannot join the network's namespace yet: said in one line.
    let out = w.ctl.run(&["exec", "m", "true"]);
    out.failure(125);
    assert!(
        out.one_line_error()
            .contains("cannot yet enter a container with its own user namespace"),
        "{out}"
    );
    // Without a namespace ctl made, exec enters the container's user namespace.
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "n",
        "--network",
        "none",
        "--uidmap",
        "0:100000:65536",
        &w.reference,
        "sleep",
        "30",
    ]);
    let map = w.ctl.ok(&["exec", "n", "cat", "/proc/self/uid_map"]).stdout;
    assert_eq!(
        map.split_whitespace().collect::<Vec<_>>(),
        ["0", "100000", "65536"]
    );
    w.ctl.ok(&["rm", "-f", "n"]);
    // Stopped and started again, the rootfs is mounted with the recorded maps.
    w.ctl.ok(&["stop", "-t", "0", "m"]);
    w.ctl.ok(&["start", "m"]);
    let out = w.ctl.ok(&["inspect", "--format", "{{.State.Status}}", "m"]);
    assert_eq!(out.stdout.trim(), "running", "{out}");
    w.ctl.ok(&["rm", "-f", "m"]);
    assert_eq!(
        crate::common::ctl::mounts_under(&w.ctl.dir().join("root")),
        Vec::<std::path::PathBuf>::new()
    );
}

#[test]
fn userns_gidmap_apart_and_several_ranges() {
    let w = setup();
    // Without one, podman's "" and no IDMappings.
    w.ctl
        .ok(&["create", "--name", "plain", &w.reference, "true"]);
    let v = w.ctl.ok(&["inspect", "plain"]).json();
    assert_eq!(v[0]["HostConfig"]["UsernsMode"], "", "{v}");
    assert!(v[0]["HostConfig"].get("IDMappings").is_none(), "{v}");
    w.ctl.ok(&["rm", "plain"]);
    let out = run_rm(
        &w,
        &[
            "--uidmap",
            "0:200000:1000",
            "--uidmap",
            "1000:300000:1000",
            "--gidmap",
            "0:400000:5000",
        ],
        &["cat", "/proc/self/uid_map", "/proc/self/gid_map"],
    );
    out.success();
    let words: Vec<&str> = out.stdout.split_whitespace().collect();
    assert_eq!(
        words,
        ["0", "200000", "1000", "1000", "300000", "1000", "0", "400000", "5000"],
        "{out}"
    );
}

#[test]
fn userns_bad_maps_are_one_line_and_make_nothing() {
    let w = setup();
    for (flags, want) in [
        (
            &["--uidmap", "x:y:z"][..],
            "invalid mapping: [x y z]. Unknown flag 120",
        ),
        (
            &["--uidmap", "0:1:2:3"][..],
            "initializing ID mappings: UID setting is malformed expected \
             [\"[+ug]uint32:[@]uint32[:uint32]\"] : [\"0:1:2:3\"]",
        ),
        (
            &["--gidmap", "0:100000:abc"][..],
            "parsing id map value \"abc\": strconv.ParseUint: parsing \"abc\": invalid syntax",
        ),
        (
            &["--uidmap", "0:100000:10", "--userns", "auto"][..],
            "--userns and --uidmap/--gidmap/--subuidname/--subgidname are mutually exclusive",
        ),
        (
            &["--userns", "auto:bogus=1"][..],
            "unknown option specified: \"bogus\"",
        ),
    ] {
        let out = run_rm(&w, flags, &["true"]);
        out.failure(125);
        assert_eq!(out.one_line_error(), format!("Error: {want}"), "{flags:?}");
        assert_nothing_made(&w);
    }
}

/// A `containers` line added to /etc/subuid and /etc/subgid under shadow-utils' own lock
/// (`FILE.lock`, made exclusively), and taken out again (only that line) when dropped.
struct ContainersSubids {
    line: String,
}

fn with_subid_lock<T>(file: &str, f: impl FnOnce() -> T) -> T {
    let lock = format!("{file}.lock");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock)
        {
            Ok(_) => break,
            Err(_) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(50))
            }
            Err(e) => panic!("{lock}: {e}"),
        }
    }
    let r = f();
    let _ = std::fs::remove_file(&lock);
    r
}

impl ContainersSubids {
    fn add(start: u32, count: u32) -> ContainersSubids {
        let line = format!("containers:{start}:{count}");
        for file in ["/etc/subuid", "/etc/subgid"] {
            with_subid_lock(file, || {
                let mut text = std::fs::read_to_string(file).unwrap_or_default();
                assert!(
                    !text.lines().any(|l| l.starts_with("containers:")),
                    "{file} has a containers entry already"
                );
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                text.push_str(&line);
                text.push('\n');
                std::fs::write(file, text).expect(file);
            });
        }
        ContainersSubids { line }
    }
}

impl Drop for ContainersSubids {
    fn drop(&mut self) {
        for file in ["/etc/subuid", "/etc/subgid"] {
            with_subid_lock(file, || {
                let text = std::fs::read_to_string(file).unwrap_or_default();
                let kept: String = text
                    .lines()
                    .filter(|l| *l != self.line)
                    .map(|l| format!("{l}\n"))
                    .collect();
                let _ = std::fs::write(file, kept);
            });
        }
    }
}

/// One test for both, as it edits /etc/subuid: without a `containers` entry, podman's error;
/// with one, two containers get disjoint ranges of the image's size (podman's minimum).
#[test]
fn userns_auto_allocates_disjoint_ranges_from_containers_subids() {
    let w = setup();
    let has_entry = std::fs::read_to_string("/etc/subuid")
        .unwrap_or_default()
        .lines()
        .any(|l| l.starts_with("containers:"));
    if !has_entry {
        let out = run_rm(&w, &["--userns", "auto"], &["true"]);
        out.failure(125);
        assert_eq!(
            out.one_line_error(),
            "Error: user namespace: cannot find mappings for user \"containers\": no subuid \
             ranges found for user \"containers\" in /etc/subuid"
        );
        assert_nothing_made(&w);
    }
    let _subids = (!has_entry).then(|| ContainersSubids::add(3_000_000_000, 100_000));
    let mut ranges = Vec::new();
    for name in ["a1", "a2"] {
        w.ctl.ok(&[
            "run",
            "-d",
            "--name",
            name,
            "--userns",
            "auto",
            &w.reference,
            "sh",
            "-c",
            "cat /proc/self/uid_map; sleep 30",
        ]);
        let v = w.ctl.ok(&["inspect", name]).json();
        let m = v[0]["HostConfig"]["IDMappings"]["UidMap"][0]
            .as_str()
            .expect("a uid map")
            .to_string();
        let f: Vec<u64> = m.split(':').map(|x| x.parse().unwrap()).collect();
        assert_eq!((f[0], f[2]), (0, 1024), "{m}");
        // (Read from its log: `exec` into a user namespace of its own fails yet.)
        let shown = crate::common::wait_for(std::time::Duration::from_secs(10), || {
            let out = w.ctl.ok(&["logs", name]);
            (!out.stdout.is_empty()).then_some(out.stdout)
        });
        let shown = shown.expect("the container's uid_map in its log");
        assert_eq!(
            shown.split_whitespace().collect::<Vec<_>>(),
            ["0", &f[1].to_string(), "1024"]
        );
        ranges.push((f[1], f[1] + f[2]));
    }
    let (a, b) = (ranges[0], ranges[1]);
    assert!(a.1 <= b.0 || b.1 <= a.0, "overlapping ranges {a:?} {b:?}");
    w.ctl.ok(&["rm", "-f", "a1", "a2"]);
}
