//! `run` options as the container sees them.

use super::*;

/// Runs `--rm EXTRA IMAGE sh -c SCRIPT`, asserts success, returns stdout.
fn sh(w: &WithImage, extra: &[&str], script: &str) -> String {
    let out = run_rm(w, extra, &["sh", "-c", script]);
    out.success();
    out.stdout
}

/// `--env-merge`, `--unsetenv`, `--unsetenv-all` and `--http-proxy`, as podman-run(1)
/// describes them: the default and image environment is changed before the flags' own
/// entries; the caller's proxy variables pass in unless `--http-proxy=false`.
#[test]
fn env_merge_unsetenv_and_http_proxy() {
    let w = setup();
    let env_of = |extra: &[&str], proxy: Option<&str>| -> Vec<String> {
        let args = run_args(&w, "--rm", extra, &["/bin/env"]);
        let mut cmd = w.ctl.command(&args);
        if let Some(p) = proxy {
            cmd.env("https_proxy", p).env("NO_PROXY", "localhost");
        }
        let out = crate::common::Ctl::run_command(cmd, &args, None);
        out.success();
        out.lines().iter().map(|l| l.to_string()).collect()
    };
    let has = |env: &[String], want: &str| env.iter().any(|l| l == want);
    let named = |env: &[String], name: &str| env.iter().any(|l| l.starts_with(&format!("{name}=")));
    // The proxy variables pass by default, and not with --http-proxy=false.
    let env = env_of(&[], Some("http://proxy.example:3128"));
    assert!(
        has(&env, "https_proxy=http://proxy.example:3128"),
        "{env:?}"
    );
    assert!(has(&env, "NO_PROXY=localhost"), "{env:?}");
    let env = env_of(&["--http-proxy=false"], Some("http://proxy.example:3128"));
    assert!(
        !named(&env, "https_proxy") && !named(&env, "NO_PROXY"),
        "{env:?}"
    );
    // --env-merge expands against the default environment.
    let env = env_of(&["--env-merge", "PATH=/opt/bin:${PATH}"], None);
    assert!(
        has(
            &env,
            "PATH=/opt/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        ),
        "{env:?}"
    );
    // --unsetenv drops a default; -e still sets what it names.
    let env = env_of(
        &["--unsetenv", "container", "--unsetenv", "PATH", "-e", "X=1"],
        None,
    );
    assert!(!named(&env, "container") && !named(&env, "PATH"), "{env:?}");
    assert!(has(&env, "X=1"), "{env:?}");
    // --unsetenv-all: only the flags' variables, and podman's HOSTNAME (and HOME).
    let env = env_of(&["--unsetenv-all", "-e", "X=1", "--hostname", "h"], None);
    let mut names: Vec<&str> = env.iter().map(|l| l.split('=').next().unwrap()).collect();
    names.sort_unstable();
    assert_eq!(names, ["HOME", "HOSTNAME", "X"], "{env:?}");
    // A merge without `=` is podman's error, and nothing is left.
    let out = w.ctl.run(&run_args(
        &w,
        "--rm",
        &["--name", "badmerge", "--env-merge", "NOPE"],
        &["true"],
    ));
    out.failure(125);
    assert_eq!(
        out.one_line_error(),
        "Error: missing `=` for --env-merge substitution NOPE"
    );
    assert_eq!(
        w.ctl.run(&["container", "exists", "badmerge"]).code,
        Some(1)
    );
}

#[test]
fn env_and_env_file() {
    let w = setup();
    let file = w.ctl.dir().join("env.list");
    std::fs::write(
        &file,
        "# a comment\n\nFROM_FILE=one\nSPACED=two words\nOVERRIDDEN=file\nINHERITED\n",
    )
    .unwrap();
    let args = run_args(
        &w,
        "--rm",
        &[
            "--env-file",
            file.to_str().unwrap(),
            "-e",
            "OVERRIDDEN=flag",
            "-e",
            "FROM_FLAG=x=y",
            "--env",
            "PASSED",
        ],
        &["env"],
    );
    let mut cmd = w.ctl.command(&args);
    cmd.env("INHERITED", "from ctl's env").env("PASSED", "also");
    let out = crate::common::Ctl::run_command(cmd, &args, None);
    out.success();
    let env: Vec<&str> = out.lines();
    for want in [
        "FROM_FILE=one",
        "SPACED=two words",
        "OVERRIDDEN=flag",
        "FROM_FLAG=x=y",
        "INHERITED=from ctl's env",
        "PASSED=also",
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    ] {
        assert!(env.contains(&want), "{want} missing: {env:?}");
    }
    assert!(!env.iter().any(|l| l.starts_with("OVERRIDDEN=file")));
    let missing = w.ctl.run(&run_args(
        &w,
        "--rm",
        &["--env-file", "/nonexistent/env"],
        &["true"],
    ));
    missing.failure(125);
    assert!(missing.one_line_error().contains("/nonexistent/env"));
}

#[test]
fn volumes_mounts_and_tmpfs() {
    let w = setup();
    let host = w.ctl.dir().join("vol");
    std::fs::create_dir(&host).unwrap();
    std::fs::write(host.join("in.txt"), "from host\n").unwrap();
    let h = host.to_str().unwrap();

    let rw = format!("{h}:/data");
    assert_eq!(
        sh(
            &w,
            &["-v", &rw],
            "cat /data/in.txt; echo written > /data/out.txt"
        ),
        "from host\n"
    );
    assert_eq!(
        std::fs::read_to_string(host.join("out.txt")).unwrap(),
        "written\n"
    );

    let ro = format!("{h}:/data:ro");
    let out = sh(
        &w,
        &["-v", &ro],
        "cat /data/in.txt; touch /data/new 2>&1; echo rc=$?",
    );
    assert!(out.starts_with("from host\n"), "{out}");
    assert!(
        out.contains("Read-only file system") && out.ends_with("rc=1\n"),
        "{out}"
    );
    assert!(!host.join("new").exists());

    let bind = format!("type=bind,source={h},target=/b,readonly");
    let out = sh(
        &w,
        &[
            "--mount",
            &bind,
            "--mount",
            "type=tmpfs,target=/t",
            "--tmpfs",
            "/u:size=1m",
        ],
        "cat /b/in.txt; touch /b/x 2>/dev/null || echo ro; echo t > /t/f && cat /t/f; \
         echo u > /u/f && cat /u/f; grep -E ' /(t|u|b) ' /proc/mounts",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(&lines[..4], ["from host", "ro", "t", "u"], "{out}");
    let mounts = &lines[4..];
    assert!(
        mounts.iter().any(|l| l.starts_with("tmpfs /t tmpfs rw")),
        "{out}"
    );
    assert!(
        mounts
            .iter()
            .any(|l| l.starts_with("tmpfs /u tmpfs rw") && l.contains("size=1024k")),
        "{out}"
    );
    assert!(
        mounts
            .iter()
            .any(|l| l.contains(" /b ") && l.contains(" ro")),
        "{out}"
    );

    // Inspect records them.
    run_d(
        &w,
        &["--name", "m", "-v", &ro, "--tmpfs", "/u"],
        &["sleep", "1000"],
    );
    let v = inspect(&w, "m");
    let mounts = v["Mounts"].as_array().unwrap();
    assert!(
        mounts.iter().any(|m| m["Type"] == "bind"
            && m["Source"] == h
            && m["Destination"] == "/data"
            && m["RW"] == false),
        "{mounts:?}"
    );
    assert!(
        mounts
            .iter()
            .any(|m| m["Type"] == "tmpfs" && m["Destination"] == "/u"),
        "{mounts:?}"
    );
    w.ctl.ok(&["rm", "-f", "m"]);

    // (`relative:/x` names a volume now: tests/integration/volumes/.)
    for bad in [
        "./relative:/x",
        "/nonexistent-host-dir-xyz:/x",
        &format!("{h}:rel"),
    ] {
        let out = run_rm(&w, &["-v", bad], &["true"]);
        out.failure(125);
        out.one_line_error();
    }
    assert_all_gone(&w);
}

#[test]
fn workdir_user_entrypoint_hostname() {
    let w = setup();
    assert_eq!(sh(&w, &["-w", "/data"], "pwd"), "/data\n");
    assert_eq!(sh(&w, &["-w", "/new/dir"], "pwd"), "/new/dir\n");
    assert_eq!(sh(&w, &[], "pwd"), "/\n");
    let bad = run_rm(&w, &["-w", "rel"], &["true"]);
    bad.failure(125);
    assert_eq!(
        bad.one_line_error(),
        "Error: invalid working directory \"rel\": must be an absolute path"
    );

    assert_eq!(
        sh(&w, &["-u", "user"], "id"),
        "uid=1000(user) gid=1000(user)\n"
    );
    assert_eq!(sh(&w, &["-u", "1234:5678"], "id -u; id -g"), "1234\n5678\n");
    assert_eq!(sh(&w, &["-u", "user:root"], "id -u; id -g"), "1000\n0\n");
    assert_eq!(
        sh(&w, &["-u", "1000"], "id -un; echo $HOME"),
        "user\n/home/user\n"
    );
    let bad = run_rm(&w, &["-u", "nosuchuser"], &["true"]);
    bad.failure(125);
    assert!(bad.one_line_error().contains("nosuchuser"), "{bad}");

    let out = run_rm(&w, &["--entrypoint", "echo"], &["hi", "there"]);
    out.success();
    assert_eq!(out.stdout, "hi there\n");
    let out = run_rm(
        &w,
        &["--entrypoint", "", "--name", "ep"],
        &["echo", "cleared"],
    );
    out.success();
    assert_eq!(out.stdout, "cleared\n");
    run_d(
        &w,
        &["--name", "ep", "--entrypoint", "sh"],
        &["-c", "sleep 1000"],
    );
    assert_eq!(field(&w, "ep", "{{json .Config.Entrypoint}}"), "[\"sh\"]");
    assert_eq!(
        field(&w, "ep", "{{json .Config.Cmd}}"),
        "[\"-c\",\"sleep 1000\"]"
    );
    w.ctl.ok(&["rm", "-f", "ep"]);

    let out = sh(
        &w,
        &["--hostname", "box.example"],
        "hostname; cat /etc/hostname; grep box.example /etc/hosts",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(&lines[..2], ["box.example", "box.example"], "{out}");
    assert!(
        lines.len() == 3 && lines[2].split_whitespace().any(|w| w == "box.example"),
        "{out}"
    );
    let out = sh(&w, &[], "grep localhost /etc/hosts");
    assert!(out.contains("127.0.0.1"), "{out}");
    assert_all_gone(&w);
}

#[test]
fn labels_replace_cidfile() {
    let w = setup();
    let a = run_d(
        &w,
        &["--name", "lab", "--label", "tier=web", "-l", "flag"],
        &["sleep", "1000"],
    );
    run_d(
        &w,
        &["--name", "other", "--label", "tier=db"],
        &["sleep", "1000"],
    );
    let labels = &inspect(&w, "lab")["Config"]["Labels"];
    assert_eq!(labels, &serde_json::json!({"tier": "web", "flag": ""}));
    let names = |f: &str| -> Vec<String> {
        w.ctl
            .ok(&["ps", "--filter", f, "--format", "{{.Names}}"])
            .lines()
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    assert_eq!(names("label=tier=web"), ["lab"]);
    assert_eq!(names("label=flag"), ["lab"]);
    assert_eq!(names("label=tier"), ["lab", "other"]);
    assert_eq!(names("label=tier=none"), Vec::<String>::new());

    // The name is taken; --replace removes the holder first.
    let out = w
        .ctl
        .run(&run_args(&w, "-d", &["--name", "lab"], &["true"]));
    out.failure(125);
    assert_eq!(
        out.one_line_error(),
        format!("Error: name \"lab\" is already in use by {a}")
    );
    let (pid, monitor) = pids(&w, &a);
    let b = run_d(&w, &["--name", "lab", "--replace"], &["sleep", "1000"]);
    assert_ne!(a, b);
    assert_gone(&w, &a, None, &[pid.unwrap(), monitor.unwrap()]);
    assert_eq!(field(&w, "lab", "{{.Id}}"), b);

    let cid = w.ctl.dir().join("cid");
    let c = run_d(&w, &["--cidfile", cid.to_str().unwrap()], &["true"]);
    assert_eq!(std::fs::read_to_string(&cid).unwrap(), c);
    let again = w.ctl.run(&run_args(
        &w,
        "-d",
        &["--cidfile", cid.to_str().unwrap()],
        &["true"],
    ));
    again.failure(125);
    assert!(again.one_line_error().contains(cid.to_str().unwrap()));
    assert_eq!(all_ids(&w).len(), 3, "the refused run created nothing");
    w.ctl.ok(&[
        "rm",
        "-f",
        "--cidfile",
        cid.to_str().unwrap(),
        "lab",
        "other",
    ]);
    assert!(!cid.exists(), "rm --cidfile removes the id file");
    assert_all_gone(&w);
}

#[test]
fn read_only_rootfs() {
    let w = setup();
    let host = w.ctl.dir().join("vol");
    std::fs::create_dir(&host).unwrap();
    let v = format!("{}:/vol", host.display());
    let out = sh(
        &w,
        &["--read-only", "--tmpfs", "/scratch", "-v", &v],
        "touch /x 2>&1; echo rc=$?; touch /etc/x 2>/dev/null; echo rc=$?; \
         touch /scratch/x; echo rc=$?; touch /vol/x; echo rc=$?",
    );
    assert_eq!(
        out,
        "touch: /x: Read-only file system\nrc=1\nrc=1\nrc=0\nrc=0\n"
    );
    assert!(host.join("x").exists());
    run_d(&w, &["--name", "ro", "--read-only"], &["sleep", "1000"]);
    assert_eq!(field(&w, "ro", "{{.HostConfig.ReadonlyRootfs}}"), "true");
    w.ctl.ok(&["rm", "-f", "ro"]);
    // Without it, the rootfs is writable.
    assert_eq!(sh(&w, &[], "touch /x && echo ok"), "ok\n");
}

/// Interface names in a /proc/net/dev text.
fn interfaces(dev: &str) -> Vec<String> {
    let mut v: Vec<String> = dev
        .lines()
        .skip(2)
        .filter_map(|l| l.split(':').next())
        .map(|s| s.trim().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn network_none_and_host() {
    let w = setup();
    let none = sh(&w, &["--network", "none"], "cat /proc/net/dev");
    assert_eq!(interfaces(&none), ["lo"], "{none}");
    let default = sh(&w, &[], "cat /proc/net/dev");
    assert_eq!(
        interfaces(&default),
        ["eth0", "lo"],
        "as root the default is the bridge network: {default}"
    );

    // Other programs on this machine add and remove interfaces: compare with the ones
    // present both before and after.
    let host_now = || interfaces(&std::fs::read_to_string("/proc/net/dev").unwrap());
    let before = host_now();
    let host = interfaces(&sh(&w, &["--network", "host"], "cat /proc/net/dev"));
    let after = host_now();
    let stable: Vec<&String> = before.iter().filter(|i| after.contains(i)).collect();
    assert!(stable.len() > 1, "this machine has only lo: {before:?}");
    for i in &stable {
        assert!(host.contains(i), "{i} missing in the container: {host:?}");
    }
    // Containers of other tests come and go on the bridge meanwhile, each with a host-side
    // veth that may exist only while the host-network container looked.
    for i in host.iter().filter(|i| !i.starts_with("veth")) {
        assert!(
            before.contains(i) || after.contains(i),
            "{i} is not the host's: {host:?}"
        );
    }
    assert_eq!(
        sh(&w, &["--net", "host"], "cat /proc/sys/kernel/hostname"),
        format!(
            "{}\n",
            nix::unistd::gethostname().unwrap().to_string_lossy()
        )
    );
    let bad = run_rm(&w, &["--network", "bogus"], &["true"]);
    bad.failure(125);
    assert!(bad.one_line_error().contains("bogus"));
}
