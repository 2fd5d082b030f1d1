//! The build cache: an unchanged rebuild runs no RUN and gives the same image; a changed
//! source re-runs from its COPY on; `--no-cache` runs everything.

use super::{base, build, context, write};

/// Each RUN appends to a cache mount, so the number of lines is the number of runs.
const FILE: &str =
    "ARG BASE\nFROM $BASE\nRUN --mount=type=cache,target=/cache echo early >> /cache/runs\n\
                    COPY app.txt /app.txt\n\
                    RUN --mount=type=cache,target=/cache echo late >> /cache/runs\n";

const COUNT: &str = "ARG BASE\nFROM $BASE\nRUN --mount=type=cache,target=/cache cat /cache/runs\n";

fn runs(w: &crate::common::WithImage, ctx: &std::path::Path) -> Vec<String> {
    let out = build(w, ctx, &["--no-cache", "-f", "Count"]);
    out.success();
    out.lines()
        .iter()
        .filter(|l| **l == "early" || **l == "late")
        .map(|l| l.to_string())
        .collect()
}

#[test]
fn a_rebuild_hits_the_cache_and_a_changed_file_reruns_later_steps() {
    let w = base();
    let ctx = context(&[
        ("Containerfile", FILE),
        ("Count", COUNT),
        ("app.txt", "v1\n"),
    ]);
    let first = build(&w, ctx.path(), &["-t", "cached"]);
    first.success();
    let id1 = first.lines().last().unwrap().to_string();
    assert_eq!(runs(&w, ctx.path()), ["early", "late"]);

    let again = build(&w, ctx.path(), &["-t", "cached"]);
    again.success();
    let hits = again
        .lines()
        .iter()
        .filter(|l| l.starts_with("--> Using cache "))
        .count();
    assert_eq!(hits, 3, "{again}");
    assert_eq!(again.lines().last().unwrap(), &id1, "the same image");
    assert_eq!(runs(&w, ctx.path()), ["early", "late"], "no RUN ran");

    write(ctx.path(), "app.txt", "v2\n");
    let changed = build(&w, ctx.path(), &["-t", "cached"]);
    changed.success();
    let hits = changed
        .lines()
        .iter()
        .filter(|l| l.starts_with("--> Using cache "))
        .count();
    assert_eq!(hits, 1, "only the step before the COPY\n{changed}");
    assert_ne!(changed.lines().last().unwrap(), &id1);
    assert_eq!(runs(&w, ctx.path()), ["early", "late", "late"]);
    let cat = w.ctl.ok(&["run", "--rm", "cached", "cat", "/app.txt"]);
    assert_eq!(cat.stdout, "v2\n");

    let none = build(&w, ctx.path(), &["--no-cache"]);
    none.success();
    assert!(!none.stdout.contains("Using cache"), "{none}");
    assert_eq!(
        runs(&w, ctx.path()),
        ["early", "late", "late", "early", "late"]
    );
}
