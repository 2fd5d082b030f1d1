//! `ctl login` / `ctl logout` against a registry with htpasswd (basic) auth.

use std::os::unix::fs::PermissionsExt;

use base64::Engine;
use serde_json::{json, Value};

use crate::common::{Ctl, Image, Registry};

const USER: &str = "tester";
const PASSWORD: &str = "s3cret:pass";

fn read_json(path: &std::path::Path) -> Value {
    let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&data).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn basic(user: &str, password: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
}

fn login(ctl: &Ctl, reg: &Registry, user: &str, password: &str) -> crate::common::Out {
    ctl.run_with_stdin(
        &["login", "-u", user, "--password-stdin", &reg.addr],
        Some(&format!("{password}\n")),
    )
}

#[test]
fn login_then_pull_then_logout() {
    let reg = Registry::start_with_auth(USER, PASSWORD);
    let img = Image::base();
    reg.push("private/app:1", &img);
    let ctl = Ctl::new();
    let r = reg.reference("private/app:1");

    let out = ctl.run(&["pull", "-q", &r]);
    out.failure(125);
    let line = out.one_line_error().to_lowercase();
    assert!(
        line.contains("auth") || line.contains("unauthorized"),
        "a clear authentication error: {out}"
    );
    assert!(ctl.images().is_empty());

    login(&ctl, &reg, USER, PASSWORD)
        .success()
        .stdout_has("Login Succeeded");
    let v = read_json(&ctl.auth_file);
    assert_eq!(
        v,
        json!({"auths": {reg.addr.clone(): {"auth": basic(USER, PASSWORD)}}}),
        "containers-auth.json format"
    );
    let mode = std::fs::metadata(&ctl.auth_file)
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "credentials are private");

    assert_eq!(ctl.pull(&r), img.id(), "pull with the saved credentials");
    ctl.assert_layers_of(&img);

    ctl.ok(&["logout", &reg.addr]);
    let v = read_json(&ctl.auth_file);
    assert!(
        v["auths"].get(&reg.addr).is_none(),
        "logout removes the entry: {v}"
    );

    ctl.ok(&["rmi", &r]);
    ctl.run(&["pull", "-q", &r]).failure(125);
    let out = ctl.run(&["logout", &reg.addr]);
    out.failure(125);
    assert!(out.one_line_error().contains(&reg.addr), "{out}");
}

#[test]
fn wrong_password_or_user_fails_login() {
    let reg = Registry::start_with_auth(USER, PASSWORD);
    let ctl = Ctl::new();
    for (user, password) in [(USER, "wrong"), ("nobody", PASSWORD)] {
        let out = login(&ctl, &reg, user, password);
        out.failure(125);
        let line = out.one_line_error();
        assert!(
            line.contains(&reg.addr),
            "the error names the registry: {line}"
        );
        assert!(
            !ctl.auth_file.exists(),
            "nothing saved after a failed login"
        );
    }
    assert!(!any_file_holds(&ctl, PASSWORD));
}

/// True if any file of the ctl instance holds `password` in clear text.
fn any_file_holds(ctl: &Ctl, password: &str) -> bool {
    fn walk(dir: &std::path::Path, needle: &[u8]) -> bool {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, needle)
                } else {
                    std::fs::read(&p).is_ok_and(|d| d.windows(needle.len()).any(|w| w == needle))
                }
            })
    }
    walk(ctl.dir(), password.as_bytes())
}

#[test]
fn login_keeps_other_entries_and_default_file_is_under_xdg_config_home() {
    let reg = Registry::start_with_auth(USER, PASSWORD);
    let ctl = Ctl::new();
    std::fs::write(
        &ctl.auth_file,
        r#"{"auths":{"other.example:5000":{"auth":"dTpw"}},"credHelpers":{"x":"y"}}"#,
    )
    .unwrap();
    login(&ctl, &reg, USER, PASSWORD).success();
    let v = read_json(&ctl.auth_file);
    assert_eq!(v["auths"]["other.example:5000"]["auth"], "dTpw");
    assert_eq!(v["credHelpers"]["x"], "y");
    assert_eq!(v["auths"][&reg.addr]["auth"], json!(basic(USER, PASSWORD)));
    ctl.ok(&["logout", &reg.addr]);
    let v = read_json(&ctl.auth_file);
    assert_eq!(v["auths"]["other.example:5000"]["auth"], "dTpw");
    assert!(v["auths"].get(&reg.addr).is_none());

    // Without REGISTRY_AUTH_FILE: $XDG_CONFIG_HOME/containers/auth.json, as podman uses.
    let mut cmd = ctl.command(&["login", "-u", USER, "--password-stdin", &reg.addr]);
    cmd.env_remove("REGISTRY_AUTH_FILE");
    Ctl::run_command(cmd, &["login"], Some(&format!("{PASSWORD}\n"))).success();
    let default = ctl.home.join(".config/containers/auth.json");
    let v = read_json(&default);
    assert_eq!(v["auths"][&reg.addr]["auth"], json!(basic(USER, PASSWORD)));

    // --authfile wins over both.
    let explicit = ctl.dir().join("explicit.json");
    let out = ctl.run_with_stdin(
        &[
            "login",
            "--authfile",
            explicit.to_str().unwrap(),
            "-u",
            USER,
            "--password-stdin",
            &reg.addr,
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    out.success();
    assert!(read_json(&explicit)["auths"].get(&reg.addr).is_some());
}
