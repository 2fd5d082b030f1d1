//! Network modes, addresses, aliases and published ports, as root and rootless.

use super::*;

#[test]
fn host_network_takes_the_host_name() {
    let p = plan(&req(|r| r.network = Some("host".into())), &root());
    let mut env = golden().env;
    env[2] = "HOSTNAME=buildhost".into();
    let want = ContainerPlan {
        hostname: "buildhost".into(),
        env,
        network: NetworkPlan {
            mode: Mode::Host,
            exposed: strings(&["443/tcp", "53/udp", "80/tcp"]),
            ..Default::default()
        },
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn named_networks_take_an_address_aliases_and_ports() {
    let p = plan(
        &req(|r| {
            r.network = Some("web".into());
            r.ip = Some("10.89.0.7".parse().unwrap());
            r.network_aliases = strings(&["api"]);
            r.publish = strings(&["8080:80", "[::1]:9000-9001:90-91/udp", "53"]);
        }),
        &root(),
    );
    let want = ContainerPlan {
        network: NetworkPlan {
            mode: Mode::Bridge("web".into()),
            ports: vec![
                pm("", 8080, 80, "tcp", 1),
                pm("::1", 9000, 90, "udp", 2),
                pm("", 0, 53, "tcp", 1),
            ],
            ip: Some("10.89.0.7".parse().unwrap()),
            aliases: strings(&["api"]),
            exposed: strings(&["443/tcp", "53/tcp", "53/udp", "80/tcp", "90/udp", "91/udp"]),
        },
        ..golden()
    };
    assert_eq!(p, want);
}

#[test]
fn publish_all_adds_the_exposed_ports_on_free_host_ports() {
    let p = plan(
        &req(|r| {
            r.publish_all = true;
            r.publish = strings(&["127.0.0.1:8443:443"]);
        }),
        &root(),
    );
    assert_eq!(
        p.network.ports,
        [
            pm("127.0.0.1", 8443, 443, "tcp", 1),
            pm("", 0, 443, "tcp", 1),
            pm("", 0, 53, "udp", 1),
            pm("", 0, 80, "tcp", 1),
        ]
    );
    // Not on the host's network: -P has nothing to publish there.
    let p = plan(
        &req(|r| {
            r.publish_all = true;
            r.network = Some("host".into());
        }),
        &root(),
    );
    assert!(p.network.ports.is_empty());
}

#[test]
fn another_containers_network_is_named_as_given() {
    let p = plan(&req(|r| r.network = Some("container:db".into())), &root());
    assert_eq!(p.network.mode, Mode::Container("db".into()));
    assert_eq!(p.hostname, "0123456789ab");
}

#[test]
fn network_options_without_a_bridge_are_refused() {
    for (flags, want) in [
        (("host", "", Some("10.0.0.2"), None), "--ip"),
        (("container:db", "", None, Some("a")), "--network-alias"),
    ] {
        let (net, publish, ip, alias) = flags;
        let r = req(|r| {
            r.network = Some(net.into());
            r.publish = strings(&[publish])
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
            r.ip = ip.map(|i| i.parse().unwrap());
            r.network_aliases = alias.into_iter().map(String::from).collect();
        });
        let e = error(&r, &root());
        assert!(
            e.contains(want) && e.contains("needs a bridge network"),
            "{net}: {e}"
        );
    }
    let e = error(&req(|r| r.network = Some("container:".into())), &root());
    assert!(e.contains("invalid network"), "{e}");
}

#[test]
fn a_host_port_published_twice_is_refused() {
    let e = error(
        &req(|r| r.publish = strings(&["8080:80", "8080:81"])),
        &root(),
    );
    assert!(e.contains("published twice"), "{e}");
}

#[test]
fn rootless_defaults_to_the_first_installed_stack() {
    let p = plan(
        &req(|r| r.publish = strings(&["8080:80", "[::1]:9000-9002:90-92", "53/udp"])),
        &rootless(),
    );
    let want = ContainerPlan {
        network: NetworkPlan {
            mode: Mode::Pasta,
            ports: vec![
                pm("", 8080, 80, "tcp", 1),
                pm("::1", 9000, 90, "tcp", 3),
                pm("", 0, 53, "udp", 1),
            ],
            exposed: strings(&["443/tcp", "53/udp", "80/tcp", "90/tcp", "91/tcp", "92/tcp"]),
            ..Default::default()
        },
        ..golden()
    };
    assert_eq!(p, want);
    let only_slirp = Settings {
        backends: vec![Backend::Slirp4netns],
        ..rootless()
    };
    assert_eq!(
        plan(&req(|_| {}), &only_slirp).network.mode,
        Mode::Slirp4netns
    );
    let asked = plan(
        &req(|r| r.network = Some("slirp4netns".into())),
        &rootless(),
    );
    assert_eq!(asked.network.mode, Mode::Slirp4netns);
    let none = Settings {
        backends: vec![],
        ..rootless()
    };
    let e = error(&req(|_| {}), &none);
    assert!(e.contains("install pasta"), "{e}");
    // none and host need no stack.
    assert_eq!(
        plan(&req(|r| r.network = Some("none".into())), &none)
            .network
            .mode,
        Mode::None
    );
}

#[test]
fn rootless_refuses_what_it_cannot_do() {
    for (net, publish, want) in [
        (Some("bridge"), None, "use none, host, pasta or slirp4netns"),
        (Some("web"), None, "use none, host, pasta or slirp4netns"),
        (None, Some("80:80"), "ip_unprivileged_port_start=1024"),
    ] {
        let r = req(|r| {
            r.network = net.map(String::from);
            r.publish = publish.into_iter().map(String::from).collect();
        });
        let e = error(&r, &rootless());
        assert!(e.contains(want), "{net:?} {publish:?}: {e}");
    }
    // As root, "pasta" is just a network's name.
    let p = plan(&req(|r| r.network = Some("pasta".into())), &root());
    assert_eq!(p.network.mode, Mode::Bridge("pasta".into()));
}

/// podman's specgen: `-p` where the container has no network of its own is said and dropped.
#[test]
fn publish_without_a_network_of_its_own_is_a_warning() {
    for (net, ns, settings) in [
        ("host", "host", root()),
        ("none", "none", root()),
        ("container:db", "container", root()),
        ("none", "none", rootless()),
        ("host", "host", rootless()),
    ] {
        let p = plan(
            &req(|r| {
                r.network = Some(net.into());
                r.publish = strings(&["8080:80"]);
            }),
            &settings,
        );
        assert_eq!(p.network.ports, vec![], "{net}");
        assert_eq!(
            p.warnings,
            [format!(
                "Port mappings have been discarded because \"{ns}\" network namespace mode \
                 does not support them"
            )],
            "{net}"
        );
    }
}
