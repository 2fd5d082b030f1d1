//! RUN steps and the roots COPY --from and RUN --mount from= read: containers made through
//! ctl's own create/start (so network, overlay, runtime and monitor are run's), marked with
//! [`BUILD_LABEL`]. A killed build leaves them listed by `ps -a`, where `rm -f` removes
//! them; a finished step removes its container.

use std::path::PathBuf;

use ctl_monitor::LogDriver;

use crate::build::BUILD_LABEL;
use crate::container::lifecycle::Manager;
use crate::container::request::CreateRequest;
use crate::error::Result;
use crate::image::store::ImageRecord;

/// One RUN's container, as the step sees it.
#[derive(Debug, Clone, Default)]
pub struct RunSpec {
    pub argv: Vec<String>,
    pub env: Vec<String>,
    pub user: String,
    pub workdir: String,
    pub network: Option<String>,
    /// `--mount` values in `run --mount` syntax.
    pub mounts: Vec<String>,
    /// Output dropped instead of passed through.
    pub quiet: bool,
}

fn request(image: &ImageRecord, command: Vec<String>, base: &CreateRequest) -> CreateRequest {
    CreateRequest {
        image: image.id.clone(),
        command,
        entrypoint: Some(String::new()),
        labels: vec![format!("{BUILD_LABEL}=true")],
        ..base.clone()
    }
}

impl Manager {
    /// Runs `spec` in a new container of `image`, made from `base` (the build's options
    /// for RUN); returns the container (exited, to be committed and removed by the caller)
    /// and its exit code.
    pub fn build_run(
        &self,
        image: &ImageRecord,
        spec: &RunSpec,
        base: &CreateRequest,
    ) -> Result<(String, i32)> {
        let mut req = request(image, spec.argv.clone(), base);
        req.env = spec.env.clone();
        req.user = (!spec.user.is_empty()).then(|| spec.user.clone());
        req.workdir = (!spec.workdir.is_empty()).then(|| spec.workdir.clone());
        req.network = spec.network.clone();
        req.mounts = spec.mounts.clone();
        req.log_driver = match spec.quiet {
            true => LogDriver::None,
            false => LogDriver::Passthrough,
        };
        let plan = self.plan(&req, image)?;
        let id = self.create(image, &plan)?;
        let ran = self.start(&id).and_then(|_| self.wait(&id));
        match ran {
            Ok(code) => Ok((id, code.unwrap_or(-1))),
            Err(crate::Error::Command { code, .. }) => Ok((id, code as i32)),
            Err(e) => {
                let _ = self.remove(&id, true);
                Err(e)
            }
        }
    }

    /// The upper directory of a build container: the step's changes.
    pub fn build_changes(&self, id: &str) -> PathBuf {
        self.overlay_dirs(id).0
    }

    /// Runs `f` on `image`'s root filesystem, mounted for that time through a container
    /// that is removed after (`--squash`, `--output`).
    pub fn with_build_root<T, E: From<crate::Error>>(
        &self,
        image: &ImageRecord,
        f: impl FnOnce(&std::path::Path) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let (id, root) = self.build_mount(image)?;
        let out = f(&root);
        let _ = self.remove(&id, true);
        out
    }

    /// `image`'s root filesystem mounted for reading; returns the container holding the
    /// mount (removed with it) and where it is.
    pub fn build_mount(&self, image: &ImageRecord) -> Result<(String, PathBuf)> {
        let req = request(image, vec!["true".into()], &CreateRequest::default());
        let plan = self.plan(&req, image)?;
        let id = self.create(image, &plan)?;
        match self.mount(&id) {
            Ok(p) => Ok((id, p)),
            Err(e) => {
                let _ = self.remove(&id, true);
                Err(e)
            }
        }
    }
}
