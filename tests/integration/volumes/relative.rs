//! Relative host paths (`-v ./dir:/c`, `-v ../dir:/c`, `--mount type=bind,src=dir`) are
//! taken against the current directory, as podman's; `-v NAME:/c` stays a volume.

use std::process::Command;

use crate::common::{Ctl, Out, WithImage};

fn run_in(ctl: &Ctl, dir: &std::path::Path, args: &[&str]) -> Out {
    let mut cmd: Command = ctl.command(args);
    cmd.current_dir(dir);
    Ctl::run_command(cmd, args, None)
}

#[test]
fn relative_bind_sources_resolve_against_the_current_directory() {
    let w = WithImage::busybox();
    let (ctl, r) = (&w.ctl, w.reference.as_str());
    let top = ctl.dir().join("relative");
    let sub = top.join("sub");
    std::fs::create_dir_all(top.join("data")).unwrap();
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(top.join("data/f"), "from data\n").unwrap();
    std::fs::write(sub.join("g"), "from sub\n").unwrap();

    let out = run_in(
        ctl,
        &sub,
        &[
            "run",
            "--rm",
            "-v",
            "../data:/a:ro",
            "-v",
            "./:/b",
            "--mount",
            "type=bind,src=../data,target=/c",
            r,
            "sh",
            "-c",
            "cat /a/f /b/g /c/f",
        ],
    );
    out.success();
    assert_eq!(out.stdout, "from data\nfrom sub\nfrom data\n");

    run_in(
        ctl,
        &top,
        &["create", "--name", "rel", "-v", "./data:/x", r, "true"],
    )
    .success();
    let c = ctl.inspect_container("rel");
    let src = c["Mounts"][0]["Source"].as_str().unwrap().to_string();
    assert_eq!(src, top.join("data").display().to_string(), "{c}");
    ctl.ok(&["rm", "rel"]);

    // A name is a volume, never a path of the current directory.
    run_in(ctl, &top, &["run", "--rm", "-v", "data:/x", r, "ls", "/x"]).success();
    assert_eq!(ctl.ok(&["volume", "ls", "-q"]).stdout, "data\n");
    ctl.ok(&["volume", "rm", "data"]);

    let bad = run_in(ctl, &top, &["run", "--rm", "-v", "./missing:/x", r, "true"]);
    bad.failure(125);
    assert!(bad.one_line_error().contains("missing"), "{bad}");
    assert_eq!(ctl.ok(&["ps", "-aq"]).stdout, "");
}
