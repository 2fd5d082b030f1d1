//! Short names for layer dirs, as containers/storage has them: `layers/l/<ID>` is a symlink
//! to `../<chain-hex>/diff`, and `layers/<chain-hex>/link` holds `ID`. Mount options that
//! name layers as `l/<ID>` relative to layers/ stay short enough for the kernel's one-page
//! limit on mount data with well over a hundred layers.
//!
//! A link is made when a layer is committed and, for layers stored before links existed
//! (or whose link a killed process never made), when one is first needed. Concurrent
//! makers agree on one name: the link file is published with link(2), which never
//! replaces, so the loser drops its own symlink and takes the winner's.

use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use crate::error::{Error, IoContext, Result};
use crate::fsutil::{create_private_dir, random_hex};

/// The directory of links under layers/.
pub const LINK_DIR: &str = "l";
/// Characters in a link name: base32, 60 random bits; collisions are retried anyway.
const ID_LEN: usize = 12;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A fresh random link name.
fn new_id() -> String {
    let mut buf = [0u8; ID_LEN];
    getrandom::fill(&mut buf).expect("kernel random source");
    buf.iter()
        .map(|b| ALPHABET[(*b & 31) as usize] as char)
        .collect()
}

/// Whether `id` could have been made by [`new_id`] (a link file is store data: never trust
/// it to be a plain name).
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 32 && id.bytes().all(|b| ALPHABET.contains(&b))
}

fn link_file(layers: &Path, hex: &str) -> PathBuf {
    layers.join(hex).join("link")
}

fn target(hex: &str) -> PathBuf {
    Path::new("..").join(hex).join("diff")
}

/// The layer's link name, if its link file names a valid one.
fn read_id(layers: &Path, hex: &str) -> Result<Option<String>> {
    let p = link_file(layers, hex);
    match fs::read_to_string(&p) {
        Ok(s) => Ok(Some(s.trim().to_string()).filter(|s| valid_id(s))),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(p, e)),
    }
}

/// Makes `l/<id>` point at the layer. Returns false when that name is taken by another
/// layer's link.
fn make_symlink(layers: &Path, hex: &str, id: &str) -> Result<bool> {
    let dir = layers.join(LINK_DIR);
    if !dir.is_dir() {
        create_private_dir(&dir)?;
    }
    let p = dir.join(id);
    match symlink(target(hex), &p) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            Ok(fs::read_link(&p).at(&p)? == target(hex))
        }
        Err(e) => Err(Error::io(p, e)),
    }
}

/// The layer's short lower-dir name, `l/<ID>` relative to `layers`, made if missing.
pub fn ensure(layers: &Path, hex: &str) -> Result<String> {
    for _ in 0..16 {
        if let Some(id) = read_id(layers, hex)? {
            if make_symlink(layers, hex, &id)? {
                return Ok(format!("{LINK_DIR}/{id}"));
            }
            // The recorded name now points elsewhere (a damaged store): pick a new one.
            let _ = fs::remove_file(link_file(layers, hex));
            continue;
        }
        let id = new_id();
        if !make_symlink(layers, hex, &id)? {
            continue;
        }
        if publish_id(layers, hex, &id)? {
            return Ok(format!("{LINK_DIR}/{id}"));
        }
        // Another process recorded its name first: ours goes, theirs is read next round.
        let _ = fs::remove_file(layers.join(LINK_DIR).join(&id));
    }
    Err(Error::BadImage {
        what: format!("layer {hex}"),
        reason: "cannot make a short link name for it".into(),
    })
}

/// Writes the link file unless one exists; returns whether ours is the one recorded.
fn publish_id(layers: &Path, hex: &str, id: &str) -> Result<bool> {
    let dest = link_file(layers, hex);
    let tmp = layers.join(hex).join(format!(".link-{}", random_hex(6)));
    fs::write(&tmp, id).at(&tmp)?;
    let res = fs::hard_link(&tmp, &dest);
    let _ = fs::remove_file(&tmp);
    match res {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(Error::io(dest, e)),
    }
}

/// Removes the layer's link (before the layer itself goes, so no link dangles).
pub fn remove(layers: &Path, hex: &str) -> Result<()> {
    if let Some(id) = read_id(layers, hex)? {
        let p = layers.join(LINK_DIR).join(&id);
        // Only ours: a damaged link file must not make us remove another layer's link.
        if fs::read_link(&p).is_ok_and(|t| t == target(hex)) {
            match fs::remove_file(&p) {
                Err(e) if e.kind() != ErrorKind::NotFound => return Err(Error::io(p, e)),
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(layers: &Path, hex: &str) {
        fs::create_dir_all(layers.join(hex).join("diff")).unwrap();
        fs::write(layers.join(hex).join("diff/f"), hex).unwrap();
    }

    #[test]
    fn ids_are_short_and_valid() {
        let id = new_id();
        assert_eq!(id.len(), ID_LEN);
        assert!(valid_id(&id));
        assert!(!valid_id("../x"));
        assert!(!valid_id(""));
        assert!(!valid_id("abc"));
    }

    #[test]
    fn ensure_makes_a_link_once_and_it_resolves_to_the_layer() {
        let d = tempfile::tempdir().unwrap();
        layer(d.path(), "aa");
        // A layer stored before links existed has no link file: one is made on demand.
        let l = ensure(d.path(), "aa").unwrap();
        assert!(l.starts_with("l/") && l.len() == 2 + ID_LEN, "{l}");
        assert_eq!(
            fs::read_to_string(d.path().join(&l).join("f")).unwrap(),
            "aa"
        );
        assert_eq!(ensure(d.path(), "aa").unwrap(), l);
        // A missing symlink (killed before it was made) is made again under the same name.
        fs::remove_file(d.path().join(&l)).unwrap();
        assert_eq!(ensure(d.path(), "aa").unwrap(), l);
        assert!(d.path().join(&l).join("f").is_file());
    }

    #[test]
    fn a_name_taken_by_another_layer_is_not_reused() {
        let d = tempfile::tempdir().unwrap();
        layer(d.path(), "aa");
        layer(d.path(), "bb");
        let a = ensure(d.path(), "aa").unwrap();
        // bb's link file names aa's link: bb gets a name of its own, aa keeps its link.
        fs::write(link_file(d.path(), "bb"), &a[2..]).unwrap();
        let b = ensure(d.path(), "bb").unwrap();
        assert_ne!(a, b);
        assert_eq!(
            fs::read_to_string(d.path().join(&a).join("f")).unwrap(),
            "aa"
        );
        assert_eq!(
            fs::read_to_string(d.path().join(&b).join("f")).unwrap(),
            "bb"
        );
        remove(d.path(), "bb").unwrap();
        assert!(!d.path().join(&b).exists());
        assert!(d.path().join(&a).exists());
    }

    #[test]
    fn remove_leaves_other_links_and_tolerates_missing_ones() {
        let d = tempfile::tempdir().unwrap();
        layer(d.path(), "aa");
        remove(d.path(), "aa").unwrap();
        let a = ensure(d.path(), "aa").unwrap();
        remove(d.path(), "aa").unwrap();
        assert!(fs::symlink_metadata(d.path().join(&a)).is_err());
        remove(d.path(), "aa").unwrap();
    }
}
