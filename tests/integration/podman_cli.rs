//! podman's command-line contract, written from podman 5's documentation and tests: short
//! options mean what they mean in podman, options parse as pflag parses them, and errors
//! scripts test for have podman's words and exit codes.

use std::time::Duration;

use crate::common::{wait_for, Ctl, WithImage};
use crate::lifecycle::{field, run_d, status, wait_log, IGNORES_TERM};

/// The whole of stderr, for messages of more than one line.
pub(crate) fn stderr_is(out: &crate::common::Out, want: &str) {
    assert_eq!(out.stderr, want, "{out}");
}

// Short options.

#[test]
fn run_and_create_take_h_as_the_host_name() {
    let w = WithImage::busybox();
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-h",
        "myhost",
        &w.reference,
        "hostname",
    ]);
    assert_eq!(out.stdout, "myhost\n");
    w.ctl
        .ok(&["create", "-h", "other", "--name", "c", &w.reference, "true"]);
    assert_eq!(field(&w, "c", "{{.Config.Hostname}}"), "other");
    // Help is --help only there; -h alone lacks its value.
    w.ctl.ok(&["run", "--help"]).stdout_has("--hostname");
    w.ctl.ok(&["create", "--help"]).stdout_has("--hostname");
    let out = w.ctl.run(&["run", "-h"]);
    out.failure(125);
    stderr_is(
        &out,
        "Error: flag needs an argument: 'h' in -h\nSee 'ctl run --help'\n",
    );
    // Everywhere else -h is help.
    w.ctl.ok(&["ps", "-h"]).stdout_has("Usage: ctl ps");
    w.ctl.ok(&["rm", "-f", "c"]);
}

#[test]
fn start_a_attaches_to_that_container_and_exits_with_its_code() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "create",
        "--name",
        "att",
        "--network",
        "none",
        &w.reference,
        "sh",
        "-c",
        "echo out; echo err >&2; exit 3",
    ]);
    w.ctl.ok(&[
        "create",
        "--name",
        "bystander",
        "--network",
        "none",
        &w.reference,
        "true",
    ]);
    let out = w.ctl.run(&["start", "-a", "att"]);
    out.failure(3);
    assert_eq!(
        (out.stdout.as_str(), out.stderr.as_str()),
        ("out\n", "err\n")
    );
    assert_eq!(status(&w, "att"), "exited");
    assert_eq!(status(&w, "bystander"), "created", "-a is not --all");
    // Again, on the exited container: it runs again, attached.
    let out = w.ctl.run(&["start", "--attach", "att"]);
    out.failure(3);
    assert_eq!(out.stdout, "out\n");

    // A running container is joined: its later output, and its code when it ends.
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "later",
        "--network",
        "none",
        &w.reference,
        "sh",
        "-c",
        "echo ready; sleep 2; echo done; exit 4",
    ]);
    wait_log(&w, "later", "ready");
    let out = w.ctl.run(&["start", "-a", "later"]);
    out.failure(4);
    assert!(out.stdout.contains("done\n"), "{out}");

    // podman's checks before anything starts.
    let out = w.ctl.run(&["start", "-a", "att", "bystander"]);
    out.failure(125);
    stderr_is(
        &out,
        "Error: you cannot start and attach multiple containers at once\n",
    );
    let out = w.ctl.run(&["start", "--all", "--attach"]);
    out.failure(125);
    stderr_is(
        &out,
        "Error: you cannot start and attach all containers at once\n",
    );
    assert_eq!(status(&w, "bystander"), "created");
    w.ctl.ok(&["rm", "-f", "att", "bystander", "later"]);
}

#[test]
fn start_all_with_names_is_refused() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "create",
        "--name",
        "c1",
        "--network",
        "none",
        &w.reference,
        "true",
    ]);
    let out = w.ctl.run(&["start", "--all", "c1"]);
    out.failure(125);
    stderr_is(
        &out,
        "Error: either start all containers or the container(s) provided in the arguments\n",
    );
    assert_eq!(out.stdout, "");
    assert_eq!(status(&w, "c1"), "created");
    let out = w.ctl.run(&["start"]);
    out.failure(125);
    stderr_is(&out, "Error: start requires at least one argument\n");
    let out = w.ctl.run(&["stop", "--all", "c1"]);
    out.failure(125);
    stderr_is(&out, "Error: no arguments are needed with --all\n");
    let out = w.ctl.run(&["stop"]);
    out.failure(125);
    stderr_is(&out, "Error: you must provide at least one name or id\n");
    w.ctl.ok(&["rm", "c1"]);
}

#[test]
fn logs_n_is_names_and_tail_has_no_short_form() {
    let w = WithImage::busybox();
    run_d(
        &w,
        &["--name", "l", "--network", "none"],
        &["sh", "-c", "echo a; echo b; echo c"],
    );
    w.ctl.ok(&["wait", "l"]);
    assert_eq!(w.ctl.ok(&["logs", "-n", "l"]).stdout, "a\nb\nc\n");
    assert_eq!(w.ctl.ok(&["logs", "--names", "l"]).stdout, "a\nb\nc\n");
    assert_eq!(w.ctl.ok(&["logs", "--tail", "1", "l"]).stdout, "c\n");
    assert_eq!(w.ctl.ok(&["logs", "--tail", "-1", "l"]).stdout, "a\nb\nc\n");
    // The value of an option may start with a hyphen: a negative duration, as Go's, so
    // since a second from now, which no line is.
    assert_eq!(w.ctl.ok(&["logs", "--since", "-1s", "l"]).stdout, "");
    assert_eq!(
        w.ctl.ok(&["logs", "--since", "10m", "l"]).stdout,
        "a\nb\nc\n"
    );
    // `inspect -t` is --type.
    let v = w.ctl.ok(&["inspect", "-t", "container", "l"]).json();
    assert_eq!(v[0]["Name"], "l");
    w.ctl.ok(&["rm", "l"]);
}

#[test]
fn version_is_the_root_s_v_and_no_command_has_capital_v() {
    let ctl = Ctl::new();
    let want = format!("ctl version {}\n", env!("CARGO_PKG_VERSION"));
    assert_eq!(ctl.ok(&["-v"]).stdout, want);
    assert_eq!(ctl.ok(&["--version"]).stdout, want);
    let out = ctl.run(&["-V"]);
    out.failure(125);
    stderr_is(
        &out,
        "Error: unknown shorthand flag: 'V' in -V\nSee 'ctl --help'\n",
    );
    let out = ctl.run(&["ps", "--version"]);
    out.failure(125);
    stderr_is(
        &out,
        "Error: unknown flag: --version\nSee 'ctl ps --help'\n",
    );
    // podman's kill and restart have no --ignore; restart has no --timeout either.
    for (args, want) in [
        (
            &["kill", "-i", "x"][..],
            "Error: unknown shorthand flag: 'i' in -i\nSee 'ctl kill --help'\n",
        ),
        (
            &["restart", "--ignore", "x"],
            "Error: unknown flag: --ignore\nSee 'ctl restart --help'\n",
        ),
        (
            &["container", "restart", "--timeout", "1", "x"],
            "Error: unknown flag: --timeout\nSee 'ctl container restart --help'\n",
        ),
        (
            &["container", "inspect", "--type", "image", "x"],
            "Error: unknown flag: --type\nSee 'ctl container inspect --help'\n",
        ),
    ] {
        let out = ctl.run(args);
        out.failure(125);
        stderr_is(&out, want);
    }
}

// Parsing as pflag parses.

#[test]
fn a_repeated_option_s_last_value_wins() {
    let w = WithImage::busybox();
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "--rm",
        "--network",
        "none",
        "--name",
        "first",
        "--name=second",
        "-w",
        "/",
        "-w",
        "/tmp",
        &w.reference,
        "sh",
        "-c",
        "pwd",
    ]);
    assert_eq!(out.stdout, "/tmp\n");
    w.ctl.ok(&[
        "create",
        "--name",
        "a",
        "--name",
        "b",
        "-e",
        "X=1",
        "-e",
        "Y=2",
        &w.reference,
        "true",
    ]);
    assert_eq!(field(&w, "b", "{{.Name}}"), "b");
    let env = field(&w, "b", "{{json .Config.Env}}");
    assert!(env.contains("X=1") && env.contains("Y=2"), "{env}");
    assert_eq!(w.ctl.run(&["inspect", "a"]).code, Some(125));
    w.ctl.ok(&["rm", "b"]);
}

#[test]
fn a_value_may_start_with_a_hyphen() {
    let w = WithImage::busybox();
    run_d(
        &w,
        &["--name", "k", "--network", "none"],
        &[
            "sh",
            "-c",
            "trap 'exit 11' HUP; echo ready; while true; do sleep 0.1; done",
        ],
    );
    wait_log(&w, "k", "ready");
    // The value is taken; as podman's (and kill(1)'s), `-1` is signal 1, SIGHUP.
    w.ctl.ok(&["kill", "-s", "-1", "k"]).stdout_has("k");
    assert_eq!(w.ctl.ok(&["wait", "k"]).stdout, "11\n");
    for (signal, want) in [
        ("-65", "Error: valid signals are 1 through 64\n"),
        ("-SIGBADSIG", "Error: invalid signal: SIGBADSIG\n"),
        ("0", "Error: invalid signal: 0\n"),
    ] {
        let out = w.ctl.run(&["kill", "-s", signal, "k"]);
        out.failure(125);
        stderr_is(&out, want);
    }
    w.ctl.ok(&["rm", "k"]);
}

#[test]
fn usage_errors_are_podman_s_and_exit_125() {
    let ctl = Ctl::new();
    for (args, want) in [
        (
            &["ps", "--x"][..],
            "Error: unknown flag: --x\nSee 'ctl ps --help'\n",
        ),
        (
            &["container", "list", "--bogus=1"],
            "Error: unknown flag: --bogus\nSee 'ctl container ls --help'\n",
        ),
        (
            &["stop", "-t"],
            "Error: flag needs an argument: 't' in -t\nSee 'ctl stop --help'\n",
        ),
        (
            &["logs", "--since"],
            "Error: flag needs an argument: --since\nSee 'ctl logs --help'\n",
        ),
        (
            &["snuffleupagus"],
            "Error: unrecognized command `ctl snuffleupagus`\n\
             Try 'ctl --help' for more information\n",
        ),
        (
            &["container", "foo"],
            "Error: unrecognized command `ctl container foo`\n\
             Try 'ctl container --help' for more information\n",
        ),
        (
            &["image", "rmm"],
            "Error: unrecognized command `ctl image rmm`\n\nDid you mean this?\n\trm\n\n\
             Try 'ctl image --help' for more information\n",
        ),
    ] {
        let out = ctl.run(args);
        out.failure(125);
        stderr_is(&out, want);
        assert_eq!(out.stdout, "", "{out}");
    }
    // A group without its command: its help, then what is missing.
    for group in ["container", "image", "network", "system", "generate"] {
        let out = ctl.run(&[group]);
        out.failure(125);
        stderr_is(
            &out,
            &format!("Error: missing command 'ctl {group} COMMAND'\n"),
        );
        out.stdout_has(&format!("Usage: ctl {group}"));
    }
    let out = ctl.run(&[]);
    out.failure(125);
    stderr_is(&out, "Error: missing command 'ctl COMMAND'\n");
    // A bad --log-level: podman's words, no "Error:", exit 1.
    let out = ctl.run(&["--log-level", "loud", "ps"]);
    out.failure(1);
    stderr_is(
        &out,
        "Log Level \"loud\" is not supported, choose from: trace, debug, info, warn, warning, \
         error, fatal, panic\n",
    );
    for level in ["warning", "fatal", "panic"] {
        ctl.ok(&["--log-level", level, "ps"]);
    }
}

#[test]
fn out_and_noout_send_ctl_s_stdout_elsewhere() {
    let w = WithImage::busybox();
    let file = w.ctl.dir().join("out.txt");
    let f = file.to_str().unwrap();
    let out = w.ctl.ok(&["--out", f, "ps", "-a"]);
    assert_eq!(out.stdout, "");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("CONTAINER ID"), "{text}");
    // The id run -d prints goes there; the container's output still reaches its log.
    let out = w.ctl.ok(&[
        "--out",
        f,
        "run",
        "-d",
        "--name",
        "o",
        "--network",
        "none",
        &w.reference,
        "echo",
        "logged",
    ]);
    assert_eq!(out.stdout, "");
    let id = std::fs::read_to_string(&file).unwrap();
    assert_eq!(id.trim().len(), 64, "{id:?}");
    w.ctl.ok(&["wait", "o"]);
    assert_eq!(w.ctl.ok(&["logs", "o"]).stdout, "logged\n");
    let out = w.ctl.ok(&["--noout", "rm", "o"]);
    assert_eq!(out.stdout, "");
    assert_eq!(w.ctl.ok(&["ps", "-aq"]).stdout, "");
    // Root options come before the command, as podman's.
    let out = w.ctl.run(&["ps", "--noout"]);
    out.failure(125);
    stderr_is(&out, "Error: unknown flag: --noout\nSee 'ctl ps --help'\n");
    let out = w.ctl.run(&["--out", "/nonexistent-ctl/x", "ps"]);
    out.failure(1);
    stderr_is(
        &out,
        "unable to open file for standard output: open /nonexistent-ctl/x: no such file or \
         directory\n",
    );
}

#[test]
fn podman_s_other_global_options_are_taken_or_refused_with_a_reason() {
    let ctl = Ctl::new();
    for backend in ["none", "file", "journald"] {
        ctl.ok(&["--events-backend", backend, "ps"]);
    }
    ctl.ok(&["ps", "--cgroup-manager", "cgroupfs"]);
    for (args, want) in [
        (
            &["--cgroup-manager=systemd", "ps"][..],
            "--cgroup-manager systemd is not supported",
        ),
        (
            &["ps", "--runtime-flag", "debug"],
            "--runtime-flag debug is not supported",
        ),
    ] {
        let out = ctl.run(args);
        out.failure(125);
        let line = out.one_line_error();
        assert!(line.starts_with(&format!("Error: {want}: ")), "{line}");
    }
    let out = ctl.run(&["--events-backend", "syslog", "ps"]);
    out.failure(125);
    stderr_is(
        &out,
        "Error: \"syslog\" is not a valid events backend: invalid argument\n",
    );
}

// Exit codes and messages.

#[test]
fn not_found_has_podman_s_words_and_codes() {
    let ctl = Ctl::new();
    for (args, want, code) in [
        (
            &["rmi", "nosuch"][..],
            "Error: nosuch: image not known\n",
            1,
        ),
        (
            &["image", "rm", "nosuch"],
            "Error: nosuch: image not known\n",
            1,
        ),
        (
            &["rm", "nosuch"],
            "Error: no container with ID or name \"nosuch\" found: no such container\n",
            1,
        ),
        (
            &["container", "rm", "nosuch"],
            "Error: no container with ID or name \"nosuch\" found: no such container\n",
            1,
        ),
        (
            &["network", "rm", "nosuch"],
            "Error: unable to find network with name or ID nosuch: network not found\n",
            1,
        ),
        (
            &["stop", "nosuch"],
            "Error: no container with name or ID \"nosuch\" found: no such container\n",
            125,
        ),
        (
            &["start", "nosuch"],
            "Error: no container with name or ID \"nosuch\" found: no such container\n",
            125,
        ),
        (
            &["logs", "nosuch"],
            "Error: no container with name or ID \"nosuch\" found: no such container\n",
            125,
        ),
        (
            &["network", "inspect", "nosuch"],
            "Error: network nosuch: unable to find network with name or ID nosuch: network \
             not found\n",
            125,
        ),
        (
            &["container", "inspect", "nosuch"],
            "Error: no such container \"nosuch\"\n",
            125,
        ),
        (
            &["inspect", "nosuch"],
            "Error: no such object: \"nosuch\"\n",
            125,
        ),
    ] {
        let out = ctl.run(args);
        out.failure(code);
        stderr_is(&out, want);
    }
    // --force (and --ignore) make a missing one no error, silently.
    for args in [
        &["rm", "-f", "nosuch"][..],
        &["rm", "--ignore", "nosuch"],
        &["rmi", "-f", "nosuch"],
        &["rmi", "-i", "nosuch"],
        &["network", "rm", "-f", "nosuch"],
    ] {
        let out = ctl.ok(args);
        assert_eq!(
            (out.stdout.as_str(), out.stderr.as_str()),
            ("", ""),
            "{out}"
        );
    }
}

#[test]
fn rm_of_a_running_container_without_force_exits_2() {
    let w = WithImage::busybox();
    let id = run_d(
        &w,
        &["--name", "busy", "--network", "none"],
        &["sleep", "1000"],
    );
    let out = w.ctl.run(&["rm", "busy"]);
    out.failure(2);
    stderr_is(
        &out,
        &format!(
            "Error: cannot remove container {id} as it is running - running or paused \
             containers cannot be removed without force: container state improper\n"
        ),
    );
    assert_eq!(status(&w, "busy"), "running");
    // A missing one among them makes it 1 (podman's rm: 1 outranks 2).
    let out = w.ctl.run(&["rm", "busy", "nosuch"]);
    out.failure(1);
    let out = w.ctl.run(&["rm", "-t", "0", "busy"]);
    out.failure(125);
    stderr_is(
        &out,
        "Error: --force option must be specified to use the --time option\n",
    );
    // An image a container uses: rmi exits 2, in podman's words.
    let out = w.ctl.run(&["rmi", &w.reference]);
    out.failure(2);
    stderr_is(
        &out,
        &format!("Error: image used by {id}: image is in use by a container\n"),
    );
    w.ctl.ok(&["rm", "-f", "-t", "0", "busy"]);
}

#[test]
fn a_published_port_in_use_exits_126_from_run() {
    let w = WithImage::busybox();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let publish = format!("127.0.0.1:{port}:80");
    let out = w
        .ctl
        .run(&["run", "--rm", "-p", &publish, &w.reference, "true"]);
    out.failure(126);
    stderr_is(
        &out,
        &format!(
            "Error: cannot listen on the TCP port: listen tcp4 127.0.0.1:{port}: bind: address \
             already in use\n"
        ),
    );
    assert_eq!(w.ctl.ok(&["ps", "-aq"]).stdout, "", "--rm kept it");
    let out = w.ctl.run(&[
        "run",
        "-d",
        "--name",
        "p",
        "-p",
        &publish,
        &w.reference,
        "true",
    ]);
    out.failure(126);
    // `start` is no `run`: podman's generic 125.
    w.ctl.run(&["start", "p"]).failure(125);
    drop(listener);
    w.ctl.ok(&["rm", "-f", "p"]);
}

#[test]
fn stop_warns_when_it_has_to_kill() {
    let w = WithImage::busybox();
    run_d(
        &w,
        &["--name", "stubborn", "--network", "none"],
        &["sh", "-c", IGNORES_TERM],
    );
    wait_log(&w, "stubborn", "ready");
    let out = w.ctl.ok(&["stop", "-t", "1", "stubborn"]);
    assert_eq!(out.stdout, "stubborn\n");
    stderr_is(
        &out,
        "Warning: StopSignal SIGTERM failed to stop container stubborn in 1 seconds, \
         resorting to SIGKILL\n",
    );
    assert_eq!(field(&w, "stubborn", "{{.State.ExitCode}}"), "137");
    // restart stops the same way.
    w.ctl.ok(&["start", "stubborn"]);
    wait_log(&w, "stubborn", "ready");
    let out = w.ctl.ok(&["restart", "-t", "1", "stubborn"]);
    out.stderr_has("Warning: StopSignal SIGTERM failed to stop container stubborn in 1 seconds");
    // -t 0 asks for SIGKILL: nothing to warn about.
    let ready = wait_for(Duration::from_secs(15), || {
        (status(&w, "stubborn") == "running").then_some(())
    });
    assert!(ready.is_some());
    let out = w.ctl.ok(&["stop", "-t", "0", "stubborn"]);
    assert_eq!(out.stderr, "", "{out}");
    w.ctl.ok(&["rm", "stubborn"]);
}
