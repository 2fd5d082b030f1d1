//! `ctl diff`: what a container's upper dir (or an image's top layer) changed against the
//! layers under it, as containers/storage's `OverlayChanges` reports it for podman: the
//! upper dir walked in name order; a 0/0 character device deletes its name, an opaque
//! directory that hides one below deletes it; a name found below is changed, else added;
//! the parents of an added or deleted name are changed (once, before it); a directory the
//! same as below (mode, size, time) is not a change itself.

use std::collections::HashSet;
use std::fmt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use crate::container::lifecycle::Manager;
use crate::container::rootfs;
use crate::error::{Error, IoContext, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Changed,
    Added,
    Deleted,
}

impl ChangeKind {
    /// podman's letter.
    pub fn letter(self) -> char {
        match self {
            ChangeKind::Changed => 'C',
            ChangeKind::Added => 'A',
            ChangeKind::Deleted => 'D',
        }
    }
}

/// One change: a path in the container, from `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub path: PathBuf,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.letter(), self.path.display())
    }
}

impl Manager {
    /// The changes of a container (by name or id) or else of an image's top layer.
    pub fn diff(&self, input: &str) -> Result<Vec<Change>> {
        let layers_dir = self.images.root().join("layers");
        let (upper, chain) = match self.get(input) {
            Ok(c) => {
                let image = self.images.image(&c.config.image_id)?;
                (self.containers.dir(c.id()).join("diff"), image.layers)
            }
            Err(Error::ContainerNotFound(_)) => {
                let mut image = match self.find_image(input) {
                    Ok(i) => i,
                    Err(Error::ImageNotFound(_)) => {
                        return Err(Error::LayerNotKnown(input.to_string()))
                    }
                    Err(e) => return Err(e),
                };
                let Some(top) = image.layers.pop() else {
                    return Ok(Vec::new());
                };
                (self.images.layer_diff(&top), image.layers)
            }
            Err(e) => return Err(e),
        };
        let lowers: Vec<PathBuf> = rootfs::lower_dirs(&chain)
            .iter()
            .map(|l| l.path(&layers_dir))
            .collect();
        changes(&lowers, &upper)
    }
}

/// The changes `upper` makes over `lowers` (top layer first).
pub fn changes(lowers: &[PathBuf], upper: &Path) -> Result<Vec<Change>> {
    let mut w = Walk {
        lowers,
        upper,
        changed_dirs: HashSet::new(),
        out: Vec::new(),
    };
    w.dir(Path::new("/"))?;
    Ok(w.out)
}

struct Walk<'a> {
    lowers: &'a [PathBuf],
    upper: &'a Path,
    changed_dirs: HashSet<PathBuf>,
    out: Vec<Change>,
}

/// `root` + `path` (which starts at `/`).
fn under(root: &Path, path: &Path) -> PathBuf {
    root.join(path.strip_prefix("/").unwrap_or(path))
}

fn is_whiteout(m: &std::fs::Metadata) -> bool {
    m.file_type().is_char_device() && m.rdev() == 0
}

/// overlay's opaque mark, as root (`trusted.`) or in a user namespace (`user.`) set it.
fn is_opaque(p: &Path) -> bool {
    ["trusted.overlay.opaque", "user.overlay.opaque"]
        .iter()
        .any(|n| matches!(xattr::get(p, n), Ok(Some(v)) if v == b"y"))
}

/// The entry at `path` in `layer`, without following a symlink at its end.
fn lstat_in(layer: &Path, path: &Path) -> Option<std::fs::Metadata> {
    std::fs::symlink_metadata(under(layer, path)).ok()
}

/// As Go's `sameFsTime`: equal, or the same second when one side has no nanoseconds.
fn same_time(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.mtime() == b.mtime()
        && (a.mtime_nsec() == b.mtime_nsec() || a.mtime_nsec() == 0 || b.mtime_nsec() == 0)
}

impl Walk<'_> {
    fn dir(&mut self, rel: &Path) -> Result<()> {
        let at = under(self.upper, rel);
        let mut names: Vec<_> = std::fs::read_dir(&at)
            .at(&at)?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<std::io::Result<_>>()
            .at(&at)?;
        names.sort();
        for name in names {
            let path = rel.join(&name);
            let full = under(self.upper, &path);
            let meta = std::fs::symlink_metadata(&full).at(&full)?;
            self.entry(&path, &meta)?;
            if meta.is_dir() {
                self.dir(&path)?;
            }
        }
        Ok(())
    }

    fn entry(&mut self, path: &Path, meta: &std::fs::Metadata) -> Result<()> {
        let kind = match self.deleted(path, meta) {
            true => ChangeKind::Deleted,
            false => match self.kind_below(path, meta) {
                Some(k) => k,
                // A directory as it was: not a change of its own.
                None => return Ok(()),
            },
        };
        if meta.is_dir() {
            self.changed_dirs.insert(path.to_path_buf());
        }
        if kind != ChangeKind::Changed {
            let mut tail = Vec::new();
            let mut parent = path.parent();
            while let Some(p) = parent.filter(|p| *p != Path::new("/")) {
                if self.changed_dirs.insert(p.to_path_buf()) {
                    tail.push(Change {
                        kind: ChangeKind::Changed,
                        path: p.to_path_buf(),
                    });
                }
                parent = p.parent();
            }
            self.out.extend(tail.into_iter().rev());
        }
        self.out.push(Change {
            kind,
            path: path.to_path_buf(),
        });
        Ok(())
    }

    /// A whiteout, or an opaque directory over a name that a lower layer has.
    fn deleted(&self, path: &Path, meta: &std::fs::Metadata) -> bool {
        if is_whiteout(meta) {
            return true;
        }
        if !meta.is_dir() || !is_opaque(&under(self.upper, path)) {
            return false;
        }
        for layer in self.lowers {
            if let Some(m) = lstat_in(layer, path) {
                return !is_whiteout(&m);
            }
        }
        false
    }

    /// Changed when a lower layer has the name (unless one above it whited it or a parent
    /// out), else added; None for a directory the same as below.
    fn kind_below(&self, path: &Path, meta: &std::fs::Metadata) -> Option<ChangeKind> {
        for layer in self.lowers {
            let whited = path
                .ancestors()
                .take_while(|p| *p != Path::new("/"))
                .any(|p| lstat_in(layer, p).is_some_and(|m| is_whiteout(&m)));
            if whited {
                return Some(ChangeKind::Added);
            }
            if let Some(below) = lstat_in(layer, path) {
                let same_dir = below.is_dir()
                    && meta.is_dir()
                    && below.size() == meta.size()
                    && below.mode() == meta.mode()
                    && same_time(meta, &below);
                return (!same_dir).then_some(ChangeKind::Changed);
            }
        }
        Some(ChangeKind::Added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(c: &[Change]) -> Vec<String> {
        c.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn added_changed_and_parents_in_walk_order() {
        let t = tempfile::tempdir().unwrap();
        let (lower, upper) = (t.path().join("l"), t.path().join("u"));
        for d in [&lower, &upper] {
            std::fs::create_dir_all(d.join("usr/local/bin")).unwrap();
            std::fs::create_dir_all(d.join("etc")).unwrap();
        }
        std::fs::write(lower.join("etc/passwd"), "a").unwrap();
        std::fs::write(upper.join("etc/passwd"), "b").unwrap();
        std::fs::write(upper.join("usr/local/bin/x"), "x").unwrap();
        std::fs::create_dir(upper.join("new")).unwrap();
        std::fs::write(upper.join("new/f"), "f").unwrap();
        // The same times below and above: only what is in them is a change.
        for d in ["usr", "usr/local", "usr/local/bin", "etc"] {
            let m = std::fs::metadata(lower.join(d)).unwrap();
            let times = std::fs::FileTimes::new().set_modified(m.modified().unwrap());
            let f = std::fs::File::open(upper.join(d)).unwrap();
            f.set_times(times).unwrap();
        }
        let got = changes(std::slice::from_ref(&lower), &upper).unwrap();
        assert_eq!(
            lines(&got),
            [
                "C /etc/passwd",
                "A /new",
                "A /new/f",
                "C /usr",
                "C /usr/local",
                "C /usr/local/bin",
                "A /usr/local/bin/x",
            ]
        );
    }

    #[test]
    fn without_lower_layers_everything_is_added() {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir(t.path().join("d")).unwrap();
        std::fs::write(t.path().join("d/f"), "").unwrap();
        let got = changes(&[], t.path()).unwrap();
        assert_eq!(lines(&got), ["A /d", "A /d/f"]);
    }
}
