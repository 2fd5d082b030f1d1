//! `diff` (podman-diff.1.md, podman-container-diff.1.md): A, C and D lines from the
//! container's upper dir with overlay's whiteouts and opaque dirs, podman's order and JSON.

use super::*;

#[test]
fn diff_lists_added_changed_and_deleted_in_podman_s_order() {
    let w = setup();
    // Over the image: a file added in a new dir and in an old one, a file changed, a
    // file and a directory deleted (whiteouts), a directory emptied and made again
    // (opaque).
    let cmd = "mkdir -p /new/sub && echo x > /new/sub/f && echo y >> /etc/passwd && \
               rm /data/script.sh && rm -r /home/user && rm -rf /opaque && mkdir /opaque && \
               echo q > /opaque/q";
    w.ctl
        .ok(&run_args(&w, "--name", &["changed"], &["sh", "-c", cmd]));
    let out = w.ctl.ok(&["diff", "changed"]);
    let lines = out.lines();
    let pos = |l: &str| {
        lines
            .iter()
            .position(|x| *x == l)
            .unwrap_or_else(|| panic!("no {l:?} in\n{out}"))
    };
    for l in [
        "C /etc/passwd",
        "A /new",
        "A /new/sub",
        "A /new/sub/f",
        "D /data/script.sh",
        "D /home/user",
        "D /opaque",
        "A /opaque/q",
    ] {
        pos(l);
    }
    // Parents of what was added or deleted are changed, before it; once each.
    assert!(pos("C /data") < pos("D /data/script.sh"), "{out}");
    assert!(pos("C /home") < pos("D /home/user"), "{out}");
    assert!(pos("A /new") < pos("A /new/sub") && pos("A /new/sub") < pos("A /new/sub/f"));
    assert!(pos("D /opaque") < pos("A /opaque/q"), "{out}");
    assert_eq!(
        lines.iter().filter(|l| **l == "C /data").count(),
        1,
        "{out}"
    );
    // What the image had and the container left alone is not listed.
    for l in &lines {
        assert!(
            !l.contains("/bin/busybox") && !l.contains("owned.txt"),
            "{out}"
        );
        assert!(matches!(&l[..2], "A " | "C " | "D "), "{out}");
    }
    // The same through `container diff --format json`: podman's three keys.
    let json = w
        .ctl
        .ok(&["container", "diff", "--format", "json", "changed"])
        .json();
    let list = |k: &str| -> Vec<String> {
        json[k]
            .as_array()
            .unwrap_or_else(|| panic!("no {k} in {json}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let by_letter = |c: &str| -> Vec<String> {
        lines
            .iter()
            .filter_map(|l| l.strip_prefix(c))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(list("changed"), by_letter("C "));
    assert_eq!(list("added"), by_letter("A "));
    assert_eq!(list("deleted"), by_letter("D "));
    assert_eq!(json.as_object().unwrap().len(), 3, "{json}");
    // podman's five-space indent.
    let raw = w.ctl.ok(&["diff", "--format", "json", "changed"]).stdout;
    assert!(
        raw.starts_with("{\n     \"changed\": [\n          \"/"),
        "{raw}"
    );
    w.ctl.ok(&["rm", "changed"]);
}

#[test]
fn diff_of_an_image_is_its_top_layer_against_the_ones_below() {
    let w = setup();
    // The fixture's third layer: a whiteout, an opaque dir and a new file.
    let out = w.ctl.ok(&["diff", &w.reference]);
    assert_eq!(
        out.lines(),
        [
            "C /data",
            "D /data/doomed.txt",
            "C /etc",
            "A /etc/motd",
            "D /opaque",
            "A /opaque/new.txt",
        ],
        "{out}"
    );
    let json = w.ctl.ok(&["diff", "--format", "json", &w.reference]).json();
    assert_eq!(
        json["deleted"],
        serde_json::json!(["/data/doomed.txt", "/opaque"])
    );
    // A fresh container has no change of its own but what the runtime made.
    w.ctl
        .ok(&["create", "--name", "fresh", &w.reference, "true"]);
    let out = w.ctl.ok(&["diff", "fresh"]);
    assert!(!out.stdout.contains("/data"), "{out}");
    w.ctl.ok(&["rm", "fresh"]);
}

#[test]
fn diff_refuses_unknown_names_and_formats_in_podman_s_words() {
    let w = setup();
    let out = w.ctl.run(&["diff", "nosuch"]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(
        out.one_line_error(),
        "Error: nosuch not found: layer not known"
    );
    let out = w.ctl.run(&["diff", "--format", "table", &w.reference]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(
        out.one_line_error(),
        "Error: only supported value for '--format' is 'json'"
    );
    let out = w.ctl.run(&["diff"]);
    assert_eq!(code(&out), 125, "{out}");
    out.stderr_has("requires a name, id, or the \"--latest\" flag");
}
