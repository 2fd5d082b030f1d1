//! The outer tarball of `ctl load`, indexed by member path.
//!
//! A plain tar in a regular file is read in place: one pass over its headers (seeking past
//! the data) records where each member's bytes are, and members are later read with
//! `pread`. A compressed tarball or a pipe is read once, and its regular files are copied
//! into a staging directory under numbered names (never under the archive's own paths, so
//! nothing the archive says can place a file anywhere). Symlinks and hard links become
//! aliases in the index, resolved inside the archive; nothing is ever created for them.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use tar::EntryType;

use crate::error::{Error, Result};
use crate::image::store::{Staging, Store};

/// How many links a member name may go through before it is taken for a loop.
const MAX_LINK_HOPS: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    None,
    Gzip,
    Zstd,
    Xz,
    Bzip2,
}

/// The compression of a stream that starts with `head`.
pub(crate) fn sniff(head: &[u8]) -> Compression {
    match head {
        [0x1f, 0x8b, ..] => Compression::Gzip,
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Compression::Zstd,
        [0xfd, b'7', b'z', b'X', b'Z', 0, ..] => Compression::Xz,
        [b'B', b'Z', b'h', ..] => Compression::Bzip2,
        _ => Compression::None,
    }
}

/// A decompressing reader over `raw`, or an error naming a compression ctl cannot read.
pub(crate) fn decompress<'a, R: io::BufRead + 'a>(
    raw: R,
) -> std::result::Result<Box<dyn Read + 'a>, String> {
    let mut raw = raw;
    let kind = sniff(raw.fill_buf().map_err(|e| format!("reading: {e}"))?);
    Ok(match kind {
        Compression::None => Box::new(raw),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(raw)),
        Compression::Zstd => Box::new(
            zstd::stream::read::Decoder::with_buffer(raw).map_err(|e| format!("zstd: {e}"))?,
        ),
        Compression::Xz => return Err("xz compression is not supported; use gzip or zstd".into()),
        Compression::Bzip2 => {
            return Err("bzip2 compression is not supported; use gzip or zstd".into())
        }
    })
}

/// `p` as a clean relative path inside the archive (`./a//b` → `a/b`); `None` for an
/// absolute path or one with a `..` component.
pub(crate) fn normalize(p: &str) -> Option<String> {
    if p.starts_with('/') {
        return None;
    }
    let mut parts = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => return None,
            c => parts.push(c),
        }
    }
    Some(parts.join("/"))
}

/// Where the symlink at `link` (a clean path) points, as a clean path; `None` when the
/// target is absolute or climbs out of the archive.
pub(crate) fn resolve_symlink(link: &str, target: &str) -> Option<String> {
    if target.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = link.split('/').collect();
    parts.pop();
    for c in target.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            c => parts.push(c),
        }
    }
    Some(parts.join("/"))
}

#[derive(Debug, Clone)]
enum Member {
    /// Bytes at `at` (a file offset in place, or the staged file's number), `size` long.
    File { at: u64, size: u64 },
    /// Another member's name.
    Alias(String),
}

#[derive(Debug)]
enum Backing {
    InPlace(File),
    Staged(Staging),
    /// A directory layout (oci-dir, docker-dir): member `at` is the file at index `at`.
    Dir(Vec<PathBuf>),
}

/// An indexed outer archive.
#[derive(Debug)]
pub(crate) struct Outer {
    label: PathBuf,
    members: HashMap<String, Member>,
    backing: Backing,
}

impl Outer {
    /// Indexes the archive in `file` (a regular file, or a pipe such as stdin); `label`
    /// names it in errors. Staged copies go to a directory from `store`.
    pub(crate) fn open(store: &Store, file: File, label: &Path) -> Result<Outer> {
        let meta = file.metadata().map_err(|e| Error::Archive {
            path: label.to_path_buf(),
            reason: format!("reading: {e}"),
        })?;
        let mut head = [0u8; 6];
        // In place needs a seekable plain tar that starts at offset 0 (tar counts from there).
        let plain = meta.is_file()
            && (&file).stream_position().ok() == Some(0)
            && file
                .read_at(&mut head, 0)
                .is_ok_and(|n| sniff(&head[..n]) == Compression::None);
        let mut outer = Outer {
            label: label.to_path_buf(),
            members: HashMap::new(),
            backing: Backing::InPlace(file),
        };
        if plain {
            outer.index_in_place(meta.len())?;
        } else {
            let staged = Backing::Staged(store.stage()?);
            let Backing::InPlace(file) = std::mem::replace(&mut outer.backing, staged) else {
                unreachable!("just set")
            };
            outer.index_staged(BufReader::with_capacity(256 * 1024, file))?;
        }
        Ok(outer)
    }

    /// Indexes the directory layout at `dir`: its regular files by relative path. Symlinks
    /// and special files are left out, so nothing outside the directory is ever read.
    pub(crate) fn open_dir(dir: &Path) -> Result<Outer> {
        let mut outer = Outer {
            label: dir.to_path_buf(),
            members: HashMap::new(),
            backing: Backing::Dir(Vec::new()),
        };
        let mut files = Vec::new();
        let mut todo = vec![(dir.to_path_buf(), String::new())];
        while let Some((path, rel)) = todo.pop() {
            for e in std::fs::read_dir(&path).map_err(|e| Error::io(&path, e))? {
                let e = e.map_err(|e| Error::io(&path, e))?;
                let Ok(name) = e.file_name().into_string() else {
                    continue;
                };
                let sub = match rel.is_empty() {
                    true => name,
                    false => format!("{rel}/{name}"),
                };
                let ft = e.file_type().map_err(|err| Error::io(e.path(), err))?;
                if ft.is_dir() {
                    todo.push((e.path(), sub));
                } else if ft.is_file() {
                    let size = e.metadata().map_err(|err| Error::io(e.path(), err))?.len();
                    let at = files.len() as u64;
                    files.push(e.path());
                    outer.members.insert(sub, Member::File { at, size });
                }
            }
        }
        outer.backing = Backing::Dir(files);
        Ok(outer)
    }

    /// An archive error naming this archive.
    pub(crate) fn err(&self, reason: impl Into<String>) -> Error {
        Error::Archive {
            path: self.label.clone(),
            reason: reason.into(),
        }
    }

    fn io(&self, doing: &str, e: io::Error) -> Error {
        self.err(format!("{doing}: {e}"))
    }

    /// A tar parse error; tar quotes header bytes, which are binary junk in a corrupt one.
    fn bad_tar(&self, e: io::Error) -> Error {
        let text = e.to_string();
        if text.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
            self.err(format!("not a valid tar archive: {text}"))
        } else {
            self.err("not a valid tar archive (corrupt header)")
        }
    }

    fn index_in_place(&mut self, len: u64) -> Result<()> {
        let Backing::InPlace(file) = &self.backing else {
            unreachable!()
        };
        let mut found = Vec::new();
        let mut archive = tar::Archive::new(BufReader::new(file));
        let entries = archive
            .entries_with_seek()
            .map_err(|e| self.io("not a tar archive", e))?;
        for entry in entries {
            let entry = entry.map_err(|e| self.bad_tar(e))?;
            let Some((name, kind)) = self.classify(&entry)? else {
                continue;
            };
            let member = match kind {
                Some(alias) => Member::Alias(alias),
                None => {
                    let (at, size) = (entry.raw_file_position(), entry.size());
                    if at.checked_add(size).is_none_or(|end| end > len) {
                        return Err(self.err(format!("entry '{name}' is truncated")));
                    }
                    Member::File { at, size }
                }
            };
            found.push((name, member));
        }
        self.members.extend(found);
        Ok(())
    }

    fn index_staged(&mut self, raw: BufReader<File>) -> Result<()> {
        let Backing::Staged(staging) = &self.backing else {
            unreachable!()
        };
        let dir = staging.path().to_path_buf();
        let stream = decompress(raw).map_err(|r| self.err(r))?;
        let mut archive = tar::Archive::new(stream);
        let mut found = Vec::new();
        let entries = archive
            .entries()
            .map_err(|e| self.io("not a tar archive", e))?;
        for (n, entry) in entries.enumerate() {
            let mut entry = entry.map_err(|e| self.bad_tar(e))?;
            let Some((name, kind)) = self.classify(&entry)? else {
                continue;
            };
            let member = match kind {
                Some(alias) => Member::Alias(alias),
                None => {
                    let path = dir.join(n.to_string());
                    let mut out = File::create_new(&path).map_err(|e| Error::io(&path, e))?;
                    let copied = io::copy(&mut entry, &mut out)
                        .map_err(|e| self.io(&format!("reading entry '{name}'"), e))?;
                    if copied != entry.size() {
                        return Err(self.err(format!("entry '{name}' is truncated")));
                    }
                    Member::File {
                        at: n as u64,
                        size: copied,
                    }
                }
            };
            found.push((name, member));
        }
        self.members.extend(found);
        Ok(())
    }

    /// The entry's clean name and, for a link, the name it aliases; `None` for entries the
    /// index skips (directories, global headers). Refuses unsafe names and special files.
    fn classify<R: Read>(
        &self,
        entry: &tar::Entry<'_, R>,
    ) -> Result<Option<(String, Option<String>)>> {
        let raw = entry.path_bytes();
        let shown = String::from_utf8_lossy(&raw).into_owned();
        let kind = entry.header().entry_type();
        if kind == EntryType::XGlobalHeader {
            return Ok(None);
        }
        let name = std::str::from_utf8(&raw)
            .ok()
            .and_then(normalize)
            .ok_or_else(|| {
                self.err(format!(
                    "entry '{shown}' has an unsafe path (absolute, '..' or not UTF-8)"
                ))
            })?;
        let link = || -> Result<String> {
            let l = entry.link_name_bytes().unwrap_or_default();
            std::str::from_utf8(&l)
                .map(str::to_string)
                .map_err(|_| self.err(format!("link '{shown}' has a target that is not UTF-8")))
        };
        match kind {
            EntryType::Directory => Ok(None),
            EntryType::Regular | EntryType::Continuous => Ok(Some((name, None))),
            EntryType::Symlink => {
                let target = link()?;
                let alias = resolve_symlink(&name, &target).ok_or_else(|| {
                    self.err(format!(
                        "symlink '{shown}' points outside the archive ('{target}')"
                    ))
                })?;
                Ok(Some((name, Some(alias))))
            }
            EntryType::Link => {
                let target = link()?;
                let alias = normalize(&target).ok_or_else(|| {
                    self.err(format!(
                        "hard link '{shown}' has an unsafe target '{target}'"
                    ))
                })?;
                Ok(Some((name, Some(alias))))
            }
            other => Err(self.err(format!(
                "entry '{shown}' is a {other:?} entry; only files, directories and links may be \
                 in an image archive"
            ))),
        }
    }

    /// The file member `name` finally stands for, following aliases.
    fn resolve(&self, name: &str) -> Option<(u64, u64)> {
        let mut name = name;
        for _ in 0..MAX_LINK_HOPS {
            match self.members.get(name)? {
                Member::File { at, size } => return Some((*at, *size)),
                Member::Alias(next) => name = next,
            }
        }
        None
    }

    /// Whether `name` is a file in the archive (through links).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.resolve(name).is_some()
    }

    /// The size of member `name`; a missing one is an error saying `named_by` (e.g.
    /// "manifest.json names layer") names it.
    pub(crate) fn size(&self, name: &str, named_by: &str) -> Result<u64> {
        self.resolve(name)
            .map(|(_, s)| s)
            .ok_or_else(|| self.err(format!("{named_by} '{name}' which is not in the archive")))
    }

    /// A reader over member `name`'s bytes.
    pub(crate) fn open_member(&self, name: &str, named_by: &str) -> Result<Box<dyn Read + '_>> {
        let size = self.size(name, named_by)?;
        let (at, _) = self.resolve(name).expect("resolved above");
        Ok(match &self.backing {
            Backing::InPlace(file) => Box::new(RangeReader {
                file,
                pos: at,
                end: at + size,
            }),
            Backing::Staged(staging) => {
                let p = staging.path().join(at.to_string());
                Box::new(File::open(&p).map_err(|e| Error::io(&p, e))?)
            }
            Backing::Dir(files) => {
                let p = &files[at as usize];
                let f = File::open(p).map_err(|e| Error::io(p, e))?;
                Box::new(f.take(size))
            }
        })
    }

    /// Member `name` read whole, refused when larger than `limit` bytes (metadata only).
    pub(crate) fn read_small(&self, name: &str, named_by: &str, limit: u64) -> Result<Vec<u8>> {
        let size = self.size(name, named_by)?;
        if size > limit {
            return Err(self.err(format!(
                "'{name}' is {size} bytes; metadata larger than {limit} bytes is refused"
            )));
        }
        let mut data = Vec::with_capacity(size as usize);
        self.open_member(name, named_by)?
            .read_to_end(&mut data)
            .map_err(|e| self.io(&format!("reading '{name}'"), e))?;
        Ok(data)
    }
}

/// Reads `file[pos..end]` with pread; running out early is an error, not an end.
struct RangeReader<'a> {
    file: &'a File,
    pos: u64,
    end: u64,
}

impl Read for RangeReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = (self.end - self.pos).min(buf.len() as u64) as usize;
        if want == 0 {
            return Ok(0);
        }
        let n = self.file.read_at(&mut buf[..want], self.pos)?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "archive ends inside a member",
            ));
        }
        self.pos += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::archive::tests::{gzip, RawTar};

    #[test]
    fn names_are_normalized_and_unsafe_ones_refused() {
        assert_eq!(normalize("./a//b/./c").as_deref(), Some("a/b/c"));
        assert_eq!(normalize("manifest.json").as_deref(), Some("manifest.json"));
        assert_eq!(normalize("./").as_deref(), Some(""));
        assert_eq!(normalize("/etc/passwd"), None);
        assert_eq!(normalize("a/../../b"), None);
        assert_eq!(normalize(".."), None);
    }

    #[test]
    fn symlinks_resolve_inside_the_archive_only() {
        assert_eq!(
            resolve_symlink("abc/layer.tar", "../def/layer.tar").as_deref(),
            Some("def/layer.tar")
        );
        assert_eq!(
            resolve_symlink("abc/layer.tar", "other.tar").as_deref(),
            Some("abc/other.tar")
        );
        assert_eq!(resolve_symlink("abc/layer.tar", "../../x"), None);
        assert_eq!(resolve_symlink("abc/layer.tar", "/etc/passwd"), None);
    }

    #[test]
    fn sniffs_outer_compression() {
        assert_eq!(sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(sniff(&[0x28, 0xb5, 0x2f, 0xfd]), Compression::Zstd);
        assert_eq!(sniff(b"\xfd7zXZ\0"), Compression::Xz);
        assert_eq!(sniff(b"BZh9"), Compression::Bzip2);
        assert_eq!(sniff(b"manifest.json\0"), Compression::None);
    }

    fn sample() -> Vec<u8> {
        let mut t = RawTar::new();
        t.dir("abc/")
            .file("abc/layer.tar", b"layer bytes")
            .symlink("def/layer.tar", "../abc/layer.tar")
            .hardlink("copy.tar", "abc/layer.tar")
            .file("./manifest.json", b"[]");
        t.finish()
    }

    fn check(outer: &Outer) {
        assert!(outer.has("manifest.json"));
        assert!(!outer.has("abc"));
        for name in ["abc/layer.tar", "def/layer.tar", "copy.tar"] {
            assert_eq!(outer.read_small(name, "test", 100).unwrap(), b"layer bytes");
        }
        let e = outer
            .read_small("nope", "manifest.json names layer", 10)
            .unwrap_err();
        assert!(
            e.to_string()
                .ends_with("manifest.json names layer 'nope' which is not in the archive"),
            "{e}"
        );
        let e = outer.read_small("abc/layer.tar", "test", 3).unwrap_err();
        assert!(e.to_string().contains("larger than 3 bytes"), "{e}");
    }

    #[test]
    fn plain_files_are_read_in_place_and_compressed_ones_staged() {
        let d = tempfile::tempdir().unwrap();
        let store = Store::open(&d.path().join("store")).unwrap();
        let plain = d.path().join("plain.tar");
        std::fs::write(&plain, sample()).unwrap();
        let outer = Outer::open(&store, File::open(&plain).unwrap(), &plain).unwrap();
        assert!(matches!(outer.backing, Backing::InPlace(_)));
        check(&outer);

        let packed = d.path().join("packed.tar.gz");
        std::fs::write(&packed, gzip(&sample())).unwrap();
        let outer = Outer::open(&store, File::open(&packed).unwrap(), &packed).unwrap();
        let Backing::Staged(st) = &outer.backing else {
            panic!("a compressed archive is staged")
        };
        let staged = st.path().to_path_buf();
        // Only numbered regular files: no directories, no links, no archive paths.
        for e in std::fs::read_dir(&staged).unwrap() {
            let e = e.unwrap();
            assert!(e.file_type().unwrap().is_file());
            assert!(e.file_name().to_string_lossy().parse::<u32>().is_ok());
        }
        check(&outer);
        drop(outer);
        assert!(!staged.exists(), "staging is removed with the archive");
    }

    fn open_err(data: Vec<u8>) -> String {
        let d = tempfile::tempdir().unwrap();
        let store = Store::open(&d.path().join("store")).unwrap();
        let p = d.path().join("x.tar");
        std::fs::write(&p, &data).unwrap();
        let plain = Outer::open(&store, File::open(&p).unwrap(), &p)
            .unwrap_err()
            .to_string();
        std::fs::write(&p, gzip(&data)).unwrap();
        let staged = Outer::open(&store, File::open(&p).unwrap(), &p)
            .unwrap_err()
            .to_string();
        assert!(
            plain.starts_with(&format!("archive {}: ", p.display())),
            "{plain}"
        );
        assert!(
            staged.starts_with(&format!("archive {}: ", p.display())),
            "{staged}"
        );
        plain
    }

    #[test]
    fn hostile_outer_entries_are_refused() {
        let mut t = RawTar::new();
        t.file("../evil", b"x");
        assert!(open_err(t.finish()).contains("unsafe path"));
        let mut t = RawTar::new();
        t.file("/abs", b"x");
        assert!(open_err(t.finish()).contains("unsafe path"));
        let mut t = RawTar::new();
        t.symlink("a/link", "../../etc/passwd");
        assert!(open_err(t.finish()).contains("points outside"));
        let mut t = RawTar::new();
        t.symlink("link", "/etc/passwd");
        assert!(open_err(t.finish()).contains("points outside"));
        let mut t = RawTar::new();
        t.fifo("pipe");
        assert!(open_err(t.finish()).contains("only files, directories and links"));
    }

    #[test]
    fn truncated_and_garbage_archives_give_errors() {
        let mut t = RawTar::new();
        t.file("big", &[7u8; 4096]);
        let mut data = t.finish();
        data.truncate(512 + 1000);
        assert!(open_err(data).contains("truncated"));
        let garbage: Vec<u8> = (0..2048u32).map(|i| (i * 7 + 3) as u8).collect();
        let e = open_err(garbage);
        assert!(e.contains("tar"), "{e}");
    }

    #[test]
    fn link_loops_are_not_followed_forever() {
        let d = tempfile::tempdir().unwrap();
        let store = Store::open(&d.path().join("store")).unwrap();
        let mut t = RawTar::new();
        t.symlink("a", "b").symlink("b", "a");
        let p = d.path().join("loop.tar");
        std::fs::write(&p, t.finish()).unwrap();
        let outer = Outer::open(&store, File::open(&p).unwrap(), &p).unwrap();
        assert!(!outer.has("a"));
        assert!(outer.size("a", "manifest.json names layer").is_err());
    }
}
