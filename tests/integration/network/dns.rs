//! A user network: containers find each other by name and alias through aardvark-dns;
//! /etc/hosts and /etc/resolv.conf say what the container is; static addresses, another
//! container's namespace, and a network in use that refuses to go.

use super::{host, httpd, inspect, links, Net};
use crate::common::WithImage;

/// A shell loop: `what` retried for a few seconds (the server may still be starting).
fn retry(what: &str) -> String {
    format!("for i in $(seq 50); do {what} && exit 0; sleep 0.1; done; exit 1")
}

#[test]
fn containers_reach_each_other_by_name_on_a_user_network() {
    let w = WithImage::busybox();
    let net = Net::create(&w.ctl, "it-dns", 12);
    let mut args = vec![
        "run",
        "-d",
        "--name",
        "srv",
        "--network",
        "it-dns",
        "--network-alias",
        "www",
        &w.reference,
    ];
    let cmd = httpd("hello-by-name");
    args.extend(cmd.iter().map(String::as_str));
    w.ctl.ok(&args);

    for name in ["srv", "www"] {
        let fetch = retry(&format!("wget -q -O - http://{name}/index.html"));
        let out = w.ctl.ok(&[
            "run",
            "--rm",
            "--network",
            "it-dns",
            &w.reference,
            "sh",
            "-c",
            &fetch,
        ]);
        assert!(out.stdout.contains("hello-by-name"), "{name}: {out}");
    }
    let srv_ip = inspect(&w.ctl, "srv")["NetworkSettings"]["IPAddress"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(srv_ip.starts_with(&net.prefix), "{srv_ip}");
    let lookup = w.ctl.ok(&[
        "run",
        "--rm",
        "--network",
        "it-dns",
        &w.reference,
        "busybox",
        "nslookup",
        "srv",
    ]);
    assert!(lookup.stdout.contains(&srv_ip), "{lookup}");

    // The container's own files: its address and names; the network's DNS server.
    let files = w.ctl.ok(&[
        "run",
        "--rm",
        "--name",
        "cli",
        "--hostname",
        "clihost",
        "--network",
        "it-dns",
        &w.reference,
        "sh",
        "-c",
        "cat /etc/hosts; echo ---; cat /etc/resolv.conf; echo ---; busybox ip -o -4 addr show eth0",
    ]);
    let parts: Vec<&str> = files.stdout.split("---\n").collect();
    let (hosts, resolv, addr) = (parts[0], parts[1], parts[2]);
    let own = hosts
        .lines()
        .find(|l| l.ends_with("clihost cli"))
        .unwrap_or_else(|| panic!("no own entry in /etc/hosts:\n{hosts}"));
    let own_ip = own.split_whitespace().next().unwrap();
    assert!(own_ip.starts_with(&net.prefix), "{hosts}");
    assert!(addr.contains(&format!("{own_ip}/24")), "{addr}");
    assert!(
        resolv
            .lines()
            .any(|l| l == format!("nameserver {}1", net.prefix)),
        "{resolv}"
    );
    assert!(resolv.contains("dns.podman"), "{resolv}");

    // --ip: that address, and only once.
    let fixed = format!("{}50", net.prefix);
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "fixed",
        "--network",
        "it-dns",
        "--ip",
        &fixed,
        &w.reference,
        "sleep",
        "60",
    ]);
    assert_eq!(
        inspect(&w.ctl, "fixed")["NetworkSettings"]["IPAddress"],
        fixed
    );
    let taken = w.ctl.run(&[
        "run",
        "--rm",
        "--network",
        "it-dns",
        "--ip",
        &fixed,
        &w.reference,
        "true",
    ]);
    // Found when the container starts: `run` exits 126, as podman's.
    taken.failure(126);
    assert!(taken.one_line_error().contains("already in use"), "{taken}");

    // container:NAME: the server's own namespace, so its port 80 on loopback.
    let fetch = retry("wget -q -O - http://127.0.0.1/index.html");
    let shared = w.ctl.ok(&[
        "run",
        "--rm",
        "--network",
        "container:srv",
        &w.reference,
        "sh",
        "-c",
        &fetch,
    ]);
    assert!(shared.stdout.contains("hello-by-name"), "{shared}");

    // A network in use stays unless forced; forced, its containers go with it.
    let refused = w.ctl.run(&["network", "rm", "it-dns"]);
    // podman's words and code.
    refused.failure(2);
    assert!(
        refused.one_line_error().contains("network is being used"),
        "{refused}"
    );
    assert!(links().contains(&net.bridge));
    net.remove(&w.ctl);
    assert_eq!(w.ctl.ok(&["ps", "-aq"]).stdout, "");
    assert!(
        !links().contains(&net.bridge),
        "the bridge outlived its containers"
    );
    assert_eq!(net.leases(), 0);
    let listed = w.ctl.ok(&["network", "ls", "--format", "{{.Name}}"]);
    assert_eq!(listed.stdout, "ctl\n");
    // aardvark-dns, started for the store's DNS network, went with its last container.
    let dns_dir = w.ctl.runroot.join("networks/aardvark-dns");
    let dns_dir = dns_dir.to_string_lossy().into_owned();
    let gone = crate::common::wait_for(std::time::Duration::from_secs(5), || {
        (!host("ps", &["-eo", "args"]).contains(&dns_dir)).then_some(())
    });
    assert!(gone.is_some(), "aardvark-dns for {dns_dir} still runs");
}

#[test]
fn network_commands_list_inspect_and_refuse_bad_input() {
    let w = WithImage::busybox();
    let net = Net::create(&w.ctl, "it-cmds", 13);
    let ls = w.ctl.ok(&["network", "ls"]);
    let lines: Vec<&str> = ls.stdout.lines().collect();
    assert!(lines[0].starts_with("NETWORK ID"), "{ls}");
    assert!(lines[0].contains("NAME") && lines[0].contains("DRIVER"));
    assert!(lines
        .iter()
        .any(|l| l.starts_with(&net.id[..12]) && l.contains("it-cmds") && l.contains("bridge")));
    assert!(lines.iter().any(|l| l.contains(" ctl ")));
    let v = w.ctl.ok(&["network", "inspect", "it-cmds"]).json();
    assert_eq!(v[0]["subnets"][0]["subnet"], net.subnet);
    assert_eq!(v[0]["subnets"][0]["gateway"], format!("{}1", net.prefix));
    assert_eq!(v[0]["dns_enabled"], true);
    assert_eq!(v[0]["driver"], "bridge");
    for (args, text) in [
        (vec!["network", "create", "it-cmds"], "already exists"),
        (
            vec!["network", "create", "--subnet", "10.90.13.128/25", "x1"],
            "overlaps",
        ),
        (
            vec!["network", "create", "--subnet", "nonsense", "x2"],
            "nonsense",
        ),
        (vec!["network", "create", "-d", "macvlan", "x3"], "macvlan"),
        (vec!["network", "create", "bad/name"], "bad/name"),
        (vec!["network", "rm", "ctl"], "default network"),
        (vec!["network", "inspect", "nosuch"], "nosuch"),
    ] {
        let out = w.ctl.run(&args);
        out.failure(125);
        assert!(out.error_line().contains(text), "{args:?}: {out}");
    }
    // --ignore: the existing network stands as it was, whatever else was asked.
    let out = w
        .ctl
        .ok(&["network", "create", "--ignore", "--internal", "it-cmds"]);
    assert_eq!(out.stdout, "it-cmds\n");
    let v = w.ctl.ok(&["network", "inspect", "it-cmds"]).json();
    assert_eq!(v[0]["id"], net.id.as_str());
    assert_eq!(v[0]["internal"], false);
    // Internal, without DNS, with its own bridge name.
    w.ctl.ok(&[
        "network",
        "create",
        "--internal",
        "--disable-dns",
        "--interface-name",
        "ctlit13b",
        "--subnet",
        "10.90.113.0/24",
        "it-internal",
    ]);
    let v = w.ctl.ok(&["network", "inspect", "it-internal"]).json();
    assert_eq!(v[0]["internal"], true);
    assert_eq!(v[0]["dns_enabled"], false);
    assert_eq!(v[0]["network_interface"], "ctlit13b");
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "--network",
        "it-internal",
        &w.reference,
        "busybox",
        "ip",
        "-o",
        "-4",
        "addr",
        "show",
        "eth0",
    ]);
    assert!(out.stdout.contains("10.90.113."), "{out}");
    w.ctl.ok(&["network", "rm", "it-internal"]);
    net.remove(&w.ctl);
}

// DNS networks are netavark's with either backend: the native one hands them over. The
// network commands run no container: once is enough.
super::native_too!(containers_reach_each_other_by_name_on_a_user_network,);
