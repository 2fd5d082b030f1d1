//! `generate systemd --new=false`, `-e/--env`, `--template`, as podman's.

use super::*;

#[test]
fn generate_systemd_new_false_env_and_template() {
    let w = setup();
    w.ctl
        .ok(&["create", "--name", "web", &w.reference, "sleep", "100"]);
    let gen = |args: &[&str]| {
        let mut a = vec!["generate", "systemd"];
        a.extend_from_slice(args);
        a.push("web");
        w.ctl.ok(&a).stdout
    };
    // --new=false: the unit of the existing container, as without --new.
    let existing = gen(&["--name"]);
    let not_new = gen(&["--name", "--new=false"]);
    let strip_header = |u: &str| u.lines().skip(2).collect::<Vec<_>>().join("\n");
    assert_eq!(strip_header(&not_new), strip_header(&existing));
    assert!(not_new.contains(" start"), "{not_new}");
    assert!(!not_new.contains(" run "), "{not_new}");
    let new = gen(&["--name", "--new=true"]);
    assert!(new.contains(" run "), "{new}");
    assert_eq!(strip_header(&gen(&["--name", "--new"])), strip_header(&new));

    // -e/--env: Environment= lines, a bare name from this environment, PREFIX* expanded.
    let out = w
        .ctl
        .command(&[
            "generate",
            "systemd",
            "--name",
            "-e",
            "A=1",
            "--env",
            "B=two words",
            "-e",
            "FROM_HOST",
            "-e",
            "NOT_SET",
            "-e",
            "UNITX_*",
            "web",
        ])
        .env("FROM_HOST", "host")
        .env("UNITX_ONE", "1")
        .env_remove("NOT_SET")
        .output()
        .unwrap();
    let unit = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{unit}");
    for line in [
        "Environment=A=1\n",
        "Environment=\"B=two words\"\n",
        "Environment=FROM_HOST=host\n",
        "Environment=UNITX_ONE=1\n",
    ] {
        assert!(unit.contains(line), "no {line:?} in\n{unit}");
    }
    assert!(!unit.contains("NOT_SET"), "{unit}");
    let service = unit.split("[Service]").nth(1).unwrap();
    assert!(service.contains("Environment=A=1"), "{unit}");

    // --template: NAME@.service, each instance's container named by the instance.
    let t = gen(&["--name", "--template"]);
    assert!(t.starts_with("# container-web@.service\n"), "{t}");
    assert!(t.contains(" for %I\n"), "{t}");
    assert!(t.contains("--name web-%i"), "{t}");
    assert!(t.contains(" run "), "{t}");
    let dir = tempfile::tempdir().unwrap();
    let files = w
        .ctl
        .command(&[
            "generate",
            "systemd",
            "--name",
            "--template",
            "--files",
            "web",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(files.status.success());
    assert!(dir.path().join("container-web@.service").exists());
    let bad = w
        .ctl
        .run(&["generate", "systemd", "--template", "--new=false", "web"]);
    assert_eq!(code(&bad), 125, "{bad}");
    assert_eq!(
        bad.one_line_error(),
        "Error: --template cannot be set with --new=false"
    );
    w.ctl.ok(&["rm", "web"]);
}
