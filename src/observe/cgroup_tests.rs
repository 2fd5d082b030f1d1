use super::*;

use std::collections::HashMap;

const V1_PROC: &str = "13:hugetlb:/\n11:perf_event:/\n10:net_cls,net_prio:/ctl/abc\n\
9:name=systemd:/ctl/abc\n8:pids:/ctl/abc\n7:blkio:/ctl/abc\n4:memory:/ctl/abc\n\
2:cpuacct:/ctl/abc\n1:cpu:/ctl/abc\n0::/ctl/abc\n";

const V2_PROC: &str = "0::/machine.slice/ctl-abc.scope\n";

fn files(pairs: &[(&str, &str)]) -> HashMap<PathBuf, String> {
    pairs
        .iter()
        .map(|(p, t)| (PathBuf::from(p), t.to_string()))
        .collect()
}

#[test]
fn proc_cgroup_lines() {
    let l = parse_proc_cgroup(V1_PROC);
    assert_eq!(l.len(), 10);
    assert_eq!(
        l[2],
        (vec!["net_cls".into(), "net_prio".into()], "/ctl/abc".into())
    );
    assert_eq!(l[9], (vec![], "/ctl/abc".into()));
}

#[test]
fn v2_location() {
    let cg = from_proc_cgroup(V2_PROC, Path::new("/sys/fs/cgroup"), true).unwrap();
    assert_eq!(
        cg,
        Cgroup::V2(PathBuf::from("/sys/fs/cgroup/machine.slice/ctl-abc.scope"))
    );
}

#[test]
fn v1_location_skips_named_hierarchies() {
    let Some(Cgroup::V1(dirs)) = from_proc_cgroup(V1_PROC, Path::new("/sys/fs/cgroup"), false)
    else {
        panic!("v1 expected")
    };
    assert_eq!(
        dirs["memory"],
        PathBuf::from("/sys/fs/cgroup/memory/ctl/abc")
    );
    assert_eq!(
        dirs["net_prio"],
        PathBuf::from("/sys/fs/cgroup/net_prio/ctl/abc")
    );
    assert!(!dirs.keys().any(|k| k.starts_with("name=")));
}

#[test]
fn v2_counters_from_captured_files() {
    // As a kernel 6.x writes them for a container with -m 64m.
    let d = "/cg";
    let fs = files(&[
        (
            "/cg/cpu.stat",
            "usage_usec 2500000\nuser_usec 2000000\nsystem_usec 500000\nnr_periods 0\n\
             nr_throttled 0\nthrottled_usec 0\n",
        ),
        ("/cg/memory.current", "10485760\n"),
        (
            "/cg/memory.stat",
            "anon 8388608\nfile 2097152\nactive_file 1048576\ninactive_file 1048576\n",
        ),
        ("/cg/memory.max", "67108864\n"),
        ("/cg/pids.current", "3\n"),
        (
            "/cg/io.stat",
            "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n\
             253:0 rbytes=100 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n",
        ),
    ]);
    let (c, missing) = counters(&Cgroup::V2(d.into()), &|p| fs.get(p).cloned());
    assert!(missing.is_empty(), "{missing:?}");
    assert_eq!(c.cpu_nanos, Some(2_500_000_000));
    assert_eq!(c.cpu_system_nanos, Some(500_000_000));
    assert_eq!(c.mem_usage, Some(10485760 - 1048576));
    assert_eq!(c.mem_limit, Some(67108864));
    assert_eq!(c.pids, Some(3));
    assert_eq!((c.block_read, c.block_write), (Some(4196), Some(8192)));
}

#[test]
fn v2_unlimited_memory_and_missing_files() {
    let fs = files(&[
        ("/cg/memory.max", "max\n"),
        ("/cg/memory.current", "4096\n"),
    ]);
    let (c, missing) = counters(&Cgroup::V2("/cg".into()), &|p| fs.get(p).cloned());
    assert_eq!(c.mem_limit, None);
    assert_eq!(c.mem_usage, Some(4096));
    assert_eq!(c.cpu_nanos, None);
    assert!(missing.contains(&"/cg/cpu.stat".to_string()), "{missing:?}");
    assert!(missing.contains(&"/cg/pids.current".to_string()));
}

#[test]
fn v1_counters_from_captured_files() {
    let dirs: BTreeMap<String, PathBuf> = ["cpuacct", "memory", "pids", "blkio"]
        .iter()
        .map(|c| (c.to_string(), PathBuf::from(format!("/{c}/x"))))
        .collect();
    let fs = files(&[
        ("/cpuacct/x/cpuacct.usage", "4036779712\n"),
        ("/cpuacct/x/cpuacct.stat", "user 396\nsystem 7\n"),
        ("/memory/x/memory.usage_in_bytes", "581632\n"),
        (
            "/memory/x/memory.stat",
            "cache 45056\nrss 61440\ninactive_file 0\ntotal_cache 45056\n\
             total_inactive_file 40960\n",
        ),
        ("/memory/x/memory.limit_in_bytes", "9223372036854771712\n"),
        ("/pids/x/pids.current", "1\n"),
        (
            "/blkio/x/blkio.throttle.io_service_bytes_recursive",
            "8:0 Read 12288\n8:0 Write 4096\n8:0 Sync 0\n8:0 Async 16384\n8:0 Total 16384\n\
             Total 16384\n",
        ),
    ]);
    let (c, missing) = counters(&Cgroup::V1(dirs), &|p| fs.get(p).cloned());
    assert!(missing.is_empty(), "{missing:?}");
    assert_eq!(c.cpu_nanos, Some(4036779712));
    assert_eq!(c.cpu_system_nanos, Some(70_000_000));
    assert_eq!(c.mem_usage, Some(581632 - 40960));
    assert_eq!(c.mem_limit, None, "the v1 'unlimited' number");
    assert_eq!(c.pids, Some(1));
    assert_eq!((c.block_read, c.block_write), (Some(12288), Some(4096)));
}

#[test]
fn v1_limit_is_kept() {
    let dirs = BTreeMap::from([("memory".to_string(), PathBuf::from("/m"))]);
    let fs = files(&[
        ("/m/memory.limit_in_bytes", "67108864\n"),
        ("/m/memory.usage_in_bytes", "100\n"),
    ]);
    let (c, _) = counters(&Cgroup::V1(dirs), &|p| fs.get(p).cloned());
    assert_eq!(c.mem_limit, Some(67108864));
    assert_eq!(c.mem_usage, Some(100));
}
