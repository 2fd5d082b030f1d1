//! The secret commands, their output and bad input, in podman's words and exit codes.

use std::os::unix::fs::PermissionsExt;

use crate::common::Ctl;

fn create(ctl: &Ctl, args: &[&str], data: &str) -> String {
    let mut all = vec!["secret", "create"];
    all.extend_from_slice(args);
    all.push("-");
    let out = ctl.run_with_stdin(&all, Some(data));
    out.success();
    let id = out.stdout.trim().to_string();
    assert_eq!(id.len(), 25, "{out}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    id
}

#[test]
fn secret_create_ls_inspect_rm() {
    let ctl = Ctl::new();
    let id = create(
        &ctl,
        &["-l", "team=a", "--label", "x", "db-password"],
        "hunter2",
    );
    let file = ctl.dir().join("token.txt");
    std::fs::write(&file, "tok\n").unwrap();
    let file_id = ctl
        .ok(&["secret", "create", "token", file.to_str().unwrap()])
        .stdout
        .trim()
        .to_string();

    // podman-secret-ls(1): ID, NAME, DRIVER, CREATED, UPDATED.
    let ls = ctl.ok(&["secret", "ls"]);
    let head: Vec<&str> = ls.lines()[0].split_whitespace().collect();
    assert_eq!(head, ["ID", "NAME", "DRIVER", "CREATED", "UPDATED"], "{ls}");
    assert_eq!(ls.lines().len(), 3, "{ls}");
    assert!(
        ls.stdout.contains(&id) && ls.stdout.contains("db-password"),
        "{ls}"
    );
    let noheading = ctl.ok(&["secret", "ls", "--noheading"]);
    assert_eq!(noheading.lines().len(), 2, "{noheading}");
    let mut q = ctl
        .ok(&["secret", "ls", "-q"])
        .lines()
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>();
    q.sort();
    let mut want = vec![id.clone(), file_id.clone()];
    want.sort();
    assert_eq!(q, want);
    let by_name = ctl.ok(&[
        "secret",
        "ls",
        "--filter",
        "name=^db-",
        "--format",
        "{{.Name}} {{.Driver}}",
    ]);
    assert_eq!(by_name.stdout, "db-password file\n");
    let by_id = ctl.ok(&[
        "secret",
        "ls",
        "-q",
        "--filter",
        &format!("id={}", &file_id[..8]),
    ]);
    assert_eq!(by_id.lines(), [file_id.as_str()]);
    let table = ctl.ok(&[
        "secret",
        "ls",
        "-f",
        "name=token",
        "--format",
        "table {{.Name}} {{.CreatedAt}}",
    ]);
    assert_eq!(
        table.lines()[0].split_whitespace().collect::<Vec<_>>(),
        ["NAME", "CREATED"]
    );
    assert!(table.lines()[1].ends_with(" ago"), "{table}");
    ctl.run(&["secret", "ls", "--filter", "colour=red"])
        .failure(125)
        .stderr_has("invalid filter \"colour\"");

    // podman-secret-inspect(1): ID, CreatedAt, UpdatedAt, Spec {Name, Driver, Labels}.
    let v = ctl.ok(&["secret", "inspect", "db-password"]).json();
    let v = &v[0];
    assert_eq!(v["ID"], id.as_str());
    assert_eq!(v["Spec"]["Name"], "db-password");
    assert_eq!(v["Spec"]["Driver"]["Name"], "file");
    let store = ctl.dir().join("root/secrets/filedriver");
    assert_eq!(
        v["Spec"]["Driver"]["Options"]["path"],
        store.to_str().unwrap()
    );
    assert_eq!(v["Spec"]["Labels"]["team"], "a");
    assert_eq!(v["Spec"]["Labels"]["x"], "");
    assert!(
        v.get("SecretData").is_none(),
        "data only with --showsecret: {v}"
    );
    assert_eq!(v["CreatedAt"], v["UpdatedAt"]);
    let shown = ctl.ok(&[
        "secret",
        "inspect",
        "--showsecret",
        "--format",
        "{{.Spec.Name}} {{.SecretData}}",
        &id[..10],
    ]);
    assert_eq!(shown.stdout, "db-password hunter2\n");
    let pretty = ctl.ok(&["secret", "inspect", "--pretty", "db-password"]);
    assert!(pretty.stdout.starts_with(&format!("ID:              {id}\nName:              db-password\nLabels:\n - team=a\n - x\nDriver:            file\nCreated at:        ")), "{pretty}");
    // Found ones are printed, the first missing one is the error.
    let missing = ctl.run(&["secret", "inspect", "token", "nope"]);
    missing
        .failure(125)
        .stderr_has("Error: inspecting secret: no secret with name or id \"nope\": no such secret");
    assert_eq!(missing.json()[0]["Spec"]["Name"], "token");

    // The files are podman's file driver's: private, the data base64.
    for f in [
        "root/secrets/secrets.json",
        "root/secrets/filedriver/secretsdata.json",
    ] {
        let mode = std::fs::metadata(ctl.dir().join(f))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{f}");
    }
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(store.join("secretsdata.json")).unwrap()).unwrap();
    assert_eq!(data[&id], "aHVudGVyMg==");

    ctl.ok(&["secret", "exists", "token"]);
    ctl.ok(&["secret", "exists", &id]);
    ctl.run(&["secret", "exists", "nope"]).failure(1);

    assert_eq!(
        ctl.ok(&["secret", "rm", "token"]).stdout,
        format!("{file_id}\n")
    );
    ctl.run(&["secret", "rm", "token"])
        .failure(125)
        .stderr_has("no secret with name or id \"token\": no such secret");
    assert_eq!(
        ctl.ok(&["secret", "rm", "-i", "token", "db-password"])
            .stdout,
        format!("{id}\n")
    );
    assert!(ctl.ok(&["secret", "ls", "-q"]).stdout.is_empty());
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(store.join("secretsdata.json")).unwrap()).unwrap();
    assert_eq!(data, serde_json::json!({}), "no data left behind");
}

#[test]
fn secret_create_replace_ignore_env_and_rm_all() {
    let ctl = Ctl::new();
    let first = create(&ctl, &["pw"], "one");
    ctl.run_with_stdin(&["secret", "create", "pw", "-"], Some("two"))
        .failure(125)
        .stderr_has("Error: pw: secret name in use");
    assert_eq!(create(&ctl, &["--ignore", "pw"], "two"), first);
    let shown = |ctl: &Ctl| {
        ctl.ok(&[
            "secret",
            "inspect",
            "--showsecret",
            "--format",
            "{{.SecretData}}",
            "pw",
        ])
        .stdout
    };
    assert_eq!(shown(&ctl), "one\n", "--ignore keeps the secret");
    let second = create(&ctl, &["--replace", "pw"], "two");
    assert_ne!(second, first, "a replaced secret has a new id");
    assert_eq!(shown(&ctl), "two\n");
    ctl.run(&["secret", "exists", &first]).failure(1);
    ctl.run_with_stdin(
        &["secret", "create", "--ignore", "--replace", "pw", "-"],
        Some("x"),
    )
    .failure(125)
    .stderr_has("cannot use --ignore and --replace flags together");

    let mut cmd = ctl.command(&["secret", "create", "--env", "fromenv", "CTL_TEST_SECRET"]);
    cmd.env("CTL_TEST_SECRET", "from the environment");
    let out = crate::common::Ctl::run_command(cmd, &["secret", "create", "--env"], None);
    out.success();
    let v = ctl
        .ok(&["secret", "inspect", "--showsecret", "fromenv"])
        .json();
    assert_eq!(v[0]["SecretData"], "from the environment");
    let mut cmd = ctl.command(&["secret", "create", "--env", "unset", "CTL_TEST_UNSET"]);
    cmd.env_remove("CTL_TEST_UNSET");
    crate::common::Ctl::run_command(cmd, &["secret", "create"], None)
        .failure(125)
        .stderr_has("environment variable CTL_TEST_UNSET is not set");

    let rm = ctl.ok(&["secret", "rm", "--all"]);
    assert_eq!(rm.lines().len(), 2, "{rm}");
    ctl.run(&["secret", "rm"])
        .failure(125)
        .stderr_has("requires one argument, or the --all flag");
    ctl.run(&["secret", "rm", "-a", "x"]).failure(125);
}

#[test]
fn secret_bad_input_makes_nothing() {
    let ctl = Ctl::new();
    ctl.run_with_stdin(&["secret", "create", "a/b", "-"], Some("x"))
        .failure(125)
        .stderr_has("secret name \"a/b\" can not include '=', '/', ',', or the '\\0' (NULL) and be between 1 and 253 characters: invalid secret name");
    ctl.run_with_stdin(&["secret", "create", "empty", "-"], Some(""))
        .failure(125)
        .stderr_has("secret data must be larger than 0 and less than 512000 bytes");
    let big = "x".repeat(512_000);
    ctl.run_with_stdin(&["secret", "create", "big", "-"], Some(&big))
        .failure(125)
        .stderr_has("secret data must be larger than 0 and less than 512000 bytes");
    ctl.run(&["secret", "create", "nofile", "/nonexistent/file"])
        .failure(125)
        .stderr_has("/nonexistent/file");
    ctl.run_with_stdin(
        &["secret", "create", "--driver", "pass", "p", "-"],
        Some("x"),
    )
    .failure(125)
    .stderr_has("invalid driver");
    let err = ctl.run_with_stdin(&["secret", "create", "s", "-"], Some("x\x1b[31m"));
    err.success();
    // The data never reaches the terminal unasked, and escaped when asked.
    let shown = ctl.ok(&[
        "secret",
        "inspect",
        "--showsecret",
        "--format",
        "{{.SecretData}}",
        "s",
    ]);
    assert!(!shown.stdout.contains('\x1b'), "{shown}");
    ctl.ok(&["secret", "rm", "s"]);
    assert!(ctl.ok(&["secret", "ls", "-q"]).stdout.is_empty());
}

#[test]
fn secret_events_create_and_remove() {
    let ctl = Ctl::new();
    let id = create(&ctl, &["evsecret"], "v");
    ctl.ok(&["secret", "rm", "evsecret"]);
    let out = ctl.ok(&["events", "--stream=false", "--filter", "type=secret"]);
    let lines = out.lines();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].ends_with(&format!(" secret create {id}")), "{out}");
    assert!(lines[1].ends_with(&format!(" secret remove {id}")), "{out}");
}
