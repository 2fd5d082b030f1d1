//! `logs` of several containers (prefixed by short id, or by name with -n), `--until`
//! honoured with -f, and `--since/--until` in podman's forms: RFC 3339 (`date
//! --iso-8601=ns`), dates, unix times and Go durations.

use std::time::{Duration, Instant};

use super::*;
use crate::lifecycle::wait_status;

fn lines(out: &Out) -> Vec<String> {
    out.lines().iter().map(|s| s.to_string()).collect()
}

#[test]
fn logs_of_several_containers_as_podman_s() {
    let w = setup();
    let one = run_d(
        &w,
        &["--name", "one"],
        &["sh", "-c", "echo first; sleep 2; echo third"],
    );
    let two = run_d(
        &w,
        &["--name", "two"],
        &["sh", "-c", "sleep 1; echo second"],
    );
    wait_status(&w, "one", "exited");
    wait_status(&w, "two", "exited");

    // One container: no prefix, --names or not.
    assert_eq!(w.ctl.ok(&["logs", "-n", "one"]).stdout, "first\nthird\n");
    // Several: podman's short id (or with -n the name) and a space before each line, in
    // the order the lines were written.
    let by_id = w.ctl.ok(&["logs", "one", "two"]);
    assert_eq!(
        lines(&by_id),
        [
            format!("{} first", &one[..12]),
            format!("{} second", &two[..12]),
            format!("{} third", &one[..12]),
        ]
    );
    let by_name = w.ctl.ok(&["logs", "--names", "one", "two"]);
    assert_eq!(lines(&by_name), ["one first", "two second", "one third"]);
    let stamped = w.ctl.ok(&["container", "logs", "-n", "-t", "two", "one"]);
    let l = lines(&stamped);
    assert_eq!(l.len(), 3, "{stamped}");
    assert!(
        l[0].starts_with("one 20") && l[0].ends_with(" first"),
        "{stamped}"
    );
    // -f of stopped containers prints and returns.
    let f = w.ctl.ok(&["logs", "-f", "-n", "one", "two"]);
    assert_eq!(lines(&f).len(), 3, "{f}");
    // One that does not exist: podman's error, nothing printed.
    let missing = w.ctl.run(&["logs", "one", "nosuch"]);
    assert_eq!(code(&missing), 125, "{missing}");
    assert_eq!(missing.stdout, "");
    assert_eq!(
        missing.one_line_error(),
        "Error: no container with name or ID \"nosuch\" found: no such container"
    );
}

/// A line's stamp from `logs -t` as `date --iso-8601=ns` prints it (comma, +00:00).
fn iso_8601_ns(rfc3339: &str) -> String {
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339).unwrap();
    t.with_timezone(&chrono::Utc)
        .format("%Y-%m-%dT%H:%M:%S,%f+00:00")
        .to_string()
}

#[test]
fn since_and_until_take_podman_s_time_forms() {
    let w = setup();
    run_d(
        &w,
        &["--name", "l"],
        &["sh", "-c", "echo one; sleep 1.5; echo two"],
    );
    wait_status(&w, "l", "exited");
    let stamped = w.ctl.ok(&["logs", "-t", "l"]);
    let stamps: Vec<String> = stamped
        .lines()
        .iter()
        .map(|l| l.split_once(' ').unwrap().0.to_string())
        .collect();
    assert_eq!(stamps.len(), 2, "{stamped}");
    let t2 = chrono::DateTime::parse_from_rfc3339(&stamps[1]).unwrap();

    let logs = |args: &[&str]| {
        let mut a = vec!["logs"];
        a.extend_from_slice(args);
        a.push("l");
        w.ctl.ok(&a).stdout
    };
    // `date --iso-8601=ns` stamps; as podman's, strictly after --since and strictly
    // before --until.
    let (iso1, iso2) = (iso_8601_ns(&stamps[0]), iso_8601_ns(&stamps[1]));
    assert!(iso1.contains(','), "{iso1}");
    assert_eq!(logs(&["--since", &iso1]), "two\n");
    assert_eq!(logs(&["--until", &iso2]), "one\n");
    assert_eq!(logs(&["--since", &iso1, "--until", &iso2]), "");
    // RFC 3339 with an offset, half a second before the second line.
    let before = t2 - chrono::Duration::milliseconds(500);
    let plus2 = before
        .with_timezone(&chrono::FixedOffset::east_opt(7200).unwrap())
        .to_rfc3339_opts(chrono::SecondsFormat::Nanos, false);
    assert_eq!(logs(&["--since", &plus2]), "two\n");
    assert_eq!(logs(&["--until", &plus2]), "one\n");
    // Unix time, with a fraction.
    let unix = format!(
        "{}.{:09}",
        before.timestamp(),
        before.timestamp_subsec_nanos()
    );
    assert_eq!(logs(&["--since", &unix]), "two\n");
    assert_eq!(logs(&["--until", &unix]), "one\n");
    // A date (UTC midnight) and Go durations: --since is before now, --until after it.
    assert_eq!(logs(&["--since", "2000-01-01"]), "one\ntwo\n");
    assert_eq!(logs(&["--until", "2000-01-01"]), "");
    assert_eq!(logs(&["--since", "1h"]), "one\ntwo\n");
    assert_eq!(logs(&["--since", "1h30m", "--until", "10m"]), "one\ntwo\n");
    assert_eq!(logs(&["--until", "-1h"]), "");
    assert_eq!(logs(&["--since", "-1h"]), "");
    // podman's words for a time it cannot read.
    let bad = w.ctl.run(&["logs", "--since", "1d", "l"]);
    assert_eq!(code(&bad), 125, "{bad}");
    assert_eq!(
        bad.one_line_error(),
        "Error: parsing --since \"1d\": unable to interpret time value"
    );
}

#[test]
fn follow_stops_at_until() {
    let w = setup();
    run_d(
        &w,
        &["--name", "ticker"],
        &["sh", "-c", "while true; do echo tick; sleep 0.2; done"],
    );
    let args = ["logs", "-f", "--until", "2s", "ticker"];
    let start = Instant::now();
    let out = Out::wait(&args, w.ctl.spawn(&args));
    let took = start.elapsed();
    out.success();
    assert!(
        took >= Duration::from_millis(1500),
        "returned early: {took:?}"
    );
    assert!(
        took < Duration::from_secs(8),
        "not stopped at --until: {took:?}"
    );
    assert!(out.lines().len() >= 5, "{out}");
    assert!(out.lines().iter().all(|l| *l == "tick"), "{out}");
    // Several containers followed at once, each line prefixed.
    run_d(
        &w,
        &["--name", "other"],
        &["sh", "-c", "sleep 0.5; echo late; sleep 30"],
    );
    let args = [
        "logs", "-f", "-n", "--since", "1s", "--until", "2s", "ticker", "other",
    ];
    let out = Out::wait(&args, w.ctl.spawn(&args));
    out.success();
    assert!(out.lines().contains(&"other late"), "{out}");
    assert!(out.lines().contains(&"ticker tick"), "{out}");
    w.ctl.ok(&["rm", "-f", "-t", "0", "ticker", "other"]);
}
