//! A tar stream of one file or directory tree, read through file descriptors: the tree is
//! entered by an fd already resolved (inside a container, by `openat2(RESOLVE_IN_ROOT)`),
//! and below it every name is opened relative to its parent with `O_NOFOLLOW`, so a symlink
//! in the tree is archived as a link, never followed out of it. Hard links stay links
//! and xattrs go along (as PAX records, as `export` writes them).

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::dir::Dir;
use nix::errno::Errno;
use nix::fcntl::{openat, readlinkat, AtFlags, OFlag};
use nix::sys::stat::{fstat, fstatat, major, minor, FileStat, Mode};
use tar::{EntryType, Header};

/// What to archive and how.
pub struct PackOptions<'a> {
    /// The top entry's name; `None` archives a directory's contents (`dir/.`).
    pub name: Option<&'a OsStr>,
    /// Every entry's owner instead of its own.
    pub owner: Option<(u32, u32)>,
    /// Names directly below the top directory left out (a container root's dev, proc, sys).
    pub skip_top: &'a [&'a str],
}

/// Archives the file or directory `top` is open on (any open mode but `O_PATH`) into `out`.
pub fn pack<W: Write>(top: OwnedFd, opts: &PackOptions<'_>, out: W) -> io::Result<W> {
    let mut b = tar::Builder::new(out);
    b.follow_symlinks(false);
    let st = fstat(&top)?;
    let base = opts.name.map(PathBuf::from);
    match (is_dir(&st), &base) {
        (true, _) => {
            if let Some(name) = &base {
                xattrs(&mut b, &top)?;
                append_meta(&mut b, name, &st, opts, EntryType::Directory, None)?;
            }
            let prefix = base.unwrap_or_default();
            walk(&mut b, top, &prefix, opts, true, &mut HashMap::new())?;
        }
        (false, Some(name)) => {
            xattrs(&mut b, &top)?;
            append_file(&mut b, File::from(top), name, &st, opts)?
        }
        (false, None) => return Err(io::Error::from(Errno::ENOTDIR)),
    }
    b.into_inner()
}

/// (device, inode) of a file with several links -> the name it was archived under first.
type Links = HashMap<(u64, u64), PathBuf>;

/// Appends what `dir` holds, depth first.
fn walk<W: Write>(
    b: &mut tar::Builder<W>,
    dir: OwnedFd,
    prefix: &Path,
    opts: &PackOptions<'_>,
    top: bool,
    links: &mut Links,
) -> io::Result<()> {
    let at = dir.try_clone()?;
    let mut names: Vec<OsString> = Dir::from_fd(dir)?
        .iter()
        .filter_map(|e| e.ok())
        .map(|e| OsStr::from_bytes(e.file_name().to_bytes()).to_owned())
        .filter(|n| n != "." && n != "..")
        .filter(|n| !(top && opts.skip_top.iter().any(|s| n == *s)))
        .collect();
    names.sort();
    for name in names {
        let path = prefix.join(&name);
        let st = match fstatat(&at, name.as_os_str(), AtFlags::AT_SYMLINK_NOFOLLOW) {
            Ok(st) => st,
            Err(Errno::ENOENT) => continue, // removed while we read
            Err(e) => return Err(e.into()),
        };
        match st.st_mode & libc::S_IFMT {
            libc::S_IFDIR => {
                let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW;
                let sub = openat(
                    &at,
                    name.as_os_str(),
                    flags | OFlag::O_CLOEXEC,
                    Mode::empty(),
                )?;
                xattrs(b, &sub)?;
                append_meta(b, &path, &fstat(&sub)?, opts, EntryType::Directory, None)?;
                walk(b, sub, &path, opts, false, links)?;
            }
            libc::S_IFREG => {
                // O_NONBLOCK: if a fifo took the name meanwhile, it must not hang us.
                let flags = OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_NONBLOCK;
                let fd = openat(
                    &at,
                    name.as_os_str(),
                    flags | OFlag::O_CLOEXEC,
                    Mode::empty(),
                )?;
                let st = fstat(&fd)?;
                if st.st_mode & libc::S_IFMT != libc::S_IFREG {
                    continue;
                }
                if st.st_nlink > 1 {
                    let key = (st.st_dev, st.st_ino);
                    if let Some(first) = links.get(&key) {
                        let first = first.as_os_str().to_owned();
                        append_meta(b, &path, &st, opts, EntryType::Link, Some(&first))?;
                        continue;
                    }
                    links.insert(key, path.clone());
                }
                xattrs(b, &fd)?;
                append_file(b, File::from(fd), &path, &st, opts)?;
            }
            libc::S_IFLNK => {
                let target = readlinkat(&at, name.as_os_str())?;
                append_meta(b, &path, &st, opts, EntryType::Symlink, Some(&target))?;
            }
            libc::S_IFIFO => append_meta(b, &path, &st, opts, EntryType::Fifo, None)?,
            libc::S_IFCHR => append_meta(b, &path, &st, opts, EntryType::Char, None)?,
            libc::S_IFBLK => append_meta(b, &path, &st, opts, EntryType::Block, None)?,
            _ => {} // sockets have no place in an archive
        }
    }
    Ok(())
}

/// The xattrs of the file `fd` is open on, as a PAX header before its entry.
fn xattrs<W: Write>(b: &mut tar::Builder<W>, fd: &OwnedFd) -> io::Result<()> {
    let file = File::from(fd.try_clone()?);
    let records = crate::container::export::xattr_records(&file)?;
    crate::container::export::append_pax(b, &records)
}

fn append_file<W: Write>(
    b: &mut tar::Builder<W>,
    file: File,
    path: &Path,
    st: &FileStat,
    opts: &PackOptions<'_>,
) -> io::Result<()> {
    let mut h = header(st, opts, EntryType::Regular);
    h.set_size(st.st_size as u64);
    // A file that shrinks while it is read would corrupt the stream: read exactly its size,
    // padding with zeros, as GNU tar does.
    let reader = io::Read::chain(io::Read::take(file, st.st_size as u64), io::repeat(0));
    b.append_data(&mut h, path, io::Read::take(reader, st.st_size as u64))
}

fn append_meta<W: Write>(
    b: &mut tar::Builder<W>,
    path: &Path,
    st: &FileStat,
    opts: &PackOptions<'_>,
    kind: EntryType,
    link: Option<&OsStr>,
) -> io::Result<()> {
    let mut h = header(st, opts, kind);
    h.set_size(0);
    if matches!(kind, EntryType::Char | EntryType::Block) {
        h.set_device_major(major(st.st_rdev) as u32)?;
        h.set_device_minor(minor(st.st_rdev) as u32)?;
    }
    match link {
        Some(target) => b.append_link(&mut h, path, Path::new(target)),
        None => b.append_data(&mut h, path, io::empty()),
    }
}

fn header(st: &FileStat, opts: &PackOptions<'_>, kind: EntryType) -> Header {
    let mut h = Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(st.st_mode & 0o7777);
    let (uid, gid) = opts.owner.unwrap_or((st.st_uid, st.st_gid));
    h.set_uid(uid.into());
    h.set_gid(gid.into());
    h.set_mtime(st.st_mtime.max(0) as u64);
    h
}

fn is_dir(st: &FileStat) -> bool {
    st.st_mode & libc::S_IFMT == libc::S_IFDIR
}

/// Opens `fd`'s file again for reading: an `O_PATH` descriptor (how paths are resolved)
/// cannot be read. Through /proc/self/fd, the same inode, not a path that could change.
pub fn reopen(fd: &impl AsFd) -> io::Result<OwnedFd> {
    use std::os::fd::AsRawFd;
    let st = fstat(fd.as_fd())?;
    let mut flags = OFlag::O_RDONLY | OFlag::O_CLOEXEC | OFlag::O_NONBLOCK;
    if is_dir(&st) {
        flags |= OFlag::O_DIRECTORY;
    } else if st.st_mode & libc::S_IFMT != libc::S_IFREG {
        return Err(io::Error::other("not a regular file or a directory"));
    }
    let path = format!("/proc/self/fd/{}", fd.as_fd().as_raw_fd());
    Ok(nix::fcntl::open(path.as_str(), flags, Mode::empty())?)
}
