//! What a build refuses, in podman's words and exit codes, leaving no image, container or
//! mount behind.

use super::{base, build, context};

fn nothing_left(w: &crate::common::WithImage) {
    assert_eq!(
        w.ctl.ok(&["ps", "-aq"]).stdout,
        "",
        "no build container is left"
    );
    let names: Vec<_> = w.ctl.images().iter().map(|i| i["Names"].clone()).collect();
    assert!(!format!("{names:?}").contains("localhost/bad"), "{names:?}");
    assert!(crate::common::ctl::mounts_under(w.ctl.dir()).is_empty());
}

#[test]
fn a_syntax_error_names_its_line() {
    let w = base();
    let ctx = context(&[(
        "Containerfile",
        "ARG BASE\nFROM $BASE\n\nRUN true\nFOO bar\n",
    )]);
    let out = build(&w, ctx.path(), &["-t", "bad"]);
    out.failure(125);
    assert_eq!(
        out.stderr.trim(),
        "Error: parsing Containerfile: Containerfile:5: unknown instruction: FOO"
    );
    assert!(!out.stdout.contains("STEP"), "nothing ran\n{out}");
    let ctx = context(&[("Dockerfile", "FROM x\nENV A=\"open\n")]);
    let out = build(&w, ctx.path(), &[]);
    out.failure(125);
    assert!(
        out.stderr
            .contains("Dockerfile:2: unexpected end of statement"),
        "{out}"
    );
    nothing_left(&w);
}

#[test]
fn a_failing_run_stops_the_build_with_its_exit_code() {
    let w = base();
    let ctx = context(&[(
        "Containerfile",
        "ARG BASE\nFROM $BASE\nRUN echo before; exit 7\nRUN echo never\n",
    )]);
    let out = build(&w, ctx.path(), &["-t", "bad"]);
    out.failure(7);
    assert_eq!(
        out.stderr.trim(),
        "Error: building at STEP \"RUN echo before; exit 7\": while running runtime: exit status 7"
    );
    assert!(
        out.stdout.contains("before") && !out.stdout.contains("never"),
        "{out}"
    );
    nothing_left(&w);
}

#[test]
fn sources_outside_the_context_are_refused() {
    let w = base();
    let outside = context(&[("secret", "s\n")]);
    let ctx = context(&[("ok.txt", "ok\n")]);
    std::os::unix::fs::symlink(outside.path().join("secret"), ctx.path().join("link")).unwrap();
    for (file, want) in [
        (
            "COPY ../secret /",
            "possible escaping context directory error",
        ),
        ("COPY link /", "possible escaping context directory error"),
        (
            "ADD http://127.0.0.1:1/x /",
            "ADD from a URL is not supported",
        ),
        ("COPY missing /", "no such file or directory"),
    ] {
        super::write(
            ctx.path(),
            "Containerfile",
            &format!("ARG BASE\nFROM $BASE\n{file}\n"),
        );
        let out = build(&w, ctx.path(), &["-t", "bad"]);
        out.failure(125);
        assert!(out.stderr.contains(want), "{file}: {out}");
        assert!(
            out.stderr
                .starts_with(&format!("Error: building at STEP \"{file}\": ")),
            "{out}"
        );
        assert_eq!(out.stderr.trim().lines().count(), 1, "{out}");
    }
    nothing_left(&w);
}

#[test]
fn the_containerignore_file_is_honoured() {
    let w = base();
    let ctx = context(&[
        ("Containerfile", "ARG BASE\nFROM $BASE\nCOPY . /ctx/\n"),
        (".containerignore", "*.log\n!keep.log\nsecret/\n**/tmp\n"),
        ("a.log", "x"),
        ("keep.log", "k"),
        ("secret/key", "s"),
        ("sub/tmp/t", "t"),
        ("sub/ok", "o"),
    ]);
    let out = build(&w, ctx.path(), &["-t", "ignored"]);
    out.success();
    let ls = w.ctl.ok(&[
        "run",
        "--rm",
        "ignored",
        "sh",
        "-c",
        "ls -A /ctx; echo --; ls -A /ctx/sub",
    ]);
    assert_eq!(
        ls.stdout, ".containerignore\nContainerfile\nkeep.log\nsub\n--\nok\n",
        "{ls}"
    );
    // An ignored file named as a source is not there.
    super::write(
        ctx.path(),
        "Containerfile",
        "ARG BASE\nFROM $BASE\nCOPY a.log /\n",
    );
    build(&w, ctx.path(), &[]).failure(125);
    w.ctl.ok(&["rmi", "ignored"]);
}
