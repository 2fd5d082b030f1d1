//! `ctl system df`: podman's summary (TYPE TOTAL ACTIVE SIZE RECLAIMABLE), its JSON and
//! templates over dfSummary, and `-v`'s tables of images, containers and volumes.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::{json, Value};

use ctl::container::lifecycle::Manager;
use ctl::system::disk::{summarize, DiskUsage, Summary};
use ctl::Context;

use super::output::{go_human_size, human_duration};
use super::template::{header_name, is_json, Format, Origin, Shape, Value as TValue};

#[derive(Debug, clap::Args)]
pub struct DfArgs {
    /// Show detailed information on disk usage
    #[arg(short, long)]
    pub verbose: bool,
    /// json, or a Go template over each line such as '{{.Type}}\t{{.Size}}'
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

const SUMMARY_SHAPE: Shape = Shape {
    type_name: "system.dfSummary",
    maps: &[],
};

const SUMMARY_ROW: &str = "table {{.Type}}\t{{.Total}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
const IMAGE_ROW: &str = "table {{.Repository}}\t{{.Tag}}\t{{.ImageID}}\t{{.Created}}\t\
    {{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
const CONTAINER_ROW: &str = "table {{.ContainerID}}\t{{.Image}}\t{{.Command}}\t\
    {{.LocalVolumes}}\t{{.RWSize}}\t{{.Created}}\t{{.Status}}\t{{.Names}}";
const VOLUME_ROW: &str = "table {{.VolumeName}}\t{{.Links}}\t{{.Size}}";

const HEADERS: &[(&str, &str)] = &[
    ("Size", "size"),
    ("Reclaimable", "reclaimable"),
    ("ImageID", "image id"),
    ("SharedSize", "shared size"),
    ("UniqueSize", "unique size"),
    ("ContainerID", "container id"),
    ("LocalVolumes", "local volumes"),
    ("RWSize", "size"),
    ("VolumeName", "volume name"),
];

/// podman's Reclaimable(): the size and its share of the whole, rounded.
fn reclaimable(s: &Summary) -> String {
    let percent = match s.raw_size {
        0 => 0,
        n => (s.raw_reclaimable as f64 / n as f64 * 100.0).round() as u64,
    };
    format!("{} ({percent}%)", go_human_size(s.raw_reclaimable))
}

/// A summary line as podman's MarshalJSON writes it (docker's TotalCount, Size and
/// Reclaimable after the raw fields), in its order.
#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct SummaryJson {
    r#type: &'static str,
    total: usize,
    active: usize,
    raw_size: u64,
    raw_reclaimable: u64,
    total_count: usize,
    size: String,
    reclaimable: String,
}

fn summary_of(s: &Summary) -> SummaryJson {
    SummaryJson {
        r#type: s.kind,
        total: s.total,
        active: s.active,
        raw_size: s.raw_size,
        raw_reclaimable: s.raw_reclaimable,
        total_count: s.total,
        size: go_human_size(s.raw_size),
        reclaimable: reclaimable(s),
    }
}

fn summary_json(s: &Summary) -> Value {
    serde_json::to_value(summary_of(s)).expect("a summary serializes")
}

/// JSON as Go's MarshalIndent with four spaces.
fn indented(v: &impl serde::Serialize) -> Result<String> {
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    serde::Serialize::serialize(v, &mut ser)?;
    Ok(String::from_utf8(out)?)
}

fn rows(values: Vec<Value>, type_name: &'static str) -> TValue {
    let shape = Shape {
        type_name,
        maps: &[],
    };
    TValue::list(
        values
            .iter()
            .map(|v| TValue::from_json(v, &shape))
            .collect(),
    )
}

fn print_table(template: &str, data: &TValue) -> Result<()> {
    Format::parse("df", Origin::User, template)?.print(data, &|f| header_name(f, HEADERS))
}

fn since(t: Option<ctl_monitor::time::Timestamp>) -> String {
    let secs = t.map_or(0, |t| ctl_monitor::time::Timestamp::now().seconds_since(t));
    human_duration(secs)
}

fn short(id: &str) -> String {
    id.chars().take(12).collect()
}

fn esc(s: &str) -> String {
    ctl::text::escape(s).into_owned()
}

fn verbose(du: &DiskUsage) -> Result<()> {
    print!("Images space usage:\n\n");
    let images = du
        .images
        .iter()
        .map(|i| {
            json!({
                "Repository": esc(&i.repository),
                "Tag": esc(&i.tag),
                "ImageID": short(&i.id),
                "Created": since(i.created),
                "Size": go_human_size(i.size),
                "SharedSize": go_human_size(i.shared_size),
                "UniqueSize": go_human_size(i.unique_size),
                "Containers": i.containers,
            })
        })
        .collect();
    print_table(IMAGE_ROW, &rows(images, "system.dfImage"))?;
    print!("\nContainers space usage:\n\n");
    let containers = du
        .containers
        .iter()
        .map(|c| {
            json!({
                "ContainerID": short(&c.id),
                "Image": short(&c.image_id),
                "Command": esc(&c.command.join(" ")),
                "LocalVolumes": c.local_volumes,
                "RWSize": go_human_size(c.rw_size),
                "Created": since(Some(c.created)),
                "Status": c.status,
                "Names": esc(&c.name),
            })
        })
        .collect();
    print_table(CONTAINER_ROW, &rows(containers, "system.dfContainer"))?;
    print!("\nLocal Volumes space usage:\n\n");
    let volumes = du
        .volumes
        .iter()
        .map(|v| {
            json!({
                "VolumeName": esc(&v.name),
                "Links": v.links,
                "Size": go_human_size(v.size),
            })
        })
        .collect();
    print_table(VOLUME_ROW, &rows(volumes, "system.dfVolume"))
}

pub fn exec(ctx: &Context, a: DfArgs) -> Result<ExitCode> {
    if a.format.is_some() && a.verbose {
        anyhow::bail!("cannot combine --format and --verbose flags");
    }
    let template = match a.format.as_deref() {
        Some(f) if is_json(f) => None,
        Some(f) => Some(Format::parse("df", Origin::User, f)?),
        None => Some(Format::parse("df", Origin::User, SUMMARY_ROW)?),
    };
    let du = Manager::open(ctx)?.disk_usage()?;
    if a.verbose {
        verbose(&du)?;
        return Ok(ExitCode::SUCCESS);
    }
    let summary = summarize(&du);
    let lines: Vec<Value> = summary.iter().map(summary_json).collect();
    match template {
        None => println!(
            "{}",
            indented(&summary.iter().map(summary_of).collect::<Vec<_>>())?
        ),
        Some(t) => {
            let data = TValue::list(
                lines
                    .iter()
                    .map(|l| TValue::from_json(l, &SUMMARY_SHAPE))
                    .collect(),
            );
            t.print(&data, &|f| header_name(f, HEADERS))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reclaimable_as_podman_s() {
        let s = |raw_size, raw_reclaimable| Summary {
            kind: "Images",
            total: 1,
            active: 0,
            raw_size,
            raw_reclaimable,
        };
        assert_eq!(reclaimable(&s(0, 0)), "0B (0%)");
        assert_eq!(reclaimable(&s(13491151377, 922956674)), "923MB (7%)");
        assert_eq!(reclaimable(&s(209266, 209266)), "209.3kB (100%)");
        let j = summary_json(&s(796638905, 47800633));
        assert_eq!(j["Size"], "796.6MB");
        assert_eq!(j["Reclaimable"], "47.8MB (6%)");
        assert_eq!(j["TotalCount"], 1);
    }
}
