//! Container networking: none, host, another container's namespace, or a bridge network
//! set up as root by netavark or ctl's native backend (addresses from ctl's allocation tables, published ports,
//! names through aardvark-dns); rootless, pasta or slirp4netns ([`rootless`]).

pub mod backend;
pub mod config;
pub mod ipam;
pub mod leftover_rules;
pub mod native;
pub mod netavark;
pub mod netns;
pub mod orphans;
pub mod ports;
pub mod rootless;

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use self::ports::PortMapping;
use crate::error::{Error, Result};

/// A container's network. Recorded as docker's NetworkMode string (`none`, `host`,
/// `bridge` for the default network, a network's name, `container:ID`, `pasta`,
/// `slirp4netns`), which is also how records written before this type hold it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Mode {
    /// A namespace of its own with loopback only.
    #[default]
    None,
    Host,
    /// A bridge network, by name.
    Bridge(String),
    /// The network namespace of another container (name or id; the id once created).
    Container(String),
    /// Rootless: a namespace of its own connected by pasta.
    Pasta,
    /// Rootless: a namespace of its own connected by slirp4netns.
    Slirp4netns,
}

impl Mode {
    /// A rootless user-mode stack, if this is one.
    pub fn user_backend(&self) -> Option<rootless::Backend> {
        match self {
            Mode::Pasta => Some(rootless::Backend::Pasta),
            Mode::Slirp4netns => Some(rootless::Backend::Slirp4netns),
            _ => None,
        }
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mode::None => f.write_str("none"),
            Mode::Host => f.write_str("host"),
            Mode::Bridge(n) if n == config::DEFAULT_NETWORK => f.write_str("bridge"),
            Mode::Bridge(n) => f.write_str(n),
            Mode::Container(c) => write!(f, "container:{c}"),
            Mode::Pasta => f.write_str("pasta"),
            Mode::Slirp4netns => f.write_str("slirp4netns"),
        }
    }
}

impl From<Mode> for String {
    fn from(m: Mode) -> String {
        m.to_string()
    }
}

impl From<String> for Mode {
    /// A record's string; never fails, as a record names only what was valid when made.
    fn from(s: String) -> Mode {
        match s.as_str() {
            "none" | "" => Mode::None,
            "host" => Mode::Host,
            "bridge" => Mode::Bridge(config::DEFAULT_NETWORK.into()),
            "pasta" => Mode::Pasta,
            "slirp4netns" => Mode::Slirp4netns,
            _ => match s.strip_prefix("container:") {
                Some(c) => Mode::Container(c.into()),
                None => Mode::Bridge(s),
            },
        }
    }
}

impl Mode {
    /// `none`, `host`, `bridge` (the default network), `container:NAME|ID`, or a network name.
    pub fn parse(s: &str) -> Result<Mode> {
        Ok(match s {
            "none" => Mode::None,
            "host" => Mode::Host,
            "bridge" | "default" => Mode::Bridge(config::DEFAULT_NETWORK.into()),
            s => match s.split_once(':') {
                Some(("container", c)) if !c.is_empty() => Mode::Container(c.into()),
                Some(_) => {
                    return Err(Error::InvalidInput {
                        what: "network",
                        value: s.into(),
                        reason: "use none, host, bridge, container:NAME or a network name".into(),
                    })
                }
                None => {
                    config::validate_name(s)?;
                    Mode::Bridge(s.into())
                }
            },
        })
    }
}

/// A container's address on one network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attached {
    pub network_id: String,
    pub interface: String,
    pub ip: IpAddr,
    pub prefix_len: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<IpAddr>,
    #[serde(default)]
    pub mac: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dns_servers: Vec<IpAddr>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dns_search: Vec<String>,
}

/// What is set up for a running container, kept in its state so that teardown undoes
/// exactly that, whatever happened to the network definitions since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkState {
    pub netns: PathBuf,
    /// The bridges whose allocation tables hold the container's addresses.
    pub bridges: Vec<String>,
    /// What netavark was given at setup (and gets again at teardown).
    pub options: Value,
    /// Whether the backend's setup ran (and so its teardown must).
    pub configured: bool,
    /// The backend that set it up (records of before this field: netavark).
    #[serde(default)]
    pub backend: backend::Kind,
    pub networks: BTreeMap<String, Attached>,
    /// The published ports with the host ports actually taken.
    #[serde(default)]
    pub ports: Vec<PortMapping>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse() {
        assert_eq!(Mode::parse("none").unwrap(), Mode::None);
        assert_eq!(Mode::parse("host").unwrap(), Mode::Host);
        assert_eq!(Mode::parse("bridge").unwrap(), Mode::Bridge("ctl".into()));
        assert_eq!(Mode::parse("web").unwrap(), Mode::Bridge("web".into()));
        assert_eq!(
            Mode::parse("container:db").unwrap(),
            Mode::Container("db".into())
        );
        for bad in ["container:", "slirp4netns:x", "a/b", ""] {
            assert!(Mode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn modes_load_from_records_of_before_and_round_trip() {
        let cases = [
            ("none", Mode::None),
            ("host", Mode::Host),
            ("bridge", Mode::Bridge("ctl".into())),
            ("web", Mode::Bridge("web".into())),
            ("container:0123abcd", Mode::Container("0123abcd".into())),
            ("pasta", Mode::Pasta),
            ("slirp4netns", Mode::Slirp4netns),
        ];
        for (text, mode) in cases {
            let json = format!("\"{text}\"");
            let loaded: Mode = serde_json::from_str(&json).unwrap();
            assert_eq!(loaded, mode, "{text}");
            assert_eq!(serde_json::to_string(&mode).unwrap(), json);
        }
        assert_eq!(Mode::Pasta.user_backend(), Some(rootless::Backend::Pasta));
        assert_eq!(Mode::Host.user_backend(), None);
    }
}
