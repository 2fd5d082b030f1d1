//! Rootless layers for a container with a user namespace of its own (`--userns=keep-id`,
//! `nomap`): an unprivileged user cannot id-map a layer mount, so, as containers/storage
//! does, the image's layers are flattened once per mapping into a chowned copy,
//! `<store>/mapped/<top layer>-<hash of the maps>/`, the container's single lower dir.
//!
//! A file owned by id X in the user's namespace (as the layer stores it: the image's X)
//! is owned in the copy by the namespace id the container's X maps to. Modes (setuid
//! too), mtimes, symlinks, hardlinks, fifos and user.* / security.capability xattrs are
//! kept; device nodes cannot be made without privileges and are left out.
//!
//! Built aside, published last: the copy is made in `mapped/.tmp-<key>-<random>/` (the
//! merged view of the layers mounted there read-only, the copy beside it) and renamed into
//! place; the builder holds `mapped/.<key>.lock`, so two containers of one image and
//! mapping build once, and it removes the tmp dirs a killed builder of that key left.
//! `rmi` removes the copies of the layers it removes.

use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use sha2::Digest;

use crate::container::plan::{to_host, IdMappings};
use crate::container::rootfs::{self, Lower, RootlessOverlay};
use crate::error::{Error, IoContext, Result};
use crate::fsutil::{create_private_dir, random_hex, Lock};

/// The directory of the copies, in the image store.
pub const DIR: &str = "mapped";

/// The copy's name: the image's top layer (hex of its chain id) and a hash of the maps.
pub fn key(top_layer: &str, maps: &IdMappings) -> String {
    let text = serde_json::to_string(maps).unwrap_or_default();
    let hash = hex::encode(sha2::Sha256::digest(text.as_bytes()));
    format!("{top_layer}-{}", &hash[..16])
}

/// The copy for `lowers` (top first; `top` names the top layer) under `maps`, made if
/// missing; returns its path.
pub fn ensure(
    store: &Path,
    lowers: &[Lower],
    top: &str,
    maps: &IdMappings,
    overlay: RootlessOverlay,
) -> Result<PathBuf> {
    let dir = store.join(DIR);
    let k = key(top, maps);
    let done = dir.join(&k);
    if done.is_dir() {
        return Ok(done);
    }
    create_private_dir(&dir)?;
    let _lock = Lock::exclusive(&dir.join(format!(".{k}.lock")))?;
    if done.is_dir() {
        return Ok(done);
    }
    sweep(&dir, &k);
    let tmp = dir.join(format!(".tmp-{k}-{}", random_hex(6)));
    let started = std::time::Instant::now();
    let built = build(store, &tmp, lowers, maps, overlay);
    let built = built.and_then(|root| fs::rename(&root, &done).at(&done));
    let (_, _, merged) = rootfs::parts(&tmp);
    let _ = rootfs::unmount(&merged);
    let _ = crate::image::store::remove_tree(&tmp);
    built?;
    tracing::debug!("mapped copy {k} made in {:?}", started.elapsed());
    Ok(done)
}

/// Removes what killed builders of `key` left (the caller holds its lock).
fn sweep(dir: &Path, key: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".tmp-{key}-");
    for e in entries.flatten() {
        if !e.file_name().to_string_lossy().starts_with(&prefix) {
            continue;
        }
        let (_, _, merged) = rootfs::parts(&e.path());
        let _ = rootfs::unmount(&merged);
        let _ = crate::image::store::remove_tree(&e.path());
    }
}

/// Removes the copies of the layer `top` (hex of its chain id), as its layer goes (no
/// container uses it then: `rmi` holds the image-use lock), with their locks and what
/// killed builders of them left.
pub fn remove_for_layer(store: &Path, top: &str) {
    let dir = store.join(DIR);
    let Ok(entries) = fs::read_dir(&dir) else {
        return;
    };
    let (copy, tmp, lock) = (
        format!("{top}-"),
        format!(".tmp-{top}-"),
        format!(".{top}-"),
    );
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(&tmp) {
            let (_, _, merged) = rootfs::parts(&e.path());
            let _ = rootfs::unmount(&merged);
        }
        if name.starts_with(&copy) || name.starts_with(&tmp) {
            let _ = crate::image::store::remove_tree(&e.path());
        } else if name.starts_with(&lock) && name.ends_with(".lock") {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Mounts the layers' merged view under `tmp` and copies it to `tmp/root`.
fn build(
    store: &Path,
    tmp: &Path,
    lowers: &[Lower],
    maps: &IdMappings,
    overlay: RootlessOverlay,
) -> Result<PathBuf> {
    let (upper, work, merged) = rootfs::parts(tmp);
    for d in [tmp, &upper, &work, &merged] {
        create_private_dir(d)?;
    }
    // The merged view's root takes the upper dir's mode: the image's / is 0755.
    fs::set_permissions(&upper, fs::Permissions::from_mode(0o755)).at(&upper)?;
    let layers = store.join("layers");
    rootfs::mount_rootfs(
        Some(overlay),
        &layers,
        lowers,
        None,
        &upper,
        &work,
        &merged,
        true,
    )?;
    let root = tmp.join("root");
    let mut links = HashMap::new();
    copy_entry(&merged, &root, maps, &mut links)?;
    Ok(root)
}

/// The namespace owner of a file owned by `uid`:`gid` once shifted through `maps`; an id
/// the container lacks becomes its root's.
pub fn shift(maps: &IdMappings, uid: u32, gid: u32) -> (u32, u32) {
    let root = (
        to_host(&maps.uid_map, 0).unwrap_or(0),
        to_host(&maps.gid_map, 0).unwrap_or(0),
    );
    (
        to_host(&maps.uid_map, uid).unwrap_or(root.0),
        to_host(&maps.gid_map, gid).unwrap_or(root.1),
    )
}

/// Copies `src` (not followed) to `dst`, then its children, then its owner, xattrs, mode
/// and times.
fn copy_entry(
    src: &Path,
    dst: &Path,
    maps: &IdMappings,
    links: &mut HashMap<(u64, u64), PathBuf>,
) -> Result<()> {
    let md = fs::symlink_metadata(src).at(src)?;
    let ft = md.file_type();
    use std::os::unix::fs::FileTypeExt;
    if ft.is_file() && md.nlink() > 1 {
        if let Some(first) = links.get(&(md.dev(), md.ino())) {
            return fs::hard_link(first, dst).at(dst);
        }
        links.insert((md.dev(), md.ino()), dst.to_path_buf());
    }
    if ft.is_dir() {
        fs::create_dir(dst).at(dst)?;
        for e in fs::read_dir(src).at(src)? {
            let e = e.at(src)?;
            copy_entry(&e.path(), &dst.join(e.file_name()), maps, links)?;
        }
    } else if ft.is_file() {
        fs::copy(src, dst).at(dst)?;
    } else if ft.is_symlink() {
        std::os::unix::fs::symlink(fs::read_link(src).at(src)?, dst).at(dst)?;
    } else if ft.is_fifo() {
        nix::unistd::mkfifo(dst, nix::sys::stat::Mode::from_bits_truncate(0o600))
            .map_err(|e| Error::io(dst, e.into()))?;
    } else {
        tracing::debug!(
            "mapped copy: {} left out (a device or socket)",
            src.display()
        );
        return Ok(());
    }
    let (uid, gid) = shift(maps, md.uid(), md.gid());
    std::os::unix::fs::lchown(dst, Some(uid), Some(gid)).at(dst)?;
    copy_xattrs(src, dst)?;
    if !ft.is_symlink() {
        fs::set_permissions(dst, fs::Permissions::from_mode(md.mode() & 0o7777)).at(dst)?;
    }
    let times = [
        nix::sys::time::TimeSpec::new(md.atime(), md.atime_nsec()),
        nix::sys::time::TimeSpec::new(md.mtime(), md.mtime_nsec()),
    ];
    nix::sys::stat::utimensat(
        nix::fcntl::AT_FDCWD,
        dst,
        &times[0],
        &times[1],
        nix::sys::stat::UtimensatFlags::NoFollowSymlink,
    )
    .map_err(|e| Error::io(dst, e.into()))
}

/// user.* (but overlay's own) and security.capability, where the kernel lets them be set.
fn copy_xattrs(src: &Path, dst: &Path) -> Result<()> {
    let keep = |name: &[u8]| {
        (name.starts_with(b"user.") && !name.starts_with(b"user.overlay."))
            || name == b"security.capability"
    };
    for (name, e) in crate::fsutil::copy_xattrs(src, dst, keep).unwrap_or_default() {
        tracing::debug!(
            "mapped copy: xattr {} of {} not kept: {e}",
            name.to_string_lossy(),
            dst.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::plan::IdMapping;

    #[test]
    fn owners_shift_through_the_maps_and_unmapped_ids_become_root_s() {
        let maps = IdMappings {
            uid_map: vec![
                IdMapping::new(0, 1, 1000),
                IdMapping::new(1000, 0, 1),
                IdMapping::new(1001, 1001, 64536),
            ],
            gid_map: vec![IdMapping::new(0, 1, 65536)],
        };
        assert_eq!(shift(&maps, 0, 0), (1, 1));
        assert_eq!(shift(&maps, 1000, 5), (0, 6));
        assert_eq!(shift(&maps, 2000, 2000), (2000, 2001));
        assert_eq!(shift(&maps, 70000, 70000), (1, 1));
        let k = key("abc", &maps);
        assert!(k.starts_with("abc-") && k.len() == 4 + 16, "{k}");
        assert_ne!(k, key("abc", &IdMappings::default()));
    }
}
