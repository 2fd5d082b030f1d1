//! Data in named volumes: kept across containers, copied up from the image once, `nocopy`.

use std::os::unix::fs::MetadataExt;

use super::{volume_names, with_volume_image};

#[test]
fn a_named_volume_keeps_data_across_containers_and_rm() {
    let w = with_volume_image();
    let r = w.reference.as_str();
    // Created on first use, as podman's.
    w.ctl.ok(&[
        "run",
        "--rm",
        "-v",
        "keep:/store",
        r,
        "sh",
        "-c",
        "echo kept > /store/f",
    ]);
    assert_eq!(volume_names(&w), ["keep"]);
    let id = w.ctl.ok(&[
        "create",
        "--mount",
        "type=volume,source=keep,target=/m,readonly",
        r,
        "cat",
        "/m/f",
    ]);
    let id = id.stdout.trim();
    let out = w.ctl.ok(&["start", "-a", id]);
    assert_eq!(out.stdout, "kept\n");
    let c = w.ctl.inspect_container(id);
    let m = &c["Mounts"][0];
    assert_eq!(m["Type"], "volume", "{c}");
    assert_eq!(m["Name"], "keep", "{c}");
    assert_eq!(m["Destination"], "/m", "{c}");
    assert_eq!(m["Driver"], "local", "{c}");
    assert_eq!(m["Mode"], "", "{c}");
    assert_eq!(m["RW"], false, "{c}");
    assert_eq!(m["Propagation"], "rprivate", "{c}");
    let data = w.ctl.root.join("volumes/keep/_data");
    assert_eq!(m["Source"], data.display().to_string(), "{c}");
    let binds = c["HostConfig"]["Binds"].to_string();
    assert!(binds.contains("keep:/m:ro"), "{binds}");
    // ps --filter volume= names the volume.
    let ps = w
        .ctl
        .ok(&["ps", "-a", "-q", "--no-trunc", "--filter", "volume=keep"]);
    assert_eq!(ps.stdout.trim(), id);
    // Mounted as podman's volumes are: nosuid, nodev.
    let mounts = w.ctl.ok(&[
        "run",
        "--rm",
        "-v",
        "keep:/store",
        r,
        "grep",
        " /store ",
        "/proc/mounts",
    ]);
    assert!(
        mounts.stdout.contains("nosuid") && mounts.stdout.contains("nodev"),
        "{mounts}"
    );
    // A read-only volume mount is read-only.
    let ro = w.ctl.run(&[
        "run",
        "--rm",
        "-v",
        "keep:/m:ro",
        r,
        "sh",
        "-c",
        "echo x > /m/g",
    ]);
    assert_ne!(ro.code, Some(0), "{ro}");
    w.ctl.ok(&["rm", "-v", id]);
    // Named volumes stay with rm -v.
    assert_eq!(std::fs::read_to_string(data.join("f")).unwrap(), "kept\n");
    w.ctl.ok(&["volume", "rm", "keep"]);
    assert!(volume_names(&w).is_empty());
}

#[test]
fn a_new_volume_gets_the_image_content_once_with_owners() {
    let w = with_volume_image();
    let r = w.reference.as_str();
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "-v",
        "db:/data",
        r,
        "sh",
        "-c",
        "stat -c '%u:%g %a' /data /data/db.txt; cat /data/db.txt; readlink /data/link; \
         echo mine > /data/db.txt",
    ]);
    assert_eq!(out.stdout, "999:999 750\n999:999 640\nseed\ndb.txt\n");
    let data = w.ctl.root.join("volumes/db/_data");
    let m = std::fs::metadata(data.join("db.txt")).unwrap();
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o7777), (999, 999, 0o640));
    let v = w.ctl.ok(&["volume", "inspect", "db"]).json();
    assert!(v[0].get("NeedsCopyUp").is_none(), "{v}");
    assert!(v[0].get("NeedsChown").is_none(), "{v}");
    // Not copied twice: the container's change stays.
    let again = w
        .ctl
        .ok(&["run", "--rm", "-v", "db:/data", r, "cat", "/data/db.txt"]);
    assert_eq!(again.stdout, "mine\n");
    // Another path of the image into an existing, non-empty volume: nothing copied.
    let other = w
        .ctl
        .ok(&["run", "--rm", "-v", "db:/seed", r, "ls", "/seed"]);
    assert_eq!(other.stdout, "db.txt\nlink\n");
    w.ctl.ok(&["volume", "rm", "db"]);
    assert!(!w.ctl.root.join("volumes/db").exists());
}

#[test]
fn nocopy_leaves_a_volume_empty_and_marked() {
    let w = with_volume_image();
    let r = w.reference.as_str();
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "-v",
        "empty:/seed:nocopy",
        r,
        "ls",
        "-A",
        "/seed",
    ]);
    assert_eq!(out.stdout, "");
    let v = w.ctl.ok(&["volume", "inspect", "empty"]).json();
    assert_eq!(v[0]["NeedsCopyUp"], true, "{v}");
    let m = w.ctl.ok(&[
        "run",
        "--rm",
        "--mount",
        "type=volume,src=m,dst=/seed,volume-nocopy",
        r,
        "ls",
        "-A",
        "/seed",
    ]);
    assert_eq!(m.stdout, "");
    // `volume create -o nocopy`: never copied.
    w.ctl.ok(&["volume", "create", "-o", "nocopy", "never"]);
    let n = w
        .ctl
        .ok(&["run", "--rm", "-v", "never:/seed", r, "ls", "-A", "/seed"]);
    assert_eq!(n.stdout, "");
    // A later use without nocopy copies into the still-empty volume.
    let later = w.ctl.ok(&[
        "run",
        "--rm",
        "-v",
        "empty:/seed",
        r,
        "cat",
        "/seed/hello.txt",
    ]);
    assert_eq!(later.stdout, "from the image\n");
    w.ctl.ok(&["volume", "rm", "empty", "m", "never"]);
}

#[test]
fn two_containers_created_at_once_on_a_new_volume_share_one_copy() {
    let w = with_volume_image();
    let r = w.reference.clone();
    let children: Vec<_> = (0..4)
        .map(|i| {
            let name = format!("racer{i}");
            w.ctl
                .spawn(&["create", "--name", &name, "-v", "shared:/data", &r, "true"])
        })
        .collect();
    for c in children {
        let out = crate::common::Out::wait(&["create"], c);
        out.success();
    }
    assert_eq!(volume_names(&w), ["shared"]);
    let vdir = w.ctl.root.join("volumes/shared");
    let entries: Vec<String> = std::fs::read_dir(&vdir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!entries.iter().any(|e| e.contains("tmp")), "{entries:?}");
    let files: Vec<String> = std::fs::read_dir(vdir.join("_data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    let rm = w.ctl.run(&["volume", "rm", "shared"]);
    rm.failure(2)
        .stderr_has("volume shared is being used by the following container(s): ");
    w.ctl.ok(&["volume", "rm", "-f", "shared"]);
    let ps = w.ctl.ok(&["ps", "-a", "-q"]);
    assert_eq!(ps.stdout, "", "rm -f removed the users");
    assert!(volume_names(&w).is_empty());
}

#[test]
fn a_copy_up_killed_half_way_is_made_again_whole() {
    let w = with_volume_image();
    let r = w.reference.as_str();
    w.ctl.ok(&["volume", "create", "half"]);
    // What a ctl killed during the copy leaves: a partial copy beside the empty, still
    // marked _data.
    let vdir = w.ctl.root.join("volumes/half");
    std::fs::create_dir_all(vdir.join("copyup.tmp/partial")).unwrap();
    std::fs::write(vdir.join("copyup.tmp/db.txt"), b"se").unwrap();
    let v = w.ctl.ok(&["volume", "inspect", "half"]).json();
    assert_eq!(v[0]["NeedsCopyUp"], true, "{v}");
    let out = w
        .ctl
        .ok(&["run", "--rm", "-v", "half:/data", r, "ls", "-A", "/data"]);
    assert_eq!(out.stdout, "db.txt\nlink\n");
    assert_eq!(
        std::fs::read_to_string(vdir.join("_data/db.txt")).unwrap(),
        "seed\n"
    );
    assert!(!vdir.join("copyup.tmp").exists());
    w.ctl.ok(&["volume", "rm", "half"]);
}
