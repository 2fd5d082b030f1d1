//! `ctl images`: one row per name, `<none>` for an image without one.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use ctl::image::reference::Reference;
use ctl::image::store::ImageRecord;
use ctl::Context;

use super::output::{ago, human_size, print_json, table};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print only image ids
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not truncate image ids
    #[arg(long)]
    pub no_trunc: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Output format: table (default) or json
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// `images --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

fn split_name(name: &str) -> (String, String) {
    match Reference::parse(name) {
        Ok(r) => (r.name(), r.tag.unwrap_or_else(|| "<none>".into())),
        Err(_) => (name.to_string(), "<none>".into()),
    }
}

fn digest_of(img: &ImageRecord) -> String {
    img.repo_digests
        .first()
        .and_then(|d| d.split_once('@'))
        .map(|(_, d)| d.to_string())
        .unwrap_or_else(|| "<none>".into())
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let store = super::open_store(ctx)?;
    let images = store.images()?;
    if args.format == Format::Json {
        let v: Vec<_> = images.iter().map(json_entry).collect();
        print_json(&v);
        return Ok(ExitCode::SUCCESS);
    }
    let id = |i: &ImageRecord| {
        if args.no_trunc {
            format!("sha256:{}", i.id)
        } else {
            i.id[..12.min(i.id.len())].to_string()
        }
    };
    if args.quiet {
        for i in &images {
            println!("{}", id(i));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows = Vec::new();
    for i in &images {
        let names: Vec<(String, String)> = if i.names.is_empty() {
            vec![("<none>".into(), "<none>".into())]
        } else {
            i.names.iter().map(|n| split_name(n)).collect()
        };
        for (repo, tag) in names {
            let mut row = vec![repo, tag];
            if args.digests {
                row.push(digest_of(i));
            }
            row.extend([id(i), ago(i.created), human_size(i.size)]);
            rows.push(row);
        }
    }
    let header: &[&str] = if args.digests {
        &["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"]
    } else {
        &["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]
    };
    print!("{}", table(header, rows));
    Ok(ExitCode::SUCCESS)
}

fn json_entry(i: &ImageRecord) -> serde_json::Value {
    json!({
        "Id": i.id,
        "Names": i.names,
        "RepoTags": i.names,
        "RepoDigests": i.repo_digests,
        "Digest": digest_of(i),
        "Created": i.created.map(|t| t.secs()),
        "CreatedAt": i.created,
        "Size": i.size,
    })
}
