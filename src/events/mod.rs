//! Events: every state change, appended by the command (or the container's cleanup) that
//! caused it to one file in the run directory, read back and followed by `ctl events`. No
//! daemon: writers append whole lines with `O_APPEND`, readers tail the file.
//!
//! The file holds one JSON object per line in podman's file-logger shape (libpod's
//! `events.Event`: `ID`, `Image`, `Name`, `Status`, `Time`, `Type`, `Attributes`, ...), so
//! its lines read the same to either tool.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ctl_monitor::time::Timestamp;
use serde::{Deserialize, Serialize};

pub mod filter;
pub mod log;
pub mod read;

pub use filter::Filters;
pub use log::EventLog;

/// Where events go: `events_logger` in containers.conf, `events-logger` in ctl.toml, or
/// `--events-backend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backend {
    /// The append-only file in the run directory.
    #[default]
    File,
    /// Nothing is recorded and `ctl events` shows nothing.
    None,
}

impl Backend {
    /// The names podman accepts; journald is refused with its reason by the caller.
    pub fn parse(s: &str) -> Option<Backend> {
        match s {
            "file" => Some(Backend::File),
            "none" => Some(Backend::None),
            _ => None,
        }
    }
}

/// Where and how events are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventsConfig {
    pub backend: Backend,
    /// The events file (`events_logfile_path`; default `<runroot>/events/events.log`).
    pub path: PathBuf,
    /// Rotate when the file would pass this size (`events_logfile_max_size`); 0 = never.
    pub max_size: u64,
    /// Each health check is an event (`healthcheck_events`, default true).
    pub health: bool,
}

/// podman's default `events_logfile_max_size`: 1 MB.
pub const DEFAULT_MAX_SIZE: u64 = 1_000_000;

/// One event, as the file holds it (libpod's `events.Event`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(
        rename = "ContainerExitCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub exit_code: Option<i32>,
    #[serde(rename = "OOMKilled", default, skip_serializing_if = "Option::is_none")]
    pub oom_killed: Option<bool>,
    #[serde(rename = "ID", default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(rename = "Image", default, skip_serializing_if = "String::is_empty")]
    pub image: String,
    #[serde(rename = "Name", default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(rename = "network", default, skip_serializing_if = "String::is_empty")]
    pub network: String,
    #[serde(rename = "Status")]
    pub status: String,
    #[serde(rename = "Time")]
    pub time: Timestamp,
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(
        rename = "health_status",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub health_status: String,
    #[serde(
        rename = "health_failing_streak",
        default,
        skip_serializing_if = "is_zero"
    )]
    pub health_failing_streak: u32,
    /// The check's result as JSON (`--health-log-destination=events_logger`).
    #[serde(
        rename = "health_log",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub health_log: String,
    #[serde(rename = "error", default, skip_serializing_if = "String::is_empty")]
    pub error: String,
    #[serde(rename = "PodID", default, skip_serializing_if = "String::is_empty")]
    pub pod_id: String,
    /// A container's labels; a network's driver; an exec's id.
    #[serde(rename = "Attributes", default)]
    pub attributes: BTreeMap<String, String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Event {
    /// An event of `kind` with `status`, now.
    pub fn new(kind: &str, status: &str) -> Event {
        Event {
            exit_code: None,
            oom_killed: None,
            id: String::new(),
            image: String::new(),
            name: String::new(),
            network: String::new(),
            status: status.to_string(),
            time: Timestamp::now(),
            kind: kind.to_string(),
            health_status: String::new(),
            health_failing_streak: 0,
            health_log: String::new(),
            error: String::new(),
            pod_id: String::new(),
            attributes: BTreeMap::new(),
        }
    }

    /// A container event: its id, name, image name and labels, as libpod writes them.
    pub fn container(
        status: &str,
        id: &str,
        name: &str,
        image: &str,
        labels: &BTreeMap<String, String>,
    ) -> Event {
        let mut e = Event::new("container", status);
        e.id = id.to_string();
        e.name = name.to_string();
        e.image = image.to_string();
        e.attributes = labels.clone();
        e
    }

    /// An image event: the image's id and the name it was used by.
    pub fn image(status: &str, id: &str, name: &str) -> Event {
        let mut e = Event::new("image", status);
        e.id = id.to_string();
        e.name = name.to_string();
        e
    }

    /// A volume event (podman names volumes only).
    pub fn volume(status: &str, name: &str) -> Event {
        let mut e = Event::new("volume", status);
        e.name = name.to_string();
        e
    }

    /// A network create/remove: its id, name and driver.
    pub fn network(status: &str, id: &str, name: &str, driver: &str) -> Event {
        let mut e = Event::new("network", status);
        e.id = id.to_string();
        e.network = name.to_string();
        e.attributes.insert("driver".into(), driver.into());
        e
    }

    /// A container joining or leaving a network.
    pub fn network_of(status: &str, container_id: &str, container: &str, net: &str) -> Event {
        let mut e = Event::new("network", status);
        e.id = container_id.to_string();
        e.name = container.to_string();
        e.network = net.to_string();
        e
    }

    pub fn with_exit_code(mut self, code: Option<i32>) -> Event {
        self.exit_code = code;
        self
    }

    pub fn with_attribute(mut self, key: &str, value: &str) -> Event {
        self.attributes.insert(key.to_string(), value.to_string());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_as_libpods_file_logger_writes_it() {
        let line = r#"{"ID":"683b0909d556","Image":"localhost/demo:latest","Name":"agitated_diffie","Status":"cleanup","Time":"2019-04-27T22:47:00.849932843-04:00","Type":"container","Attributes":{"a":"b"}}"#;
        let e: Event = serde_json::from_str(line).unwrap();
        assert_eq!(e.status, "cleanup");
        assert_eq!(e.kind, "container");
        assert_eq!(e.attributes["a"], "b");
        assert_eq!(e.time.secs(), 1556419620);
        let back = serde_json::to_string(&e).unwrap();
        assert!(back.starts_with(r#"{"ID":"683b0909d556","Image":"localhost/demo:latest","#));
        assert!(!back.contains("ContainerExitCode"));
    }

    #[test]
    fn exit_codes_and_network_names_keep_podmans_keys() {
        let e =
            Event::container("died", "abc", "n", "img", &BTreeMap::new()).with_exit_code(Some(3));
        let j = serde_json::to_string(&e).unwrap();
        assert!(j.starts_with(r#"{"ContainerExitCode":3,"ID":"abc""#), "{j}");
        let n = Event::network("create", "id1", "net1", "bridge");
        let j = serde_json::to_string(&n).unwrap();
        assert!(
            j.contains(r#""network":"net1""#) && j.contains(r#""driver":"bridge""#),
            "{j}"
        );
    }
}
