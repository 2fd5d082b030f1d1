//! `images`: -a, --filter, --noheading (-n), --sort, --no-trunc, the IMAGE argument; `rmi -a`.

use super::*;
use crate::common::fixtures::base_layer;
use crate::common::Ctl;

/// Three imported images, oldest first: `old` (labelled version=1.0, then left without a
/// name when `first:1` moved to `new`), `mid` (localhost/second:2) and `new`
/// (localhost/first:1). Returns their full ids.
fn three_images(ctl: &Ctl) -> (String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let tar = dir.path().join("rootfs.tar");
    std::fs::write(&tar, base_layer().tar.clone()).unwrap();
    let tar = tar.to_str().unwrap();
    let import = |changes: &[&str], name: &str| {
        let mut args = vec!["import", "-q"];
        for c in changes {
            args.extend(["-c", c]);
        }
        args.extend([tar, name]);
        let out = ctl.ok(&args);
        std::thread::sleep(std::time::Duration::from_millis(20));
        out.stdout.trim().to_string()
    };
    let old = import(&["LABEL version=1.0"], "first:1");
    let mid = import(&["LABEL other=x"], "second:2");
    let new = import(&["ENV N=3"], "first:1");
    (old, mid, new)
}

fn ids(ctl: &Ctl, args: &[&str]) -> Vec<String> {
    let mut a = vec!["images", "-q", "--no-trunc"];
    a.extend_from_slice(args);
    ctl.ok(&a)
        .lines()
        .iter()
        .map(|l| l.trim_start_matches("sha256:").to_string())
        .collect()
}

fn repos(ctl: &Ctl, args: &[&str]) -> Vec<String> {
    let mut a = vec!["images", "--format", "{{.Repository}}:{{.Tag}}"];
    a.extend_from_slice(args);
    ctl.ok(&a).lines().iter().map(|l| l.to_string()).collect()
}

#[test]
fn images_filter_sort_and_headings_as_podman_s() {
    let ctl = Ctl::new();
    let (old, mid, new) = three_images(&ctl);
    let (old, mid, new) = (old.as_str(), mid.as_str(), new.as_str());
    let none = Vec::<String>::new();

    // Newest first, dangling ones listed too.
    assert_eq!(ids(&ctl, &[]), [new, mid, old]);
    assert_eq!(ids(&ctl, &["-a"]), [new, mid, old]);
    assert_eq!(ids(&ctl, &["--all"]), [new, mid, old]);
    assert_eq!(
        repos(&ctl, &[]),
        ["localhost/first:1", "localhost/second:2", "<none>:<none>"]
    );

    // --noheading, -n: the rows without the header.
    let table = ctl.ok(&["images"]);
    assert!(table.lines()[0].starts_with("REPOSITORY"), "{table}");
    assert_eq!(table.lines().len(), 4, "{table}");
    // (The CREATED column may tick between two listings: compare the columns before it.)
    let firsts = |lines: &[&str]| -> Vec<String> {
        lines
            .iter()
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .collect()
    };
    for flag in ["--noheading", "-n"] {
        let rows = ctl.ok(&["images", flag]);
        assert_eq!(firsts(&rows.lines()), firsts(&table.lines()[1..]), "{rows}");
    }
    let t = ctl.ok(&["images", "-n", "--format", "table {{.ID}} {{.Tag}}"]);
    assert_eq!(t.lines().len(), 3, "{t}");
    assert!(!t.stdout.contains("IMAGE ID"), "{t}");
    // --no-trunc is long only: podman's -n is --noheading.
    let full = ctl.ok(&["images", "--no-trunc", "--noheading"]);
    assert!(full.stdout.contains(&format!("sha256:{new}")), "{full}");

    // --sort.
    assert_eq!(
        repos(&ctl, &["--sort", "repository"]),
        ["<none>:<none>", "localhost/first:1", "localhost/second:2"]
    );
    // Byte order, as Go's: "1" < "2" < "<none>".
    assert_eq!(
        repos(&ctl, &["--sort", "tag"]),
        ["localhost/first:1", "localhost/second:2", "<none>:<none>"]
    );
    let mut sorted = vec![old, mid, new];
    sorted.sort();
    assert_eq!(ids(&ctl, &["--sort", "id"]), sorted);
    assert_eq!(ids(&ctl, &["--sort=created"]), [new, mid, old]);
    let bad = ctl.run(&["images", "--sort", "name"]);
    assert_eq!(code(&bad), 125, "{bad}");

    // --filter.
    assert_eq!(ids(&ctl, &["--filter", "dangling=true"]), [old]);
    assert_eq!(ids(&ctl, &["-f", "dangling=false"]), [new, mid]);
    assert_eq!(ids(&ctl, &["-f", "reference=second"]), [mid]);
    assert_eq!(ids(&ctl, &["-f", "reference=localhost/first:1"]), [new]);
    assert_eq!(ids(&ctl, &["-f", "reference=localhost/*"]), [new, mid]);
    assert_eq!(ids(&ctl, &["-f", "reference!=first"]), [mid, old]);
    assert_eq!(ids(&ctl, &["-f", "label=version"]), [old]);
    assert_eq!(ids(&ctl, &["-f", "label=version=1.0"]), [old]);
    assert_eq!(ids(&ctl, &["-f", "label=version=2"]), none);
    assert_eq!(ids(&ctl, &["-f", "label!=version"]), [new, mid]);
    assert_eq!(ids(&ctl, &["-f", "before=second:2"]), [old]);
    assert_eq!(ids(&ctl, &["-f", "since=second:2"]), [new]);
    assert_eq!(ids(&ctl, &["-f", "after=second:2"]), [new]);
    assert_eq!(ids(&ctl, &["-f", &format!("id={}", &mid[..8])]), [mid]);
    assert_eq!(
        ids(&ctl, &["-f", "dangling=false", "-f", "label=other"]),
        [mid]
    );
    let created = ctl.inspect(mid)["Created"].as_str().unwrap().to_string();
    assert_eq!(ids(&ctl, &["-f", &format!("until={created}")]), [old]);
    assert_eq!(ids(&ctl, &["-f", "until=1h"]), none);

    // The IMAGE argument: as reference=.
    assert_eq!(ids(&ctl, &["second"]), [mid]);
    assert_eq!(ids(&ctl, &["localhost/first:1"]), [new]);
    assert_eq!(repos(&ctl, &["first"]), ["localhost/first:1"]);
    assert_eq!(ids(&ctl, &["nosuch"]), none);

    // podman's errors.
    let both = ctl.run(&["images", "-f", "dangling=true", "second"]);
    assert_eq!(code(&both), 125, "{both}");
    assert_eq!(
        both.one_line_error(),
        "Error: cannot specify an image and a filter(s)"
    );
    let bogus = ctl.run(&["images", "-f", "bogus=1"]);
    assert_eq!(code(&bogus), 125, "{bogus}");
    assert_eq!(
        bogus.one_line_error(),
        "Error: invalid image filter \"bogus\": must be in the format \"filter=value or \
         filter!=value\""
    );
    let missing = ctl.run(&["images", "-f", "before=nosuch"]);
    assert_eq!(code(&missing), 125, "{missing}");
    assert!(
        missing
            .one_line_error()
            .starts_with("Error: could not find local image for filter \"before\"=\"nosuch\""),
        "{missing}"
    );
}

#[test]
fn rmi_all_removes_every_image() {
    let ctl = Ctl::new();
    let (old, mid, new) = three_images(&ctl);
    let (old, mid, new) = (old.as_str(), mid.as_str(), new.as_str());
    let both = ctl.run(&["rmi", "-a", "second:2"]);
    assert_eq!(code(&both), 125, "{both}");
    assert_eq!(
        both.one_line_error(),
        "Error: when using the --all switch, you may not pass any images names or IDs"
    );
    // An image a container uses stays without --force: podman's exit code 2.
    ctl.ok(&["create", "--name", "user", "second:2", "true"]);
    let used = ctl.run(&["rmi", "-a"]);
    assert_eq!(code(&used), 2, "{used}");
    assert_eq!(ids(&ctl, &[]), [mid]);
    for id in [old, new] {
        assert!(used.stdout.contains(&format!("Deleted: {id}")), "{used}");
    }
    let forced = ctl.ok(&["rmi", "--all", "--force"]);
    assert!(
        forced.stdout.contains(&format!("Deleted: {mid}")),
        "{forced}"
    );
    assert!(ids(&ctl, &[]).is_empty());
    assert_eq!(ctl.ok(&["ps", "-aq"]).stdout, "");
    // Nothing left: still success.
    ctl.ok(&["rmi", "-a"]);
}

/// `images --history`: every name an image has had, the latest first (podman's HISTORY
/// column and JSON `History`), `<none>` for an image that never had one.
#[test]
fn images_history_keeps_names_that_moved_away() {
    let ctl = Ctl::new();
    let (old, mid, new) = three_images(&ctl);
    let history = |id: &str| -> String {
        let out = ctl.ok(&[
            "images",
            "--history",
            "--no-trunc",
            "--format",
            "{{.ID}}|{{.History}}",
        ]);
        out.lines()
            .iter()
            .find_map(|l| l.strip_prefix(&format!("sha256:{id}|")).map(str::to_string))
            .unwrap_or_else(|| panic!("no {id} in\n{out}"))
    };
    // `old` lost localhost/first:1 to `new` and keeps it in its history.
    assert_eq!(history(&old), "localhost/first:1");
    ctl.ok(&["tag", &new, "localhost/again:2"]);
    ctl.ok(&["untag", &new, "localhost/again:2"]);
    assert_eq!(history(&new), "localhost/again:2, localhost/first:1");
    // podman-untag(1): a short name is localhost/NAME:latest; an unknown one removes
    // nothing; no name removes all.
    let out = ctl.run(&["untag", &new, "localhost/first:1", "nosuch"]);
    assert_eq!(out.code, Some(125), "{out}");
    assert_eq!(
        out.error_line(),
        "Error: localhost/nosuch:latest: tag not known"
    );
    assert_eq!(
        repos(&ctl, &["--filter", &format!("id={new}")]),
        ["localhost/first:1"]
    );
    ctl.ok(&["image", "untag", &mid]);
    assert_eq!(
        repos(&ctl, &["--filter", &format!("id={mid}")]),
        ["<none>:<none>"]
    );
    assert_eq!(history(&mid), "localhost/second:2");

    let table = ctl.ok(&["images", "--history"]);
    let header = table.lines()[0].to_string();
    let words: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(words[words.len() - 2..], ["SIZE", "HISTORY"], "{table}");
    let row = table
        .lines()
        .iter()
        .find(|l| l.contains(&old[..12]))
        .map(|l| l.to_string())
        .unwrap_or_else(|| panic!("no row of {old} in\n{table}"));
    assert!(row.ends_with("localhost/first:1"), "{table}");

    let json: serde_json::Value =
        serde_json::from_str(&ctl.ok(&["images", "--format", "json"]).stdout).unwrap();
    let entry = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["Id"] == new.as_str())
        .unwrap();
    assert_eq!(
        entry["History"],
        serde_json::json!(["localhost/again:2", "localhost/first:1"])
    );
}
