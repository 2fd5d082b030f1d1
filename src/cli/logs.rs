//! `ctl logs`: prints what [`ctl::container::logs`] reads (--tail, --since/--until, -f) as
//! the container wrote it, bytes unchanged, with -t a timestamp before each line. Of several
//! containers, each line starts with its container's short id (or with -n its name), as
//! podman's; their lines come in time order, or with -f as they are written.

use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};

use ctl::container::lifecycle::Manager;
use ctl::container::logs::{self, LogLine, LogOptions};
use ctl::Context;
use ctl_monitor::time::Timestamp;
use ctl_monitor::Stream;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Keep printing new output until the container stops
    #[arg(short, long)]
    pub follow: bool,
    /// Only output since this time: RFC 3339 (date --iso-8601=ns), a date, unix seconds,
    /// or a Go duration before now (10m, 1h30m)
    #[arg(long, value_name = "TIMESTAMP")]
    pub since: Option<String>,
    /// Only output until this time (as --since; a duration is after now); -f stops then
    #[arg(long, value_name = "TIMESTAMP")]
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
    /// Show the logs of the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Containers (name, id or id prefix)
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

/// Writes one line where the container wrote it: the bytes unchanged, stdout flushed so that
/// `-f` shows lines as they come.
fn emit(line: &LogLine, prefix: &str, timestamps: bool) -> std::io::Result<()> {
    let mut out = Vec::with_capacity(line.text.len() + 40 + prefix.len());
    out.extend_from_slice(prefix.as_bytes());
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

/// podman's prefix of a line when several containers' logs are shown: the container's
/// name (--names) or short id, and a space.
fn prefix(multi: bool, names: bool, id: &str, name: &str) -> String {
    match (multi, names) {
        (false, _) => String::new(),
        (true, true) => format!("{} ", ctl::text::escape(name)),
        (true, false) => format!("{} ", &id[..12.min(id.len())]),
    }
}

/// Lines of several containers in time order (each container's in its own order).
fn merge(mut per: Vec<(String, Vec<LogLine>)>) -> Vec<(String, LogLine)> {
    let mut all: Vec<(String, LogLine)> = per
        .iter_mut()
        .flat_map(|(p, lines)| lines.drain(..).map(|l| (p.clone(), l)))
        .collect();
    all.sort_by_key(|(_, l)| l.time);
    all
}

fn finish(failed: Option<std::io::Error>) -> Result<ExitCode> {
    match failed {
        // The reader went away (`ctl logs -f | head`): nothing left to do.
        Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Some(e) => Err(e).context("writing the log"),
        None => Ok(ExitCode::SUCCESS),
    }
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let now = ctl::timetype::now();
    let time = |flag: &str, s: &Option<String>, since: bool| {
        s.as_deref()
            .map(|s| {
                ctl::timetype::logs_time(s, since, now)
                    .map(|(secs, nanos)| Timestamp::new(secs, nanos))
                    .map_err(|e| anyhow::anyhow!("parsing --{flag} {s:?}: {e}"))
            })
            .transpose()
    };
    let opts = LogOptions {
        since: time("since", &args.since, true)?,
        until: time("until", &args.until, false)?,
        // As podman's: a negative count is every line.
        tail: usize::try_from(args.tail).ok(),
        follow: args.follow,
    };
    match (args.latest, args.containers.is_empty()) {
        (true, false) => bail!("--latest and containers cannot be used together"),
        (false, true) => bail!("specify at least one container name or ID to log"),
        _ => {}
    }
    let m = Manager::open(ctx)?;
    let names = match args.latest {
        true => vec![m.latest()?],
        false => args.containers.clone(),
    };
    // Every container is looked up before anything is printed, as podman does.
    let containers = names
        .iter()
        .map(|c| m.get(c))
        .collect::<ctl::Result<Vec<_>>>()?;
    let multi = containers.len() > 1;
    if !multi || !args.follow {
        let mut per = Vec::new();
        for c in &containers {
            let mut lines = Vec::new();
            let one = LogOptions {
                follow: args.follow && !multi,
                ..opts.clone()
            };
            let p = prefix(multi, args.names, c.id(), &c.config.name);
            if multi {
                logs::read(&m, c, &one, |l| {
                    lines.push(l.clone());
                    ControlFlow::Continue(())
                })?;
                per.push((p, lines));
            } else {
                let mut failed = None;
                logs::read(&m, c, &one, |line| match emit(line, &p, args.timestamps) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(e) => {
                        failed = Some(e);
                        ControlFlow::Break(())
                    }
                })?;
                return finish(failed);
            }
        }
        for (p, line) in merge(per) {
            if let Err(e) = emit(&line, &p, args.timestamps) {
                return finish(Some(e));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    // -f of several: each followed on its own thread, lines written as they come.
    let results: Vec<Result<Option<std::io::Error>>> = std::thread::scope(|s| {
        let handles: Vec<_> = containers
            .iter()
            .map(|c| {
                let p = prefix(true, args.names, c.id(), &c.config.name);
                let (m, opts) = (&m, &opts);
                let timestamps = args.timestamps;
                s.spawn(move || -> Result<Option<std::io::Error>> {
                    let mut failed = None;
                    logs::read(m, c, opts, |line| match emit(line, &p, timestamps) {
                        Ok(()) => ControlFlow::Continue(()),
                        Err(e) => {
                            failed = Some(e);
                            ControlFlow::Break(())
                        }
                    })?;
                    Ok(failed)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a log reader failed")))
            })
            .collect()
    });
    for r in results {
        if let Some(e) = r? {
            return finish(Some(e));
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: i64, text: &str) -> LogLine {
        LogLine {
            time: Timestamp::new(t, 0),
            stream: Stream::Stdout,
            text: text.as_bytes().to_vec(),
            complete: true,
        }
    }

    #[test]
    fn several_containers_lines_are_prefixed_and_merged_by_time() {
        let id = "0123456789abcdef0123";
        assert_eq!(prefix(false, true, id, "web"), "");
        assert_eq!(prefix(true, true, id, "web"), "web ");
        assert_eq!(prefix(true, false, id, "web"), "0123456789ab ");
        let merged = merge(vec![
            ("a ".into(), vec![line(1, "a1"), line(5, "a5")]),
            ("b ".into(), vec![line(3, "b3"), line(5, "b5")]),
        ]);
        let got: Vec<String> = merged
            .iter()
            .map(|(p, l)| format!("{p}{}", String::from_utf8_lossy(&l.text)))
            .collect();
        assert_eq!(got, ["a a1", "b b3", "a a5", "b b5"]);
    }
}
