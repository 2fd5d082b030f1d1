//! The network part of a plan: the mode (rootless user-mode stacks, a bridge, another
//! container's), published and exposed ports, and the options that need a bridge.

use oci_spec::image::ImageConfiguration;

use super::{kernel, NetworkPlan, Settings};
use crate::container::request::CreateRequest;
use crate::error::{Error, Result};
use crate::network::ports::{self, PortMapping};
use crate::network::rootless::{self as usernet, Backend};
use crate::network::Mode;

fn bad_network_option(value: &str, reason: impl Into<String>) -> Error {
    Error::InvalidInput {
        what: "network option",
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// The network mode and its companions. Rootless: none, host, or a user-mode stack (pasta
/// by default when installed); as root: none, host, a bridge network, another container's.
pub(super) fn network(
    req: &CreateRequest,
    image: &ImageConfiguration,
    settings: &Settings,
    warnings: &mut Vec<String>,
) -> Result<NetworkPlan> {
    let mut ports = Vec::new();
    for p in &req.publish {
        ports.extend(ports::parse_publish(p)?);
    }
    let mode = if settings.rootless {
        let mode = match req.network.as_deref() {
            None => match settings.backends.first() {
                Some(b) => user_mode(*b),
                None => {
                    return Err(Error::Rootless(
                        "no network backend: install pasta (Debian package passt) or \
                         slirp4netns, or use --network none"
                            .into(),
                    ))
                }
            },
            Some("pasta") => Mode::Pasta,
            Some("slirp4netns") => Mode::Slirp4netns,
            Some("none") => Mode::None,
            Some("host") => Mode::Host,
            // A pod's member (or any joiner) shares the namespace pasta made for another.
            Some(other) if other.starts_with("container:") => Mode::parse(other)?,
            Some(other) => {
                return Err(Error::InvalidInput {
                    what: "network",
                    value: other.to_string(),
                    reason: "use none, host, pasta or slirp4netns".into(),
                })
            }
        };
        usernet::check_ports(&ports, settings.unprivileged_port_start)?;
        mode
    } else {
        Mode::parse(req.network.as_deref().unwrap_or("bridge"))?
    };
    let own_ns = matches!(mode, Mode::Bridge(_) | Mode::Pasta | Mode::Slirp4netns);
    if !ports.is_empty() && !own_ns {
        // As podman: said, and the container runs without them.
        let ns = match &mode {
            Mode::Container(_) => "container",
            Mode::Host => "host",
            _ => "none",
        };
        warnings.push(format!(
            "Port mappings have been discarded because \"{ns}\" network namespace mode does \
             not support them"
        ));
        ports.clear();
    }
    let bridge = matches!(mode, Mode::Bridge(_));
    let mut exposed = image
        .config()
        .as_ref()
        .and_then(|c| c.exposed_ports().clone())
        .unwrap_or_default();
    for e in &req.expose {
        let e = kernel::expose(e)?;
        if !exposed.contains(&e) {
            exposed.push(e);
        }
    }
    if req.publish_all && bridge {
        exposed.sort();
        ports.extend(ports::publish_exposed(&exposed)?);
    }
    if !settings.rootless {
        ports::check_conflicts(&ports)?;
    }
    if !bridge {
        let given = [
            (req.ip.is_some(), "--ip"),
            (!req.network_aliases.is_empty(), "--network-alias"),
        ];
        if let Some((_, flag)) = given.iter().find(|(on, _)| *on) {
            return Err(bad_network_option(
                flag,
                "needs a bridge network (--network bridge|NAME)",
            ));
        }
    }
    let exposed = exposed_ports(&exposed, &ports);
    Ok(NetworkPlan {
        mode,
        ports,
        ip: req.ip,
        aliases: req.network_aliases.clone(),
        exposed,
    })
}

/// Each exposed port (`80`, `80/tcp`, `8000-8002/udp`) and published container port,
/// once, as `PORT/PROTO`.
fn exposed_ports(exposed: &[String], ports: &[PortMapping]) -> Vec<String> {
    let mut all = std::collections::BTreeSet::new();
    for e in exposed {
        let (range, proto) = e.split_once('/').unwrap_or((e, "tcp"));
        let (a, b) = range.split_once('-').unwrap_or((range, range));
        if let (Ok(a), Ok(b)) = (a.parse::<u16>(), b.parse::<u16>()) {
            all.extend((a..=b).map(|p| format!("{p}/{}", proto.to_ascii_lowercase())));
        }
    }
    for m in ports {
        all.extend(m.pairs().map(|(c, _)| format!("{c}/{}", m.protocol)));
    }
    all.into_iter().collect()
}

fn user_mode(b: Backend) -> Mode {
    match b {
        Backend::Pasta => Mode::Pasta,
        Backend::Slirp4netns => Mode::Slirp4netns,
    }
}
