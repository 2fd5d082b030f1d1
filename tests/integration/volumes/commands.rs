//! `volume create|ls|inspect|rm|prune|exists` and bad input, in podman's words and codes.

use super::volume_names;
use crate::common::WithImage;

#[test]
fn volume_create_ls_inspect_exists() {
    let w = WithImage::busybox();
    let ctl = &w.ctl;
    assert_eq!(
        ctl.ok(&["volume", "create", "-l", "team=a", "--label", "x", "alpha"])
            .stdout,
        "alpha\n"
    );
    ctl.ok(&["volume", "create", "--driver", "local", "beta"]);
    let anon = ctl.ok(&["volume", "create"]).stdout.trim().to_string();
    assert_eq!(anon.len(), 64);
    assert!(anon.bytes().all(|b| b.is_ascii_hexdigit()));
    ctl.run(&["volume", "create", "alpha"])
        .failure(125)
        .stderr_has("volume with name alpha already exists: volume already exists");
    assert_eq!(
        ctl.ok(&["volume", "create", "--ignore", "alpha"]).stdout,
        "alpha\n"
    );

    let ls = ctl.ok(&["volume", "ls"]);
    assert_eq!(
        ls.lines()[0].split_whitespace().collect::<Vec<_>>(),
        ["DRIVER", "VOLUME", "NAME"]
    );
    assert_eq!(ls.lines().len(), 4, "{ls}");
    assert!(ctl.ok(&["volume", "ls", "--noheading"]).lines()[0].starts_with("local "));
    let q = ctl.ok(&["volume", "ls", "-q", "-f", "label=team=a"]);
    assert_eq!(q.lines(), ["alpha"]);
    let f = ctl.ok(&[
        "volume",
        "ls",
        "-q",
        "--filter",
        "name=^bet", // (not hex: the anonymous volume's name is)
        "--filter",
        "driver=local",
    ]);
    assert_eq!(f.lines(), ["beta"]);
    let fmt = ctl.ok(&[
        "volume",
        "ls",
        "--filter",
        "name=alpha",
        "--format",
        "{{.Name}} {{.Driver}} {{.Scope}} {{.Labels}}",
    ]);
    assert_eq!(fmt.stdout, "alpha local local map[team:a x:]\n");
    let table = ctl.ok(&[
        "volume",
        "ls",
        "--filter",
        "name=alpha",
        "--format",
        "table {{.Name}}",
    ]);
    assert_eq!(table.lines(), ["VOLUME NAME", "alpha"]);
    let json = ctl
        .ok(&["volume", "ls", "--format", "json", "-f", "name=beta"])
        .json();
    assert_eq!(json[0]["Name"], "beta", "{json}");
    ctl.run(&["volume", "ls", "-f", "colour=red"])
        .failure(125)
        .stderr_has("\"colour\" is an invalid volume filter");
    ctl.run(&["volume", "ls", "-q", "--format", "x"])
        .failure(125);

    let v = ctl.ok(&["volume", "inspect", "alpha"]).json();
    let v = &v[0];
    assert_eq!(v["Name"], "alpha");
    assert_eq!(v["Driver"], "local");
    assert_eq!(v["Scope"], "local");
    assert_eq!(
        v["Mountpoint"],
        ctl.root.join("volumes/alpha/_data").display().to_string()
    );
    assert_eq!(v["Labels"]["team"], "a");
    assert_eq!(v["Options"], serde_json::json!({}));
    assert_eq!(v["MountCount"], 0);
    assert_eq!(v["NeedsCopyUp"], true);
    assert_eq!(v["NeedsChown"], true);
    assert!(v["CreatedAt"].as_str().unwrap().starts_with("20"), "{v}");
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 10, "{keys:?}");
    assert_eq!(
        ctl.ok(&[
            "volume",
            "inspect",
            "--format",
            "{{.Name}}:{{.Scope}}",
            "beta"
        ])
        .stdout,
        "beta:local\n"
    );
    assert_eq!(
        ctl.ok(&["volume", "inspect", "-a"])
            .json()
            .as_array()
            .unwrap()
            .len(),
        3
    );
    ctl.run(&["volume", "inspect", "nope"])
        .failure(125)
        .stderr_has("no such volume nope");

    ctl.ok(&["volume", "exists", "alpha"]);
    let missing = ctl.run(&["volume", "exists", "nope"]);
    missing.failure(1);
    assert_eq!(missing.stdout, "");
    assert_eq!(missing.stderr, "");

    ctl.ok(&["volume", "rm", "-a"]);
    assert!(volume_names(&w).is_empty());
}

#[test]
fn volume_rm_refuses_used_volumes_and_force_removes_their_users() {
    let w = WithImage::busybox();
    let ctl = &w.ctl;
    let id = ctl.ok(&["run", "-d", "-v", "busy:/b", &w.reference, "sleep", "600"]);
    let id = id.stdout.trim();
    let out = ctl.run(&["volume", "rm", "busy"]);
    out.failure(2);
    assert_eq!(
        out.one_line_error(),
        format!("Error: volume busy is being used by the following container(s): {id}: volume is being used")
    );
    assert_eq!(volume_names(&w), ["busy"]);
    ctl.run(&["volume", "rm", "nope"])
        .failure(1)
        .stderr_has("no such volume nope");
    ctl.run(&["volume", "rm", "-t", "1", "busy"])
        .failure(125)
        .stderr_has("--force option must be specified");
    ctl.run(&["volume", "rm"])
        .failure(125)
        .stderr_has("choose either one or more volumes or all");
    ctl.ok(&["volume", "rm", "-f", "-t", "0", "busy", "nope"]);
    assert!(volume_names(&w).is_empty());
    ctl.run(&["container", "exists", id]).failure(1);
}

#[test]
fn volume_prune_removes_unused_volumes() {
    let w = WithImage::busybox();
    let ctl = &w.ctl;
    for n in ["p1", "p2", "used"] {
        ctl.ok(&["volume", "create", "-l", &format!("n={n}"), n]);
    }
    let id = ctl.ok(&["create", "-v", "used:/u", &w.reference, "true"]);
    // Without --force, asked; no answer removes nothing.
    let asked = ctl.run_with_stdin(&["volume", "prune"], Some("n\n"));
    asked
        .success()
        .stdout_has("WARNING! This will remove all volumes not used by at least one container.");
    assert_eq!(volume_names(&w).len(), 3);
    let filtered = ctl.ok(&["volume", "prune", "-f", "--filter", "label=n=p1"]);
    assert_eq!(filtered.lines(), ["p1"]);
    let pruned = ctl.ok(&["volume", "prune", "--force"]);
    assert_eq!(pruned.lines(), ["p2"]);
    assert_eq!(volume_names(&w), ["used"]);
    ctl.ok(&["rm", id.stdout.trim()]);
    assert_eq!(ctl.ok(&["volume", "prune", "-f"]).lines(), ["used"]);
    assert!(volume_names(&w).is_empty());
}

#[test]
fn bad_volume_input_is_one_line_and_makes_nothing() {
    let w = WithImage::busybox();
    let ctl = &w.ctl;
    let r = w.reference.as_str();
    for (args, text) in [
        (
            vec!["volume", "create", "a/b"],
            "names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*",
        ),
        (vec!["volume", "create", ".hidden"], "names must match"),
        (
            vec![
                "volume",
                "create",
                "-o",
                "type=bind",
                "-o",
                "device=/nonexist",
                "t",
            ],
            "invalid volume option device for driver 'local': stat /nonexist: no such file or \
             directory",
        ),
        (
            vec!["volume", "create", "-o", "o=uid=x", "t"],
            "cannot convert UID x to integer: strconv.Atoi: parsing \"x\": invalid syntax",
        ),
        (
            vec!["volume", "create", "-o", "colour=red", "c"],
            "invalid mount option colour for driver 'local'",
        ),
        (
            vec!["volume", "create", "-d", "nfs", "n"],
            "volume plugin nfs",
        ),
        (
            vec!["run", "--rm", "-v", "bad/name:/x", r, "true"],
            "names must match",
        ),
        (
            vec!["run", "--rm", "-v", "v:/x:ro:z", r, "true"],
            "too many colons",
        ),
        (
            vec!["run", "--rm", "-v", "v:rel", r, "true"],
            "is not absolute",
        ),
        (
            vec!["run", "--rm", "-v", "v:/x:bogus", r, "true"],
            "unknown option \"bogus\"",
        ),
        (
            vec!["run", "--rm", "-v", "v:/x:U", r, "true"],
            "\"U\" is not supported yet",
        ),
        (
            vec!["run", "--rm", "-v", "/h:/x:O", r, "true"],
            "\"O\" is not supported yet",
        ),
        (
            vec!["run", "--rm", "-v", "v:/x:idmap", r, "true"],
            "\"idmap\" is not supported yet",
        ),
        (
            vec!["run", "--rm", "-v", "./no-such-rel:/x", r, "true"],
            "no-such-rel: no such file or directory",
        ),
        (
            vec![
                "run",
                "--rm",
                "--mount",
                "type=volume,src=v,dst=/x,volume-opt=a=b",
                r,
                "true",
            ],
            "not supported yet",
        ),
        (
            vec![
                "run",
                "--rm",
                "--mount",
                "type=volume,src=/abs,dst=/x",
                r,
                "true",
            ],
            "not a volume name",
        ),
        // Volumes made for a container that then cannot be made go with it.
        (
            vec![
                "run",
                "--rm",
                "--user",
                "nosuchuser",
                "-v",
                "fresh:/x",
                "-v",
                "/anon",
                r,
                "true",
            ],
            "nosuchuser",
        ),
    ] {
        let out = ctl.run(&args);
        out.failure(125);
        let line = out.one_line_error();
        assert!(line.contains(text), "{line}");
    }
    assert!(volume_names(&w).is_empty());
    assert_eq!(ctl.ok(&["ps", "-a", "-q"]).stdout, "");
}
