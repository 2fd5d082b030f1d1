//! `cp` as an ordinary user: ids are those of the user's namespace, a stopped container's
//! rootfs is mounted in the pause process's namespace for the copy only.

use std::os::unix::fs::MetadataExt;

use crate::common::{Image, Registry};

use super::user::User;

/// Mount points of the user's pause namespace under the user's store.
fn store_mounts(user: &User) -> Vec<String> {
    let store = user.store().display().to_string();
    user.processes()
        .iter()
        .filter(|(_, name)| name.starts_with("ctl-pause"))
        .flat_map(|(pid, _)| {
            let info = std::fs::read_to_string(format!("/proc/{pid}/mountinfo"));
            info.unwrap_or_default()
                .lines()
                .filter_map(|l| l.split(' ').nth(4).map(str::to_string))
                .collect::<Vec<_>>()
        })
        .filter(|m| m.starts_with(&store))
        .collect()
}

#[test]
fn cp_rootless_maps_owners_through_the_users_namespace() {
    let registry = Registry::start();
    registry.push("fixtures/busybox:latest", &Image::busybox());
    let reference = registry.reference("fixtures/busybox:latest");
    let user = User::create(true);
    user.ok(&["pull", "-q", &reference]);
    user.ok(&[
        "run",
        "-d",
        "--name",
        "c",
        "--user",
        "1000:1000",
        &reference,
        "sleep",
        "1000",
    ]);
    user.ok(&["create", "--name", "s", &reference, "true"]);
    let f = user.home.join("f");
    std::fs::write(&f, "mine\n").unwrap();
    std::os::unix::fs::chown(&f, Some(user.uid), Some(user.uid)).unwrap();
    let src = f.to_str().unwrap();
    let stat = |path: &str| user.ok(&["exec", "c", "stat", "-c", "%u:%g", path]).stdout;

    // --archive: the container's user owns the copy; without it the source's owner (the
    // user, root in the namespace) does.
    user.ok(&["cp", src, "c:/tmp/a"]);
    assert_eq!(stat("/tmp/a"), "1000:1000\n");
    user.ok(&["cp", "--archive=false", src, "c:/tmp/k"]);
    assert_eq!(stat("/tmp/k"), "0:0\n");
    // Out: owned by the user on this machine.
    let out = user.home.join("out");
    user.ok(&["cp", "c:/home/user/owned.txt", out.to_str().unwrap()]);
    let m = std::fs::metadata(&out).unwrap();
    assert_eq!(m.uid(), user.uid);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "owned by uid 1000\n"
    );

    // A stopped container: in and out again, and no mount left behind.
    let before = store_mounts(&user);
    user.ok(&["cp", src, "s:/tmp/in"]);
    let back = user.home.join("back");
    user.ok(&["cp", "s:/tmp/in", back.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&back).unwrap(), "mine\n");
    assert_eq!(store_mounts(&user), before);
    user.ok(&["rm", "-f", "-t", "0", "c", "s"]);
}
