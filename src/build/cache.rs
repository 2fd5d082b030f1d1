//! The build cache: `build-cache/<key>` in the store holds the id of the image a step made
//! from (parent image, instruction as expanded, content digest). Written atomically after
//! the image is stored; an entry whose image was removed is a miss.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::image::store::{ImageRecord, Store};

pub struct Cache {
    dir: PathBuf,
}

/// The key of one step.
pub fn key(parent: &str, instruction: &str, content: &str) -> String {
    let mut h = Sha256::new();
    for part in [parent, instruction, content] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    format!("{:x}", h.finalize())
}

impl Cache {
    pub fn open(store: &Store) -> Cache {
        Cache {
            dir: store.root().join("build-cache"),
        }
    }

    /// The image cached under `key`, if it is still in the store.
    pub fn get(&self, store: &Store, key: &str) -> Option<ImageRecord> {
        let id = std::fs::read_to_string(self.dir.join(key)).ok()?;
        store.image(id.trim()).ok()
    }

    pub fn put(&self, key: &str, image_id: &str) -> crate::Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|e| crate::Error::io(&self.dir, e))?;
        crate::fsutil::atomic_write(&self.dir.join(key), image_id.as_bytes())
    }
}
