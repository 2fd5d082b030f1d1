//! `ctl images`: one row per name, `<none>` for an image without one.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use ctl::image::reference::Reference;
use ctl::image::store::ImageRecord;
use ctl::Context;

use super::output::{ago, human_size, print_json, table};
use super::template::{header_name, Format, Origin, Shape, Struct, Value as TValue};

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
    /// json, or a Go template such as '{{.ID}} {{.Repository}}' ('table ...' adds a header)
    #[arg(long)]
    pub format: Option<String>,
}

/// Image rows as templates see them: podman's imageReporter.
const IMAGE_SHAPE: Shape = Shape {
    type_name: "images.imageReporter",
    maps: &["Labels"],
};

/// podman's images headers: a field's name in words, or these.
const IMAGE_HEADERS: &[(&str, &str)] = &[("ID", "image id"), ("ReadOnly", "r/o")];

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
    let json = args.format.as_deref().is_some_and(super::template::is_json);
    let template = match args.format.as_deref() {
        Some(t) if !json && t != "table" => Some(Format::parse("images", Origin::User, t)?),
        _ => None,
    };
    let store = super::open_store(ctx)?;
    let images = store.images()?;
    if json {
        let v: Vec<_> = images.iter().map(|i| json_entry(&store, i)).collect();
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
    if let Some(t) = template {
        let mut rows = Vec::new();
        for i in &images {
            let entry = json_entry(&store, i);
            for (repo, tag) in names_of(i) {
                rows.push(template_row(&entry, i, repo, tag, args.no_trunc));
            }
        }
        t.print(&TValue::list(rows), &|f| header_name(f, IMAGE_HEADERS))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows = Vec::new();
    for i in &images {
        for (repo, tag) in names_of(i) {
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

/// (repository, tag) of each name of an image; `<none>` for both without one.
fn names_of(i: &ImageRecord) -> Vec<(String, String)> {
    if i.names.is_empty() {
        vec![("<none>".into(), "<none>".into())]
    } else {
        i.names.iter().map(|n| split_name(n)).collect()
    }
}

/// One image as `images --format json` prints it: podman's ImageSummary (with the names
/// in `RepoTags` too).
fn json_entry(store: &ctl::image::store::Store, i: &ImageRecord) -> serde_json::Value {
    let created = i.created.map(|t| t.secs());
    let labels = store
        .blob(&i.config_digest())
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|c| c.pointer("/config/Labels").cloned())
        .filter(serde_json::Value::is_object)
        .unwrap_or_else(|| json!({}));
    json!({
        "Id": i.id,
        "ParentId": "",
        "RepoTags": i.names,
        "RepoDigests": i.repo_digests,
        "Created": created,
        "Size": i.size,
        "SharedSize": 0,
        "VirtualSize": i.size,
        "Labels": labels,
        "Dangling": i.names.is_empty(),
        "Arch": i.architecture,
        "Digest": digest_of(i),
        "Names": i.names,
        "Os": i.os,
        "CreatedAt": i.created,
    })
}

/// One row for templates: podman's imageReporter, the summary's fields with Repository and
/// Tag, and its methods (`.ID` short unless --no-trunc, `.Created` and `.CreatedSince` in
/// words, `.CreatedAt` as Go prints a time, `.Size` in human units).
fn template_row(
    entry: &serde_json::Value,
    i: &ImageRecord,
    repo: String,
    tag: String,
    no_trunc: bool,
) -> TValue {
    let mut row = Struct::from_json(entry, &IMAGE_SHAPE);
    row.fields
        .insert(0, ("Repository".into(), TValue::from(repo)));
    row.fields.insert(1, ("Tag".into(), TValue::from(tag)));
    let id = if no_trunc {
        format!("sha256:{}", i.id)
    } else {
        i.id.chars().take(12).collect()
    };
    let at = i
        .created
        .map(super::template::go_time_of)
        .unwrap_or_default();
    row.method("ID", id)
        .method("Created", ago(i.created))
        .method("CreatedSince", ago(i.created))
        .method("CreatedAt", at.clone())
        .method("CreatedTime", at)
        .method("Size", human_size(i.size))
        .method("History", "")
        .method("IsReadOnly", false)
        .method("IsDangling", i.names.is_empty())
        .method("ReadOnly", false);
    TValue::Struct(std::rc::Rc::new(row))
}
