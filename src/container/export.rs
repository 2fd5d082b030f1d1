//! `ctl export`: a container's merged rootfs as a tar stream, as `podman export` writes it:
//! the overlay alone, so volumes and bind mounts (mounted in the container's own mount
//! namespace) are not in it. Owners, modes, times, symlinks, hard links, devices and
//! xattrs are kept.
//!
//! The tree is walked by file descriptors (openat with O_NOFOLLOW): a running container
//! that swaps a directory for a symlink meanwhile cannot make the walk leave its rootfs.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fs::File;
use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::dir::Dir;
use nix::fcntl::{openat, readlinkat, AtFlags, OFlag};
use nix::sys::stat::{fstatat, FileStat, Mode, SFlag};
use tar::{EntryType, Header};
use xattr::FileExt;

use crate::container::lifecycle::Manager;
use crate::error::{Error, Result};

impl Manager {
    /// Writes the container's rootfs to `out` as tar; a rootfs that is not mounted (a
    /// stopped container) is mounted for that time, under the container's lock.
    pub fn export(&self, id: &str, out: &mut dyn Write) -> Result<()> {
        let h = self.hold(id)?;
        self.with_rootfs(&h, |root| write_tree(root, out))?;
        self.event("export", &h.config);
        Ok(())
    }
}

/// Writes the tree under `root` (not `root` itself) to `out` as tar, in name order.
pub fn write_tree(root: &Path, out: &mut dyn Write) -> Result<()> {
    write(root, out, false)
}

/// Writes an overlay upper directory as a layer tar: a whiteout (a 0/0 character device)
/// becomes an empty `.wh.NAME`, an opaque directory (`trusted.overlay.opaque` or, rootless,
/// `user.overlay.opaque` = y) gets a `.wh..wh..opq` entry after its own.
pub fn write_layer(upper: &Path, out: &mut dyn Write) -> Result<()> {
    write(upper, out, true)
}

fn write(root: &Path, out: &mut dyn Write, layer: bool) -> Result<()> {
    let io = |e: std::io::Error| Error::io(root, e);
    let fd = open_dir(None, root.as_os_str()).map_err(|e| Error::io(root, e.into()))?;
    let mut w = Writer {
        tar: tar::Builder::new(out),
        links: HashMap::new(),
        root,
        layer,
        recurse: true,
    };
    w.dir(&fd, PathBuf::new())?;
    w.tar.finish().map_err(io)?;
    Ok(())
}

/// What the layer directories `uppers` say of one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Present,
    Opaque,
}

/// Collects every path under `dir` (relative to `top`), a whiteout as the path it hides.
fn collect(
    top: &Path,
    dir: &Path,
    out: &mut std::collections::BTreeMap<PathBuf, Named>,
) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let rel = e.path().strip_prefix(top).expect("under top").to_path_buf();
        let t = e.file_type()?;
        let named = if t.is_dir() && is_opaque(&File::open(e.path())?) {
            Named::Opaque
        } else {
            Named::Present
        };
        let slot = out.entry(rel).or_insert(named);
        if named == Named::Opaque {
            *slot = Named::Opaque;
        }
        if t.is_dir() {
            collect(top, &e.path(), out)?;
        }
    }
    Ok(())
}

/// Writes one layer that stands for the layer directories `uppers` (as overlay stacks them)
/// over whatever is below them: each path they name as the merged tree `root` shows it
/// (directories without their other entries), a whiteout for one `root` lacks, and the
/// opaque marker for a directory any of them made opaque. Parents are opened without
/// following links, so a path under what became a symlink is left out.
pub fn write_union(root: &Path, uppers: &[PathBuf], out: &mut dyn Write) -> Result<()> {
    let mut paths = std::collections::BTreeMap::new();
    for u in uppers {
        collect(u, u, &mut paths).map_err(|e| Error::io(u, e))?;
    }
    let top = open_dir(None, root.as_os_str()).map_err(|e| Error::io(root, e.into()))?;
    let mut w = Writer {
        tar: tar::Builder::new(out),
        links: HashMap::new(),
        root,
        layer: false,
        recurse: false,
    };
    for (rel, named) in paths {
        let Some(name) = rel.file_name().map(|n| n.to_os_string()) else {
            continue;
        };
        let parent_rel = rel.parent().unwrap_or(Path::new(""));
        let Ok(parent) = open_path(&top, parent_rel) else {
            continue;
        };
        match fstatat(
            parent.as_fd(),
            name.as_os_str(),
            AtFlags::AT_SYMLINK_NOFOLLOW,
        ) {
            Ok(st) => {
                w.entry(&parent, &name, &rel, &st)?;
                let is_dir =
                    SFlag::from_bits_truncate(st.st_mode & SFlag::S_IFMT.bits()) == SFlag::S_IFDIR;
                if named == Named::Opaque && is_dir {
                    w.whiteout(&rel, OPAQUE.as_ref())?;
                }
            }
            Err(nix::errno::Errno::ENOENT) => {
                let mut wh = OsString::from(".wh.");
                wh.push(&name);
                w.whiteout(parent_rel, &wh)?;
            }
            Err(e) => return Err(Error::io(root.join(&rel), e.into())),
        }
    }
    w.tar.finish().map_err(|e| Error::io(root, e))?;
    Ok(())
}

/// The directory `rel` under `top`, each component opened without following links.
fn open_path(top: &OwnedFd, rel: &Path) -> nix::Result<OwnedFd> {
    let mut fd = top.try_clone().map_err(|_| nix::errno::Errno::EBADF)?;
    for c in rel.components() {
        fd = open_dir(Some(&fd), c.as_os_str())?;
    }
    Ok(fd)
}

struct Writer<'a> {
    tar: tar::Builder<&'a mut dyn Write>,
    /// (device, inode) of files with several links -> the first name written.
    links: HashMap<(u64, u64), PathBuf>,
    root: &'a Path,
    /// Overlay whiteouts and opaque directories as layer tar entries.
    layer: bool,
    /// Directories written with their entries (else the directory's own entry alone).
    recurse: bool,
}

fn open_dir(parent: Option<&OwnedFd>, name: &std::ffi::OsStr) -> nix::Result<OwnedFd> {
    let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
    match parent {
        Some(p) => openat(p.as_fd(), name, flags, Mode::empty()),
        None => openat(nix::fcntl::AT_FDCWD, name, flags, Mode::empty()),
    }
}

impl Writer<'_> {
    fn err(&self, rel: &Path, e: impl Into<std::io::Error>) -> Error {
        Error::io(self.root.join(rel), e.into())
    }

    /// The entries of the directory open as `fd` (at `rel`), sorted, each written and
    /// directories descended into.
    fn dir(&mut self, fd: &OwnedFd, rel: PathBuf) -> Result<()> {
        let mut names: Vec<OsString> = Vec::new();
        let dup = fd.try_clone().map_err(|e| self.err(&rel, e))?;
        let mut d = Dir::from_fd(dup).map_err(|e| self.err(&rel, e))?;
        for entry in d.iter() {
            let entry = entry.map_err(|e| self.err(&rel, e))?;
            let name = std::ffi::OsStr::from_bytes(entry.file_name().to_bytes());
            if name != "." && name != ".." {
                names.push(name.to_owned());
            }
        }
        names.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        for name in names {
            let path = rel.join(&name);
            let st = fstatat(fd.as_fd(), name.as_os_str(), AtFlags::AT_SYMLINK_NOFOLLOW)
                .map_err(|e| self.err(&path, e))?;
            self.entry(fd, &name, &path, &st)?;
        }
        Ok(())
    }

    fn entry(
        &mut self,
        parent: &OwnedFd,
        name: &OsString,
        path: &Path,
        st: &FileStat,
    ) -> Result<()> {
        let kind = SFlag::from_bits_truncate(st.st_mode & SFlag::S_IFMT.bits());
        let mut h = header(st);
        let err = |e: std::io::Error| Error::io(self.root.join(path), e);
        match kind {
            SFlag::S_IFDIR => {
                let fd = open_dir(Some(parent), name).map_err(|e| self.err(path, e))?;
                let file = File::from(fd.try_clone().map_err(|e| self.err(path, e))?);
                self.xattrs(&file, path)?;
                h.set_entry_type(EntryType::Directory);
                h.set_size(0);
                let mut dir_name = path.as_os_str().to_owned();
                dir_name.push("/");
                self.tar
                    .append_data(&mut h, Path::new(&dir_name), std::io::empty())
                    .map_err(|e| Error::io(self.root.join(path), e))?;
                if self.layer && is_opaque(&file) {
                    self.whiteout(path, OPAQUE.as_ref())?;
                }
                match self.recurse {
                    true => self.dir(&fd, path.to_path_buf()),
                    false => Ok(()),
                }
            }
            SFlag::S_IFREG => {
                let key = (st.st_dev, st.st_ino);
                if st.st_nlink > 1 {
                    if let Some(first) = self.links.get(&key).cloned() {
                        h.set_entry_type(EntryType::Link);
                        h.set_size(0);
                        return self.tar.append_link(&mut h, path, first).map_err(err);
                    }
                    self.links.insert(key, path.to_path_buf());
                }
                let flags = OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
                let fd = openat(parent.as_fd(), name.as_os_str(), flags, Mode::empty())
                    .map_err(|e| self.err(path, e))?;
                let file = File::from(fd);
                self.xattrs(&file, path)?;
                h.set_entry_type(EntryType::Regular);
                // The size as it is now: a running container may be writing the file.
                let len = file.metadata().map_err(err)?.len();
                h.set_size(len);
                let data = std::io::Read::take(&file, len);
                let padded = Padded {
                    inner: data,
                    left: len,
                };
                self.tar.append_data(&mut h, path, padded).map_err(err)
            }
            SFlag::S_IFLNK => {
                let target =
                    readlinkat(parent.as_fd(), name.as_os_str()).map_err(|e| self.err(path, e))?;
                h.set_entry_type(EntryType::Symlink);
                h.set_size(0);
                self.tar.append_link(&mut h, path, target).map_err(err)
            }
            SFlag::S_IFCHR if self.layer && st.st_rdev == 0 => {
                let mut wh = std::ffi::OsString::from(".wh.");
                wh.push(name);
                let dir = path.parent().unwrap_or(Path::new(""));
                self.whiteout(dir, &wh)
            }
            SFlag::S_IFCHR | SFlag::S_IFBLK | SFlag::S_IFIFO => {
                h.set_entry_type(match kind {
                    SFlag::S_IFCHR => EntryType::Char,
                    SFlag::S_IFBLK => EntryType::Block,
                    _ => EntryType::Fifo,
                });
                h.set_size(0);
                if kind != SFlag::S_IFIFO {
                    let (major, minor) = (libc::major(st.st_rdev), libc::minor(st.st_rdev));
                    h.set_device_major(major).map_err(err)?;
                    h.set_device_minor(minor).map_err(err)?;
                }
                self.tar
                    .append_data(&mut h, path, std::io::empty())
                    .map_err(err)
            }
            // Sockets are not archived (as podman's).
            _ => Ok(()),
        }
    }

    /// An empty regular file `name` in `dir`: a whiteout or the opaque marker.
    fn whiteout(&mut self, dir: &Path, name: &std::ffi::OsStr) -> Result<()> {
        let path = dir.join(name);
        let mut h = Header::new_gnu();
        h.set_mode(0o600);
        h.set_entry_type(EntryType::Regular);
        h.set_size(0);
        self.tar
            .append_data(&mut h, &path, std::io::empty())
            .map_err(|e| self.err(&path, e))
    }

    /// The file's extended attributes as a PAX header before its entry.
    fn xattrs(&mut self, file: &File, path: &Path) -> Result<()> {
        let records = xattr_records(file).map_err(|e| self.err(path, e))?;
        append_pax(&mut self.tar, &records).map_err(|e| self.err(path, e))
    }
}

/// The file's extended attributes as PAX records (SCHILY.xattr.*, as GNU tar writes them);
/// overlay's own and SELinux labels are the host's, not the file's. Shared with `cp`.
pub(crate) fn xattr_records(file: &File) -> std::io::Result<Vec<u8>> {
    let names = match file.list_xattr() {
        Ok(n) => n,
        Err(e) if e.raw_os_error() == Some(libc::ENOTSUP) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut records = Vec::new();
    for n in names {
        let b = n.as_bytes();
        if b.starts_with(b"trusted.overlay.")
            || b.starts_with(b"user.overlay.")
            || b == b"security.selinux"
        {
            continue;
        }
        if let Some(v) = file.get_xattr(&n)? {
            let mut key = b"SCHILY.xattr.".to_vec();
            key.extend_from_slice(b);
            records.extend(pax_record(&key, &v));
        }
    }
    Ok(records)
}

/// `records` as a PAX extended header for the entry that follows (nothing if empty).
pub(crate) fn append_pax<W: Write>(
    tar: &mut tar::Builder<W>,
    records: &[u8],
) -> std::io::Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    let mut h = Header::new_ustar();
    h.set_entry_type(EntryType::XHeader);
    h.set_size(records.len() as u64);
    h.set_mode(0o644);
    tar.append_data(&mut h, "PaxHeader", records)
}

const OPAQUE: &str = ".wh..wh..opq";

/// Whether overlay marked the directory opaque (its lower directories hidden).
fn is_opaque(dir: &File) -> bool {
    ["trusted.overlay.opaque", "user.overlay.opaque"]
        .iter()
        .any(|x| dir.get_xattr(x).ok().flatten().is_some_and(|v| v == b"y"))
}

/// A header with the file's owner, mode and time; type and size are set by the caller.
fn header(st: &FileStat) -> Header {
    let mut h = Header::new_gnu();
    h.set_mode(st.st_mode & 0o7777);
    h.set_uid(st.st_uid as u64);
    h.set_gid(st.st_gid as u64);
    h.set_mtime(st.st_mtime.max(0) as u64);
    h
}

/// One PAX record: `LEN KEY=VALUE\n`, LEN counting the whole record, its own digits too.
pub(crate) fn pax_record(key: &[u8], value: &[u8]) -> Vec<u8> {
    let rest = key.len() + value.len() + 3; // space, '=', newline
    let mut len = rest + 1;
    while len != rest + len.to_string().len() {
        len = rest + len.to_string().len();
    }
    let mut r = format!("{len} ").into_bytes();
    r.extend_from_slice(key);
    r.push(b'=');
    r.extend_from_slice(value);
    r.push(b'\n');
    r
}

/// A file's data cut or zero-padded to the size its header says: a file that shrinks
/// while it is read (a running container) must not make the archive inconsistent.
struct Padded<R> {
    inner: R,
    left: u64,
}

impl<R: std::io::Read> std::io::Read for Padded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Ok(0);
        }
        let want = buf.len().min(self.left.min(usize::MAX as u64) as usize);
        let mut n = self.inner.read(&mut buf[..want])?;
        if n == 0 {
            buf[..want].fill(0);
            n = want;
        }
        self.left -= n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pax_records_count_their_own_length() {
        let r = pax_record(b"SCHILY.xattr.user.a", b"xyz");
        let text = String::from_utf8(r.clone()).unwrap();
        let (len, _) = text.split_once(' ').unwrap();
        assert_eq!(len.parse::<usize>().unwrap(), r.len());
        // Crossing a power of ten: 9 bytes of rest make 10 or 11 in total.
        for n in 0..200 {
            let v = vec![b'v'; n];
            let r = pax_record(b"k", &v);
            let t = String::from_utf8(r.clone()).unwrap();
            assert_eq!(
                t.split_once(' ').unwrap().0.parse::<usize>().unwrap(),
                r.len()
            );
        }
    }

    #[test]
    fn a_short_read_is_padded_to_the_size_said() {
        let mut p = Padded {
            inner: &b"ab"[..],
            left: 5,
        };
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut p, &mut out).unwrap();
        assert_eq!(out, b"ab\0\0\0");
    }

    #[test]
    fn a_tree_is_written_with_links_and_types() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        std::fs::create_dir(r.join("d")).unwrap();
        std::fs::write(r.join("d/f"), "hello").unwrap();
        std::fs::hard_link(r.join("d/f"), r.join("g")).unwrap();
        std::os::unix::fs::symlink("d/f", r.join("s")).unwrap();
        nix::unistd::mkfifo(&r.join("p"), Mode::from_bits_truncate(0o600)).unwrap();
        let mut out = Vec::new();
        write_tree(r, &mut out).unwrap();
        let mut ar = tar::Archive::new(out.as_slice());
        let got: Vec<(String, EntryType, String)> = ar
            .entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let link = e
                    .link_name()
                    .unwrap()
                    .map(|l| l.display().to_string())
                    .unwrap_or_default();
                (
                    e.path().unwrap().display().to_string(),
                    e.header().entry_type(),
                    link,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("d/".into(), EntryType::Directory, String::new()),
                ("d/f".into(), EntryType::Regular, String::new()),
                ("g".into(), EntryType::Link, "d/f".into()),
                ("p".into(), EntryType::Fifo, String::new()),
                ("s".into(), EntryType::Symlink, "d/f".into()),
            ]
        );
    }
}
