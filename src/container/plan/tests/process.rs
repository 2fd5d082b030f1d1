//! Command, entrypoint, environment, user, workdir, labels and stop signal: the image and the flags.

use super::*;

#[test]
fn image_defaults_alone() {
    assert_eq!(plan(&req(|_| {}), &root()), golden());
}

#[test]
fn a_command_replaces_the_image_cmd_but_not_its_entrypoint() {
    let p = plan(&req(|r| r.command = strings(&["status", "-v"])), &root());
    let want = ContainerPlan {
        args: strings(&["/entry", "status", "-v"]),
        cmd: strings(&["status", "-v"]),
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn an_empty_entrypoint_clears_the_image_one() {
    let p = plan(&req(|r| r.entrypoint = Some(String::new())), &root());
    let want = ContainerPlan {
        args: strings(&["serve", "--port", "80"]),
        entrypoint: vec![],
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn a_json_entrypoint_is_split_and_takes_only_the_given_args() {
    let p = plan(
        &req(|r| {
            r.entrypoint = Some(r#"["/bin/sh","-c"]"#.into());
            r.command = strings(&["echo hi"]);
        }),
        &root(),
    );
    let want = ContainerPlan {
        args: strings(&["/bin/sh", "-c", "echo hi"]),
        entrypoint: strings(&[r#"["/bin/sh","-c"]"#]),
        cmd: strings(&["echo hi"]),
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn env_files_then_flags_override_the_image_in_place() {
    let r = req(|r| {
        r.env = strings(&["MODE=flag", "FROM_HOST", "NOT_ON_HOST", "KEEP"]);
        r.env_files = vec![PathBuf::from("a.env")];
    });
    let p = resolve(
        &r,
        &image(),
        &["# comment\nFILE=1\nMODE=file\n".into()],
        &root(),
        ID,
    )
    .unwrap();
    let want = ContainerPlan {
        env: strings(&[
            "PATH=/usr/local/bin:/bin",
            "container=podman",
            "HOSTNAME=0123456789ab",
            "MODE=flag",
            "KEEP=1",
            "FILE=1",
            "FROM_HOST=yes",
        ]),
        ..golden()
    };
    assert_eq!(p, want);
    // HOME comes from the resolved user unless set; NOTIFY_SOCKET last.
    assert_eq!(
        p.env_for(Some("/home/www")).last().unwrap(),
        "HOME=/home/www"
    );
}

#[test]
fn a_terminal_gets_term_and_stdin_is_kept() {
    let p = plan(
        &req(|r| {
            r.tty = true;
            r.interactive = true;
        }),
        &root(),
    );
    let mut env = golden().env;
    env.insert(3, "TERM=xterm".into());
    let want = ContainerPlan {
        env,
        terminal: true,
        stdin: true,
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn flags_beat_the_image_for_user_workdir_hostname_labels_and_stop() {
    let p = plan(
        &req(|r| {
            r.name = Some("web".into());
            r.user = Some("1000:1000".into());
            r.workdir = Some("/tmp".into());
            r.hostname = Some("box".into());
            r.labels = strings(&["version=2", "extra="]);
            r.stop_signal = Some("SIGKILL".into());
            r.stop_timeout = Some(3);
            r.group_add = strings(&["wheel", "5"]);
        }),
        &root(),
    );
    let mut env = golden().env;
    env[2] = "HOSTNAME=box".into();
    let want = ContainerPlan {
        name: Some("web".into()),
        user: "1000:1000".into(),
        workdir: "/tmp".into(),
        hostname: "box".into(),
        env,
        labels: BTreeMap::from([
            ("extra".to_string(), String::new()),
            ("org.example.tier".to_string(), "web".to_string()),
            ("version".to_string(), "2".to_string()),
        ]),
        stop_signal: libc::SIGKILL,
        stop_timeout: 3,
        group_add: strings(&["wheel", "5"]),
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn a_bare_image_gets_the_defaults() {
    let p = resolve(&req(|_| {}), &bare_image(), &[], &root(), ID).unwrap();
    let want = ContainerPlan {
        args: strings(&["sh"]),
        entrypoint: vec![],
        cmd: strings(&["sh"]),
        env: strings(&[
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "container=podman",
            "HOSTNAME=0123456789ab",
        ]),
        workdir: "/".into(),
        user: String::new(),
        labels: BTreeMap::new(),
        stop_signal: libc::SIGTERM,
        network: NetworkPlan {
            mode: Mode::Bridge("ctl".into()),
            ..Default::default()
        },
        ..golden()
    };
    assert_eq!(p, want);
    // A config with only its `config` object still gives it.
    let partial = image_config(br#"{"config":{"Cmd":["sh"],"ExposedPorts":null}}"#);
    assert_eq!(
        resolve(&req(|_| {}), &partial, &[], &root(), ID).unwrap(),
        want
    );
    // An unreadable config is an empty one: then nothing gives a command.
    let e = resolve(&req(|_| {}), &image_config(b"not json"), &[], &root(), ID).unwrap_err();
    assert!(e.to_string().contains("no command specified"), "{e}");
}

#[test]
fn an_image_stop_signal_that_is_no_signal_is_refused() {
    let bad = image_config(br#"{"config":{"Cmd":["sh"],"StopSignal":"SIGNOPE"}}"#);
    let e = resolve(&req(|_| {}), &bad, &[], &root(), ID).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid image StopSignal \"SIGNOPE\": unknown signal; --stop-signal overrides it"
    );
    let p = resolve(
        &req(|r| r.stop_signal = Some("KILL".into())),
        &bad,
        &[],
        &root(),
        ID,
    )
    .unwrap();
    assert_eq!(p.stop_signal, libc::SIGKILL);
}

#[test]
fn the_environment_must_fit_an_exec() {
    let big = format!("BIG={}", "a".repeat(3 << 20));
    let e = error(&req(|r| r.env = vec![big]), &root());
    assert!(e.contains("invalid environment variable \"BIG\""), "{e}");
}

/// Socket activation passes through as podman's: LISTEN_PID is the container's PID 1.
#[test]
fn listen_variables_pass_through() {
    let mut s = root();
    s.host_env.extend([
        ("LISTEN_PID".to_string(), "4242".to_string()),
        ("LISTEN_FDS".to_string(), "2".to_string()),
        ("LISTEN_FDNAMES".to_string(), "web:admin".to_string()),
    ]);
    let p = plan(&req(|r| r.preserve_fds = 1), &s);
    let mut env = golden().env;
    env.extend(strings(&[
        "LISTEN_PID=1",
        "LISTEN_FDS=2",
        "LISTEN_FDNAMES=web:admin",
    ]));
    let want = ContainerPlan {
        env,
        preserve_fds: 1,
        ..golden()
    };
    assert_eq!(p, want);
}
