//! `create/run --pod NAME|ID|new:NAME` and `--pod-id-file`: the pod a container is made in.

use anyhow::{bail, Result};

use ctl::container::lifecycle::Manager;
use ctl::pod::create::PodRequest;
use ctl::pod::record::parse_share;

use super::run::CreateFlags;

/// The pod named by the flags: (the id of a pod made here for `new:NAME`, the pod to
/// join). `new:NAME` makes a pod with podman's defaults and the container's `-p`, which
/// the pod's infra publishes.
pub fn pod_of(m: &Manager, f: &CreateFlags) -> Result<(Option<String>, Option<String>)> {
    let named = match (&f.pod, &f.pod_id_file) {
        (Some(_), Some(_)) => bail!("cannot specify both --pod and --pod-id-file"),
        (Some(p), None) => p.clone(),
        (None, Some(file)) => std::fs::read_to_string(file)
            .map_err(|e| anyhow::anyhow!("reading pod ID file {}: {e}", file.display()))?
            .trim()
            .to_string(),
        (None, None) => return Ok((None, None)),
    };
    let Some(name) = named.strip_prefix("new:") else {
        return Ok((None, Some(named)));
    };
    let req = PodRequest {
        name: Some(name.to_string()),
        share: parse_share(None).map_err(anyhow::Error::msg)?,
        infra: true,
        publish: f.publish.clone(),
        create_command: std::env::args().collect(),
        ..Default::default()
    };
    let id = m.pod_create(&req, None)?;
    Ok((Some(id.clone()), Some(id)))
}
