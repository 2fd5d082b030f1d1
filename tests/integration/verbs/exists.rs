//! `container exists`, `image exists`, `network exists`: exit 0 or 1 and print nothing;
//! `version` and `info --format` templates.

use super::*;

fn silent(out: &Out, want: i32) {
    assert_eq!(code(out), want, "{out}");
    assert_eq!(
        (out.stdout.as_str(), out.stderr.as_str()),
        ("", ""),
        "{out}"
    );
}

#[test]
fn exists_exits_0_or_1_and_says_nothing() {
    let w = setup();
    let id = run_d(&w, &["--name", "webclient"], &["sleep", "60"]);
    let image = w.image.id();
    let short_image = image.trim_start_matches("sha256:")[..12].to_string();
    for args in [
        &["container", "exists", "webclient"][..],
        &["container", "exists", &id[..12]],
        &["container", "exists", &id],
        &["container", "exists", "--external", "webclient"],
        &["image", "exists", &w.reference],
        &["image", "exists", &short_image],
        &["network", "exists", "ctl"],
    ] {
        silent(&w.ctl.run(args), 0);
    }
    for args in [
        &["container", "exists", "webbackend"][..],
        &[
            "container",
            "exists",
            "--external",
            "ubi8-working-container",
        ],
        &["image", "exists", "webbackend"],
        &["image", "exists", "localhost/webbackend:1"],
        &["network", "exists", "webbackend"],
    ] {
        silent(&w.ctl.run(args), 1);
    }
    w.ctl.ok(&["network", "create", "net1"]);
    silent(&w.ctl.run(&["network", "exists", "net1"]), 0);
    w.ctl.ok(&["rm", "-f", "-t", "0", "webclient"]);
    silent(&w.ctl.run(&["container", "exists", "webclient"]), 1);
    w.ctl.ok(&["network", "rm", "net1"]);
    silent(&w.ctl.run(&["network", "exists", "net1"]), 1);
    // A usage error is podman's 125, not "not found".
    assert_eq!(code(&w.ctl.run(&["image", "exists"])), 125);
}

#[test]
fn version_prints_podman_s_report() {
    let w = setup();
    let text = w.ctl.ok(&["version"]);
    let version = env!("CARGO_PKG_VERSION");
    let lines = text.lines();
    assert!(lines[0].starts_with("Client:"), "{text}");
    let value = |label: &str| {
        lines
            .iter()
            .find_map(|l| l.strip_prefix(label))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no {label} in\n{text}"))
            .to_string()
    };
    assert_eq!(value("Version:"), version);
    assert_eq!(value("API Version:"), version);
    assert_eq!(
        value("OS/Arch:"),
        format!("linux/{}", crate::common::fixtures::host_arch())
    );
    assert!(!value("Built:").is_empty());
    // The values start in one column, as podman's tabwriter aligns them.
    let col = |l: &str| l.len() - l.split_once(':').unwrap().1.trim_start().len();
    assert!(lines.iter().all(|l| col(l) == col(lines[0])), "{text}");

    let json = w.ctl.ok(&["version", "--format", "json"]);
    assert_eq!(json.lines().len(), 1, "one line, as podman's: {json}");
    let v = json.json();
    let client = &v["Client"];
    for k in [
        "APIVersion",
        "Version",
        "GoVersion",
        "GitCommit",
        "BuiltTime",
        "Built",
        "OsArch",
        "Os",
    ] {
        assert!(client.get(k).is_some(), "no Client.{k} in {v}");
    }
    assert_eq!(client["Version"], version);
    assert_eq!(client["Os"], "linux");
    assert!(v.get("Server").is_none(), "{v}");
    assert_eq!(
        w.ctl
            .ok(&["version", "--format", "{{.Client.Version}}"])
            .stdout,
        format!("{version}\n")
    );
    assert_eq!(
        w.ctl
            .ok(&["version", "-f", "{{.Client.Os}}/{{.Client.APIVersion}}"])
            .stdout,
        format!("linux/{version}\n")
    );
    // podman's fallback for older templates: `.Server.X` read on the client.
    assert_eq!(
        w.ctl
            .ok(&["version", "--format", "{{.Server.Version}}"])
            .stdout,
        format!("{version}\n")
    );
    let bad = w.ctl.run(&["version", "--format", "{{.Client.Bogus}}"]);
    assert_eq!(code(&bad), 125, "{bad}");
}

#[test]
fn info_templates_use_podman_s_field_names() {
    let w = setup();
    let runtime = w.ctl.ok(&["info", "--format", "{{.Host.OCIRuntime.Name}}"]);
    assert_eq!(runtime.stdout, "runc\n");
    let json = w.ctl.ok(&["info", "--format", "json"]).json();
    assert_eq!(json["host"]["ociRuntime"]["name"], "runc");
    let out = w.ctl.ok(&[
        "info",
        "--format",
        "{{.Store.GraphRoot}} {{.Store.ImageStore.Number}} {{.Version.Version}} {{.Host.Arch}}",
    ]);
    assert_eq!(
        out.stdout,
        format!(
            "{} 1 {} {}\n",
            json["store"]["graphRoot"].as_str().unwrap(),
            env!("CARGO_PKG_VERSION"),
            json["host"]["arch"].as_str().unwrap()
        )
    );
    assert_eq!(
        w.ctl
            .ok(&[
                "system",
                "info",
                "-f",
                "{{range .Registries.search}}{{.}}{{end}}"
            ])
            .stdout,
        "docker.io\n"
    );
}
