//! Which containers a command acts on, as podman decides: every name looked up first,
//! `--latest`, inspect's order of results and errors; and the options podman's own
//! generated systemd units pass (`--cgroups`, pid files).

use crate::common::WithImage;
use crate::lifecycle::{field, run_d, status, wait_log};
use crate::podman_cli::stderr_is;

/// podman's getContainers looks every name up before acting: one missing name, and
/// nothing is stopped, killed, started or removed.
#[test]
fn a_missing_name_among_several_means_nothing_is_done() {
    let w = WithImage::busybox();
    run_d(
        &w,
        &["--name", "up", "--network", "none"],
        &["sleep", "1000"],
    );
    w.ctl.ok(&[
        "create",
        "--name",
        "made",
        "--network",
        "none",
        &w.reference,
        "true",
    ]);
    let missing = "Error: no container with name or ID \"nosuch\" found: no such container\n";
    for args in [
        &["stop", "-t", "0", "up", "nosuch"][..],
        &["kill", "up", "nosuch"],
        &["restart", "-t", "0", "up", "nosuch"],
        &["start", "made", "nosuch"],
    ] {
        let out = w.ctl.run(args);
        out.failure(125);
        stderr_is(&out, missing);
        assert_eq!(out.stdout, "", "{out}");
    }
    let out = w.ctl.run(&["rm", "made", "nosuch"]);
    out.failure(1);
    stderr_is(
        &out,
        "Error: no container with ID or name \"nosuch\" found: no such container\n",
    );
    assert_eq!(status(&w, "up"), "running");
    assert_eq!(status(&w, "made"), "created");
    // --ignore skips the missing one and acts on the rest.
    assert_eq!(
        w.ctl.ok(&["stop", "-i", "-t", "0", "nosuch", "up"]).stdout,
        "up\n"
    );
    assert_eq!(
        w.ctl.ok(&["rm", "-i", "made", "nosuch", "up"]).stdout,
        "made\nup\n"
    );
}

/// `-l`/`--latest`: the container created last, wherever podman takes it; with names, or
/// without anything, podman's errors.
#[test]
fn latest_is_the_container_created_last() {
    let w = WithImage::busybox();
    run_d(
        &w,
        &["--name", "older", "--network", "none"],
        &["sleep", "1000"],
    );
    run_d(
        &w,
        &["--name", "newest", "--network", "none"],
        &["sh", "-c", "echo hello; sleep 1000"],
    );
    wait_log(&w, "newest", "hello");
    let name = |args: &[&str]| w.ctl.ok(args).stdout;
    assert_eq!(
        name(&["inspect", "-l", "--format", "{{.Name}}"]),
        "newest\n"
    );
    assert_eq!(
        name(&["container", "inspect", "--latest", "--format", "{{.Name}}"]),
        "newest\n"
    );
    assert_eq!(name(&["logs", "-l"]), "hello\n");
    assert_eq!(
        name(&["exec", "-l", "cat", "/etc/hostname"]),
        name(&["exec", "newest", "cat", "/etc/hostname"])
    );
    assert_eq!(name(&["port", "-l"]), "");
    assert_eq!(
        name(&["stop", "-l", "-t", "0"]),
        format!("{}\n", field(&w, "newest", "{{.Id}}"))
    );
    assert_eq!(status(&w, "newest"), "exited");
    assert_eq!(status(&w, "older"), "running");
    w.ctl.ok(&["start", "-l"]);
    assert_eq!(status(&w, "newest"), "running");
    w.ctl.ok(&["rm", "-f", "-l"]);
    assert_eq!(status(&w, "older"), "running");
    assert!(w.ctl.run(&["container", "exists", "newest"]).code == Some(1));
    for (args, want) in [
        (
            &["stop", "-l", "older"][..],
            "--latest and containers cannot be used together",
        ),
        (
            &["rm", "-a", "-l"],
            "--all and --latest cannot be used together",
        ),
        (
            &["logs", "-l", "older"],
            "--latest and containers cannot be used together",
        ),
        (
            &["logs"],
            "specify at least one container name or ID to log",
        ),
        (
            &["inspect", "-l", "older"],
            "--latest and arguments cannot be used together",
        ),
        (&["inspect"], "no names or ids specified"),
        (
            &["attach"],
            "\"ctl attach\" requires a name, id, or the \"--latest\" flag",
        ),
        (
            &["exec"],
            "exec requires the name or ID of a container or the --latest or --cidfile flag",
        ),
        (
            &["exec", "older"],
            "must provide a non-empty command to start an exec session: invalid argument",
        ),
        (
            &["port", "older", "80", "x"],
            "`port` accepts at most 2 arguments",
        ),
        (&["port"], "you must supply a running container name or id"),
    ] {
        let out = w.ctl.run(args);
        out.failure(125);
        assert_eq!(out.one_line_error(), format!("Error: {want}"), "{args:?}");
    }
    w.ctl.ok(&["rm", "-f", "older"]);
    let out = w.ctl.run(&["stop", "-l"]);
    out.failure(125);
    assert_eq!(out.one_line_error(), "Error: no such container");
}

/// podman's inspect: what it found (`[]` when nothing), then the other errors as they are,
/// the first one last as the command's error.
#[test]
fn inspect_prints_what_it_found_then_the_errors() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "create",
        "--name",
        "here",
        "--network",
        "none",
        &w.reference,
        "true",
    ]);
    let out = w
        .ctl
        .run(&["inspect", "--format", "{{.Name}}", "gone1", "here", "gone2"]);
    out.failure(125);
    assert_eq!(out.stdout, "here\n");
    stderr_is(
        &out,
        "no such object: \"gone2\"\nError: no such object: \"gone1\"\n",
    );
    let out = w.ctl.run(&["container", "inspect", "gone1"]);
    out.failure(125);
    assert_eq!(out.stdout, "[]\n");
    stderr_is(&out, "Error: no such container \"gone1\"\n");
    w.ctl.ok(&["rm", "here"]);
}

/// What podman's own `generate systemd --new` units pass: `--cgroups=no-conmon`, and the
/// pid files systemd's PIDFile= reads, written at each start.
#[test]
fn podman_unit_options_cgroups_and_pid_files() {
    let w = WithImage::busybox();
    let dir = tempfile::tempdir().unwrap();
    let (pidfile, conmon) = (dir.path().join("ctr.pid"), dir.path().join("conmon.pid"));
    let cidfile = dir.path().join("ctr-id");
    w.ctl.ok(&[
        "run",
        &format!("--cidfile={}", cidfile.display()),
        "--cgroups=no-conmon",
        "--rm",
        "--sdnotify=conmon",
        "--replace",
        "-d",
        "--name",
        "unit",
        "--network",
        "none",
        "--pidfile",
        pidfile.to_str().unwrap(),
        "--conmon-pidfile",
        conmon.to_str().unwrap(),
        &w.reference,
        "sleep",
        "1000",
    ]);
    let pids = || {
        (
            std::fs::read_to_string(&pidfile).unwrap(),
            std::fs::read_to_string(&conmon).unwrap(),
        )
    };
    let state = || {
        (
            field(&w, "unit", "{{.State.Pid}}"),
            field(&w, "unit", "{{.State.ConmonPid}}"),
        )
    };
    assert_eq!(pids(), state());
    assert_eq!(
        field(&w, "unit", "{{.PidFile}} {{.ConmonPidFile}}"),
        format!("{} {}", pidfile.display(), conmon.display())
    );
    w.ctl.ok(&["rm", "-f", "unit"]);
    // create + start: written at the start.
    w.ctl.ok(&[
        "create",
        "--name",
        "later",
        "--network",
        "none",
        "--pidfile",
        pidfile.to_str().unwrap(),
        &w.reference,
        "sleep",
        "1000",
    ]);
    std::fs::remove_file(&pidfile).unwrap();
    w.ctl.ok(&["start", "later"]);
    assert_eq!(
        std::fs::read_to_string(&pidfile).unwrap(),
        field(&w, "later", "{{.State.Pid}}")
    );
    w.ctl.ok(&["rm", "-f", "later"]);
    for (flags, want) in [
        (
            &["--cgroups", "split"][..],
            "--cgroups=split is not supported by ctl: a container always gets a cgroup of its \
             own (use enabled or no-conmon)",
        ),
        (
            &["--cgroups=sideways"],
            "invalid cgroup mode \"sideways\": invalid argument",
        ),
        (
            &["--pidfile", "/nonexistent/dir/p"],
            "invalid pid file \"/nonexistent/dir/p\": /nonexistent/dir is not a directory",
        ),
    ] {
        let mut args = vec!["run", "--name", "bad", "--network", "none"];
        args.extend(flags);
        args.extend([w.reference.as_str(), "true"]);
        let out = w.ctl.run(&args);
        out.failure(125);
        assert_eq!(out.one_line_error(), format!("Error: {want}"), "{flags:?}");
    }
    assert_eq!(w.ctl.ok(&["ps", "-a", "-q"]).stdout, "");
}

/// `--filter` on stop, restart, rm and start picks containers as ps's filters do (podman's
/// getContainers: the filter goes alone and overrides --all); `restart --all --running`
/// only restarts what runs.
#[test]
fn filters_pick_the_containers_stop_restart_start_and_rm_act_on() {
    let w = WithImage::busybox();
    let mk = |name: &str, tier: &str| {
        run_d(
            &w,
            &[
                "--name",
                name,
                "--network",
                "none",
                "--label",
                &format!("tier={tier}"),
            ],
            &["sleep", "1000"],
        )
    };
    let web = mk("f-web", "web");
    let db = mk("f-db", "db");
    // The filter takes no names; a bad one is ps's error.
    let out = w.ctl.run(&["stop", "--filter", "label=tier=web", "f-web"]);
    out.failure(125);
    stderr_is(&out, "Error: --filter takes no arguments\n");
    let out = w.ctl.run(&["stop", "--filter", "tier"]);
    out.failure(125);
    stderr_is(&out, "Error: invalid filter \"tier\"\n");
    // Only the matching container stops; it is reported by id.
    let out = w.ctl.ok(&["stop", "-t", "0", "-f", "label=tier=web"]);
    assert_eq!(out.stdout, format!("{web}\n"));
    assert_eq!(status(&w, "f-web"), "exited");
    assert_eq!(status(&w, "f-db"), "running");
    // start --filter starts the stopped one that matches.
    let out = w.ctl.ok(&["start", "--filter", "name=^f-web$"]);
    assert_eq!(out.stdout, format!("{web}\n"));
    assert_eq!(status(&w, "f-web"), "running");
    // restart --all --running passes over a stopped container.
    w.ctl.ok(&["stop", "-t", "0", "f-db"]);
    let out = w.ctl.ok(&["restart", "-t", "0", "--all", "--running"]);
    assert!(out.stdout.contains(&web), "{out}");
    assert!(!out.stdout.contains(&db), "{out}");
    assert_eq!(status(&w, "f-db"), "exited");
    // A filter that matches nothing does nothing, successfully.
    assert_eq!(w.ctl.ok(&["restart", "-f", "label=tier=none"]).stdout, "");
    // rm --filter removes exactly the match.
    let out = w.ctl.ok(&["rm", "--force", "--filter", "status=exited"]);
    assert_eq!(out.stdout, format!("{db}\n"));
    assert!(w.ctl.run(&["container", "exists", "f-db"]).code == Some(1));
    assert_eq!(status(&w, "f-web"), "running");
    w.ctl.ok(&["rm", "-f", "-t", "0", "f-web"]);
}
