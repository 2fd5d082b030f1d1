//! `ctl import`: a root filesystem tarball becomes a one-layer image, as `podman import`.

use std::fs::File;
use std::process::ExitCode;

use anyhow::{bail, Result};

use ctl::image::archive::import::{import, parse_changes, ImportOptions};
use ctl::image::pull::unpack_options;
use ctl::Context;

use super::load::stdin;
use super::output::short_digest as short;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Apply a Dockerfile instruction to the image config (repeatable): CMD, ENTRYPOINT,
    /// ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME or WORKDIR
    #[arg(short = 'c', long = "change", value_name = "INSTRUCTION")]
    pub changes: Vec<String>,
    /// Comment recorded in the image's history
    #[arg(short, long, value_name = "MSG")]
    pub message: Option<String>,
    /// Do not report progress
    #[arg(short, long)]
    pub quiet: bool,
    /// Root filesystem tarball (plain, gzip or zstd), or - to read stdin
    #[arg(value_name = "FILE|-")]
    pub source: String,
    /// Name for the image (a short name becomes localhost/NAME)
    #[arg(value_name = "NAME")]
    pub reference: Option<String>,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    if args.source.starts_with("http://") || args.source.starts_with("https://") {
        bail!("importing from a URL is not supported; download the file and import that");
    }
    // Bad arguments are reported before any input is read.
    parse_changes(&args.changes)?;
    let (file, label) = if args.source == "-" {
        (stdin()?, "stdin".to_string())
    } else {
        let f = File::open(&args.source).map_err(|e| ctl::Error::io(&args.source, e))?;
        (f, args.source.clone())
    };
    let store = super::open_store(ctx)?;
    let opts = ImportOptions {
        label,
        changes: args.changes,
        message: args.message,
        name: args.reference,
    };
    let rec = import(&store, file, &opts, &unpack_options(ctx))?;
    let name = rec.names.first().map_or("", String::as_str);
    ctl::events::EventLog::new(&ctx.events)
        .record(&ctl::events::Event::image("import", &rec.id, name));
    if !args.quiet {
        eprintln!("Copying blob {} done", short(&rec.layers[0]));
        eprintln!("Copying config {} done", short(&rec.id));
    }
    println!("{}", rec.id);
    Ok(ExitCode::SUCCESS)
}
