//! Port-forwarding rules a failed netavark teardown left. netavark 1.4 stops its teardown
//! at the first error (a container veth already gone, say) before it reaches the firewall,
//! and the DNAT rules it made would then outlive every record of them. They lead to the
//! container's address: found by it in netavark's own chains and deleted.

use std::net::IpAddr;
use std::process::Command;

use serde_json::Value;

/// The addresses netavark was given for a container (its `static_ips`).
pub fn addresses(options: &Value) -> Vec<IpAddr> {
    options["networks"]
        .as_object()
        .into_iter()
        .flat_map(|nets| nets.values())
        .flat_map(|n| n["static_ips"].as_array().cloned().unwrap_or_default())
        .filter_map(|ip| ip.as_str().and_then(|s| s.parse().ok()))
        .collect()
}

/// The `-A` lines of netavark's DNAT chains (from `iptables -t nat -S`) that forward to one
/// of `addrs`, as the argument lists that delete them. Pure, for tests.
pub fn deletions(rules: &str, addrs: &[IpAddr]) -> Vec<Vec<String>> {
    rules
        .lines()
        .filter(|l| l.starts_with("-A NETAVARK-DN-"))
        .filter(|l| {
            addrs
                .iter()
                .any(|ip| l.contains(&format!("--to-destination {ip}:")))
        })
        // netavark's DNAT rules carry no quoted text: split on spaces.
        .filter(|l| !l.contains('"'))
        .map(|l| {
            let mut args: Vec<String> = vec!["-t".into(), "nat".into()];
            args.extend(l.split(' ').map(str::to_string));
            args[2] = "-D".into();
            args
        })
        .collect()
}

/// Deletes the DNAT rules to the container's addresses; returns how many went.
pub fn remove(options: &Value) -> usize {
    let addrs: Vec<IpAddr> = addresses(options)
        .into_iter()
        .filter(IpAddr::is_ipv4)
        .collect();
    if addrs.is_empty() {
        return 0;
    }
    let Ok(out) = Command::new("iptables").args(["-t", "nat", "-S"]).output() else {
        return 0;
    };
    deletions(&String::from_utf8_lossy(&out.stdout), &addrs)
        .into_iter()
        .filter(|args| {
            Command::new("iptables")
                .args(args)
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_containers_dnat_rules_are_deleted() {
        let rules = "\
-N NETAVARK-DN-830BE864B608A
-A NETAVARK-DN-830BE864B608A -s 10.89.0.0/24 -d 127.0.0.1/32 -p tcp -m tcp --dport 40471 -j NETAVARK-HOSTPORT-SETMARK
-A NETAVARK-DN-830BE864B608A -d 127.0.0.1/32 -p tcp -m tcp --dport 40471 -j DNAT --to-destination 10.89.0.9:80
-A NETAVARK-DN-830BE864B608A -d 127.0.0.1/32 -p tcp -m tcp --dport 40472 -j DNAT --to-destination 10.89.0.19:80
-A NETAVARK-HOSTPORT-DNAT -p tcp -m tcp --dport 40471 -m comment --comment \"dnat name: ctl id: x\" -j NETAVARK-DN-830BE864B608A
";
        let ip: IpAddr = "10.89.0.9".parse().unwrap();
        let d = deletions(rules, &[ip]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].join(" "),
            "-t nat -D NETAVARK-DN-830BE864B608A -d 127.0.0.1/32 -p tcp -m tcp --dport 40471 -j DNAT --to-destination 10.89.0.9:80"
        );
    }

    #[test]
    fn addresses_come_from_netavarks_options() {
        let opts = serde_json::json!({
            "networks": {"ctl": {"interface_name": "eth0", "static_ips": ["10.89.0.9"]}}
        });
        assert_eq!(
            addresses(&opts),
            vec!["10.89.0.9".parse::<IpAddr>().unwrap()]
        );
        assert!(addresses(&Value::Null).is_empty());
    }
}
