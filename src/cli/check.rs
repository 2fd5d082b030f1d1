//! `ctl system check` and `ctl system reset`: podman's reports and questions over the
//! library's check, repair and reset.

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;

use ctl::container::lifecycle::Manager;
use ctl::system::check::{CheckOptions, CheckReport};
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Skip time-consuming checks (each image's config against its id)
    #[arg(short, long)]
    pub quick: bool,
    /// Remove inconsistent images (and layers, records, temporary files)
    #[arg(short, long)]
    pub repair: bool,
    /// Remove inconsistent images and the stopped containers that use them
    #[arg(short, long)]
    pub force: bool,
    /// Maximum allowed age of unreferenced layers (Go duration: 30m, 1h, 24h)
    #[arg(short, long, value_name = "DURATION", default_value = "24h0m0s")]
    pub max: String,
}

#[derive(Debug, clap::Args)]
pub struct ResetArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
}

/// go-multierror's text for one item's problems (each escaped: they may quote a record).
fn multierror(problems: &[String]) -> String {
    let points: Vec<String> = problems
        .iter()
        .map(|p| format!("* {}", ctl::text::escape(p)))
        .collect();
    match problems.len() {
        1 => format!("1 error occurred:\n\t{}\n\n", points[0]),
        n => format!("{n} errors occurred:\n\t{}\n\n", points.join("\n\t")),
    }
}

/// podman's printSystemCheckResults, with the temporary files ctl finds besides.
fn report_text(r: &CheckReport) -> String {
    let esc = |s: &str| ctl::text::escape(s).into_owned();
    let mut out = String::new();
    for (id, p) in &r.layers {
        out.push_str(&format!("Damaged layer {}:\n{}", esc(id), multierror(p)));
    }
    for id in &r.removed_layers {
        out.push_str(&format!("Deleted damaged layer: {}\n", esc(id)));
    }
    for (id, p) in &r.images {
        out.push_str(&format!("Damaged image {}:\n{}", esc(id), multierror(p)));
    }
    for id in &r.removed_images {
        out.push_str(&format!("Deleted damaged image: {}\n", esc(id)));
    }
    for (id, p) in &r.containers {
        out.push_str(&format!(
            "Damaged container {}:\n{}",
            esc(id),
            multierror(p)
        ));
    }
    for id in &r.removed_containers {
        out.push_str(&format!("Deleted damaged container: {}\n", esc(id)));
    }
    for t in &r.temp_files {
        out.push_str(&format!(
            "Leftover temporary file: {}\n",
            esc(&t.display().to_string())
        ));
    }
    for t in &r.removed_temp_files {
        out.push_str(&format!(
            "Deleted leftover temporary file: {}\n",
            esc(&t.display().to_string())
        ));
    }
    out
}

pub fn check(ctx: &Context, a: CheckArgs) -> Result<ExitCode> {
    let Some(max_age) = ctl::timetype::go_duration(&a.max) else {
        anyhow::bail!(
            "invalid argument {:?} for \"-m, --max\" flag: time: invalid duration {:?}",
            a.max,
            a.max
        );
    };
    let mut opts = CheckOptions {
        quick: a.quick,
        repair: a.repair,
        force: a.force,
        max_age: Duration::from_nanos(max_age.max(0) as u64),
    };
    let m = Manager::open(ctx)?;
    let found = m.check_store(&opts)?;
    print!("{}", report_text(&found));
    if !a.repair && !a.force {
        if found.has_errors() {
            anyhow::bail!("damage detected in local storage");
        }
        return Ok(ExitCode::SUCCESS);
    }
    opts.repair = false;
    opts.force = false;
    if m.check_store(&opts)?.has_errors() {
        anyhow::bail!("damage in local storage still present after repair attempt");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn reset(ctx: &Context, a: ResetArgs) -> Result<ExitCode> {
    if !a.force {
        println!(
            "WARNING! This will remove:\n        - all containers\n        - all pods\n        - \
             all images\n        - all networks\n        - all build cache\n        - all \
             machines\n        - all volumes"
        );
        println!(
            "        - the graphRoot directory: {:?}",
            ctx.root.display().to_string()
        );
        println!(
            "        - the runRoot directory: {:?}",
            ctx.runroot.display().to_string()
        );
        print!("Are you sure you want to continue? [y/N] ");
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !answer.to_lowercase().starts_with('y') {
            return Ok(ExitCode::SUCCESS);
        }
    }
    let failed = Manager::open(ctx)?.reset()?;
    for e in &failed {
        super::output::report_error(e);
    }
    Ok(ExitCode::from(if failed.is_empty() { 0 } else { 125 }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_read_as_go_multierror() {
        assert_eq!(multierror(&["a".into()]), "1 error occurred:\n\t* a\n\n");
        assert_eq!(
            multierror(&["a".into(), "b".into()]),
            "2 errors occurred:\n\t* a\n\t* b\n\n"
        );
        let mut r = CheckReport::default();
        r.layers
            .insert("abc".into(), vec!["layer record is missing".into()]);
        r.removed_layers.push("abc".into());
        assert_eq!(
            report_text(&r),
            "Damaged layer abc:\n1 error occurred:\n\t* layer record is missing\n\nDeleted \
             damaged layer: abc\n"
        );
    }
}
