use super::*;

fn strings(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

#[test]
fn default_descriptors() {
    let d = parse(&[]).unwrap();
    let h: Vec<&str> = d.iter().map(|d| d.header).collect();
    assert_eq!(
        h,
        ["USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"]
    );
}

#[test]
fn names_codes_and_commas() {
    let d = parse(&strings(&["pid,seccomp", "args", "%C", "hpid,"])).unwrap();
    let n: Vec<&str> = d.iter().map(|d| d.normal).collect();
    assert_eq!(n, ["pid", "seccomp", "args", "pcpu", "hpid"]);
}

#[test]
fn unknown_descriptor_named() {
    let e = parse(&strings(&["pid", "-eo"])).unwrap_err();
    assert_eq!(e.to_string(), "'-eo': unknown descriptor");
    assert!(parse(&strings(&["aux"])).is_err());
}

#[test]
fn every_documented_descriptor_is_known() {
    // podman-top(1)'s list.
    for n in "args capbnd capeff capinh capprm comm etime group groups hgroup hgroups hpid \
              huser label nice pcpu pgid pid ppid rgroup ruser seccomp state time tty user vsz \
              stime rss"
        .split_whitespace()
    {
        assert!(parse(&strings(&[n])).is_ok(), "{n}");
    }
    assert!(names().windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn caps_masks() {
    assert_eq!(caps_text(0x1FF_FFFF_FFFF), "full");
    assert_eq!(caps_text(0), "none");
    // CHOWN (0), KILL (5), NET_BIND_SERVICE (10), sorted by name.
    assert_eq!(
        caps_text(1 | 1 << 5 | 1 << 10),
        "CHOWN,KILL,NET_BIND_SERVICE"
    );
}

fn process() -> Process {
    Process {
        pid: 4242,
        stat: proc::Stat {
            comm: "sleep".into(),
            state: 'S',
            ppid: 4200,
            tty_nr: 136 << 8,
            utime: 150,
            stime: 50,
            nice: 0,
            starttime: 1000,
            vsize: 4 << 20,
        },
        status: proc::Status {
            name: "sleep".into(),
            state: "S".into(),
            uids: vec![101000, 101000, 101000, 101000],
            gids: vec![100000; 4],
            nspid: vec![4242, 7],
            nspgid: vec![4242, 7],
            seccomp: Some(2),
            vm_rss_kib: Some(512),
            ..Default::default()
        },
        cmdline: strings(&["sleep", "100"]),
        label: None,
    }
}

#[test]
fn cells_in_the_containers_view() {
    let n = Names {
        users: BTreeMap::from([(0, "root".to_string()), (1000, "user".to_string())]),
        groups: BTreeMap::from([(0, "root".to_string())]),
        uid_map: vec![(0, 100000, 65536)],
        gid_map: vec![(0, 100000, 65536)],
        ns_pids: BTreeMap::from([(4200, 1), (4242, 7)]),
        boot: 1_000_000,
        ticks: 100,
        // Started at boot + 10 s, now 20 s after that.
        now_nanos: (1_000_000 + 30) * 1_000_000_000,
        ..Default::default()
    };
    let p = process();
    let get = |name: &str| cell(&parse(&strings(&[name])).unwrap()[0], &p, &n);
    assert_eq!(get("user"), "user");
    assert_eq!(get("group"), "root");
    assert_eq!(get("huid"), "101000");
    assert_eq!(get("pid"), "7");
    assert_eq!(get("hpid"), "4242");
    assert_eq!(get("ppid"), "1");
    assert_eq!(get("args"), "sleep 100");
    assert_eq!(get("tty"), "pts/0");
    assert_eq!(get("etime"), "20s");
    assert_eq!(get("time"), "2s");
    assert_eq!(get("pcpu"), "10.000");
    assert_eq!(get("vsz"), "4096");
    assert_eq!(get("rss"), "512");
    assert_eq!(get("seccomp"), "filter");
    assert_eq!(get("label"), "?");
    assert_eq!(get("stime"), "1970-01-12 13:46:50 +0000 UTC");
}

#[test]
fn rows_sorted_by_container_pid_with_header() {
    let a = process();
    let mut b = process();
    b.pid = 4200;
    b.status.nspid = vec![4200, 1];
    b.cmdline.clear();
    b.status.uids = vec![0; 4];
    let n = Names {
        ticks: 100,
        ..Default::default()
    };
    let r = rows(
        &parse(&strings(&["pid", "args", "user"])).unwrap(),
        &[a, b],
        &n,
    );
    assert_eq!(r[0], strings(&["PID", "COMMAND", "USER"]));
    assert_eq!(r[1], strings(&["1", "[sleep]", "0"]));
    assert_eq!(r[2][0], "7");
}
