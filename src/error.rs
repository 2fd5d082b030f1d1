//! The core's error type and its exit codes (125 ctl error, 126 cannot invoke, 127 not found).

use std::path::PathBuf;

use crate::image::reference::ReferenceError;
use crate::image::unpack::UnpackError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    #[error(transparent)]
    Build(#[from] crate::build::BuildError),
    #[error(transparent)]
    Copy(#[from] crate::container::copy::CopyError),
    #[error(transparent)]
    ContainerOption(#[from] crate::container::options::OptionError),
    #[error(transparent)]
    Secret(#[from] crate::secret::SecretError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("config file {}: {reason}", path.display())]
    Config { path: PathBuf, reason: String },
    #[error("invalid {what} \"{value}\": {reason}")]
    InvalidInput {
        what: &'static str,
        value: String,
        reason: String,
    },
    #[error("conflicting options: {0}")]
    ConflictingOptions(String),
    /// An option's value refused in podman's own words (scripts match them).
    #[error("{0}")]
    BadOption(String),
    /// `healthcheck run` cannot run the check (podman's words).
    #[error("{0}")]
    HealthCheck(String),
    #[error("{reference}: {message}")]
    Registry { reference: String, message: String },
    /// podman's (containers/storage's) words.
    #[error("{0}: image not known")]
    ImageNotFound(String),
    #[error("\"{0}\" matches several images; use more of the id or the full name")]
    AmbiguousImage(String),
    /// podman's (containers/storage's) words; `rmi -f` removes the container too.
    #[error("image used by {container}: image is in use by a container")]
    ImageInUse { image: String, container: String },
    #[error("layer {digest}: {source}")]
    Unpack {
        digest: String,
        #[source]
        source: UnpackError,
    },
    #[error("layer {digest}: {what} digest mismatch: expected {expected}, got {actual}")]
    DigestMismatch {
        digest: String,
        what: &'static str,
        expected: String,
        actual: String,
    },
    /// A blob is longer or shorter than its descriptor declares.
    #[error("{what} {digest}: {reason}")]
    BlobSize {
        what: &'static str,
        digest: String,
        reason: String,
    },
    #[error("invalid image {what}: {reason}")]
    BadImage { what: String, reason: String },
    #[error("name \"{name}\" is already in use by {id}")]
    NameInUse { name: String, id: String },
    /// podman's words (libpod's lookup by name or id).
    #[error("no container with name or ID \"{0}\" found: no such container")]
    ContainerNotFound(String),
    /// podman's words (libpod's lookup of a pod by name or id).
    #[error("no pod with name or ID {0} found: no such pod")]
    PodNotFound(String),
    #[error("adding pod to state: name \"{0}\" is in use: pod already exists")]
    PodExists(String),
    /// `rm` of a pod's infra container alone, in podman's words.
    #[error(
        "container {id} is the infra container of pod {pod} and cannot be removed without \
         removing the pod"
    )]
    InfraRemove { id: String, pod: String },
    /// `pod rm` that could not remove a member (running, without --force).
    #[error("not all containers could be removed from pod {id}: {reason}")]
    PodRemove { id: String, reason: String },
    /// `diff` of a name that is neither a container nor an image (podman's words).
    #[error("{0} not found: layer not known")]
    LayerNotKnown(String),
    /// `--latest` with no container at all (podman's words).
    #[error("no such container")]
    NoLatestContainer,
    /// `inspect` of a name that is neither a container nor an image (podman's words).
    #[error("no such object: \"{0}\"")]
    NoSuchObject(String),
    #[error("\"{0}\" matches several containers; use more of the id or the name")]
    AmbiguousContainer(String),
    #[error("container {id}: unreadable record: {reason}")]
    CorruptRecord { id: String, reason: String },
    #[error("container {id} is {state}: {hint}")]
    ContainerState {
        id: String,
        state: String,
        hint: &'static str,
    },
    /// `rm` without --force of a running or paused container, in podman's words (the
    /// full id).
    #[error(
        "cannot remove container {id} as it is {state} - running or paused containers cannot \
         be removed without force: container state improper"
    )]
    RemoveRunning { id: String, state: &'static str },
    /// A verb refused in the container's present state, in podman's words.
    #[error("{0}: container state improper")]
    StateImproper(String),
    #[error(
        "container {id} has dependent containers which must be removed before it: {deps}: \
         container already exists"
    )]
    HasDependents { id: String, deps: String },
    #[error("container {name}: log driver {driver} keeps no log to read")]
    NoLog { name: String, driver: String },
    #[error("OCI runtime {runtime}: {message}")]
    Runtime { runtime: String, message: String },
    /// The runtime has no record of the container (its own wording in `message`).
    #[error("OCI runtime {runtime}: {message}")]
    RuntimeNoContainer { runtime: String, message: String },
    /// The container's command could not be run: 126 not executable, 127 not found.
    #[error("{message}")]
    Command { code: u8, message: String },
    /// Setting up or joining the rootless user namespace.
    #[error("rootless: {0}")]
    Rootless(String),
    /// An image file's owner has no id in the rootless user namespace.
    #[error("{0}")]
    UnmappedOwner(String),
    #[error("archive {}: {reason}", path.display())]
    Archive { path: PathBuf, reason: String },
    /// podman's (netavark backend's) words.
    #[error("unable to find network with name or ID {0}: network not found")]
    NetworkNotFound(String),
    #[error("network \"{0}\" already exists")]
    NetworkExists(String),
    /// podman's words; `network rm -f` removes the containers too.
    #[error(
        "\"{name}\" has associated containers with it. Use -f to forcibly delete containers \
         and pods: network is being used"
    )]
    NetworkInUse { name: String, container: String },
    #[error("{what}: {reason}")]
    Network { what: String, reason: String },
    /// podman's words.
    #[error("no such volume {0}")]
    VolumeNotFound(String),
    /// podman's words; `volume create --ignore` takes the existing one.
    #[error("volume with name {0} already exists: volume already exists")]
    VolumeExists(String),
    /// podman's words; `volume rm -f` removes the containers first.
    #[error(
        "volume {name} is being used by the following container(s): {}: volume is being used",
        containers.join(", ")
    )]
    VolumeInUse {
        name: String,
        containers: Vec<String>,
    },
    /// A host port that cannot be bound, in podman's words: `cannot listen on the TCP port:
    /// listen tcp4 :8080: bind: address already in use`.
    #[error("cannot listen on the {protocol} port: listen {network} {address}: bind: {reason}")]
    PortUnavailable {
        /// TCP or UDP.
        protocol: &'static str,
        /// Go's network name: tcp4, tcp6, udp4, udp6.
        network: String,
        /// `:8080` for any address, `127.0.0.1:8080`, `[::1]:8080`.
        address: String,
        /// The errno's text, as Go prints it.
        reason: String,
    },
    /// An image deeper than overlay mounts (containers/storage's wording).
    #[error("max depth exceeded: the image has {layers} layers, at most {max} can be mounted")]
    TooManyLayers { layers: usize, max: usize },
    /// mount(2) takes one page of options: kernels before 6.8 lack `lowerdir+`.
    #[error(
        "cannot mount {layers} layers on this kernel: the overlay options take {len} bytes, \
         over the {page}-byte limit of mount(2) (Linux 6.8 or later mounts up to {max})"
    )]
    TooManyLayersForKernel {
        layers: usize,
        len: usize,
        page: usize,
        max: usize,
    },
    /// mount(8)'s own words, as podman passes them on.
    #[error("mounting volume {name}: {reason}")]
    VolumeMount { name: String, reason: String },
    /// podman's words for a tar `volume import` cannot unpack.
    #[error("extracting into volume {name}: {reason}")]
    VolumeImport { name: String, reason: String },
    #[error("cannot mount the overlay rootfs at {}: {reason}", target.display())]
    OverlayMount { target: PathBuf, reason: String },
    /// Making the container's own user namespace or its id-mapped layers.
    #[error("user namespace: {0}")]
    Userns(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The filesystem is full (or the user's quota is): what a record may be written
    /// elsewhere for.
    pub fn is_no_space(&self) -> bool {
        // By kind too: the temp-file crate wraps a failed write's error, which keeps its
        // kind but not its errno.
        matches!(self, Error::Io { source, .. }
        if matches!(source.raw_os_error(), Some(libc::ENOSPC) | Some(libc::EDQUOT))
            || matches!(
                source.kind(),
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
            ))
    }

    /// The process exit code docker and podman use for this kind of failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Command { code, .. } => *code,
            Error::Build(b) => b.exit_code(),
            _ => 125,
        }
    }
}

/// Adds the path to an io::Result.
pub trait IoContext<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T> {
        self.map_err(|e| Error::io(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_known_by_errno_and_by_kind() {
        let raw = Error::io("x", std::io::Error::from_raw_os_error(libc::ENOSPC));
        assert!(raw.is_no_space());
        let quota = Error::io("x", std::io::Error::from_raw_os_error(libc::EDQUOT));
        assert!(quota.is_no_space());
        // As the temp-file crate reports a failed write: the kind kept, the errno not.
        let wrapped = Error::io(
            "x",
            std::io::Error::new(std::io::ErrorKind::StorageFull, "x: no space"),
        );
        assert!(wrapped.is_no_space());
        let other = Error::io("x", std::io::Error::from_raw_os_error(libc::EACCES));
        assert!(!other.is_no_space());
    }
}
