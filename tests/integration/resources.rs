//! Resource limits seen from inside real containers: the container's own cgroup files
//! (cgroup v1 or v2, whichever the host has), OOM kills reported as docker reports them,
//! ulimits, and docker's errors for bad values.

use crate::common::{Out, WithImage};

fn sh(w: &WithImage, flags: &[&str], script: &str) -> Out {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[&w.reference, "sh", "-c", script]);
    w.ctl.run(&args)
}

/// Prints `name=value` for each cgroup file, from the container's own view of its cgroup
/// (v2: /sys/fs/cgroup/*.max in its cgroup namespace; v1: one directory per controller).
const CGROUP_PROBE: &str = r#"
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  echo v=2
  for f in memory.max memory.swap.max memory.low pids.max cpu.max cpu.weight cpuset.cpus; do
    echo "$f=$(cat /sys/fs/cgroup/$f 2>/dev/null)"
  done
else
  echo v=1
  m=/sys/fs/cgroup/memory
  echo "memory.max=$(cat $m/memory.limit_in_bytes)"
  echo "memsw=$(cat $m/memory.memsw.limit_in_bytes 2>/dev/null)"
  echo "memory.low=$(cat $m/memory.soft_limit_in_bytes)"
  echo "pids.max=$(cat /sys/fs/cgroup/pids/pids.max 2>/dev/null)"
  echo "cpu.max=$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"
  echo "cpu.shares=$(cat /sys/fs/cgroup/cpu/cpu.shares)"
  echo "cpuset.cpus=$(cat /sys/fs/cgroup/cpuset/cpuset.cpus)"
fi
"#;

fn cgroup(w: &WithImage, flags: &[&str]) -> std::collections::BTreeMap<String, String> {
    let out = sh(w, flags, CGROUP_PROBE);
    out.success();
    out.lines()
        .into_iter()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn limits_reach_the_containers_cgroup() {
    let w = WithImage::busybox();
    let flags = [
        "--memory",
        "64m",
        "--memory-swap",
        "96m",
        "--memory-reservation",
        "32m",
        "--pids-limit",
        "77",
        "--cpus",
        "0.5",
        "--cpu-shares",
        "512",
        "--cpuset-cpus",
        "0",
    ];
    let g = cgroup(&w, &flags);
    let v2 = g["v"] == "2";
    assert_eq!(g["memory.max"], (64 << 20).to_string(), "{g:?}");
    assert_eq!(g["memory.low"], (32 << 20).to_string(), "{g:?}");
    assert_eq!(g["pids.max"], "77", "{g:?}");
    assert_eq!(g["cpu.max"], "50000 100000", "{g:?}");
    assert_eq!(g["cpuset.cpus"], "0", "{g:?}");
    if v2 {
        // v2 counts swap apart from memory; runc maps shares to a weight.
        assert_eq!(g["memory.swap.max"], (32 << 20).to_string(), "{g:?}");
        assert_eq!(g["cpu.weight"], "20", "{g:?}");
    } else {
        assert_eq!(g["memsw"], (96 << 20).to_string(), "{g:?}");
        assert_eq!(g["cpu.shares"], "512", "{g:?}");
    }

    // Defaults: podman's pids limit; with --memory alone, as much swap as memory.
    let g = cgroup(&w, &["--memory", "64m"]);
    assert_eq!(g["pids.max"], "2048", "{g:?}");
    assert_eq!(g["memory.max"], (64 << 20).to_string(), "{g:?}");
    let swap = if v2 {
        &g["memory.swap.max"]
    } else {
        &g["memsw"]
    };
    let want = if v2 { 64 << 20 } else { 128 << 20 };
    assert_eq!(*swap, want.to_string(), "{g:?}");
    let g = cgroup(&w, &["--pids-limit", "-1"]);
    assert_eq!(g["pids.max"], "max", "{g:?}");

    w.ctl.ok(&["create", "--name", "limited"]
        .into_iter()
        .chain(flags)
        .chain([w.reference.as_str()])
        .collect::<Vec<_>>());
    let host = w.ctl.inspect_container("limited")["HostConfig"].clone();
    assert_eq!(host["Memory"], 64 << 20);
    assert_eq!(host["MemorySwap"], 96 << 20);
    assert_eq!(host["MemoryReservation"], 32 << 20);
    assert_eq!(host["NanoCpus"], 500_000_000);
    assert_eq!(host["CpuShares"], 512);
    assert_eq!(host["CpusetCpus"], "0");
    assert_eq!(host["PidsLimit"], 77);
    w.ctl.ok(&["rm", "limited"]);
}

#[test]
fn oom_kill_is_reported() {
    let w = WithImage::busybox();
    let out = w.ctl.run(&[
        "run",
        "--name",
        "hog",
        "--memory",
        "32m",
        "--memory-swap",
        "32m",
        &w.reference,
        "sh",
        "-c",
        "head -c 300m /dev/zero | busybox tail",
    ]);
    out.failure(137);
    let state = w.ctl.inspect_container("hog")["State"].clone();
    assert_eq!(state["OOMKilled"], true, "{state}");
    assert_eq!(state["ExitCode"], 137, "{state}");
    let ps = w
        .ctl
        .ok(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    assert!(ps.stdout.contains("hog Exited (137)"), "{ps}");
    w.ctl.ok(&["rm", "hog"]);

    // An ordinary kill is not an OOM kill.
    let out = w.ctl.run(&[
        "run",
        "--name",
        "killed",
        "--memory",
        "32m",
        &w.reference,
        "sh",
        "-c",
        "sleep 100 & kill -9 $!; wait $!",
    ]);
    out.failure(137);
    let state = w.ctl.inspect_container("killed")["State"].clone();
    assert_eq!(state["OOMKilled"], false, "{state}");
    assert_eq!(state["ExitCode"], 137, "{state}");
    w.ctl.ok(&["rm", "killed"]);
}

/// This process's (soft, hard) limit of `resource`.
fn own_limit(resource: libc::__rlimit_resource_t) -> (u64, u64) {
    let mut r = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit fills the struct we own.
    assert_eq!(unsafe { libc::getrlimit(resource, &mut r) }, 0);
    (r.rlim_cur, r.rlim_max)
}

#[test]
fn ulimits_are_set_or_inherited() {
    let w = WithImage::busybox();
    let out = sh(
        &w,
        &["--ulimit", "nofile=512:1024", "--ulimit", "nproc=100"],
        "ulimit -n; ulimit -Hn; ulimit -u",
    );
    out.success();
    assert_eq!(out.lines(), ["512", "1024", "100"], "{out}");
    // Without --ulimit, the caller's own limits.
    let (soft, hard) = own_limit(libc::RLIMIT_NOFILE);
    let out = sh(&w, &[], "ulimit -n; ulimit -Hn");
    out.success();
    let show = |n: u64| match n {
        libc::RLIM_INFINITY => "unlimited".to_string(),
        n => n.to_string(),
    };
    assert_eq!(out.lines(), [show(soft), show(hard)], "{out}");

    // Above ctl's own hard limit: refused up front without CAP_SYS_RESOURCE, set with it.
    let eff = u64::from_str_radix(
        std::fs::read_to_string("/proc/self/status")
            .unwrap()
            .lines()
            .find_map(|l| l.strip_prefix("CapEff:\t"))
            .unwrap(),
        16,
    )
    .unwrap();
    let nr_open: u64 = std::fs::read_to_string("/proc/sys/fs/nr_open")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1 << 20);
    if hard >= nr_open {
        eprintln!("NOTE: nofile hard limit {hard} is the kernel's maximum; raising it not checked");
        return;
    }
    let above = format!("nofile={}:{}", hard + 1, hard + 1);
    let out = sh(&w, &["--ulimit", &above], "ulimit -Hn");
    if eff & (1 << 24) == 0 {
        out.failure(125);
        assert!(out.one_line_error().contains("CAP_SYS_RESOURCE"), "{out}");
    } else {
        out.success().stdout_has(&(hard + 1).to_string());
    }
}

#[test]
fn bad_values_are_one_line_errors() {
    let w = WithImage::busybox();
    for (flags, quoted) in [
        (&["--memory", "1x"][..], "1x"),
        (&["-m", "-1"], "-1"),
        (&["--memory-swap", "10m"], "10m"),
        (&["-m", "64m", "--memory-swap", "32m"], "32m"),
        (&["-m", "64m", "--memory-reservation", "1g"], "1g"),
        (&["--cpus", "many"], "many"),
        (&["--cpus", "0"], "0"),
        (&["--cpu-shares", "1"], "1"),
        (&["--cpuset-cpus", "3-1"], "3-1"),
        (&["--pids-limit", "lots"], "lots"),
        (&["--ulimit", "nofile=x"], "nofile=x"),
        (&["--ulimit", "files=10"], "files=10"),
        (&["--ulimit", "nofile=20:10"], "nofile=20:10"),
    ] {
        let out = sh(&w, flags, "true");
        out.failure(125);
        let line = out.one_line_error();
        assert!(line.contains(&format!("\"{quoted}\"")), "{flags:?}: {line}");
    }
    assert!(w.ctl.ok(&["ps", "-a", "-q"]).stdout.trim().is_empty());
}

/// A block device of this host and its numbers (`/dev/NAME`, "MAJ:MIN").
fn block_device() -> (String, String) {
    use std::os::unix::fs::FileTypeExt;
    let mut names: Vec<_> = std::fs::read_dir("/sys/block")
        .expect("/sys/block")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .find_map(|n| {
            let dev = format!("/dev/{n}");
            let is_block = std::fs::metadata(&dev).ok()?.file_type().is_block_device();
            let nums = std::fs::read_to_string(format!("/sys/block/{n}/dev")).ok()?;
            is_block.then(|| (dev, nums.trim().to_string()))
        })
        .expect("a block device in /sys/block")
}

/// podman-run(1)'s CFS period and quota, realtime, memory node, swappiness, OOM killer and
/// per-device block I/O flags, seen in the container's cgroup and in inspect.
#[test]
fn cpu_period_memory_nodes_and_device_limits_reach_the_cgroup() {
    let w = WithImage::busybox();
    let (dev, nums) = block_device();
    let bps = format!("{dev}:1mb");
    let iops = format!("{dev}:300");
    let flags = [
        "--cpu-period",
        "50000",
        "--cpu-quota",
        "25000",
        "--cpuset-mems",
        "0",
        "--memory-swappiness",
        "10",
        "--oom-kill-disable",
        "--memory",
        "64m",
        "--device-read-bps",
        &bps,
        "--device-write-iops",
        &iops,
    ];
    let probe = r#"
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  echo "cpu=$(cat /sys/fs/cgroup/cpu.max)"
  echo "mems=$(cat /sys/fs/cgroup/cpuset.mems)"
  echo "io=$(cat /sys/fs/cgroup/io.max)"
else
  echo "cpu=$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"
  echo "mems=$(cat /sys/fs/cgroup/cpuset/cpuset.mems)"
  echo "swappiness=$(cat /sys/fs/cgroup/memory/memory.swappiness)"
  echo "oom=$(grep oom_kill_disable /sys/fs/cgroup/memory/memory.oom_control)"
  echo "io=$(cat /sys/fs/cgroup/blkio/blkio.throttle.read_bps_device) $(cat /sys/fs/cgroup/blkio/blkio.throttle.write_iops_device)"
fi
"#;
    let out = sh(&w, &flags, probe);
    out.success();
    let g: std::collections::BTreeMap<_, _> = out
        .lines()
        .into_iter()
        .filter_map(|l| {
            l.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect();
    assert_eq!(g["cpu"], "25000 50000", "{g:?}");
    assert_eq!(g["mems"], "0", "{g:?}");
    if g.contains_key("swappiness") {
        assert_eq!(g["swappiness"], "10", "{g:?}");
        assert_eq!(g["oom"], "oom_kill_disable 1", "{g:?}");
        assert_eq!(g["io"], format!("{nums} 1048576 {nums} 300"), "{g:?}");
    } else {
        assert!(g["io"].contains(&format!("{nums} rbps=1048576")), "{g:?}");
        assert!(g["io"].contains("wiops=300"), "{g:?}");
    }

    w.ctl.ok(&["create", "--name", "tuned"]
        .into_iter()
        .chain(flags)
        .chain([w.reference.as_str(), "sleep", "1000"])
        .collect::<Vec<_>>());
    let host = w.ctl.inspect_container("tuned")["HostConfig"].clone();
    assert_eq!(host["CpuPeriod"], 50000);
    assert_eq!(host["CpuQuota"], 25000);
    // podman's: NanoCpus only over the default period.
    assert_eq!(host["NanoCpus"], 0);
    assert_eq!(host["CpusetMems"], "0");
    assert_eq!(host["MemorySwappiness"], 10);
    assert_eq!(host["OomKillDisable"], true);
    assert_eq!(host["BlkioDeviceReadBps"][0]["Path"], dev.as_str());
    assert_eq!(host["BlkioDeviceReadBps"][0]["Rate"], 1 << 20);
    assert_eq!(host["BlkioDeviceWriteIOps"][0]["Rate"], 300);

    // update: the period live; per-device limits only while stopped (runc cannot).
    w.ctl.ok(&["start", "tuned"]);
    w.ctl.ok(&["update", "--cpu-period", "100000", "tuned"]);
    let cpu = w.ctl.ok(&[
        "exec",
        "tuned",
        "sh",
        "-c",
        "cat /sys/fs/cgroup/cpu.max 2>/dev/null || echo $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)",
    ]);
    assert_eq!(cpu.stdout.trim(), "25000 100000");
    let live = w.ctl.run(&[
        "update",
        "--device-read-bps",
        &format!("{dev}:2mb"),
        "tuned",
    ]);
    live.failure(125);
    assert!(live.one_line_error().contains("per-device"), "{live}");
    w.ctl.ok(&["stop", "-t", "0", "tuned"]);
    w.ctl.ok(&[
        "update",
        "--device-read-bps",
        &format!("{dev}:2mb"),
        "tuned",
    ]);
    let host = w.ctl.inspect_container("tuned")["HostConfig"].clone();
    assert_eq!(host["BlkioDeviceReadBps"][0]["Rate"], 2 << 20);
    assert_eq!(host["CpuPeriod"], 100000);
    assert_eq!(host["NanoCpus"], 250_000_000);
    w.ctl.ok(&["rm", "tuned"]);

    // --blkio-weight: in the cgroup where the kernel weighs I/O, else podman's warning.
    let out = sh(
        &w,
        &["--blkio-weight", "300"],
        "cat /sys/fs/cgroup/blkio/blkio.bfq.weight /sys/fs/cgroup/blkio/blkio.weight \
         /sys/fs/cgroup/io.bfq.weight /sys/fs/cgroup/io.weight 2>/dev/null; true",
    );
    out.success();
    let v1 = std::path::Path::new("/sys/fs/cgroup/blkio");
    let weighs = std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists()
        || v1.join("blkio.weight").exists()
        || v1.join("blkio.bfq.weight").exists();
    if weighs {
        assert!(out.stdout.contains("300"), "{out}");
    } else {
        assert!(
            out.stderr
                .contains("Your kernel does not support Block I/O weight"),
            "{out}"
        );
    }

    // Bad values: podman's words, nothing made.
    for (flags, want) in [
        (
            &["--cpus", "1", "--cpu-quota", "5000"][..],
            "--cpu-quota and --cpus cannot be set together",
        ),
        (&["--cpu-period", "10"], "invalid cpu-period \"10\""),
        (
            &["--memory-swappiness", "200"],
            "invalid memory-swappiness \"200\"",
        ),
        (
            &["--device-read-bps", "sda:1mb"],
            "bad format for device path: sda:1mb",
        ),
        (
            &["--device-read-iops", "/dev/null:10"],
            "stat /dev/null: not a block device",
        ),
        (
            &["--blkio-weight-device", "/dev/sda:5"],
            "invalid weight for device: /dev/sda:5",
        ),
    ] {
        let out = sh(&w, flags, "true");
        out.failure(125);
        let line = out.one_line_error();
        assert!(line.contains(want), "{flags:?}: {line}");
    }
    assert!(w.ctl.ok(&["ps", "-a", "-q"]).stdout.trim().is_empty());
}
