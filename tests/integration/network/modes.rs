//! What each `--network` mode gives the container: none only loopback, host the host's
//! interfaces, and the default for root a bridge address.

use super::native_too;
use crate::common::WithImage;

fn link_names(text: &str) -> Vec<String> {
    // `ip -o link`: "2: eth0@if7: <...>"; the name is the second field, minus "@peer".
    text.lines()
        .filter_map(|l| l.split(": ").nth(1))
        .map(|n| n.split('@').next().unwrap_or(n).to_string())
        .collect()
}

#[test]
fn none_has_only_loopback() {
    let w = WithImage::busybox();
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        &w.reference,
        "busybox",
        "ip",
        "-o",
        "link",
    ]);
    assert_eq!(link_names(&out.stdout), ["lo"], "{out}");
    let v = w
        .ctl
        .ok(&["create", "--network", "none", &w.reference, "true"]);
    let id = v.stdout.trim();
    let i = w
        .ctl
        .ok(&["inspect", "--format", "{{.HostConfig.NetworkMode}}", id]);
    assert_eq!(i.stdout.trim(), "none");
    w.ctl.ok(&["rm", id]);
}

#[test]
fn host_sees_the_hosts_interfaces() {
    let w = WithImage::busybox();
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "--network",
        "host",
        &w.reference,
        "busybox",
        "ip",
        "-o",
        "link",
    ]);
    let inside = link_names(&out.stdout);
    // The host's interface with the default route, and loopback, are there; the other
    // interfaces come and go with other tests' containers, so they are not compared.
    let routes = std::fs::read_to_string("/proc/net/route").unwrap();
    let default_if = routes
        .lines()
        .skip(1)
        .find(|l| l.split_whitespace().nth(1) == Some("00000000"))
        .and_then(|l| l.split_whitespace().next())
        .expect("the host has a default route")
        .to_string();
    assert!(inside.contains(&"lo".to_string()), "{inside:?}");
    assert!(
        inside.contains(&default_if),
        "{default_if} not in {inside:?}"
    );
    let mac_host = std::fs::read_to_string(format!("/sys/class/net/{default_if}/address")).unwrap();
    assert!(out.stdout.contains(mac_host.trim()), "{out}");
    // Its resolv.conf is the host's own.
    let resolv = w.ctl.ok(&[
        "run",
        "--rm",
        "--network",
        "host",
        &w.reference,
        "cat",
        "/etc/resolv.conf",
    ]);
    assert_eq!(
        resolv.stdout,
        std::fs::read_to_string("/etc/resolv.conf").unwrap()
    );
}

#[test]
fn root_containers_default_to_the_bridge() {
    let w = WithImage::busybox();
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        &w.reference,
        "busybox",
        "ip",
        "-o",
        "-4",
        "addr",
        "show",
        "eth0",
    ]);
    assert!(out.stdout.contains("inet 10.89.0."), "{out}");
    let route = w
        .ctl
        .ok(&["run", "--rm", &w.reference, "busybox", "ip", "route"]);
    assert!(route.stdout.contains("default via 10.89.0.1"), "{route}");
}

native_too!(
    none_has_only_loopback,
    host_sees_the_hosts_interfaces,
    root_containers_default_to_the_bridge,
);
