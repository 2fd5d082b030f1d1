//! `ps`: docker's columns and status words, -a/-q/--no-trunc/-n/-l, filters, formats.

use super::*;

const HEADER: [&str; 7] = [
    "CONTAINER ID",
    "IMAGE",
    "COMMAND",
    "CREATED",
    "STATUS",
    "PORTS",
    "NAMES",
];

/// Splits a table into cells by the header's column starts.
fn cells(table: &str) -> Vec<Vec<String>> {
    let mut lines = table.lines();
    let header = lines.next().expect("a header line");
    let starts: Vec<usize> = HEADER
        .iter()
        .map(|h| {
            header
                .find(h)
                .unwrap_or_else(|| panic!("no {h} in {header:?}"))
        })
        .collect();
    let cut = |l: &str| -> Vec<String> {
        let chars: Vec<char> = l.chars().collect();
        (0..starts.len())
            .map(|i| {
                let end = starts.get(i + 1).copied().unwrap_or(chars.len());
                chars[starts[i].min(chars.len())..end.min(chars.len())]
                    .iter()
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .collect()
    };
    std::iter::once(header).chain(lines).map(cut).collect()
}

fn names(w: &WithImage, args: &[&str]) -> Vec<String> {
    let mut a = vec!["ps"];
    a.extend_from_slice(args);
    a.extend(["--format", "{{.Names}}"]);
    w.ctl.ok(&a).lines().iter().map(|s| s.to_string()).collect()
}

#[test]
fn columns_status_words_and_selection() {
    let w = setup();
    let empty = w.ctl.ok(&["ps", "-a"]);
    assert_eq!(
        cells(&empty.stdout),
        vec![HEADER.map(String::from).to_vec()]
    );

    let created = w
        .ctl
        .ok(&["create", "--name", "c1", &w.reference, "true"])
        .stdout
        .trim()
        .to_string();
    let exited = run_d(&w, &["--name", "e3"], &["sh", "-c", "exit 3"]);
    assert_eq!(w.ctl.ok(&["wait", "e3"]).stdout, "3\n");
    let running = run_d(
        &w,
        &["--name", "r1", "--label", "k=v"],
        &["sh", "-c", "sleep 1000; echo a long command line"],
    );

    let ps = w.ctl.ok(&["ps"]);
    let rows = cells(&ps.stdout);
    assert_eq!(rows[0], HEADER.map(String::from).to_vec(), "{ps}");
    assert_eq!(rows.len(), 2, "only the running one:\n{ps}");
    let r = &rows[1];
    assert_eq!(r[0], running[..12]);
    assert_eq!(r[1], w.reference);
    assert_eq!(r[2], "\"sh -c sleep 1000; e…\"");
    assert!(r[3].ends_with(" ago"), "CREATED: {r:?}");
    assert!(r[4].starts_with("Up "), "STATUS: {r:?}");
    assert_eq!(r[5], "");
    assert_eq!(r[6], "r1");

    // -a: oldest first (podman's pkg/ps sorts by creation), with docker's words.
    let rows = cells(&w.ctl.ok(&["ps", "-a"]).stdout);
    let got: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[6].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(got.len(), 3, "{rows:?}");
    assert_eq!(got[2].0, "r1");
    assert!(got[2].1.starts_with("Up "));
    assert_eq!(got[1].0, "e3");
    assert!(
        got[1].1.starts_with("Exited (3) ") && got[1].1.ends_with(" ago"),
        "{got:?}"
    );
    assert_eq!(got[0], ("c1", "Created"));

    // -q, --no-trunc, -n, -l.
    assert_eq!(
        w.ctl.ok(&["ps", "-q"]).stdout,
        format!("{}\n", &running[..12])
    );
    assert_eq!(
        w.ctl.ok(&["ps", "-a", "-q", "--no-trunc"]).stdout,
        format!("{created}\n{exited}\n{running}\n")
    );
    let full = cells(&w.ctl.ok(&["ps", "--no-trunc"]).stdout);
    assert_eq!(full[1][0], running);
    assert_eq!(full[1][2], "\"sh -c sleep 1000; echo a long command line\"");
    assert_eq!(
        names(&w, &["-n", "2"]),
        ["e3", "r1"],
        "the newest two, oldest first"
    );
    assert_eq!(names(&w, &["--last", "1"]), ["r1"]);
    assert_eq!(names(&w, &["-l"]), ["r1"]);
    w.ctl.ok(&["stop", "-t", "0", "r1"]);
    assert_eq!(names(&w, &["-l"]), ["r1"], "-l includes stopped ones");
    assert_eq!(names(&w, &[]), Vec::<String>::new());
    w.ctl.ok(&["rm", "r1", "e3", "c1"]);
    assert_all_gone(&w);
}

#[test]
fn filters() {
    let w = setup();
    let c = w
        .ctl
        .ok(&[
            "create",
            "--name",
            "made",
            "--label",
            "role=spare",
            &w.reference,
            "true",
        ])
        .stdout
        .trim()
        .to_string();
    let e = run_d(
        &w,
        &["--name", "failed", "--label", "role=job"],
        &["sh", "-c", "exit 4"],
    );
    let z = run_d(&w, &["--name", "done"], &["true"]);
    w.ctl.ok(&["wait", "failed", "done"]);
    let r = run_d(
        &w,
        &["--name", "serving", "--label", "role=web"],
        &["sleep", "1000"],
    );
    // -a: as podman's, only a status filter looks past the running containers by itself.
    let f = |filters: &[&str]| {
        let mut a: Vec<&str> = vec!["-a"];
        for x in filters {
            a.extend(["--filter", x]);
        }
        names(&w, &a)
    };
    assert_eq!(f(&[&format!("id={}", &e[..8])]), ["failed"]);
    assert_eq!(f(&[&format!("id={z}")]), ["done"]);
    assert_eq!(f(&["name=serv"]), ["serving"]);
    assert_eq!(
        f(&["name=done", "name=made"]),
        ["made", "done"],
        "same key: OR"
    );
    assert_eq!(f(&["status=running"]), ["serving"]);
    assert_eq!(f(&["status=exited"]), ["failed", "done"]);
    assert_eq!(f(&["status=created"]), ["made"]);
    assert_eq!(f(&["label=role"]), ["made", "failed", "serving"]);
    assert_eq!(f(&["label=role=job"]), ["failed"]);
    assert_eq!(f(&["label=role", "status=exited"]), ["failed"], "keys: AND");
    assert_eq!(f(&["exited=4"]), ["failed"]);
    assert_eq!(f(&["exited=0"]), ["done"]);
    assert_eq!(f(&[&format!("ancestor={}", w.reference)]).len(), 4);
    assert_eq!(f(&[&format!("ancestor={}", &w.image.id()[..12])]).len(), 4);
    assert_eq!(f(&["ancestor=other-image"]), Vec::<String>::new());
    let _ = (c, r);
    for bad in ["color=red", "status", "=x"] {
        let out = w.ctl.run(&["ps", "--filter", bad]);
        out.failure(125);
        // podman's words name the key: "color is an invalid filter".
        let key = bad
            .split('=')
            .next()
            .filter(|k| !k.is_empty())
            .unwrap_or(bad);
        assert!(out.one_line_error().contains(key), "{out}");
    }
}

#[test]
fn formats_json_and_templates() {
    let w = setup();
    let a = run_d(
        &w,
        &["--name", "alpha", "--label", "x=1"],
        &["sleep", "1000"],
    );
    let b = run_d(&w, &["--name", "beta"], &["sh", "-c", "exit 2"]);
    w.ctl.ok(&["wait", "beta"]);

    let json = w.ctl.ok(&["ps", "-a", "--format", "json"]).json();
    let arr = json.as_array().expect("an array");
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[1]["Names"], serde_json::json!(["beta"]));
    assert_eq!(arr[1]["Id"], b.as_str());
    assert_eq!(arr[1]["State"], "exited");
    assert_eq!(arr[1]["ExitCode"], 2);
    assert_eq!(arr[0]["Names"], serde_json::json!(["alpha"]));
    assert_eq!(arr[0]["Id"], a.as_str());
    assert_eq!(arr[0]["State"], "running");
    assert_eq!(arr[0]["Labels"]["x"], "1");
    assert_eq!(arr[0]["Image"], w.reference.as_str());
    assert_eq!(arr[0]["ImageID"], w.image.id().as_str());
    assert!(arr[0]["Pid"].as_i64().unwrap() > 0);
    assert_eq!(
        w.ctl
            .ok(&["ps", "--filter", "name=none", "--format", "json"])
            .json(),
        serde_json::json!([])
    );

    let t = w
        .ctl
        .ok(&["ps", "-a", "--format", "{{.ID}} {{.Names}} {{.State}}"]);
    assert_eq!(
        t.stdout,
        format!("{} alpha running\n{} beta exited\n", &a[..12], &b[..12])
    );

    let table = w
        .ctl
        .ok(&["ps", "-a", "--format", "table {{.Names}}\t{{.Status}}"]);
    let lines = table.lines();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(
        lines[0].starts_with("NAMES") && lines[0].trim_end().ends_with("STATUS"),
        "{table}"
    );
    let status_col = lines[0].find("STATUS").unwrap();
    assert!(
        lines[2].starts_with("beta") && lines[2][status_col..].starts_with("Exited (2) "),
        "{table}"
    );
    assert!(
        lines[1].starts_with("alpha") && lines[1][status_col..].starts_with("Up "),
        "{table}"
    );
    let plain_table = w.ctl.ok(&["ps", "--format", "table"]);
    assert_eq!(
        cells(&plain_table.stdout)[0],
        HEADER.map(String::from).to_vec()
    );

    let bad = w.ctl.run(&["ps", "--format", "{{.Nope"]);
    bad.failure(125);
    bad.one_line_error();
    w.ctl.ok(&["rm", "-f", "alpha", "beta"]);
}
