//! `ctl secret create|ls|inspect|rm|exists`: podman's flags, columns, JSON and exit codes.

use std::collections::BTreeMap;
use std::io::Read;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use serde_json::{json, Value};

use ctl::container::options::parse_labels;
use ctl::events::{Event, EventLog};
use ctl::secret::filter::SecretFilter;
use ctl::secret::{CreateOptions, Secret, SecretError, Secrets};
use ctl::Context;

use super::output::{ago, print_inspected, print_json, report_error};
use super::template::{go_time_of, header_name, Format, Origin, Shape, Struct, Value as TValue};

/// Secrets as `inspect` templates see them: podman's entities.SecretInfoReport.
const INSPECT_SHAPE: Shape = Shape {
    type_name: "entities.SecretInfoReport",
    maps: &["Labels", "Options"],
};
/// `ls` rows: podman's entities.SecretListReport.
const LIST_SHAPE: Shape = Shape {
    type_name: "entities.SecretListReport",
    maps: &[],
};
const LIST_HEADERS: &[(&str, &str)] = &[("CreatedAt", "CREATED"), ("UpdatedAt", "UPDATED")];
const LIST_FORMAT: &str = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}";

#[derive(Debug, clap::Subcommand)]
pub enum SecretCommand {
    /// Create a new secret from a file or standard input (-)
    Create(CreateArgs),
    /// List secrets
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Display detailed information on one or more secrets
    Inspect(InspectArgs),
    /// Remove one or more secrets
    Rm(RmArgs),
    /// Exit 0 if a secret exists, 1 if not
    Exists(super::exists::Args),
}

#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// Secret driver (file)
    #[arg(short, long, default_value = "file", value_name = "DRIVER")]
    pub driver: String,
    /// Driver options: KEY=VALUE[,KEY=VALUE...] (file: path)
    #[arg(long = "driver-opts", value_name = "KEY=VALUE")]
    pub driver_opts: Vec<String>,
    /// Read the secret from the environment variable named instead of a file
    #[arg(long)]
    pub env: bool,
    /// If a secret of that name exists, print its id and create nothing
    #[arg(long)]
    pub ignore: bool,
    /// Set a label on the secret: KEY=VALUE
    #[arg(short, long = "label", value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// If a secret of that name exists, replace it
    #[arg(long)]
    pub replace: bool,
    /// Name of the secret
    pub name: String,
    /// The file holding the data, - for standard input (with --env: a variable's name)
    pub file: String,
}

#[derive(Debug, clap::Args)]
pub struct LsArgs {
    /// Filter: name, id (KEY=VALUE; the value is a regular expression)
    #[arg(short, long = "filter", value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// json, or a Go template such as '{{.Name}}' ('table ...' adds a header)
    #[arg(long)]
    pub format: Option<String>,
    /// Do not print the header row
    #[arg(short, long)]
    pub noheading: bool,
    /// Print only secret ids
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// A Go template for each secret (e.g. '{{.Spec.Name}}')
    #[arg(short, long)]
    pub format: Option<String>,
    /// Print in a human-readable form (ignores --format)
    #[arg(long)]
    pub pretty: bool,
    /// Show the secret's data
    #[arg(long)]
    pub showsecret: bool,
    /// Secrets (name, id or id prefix)
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct RmArgs {
    /// Remove all secrets
    #[arg(short, long)]
    pub all: bool,
    /// Ignore secrets that do not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Secrets (name, id or id prefix)
    pub names: Vec<String>,
}

pub fn exec(ctx: &Context, cmd: SecretCommand) -> Result<ExitCode> {
    let secrets = Secrets::open(&ctx.root);
    match cmd {
        SecretCommand::Create(a) => create(ctx, &secrets, a),
        SecretCommand::Ls(a) => ls(&secrets, a),
        SecretCommand::Inspect(a) => inspect(&secrets, a),
        SecretCommand::Rm(a) => rm(ctx, &secrets, a),
        SecretCommand::Exists(a) => match secrets.lookup(&a.name) {
            Ok(_) => Ok(ExitCode::SUCCESS),
            Err(ctl::Error::Secret(SecretError::NotFound(_))) => Ok(ExitCode::from(1)),
            Err(e) => Err(e.into()),
        },
    }
}

fn event(ctx: &Context, status: &str, id: &str) {
    let mut e = Event::new("secret", status);
    e.id = id.to_string();
    EventLog::new(&ctx.events).record(&e);
}

/// pflag's StringToString: `k=v,k2=v2`, over every use of the flag.
fn driver_opts(raw: &[String]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for pair in raw.iter().flat_map(|r| r.split(',')) {
        let Some((k, v)) = pair.split_once('=') else {
            bail!("invalid argument {pair:?} for \"--driver-opts\" flag: {pair} must be formatted as key=value");
        };
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

fn create(ctx: &Context, secrets: &Secrets, a: CreateArgs) -> Result<ExitCode> {
    if a.ignore && a.replace {
        bail!("cannot use --ignore and --replace flags together");
    }
    let data = if a.env {
        match std::env::var_os(&a.file).filter(|v| !v.is_empty()) {
            Some(v) => std::os::unix::ffi::OsStringExt::into_vec(v),
            None => bail!(
                "cannot create store secret data: environment variable {} is not set",
                a.file
            ),
        }
    } else if a.file == "-" || a.file == "/dev/stdin" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf)?;
        buf
    } else {
        std::fs::read(&a.file).with_context(|| format!("open {}", a.file))?
    };
    let opts = CreateOptions {
        driver: a.driver,
        driver_options: driver_opts(&a.driver_opts)?,
        labels: parse_labels(&a.label).context("unable to process labels")?,
        metadata: BTreeMap::new(),
        replace: a.replace,
        ignore: a.ignore,
    };
    let made = secrets.create(&a.name, &data, opts)?;
    if !made.existed {
        event(ctx, "create", &made.id);
    }
    println!("{}", made.id);
    Ok(ExitCode::SUCCESS)
}

/// podman's SecretInfoReport, its fields in its order; the data only with `--showsecret`.
#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Info<'a> {
    #[serde(rename = "ID")]
    id: &'a str,
    created_at: Value,
    updated_at: Value,
    spec: Spec<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret_data: Option<String>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Spec<'a> {
    name: &'a str,
    driver: Driver<'a>,
    labels: &'a BTreeMap<String, String>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Driver<'a> {
    name: &'a str,
    options: &'a BTreeMap<String, String>,
}

fn info(s: &Secret, data: Option<&[u8]>, for_template: bool) -> Value {
    // Templates see Go's time.Time, which prints as its String().
    let time = |t: ctl_monitor::time::Timestamp| match for_template {
        true => json!(go_time_of(t)),
        false => json!(t),
    };
    // A template prints its text as it is: what came from a file is escaped for it (JSON
    // escapes on its own).
    let text = |t: &str| match for_template {
        true => ctl::text::escape(t).into_owned(),
        false => t.to_string(),
    };
    let secret_data = match data {
        Some(d) => Some(text(&String::from_utf8_lossy(d))),
        None => for_template.then(String::new),
    };
    let name = text(&s.name);
    serde_json::to_value(Info {
        id: &s.id,
        created_at: time(s.created_at),
        updated_at: time(s.updated()),
        spec: Spec {
            name: &name,
            driver: Driver {
                name: &s.driver,
                options: &s.driver_options,
            },
            labels: &s.labels,
        },
        secret_data,
    })
    .expect("a secret serializes")
}

/// podman's SecretListReport.
#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct ListRow<'a> {
    #[serde(rename = "ID")]
    id: &'a str,
    name: &'a str,
    driver: &'a str,
    created_at: String,
    updated_at: String,
}

fn list_row(s: &Secret) -> Value {
    let name = ctl::text::escape(&s.name);
    serde_json::to_value(ListRow {
        id: &s.id,
        name: &name,
        driver: &s.driver,
        created_at: ago(Some(s.created_at)),
        updated_at: ago(Some(s.updated())),
    })
    .expect("a row serializes")
}

fn ls(secrets: &Secrets, a: LsArgs) -> Result<ExitCode> {
    let filter = SecretFilter::compile(&a.filter)?;
    let found: Vec<Secret> = secrets
        .list()?
        .into_iter()
        .filter(|s| filter.matches(s))
        .collect();
    if a.quiet && a.format.is_none() {
        for s in &found {
            println!("{}", s.id);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let format = a.format.as_deref().unwrap_or(LIST_FORMAT);
    if super::template::is_json(format) {
        print_json(&found.iter().map(list_row).collect::<Vec<_>>());
        return Ok(ExitCode::SUCCESS);
    }
    let t = Format::parse("ls", Origin::User, format)?;
    let rows = found
        .iter()
        .map(|s| {
            TValue::Struct(std::rc::Rc::new(Struct::from_json(
                &list_row(s),
                &LIST_SHAPE,
            )))
        })
        .collect();
    t.print_listing(
        &TValue::list(rows),
        &|f| header_name(f, LIST_HEADERS),
        a.noheading,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// podman's `--pretty` template, rendered (names and labels escaped).
fn pretty(s: &Secret) -> String {
    use ctl::text::escape;
    let mut out = format!(
        "ID:              {}\nName:              {}\n",
        s.id,
        escape(&s.name)
    );
    if !s.labels.is_empty() {
        out.push_str("Labels:\n");
        for (k, v) in &s.labels {
            match v.is_empty() {
                true => out.push_str(&format!(" - {}\n", escape(k))),
                false => out.push_str(&format!(" - {}={}\n", escape(k), escape(v))),
            }
        }
    }
    out.push_str(&format!(
        "Driver:            {}\nCreated at:        {}\nUpdated at:        {}\n",
        escape(&s.driver),
        go_time_of(s.created_at),
        go_time_of(s.updated())
    ));
    out
}

fn inspect(secrets: &Secrets, a: InspectArgs) -> Result<ExitCode> {
    let template = match (&a.format, a.pretty) {
        (Some(f), false) if !f.is_empty() && !super::template::is_json(f) => {
            Some(Format::parse("inspect", Origin::User, f)?)
        }
        _ => None,
    };
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for n in &a.names {
        let got = match a.showsecret {
            true => secrets.lookup_data(n).map(|(s, d)| (s, Some(d))),
            false => secrets.lookup(n).map(|s| (s, None)),
        };
        match got {
            Ok(x) => found.push(x),
            Err(e @ ctl::Error::Secret(SecretError::NotFound(_))) => errors.push(e),
            Err(e) => return Err(anyhow::Error::new(e).context(format!("inspecting secret {n}"))),
        }
    }
    if a.pretty {
        for (s, _) in &found {
            print!("{}", pretty(s));
        }
    } else {
        let shaped = found
            .iter()
            .map(|(s, d)| (info(s, d.as_deref(), template.is_some()), INSPECT_SHAPE))
            .collect::<Vec<_>>();
        print_inspected(&shaped, template, false)?;
    }
    // podman's: every error but the first on its own line, the first as the command's.
    let mut errors = errors.into_iter();
    let Some(first) = errors.next() else {
        return Ok(ExitCode::SUCCESS);
    };
    for e in errors {
        eprintln!(
            "{}",
            ctl::text::escape(&format!("error inspecting secret: {e}"))
        );
    }
    Err(anyhow::Error::new(first).context("inspecting secret"))
}

fn rm(ctx: &Context, secrets: &Secrets, a: RmArgs) -> Result<ExitCode> {
    if a.all != a.names.is_empty() {
        bail!("`ctl secret rm` requires one argument, or the --all flag");
    }
    let names = match a.all {
        true => secrets.list()?.into_iter().map(|s| s.id).collect(),
        false => a.names,
    };
    let mut failed = false;
    for n in names {
        match secrets.remove(&n) {
            Ok(id) => {
                event(ctx, "remove", &id);
                println!("{id}");
            }
            Err(ctl::Error::Secret(SecretError::NotFound(_))) if a.ignore => {}
            Err(e) => {
                report_error(&e);
                failed = true;
            }
        }
    }
    Ok(ExitCode::from(if failed { 125 } else { 0 }))
}
