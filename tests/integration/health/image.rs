//! The image's `Healthcheck` (docker's config field) and the flags over it.

use serde_json::json;

use crate::common::{Image, WithImage};

fn with_checked_image() -> WithImage {
    let mut image = Image::base();
    image.healthcheck = Some(json!({
        "Test": ["CMD-SHELL", "test -e /bin/sh"],
        "Interval": 1_000_000_000u64,
        "Retries": 2,
    }));
    WithImage::pulled(image, "fixtures/health:latest")
}

#[test]
fn the_images_healthcheck_runs_and_flags_override_it() {
    let w = with_checked_image();
    w.ctl
        .ok(&["run", "-d", "--name", "img", &w.reference, "sleep", "1000"]);
    let h = super::wait_status(&w, "img", "healthy");
    assert_eq!(h["Log"][0]["ExitCode"], 0);
    let cfg = w.ctl.ok(&["inspect", "img"]).json()[0]["Config"]["Healthcheck"].clone();
    assert_eq!(cfg["Test"], json!(["CMD-SHELL", "test -e /bin/sh"]));
    assert_eq!(cfg["Interval"], 1_000_000_000u64);
    // Zero in the image means the default.
    assert_eq!(cfg["Timeout"], 30_000_000_000u64);
    assert_eq!(cfg["Retries"], 2);

    w.ctl.ok(&[
        "create",
        "--name",
        "tuned",
        "--health-retries",
        "7",
        &w.reference,
        "sleep",
        "1000",
    ]);
    let tuned = w.ctl.ok(&["inspect", "tuned"]).json()[0]["Config"]["Healthcheck"].clone();
    assert_eq!(tuned["Test"], cfg["Test"]);
    assert_eq!(tuned["Retries"], 7);

    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "off",
        "--no-healthcheck",
        &w.reference,
        "sleep",
        "1000",
    ]);
    let off = w.ctl.ok(&["inspect", "off"]).json();
    assert_eq!(off[0]["State"]["Health"], serde_json::Value::Null);
    assert_eq!(off[0]["Config"]["Healthcheck"], serde_json::Value::Null);
    assert_eq!(super::ps_health(&w, "none"), ["off"]);
    assert_eq!(super::ps_health(&w, "healthy"), ["img"]);
    let none = w.ctl.run(&["healthcheck", "run", "off"]);
    none.failure(125);
    assert!(none
        .one_line_error()
        .ends_with("has no defined healthcheck"));
    w.ctl.ok(&["rm", "-f", "img", "tuned", "off"]);
}
