//! Which backend sets up a container's bridge networks: netavark (podman's) or ctl's own
//! ([`super::native`]). Both take netavark's options and answer with its status blocks;
//! the record of a run names the one that set it up, and that one undoes it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::config::Network;
use super::native;
use super::netavark::{Netavark, StatusBlock};
use crate::error::Result;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Also what records of before this choice existed were made by.
    #[default]
    Netavark,
    Native,
}

impl Kind {
    /// `network-backend` in ctl.toml, or CTL_NETWORK_BACKEND.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "netavark" => Some(Kind::Netavark),
            "native" => Some(Kind::Native),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Netavark => "netavark",
            Kind::Native => "native",
        }
    }
}

/// The backend in use, and why it is not the one configured when it is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub kind: Kind,
    pub note: Option<String>,
}

/// The backend for `configured` (None: the default) when the native one cannot be used
/// for `native_unusable` and netavark is or is not installed. Pure.
pub fn choose(
    configured: Option<Kind>,
    native_unusable: Option<&str>,
    netavark_found: bool,
) -> Choice {
    let wanted = configured.unwrap_or(DEFAULT);
    match (wanted, native_unusable) {
        (Kind::Native, Some(why)) if netavark_found => Choice {
            kind: Kind::Netavark,
            note: Some(format!(
                "the native backend cannot be used ({why}): netavark instead"
            )),
        },
        (Kind::Netavark, None) if !netavark_found => Choice {
            kind: Kind::Native,
            note: Some("netavark not found: the native backend instead".into()),
        },
        (kind, _) => Choice { kind, note: None },
    }
}

/// [`choose`] for this machine.
pub fn detect(configured: Option<Kind>) -> Choice {
    choose(
        configured,
        native::unusable().as_deref(),
        super::netavark::installed(),
    )
}

/// Until the native backend has run as long as netavark has, netavark stays the default.
const DEFAULT: Kind = Kind::Netavark;

/// The backend for one container's networks: the chosen one, unless it is the native one
/// and declines one of them (DNS: aardvark-dns is run by netavark).
pub fn for_networks(choice: Kind, nets: &[Network]) -> Kind {
    if choice == Kind::Native {
        if let Some(why) = nets.iter().find_map(native::declines) {
            tracing::debug!("netavark sets up this container: {why}");
            return Kind::Netavark;
        }
    }
    choice
}

/// A backend ready to set up or tear down.
pub enum Backend {
    Netavark(Netavark),
    Native,
}

impl Backend {
    pub fn setup(&self, netns: &Path, opts: &Value) -> Result<BTreeMap<String, StatusBlock>> {
        match self {
            Backend::Netavark(nv) => nv.setup(netns, opts),
            Backend::Native => native::setup(netns, opts),
        }
    }

    pub fn teardown(&self, netns: &Path, opts: &Value) -> Result<()> {
        match self {
            Backend::Netavark(nv) => nv.teardown(netns, opts),
            Backend::Native => native::teardown(opts),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_backend_wins_when_usable() {
        assert_eq!(choose(Some(Kind::Native), None, true).kind, Kind::Native);
        assert_eq!(
            choose(Some(Kind::Netavark), None, true).kind,
            Kind::Netavark
        );
        assert_eq!(
            choose(None, None, true),
            Choice {
                kind: DEFAULT,
                note: None
            }
        );
    }

    #[test]
    fn falls_back_with_a_reason() {
        let c = choose(Some(Kind::Native), Some("nft not found"), true);
        assert_eq!(c.kind, Kind::Netavark);
        assert!(c.note.unwrap().contains("nft not found"));
        let c = choose(Some(Kind::Netavark), None, false);
        assert_eq!(c.kind, Kind::Native);
        assert!(c.note.unwrap().contains("netavark not found"));
        // Neither: the configured one, whose own error says what is missing.
        assert_eq!(
            choose(Some(Kind::Native), Some("x"), false).kind,
            Kind::Native
        );
    }

    #[test]
    fn names_parse_back() {
        for k in [Kind::Netavark, Kind::Native] {
            assert_eq!(Kind::parse(k.name()), Some(k));
        }
        assert_eq!(Kind::parse("cni"), None);
    }

    #[test]
    fn dns_networks_go_to_netavark() {
        let mut n = crate::network::config::default_network();
        assert_eq!(for_networks(Kind::Native, &[n.clone()]), Kind::Native);
        n.dns_enabled = true;
        assert_eq!(for_networks(Kind::Native, &[n.clone()]), Kind::Netavark);
        assert_eq!(for_networks(Kind::Netavark, &[n]), Kind::Netavark);
    }
}
