//! `ps`: --noheading, --sort, --size, --external, --filter before/since/network/volume/
//! health/restart-policy/until; `network ls`: --noheading, --filter, --format, -q names.

use super::*;

fn names(w: &WithImage, args: &[&str]) -> Vec<String> {
    let mut a = vec!["ps", "-a", "--sort", "names", "--format", "{{.Names}}"];
    a.extend_from_slice(args);
    w.ctl.ok(&a).lines().iter().map(|s| s.to_string()).collect()
}

#[test]
fn ps_filters_sorts_and_sizes_as_podman_s() {
    let w = setup();
    let vol = tempfile::tempdir().unwrap();
    let bind = format!("{}:/data", vol.path().display());
    w.ctl.ok(&["network", "create", "app"]);
    let create = |extra: &[&str]| {
        let mut a = vec!["create"];
        a.extend_from_slice(extra);
        a.extend([w.reference.as_str(), "true"]);
        w.ctl.ok(&a);
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    create(&["--name", "a", "--restart", "always", "-v", &bind]);
    create(&[
        "--name",
        "b",
        "--network",
        "app",
        "--restart",
        "on-failure:3",
    ]);
    run_d(
        &w,
        &["--name", "d"],
        &["sh", "-c", "echo hello > /big; sleep 60"],
    );
    let none = Vec::<String>::new();

    assert_eq!(names(&w, &[]), ["a", "b", "d"]);
    // name, and id unless hex, are regular expressions, as podman's.
    assert_eq!(names(&w, &["-f", "name=^[ab]$"]), ["a", "b"]);
    assert_eq!(names(&w, &["-f", "command=^sh$"]), ["d"]);
    assert_eq!(names(&w, &["-f", "command=^tr"]), ["a", "b"]);
    assert_eq!(names(&w, &["--filter", "before=b"]), ["a"]);
    assert_eq!(names(&w, &["-f", "before=d", "-f", "before=b"]), ["a"]);
    assert_eq!(names(&w, &["-f", "since=a"]), ["b", "d"]);
    assert_eq!(names(&w, &["-f", "since=a", "-f", "before=d"]), ["b"]);
    assert_eq!(names(&w, &["-f", "network=app"]), ["b"]);
    assert_eq!(names(&w, &["-f", "volume=/data"]), ["a"]);
    assert_eq!(names(&w, &["-f", &format!("volume={bind}")]), ["a"]);
    assert_eq!(names(&w, &["-f", "volume=/elsewhere"]), none);
    assert_eq!(names(&w, &["-f", "health=healthy"]), none);
    assert_eq!(names(&w, &["-f", "restart-policy=always"]), ["a"]);
    assert_eq!(names(&w, &["-f", "restart-policy=on-failure"]), ["b"]);
    assert_eq!(
        names(
            &w,
            &["-f", "restart-policy=always", "-f", "restart-policy=no"]
        ),
        ["a", "d"]
    );
    let created_b = w
        .ctl
        .ok(&["inspect", "--format", "{{.Created}}", "b"])
        .stdout
        .trim()
        .to_string();
    let b_rfc3339 = w.ctl.inspect_container("b")["Created"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!created_b.is_empty());
    assert_eq!(names(&w, &["-f", &format!("until={b_rfc3339}")]), ["a"]);
    assert_eq!(names(&w, &["-f", "until=1h"]), none);
    assert_eq!(names(&w, &["-f", "until=-1h"]), ["a", "b", "d"]);

    // Without -a, a filter looks at the running containers only, unless it is a status
    // filter, as podman's.
    let running = |f: &str| {
        let out = w
            .ctl
            .ok(&["ps", "--sort", "names", "-f", f, "--format", "{{.Names}}"]);
        out.lines()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(running("since=a"), ["d"]);
    assert_eq!(running("status=created"), ["a", "b"]);
    let bad = w.ctl.run(&["ps", "-a", "-f", "restart-policy=sometimes"]);
    assert_eq!(code(&bad), 125, "{bad}");
    assert_eq!(
        bad.one_line_error(),
        "Error: sometimes invalid restart policy"
    );
    let bad = w.ctl.run(&["ps", "-a", "-f", "before=nosuch"]);
    assert_eq!(code(&bad), 125, "{bad}");
    let bad = w.ctl.run(&["ps", "-f", "color=red"]);
    assert_eq!(bad.one_line_error(), "Error: color is an invalid filter");

    // --sort: podman's orders (created: oldest first).
    let sorted = |by: &str| {
        w.ctl
            .ok(&["ps", "-a", "--sort", by, "--format", "{{.Names}}"])
            .lines()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(sorted("created"), ["a", "b", "d"]);
    assert_eq!(sorted("names"), ["a", "b", "d"]);
    assert_eq!(sorted("status")[2], "d", "created < running");
    let bad = w.ctl.run(&["ps", "--sort", "colour"]);
    assert_eq!(code(&bad), 125, "{bad}");

    // --noheading.
    let table = w.ctl.ok(&["ps", "-a"]);
    assert!(table.lines()[0].starts_with("CONTAINER ID"), "{table}");
    let rows = w.ctl.ok(&["ps", "-a", "--noheading"]);
    assert_eq!(rows.lines().len(), 3, "{rows}");
    assert!(!rows.stdout.contains("CONTAINER ID"), "{rows}");
    let t = w
        .ctl
        .ok(&["ps", "-a", "--noheading", "--format", "table {{.Names}}"]);
    assert_eq!(t.lines().len(), 3, "{t}");

    // --size: the writable layer, and with the image (virtual).
    let sized = w.ctl.ok(&[
        "ps",
        "--size",
        "--noheading",
        "--format",
        "{{.Names}} {{.Size}}",
    ]);
    let line = sized.stdout.trim();
    assert!(
        line.starts_with("d ") && line.contains("B (virtual "),
        "{sized}"
    );
    let table = w.ctl.ok(&["ps", "-s"]);
    assert!(table.lines()[0].trim_end().ends_with("SIZE"), "{table}");
    assert!(table.lines()[1].contains("(virtual "), "{table}");
    let v = w.ctl.ok(&["ps", "--size", "--format", "json"]).json();
    let size = &v[0]["Size"];
    assert!(size["RwSize"].as_u64().unwrap() >= 6, "{v}");
    assert!(size["RootFsSize"].as_u64() > size["RwSize"].as_u64(), "{v}");
    assert_eq!(
        w.ctl.ok(&["ps", "--format", "json"]).json()[0]["Size"],
        serde_json::Value::Null
    );
    let q = w.ctl.run(&["ps", "-q", "--size"]);
    assert_eq!(
        q.one_line_error(),
        "Error: quiet conflicts with size and namespace"
    );

    // --external: accepted; there is nothing external.
    assert_eq!(w.ctl.ok(&["ps", "-a", "--external", "-q"]).lines().len(), 3);
    w.ctl.ok(&["rm", "-f", "-t", "0", "d"]);
}

#[test]
fn network_ls_filters_and_headings_as_podman_s() {
    let w = setup();
    w.ctl.ok(&["network", "create", "--label", "team=x", "app"]);
    w.ctl
        .ok(&["network", "create", "--label", "team=y", "app2"]);
    w.ctl.ok(&["network", "create", "other"]);
    w.ctl.ok(&[
        "create",
        "--name",
        "c",
        "--network",
        "app",
        &w.reference,
        "true",
    ]);
    let ls = |args: &[&str]| {
        let mut a = vec!["network", "ls"];
        a.extend_from_slice(args);
        w.ctl
            .ok(&a)
            .lines()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    // -q prints names, as podman's.
    assert_eq!(ls(&["-q", "--filter", "name=app"]), ["app", "app2"]);
    assert_eq!(ls(&["-q", "--filter", "name=^app$"]), ["app"]);
    assert_eq!(ls(&["-q", "-f", "label=team"]), ["app", "app2"]);
    assert_eq!(ls(&["-q", "-f", "label=team=y"]), ["app2"]);
    assert_eq!(ls(&["-q", "-f", "label!=team", "-f", "name=o"]), ["other"]);
    assert_eq!(
        ls(&["-q", "-f", "driver=bridge", "-f", "name=app2"]),
        ["app2"]
    );
    assert_eq!(ls(&["-q", "-f", "driver=macvlan"]), Vec::<String>::new());
    assert_eq!(
        ls(&["-q", "-f", "name=app", "-f", "dangling=true"]),
        ["app2"]
    );
    assert_eq!(
        ls(&["-q", "-f", "name=app", "-f", "dangling=false"]),
        ["app"]
    );
    assert_eq!(
        ls(&["-q", "-f", "name=app", "-f", "until=1h"]),
        Vec::<String>::new()
    );
    let id = w
        .ctl
        .ok(&["network", "inspect", "--format", "{{.ID}}", "other"]);
    let id = id.stdout.trim();
    assert_eq!(ls(&["-q", "-f", &format!("id={}", &id[..6])]), ["other"]);
    assert_eq!(
        ls(&["--format", "{{.Name}} {{.Driver}}", "-f", "name=app2"]),
        ["app2 bridge"]
    );

    let table = ls(&["-f", "name=app"]);
    assert_eq!(table.len(), 3, "{table:?}");
    assert!(table[0].starts_with("NETWORK ID"), "{table:?}");
    for flag in ["--noheading", "-n"] {
        let rows = ls(&[flag, "-f", "name=app"]);
        assert_eq!(rows, table[1..], "{flag}");
    }
    assert_eq!(
        ls(&["-n", "-f", "name=app", "--format", "table {{.Name}}"]),
        ["app", "app2"]
    );
    let bad = w.ctl.run(&["network", "ls", "-f", "colour=red"]);
    assert_eq!(code(&bad), 125, "{bad}");
    assert_eq!(bad.one_line_error(), "Error: invalid filter \"colour\"");
}

/// `ps --ns`: podman's namespace columns, the ids /proc/PID/ns/* link to; JSON's
/// `Namespaces`; the flags it conflicts with.
#[test]
fn ps_namespaces_as_podman_s() {
    let w = setup();
    let id = run_d(&w, &["--name", "nsps"], &["sleep", "60"]);
    let pid = w.ctl.inspect_container("nsps")["State"]["Pid"]
        .as_i64()
        .unwrap();
    let ns = |kind: &str| {
        let l = std::fs::read_link(format!("/proc/{pid}/ns/{kind}")).unwrap();
        let l = l.to_string_lossy().to_string();
        l[l.find('[').unwrap() + 1..l.len() - 1].to_string()
    };
    let table = w.ctl.ok(&["ps", "--ns"]);
    let cols = |l: &str| l.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let lines = table.lines();
    assert_eq!(
        cols(lines[0]),
        [
            "CONTAINER",
            "ID",
            "NAMES",
            "PID",
            "CGROUPNS",
            "IPC",
            "MNT",
            "NET",
            "PIDNS",
            "USERNS",
            "UTS"
        ],
        "{table}"
    );
    let want = [
        id[..12].to_string(),
        "nsps".into(),
        pid.to_string(),
        ns("cgroup"),
        ns("ipc"),
        ns("mnt"),
        ns("net"),
        ns("pid"),
        ns("user"),
        ns("uts"),
    ];
    assert_eq!(cols(lines[1]), want, "{table}");
    // The container's own namespaces, not ctl's.
    let own = std::fs::read_link("/proc/self/ns/net").unwrap();
    assert!(!own.to_string_lossy().contains(&ns("net")));

    let json: serde_json::Value =
        serde_json::from_str(&w.ctl.ok(&["ps", "--namespace", "--format", "json"]).stdout).unwrap();
    assert_eq!(json[0]["Namespaces"]["Net"], ns("net"));
    assert_eq!(json[0]["Namespaces"]["Pidns"], ns("pid"));
    let plain: serde_json::Value =
        serde_json::from_str(&w.ctl.ok(&["ps", "--format", "json"]).stdout).unwrap();
    assert_eq!(plain[0]["Namespaces"], serde_json::json!({}));
    let templ = w
        .ctl
        .ok(&["ps", "--ns", "--format", "{{.Namespaces.NET}} {{.UTS}}"]);
    assert_eq!(templ.stdout.trim(), format!("{} {}", ns("net"), ns("uts")));

    for (args, msg) in [
        (
            &["ps", "-q", "--ns"][..],
            "quiet conflicts with size and namespace",
        ),
        (
            &["ps", "--size", "--ns"][..],
            "size and namespace options conflict",
        ),
        (
            &["ps", "-w", "1", "-l"][..],
            "the watch and latest flags cannot be used together",
        ),
    ] {
        let out = w.ctl.run(args);
        assert_eq!(code(&out), 125, "{out}");
        assert_eq!(out.error_line(), format!("Error: {msg}"), "{out}");
    }
    w.ctl.ok(&["rm", "-f", "-t", "0", "nsps"]);
}

/// `ps --watch N` redraws the listing every N seconds: a container made after the first
/// listing shows in a later one.
#[test]
fn ps_watch_refreshes() {
    use std::io::Read;
    let w = setup();
    w.ctl
        .ok(&["create", "--name", "watch1", &w.reference, "true"]);
    let mut child = w
        .ctl
        .spawn(&["ps", "-a", "--watch", "1", "--format", "{{.Names}}"]);
    let mut stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut seen = String::new();
    let mut wait_for = |what: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !seen.contains(what) {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match rx.recv_timeout(left) {
                Ok(b) => seen.push_str(&String::from_utf8_lossy(&b)),
                Err(_) => panic!("no {what:?} in {seen:?}"),
            }
        }
    };
    wait_for("\x1b[H\x1b[2Jwatch1\n");
    w.ctl
        .ok(&["create", "--name", "watch2", &w.reference, "true"]);
    wait_for("\x1b[H\x1b[2Jwatch1\nwatch2\n");
    child.kill().unwrap();
    child.wait().unwrap();
    w.ctl.ok(&["rm", "watch1", "watch2"]);
}
