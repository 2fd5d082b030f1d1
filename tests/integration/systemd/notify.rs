//! `--sdnotify=conmon|container|ignore` with NOTIFY_SOCKET set in ctl's environment: a real
//! unix datagram socket stands in for systemd's.

use std::os::linux::net::SocketAddrExt;
use std::os::unix::net::{SocketAddr, UnixDatagram};
use std::time::Duration;

use crate::common::{wait_for, Ctl, Out, WithImage};

/// A bound notify socket and the NOTIFY_SOCKET value that reaches it.
struct Listener {
    sock: UnixDatagram,
    addr: String,
    _dir: tempfile::TempDir,
}

impl Listener {
    fn path() -> Listener {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("notify.sock");
        let sock = UnixDatagram::bind(&path).expect("bind notify socket");
        Listener {
            sock,
            addr: path.display().to_string(),
            _dir: dir,
        }
    }

    fn abstract_name() -> Listener {
        let name = format!(
            "ctl-test-notify-{}-{}",
            std::process::id(),
            crate::common::free_port()
        );
        let addr = SocketAddr::from_abstract_name(name.as_bytes()).expect("abstract addr");
        Listener {
            sock: UnixDatagram::bind_addr(&addr).expect("bind abstract socket"),
            addr: format!("@{name}"),
            _dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The next datagram, or None after `timeout`.
    fn recv(&self, timeout: Duration) -> Option<String> {
        self.sock.set_read_timeout(Some(timeout)).expect("timeout");
        let mut buf = [0u8; 4096];
        let n = self.sock.recv(&mut buf).ok()?;
        Some(String::from_utf8_lossy(&buf[..n]).into_owned())
    }
}

fn run(ctl: &Ctl, notify: &str, args: &[&str]) -> Out {
    let mut cmd = ctl.command(args);
    cmd.env("NOTIFY_SOCKET", notify);
    Ctl::run_command(cmd, args, None)
}

fn pid_of(ctl: &Ctl, name: &str) -> i64 {
    let v = ctl.ok(&["container", "inspect", name]).json();
    v[0]["State"]["Pid"].as_i64().expect("State.Pid")
}

/// The container's monitor: the main pid systemd is told (as conmon's is podman's).
fn monitor_of(ctl: &Ctl, name: &str) -> i64 {
    let v = ctl.ok(&["container", "inspect", name]).json();
    let id = v[0]["Id"].as_str().expect("Id");
    let p = ctl.runroot.join("containers").join(id).join("monitor.pid");
    let text = std::fs::read_to_string(&p).expect("monitor.pid");
    text.trim().parse().expect("monitor pid")
}

fn comm(pid: i64) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[test]
fn conmon_mode_sends_mainpid_then_ready_once_running() {
    let w = WithImage::busybox();
    let l = Listener::path();
    let args = [
        "run",
        "-d",
        "--sdnotify=conmon",
        "--name",
        "nc",
        &w.reference,
        "sleep",
        "1000",
    ];
    run(&w.ctl, &l.addr, &args).success();
    let (pid, monitor) = (pid_of(&w.ctl, "nc"), monitor_of(&w.ctl, "nc"));
    let first = l
        .recv(Duration::from_secs(10))
        .expect("no MAINPID datagram");
    assert_eq!(first, format!("MAINPID={monitor}\n"));
    let second = l.recv(Duration::from_secs(10)).expect("no READY datagram");
    assert_eq!(second, format!("READY=1\nMAINPID={monitor}\n"));
    // READY means started: the container's process is (or is about to be) its command, not
    // the runtime's init waiting for `start`.
    let running = wait_for(Duration::from_secs(5), || {
        (comm(pid) == "sleep").then_some(())
    });
    assert!(running.is_some(), "pid {pid} is {:?}, not sleep", comm(pid));
    assert_eq!(
        l.recv(Duration::from_millis(300)),
        None,
        "more than two datagrams"
    );

    // Neither the container nor the runtime got the socket.
    let out = run(
        &w.ctl,
        &l.addr,
        &[
            "run",
            "--rm",
            "--sdnotify=conmon",
            &w.reference,
            "sh",
            "-c",
            "env; ls /run/notify",
        ],
    );
    assert!(!out.stdout.contains("NOTIFY_SOCKET"), "{out}");
    assert!(
        out.stderr.contains("No such file"),
        "/run/notify exists in the container:\n{out}"
    );
}

#[test]
fn container_mode_binds_the_socket_into_the_container() {
    let w = WithImage::busybox();
    let l = Listener::path();
    let script = "test -S \"$NOTIFY_SOCKET\" && echo \"socket at $NOTIFY_SOCKET\"";
    let out = run(
        &w.ctl,
        &l.addr,
        &[
            "run",
            "--rm",
            "--sdnotify=container",
            &w.reference,
            "sh",
            "-c",
            script,
        ],
    );
    out.success()
        .stdout_has("socket at /run/notify/notify.sock");
    // The monitor names the main pid; readiness is the container's to send.
    let first = l
        .recv(Duration::from_secs(10))
        .expect("no MAINPID datagram");
    assert!(
        first.starts_with("MAINPID=") && !first.contains("READY"),
        "{first:?}"
    );
    assert_eq!(l.recv(Duration::from_millis(300)), None);
    // The default mode is container.
    run(
        &w.ctl,
        &l.addr,
        &["run", "--rm", &w.reference, "sh", "-c", script],
    )
    .success()
    .stdout_has("socket at /run/notify/notify.sock");
}

#[test]
fn ignore_mode_and_no_socket_send_nothing() {
    let w = WithImage::busybox();
    let l = Listener::path();
    let out = run(
        &w.ctl,
        &l.addr,
        &["run", "--rm", "--sdnotify=ignore", &w.reference, "env"],
    );
    assert!(!out.success().stdout.contains("NOTIFY_SOCKET"), "{out}");
    assert_eq!(l.recv(Duration::from_millis(500)), None);
    let cfg: serde_json::Value = {
        let id = w
            .ctl
            .ok(&["create", "--sdnotify=ignore", &w.reference])
            .stdout;
        let p = w
            .ctl
            .root
            .join("containers")
            .join(id.trim())
            .join("container.json");
        serde_json::from_slice(&std::fs::read(p).expect("container.json")).expect("json")
    };
    assert_eq!(cfg["sdnotify"], "ignore");
}

#[test]
fn abstract_sockets_work_for_conmon_and_are_refused_for_container() {
    let w = WithImage::busybox();
    let l = Listener::abstract_name();
    let args = [
        "run",
        "-d",
        "--sdnotify=conmon",
        "--name",
        "na",
        &w.reference,
        "sleep",
        "1000",
    ];
    run(&w.ctl, &l.addr, &args).success();
    let pid = monitor_of(&w.ctl, "na");
    assert_eq!(
        l.recv(Duration::from_secs(10)),
        Some(format!("MAINPID={pid}\n"))
    );
    assert_eq!(
        l.recv(Duration::from_secs(10)),
        Some(format!("READY=1\nMAINPID={pid}\n"))
    );
    let out = run(
        &w.ctl,
        &l.addr,
        &["run", "--rm", "--sdnotify=container", &w.reference, "true"],
    );
    out.failure(125);
    assert!(out.one_line_error().contains("--sdnotify=conmon"), "{out}");
}
