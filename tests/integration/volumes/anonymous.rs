//! Anonymous volumes: `-v /c`, `--mount type=volume` without a source, the image's
//! `VOLUME`; removed by `rm -v` and `--rm`, kept by plain `rm`.

use super::{volume_names, with_volume_image};

#[test]
fn the_image_volume_is_an_anonymous_volume_with_the_image_content() {
    let w = with_volume_image();
    let r = w.reference.as_str();
    let id = w.ctl.ok(&["create", r, "cat", "/data/db.txt"]);
    let id = id.stdout.trim();
    let names = volume_names(&w);
    assert_eq!(names.len(), 1, "{names:?}");
    assert_eq!(names[0].len(), 64, "{names:?}");
    let v = w.ctl.ok(&["volume", "inspect", &names[0]]).json();
    assert_eq!(v[0]["Anonymous"], true, "{v}");
    assert_eq!(w.ctl.ok(&["start", "-a", id]).stdout, "seed\n");
    let c = w.ctl.inspect_container(id);
    assert_eq!(c["Mounts"][0]["Name"], names[0].as_str(), "{c}");
    assert_eq!(c["Mounts"][0]["Destination"], "/data", "{c}");
    // Plain rm keeps the anonymous volume (podman's), dangling now.
    w.ctl.ok(&["rm", id]);
    let dangling = w
        .ctl
        .ok(&["volume", "ls", "-q", "--filter", "dangling=true"]);
    assert_eq!(dangling.lines(), [names[0].as_str()]);
    w.ctl.ok(&["volume", "rm", &names[0]]);
    // A flag's mount at the VOLUME's path replaces it: no anonymous volume.
    w.ctl.ok(&["run", "--rm", "-v", "named:/data", r, "true"]);
    assert_eq!(volume_names(&w), ["named"]);
    w.ctl.ok(&["volume", "rm", "named"]);
}

#[test]
fn rm_v_and_run_rm_remove_anonymous_volumes_only() {
    let w = with_volume_image();
    let r = w.reference.as_str();
    w.ctl.ok(&["volume", "create", "keepme"]);
    // --rm: the image's and the flags' anonymous volumes go; the named one stays.
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "-v",
        "/scratch",
        "--mount",
        "type=volume,target=/more",
        "-v",
        "keepme:/k",
        r,
        "sh",
        "-c",
        "echo x > /scratch/f; echo y > /more/g",
    ]);
    out.success();
    assert_eq!(volume_names(&w), ["keepme"]);
    // rm -v: the same.
    let id = w
        .ctl
        .ok(&["create", "-v", "/scratch", "-v", "keepme:/k", r, "true"]);
    let id = id.stdout.trim();
    assert_eq!(volume_names(&w).len(), 3, "/scratch and /data");
    w.ctl.ok(&["rm", "-v", id]);
    assert_eq!(volume_names(&w), ["keepme"]);
    // A detached --rm container's volumes go when it exits.
    let id = w
        .ctl
        .ok(&["run", "-d", "--rm", "-v", "/scratch", r, "true"]);
    let id = id.stdout.trim().to_string();
    let gone = crate::common::wait_for(std::time::Duration::from_secs(20), || {
        let done =
            w.ctl.run(&["container", "exists", &id]).code == Some(1) && volume_names(&w).len() == 1;
        done.then_some(())
    });
    assert!(gone.is_some(), "{:?}", volume_names(&w));
    w.ctl.ok(&["volume", "rm", "keepme"]);
}
