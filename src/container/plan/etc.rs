//! `--dns`, `--dns-search`, `--dns-option`, `--add-host`, `--no-hosts`: checked as podman
//! checks them, with podman's words, into the record's [`EtcConfig`].

use std::net::IpAddr;

use crate::container::request::CreateRequest;
use crate::container::store::{EtcConfig, HostEntry};
use crate::error::{Error, Result};

/// The special `--add-host` address: where the container reaches the host.
pub const HOST_GATEWAY: &str = "host-gateway";

fn bad(msg: String) -> Error {
    Error::BadOption(msg)
}

/// podman's `ValidateDomain`: dot-separated labels of letters, digits and inner hyphens
/// (a trailing dot allowed), with at least one letter.
fn valid_domain(d: &str) -> bool {
    let label = |l: &str| {
        !l.is_empty()
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let body = d.trim_end();
    let body = body.strip_suffix('.').unwrap_or(body);
    d.bytes().any(|b| b.is_ascii_alphabetic()) && body.len() < 255 && body.split('.').all(label)
}

/// podman's `ValidateExtraHost`: `NAME[;NAME...]:ADDRESS`, split at the first colon so
/// that IPv6 addresses need no brackets.
fn add_host(v: &str) -> Result<HostEntry> {
    let (names, ip) = match v.split_once(':') {
        Some((n, ip)) if !n.is_empty() => (n, ip),
        _ => return Err(bad(format!("bad format for add-host: {v:?}"))),
    };
    let names: Vec<String> = names.split(';').map(String::from).collect();
    if names.iter().any(String::is_empty) {
        return Err(bad(format!("hostname in add-host {v:?} is empty")));
    }
    let address = match ip {
        HOST_GATEWAY => None,
        ip => Some(
            ip.trim()
                .parse::<IpAddr>()
                .map_err(|_| bad(format!("invalid IP address in add-host: {ip:?}")))?,
        ),
    };
    Ok(HostEntry { names, address })
}

pub(super) fn etc(req: &CreateRequest) -> Result<EtcConfig> {
    let mut c = EtcConfig::default();
    for d in &req.dns {
        if d == "none" {
            if req.dns.len() > 1 {
                return Err(bad(format!(
                    "{d} is not allowed to be specified with other DNS ip addresses"
                )));
            }
            c.image_resolv_conf = true;
            break;
        }
        let ip = d
            .parse::<IpAddr>()
            .map_err(|_| bad(format!("{d} is not an ip address")))?;
        c.dns_servers.push(ip);
    }
    for d in &req.dns_search {
        if d == "." {
            if req.dns_search.len() > 1 {
                return Err(bad(
                    "cannot pass additional search domains when also specifying '.'".into(),
                ));
            }
        } else if !valid_domain(d) {
            return Err(bad(format!("{d} is not a valid domain")));
        }
    }
    c.dns_search = req.dns_search.clone();
    c.dns_options = req.dns_options.clone();
    if req.no_hosts && !req.add_hosts.is_empty() {
        return Err(bad(
            "--no-hosts and --add-host cannot be set together".into()
        ));
    }
    c.add_hosts = req
        .add_hosts
        .iter()
        .map(|h| add_host(h))
        .collect::<Result<_>>()?;
    c.no_hosts = req.no_hosts;
    c.no_hostname = req.no_hostname;
    if c.image_resolv_conf {
        for (given, what) in [
            (!c.dns_search.is_empty(), "DNSSearch"),
            (!c.dns_options.is_empty(), "DNSOption"),
        ] {
            if given {
                return Err(bad(format!(
                    "UseImageResolvConf and {what} are mutually exclusive options"
                )));
            }
        }
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_as_podman_checks_them() {
        for ok in ["example.com", "a", "lan.", "x-1.example.org", "a1"] {
            assert!(valid_domain(ok), "{ok}");
        }
        for bad in [
            "1.2.3", "-a.com", "a-.com", "a..b", "exa mple", "a_b.com", "",
        ] {
            assert!(!valid_domain(bad), "{bad}");
        }
    }

    #[test]
    fn add_host_splits_at_the_first_colon() {
        let e = add_host("a;b:fd00::1").unwrap();
        assert_eq!(e.names, ["a", "b"]);
        assert_eq!(e.address, Some("fd00::1".parse().unwrap()));
        assert_eq!(add_host("gw:host-gateway").unwrap().address, None);
    }
}
