//! `pod logs`, `pod top`, `pod stats` (podman-pod-logs(1), -top(1), -stats(1)): the pod's
//! containers' lines prefixed by container, their processes under one header, one stats
//! row per container in podman's pod columns.

use std::time::Duration;

use crate::common::{wait_for, WithImage};

/// The cells of a table line (columns are separated by two spaces or more).
fn cells(line: &str) -> Vec<String> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn pod_logs_top_and_stats_cover_every_container() {
    let w = WithImage::busybox();
    let r = w.reference.as_str();
    let pod = w
        .ctl
        .ok(&["pod", "create", "--name", "obs", "--network", "none"]);
    let pod_id = pod.stdout.trim().to_string();
    let mut ids = Vec::new();
    for (name, word) in [("o1", "one"), ("o2", "two")] {
        let script = format!("echo {word}; exec sleep 1000");
        let out = w.ctl.ok(&[
            "run", "-d", "--pod", "obs", "--name", name, r, "sh", "-c", &script,
        ]);
        ids.push(out.stdout.trim().to_string());
        let said = wait_for(Duration::from_secs(10), || {
            w.ctl
                .ok(&["logs", name])
                .stdout
                .contains(word)
                .then_some(())
        });
        assert!(said.is_some(), "{name} never logged {word}");
    }

    // Every container's lines, each prefixed by its container's short id, or its name.
    let logs = w.ctl.ok(&["pod", "logs", "obs"]);
    let mut lines: Vec<&str> = logs.stdout.lines().collect();
    lines.sort();
    let mut want = vec![
        format!("{} one", &ids[0][..12]),
        format!("{} two", &ids[1][..12]),
    ];
    want.sort();
    assert_eq!(lines, want, "{logs}");
    let logs = w.ctl.ok(&["pod", "logs", "--names", "-t", "obs"]);
    assert!(
        logs.stdout
            .lines()
            .any(|l| l.starts_with("o2 ") && l.ends_with(" two")),
        "{logs}"
    );
    let one = w.ctl.ok(&["pod", "logs", "-c", "o1", "obs"]);
    assert_eq!(one.stdout, "one\n");
    w.ctl.run(&["pod", "logs", "nosuchpod"]).failure(125);
    w.ctl
        .run(&["pod", "logs", "-c", "nosuchctr", "obs"])
        .failure(125);

    // Every running container's processes, under one header.
    let top = w.ctl.ok(&["pod", "top", "obs", "pid", "comm"]);
    let rows: Vec<Vec<String>> = top.stdout.lines().map(cells).collect();
    assert_eq!(rows[0], ["PID", "COMMAND"], "{top}");
    let comms: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(comms.iter().filter(|c| **c == "sleep").count(), 2, "{top}");
    assert!(comms.contains(&"catatonit"), "{top}");

    // One row per container, in podman's columns.
    let stats = w.ctl.ok(&["pod", "stats", "--no-stream", "obs"]);
    let rows: Vec<Vec<String>> = stats.stdout.lines().map(cells).collect();
    assert_eq!(
        rows[0],
        [
            "POD",
            "CID",
            "NAME",
            "CPU %",
            "MEM USAGE/ LIMIT",
            "MEM %",
            "NET IO",
            "BLOCK IO",
            "PIDS"
        ],
        "{stats}"
    );
    assert_eq!(rows.len(), 4, "{stats}");
    for row in &rows[1..] {
        assert_eq!(row[0], pod_id[..12], "{stats}");
    }
    let names: Vec<&str> = rows[1..].iter().map(|r| r[2].as_str()).collect();
    assert!(names.contains(&"o1") && names.contains(&"o2"), "{stats}");
    let json = w
        .ctl
        .ok(&["pod", "stats", "--no-stream", "--format", "json", "obs"])
        .json();
    let list = json.as_array().expect("a list");
    assert_eq!(list.len(), 3, "{json}");
    let o1 = list.iter().find(|s| s["Name"] == "o1").expect("o1");
    assert_eq!(o1["CID"], ids[0][..12], "{json}");
    assert_eq!(o1["PIDS"], "1", "{json}");
    let names = w.ctl.ok(&[
        "pod",
        "stats",
        "--no-stream",
        "--format",
        "{{.Name}}",
        "obs",
    ]);
    assert_eq!(
        names.stdout.lines().filter(|l| l.starts_with('o')).count(),
        2
    );

    // A stopped pod has no processes to show, and no running containers to sample.
    w.ctl.ok(&["pod", "stop", "-t", "0", "obs"]);
    w.ctl
        .run(&["pod", "top", "obs"])
        .failure(125)
        .stderr_has("at least one running container");
    let stats = w.ctl.ok(&["pod", "stats", "--no-stream", "obs"]);
    assert_eq!(stats.stdout.lines().count(), 2, "{stats}");
    w.ctl.ok(&["pod", "rm", "-f", "obs"]);
}
