//! ctl's firewall state: one `table inet ctl` of its own (one table for both families, and
//! one place for other tools to see and leave alone), changed by `nft -f -` batches that the
//! kernel applies as one transaction, so a half-applied batch cannot exist.
//!
//! The rules are fixed: what varies per network and per container are map elements.
//! - `nat_nets` (bridge → verdict) jumps from postrouting to the network's own chain
//!   (masquerade outwards unless `--internal`, and hairpin for published ports).
//! - `fwd_nets` (bridge → verdict) jumps from forward to an `--internal` network's chain,
//!   which drops what leaves or enters the bridge from elsewhere.
//! - `pf_any` (proto . port → address . port) and `pf_addr` (host address . proto . port →
//!   address . port): port forwarding, DNAT from any local address (127.0.0.1 included,
//!   with route_localnet on the bridge) or from one.
//!
//! A network's chains are made (flushed and refilled, which is idempotent) by every setup
//! on it and removed by the teardown of its last container. The batch builders are pure.

use std::fmt::Write as _;
use std::io::Write as _;
use std::net::Ipv4Addr;
use std::process::{Command, Stdio};

/// The table's name, in family inet.
pub const TABLE: &str = "ctl";

/// A network's part of the firewall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetRules {
    pub bridge: String,
    /// The network's id (chain names come from it: hex, always a valid nft name).
    pub id: String,
    pub internal: bool,
}

impl NetRules {
    fn suffix(&self) -> &str {
        &self.id[..12.min(self.id.len())]
    }
}

/// One published port of a container (one element; a range is one per port).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forward {
    pub proto: String,
    /// None: every local address.
    pub host_ip: Option<Ipv4Addr>,
    pub host_port: u16,
    pub ip: Ipv4Addr,
    pub port: u16,
}

impl Forward {
    /// `map { element }` as `add element` and `delete element` take it.
    fn element(&self) -> (&'static str, String) {
        match self.host_ip {
            None => (
                "pf_any",
                format!(
                    "{} . {} : {} . {}",
                    self.proto, self.host_port, self.ip, self.port
                ),
            ),
            Some(h) => (
                "pf_addr",
                format!(
                    "{h} . {} . {} : {} . {}",
                    self.proto, self.host_port, self.ip, self.port
                ),
            ),
        }
    }

    fn key(&self) -> (&'static str, String) {
        match self.host_ip {
            None => ("pf_any", format!("{} . {}", self.proto, self.host_port)),
            Some(h) => (
                "pf_addr",
                format!("{h} . {} . {}", self.proto, self.host_port),
            ),
        }
    }
}

/// The table, its maps and base chains; every statement is idempotent, and the base chains
/// are flushed and refilled so a table of an older ctl gets today's rules.
fn base(out: &mut String) {
    let t = format!("inet {TABLE}");
    let lines = [
        format!("add table {t}"),
        format!("add map {t} pf_any {{ type inet_proto . inet_service : ipv4_addr . inet_service; }}"),
        format!("add map {t} pf_addr {{ type ipv4_addr . inet_proto . inet_service : ipv4_addr . inet_service; }}"),
        format!("add map {t} nat_nets {{ type ifname : verdict; }}"),
        format!("add map {t} fwd_nets {{ type ifname : verdict; }}"),
        format!("add chain {t} prerouting {{ type nat hook prerouting priority dstnat; policy accept; }}"),
        format!("add chain {t} output {{ type nat hook output priority -100; policy accept; }}"),
        format!("add chain {t} postrouting {{ type nat hook postrouting priority srcnat; policy accept; }}"),
        format!("add chain {t} forward {{ type filter hook forward priority filter; policy accept; }}"),
    ];
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    for chain in ["prerouting", "output"] {
        let _ = writeln!(out, "flush chain {t} {chain}");
        let _ = writeln!(
            out,
            "add rule {t} {chain} meta nfproto ipv4 meta l4proto {{ tcp, udp }} fib daddr type local dnat ip to meta l4proto . th dport map @pf_any"
        );
        let _ = writeln!(
            out,
            "add rule {t} {chain} meta nfproto ipv4 meta l4proto {{ tcp, udp }} dnat ip to ip daddr . meta l4proto . th dport map @pf_addr"
        );
    }
    let _ = writeln!(out, "flush chain {t} postrouting");
    // The host's own loopback, forwarded to a container: its replies must come back here.
    let _ = writeln!(
        out,
        "add rule {t} postrouting meta nfproto ipv4 ip saddr 127.0.0.0/8 ct status dnat masquerade"
    );
    let _ = writeln!(out, "add rule {t} postrouting iifname vmap @nat_nets");
    let _ = writeln!(out, "flush chain {t} forward");
    let _ = writeln!(out, "add rule {t} forward iifname vmap @fwd_nets");
    let _ = writeln!(out, "add rule {t} forward oifname vmap @fwd_nets");
}

/// A network's chains and its elements in the bridge maps.
fn network(out: &mut String, n: &NetRules) {
    let t = format!("inet {TABLE}");
    let s = n.suffix();
    let br = quote(&n.bridge);
    let _ = writeln!(out, "add chain {t} nat_{s}");
    let _ = writeln!(out, "flush chain {t} nat_{s}");
    // Hairpin: a container reaching a published port of the host lands on the same bridge.
    let _ = writeln!(out, "add rule {t} nat_{s} ct status dnat masquerade");
    if !n.internal {
        let _ = writeln!(out, "add rule {t} nat_{s} oifname != {br} masquerade");
    }
    let _ = writeln!(out, "add element {t} nat_nets {{ {br} : jump nat_{s} }}");
    if n.internal {
        let _ = writeln!(out, "add chain {t} fwd_{s}");
        let _ = writeln!(out, "flush chain {t} fwd_{s}");
        let _ = writeln!(out, "add rule {t} fwd_{s} iifname {br} oifname {br} accept");
        let _ = writeln!(out, "add rule {t} fwd_{s} drop");
        let _ = writeln!(out, "add element {t} fwd_nets {{ {br} : jump fwd_{s} }}");
    }
}

/// The batch of one container's setup: base, its networks, its forwards.
pub fn setup_batch(nets: &[NetRules], fwds: &[Forward]) -> String {
    let mut out = String::new();
    base(&mut out);
    for n in nets {
        network(&mut out, n);
    }
    for f in fwds {
        let (map, e) = f.element();
        let _ = writeln!(out, "add element inet {TABLE} {map} {{ {e} }}");
    }
    out
}

/// The batch of one container's teardown: its forwards go, and the networks whose last
/// container this was. Each element is added before it is deleted, so the batch succeeds
/// whether or not a setup cut short had made it.
pub fn teardown_batch(fwds: &[Forward], gone: &[NetRules]) -> String {
    let mut out = String::new();
    base(&mut out);
    let t = format!("inet {TABLE}");
    for f in fwds {
        let (map, e) = f.element();
        let (_, k) = f.key();
        let _ = writeln!(out, "add element {t} {map} {{ {e} }}");
        let _ = writeln!(out, "delete element {t} {map} {{ {k} }}");
    }
    for n in gone {
        network(&mut out, n);
        let s = n.suffix();
        let br = quote(&n.bridge);
        let _ = writeln!(out, "delete element {t} nat_nets {{ {br} }}");
        let _ = writeln!(out, "delete chain {t} nat_{s}");
        if n.internal {
            let _ = writeln!(out, "delete element {t} fwd_nets {{ {br} }}");
            let _ = writeln!(out, "delete chain {t} fwd_{s}");
        }
    }
    out
}

/// The batch that removes ctl's table (made again by the next setup).
pub fn delete_table_batch() -> String {
    format!("add table inet {TABLE}\ndelete table inet {TABLE}\n")
}

/// Whether `nft list map inet ctl nat_nets` shows no network (its `elements = {...}` line
/// is printed only when there are some).
pub fn no_networks(listing: &str) -> bool {
    !listing.contains("elements =")
}

/// An interface name as an nft string.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace(['"', '\\'], ""))
}

/// Runs `nft -f -` with `batch` (one transaction); nft's first error line on failure.
pub fn apply(batch: &str) -> Result<(), String> {
    run(&["-f", "-"], Some(batch)).map(|_| ())
}

/// `nft ARGS`, stdout; nft's first error line on failure.
pub fn run(args: &[&str], input: Option<&str>) -> Result<String, String> {
    let nft = crate::runtime::find_program("nft").ok_or("nft not found (install nftables)")?;
    let mut child = Command::new(nft)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run nft: {e}"))?;
    if let (Some(text), Some(mut w)) = (input, child.stdin.take()) {
        let _ = w.write_all(text.as_bytes());
    }
    let out = child.wait_with_output().map_err(|e| format!("nft: {e}"))?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let err = String::from_utf8_lossy(&out.stderr);
    Err(err
        .lines()
        .find(|l| l.contains("Error"))
        .or_else(|| err.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("nft failed")
        .trim()
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(internal: bool) -> NetRules {
        NetRules {
            bridge: "ctl5".into(),
            id: "0123456789abcdef0123".into(),
            internal,
        }
    }

    fn fwd(host_ip: Option<Ipv4Addr>) -> Forward {
        Forward {
            proto: "tcp".into(),
            host_ip,
            host_port: 8080,
            ip: Ipv4Addr::new(10, 89, 5, 2),
            port: 80,
        }
    }

    #[test]
    fn setup_makes_the_network_once_and_adds_one_element_per_port() {
        let b = setup_batch(&[net(false)], &[fwd(None), fwd(Some(Ipv4Addr::LOCALHOST))]);
        assert!(b.starts_with("add table inet ctl\n"));
        assert!(b.contains(
            "add chain inet ctl nat_0123456789ab\nflush chain inet ctl nat_0123456789ab\n"
        ));
        assert!(b.contains("add rule inet ctl nat_0123456789ab oifname != \"ctl5\" masquerade\n"));
        assert!(b.contains("add element inet ctl nat_nets { \"ctl5\" : jump nat_0123456789ab }\n"));
        assert!(b.contains("add element inet ctl pf_any { tcp . 8080 : 10.89.5.2 . 80 }\n"));
        assert!(b.contains(
            "add element inet ctl pf_addr { 127.0.0.1 . tcp . 8080 : 10.89.5.2 . 80 }\n"
        ));
        // Per-container state is elements only: no rule names a container's address.
        assert!(!b
            .lines()
            .any(|l| l.starts_with("add rule") && l.contains("10.89.5.2")));
        assert!(!b.contains("fwd_0123"), "{b}");
    }

    #[test]
    fn internal_networks_neither_masquerade_nor_forward_out() {
        let b = setup_batch(&[net(true)], &[]);
        assert!(!b.contains("oifname != \"ctl5\" masquerade"), "{b}");
        assert!(b.contains(
            "add rule inet ctl fwd_0123456789ab iifname \"ctl5\" oifname \"ctl5\" accept\n"
        ));
        assert!(b.contains("add rule inet ctl fwd_0123456789ab drop\n"));
        assert!(b.contains("add element inet ctl fwd_nets { \"ctl5\" : jump fwd_0123456789ab }\n"));
    }

    #[test]
    fn teardown_deletes_what_it_adds_first() {
        let b = teardown_batch(&[fwd(None)], &[]);
        let add = b
            .find("add element inet ctl pf_any { tcp . 8080 : 10.89.5.2 . 80 }")
            .unwrap();
        let del = b
            .find("delete element inet ctl pf_any { tcp . 8080 }")
            .unwrap();
        assert!(add < del);
        assert!(!b.contains("delete chain"), "{b}");
        let b = teardown_batch(&[], &[net(true)]);
        assert!(b.contains("delete element inet ctl nat_nets { \"ctl5\" }\ndelete chain inet ctl nat_0123456789ab\n"));
        assert!(b.contains("delete element inet ctl fwd_nets { \"ctl5\" }\ndelete chain inet ctl fwd_0123456789ab\n"));
    }

    #[test]
    fn the_table_goes_whether_or_not_it_is_there() {
        assert_eq!(
            delete_table_batch(),
            "add table inet ctl\ndelete table inet ctl\n"
        );
        assert!(no_networks(
            "table inet ctl {\n\tmap nat_nets {\n\t\ttype ifname : verdict\n\t}\n}\n"
        ));
        assert!(!no_networks("\t\telements = { \"ctl5\" : jump nat_x }\n"));
    }

    #[test]
    fn interface_names_cannot_break_out_of_their_string() {
        assert_eq!(quote("a\"b\\c"), "\"abc\"");
    }
}
