//! `rename`, as podman-rename(1): any state, the old name free at once, the new one taken
//! atomically.

use super::*;

fn names(w: &WithImage) -> Vec<String> {
    let out = w
        .ctl
        .ok(&["ps", "-a", "--sort", "names", "--format", "{{.Names}}"]);
    out.lines().iter().map(|s| s.to_string()).collect()
}

#[test]
fn rename_in_any_state_frees_the_old_name() {
    let w = setup();
    w.ctl
        .ok(&["create", "--name", "rn-a", &w.reference, "true"]);
    let id = run_d(&w, &["--name", "rn-b"], &["sleep", "600"]);

    w.ctl.ok(&["rename", "rn-a", "rn-c"]);
    // A running one, by id, with podman's leading slash.
    w.ctl.ok(&["container", "rename", &id[..12], "/rn-d"]);
    assert_eq!(names(&w), ["rn-c", "rn-d"]);
    assert_eq!(w.ctl.inspect_container("rn-d")["Name"], "rn-d");
    w.ctl.ok(&["exec", "rn-d", "true"]);
    w.ctl.ok(&["stop", "-t", "0", "rn-d"]);
    w.ctl.ok(&["start", "rn-d"]);
    let gone = w.ctl.run(&["inspect", "--type", "container", "rn-b"]);
    assert_eq!(gone.code, Some(125), "{gone}");
    // The old names are free again.
    w.ctl
        .ok(&["create", "--name", "rn-a", &w.reference, "true"]);
    w.ctl
        .ok(&["create", "--name", "rn-b", &w.reference, "true"]);

    // A name in use, a bad name, an unknown container: one line each, nothing changed.
    let taken = w.ctl.run(&["rename", "rn-c", "rn-d"]);
    assert_eq!(taken.code, Some(125), "{taken}");
    assert!(
        taken
            .one_line_error()
            .contains("\"rn-d\" is already in use"),
        "{taken}"
    );
    let bad = w.ctl.run(&["rename", "rn-c", "bad/name"]);
    assert_eq!(bad.code, Some(125), "{bad}");
    assert!(bad.one_line_error().contains("bad/name"), "{bad}");
    let missing = w.ctl.run(&["rename", "nosuch", "rn-e"]);
    assert_eq!(missing.code, Some(125), "{missing}");
    assert_eq!(
        missing.error_line(),
        "Error: no container with name or ID \"nosuch\" found: no such container"
    );
    assert_eq!(names(&w), ["rn-a", "rn-b", "rn-c", "rn-d"]);

    // Removed under its new name, it leaves no name behind.
    w.ctl
        .ok(&["rm", "-f", "-t", "0", "rn-a", "rn-b", "rn-c", "rn-d"]);
    let links = std::fs::read_dir(w.ctl.root.join("names"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(links, 0);
}
