//! `ctl top CTR [DESCRIPTORS...]`: the container's processes in podman's columns, from
//! [`ctl::observe::top`]. When an argument is not a format descriptor, the arguments are
//! ps(1)'s options and ps runs in the container, as podman falls back to it.

use std::process::ExitCode;

use anyhow::{bail, Result};

use ctl::container::lifecycle::Manager;
use ctl::container::state::Status;
use ctl::observe::top;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The container created last (then every word is a descriptor)
    #[arg(short, long)]
    pub latest: bool,
    /// Print the format descriptors, one a line
    #[arg(long, hide = true)]
    pub list_descriptors: bool,
    /// Container (name, id or id prefix), then format descriptors (pid,user or pid user):
    /// args capamb capbnd capeff capinh capprm comm etime group groups hgroup hgroups hpid
    /// huid huser label nice pcpu pgid pid ppid rgroup rss ruser seccomp state stime time
    /// tty uid user vsz, or their % codes
    #[arg(
        value_name = "CONTAINER [DESCRIPTORS]",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub words: Vec<String>,
}

/// Columns as podman's tabwriter (minimum width 12, padding 2) aligns them, the last one
/// not padded.
pub(super) fn align(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count() + 2)
                .max()
                .unwrap_or(0)
                .max(12)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < r.len() {
                let pad = widths[i] - c.chars().count();
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    if args.list_descriptors {
        println!("{}", top::names().join("\n"));
        return Ok(ExitCode::SUCCESS);
    }
    let (name, words) = match (args.latest, args.words.split_first()) {
        (true, _) => (None, &args.words[..]),
        (false, Some((n, rest))) => (Some(n.trim_start_matches('/')), rest),
        (false, None) => bail!("you must provide the name or id of a running container"),
    };
    let m = Manager::open(ctx)?;
    let c = match name {
        Some(n) => m.get(n)?,
        None => m.get(&m.latest()?)?,
    };
    let (Status::Running, Some(pid)) = (c.state.status, c.state.pid) else {
        bail!("top can only be used on running containers");
    };
    let Ok(descriptors) = top::parse(words) else {
        for line in m.top_ps(&c, words)? {
            // The container's ps prints what its processes chose: escaped.
            println!("{}", ctl::text::escape(&line));
        }
        return Ok(ExitCode::SUCCESS);
    };
    let (procs, names) = top::gather(pid).map_err(|e| {
        anyhow::anyhow!("reading the processes of container {}: {e}", c.config.name)
    })?;
    let rows: Vec<Vec<String>> = top::rows(&descriptors, &procs, &names)
        .into_iter()
        .map(|r| {
            // A process chooses its own argv and name: escaped before the terminal.
            r.into_iter()
                .map(|c| ctl::text::escape(&c).into_owned())
                .collect()
        })
        .collect();
    print!("{}", align(&rows));
    Ok(ExitCode::SUCCESS)
}
