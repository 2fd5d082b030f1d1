//! A rootless pod (podman-pod-create(1)): its infra holds the network namespace pasta
//! made, `-p` on the pod reaches a member from the host, two members talk over the pod's
//! localhost, and `pod rm -f` leaves no process and no container behind.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::common::{free_port, wait_for, Image, Registry};

use super::user::User;

fn fetch(port: u16) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    s.write_all(b"GET /index.html HTTP/1.0\r\n\r\n").ok()?;
    let mut body = String::new();
    s.read_to_string(&mut body).ok()?;
    body.contains("200 OK").then_some(body)
}

#[test]
fn rootless_pod_publishes_a_port_and_shares_localhost() {
    let registry = Registry::start();
    registry.push("fixtures/busybox:latest", &Image::base());
    let reference = registry.reference("fixtures/busybox:latest");
    let user = User::create(true);
    user.ok(&["pull", "-q", &reference]);

    let port = free_port();
    let publish = format!("{port}:8080");
    user.ok(&["pod", "create", "--name", "rpod", "-p", &publish]);
    user.ok(&[
        "run",
        "-d",
        "--pod",
        "rpod",
        "--name",
        "server",
        &reference,
        "sh",
        "-c",
        "mkdir -p /www && echo pod-member > /www/index.html && exec httpd -f -p 8080 -h /www",
    ]);
    // The published port reaches the member through the infra's namespace.
    let body = wait_for(Duration::from_secs(15), || fetch(port));
    let body = body.unwrap_or_else(|| panic!("no HTTP answer on 127.0.0.1:{port}"));
    assert!(body.contains("pod-member"), "{body}");
    // A second member reaches the first on localhost.
    let out = user.ok(&[
        "run",
        "--rm",
        "--pod",
        "rpod",
        &reference,
        "sh",
        "-c",
        "i=0; until wget -qO- http://127.0.0.1:8080/index.html; do i=$((i+1)); \
         [ $i -gt 100 ] && exit 1; sleep 0.1; done",
    ]);
    assert!(out.stdout.contains("pod-member"), "{out}");
    let ps = user.ok(&[
        "pod",
        "ps",
        "--format",
        "{{.Name}} {{.Status}} {{.NumberOfContainers}}",
    ]);
    assert_eq!(ps.stdout.trim(), "rpod Running 2", "{ps}");

    user.ok(&["pod", "rm", "-f", "-t", "0", "rpod"]);
    assert!(user.ok(&["ps", "-aq"]).stdout.trim().is_empty());
    assert!(user.ok(&["pod", "ps", "-q"]).stdout.trim().is_empty());
    let left: Vec<_> = user
        .processes()
        .into_iter()
        .filter(|(_, n)| n != "ctl-pause")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(
        fetch(port).is_none(),
        "port {port} still answers after pod rm"
    );
}
