//! `ctl save [-o FILE] [--format F] [-m] IMAGE...`: images to an archive or directory, as
//! podman-save(1) writes them; to stdout when no file is named (never to a terminal).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};

use ctl::image::reference::Reference;
use ctl::image::save::sink::TarSink;
use ctl::image::save::{save, save_dir, Format, SaveItem, SaveOptions};
use ctl::image::store::ImageRecord;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Compress tarball image layers when saving to a directory using the 'dir' transport
    #[arg(long)]
    pub compress: bool,
    /// Save image to oci-archive, oci-dir (directory with oci manifest type), docker-archive, docker-dir (directory with v2s2 manifest type)
    #[arg(long, value_name = "FORMAT", default_value = "docker-archive")]
    pub format: String,
    /// Interpret additional arguments as images not tags and create a multi-image-archive (only for docker-archive)
    #[arg(short, long)]
    pub multi_image_archive: bool,
    /// Write to a specified file (default: stdout, which must be redirected)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Suppress the output
    #[arg(short, long)]
    pub quiet: bool,
    /// Accept uncompressed layers when copying OCI images
    #[arg(long)]
    pub uncompressed: bool,
    /// Images (name or id); without -m, further names are tags for the first
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<String>,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let format: Format = args.format.parse()?;
    if args.compress && format != Format::DockerDir {
        bail!("--compress can only be set when --format is 'docker-dir'");
    }
    if args.output.is_none() && std::io::stdout().is_terminal() {
        bail!("refusing to save to terminal. Use -o flag or redirect");
    }
    if let Some(o) = &args.output {
        // podman's parse.ValidateFileName.
        if o.to_string_lossy().contains(':') {
            bail!("invalid filename (should not contain ':') {:?}", o);
        }
    }
    let store = super::open_store(ctx)?;
    let items = items(ctx, &store, &args)?;
    if items.len() > 1 && format != Format::DockerArchive {
        bail!(
            "unsupported format \"{}\" for saving multiple images (only docker-archive)",
            args.format
        );
    }
    let opts = SaveOptions {
        format,
        compress: args.compress,
        uncompressed: args.uncompressed,
    };
    if format.is_dir() {
        let Some(dest) = &args.output else {
            bail!("saving as {} needs a directory: use -o DIR", args.format);
        };
        save_dir(&store, &items, opts, dest)?;
        saved(ctx, &items);
        return Ok(ExitCode::SUCCESS);
    }
    // Compressed layers are written aside first: their digest names them.
    let scratch = store.stage()?;
    let write = |out: &mut dyn Write, label: PathBuf| -> Result<()> {
        let mut sink = TarSink {
            out,
            scratch: scratch.path().to_path_buf(),
            label,
        };
        save(&store, &items, opts, &mut sink)?;
        Ok(sink.finish()?)
    };
    match &args.output {
        None => ctl::sys::without_sigpipe(|| -> Result<()> {
            let mut out = std::io::BufWriter::with_capacity(256 * 1024, std::io::stdout().lock());
            write(&mut out, PathBuf::from("stdout"))?;
            Ok(out.flush()?)
        })?,
        Some(path) => {
            // Only a file made here is removed on failure (never /dev/null, say).
            let made = std::fs::symlink_metadata(path).is_err();
            let file = std::fs::File::create(path).map_err(|e| ctl::Error::io(path, e))?;
            let mut out = std::io::BufWriter::with_capacity(256 * 1024, file);
            let written = write(&mut out, path.clone())
                .and_then(|()| Ok(out.into_inner().map_err(|e| e.into_error())?.sync_all()?));
            if let Err(e) = written {
                if made {
                    let _ = std::fs::remove_file(path);
                }
                return Err(e);
            }
        }
    }
    saved(ctx, &items);
    Ok(ExitCode::SUCCESS)
}

/// An image `save` event for each image written.
fn saved(ctx: &Context, items: &[SaveItem]) {
    let log = ctl::events::EventLog::new(&ctx.events);
    for i in items {
        let name = i.tags.first().or(i.image.names.first());
        let name = name.map_or("", String::as_str);
        log.record(&ctl::events::Event::image("save", &i.image.id, name));
    }
}

/// The images to save, each with the names it goes under: the name it was asked by (none
/// when asked by id), and without -m the further arguments as tags of the first.
fn items(ctx: &Context, store: &ctl::image::store::Store, args: &Args) -> Result<Vec<SaveItem>> {
    let (images, extra) = match args.multi_image_archive {
        true => (&args.images[..], &[][..]),
        false => args.images.split_at(1),
    };
    let mut items: Vec<SaveItem> = Vec::new();
    for input in images {
        let img = ctl::image::pull::find_stored(ctx, store, input)?;
        let name = asked_name(ctx, &img, input);
        match items.iter_mut().find(|i| i.image.id == img.id) {
            Some(same) => same.tags.extend(name.filter(|n| !same.tags.contains(n))),
            None => items.push(SaveItem {
                image: img,
                tags: name.into_iter().collect(),
            }),
        }
    }
    for t in extra {
        let r = Reference::parse_with(t, "localhost")?;
        let Some(name) = r.tagged_name().filter(|_| r.digest.is_none()) else {
            bail!("invalid tag \"{}\"", ctl::text::escape(t));
        };
        if !items[0].tags.contains(&name) {
            items[0].tags.push(name);
        }
    }
    Ok(items)
}

/// The stored name `input` found `img` by; none when it was its id.
pub(super) fn asked_name(ctx: &Context, img: &ImageRecord, input: &str) -> Option<String> {
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    if img.id.starts_with(hex) {
        return None;
    }
    let registries = ctx.search_registries.iter().map(String::as_str);
    let exact = registries
        .chain(["localhost", "docker.io"])
        .filter_map(|reg| Reference::parse_with(input, reg).ok()?.tagged_name())
        .find(|n| img.names.contains(n));
    exact
        .or_else(|| {
            let with_tag = match input
                .rsplit_once('/')
                .unwrap_or(("", input))
                .1
                .contains(':')
            {
                true => input.to_string(),
                false => format!("{input}:latest"),
            };
            img.names
                .iter()
                .find(|n| n.ends_with(&format!("/{with_tag}")))
                .cloned()
        })
        .or_else(|| img.names.first().cloned())
}
