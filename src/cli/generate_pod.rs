//! `ctl generate systemd POD`: the pod's unit (its infra) and one unit per member bound to
//! it, as podman writes them; `--new` makes and removes the pod and its members with the
//! units. The unit text comes from `ctl::systemd::pod`.

use std::path::Path;

use anyhow::{bail, Context as _, Result};

use ctl::container::lifecycle::Manager;
use ctl::systemd::{self, pod, quadlet_pod, UnitSettings};

use super::generate::{command_groups, from_container_in, SystemdArgs};

/// `pod create`'s options the pod's `--new` unit sets itself.
const POD_UNIT_OWNED: &[&str] = &["pod_id_file", "infra_conmon_pidfile", "replace"];

/// Every unit of the pod `target`, the pod's first: (file name, text).
pub fn pod_units(
    m: &Manager,
    base: &UnitSettings,
    a: &SystemdArgs,
    target: &str,
) -> Result<Vec<(String, String)>> {
    let r = m.pod_get(target)?;
    if a.template {
        bail!("--template is not supported for pods");
    }
    let Some(infra) = r.infra() else {
        bail!(
            "generating systemd unit files: Pod {:?} has no infra container",
            r.config.name
        );
    };
    let new = a.new == Some(true);
    let (pod_ident, infra_ident) = match a.name {
        true => (&r.config.name, &infra.config.name),
        false => (&r.config.id, &infra.config.id),
    };
    let service = systemd::service_name(&a.pod_prefix, &a.separator, pod_ident);
    let pod_unit_name = format!("{service}.service");
    let id_file = pod::pod_id_file(&service);

    let mut members = Vec::new();
    let mut member_names = Vec::new();
    for c in r.containers.iter().filter(|c| !c.config.infra) {
        let mut s = base.clone();
        s.binds_to = vec![pod_unit_name.clone()];
        let text = from_container_in(m, &mut s, a, c, new.then_some(id_file.as_str()))?;
        member_names.push(s.unit_name.clone());
        members.push((s.unit_name, text));
    }
    member_names.sort();
    members.sort();

    let mut s = base.clone();
    s.unit_name = pod_unit_name.clone();
    s.members = member_names;
    s.stop_timeout = a.stop_timeout.unwrap_or(infra.config.stop_timeout);
    let text = if new {
        let argv = &r.config.create_command;
        if !argv.windows(2).any(|w| w[0] == "pod" && w[1] == "create") {
            bail!("pod does not appear to be created via `ctl pod create`: {argv:?}");
        }
        let groups = command_groups(argv, POD_UNIT_OWNED)?;
        let has_policy = argv
            .iter()
            .any(|x| x == "--exit-policy" || x.starts_with("--exit-policy="));
        pod::new_pod_unit(&s, &service, &groups, has_policy)
    } else {
        let pidfile = m.run_files(infra.id()).monitor_pidfile;
        pod::existing_pod_unit(&s, infra_ident, &pidfile.display().to_string())
    };
    let mut out = vec![(pod_unit_name, text)];
    out.extend(members);
    Ok(out)
}

/// The file's name without its extension, which names its unit and pod.
fn stem(file: &Path) -> Result<&str> {
    file.file_stem()
        .and_then(|n| n.to_str())
        .context("the unit file needs a UTF-8 name")
}

/// Moves a Quadlet file's [Unit] Description= and passthrough lines into the unit.
fn passthrough(s: &mut UnitSettings, mut unit: Vec<String>, service: &[String], inst: &[String]) {
    if let Some(i) = unit.iter().position(|l| l.starts_with("Description=")) {
        s.description = Some(unit.remove(i)["Description=".len()..].to_string());
    }
    s.extra_unit = unit;
    s.extra_service = service.to_vec();
    if !inst.is_empty() {
        s.install = Some(inst.to_vec());
    }
}

/// A `.pod` file's unit (`NAME-pod.service`).
pub fn from_pod_file(
    s: &mut UnitSettings,
    file: &Path,
    text: &str,
    stop_timeout: Option<u32>,
) -> Result<String> {
    let q = quadlet_pod::parse_pod(text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let stem = stem(file)?;
    let service = q.service(stem);
    s.unit_name = format!("{service}.service");
    s.stop_timeout = stop_timeout.or(q.stop_timeout).unwrap_or(10);
    passthrough(s, q.unit.clone(), &q.service, &q.install);
    Ok(pod::new_pod_unit(s, &service, &q.create_args(stem), true))
}

/// A `.kube` file's unit (`NAME.service`).
pub fn from_kube_file(s: &mut UnitSettings, file: &Path, text: &str) -> Result<String> {
    let dir = std::path::absolute(file)?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let q = quadlet_pod::parse_kube(text, &dir)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    s.unit_name = format!("{}.service", stem(file)?);
    s.stop_timeout = s.stop_timeout.max(10);
    passthrough(s, q.unit.clone(), &q.service, &q.install);
    Ok(quadlet_pod::kube_unit(s, &q))
}
