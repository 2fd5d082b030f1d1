//! Rootless networking: pasta by default, `-p` forwarding a real TCP connection from the
//! host, outbound connections, and privileged host ports refused.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use crate::common::{free_port, wait_for, Image, Registry};

use super::user::User;

/// Connects to 127.0.0.1:port and reads what the container's server answers.
fn fetch(port: u16) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    s.write_all(b"GET /index.html HTTP/1.0\r\n\r\n").ok()?;
    let mut body = String::new();
    s.read_to_string(&mut body).ok()?;
    body.contains("200 OK").then_some(body)
}

#[test]
fn published_port_and_outbound_connection() {
    let registry = Registry::start();
    registry.push("fixtures/busybox:latest", &Image::base());
    let reference = registry.reference("fixtures/busybox:latest");
    let user = User::create(true);
    user.ok(&["pull", "-q", &reference]);

    let info = user.ok(&["info", "--format", "json"]).json();
    assert_eq!(info["host"]["networkBackend"], "pasta", "{info}");

    let port = free_port();
    let publish = format!("{port}:8080");
    user.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "-p",
        &publish,
        &reference,
        "sh",
        "-c",
        "mkdir -p /www && echo served-from-container > /www/index.html && \
         exec httpd -f -p 8080 -h /www",
    ]);
    let ps = user.ok(&["ps", "--format", "{{.Ports}}"]);
    assert_eq!(
        ps.stdout.trim(),
        format!("0.0.0.0:{port}->8080/tcp"),
        "{ps}"
    );
    let ports = user.ok(&["port", "web"]);
    assert_eq!(
        ports.stdout.trim(),
        format!("8080/tcp -> 0.0.0.0:{port}"),
        "{ports}"
    );
    let body = wait_for(Duration::from_secs(15), || fetch(port));
    let body = body.unwrap_or_else(|| panic!("no HTTP answer on 127.0.0.1:{port}"));
    assert!(body.contains("served-from-container"), "{body}");

    // Outbound: the container reaches a server on the host (pasta maps the gateway address
    // to the host's loopback).
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let host_port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        listener.set_nonblocking(false).unwrap();
        let (mut c, _) = listener.accept().unwrap();
        c.write_all(b"hello-from-host\n").unwrap();
    });
    let script = format!(
        "gw=$(ip route | awk '/default/ {{print $3}}'); busybox timeout 5 busybox nc $gw {host_port} </dev/null; true"
    );
    let out = user.ok(&["exec", "web", "sh", "-c", &script]);
    assert!(out.stdout.contains("hello-from-host"), "{out}");
    server.join().unwrap();

    user.ok(&["rm", "-f", "web"]);
    // pasta went with the container.
    let left: Vec<_> = user
        .processes()
        .into_iter()
        .filter(|(_, n)| n != "ctl-pause")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(fetch(port).is_none(), "port {port} still answers after rm");

    // slirp4netns, when asked, forwards the same way; and the host network is the host's.
    let port = free_port();
    let publish = format!("{port}:8080");
    user.ok(&[
        "run",
        "-d",
        "--name",
        "slirp",
        "--network",
        "slirp4netns",
        "-p",
        &publish,
        &reference,
        "sh",
        "-c",
        "mkdir -p /www && echo via-slirp4netns > /www/index.html && exec httpd -f -p 8080 -h /www",
    ]);
    let body = wait_for(Duration::from_secs(15), || fetch(port));
    let body = body.unwrap_or_else(|| panic!("no HTTP answer on 127.0.0.1:{port} (slirp4netns)"));
    assert!(body.contains("via-slirp4netns"), "{body}");
    user.ok(&["rm", "-f", "slirp"]);
    let left: Vec<_> = user
        .processes()
        .into_iter()
        .filter(|(_, n)| n != "ctl-pause")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let port = free_port();
    let script = format!(
        "mkdir -p /www && echo on-host-net > /www/index.html && exec httpd -f -p {port} -h /www"
    );
    user.ok(&[
        "run",
        "-d",
        "--name",
        "hostnet",
        "--network",
        "host",
        &reference,
        "sh",
        "-c",
        &script,
    ]);
    let body = wait_for(Duration::from_secs(15), || fetch(port));
    assert!(
        body.is_some_and(|b| b.contains("on-host-net")),
        "host network server not reached"
    );
    user.ok(&["rm", "-f", "hostnet"]);

    // A host port below net.ipv4.ip_unprivileged_port_start is refused up front.
    let start: u16 = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(
        start > 80,
        "this check needs ip_unprivileged_port_start > 80, not {start}"
    );
    let out = user.ctl(&["run", "--rm", "-p", "80:80", &reference, "true"]);
    out.failure(125);
    let err = out.one_line_error();
    assert!(err.contains("ip_unprivileged_port_start"), "{err}");
    assert!(user.ok(&["ps", "-aq"]).stdout.trim().is_empty());

    user.stop_everything();
}

/// Two consecutive free host ports.
fn free_port_pair() -> u16 {
    (0..100)
        .find_map(|_| {
            let p = free_port();
            let next = p.checked_add(1)?;
            TcpListener::bind(("127.0.0.1", next)).ok().map(|_| p)
        })
        .expect("no two consecutive free ports")
}

#[test]
fn published_port_ranges_forward_every_port() {
    let registry = Registry::start();
    registry.push("fixtures/busybox:latest", &Image::base());
    let reference = registry.reference("fixtures/busybox:latest");
    let user = User::create(true);
    user.ok(&["pull", "-q", &reference]);
    for net in ["pasta", "slirp4netns"] {
        let port = free_port_pair();
        let publish = format!("127.0.0.1:{port}-{}:8080-8081", port + 1);
        user.ok(&[
            "run",
            "-d",
            "--name",
            net,
            "--network",
            net,
            "-p",
            &publish,
            &reference,
            "sh",
            "-c",
            &format!(
                "mkdir -p /www && echo second-of-range-{net} > /www/index.html && \
                 exec httpd -f -p 8081 -h /www"
            ),
        ]);
        let ps = user.ok(&["ps", "--format", "{{.Ports}}"]);
        assert_eq!(
            ps.stdout.trim(),
            format!("127.0.0.1:{port}-{}->8080-8081/tcp", port + 1),
            "{ps}"
        );
        let ports = user.ok(&["port", net]);
        assert_eq!(
            ports.stdout.trim(),
            format!(
                "8080/tcp -> 127.0.0.1:{port}\n8081/tcp -> 127.0.0.1:{}",
                port + 1
            ),
            "{ports}"
        );
        let body = wait_for(Duration::from_secs(15), || fetch(port + 1));
        let body =
            body.unwrap_or_else(|| panic!("no HTTP answer on 127.0.0.1:{} ({net})", port + 1));
        assert!(body.contains(&format!("second-of-range-{net}")), "{body}");
        user.ok(&["rm", "-f", net]);
    }
    user.stop_everything();
}
