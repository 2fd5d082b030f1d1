//! podman-build(1)'s options beyond the Containerfile: those that shape RUN's containers
//! (`--add-host`, `--dns`, `--ulimit`, `-v`, `--cap-drop`, `--no-hosts`), those that change
//! the built image (`--env`, `--unsetenv`, `--unsetlabel`, `--inherit-labels`,
//! `--omit-history`, `--timestamp`, `--squash`, `--squash-all`, `--from`), and where the
//! build reads and writes (`--ignorefile`, `--skip-unused-stages`, `-o`, `--logfile`).

use super::{base, build, context};

fn layers(w: &crate::common::WithImage, image: &str) -> usize {
    w.ctl.inspect(image)["RootFS"]["Layers"]
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn run_steps_take_the_build_s_container_options() {
    let w = base();
    let host = tempfile::tempdir().unwrap();
    let ctx = context(&[(
        "Containerfile",
        "ARG BASE\nFROM $BASE\nRUN grep myhost /etc/hosts > /out/hosts; \
         grep nameserver /etc/resolv.conf > /out/dns; ulimit -n > /out/nofile; \
         grep CapEff /proc/self/status > /out/caps\n",
    )]);
    let vol = format!("{}:/out", host.path().display());
    let out = build(
        &w,
        ctx.path(),
        &[
            "--no-cache",
            "--add-host",
            "myhost:10.1.2.3",
            "--dns",
            "10.9.9.9",
            "--ulimit",
            "nofile=123:456",
            "--cap-drop",
            "ALL",
            "-v",
            &vol,
        ],
    );
    out.success();
    let read = |f: &str| std::fs::read_to_string(host.path().join(f)).unwrap();
    assert_eq!(
        read("hosts").split_whitespace().next(),
        Some("10.1.2.3"),
        "{out}"
    );
    assert_eq!(read("dns"), "nameserver 10.9.9.9\n");
    assert_eq!(read("nofile"), "123\n");
    assert_eq!(
        read("caps").split_whitespace().nth(1),
        Some("0000000000000000")
    );

    // The bind is not in the image; a named volume is refused before anything is made.
    let bad = build(&w, ctx.path(), &["-v", "somevolume:/out"]);
    bad.failure(125);
    assert!(bad.stderr.contains("host paths only"), "{bad}");
    assert!(!w
        .ctl
        .ok(&["volume", "ls", "-q"])
        .stdout
        .contains("somevolume"));
}

#[test]
fn the_built_image_takes_env_labels_history_and_timestamp_options() {
    let w = base();
    let ctx = context(&[
        (
            "Containerfile",
            "ARG BASE\nFROM $BASE AS parent\nLABEL from-parent=1 gone=1\n\
             FROM parent\nENV KEEP=1 DROP=2\nLABEL own=1\nCOPY f.txt /f.txt\n\
             RUN echo \"env:$FROM_FLAG\" > /seen\n",
        ),
        ("f.txt", "f\n"),
    ]);
    let out = build(
        &w,
        ctx.path(),
        &[
            "-t",
            "opts",
            "--env",
            "FROM_FLAG=yes",
            "--unsetenv",
            "DROP",
            "--unsetlabel",
            "gone",
            "--omit-history",
            "--timestamp",
            "1000000000",
        ],
    );
    out.success();
    let i = w.ctl.inspect("opts");
    let env = i["Config"]["Env"].as_array().unwrap();
    assert!(env.iter().any(|e| e == "FROM_FLAG=yes"), "{env:?}");
    assert!(env.iter().any(|e| e == "KEEP=1"), "{env:?}");
    assert!(
        !env.iter().any(|e| e.as_str().unwrap().starts_with("DROP=")),
        "{env:?}"
    );
    let labels = &i["Config"]["Labels"];
    assert_eq!(labels["from-parent"], "1", "{labels}");
    assert_eq!(labels["own"], "1");
    assert!(labels.get("gone").is_none(), "{labels}");
    assert!(i["History"].as_array().is_none_or(|h| h.is_empty()), "{i}");
    assert!(
        i["Created"]
            .as_str()
            .unwrap()
            .starts_with("2001-09-09T01:46:40"),
        "{i}"
    );
    let run = w.ctl.ok(&[
        "run",
        "--rm",
        "opts",
        "sh",
        "-c",
        "cat /seen; stat -c %Y /f.txt /seen",
    ]);
    assert_eq!(run.stdout, "env:yes\n1000000000\n1000000000\n", "{run}");

    // The same build at the same timestamp is the same image.
    let again = build(
        &w,
        ctx.path(),
        &[
            "--env",
            "FROM_FLAG=yes",
            "--unsetenv",
            "DROP",
            "--unsetlabel",
            "gone",
            "--omit-history",
            "--timestamp",
            "1000000000",
            "--no-cache",
        ],
    );
    again.success();
    assert_eq!(
        again.lines().last().unwrap(),
        &i["Id"].as_str().unwrap(),
        "{again}"
    );

    // --inherit-labels=false: the base stage's labels are left out, the stage's own kept.
    let out = build(
        &w,
        ctx.path(),
        &["-t", "noinherit", "--inherit-labels=false"],
    );
    out.success();
    let labels = &w.ctl.inspect("noinherit")["Config"]["Labels"];
    assert!(labels.get("from-parent").is_none(), "{labels}");
    assert_eq!(labels["own"], "1");
    w.ctl.ok(&["rmi", "opts", "noinherit"]);
}

#[test]
fn squash_makes_the_new_layers_one_and_squash_all_the_whole_image() {
    let w = base();
    let ctx = context(&[
        (
            "Containerfile",
            "ARG BASE\nFROM $BASE\nCOPY a.txt /a.txt\nRUN rm /etc/group && mkdir /d && echo x > /d/x\n\
             RUN rm /a.txt && echo y > /d/y\n",
        ),
        ("a.txt", "a\n"),
    ]);
    let base_layers = layers(&w, &w.reference);
    let check = |image: &str| {
        let r = w.ctl.ok(&[
            "run",
            "--rm",
            image,
            "sh",
            "-c",
            "ls /d; test -e /a.txt || echo no-a; test -e /etc/group || echo no-group; \
             test -e /etc/passwd && echo passwd",
        ]);
        assert_eq!(r.stdout, "x\ny\nno-a\nno-group\npasswd\n", "{image}: {r}");
    };
    build(&w, ctx.path(), &["-t", "plain"]).success();
    assert_eq!(layers(&w, "plain"), base_layers + 3);
    check("plain");
    build(&w, ctx.path(), &["-t", "squashed", "--squash"]).success();
    assert_eq!(layers(&w, "squashed"), base_layers + 1);
    check("squashed");
    build(&w, ctx.path(), &["-t", "all", "--squash-all"]).success();
    assert_eq!(layers(&w, "all"), 1);
    check("all");
    w.ctl.ok(&["rmi", "plain", "squashed", "all"]);
}

#[test]
fn from_ignorefile_unused_stages_output_and_logfile() {
    let w = base();
    let ctx = context(&[
        (
            "Containerfile",
            "FROM nosuch.invalid/none\nFROM scratch AS unused\nCOPY keep.txt /\n\
             FROM nosuch.invalid/none AS last\nCOPY . /ctx/\n",
        ),
        ("keep.txt", "k\n"),
        ("skip.txt", "s\n"),
        ("my.ignore", "skip.txt\n"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let tar = dir.path().join("out.tar");
    let log = dir.path().join("build.log");
    let from = w.reference.clone();
    let c = ctx.path().to_str().unwrap();
    // --from replaces the first FROM only: the last stage still names a missing image.
    let bad = w.ctl.run(&["build", "--from", &from, "--pull=never", c]);
    assert_ne!(bad.code, Some(0), "{bad}");
    assert!(bad.stderr.contains("nosuch.invalid/none"), "{bad}");

    let file = "FROM nosuch.invalid/none AS first\nCOPY . /ctx/\nFROM scratch AS unused\n\
                COPY keep.txt /\nFROM first\nRUN ls /ctx > /listed\n";
    std::fs::write(ctx.path().join("Containerfile"), file).unwrap();
    let o = format!("type=local,dest={}", out_dir.display());
    let out = w.ctl.run(&[
        "build",
        "--from",
        &from,
        "--ignorefile",
        &ctx.path().join("my.ignore").to_string_lossy(),
        "--skip-unused-stages=false",
        "-o",
        &o,
        "--logfile",
        log.to_str().unwrap(),
        c,
    ]);
    out.success();
    assert_eq!(out.stdout, "", "--logfile takes stdout: {out}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged.contains("[2/3] STEP 1/2: FROM scratch AS unused"),
        "{logged}"
    );
    let listed = std::fs::read_to_string(out_dir.join("listed")).unwrap();
    assert!(
        listed.contains("keep.txt") && listed.contains("my.ignore"),
        "{listed}"
    );
    assert!(!listed.contains("skip.txt"), "{listed}");
    assert!(out_dir.join("bin/busybox").is_file());

    let o = format!("type=tar,dest={}", tar.display());
    build(&w, ctx.path(), &["-o", &o, "--from", &from]).success();
    let mut names = Vec::new();
    for e in tar::Archive::new(std::fs::File::open(&tar).unwrap())
        .entries()
        .unwrap()
    {
        names.push(e.unwrap().path().unwrap().to_string_lossy().into_owned());
    }
    assert!(names.iter().any(|n| n == "listed"), "{names:?}");
}

#[test]
fn options_for_another_platform_or_isolation_are_refused() {
    let w = base();
    let ctx = context(&[("Containerfile", "ARG BASE\nFROM $BASE\n")]);
    for (args, want) in [
        (
            &["--arch", "s390x"][..],
            "architecture s390x is not this host's",
        ),
        (&["--os", "windows"][..], "os windows is not this host's"),
        (
            &["--isolation", "chroot"][..],
            "isolation \"chroot\" is not supported",
        ),
        (
            &["--timestamp", "1", "--source-date-epoch", "2"][..],
            "conflict",
        ),
        (&["-o", "type=oci,dest=x"][..], "invalid build output type"),
        (&["--cache-ttl", "soon"][..], "invalid duration"),
    ] {
        let out = build(&w, ctx.path(), args);
        out.failure(125);
        assert!(out.stderr.contains(want), "{args:?}: {out}");
        assert_eq!(out.stderr.lines().count(), 1, "{out}");
    }
}
