//! The contents of the generated /etc/hosts, /etc/hostname and /etc/resolv.conf.

use std::net::IpAddr;

use super::NetworkMode;

/// /etc/hosts: localhost for both families, the `--add-host` entries, then the container's
/// own names on its address (127.0.1.1 while it has none).
pub fn hosts_file(names: &[&str], ip: Option<IpAddr>, extra_hosts: &[(String, IpAddr)]) -> String {
    let mut s = String::from("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    for (name, addr) in extra_hosts {
        s.push_str(&format!("{addr}\t{name}\n"));
    }
    if !names.is_empty() {
        let ip = ip.map_or("127.0.1.1".to_string(), |ip| ip.to_string());
        s.push_str(&format!("{ip}\t{}\n", names.join(" ")));
    }
    s
}

pub fn hostname_file(hostname: &str) -> String {
    format!("{hostname}\n")
}

fn loopback_nameserver(line: &str) -> bool {
    let mut words = line.split_whitespace();
    if words.next() != Some("nameserver") {
        return false;
    }
    let addr = words.next().unwrap_or("");
    let addr = addr.split_once('%').map_or(addr, |(a, _)| a);
    addr.parse::<IpAddr>().is_ok_and(|a| a.is_loopback())
}

/// /etc/resolv.conf from the host's. With the host network it is the host's as is. Otherwise
/// loopback nameservers are unreachable: when the host has only those (systemd-resolved's
/// stub), `upstream` (/run/systemd/resolve/resolv.conf) is used instead if given; loopback
/// nameservers and comments are dropped, and no public resolver is ever added, so with none
/// left only the search/options lines remain.
pub fn resolv_conf(host: &str, upstream: Option<&str>, network: &NetworkMode) -> String {
    if *network == NetworkMode::Host {
        return host.to_string();
    }
    let mut servers = host
        .lines()
        .filter(|l| l.split_whitespace().next() == Some("nameserver"));
    let only_loopback = servers.clone().next().is_some() && servers.all(loopback_nameserver);
    let text = match upstream {
        Some(up) if only_loopback => up,
        _ => host,
    };
    let mut out = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with(['#', ';']) || loopback_nameserver(line) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// /etc/resolv.conf on a network with its own DNS server (aardvark-dns, which forwards
/// other names to the host's resolvers): its servers only, its search domains before the
/// host's, and the host's options.
pub fn resolv_conf_with_dns(host: &str, servers: &[IpAddr], search: &[String]) -> String {
    let mut domains: Vec<String> = search.to_vec();
    let mut options = Vec::new();
    for line in host.lines().map(str::trim) {
        let mut words = line.split_whitespace();
        match words.next() {
            Some("search") | Some("domain") => {
                for w in words {
                    if !domains.iter().any(|d| d == w) {
                        domains.push(w.to_string());
                    }
                }
            }
            Some("options") => options.push(line.to_string()),
            _ => {}
        }
    }
    let mut out = String::new();
    if !domains.is_empty() {
        out.push_str(&format!("search {}\n", domains.join(" ")));
    }
    for s in servers {
        out.push_str(&format!("nameserver {s}\n"));
    }
    for o in options {
        out.push_str(&o);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etc_files() {
        let db = [("db".to_string(), "10.0.0.9".parse().unwrap())];
        let h = hosts_file(&["box", "web"], None, &db);
        let local = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";
        assert_eq!(h, format!("{local}10.0.0.9\tdb\n127.0.1.1\tbox web\n"));
        let h = hosts_file(&["box"], Some("10.88.0.2".parse().unwrap()), &[]);
        assert_eq!(h, format!("{local}10.88.0.2\tbox\n"));
        assert_eq!(hostname_file("box"), "box\n");
    }

    #[test]
    fn resolv_conf_avoids_loopback_resolvers() {
        let stub = "# stub\nnameserver 127.0.0.53\noptions edns0 trust-ad\nsearch lan\n";
        let up = "# up\nnameserver 192.168.1.1\nnameserver ::1\nsearch lan\n";
        let new = NetworkMode::None;
        assert_eq!(
            resolv_conf(stub, Some(up), &new),
            "nameserver 192.168.1.1\nsearch lan\n"
        );
        assert_eq!(
            resolv_conf(stub, None, &new),
            "options edns0 trust-ad\nsearch lan\n"
        );
        assert_eq!(resolv_conf(stub, Some(up), &NetworkMode::Host), stub);
        let gw: IpAddr = "10.90.0.1".parse().unwrap();
        assert_eq!(
            resolv_conf_with_dns(
                "nameserver 1.1.1.1\nsearch lan\noptions edns0\n",
                &[gw],
                &["dns.podman".into()]
            ),
            "search dns.podman lan\nnameserver 10.90.0.1\noptions edns0\n"
        );
        let mixed = "nameserver 127.0.0.1\nnameserver fe80::1%eth0\nnameserver 9.9.9.9\n";
        let want = "nameserver fe80::1%eth0\nnameserver 9.9.9.9\n";
        assert_eq!(resolv_conf(mixed, Some(up), &new), want);
        assert_eq!(resolv_conf("", None, &new), "");
    }
}
