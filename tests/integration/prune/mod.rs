//! Disk usage and cleaning up: `system df`, `image prune`, `network prune`, `system prune`,
//! `system reset` and `system check`, as podman's pages describe them, against a real
//! store.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::ctl::mounts_under;
use crate::common::fixtures::text_layer;
use crate::common::{Ctl, Image, WithImage};

/// The busybox fixture with one more layer: it shares busybox's three.
fn second_image(w: &WithImage, repo_tag: &str, text: &str) -> (String, String) {
    let img = Image::busybox().with_layer(text_layer("second", text));
    w.registry.push(repo_tag, &img);
    let reference = w.registry.reference(repo_tag);
    assert_eq!(w.ctl.pull(&reference), img.id());
    (img.id(), reference)
}

/// `system df --format json`'s line of `kind`.
fn df_line(ctl: &Ctl, kind: &str) -> Value {
    let all = ctl.ok(&["system", "df", "--format", "json"]).json();
    all.as_array()
        .and_then(|a| a.iter().find(|l| l["Type"] == kind).cloned())
        .unwrap_or_else(|| panic!("no {kind} in {all}"))
}

fn num(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or_else(|| panic!("{key} in {v}"))
}

fn file_len(p: &Path) -> u64 {
    fs::metadata(p).map_or(0, |m| m.len())
}

/// What the store holds for images, read from its files: every layer once (its record's
/// size) and each image's config and manifest.
fn store_images_size(root: &Path) -> u64 {
    let mut total = 0;
    for e in fs::read_dir(root.join("layers")).unwrap().flatten() {
        if let Ok(data) = fs::read(e.path().join("layer.json")) {
            let v: Value = serde_json::from_slice(&data).unwrap();
            total += v["size"].as_u64().unwrap();
        }
    }
    for e in fs::read_dir(root.join("images")).unwrap().flatten() {
        let v: Value =
            serde_json::from_slice(&fs::read(e.path().join("image.json")).unwrap()).unwrap();
        let blobs = root.join("blobs/sha256");
        total += file_len(&blobs.join(v["id"].as_str().unwrap()));
        if let Some(m) = v["manifest_digest"].as_str() {
            total += file_len(&blobs.join(m.trim_start_matches("sha256:")));
        }
    }
    total
}

fn lines(out: &str) -> Vec<String> {
    out.lines().map(str::to_string).collect()
}

#[test]
fn df_counts_what_the_store_holds() {
    let w = WithImage::busybox();
    let (_, second) = second_image(&w, "fixtures/second:1", "second");
    let images = df_line(&w.ctl, "Images");
    assert_eq!((num(&images, "Total"), num(&images, "Active")), (2, 0));
    let size = store_images_size(&w.ctl.root);
    assert_eq!(num(&images, "RawSize"), size, "{images}");
    assert_eq!(
        num(&images, "RawReclaimable"),
        size,
        "no container: all of it"
    );

    w.ctl.ok(&["volume", "create", "v1"]);
    fs::write(w.ctl.root.join("volumes/v1/_data/f"), vec![7u8; 300]).unwrap();
    w.ctl.ok(&[
        "run",
        "--name",
        "writer",
        &second,
        "sh",
        "-c",
        "head -c 1000 /dev/zero > /big",
    ]);
    w.ctl.ok(&[
        "create",
        "--name",
        "user",
        "-v",
        "v1:/v",
        &w.reference,
        "true",
    ]);

    let images = df_line(&w.ctl, "Images");
    assert_eq!((num(&images, "Total"), num(&images, "Active")), (2, 2));
    // Both images are used: only their own bytes (a layer each, configs, manifests) stay.
    assert!(num(&images, "RawReclaimable") < size, "{images}");
    let containers = df_line(&w.ctl, "Containers");
    assert_eq!(
        (num(&containers, "Total"), num(&containers, "Active")),
        (2, 0)
    );
    let written = num(&containers, "RawSize");
    assert!(
        written >= 1000,
        "the writer's upper dir holds /big: {containers}"
    );
    assert_eq!(num(&containers, "RawReclaimable"), written, "none runs");
    let volumes = df_line(&w.ctl, "Local Volumes");
    assert_eq!(
        [
            num(&volumes, "Total"),
            num(&volumes, "Active"),
            num(&volumes, "RawSize")
        ],
        [1, 1, 300]
    );
    assert_eq!(num(&volumes, "RawReclaimable"), 0, "a container mounts it");

    let before = num(&images, "RawReclaimable");
    w.ctl.ok(&["rm", "writer", "user"]);
    let images = df_line(&w.ctl, "Images");
    assert_eq!(num(&images, "Active"), 0);
    assert!(num(&images, "RawReclaimable") > before, "{images}");
    assert_eq!(num(&images, "RawReclaimable"), size);
    assert_eq!(num(&df_line(&w.ctl, "Containers"), "RawSize"), 0);
    assert_eq!(
        num(&df_line(&w.ctl, "Local Volumes"), "RawReclaimable"),
        300
    );

    // The default table and -v's sections, as podman prints them.
    let table = w.ctl.ok(&["system", "df"]).stdout;
    let head: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(head, ["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"]);
    assert!(
        table.lines().nth(3).unwrap().starts_with("Local Volumes"),
        "{table}"
    );
    let v = w.ctl.ok(&["system", "df", "-v"]).stdout;
    for section in [
        "Images space usage:",
        "Containers space usage:",
        "Local Volumes space usage:",
    ] {
        assert!(v.contains(section), "{v}");
    }
    assert!(v.contains("fixtures/second"), "{v}");
    let t = w
        .ctl
        .ok(&["system", "df", "--format", "{{.Type}}={{.Total}}"])
        .stdout;
    assert_eq!(lines(&t), ["Images=2", "Containers=0", "Local Volumes=1"]);
    w.ctl
        .run(&["system", "df", "-v", "--format", "json"])
        .failure(125)
        .stderr_has("cannot combine --format and --verbose flags");
}

#[test]
fn image_prune_takes_dangling_then_unused() {
    let w = WithImage::busybox();
    let (dangling, second) = second_image(&w, "fixtures/second:1", "second");
    let (third, _) = second_image(&w, "fixtures/third:1", "third");
    w.ctl.ok(&["untag", &second]);
    w.ctl
        .ok(&["create", "--name", "user", &w.reference, "true"]);

    // Asked and refused: nothing goes.
    let asked = w.ctl.run_with_stdin(&["image", "prune"], Some("n\n"));
    asked.success();
    assert_eq!(
        asked.stdout,
        "WARNING! This command removes all dangling images.\nAre you sure you want to continue? [y/N] "
    );
    // Created before 2000: none is.
    assert_eq!(
        w.ctl
            .ok(&[
                "image",
                "prune",
                "-f",
                "--filter",
                "until=2000-01-01T00:00:00Z"
            ])
            .stdout,
        ""
    );
    assert_eq!(
        lines(&w.ctl.ok(&["image", "prune", "-f"]).stdout),
        std::slice::from_ref(&dangling)
    );
    let ids: Vec<String> = w
        .ctl
        .images()
        .iter()
        .map(|i| i["Id"].as_str().unwrap().to_string())
        .collect();
    assert!(!ids.contains(&dangling) && ids.contains(&third) && ids.contains(&w.image.id()));
    // The shared layers stay with the images that have them.
    w.ctl.assert_layers_of(&w.image);

    let out = w.ctl.run_with_stdin(&["image", "prune", "-a"], Some("y\n"));
    out.success();
    assert!(out.stdout.starts_with(
        "WARNING! This command removes all images without at least one container associated \
         with them.\nAre you sure you want to continue? [y/N] "
    ));
    assert!(out.stdout.ends_with(&format!("{third}\n")), "{out}");
    let ids: Vec<String> = w
        .ctl
        .images()
        .iter()
        .map(|i| i["Id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, [w.image.id()], "the image a container uses stays");
    w.ctl.ok(&["rm", "user"]);
    assert_eq!(
        lines(&w.ctl.ok(&["image", "prune", "-af"]).stdout),
        [w.image.id()]
    );
    assert!(w.ctl.images().is_empty());
    assert!(fs::read_dir(w.ctl.root.join("layers"))
        .unwrap()
        .flatten()
        .all(|e| e.file_name() == "l"));
}

#[test]
fn network_prune_keeps_used_and_default() {
    let w = WithImage::busybox();
    for n in ["pr-used", "pr-free"] {
        w.ctl.ok(&["network", "create", n]);
    }
    w.ctl
        .ok(&["network", "create", "--label", "k=v", "pr-label"]);
    w.ctl.ok(&[
        "create",
        "--name",
        "on-net",
        "--network",
        "pr-used",
        &w.reference,
        "true",
    ]);
    assert_eq!(
        w.ctl
            .ok(&["network", "prune", "-f", "--filter", "label=k=v"])
            .stdout,
        "pr-label\n"
    );
    w.ctl
        .run(&["network", "prune", "-f", "--filter", "name=x"])
        .failure(125)
        .stderr_has("invalid filter \"name\"");
    let asked = w.ctl.run_with_stdin(&["network", "prune"], Some("\n"));
    assert_eq!(
        asked.stdout,
        "WARNING! This will remove all networks not used by at least one container.\nAre you sure you want to continue? [y/N] "
    );
    assert_eq!(w.ctl.ok(&["network", "prune", "-f"]).stdout, "pr-free\n");
    assert_eq!(
        lines(&w.ctl.ok(&["network", "ls", "-q"]).stdout),
        ["ctl", "pr-used"]
    );
    w.ctl.ok(&["rm", "on-net"]);
    assert_eq!(w.ctl.ok(&["network", "prune", "-f"]).stdout, "pr-used\n");
    assert_eq!(lines(&w.ctl.ok(&["network", "ls", "-q"]).stdout), ["ctl"]);
}

#[test]
fn container_prune_filters() {
    let w = WithImage::busybox();
    let labelled = w
        .ctl
        .ok(&["create", "--label", "role=cleanup", &w.reference, "true"])
        .stdout;
    let plain = w.ctl.ok(&["create", &w.reference, "true"]).stdout;
    assert_eq!(
        w.ctl
            .ok(&[
                "container",
                "prune",
                "-f",
                "--filter",
                "until=2000-01-01T00:00:00Z"
            ])
            .stdout,
        ""
    );
    assert_eq!(
        w.ctl
            .ok(&["container", "prune", "-f", "--filter", "label=role=cleanup"])
            .stdout,
        labelled
    );
    w.ctl
        .run(&["container", "prune", "-f", "--filter", "name=x"])
        .failure(125)
        .stderr_has("name is an invalid filter");
    let asked = w.ctl.run_with_stdin(&["container", "prune"], Some("n\n"));
    assert_eq!(
        asked.stdout,
        "WARNING! This will remove all non running containers.\nAre you sure you want to continue? [y/N] "
    );
    assert_eq!(
        w.ctl
            .ok(&["container", "prune", "-f", "--filter", "label!=role"])
            .stdout,
        plain
    );
}

#[test]
fn system_prune_sections() {
    let w = WithImage::busybox();
    let (dangling, second) = second_image(&w, "fixtures/second:1", "second");
    w.ctl.ok(&["untag", &second]);
    let exited = w
        .ctl
        .ok(&["run", "-d", &w.reference, "true"])
        .stdout
        .trim()
        .to_string();
    w.ctl.ok(&["wait", &exited]);
    w.ctl.ok(&["volume", "create", "sp-vol"]);
    w.ctl.ok(&["network", "create", "sp-net"]);
    let asked = w
        .ctl
        .run_with_stdin(&["system", "prune", "--volumes"], Some("n\n"));
    assert_eq!(
        asked.stdout,
        "WARNING! This command removes:\n\t- all stopped containers\n\t- all networks not used by \
         at least one container\n\t- all volumes not used by at least one container\n\t- all \
         dangling images\n\t- all dangling build cache\n\nAre you sure you want to continue? [y/N] "
    );
    let out = w.ctl.ok(&["system", "prune", "-f", "--volumes"]).stdout;
    let got = lines(&out);
    assert_eq!(
        got[..got.len() - 1],
        [
            "Deleted Containers".to_string(),
            exited,
            "Deleted Volumes".into(),
            "sp-vol".into(),
            "Deleted Images".into(),
            dangling,
            "Deleted Networks".into(),
            "sp-net".into(),
        ]
    );
    assert!(
        got.last().unwrap().starts_with("Total reclaimed space: "),
        "{out}"
    );
    assert_eq!(
        w.ctl.ok(&["system", "prune", "-f"]).stdout,
        "Total reclaimed space: 0B\n"
    );
    assert_eq!(w.ctl.images().len(), 1, "a named image stays without --all");
    w.ctl.ok(&["system", "prune", "-af"]);
    assert!(w.ctl.images().is_empty());
    w.ctl
        .run(&["system", "prune", "--external", "-a"])
        .failure(125)
        .stderr_has("system prune --external cannot be combined with other options");
}

/// Processes whose command line names `dir` (monitors, containers' runtimes).
fn processes_naming(dir: &Path) -> Vec<String> {
    let needle = dir.to_string_lossy().into_owned();
    fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .bytes()
                .all(|b| b.is_ascii_digit())
        })
        .filter_map(|e| {
            let cmd = fs::read(e.path().join("cmdline")).ok()?;
            let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
            cmd.contains(&needle).then_some(cmd)
        })
        .collect()
}

#[test]
fn reset_leaves_nothing() {
    let w = WithImage::busybox();
    w.ctl.ok(&["network", "create", "rs-net"]);
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "runs",
        "-v",
        "rs-vol:/v",
        &w.reference,
        "sleep",
        "1000",
    ]);
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "on-net",
        "--network",
        "rs-net",
        &w.reference,
        "sleep",
        "1000",
    ]);
    w.ctl
        .ok(&["create", "--name", "made", &w.reference, "true"]);
    w.ctl.ok(&["mount", "made"]);
    assert!(
        !processes_naming(&w.ctl.root).is_empty() || !processes_naming(&w.ctl.runroot).is_empty()
    );

    let asked = w.ctl.run_with_stdin(&["system", "reset"], Some("n\n"));
    assert!(
        asked
            .stdout
            .starts_with("WARNING! This will remove:\n        - all containers\n"),
        "{asked}"
    );
    assert!(asked.stdout.contains(&format!(
        "        - the graphRoot directory: {:?}\n",
        w.ctl.root.display().to_string()
    )));
    assert!(asked
        .stdout
        .ends_with("Are you sure you want to continue? [y/N] "));
    assert_eq!(
        w.ctl.ok(&["ps", "-aq"]).stdout.lines().count(),
        3,
        "refused: all stays"
    );

    w.ctl.ok(&["system", "reset", "-f"]);
    assert_eq!(mounts_under(&w.ctl.root), Vec::<std::path::PathBuf>::new());
    assert_eq!(
        mounts_under(&w.ctl.runroot),
        Vec::<std::path::PathBuf>::new()
    );
    assert_eq!(processes_naming(&w.ctl.root), Vec::<String>::new());
    assert_eq!(processes_naming(&w.ctl.runroot), Vec::<String>::new());
    assert_eq!(w.ctl.ok(&["ps", "-aq"]).stdout, "");
    assert!(w.ctl.images().is_empty());
    assert_eq!(w.ctl.ok(&["volume", "ls", "-q"]).stdout, "");
    assert_eq!(w.ctl.ok(&["network", "ls", "-q"]).stdout, "ctl\n");
    // Twice in a row: nothing left to do.
    w.ctl.ok(&["system", "reset", "-f"]);
}

#[test]
fn check_finds_injected_damage_and_repair_fixes_it() {
    let w = WithImage::busybox();
    assert_eq!(w.ctl.ok(&["system", "check"]).stdout, "");
    let layer = "ab".repeat(32);
    fs::create_dir_all(w.ctl.root.join("layers").join(&layer).join("diff")).unwrap();
    let record = "cd".repeat(32);
    fs::create_dir_all(w.ctl.root.join("containers").join(&record)).unwrap();
    // An atomic write's temp file whose writer (no such pid) is gone.
    let tmp = w
        .ctl
        .root
        .join("images")
        .join(w.image.id())
        .join(".tmp-7ffffffe-0-00000000");
    fs::write(&tmp, b"{\"half").unwrap();

    let found = w.ctl.run(&["system", "check", "--quick"]);
    found
        .failure(125)
        .stderr_has("damage detected in local storage");
    assert!(
        found.stdout.contains(&format!(
            "Damaged layer {layer}:\n1 error occurred:\n\t* layer record is missing\n\n"
        )),
        "{found}"
    );
    assert!(
        found.stdout.contains(&format!(
            "Damaged container {record}:\n1 error occurred:\n\t* container record is missing\n\n"
        )),
        "{found}"
    );
    assert!(found.stdout.contains(&tmp.display().to_string()), "{found}");
    w.ctl
        .run(&["system", "check", "-m", "soon"])
        .failure(125)
        .stderr_has("--max");

    let fixed = w.ctl.ok(&["system", "check", "--repair"]);
    assert!(
        fixed
            .stdout
            .contains(&format!("Deleted damaged layer: {layer}\n")),
        "{fixed}"
    );
    assert!(
        fixed
            .stdout
            .contains(&format!("Deleted damaged container: {record}\n")),
        "{fixed}"
    );
    assert!(!tmp.exists() && !w.ctl.root.join("layers").join(&layer).exists());
    assert_eq!(w.ctl.ok(&["system", "check"]).stdout, "");
    // What was not damaged is untouched: the image still runs.
    w.ctl.ok(&["run", "--rm", &w.reference, "true"]);

    // A complete layer no image has: a pull in progress until it is older than --max.
    let orphan = "ef".repeat(32);
    let dir = w.ctl.root.join("layers").join(&orphan);
    fs::create_dir_all(dir.join("diff")).unwrap();
    let record =
        format!("{{\"chain_id\":\"sha256:{orphan}\",\"diff_id\":\"sha256:{orphan}\",\"size\":0}}");
    fs::write(dir.join("layer.json"), record).unwrap();
    assert_eq!(
        w.ctl.ok(&["system", "check"]).stdout,
        "",
        "younger than 24h"
    );
    let old = w.ctl.run(&["system", "check", "-m", "0s"]);
    old.failure(125);
    assert!(
        old.stdout.contains(&format!(
        "Damaged layer {orphan}:\n1 error occurred:\n\t* layer is not referenced by any image\n"
    )),
        "{old}"
    );
    w.ctl.ok(&["system", "check", "-r", "-m", "0s"]);
    assert!(!dir.exists());
    w.ctl.assert_layers_of(&w.image);

    // An image whose config is gone: damaged, and removed by --repair (no container uses it).
    fs::remove_file(w.ctl.root.join("blobs/sha256").join(w.image.id())).unwrap();
    let found = w.ctl.run(&["system", "check"]);
    found.failure(125);
    assert!(
        found
            .stdout
            .contains(&format!("Damaged image {}:", w.image.id())),
        "{found}"
    );
    let fixed = w.ctl.ok(&["system", "check", "-r"]);
    assert!(
        fixed
            .stdout
            .contains(&format!("Deleted damaged image: {}\n", w.image.id())),
        "{fixed}"
    );
    assert!(w.ctl.images().is_empty());
}
