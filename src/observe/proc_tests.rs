use super::*;

#[test]
fn stat_with_a_hostile_name() {
    let text = "1234 (a) b (c) S 1200 1234 1234 34816 1234 4194560 100 0 0 0 250 50 0 0 20 5 1 0 \
                98765 4456448 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";
    let s = parse_stat(text).unwrap();
    assert_eq!(s.comm, "a) b (c");
    assert_eq!(s.state, 'S');
    assert_eq!(s.ppid, 1200);
    assert_eq!(s.tty_nr, 34816);
    assert_eq!((s.utime, s.stime), (250, 50));
    assert_eq!(s.nice, 5);
    assert_eq!(s.starttime, 98765);
    assert_eq!(s.vsize, 4456448);
    assert_eq!(parse_stat("garbage"), None);
}

#[test]
fn status_fields() {
    let text = "Name:\tsleep\nState:\tS (sleeping)\nPPid:\t1\nUid:\t1000\t1001\t1000\t1000\n\
                Gid:\t0\t0\t0\t0\nGroups:\t10 20 \nNSpid:\t4242\t7\nNSpgid:\t4200\t1\n\
                VmRSS:\t    1234 kB\nCapInh:\t0000000000000000\nCapPrm:\t00000000a80425fb\n\
                CapEff:\t00000000a80425fb\nCapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n\
                Seccomp:\t2\n";
    let s = parse_status(text);
    assert_eq!(s.name, "sleep");
    assert_eq!(s.state, "S");
    assert_eq!(s.uids, vec![1000, 1001, 1000, 1000]);
    assert_eq!(s.groups, vec![10, 20]);
    assert_eq!(s.nspid, vec![4242, 7]);
    assert_eq!(s.nspgid, vec![4200, 1]);
    assert_eq!(s.vm_rss_kib, Some(1234));
    assert_eq!(s.cap_eff, 0xa80425fb);
    assert_eq!(s.cap_bnd, 0x1ffffffffff);
    assert_eq!(s.seccomp, Some(2));
}

#[test]
fn cmdline_splits_on_nul() {
    assert_eq!(
        parse_cmdline(b"sh\0-c\0echo hi\0"),
        vec!["sh", "-c", "echo hi"]
    );
    assert_eq!(parse_cmdline(b""), Vec::<String>::new());
    assert_eq!(parse_cmdline(b"a\0\0b\0"), vec!["a", "", "b"]);
}

#[test]
fn net_dev_without_loopback() {
    let text = "Inter-|   Receive                                                |  Transmit\n \
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n    \
 lo:     100       2    0    0    0     0          0         0      100       2    0    0    0     0       0          0\n  \
eth0:    5000      40    1    2    0     0          0         0     3000      30    3    4    0     0       0          0\n";
    let m = parse_net_dev(text);
    assert_eq!(m.len(), 1);
    let e = m["eth0"];
    assert_eq!(
        (e.rx_bytes, e.rx_packets, e.rx_errors, e.rx_dropped),
        (5000, 40, 1, 2)
    );
    assert_eq!(
        (e.tx_bytes, e.tx_packets, e.tx_errors, e.tx_dropped),
        (3000, 30, 3, 4)
    );
}

#[test]
fn passwd_names_and_maps() {
    let names = parse_id_names(
        "root:x:0:0::/:/bin/sh\n#c:x:5:5\nuser:x:1000:1000::/:/bin/sh\nalias:x:0:0\n",
    );
    assert_eq!(names[&0], "root");
    assert_eq!(names[&1000], "user");
    assert!(!names.contains_key(&5));
    let map = parse_id_map("         0     100000      65536\n");
    assert_eq!(map_to_inside(&map, 101000), Some(1000));
    assert_eq!(map_to_inside(&map, 99999), None);
    assert_eq!(map_to_inside(&map, 165536), None);
}

#[test]
fn tty_names() {
    assert_eq!(tty_name(0), "?");
    assert_eq!(tty_name(136 << 8), "pts/0");
    assert_eq!(tty_name((136 << 8) | 5), "pts/5");
    assert_eq!(tty_name((4 << 8) | 1), "tty1");
    assert_eq!(tty_name((5 << 8) | 1), "console");
}
