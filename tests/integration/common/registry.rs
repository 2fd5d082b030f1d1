//! A real registry per test: Debian's `docker-registry` (CNCF distribution 2.8) on a free
//! 127.0.0.1 port, storage in a temp dir, its log (with the access log) in a file.
//! Killed and removed on drop. Fixture images are pushed to it with ctl's own registry
//! client (`ctl::image::registry::Remote::push`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine;

use oci_client::manifest::OciImageManifest;
use serde_json::json;

use super::fixtures::{Image, OCI_INDEX};
use super::sha256;

const BINARY: &str = "/usr/bin/docker-registry";
/// How long a registry may take to answer on /v2/ after it was started.
const READY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Registry {
    dir: tempfile::TempDir,
    child: Child,
    /// `127.0.0.1:PORT`, the registry part of image references.
    pub addr: String,
    /// Basic-auth user and password when started with htpasswd.
    pub credentials: Option<(String, String)>,
    pub log_path: PathBuf,
}

impl Registry {
    /// An open registry: anonymous pull and push.
    pub fn start() -> Registry {
        Self::start_inner(None)
    }

    /// A registry that requires `user`/`password` (htpasswd, bcrypt) for everything.
    pub fn start_with_auth(user: &str, password: &str) -> Registry {
        Self::start_inner(Some((user.to_string(), password.to_string())))
    }

    fn start_inner(credentials: Option<(String, String)>) -> Registry {
        assert!(
            std::path::Path::new(BINARY).exists(),
            "{BINARY} missing: apt-get install docker-registry"
        );
        let dir = tempfile::Builder::new()
            .prefix("ctl-it-registry-")
            .tempdir()
            .expect("temp dir");
        let auth_section = match &credentials {
            Some((user, password)) => {
                let out = Command::new("htpasswd")
                    .args(["-Bbn", user, password])
                    .output()
                    .expect("run htpasswd (apt-get install apache2-utils)");
                assert!(out.status.success(), "htpasswd failed: {out:?}");
                let file = dir.path().join("htpasswd");
                std::fs::write(&file, &out.stdout).expect("write htpasswd");
                format!(
                    "auth:\n  htpasswd:\n    realm: basic-realm\n    path: {}\n",
                    file.display()
                )
            }
            None => String::new(),
        };
        // A port picked from a released listener can be taken again before the registry
        // binds it: try a few.
        let mut last_log = String::new();
        for _ in 0..5 {
            let port = super::free_port();
            let addr = format!("127.0.0.1:{port}");
            let config = dir.path().join("config.yml");
            std::fs::write(
                &config,
                format!(
                    "version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: false\n\
                     storage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\n\
                     http:\n  addr: {addr}\n  secret: ctl-integration-tests\n{auth_section}",
                    dir.path().join("data").display()
                ),
            )
            .expect("write registry config");
            let log_path = dir.path().join("registry.log");
            let log = std::fs::File::create(&log_path).expect("create registry log");
            let child = Command::new(BINARY)
                .arg("serve")
                .arg(&config)
                .stdin(Stdio::null())
                .stdout(log.try_clone().expect("dup log fd"))
                .stderr(log)
                .spawn()
                .expect("start docker-registry");
            let mut child = child;
            if wait_ready(&addr, &mut child) {
                return Registry {
                    dir,
                    child,
                    addr,
                    credentials,
                    log_path,
                };
            }
            let _ = child.kill();
            let _ = child.wait();
            last_log = std::fs::read_to_string(&log_path).unwrap_or_default();
        }
        panic!("docker-registry did not start; last log:\n{last_log}")
    }

    /// The registry's log so far (its access log shows every request).
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }

    /// Returns once every request answered so far is in the access log: the registry logs
    /// each request as its handler returns, so a request made now and seen in the log comes
    /// after all of those (the few microseconds between an answer and its log line are long
    /// past once a client has read it and made another connection).
    pub fn log_barrier(&self) {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = format!("/v2/log-barrier-{}-{n}/tags/list", std::process::id());
        http_get(&self.addr, &path, "*/*", None).expect("registry answers");
        let seen = super::wait_for(Duration::from_secs(10), || {
            self.log().contains(&path).then_some(())
        });
        assert!(
            seen.is_some(),
            "{path} never appeared in the registry's log"
        );
    }

    /// Digests of the blob GETs of repository `repo` in the access log, in order.
    pub fn blob_gets(&self, repo: &str) -> Vec<String> {
        let needle = format!("\"GET /v2/{repo}/blobs/");
        self.log()
            .lines()
            .filter_map(|l| {
                let rest = &l[l.find(&needle)? + needle.len()..];
                Some(rest.split_whitespace().next()?.to_string())
            })
            .collect()
    }

    /// Pushes `image` as `repo:tag` (or `repo@digest`) with ctl's own registry client;
    /// returns the manifest digest.
    pub fn push(&self, repo_tag: &str, image: &Image) -> String {
        push(self, repo_tag, image, None)
    }

    /// `ADDR/repo:tag`, a reference ctl can pull.
    pub fn reference(&self, repo_tag: &str) -> String {
        format!("{}/{repo_tag}", self.addr)
    }

    /// A plain HTTP GET on the registry (with its credentials); returns status and body.
    pub fn get(&self, path: &str, accept: &str) -> (u16, Vec<u8>) {
        let auth = self
            .credentials
            .as_ref()
            .map(|(u, p)| base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}")));
        http_get(&self.addr, path, accept, auth.as_deref()).expect("GET from registry")
    }

    /// The raw manifest bytes of `repo` at `reference` (tag or digest).
    pub fn manifest(&self, repo: &str, reference: &str) -> Vec<u8> {
        let accept = "application/vnd.oci.image.manifest.v1+json, \
                      application/vnd.docker.distribution.manifest.v2+json, \
                      application/vnd.oci.image.index.v1+json";
        let (status, body) = self.get(&format!("/v2/{repo}/manifests/{reference}"), accept);
        assert_eq!(
            status,
            200,
            "manifest {repo}:{reference}: {}",
            String::from_utf8_lossy(&body)
        );
        body
    }

    /// The temp dir holding the registry's config, storage and log.
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls /v2/ until the registry answers (200, or 401 with auth), or it exited, or the
/// bounded wait is over.
fn wait_ready(addr: &str, child: &mut Child) -> bool {
    super::wait_for(READY_TIMEOUT, || {
        if let Ok(Some(_)) = child.try_wait() {
            return Some(false);
        }
        match http_get(addr, "/v2/", "*/*", None) {
            Ok((200 | 401, _)) => Some(true),
            _ => None,
        }
    })
    .unwrap_or(false)
}

/// A minimal HTTP/1.0 GET (the registry closes the connection after the answer).
pub fn http_get(
    addr: &str,
    path: &str,
    accept: &str,
    basic_auth: Option<&str>,
) -> std::io::Result<(u16, Vec<u8>)> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    s.set_write_timeout(Some(Duration::from_secs(10)))?;
    let auth = basic_auth
        .map(|a| format!("Authorization: Basic {a}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: {addr}\r\nAccept: {accept}\r\n{auth}Connection: close\r\n\r\n"
    )?;
    let mut resp = Vec::new();
    s.read_to_end(&mut resp)?;
    let head_end = resp
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no HTTP header end"))?;
    let head = String::from_utf8_lossy(&resp[..head_end]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line: {head}")))?;
    Ok((status, resp[head_end + 4..].to_vec()))
}

// ---- Pushing fixtures: ctl's own client (`Remote::push`); oci-client for raw manifests.

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Pushes `image` (with `manifest`, default [`Image::manifest`]) to `reg` as `repo_tag`,
/// through `ctl::image::registry::Remote::push`; returns the manifest digest.
pub fn push(
    reg: &Registry,
    repo_tag: &str,
    image: &Image,
    manifest: Option<OciImageManifest>,
) -> String {
    use ctl::context::{Context, Overrides};
    use ctl::image::registry::{RegistryOptions, Remote};
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut ctx = Context::resolve(Overrides {
        config_file: Some(tmp.path().join("ctl.toml")),
        root: Some(tmp.path().join("root")),
        runroot: Some(tmp.path().join("run")),
        runtime: None,
        auth_file: Some(tmp.path().join("auth.json")),
        events_backend: None,
    })
    .expect("context");
    ctx.home = None; // never read the machine's ~/.docker/config.json
    let reference = ctl::image::reference::Reference::parse(&reg.reference(repo_tag))
        .expect("fixture reference");
    let opts = RegistryOptions {
        tls_verify: Some(false),
        platform: None,
        credentials: reg
            .credentials
            .as_ref()
            .map(|(u, p)| ctl::image::auth::Credentials {
                username: u.clone(),
                password: p.clone(),
            }),
    };
    let remote = Remote::new(&ctx, &reference, &opts).expect("Remote::new");
    let layers = image
        .layers
        .iter()
        .map(|l| (l.blob.clone(), l.media_type(image.docker).to_string()))
        .collect();
    let manifest = manifest.unwrap_or_else(|| image.manifest());
    runtime()
        .block_on(remote.push(
            layers,
            image.config_json(),
            image.config_media_type(),
            Some(manifest),
        ))
        .unwrap_or_else(|e| panic!("push {repo_tag}: {e}"))
}

/// Pushes each image (as `repo:<arch>`), then an OCI image index of them as `repo:tag`;
/// returns the index digest.
pub fn push_index(reg: &Registry, repo: &str, tag: &str, images: &[Image]) -> String {
    let mut manifests = Vec::new();
    for img in images {
        let digest = push(reg, &format!("{repo}:{}", img.architecture), img, None);
        let raw = reg.manifest(repo, &digest);
        assert_eq!(
            sha256(&raw),
            digest,
            "registry returned other manifest bytes"
        );
        let mut platform = json!({"architecture": img.architecture, "os": img.os});
        if let Some(v) = &img.variant {
            platform["variant"] = json!(v);
        }
        manifests.push(json!({
            "mediaType": img.manifest_media_type(),
            "digest": digest,
            "size": raw.len(),
            "platform": platform,
        }));
    }
    let index = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": OCI_INDEX,
        "manifests": manifests,
    }))
    .expect("index serializes");
    push_raw_manifest(reg, repo, tag, &index, OCI_INDEX);
    sha256(&index)
}

/// PUTs manifest bytes as they are (any media type) with oci-client.
pub fn push_raw_manifest(reg: &Registry, repo: &str, tag: &str, body: &[u8], media_type: &str) {
    use oci_client::client::{ClientConfig, ClientProtocol};
    use oci_client::secrets::RegistryAuth;
    let client = oci_client::Client::new(ClientConfig {
        protocol: ClientProtocol::Http,
        ..Default::default()
    });
    let auth = match &reg.credentials {
        Some((u, p)) => RegistryAuth::Basic(u.clone(), p.clone()),
        None => RegistryAuth::Anonymous,
    };
    let reference =
        oci_client::Reference::with_tag(reg.addr.clone(), repo.to_string(), tag.to_string());
    runtime()
        .block_on(async {
            client.store_auth_if_needed(&reg.addr, &auth).await;
            client
                .push_manifest_raw(
                    &reference,
                    body.to_vec(),
                    media_type.parse().expect("media type header"),
                )
                .await
        })
        .unwrap_or_else(|e| panic!("push manifest {repo}:{tag}: {e}"));
}
