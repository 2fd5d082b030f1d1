//! `ctl commit` (podman-commit(1)) and `ctl history` (podman-history(1)): a container's
//! added, changed and deleted files, and a deleted directory made again (opaque), are
//! exactly what a container of the committed image sees; changes land in the config.

use crate::common::WithImage;

#[test]
fn a_commit_reproduces_the_containers_filesystem() {
    let w = WithImage::busybox();
    let script = "echo new > /new; echo changed > /etc/hostname.img; rm /etc/group; \
                  mkdir -p /d/sub && echo old > /d/old && echo o2 > /d/sub/o2";
    w.ctl
        .ok(&["run", "--name", "base", &w.reference, "sh", "-c", script]);
    w.ctl.ok(&["commit", "-q", "base", "stage1:1"]);
    // On top of the committed image: change, delete, recreate a directory (opaque).
    let script =
        "echo again >> /new; rm /etc/passwd.img 2>/dev/null; rm /etc/group.img 2>/dev/null; \
                  rm -r /d; mkdir /d; echo fresh > /d/fresh; rm /bin/true 2>/dev/null; true";
    w.ctl
        .ok(&["run", "--name", "c2", "stage1:1", "sh", "-c", script]);
    let out = w.ctl.ok(&[
        "commit",
        "-c",
        "CMD [\"cat\", \"/d/fresh\"]",
        "-c",
        "ENV FOO=bar",
        "-c",
        "LABEL team=blue",
        "-m",
        "second",
        "-a",
        "tester",
        "c2",
        "stage2:1",
    ]);
    let id = out.stdout.trim().to_string();
    assert_eq!(id.len(), 64, "{out:?}");
    let inspect = w.ctl.inspect("stage2:1");
    assert_eq!(inspect["Id"].as_str(), Some(id.as_str()));
    assert_eq!(
        inspect["Config"]["Cmd"],
        serde_json::json!(["cat", "/d/fresh"])
    );
    assert!(
        inspect["Config"]["Env"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "FOO=bar"),
        "{inspect}"
    );
    assert_eq!(inspect["Config"]["Labels"]["team"], "blue");
    assert_eq!(
        inspect["RootFS"]["Layers"].as_array().map(Vec::len),
        Some(w.image.layers.len() + 2)
    );

    let run = w.ctl.ok(&["run", "--rm", "stage2:1"]);
    assert_eq!(run.stdout, "fresh\n");
    let look = "cat /new; ls -A /d; test -e /etc/group && echo group; cat /etc/hostname.img";
    let run = w.ctl.ok(&["run", "--rm", "stage2:1", "sh", "-c", look]);
    assert_eq!(run.stdout, "new\nagain\nfresh\nchanged\n");

    let hist = w
        .ctl
        .ok(&["history", "--format", "json", "stage2:1"])
        .json();
    assert_eq!(hist[0]["id"].as_str(), Some(id.as_str()));
    assert_eq!(hist[0]["comment"], "second");
    assert!(hist[0]["size"].as_u64().unwrap() > 0);
    let table = w.ctl.ok(&["history", "stage2:1"]);
    assert!(table.lines()[0].starts_with("IMAGE"), "{table:?}");
    assert!(table.lines()[0].contains("CREATED BY"), "{table:?}");
    assert_eq!(table.lines()[1].split_whitespace().next(), Some(&id[..12]));
    w.ctl.ok(&["rm", "base", "c2"]);
}

#[test]
fn commit_errors_are_worded_as_podman() {
    let w = WithImage::busybox();
    let out = w.ctl.run(&["commit", "nosuch"]);
    out.failure(125);
    assert_eq!(
        out.one_line_error(),
        "Error: no container with name or ID \"nosuch\" found: no such container"
    );
    w.ctl.ok(&["create", "--name", "c", &w.reference]);
    let out = w.ctl.run(&["commit", "-c", "FROM scratch", "c"]);
    out.failure(125);
    assert_eq!(
        out.one_line_error(),
        "Error: invalid change \"FROM scratch\" - invalid instruction FROM"
    );
    let before = w.ctl.images().len();
    let out = w.ctl.run(&["commit", "-c", "NOPE x", "c"]);
    out.failure(125);
    assert_eq!(
        w.ctl.images().len(),
        before,
        "no image from a refused commit"
    );
    w.ctl.ok(&["rm", "c"]);

    // --pause: frozen while its changes are read, running again after.
    w.ctl
        .ok(&["run", "-d", "--name", "p", &w.reference, "sleep", "1000"]);
    w.ctl
        .ok(&["commit", "-q", "--pause", "p", "localhost/paused:1"]);
    let st = w.ctl.ok(&[
        "inspect",
        "--format",
        "{{.State.Status}} {{.State.Paused}}",
        "p",
    ]);
    assert_eq!(st.stdout.trim(), "running false", "{st}");
    let ev = w.ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "container=p",
        "--format",
        "{{.Status}}",
    ]);
    let got: Vec<&str> = ev
        .lines()
        .into_iter()
        .filter(|s| ["pause", "unpause", "commit"].contains(s))
        .collect();
    assert_eq!(got, ["pause", "unpause", "commit"], "{ev}");
    w.ctl.ok(&["rm", "-f", "p"]);
}
