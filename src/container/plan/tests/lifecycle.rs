//! Restart policy, logging, notify, `--rm`/`--rmi` and systemd mode.

use super::*;

#[test]
fn restart_log_and_notify_settings() {
    let s = Settings {
        notify_socket: Some("/run/systemd/notify".into()),
        ..root()
    };
    let p = plan(
        &req(|r| {
            r.restart = "on-failure:3".into();
            r.log_driver = LogDriver::Journald;
            r.log_opts = strings(&["max-size=1k", "max-file=3"]);
        }),
        &s,
    );
    let want = ContainerPlan {
        restart: RestartPolicy::OnFailure { max: 3 },
        log: LogPlan {
            driver: LogDriver::Journald,
            max_size: 1024,
            max_files: 3,
        },
        notify_socket: Some("/run/systemd/notify".into()),
        ..golden()
    };
    assert_eq!(p, want);
    assert_eq!(
        p.env_for(None).last().unwrap(),
        "NOTIFY_SOCKET=/run/notify/notify.sock"
    );
    let conmon = plan(&req(|r| r.sdnotify = SdNotify::Conmon), &s);
    assert_eq!(
        (conmon.sdnotify, conmon.notify_socket),
        (SdNotify::Conmon, None)
    );
    let abstract_socket = Settings {
        notify_socket: Some("@sd".into()),
        ..root()
    };
    assert!(error(&req(|_| {}), &abstract_socket).contains("abstract socket"));
    let rm = plan(&req(|r| r.rm = true), &root());
    assert!(rm.auto_remove);
}

#[test]
fn option_errors_name_the_option() {
    for (flags, want) in [
        (
            req(|r| {
                r.rm = true;
                r.restart = "always".into();
            }),
            "conflicting options: --restart always and --rm",
        ),
        (req(|r| r.restart = "sometimes".into()), "sometimes"),
        (
            req(|r| r.log_opts = strings(&["max-file=0"])),
            "max-file is a count >= 1",
        ),
        (
            req(|r| r.log_opts = strings(&["tag=x"])),
            "invalid log option \"tag=x\"",
        ),
        (req(|r| r.hostname = Some("h".repeat(100))), "at most 64"),
        (req(|r| r.env = strings(&["=x"])), "empty name"),
        (
            req(|r| r.limits.memory = Some("1".into())),
            "minimum memory limit",
        ),
        (
            req(|r| r.cap_add = strings(&["NOPE"])),
            "unknown capability",
        ),
        (req(|r| r.stop_signal = Some("SIGNOPE".into())), "SIGNOPE"),
        (req(|r| r.publish = strings(&["80/sctp"])), "sctp"),
        (req(|r| r.ulimits = strings(&["nofile"])), "nofile"),
        (req(|r| r.security_opt = strings(&["seccomp"])), "seccomp"),
    ] {
        let e = error(&flags, &root());
        assert!(e.contains(want), "{flags:?}: {e}");
    }
}

#[test]
fn rmi_implies_rm_and_refuses_a_restart_policy() {
    let p = plan(
        &req(|r| {
            r.remove_image = true;
            r.timeout = Some(30);
        }),
        &root(),
    );
    let want = ContainerPlan {
        auto_remove: true,
        remove_image: true,
        timeout: 30,
        ..golden()
    };
    assert_eq!(p, want);
    let e = error(
        &req(|r| {
            r.remove_image = true;
            r.restart = "always".into();
        }),
        &root(),
    );
    assert!(e.starts_with("conflicting options"), "{e}");
}

/// podman's `--systemd`: on for an init command (after `/bin/sh -c`) or `always`; then
/// SIGRTMIN+3 stops it unless a signal was given, and `container_uuid` is set.
#[test]
fn systemd_mode_as_podman_decides_it() {
    for (mode, command, on) in [
        ("true", &["/sbin/init"][..], true),
        (
            "true",
            &["/usr/lib/systemd/systemd", "--log-level=info"],
            true,
        ),
        ("true", &["/bin/sh", "-c", "/usr/sbin/init"], true),
        ("true", &["sh"], false),
        ("false", &["/sbin/init"], false),
        ("always", &["sh"], true),
    ] {
        let p = resolve(
            &req(|r| {
                r.systemd = mode.into();
                r.command = strings(command);
            }),
            &bare_image(),
            &[],
            &root(),
            ID,
        )
        .unwrap();
        assert_eq!(p.systemd, on, "{mode} {command:?}");
        let want_signal = if on {
            libc::SIGRTMIN() + 3
        } else {
            libc::SIGTERM
        };
        assert_eq!(p.stop_signal, want_signal, "{mode} {command:?}");
        let uuid = format!("container_uuid={}", &ID[..32]);
        assert_eq!(p.env.contains(&uuid), on, "{mode} {command:?}");
    }
    // The image's or the flag's stop signal stays.
    let p = plan(&req(|r| r.systemd = "always".into()), &root());
    assert_eq!(p.stop_signal, libc::SIGQUIT);
    assert_eq!(
        error(&req(|r| r.systemd = "maybe".into()), &root()),
        "invalid value \"maybe\" systemd option requires 'true, false, always'"
    );
}
