//! The container lifecycle as an ordinary user with subordinate ids.

use std::os::unix::fs::MetadataExt;

use crate::common::{Image, Registry};

use super::user::User;

/// The user's subordinate uid range start (first line of /etc/subuid).
fn subuid_start(user: &User) -> u32 {
    let text = std::fs::read_to_string("/etc/subuid").unwrap();
    text.lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.first() == Some(&user.name.as_str())).then(|| f[1].parse().unwrap())
        })
        .expect("a subuid range")
}

#[test]
fn lifecycle_as_an_ordinary_user() {
    let registry = Registry::start();
    let image = Image::busybox();
    registry.push("fixtures/busybox:latest", &image);
    let reference = registry.reference("fixtures/busybox:latest");
    let user = User::create(true);

    let info = user.ok(&["info", "--format", "json"]).json();
    assert_eq!(info["host"]["rootless"], true, "{info}");
    assert_eq!(info["host"]["uid"], user.uid, "{info}");
    let start = subuid_start(&user);
    let uidmap = &info["host"]["idMappings"]["uidmap"];
    assert_eq!(uidmap[0]["container_id"], 0, "{info}");
    assert_eq!(uidmap[0]["host_id"], user.uid, "{info}");
    assert_eq!(uidmap[1]["container_id"], 1, "{info}");
    assert_eq!(uidmap[1]["host_id"], start, "{info}");
    assert_eq!(
        info["store"]["graphRoot"],
        user.store().display().to_string()
    );
    assert_eq!(
        info["store"]["runRoot"],
        user.runtime_dir.join("ctl").display().to_string()
    );

    // The pause process exists now, in the user's run dir, and is the only process left.
    let procs = user.processes();
    assert_eq!(procs.len(), 1, "{procs:?}");
    assert_eq!(procs[0].1, "ctl-pause");
    let pidfile = std::fs::read_to_string(user.runtime_dir.join("ctl/pause.pid")).unwrap();
    assert!(
        pidfile.starts_with(&format!("{}\n", procs[0].0)),
        "{pidfile}"
    );

    user.ok(&["pull", "-q", &reference]);
    // Everything ctl made is private to the user.
    for d in [
        user.home.join(".local"),
        user.home.join(".local/share"),
        user.store(),
        user.runtime_dir.join("ctl"),
    ] {
        let m = std::fs::metadata(&d).unwrap();
        assert_eq!(m.mode() & 0o777, 0o700, "{}", d.display());
        assert_eq!(m.uid(), user.uid, "{}", d.display());
    }

    // Ownership: uid 1000 in the image is 1000 in the container, subuid start + 999 on the
    // host.
    let chain = crate::common::hex_of(&image.chain_ids()[1]).to_string();
    let owned = user
        .store()
        .join("layers")
        .join(chain)
        .join("diff/home/user/owned.txt");
    let m = std::fs::metadata(&owned).unwrap_or_else(|e| panic!("{}: {e}", owned.display()));
    assert_eq!((m.uid(), m.gid()), (start + 999, start + 999));
    let out = user.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        &reference,
        "sh",
        "-c",
        "id -u; stat -c '%u:%g' /home/user/owned.txt; cat /proc/self/uid_map",
    ]);
    let lines = out.lines();
    assert_eq!(lines[0], "0", "{out}");
    assert_eq!(lines[1], "1000:1000", "{out}");
    // The container runs in the pause process's namespace: no extra one.
    assert!(
        lines[2]
            .split_whitespace()
            .eq(["0", &user.uid.to_string(), "1"]),
        "{out}"
    );

    // With subordinate gids, the tty group exists and devpts is mounted with it (mountinfo
    // shows the gid as the kernel keeps it: the host's subordinate gid).
    let out = user.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        &reference,
        "grep",
        " /dev/pts ",
        "/proc/self/mountinfo",
    ]);
    assert!(out.stdout.contains(",gid="), "{out}");

    // `ctl unshare` runs a command as root of the same namespace, where the image's
    // owners are themselves; its exit code is the command's.
    let owned_path = owned.display().to_string();
    let out = user.ok(&["unshare", "stat", "-c", "%u:%g", &owned_path]);
    assert_eq!(out.stdout.trim(), "1000:1000", "{out}");
    let out = user.ok(&["unshare", "cat", "/proc/self/uid_map"]);
    assert_eq!(out.lines().len(), 2, "{out}");
    user.ctl(&["unshare", "sh", "-c", "exit 3"]).failure(3);

    // Exit codes pass through.
    user.ctl(&[
        "run",
        "--rm",
        "--network",
        "none",
        &reference,
        "sh",
        "-c",
        "exit 7",
    ])
    .failure(7);

    // A detached container: ps, logs, exec, stop, rm.
    user.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "none",
        &reference,
        "sh",
        "-c",
        "echo started; exec sleep 1000",
    ]);
    let ps = user.ok(&["ps", "--format", "{{.Names}} {{.State}}"]);
    assert_eq!(ps.stdout.trim(), "web running", "{ps}");
    let logs = crate::common::wait_for(std::time::Duration::from_secs(10), || {
        let l = user.ok(&["logs", "web"]);
        l.stdout.contains("started").then_some(l)
    });
    assert!(logs.is_some(), "no log line");
    let exec = user.ok(&["exec", "web", "sh", "-c", "echo in-$(hostname); id -u"]);
    assert!(exec.stdout.starts_with("in-"), "{exec}");
    // Root in the container is the user on the host.
    let container_pid: i32 = user
        .ok(&["inspect", "--format", "{{.State.Pid}}", "web"])
        .stdout
        .trim()
        .parse()
        .expect("a pid");
    let host_uid = std::fs::metadata(format!("/proc/{container_pid}"))
        .unwrap()
        .uid();
    assert_eq!(host_uid, user.uid, "container root is the user on the host");
    user.ok(&["stop", "-t", "1", "web"]);
    let ps = user.ok(&["ps", "-a", "--format", "{{.Names}} {{.State}}"]);
    assert_eq!(ps.stdout.trim(), "web exited", "{ps}");
    user.ok(&["rm", "web"]);
    assert!(user.ok(&["ps", "-aq"]).stdout.trim().is_empty());

    // A root-only host file bound in stays unreadable: container root is no real root.
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "secret\n").unwrap();
    let bind = format!("{}:/secret", secret.path().display());
    let out = user.ctl(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        &bind,
        &reference,
        "cat",
        "/secret",
    ]);
    assert_ne!(out.code, Some(0), "{out}");
    assert!(out.stderr.contains("Permission denied"), "{out}");
    assert!(!out.stdout.contains("secret"), "{out}");

    // fuse-overlayfs when asked: the same image, files and ownership.
    let cfg = user.home.join("fuse.toml");
    std::fs::write(&cfg, "rootless-overlay = \"fuse-overlayfs\"\n").unwrap();
    let cfg = cfg.display().to_string();
    let out = user.ok(&[
        "--config",
        &cfg,
        "run",
        "--rm",
        "--network",
        "none",
        &reference,
        "sh",
        "-c",
        "grep ' / / ' /proc/self/mountinfo; stat -c '%u' /home/user/owned.txt; \
         touch /home/user/new && stat -c '%u' /home/user/new",
    ]);
    assert!(out.stdout.contains("fuse-overlayfs"), "{out}");
    assert!(out.stdout.contains("\n1000\n0\n"), "{out}");

    user.stop_everything();
    // No mount of the user's is left anywhere: they all lived in the pause namespace.
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    assert!(
        !mounts.contains(&user.store().display().to_string()),
        "{mounts}"
    );
}
