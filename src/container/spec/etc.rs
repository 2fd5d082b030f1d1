//! The contents of the generated /etc/hosts, /etc/hostname and /etc/resolv.conf.

use std::net::IpAddr;

use super::NetworkMode;
use crate::container::store::EtcConfig;

/// /etc/hosts as podman writes it: the `--add-host` entries first, then the lines of
/// `base` (the host's file with `--network host`), then localhost for both families,
/// `host.containers.internal` and `host.docker.internal` at `gateway` (where the container
/// reaches the host), then the container's own names on its address (127.0.1.1 while it
/// has none). A name from `--add-host` or `base` is not written again, so they override.
pub fn hosts_file(
    user: &[(Vec<String>, IpAddr)],
    base: &str,
    gateway: Option<IpAddr>,
    own: Option<IpAddr>,
    names: &[&str],
) -> String {
    let mut lines: Vec<(String, Vec<String>)> = user
        .iter()
        .map(|(n, ip)| (ip.to_string(), n.clone()))
        .collect();
    for line in base.lines() {
        let line = line.split_once('#').map_or(line, |(l, _)| l);
        let mut words = line.split_whitespace();
        if let (Some(ip), rest) = (words.next(), words.map(String::from).collect::<Vec<_>>()) {
            if !rest.is_empty() {
                lines.push((ip.to_string(), rest));
            }
        }
    }
    let mut s = String::new();
    let mut seen = std::collections::HashSet::new();
    for (ip, names) in &lines {
        seen.extend(names.iter().cloned());
        s.push_str(&format!("{ip}\t{}\n", names.join(" ")));
    }
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut ours = vec![
        ("127.0.0.1".to_string(), words(&["localhost"])),
        (
            "::1".to_string(),
            words(&["localhost", "ip6-localhost", "ip6-loopback"]),
        ),
    ];
    if let Some(g) = gateway {
        ours.push((
            g.to_string(),
            words(&["host.containers.internal", "host.docker.internal"]),
        ));
    }
    if !names.is_empty() {
        let ip = own.map_or("127.0.1.1".to_string(), |ip| ip.to_string());
        ours.push((ip, words(names)));
    }
    for (ip, names) in ours {
        // Only the names given before (--add-host, the base file) are skipped, as podman's.
        let free: Vec<String> = names.into_iter().filter(|n| !seen.contains(n)).collect();
        if !free.is_empty() {
            s.push_str(&format!("{ip}\t{}\n", free.join(" ")));
        }
    }
    s
}

/// /etc/resolv.conf with `--dns`, `--dns-search`, `--dns-option` applied to `base` (what
/// the container would get without them), as podman writes it: search, nameservers,
/// options. `--dns` servers replace the base's unless `keep_servers` (a network's own DNS
/// server, which forwards to them instead); `--dns-search .` leaves no search domains.
pub fn custom_resolv_conf(base: &str, etc: &EtcConfig, keep_servers: bool) -> String {
    let replace_servers = !etc.dns_servers.is_empty() && !keep_servers;
    if !replace_servers && etc.dns_search.is_empty() && etc.dns_options.is_empty() {
        return base.to_string();
    }
    let (mut servers, mut search, mut options) = (Vec::new(), Vec::new(), Vec::new());
    for line in base.lines() {
        let mut words = line.split_whitespace();
        match words.next() {
            Some("nameserver") => servers.extend(words.next().map(String::from)),
            Some("search") | Some("domain") => search = words.map(String::from).collect(),
            Some("options") => options.extend(words.map(String::from)),
            _ => {}
        }
    }
    if replace_servers {
        servers = etc.dns_servers.iter().map(IpAddr::to_string).collect();
    }
    if !etc.dns_search.is_empty() {
        search = etc
            .dns_search
            .iter()
            .filter(|d| *d != ".")
            .cloned()
            .collect();
    }
    if !etc.dns_options.is_empty() {
        options = etc.dns_options.clone();
    }
    let mut out = String::new();
    if !search.is_empty() {
        out.push_str(&format!("search {}\n", search.join(" ")));
    }
    for s in servers {
        out.push_str(&format!("nameserver {s}\n"));
    }
    if !options.is_empty() {
        out.push_str(&format!("options {}\n", options.join(" ")));
    }
    out
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
        let db = [(vec!["db".to_string()], "10.0.0.9".parse().unwrap())];
        let h = hosts_file(&db, "", None, None, &["box", "web"]);
        let local = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";
        assert_eq!(h, format!("10.0.0.9\tdb\n{local}127.0.1.1\tbox web\n"));
        let ip = Some("10.88.0.2".parse().unwrap());
        let h = hosts_file(&[], "", None, ip, &["box"]);
        assert_eq!(h, format!("{local}10.88.0.2\tbox\n"));
        assert_eq!(hostname_file("box"), "box\n");
    }

    /// podman's order: --add-host, the base file, localhost, the host's names, the
    /// container's; a name given earlier is not repeated, so --add-host overrides.
    #[test]
    fn add_host_overrides_and_the_host_gets_its_names() {
        let user = [(
            vec!["box".to_string(), "db".to_string()],
            "10.0.0.9".parse().unwrap(),
        )];
        let base = "# host\n192.168.1.5 nas nas.lan # comment\n127.0.0.1 localhost\n";
        let gw = Some("10.88.0.1".parse().unwrap());
        let h = hosts_file(&user, base, gw, None, &["box", "web"]);
        assert_eq!(
            h,
            "10.0.0.9\tbox db\n192.168.1.5\tnas nas.lan\n127.0.0.1\tlocalhost\n\
             ::1\tip6-localhost ip6-loopback\n\
             10.88.0.1\thost.containers.internal host.docker.internal\n\
             127.0.1.1\tweb\n"
        );
    }

    #[test]
    fn dns_flags_replace_the_base_s_parts() {
        let base = "nameserver 1.1.1.1\nsearch lan\noptions edns0\n";
        let mut etc = EtcConfig::default();
        assert_eq!(custom_resolv_conf(base, &etc, false), base);
        etc.dns_servers = vec!["9.9.9.9".parse().unwrap(), "fd00::1".parse().unwrap()];
        assert_eq!(
            custom_resolv_conf(base, &etc, false),
            "search lan\nnameserver 9.9.9.9\nnameserver fd00::1\noptions edns0\n"
        );
        assert_eq!(custom_resolv_conf(base, &etc, true), base);
        etc.dns_search = vec!["a.example".into(), "b.example".into()];
        etc.dns_options = vec!["ndots:2".into(), "timeout:1".into()];
        assert_eq!(
            custom_resolv_conf(base, &etc, true),
            "search a.example b.example\nnameserver 1.1.1.1\noptions ndots:2 timeout:1\n"
        );
        etc.dns_search = vec![".".into()];
        assert_eq!(
            custom_resolv_conf(base, &etc, false),
            "nameserver 9.9.9.9\nnameserver fd00::1\noptions ndots:2 timeout:1\n"
        );
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
