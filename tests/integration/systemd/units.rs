//! `ctl generate systemd`: the units name the container's own options, pass
//! `systemd-analyze verify`, and are written with --files.

use std::path::Path;
use std::process::Command;

use crate::common::{Ctl, WithImage};

/// `systemd-analyze verify` of one unit file (no running systemd needed); panics with its
/// complaints.
pub fn verify(unit: &Path) {
    let out = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(unit)
        .current_dir(unit.parent().expect("unit dir"))
        .output()
        .expect("systemd-analyze (apt-get install systemd)");
    let text = String::from_utf8_lossy(&out.stderr);
    let unit_text = std::fs::read_to_string(unit).unwrap_or_default();
    assert!(
        out.status.success() && text.trim().is_empty(),
        "systemd-analyze verify {}:\n{text}\n--- unit\n{unit_text}",
        unit.display()
    );
}

/// Writes `text` as `dir/name` and verifies it.
pub(super) fn verify_text(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write unit");
    verify(&p);
}

#[test]
fn new_units_carry_the_containers_own_options() {
    let w = WithImage::busybox();
    let create = [
        "create",
        "--name",
        "web",
        "-e",
        "GREETING=hello world",
        "--stop-timeout",
        "7",
        "-l",
        "a=b",
        "--rm",
        &w.reference,
        "sh",
        "-c",
        "echo 100% $HOME",
    ];
    w.ctl.ok(&create);
    let unit = w
        .ctl
        .ok(&["generate", "systemd", "--new", "--name", "web"])
        .stdout;
    for want in [
        "# container-web.service\n",
        "Type=notify\nNotifyAccess=all\n",
        "TimeoutStopSec=67\n",
        "\t--sdnotify=conmon \\\n",
        "\t--name web \\\n",
        "\t-e \"GREETING=hello world\" \\\n",
        "\t--stop-timeout 7 \\\n",
        "\t-l a=b \\\n",
        "\t-f --ignore -t 7 --cidfile=%t/%n.ctr-id\n",
        "[Install]\nWantedBy=default.target\n",
    ] {
        assert!(unit.contains(want), "missing {want:?}:\n{unit}");
    }
    // The command keeps its words; % and $ reach it literally.
    let image_line = format!("\t{} sh -c \"echo 100%% $$HOME\"\n", w.reference);
    assert!(
        unit.contains(&image_line),
        "missing {image_line:?}:\n{unit}"
    );
    // The store is named, since it is not the default one.
    let globals = format!(
        "{} --config {} --root {} --runroot {} ",
        env!("CARGO_BIN_EXE_ctl"),
        w.ctl.config_file.display(),
        w.ctl.root.display(),
        w.ctl.runroot.display()
    );
    for key in ["ExecStart=", "ExecStop=", "ExecStopPost="] {
        assert!(
            unit.contains(&format!("{key}{globals}")),
            "{key} lacks the store:\n{unit}"
        );
    }
    verify_text(w.ctl.dir(), "container-web.service", &unit);
}

#[test]
fn existing_container_units_and_flags() {
    let w = WithImage::busybox();
    let id = w
        .ctl
        .ok(&["create", "--name", "db", &w.reference, "sleep", "1000"])
        .stdout;
    let id = id.trim();
    let args = [
        "generate",
        "systemd",
        "--restart-policy",
        "always",
        "--restart-sec",
        "3",
        "-t",
        "4",
        "--after",
        "local-fs.target",
        "--wants",
        "sysinit.target",
        "--requires",
        "basic.target",
        "db",
    ];
    let unit = w.ctl.ok(&args).stdout;
    for want in [
        format!("# container-{id}.service\n"),
        "Restart=always\nRestartSec=3\nTimeoutStopSec=64\n".to_string(),
        "After=local-fs.target\nWants=sysinit.target\nRequires=basic.target\n".to_string(),
        format!(" start \\\n\t{id}\n"),
        format!(" stop \\\n\t-t 4 {id}\n"),
        format!(
            "PIDFile={}\n",
            w.ctl
                .runroot
                .join("containers")
                .join(id)
                .join("monitor.pid")
                .display()
        ),
        "Type=forking\n".to_string(),
    ] {
        assert!(unit.contains(&want), "missing {want:?}:\n{unit}");
    }
    verify_text(w.ctl.dir(), &format!("container-{id}.service"), &unit);

    // --files: written to the current directory, its path printed.
    let out_dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = w
        .ctl
        .command(&["generate", "systemd", "--files", "--name", "db"]);
    cmd.current_dir(out_dir.path());
    let out = Ctl::run_command(cmd, &["generate", "systemd", "--files"], None);
    let path = out_dir.path().join("container-db.service");
    assert_eq!(out.success().stdout.trim(), path.display().to_string());
    verify(&path);

    w.ctl.run(&["generate", "systemd", "nosuch"]).failure(125);
    w.ctl
        .run(&["generate", "systemd", "--restart-policy", "sometimes", "db"])
        .failure(125);
}

#[test]
fn quadlet_files_become_units() {
    let ctl = Ctl::new();
    let dir = ctl.dir();
    let file = dir.join("web.container");
    std::fs::write(
        &file,
        "[Unit]\nDescription=Web server\nAfter=local-fs.target\n\n[Container]\n\
         Image=busybox\nExec=httpd -f -p 8080 -h \"/www root\"\nVolume=%h/www:/www:ro\n\
         Environment=MODE=prod \"GREETING=hello world\"\nUser=nobody\n\n\
         [Service]\nRestart=always\n\n[Install]\nWantedBy=multi-user.target\n",
    )
    .expect("write web.container");
    let f = file.display().to_string();
    let unit = ctl.ok(&["generate", "systemd", "--from", &f]).stdout;
    for want in [
        "# web.service\n",
        "Description=Web server\n",
        "After=local-fs.target\n",
        "\t--name systemd-%N \\\n",
        "\t--volume %h/www:/www:ro \\\n",
        "\t--env \"GREETING=hello world\" \\\n",
        "\t--user nobody \\\n",
        "\tbusybox httpd -f -p 8080 -h \"/www root\"\n",
        "NotifyAccess=all\nRestart=always\n",
        "[Install]\nWantedBy=multi-user.target\n",
    ] {
        assert!(unit.contains(want), "missing {want:?}:\n{unit}");
    }
    verify_text(dir, "web.service", &unit);

    std::fs::write(&file, "[Container]\nImage=busybox\nPod=x\n").expect("write");
    let err = ctl
        .run(&["generate", "systemd", "--from", &f])
        .failure(125)
        .one_line_error();
    assert!(err.contains("Pod="), "{err}");
}
