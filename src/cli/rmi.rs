//! `ctl rmi`: by name it untags (deleting the image with its last name), by id it deletes;
//! each argument is reported, and any failure makes the exit code non-zero.

use std::process::ExitCode;

use anyhow::Result;

use ctl::image::reference::Reference;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Remove all images
    #[arg(short, long)]
    pub all: bool,
    /// Do not remove dangling parents (ctl's images have none)
    #[arg(long)]
    pub no_prune: bool,
    /// Remove even if containers use the image (removing them); succeed for images that do
    /// not exist
    #[arg(short, long)]
    pub force: bool,
    /// Succeed for images that do not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Images to remove (name or id)
    pub images: Vec<String>,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    if args.images.is_empty() && !args.all {
        anyhow::bail!("image name or ID must be specified");
    }
    if !args.images.is_empty() && args.all {
        anyhow::bail!("when using the --all switch, you may not pass any images names or IDs");
    }
    // As podman's: --force ignores images that do not exist.
    let ignore = args.ignore || args.force;
    let store = super::open_store(ctx)?;
    let mut failed = Vec::new();
    let all: Vec<String> = if args.all {
        store.images()?.into_iter().map(|i| i.id).collect()
    } else {
        Vec::new()
    };
    for input in all.iter().chain(&args.images) {
        match remove_one(ctx, &store, input, args.force) {
            Ok(()) => {}
            // With --all, one removed meanwhile is gone as asked.
            Err(ctl::Error::ImageNotFound(_)) if ignore || args.all => {}
            Err(e) => {
                super::output::report_error(&e);
                failed.push(e);
            }
        }
    }
    Ok(ExitCode::from(exit_code(&failed)))
}

/// podman's exit code for the failures of one `rmi`: 2 when an image is in use, 1 when
/// images did not exist and nothing else failed, 125 otherwise.
fn exit_code(failed: &[ctl::Error]) -> u8 {
    let in_use = failed
        .iter()
        .any(|e| matches!(e, ctl::Error::ImageInUse { .. }));
    let unknown = |e: &ctl::Error| matches!(e, ctl::Error::ImageNotFound(_));
    match () {
        _ if failed.is_empty() => 0,
        _ if in_use => 2,
        _ if failed.iter().all(unknown) => 1,
        _ => 125,
    }
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
            ctl::events::EventLog::new(&ctx.events)
                .record(&ctl::events::Event::image("untag", &img.id, name));
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
    let log = ctl::events::EventLog::new(&ctx.events);
    for n in &img.names {
        log.record(&ctl::events::Event::image("untag", &img.id, n));
        println!("Untagged: {n}");
    }
    let name = img.names.first().map_or("", String::as_str);
    log.record(&ctl::events::Event::image("remove", &img.id, name));
    println!("Deleted: {}", img.id);
    Ok(())
}
