//! `update`: new cgroup limits, restart policy, environment or healthchecks for one
//! container; prints its id.

use std::process::ExitCode;

use anyhow::Result;

use ctl::container::lifecycle::Manager;
use ctl::container::restart::RestartPolicy;
use ctl::container::update::Update;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    #[command(flatten)]
    pub limits: super::limits::LimitArgs,
    #[command(flatten)]
    pub health: super::healthcheck::Flags,
    /// Add or change an environment variable (KEY=VALUE); the main process sees it at its
    /// next start
    #[arg(short, long, value_name = "ENV")]
    pub env: Vec<String>,
    /// Unset an environment variable; the main process sees it at its next start
    #[arg(long, value_name = "KEY")]
    pub unsetenv: Vec<String>,
    /// Restart policy: no, on-failure[:N], always, unless-stopped
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    /// Update the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Container (name, id or id prefix)
    pub container: Option<String>,
}

impl UpdateArgs {
    /// The flags given, parsed as `create` parses them.
    fn update(&self) -> Result<Update> {
        Ok(Update {
            limits: self.limits.request(false).parse()?,
            restart: self
                .restart
                .as_deref()
                .map(RestartPolicy::parse)
                .transpose()?,
            env: self.env.clone(),
            unsetenv: self.unsetenv.clone(),
            health: self.health.request(),
        })
    }
}

pub fn update(ctx: &Context, args: UpdateArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let name = super::id_or_latest(&m, "ctl update", args.container.as_deref(), args.latest)?;
    let u = args.update()?;
    let id = m.resolve(&name)?;
    m.update(&id, &u)?;
    println!("{id}");
    Ok(ExitCode::SUCCESS)
}
