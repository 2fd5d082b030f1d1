//! `ctl rmi`: by name it untags (deleting the image with its last name), by id it deletes;
//! each argument is reported, and any failure makes the exit code non-zero.

use std::process::ExitCode;

use anyhow::Result;

use ctl::image::reference::Reference;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Remove even if containers use the image
    #[arg(short, long)]
    pub force: bool,
    /// Images to remove (name or id)
    #[arg(required = true)]
    pub images: Vec<String>,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let store = super::open_store(ctx)?;
    let mut failed = false;
    for input in &args.images {
        if let Err(e) = remove_one(ctx, &store, input, args.force) {
            super::output::report_error(&e);
            failed = true;
        }
    }
    Ok(if failed {
        ExitCode::from(125)
    } else {
        ExitCode::SUCCESS
    })
}

fn remove_one(
    ctx: &Context,
    store: &ctl::image::store::Store,
    input: &str,
    force: bool,
) -> ctl::Result<()> {
    let img = store.find_image(input, &ctx.search_registries)?;
    // The name the user gave, if they gave one rather than an id.
    let by_name = img
        .names
        .iter()
        .find(|n| {
            let q = Reference::parse_with(input, "localhost")
                .ok()
                .and_then(|r| r.tagged_name());
            q.as_deref() == Some(n.as_str())
                || ctx.search_registries.iter().any(|reg| {
                    Reference::parse_with(input, reg)
                        .ok()
                        .and_then(|r| r.tagged_name())
                        .as_deref()
                        == Some(n.as_str())
                })
                || n.ends_with(&format!("/{input}"))
        })
        .cloned();
    if let Some(name) = &by_name {
        if img.names.len() > 1 {
            store.untag(&img.id, name)?;
            println!("Untagged: {name}");
            return Ok(());
        }
    }
    // As podman: -f removes the containers that use the image first. No container is
    // being made from it meanwhile.
    let _removing = store.use_lock(true)?;
    store.image(&img.id)?;
    let mut manager = None;
    while let Some(c) = ctl::image::container_using(store.root(), &img.id) {
        if !force {
            return Err(ctl::Error::ImageInUse {
                image: input.to_string(),
                container: c,
            });
        }
        if manager.is_none() {
            manager = Some(ctl::container::lifecycle::Manager::open(ctx)?);
        }
        if let Some(m) = &manager {
            m.remove(&c, true)?;
        }
    }
    store.remove_image(&img.id)?;
    for n in &img.names {
        println!("Untagged: {n}");
    }
    println!("Deleted: {}", img.id);
    Ok(())
}
