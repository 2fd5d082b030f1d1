//! `volume import`: a tar unpacked over a volume's `_data`, its entries taking precedence
//! (podman's). The layer unpacker with `cp`'s rules does it, so no entry lands outside
//! `_data` and whiteouts are plain files.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::image::unpack::{unpack, CopyRules, UnpackOptions};

/// Unpacks `archive` into `data` (volume `name`'s, mounted); owners as recorded (inside
/// the user namespace when rootless), device nodes as root only.
pub fn import(name: &str, archive: impl Read, data: &Path, rootless: bool) -> Result<()> {
    let opts = UnpackOptions {
        preserve_owner: true,
        opaque_xattr: "",
        devices: !rootless,
        copy: Some(CopyRules {
            owner: None,
            maps: None,
            overwrite: true,
        }),
    };
    unpack(archive, data, &opts).map_err(|e| Error::VolumeImport {
        name: name.to_string(),
        reason: e.to_string(),
    })?;
    Ok(())
}
