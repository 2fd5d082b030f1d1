//! `ctl top`.

use super::*;

/// The whitespace-separated fields of each line.
fn rows(out: &Out) -> Vec<Vec<String>> {
    out.lines()
        .iter()
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

#[test]
fn top_default_columns_exec_and_image_users() {
    let w = setup();
    // uid 1000 is "user" in the image's /etc/passwd, whatever the host calls it.
    let id = run_d(
        &w,
        &["--name", "t", "--user", "1000"],
        &["sh", "-c", "echo ready; exec sleep 1000"],
    );
    wait_log(&w, "t", "ready");
    w.ctl
        .ok(&["exec", "-d", "--user", "0", "t", "sleep", "777"]);

    let out = w.ctl.ok(&["top", "t"]);
    let r = rows(&out);
    assert_eq!(
        r[0],
        ["USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"],
        "{out}"
    );
    let first = r
        .iter()
        .find(|l| l[1] == "1")
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(first[0], "user", "{out}");
    assert_eq!(first[2], "0");
    assert_eq!(first[5], "?", "no terminal: {out}");
    assert_eq!(first[7..], ["sleep", "1000"]);
    // The exec'd process: root, its pid in the container's namespace, its parent outside.
    let exec = r
        .iter()
        .find(|l| l[7..] == ["sleep", "777"])
        .unwrap_or_else(|| panic!("the exec'd process: {out}"));
    assert_eq!(exec[0], "root");
    assert_ne!(exec[1], "1");
    assert!(exec[1].parse::<u32>().unwrap() < 100, "a pid inside: {out}");
    assert_eq!(exec[2], "0");

    // Descriptors, as separate words and comma-separated; h* as the host sees them.
    let host_pid = w.ctl.ok(&["inspect", "--format", "{{.State.Pid}}", &id]);
    let out = w.ctl.ok(&[
        "container",
        "top",
        "t",
        "pid,user",
        "hpid",
        "seccomp",
        "%c",
        "huid",
    ]);
    let r = rows(&out);
    assert_eq!(
        r[0],
        ["PID", "USER", "HPID", "SECCOMP", "COMMAND", "HUID"],
        "{out}"
    );
    let first = r
        .iter()
        .find(|l| l[0] == "1")
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(first[1], "user");
    assert_eq!(first[2], host_pid.stdout.trim());
    assert_eq!(first[3], "filter", "the default seccomp profile: {out}");
    assert_eq!(first[4], "sleep");
    assert_eq!(first[5], "1000");

    // -l: the container created last; every word a descriptor.
    let out = w.ctl.ok(&["top", "-l", "pid", "comm"]);
    assert_eq!(rows(&out)[0], ["PID", "COMMAND"]);
    assert_eq!(out.lines().len(), 3, "{out}");
}

#[test]
fn top_errors_as_podman() {
    let w = setup();
    run_d(&w, &["--name", "t"], &["sleep", "1000"]);
    w.ctl
        .ok(&["create", "--name", "idle", &w.reference, "true"]);
    let cases: &[(&[&str], &str)] = &[
        (
            &["top", "nope"],
            "Error: no container with name or ID \"nope\" found: no such container",
        ),
        (
            &["top", "idle"],
            "Error: top can only be used on running containers",
        ),
        (
            &["top"],
            "Error: you must provide the name or id of a running container",
        ),
    ];
    for (args, want) in cases {
        let out = w.ctl.run(args);
        assert_eq!(code(&out), 125, "{args:?}\n{out}");
        assert_eq!(out.stderr.trim_end(), *want, "{args:?}");
        assert_eq!(out.stdout, "");
    }
    // A word that is no descriptor: the words are ps(1)'s options, run in the container
    // (podman-top(1)'s fallback); ps's own line is left out.
    let out = w.ctl.ok(&["top", "t", "-o", "pid,args"]);
    let lines = out.lines();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["PID", "COMMAND"]
    );
    assert!(
        lines
            .iter()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["1", "sleep", "1000"]),
        "{out}"
    );
    assert!(!out.stdout.contains("ps -o"), "{out}");
    assert_eq!(lines.len(), 2, "{out}");
    // One word holding the options is split as a shell would.
    let one = w.ctl.ok(&["top", "t", "-o pid,comm"]);
    assert_eq!(
        one.lines()[0].split_whitespace().collect::<Vec<_>>(),
        ["PID", "COMMAND"]
    );
    // Without ps(1) in the container: one line, podman's wording, nothing printed.
    w.ctl.ok(&["exec", "t", "rm", "/bin/ps"]);
    let out = w.ctl.run(&["top", "t", "-eo", "pid"]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(out.stderr.lines().count(), 1, "{out}");
    assert!(
        out.stderr
            .starts_with("Error: executing ps(1) in container: "),
        "{out}"
    );
    assert_eq!(out.stdout, "");
}
