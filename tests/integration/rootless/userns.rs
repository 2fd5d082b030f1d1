//! `--userns` and `--uidmap` rootless: `host` (the user's namespace) works; `keep-id` and
//! `nomap` run on a chowned copy of the image's layers (`<store>/mapped/`, made once per
//! image and mapping); `auto` and `--uidmap` are refused in one line, making nothing.

use std::os::unix::fs::{MetadataExt, PermissionsExt};

use crate::common::{Image, Registry};

use super::user::User;

/// The mapped copies in the user's store (not the locks or a builder's tmp dirs).
fn copies(user: &User) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(user.store().join("mapped")) else {
        return vec![];
    };
    entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect()
}

/// The mounts of the user's pause namespace under the user's store.
fn store_mounts(user: &User) -> Vec<String> {
    let store = user.store().display().to_string();
    user.processes()
        .iter()
        .filter(|(_, name)| name.starts_with("ctl-pause"))
        .map(|(pid, _)| {
            std::fs::read_to_string(format!("/proc/{pid}/mountinfo")).unwrap_or_default()
        })
        .flat_map(|m| m.lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|l| l.contains(&store))
        .collect()
}

#[test]
fn userns_rootless_host_runs_and_the_rest_is_refused_in_one_line() {
    let registry = Registry::start();
    registry.push("fixtures/busybox:latest", &Image::busybox());
    let reference = registry.reference("fixtures/busybox:latest");
    let user = User::create(true);
    user.ok(&["pull", "-q", &reference]);

    let out = user.ok(&["run", "--rm", "--userns", "host", &reference, "id", "-u"]);
    assert_eq!(out.stdout.trim(), "0", "{out}");

    for (flags, want) in [
        (
            &["--userns", "auto"][..],
            "Error: --userns=auto is not supported by ctl yet: use --userns=host, keep-id or nomap",
        ),
        (
            &["--uidmap", "0:1:1000"][..],
            "Error: --uidmap/--gidmap are not supported by ctl yet when rootless",
        ),
        (
            &["--userns", "keep-id:uid=x"][..],
            "Error: parsing uid x: strconv.ParseUint: parsing \"x\": invalid syntax",
        ),
        (
            &["--userns", "keep-id:size=1"][..],
            "Error: --userns=keep-id:size=1 is too small: the container's uid",
        ),
    ] {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(flags);
        args.extend_from_slice(&[&reference, "true"]);
        let out = user.ctl(&args);
        out.failure(125);
        assert!(out.one_line_error().starts_with(want), "{flags:?}: {out}");
    }
    assert_eq!(user.ok(&["ps", "-aq"]).stdout.trim(), "");
    assert!(copies(&user).is_empty(), "{:?}", copies(&user));
    user.stop_everything();
}

#[test]
fn userns_rootless_keep_id_runs_as_the_user_on_a_mapped_copy_made_once() {
    let registry = Registry::start();
    registry.push("fixtures/busybox:latest", &Image::busybox());
    let reference = registry.reference("fixtures/busybox:latest");
    let user = User::create(true);
    let gid = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(user.uid))
        .unwrap()
        .unwrap()
        .gid
        .as_raw();
    user.ok(&["pull", "-q", &reference]);
    // A directory of the user's home, bound into the container.
    let shared = user.home.join("shared");
    std::fs::create_dir(&shared).unwrap();
    nix::unistd::chown(&shared, Some(user.uid.into()), Some(gid.into())).unwrap();
    let bind = format!("{}:/data", shared.display());

    let started = std::time::Instant::now();
    let out = user.ok(&[
        "--log-level",
        "debug",
        "run",
        "--rm",
        "--network",
        "none",
        "--userns",
        "keep-id",
        "-v",
        &bind,
        &reference,
        "sh",
        "-c",
        "id -u; id -g; stat -c %u:%g /etc/passwd; touch /data/made; id -un; echo $HOME",
    ]);
    eprintln!("first keep-id run (with the copy): {:?}", started.elapsed());
    for l in out.stderr.lines().filter(|l| l.contains("mapped copy")) {
        eprintln!("{l}");
    }
    assert_eq!(
        out.stdout.lines().collect::<Vec<_>>(),
        [
            user.uid.to_string(),
            gid.to_string(),
            "0:0".to_string(),
            user.name.clone(),
            user.home.display().to_string()
        ],
        "{out}"
    );
    let made = std::fs::metadata(shared.join("made")).unwrap();
    assert_eq!((made.uid(), made.gid()), (user.uid, gid));
    let first = copies(&user);
    assert_eq!(first.len(), 1, "{first:?}");
    let inode = std::fs::metadata(&first[0]).unwrap().ino();

    // A second container of the same mapping (on pasta's default network) reuses the copy;
    // another mapping (uid= and gid= chosen) makes another.
    let started = std::time::Instant::now();
    let out = user.ok(&["run", "--rm", "--userns", "keep-id", &reference, "id", "-u"]);
    eprintln!("second keep-id run (copy reused): {:?}", started.elapsed());
    assert_eq!(out.stdout.trim(), user.uid.to_string(), "{out}");
    let again = copies(&user);
    assert_eq!(again, first);
    assert_eq!(std::fs::metadata(&again[0]).unwrap().ino(), inode);

    let out = user.ok(&[
        "run",
        "--rm",
        "--userns",
        "keep-id:uid=0,gid=0",
        &reference,
        "sh",
        "-c",
        "id -u; id -g",
    ]);
    assert_eq!(
        out.stdout.split_whitespace().collect::<Vec<_>>(),
        ["0", "0"]
    );
    assert_eq!(copies(&user).len(), 2);

    // nomap: the user's own id is not in the container, which must reach the store through
    // the user's directories: refused until they let others through.
    let nomap = [
        "run",
        "--rm",
        "--network",
        "none",
        "--userns",
        "nomap",
        &reference,
        "true",
    ];
    let out = user.ctl(&nomap);
    out.failure(125);
    let err = out.one_line_error();
    assert!(err.contains("cannot reach the store"), "{out}");
    assert_eq!(copies(&user).len(), 2);
    assert_eq!(user.ok(&["ps", "-aq"]).stdout.trim(), "");
    for d in [
        user.home.clone(),
        user.home.join(".local"),
        user.home.join(".local/share"),
    ] {
        let mode = std::fs::metadata(&d).unwrap().mode() | 0o001;
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let out = user.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--userns",
        "nomap",
        &reference,
        "sh",
        "-c",
        "id -u; cat /proc/self/uid_map",
    ]);
    assert!(out.stdout.starts_with("0\n"), "{out}");
    assert_eq!(copies(&user).len(), 3);

    // rm leaves nothing mounted; rmi removes the copies.
    let id = user
        .ok(&[
            "run", "-d", "--userns", "keep-id", &reference, "sleep", "300",
        ])
        .stdout
        .trim()
        .to_string();
    let out = user.ctl(&["exec", &id, "true"]);
    out.failure(125);
    user.ok(&["rm", "-f", "-t", "0", &id]);
    let left = store_mounts(&user);
    assert!(left.is_empty(), "{left:?}");
    user.ok(&["rmi", &reference]);
    assert!(copies(&user).is_empty(), "{:?}", copies(&user));
    user.stop_everything();
}
