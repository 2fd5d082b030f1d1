//! DNS servers, search domains, options and `/etc/hosts` entries.

use super::*;

#[test]
fn dns_and_hosts_as_asked() {
    let p = plan(
        &req(|r| {
            r.dns = strings(&["9.9.9.9", "fd00::53"]);
            r.dns_search = strings(&["example.com", "lan."]);
            r.dns_options = strings(&["ndots:2"]);
            r.add_hosts = strings(&["db;db.lan:10.0.0.9", "v6:fd00::1", "gw:host-gateway"]);
        }),
        &root(),
    );
    let want = ContainerPlan {
        etc: EtcConfig {
            dns_servers: vec!["9.9.9.9".parse().unwrap(), "fd00::53".parse().unwrap()],
            image_resolv_conf: false,
            dns_search: strings(&["example.com", "lan."]),
            dns_options: strings(&["ndots:2"]),
            add_hosts: vec![
                HostEntry {
                    names: strings(&["db", "db.lan"]),
                    address: Some("10.0.0.9".parse().unwrap()),
                },
                HostEntry {
                    names: strings(&["v6"]),
                    address: Some("fd00::1".parse().unwrap()),
                },
                HostEntry {
                    names: strings(&["gw"]),
                    address: None,
                },
            ],
            no_hosts: false,
            no_hostname: false,
            hosts_file: None,
        },
        ..golden()
    };
    assert_eq!(p, want);
    assert_eq!(
        error(
            &req(|r| {
                r.dns = strings(&["none"]);
                r.dns_search = strings(&["."]);
            }),
            &root()
        ),
        "UseImageResolvConf and DNSSearch are mutually exclusive options"
    );
    let p = plan(
        &req(|r| {
            r.dns = strings(&["none"]);
            r.no_hosts = true;
        }),
        &root(),
    );
    let etc = EtcConfig {
        image_resolv_conf: true,
        no_hosts: true,
        ..Default::default()
    };
    assert_eq!(p, ContainerPlan { etc, ..golden() });
}

/// podman's words (cmd/podman/common/netflags.go, parse/net.go, containers/create.go).
#[test]
fn dns_and_hosts_errors_are_podman_s() {
    for (flags, want) in [
        (
            req(|r| r.dns = strings(&["1.1.1"])),
            "1.1.1 is not an ip address",
        ),
        (
            req(|r| r.dns = strings(&["none", "1.1.1.1"])),
            "none is not allowed to be specified with other DNS ip addresses",
        ),
        (
            req(|r| r.dns_search = strings(&[".", "a.com"])),
            "cannot pass additional search domains when also specifying '.'",
        ),
        (
            req(|r| r.dns_search = strings(&["bad_domain"])),
            "bad_domain is not a valid domain",
        ),
        (
            req(|r| r.add_hosts = strings(&["nocolon"])),
            "bad format for add-host: \"nocolon\"",
        ),
        (
            req(|r| r.add_hosts = strings(&[":1.2.3.4"])),
            "bad format for add-host: \":1.2.3.4\"",
        ),
        (
            req(|r| r.add_hosts = strings(&["a;:1.2.3.4"])),
            "hostname in add-host \"a;:1.2.3.4\" is empty",
        ),
        (
            req(|r| r.add_hosts = strings(&["a:1.2.3"])),
            "invalid IP address in add-host: \"1.2.3\"",
        ),
        (
            req(|r| {
                r.add_hosts = strings(&["a:1.2.3.4"]);
                r.no_hosts = true;
            }),
            "--no-hosts and --add-host cannot be set together",
        ),
        (
            req(|r| {
                r.dns = strings(&["none"]);
                r.dns_options = strings(&["ndots:1"]);
            }),
            "UseImageResolvConf and DNSOption are mutually exclusive options",
        ),
    ] {
        assert_eq!(error(&flags, &root()), want, "{flags:?}");
    }
}
