//! Safe, exact unpacking of one layer tarball into its own directory.
//! (Implementation in progress.)

use std::io::Read;
use std::path::Path;

/// How to unpack: chosen once from the context (rootful or rootless).
#[derive(Debug, Clone)]
pub struct UnpackOptions {
    /// chown entries to their recorded uid/gid (root, or inside the user namespace).
    pub preserve_owner: bool,
    /// Overlay opaque-dir xattr: `trusted.overlay.opaque`, or `user.overlay.opaque` rootless.
    pub opaque_xattr: &'static str,
    /// Create device nodes (rootful only); rootless skips them.
    pub devices: bool,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct UnpackStats {
    pub entries: u64,
    /// Sum of regular file sizes written.
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum UnpackError {
    #[error("reading layer tar: {0}")]
    Read(#[source] std::io::Error),
    #[error("entry \"{path}\": {reason}")]
    Refused { path: String, reason: String },
    #[error("entry \"{path}\": {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Unpacks the uncompressed tar stream `archive` into the existing empty directory `dest`.
/// Reads entries until the tar's end; the caller drains the rest of the stream.
pub fn unpack<R: Read>(
    archive: R,
    dest: &Path,
    opts: &UnpackOptions,
) -> Result<UnpackStats, UnpackError> {
    let _ = (archive, dest, opts);
    unimplemented!()
}
