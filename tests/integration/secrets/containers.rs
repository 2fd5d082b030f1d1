//! `run/create --secret`: what the container sees, what inspect shows, and that the copies
//! belong to the container.

use crate::common::{Ctl, WithImage};

fn secret(ctl: &Ctl, name: &str, data: &str) -> String {
    let out = ctl.run_with_stdin(&["secret", "create", name, "-"], Some(data));
    out.success();
    out.stdout.trim().to_string()
}

#[test]
fn run_secret_mounts_and_env() {
    let w = WithImage::busybox();
    let ctl = &w.ctl;
    secret(ctl, "pw", "hunter2");
    secret(ctl, "key", "k3y");
    secret(ctl, "other", "0ther");
    let script = "cat /run/secrets/pw; echo; echo \"$PW_ENV\"; cat /etc/app/key; echo; \
                  stat -c '%u %g %a' /etc/app/key /run/secrets/pw; cat /run/secrets/custom; echo; \
                  (echo x > /run/secrets/pw) 2>/dev/null && echo writable || echo read-only";
    let out = ctl.ok(&[
        "run",
        "--rm",
        "--secret",
        "pw",
        "--secret",
        "pw,type=env,target=PW_ENV",
        "--secret",
        "source=key,target=/etc/app/key,uid=1000,gid=1001,mode=0400",
        "--secret",
        "other,target=custom",
        &w.reference,
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(
        out.lines(),
        [
            "hunter2",
            "hunter2",
            "k3y",
            "1000 1001 400",
            "0 0 444",
            "0ther",
            "read-only"
        ],
        "{out}"
    );
    // env's default target is the secret's name.
    let env = ctl.ok(&[
        "run",
        "--rm",
        "--secret",
        "pw,type=env",
        &w.reference,
        "sh",
        "-c",
        "echo $pw",
    ]);
    assert_eq!(env.stdout, "hunter2\n");
}

#[test]
fn create_secret_inspect_copy_and_removal() {
    let w = WithImage::busybox();
    let ctl = &w.ctl;
    let id = secret(ctl, "pw", "hunter2");
    let cid = ctl
        .ok(&[
            "create",
            "--name",
            "holder",
            "--secret",
            "pw,uid=7,mode=0440",
            "--secret",
            "pw,type=env,target=PW_ENV",
            &w.reference,
            "sh",
            "-c",
            "cat /run/secrets/pw; echo \" $PW_ENV\"",
        ])
        .stdout
        .trim()
        .to_string();
    // podman's Config.Secrets: the mounted ones; env ones are masked in Config.Env.
    let v = ctl.inspect_container("holder");
    let s = &v["Config"]["Secrets"];
    assert_eq!(
        s,
        &serde_json::json!([{"Name": "pw", "ID": id, "UID": 7, "GID": 0, "Mode": 0o440}]),
        "{v}"
    );
    let env: Vec<&str> = v["Config"]["Env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(env.contains(&"PW_ENV=*******"), "{env:?}");
    assert!(!v.to_string().contains("hunter2"), "{v}");
    let dir = ctl.dir().join("root/containers").join(&cid);
    let record = std::fs::read_to_string(dir.join("container.json")).unwrap();
    assert!(
        !record.contains("hunter2"),
        "the record holds no secret value"
    );
    let copy = dir.join("userdata/secrets/pw");
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), "hunter2");

    // podman-secret-rm(1): safe while in use; the container keeps its copy.
    ctl.ok(&["secret", "rm", "pw"]);
    secret(ctl, "pw", "changed");
    let out = ctl.ok(&["start", "-a", "holder"]);
    assert_eq!(out.stdout, "hunter2 hunter2\n");
    ctl.ok(&["rm", "holder"]);
    assert!(
        !dir.exists() && !copy.exists(),
        "the copy goes with the container"
    );
    assert!(ctl.ok(&["ps", "-aq"]).stdout.is_empty());
}

#[test]
fn run_secret_bad_input_makes_no_container() {
    let w = WithImage::busybox();
    let ctl = &w.ctl;
    secret(ctl, "pw", "v");
    ctl.run(&["run", "--rm", "--secret", "nope", &w.reference, "true"])
        .failure(125)
        .stderr_has("no secret with name or id \"nope\": no such secret");
    ctl.run(&["create", "--secret", "pw,type=env,nope", &w.reference])
        .failure(125)
        .stderr_has("option nope must be in form option=value: parsing secret");
    ctl.run(&["create", "--secret", "pw,type=file", &w.reference])
        .failure(125)
        .stderr_has("type file is invalid: parsing secret");
    ctl.run(&["create", "--secret", "pw,type=env,mode=0400", &w.reference])
        .failure(125)
        .stderr_has("UID, GID, Mode options cannot be set with secret type env: parsing secret");
    assert!(ctl.ok(&["ps", "-aq"]).stdout.is_empty());
    let containers = std::fs::read_dir(ctl.dir().join("root/containers"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(containers, 0, "nothing half-made");
}
