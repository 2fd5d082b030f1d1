//! Volumes of an ordinary user: in the user's store, copied up inside the user namespace.

use std::os::unix::fs::MetadataExt;

use crate::common::Registry;
use crate::rootless::user::User;

#[test]
fn rootless_volumes_keep_image_ownership_in_the_user_namespace() {
    let registry = Registry::start();
    registry.push("fixtures/volumes:latest", &super::volume_image());
    let reference = registry.reference("fixtures/volumes:latest");
    let user = User::create(true);
    user.ok(&["pull", "-q", &reference]);
    let out = user.ok(&[
        "run",
        "--rm",
        "-v",
        "db:/data",
        &reference,
        "sh",
        "-c",
        "stat -c '%u:%g' /data/db.txt; cat /data/db.txt; echo more >> /data/db.txt",
    ]);
    assert_eq!(out.stdout, "999:999\nseed\n");
    let data = user.store().join("volumes/db/_data");
    let m = std::fs::metadata(data.join("db.txt")).unwrap();
    let start = subuid_start(&user);
    assert_eq!((m.uid(), m.gid()), (start + 998, start + 998));
    let again = user.ok(&[
        "run",
        "--rm",
        "-v",
        "db:/data",
        &reference,
        "cat",
        "/data/db.txt",
    ]);
    assert_eq!(again.stdout, "seed\nmore\n");
    // The image's VOLUME, anonymous, goes with --rm.
    user.ok(&["run", "--rm", &reference, "ls", "/data"]);
    assert_eq!(user.ok(&["volume", "ls", "-q"]).stdout, "db\n");
    user.ok(&["volume", "rm", "db"]);
    assert_eq!(user.ok(&["volume", "ls", "-q"]).stdout, "");
}

fn subuid_start(user: &User) -> u32 {
    let text = std::fs::read_to_string("/etc/subuid").unwrap();
    text.lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.first() == Some(&user.name.as_str())).then(|| f[1].parse().unwrap())
        })
        .expect("a subuid range")
}
