//! Nothing outlives a container's run: not on exit by itself (the monitor's cleanup), not
//! after a failed setup (a port in use), not after twenty parallel runs and removals. The
//! firewall, the links, the namespaces and the address table are compared before and after.

use std::collections::BTreeSet;
use std::net::TcpListener;
use std::time::Duration;

use super::{
    chains_of, forwards_port, host, inspect, links, native, native_too, native_veths,
    netns_entries, netns_files, octet_of, rules_of, ruleset, Net,
};
use crate::common::{wait_for, WithImage};

#[test]
fn port_in_use_is_a_clear_error_and_leaves_nothing() {
    let w = WithImage::busybox();
    let net = Net::create(&w.ctl, "it-busy", 14);
    let listener = TcpListener::bind("0.0.0.0:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let publish = format!("{port}:80");
    let before = ruleset();

    let out = w.ctl.run(&[
        "run",
        "--rm",
        "--network",
        "it-busy",
        "-p",
        &publish,
        &w.reference,
        "true",
    ]);
    // podman's: a container made but not started makes `run` exit 126.
    out.failure(126);
    let line = out.one_line_error();
    assert!(
        line.contains("already in use") && line.contains(&port.to_string()),
        "{line}"
    );

    let check_nothing_left = || {
        assert_eq!(
            netns_entries(&w.ctl),
            BTreeSet::new(),
            "a namespace was left"
        );
        assert_eq!(net.leases(), 0, "an address stayed leased");
        assert!(!links().contains(&net.bridge), "the bridge was created");
        let after = ruleset();
        assert!(rules_of(&net, &after, &BTreeSet::new()).is_empty());
        assert!(!after.iter().any(|l| forwards_port(l, port)));
        assert!(
            after.is_subset(&before) || after.difference(&before).all(|l| !l.contains(&net.prefix))
        );
    };
    check_nothing_left();
    assert_eq!(
        w.ctl.ok(&["ps", "-aq"]).stdout,
        "",
        "--rm kept the container"
    );

    // Without --rm the container stays created, as docker's; starting it fails the same
    // way until the port is free.
    let out = w.ctl.run(&[
        "run",
        "-d",
        "--name",
        "late",
        "--network",
        "it-busy",
        "-p",
        &publish,
        &w.reference,
        "sleep",
        "60",
    ]);
    out.failure(126);
    out.one_line_error();
    let again = w.ctl.run(&["start", "late"]);
    again.failure(125);
    assert!(again.stderr.contains("already in use"), "{again}");
    check_nothing_left();
    drop(listener);
    w.ctl.ok(&["start", "late"]);
    assert!(ruleset().iter().any(|l| forwards_port(l, port)));
    assert_eq!(net.leases(), 1);
    net.remove(&w.ctl);
    assert!(!ruleset().iter().any(|l| forwards_port(l, port)));
    assert_eq!(netns_entries(&w.ctl), BTreeSet::new());
}

#[test]
fn netavark_failing_mid_setup_leaves_nothing() {
    let w = WithImage::busybox();
    // A veth where the network's bridge should be: netavark gets as far as the container's
    // side of the pair and the port rules, then fails on the bridge.
    let (a, b) = if native() {
        ("ctlit117a", "ctlit117b")
    } else {
        ("ctlit17a", "ctlit17b")
    };
    let _ = std::process::Command::new("ip")
        .args(["link", "del", a])
        .output();
    host("ip", &["link", "add", a, "type", "veth", "peer", "name", b]);
    let octet = octet_of(17);
    let subnet = &format!("10.90.{octet}.0/24");
    w.ctl.ok(&[
        "network",
        "create",
        "--subnet",
        subnet,
        "--interface-name",
        a,
        "it-broken",
    ]);
    let port = crate::common::free_port();
    let publish = format!("{port}:80");
    let before = ruleset();
    let out = w.ctl.run(&[
        "run",
        "--rm",
        "--network",
        "it-broken",
        "-p",
        &publish,
        &w.reference,
        "true",
    ]);
    host("ip", &["link", "del", a]);
    // The container was made and could not start: 126, as podman's run.
    out.failure(126);
    let line = out.one_line_error();
    assert!(
        (line.contains("netavark setup") || native() && line.contains("network setup"))
            && line.contains(a),
        "{line}"
    );
    assert_eq!(
        netns_entries(&w.ctl),
        BTreeSet::new(),
        "a namespace was left"
    );
    let after = ruleset();
    let prefix = format!("10.90.{octet}.");
    for l in after.difference(&before) {
        assert!(!l.contains(&prefix) && !forwards_port(l, port), "left: {l}");
    }
    let table = std::path::Path::new(super::IPAM_DIR).join(format!("{a}.json"));
    assert!(!table.exists(), "an address stayed leased");
    w.ctl.ok(&["network", "rm", "it-broken"]);
}

#[test]
fn exit_by_itself_tears_the_network_down() {
    let w = WithImage::busybox();
    let net = Net::create(&w.ctl, "it-exit", 15);
    let port = crate::common::free_port();
    let publish = format!("{port}:80");
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "brief",
        "--network",
        "it-exit",
        "-p",
        &publish,
        &w.reference,
        "sleep",
        "1",
    ]);
    assert_eq!(net.leases(), 1);
    assert_eq!(netns_files(&w.ctl).len(), 1);
    // Nobody waits: the monitor's cleanup alone must tear it down.
    let done = wait_for(Duration::from_secs(20), || {
        (netns_entries(&w.ctl).is_empty() && net.leases() == 0).then_some(())
    });
    assert!(done.is_some(), "the network outlived the container");
    let st = w.ctl.ok(&["ps", "-a", "--format", "{{.State}}"]);
    assert_eq!(st.stdout.trim(), "exited");
    assert!(!ruleset().iter().any(|l| forwards_port(l, port)));
    assert!(!links().contains(&net.bridge));
    TcpListener::bind(("0.0.0.0", port)).expect("the port is free again");
    // Cleanup is idempotent: running it again changes nothing.
    let id = w
        .ctl
        .ok(&["ps", "-aq", "--no-trunc"])
        .stdout
        .trim()
        .to_string();
    w.ctl.ok(&["container", "cleanup", &id]);
    assert_eq!(net.leases(), 0);
    net.remove(&w.ctl);
}

#[test]
fn twenty_parallel_runs_leave_rules_links_and_namespaces_as_they_were() {
    let w = WithImage::busybox();
    let net = Net::create(&w.ctl, "it-par", 16);
    // netavark's global chains appear on first use and stay (as with podman): make them
    // exist before the snapshot.
    w.ctl.ok(&[
        "run",
        "--rm",
        "--network",
        "it-par",
        "-p",
        "80",
        &w.reference,
        "true",
    ]);
    let rules_before = ruleset();
    let links_before = links();
    let netns_before = host("ip", &["netns", "list"]);
    assert!(!links_before.contains(&net.bridge));

    let names: Vec<String> = (0..20).map(|i| format!("par{i}")).collect();
    std::thread::scope(|s| {
        for n in &names {
            let ctl = &w.ctl;
            let image = &w.reference;
            s.spawn(move || {
                ctl.ok(&[
                    "run",
                    "-d",
                    "--name",
                    n,
                    "--network",
                    "it-par",
                    "-p",
                    "80",
                    image,
                    "sleep",
                    "120",
                ]);
            });
        }
    });
    let ips: BTreeSet<String> = names
        .iter()
        .map(|n| {
            inspect(&w.ctl, n)["NetworkSettings"]["IPAddress"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ips.len(), 20, "addresses handed out twice: {ips:?}");
    assert!(ips.iter().all(|ip| ip.starts_with(&net.prefix)));
    assert_eq!(net.leases(), 20);
    let during = ruleset();
    let chains = chains_of(&net, &during);
    if native() {
        // One port map element per container, whatever way nft folds them into lines.
        let elements: usize = during.iter().map(|l| l.matches(&net.prefix).count()).sum();
        assert!(elements >= 20, "{during:#?}");
    } else {
        assert!(
            !chains.is_empty(),
            "no chains of the network found in:\n{during:#?}"
        );
        assert!(rules_of(&net, &during, &chains).len() >= 20);
    }
    let members = host("ip", &["-o", "link", "show", "master", &net.bridge]);
    assert_eq!(members.lines().count(), 20, "{members}");

    std::thread::scope(|s| {
        for n in &names {
            let ctl = &w.ctl;
            s.spawn(move || {
                ctl.ok(&["rm", "-f", "-t", "0", n]);
            });
        }
    });
    let rules_after = ruleset();
    assert_eq!(
        rules_of(&net, &rules_after, &chains),
        rules_of(&net, &rules_before, &chains),
        "rules of the network were left"
    );
    // Lines that appeared meanwhile belong to other tests' networks, never to this one.
    for l in rules_after.difference(&rules_before) {
        assert!(!l.contains(&net.prefix), "{l}");
    }
    assert!(!links().contains(&net.bridge), "the bridge was left");
    assert_eq!(host("ip", &["netns", "list"]), netns_before);
    assert_eq!(netns_entries(&w.ctl), BTreeSet::new());
    assert_eq!(net.leases(), 0);
    net.remove(&w.ctl);
}

#[test]
fn restarts_by_policy_publish_their_ports_again() {
    let w = WithImage::busybox();
    let net = Net::create(&w.ctl, "it-restart", 18);
    let port = crate::common::free_port();
    let publish = format!("{port}:80");
    w.ctl.ok(&[
        "run",
        "-d",
        "--name",
        "again",
        "--network",
        "it-restart",
        "--restart",
        "on-failure:2",
        "-p",
        &publish,
        &w.reference,
        "sh",
        "-c",
        "sleep 0.2; exit 1",
    ]);
    // Each restart binds the port anew: the monitor of the run before has let it go.
    let done = wait_for(Duration::from_secs(20), || {
        let out = w
            .ctl
            .ok(&["ps", "-a", "--format", "{{.State}} {{.Restarts}}"]);
        (out.stdout.trim() == "exited 2").then_some(())
    });
    let ps = w
        .ctl
        .ok(&["ps", "-a", "--format", "{{.State}} {{.Restarts}}"]);
    assert!(done.is_some(), "{ps}");
    let done = wait_for(Duration::from_secs(10), || {
        (netns_entries(&w.ctl).is_empty() && net.leases() == 0).then_some(())
    });
    assert!(done.is_some(), "the last run's network was left");
    TcpListener::bind(("0.0.0.0", port)).expect("the port is free again");
    net.remove(&w.ctl);
}

/// Where a killed `ctl run` stops: at a point it reached (seen from outside), or after a
/// delay spread over the length of a whole run.
#[derive(Debug, Clone, Copy)]
enum KillAt {
    /// The run's record appeared.
    Record,
    /// The namespace's bind mount appeared.
    Namespace,
    /// The address was leased.
    Lease,
    /// netavark is running.
    Netavark,
    After(Duration),
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Network leftovers of container `id`: firewall lines naming it, its namespace, record and
/// mount under the run dir.
fn leftovers_of(ctl: &crate::common::Ctl, id: &str, rules: &BTreeSet<String>) -> Vec<String> {
    let short = &id[..12];
    let mut out: Vec<String> = rules
        .iter()
        .filter(|l| l.contains(short))
        .cloned()
        .collect();
    out.extend(netns_entries(ctl).into_iter().filter(|f| f.starts_with(id)));
    out.extend(native_veths(id));
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    out.extend(
        mounts
            .lines()
            .filter(|l| l.contains(id))
            .map(str::to_string),
    );
    out
}

#[test]
fn killed_runs_leave_nothing_after_rm_and_prune() {
    let w = WithImage::busybox();
    // 13 usable addresses: thirty leaking rounds would run out of them.
    let octet = octet_of(21);
    let subnet = format!("10.90.{octet}.0/28");
    w.ctl
        .ok(&["network", "create", "--subnet", &subnet, "it-kill"]);
    let v = w.ctl.ok(&["network", "inspect", "it-kill"]).json();
    let net = Net {
        name: "it-kill".into(),
        subnet,
        prefix: format!("10.90.{octet}."),
        bridge: v[0]["network_interface"].as_str().unwrap().into(),
        id: v[0]["id"].as_str().unwrap().into(),
    };
    let port = crate::common::free_port();
    let publish = format!("{port}:80");
    let run = |name: &str| -> Vec<String> {
        let args = [
            "run",
            "-d",
            "--name",
            name,
            "--network",
            "it-kill",
            "-p",
            &publish,
        ];
        let cmd = [w.reference.as_str(), "sleep", "1000"];
        args.iter().chain(&cmd).map(|s| s.to_string()).collect()
    };
    let ok_run = |name: &str| {
        w.ctl.ok(&strs(&run(name)));
    };
    let started = std::time::Instant::now();
    ok_run("whole");
    let whole = started.elapsed();
    w.ctl.ok(&["rm", "-f", "-t", "0", "whole"]);

    let names = w.ctl.root.join("names");
    let mut ids = BTreeSet::new();
    let rounds = 35u32;
    for round in 0..rounds {
        let at = match round % 5 {
            0 => KillAt::Record,
            1 => KillAt::Namespace,
            2 => KillAt::Lease,
            3 => KillAt::Netavark,
            _ => KillAt::After(whole * round / rounds),
        };
        let mut child = w.ctl.spawn(&strs(&run("victim")));
        let pid = child.id();
        let begun = std::time::Instant::now();
        // Polled tightly: these points last milliseconds.
        loop {
            let reached = match at {
                KillAt::Record => !netns_entries(&w.ctl).is_empty(),
                KillAt::Namespace => !netns_files(&w.ctl).is_empty(),
                KillAt::Lease => net.leases() > 0,
                KillAt::Netavark if native() => configured(&w.ctl),
                KillAt::Netavark => descendant(pid, "netavark").is_some(),
                KillAt::After(d) => begun.elapsed() >= d,
            };
            if reached || child.try_wait().unwrap().is_some() {
                break;
            }
            assert!(
                begun.elapsed() < Duration::from_secs(30),
                "{at:?} never came"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = child.kill();
        let _ = child.wait();
        if let Ok(id) = std::fs::read_link(names.join("victim")) {
            ids.insert(id.to_string_lossy().into_owned());
        }
        w.ctl.run(&["rm", "-f", "-t", "0", "victim"]).no_panic();
        if matches!(at, KillAt::Netavark) {
            // The killed ctl's netavark may still run: this one's must wait for it.
            ok_run("next");
            w.ctl.ok(&["rm", "-f", "-t", "0", "next"]);
        }
    }
    // Whatever the rounds left, the next setup on the bridge reclaims: an address is free.
    ok_run("after");
    let ip = inspect(&w.ctl, "after")["NetworkSettings"]["IPAddress"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(ip.starts_with(&net.prefix), "{ip}");
    w.ctl.ok(&["rm", "-f", "-t", "0", "after"]);

    // One more killed once leased, then removed: `system prune` reclaims the rest.
    let mut child = w.ctl.spawn(&strs(&run("last")));
    let leased = wait_for(Duration::from_secs(30), || (net.leases() > 0).then_some(()));
    let _ = child.kill();
    let _ = child.wait();
    assert!(leased.is_some(), "no lease appeared");
    if let Ok(id) = std::fs::read_link(names.join("last")) {
        ids.insert(id.to_string_lossy().into_owned());
    }
    w.ctl.run(&["rm", "-f", "-t", "0", "last"]).no_panic();
    w.ctl.ok(&["system", "prune", "-f"]);

    assert!(
        ids.len() >= rounds as usize / 2,
        "too few runs got far: {ids:?}"
    );
    let rules = ruleset();
    for id in &ids {
        let left = leftovers_of(&w.ctl, id, &rules);
        assert!(left.is_empty(), "container {id} left {left:#?}");
    }
    assert_eq!(
        netns_entries(&w.ctl),
        BTreeSet::new(),
        "namespaces or records left"
    );
    assert_eq!(net.leases(), 0, "addresses stayed leased");
    assert!(
        !links().contains(&net.bridge),
        "the bridge (and its veths) was left"
    );
    let mine: Vec<_> = rules
        .iter()
        .filter(|l| l.contains(&net.prefix) || forwards_port(l, port))
        .collect();
    assert!(mine.is_empty(), "rules of the network left: {mine:#?}");
    TcpListener::bind(("0.0.0.0", port)).expect("the port is free again");
    assert_eq!(w.ctl.ok(&["ps", "-aq"]).stdout, "");
    net.remove(&w.ctl);
}

/// Whether a run's record says its backend's setup has begun (the native backend runs in
/// ctl's own process: this is where its links and elements are being made).
fn configured(ctl: &crate::common::Ctl) -> bool {
    netns_entries(ctl)
        .iter()
        .filter(|f| f.ends_with(".json"))
        .any(|f| {
            std::fs::read_to_string(ctl.runroot.join("netns").join(f))
                .is_ok_and(|t| t.contains("\"configured\":true"))
        })
}

/// The first process named `name` among the children of `pid`, and theirs.
fn descendant(pid: u32, name: &str) -> Option<u32> {
    let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).ok()?;
    children
        .split_whitespace()
        .filter_map(|p| p.parse::<u32>().ok())
        .find_map(|p| {
            let comm = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
            if comm.trim() == name {
                Some(p)
            } else {
                descendant(p, name)
            }
        })
}

/// Whether `pid` is running (not gone, not a zombie).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        s.rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z'))
    })
}

#[test]
fn a_killed_ctls_netavark_holds_the_lock_until_it_exits() {
    let w = WithImage::busybox();
    let net = Net::create(&w.ctl, "it-orphan", 22);
    let run_lock = std::path::Path::new(super::IPAM_DIR)
        .parent()
        .unwrap()
        .join("netavark.run.lock");
    let mut caught = 0;
    for _ in 0..10 {
        let mut child = w.ctl.spawn(&[
            "run",
            "-d",
            "--name",
            "orphan",
            "--network",
            "it-orphan",
            "-p",
            "80",
            &w.reference,
            "sleep",
            "1000",
        ]);
        let pid = child.id();
        let nv = wait_for(Duration::from_secs(30), || descendant(pid, "netavark"));
        let _ = child.kill();
        let _ = child.wait();
        let nv = nv.expect("netavark never ran");
        if running(nv) {
            // flock(2) locks belong to open files: a file of our own sees any holder.
            let f = std::fs::File::open(&run_lock).expect("the run lock exists");
            let free = f.try_lock().is_ok();
            let still = running(nv);
            drop(f);
            if still {
                assert!(!free, "netavark {nv} runs, and its lock is free");
                caught += 1;
            }
        }
        w.ctl.run(&["rm", "-f", "-t", "0", "orphan"]).no_panic();
        // The next setup on the bridge waits for the orphan, then reclaims its network.
        w.ctl.ok(&[
            "run",
            "-d",
            "--name",
            "next",
            "--network",
            "it-orphan",
            &w.reference,
            "sleep",
            "1000",
        ]);
        w.ctl.ok(&["rm", "-f", "-t", "0", "next"]);
        if caught >= 3 {
            break;
        }
    }
    assert!(caught > 0, "netavark never outlived its ctl");
    w.ctl.ok(&["system", "prune", "-f"]);
    assert_eq!(netns_entries(&w.ctl), BTreeSet::new());
    assert_eq!(net.leases(), 0);
    net.remove(&w.ctl);
}

// a_killed_ctls_netavark_holds_the_lock_until_it_exits is about netavark's process alone.
native_too!(
    port_in_use_is_a_clear_error_and_leaves_nothing,
    netavark_failing_mid_setup_leaves_nothing,
    exit_by_itself_tears_the_network_down,
    twenty_parallel_runs_leave_rules_links_and_namespaces_as_they_were,
    restarts_by_policy_publish_their_ports_again,
    killed_runs_leave_nothing_after_rm_and_prune,
);
