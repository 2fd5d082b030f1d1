//! Published ports: `-p` parsed, shown as docker shows them, and reserved on the host.
//!
//! A mapping is netavark's `PortMapping`. The host ports are reserved by binding them (a
//! bound socket that never listens): a port someone else holds is a clear error before any
//! rule exists, and the sockets, held by the container's monitor, keep the ports ours while
//! the container runs. Host port 0 means "any free one", chosen by the kernel at that bind.

use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::OwnedFd;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortMapping {
    pub container_port: u16,
    /// Empty: every address of the host.
    #[serde(default)]
    pub host_ip: String,
    /// 0: a free port picked when the container starts.
    pub host_port: u16,
    pub protocol: String,
    /// How many consecutive ports from both starts (1: just the one).
    pub range: u16,
}

impl PortMapping {
    fn host_ip_shown(&self) -> &str {
        if self.host_ip.is_empty() {
            "0.0.0.0"
        } else {
            &self.host_ip
        }
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

/// `PORT` or `START-END` → (start, count).
fn parse_range(value: &str, s: &str) -> Result<(u16, u16)> {
    let port = |p: &str| -> Result<u16> {
        p.parse::<u16>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| invalid(value, format!("\"{p}\" is not a port number (1-65535)")))
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (port(a)?, port(b)?);
            if b < a {
                return Err(invalid(value, format!("range {s} ends before it starts")));
            }
            Ok((a, b - a + 1))
        }
        None => Ok((port(s)?, 1)),
    }
}

/// `-p [IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, ports or `START-END` ranges of equal
/// length; a missing host port (or `IP::PORT`) is any free port. IPv4 host addresses only.
pub fn parse_publish(value: &str) -> Result<Vec<PortMapping>> {
    let (spec, protocol) = match value.rsplit_once('/') {
        Some((s, p)) => (s, p),
        None => (value, "tcp"),
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
    if spec.starts_with('[') {
        return Err(invalid(value, "IPv6 host addresses are not supported"));
    }
    let parts: Vec<&str> = spec.split(':').collect();
    let (ip, host, ctr) = match parts[..] {
        [c] => ("", "", c),
        [h, c] => ("", h, c),
        [i, h, c] => (i, h, c),
        _ => {
            return Err(invalid(
                value,
                "expected [IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]",
            ))
        }
    };
    if !ip.is_empty() && ip.parse::<Ipv4Addr>().is_err() {
        return Err(invalid(value, format!("\"{ip}\" is not an IPv4 address")));
    }
    let host_ip = if ip == "0.0.0.0" { "" } else { ip }.to_string();
    let (cstart, count) = parse_range(value, ctr)?;
    if host.is_empty() {
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
    }
    let (hstart, hcount) = parse_range(value, host)?;
    if hcount != count {
        return Err(invalid(
            value,
            "host and container port ranges differ in length",
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
        let ip: Ipv4Addr = if m.host_ip.is_empty() {
            Ipv4Addr::UNSPECIFIED
        } else {
            m.host_ip
                .parse()
                .map_err(|_| invalid(&m.host_ip, "not an IPv4 address"))?
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

fn in_use(m: &PortMapping, port: u16, e: nix::errno::Errno) -> Error {
    let reason = match e {
        nix::errno::Errno::EADDRINUSE => "is already in use".to_string(),
        nix::errno::Errno::EADDRNOTAVAIL => "is not an address of this host".to_string(),
        e => format!("cannot be bound: {e}"),
    };
    Error::PortUnavailable {
        port: format!("{}:{port}/{}", m.host_ip_shown(), m.protocol),
        reason,
    }
}

/// A socket bound to `ip:port` that never listens; returns it and the port it got.
fn bind(
    ip: Ipv4Addr,
    port: u16,
    udp: bool,
) -> std::result::Result<(OwnedFd, u16), nix::errno::Errno> {
    use nix::sys::socket::{
        bind, getsockname, socket, AddressFamily, SockFlag, SockType, SockaddrIn,
    };
    let ty = if udp {
        SockType::Datagram
    } else {
        SockType::Stream
    };
    let fd = socket(AddressFamily::Inet, ty, SockFlag::SOCK_CLOEXEC, None)?;
    bind(
        std::os::fd::AsRawFd::as_raw_fd(&fd),
        &SockaddrIn::from(SocketAddrV4::new(ip, port)),
    )?;
    let got: SockaddrIn = getsockname(std::os::fd::AsRawFd::as_raw_fd(&fd))?;
    Ok((fd, got.port()))
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
    fn publish_specs_parse_like_docker() {
        assert_eq!(
            parse_publish("8080:80").unwrap(),
            [pm(8080, 80, 1, "", "tcp")]
        );
        assert_eq!(parse_publish("80").unwrap(), [pm(0, 80, 1, "", "tcp")]);
        assert_eq!(
            parse_publish("127.0.0.1:8080:80/udp").unwrap(),
            [pm(8080, 80, 1, "127.0.0.1", "udp")]
        );
        assert_eq!(
            parse_publish("127.0.0.1::80").unwrap(),
            [pm(0, 80, 1, "127.0.0.1", "tcp")]
        );
        assert_eq!(
            parse_publish("8000-8002:80-82").unwrap(),
            [pm(8000, 80, 3, "", "tcp")]
        );
        assert_eq!(
            parse_publish("0.0.0.0:1:2").unwrap(),
            [pm(1, 2, 1, "", "tcp")]
        );
        assert_eq!(parse_publish("80-81").unwrap().len(), 2);
        for bad in [
            "",
            "x",
            "0",
            "70000",
            "1:2:3:4",
            "8000-8001:80",
            "80/sctp",
            "300.1.1.1:80:80",
            "[::1]:80:80",
            "90-80",
        ] {
            let e = parse_publish(bad).unwrap_err().to_string();
            assert!(e.contains("port mapping"), "{bad}: {e}");
        }
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
