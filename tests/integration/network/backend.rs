//! The bridge backend is ctl.toml's `network-backend`: `ctl info` names it, a bad value is
//! a one-line error, and a container run with the native backend lives in ctl's own
//! nftables table (one element per published port) while it runs, and nowhere after.

use super::{forwards_port, http_get_ok, httpd, native_veths, ruleset};
use crate::common::{free_port, Ctl, WithImage};

#[test]
fn ctl_toml_chooses_the_backend_and_info_names_it() {
    let ctl = Ctl::new();
    let backend = || {
        ctl.ok(&["info", "--format", "{{.Host.NetworkBackend}}"])
            .stdout
            .trim()
            .to_string()
    };
    ctl.write_config("network-backend = \"native\"\n");
    assert_eq!(backend(), "native");
    ctl.write_config("network-backend = \"netavark\"\n");
    assert_eq!(backend(), "netavark");
    ctl.write_config("network-backend = \"cni\"\n");
    let out = ctl.run(&["info"]);
    out.failure(125);
    let line = out.one_line_error();
    assert!(
        line.contains("network-backend \"cni\"") && line.contains("netavark or native"),
        "{line}"
    );
}

#[test]
fn native_backend_forwards_through_its_own_table_and_leaves_nothing() {
    let w = WithImage::busybox();
    w.ctl.write_config("network-backend = \"native\"\n");
    let port = free_port();
    let publish = format!("{port}:80");
    let mut args = vec!["run", "-d", "--name", "nat", "-p", &publish, &w.reference];
    let cmd = httpd("native-table");
    args.extend(cmd.iter().map(String::as_str));
    let id = w.ctl.ok(&args).stdout.trim().to_string();
    let resp = http_get_ok(&format!("127.0.0.1:{port}"), "/index.html");
    assert!(resp.contains("native-table"), "{resp}");
    let table = super::host("nft", &["list", "table", "inet", "ctl"]);
    assert!(
        table.lines().any(|l| forwards_port(l, port)),
        "no element for port {port} in:\n{table}"
    );
    assert_eq!(native_veths(&id).len(), 1, "one veth for the container");
    // netavark's rules were not used for it.
    let ipt = super::host("iptables-save", &[]);
    assert!(!ipt.lines().any(|l| forwards_port(l, port)), "{ipt}");
    w.ctl.ok(&["rm", "-f", "-t", "0", "nat"]);
    assert!(!ruleset().iter().any(|l| forwards_port(l, port)));
    assert!(native_veths(&id).is_empty(), "the veth was left");
}
