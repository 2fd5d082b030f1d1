//! containers.conf's container defaults (with ctl.toml's `[containers]` over them), put
//! under what the flags and the image said: applied to a resolved plan, so [`super::resolve`]
//! itself knows nothing of them.

use super::{ContainerPlan, Settings};
use crate::container::caps;
use crate::container::options::OptionError;
use crate::container::request::CreateRequest;
use crate::container::resources::parse_ulimits;
use crate::error::{Error, Result};

/// `plan` with the defaults of `settings` where neither the flags nor the image decided.
pub fn apply(
    mut plan: ContainerPlan,
    req: &CreateRequest,
    settings: &Settings,
) -> Result<ContainerPlan> {
    let d = &settings.defaults;
    // env: under the image's and the flags'; a bare NAME takes ctl's own value. PATH is
    // always in the plan: ctl's default one gives way.
    let key = |e: &str| e.split_once('=').map_or(e, |(k, _)| k).to_string();
    let default_path = format!("PATH={}", crate::container::spec::DEFAULT_PATH);
    let decided: std::collections::BTreeSet<String> = plan
        .env
        .iter()
        .filter(|e| **e != default_path)
        .map(|e| key(e))
        .collect();
    for e in d.env.iter().flatten() {
        let k = key(e);
        let value = match e.split_once('=') {
            Some(_) => e.clone(),
            None => match settings.host_env.get(&k) {
                Some(v) => format!("{k}={v}"),
                None => continue,
            },
        };
        if decided.contains(&k) {
            continue;
        }
        plan.env.retain(|o| key(o) != k);
        plan.env.push(value);
    }
    // pids: cgroup limits are root's only; 0 (or less) is no limit.
    if req.limits.pids_limit.is_none() && !settings.rootless {
        if let Some(n) = d.pids_limit {
            plan.resources.pids_limit = Some(if n > 0 { n } else { -1 });
        }
    }
    // ulimits: each replaced by a --ulimit of the same name.
    let mut ulimits =
        parse_ulimits(d.default_ulimits.as_deref().unwrap_or_default()).map_err(conf_error)?;
    ulimits.retain(|u| !plan.ulimits.iter().any(|o| o.typ() == u.typ()));
    ulimits.append(&mut plan.ulimits);
    plan.ulimits = ulimits;
    if !req.log_opts.iter().any(|o| o.starts_with("max-size=")) {
        if let Some(n) = d.log_size_max {
            plan.log.max_size = n.max(0) as u64;
        }
    }
    if let Some(names) = &d.default_capabilities {
        plan.cap_changes.base =
            Some(caps::mask_of("default_capabilities", names).map_err(conf_error)?);
    }
    if plan.init_path.is_none() {
        plan.init_path = d.init_path.clone();
    }
    Ok(plan)
}

/// A bad value in containers.conf (or ctl.toml's `[containers]`), said as such.
fn conf_error(e: OptionError) -> Error {
    Error::InvalidInput {
        what: "containers.conf default",
        value: match &e {
            OptionError::Invalid { value, .. } => value.clone(),
            _ => String::new(),
        },
        reason: e.to_string(),
    }
}
