//! `ctl tag SOURCE TARGET...` and `ctl untag IMAGE [NAME...]`: a short name is
//! `localhost/NAME` and a name without a tag `:latest`, as podman names them.

use std::process::ExitCode;

use anyhow::Result;

use ctl::image::reference::Reference;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Image to name (name or id)
    pub source: String,
    /// New names
    #[arg(required = true)]
    pub targets: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct UntagArgs {
    /// Image to take names from (name or id)
    pub image: String,
    /// Names to remove (default: all)
    pub names: Vec<String>,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let store = super::open_store(ctx)?;
    let img = ctl::image::pull::find_stored(ctx, &store, &args.source)?;
    for t in &args.targets {
        let r = Reference::parse_with(t, "localhost")?;
        let Some(name) = r.tagged_name().filter(|_| r.digest.is_none()) else {
            anyhow::bail!("cannot tag with a digest: \"{t}\"");
        };
        store.tag(&img.id, &name)?;
        ctl::events::EventLog::new(&ctx.events)
            .record(&ctl::events::Event::image("tag", &img.id, &name));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn untag(ctx: &Context, args: UntagArgs) -> Result<ExitCode> {
    let store = super::open_store(ctx)?;
    let img = ctl::image::pull::find_stored(ctx, &store, &args.image)?;
    // Every name is checked before any is removed, so a typo removes nothing.
    let names = if args.names.is_empty() {
        img.names.clone()
    } else {
        let mut names = Vec::new();
        for n in &args.names {
            let r = Reference::parse_with(n, "localhost")?;
            let name = r.tagged_name().unwrap_or_else(|| r.name());
            if !img.names.contains(&name) {
                anyhow::bail!("{}: tag not known", ctl::text::escape(&name));
            }
            names.push(name);
        }
        names
    };
    for n in &names {
        store.untag(&img.id, n)?;
        ctl::events::EventLog::new(&ctx.events)
            .record(&ctl::events::Event::image("untag", &img.id, n));
    }
    Ok(ExitCode::SUCCESS)
}
