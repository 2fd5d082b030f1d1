//! Safe, exact unpacking of one layer tarball into its own directory.
//!
//! The tar crate only parses; every filesystem change is made here with `*at` calls relative
//! to a directory fd. Parent directories are opened with `openat2(RESOLVE_IN_ROOT)` from the
//! layer root, so `..` in symlinks stops at the root and absolute symlinks resolve inside it;
//! the final component is never followed. Nothing outside `dest` can be created or changed.
//!
//! Directory modes and times are applied last (deepest first): creating children changes a
//! directory's mtime, and a read-only directory must still accept its children.

use std::collections::BTreeMap;
use std::ffi::{CString, OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{openat, AtFlags, OFlag};
use nix::sys::stat::{
    fchmod, fchmodat, fstat, futimens, makedev, mkdirat, mknodat, utimensat, FchmodatFlags, Mode,
    SFlag, UtimensatFlags,
};
use nix::sys::time::TimeSpec;
use nix::unistd::{fchown, fchownat, linkat, symlinkat, Gid, Uid};
use tar::EntryType;

pub(crate) use super::rootfd::resolve_in_root;
use super::rootfd::{is_dir, lstat_at, mkdir_implicit, open_dir_at, open_in_root, remove_all, DIR};

/// How to unpack: chosen once from the context (rootful or rootless).
#[derive(Debug, Clone)]
pub struct UnpackOptions {
    /// chown entries to their recorded uid/gid (root, or inside the user namespace).
    pub preserve_owner: bool,
    /// Overlay opaque-dir xattr: `trusted.overlay.opaque`, or `user.overlay.opaque` rootless.
    pub opaque_xattr: &'static str,
    /// Create device nodes (rootful only); rootless skips them.
    pub devices: bool,
    /// `cp`'s rules instead of a layer's: no whiteouts, owners as `cp` sets them, kinds
    /// replaced only when asked.
    pub copy: Option<CopyRules>,
}

/// How `cp` unpacks into a directory that already has content.
#[derive(Debug, Clone, Default)]
pub struct CopyRules {
    /// Every entry's owner, instead of the one recorded (with `preserve_owner`).
    pub owner: Option<(u32, u32)>,
    /// Recorded owners are container ids: these maps turn them into ours.
    pub maps: Option<crate::container::plan::IdMappings>,
    /// A directory may replace a non-directory and the other way round (`--overwrite`).
    pub overwrite: bool,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct UnpackStats {
    pub entries: u64,
    /// Sum of regular file sizes written.
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum UnpackError {
    #[error("reading layer tar: {0}")]
    Read(#[source] std::io::Error),
    /// The bytes arrived but are not a valid (compressed) tar stream.
    #[error("{0}")]
    Invalid(String),
    #[error("entry \"{path}\": {reason}")]
    Refused { path: String, reason: String },
    /// chown to an id the user namespace does not map (EINVAL).
    #[error("entry \"{path}\": owner {uid}:{gid} is not mapped in the user namespace")]
    Unmapped { path: String, uid: u32, gid: u32 },
    #[error("entry \"{path}\": {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Unpacks the uncompressed tar stream `archive` into the existing empty directory `dest`.
/// Reads entries until the tar's end; the caller drains the rest of the stream.
pub fn unpack<R: Read>(
    archive: R,
    dest: &Path,
    opts: &UnpackOptions,
) -> Result<UnpackStats, UnpackError> {
    unpack_announcing(archive, dest, opts, None)
}

/// [`unpack`], announcing each regular file's content range to `files` before reading it
/// (the layer's tar-split record, see tarsplit.rs).
pub fn unpack_announcing<R: Read>(
    archive: R,
    dest: &Path,
    opts: &UnpackOptions,
    files: Option<crate::image::tarsplit::Announcements>,
) -> Result<UnpackStats, UnpackError> {
    let root = openat(nix::fcntl::AT_FDCWD, dest, DIR, Mode::empty());
    let root = root.at(&dest.to_string_lossy())?;
    let mut u = Unpacker::new(root, opts);
    u.files = files;
    u.run(archive)
}

/// [`unpack`] into the directory `root` is open on: nothing outside it is created or changed.
pub fn unpack_at<R: Read>(
    archive: R,
    root: OwnedFd,
    opts: &UnpackOptions,
) -> Result<UnpackStats, UnpackError> {
    Unpacker::new(root, opts).run(archive)
}

/// Bytes read from the tar and written per call when copying file contents.
const COPY_BUF: usize = 256 * 1024;
const WHITEOUT_PREFIX: &[u8] = b".wh.";
/// Why `cp` without `--overwrite` stops.
const KIND_REFUSED: &str =
    "would replace a directory with a non-directory or the other way round (see --overwrite)";
const WHITEOUT_META_PREFIX: &[u8] = b".wh..wh.";
const OPAQUE_MARKER: &[u8] = b".wh..wh..opq";

/// Metadata recorded in an entry's header and PAX records.
struct Meta {
    mode: Mode,
    uid: u32,
    gid: u32,
    mtime: TimeSpec,
    /// (name, value) from `SCHILY.xattr.*`.
    xattrs: Vec<(Vec<u8>, Vec<u8>)>,
}

/// A directory's (device, inode), mode and mtime: the last two are applied once every entry
/// is in place, if the same directory is still there.
struct DirMeta((u64, u64), Mode, TimeSpec);

struct Unpacker<'o> {
    root: OwnedFd,
    opts: &'o UnpackOptions,
    /// Keyed by the entry's cleaned path components; the inode guards against replacement.
    dirs: BTreeMap<Vec<OsString>, DirMeta>,
    buf: Vec<u8>,
    stats: UnpackStats,
    files: Option<crate::image::tarsplit::Announcements>,
}

/// Where an xattr goes: an open file or directory, or a name inside a directory fd (never
/// followed).
enum XattrTarget<'a> {
    Fd(BorrowedFd<'a>),
    At(BorrowedFd<'a>, &'a OsStr),
}

/// The entry being unpacked: its cleaned path, the path as errors show it, its metadata.
struct Ent<'a> {
    comps: &'a [OsString],
    shown: &'a str,
    meta: &'a Meta,
}

impl<'o> Unpacker<'o> {
    fn new(root: OwnedFd, opts: &'o UnpackOptions) -> Self {
        Unpacker {
            root,
            opts,
            dirs: BTreeMap::new(),
            buf: vec![0; COPY_BUF],
            stats: UnpackStats::default(),
            files: None,
        }
    }

    fn run<R: Read>(mut self, archive: R) -> Result<UnpackStats, UnpackError> {
        let mut archive = tar::Archive::new(archive);
        for entry in archive.entries().map_err(UnpackError::Read)? {
            let mut entry = entry.map_err(UnpackError::Read)?;
            self.stats.entries += 1;
            self.entry(&mut entry)?;
        }
        self.finish()?;
        Ok(self.stats)
    }

    fn entry<R: Read>(&mut self, entry: &mut tar::Entry<'_, R>) -> Result<(), UnpackError> {
        let raw = entry.path_bytes().into_owned();
        let shown = &String::from_utf8_lossy(&raw).into_owned();
        let comps = clean(&raw).map_err(|reason| refuse(shown, reason))?;
        let mut kind = entry.header().entry_type();
        if entry.header().as_old().linkflag[0] == 0 && raw.ends_with(b"/") {
            kind = EntryType::Directory; // pre-POSIX tars mark directories by the slash alone
        }
        if kind == EntryType::XGlobalHeader {
            return Ok(()); // global PAX records: ignored, as docker does
        }
        let meta = &read_meta(entry, shown)?;
        let e = Ent {
            comps: &comps,
            shown,
            meta,
        };

        let layer = self.opts.copy.is_none();
        if let Some((last, dir)) = comps.split_last().filter(|_| layer) {
            let last = last.as_bytes();
            if last == OPAQUE_MARKER {
                return self.opaque(&e);
            }
            if last.starts_with(WHITEOUT_META_PREFIX) {
                return Ok(()); // other AUFS metadata (.wh..wh.plnk etc.): never content
            }
            if let Some(victim) = last.strip_prefix(WHITEOUT_PREFIX) {
                if victim.is_empty() || victim == b"." || victim == b".." {
                    return Err(refuse(shown, "whiteout names no file"));
                }
                let mut target = dir.to_vec();
                target.push(OsStr::from_bytes(victim).to_owned());
                let (parent, name) = self.slot(&Ent {
                    comps: &target,
                    ..e
                })?;
                return mknodat(&parent, name, SFlag::S_IFCHR, Mode::empty(), 0).at(shown);
            }
        }

        match kind {
            EntryType::Directory => self.directory(&e),
            _ if comps.is_empty() => Err(refuse(shown, "a non-directory entry names the root")),
            EntryType::Regular | EntryType::Continuous | EntryType::GNUSparse => {
                self.regular(entry, &e)
            }
            EntryType::Symlink => match entry.link_name_bytes() {
                Some(target) if !target.is_empty() => {
                    let (parent, name) = self.slot(&e)?;
                    symlinkat(OsStr::from_bytes(&target), &parent, name).at(shown)?;
                    self.finish_at(&parent, name, false, &e)
                }
                _ => Err(refuse(shown, "symlink has no target")),
            },
            EntryType::Link => {
                let target = entry.link_name_bytes().unwrap_or_default().into_owned();
                self.hardlink(&target, &e)
            }
            EntryType::Fifo => self.node(SFlag::S_IFIFO, 0, &e),
            EntryType::Char | EntryType::Block => {
                let header = entry.header();
                let major = header.device_major().map_err(|err| hdr_err(shown, err))?;
                let minor = header.device_minor().map_err(|err| hdr_err(shown, err))?;
                let dev = makedev(major.unwrap_or(0).into(), minor.unwrap_or(0).into());
                let chr = kind == EntryType::Char;
                let whiteout = chr && dev == 0;
                if !self.opts.devices && !whiteout {
                    return Ok(()); // rootless skips devices, but not an overlay whiteout
                }
                self.node(if chr { SFlag::S_IFCHR } else { SFlag::S_IFBLK }, dev, &e)
            }
            other => Err(refuse(
                shown,
                &format!("unsupported entry type {:?}", other.as_byte() as char),
            )),
        }
    }

    fn directory(&mut self, e: &Ent<'_>) -> Result<(), UnpackError> {
        let fd = if e.comps.is_empty() {
            self.root.try_clone().at(e.shown)?
        } else {
            let (parent, name) = self.parent(e.comps, e.shown, true)?;
            let existing = lstat_at(&parent, name).at(e.shown)?;
            if existing.is_some_and(|st| !is_dir(&st)) && !self.may_replace_kind() {
                return Err(refuse(e.shown, KIND_REFUSED));
            }
            if !existing.is_some_and(|st| is_dir(&st)) {
                self.remove(&parent, name, e.comps, e.shown)?;
                mkdirat(&parent, name, Mode::S_IRWXU).at(e.shown)?;
            }
            open_dir_at(&parent, name).at(e.shown)?
        };
        if let Some((uid, gid)) = self.owner(e.meta) {
            fchown(&fd, uid, gid).map_err(|err| chown_err(err, e))?;
        }
        set_xattrs(&XattrTarget::Fd(fd.as_fd()), &e.meta.xattrs, false, e.shown)?;
        let st = fstat(&fd).at(e.shown)?;
        let deferred = DirMeta((st.st_dev, st.st_ino), e.meta.mode, e.meta.mtime);
        self.dirs.insert(e.comps.to_vec(), deferred);
        Ok(())
    }

    fn regular<R: Read>(
        &mut self,
        entry: &mut tar::Entry<'_, R>,
        e: &Ent<'_>,
    ) -> Result<(), UnpackError> {
        let (parent, name) = self.slot(e)?;
        let flags = OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_NOFOLLOW;
        let fd = openat(&parent, name, flags | OFlag::O_CLOEXEC, Mode::S_IRWXU);
        let mut file = File::from(fd.at(e.shown)?);
        let (want, mut written) = (entry.size(), 0u64);
        // Sparse entries' data is not the file's bytes: their record keeps it.
        let sparse = entry.header().entry_type() == EntryType::GNUSparse;
        if let Some(files) = self.files.as_ref().filter(|_| !sparse) {
            files
                .borrow_mut()
                .push_back(crate::image::tarsplit::FileRange {
                    start: entry.raw_file_position(),
                    len: want,
                    path: join(e.comps),
                });
        }
        loop {
            let n = match entry.read(&mut self.buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(UnpackError::Read(err)),
            };
            let chunk = self.buf.get(..n).unwrap_or_default();
            file.write_all(chunk).at(e.shown)?;
            written += n as u64;
        }
        if written != want {
            let msg = format!("{}: tar ended after {written} of {want} bytes", e.shown);
            let eof = io::Error::new(io::ErrorKind::UnexpectedEof, msg);
            return Err(UnpackError::Read(eof));
        }
        self.stats.bytes += written;
        // Writing clears setuid and file capabilities, and so does chown: content, then owner,
        // then mode, then xattrs.
        if let Some((uid, gid)) = self.owner(e.meta) {
            fchown(&file, uid, gid).map_err(|err| chown_err(err, e))?;
        }
        fchmod(&file, e.meta.mode).at(e.shown)?;
        let target = XattrTarget::Fd(file.as_fd());
        set_xattrs(&target, &e.meta.xattrs, false, e.shown)?;
        futimens(&file, &e.meta.mtime, &e.meta.mtime).at(e.shown)
    }

    /// A fifo or device node.
    fn node(&mut self, kind: SFlag, dev: u64, e: &Ent<'_>) -> Result<(), UnpackError> {
        let (parent, name) = self.slot(e)?;
        mknodat(&parent, name, kind, Mode::S_IRUSR | Mode::S_IWUSR, dev).at(e.shown)?;
        self.finish_at(&parent, name, true, e)
    }

    /// Owner, mode (`chmod` only when the node is no symlink), xattrs and times for a node
    /// with no open fd, addressed by name and never followed.
    fn finish_at(
        &self,
        parent: &OwnedFd,
        name: &OsStr,
        chmod: bool,
        e: &Ent<'_>,
    ) -> Result<(), UnpackError> {
        if let Some((uid, gid)) = self.owner(e.meta) {
            fchownat(parent, name, uid, gid, AtFlags::AT_SYMLINK_NOFOLLOW)
                .map_err(|err| chown_err(err, e))?;
        }
        if chmod {
            // The node was just made by mknodat in a directory only this process writes, so
            // it is no symlink (and fchmodat's NOFOLLOW form is unsupported before Linux 6.6).
            fchmodat(parent, name, e.meta.mode, FchmodatFlags::FollowSymlink).at(e.shown)?;
        }
        let target = XattrTarget::At(parent.as_fd(), name);
        set_xattrs(&target, &e.meta.xattrs, false, e.shown)?;
        let t = &e.meta.mtime;
        utimensat(parent, name, t, t, UtimensatFlags::NoFollowSymlink).at(e.shown)
    }

    fn hardlink(&mut self, target: &[u8], e: &Ent<'_>) -> Result<(), UnpackError> {
        let shown = e.shown;
        let tcomps =
            clean(target).map_err(|reason| refuse(shown, &format!("hardlink target: {reason}")))?;
        if tcomps.is_empty() {
            return Err(refuse(shown, "hardlink has no target"));
        }
        let missing = || refuse(shown, "hardlink target is not in this layer");
        let (tparent, tname) = self.parent(&tcomps, shown, false)?;
        let tst = lstat_at(&tparent, tname).at(shown)?.ok_or_else(missing)?;
        if is_dir(&tst) {
            return Err(refuse(shown, "hardlink target is a directory"));
        }
        let (parent, name) = self.parent(e.comps, shown, true)?;
        if let Some(st) = lstat_at(&parent, name).at(shown)? {
            if (st.st_dev, st.st_ino) == (tst.st_dev, tst.st_ino) {
                return Ok(()); // already this file
            }
            self.remove(&parent, name, e.comps, shown)?;
        }
        // Flags 0: a symlink target is linked itself, never followed.
        linkat(&tparent, tname, &parent, name, AtFlags::empty()).map_err(|err| match err {
            Errno::ENOENT => missing(),
            err => io_err(shown, err),
        })
    }

    /// `dir/.wh..wh..opq`: marks `dir` opaque, creating it when missing. `dir` is resolved
    /// like any parent directory (inside the root).
    fn opaque(&mut self, e: &Ent<'_>) -> Result<(), UnpackError> {
        let (fd, _) = self.parent(e.comps, e.shown, true)?;
        let xattr = [(self.opts.opaque_xattr.as_bytes().to_vec(), b"y".to_vec())];
        set_xattrs(&XattrTarget::Fd(fd.as_fd()), &xattr, true, e.shown)
    }

    /// The ids to chown to, when ownership is kept.
    fn owner(&self, meta: &Meta) -> Option<(Option<Uid>, Option<Gid>)> {
        if !self.opts.preserve_owner {
            return None;
        }
        let (mut uid, mut gid) = (meta.uid, meta.gid);
        if let Some(rules) = &self.opts.copy {
            if let Some(fixed) = rules.owner {
                (uid, gid) = fixed;
            } else if let Some(maps) = &rules.maps {
                use crate::container::plan::to_host;
                // An id the container does not map is left to chown's EINVAL.
                uid = to_host(&maps.uid_map, uid).unwrap_or(u32::MAX);
                gid = to_host(&maps.gid_map, gid).unwrap_or(u32::MAX);
            }
        }
        Some((Some(Uid::from_raw(uid)), Some(Gid::from_raw(gid))))
    }

    /// Whether a directory may replace a non-directory and the other way round: always in
    /// a layer, with `--overwrite` in `cp`.
    fn may_replace_kind(&self) -> bool {
        self.opts.copy.as_ref().is_none_or(|c| c.overwrite)
    }

    /// The parent directory and the free name where the entry's node goes: whatever was at
    /// that name is removed first.
    fn slot<'c>(&mut self, e: &Ent<'c>) -> Result<(OwnedFd, &'c OsStr), UnpackError> {
        let (parent, name) = self.parent(e.comps, e.shown, true)?;
        let existing = lstat_at(&parent, name).at(e.shown)?;
        if existing.is_some_and(|st| is_dir(&st)) && !self.may_replace_kind() {
            return Err(refuse(e.shown, KIND_REFUSED));
        }
        self.remove(&parent, name, e.comps, e.shown)?;
        Ok((parent, name))
    }

    /// Removes whatever is at `name` (nothing there is fine; a directory goes with all it
    /// holds), and forgets directories recorded there.
    fn remove(
        &mut self,
        parent: &OwnedFd,
        name: &OsStr,
        comps: &[OsString],
        shown: &str,
    ) -> Result<(), UnpackError> {
        remove_all(parent, name).at(shown)?;
        let below = self.dirs.range(comps.to_vec()..).map(|(k, _)| k);
        let gone: Vec<_> = below
            .take_while(|k| k.starts_with(comps))
            .cloned()
            .collect();
        for k in gone {
            self.dirs.remove(&k);
        }
        Ok(())
    }

    /// Opens the directory holding the last of `comps` (which must not be empty), resolving
    /// symlinks inside the layer root only; with `create`, makes missing directories.
    fn parent<'c>(
        &self,
        comps: &'c [OsString],
        shown: &str,
        create: bool,
    ) -> Result<(OwnedFd, &'c OsStr), UnpackError> {
        let Some((name, dirs)) = comps.split_last() else {
            return Err(refuse(shown, "empty path"));
        };
        match open_in_root(&self.root, &join(dirs), OFlag::empty()) {
            Ok(fd) => return Ok((fd, name)),
            Err(Errno::ENOENT) if create => {}
            Err(e) => return Err(resolve_err(shown, dirs, e)),
        }
        // Walk down, making each missing directory beside its already-resolved parent.
        let mut cur = open_in_root(&self.root, Path::new("."), OFlag::empty()).at(shown)?;
        for (i, comp) in dirs.iter().enumerate() {
            let prefix = dirs.get(..=i).unwrap_or(dirs);
            cur = match open_in_root(&self.root, &join(prefix), OFlag::empty()) {
                Ok(fd) => fd,
                Err(Errno::ENOENT) => match mkdir_implicit(&cur, comp) {
                    Ok(()) => open_dir_at(&cur, comp).at(shown)?,
                    // Something is there but did not resolve: a symlink leading nowhere.
                    Err(Errno::EEXIST) => return Err(resolve_err(shown, prefix, Errno::EEXIST)),
                    Err(e) => return Err(io_err(shown, e)),
                },
                Err(e) => return Err(resolve_err(shown, prefix, e)),
            };
        }
        Ok((cur, name))
    }

    /// Applies the deferred directory modes and times, deepest first.
    fn finish(&mut self) -> Result<(), UnpackError> {
        let mut dirs: Vec<_> = std::mem::take(&mut self.dirs).into_iter().collect();
        dirs.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        for (comps, d) in dirs {
            let shown = &join(&comps).to_string_lossy().into_owned();
            let fd = match open_in_root(&self.root, &join(&comps), OFlag::O_NOFOLLOW) {
                Ok(fd) => fd,
                Err(Errno::ENOENT | Errno::ENOTDIR | Errno::ELOOP) => continue, // replaced
                Err(e) => return Err(io_err(shown, e)),
            };
            let st = fstat(&fd).at(shown)?;
            let DirMeta(id, mode, mtime) = d;
            if (st.st_dev, st.st_ino) != id {
                continue; // a different directory now lives there
            }
            fchmod(&fd, mode).at(shown)?;
            futimens(&fd, &mtime, &mtime).at(shown)?;
        }
        Ok(())
    }
}

/// Splits a tar path into normal components: leading `/` and `.` are dropped (absolute paths
/// are relative to the layer root, as docker does); `..` and NUL bytes are refused.
fn clean(raw: &[u8]) -> Result<Vec<OsString>, &'static str> {
    let mut out = Vec::new();
    for comp in raw.split(|b| *b == b'/') {
        match comp {
            b"" | b"." => {}
            b".." => return Err("path has a \"..\" component"),
            c if c.contains(&0) => return Err("path has a NUL byte"),
            c => out.push(OsString::from_vec(c.to_vec())),
        }
    }
    Ok(out)
}

fn join(comps: &[OsString]) -> PathBuf {
    match comps {
        [] => PathBuf::from("."),
        _ => comps.iter().collect(),
    }
}

fn read_meta<R: Read>(entry: &mut tar::Entry<'_, R>, shown: &str) -> Result<Meta, UnpackError> {
    let header = entry.header();
    let old = header.as_old();
    let mode = numeric(header.mode(), &old.mode, shown)?;
    let uid = numeric(header.uid(), &old.uid, shown)?;
    let gid = numeric(header.gid(), &old.gid, shown)?;
    let mtime = numeric(header.mtime(), &old.mtime, shown)?;
    let (uid, gid) = match (u32::try_from(uid), u32::try_from(gid)) {
        (Ok(u), Ok(g)) => (u, g),
        _ => return Err(refuse(shown, "uid or gid out of range")),
    };
    let mut mtime = (i64::try_from(mtime).unwrap_or(i64::MAX), 0);
    let mut xattrs = Vec::new();
    if let Some(pax) = entry.pax_extensions().map_err(|e| hdr_err(shown, e))? {
        for ext in pax {
            let ext = ext.map_err(|e| hdr_err(shown, e))?;
            let key = ext.key_bytes();
            if key == b"mtime" {
                mtime = parse_pax_time(ext.value_bytes()).unwrap_or(mtime);
            } else if let Some(name) = key.strip_prefix(b"SCHILY.xattr.") {
                // Overlay's own attributes (redirect, metacopy, opaque...) could make the
                // mount look elsewhere: only whiteout entries may produce them.
                if !name.starts_with(b"trusted.overlay.") && !name.starts_with(b"user.overlay.") {
                    xattrs.push((name.to_vec(), ext.value_bytes().to_vec()));
                }
            }
        }
    }
    Ok(Meta {
        mode: Mode::from_bits_truncate(mode & 0o7777),
        uid,
        gid,
        mtime: TimeSpec::new(mtime.0, mtime.1),
        xattrs,
    })
}

/// A numeric header field; an empty one (all NUL or space) reads as 0, as Go's archive/tar
/// (which wrote most layers) treats it.
fn numeric<T: Default>(parsed: io::Result<T>, raw: &[u8], shown: &str) -> Result<T, UnpackError> {
    match parsed {
        Ok(v) => Ok(v),
        Err(_) if raw.iter().all(|b| *b == 0 || *b == b' ') => Ok(T::default()),
        Err(e) => Err(hdr_err(shown, e)),
    }
}

/// A PAX time, `[-]SECONDS[.FRACTION]`, as (seconds, nanoseconds).
fn parse_pax_time(value: &[u8]) -> Option<(i64, i64)> {
    let s = std::str::from_utf8(value).ok()?;
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) {
        return None;
    }
    let secs: i64 = int.parse().ok()?;
    let mut nsec = 0i64;
    for (i, d) in frac.bytes().take(9).enumerate() {
        nsec += i64::from(d - b'0') * 10i64.pow(8 - i as u32);
    }
    Some(match (neg, nsec) {
        (false, _) => (secs, nsec),
        (true, 0) => (-secs, 0),
        (true, _) => (-secs - 1, 1_000_000_000 - nsec),
    })
}

/// Sets each xattr. Unless `strict`, one the filesystem does not support (ENOTSUP), or in a
/// privileged namespace this process may not write (EPERM on `trusted.*`/`security.*`), is
/// skipped.
fn set_xattrs(
    target: &XattrTarget<'_>,
    xattrs: &[(Vec<u8>, Vec<u8>)],
    strict: bool,
    shown: &str,
) -> Result<(), UnpackError> {
    for (name, value) in xattrs {
        let privileged = name.starts_with(b"trusted.") || name.starts_with(b"security.");
        match set_xattr(target, name, value) {
            Ok(()) => {}
            Err(Errno::ENOTSUP) if !strict => {}
            Err(Errno::EPERM) if !strict && privileged => {}
            Err(e) => return Err(io_err(shown, e)),
        }
    }
    Ok(())
}

fn set_xattr(target: &XattrTarget<'_>, name: &[u8], value: &[u8]) -> nix::Result<()> {
    let cname = CString::new(name).map_err(|_| Errno::EINVAL)?;
    let (name, val, len) = (cname.as_ptr(), value.as_ptr().cast(), value.len());
    let res = match target {
        // SAFETY: `fd` is a live descriptor; `name` points to a NUL-terminated string and
        // `val` to `len` readable bytes, both owned by this frame and outliving the call.
        XattrTarget::Fd(fd) => unsafe { libc::fsetxattr(fd.as_raw_fd(), name, val, len, 0) },
        XattrTarget::At(dir, leaf) => {
            // The /proc magic link resolves to the directory `dir` itself; lsetxattr then does
            // not follow `leaf`. (nix has no xattr wrappers and there is no setxattrat before
            // Linux 6.13.)
            let mut path = format!("/proc/self/fd/{}/", dir.as_raw_fd()).into_bytes();
            path.extend_from_slice(leaf.as_bytes());
            let path = CString::new(path).map_err(|_| Errno::EINVAL)?;
            // SAFETY: as above, and `path` is NUL-terminated and outlives the call.
            unsafe { libc::lsetxattr(path.as_ptr(), name, val, len, 0) }
        }
    };
    Errno::result(res).map(drop)
}

fn refuse(path: &str, reason: &str) -> UnpackError {
    UnpackError::Refused {
        path: path.to_owned(),
        reason: reason.to_owned(),
    }
}

/// Names the entry an OS error happened to.
/// In a user namespace, chown to an unmapped id fails with EINVAL: say which owner.
fn chown_err(err: Errno, e: &Ent<'_>) -> UnpackError {
    if err == Errno::EINVAL {
        return UnpackError::Unmapped {
            path: e.shown.to_string(),
            uid: e.meta.uid,
            gid: e.meta.gid,
        };
    }
    UnpackError::Io {
        path: e.shown.to_string(),
        source: err.into(),
    }
}

trait At<T> {
    fn at(self, path: &str) -> Result<T, UnpackError>;
}

impl<T> At<T> for nix::Result<T> {
    fn at(self, path: &str) -> Result<T, UnpackError> {
        self.map_err(|e| io_err(path, e))
    }
}

impl<T> At<T> for io::Result<T> {
    fn at(self, path: &str) -> Result<T, UnpackError> {
        self.map_err(|e| io_error(path, e))
    }
}

fn io_error(path: &str, source: io::Error) -> UnpackError {
    UnpackError::Io {
        path: path.to_owned(),
        source,
    }
}

fn io_err(path: &str, e: Errno) -> UnpackError {
    io_error(path, io::Error::from(e))
}

fn hdr_err(path: &str, e: io::Error) -> UnpackError {
    refuse(path, &format!("bad header: {e}"))
}

/// Why a parent directory could not be opened inside the root.
fn resolve_err(shown: &str, dirs: &[OsString], e: Errno) -> UnpackError {
    let at = join(dirs);
    let why = match e {
        Errno::ENOENT => "does not exist in the layer",
        Errno::ENOTDIR => "is not a directory",
        Errno::ELOOP => "has too many levels of symlinks",
        Errno::EXDEV => "resolves outside the layer",
        Errno::EEXIST => "is a symlink that leads to no directory in the layer",
        _ => return io_err(shown, e),
    };
    refuse(shown, &format!("parent \"{}\" {why}", at.display()))
}

#[cfg(test)]
#[path = "unpack_tests/mod.rs"]
mod tests;
