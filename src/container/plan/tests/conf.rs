//! containers.conf defaults beneath the flags.

use super::*;

#[test]
fn containers_conf_defaults_sit_under_the_flags() {
    let s = Settings {
        defaults: crate::config::ContainerDefaults {
            env: Some(strings(&[
                "FROM_CONF=1",
                "FROM_HOST",
                "NOT_ON_HOST",
                "BOTH=conf",
            ])),
            pids_limit: Some(100),
            default_ulimits: Some(strings(&["nofile=100:200", "nproc=50:60"])),
            log_size_max: Some(8192),
            default_capabilities: Some(strings(&["CHOWN", "CAP_NET_RAW"])),
            init_path: Some("/opt/init".into()),
            dns_servers: None,
            base_hosts_file: None,
        },
        ..root()
    };
    let p = plan(&req(|r| r.env = strings(&["BOTH=flag"])), &s);
    assert!(p.env.contains(&"FROM_CONF=1".to_string()), "{:?}", p.env);
    assert!(p.env.contains(&"FROM_HOST=yes".to_string()), "{:?}", p.env);
    assert!(p.env.contains(&"BOTH=flag".to_string()), "{:?}", p.env);
    assert!(!p.env.iter().any(|e| e.starts_with("NOT_ON_HOST")));
    assert_eq!(p.resources.pids_limit, Some(100));
    assert_eq!(p.ulimits.len(), 2);
    assert_eq!(p.log.max_size, 8192);
    assert_eq!(p.cap_changes.base, Some((1 << 0) | (1 << 13)));
    assert_eq!(p.init_path.as_deref(), Some(Path::new("/opt/init")));
    assert!(!p.init, "init_path alone does not ask for an init");
    // containers.conf's PATH over ctl's default one, not over the image's or a flag's.
    let path_conf = Settings {
        defaults: crate::config::ContainerDefaults {
            env: Some(strings(&["PATH=/conf/bin"])),
            ..Default::default()
        },
        ..root()
    };
    let paths = |image: &ImageConfiguration, flag: &[&str]| -> Vec<String> {
        let p = resolve(&req(|r| r.env = strings(flag)), image, &[], &path_conf, ID).unwrap();
        p.env
            .into_iter()
            .filter(|e| e.starts_with("PATH="))
            .collect()
    };
    assert_eq!(paths(&bare_image(), &[]), ["PATH=/conf/bin"]);
    assert_eq!(paths(&image(), &[]), ["PATH=/usr/local/bin:/bin"]);
    assert_eq!(paths(&bare_image(), &["PATH=/flag"]), ["PATH=/flag"]);
    let p = plan(
        &req(|r| {
            r.limits.pids_limit = Some("7".into());
            r.ulimits = strings(&["nofile=1:2"]);
            r.log_opts = strings(&["max-size=1m"]);
        }),
        &s,
    );
    assert_eq!(p.resources.pids_limit, Some(7));
    let nofile: Vec<_> = p
        .ulimits
        .iter()
        .filter(|u| u.typ() == PosixRlimitType::RlimitNofile)
        .collect();
    assert_eq!((nofile.len(), nofile[0].hard()), (1, 2));
    assert_eq!(p.log.max_size, 1 << 20);
    // Rootless containers get no cgroup limits from containers.conf; 0 is no limit.
    let rootless = Settings {
        defaults: s.defaults.clone(),
        ..rootless()
    };
    assert_eq!(plan(&req(|_| {}), &rootless).resources.pids_limit, None);
    let zero = Settings {
        defaults: crate::config::ContainerDefaults {
            pids_limit: Some(0),
            ..Default::default()
        },
        ..root()
    };
    assert_eq!(plan(&req(|_| {}), &zero).resources.pids_limit, Some(-1));
    let bad = Settings {
        defaults: crate::config::ContainerDefaults {
            default_ulimits: Some(strings(&["nofile=x"])),
            ..Default::default()
        },
        ..root()
    };
    assert!(error(&req(|_| {}), &bad).contains("containers.conf default"));
}

#[test]
fn containers_conf_dns_servers_come_before_the_flags() {
    let s = Settings {
        defaults: crate::config::ContainerDefaults {
            dns_servers: Some(strings(&["10.0.0.53"])),
            ..Default::default()
        },
        ..root()
    };
    let p = plan(&req(|r| r.dns = strings(&["9.9.9.9"])), &s);
    let want: Vec<std::net::IpAddr> =
        vec!["10.0.0.53".parse().unwrap(), "9.9.9.9".parse().unwrap()];
    assert_eq!(p.etc.dns_servers, want);
    let p = plan(&req(|r| r.dns = strings(&["none"])), &s);
    assert!(p.etc.dns_servers.is_empty());
}
