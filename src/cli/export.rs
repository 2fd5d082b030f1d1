//! `ctl export CTR` and `ctl diff CTR|IMAGE`: a container's filesystem as a tar archive,
//! and what it (or an image's top layer) changed.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};

use ctl::container::diff::{Change, ChangeKind};
use ctl::container::lifecycle::Manager;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Write to a file, default is STDOUT
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Container (name, id or id prefix)
    pub container: String,
}

pub fn export(ctx: &Context, args: ExportArgs) -> Result<ExitCode> {
    if args.output.is_none() && std::io::stdout().is_terminal() {
        bail!("refusing to export to terminal. Use -o flag or redirect");
    }
    if let Some(o) = &args.output {
        // podman's parse.ValidateFileName.
        if o.to_string_lossy().contains(':') {
            bail!("invalid filename (should not contain ':') {:?}", o);
        }
    }
    let m = Manager::open(ctx)?;
    let id = m.resolve(args.container.trim_start_matches('/'))?;
    match &args.output {
        None => {
            // A reader that goes away (`| head`) fails the write instead of killing ctl
            // with the rootfs mounted for the export.
            ctl::sys::without_sigpipe(|| -> Result<()> {
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                m.export(&id, &mut out)?;
                Ok(out.flush()?)
            })?;
        }
        Some(path) => {
            // Only a file made here is removed on failure (never /dev/null, say).
            let made = std::fs::symlink_metadata(path).is_err();
            let file = std::fs::File::create(path).map_err(|e| ctl::Error::io(path, e))?;
            let mut out = std::io::BufWriter::new(file);
            let written = m
                .export(&id, &mut out)
                .map_err(anyhow::Error::from)
                .and_then(|()| Ok(out.into_inner().map_err(|e| e.into_error())?.sync_all()?));
            if let Err(e) = written {
                // No half archive is left behind.
                if made {
                    let _ = std::fs::remove_file(path);
                }
                return Err(e);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Change the output format (only json)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// The container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Container or image (name, id or id prefix)
    #[arg(value_name = "CONTAINER|IMAGE")]
    pub names: Vec<String>,
}

pub fn diff(ctx: &Context, args: DiffArgs, command: &str) -> Result<ExitCode> {
    match (args.names.len(), args.latest) {
        (0, false) => bail!("{command:?} requires a name, id, or the \"--latest\" flag"),
        (n, true) if n > 0 => bail!("--latest and containers cannot be used together"),
        (n, _) if n > 2 => bail!("accepts between 1 and 2 arg(s), received {n}"),
        (2, _) => bail!("comparing with a second container or image is not supported yet"),
        _ => {}
    }
    let m = Manager::open(ctx)?;
    let input = match args.names.first() {
        Some(n) => n.trim_start_matches('/').to_string(),
        None => m.latest()?,
    };
    let changes = m.diff(&input)?;
    match args.format.as_deref() {
        Some("json") => print_json(&changes),
        None | Some("") => {
            let mut out = std::io::stdout().lock();
            for c in &changes {
                writeln!(out, "{}", ctl::text::escape(&c.to_string()))?;
            }
        }
        Some(_) => bail!("only supported value for '--format' is 'json'"),
    }
    Ok(ExitCode::SUCCESS)
}

/// podman's ChangesReportJSON: the three lists in this order, an empty one left out,
/// indented by five spaces.
fn print_json(changes: &[Change]) {
    #[derive(serde::Serialize, Default)]
    struct Report {
        #[serde(skip_serializing_if = "Vec::is_empty")]
        changed: Vec<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        added: Vec<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        deleted: Vec<String>,
    }
    let mut r = Report::default();
    for c in changes {
        let p = c.path.to_string_lossy().into_owned();
        match c.kind {
            ChangeKind::Changed => r.changed.push(p),
            ChangeKind::Added => r.added.push(p),
            ChangeKind::Deleted => r.deleted.push(p),
        }
    }
    println!("{}", indented_json(&r, b"     "));
}

/// `v` as JSON indented by `indent`, as Go's json encoder with SetIndent writes it.
pub fn indented_json(v: &impl serde::Serialize, indent: &[u8]) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(indent);
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    v.serialize(&mut ser).expect("JSON output serializes");
    String::from_utf8(buf).expect("JSON is UTF-8")
}
