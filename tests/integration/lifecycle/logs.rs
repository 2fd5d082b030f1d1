//! `logs`: the k8s-file records, --tail, -t, --since/--until, -f, and size rotation.

use std::time::{Duration, Instant};

use super::*;

/// `2026-11-22T22:46:51.123456789+00:00 stdout F text` (or `Z`).
fn check_record(line: &str) -> (&str, &str, &str) {
    let mut parts = line.splitn(4, ' ');
    let (ts, stream, tag, text) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let t = chrono::DateTime::parse_from_rfc3339(ts)
        .unwrap_or_else(|e| panic!("bad timestamp in {line:?}: {e}"));
    assert_eq!(
        ts.split('.')
            .nth(1)
            .map(|f| f.chars().take_while(char::is_ascii_digit).count()),
        Some(9),
        "nanosecond timestamps: {line:?}"
    );
    assert!(t.timestamp() > 1_700_000_000);
    assert!(matches!(stream, "stdout" | "stderr"), "{line:?}");
    assert!(matches!(tag, "F" | "P"), "{line:?}");
    (stream, tag, text)
}

#[test]
fn k8s_file_tail_timestamps_since_until() {
    let w = setup();
    let id = run_d(
        &w,
        &["--name", "l"],
        &[
            "sh",
            "-c",
            "echo one; echo two >&2; echo three; sleep 1.5; echo four; printf five",
        ],
    );
    assert_eq!(w.ctl.ok(&["wait", "l"]).stdout, "0\n");

    let path = w
        .ctl
        .root
        .join("containers")
        .join(&id)
        .join("userdata/ctr.log");
    assert_eq!(field(&w, "l", "{{.LogPath}}"), path.to_str().unwrap());
    let raw = std::fs::read_to_string(&path).unwrap();
    let records: Vec<(&str, &str, &str)> = raw.lines().map(check_record).collect();
    // Each stream in order; the two pipes are read apart, so not their interleaving.
    let of = |s: &str| -> Vec<(&str, &str)> {
        records
            .iter()
            .filter(|r| r.0 == s)
            .map(|r| (r.1, r.2))
            .collect()
    };
    assert_eq!(
        of("stdout"),
        [("F", "one"), ("F", "three"), ("F", "four"), ("P", "five")],
        "{raw}"
    );
    assert_eq!(of("stderr"), [("F", "two")], "{raw}");
    assert_eq!(records.len(), 5, "{raw}");

    let all = w.ctl.ok(&["logs", "l"]);
    assert_eq!(all.stdout, "one\nthree\nfour\nfive");
    assert_eq!(all.stderr, "two\n");
    assert_eq!(w.ctl.ok(&["logs", "--tail", "2", "l"]).stdout, "four\nfive");
    assert_eq!(w.ctl.ok(&["logs", "--tail", "0", "l"]).stdout, "");
    assert_eq!(w.ctl.ok(&["logs", "--tail", "100", "l"]).stdout, all.stdout);
    // As podman's: a negative count is every line, and -n is --names, not --tail.
    assert_eq!(w.ctl.ok(&["logs", "--tail", "-1", "l"]).stdout, all.stdout);
    assert_eq!(w.ctl.ok(&["logs", "-n", "l"]).stdout, all.stdout);

    let stamped = w.ctl.ok(&["logs", "-t", "l"]);
    let lines: Vec<&str> = stamped.stdout.split_inclusive('\n').collect();
    assert_eq!(lines.len(), 4, "{stamped}");
    let mut times = Vec::new();
    for (line, text) in lines.iter().zip(["one", "three", "four", "five"]) {
        let (ts, rest) = line.split_once(' ').unwrap();
        assert_eq!(rest.trim_end(), text);
        times.push(chrono::DateTime::parse_from_rfc3339(ts).expect("rfc 3339 stamp"));
    }
    assert!(times.windows(2).all(|p| p[0] <= p[1]), "{times:?}");
    assert!(times[2] - times[1] >= chrono::Duration::milliseconds(1400));

    // Between "three" and "four": --since keeps the later, --until the earlier.
    let mid = (times[1] + (times[2] - times[1]) / 2).to_rfc3339();
    let since = w.ctl.ok(&["logs", "--since", &mid, "l"]);
    assert_eq!(since.stdout, "four\nfive");
    assert_eq!(since.stderr, "");
    let until = w.ctl.ok(&["logs", "--until", &mid, "l"]);
    assert_eq!(until.stdout, "one\nthree\n");
    assert_eq!(until.stderr, "two\n");
    let unix = format!("{}", times[2].timestamp() + 3600);
    assert_eq!(w.ctl.ok(&["logs", "--since", &unix, "l"]).stdout, "");
    assert_eq!(w.ctl.ok(&["logs", "--since", "1h", "l"]).stdout, all.stdout);
    let bad = w.ctl.run(&["logs", "--since", "yesterday", "l"]);
    bad.failure(125);
    assert!(bad.one_line_error().contains("yesterday"));
    w.ctl.ok(&["rm", "l"]);
}

#[test]
fn follow_streams_until_the_container_exits() {
    let w = setup();
    run_d(
        &w,
        &["--name", "f"],
        &[
            "sh",
            "-c",
            "for i in 1 2 3 4 5 6; do echo line$i; sleep 0.3; done",
        ],
    );
    let start = Instant::now();
    let child = w.ctl.spawn(&["logs", "-f", "f"]);
    let out = Out::wait(&["logs", "-f", "f"], child);
    let took = start.elapsed();
    out.success();
    assert_eq!(
        out.stdout, "line1\nline2\nline3\nline4\nline5\nline6\n",
        "{out}"
    );
    assert!(
        took >= Duration::from_millis(800),
        "returned early: {took:?}"
    );
    assert!(took < Duration::from_secs(8), "{took:?}");
    assert_eq!(status(&w, "f"), "exited");
    // On an exited container -f prints and returns at once.
    let start = Instant::now();
    assert_eq!(
        w.ctl.ok(&["logs", "-f", "--tail", "1", "f"]).stdout,
        "line6\n"
    );
    assert!(start.elapsed() < Duration::from_secs(2));
    w.ctl.ok(&["rm", "f"]);
}

#[test]
fn rotation_keeps_max_file_files() {
    let w = setup();
    let id = run_d(
        &w,
        &[
            "--name",
            "rot",
            "--log-opt",
            "max-size=1k",
            "--log-opt",
            "max-file=3",
        ],
        &[
            "sh",
            "-c",
            "i=0; while [ $i -lt 400 ]; do echo \"line $i of the rotation test\"; i=$((i+1)); done",
        ],
    );
    assert_eq!(w.ctl.ok(&["wait", "rot"]).stdout, "0\n");
    let userdata = w.ctl.root.join("containers").join(&id).join("userdata");
    let logs: Vec<String> = list(&userdata)
        .into_iter()
        .filter(|n| n.starts_with("ctr.log"))
        .collect();
    assert_eq!(logs, ["ctr.log", "ctr.log.1", "ctr.log.2"]);
    for f in &logs {
        let size = std::fs::metadata(userdata.join(f)).unwrap().len();
        assert!(size <= 1024, "{f} is {size} bytes, over max-size");
        let text = std::fs::read_to_string(userdata.join(f)).unwrap();
        text.lines().for_each(|l| {
            check_record(l);
        });
    }
    // What is kept is the end of the output, in order, without gaps.
    let out = w.ctl.ok(&["logs", "rot"]);
    let nums: Vec<u32> = out
        .lines()
        .iter()
        .map(|l| {
            l.strip_prefix("line ")
                .and_then(|r| r.split(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("odd line {l:?}"))
        })
        .collect();
    assert_eq!(nums.last(), Some(&399));
    assert!(nums.len() > 20, "{} lines kept", nums.len());
    assert!(
        nums.windows(2).all(|p| p[1] == p[0] + 1),
        "gaps or repeats: {nums:?}"
    );
    assert_eq!(field(&w, "rot", "{{.HostConfig.LogConfig.MaxFiles}}"), "3");
    let bad = w
        .ctl
        .run(&run_args(&w, "-d", &["--log-opt", "max-file=0"], &["true"]));
    bad.failure(125);
    assert!(bad.one_line_error().contains("max-file"));
    w.ctl.ok(&["rm", "rot"]);
    assert_all_gone(&w);
}

/// `ctl logs ARGS`'s exit status and raw stdout (Out holds text, which would hide bytes).
fn logs_bytes(w: &WithImage, args: &[&str]) -> (std::process::ExitStatus, Vec<u8>, String) {
    let out = w
        .ctl
        .command(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run ctl logs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status, out.stdout, stderr)
}

#[test]
fn logs_pass_bytes_that_are_not_utf8_unchanged() {
    let w = setup();
    // \377\376 is no UTF-8; "caf\303\251" is; the last line is unfinished.
    run_d(
        &w,
        &["--name", "bin"],
        &[
            "sh",
            "-c",
            "printf '\\377\\376 raw\\n'; echo normal; printf 'caf\\303\\251 \\377'",
        ],
    );
    assert_eq!(w.ctl.ok(&["wait", "bin"]).stdout, "0\n");
    let want: &[u8] = b"\xff\xfe raw\nnormal\ncaf\xc3\xa9 \xff";
    let (st, out, err) = logs_bytes(&w, &["logs", "bin"]);
    assert!(st.success(), "{st}: {err}");
    assert_eq!(out, want, "{}", String::from_utf8_lossy(&out));
    let (st, out, err) = logs_bytes(&w, &["logs", "--tail", "2", "bin"]);
    assert!(st.success(), "{st}: {err}");
    assert_eq!(out, b"normal\ncaf\xc3\xa9 \xff");
    let (st, out, err) = logs_bytes(&w, &["logs", "-f", "bin"]);
    assert!(st.success(), "{st}: {err}");
    assert_eq!(out, want);
    w.ctl.ok(&["rm", "bin"]);
    assert_all_gone(&w);
}

#[test]
fn follow_passes_bytes_of_a_running_container() {
    let w = setup();
    // Prints, then waits for SIGTERM (from `stop`) to print once more and exit.
    run_d(
        &w,
        &["--name", "fb"],
        &[
            "sh",
            "-c",
            "trap 'printf \"\\375 bye\\n\"; exit 0' TERM; printf '\\377\\376\\n'; echo normal; \
             while :; do sleep 0.1; done",
        ],
    );
    let mut child = w.ctl.spawn(&["logs", "-f", "fb"]);
    let (tx, rx) = std::sync::mpsc::channel();
    let mut pipe = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = std::io::Read::read(&mut pipe, &mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    // What the running container wrote arrives while it runs.
    let mut got = Vec::new();
    let first: &[u8] = b"\xff\xfe\nnormal\n";
    let deadline = Instant::now() + Duration::from_secs(20);
    while got.len() < first.len() && Instant::now() < deadline {
        if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(100)) {
            got.extend(chunk);
        }
    }
    assert_eq!(got, first, "{}", String::from_utf8_lossy(&got));
    assert!(child.try_wait().unwrap().is_none(), "logs -f ended early");
    assert_eq!(status(&w, "fb"), "running");

    w.ctl.ok(&["stop", "fb"]);
    let st = crate::common::ctl::wait_bounded(&mut child, Duration::from_secs(20));
    assert!(st.is_some_and(|s| s.success()), "logs -f: {st:?}");
    got.extend(rx.iter().flatten());
    assert_eq!(
        got,
        b"\xff\xfe\nnormal\n\xfd bye\n",
        "{}",
        String::from_utf8_lossy(&got)
    );
    w.ctl.ok(&["rm", "fb"]);
    assert_all_gone(&w);
}
