//! The invariant, checked from the outside: everything ctl made for a container is reachable
//! from `ctl ps -a`, or gone. Monitors, container processes, runtime state, mounts, network
//! namespaces, address leases, firewall rules, published-port sockets, names.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::ctl::mounts_under;
use crate::common::Out;

/// `ctl ARGS...` on the store under test, as its user.
pub type CommandFor = Box<dyn Fn(&[&str]) -> Command + Sync + Send>;

/// One store under test and how to run ctl on it.
pub struct Target {
    pub label: &'static str,
    pub command: CommandFor,
    pub root: PathBuf,
    pub runroot: PathBuf,
    /// The user that runs ctl, when rootless.
    pub uid: Option<u32>,
    pub image: String,
    /// An image the loop removes and pulls again while containers are made from it.
    pub spare_image: String,
    /// Containers may join the default bridge (rootful).
    pub bridge: bool,
    /// Host ports published on the bridge (on 127.0.0.1).
    pub ports: Vec<u16>,
    /// Put into every container's environment: marks this run's container processes.
    pub token: String,
}

fn entries(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn pids() -> Vec<i32> {
    entries(Path::new("/proc"))
        .into_iter()
        .filter_map(|p| p.parse().ok())
        .collect()
}

fn cmdline(pid: i32) -> Vec<String> {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .unwrap_or_default()
        .split(|b| *b == 0)
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect()
}

fn is_zombie(pid: i32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rfind(')')
        .is_none_or(|i| stat[i + 1..].trim_start().starts_with('Z'))
}

fn parent(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split(' ').nth(1)?.parse().ok()
}

/// This store's live monitors: (pid, container id).
pub fn monitors(t: &Target) -> Vec<(i32, String)> {
    let bundles = t.root.join("containers");
    let mut out = Vec::new();
    for pid in pids() {
        let argv = cmdline(pid);
        if !argv.first().is_some_and(|a| a.ends_with("ctl-monitor")) || is_zombie(pid) {
            continue;
        }
        let arg = |k: &str| {
            argv.iter()
                .position(|a| a == k)
                .and_then(|i| argv.get(i + 1))
                .cloned()
        };
        if arg("--bundle").is_some_and(|b| Path::new(&b).starts_with(&bundles)) {
            out.push((pid, arg("--id").unwrap_or_default()));
        }
    }
    out
}

/// Live processes of this run's containers: those with the run's token in their
/// environment.
fn container_processes(t: &Target) -> Vec<i32> {
    let marker = format!("CTL_CHAOS={}", t.token);
    pids()
        .into_iter()
        .filter(|pid| {
            let env = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            env.split(|b| *b == 0).any(|v| v == marker.as_bytes()) && !is_zombie(*pid)
        })
        .collect()
}

/// Mount points under the store and run dir, seen from where ctl mounts them (the pause
/// process's mount namespace when rootless).
fn mounts(t: &Target) -> Vec<PathBuf> {
    let mut all = Vec::new();
    let info = match t.uid {
        None => std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default(),
        Some(_) => std::fs::read_to_string(t.runroot.join("pause.pid"))
            .ok()
            .and_then(|p| std::fs::read_to_string(format!("/proc/{}/mountinfo", p.trim())).ok())
            .unwrap_or_default(),
    };
    if t.uid.is_none() {
        all.extend(mounts_under(&t.root));
        all.extend(mounts_under(&t.runroot));
    } else {
        for l in info.lines() {
            if let Some(p) = l.split(' ').nth(4) {
                let p = PathBuf::from(p);
                if p.starts_with(&t.root) || p.starts_with(&t.runroot) {
                    all.push(p);
                }
            }
        }
    }
    all
}

/// Address leases on the machine's bridges that belong to this store's containers.
fn leases(t: &Target) -> Vec<String> {
    lease_owners(t).into_iter().map(|(_, id)| id).collect()
}

/// (address, container) of this store's leases.
fn lease_owners(t: &Target) -> Vec<(String, String)> {
    let dir = Path::new("/run/ctl/networks/ipam");
    let mut out = Vec::new();
    for f in entries(dir).into_iter().filter(|f| f.ends_with(".json")) {
        let text = std::fs::read_to_string(dir.join(&f)).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        for (ip, lease) in v["leases"].as_object().into_iter().flatten() {
            let netns = lease["netns"].as_str().unwrap_or_default();
            if Path::new(netns).starts_with(&t.runroot) {
                let id = lease["container"].as_str().unwrap_or_default();
                out.push((ip.clone(), id.to_string()));
            }
        }
    }
    out
}

/// Firewall rules for this run's published ports that lead nowhere: a DNAT to an address
/// no listed container holds, or rules for a port that has no such DNAT at all.
fn stray_port_rules(t: &Target, listed: &BTreeSet<String>) -> Vec<String> {
    if t.ports.is_empty() {
        return Vec::new();
    }
    let text = Command::new("iptables-save")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let owners = lease_owners(t);
    let mut bad = Vec::new();
    for p in &t.ports {
        let rules: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(&format!("--dport {p} ")))
            .collect();
        let live_dnat = rules.iter().any(|l| {
            l.split("--to-destination ")
                .nth(1)
                .and_then(|d| d.split(':').next())
                .and_then(|ip| owners.iter().find(|(a, _)| a == ip))
                .is_some_and(|(_, id)| listed.contains(id))
        });
        if !live_dnat {
            bad.extend(rules.iter().map(|l| format!("firewall rule: {l}")));
        }
    }
    bad
}

/// What the native bridge backend made for this store's containers: veths (`vc` and ten
/// characters of the container's id) and port map elements of this run's ports.
fn native_leftovers(t: &Target) -> Vec<String> {
    let mut bad = Vec::new();
    let veths: Vec<String> = entries(Path::new("/sys/class/net"))
        .into_iter()
        .filter(|l| l.starts_with("vc") && l.len() >= 12)
        .collect();
    if !veths.is_empty() {
        // Every container this store ever had, from its events.
        let args = [
            "events",
            "--stream=false",
            "--filter",
            "type=container",
            "--format",
            "{{.ID}}",
        ];
        let ids = (t.command)(&args)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        for v in veths {
            if ids.lines().any(|id| id.starts_with(&v[2..12])) {
                bad.push(format!("veth {v}"));
            }
        }
    }
    let table = Command::new("nft")
        .args(["list", "table", "inet", "ctl"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    for p in &t.ports {
        for l in table.lines().filter(|l| l.contains(&format!(". {p} :"))) {
            bad.push(format!("nft element: {}", l.trim()));
        }
    }
    bad
}

/// Host ports still held (not bindable).
fn held_ports(t: &Target) -> Vec<u16> {
    t.ports
        .iter()
        .copied()
        .filter(|p| std::net::TcpListener::bind(("127.0.0.1", *p)).is_err())
        .collect()
}

fn ps(t: &Target) -> (BTreeSet<String>, BTreeSet<i32>, Out) {
    let args = ["ps", "-a", "--format", "json"];
    let child = (t.command)(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn ctl");
    let out = Out::wait(&args, child);
    let mut ids = BTreeSet::new();
    let mut pids = BTreeSet::new();
    if let Ok(serde_json::Value::Array(rows)) = serde_json::from_str(&out.stdout) {
        for r in rows {
            ids.insert(r["Id"].as_str().unwrap_or_default().to_string());
            if let Some(p) = r["Pid"].as_i64().filter(|p| *p > 0) {
                pids.insert(p as i32);
            }
        }
    }
    (ids, pids, out)
}

/// What breaks the invariant now: one line per finding.
fn violations(t: &Target) -> Vec<String> {
    let mut bad = Vec::new();
    let (listed, listed_pids, out) = ps(t);
    if out.code != Some(0) || !out.stderr.is_empty() {
        bad.push(format!("ps -a is not clean:\n{out}"));
    }
    let unlisted = |what: &str, id: &str, bad: &mut Vec<String>| {
        if !listed.contains(id) {
            bad.push(format!("{what} of {id}, which ps -a does not list"));
        }
    };
    for (pid, id) in monitors(t) {
        unlisted(&format!("monitor {pid}"), &id, &mut bad);
    }
    for pid in container_processes(t) {
        let mut p = Some(pid);
        let mut reachable = false;
        while let Some(q) = p.filter(|q| *q > 1) {
            if listed_pids.contains(&q) {
                reachable = true;
                break;
            }
            p = parent(q);
        }
        if !reachable {
            bad.push(format!(
                "container process {pid} ({:?}) belongs to no listed container",
                cmdline(pid)
            ));
        }
    }
    for id in entries(&t.runroot.join("runtime/runc")) {
        unlisted("runtime state", &id, &mut bad);
    }
    // Volumes' own filesystems are checked with the volumes.
    for m in mounts(t)
        .into_iter()
        .filter(|m| !m.starts_with(t.root.join("volumes")))
    {
        let under = m.strip_prefix(t.root.join("containers")).ok();
        let id = under.and_then(|r| {
            let mut c = r.components();
            let id = c.next()?.as_os_str().to_string_lossy().into_owned();
            (c.next()?.as_os_str() == "merged").then_some(id)
        });
        let netns = m.strip_prefix(t.runroot.join("netns")).ok();
        match (id, netns) {
            (Some(id), _) => unlisted(&format!("mount {}", m.display()), &id, &mut bad),
            (None, Some(n)) => {
                let id = n.to_string_lossy().into_owned();
                unlisted(&format!("netns {}", m.display()), &id, &mut bad)
            }
            _ => bad.push(format!("mount {} belongs to no container", m.display())),
        }
    }
    for e in entries(&t.runroot.join("netns")) {
        // `<id>` (the namespace) and `<id>.json` (the record of its setup).
        let id = e.split('.').next().unwrap_or_default();
        unlisted(&format!("netns entry {e}"), id, &mut bad);
    }
    for id in leases(t) {
        unlisted("address lease", &id, &mut bad);
    }
    bad.extend(stray_port_rules(t, &listed));
    for e in entries(&t.root.join("containers")) {
        if !listed.contains(&e) {
            bad.push(format!("directory containers/{e} is not listed"));
        }
    }
    for n in entries(&t.root.join("names")) {
        let target = std::fs::read_link(t.root.join("names").join(&n)).unwrap_or_default();
        unlisted(&format!("name {n}"), &target.to_string_lossy(), &mut bad);
    }
    bad.extend(volume_violations(t));
    bad.extend(event_violations(t));
    bad.extend(secret_violations(t));
    bad
}

/// Secrets: listed cleanly, and each listed one is whole (its data readable).
fn secret_violations(t: &Target) -> Vec<String> {
    let mut bad = Vec::new();
    let run = |args: &[&str]| {
        let child = (t.command)(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn ctl secret");
        Out::wait(args, child)
    };
    let out = run(&["secret", "ls", "-q"]);
    if out.code != Some(0) || !out.stderr.is_empty() {
        bad.push(format!("secret ls is not clean:\n{out}"));
    }
    for id in out.lines() {
        let shown = run(&["secret", "inspect", "--showsecret", id]);
        if shown.code != Some(0) {
            bad.push(format!("secret {id} is listed but not whole:\n{shown}"));
        }
    }
    bad
}

/// Events: commands killed at any point never leave a broken line in the events file (each
/// event is one write of one whole line), and `ctl events` reads the file back cleanly.
fn event_violations(t: &Target) -> Vec<String> {
    let mut bad = Vec::new();
    for f in ["events/events.log", "events/events.log.1"] {
        let text = std::fs::read_to_string(t.runroot.join(f)).unwrap_or_default();
        for line in text.lines() {
            if serde_json::from_str::<serde_json::Value>(line).is_err() {
                bad.push(format!("{f}: a broken line {line:?}"));
            }
        }
    }
    let args = ["events", "--stream=false", "--format", "{{.Status}}"];
    let out = crate::common::Out::wait(
        &args,
        (t.command)(&args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn ctl events"),
    );
    if out.code != Some(0) || !out.stderr.is_empty() {
        bad.push(format!("events is not clean:\n{out}"));
    }
    bad
}

/// The volumes mounted by `volume mount` and not yet unmounted: users without a record.
fn by_hand(t: &Target) -> std::collections::BTreeSet<String> {
    let vols = t.root.join("volumes");
    entries(&vols)
        .into_iter()
        .filter(|name| {
            std::fs::read_to_string(vols.join(name).join("volume.json"))
                .ok()
                .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
                .and_then(|r| r["ManualMounts"].as_u64())
                .is_some_and(|n| n > 0)
        })
        .collect()
}

/// Volume filesystems mounted under the store, except those of `allowed` volumes.
fn volume_mounts_except(t: &Target, allowed: &std::collections::BTreeSet<String>) -> Vec<String> {
    let vols = t.root.join("volumes");
    mounts_under(&vols)
        .into_iter()
        .filter(|m| {
            let rel = m.strip_prefix(&vols).unwrap_or(m);
            let name = rel.components().next();
            let name = name.map(|c| c.as_os_str().to_string_lossy().into_owned());
            !name.is_some_and(|n| allowed.contains(&n))
        })
        .map(|m| format!("volume mount without a user: {}", m.display()))
        .collect()
}

/// Volumes: listed cleanly; every volume a container names exists; a volume whose copy-up
/// is recorded done has no copy-up left half-made beside it; a volume is mounted only while
/// a container names it.
fn volume_violations(t: &Target) -> Vec<String> {
    let mut bad = Vec::new();
    let args = ["volume", "ls", "-q"];
    let child = (t.command)(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn ctl");
    let out = Out::wait(&args, child);
    if out.code != Some(0) || !out.stderr.is_empty() {
        bad.push(format!("volume ls is not clean:\n{out}"));
    }
    let vols = t.root.join("volumes");
    let mut named = by_hand(t);
    for id in entries(&t.root.join("containers")) {
        let record = t.root.join("containers").join(&id).join("container.json");
        let Ok(text) = std::fs::read_to_string(&record) else {
            continue;
        };
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        for m in v["mounts"].as_array().into_iter().flatten() {
            if let Some(name) = m["name"].as_str() {
                named.insert(name.to_string());
                if !vols.join(name).join("volume.json").exists() {
                    bad.push(format!("container {id} uses volume {name}, which is gone"));
                }
            }
        }
    }
    for name in entries(&vols).into_iter().filter(|n| !n.starts_with('.')) {
        let dir = vols.join(&name);
        let record: serde_json::Value = std::fs::read_to_string(dir.join("volume.json"))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        if record.is_null() {
            bad.push(format!("volume {name} has no readable record"));
        } else if record["NeedsCopyUp"] == false && dir.join("copyup.tmp").exists() {
            bad.push(format!(
                "volume {name}: copy-up recorded done, copyup.tmp left"
            ));
        }
    }
    // A volume's own filesystem is mounted only while a container that names it is there
    // (its cleanup or removal unmounts it): `_data` and nothing else.
    for m in mounts_under(&vols) {
        let rel = m.strip_prefix(&vols).unwrap_or(&m);
        let mut c = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let (name, data) = (c.next().unwrap_or_default(), c.next());
        if data.as_deref() != Some("_data") || c.next().is_some() || !named.contains(&name) {
            bad.push(format!("volume mount without a user: {}", m.display()));
        }
    }
    bad
}

/// Waits (bounded) for what is in flight (a monitor's cleanup, an exit command) to
/// finish, then asserts the invariant.
pub fn settled(t: &Target, seed: u64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let bad = violations(t);
        if bad.is_empty() {
            return;
        }
        if Instant::now() > deadline {
            panic!(
                "chaos ({}), seed {seed}: the invariant is broken:\n{}",
                t.label,
                bad.join("\n")
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// After `ctl rm -fa`: nothing of any container is left.
pub fn nothing_left(t: &Target, seed: u64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (listed, _, _) = ps(t);
        let mut bad: Vec<String> = listed.iter().map(|id| format!("listed: {id}")).collect();
        bad.extend(monitors(t).iter().map(|m| format!("monitor {m:?}")));
        bad.extend(
            container_processes(t)
                .iter()
                .map(|p| format!("container process {p} {:?}", cmdline(*p))),
        );
        bad.extend(
            entries(&t.runroot.join("runtime/runc"))
                .iter()
                .map(|i| format!("runtime state {i}")),
        );
        // Volume filesystems are judged below: one `volume mount` keeps may stay.
        let vols = t.root.join("volumes");
        bad.extend(
            mounts(t)
                .iter()
                .filter(|m| !m.starts_with(&vols))
                .map(|m| format!("mount {}", m.display())),
        );
        // No container is left: a volume stays mounted only by `volume mount`.
        bad.extend(volume_mounts_except(t, &by_hand(t)));
        bad.extend(
            entries(&t.runroot.join("netns"))
                .iter()
                .map(|n| format!("netns {n}")),
        );
        bad.extend(leases(t).iter().map(|l| format!("lease of {l}")));
        bad.extend(stray_port_rules(t, &listed));
        bad.extend(native_leftovers(t));
        bad.extend(held_ports(t).iter().map(|p| format!("port {p} still held")));
        bad.extend(
            entries(&t.root.join("containers"))
                .iter()
                .map(|e| format!("containers/{e}")),
        );
        bad.extend(
            entries(&t.root.join("names"))
                .iter()
                .map(|e| format!("names/{e}")),
        );
        if bad.is_empty() {
            return;
        }
        if Instant::now() > deadline {
            panic!(
                "chaos ({}), seed {seed}: left after rm -fa:\n{}",
                t.label,
                bad.join("\n")
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// After `rm -fa` and `volume prune -f`: no volume, nothing half-made under volumes/, no
/// volume mount.
pub fn no_volumes_left(t: &Target, seed: u64) {
    let left: Vec<String> = entries(&t.root.join("volumes"))
        .into_iter()
        .filter(|e| e != "lock")
        .chain(volume_mounts_except(t, &Default::default()))
        .collect();
    assert!(
        left.is_empty(),
        "chaos ({}), seed {seed}: left under volumes/ after prune: {left:?}",
        t.label
    );
}
