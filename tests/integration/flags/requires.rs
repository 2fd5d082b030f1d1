//! `--requires`, as podman-run(1) describes it: the required containers are started before
//! the container (at each start), and stay while it exists.

use super::assert_refused;
use crate::common::WithImage;

fn status(w: &WithImage, name: &str) -> String {
    let out = w
        .ctl
        .ok(&["inspect", "--format", "{{.State.Status}}", name]);
    out.stdout.trim().to_string()
}

#[test]
fn required_containers_start_first_and_stay() {
    let w = WithImage::busybox();
    let r = w.reference.as_str();
    w.ctl.ok(&["create", "--name", "db", r, "sleep", "60"]);
    w.ctl.ok(&["create", "--name", "cache", r, "sleep", "60"]);
    w.ctl.ok(&[
        "create",
        "--name",
        "app",
        "--requires",
        "db,cache",
        r,
        "sleep",
        "60",
    ]);
    w.ctl
        .ok(&["create", "--name", "front", "--requires", "app", r, "true"]);
    assert_eq!(status(&w, "db"), "created");
    // Starting `front` starts `app`, which starts `db` and `cache` first.
    w.ctl.ok(&["start", "front"]);
    for name in ["db", "cache", "app"] {
        assert_eq!(status(&w, name), "running", "{name}");
    }
    // Each start recorded its event, the required ones before the one needing them.
    let events = w.ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "event=start",
        "--format",
        "{{.Name}}",
    ]);
    let order: Vec<&str> = events.lines();
    let at = |n: &str| {
        order
            .iter()
            .position(|l| *l == n)
            .unwrap_or_else(|| panic!("{n}: {order:?}"))
    };
    assert!(
        at("db") < at("app") && at("cache") < at("app") && at("app") < at("front"),
        "{order:?}"
    );
    // Started again after a stop, too.
    w.ctl.ok(&["stop", "-t", "0", "db"]);
    w.ctl.ok(&["restart", "-t", "0", "app"]);
    assert_eq!(status(&w, "db"), "running");
    // A required container stays while one needs it (podman's refusal).
    let out = w.ctl.run(&["rm", "-f", "db"]);
    out.failure(125);
    assert!(
        out.one_line_error()
            .contains("has dependent containers which must be removed before it"),
        "{out}"
    );
    assert_eq!(status(&w, "db"), "running");
    // --depend removes the dependents first.
    w.ctl.ok(&["rm", "-f", "--depend", "db"]);
    let left = w.ctl.ok(&["ps", "-a", "--format", "{{.Names}}"]).stdout;
    assert_eq!(left, "cache\n");
    w.ctl.ok(&["rm", "-f", "cache"]);
}

#[test]
fn requiring_no_container_is_refused() {
    let w = WithImage::busybox();
    let out = w
        .ctl
        .run(&["run", "--rm", "--requires", "nope", &w.reference, "true"]);
    assert_refused(
        &w,
        &out,
        "\"nope\" is not a valid container, cannot be used as a dependency: no container with \
         name or ID \"nope\" found: no such container",
    );
}
