//! `ctl stats`.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use super::*;

/// A shell that holds about 16 MB (a string doubled until it is that long), says `ready`,
/// then spins.
const HOG: &str = "a=x; while [ ${#a} -lt 16000000 ]; do a=$a$a; done; echo ready; \
                   while :; do :; done";

/// "303.1kB" → bytes, as go-units' HumanSize wrote it.
fn human_bytes(s: &str) -> f64 {
    let units = [
        ("kB", 1e3),
        ("MB", 1e6),
        ("GB", 1e9),
        ("TB", 1e12),
        ("B", 1.0),
    ];
    for (u, m) in units {
        if let Some(n) = s.strip_suffix(u) {
            return n.parse::<f64>().unwrap_or_else(|_| panic!("{s:?}")) * m;
        }
    }
    panic!("not a size: {s:?}")
}

fn percent(s: &str) -> f64 {
    s.strip_suffix('%')
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a percentage: {s:?}"))
}

#[test]
fn stats_of_a_busy_container_with_a_memory_limit() {
    let w = setup();
    let id = run_d(&w, &["--name", "hog", "-m", "64m"], &["sh", "-c", HOG]);
    wait_log(&w, "hog", "ready");

    let out = w
        .ctl
        .ok(&["stats", "--no-stream", "--format", "json", "hog"]);
    let v = out.json();
    let list = v.as_array().expect("a JSON list");
    assert_eq!(list.len(), 1, "{out}");
    let s = &list[0];
    let keys: Vec<&String> = s.as_object().unwrap().keys().collect();
    for k in [
        "id",
        "name",
        "cpu_time",
        "cpu_percent",
        "avg_cpu",
        "mem_usage",
        "mem_percent",
        "net_io",
        "block_io",
        "pids",
    ] {
        assert!(keys.iter().any(|x| *x == k), "no {k}: {out}");
    }
    assert_eq!(s["id"], id[..12]);
    assert_eq!(s["name"], "hog");
    let (usage, limit) = s["mem_usage"].as_str().unwrap().split_once(" / ").unwrap();
    // 64m as go-units writes 67108864 bytes.
    assert_eq!(limit, "67.11MB", "{out}");
    let used = human_bytes(usage);
    assert!(used > 16e6 && used < 67.2e6, "{usage} used: {out}");
    let mem_perc = percent(s["mem_percent"].as_str().unwrap());
    assert!((mem_perc - used / 67108864.0 * 100.0).abs() < 1.0, "{out}");
    // A spinning shell: CPU used since it started.
    assert!(percent(s["cpu_percent"].as_str().unwrap()) > 1.0, "{out}");
    assert!(percent(s["avg_cpu"].as_str().unwrap()) > 1.0, "{out}");
    assert_ne!(s["cpu_time"], "0s", "{out}");
    assert_eq!(s["pids"], "1", "one shell, builtins only: {out}");

    // The fields of podman's ContainerStats and its methods, in templates.
    let out = w.ctl.ok(&[
        "stats",
        "--no-stream",
        "--no-trunc",
        "--format",
        "{{.ID}} {{.ContainerID}} {{.Name}} {{.MemLimit}} {{.PIDs}} {{.PIDS}} {{.MemUsage}}",
        "hog",
    ]);
    let f: Vec<&str> = out.stdout.split_whitespace().collect();
    assert_eq!(
        f[..6],
        [&id[..], &id[..], "hog", "67108864", "1", "1"],
        "{out}"
    );
    assert_eq!(f[8], "67.11MB", "{out}");
    let out = w.ctl.ok(&[
        "stats",
        "--no-stream",
        "--format",
        "table {{.ID}} {{.MemUsageBytes}}",
        "hog",
    ]);
    let lines = out.lines();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["ID", "MEM", "USAGE", "/", "LIMIT"]
    );
    assert!(
        lines[1].starts_with(&id[..12]) && lines[1].ends_with("/ 64MiB"),
        "{out}"
    );
}

#[test]
fn stats_default_table_all_and_stopped_containers() {
    let w = setup();
    run_d(&w, &["--name", "up"], &["sleep", "1000"]);
    w.ctl
        .ok(&["create", "--name", "idle", &w.reference, "true"]);

    let out = w.ctl.ok(&["stats", "--no-stream"]);
    let lines = out.lines();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>().join(" "),
        "ID NAME CPU % MEM USAGE / LIMIT MEM % NET IO BLOCK IO PIDS CPU TIME AVG CPU %",
        "{out}"
    );
    assert_eq!(lines.len(), 2, "running containers only: {out}");
    assert!(lines[1].contains(" up "), "{out}");
    let table = w.ctl.ok(&["stats", "--no-stream", "--format", "table"]);
    assert_eq!(table.lines()[0], lines[0], "{table}");

    // -a: the created one too, with zeros, as podman's.
    let out = w.ctl.ok(&[
        "stats",
        "-a",
        "--no-stream",
        "--format",
        "{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}|{{.PIDS}}|{{.NetIO}}|{{.BlockIO}}|{{.UpTime}}",
    ]);
    assert!(
        out.lines()
            .contains(&"idle|0.00%|0B / 0B|0|0B / 0B|0B / 0B|0s"),
        "{out}"
    );
    assert!(out.lines().iter().any(|l| l.starts_with("up|")), "{out}");
    // Named, a stopped container is shown with zeros too.
    let out = w.ctl.ok(&[
        "stats",
        "--no-stream",
        "--format",
        "{{.Name}} {{.PIDs}}",
        "idle",
    ]);
    assert_eq!(out.stdout, "idle 0\n");
    // Nothing listed: an empty JSON list.
    let out = w
        .ctl
        .ok(&["stats", "--no-stream", "--format", "json", "idle"]);
    assert_eq!(out.json()[0]["pids"], "0");
}

#[test]
fn stats_errors_as_podman() {
    let w = setup();
    run_d(&w, &["--name", "up"], &["sleep", "1000"]);
    let cases: &[(&[&str], &str)] = &[
        (
            &["stats", "--no-stream", "nope"],
            "Error: unable to get list of containers: unable to look up container nope: \
             no container with name or ID \"nope\" found: no such container",
        ),
        (
            &["stats", "-a", "up"],
            "Error: --all, --latest and containers cannot be used together",
        ),
        (
            &["stats", "-l", "-a"],
            "Error: --all, --latest and containers cannot be used together",
        ),
        (
            &["stats", "-i", "0", "up"],
            "Error: invalid interval, must be a positive number greater zero",
        ),
    ];
    for (args, want) in cases {
        let out = w.ctl.run(args);
        assert_eq!(code(&out), 125, "{args:?}\n{out}");
        assert_eq!(out.stderr.trim_end(), *want, "{args:?}");
        assert_eq!(out.stdout, "", "{args:?}");
    }
    // A bad template: one line, nothing printed before it.
    let out = w
        .ctl
        .run(&["stats", "--no-stream", "--format", "{{.Nope}}", "up"]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(out.stderr.lines().count(), 1, "{out}");
    assert!(out.stderr.contains("Nope"), "{out}");
}

#[test]
fn stats_streams_reports_when_not_a_terminal() {
    let w = setup();
    run_d(&w, &["--name", "up"], &["sleep", "1000"]);
    let mut child = w
        .ctl
        .command(&["stats", "-i", "1", "--format", "{{.Name}} {{.PIDs}}", "up"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    // Two reports, one after the other, no screen clearing on a pipe.
    for _ in 0..2 {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("a report within 20 s")
            .unwrap();
        assert_eq!(line, "up 1");
    }
    child.kill().unwrap();
    child.wait().unwrap();
}
