//! `run -a STREAM`, `-q`, `--platform`, `--rmi` and `--timeout`, as podman's.

use super::*;

#[test]
fn attach_copies_only_the_named_streams() {
    let w = setup();
    let script = "echo to-out; echo to-err >&2";
    let both = run_rm(&w, &["--network", "none"], &["sh", "-c", script]);
    both.success();
    assert_eq!(
        (both.stdout.as_str(), both.stderr.as_str()),
        ("to-out\n", "to-err\n")
    );
    let out = run_rm(
        &w,
        &["--network", "none", "-a", "stdout"],
        &["sh", "-c", script],
    );
    out.success();
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("to-out\n", ""));
    let err = run_rm(
        &w,
        &["--network", "none", "--attach", "stderr"],
        &["sh", "-c", script],
    );
    err.success();
    assert_eq!((err.stdout.as_str(), err.stderr.as_str()), ("", "to-err\n"));
    // -a stdin keeps the container's stdin open, as -i.
    let args = run_args(
        &w,
        "--rm",
        &["--network", "none", "-a", "stdin", "-a", "stdout"],
        &["cat"],
    );
    let cat = w.ctl.run_with_stdin(&args, Some("typed\n"));
    cat.success();
    assert_eq!(cat.stdout, "typed\n");
    let bad = w
        .ctl
        .run(&run_args(&w, "--rm", &["-a", "stdweird"], &["true"]));
    bad.failure(125);
    assert_eq!(
        bad.one_line_error(),
        "Error: invalid stream \"stdweird\" for --attach - must be one of stdin, stdout, or \
         stderr: invalid argument"
    );
}

#[test]
fn quiet_pull_platform_and_rmi() {
    let w = setup();
    // -q: a pull says nothing.
    let out = run_rm(
        &w,
        &["--network", "none", "-q", "--pull", "always"],
        &["true"],
    );
    out.success();
    assert_eq!(out.stderr, "", "{out}");
    let bad = w
        .ctl
        .run(&run_args(&w, "--rm", &["--platform", "linux"], &["true"]));
    bad.failure(125);
    bad.one_line_error();
    assert_eq!(w.ctl.ok(&["ps", "-a", "-q"]).stdout, "");

    // --rmi: the image goes with the container, unless another container uses it.
    w.ctl
        .ok(&["create", "--name", "user", &w.reference, "true"]);
    let out = run_args(&w, "--rmi", &["--network", "none"], &["echo", "ran"]);
    let out = w.ctl.run(&out);
    out.success();
    assert_eq!(out.stdout, "ran\n");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(w.ctl.images().len(), 1, "used by another container: kept");
    w.ctl.ok(&["rm", "user"]);
    let out = w
        .ctl
        .run(&run_args(&w, "--rmi", &["--network", "none"], &["true"]));
    out.success();
    assert!(
        wait_for(Duration::from_secs(10), || w
            .ctl
            .images()
            .is_empty()
            .then_some(()))
        .is_some(),
        "{:?}",
        w.ctl.images()
    );
    assert_eq!(w.ctl.ok(&["ps", "-a", "-q"]).stdout, "");
}

/// `--timeout N`: the monitor kills the container after N seconds (137, as SIGKILL).
#[test]
fn timeout_kills_a_container_that_runs_too_long() {
    let w = setup();
    let start = std::time::Instant::now();
    let out = run_rm(
        &w,
        &["--network", "none", "--timeout", "1"],
        &["sleep", "30"],
    );
    out.failure(137);
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "{:?}",
        start.elapsed()
    );
    let id = run_d(
        &w,
        &["--network", "none", "--timeout", "1"],
        &["sleep", "30"],
    );
    let exited = wait_for(Duration::from_secs(15), || {
        (status(&w, &id) == "exited").then_some(())
    });
    assert!(exited.is_some(), "{}", status(&w, &id));
    assert_eq!(field(&w, &id, "{{.State.ExitCode}}"), "137");
    // A command that ends in time is not touched.
    let out = run_rm(&w, &["--network", "none", "--timeout", "30"], &["true"]);
    out.success();
    w.ctl.ok(&["rm", &id]);
}

/// `ctl ARGS...` run by a shell that first opens `redirs` (e.g. `3<FILE`), with ctl's
/// environment plus `env`.
fn with_fds(
    w: &WithImage,
    args: &[&str],
    redirs: &str,
    env: &[(&str, &str)],
) -> crate::common::Out {
    let ctl = w.ctl.command(args);
    let mut sh = std::process::Command::new("/bin/sh");
    sh.env_clear();
    for (k, v) in ctl.get_envs() {
        if let Some(v) = v {
            sh.env(k, v);
        }
    }
    for (k, v) in env {
        sh.env(k, v);
    }
    sh.arg("-c")
        .arg(format!("exec \"$@\" {redirs}"))
        .arg("sh")
        .arg(ctl.get_program())
        .args(ctl.get_args());
    crate::common::Ctl::run_command(sh, args, None)
}

/// `--preserve-fds N` passes the caller's fds 3.. into the container; socket activation
/// (LISTEN_FDS for ctl's own pid) does too, with LISTEN_PID=1 inside.
#[test]
fn preserve_fds_and_socket_activation() {
    let w = setup();
    let (a, b) = (w.ctl.dir().join("fd3"), w.ctl.dir().join("fd4"));
    std::fs::write(&a, "three\n").unwrap();
    std::fs::write(&b, "four\n").unwrap();
    let redirs = format!("3<{} 4<{}", a.display(), b.display());
    let args = run_args(
        &w,
        "--rm",
        &["--network", "none", "--preserve-fds", "2"],
        &["sh", "-c", "cat <&3; cat <&4"],
    );
    let out = with_fds(&w, &args, &redirs, &[]);
    out.success();
    assert_eq!(out.stdout, "three\nfour\n");
    // Only what was asked: fd 4 is not passed with --preserve-fds 1.
    let args = run_args(
        &w,
        "--rm",
        &["--network", "none", "--preserve-fds", "1"],
        &[
            "sh",
            "-c",
            "test -e /proc/self/fd/4 && echo leaked || echo closed",
        ],
    );
    let out = with_fds(&w, &args, &redirs, &[]);
    out.success();
    assert_eq!(out.stdout, "closed\n");
    // An fd that is not open: podman's error, nothing made.
    let out = w
        .ctl
        .run(&run_args(&w, "--rm", &["--preserve-fds", "5"], &["true"]));
    out.failure(125);
    assert!(
        out.one_line_error()
            .contains("the preserve-fds option requires that file descriptors must be passed"),
        "{out}"
    );
    assert_eq!(w.ctl.ok(&["ps", "-a", "-q"]).stdout, "");
    // Socket activation: sh execs ctl, so ctl's pid is sh's ($$).
    let args = run_args(
        &w,
        "--rm",
        &["--network", "none"],
        &["sh", "-c", "echo $LISTEN_PID $LISTEN_FDS; cat <&3"],
    );
    let ctl = w.ctl.command(&args);
    let mut sh = std::process::Command::new("/bin/sh");
    sh.env_clear();
    for (k, v) in ctl.get_envs() {
        if let Some(v) = v {
            sh.env(k, v);
        }
    }
    sh.arg("-c")
        .arg(format!(
            "export LISTEN_PID=$$ LISTEN_FDS=1; exec \"$@\" 3<{}",
            a.display()
        ))
        .arg("sh")
        .arg(ctl.get_program())
        .args(ctl.get_args());
    let out = crate::common::Ctl::run_command(sh, &args, None);
    out.success();
    assert_eq!(out.stdout, "1 1\nthree\n");
}
