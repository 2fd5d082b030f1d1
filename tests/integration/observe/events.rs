//! `ctl events`, written from podman-events(1): what each command records, in order, with
//! exit codes; filters, formats, following the file, rotation, and an events file that
//! cannot be written.

use std::io::{BufRead, BufReader};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

use super::*;
use crate::common::ctl::wait_bounded;
use crate::common::wait_for;
use crate::lifecycle::wait_status;

/// Every recorded event, as `events --stream=false --format json` prints it.
fn recorded(w: &crate::common::WithImage, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["events", "--stream=false", "--format", "json"];
    for f in filters {
        args.extend(["--filter", f]);
    }
    let out = w.ctl.ok(&args);
    out.lines()
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}\n{out}")))
        .collect()
}

fn statuses(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| e["Status"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Whether `want` appears in `got` in this order (others may come between).
fn in_order(got: &[String], want: &[&str]) -> bool {
    let mut it = got.iter();
    want.iter().all(|w| it.any(|g| g == w))
}

#[test]
fn a_containers_life_is_recorded_in_order_with_its_exit_code() {
    let w = setup();
    let out = w.ctl.run(&run_args_named(
        &w,
        "life",
        &["--label", "tier=db"],
        &["sh", "-c", "exit 3"],
    ));
    assert_eq!(code(&out), 3, "{out}");
    w.ctl.ok(&["rm", "life"]);
    let evs = recorded(&w, &["container=life"]);
    let st = statuses(&evs);
    assert!(
        in_order(&st, &["create", "init", "start", "died", "remove"]),
        "{st:?}"
    );
    assert_eq!(
        st.iter().filter(|s| *s == "died").count(),
        1,
        "one death: {st:?}"
    );
    let died = evs.iter().find(|e| e["Status"] == "died").unwrap();
    assert_eq!(died["ContainerExitCode"], 3, "{died}");
    assert_eq!(died["Type"], "container");
    assert_eq!(died["Image"].as_str(), Some(w.reference.as_str()), "{died}");
    assert_eq!(
        died["Attributes"]["tier"], "db",
        "labels ride along: {died}"
    );
    assert_eq!(died["ID"].as_str().map(str::len), Some(64), "{died}");
    assert!(died["time"].as_i64().unwrap() > 1_600_000_000, "{died}");
    let removed = evs.iter().find(|e| e["Status"] == "remove").unwrap();
    assert_eq!(removed["ContainerExitCode"], 3, "{removed}");

    // The same events as podman's human lines: time, type, status, id, then the names.
    let out = w.ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "container=life",
        "--filter",
        "event=die",
    ]);
    let lines = out.lines();
    assert_eq!(lines.len(), 1, "{out}");
    let id = died["ID"].as_str().unwrap();
    assert!(
        lines[0].contains(&format!(
            " +0000 UTC container died {id} (image={}, name=life, tier=db)",
            w.reference
        )),
        "{out}"
    );
    let short = w.ctl.ok(&[
        "events",
        "--stream=false",
        "--no-trunc=false",
        "--filter",
        "container=life",
        "--filter",
        "event=died",
    ]);
    assert!(
        short.stdout.contains(&format!("died {} (", &id[..12])),
        "{short}"
    );
}

#[test]
fn stop_kill_restart_rename_exec_and_mount_are_recorded() {
    let w = setup();
    run_d(
        &w,
        &["--name", "verbs"],
        &["sh", "-c", "echo ready; exec sleep 1000"],
    );
    wait_log(&w, "verbs", "ready");
    let out = w.ctl.run(&["exec", "verbs", "sh", "-c", "exit 4"]);
    assert_eq!(code(&out), 4, "{out}");
    w.ctl.ok(&["restart", "-t", "0", "verbs"]);
    w.ctl.ok(&["rename", "verbs", "verbs2"]);
    w.ctl.ok(&["kill", "verbs2"]);
    wait_status(&w, "verbs2", "exited");
    w.ctl.ok(&["mount", "verbs2"]);
    w.ctl.ok(&["unmount", "verbs2"]);
    w.ctl.ok(&["start", "verbs2"]);
    w.ctl.ok(&["stop", "-t", "0", "verbs2"]);
    w.ctl.ok(&["rm", "verbs2"]);
    // By id: the name changed half-way.
    let evs = recorded(&w, &["type=container"]);
    let st = statuses(&evs);
    assert!(
        in_order(
            &st,
            &[
                "create",
                "start",
                "exec",
                "exec_died",
                "died",
                "restart",
                "rename",
                "kill",
                "died",
                "mount",
                "unmount",
                "start",
                "died",
                "stop",
                "remove"
            ]
        ),
        "{st:?}"
    );
    let exec_died = evs.iter().find(|e| e["Status"] == "exec_died").unwrap();
    assert_eq!(exec_died["ContainerExitCode"], 4, "{exec_died}");
    let renamed = evs.iter().find(|e| e["Status"] == "rename").unwrap();
    assert_eq!(renamed["Name"], "verbs2", "the new name: {renamed}");
    // Either name finds the container's events: filters match names and id prefixes.
    let id = renamed["ID"].as_str().unwrap();
    assert_eq!(
        recorded(&w, &[&format!("container={}", &id[..10])]).len(),
        evs.len()
    );
}

#[test]
fn images_volumes_and_networks_are_recorded() {
    let w = setup();
    w.ctl.ok(&["tag", &w.reference, "localhost/evtag:1"]);
    w.ctl
        .ok(&["untag", "localhost/evtag:1", "localhost/evtag:1"]);
    w.ctl.ok(&["volume", "create", "evvol"]);
    w.ctl.ok(&["volume", "rm", "evvol"]);
    w.ctl.ok(&["network", "create", "evnet"]);
    w.ctl.ok(&["network", "rm", "evnet"]);
    let out = w.ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "type=image",
        "--filter",
        "type=volume",
        "--filter",
        "type=network",
        "--format",
        "{{.Type}} {{.Status}} {{.Name}}{{.Network}}",
    ]);
    let lines = out.lines();
    let want = [
        format!("image pull {}", w.reference),
        "image tag localhost/evtag:1".to_string(),
        "image untag localhost/evtag:1".to_string(),
        "volume create evvol".to_string(),
        "volume remove evvol".to_string(),
        "network create evnet".to_string(),
        "network remove evnet".to_string(),
    ];
    assert_eq!(lines, want, "{out}");
    // podman's human form of a network event.
    let out = w
        .ctl
        .ok(&["events", "--stream=false", "--filter", "type=network"]);
    assert!(
        out.lines()[0].contains(" network create ")
            && out.lines()[0].ends_with("(name=evnet, type=bridge)"),
        "{out}"
    );
}

#[test]
fn events_follow_new_events_and_until_ends_the_stream() {
    let w = setup();
    let mut child = w.ctl.spawn(&[
        "events",
        "--filter",
        "volume=follow",
        "--format",
        "{{.Status}} {{.Name}}",
    ]);
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    // The follower reads only what comes after it started: create until it sees one.
    let mut n = 0;
    let first = wait_for(Duration::from_secs(15), || {
        n += 1;
        let name = format!("follow{n}");
        w.ctl.ok(&["volume", "create", &name]);
        rx.recv_timeout(Duration::from_millis(200)).ok()
    });
    let first = first.expect("events never streamed a new event");
    assert!(first.starts_with("create follow"), "{first}");
    let name = first.trim_start_matches("create ").to_string();
    w.ctl.ok(&["volume", "rm", &name]);
    let next = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the removal streamed");
    assert_eq!(next, format!("remove {name}"));
    let _ = child.kill();
    let _ = child.wait();
    // --until with streaming: the stream ends by itself once that time has come.
    let mut bounded = w.ctl.spawn(&["events", "--since", "1m", "--until", "2s"]);
    let st = wait_bounded(&mut bounded, Duration::from_secs(15));
    assert!(
        st.is_some_and(|s| s.success()),
        "events --until did not end: {st:?}"
    );
    for n in 1..=n {
        let _ = w.ctl.run(&["volume", "rm", &format!("follow{n}")]);
    }
}

#[test]
fn concurrent_writers_never_interleave_and_rotation_keeps_order() {
    let w = setup();
    // A small file, so that the writers below rotate it several times.
    std::fs::write(
        &w.ctl.containers_conf,
        "[engine]\nevents_logfile_max_size = 4000\n",
    )
    .unwrap();
    let base = w.ctl.command(&[]);
    let ctl = format!(
        "{} --root {} --runroot {}",
        env!("CARGO_BIN_EXE_ctl"),
        w.ctl.root.display(),
        w.ctl.runroot.display()
    );
    let writers: Vec<_> = (0..2)
        .map(|k| {
            // Each writer: a shell loop of creates and removes of its own volumes.
            let script = format!(
                "for i in $(seq 1 15); do {ctl} volume create w{k}v$i >/dev/null && \
                 {ctl} volume rm w{k}v$i >/dev/null || exit 1; done"
            );
            let mut c = std::process::Command::new("sh");
            c.env_clear().args(["-c", &script]);
            for (k, v) in base.get_envs() {
                if let Some(v) = v {
                    c.env(k, v);
                }
            }
            c.spawn().unwrap()
        })
        .collect();
    for mut p in writers {
        assert!(p.wait().unwrap().success());
    }
    let file = w.ctl.runroot.join("events/events.log");
    let rotated = w.ctl.runroot.join("events/events.log.1");
    assert!(rotated.exists(), "the file was rotated");
    for f in [&file, &rotated] {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(text.len() <= 4000, "{} is over the limit", f.display());
        for l in text.lines() {
            serde_json::from_str::<Value>(l)
                .unwrap_or_else(|e| panic!("a broken line ({e}): {l:?}"));
        }
    }
    // Each writer's own events read back in its order, across the rotation.
    let evs = recorded(&w, &["type=volume"]);
    let w0: Vec<String> = evs
        .iter()
        .filter(|e| e["Name"].as_str().is_some_and(|n| n.starts_with("w0v")))
        .map(|e| {
            format!(
                "{} {}",
                e["Status"].as_str().unwrap(),
                e["Name"].as_str().unwrap()
            )
        })
        .collect();
    let last = w0.last().expect("the last events are kept");
    assert_eq!(last, "remove w0v15");
    for pair in w0.windows(2) {
        let n = |s: &str| s.rsplit('v').next().unwrap().parse::<u32>().unwrap();
        assert!(n(&pair[0]) <= n(&pair[1]), "out of order: {w0:?}");
    }
}

#[test]
fn bad_filters_none_backend_and_an_unwritable_file() {
    let w = setup();
    let out = w
        .ctl
        .run(&["events", "--stream=false", "--filter", "nosuch=1"]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(
        out.one_line_error(),
        "Error: failed to parse event filters: nosuch is an invalid filter"
    );
    let out = w
        .ctl
        .run(&["events", "--stream=false", "--since", "not-a-time"]);
    assert_eq!(code(&out), 125, "{out}");
    let out = w.ctl.run(&["--events-backend", "syslog", "events"]);
    assert_eq!(code(&out), 125, "{out}");
    assert!(
        out.stderr
            .contains("\"syslog\" is not a valid events backend"),
        "{out}"
    );

    // none: nothing is recorded, and `events` shows nothing.
    let before = recorded(&w, &[]).len();
    w.ctl
        .ok(&["--events-backend", "none", "volume", "create", "quiet"]);
    w.ctl
        .ok(&["--events-backend", "none", "volume", "rm", "quiet"]);
    assert_eq!(recorded(&w, &[]).len(), before);
    let out = w
        .ctl
        .ok(&["--events-backend", "none", "events", "--stream=false"]);
    assert_eq!(out.stdout, "", "{out}");

    // An events file that cannot be written: the command still works, and says so once.
    w.ctl
        .write_config("events-logfile-path = \"/proc/self/no/events.log\"\n");
    let out = w
        .ctl
        .run(&run_args_named(&w, "unrecorded", &["--rm"], &["true"]));
    assert_eq!(code(&out), 0, "{out}");
    assert_eq!(
        out.stderr
            .matches("recording events in /proc/self/no/events.log")
            .count(),
        1,
        "{out}"
    );
    let out = w
        .ctl
        .run(&["ps", "-a", "--filter", "name=unrecorded", "-q"]);
    assert_eq!(out.stdout, "", "removed: {out}");
}

/// `run --name NAME EXTRA... IMAGE CMD...`.
fn run_args_named<'a>(
    w: &'a crate::common::WithImage,
    name: &'a str,
    extra: &[&'a str],
    cmd: &[&'a str],
) -> Vec<&'a str> {
    let mut a = vec!["run", "--name", name];
    a.extend_from_slice(extra);
    a.push(&w.reference);
    a.extend_from_slice(cmd);
    a
}
