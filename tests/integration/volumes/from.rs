//! `--volumes-from CTR[:ro|rw|z]`: another container's binds and volumes (named and
//! anonymous), in their mode unless ro/rw is given; errors in podman's words.

use crate::common::WithImage;

#[test]
fn volumes_from_takes_binds_and_volumes_with_their_mode() {
    let w = super::with_volume_image();
    let (ctl, r) = (&w.ctl, w.reference.as_str());
    let host = ctl.dir().join("from-host");
    std::fs::create_dir_all(&host).unwrap();
    std::fs::write(host.join("h"), "host\n").unwrap();
    let bind = format!("{}:/h:ro", host.display());
    // The source never runs: its volumes are shared all the same.
    ctl.ok(&[
        "create",
        "--name",
        "src",
        "-v",
        "shared:/s",
        "-v",
        &bind,
        r,
        "true",
    ]);
    let out = ctl.ok(&[
        "run",
        "--rm",
        "--volumes-from",
        "src",
        r,
        "sh",
        "-c",
        "echo hi > /s/f; cat /h/h /data/db.txt; touch /h/x 2>/dev/null || echo h-ro",
    ]);
    assert_eq!(out.stdout, "host\nseed\nh-ro\n");

    // ro over every mount; rw over the bind's ro; the flags' own mount wins.
    let out = ctl.ok(&[
        "run",
        "--rm",
        "--volumes-from",
        "src:ro,z",
        r,
        "sh",
        "-c",
        "cat /s/f; touch /s/g 2>/dev/null || echo s-ro",
    ]);
    assert_eq!(out.stdout, "hi\ns-ro\n");
    let out = ctl.ok(&[
        "run",
        "--rm",
        "--volumes-from",
        "src:rw",
        "-v",
        "other:/s",
        r,
        "sh",
        "-c",
        "touch /h/x && echo h-rw; ls /s",
    ]);
    assert_eq!(out.stdout, "h-rw\n");
    std::fs::remove_file(host.join("x")).unwrap();

    // The source's anonymous volume (the image's VOLUME) is shared, and stays the
    // source's: a --rm user does not remove it.
    let anon = ctl.inspect_container("src")["Mounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["Destination"] == "/data")
        .map(|m| m["Name"].as_str().unwrap().to_string())
        .unwrap();
    assert!(super::volume_names(&w).contains(&anon));
    ctl.ok(&[
        "create",
        "--name",
        "user",
        "--volumes-from",
        "src",
        r,
        "true",
    ]);
    let names: Vec<String> = ctl.inspect_container("user")["Mounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["Name"].as_str().map(String::from))
        .collect();
    assert!(
        names.contains(&anon) && names.contains(&"shared".to_string()),
        "{names:?}"
    );
    ctl.run(&["volume", "rm", "shared"]).failure(2);

    for (arg, text) in [
        ("nope", "looking up container \"nope\" for volumes-from: no container with name or ID \"nope\" found: no such container"),
        ("src:ro,rw", "cannot set ro or rw options more than once"),
        ("src:z,z", "cannot set :z more than once in mount options"),
        ("src:nocopy", "invalid option \"nocopy\" specified - volumes from another container can only use z,ro,rw options"),
    ] {
        let out = ctl.run(&["run", "--rm", "--volumes-from", arg, r, "true"]);
        out.failure(125);
        assert_eq!(out.one_line_error(), format!("Error: {text}"), "{out}");
    }
    ctl.ok(&["rm", "-v", "user", "src"]);
    ctl.ok(&["volume", "rm", "shared", "other"]);
    assert!(super::volume_names(&w).is_empty());
    let _: &WithImage = &w;
}
