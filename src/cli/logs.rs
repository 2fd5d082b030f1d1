//! `ctl logs`: prints what [`ctl::container::logs`] reads (--tail, --since/--until, -f) as
//! the container wrote it, bytes unchanged, with -t a timestamp before each line.

use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use ctl::container::lifecycle::Manager;
use ctl::container::logs::{self, LogLine, LogOptions};
use ctl::Context;
use ctl_monitor::Stream;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Keep printing new output until the container stops
    #[arg(short, long)]
    pub follow: bool,
    /// Only output since this time (RFC 3339, unix seconds, or a duration like 10m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only output before this time (same forms as --since)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Only the last N lines (-1: all)
    #[arg(long, value_name = "N", default_value_t = -1)]
    pub tail: i64,
    /// Prefix each line with its timestamp
    #[arg(short, long)]
    pub timestamps: bool,
    /// Name each container's lines by its name rather than its id, when logs of several
    /// containers are shown
    #[arg(short = 'n', long)]
    pub names: bool,
    /// Container (name, id or id prefix)
    pub container: String,
}

/// Writes one line where the container wrote it: the bytes unchanged, stdout flushed so that
/// `-f` shows lines as they come.
fn emit(line: &LogLine, timestamps: bool) -> std::io::Result<()> {
    let mut out = Vec::with_capacity(line.text.len() + 40);
    if timestamps {
        out.extend_from_slice(&line.time.encode());
        out.push(b' ');
    }
    out.extend_from_slice(&line.text);
    if line.complete {
        out.push(b'\n');
    }
    match line.stream {
        Stream::Stderr => std::io::stderr().write_all(&out),
        Stream::Stdout => {
            let mut o = std::io::stdout().lock();
            o.write_all(&out).and_then(|_| o.flush())
        }
    }
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let now = ctl_monitor::time::Timestamp::now();
    let time = |s: &Option<String>| s.as_deref().map(|s| logs::parse_time(s, now)).transpose();
    let opts = LogOptions {
        since: time(&args.since)?,
        until: time(&args.until)?,
        // As podman's: a negative count is every line.
        tail: usize::try_from(args.tail).ok(),
        follow: args.follow,
    };
    let m = Manager::open(ctx)?;
    let c = m.get(&args.container)?;
    let mut failed = None;
    logs::read(&m, &c, &opts, |line| match emit(line, args.timestamps) {
        Ok(()) => ControlFlow::Continue(()),
        Err(e) => {
            failed = Some(e);
            ControlFlow::Break(())
        }
    })?;
    match failed {
        // The reader went away (`ctl logs -f | head`): nothing left to do.
        Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Some(e) => Err(e).context("writing the log"),
        None => Ok(ExitCode::SUCCESS),
    }
}
