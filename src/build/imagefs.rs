//! Reading an image's files from its stored layers, top layer first (an overlay whiteout,
//! a character device, hides what is below): whether a COPY destination is a directory,
//! which parents exist, and /etc/passwd for `--chown` names.

use std::os::unix::fs::FileTypeExt;
use std::path::PathBuf;

use crate::image::store::Store;

/// The layers of one image, top first.
pub struct ImageFs {
    diffs: Vec<PathBuf>,
}

impl ImageFs {
    pub fn new(store: &Store, layers: &[String]) -> ImageFs {
        ImageFs {
            diffs: layers.iter().rev().map(|c| store.layer_diff(c)).collect(),
        }
    }

    fn find(&self, path: &str) -> Option<(PathBuf, std::fs::Metadata)> {
        let rel = path.trim_start_matches('/');
        for d in &self.diffs {
            let p = d.join(rel);
            if let Ok(m) = std::fs::symlink_metadata(&p) {
                if m.file_type().is_char_device() && m.len() == 0 {
                    return None;
                }
                return Some((p, m));
            }
        }
        None
    }

    pub fn is_dir(&self, path: &str) -> bool {
        if path.trim_matches('/').is_empty() {
            return true;
        }
        self.find(path).is_some_and(|(_, m)| m.is_dir())
    }

    pub fn exists(&self, path: &str) -> bool {
        path.trim_matches('/').is_empty() || self.find(path).is_some()
    }

    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        let (p, m) = self.find(path)?;
        m.is_file().then(|| std::fs::read(p).ok()).flatten()
    }
}

/// `--chown` USER[:GROUP] as ids: numbers as given, names through the image's files.
pub fn owner(fs: &ImageFs, spec: &str) -> Result<(u32, u32), String> {
    let (user, group) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let lookup = |file: &str, name: &str, field: usize| -> Result<u32, String> {
        if let Ok(n) = name.parse() {
            return Ok(n);
        }
        let text = fs.read(file).unwrap_or_default();
        String::from_utf8_lossy(&text)
            .lines()
            .map(|l| l.split(':').collect::<Vec<_>>())
            .find(|f| f.first() == Some(&name))
            .and_then(|f| f.get(field).and_then(|v| v.parse().ok()))
            .ok_or_else(|| format!("looking up {name:?} in {file}: no such entry"))
    };
    let uid = lookup("/etc/passwd", user, 2)?;
    let gid = match group {
        Some(g) => lookup("/etc/group", g, 2)?,
        // The user's primary group when only a name is given.
        None if user.parse::<u32>().is_err() => lookup("/etc/passwd", user, 3)?,
        None => uid,
    };
    Ok((uid, gid))
}
