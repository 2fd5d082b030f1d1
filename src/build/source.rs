//! COPY and ADD sources: found under their root (the context, or another stage's or
//! image's mounted rootfs) without leaving it, the context's ignore rules applied, mapped
//! to their destinations; then written as one layer's tar, or hashed for the cache
//! (content, destination, mode and owner; not the times).

use std::collections::BTreeSet;
use std::fs::Metadata;
use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::build::ignore::{clean, glob_regex, has_glob, Ignore};
use crate::build::imagefs::ImageFs;

/// One file, directory or link to copy, or an archive ADD unpacks at `dest`.
#[derive(Debug)]
pub struct Item {
    /// Absolute path in the image.
    pub dest: String,
    pub src: PathBuf,
    pub meta: Metadata,
    pub archive: bool,
}

/// How the copied files are owned and moded.
#[derive(Debug, Clone, Copy, Default)]
pub struct Attrs {
    pub owner: (u32, u32),
    pub chmod: Option<u32>,
}

/// Finds the sources under `root` and where they go. `dest` is absolute.
pub fn collect(
    root: &Path,
    sources: &[String],
    dest: &str,
    ignore: &Ignore,
    image: &ImageFs,
    add: bool,
) -> Result<Vec<Item>, String> {
    let under = || format!("checking on sources under {:?}", root.display().to_string());
    let canon_root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", under()))?;
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for s in sources {
        if s.contains("://") {
            return Err(format!("source can't be a URL for COPY or ADD: {s}"));
        }
        if escapes(s) {
            return Err(format!(
                "{}: possible escaping context directory error: {s:?} is outside it",
                under()
            ));
        }
        let rel = clean(s);
        if has_glob(&rel) {
            let re = glob_regex(&rel).ok_or_else(|| format!("bad pattern {s:?}"))?;
            let mut all = Vec::new();
            walk(root, "", ignore, &mut all);
            let hits: Vec<_> = all.into_iter().filter(|r| re.is_match(r)).collect();
            if hits.is_empty() {
                return Err(format!("{}: no items matching glob {s:?}", under()));
            }
            found.extend(hits.into_iter().map(|h| (h.clone(), root.join(h))));
            continue;
        }
        let path = root.join(&rel);
        let real = path
            .canonicalize()
            .ok()
            .filter(|_| rel.is_empty() || !ignore.excluded(&rel));
        let Some(real) = real else {
            return Err(format!(
                "{}: copier: stat: {:?}: no such file or directory",
                under(),
                format!("/{rel}")
            ));
        };
        if !real.starts_with(&canon_root) {
            return Err(format!(
                "{}: possible escaping context directory error: {s:?} leads outside it",
                under()
            ));
        }
        found.push((rel, real));
    }
    let many = found.len() > 1 || sources.iter().any(|s| has_glob(s));
    let dest_is_dir = dest.ends_with('/') || image.is_dir(dest);
    if many && !dest.ends_with('/') && !image.is_dir(dest) {
        return Err(
            "When using COPY with more than one source file, the destination must be a \
             directory and end with a /"
                .into(),
        );
    }
    let base = dest.trim_end_matches('/');
    let mut items = Vec::new();
    for (rel, real) in found {
        let meta = std::fs::metadata(&real).map_err(|e| format!("{}: {e}", real.display()))?;
        if meta.is_dir() {
            let mut children = Vec::new();
            walk(root, &rel, ignore, &mut children);
            for c in children {
                let sub = c.strip_prefix(&rel).unwrap_or(&c).trim_start_matches('/');
                let src = root.join(&c);
                let meta = std::fs::symlink_metadata(&src)
                    .map_err(|e| format!("{}: {e}", src.display()))?;
                items.push(Item {
                    dest: format!("{base}/{sub}"),
                    src,
                    meta,
                    archive: false,
                });
            }
            continue;
        }
        let name = real
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let archive = add && is_archive(&name);
        let d = match dest_is_dir || archive {
            true if archive => base.to_string(),
            true => format!("{base}/{name}"),
            false => base.to_string(),
        };
        items.push(Item {
            dest: if d.is_empty() { "/".into() } else { d },
            src: real,
            meta,
            archive,
        });
    }
    Ok(items)
}

/// Whether a source's `..` climbs above its root (an absolute source is read under it).
fn escapes(s: &str) -> bool {
    let mut depth = 0i32;
    for part in s.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            _ => depth += 1,
        }
    }
    false
}

/// Relative paths under `root/rel`, sorted, ignored ones left out; links not followed.
fn walk(root: &Path, rel: &str, ignore: &Ignore, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(root.join(rel)) else {
        return;
    };
    let mut names: Vec<String> = rd
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for n in names {
        let r = match rel.is_empty() {
            true => n,
            false => format!("{rel}/{n}"),
        };
        if ignore.excluded(&r) {
            continue;
        }
        out.push(r.clone());
        if std::fs::symlink_metadata(root.join(&r)).is_ok_and(|m| m.is_dir()) {
            walk(root, &r, ignore, out);
        }
    }
}

fn is_archive(name: &str) -> bool {
    [".tar", ".tar.gz", ".tgz", ".tar.zst"]
        .iter()
        .any(|e| name.ends_with(e))
}

/// The directories above the items that the image lacks (made 0755, root's).
pub fn missing_parents(items: &[Item], image: &ImageFs, dest_dir: Option<&str>) -> Vec<String> {
    let mut set = BTreeSet::new();
    let mut add = |p: &str| {
        let mut cur = String::new();
        for part in p.trim_matches('/').split('/').filter(|s| !s.is_empty()) {
            cur.push('/');
            cur.push_str(part);
            if !image.exists(&cur) {
                set.insert(cur.clone());
            }
        }
    };
    for i in items {
        let parent = Path::new(&i.dest)
            .parent()
            .map(|p| p.to_string_lossy().into_owned());
        add(&parent.unwrap_or_default());
        if i.archive {
            add(&i.dest);
        }
    }
    if let Some(d) = dest_dir {
        add(d);
    }
    set.into_iter().collect()
}

fn mode(i: &Item, a: &Attrs) -> u32 {
    match (a.chmod, i.meta.file_type().is_symlink()) {
        (Some(m), false) => m,
        _ => i.meta.permissions().mode() & 0o7777,
    }
}

/// What the cache keys on: each item's destination, type, mode, owner and content.
pub fn digest(items: &[Item], a: &Attrs) -> io::Result<String> {
    let mut h = Sha256::new();
    for i in items {
        h.update(format!(
            "{}\0{:o}\0{}:{}\0",
            i.dest,
            mode(i, a),
            a.owner.0,
            a.owner.1
        ));
        let ft = i.meta.file_type();
        if ft.is_symlink() {
            h.update(b"l");
            h.update(std::fs::read_link(&i.src)?.as_os_str().as_encoded_bytes());
        } else if ft.is_file() {
            h.update(b"f");
            io::copy(&mut std::fs::File::open(&i.src)?, &mut HashWriter(&mut h))?;
        } else {
            h.update(b"d");
        }
        h.update(b"\0");
    }
    Ok(format!("{:x}", h.finalize()))
}

struct HashWriter<'a>(&'a mut Sha256);

impl Write for HashWriter<'_> {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.update(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The layer: missing parents, then the items (archives unpacked in place).
pub fn write_tar(
    items: &[Item],
    parents: &[String],
    a: &Attrs,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut b = tar::Builder::new(out);
    b.follow_symlinks(false);
    for p in parents {
        let mut hd = tar::Header::new_gnu();
        hd.set_entry_type(tar::EntryType::Directory);
        hd.set_mode(0o755);
        hd.set_size(0);
        hd.set_mtime(0);
        b.append_data(&mut hd, p.trim_start_matches('/'), io::empty())?;
    }
    for i in items {
        if i.archive {
            unpack_archive(&mut b, i)?;
            continue;
        }
        let path = i.dest.trim_start_matches('/');
        let mut hd = tar::Header::new_gnu();
        hd.set_mode(mode(i, a));
        hd.set_uid(a.owner.0 as u64);
        hd.set_gid(a.owner.1 as u64);
        hd.set_mtime(i.meta.mtime().max(0) as u64);
        let ft = i.meta.file_type();
        if ft.is_symlink() {
            hd.set_entry_type(tar::EntryType::Symlink);
            hd.set_size(0);
            b.append_link(&mut hd, path, std::fs::read_link(&i.src)?)?;
        } else if ft.is_dir() {
            hd.set_entry_type(tar::EntryType::Directory);
            hd.set_size(0);
            b.append_data(&mut hd, path, io::empty())?;
        } else if ft.is_file() {
            hd.set_entry_type(tar::EntryType::Regular);
            hd.set_size(i.meta.len());
            b.append_data(&mut hd, path, std::fs::File::open(&i.src)?)?;
        }
        // Devices, sockets and fifos in a context are not copied, as Docker's.
    }
    b.finish()
}

/// ADD of a local archive: its entries under the destination, none climbing out of it.
fn unpack_archive(b: &mut tar::Builder<&mut dyn Write>, i: &Item) -> io::Result<()> {
    let f = std::fs::File::open(&i.src)?;
    let name = i.src.to_string_lossy();
    let r: Box<dyn Read> = if name.ends_with(".gz") || name.ends_with(".tgz") {
        Box::new(flate2::read::GzDecoder::new(f))
    } else if name.ends_with(".zst") {
        Box::new(zstd::Decoder::new(f)?)
    } else {
        Box::new(f)
    };
    let mut ar = tar::Archive::new(r);
    for e in ar.entries()? {
        let mut e = e?;
        let p = e.path()?.to_string_lossy().into_owned();
        if escapes(&p) {
            return Err(io::Error::other(format!(
                "{name}: entry {p:?} leaves the destination"
            )));
        }
        let dest = format!("{}/{}", i.dest.trim_end_matches('/'), clean(&p));
        let mut hd = e.header().clone();
        let target = e.link_name()?.map(|l| l.into_owned());
        match target {
            Some(t) if hd.entry_type().is_hard_link() => {
                let t = format!(
                    "{}/{}",
                    i.dest.trim_matches('/'),
                    clean(&t.to_string_lossy())
                );
                b.append_link(&mut hd, dest.trim_start_matches('/'), t)?
            }
            Some(t) => b.append_link(&mut hd, dest.trim_start_matches('/'), t)?,
            None => b.append_data(&mut hd, dest.trim_start_matches('/'), &mut e)?,
        }
    }
    Ok(())
}
