//! Pods (podman-pod-*.1.md): members reach each other on localhost and have the pod's
//! hostname, the pod's published port reaches a member, `pod ps`/`inspect` fields, the
//! statuses libpod computes, podman's refusals, `--pod new:NAME`, `pod exists`, `prune`.

mod exit_policy;
mod observe;

use std::io::{Read, Write};

use crate::common::{free_port, WithImage};

/// A member's loop: the server may still be starting (bounded: 10 s).
const FETCH: &str = "hostname; i=0; until wget -qO- http://127.0.0.1:8080/; do \
                     i=$((i+1)); [ $i -gt 100 ] && exit 1; sleep 0.1; done";

fn pod_status(w: &WithImage, pod: &str) -> String {
    let v = w.ctl.ok(&["pod", "inspect", pod]).json();
    v[0]["State"].as_str().unwrap_or_default().to_string()
}

fn http_get(port: u16) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.write_all(b"GET / HTTP/1.0\r\n\r\n").unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

#[test]
fn pod_members_share_localhost_hostname_and_published_port() {
    let w = WithImage::busybox();
    let (ctl, image) = (&w.ctl, w.reference.as_str());
    let port = free_port();
    let publish = format!("127.0.0.1:{port}:8080");
    let id = ctl
        .ok(&[
            "pod", "create", "--name", "shop", "-p", &publish, "-l", "tier=web",
        ])
        .stdout
        .trim()
        .to_string();
    assert_eq!(id.len(), 64, "{id}");
    ctl.run(&["pod", "create", "--name", "shop"])
        .failure(125)
        .stderr_has("name \"shop\" is in use: pod already exists");
    ctl.run(&["pod", "exists", "shop"]).success();
    ctl.run(&["pod", "exists", "nosuchpod"]).failure(1);
    let ps = ctl.ok(&["pod", "ps"]);
    assert_eq!(
        ps.lines()[0]
            .split("  ")
            .filter(|s| !s.is_empty())
            .map(str::trim)
            .collect::<Vec<_>>(),
        [
            "POD ID",
            "NAME",
            "STATUS",
            "CREATED",
            "INFRA ID",
            "# OF CONTAINERS"
        ],
        "{ps}"
    );
    assert!(ps.lines()[1].starts_with(&id[..12]), "{ps}");
    assert!(ps.lines()[1].contains(" Created "), "{ps}");
    assert!(ps.lines()[1].trim_end().ends_with(" 1"), "{ps}");

    ctl.ok(&[
        "run",
        "-d",
        "--pod",
        "shop",
        "--name",
        "web",
        image,
        "sh",
        "-c",
        "mkdir /www; echo hello-pod > /www/index.html; exec busybox httpd -f -p 8080 -h /www",
    ]);
    let out = ctl.ok(&["run", "--rm", "--pod", "shop", image, "sh", "-c", FETCH]);
    assert_eq!(out.lines()[0], "shop", "{out}");
    assert!(out.stdout.contains("hello-pod"), "{out}");
    assert!(http_get(port).contains("hello-pod"));
    ctl.run(&["create", "--pod", "shop", "-p", "9000:80", image])
        .failure(125)
        .stderr_has("published or exposed ports must be defined when the pod is created");

    let v = ctl.ok(&["pod", "inspect", "shop"]).json();
    let p = &v[0];
    assert_eq!(p["Id"], id.as_str());
    assert_eq!(p["Name"], "shop");
    assert_eq!(p["State"], "Running");
    assert_eq!(p["Hostname"], "shop");
    assert_eq!(p["NumContainers"], 2);
    assert_eq!(p["Labels"]["tier"], "web");
    assert_eq!(
        p["SharedNamespaces"],
        serde_json::json!(["ipc", "net", "uts"])
    );
    assert_eq!(
        p["InfraConfig"]["PortBindings"]["8080/tcp"][0]["HostPort"],
        port.to_string()
    );
    let infra = p["InfraContainerID"].as_str().unwrap().to_string();
    let names = ctl.ok(&["pod", "ps", "--ctr-names", "--ctr-status", "--noheading"]);
    assert!(names.stdout.contains("-infra,web"), "{names}");
    assert!(names.stdout.contains("running,running"), "{names}");
    let q = ctl.ok(&[
        "pod",
        "ps",
        "-q",
        "--no-trunc",
        "--filter",
        "label=tier=web",
    ]);
    assert_eq!(q.lines(), [id.as_str()]);
    let none = ctl.ok(&["pod", "ps", "-q", "--filter", "status=exited"]);
    assert!(none.stdout.is_empty(), "{none}");

    // One member stopped, the infra running: Degraded.
    ctl.ok(&["stop", "-t", "0", "web"]);
    assert_eq!(pod_status(&w, "shop"), "Degraded");
    ctl.run(&["rm", "-f", &infra])
        .failure(125)
        .stderr_has("is the infra container of pod");
    ctl.ok(&["start", "web"]);
    ctl.run(&["pod", "rm", "shop"])
        .failure(125)
        .stderr_has("running or paused containers cannot be removed without force");
    assert_eq!(
        ctl.ok(&["pod", "stop", "-t", "0", "shop"]).stdout.trim(),
        id
    );
    assert_eq!(pod_status(&w, "shop"), "Exited");
    ctl.ok(&["pod", "start", "shop"]);
    assert_eq!(pod_status(&w, "shop"), "Running");
    assert_eq!(ctl.ok(&["pod", "rm", "-f", "shop"]).stdout.trim(), id);
    ctl.run(&["pod", "exists", "shop"]).failure(1);
    assert_eq!(ctl.ok(&["ps", "-a", "-q"]).stdout, "");
    let events = ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "type=pod",
        "--format",
        "{{.Status}} {{.Name}}",
    ]);
    for e in ["create shop", "start shop", "stop shop", "remove shop"] {
        assert!(events.lines().contains(&e), "{e}: {events}");
    }
}

#[test]
fn run_in_a_new_pod_kill_and_prune() {
    let w = WithImage::busybox();
    let (ctl, image) = (&w.ctl, w.reference.as_str());
    ctl.ok(&[
        "run", "-d", "--pod", "new:solo", "--name", "napper", image, "sleep", "600",
    ]);
    let v = ctl.ok(&["pod", "inspect", "solo"]).json();
    assert_eq!(v[0]["NumContainers"], 2);
    assert_eq!(v[0]["State"], "Running");
    let pod_id = v[0]["Id"].as_str().unwrap().to_string();
    // podman-ps(1): --pod adds POD ID and PODNAME; --filter pod= takes a name or an id;
    // the JSON has the pod's id (and its name with --pod), the infra flagged IsInfra.
    ctl.ok(&["run", "-d", "--name", "loner", image, "sleep", "600"]);
    let table = ctl.ok(&["ps", "--pod", "--filter", "name=napper"]);
    let lines = table.lines();
    let header: Vec<&str> = lines[0]
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        header[header.len() - 3..],
        ["NAMES", "POD ID", "PODNAME"],
        "{table}"
    );
    let row: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(
        row[row.len() - 3..],
        ["napper", &pod_id[..12], "solo"],
        "{table}"
    );
    for by in ["solo", &pod_id[..12]] {
        let names = ctl.ok(&[
            "ps",
            "-a",
            "--filter",
            &format!("pod={by}"),
            "--format",
            "{{.Names}} {{.IsInfra}}",
        ]);
        let mut got = names.lines();
        got.sort();
        assert_eq!(got.len(), 2, "{names}");
        assert!(got.contains(&"napper false"), "{names}");
        assert!(got.iter().any(|l| l.ends_with(" true")), "{names}");
    }
    assert_eq!(
        ctl.ok(&["ps", "-a", "-q", "--filter", "pod=nosuch"]).stdout,
        ""
    );
    let js = ctl
        .ok(&["ps", "--pod", "--format", "json", "--filter", "name=napper"])
        .json();
    assert_eq!(js[0]["Pod"], pod_id.as_str());
    assert_eq!(js[0]["PodName"], "solo");
    let js = ctl
        .ok(&["ps", "--format", "json", "--filter", "name=loner"])
        .json();
    assert_eq!(js[0]["Pod"], "");
    ctl.ok(&["rm", "-f", "-t", "0", "loner"]);
    ctl.ok(&["pod", "kill", "solo"]);
    assert_eq!(pod_status(&w, "solo"), "Exited");
    ctl.ok(&["pod", "create", "--name", "idle"]);
    // Only Stopped and Exited pods are pruned: the created one stays.
    let pruned = ctl.ok(&["pod", "prune", "-f"]);
    assert_eq!(pruned.lines().len(), 1, "{pruned}");
    ctl.run(&["pod", "exists", "solo"]).failure(1);
    ctl.run(&["pod", "exists", "idle"]).success();
    ctl.ok(&["pod", "rm", "idle"]);
    assert_eq!(ctl.ok(&["ps", "-a", "-q"]).stdout, "");
    ctl.run(&["pod", "rm", "nosuch"])
        .failure(125)
        .stderr_has("no pod with name or ID nosuch found: no such pod");
    ctl.run(&["run", "--pod", "nosuch", image, "true"])
        .failure(125);
}
