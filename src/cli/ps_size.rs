//! `ps --size`: a container's writable layer and whole root filesystem, counted as
//! containers/storage counts them and shown as podman shows them.

use ctl::container::lifecycle::Manager;
use ctl::container::store::ContainerConfig;

/// A container's sizes, as podman's ContainerSize: the writable layer (the overlay's
/// upper directory) and the whole root filesystem (the image's layers and that).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub rw: u64,
    pub rootfs: u64,
}

/// The bytes of the files under `dir` (a hard-linked file once), as containers/storage
/// counts a layer's size.
pub fn dir_size(dir: &std::path::Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    let mut seen = std::collections::HashSet::new();
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(md) = e.path().symlink_metadata() else {
                continue;
            };
            if md.is_dir() {
                stack.push(e.path());
            } else if md.nlink() < 2 || seen.insert((md.dev(), md.ino())) {
                total += md.len();
            }
        }
    }
    total
}

/// go-units' HumanSizeWithPrecision(n, 3): `4.1kB`, `0B`.
pub(super) fn units_size(n: u64) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1000.0 && i < UNITS.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    format!(
        "{}{}",
        super::template::value::go_float(v, 'g', Some(3)),
        UNITS[i]
    )
}

/// podman's `.Size` of a ps row: `RW (virtual ROOTFS)`.
pub(super) fn size_text(s: &Sizes) -> String {
    format!("{} (virtual {})", units_size(s.rw), units_size(s.rootfs))
}

/// A container's sizes: its upper directory, and that with its image's layers.
pub(super) fn sizes_of(m: &Manager, cfg: &ContainerConfig) -> Sizes {
    let (upper, _, _) = m.overlay_dirs(&cfg.id);
    let rw = dir_size(&upper);
    let image = m.find_image(&cfg.image_id).map(|i| i.size).unwrap_or(0);
    Sizes {
        rw,
        rootfs: image + rw,
    }
}
