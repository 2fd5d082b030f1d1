//! Published ports: a real HTTP request from the host reaches busybox httpd in the
//! container; `ps`, `port` and `inspect` show the mapping; the host port is held while the
//! container runs and free once it stops.

use std::net::TcpListener;

use super::{forwards_port, http_get_ok, httpd, inspect, native_too, ruleset};
use crate::common::{free_port, Image, WithImage};

#[test]
fn published_port_answers_http_from_the_host() {
    let w = WithImage::busybox();
    let port = free_port();
    let publish = format!("{port}:80");
    let mut args = vec!["run", "-d", "--name", "web", "-p", &publish, &w.reference];
    let cmd = httpd("hello-from-ctl");
    args.extend(cmd.iter().map(String::as_str));
    w.ctl.ok(&args);

    let resp = http_get_ok(&format!("127.0.0.1:{port}"), "/index.html");
    assert!(resp.contains("hello-from-ctl"), "{resp}");

    let ps = w.ctl.ok(&["ps", "--format", "{{.Names}} {{.Ports}}"]);
    assert_eq!(ps.stdout.trim(), format!("web 0.0.0.0:{port}->80/tcp"));
    let table = w.ctl.ok(&["ps"]);
    assert!(table.stdout.lines().next().unwrap().contains("PORTS"));
    assert!(table.stdout.contains(&format!("0.0.0.0:{port}->80/tcp")));
    assert_eq!(
        w.ctl.ok(&["port", "web"]).stdout,
        format!("80/tcp -> 0.0.0.0:{port}\n")
    );
    assert_eq!(
        w.ctl.ok(&["port", "web", "80/tcp"]).stdout,
        format!("0.0.0.0:{port}\n")
    );
    let none = w.ctl.run(&["port", "web", "81"]);
    none.failure(125);
    none.one_line_error();

    // The default network of a rootful container: ctl's bridge.
    let v = inspect(&w.ctl, "web");
    let ip = v["NetworkSettings"]["IPAddress"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(ip.starts_with("10.89.0."), "{v}");
    assert_eq!(v["NetworkSettings"]["Networks"]["ctl"]["IPAddress"], ip);
    assert_eq!(v["NetworkSettings"]["Gateway"], "10.89.0.1");
    assert_eq!(
        v["NetworkSettings"]["Ports"]["80/tcp"][0]["HostPort"],
        port.to_string()
    );
    assert_eq!(v["HostConfig"]["NetworkMode"], "bridge");
    assert_eq!(
        v["HostConfig"]["PortBindings"]["80/tcp"][0]["HostPort"],
        port.to_string()
    );

    // Nobody else can take the port while the container has it.
    assert!(TcpListener::bind(("0.0.0.0", port)).is_err());
    assert!(ruleset().iter().any(|l| forwards_port(l, port)));

    w.ctl.ok(&["stop", "-t", "1", "web"]);
    assert!(
        !ruleset().iter().any(|l| forwards_port(l, port)),
        "forwarding rules outlived the container"
    );
    TcpListener::bind(("0.0.0.0", port)).expect("the port is free after stop");
    let ps = w.ctl.ok(&["ps", "-a", "--format", "{{.Ports}}"]);
    assert_eq!(ps.stdout.trim(), "");

    // A second run gets a new namespace and the port again.
    w.ctl.ok(&["start", "web"]);
    let resp = http_get_ok(&format!("127.0.0.1:{port}"), "/index.html");
    assert!(resp.contains("hello-from-ctl"), "{resp}");
    w.ctl.ok(&["rm", "-f", "web"]);
    assert!(!ruleset().iter().any(|l| forwards_port(l, port)));
}

/// Two free consecutive ports.
fn free_pair() -> u16 {
    loop {
        let p = free_port();
        if p < 65535 && TcpListener::bind(("0.0.0.0", p + 1)).is_ok() {
            return p;
        }
    }
}

#[test]
fn ranges_and_publish_all() {
    let mut image = Image::busybox();
    image.exposed_ports = vec!["80/tcp".into(), "8080/tcp".into()];
    let w = WithImage::pulled(image, "fixtures/exposing:latest");
    let h = free_pair();
    let range = format!("{h}-{}:90-91", h + 1);
    let mut args = vec!["run", "-d", "--name", "r", "-P", "-p", &range, &w.reference];
    let cmd = httpd("hello-range");
    args.extend(cmd.iter().map(String::as_str));
    w.ctl.ok(&args);

    let lines = w.ctl.ok(&["port", "r"]).stdout;
    let lines: Vec<&str> = lines.lines().collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    // In container port order.
    assert_eq!(lines[1], format!("90/tcp -> 0.0.0.0:{h}"));
    assert_eq!(lines[2], format!("91/tcp -> 0.0.0.0:{}", h + 1));
    // -P picked a free host port for 80: HTTP goes through it.
    let p80 = lines[0]
        .strip_prefix("80/tcp -> 0.0.0.0:")
        .unwrap_or_else(|| panic!("{lines:?}"));
    assert!(lines[3].starts_with("8080/tcp -> 0.0.0.0:"), "{lines:?}");
    let resp = http_get_ok(&format!("127.0.0.1:{p80}"), "/index.html");
    assert!(resp.contains("hello-range"), "{resp}");
    let ps = w.ctl.ok(&["ps", "--format", "{{.Ports}}"]);
    assert!(
        ps.stdout
            .contains(&format!("0.0.0.0:{h}-{}->90-91/tcp", h + 1)),
        "{}",
        ps.stdout
    );
    w.ctl.ok(&["rm", "-f", "r"]);
}

#[test]
fn bad_publish_flags_are_one_line_errors() {
    let w = WithImage::busybox();
    for (args, text) in [
        (vec!["-p", "80:80:80:80"], "port mapping"),
        (vec!["-p", "8000-8001:80"], "differ in length"),
        (vec!["-p", "80/sctp"], "sctp"),
        (vec!["--network", "nosuchnet"], "nosuchnet"),
        (vec!["--ip", "10.89.0.1"], "10.89.0.1"),
    ] {
        let mut a = vec!["run", "--rm"];
        a.extend(args.iter().copied());
        a.extend([w.reference.as_str(), "true"]);
        let out = w.ctl.run(&a);
        out.failure(125);
        let line = out.one_line_error();
        assert!(line.contains(text), "{args:?}: {line}");
    }
    assert_eq!(w.ctl.ok(&["ps", "-aq"]).stdout, "");
}

native_too!(
    published_port_answers_http_from_the_host,
    ranges_and_publish_all,
    bad_publish_flags_are_one_line_errors,
);
