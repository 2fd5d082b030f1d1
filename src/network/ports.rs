//! Published ports: `-p` parsed, shown as docker shows them, and reserved on the host.
//!
//! One mapping type for every way a port is forwarded: netavark's `PortMapping` (bridge),
//! pasta and slirp4netns (rootless), and `ctl port`. The host ports are reserved by binding
//! them (a bound socket that never listens): a port someone else holds is a clear error
//! before any rule exists, and the sockets, held by the container's monitor, keep the ports
//! ours while the container runs. Host port 0 means "any free one", chosen by the kernel at
//! that bind.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::os::fd::OwnedFd;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// `[IP:][HOSTPORT:]CTRPORT[/PROTO]`, maybe a range. Records of rootless containers written
/// before this type had no `range` (one port) and an absent `host_ip` for every address:
/// both load as such.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortMapping {
    pub container_port: u16,
    /// Empty: every address of the host. Otherwise an IPv4 or IPv6 address, as
    /// `IpAddr`'s `to_string` writes it.
    #[serde(default)]
    pub host_ip: String,
    /// 0: a free port picked when the container starts.
    pub host_port: u16,
    /// tcp or udp.
    pub protocol: String,
    /// How many consecutive ports from both starts (1: just the one).
    #[serde(default = "one")]
    pub range: u16,
}

fn one() -> u16 {
    1
}

impl PortMapping {
    /// The host address as docker shows it: `0.0.0.0` for all, IPv6 in brackets.
    fn host_ip_shown(&self) -> String {
        match self.ip() {
            None => "0.0.0.0".into(),
            Some(IpAddr::V6(ip)) => format!("[{ip}]"),
            Some(IpAddr::V4(ip)) => ip.to_string(),
        }
    }

    /// The host address; None: every address.
    pub fn ip(&self) -> Option<IpAddr> {
        self.host_ip.parse().ok()
    }

    /// `(container port, host port)` of each port of the range.
    pub fn pairs(&self) -> impl Iterator<Item = (u16, u16)> + '_ {
        (0..self.range.max(1)).map(move |i| (self.container_port + i, self.host_port + i))
    }
}

fn invalid(value: &str, reason: impl Into<String>) -> Error {
    Error::InvalidInput {
        what: "port mapping",
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// `PORT` or `START-END` → (start, count), with podman's checks.
fn parse_range(value: &str, s: &str) -> Result<(u16, u16)> {
    let port = |p: &str| -> Result<u16> {
        p.parse::<u16>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| invalid(value, format!("\"{p}\" is not a port number (1-65535)")))
    };
    let parts: Vec<&str> = s.split('-').collect();
    match parts[..] {
        [""] => Err(invalid(value, "a port number is missing")),
        [a] => Ok((port(a)?, 1)),
        ["", _] => Err(invalid(value, "port numbers cannot be negative")),
        [_, ""] => Err(invalid(value, "the range has no end port")),
        [a, b] => {
            let (a, b) = (port(a)?, port(b)?);
            if b <= a {
                return Err(invalid(
                    value,
                    format!("the end port of a range must be higher than the start port - {b} is not higher than {a}"),
                ));
            }
            Ok((a, b - a + 1))
        }
        _ => Err(invalid(value, "port ranges are written START-END")),
    }
}

const FORMAT: &str = "expected [IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]";

/// `-p [IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` as podman takes it: ports or `START-END`
/// ranges of equal length; an IPv4 address or an IPv6 one in brackets (`[::1]:8080:80`); a
/// missing host port (`80`, `IP::80`) is any free port, one for each port of a range.
pub fn parse_publish(value: &str) -> Result<Vec<PortMapping>> {
    let (spec, protocol) = match value.split('/').collect::<Vec<_>>()[..] {
        [s] => (s, "tcp"),
        [s, p] => (s, p),
        _ => return Err(invalid(value, "the protocol can only be given once")),
    };
    let protocol = match protocol {
        "tcp" | "udp" => protocol.to_string(),
        p => {
            return Err(invalid(
                value,
                format!("unsupported protocol \"{p}\" (tcp or udp)"),
            ))
        }
    };
    // (host ip, host port, container port); None: not given.
    let (ip, host, ctr): (Option<&str>, Option<&str>, &str) =
        match spec.split(']').collect::<Vec<_>>()[..] {
            [plain] => match plain.split(':').collect::<Vec<_>>()[..] {
                [c] => (None, None, c),
                [h, c] => (None, Some(h), c),
                [i, h, c] => (Some(i), Some(h), c),
                _ => return Err(invalid(value, FORMAT)),
            },
            [v6, rest] => {
                let Some(ip) = v6.strip_prefix('[') else {
                    return Err(invalid(
                        value,
                        "an IPv6 address is written in brackets: [::1]",
                    ));
                };
                let Some(rest) = rest.strip_prefix(':') else {
                    return Err(invalid(value, "an IPv6 address is followed by a colon"));
                };
                match rest.split(':').collect::<Vec<_>>()[..] {
                    [h, c] => (Some(ip), Some(h), c),
                    _ => {
                        return Err(invalid(
                            value,
                            "with an IPv6 address: [IPV6]:HOST_PORT:CONTAINER_PORT",
                        ))
                    }
                }
            }
            _ => return Err(invalid(value, "at most one IPv6 address")),
        };
    let host_ip = match ip {
        None | Some("0.0.0.0") => String::new(),
        Some("") => return Err(invalid(value, "the host address is empty")),
        Some(i) => i
            .parse::<IpAddr>()
            .map_err(|_| invalid(value, format!("\"{i}\" is not an IP address")))?
            .to_string(),
    };
    let (cstart, count) = parse_range(value, ctr)?;
    let host = host.filter(|h| !h.is_empty());
    let Some(host) = host else {
        // Each port of the range gets a free host port of its own.
        return Ok((0..count)
            .map(|i| PortMapping {
                container_port: cstart + i,
                host_ip: host_ip.clone(),
                host_port: 0,
                protocol: protocol.clone(),
                range: 1,
            })
            .collect());
    };
    let (hstart, hcount) = parse_range(value, host)?;
    if hcount != count {
        return Err(invalid(
            value,
            format!("host and container port ranges differ in length: {hcount} vs {count}"),
        ));
    }
    Ok(vec![PortMapping {
        container_port: cstart,
        host_ip,
        host_port: hstart,
        protocol,
        range: count,
    }])
}

/// `-P`: the image's `ExposedPorts` keys (`80/tcp`, `53/udp`, `8080`), each on a free port.
pub fn publish_exposed(exposed: &[String]) -> Result<Vec<PortMapping>> {
    let mut out = Vec::new();
    for e in exposed {
        out.extend(parse_publish(e)?);
    }
    Ok(out)
}

/// Refuses two mappings of one host port (and protocol and address).
pub fn check_conflicts(maps: &[PortMapping]) -> Result<()> {
    let mut seen: Vec<(&str, &str, u16)> = Vec::new();
    for m in maps {
        for (_, h) in m.pairs().filter(|(_, h)| *h != 0) {
            let key = (m.host_ip.as_str(), m.protocol.as_str(), h);
            if seen.iter().any(|s| {
                s.1 == key.1 && s.2 == key.2 && (s.0 == key.0 || s.0.is_empty() || key.0.is_empty())
            }) {
                return Err(invalid(
                    &format!("{h}/{}", m.protocol),
                    "host port published twice",
                ));
            }
            seen.push(key);
        }
    }
    Ok(())
}

/// Docker's PORTS column: `0.0.0.0:8080->80/tcp, 0.0.0.0:8000-8002->80-82/tcp`.
pub fn display(maps: &[PortMapping]) -> String {
    maps.iter()
        .map(|m| {
            let ip = m.host_ip_shown();
            if m.range > 1 {
                let n = m.range - 1;
                format!(
                    "{ip}:{}-{}->{}-{}/{}",
                    m.host_port,
                    m.host_port + n,
                    m.container_port,
                    m.container_port + n,
                    m.protocol
                )
            } else {
                format!("{ip}:{}->{}/{}", m.host_port, m.container_port, m.protocol)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line per port, as `docker port` prints them: `80/tcp -> 0.0.0.0:8080`.
pub fn port_lines(maps: &[PortMapping]) -> Vec<(u16, String, String)> {
    let mut out: Vec<(u16, String, String)> = maps
        .iter()
        .flat_map(|m| {
            m.pairs()
                .map(move |(c, h)| (c, m.protocol.clone(), format!("{}:{h}", m.host_ip_shown())))
        })
        .collect();
    out.sort();
    out
}

/// Binds every host port of `maps` (filling in free ports for 0) and returns the sockets
/// that hold them. A port in use is an error naming it; nothing stays bound then.
pub fn reserve(maps: &mut [PortMapping]) -> Result<Vec<OwnedFd>> {
    let mut held = Vec::new();
    for m in maps.iter_mut() {
        let ip = if m.host_ip.is_empty() {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        } else {
            m.ip()
                .ok_or_else(|| invalid(&m.host_ip, "not an IP address"))?
        };
        let udp = m.protocol == "udp";
        if m.host_port == 0 {
            let (fd, port) = bind(ip, 0, udp).map_err(|e| in_use(m, 0, e))?;
            m.host_port = port;
            held.push(fd);
            continue;
        }
        for (_, h) in m.pairs() {
            let (fd, _) = bind(ip, h, udp).map_err(|e| in_use(m, h, e))?;
            held.push(fd);
        }
    }
    Ok(held)
}

/// A port that cannot be bound, in the words of podman's (Go's) listen error.
fn in_use(m: &PortMapping, port: u16, e: nix::errno::Errno) -> Error {
    let udp = m.protocol == "udp";
    let (address, v6) = match m.ip() {
        None => (format!(":{port}"), false),
        Some(IpAddr::V4(ip)) => (format!("{ip}:{port}"), false),
        Some(IpAddr::V6(ip)) => (format!("[{ip}]:{port}"), true),
    };
    let desc = e.desc();
    let mut chars = desc.chars();
    let reason = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => e.to_string(),
    };
    Error::PortUnavailable {
        protocol: if udp { "UDP" } else { "TCP" },
        network: format!(
            "{}{}",
            if udp { "udp" } else { "tcp" },
            if v6 { 6 } else { 4 }
        ),
        address,
        reason,
    }
}

/// A socket bound to `ip:port` that never listens; returns it and the port it got.
fn bind(
    ip: IpAddr,
    port: u16,
    udp: bool,
) -> std::result::Result<(OwnedFd, u16), nix::errno::Errno> {
    use nix::sys::socket::{
        bind, getsockname, socket, AddressFamily, SockFlag, SockType, SockaddrStorage,
    };
    let ty = if udp {
        SockType::Datagram
    } else {
        SockType::Stream
    };
    let family = match ip {
        IpAddr::V4(_) => AddressFamily::Inet,
        IpAddr::V6(_) => AddressFamily::Inet6,
    };
    let fd = socket(family, ty, SockFlag::SOCK_CLOEXEC, None)?;
    let addr = SockaddrStorage::from(SocketAddr::new(ip, port));
    bind(std::os::fd::AsRawFd::as_raw_fd(&fd), &addr)?;
    let got: SockaddrStorage = getsockname(std::os::fd::AsRawFd::as_raw_fd(&fd))?;
    let port = got
        .as_sockaddr_in()
        .map(|a| a.port())
        .or_else(|| got.as_sockaddr_in6().map(|a| a.port()))
        .ok_or(nix::errno::Errno::EAFNOSUPPORT)?;
    Ok((fd, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pm(h: u16, c: u16, range: u16, ip: &str, proto: &str) -> PortMapping {
        PortMapping {
            container_port: c,
            host_ip: ip.into(),
            host_port: h,
            protocol: proto.into(),
            range,
        }
    }

    #[test]
    fn publish_specs_parse_like_podman() {
        let ok = |spec: &str| parse_publish(spec).unwrap_or_else(|e| panic!("{spec}: {e}"));
        assert_eq!(ok("8080:80"), [pm(8080, 80, 1, "", "tcp")]);
        assert_eq!(ok("80"), [pm(0, 80, 1, "", "tcp")]);
        assert_eq!(ok("80/udp"), [pm(0, 80, 1, "", "udp")]);
        assert_eq!(ok(":80"), [pm(0, 80, 1, "", "tcp")]);
        assert_eq!(
            ok("127.0.0.1:8080:80/udp"),
            [pm(8080, 80, 1, "127.0.0.1", "udp")]
        );
        assert_eq!(ok("127.0.0.1::80"), [pm(0, 80, 1, "127.0.0.1", "tcp")]);
        assert_eq!(ok("8000-8002:80-82"), [pm(8000, 80, 3, "", "tcp")]);
        assert_eq!(
            ok("10.0.0.1:8000-8001:80-81/udp"),
            [pm(8000, 80, 2, "10.0.0.1", "udp")]
        );
        assert_eq!(ok("0.0.0.0:1:2"), [pm(1, 2, 1, "", "tcp")]);
        assert_eq!(ok("[::1]:8080:80"), [pm(8080, 80, 1, "::1", "tcp")]);
        assert_eq!(ok("[::]:8080:80/udp"), [pm(8080, 80, 1, "::", "udp")]);
        assert_eq!(
            ok("[fe80:0:0::1]:8000-8001:80-81"),
            [pm(8000, 80, 2, "fe80::1", "tcp")]
        );
        assert_eq!(ok("[::1]::80"), [pm(0, 80, 1, "::1", "tcp")]);
        assert_eq!(
            ok("80-81"),
            [pm(0, 80, 1, "", "tcp"), pm(0, 81, 1, "", "tcp")]
        );
        for (bad, why) in [
            ("", "missing"),
            ("x", "not a port number"),
            ("0", "not a port number"),
            ("70000", "not a port number"),
            ("1:2:3:4", "expected [IP:]"),
            ("8000-8001:80", "differ in length: 2 vs 1"),
            ("80/sctp", "unsupported protocol"),
            ("80/tcp/udp", "only be given once"),
            ("300.1.1.1:80:80", "not an IP address"),
            ("::1:80:80", "expected [IP:]"),
            ("::80", "host address is empty"),
            ("[::1]:80", "[IPV6]:HOST_PORT:CONTAINER_PORT"),
            ("[::1]80:80", "followed by a colon"),
            ("::1]:80:80", "in brackets"),
            ("[::1]:[::2]:80", "at most one IPv6"),
            ("[x]:80:80", "not an IP address"),
            ("90-80", "must be higher"),
            ("80-80", "must be higher"),
            ("80-", "no end port"),
            ("-80", "cannot be negative"),
            ("1-2-3", "START-END"),
        ] {
            let e = parse_publish(bad).unwrap_err().to_string();
            assert!(e.contains("port mapping") && e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn rootless_records_of_before_load() {
        // As rootless containers recorded their ports: no range, the address optional.
        let old: Vec<PortMapping> = serde_json::from_str(
            r#"[{"host_port":8080,"container_port":80,"protocol":"tcp"},
                {"host_ip":"::1","host_port":9000,"container_port":90,"protocol":"udp"}]"#,
        )
        .unwrap();
        assert_eq!(
            old,
            [pm(8080, 80, 1, "", "tcp"), pm(9000, 90, 1, "::1", "udp")]
        );
        assert_eq!(old[1].ip(), Some("::1".parse().unwrap()));
        assert_eq!(display(&old), "0.0.0.0:8080->80/tcp, [::1]:9000->90/udp");
    }

    #[test]
    fn ports_display_as_docker_does() {
        let maps = [
            pm(8080, 80, 1, "", "tcp"),
            pm(8000, 80, 3, "127.0.0.1", "udp"),
        ];
        assert_eq!(
            display(&maps),
            "0.0.0.0:8080->80/tcp, 127.0.0.1:8000-8002->80-82/udp"
        );
        let lines = port_lines(&maps);
        assert_eq!(lines[0], (80, "tcp".into(), "0.0.0.0:8080".into()));
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn duplicate_host_ports_are_refused() {
        assert!(check_conflicts(&[pm(8080, 80, 1, "", "tcp"), pm(8080, 81, 1, "", "udp")]).is_ok());
        assert!(
            check_conflicts(&[pm(8080, 80, 1, "", "tcp"), pm(8079, 81, 2, "", "tcp")]).is_err()
        );
        assert!(check_conflicts(&[pm(0, 80, 1, "", "tcp"), pm(0, 81, 1, "", "tcp")]).is_ok());
    }

    #[test]
    fn reservation_holds_ports_and_reports_conflicts() {
        let mut maps = vec![
            pm(0, 80, 1, "127.0.0.1", "tcp"),
            pm(0, 53, 1, "127.0.0.1", "udp"),
        ];
        let held = reserve(&mut maps).unwrap();
        assert_eq!(held.len(), 2);
        assert!(maps.iter().all(|m| m.host_port != 0));
        let mut again = vec![pm(maps[0].host_port, 80, 1, "127.0.0.1", "tcp")];
        let e = reserve(&mut again).unwrap_err().to_string();
        assert!(e.contains("already in use"), "{e}");
        drop(held);
        assert!(reserve(&mut again).is_ok());
    }
}
