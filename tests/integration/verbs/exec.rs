//! `exec --env-file`, `--privileged`, and `-t` with stdin not a terminal.

use super::*;

/// CapEff of a process in the container, from its /proc/self/status.
fn cap_eff(w: &WithImage, extra: &[&str]) -> u64 {
    let mut a = vec!["exec"];
    a.extend_from_slice(extra);
    a.extend(["c", "grep", "CapEff", "/proc/self/status"]);
    let out = w.ctl.ok(&a);
    let hex = out.stdout.split_whitespace().nth(1).expect("a mask");
    u64::from_str_radix(hex, 16).unwrap()
}

#[test]
fn exec_env_file_privileged_and_tty_without_a_terminal() {
    let w = setup();
    run_d(&w, &["--name", "c"], &["sleep", "100"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("env");
    std::fs::write(
        &file,
        "# settings\nA=1\n\n  B=two words\nFROM_HOST\nUNSET_HERE\n",
    )
    .unwrap();
    let env_file = file.to_str().unwrap();
    let out = w
        .ctl
        .command(&[
            "exec",
            "--env-file",
            env_file,
            "-e",
            "A=from-flag",
            "c",
            "sh",
            "-c",
            "echo $A/$B/$FROM_HOST/${UNSET_HERE-unset}",
        ])
        .env("FROM_HOST", "host")
        .env_remove("UNSET_HERE")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "from-flag/two words/host/unset\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let missing = w
        .ctl
        .run(&["exec", "--env-file", "/nonexistent/env", "c", "true"]);
    assert_eq!(code(&missing), 125, "{missing}");

    // --privileged: every capability ctl holds, beyond the container's own.
    let plain = cap_eff(&w, &[]);
    let privileged = cap_eff(&w, &["--privileged"]);
    assert_ne!(plain, privileged);
    assert_eq!(plain & privileged, plain, "{plain:x} {privileged:x}");
    let sys_admin = 1u64 << 21;
    assert_eq!(plain & sys_admin, 0);
    assert_ne!(privileged & sys_admin, 0);

    // -t with stdin not a terminal: the command gets a terminal and runs, as podman's.
    let out = w
        .ctl
        .run_with_stdin(&["exec", "-t", "c", "sh", "-c", "tty; echo ok"], Some(""));
    assert_eq!(code(&out), 0, "{out}");
    assert!(out.stdout.contains("/dev/pts/"), "{out}");
    assert!(out.stdout.contains("ok"), "{out}");
    let out = w
        .ctl
        .run_with_stdin(&["exec", "-t", "c", "sh", "-c", "exit 3"], Some(""));
    assert_eq!(code(&out), 3, "{out}");
    let out = w
        .ctl
        .run_with_stdin(&["exec", "-it", "c", "cat"], Some("in\n"));
    assert_eq!(code(&out), 0, "{out}");
    assert!(out.stdout.contains("in"), "{out}");
    w.ctl.ok(&["rm", "-f", "-t", "0", "c"]);
}
