//! `inspect NAME` finds a volume after containers and images (podman's order), `--type
//! volume` narrows it, and `MountCount` is 0 for a local volume without options.

use crate::common::WithImage;

#[test]
fn inspect_finds_volumes_after_containers_and_images() {
    let w = WithImage::busybox();
    let ctl = &w.ctl;
    ctl.ok(&["volume", "create", "-l", "k=v", "ivol"]);
    let v = ctl.ok(&["inspect", "ivol"]).json();
    assert_eq!(v[0]["Name"], "ivol", "{v}");
    assert_eq!(v[0]["Driver"], "local");
    assert_eq!(v[0]["Labels"]["k"], "v");
    assert_eq!(v[0]["MountCount"], 0);
    let t = ctl.ok(&[
        "inspect",
        "--type",
        "volume",
        "--format",
        "{{.Name}} {{.MountCount}}",
        "ivol",
    ]);
    assert_eq!(t.stdout, "ivol 0\n");

    // A container of the same name comes first, --type volume still finds the volume.
    ctl.ok(&["create", "--name", "ivol", &w.reference, "true"]);
    let c = ctl.ok(&["inspect", "ivol"]).json();
    assert!(c[0]["State"].is_object(), "{c}");
    let v = ctl.ok(&["inspect", "-t", "volume", "ivol"]).json();
    assert_eq!(
        v[0]["Mountpoint"].as_str().unwrap().rsplit('/').nth(1),
        Some("ivol")
    );

    // A plain volume used by a running container is still not mounted (podman's count).
    ctl.ok(&[
        "run",
        "-d",
        "--name",
        "iuser",
        "-v",
        "ivol:/v",
        &w.reference,
        "sleep",
        "60",
    ]);
    let n = ctl.ok(&["volume", "inspect", "--format", "{{.MountCount}}", "ivol"]);
    assert_eq!(n.stdout, "0\n");

    ctl.run(&["inspect", "--type", "volume", "nope"])
        .failure(125)
        .stderr_has("no such volume nope");
    ctl.run(&["inspect", "nope"])
        .failure(125)
        .stderr_has("no such object: \"nope\"");
    ctl.ok(&["rm", "-f", "-t", "0", "iuser", "ivol"]);
    ctl.ok(&["volume", "rm", "ivol"]);
}
