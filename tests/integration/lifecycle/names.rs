//! What a container finds about its names and its engine, as podman sets it: `--dns`,
//! `--dns-search`, `--dns-option`, `--add-host` (with `host-gateway`), `--no-hosts`,
//! `host.containers.internal`, `/run/.containerenv` and `$container`.

use super::*;

fn sh(w: &WithImage, extra: &[&str], script: &str) -> String {
    let out = run_rm(w, extra, &["sh", "-c", script]);
    out.success();
    out.stdout
}

/// Whether `path` is a mount point in the container (one of ctl's generated files).
const MOUNTED: &str = "grep -q \" $0 \" /proc/self/mountinfo && echo mounted || echo image";

#[test]
fn dns_flags_make_resolv_conf() {
    let w = setup();
    let conf = sh(
        &w,
        &[
            "--network",
            "none",
            "--dns",
            "9.9.9.9,fd00::53",
            "--dns-search",
            "example.com",
            "--dns-option",
            "ndots:2",
            "--dns-option",
            "timeout:1",
        ],
        "cat /etc/resolv.conf",
    );
    assert_eq!(
        conf,
        "search example.com\nnameserver 9.9.9.9\nnameserver fd00::53\noptions ndots:2 timeout:1\n"
    );
    let none = sh(
        &w,
        &["--network", "none", "--dns-search", "."],
        "cat /etc/resolv.conf",
    );
    assert!(!none.contains("search"), "{none}");
    // --dns none: no file of ctl's over the image's.
    let script = format!("sh -c '{MOUNTED}' /etc/resolv.conf");
    assert_eq!(
        sh(&w, &["--network", "none", "--dns", "none"], &script),
        "image\n"
    );
    assert_eq!(sh(&w, &["--network", "none"], &script), "mounted\n");
}

/// A network with its own DNS server keeps it as the only nameserver (aardvark-dns forwards
/// to `--dns`), and takes `--dns-search` and `--dns-option`.
#[test]
fn dns_on_a_dns_network_keeps_its_server() {
    let w = setup();
    let net = crate::network::Net::create(&w.ctl, "it-names", 31);
    let conf = sh(
        &w,
        &[
            "--network",
            "it-names",
            "--dns",
            "9.9.9.9",
            "--dns-search",
            "example.com",
            "--dns-option",
            "ndots:3",
        ],
        "cat /etc/resolv.conf",
    );
    net.remove(&w.ctl);
    let gateway = format!("{}1", net.prefix);
    assert_eq!(
        conf,
        format!("search example.com\nnameserver {gateway}\noptions ndots:3\n")
    );
}

#[test]
fn add_host_and_the_host_s_names() {
    let w = setup();
    for net in ["none", "host", "bridge"] {
        let hosts = sh(
            &w,
            &[
                "--network",
                net,
                "--name",
                &format!("named-{net}"),
                "--add-host",
                "db;db.lan:10.1.2.3",
                "--add-host",
                "v6:fd00::1,gw:host-gateway",
            ],
            "cat /etc/hosts",
        );
        let lines: Vec<&str> = hosts.lines().collect();
        assert_eq!(lines[0], "10.1.2.3\tdb db.lan", "{net}: {hosts}");
        assert_eq!(lines[1], "fd00::1\tv6", "{net}: {hosts}");
        let gw = lines[2]
            .strip_suffix("\tgw")
            .unwrap_or_else(|| panic!("{net}: {hosts}"));
        let internal = format!("{gw}\thost.containers.internal host.docker.internal");
        assert!(lines.contains(&internal.as_str()), "{net}: {hosts}");
        if net != "host" {
            assert!(hosts.contains(&format!(" named-{net}\n")), "{net}: {hosts}");
        }
    }
    // --add-host wins over the container's own name.
    let hosts = sh(
        &w,
        &[
            "--network",
            "none",
            "--hostname",
            "box",
            "--add-host",
            "box:10.9.9.9",
        ],
        "grep -w box /etc/hosts",
    );
    assert_eq!(hosts, "10.9.9.9\tbox\n");
    let script = format!("sh -c '{MOUNTED}' /etc/hosts");
    assert_eq!(
        sh(&w, &["--network", "none", "--no-hosts"], &script),
        "image\n"
    );
    // --no-hostname: the image's /etc/hostname, not one of ctl's; the name is still set.
    let script = format!("sh -c '{MOUNTED}' /etc/hostname; hostname");
    assert_eq!(
        sh(
            &w,
            &["--network", "none", "--hostname", "nh", "--no-hostname"],
            &script
        ),
        "image\nnh\n"
    );
    let script = format!("sh -c '{MOUNTED}' /etc/hostname; cat /etc/hostname");
    assert_eq!(
        sh(&w, &["--network", "none", "--hostname", "nh"], &script),
        "mounted\nnh\n"
    );
}

#[test]
fn containerenv_and_the_container_variable() {
    let w = setup();
    let out = sh(
        &w,
        &["--network", "none"],
        "echo $container; test -f /run/.containerenv && wc -c < /run/.containerenv",
    );
    assert_eq!(out, "podman\n0\n");
    let env = sh(
        &w,
        &["--network", "none", "--privileged", "--name", "priv"],
        "cat /run/.containerenv",
    );
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        env.starts_with(&format!("engine=\"ctl-{version}\"\nname=\"priv\"\nid=\"")),
        "{env}"
    );
    assert!(
        env.contains("\nrootless=0\n") && env.contains("\nimageid=\""),
        "{env}"
    );
    // The image's or the user's value wins.
    assert_eq!(
        sh(
            &w,
            &["--network", "none", "-e", "container=other"],
            "echo $container"
        ),
        "other\n"
    );
}

/// Each bad value: exit 125, podman's one line, and no container made.
#[test]
fn bad_dns_and_hosts_values_make_nothing() {
    let w = setup();
    for (flags, want) in [
        (&["--dns", "1.2.3"][..], "1.2.3 is not an ip address"),
        (
            &["--dns", "none,1.1.1.1"],
            "none is not allowed to be specified with other DNS ip addresses",
        ),
        (
            &["--dns-search", "bad_domain"],
            "bad_domain is not a valid domain",
        ),
        (
            &["--add-host", "nocolon"],
            "bad format for add-host: \"nocolon\"",
        ),
        (
            &["--add-host", "a:1.2.3"],
            "invalid IP address in add-host: \"1.2.3\"",
        ),
        (
            &["--no-hosts", "--add-host", "a:1.2.3.4"],
            "--no-hosts and --add-host cannot be set together",
        ),
    ] {
        let out = w.ctl.run(&run_args(&w, "--rm", flags, &["true"]));
        out.failure(125);
        assert_eq!(out.one_line_error(), format!("Error: {want}"), "{flags:?}");
    }
    assert_eq!(w.ctl.ok(&["ps", "-a", "-q"]).stdout, "");
}
