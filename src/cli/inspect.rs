//! `ctl inspect` / `ctl image inspect`: images as JSON, in docker's field names.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::{json, Value};

use ctl::image::store::{ImageRecord, Store};
use ctl::Context;

use super::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Images to inspect (name or id)
    #[arg(required = true)]
    pub names: Vec<String>,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let store = super::open_store(ctx)?;
    let mut out = Vec::new();
    let mut failed = false;
    for n in &args.names {
        match store
            .find_image(n, &ctx.search_registries)
            .and_then(|i| image_json(&store, &i))
        {
            Ok(v) => out.push(v),
            Err(e) => {
                eprintln!("Error: {e}");
                failed = true;
            }
        }
    }
    print_json(&out);
    Ok(if failed {
        ExitCode::from(125)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn image_json(store: &Store, i: &ImageRecord) -> ctl::Result<Value> {
    let config: Value = serde_json::from_slice(&store.blob(&i.config_digest())?).map_err(|e| {
        ctl::Error::BadImage {
            what: i.id.clone(),
            reason: e.to_string(),
        }
    })?;
    let digest = i
        .repo_digests
        .first()
        .and_then(|d| d.split_once('@'))
        .map(|(_, d)| d.to_string());
    Ok(json!({
        "Id": i.id,
        "Digest": digest,
        "ManifestDigest": i.manifest_digest,
        "RepoTags": i.names,
        "RepoDigests": i.repo_digests,
        "Created": i.created,
        "Added": i.added,
        "Author": config.get("author"),
        "Architecture": i.architecture,
        "Os": i.os,
        "Variant": i.variant,
        "Size": i.size,
        "Config": config.get("config").cloned().unwrap_or(Value::Null),
        "RootFS": {
            "Type": "layers",
            "Layers": config.pointer("/rootfs/diff_ids").cloned().unwrap_or(Value::Null),
        },
        "History": config.get("history").cloned().unwrap_or(Value::Null),
        "ChainIDs": i.layers,
    }))
}
