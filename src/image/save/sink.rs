//! Where a save writes its members: a tar stream (the archive formats) or a directory (the
//! dir formats). Members are named by their path in the layout.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fsutil::random_hex;

/// A destination for named members.
pub trait Sink {
    /// A member with `data`.
    fn bytes(&mut self, name: &str, data: &[u8]) -> Result<()>;
    /// A member of `size` bytes written by `fill`, which returns how many it wrote.
    fn stream(
        &mut self,
        name: &str,
        size: u64,
        fill: &mut dyn FnMut(&mut dyn Write) -> Result<u64>,
    ) -> Result<()>;
    /// A member whose bytes are the file at `path` (a scratch file the sink may consume).
    fn file(&mut self, name: &str, path: &Path) -> Result<()>;
    /// A directory for scratch files that `file` takes.
    fn scratch(&self) -> &Path;
}

/// Members as tar entries in `out`, in the order given.
pub struct TarSink<'a> {
    pub out: &'a mut dyn Write,
    pub scratch: PathBuf,
    pub label: PathBuf,
}

impl TarSink<'_> {
    fn err(&self, e: io::Error) -> Error {
        Error::io(&self.label, e)
    }

    fn header(&mut self, name: &str, size: u64) -> Result<()> {
        let mut h = tar::Header::new_gnu();
        h.set_path(name).map_err(|e| self.err(e))?;
        h.set_size(size);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_entry_type(tar::EntryType::Regular);
        h.set_cksum();
        let block = h.as_bytes().to_vec();
        self.out.write_all(&block).map_err(|e| self.err(e))
    }

    fn pad(&mut self, size: u64) -> Result<()> {
        let rest = (512 - size % 512) % 512;
        self.out
            .write_all(&vec![0u8; rest as usize])
            .map_err(|e| self.err(e))
    }

    /// The two zero blocks that end a tar.
    pub fn finish(self) -> Result<()> {
        self.out.write_all(&[0u8; 1024]).map_err(|e| self.err(e))?;
        self.out.flush().map_err(|e| self.err(e))
    }
}

impl Sink for TarSink<'_> {
    fn bytes(&mut self, name: &str, data: &[u8]) -> Result<()> {
        self.header(name, data.len() as u64)?;
        self.out.write_all(data).map_err(|e| self.err(e))?;
        self.pad(data.len() as u64)
    }

    fn stream(
        &mut self,
        name: &str,
        size: u64,
        fill: &mut dyn FnMut(&mut dyn Write) -> Result<u64>,
    ) -> Result<()> {
        self.header(name, size)?;
        let wrote = fill(self.out)?;
        if wrote != size {
            return Err(Error::BadImage {
                what: name.to_string(),
                reason: format!("wrote {wrote} bytes where {size} were recorded"),
            });
        }
        self.pad(size)
    }

    fn file(&mut self, name: &str, path: &Path) -> Result<()> {
        let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
        let size = f.metadata().map_err(|e| Error::io(path, e))?.len();
        self.header(name, size)?;
        let copied = io::copy(&mut f, self.out).map_err(|e| self.err(e))?;
        let _ = std::fs::remove_file(path);
        if copied != size {
            return Err(Error::io(path, io::ErrorKind::UnexpectedEof.into()));
        }
        self.pad(size)
    }

    fn scratch(&self) -> &Path {
        &self.scratch
    }
}

/// Members as files under `root` (made beforehand, empty).
pub struct DirSink {
    pub root: PathBuf,
}

impl DirSink {
    fn path(&self, name: &str) -> Result<PathBuf> {
        let p = self.root.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        Ok(p)
    }
}

impl Sink for DirSink {
    fn bytes(&mut self, name: &str, data: &[u8]) -> Result<()> {
        let p = self.path(name)?;
        std::fs::write(&p, data).map_err(|e| Error::io(&p, e))
    }

    fn stream(
        &mut self,
        name: &str,
        size: u64,
        fill: &mut dyn FnMut(&mut dyn Write) -> Result<u64>,
    ) -> Result<()> {
        let p = self.path(name)?;
        let f = File::create(&p).map_err(|e| Error::io(&p, e))?;
        let mut w = io::BufWriter::with_capacity(256 * 1024, f);
        let wrote = fill(&mut w)?;
        w.flush().map_err(|e| Error::io(&p, e))?;
        if wrote != size {
            return Err(Error::BadImage {
                what: name.to_string(),
                reason: format!("wrote {wrote} bytes where {size} were recorded"),
            });
        }
        Ok(())
    }

    fn file(&mut self, name: &str, path: &Path) -> Result<()> {
        let p = self.path(name)?;
        std::fs::rename(path, &p).map_err(|e| Error::io(&p, e))
    }

    fn scratch(&self) -> &Path {
        &self.root
    }
}

/// A scratch file's name in `dir`.
pub fn scratch_file(dir: &Path) -> PathBuf {
    dir.join(format!(".scratch-{}", random_hex(8)))
}
