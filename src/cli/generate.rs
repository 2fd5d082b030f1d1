//! `ctl generate systemd`: units for containers (podman's flags), or from a Quadlet-style
//! `.container` file with `--from`. The unit text comes from `ctl::systemd`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use clap::{Arg as ClapArg, Command as ClapCommand};

use ctl::container::lifecycle::{Container, Manager};
use ctl::context::{Context, Overrides};
use ctl::systemd::{self, lit, quadlet, Group, UnitSettings, RESTART_POLICIES};

#[derive(Debug, clap::Subcommand)]
pub enum GenerateCommand {
    /// Print systemd units that run containers as services
    Systemd(Box<SystemdArgs>),
    /// Generate Kubernetes YAML from containers, pods or volumes.
    Kube(super::kube_generate::Args),
}

#[derive(Debug, clap::Args)]
pub struct SystemdArgs {
    /// Create the container when the unit starts and remove it when it stops (--new=false:
    /// start and stop the existing one)
    // A bool as pflag's: a value only with `=` (`--new web` names the container).
    #[arg(
        long,
        value_name = "BOOL",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true"
    )]
    pub new: Option<bool>,
    /// Set an environment variable in the unit: K=V, K (from this environment, if set) or
    /// PREFIX* (every variable of this environment that starts with PREFIX)
    #[arg(short, long = "env", value_name = "K=V")]
    pub env: Vec<String>,
    /// A template unit (NAME@.service): each instance runs its own container, named with
    /// the instance (%i); implies --new
    #[arg(long)]
    pub template: bool,
    /// Name the unit and its commands by the container's name instead of its id
    #[arg(short, long)]
    pub name: bool,
    /// Write the units to files in the current directory and print their paths
    #[arg(short, long)]
    pub files: bool,
    /// Restart= policy of the unit
    #[arg(long, default_value = "on-failure", value_parser = RESTART_POLICIES.to_vec())]
    pub restart_policy: String,
    /// RestartSec=: seconds before a restart
    #[arg(long, value_name = "SECS")]
    pub restart_sec: Option<u32>,
    /// Seconds to wait for the container to stop (default: its own stop timeout)
    #[arg(short = 't', long, value_name = "SECS")]
    pub stop_timeout: Option<u32>,
    /// TimeoutStartSec= of the unit, seconds (0: systemd's default)
    #[arg(long, value_name = "SECS")]
    pub start_timeout: Option<u32>,
    /// Leave out the header comment with ctl's version
    #[arg(long)]
    pub no_header: bool,
    /// Unit name prefix for containers
    #[arg(long, value_name = "PREFIX", default_value = "container")]
    pub container_prefix: String,
    /// Unit name prefix for pods
    #[arg(long, value_name = "PREFIX", default_value = "pod")]
    pub pod_prefix: String,
    /// Separator between the prefix and the container's name or id in the unit's name
    #[arg(long, value_name = "SEP", default_value = "-")]
    pub separator: String,
    /// Print the units as JSON (`json`): unit name to text, or to path with --files
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Add After=UNIT to [Unit]
    #[arg(long, value_name = "UNIT")]
    pub after: Vec<String>,
    /// Add Wants=UNIT to [Unit]
    #[arg(long, value_name = "UNIT")]
    pub wants: Vec<String>,
    /// Add Requires=UNIT to [Unit]
    #[arg(long, value_name = "UNIT")]
    pub requires: Vec<String>,
    /// Generate from a Quadlet-style .container, .pod or .kube file ([Container] Image=,
    /// Exec=, ...; [Pod] PodName=, PublishPort=, ...; [Kube] Yaml=, ...)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["new", "name", "container"])]
    pub from: Option<PathBuf>,
    /// The container or pod (name, id or id prefix)
    #[arg(required_unless_present = "from")]
    pub container: Option<String>,
}

/// podman's `generate systemd -e`: `K=V` as given, `K` from `lookup` when set there,
/// `PREFIX*` every variable of `vars` whose name starts with PREFIX.
pub fn unit_env(
    given: &[String],
    lookup: &dyn Fn(&str) -> Option<String>,
    vars: &[(String, String)],
) -> Vec<String> {
    let mut out = Vec::new();
    for e in given {
        if e.contains('=') {
            out.push(e.clone());
        } else if let Some(prefix) = e.strip_suffix('*') {
            out.extend(
                vars.iter()
                    .filter(|(k, _)| k.starts_with(prefix))
                    .map(|(k, v)| format!("{k}={v}")),
            );
        } else if let Some(v) = lookup(e) {
            out.push(format!("{e}={v}"));
        }
    }
    out
}

pub fn exec(ctx: &Context, cmd: GenerateCommand) -> Result<ExitCode> {
    let mut a = match cmd {
        GenerateCommand::Systemd(a) => *a,
        GenerateCommand::Kube(a) => return super::kube_generate::exec(ctx, a),
    };
    let json = match a.format.as_deref() {
        None | Some("") => false,
        Some(f) if crate::cli::template::is_json(f) => true,
        Some(f) => bail!("unknown --format argument: {f}"),
    };
    if a.template {
        if a.new == Some(false) {
            bail!("--template cannot be set with --new=false");
        }
        a.new = Some(true);
    }
    let vars: Vec<(String, String)> = std::env::vars().collect();
    let env = unit_env(&a.env, &|k| std::env::var(k).ok(), &vars);
    let mut s = UnitSettings {
        env,
        template: a.template,
        ctl: std::env::current_exe()
            .context("finding ctl's own path")?
            .display()
            .to_string(),
        global_args: global_args(ctx),
        restart_policy: Some(a.restart_policy.clone()),
        restart_sec: a.restart_sec,
        after: a.after.clone(),
        wants: a.wants.clone(),
        requires: a.requires.clone(),
        mounts_for: vec![ctx.root.clone(), ctx.runroot.clone()],
        no_header: a.no_header,
        start_timeout: a.start_timeout,
        ..Default::default()
    };
    let units: Vec<(String, String)> = match &a.from {
        Some(file) => {
            let text = from_quadlet(&mut s, file, a.stop_timeout)?;
            vec![(s.unit_name.clone(), text)]
        }
        None => {
            let m = Manager::open(ctx)?;
            let target = a.container.as_deref().unwrap_or_default();
            match m.get(target) {
                Ok(c) => {
                    let text = from_container(&m, &mut s, &a, &c)?;
                    vec![(s.unit_name.clone(), text)]
                }
                Err(ctl::Error::ContainerNotFound(_)) => {
                    match super::generate_pod::pod_units(&m, &s, &a, target) {
                        Err(e)
                            if matches!(
                                e.downcast_ref::<ctl::Error>(),
                                Some(ctl::Error::PodNotFound(_))
                            ) =>
                        {
                            bail!(
                                "{target} does not refer to a container or pod: no pod with \
                                 name or ID {target} found: no such pod: no container with \
                                 name or ID {target:?} found: no such container"
                            )
                        }
                        r => r?,
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    let mut map = serde_json::Map::new();
    for (name, text) in units {
        let shown = if a.files {
            let path = std::env::current_dir()?.join(&name);
            ctl::fsutil::atomic_write(&path, text.as_bytes())?;
            path.display().to_string()
        } else {
            text
        };
        if json {
            // podman's map: the unit's name without `.service` to its text (or its path).
            let key = name.strip_suffix(".service").unwrap_or(&name);
            map.insert(key.to_string(), shown.into());
        } else if a.files {
            println!("{shown}");
        } else {
            print!("{shown}");
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&map)?);
    }
    Ok(ExitCode::SUCCESS)
}

/// The unit of container `c`; `s.unit_name` is set to its name.
pub fn from_container(
    m: &Manager,
    s: &mut UnitSettings,
    a: &SystemdArgs,
    c: &Container,
) -> Result<String> {
    from_container_in(m, s, a, c, None)
}

/// As [`from_container`]; `pod_id_file`: the container is a `--new` member of a pod unit,
/// it joins the pod that unit makes by that file.
pub fn from_container_in(
    m: &Manager,
    s: &mut UnitSettings,
    a: &SystemdArgs,
    c: &Container,
    pod_id_file: Option<&str>,
) -> Result<String> {
    let cfg = &c.config;
    let ident = if a.name { &cfg.name } else { &cfg.id };
    let at = if a.template { "@" } else { "" };
    s.unit_name = format!(
        "{}{at}.service",
        systemd::service_name(&a.container_prefix, &a.separator, ident)
    );
    s.stop_timeout = a.stop_timeout.unwrap_or(cfg.stop_timeout);
    if a.new != Some(true) {
        let pidfile = m.run_files(&cfg.id).monitor_pidfile;
        return Ok(systemd::existing_unit(
            s,
            ident,
            &pidfile.display().to_string(),
        ));
    }
    if cfg.create_command.is_empty() {
        bail!(
            "container {} was created by a ctl that did not record its options: \
             recreate it, or generate without --new",
            cfg.name
        );
    }
    let owned: &[&str] = match pod_id_file {
        Some(_) => &[UNIT_OWNED, &["pod", "pod_id_file"]].concat(),
        None => UNIT_OWNED,
    };
    let mut groups = command_groups(&cfg.create_command, owned).with_context(|| {
        format!(
            "reading the options container {} was created with",
            cfg.name
        )
    })?;
    if let Some(f) = pod_id_file {
        groups.insert(0, vec![lit("--pod-id-file"), systemd::unit(f)]);
    }
    // A template's instances each name their container by the instance, as podman's.
    let name = if a.template {
        systemd::unit(&format!("{}-%i", cfg.name))
    } else {
        lit(&cfg.name)
    };
    Ok(systemd::new_unit(s, name, &groups))
}

fn from_quadlet(s: &mut UnitSettings, file: &Path, stop_timeout: Option<u32>) -> Result<String> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    match file.extension().and_then(|e| e.to_str()) {
        Some("pod") => return super::generate_pod::from_pod_file(s, file, &text, stop_timeout),
        Some("kube") => return super::generate_pod::from_kube_file(s, file, &text),
        _ => {}
    }
    let mut q = quadlet::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    if !q.publish.is_empty() && !run_knows("publish") {
        bail!(
            "{}: PublishPort= needs `ctl run --publish`, which this ctl lacks",
            file.display()
        );
    }
    let stem = file
        .file_stem()
        .and_then(|n| n.to_str())
        .context("the .container file needs a UTF-8 name")?;
    s.unit_name = format!("{stem}.service");
    s.stop_timeout = stop_timeout.unwrap_or(10);
    if let Some(i) = q.unit.iter().position(|l| l.starts_with("Description=")) {
        s.description = Some(q.unit.remove(i)["Description=".len()..].to_string());
    }
    s.extra_unit = q.unit.clone();
    s.extra_service = q.service.clone();
    if !q.install.is_empty() {
        s.install = Some(q.install.clone());
    }
    if let Some(pod) = q.pod_service() {
        s.binds_to = vec![format!("{pod}.service")];
    }
    Ok(systemd::new_unit(s, q.name(), &q.run_args()))
}

/// `--root`, `--runroot`, `--config`, `--runtime` where this ctl's differ from the defaults:
/// the unit's commands must find the same store.
pub fn global_args(ctx: &Context) -> Vec<String> {
    let defaults = Context::resolve(Overrides {
        config_file: Some(ctx.config_file.clone()),
        ..Default::default()
    })
    .ok();
    let mut out = Vec::new();
    let mut add = |flag: &str, value: String, default: Option<String>| {
        if default.as_deref() != Some(value.as_str()) {
            out.extend([flag.to_string(), value]);
        }
    };
    let d = defaults.as_ref();
    let plain = Context::resolve(Overrides::default()).ok();
    add(
        "--config",
        ctx.config_file.display().to_string(),
        plain.map(|p| p.config_file.display().to_string()),
    );
    add(
        "--root",
        ctx.root.display().to_string(),
        d.map(|d| d.root.display().to_string()),
    );
    add(
        "--runroot",
        ctx.runroot.display().to_string(),
        d.map(|d| d.runroot.display().to_string()),
    );
    add(
        "--runtime",
        ctx.runtime.clone(),
        d.map(|d| d.runtime.clone()),
    );
    out
}

fn run_knows(long: &str) -> bool {
    super::command()
        .find_subcommand("run")
        .is_some_and(|r| r.get_arguments().any(|a| a.get_long() == Some(long)))
}

/// Options the unit sets itself, dropped from the container's own; restarts are systemd's
/// (Restart=), and a ctl restart policy would conflict with the unit's --rm.
const UNIT_OWNED: &[&str] = &[
    "name", "cidfile", "rm", "detach", "replace", "sdnotify", "restart",
];

fn find_long<'a>(cmd: &'a ClapCommand, name: &str) -> Option<&'a ClapArg> {
    cmd.get_arguments().find(|a| {
        a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|v| v.contains(&name))
    })
}

fn find_short(cmd: &ClapCommand, c: char) -> Option<&ClapArg> {
    cmd.get_arguments().find(|a| {
        a.get_short() == Some(c) || a.get_all_short_aliases().is_some_and(|v| v.contains(&c))
    })
}

/// Whether `a` takes the next argument as its value (an optional value only when that
/// does not look like an option, as clap decides).
fn takes_next(a: &ClapArg, next: Option<&String>) -> bool {
    if !a.get_action().takes_values() {
        return false;
    }
    let optional = a.get_num_args().is_some_and(|r| r.min_values() == 0);
    !optional || next.is_some_and(|n| !n.starts_with('-'))
}

/// The container's own run options from the argv that created it: the globals and the
/// options the unit owns dropped, an option and its value per group, then the image and
/// command as one group.
#[cfg(test)]
fn run_groups(argv: &[String]) -> Result<Vec<Group>> {
    command_groups(argv, UNIT_OWNED)
}

/// As [`run_groups`], for a `run`, `create` or `pod create` argv, dropping the options
/// whose clap ids are `owned`.
pub fn command_groups(argv: &[String], owned: &[&str]) -> Result<Vec<Group>> {
    let mut root = super::command();
    root.build();
    let mut it = argv.iter().skip(1).peekable();
    // Up to the run/create verb (maybe under `container`), skipping global options.
    let mut cmd = &root;
    loop {
        let Some(tok) = it.next() else {
            bail!("no run or create command in {argv:?}");
        };
        if tok.starts_with('-') {
            let a = tok
                .strip_prefix("--")
                .and_then(|l| find_long(cmd, l.split('=').next()?));
            if a.is_some_and(|a| !tok.contains('=') && takes_next(a, it.peek().copied())) {
                it.next();
            }
            continue;
        }
        cmd = cmd
            .find_subcommand(tok)
            .with_context(|| format!("unexpected {tok:?} in {argv:?}"))?;
        if matches!(cmd.get_name(), "run" | "create") {
            break;
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    let keep = |a: &ClapArg| !a.is_global_set() && !owned.contains(&a.get_id().as_str());
    while let Some(tok) = it.next() {
        if tok == "--" || !tok.starts_with('-') || tok == "-" {
            let mut tail: Group = Vec::new();
            if tok != "--" {
                tail.push(lit(tok));
            }
            tail.extend(it.by_ref().map(|t| lit(t)));
            groups.push(tail);
            break;
        }
        if let Some(long) = tok.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            let a = find_long(cmd, name).with_context(|| format!("unknown option --{name}"))?;
            let mut g = vec![lit(tok)];
            if inline.is_none() && takes_next(a, it.peek().copied()) {
                g.push(lit(it.next().context("option without its value")?));
            }
            if keep(a) {
                groups.push(g);
            }
            continue;
        }
        // A cluster of short options (`-it`); one taking a value ends it (`-eK=V`, `-e K=V`).
        for (i, c) in tok[1..].char_indices() {
            let a = find_short(cmd, c).with_context(|| format!("unknown option -{c}"))?;
            let flag = format!("-{c}");
            if a.get_action().takes_values() {
                let rest = &tok[1 + i + c.len_utf8()..];
                let value = if rest.is_empty() {
                    it.next().context("option without its value")?.clone()
                } else {
                    rest.to_string()
                };
                if keep(a) {
                    groups.push(vec![lit(&flag), lit(&value)]);
                }
                break;
            }
            if keep(a) {
                groups.push(vec![lit(&flag)]);
            }
        }
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ctl::systemd::Arg;

    fn args(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    fn flat(g: Vec<Group>) -> Vec<Vec<String>> {
        g.into_iter()
            .map(|g| {
                g.into_iter()
                    .map(|a| match a {
                        Arg::Literal(s) | Arg::Unit(s) => s,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn unit_owned_and_global_options_are_dropped() {
        let g = run_groups(&args(
            "ctl --root /r run -dit --rm --name=web --cidfile /c -e A=1 -eB=2 \
             --sdnotify conmon --replace --root /x --restart=always --stop-timeout 5 \
             busybox sh -c -x",
        ))
        .unwrap();
        assert_eq!(
            flat(g),
            vec![
                vec!["-i"],
                vec!["-t"],
                vec!["-e", "A=1"],
                vec!["-e", "B=2"],
                vec!["--stop-timeout", "5"],
                vec!["busybox", "sh", "-c", "-x"],
            ]
        );
    }

    #[test]
    fn create_under_container_and_optional_values() {
        let g = run_groups(&args(
            "/usr/bin/ctl container create --tls-verify --log-driver=none img",
        ))
        .unwrap();
        assert_eq!(
            flat(g),
            vec![vec!["--tls-verify"], vec!["--log-driver=none"], vec!["img"]]
        );
        let g = run_groups(&args("ctl run --tls-verify false img")).unwrap();
        assert_eq!(flat(g), vec![vec!["--tls-verify", "false"], vec!["img"]]);
        assert!(run_groups(&args("ctl ps -a")).is_err());
    }
}

#[cfg(test)]
mod env_tests {
    use super::*;

    #[test]
    fn unit_env_is_podman_s() {
        let vars = vec![
            ("APP_A".to_string(), "1".to_string()),
            ("APP_B".to_string(), "two".to_string()),
            ("HOME".to_string(), "/root".to_string()),
        ];
        let lookup = |k: &str| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let given: Vec<String> = ["X=1", "HOME", "NOPE", "APP_*"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            unit_env(&given, &lookup, &vars),
            ["X=1", "HOME=/root", "APP_A=1", "APP_B=two"]
        );
    }
}
