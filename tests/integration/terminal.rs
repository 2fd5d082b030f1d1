//! `run -it`, resize, detach keys, `attach` and the exit code, in a real terminal: tmux runs
//! ctl, send-keys types into the container's shell and capture-pane reads the screen.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use crate::common::{wait_for, Ctl, WithImage};

/// A private tmux server, killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn new() -> Tmux {
        Tmux {
            socket: format!("ctl-it-{}-{}", std::process::id(), rand_suffix()),
        }
    }

    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Waits until the screen shows `text`; returns the screen.
    fn expect(&self, text: &str) -> String {
        wait_for(Duration::from_secs(10), || {
            let s = self.screen();
            s.contains(text).then_some(s)
        })
        .unwrap_or_else(|| panic!("screen never showed {text:?}:\n{}", self.screen()))
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.cmd(&args).status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(0)
}

/// A script that runs this test's ctl with its environment, then prints its exit code and
/// stays, so the pane can be read after ctl is gone.
fn wrapper(ctl: &Ctl, name: &str) -> PathBuf {
    let cmd = ctl.command(&[]);
    let mut s = String::from("#!/bin/sh\n");
    s.push_str("env -i");
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            s.push_str(&format!(
                " '{}={}'",
                k.to_string_lossy(),
                v.to_string_lossy()
            ));
        }
    }
    s.push_str(" TERM=xterm");
    s.push_str(&format!(" '{}'", cmd.get_program().to_string_lossy()));
    for a in cmd.get_args() {
        s.push_str(&format!(" '{}'", a.to_string_lossy()));
    }
    s.push_str(" \"$@\"\necho EXIT=$?\nsleep 60\n");
    let p = ctl.dir().join(name);
    std::fs::write(&p, s).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}

#[test]
fn run_it_resizes_detaches_and_reattaches() {
    let w = WithImage::busybox();
    let tmux = Tmux::new();
    let run = wrapper(&w.ctl, "run.sh");
    let line = format!("{} run -it --name term {} sh", run.display(), w.reference);
    assert!(tmux
        .cmd(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "100",
            "-y",
            "30",
            &line
        ])
        .status
        .success());
    tmux.expect("/ #");
    tmux.keys(&["echo $((6*7))", "Enter"]);
    tmux.expect("42");
    tmux.keys(&["busybox stty size", "Enter"]);
    tmux.expect("30 100");
    assert!(tmux
        .cmd(&["resize-window", "-t", "t", "-x", "120", "-y", "40"])
        .status
        .success());
    tmux.keys(&["clear; busybox stty size", "Enter"]);
    tmux.expect("40 120");
    // ctrl-p ctrl-q leaves the container running.
    tmux.keys(&["C-p", "C-q"]);
    tmux.expect("EXIT=0");
    let ps = w.ctl.ok(&["ps", "--format", "{{.Names}} {{.State}}"]);
    assert!(ps.stdout.contains("term running"), "{}", ps.stdout);

    // Attach again in a new pane; the shell is the same one.
    let attach = wrapper(&w.ctl, "attach.sh");
    let line = format!("{} attach term", attach.display());
    // A second session keeps the tmux server up: with its last session killed it exits, and
    // a new session asked for meanwhile can reach the dying server and fail.
    assert!(tmux
        .cmd(&["new-session", "-d", "-s", "keep"])
        .status
        .success());
    assert!(tmux.cmd(&["kill-session", "-t", "t"]).status.success());
    assert!(tmux
        .cmd(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "90",
            "-y",
            "25",
            &line
        ])
        .status
        .success());
    // A prompt on the new pane: attach streams output only after it sent its window size.
    tmux.keys(&["Enter"]);
    tmux.expect("/ #");
    tmux.keys(&["clear; busybox stty size", "Enter"]);
    tmux.expect("25 90");
    tmux.keys(&["exit 7", "Enter"]);
    tmux.expect("EXIT=7");
    let st = w.ctl.ok(&[
        "inspect",
        "--format",
        "{{.State.Status}} {{.State.ExitCode}}",
        "term",
    ]);
    assert_eq!(st.stdout.trim(), "exited 7");
    w.ctl.ok(&["rm", "term"]);
}

#[test]
fn interactive_pipe_and_signal_proxy() {
    let w = WithImage::busybox();
    let out = w
        .ctl
        .run_with_stdin(&["run", "-i", "--rm", &w.reference, "cat"], Some("hi\n"));
    out.success();
    assert_eq!(out.stdout, "hi\n");

    // SIGTERM to a foreground `ctl run` reaches the container.
    let child = w.ctl.spawn(&[
        "run",
        "--rm",
        "--name",
        "proxy",
        &w.reference,
        "sh",
        "-c",
        "trap 'echo got-term; exit 9' TERM; echo ready; while true; do sleep 0.1; done",
    ]);
    // "ready" comes after the trap; ctl proxies signals from before the container starts.
    let ready = wait_for(Duration::from_secs(10), || {
        let logs = w.ctl.run(&["logs", "proxy"]);
        logs.stdout.contains("ready").then_some(())
    });
    assert!(ready.is_some(), "container never said ready");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let out = crate::common::Out::wait(&["run", "proxy"], child);
    assert_eq!(out.code, Some(9), "{out:?}");
    assert!(out.stdout.contains("got-term"), "{out:?}");
}

/// `start -ai`, as podman's (`podman start --interactive --attach`): the created
/// container's terminal here, its exit code ctl's.
#[test]
fn start_ai_attaches_a_terminal_and_exits_with_its_code() {
    let w = WithImage::busybox();
    w.ctl.ok(&[
        "create",
        "-it",
        "--name",
        "later",
        "--network",
        "none",
        &w.reference,
        "sh",
    ]);
    let tmux = Tmux::new();
    let start = wrapper(&w.ctl, "start.sh");
    let line = format!("{} start -ai later", start.display());
    assert!(tmux
        .cmd(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "100",
            "-y",
            "30",
            &line
        ])
        .status
        .success());
    tmux.expect("/ #");
    tmux.keys(&["echo $((6*7))", "Enter"]);
    tmux.expect("42");
    tmux.keys(&["exit 5", "Enter"]);
    tmux.expect("EXIT=5");

    // Piped stdin reaches a container created with -i.
    w.ctl.ok(&[
        "create",
        "-i",
        "--name",
        "cat",
        "--network",
        "none",
        &w.reference,
        "cat",
    ]);
    let out = w
        .ctl
        .run_with_stdin(&["start", "-a", "cat"], Some("piped\n"));
    out.success();
    assert_eq!(out.stdout, "piped\n");
    w.ctl.ok(&["rm", "later", "cat"]);
}
