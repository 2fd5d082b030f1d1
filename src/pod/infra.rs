//! The infra container's image and its request. By default the infra runs the host's
//! catatonit (`-P`: it only waits) bind-mounted into an empty rootfs, as podman 5's
//! default infra does: the image is a local one without layers, made here, so no pull is
//! needed. `--infra-image` uses an image as any container would.

use std::path::PathBuf;

use ctl_monitor::time::Timestamp;
use sha2::Digest;

use crate::container::lifecycle::Manager;
use crate::container::request::CreateRequest;
use crate::error::{Error, Result};
use crate::image::registry::Platform;
use crate::image::store::ImageRecord;

/// The default infra image's name.
pub const INFRA_IMAGE: &str = "localhost/ctl-pause:latest";

/// Where catatonit appears in the infra container.
const CATATONIT_IN: &str = "/catatonit";

/// The host's catatonit, podman's places first.
pub fn find_catatonit() -> Result<PathBuf> {
    let fixed = [
        "/usr/libexec/podman/catatonit",
        "/usr/libexec/catatonit/catatonit",
        "/usr/bin/catatonit",
        "/usr/local/bin/catatonit",
    ];
    fixed
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .or_else(|| crate::runtime::find_program("catatonit"))
        .ok_or_else(|| {
            Error::BadOption(
                "finding catatonit binary: catatonit is not installed (Debian package \
                 catatonit); or give --infra-image"
                    .into(),
            )
        })
}

/// The default infra image's config: no layers, catatonit's pause as its entrypoint.
fn infra_config() -> Vec<u8> {
    let p = Platform::host();
    let cfg = serde_json::json!({
        "architecture": p.architecture,
        "os": p.os,
        "config": {"Entrypoint": [CATATONIT_IN, "-P"], "WorkingDir": "/"},
        "rootfs": {"type": "layers", "diff_ids": []},
    });
    serde_json::to_vec(&cfg).expect("a config serializes")
}

impl Manager {
    /// The default infra image, stored the first time a pod needs it.
    pub fn infra_image(&self) -> Result<ImageRecord> {
        let config = infra_config();
        let id = hex::encode(sha2::Sha256::digest(&config));
        if let Ok(rec) = self.images.image(&id) {
            if rec.names.iter().any(|n| n == INFRA_IMAGE) {
                return Ok(rec);
            }
        }
        self.images.put_blob(&format!("sha256:{id}"), &config)?;
        let p = Platform::host();
        self.images.commit_image(ImageRecord {
            id,
            names: vec![INFRA_IMAGE.to_string()],
            repo_digests: Vec::new(),
            manifest_digest: None,
            created: None,
            added: Timestamp::now(),
            os: p.os,
            architecture: p.architecture,
            variant: None,
            layers: Vec::new(),
            size: 0,
            names_history: Vec::new(),
        })
    }
}

/// What the infra container is asked to be: the pod's network, ports, names and
/// resolvers; catatonit bound in.
#[derive(Debug, Clone, Default)]
pub struct InfraSpec {
    pub name: String,
    pub image: String,
    pub command: Vec<String>,
    pub hostname: String,
    pub network: Option<String>,
    pub publish: Vec<String>,
    pub add_hosts: Vec<String>,
    pub dns: Vec<String>,
    /// `--infra-conmon-pidfile`: the infra's monitor pid, written at each start (what a
    /// pod's systemd unit follows).
    pub conmon_pidfile: Option<PathBuf>,
}

pub fn infra_request(spec: &InfraSpec, pod_id: &str, catatonit: &std::path::Path) -> CreateRequest {
    CreateRequest {
        name: Some(spec.name.clone()),
        image: spec.image.clone(),
        command: spec.command.clone(),
        volumes: vec![format!("{}:{CATATONIT_IN}:ro", catatonit.display())],
        hostname: Some(spec.hostname.clone()),
        network: spec.network.clone(),
        publish: spec.publish.clone(),
        add_hosts: spec.add_hosts.clone(),
        dns: spec.dns.clone(),
        pod: Some(pod_id.to_string()),
        infra: true,
        conmon_pidfile: spec.conmon_pidfile.clone(),
        ..Default::default()
    }
}
