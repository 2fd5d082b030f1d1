//! `ctl history IMAGE`: an image's history as podman-history(1) shows it (IMAGE, CREATED,
//! CREATED BY, SIZE, COMMENT), or as JSON or a Go template.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use ctl::image::history::{history, HistoryEntry};
use ctl::Context;

use super::output::{ago, human_size, print_json, table};
use super::template::{header_name, Format, Origin, Shape, Struct, Value as TValue};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Change the output to JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Display sizes and dates in human readable format
    #[arg(short = 'H', long, default_value_t = true, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub human: bool,
    /// Do not truncate the output
    #[arg(long)]
    pub no_trunc: bool,
    /// Display the numeric IDs only
    #[arg(short, long)]
    pub quiet: bool,
    /// Image (name or id)
    pub image: String,
}

const SHAPE: Shape = Shape {
    type_name: "images.historyReporter",
    maps: &[],
};

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let store = super::open_store(ctx)?;
    let img = ctl::image::pull::find_stored(ctx, &store, &args.image)?;
    let entries = history(&store, &img)?;
    let json = args.format.as_deref().is_some_and(super::template::is_json);
    if json {
        let v: Vec<_> = entries.iter().map(json_of).collect();
        print_json(&v);
        return Ok(ExitCode::SUCCESS);
    }
    let id = |e: &HistoryEntry| match args.no_trunc || e.id.len() < 12 {
        true => e.id.clone(),
        false => e.id[..12].to_string(),
    };
    if args.quiet {
        for e in &entries {
            println!("{}", id(e));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let created = |e: &HistoryEntry| match args.human {
        true => ago(e.created),
        false => e.created.map(rfc3339).unwrap_or_default(),
    };
    let created_by = |e: &HistoryEntry| {
        let by = ctl::text::escape(&e.created_by).into_owned();
        match !args.no_trunc && by.chars().count() > 45 {
            true => format!("{}...", by.chars().take(42).collect::<String>()),
            false => by,
        }
    };
    if let Some(t) = args.format.as_deref().filter(|t| *t != "table") {
        let f = Format::parse("history", Origin::User, t)?;
        let rows = entries
            .iter()
            .map(|e| {
                let mut row = Struct::from_json(&json_of(e), &SHAPE);
                row.method("ID", id(e))
                    .method("Created", created(e))
                    .method("CreatedSince", created(e))
                    .method("CreatedBy", created_by(e))
                    .method("Size", human_size(e.size))
                    .method("Comment", ctl::text::escape(&e.comment).into_owned());
                TValue::Struct(std::rc::Rc::new(row))
            })
            .collect();
        f.print_listing(
            &TValue::list(rows),
            &|f| header_name(f, &[("CreatedBy", "created by")]),
            false,
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows = entries
        .iter()
        .map(|e| {
            vec![
                id(e),
                created(e),
                created_by(e),
                human_size(e.size),
                ctl::text::escape(&e.comment).into_owned(),
            ]
        })
        .collect();
    print!(
        "{}",
        table(&["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"], rows)
    );
    Ok(ExitCode::SUCCESS)
}

/// podman's ImageHistoryLayer with `Created` as RFC 3339.
fn json_of(e: &HistoryEntry) -> serde_json::Value {
    let mut v = json!({"id": e.id, "size": e.size});
    if let Some(c) = e.created {
        v["created"] = json!(c);
        v["Created"] = json!(rfc3339(c));
    }
    if !e.created_by.is_empty() {
        v["CreatedBy"] = json!(e.created_by);
    }
    if !e.tags.is_empty() {
        v["tags"] = json!(e.tags);
    }
    if !e.comment.is_empty() {
        v["comment"] = json!(e.comment);
    }
    v
}

/// Go's `time.RFC3339` of a time in UTC: seconds, `Z`.
fn rfc3339(t: ctl_monitor::time::Timestamp) -> String {
    let secs = t.secs();
    let (y, m, d) = ctl_monitor::time::civil_from_days(secs.div_euclid(86400));
    let rem = secs.rem_euclid(86400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
