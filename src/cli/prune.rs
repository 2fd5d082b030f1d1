//! `ctl image prune`, `container prune`, `network prune`, `system prune`: podman's
//! questions, filters and reports over the library's prunes.

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;

use ctl::container::filter::{ContainerFilter, Lookups};
use ctl::container::lifecycle::Manager;
use ctl::image::filter::ImageFilter;
use ctl::system::prune::Pruned;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct ImagePruneArgs {
    /// Remove all images not in use by containers, not just dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Remove persistent build cache created by --mount=type=cache (ctl builds nothing:
    /// there is none)
    #[arg(long)]
    pub build_cache: bool,
    /// Remove images even when external containers use them (ctl has none)
    #[arg(long)]
    pub external: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Provide filter values (e.g. 'label=<key>=<value>', 'until=10m')
    #[arg(long = "filter", value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct ContainerPruneArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Provide filter values (label=, label!=, until=)
    #[arg(long = "filter", value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct NetworkPruneArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Provide filter values (label=, label!=, until=)
    #[arg(long = "filter", value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct SystemPruneArgs {
    /// Remove all unused images, not only dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Remove build containers (ctl builds nothing: there are none)
    #[arg(long)]
    pub build: bool,
    /// Remove what killed commands left beside the records (network state of containers
    /// that are gone, staging directories) and nothing else
    #[arg(long)]
    pub external: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Prune volumes no container uses too
    #[arg(long)]
    pub volumes: bool,
    /// Provide filter values (label=, label!=, until=)
    #[arg(long = "filter", value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
}

/// Asks on stdout as podman does; an answer starting with y is a yes, anything else (or
/// none) a no.
fn confirm(question: &str) -> Result<bool> {
    print!("{question}");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(answer.to_lowercase().starts_with('y'))
}

const CONTINUE: &str = "Are you sure you want to continue? [y/N] ";

/// podman's prune filter keys for containers and networks (label, label!, until).
fn prune_keys(raw: &[String], invalid: &dyn Fn(&str) -> String) -> Result<()> {
    for f in raw {
        let key = f.split_once('=').map_or(f.as_str(), |(k, _)| k);
        if !matches!(key, "label" | "label!" | "until") {
            anyhow::bail!("{}", invalid(key));
        }
    }
    Ok(())
}

fn container_filter(raw: &[String]) -> Result<ContainerFilter> {
    prune_keys(raw, &|k| format!("{k} is an invalid filter"))?;
    let now = ctl::timetype::now();
    let none_c = |_: &str| None;
    let none_s = |_: &str| None;
    let look = Lookups {
        container: &none_c,
        network: &none_s,
        image: &none_s,
        pod: &none_s,
        now,
        local_offset: ctl::timetype::local_offset(now.0),
    };
    ContainerFilter::compile(raw, &look).map_err(anyhow::Error::msg)
}

fn image_filter(m: &Manager, raw: &[String]) -> Result<ImageFilter> {
    let lookup = |v: &str| {
        m.find_image(v).ok().map(|i| ctl::image::filter::Named {
            id: i.id.clone(),
            created: i.created.map(ctl::timetype::of),
        })
    };
    let now = ctl::timetype::now();
    ImageFilter::compile(raw, &lookup, now, ctl::timetype::local_offset(now.0))
        .map_err(anyhow::Error::msg)
}

/// Prints the ids (under `heading` when there are any); failures go to stderr. Returns
/// whether one failed.
fn report(pruned: &[Pruned], heading: Option<&str>) -> bool {
    if let (Some(h), false) = (heading, pruned.is_empty()) {
        println!("{h}");
    }
    let mut failed = false;
    for p in pruned {
        match &p.error {
            None => println!("{}", ctl::text::escape(&p.id)),
            Some(e) => {
                super::output::report_error(e);
                failed = true;
            }
        }
    }
    failed
}

pub fn image(ctx: &Context, a: ImagePruneArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let filter = image_filter(&m, &a.filter)?;
    let question = match a.all {
        true => {
            "WARNING! This command removes all images without at least one container \
                 associated with them.\n"
        }
        false => "WARNING! This command removes all dangling images.\n",
    };
    if !a.force && !confirm(&format!("{question}{CONTINUE}"))? {
        return Ok(ExitCode::SUCCESS);
    }
    // As podman's: failures are reported, the exit code stays 0.
    report(&m.prune_images(a.all, &filter)?, None);
    Ok(ExitCode::SUCCESS)
}

pub fn container(ctx: &Context, a: ContainerPruneArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let filter = container_filter(&a.filter)?;
    if !a.force
        && !confirm(&format!(
            "WARNING! This will remove all non running containers.\n{CONTINUE}"
        ))?
    {
        return Ok(ExitCode::SUCCESS);
    }
    let failed = report(&m.prune_containers(&filter)?, None);
    Ok(ExitCode::from(if failed { 125 } else { 0 }))
}

fn network_filter(raw: &[String]) -> Result<super::network::NetFilter> {
    prune_keys(raw, &|k| format!("invalid filter {k:?}"))?;
    let now = ctl::timetype::now();
    super::network::NetFilter::compile(raw, now, ctl::timetype::local_offset(now.0))
}

pub fn network(ctx: &Context, a: NetworkPruneArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let filter = network_filter(&a.filter)?;
    if !a.force
        && !confirm(&format!(
            "WARNING! This will remove all networks not used by at least one container.\n\
             {CONTINUE}"
        ))?
    {
        return Ok(ExitCode::SUCCESS);
    }
    let failed = report(&m.prune_networks(&|n| filter.matches(n, false))?, None);
    Ok(ExitCode::from(if failed { 125 } else { 0 }))
}

/// podman's question for `system prune`.
fn system_question(a: &SystemPruneArgs) -> String {
    let volumes = match a.volumes {
        true => "\n\t- all volumes not used by at least one container",
        false => "",
    };
    let build = match a.build {
        true => "\n\t- all build containers",
        false => "",
    };
    let images = match a.all {
        true => {
            "\t- all images without at least one container associated with them\n\t- all \
                 build cache"
        }
        false => "\t- all dangling images\n\t- all dangling build cache",
    };
    format!(
        "WARNING! This command removes:\n\t- all stopped containers\n\t- all networks not used \
         by at least one container{volumes}{build}\n{images}\n\n{CONTINUE}"
    )
}

pub fn system(ctx: &Context, a: SystemPruneArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    if a.external {
        if a.all || a.volumes || a.build || !a.filter.is_empty() {
            anyhow::bail!("system prune --external cannot be combined with other options");
        }
        m.sweep_network_orphans()?;
        return Ok(ExitCode::SUCCESS);
    }
    let containers = container_filter(&a.filter)?;
    let images = image_filter(&m, &a.filter)?;
    let networks = network_filter(&a.filter)?;
    let volumes = ctl::volume::filter::VolumeFilter::compile(
        &a.filter,
        ctl::timetype::now(),
        ctl::timetype::local_offset(ctl::timetype::now().0),
    )?;
    if !a.force && !confirm(&system_question(&a))? {
        return Ok(ExitCode::SUCCESS);
    }
    let pruned_containers = m.prune_containers(&containers)?;
    // Network state of containers that are gone: a killed remove's leftovers.
    m.sweep_network_orphans()?;
    let pruned_volumes = match a.volumes {
        true => prune_volumes(&m, &volumes)?,
        false => Vec::new(),
    };
    let pruned_images = m.prune_images(a.all, &images)?;
    let pruned_networks = m.prune_networks(&|n| networks.matches(n, false))?;
    let mut failed = report(&pruned_containers, Some("Deleted Containers"));
    failed |= report(&pruned_volumes, Some("Deleted Volumes"));
    report(&pruned_images, Some("Deleted Images"));
    failed |= report(&pruned_networks, Some("Deleted Networks"));
    let total: u64 = [&pruned_containers, &pruned_volumes, &pruned_images]
        .iter()
        .flat_map(|r| r.iter())
        .filter(|p| p.error.is_none())
        .map(|p| p.size)
        .sum();
    println!(
        "Total reclaimed space: {}",
        super::output::go_human_size(total)
    );
    Ok(ExitCode::from(if failed { 125 } else { 0 }))
}

/// The volumes no container uses that `filter` picks, each with its data's size.
fn prune_volumes(m: &Manager, filter: &ctl::volume::filter::VolumeFilter) -> Result<Vec<Pruned>> {
    let used = m.volumes_in_use()?;
    let vols = m.volumes()?;
    let mut out = Vec::new();
    for v in vols.list()? {
        let in_use = used.contains(&v.name);
        if in_use || !filter.matches(&v, in_use) {
            continue;
        }
        let size = ctl::system::disk::dir_usage(&vols.data(&v.name));
        match m.remove_volume(&v.name, false, Duration::ZERO) {
            Ok(()) => out.push(Pruned {
                id: v.name,
                size,
                error: None,
            }),
            Err(ctl::Error::VolumeInUse { .. } | ctl::Error::VolumeNotFound(_)) => {}
            Err(e) => out.push(Pruned {
                id: v.name,
                size: 0,
                error: Some(e),
            }),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_question_as_podman_s() {
        let mut a = SystemPruneArgs {
            all: false,
            build: false,
            external: false,
            force: false,
            volumes: false,
            filter: vec![],
        };
        assert_eq!(
            system_question(&a),
            "WARNING! This command removes:\n\t- all stopped containers\n\t- all networks not \
             used by at least one container\n\t- all dangling images\n\t- all dangling build \
             cache\n\nAre you sure you want to continue? [y/N] "
        );
        a.all = true;
        a.volumes = true;
        assert!(system_question(&a).contains(
            "container\n\t- all volumes not used by at least one container\n\t- all images \
             without at least one container associated with them\n\t- all build cache\n\n"
        ));
    }

    #[test]
    fn prune_filters_take_label_and_until_only() {
        let inv = |k: &str| format!("{k} is an invalid filter");
        assert!(prune_keys(
            &["label=a=b".into(), "label!=c".into(), "until=1h".into()],
            &inv
        )
        .is_ok());
        assert_eq!(
            prune_keys(&["name=x".into()], &inv)
                .unwrap_err()
                .to_string(),
            "name is an invalid filter"
        );
    }
}
