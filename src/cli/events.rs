//! `ctl events` (also `system events`), as podman-events(1): the events file read back,
//! filtered, and followed for new events unless `--stream=false`.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;
use std::rc::Rc;

use anyhow::Result;

use ctl::events::read::{self, Flow, ReadOptions};
use ctl::events::{Event, Filters};
use ctl::text::escape;
use ctl::Context;

use super::template::value::{Struct, Value};
use super::template::{go_time_of, is_json, Format, Origin};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show only the events that match: container=, event=, image=, pod=, volume=, type=,
    /// label= (KEY=VALUE; repeat a key for either value)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// json (JSON Lines), or a Go template for each event (e.g. '{{.Status}} {{.Name}}')
    #[arg(long)]
    pub format: Option<String>,
    /// Keep waiting for new events (false: stop after the last one recorded)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", default_value = "true", action = clap::ArgAction::Set)]
    pub stream: bool,
    /// Show the events since this time (RFC 3339, unix seconds, or a duration such as 10m)
    #[arg(long, value_name = "TIMESTAMP")]
    pub since: Option<String>,
    /// Show the events until this time; with --stream, wait until then
    #[arg(long, value_name = "TIMESTAMP")]
    pub until: Option<String>,
    /// Show whole ids (false: 12 characters)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", default_value = "true", action = clap::ArgAction::Set)]
    pub no_trunc: bool,
}

enum Output {
    Human,
    Json,
    Template(Format),
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let now = ctl::timetype::now();
    let filters = Filters::parse(
        &args.filter,
        args.since.as_deref(),
        args.until.as_deref(),
        now,
    )
    .map_err(anyhow::Error::msg)?;
    let output = match args.format.as_deref() {
        None | Some("") => Output::Human,
        Some(f) if is_json(f) => Output::Json,
        Some(f) => Output::Template(Format::parse("events", Origin::Single, f)?),
    };
    let opts = ReadOptions {
        from_start: args.since.is_some() || args.until.is_some() || !args.stream,
        follow: args.stream,
        deadline: filters.until,
    };
    let mut stdout = std::io::stdout().lock();
    let mut failed = None;
    read::read(&ctx.events, opts, |e| {
        if !filters.matches(&e) {
            return Flow::Continue;
        }
        let text = match &output {
            Output::Human => human(&e, !args.no_trunc) + "\n",
            Output::Json => serde_json::to_string(&cli_json(&e)).unwrap_or_default() + "\n",
            Output::Template(f) => {
                let (text, err) = f.render(&template_value(&e), &|s| s.to_string());
                if let Some(err) = err {
                    failed = Some(err);
                    return Flow::Stop;
                }
                text
            }
        };
        // A closed pipe (`| head`) ends the stream.
        match stdout
            .write_all(text.as_bytes())
            .and_then(|_| stdout.flush())
        {
            Ok(()) => Flow::Continue,
            Err(_) => Flow::Stop,
        }
    })?;
    match failed {
        Some(e) => Err(e),
        None => Ok(ExitCode::SUCCESS),
    }
}

fn short(id: &str, truncate: bool) -> &str {
    if truncate && id.len() > 12 {
        &id[..12]
    } else {
        id
    }
}

/// libpod's `Event.ToHumanReadable`, with the names escaped (they come from images and
/// users) and the attributes in key order.
fn human(e: &Event, truncate: bool) -> String {
    let t = go_time_of(e.time);
    let id = escape(short(&e.id, truncate));
    let (kind, status) = (escape(&e.kind), escape(&e.status));
    match e.kind.as_str() {
        "container" | "pod" => {
            let mut s = format!(
                "{t} {kind} {status} {id} (image={}, name={}",
                escape(&e.image),
                escape(&e.name)
            );
            if !e.pod_id.is_empty() {
                s += &format!(", pod_id={}", escape(&e.pod_id));
            }
            if e.status == "health_status" {
                s += &format!(
                    ", health_status={}, health_failing_streak={}, health_log={}",
                    escape(&e.health_status),
                    e.health_failing_streak,
                    escape(&e.health_log)
                );
            }
            for (k, v) in &e.attributes {
                s += &format!(", {}={}", escape(k), escape(v));
            }
            s + ")"
        }
        "network" => match (e.status.as_str(), e.attributes.get("driver")) {
            ("create" | "remove", Some(driver)) => format!(
                "{t} {kind} {status} {} (name={}, type={})",
                escape(&e.id),
                escape(&e.network),
                escape(driver)
            ),
            _ => format!(
                "{t} {kind} {status} {id} (container={id}, name={})",
                escape(&e.network)
            ),
        },
        "image" => {
            let mut s = format!("{t} {kind} {status} {id} {}", escape(&e.name));
            if !e.error.is_empty() {
                s += &format!(" {}", escape(&e.error));
            }
            s
        }
        "system" if e.name.is_empty() => format!("{t} {kind} {status}"),
        "volume" | "system" => format!("{t} {kind} {status} {}", escape(&e.name)),
        _ => format!("{t} {kind} {status} {id}"),
    }
}

/// podman's `events --format json` object (cmd/podman/system/events.go's `Event`): unix
/// seconds and nanoseconds for the time.
#[derive(serde::Serialize)]
struct CliJson<'a> {
    #[serde(rename = "ContainerExitCode", skip_serializing_if = "Option::is_none")]
    exit_code: Option<i32>,
    #[serde(rename = "OOMKilled", skip_serializing_if = "Option::is_none")]
    oom_killed: Option<bool>,
    #[serde(rename = "ID", skip_serializing_if = "str::is_empty")]
    id: &'a str,
    #[serde(rename = "Image", skip_serializing_if = "str::is_empty")]
    image: &'a str,
    #[serde(rename = "Name", skip_serializing_if = "str::is_empty")]
    name: &'a str,
    #[serde(rename = "network", skip_serializing_if = "str::is_empty")]
    network: &'a str,
    #[serde(rename = "Status")]
    status: &'a str,
    time: i64,
    #[serde(rename = "timeNano")]
    time_nano: i64,
    #[serde(rename = "Type")]
    kind: &'a str,
    #[serde(rename = "health_status", skip_serializing_if = "str::is_empty")]
    health_status: &'a str,
    #[serde(rename = "Error", skip_serializing_if = "str::is_empty")]
    error: &'a str,
    #[serde(rename = "PodID", skip_serializing_if = "str::is_empty")]
    pod_id: &'a str,
    #[serde(rename = "Attributes")]
    attributes: &'a BTreeMap<String, String>,
}

fn cli_json(e: &Event) -> CliJson<'_> {
    CliJson {
        exit_code: e.exit_code,
        oom_killed: e.oom_killed,
        id: &e.id,
        image: &e.image,
        name: &e.name,
        network: &e.network,
        status: &e.status,
        time: e.time.secs(),
        time_nano: i64::try_from(e.time.as_nanos()).unwrap_or(i64::MAX),
        kind: &e.kind,
        health_status: &e.health_status,
        error: &e.error,
        pod_id: &e.pod_id,
        attributes: &e.attributes,
    }
}

/// The event as templates see it: the Go field names of podman's `Event` (`.Network`,
/// `.TimeNano`, `.HealthStatus`), `.Time` in unix seconds as podman's.
fn template_value(e: &Event) -> Value {
    let s = |v: &str| Value::from(v);
    let fields = vec![
        (
            "ContainerExitCode".to_string(),
            e.exit_code.map_or(Value::Nil, |c| Value::Int(i64::from(c))),
        ),
        (
            "OOMKilled".to_string(),
            e.oom_killed.map_or(Value::Nil, Value::Bool),
        ),
        ("ID".to_string(), s(&e.id)),
        ("Image".to_string(), s(&e.image)),
        ("Name".to_string(), s(&e.name)),
        ("Network".to_string(), s(&e.network)),
        ("Status".to_string(), s(&e.status)),
        ("Time".to_string(), Value::Int(e.time.secs())),
        (
            "TimeNano".to_string(),
            Value::Int(i64::try_from(e.time.as_nanos()).unwrap_or(i64::MAX)),
        ),
        ("Type".to_string(), s(&e.kind)),
        ("HealthStatus".to_string(), s(&e.health_status)),
        ("HealthLog".to_string(), s(&e.health_log)),
        ("Error".to_string(), s(&e.error)),
        ("ContainerInspectData".to_string(), s("")),
        ("PodID".to_string(), s(&e.pod_id)),
        (
            "Attributes".to_string(),
            Value::map(
                e.attributes
                    .iter()
                    .map(|(k, v)| (k.clone(), s(v)))
                    .collect(),
            ),
        ),
    ];
    Value::Struct(Rc::new(Struct {
        type_name: "system.Event".into(),
        fields,
        methods: Vec::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ctl_monitor::time::Timestamp;

    fn at(mut e: Event) -> Event {
        e.time = Timestamp::new(1_700_000_000, 5_000);
        e
    }

    #[test]
    fn human_lines_are_libpods() {
        let labels = BTreeMap::from([("app".to_string(), "web".to_string())]);
        let c = at(Event::container(
            "start",
            &"a".repeat(64),
            "web1",
            "localhost/x:1",
            &labels,
        ));
        assert_eq!(
            human(&c, true),
            "2023-11-14 22:13:20.000005 +0000 UTC container start aaaaaaaaaaaa \
             (image=localhost/x:1, name=web1, app=web)"
        );
        let v = at(Event::volume("create", "data"));
        assert_eq!(
            human(&v, false),
            "2023-11-14 22:13:20.000005 +0000 UTC volume create data"
        );
        let n = at(Event::network("create", "abc", "net1", "bridge"));
        assert_eq!(
            human(&n, true),
            "2023-11-14 22:13:20.000005 +0000 UTC network create abc (name=net1, type=bridge)"
        );
        let i = at(Event::image("pull", "sha", "localhost/x:1"));
        assert_eq!(
            human(&i, true),
            "2023-11-14 22:13:20.000005 +0000 UTC image pull sha localhost/x:1"
        );
    }

    #[test]
    fn untrusted_names_are_escaped() {
        let c = at(Event::container(
            "create",
            "id",
            "n",
            "img\x1b[2J",
            &BTreeMap::new(),
        ));
        assert!(!human(&c, true).contains('\x1b'));
    }

    #[test]
    fn json_has_podmans_keys_and_unix_times() {
        let c = at(Event::container(
            "died",
            "id1",
            "web",
            "img",
            &BTreeMap::new(),
        ))
        .with_exit_code(Some(7));
        let j = serde_json::to_string(&cli_json(&c)).unwrap();
        assert_eq!(
            j,
            r#"{"ContainerExitCode":7,"ID":"id1","Image":"img","Name":"web","Status":"died","time":1700000000,"timeNano":1700000000000005000,"Type":"container","Attributes":{}}"#
        );
    }

    #[test]
    fn templates_see_go_field_names() {
        let c = at(Event::container(
            "died",
            "id1",
            "web",
            "img",
            &BTreeMap::new(),
        ))
        .with_exit_code(Some(7));
        let f = Format::parse(
            "events",
            Origin::Single,
            "{{.Status}} {{.Name}} {{.ContainerExitCode}} {{.Time}}",
        )
        .unwrap();
        let (text, err) = f.render(&template_value(&c), &|s| s.to_string());
        assert!(err.is_none());
        assert_eq!(text, "died web 7 1700000000\n");
    }
}
