//! Rootless networking: a network namespace made inside the user namespace (bound to a file
//! under the run directory) and connected to the host by pasta (Debian `passt`), or
//! slirp4netns, which also forward `-p` ports from the host.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::context::Context;
use crate::error::{Error, Result};
use crate::network::ports::{self, PortMapping};
use crate::runtime::find_program;

/// Picks free host ports for mappings that left them to us (`-p 80`).
pub fn assign_host_ports(ports: &mut [PortMapping]) -> Result<()> {
    for p in ports.iter_mut().filter(|p| p.host_port == 0) {
        // The socket closes at once: pasta or slirp4netns binds the port at start.
        ports::reserve(std::slice::from_mut(p))?;
    }
    Ok(())
}

/// A user-mode network stack for a rootless container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Pasta,
    Slirp4netns,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Pasta => "pasta",
            Backend::Slirp4netns => "slirp4netns",
        }
    }

    pub fn parse(s: &str) -> Option<Backend> {
        match s {
            "pasta" => Some(Backend::Pasta),
            "slirp4netns" => Some(Backend::Slirp4netns),
            _ => None,
        }
    }

    /// The ones installed, in order of preference: the first is the rootless default.
    pub fn available() -> Vec<Backend> {
        [Backend::Pasta, Backend::Slirp4netns]
            .into_iter()
            .filter(|b| find_program(b.name()).is_some())
            .collect()
    }

    fn program(self) -> Result<PathBuf> {
        find_program(self.name()).ok_or_else(|| {
            let pkg = match self {
                Backend::Pasta => "passt",
                Backend::Slirp4netns => "slirp4netns",
            };
            Error::Rootless(format!(
                "{} is not installed (Debian package {pkg}); or use --network none|host",
                self.name()
            ))
        })
    }
}

/// What `ctl info` reports as the network backend.
pub fn backend_name(ctx: &Context) -> String {
    if !ctx.rootless {
        return "none".into();
    }
    match Backend::available().first() {
        Some(b) => b.name().into(),
        None => "none (install passt or slirp4netns)".into(),
    }
}

/// Host ports below this need privileges the user does not have.
pub fn unprivileged_port_start() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1024)
}

/// Refuses host ports a rootless user cannot bind (below `start`, the sysctl's value).
pub fn check_ports(ports: &[PortMapping], start: u16) -> Result<()> {
    // Port 0 is any free one, picked later among the unprivileged ones.
    match ports
        .iter()
        .find(|p| p.host_port != 0 && p.host_port < start)
    {
        Some(p) => Err(Error::InvalidInput {
            what: "port mapping",
            value: ports::display(std::slice::from_ref(p)),
            reason: format!(
                "rootless containers cannot publish host port {} (below \
                 net.ipv4.ip_unprivileged_port_start={start}): use a port >= {start}, or \
                 lower that sysctl as root",
                p.host_port
            ),
        }),
        None => Ok(()),
    }
}

/// Where a container's network namespace is bound, and its helper's pid file.
pub fn netns_path(runroot: &Path, id: &str) -> PathBuf {
    runroot.join("netns").join(id)
}

/// slirp4netns's API socket: named by the short id, as a socket path must fit 108 bytes.
fn api_socket(runroot: &Path, id: &str) -> PathBuf {
    runroot
        .join("netns")
        .join(format!("{}.sock", &id[..id.len().min(12)]))
}

fn helper_pidfile(runroot: &Path, id: &str) -> PathBuf {
    runroot.join("netns").join(format!("{id}.pid"))
}

/// Creates the container's network namespace (owned by the user namespace we are in) and
/// connects it to the host. Idempotent for a namespace already set up.
pub fn setup(runroot: &Path, id: &str, backend: Backend, ports: &[PortMapping]) -> Result<()> {
    let ns = netns_path(runroot, id);
    teardown(runroot, id);
    crate::fsutil::create_private_dir(ns.parent().unwrap_or(runroot))?;
    create_netns(&ns)?;
    let started = match backend {
        Backend::Pasta => start_pasta(runroot, id, &ns, ports),
        Backend::Slirp4netns => start_slirp(runroot, id, &ns, ports),
    };
    if started.is_err() {
        teardown(runroot, id);
    }
    started
}

/// Stops the helper and releases the namespace; whatever is already gone is fine.
pub fn teardown(runroot: &Path, id: &str) {
    let pidfile = helper_pidfile(runroot, id);
    if let Some(pid) = std::fs::read_to_string(&pidfile)
        .ok()
        .and_then(|s| s.trim().parse::<i32>().ok())
    {
        let start = crate::container::state::process_start(pid);
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        // pasta runs as `passt` or `passt.avx2` (its comm), slirp4netns as itself.
        let comm = comm.trim();
        if comm.starts_with("pasta") || comm.starts_with("passt") || comm == "slirp4netns" {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGTERM,
            );
            crate::sys::wait_gone(pid, start, Some(std::time::Duration::from_secs(2)));
        }
    }
    let _ = std::fs::remove_file(&pidfile);
    let _ = std::fs::remove_file(api_socket(runroot, id));
    let _ = std::fs::remove_file(runroot.join("netns").join(format!("{id}.log")));
    let ns = netns_path(runroot, id);
    let _ = nix::mount::umount2(&ns, nix::mount::MntFlags::MNT_DETACH);
    let _ = std::fs::remove_file(&ns);
}

/// A new network namespace, kept by a bind mount of its nsfs file on `path`. A short-lived
/// thread enters it, so this process's own network namespace never changes.
fn create_netns(path: &Path) -> Result<()> {
    std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let target = path.to_path_buf();
    let made = std::thread::spawn(move || -> std::io::Result<()> {
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNET)?;
        nix::mount::mount(
            Some("/proc/thread-self/ns/net"),
            &target,
            None::<&str>,
            nix::mount::MsFlags::MS_BIND,
            None::<&str>,
        )?;
        Ok(())
    })
    .join()
    .unwrap_or_else(|_| Err(std::io::Error::other("network namespace thread panicked")));
    made.map_err(|e| {
        let _ = std::fs::remove_file(path);
        Error::Rootless(format!(
            "cannot create a network namespace at {}: {e}",
            path.display()
        ))
    })
}

fn run_helper(mut cmd: Command, name: &str) -> Result<()> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::Rootless(format!("cannot run {name}: {e}")))?;
    if !out.status.success() {
        let text = String::from_utf8_lossy(&out.stderr);
        return Err(Error::Rootless(format!("{name}: {}", text.trim())));
    }
    Ok(())
}

/// pasta daemonizes once the namespace is configured (addresses, routes, DNS copied from
/// the host) and forwards the ports asked for; it quits when the namespace file goes.
fn start_pasta(runroot: &Path, id: &str, ns: &Path, ports: &[PortMapping]) -> Result<()> {
    let mut c = Command::new(Backend::Pasta.program()?);
    // The gateway address reaches the host's loopback, as podman's pasta default.
    c.args(["--config-net", "--quiet", "--netns"])
        .arg(ns)
        .arg("--pid")
        .arg(helper_pidfile(runroot, id));
    // As root of the user namespace pasta would switch to "nobody", which a single mapping
    // lacks; it needs no more than the namespace's root anyway.
    c.args(["--runas", "0:0"]);
    // pasta's form: [ADDRESS/]HOST[-END]:CTR[-END].
    let spec = |p: &PortMapping| {
        let span = |start: u16| match p.range {
            0 | 1 => start.to_string(),
            n => format!("{start}-{}", start + n - 1),
        };
        let ports = format!("{}:{}", span(p.host_port), span(p.container_port));
        match p.ip() {
            Some(ip) => format!("{ip}/{ports}"),
            None => ports,
        }
    };
    for (flag, proto) in [("-t", "tcp"), ("-u", "udp")] {
        let mine: Vec<String> = ports
            .iter()
            .filter(|p| p.protocol == proto)
            .map(spec)
            .collect();
        if mine.is_empty() {
            c.args([flag, "none"]);
        } else {
            for m in mine {
                c.args([flag, &m]);
            }
        }
    }
    // No forwarding from the container to the host's own ports.
    c.args(["-T", "none", "-U", "none"]);
    run_helper(c, "pasta")
}

/// slirp4netns stays in the foreground: started detached, it reports readiness on a pipe;
/// ports are added through its API socket.
fn start_slirp(runroot: &Path, id: &str, ns: &Path, ports: &[PortMapping]) -> Result<()> {
    use std::io::{Read, Write};
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;
    let prog = Backend::Slirp4netns.program()?;
    let api = api_socket(runroot, id);
    let _ = std::fs::remove_file(&api);
    let (ready_r, ready_w) = nix::unistd::pipe().map_err(|e| Error::io("pipe", e.into()))?;
    let ready_fd = ready_w.as_raw_fd();
    // Its messages go to a log beside the namespace, quoted when it fails.
    let log_path = runroot.join("netns").join(format!("{id}.log"));
    let log = std::fs::File::create(&log_path).map_err(|e| Error::io(&log_path, e))?;
    let mut c = Command::new(prog);
    c.args(["--configure", "--mtu=65520", "--disable-host-loopback"])
        .args(["--netns-type=path", "--ready-fd", &ready_fd.to_string()])
        .arg("--api-socket")
        .arg(&api)
        .arg(ns)
        .arg("tap0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    // SAFETY: setsid is async-signal-safe; it detaches the helper from our session so it
    // outlives this command.
    unsafe {
        c.pre_exec(|| {
            nix::unistd::setsid()
                .map(drop)
                .map_err(std::io::Error::from)
        });
    }
    let child = c
        .spawn()
        .map_err(|e| Error::Rootless(format!("cannot run slirp4netns: {e}")))?;
    drop(ready_w);
    let pid = child.id();
    crate::fsutil::atomic_write(&helper_pidfile(runroot, id), format!("{pid}\n").as_bytes())?;
    let mut b = [0u8; 1];
    if std::fs::File::from(ready_r).read_exact(&mut b).is_err() {
        let text = std::fs::read_to_string(&log_path).unwrap_or_default();
        return Err(Error::Rootless(format!(
            "slirp4netns exited before the network was ready: {}",
            text.trim().lines().collect::<Vec<_>>().join("; ")
        )));
    }
    for (p, (ctr, host)) in ports
        .iter()
        .flat_map(|p| p.pairs().map(move |pair| (p, pair)))
    {
        let req = serde_json::json!({"execute": "add_hostfwd", "arguments": {
            "proto": p.protocol,
            "host_addr": p.ip().map(|i| i.to_string()).unwrap_or_else(|| "0.0.0.0".into()),
            "host_port": host,
            "guest_port": ctr,
        }});
        let mut s = std::os::unix::net::UnixStream::connect(&api)
            .map_err(|e| Error::Rootless(format!("slirp4netns API: {e}")))?;
        s.write_all(req.to_string().as_bytes())
            .and_then(|_| s.shutdown(std::net::Shutdown::Write))
            .map_err(|e| Error::Rootless(format!("slirp4netns API: {e}")))?;
        let mut reply = String::new();
        let _ = s.read_to_string(&mut reply);
        if reply.contains("error") {
            return Err(Error::Rootless(format!(
                "slirp4netns cannot forward {}: {reply}",
                ports::display(std::slice::from_ref(p))
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low_ports_are_refused_with_the_sysctl_named() {
        let p = ports::parse_publish("1023:80").unwrap();
        let e = check_ports(&p, 1024).unwrap_err().to_string();
        assert!(e.contains("ip_unprivileged_port_start=1024"), "{e}");
        assert!(check_ports(&p, 80).is_ok());
        assert!(check_ports(&ports::parse_publish("80").unwrap(), 1024).is_ok());
    }
}
