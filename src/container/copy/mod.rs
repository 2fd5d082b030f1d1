//! `cp`: files between a container and this machine, or between two containers, as
//! podman-cp(1) says. Every side is a tar stream: the source is archived through fds
//! ([`pack`]), the destination unpacked by the layer unpacker with `cp`'s rules
//! ([`crate::image::unpack::unpack_at`]), which confines every entry to the destination
//! directory. Inside a container every path is resolved with `openat2(RESOLVE_IN_ROOT)`
//! ([`access`]): a symlink there, absolute or through `..`, never leads to this machine's
//! files.

mod access;
pub mod pack;
pub mod plan;

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::{fstat, FileStat};

use crate::container::lifecycle::Manager;
use crate::error::{Error, Result};
use crate::image::unpack::{unpack_at, CopyRules, UnpackError, UnpackOptions};
use access::{Access, Located};
use pack::{pack, reopen, PackOptions};
pub use plan::{parse_args, DestKind, Endpoint};

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("invalid arguments \"{0}\", \"{1}\": you must specify paths")]
    NoPaths(String, String),
    /// Neither side names a container (podman's words).
    #[error("name or ID cannot be empty")]
    NoContainer,
    #[error("container \"{0}\" does not exist")]
    NoSuchContainer(String),
    #[error("\"{path}\" could not be found on container {container}: {reason}")]
    NotInContainer {
        path: String,
        container: String,
        reason: String,
    },
    #[error("\"{path}\" could not be found on the host: {reason}")]
    NotOnHost { path: String, reason: String },
    #[error("\"{0}\" could not be found")]
    DestNotFound(String),
    #[error("destination must be a directory when copying a directory")]
    DirOntoFile,
    #[error("destination must be a directory when copying from stdin")]
    StdinNeedsDir,
    #[error("source must be a (compressed) tar archive when copying from stdin")]
    NotAnArchive,
    #[error("invalid destination: \"{0}\" must be a directory or a regular file")]
    BadHostDest(String),
    #[error("\"{0}\" is on a read-only mount of the container")]
    ReadOnly(String),
    #[error("{0}")]
    Container(String),
    #[error("copying to {to}: {source}")]
    Unpack {
        to: &'static str,
        #[source]
        source: UnpackError,
    },
    #[error("copying from {from}: {source}")]
    Pack {
        from: &'static str,
        #[source]
        source: io::Error,
    },
}

/// One `cp`, as asked.
pub struct CopyRequest<'a> {
    pub src: Endpoint,
    pub dest: Endpoint,
    /// `--archive` (podman's default): what lands in a container is owned by its main user.
    pub archive: bool,
    /// `--overwrite`: directories may replace non-directories and the other way round.
    pub overwrite: bool,
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
}

/// The source tree: an open file or directory and how it is archived.
struct Tree {
    fd: OwnedFd,
    st: FileStat,
    name: Option<OsString>,
    owner: Option<(u32, u32)>,
    /// The container's own `/`: its dev, proc and sys stay out (as podman's).
    whole_root: bool,
}

impl Manager {
    pub fn copy(&self, req: CopyRequest<'_>) -> Result<()> {
        use Endpoint::*;
        match (&req.src, &req.dest) {
            (Container { name, path }, Container { name: n2, path: p2 }) => {
                self.copy_between(name, path, n2, p2, &req)
            }
            (Container { name, path }, Stream) => {
                let acc = self.access(&self.copy_target(name)?)?;
                let tree = source_in(&acc, name, path, true)?;
                let out = &mut *req.stdout;
                let opts = pack_options_of(&tree.name, tree.owner, tree.whole_root);
                // A reader that goes away (`| head`) ends the copy with EPIPE, not SIGPIPE:
                // the rootfs mounted for it is still unmounted.
                let packed = crate::sys::without_sigpipe(|| pack(tree.fd, &opts, out));
                packed.map_err(|source| pack_err("container", source))?;
                acc.close()
            }
            (Container { name, path }, Host(dest)) => {
                let acc = self.access(&self.copy_target(name)?)?;
                let tree = source_in(&acc, name, path, false)?;
                let (dir, pname) = host_target(dest, &tree)?;
                let opts = UnpackOptions {
                    preserve_owner: false,
                    opaque_xattr: "",
                    devices: false,
                    copy: Some(CopyRules {
                        overwrite: req.overwrite,
                        ..CopyRules::default()
                    }),
                };
                transfer(tree, pname, dir, &opts, ("container", "host"))?;
                acc.close()
            }
            (Host(src), Container { name, path }) => {
                let tree = host_source(src)?;
                let acc = self.access(&self.copy_target(name)?)?;
                let (dir, pname) = container_target(&acc, name, path, &tree)?;
                let opts = self.unpack_options_for(&acc, req.archive, req.overwrite)?;
                transfer(tree, pname, dir, &opts, ("host", "container"))?;
                acc.close()
            }
            (Stream, Container { name, path }) => {
                let acc = self.access(&self.copy_target(name)?)?;
                let loc = writable(acc.locate(path)?, path)?;
                match loc.stat() {
                    Ok(Some(st)) if is_dir(&st) => {}
                    _ => return Err(CopyError::StdinNeedsDir.into()),
                }
                let dir = loc.open(DIR).map_err(|e| not_in(path, name, e))?;
                let opts = self.unpack_options_for(&acc, req.archive, req.overwrite)?;
                let stream = archive_stream(req.stdin)?;
                let unpacked = unpack_at(stream, dir, &opts);
                unpacked.map_err(|source| CopyError::Unpack {
                    to: "container",
                    source,
                })?;
                acc.close()
            }
            _ => Err(CopyError::NoContainer.into()),
        }
    }

    /// Container to container. Both are held for the copy: in id order, so two copies
    /// between the same pair the other way round cannot wait on each other.
    fn copy_between(&self, a: &str, pa: &str, b: &str, pb: &str, req: &CopyRequest) -> Result<()> {
        let (ia, ib) = (self.copy_target(a)?, self.copy_target(b)?);
        let first = if ia <= ib { &ia } else { &ib };
        let acc1 = self.access(first)?;
        let acc2 = match ia == ib {
            true => None,
            false => Some(self.access(if ia <= ib { &ib } else { &ia })?),
        };
        let (src, dst) = match (&acc2, ia <= ib) {
            (None, _) => (&acc1, &acc1),
            (Some(second), true) => (&acc1, second),
            (Some(second), false) => (second, &acc1),
        };
        let tree = source_in(src, a, pa, false)?;
        let (dir, pname) = container_target(dst, b, pb, &tree)?;
        let opts = self.unpack_options_for(dst, req.archive, req.overwrite)?;
        transfer(tree, pname, dir, &opts, ("container", "container"))?;
        if let Some(second) = acc2 {
            second.close()?;
        }
        acc1.close()
    }

    /// The container's id, or podman's `cp` words when there is none.
    fn copy_target(&self, name: &str) -> Result<String> {
        self.resolve(name).map_err(|e| match e {
            Error::ContainerNotFound(_) => CopyError::NoSuchContainer(name.into()).into(),
            e => e,
        })
    }

    /// How entries land in a container: owned by its main user (`--archive`), or by their
    /// recorded owners through the container's id maps.
    fn unpack_options_for(
        &self,
        acc: &Access,
        archive: bool,
        overwrite: bool,
    ) -> Result<UnpackOptions> {
        let rules = CopyRules {
            owner: archive.then(|| acc.main_user()).transpose()?,
            maps: acc.held.config.idmaps.clone(),
            overwrite,
        };
        Ok(UnpackOptions {
            preserve_owner: true,
            opaque_xattr: "",
            devices: !self.ctx.rootless,
            copy: Some(rules),
        })
    }
}

const DIR: OFlag = OFlag::O_RDONLY
    .union(OFlag::O_DIRECTORY)
    .union(OFlag::O_CLOEXEC);

fn is_dir(st: &FileStat) -> bool {
    st.st_mode & libc::S_IFMT == libc::S_IFDIR
}

/// An errno as Go prints it ("no such file or directory").
fn errno_text(e: Errno) -> String {
    let d = e.desc();
    let mut c = d.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => d.to_string(),
    }
}

fn io_text(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(n) => errno_text(Errno::from_raw(n)),
        None => e.to_string(),
    }
}

fn not_in(path: &str, container: &str, e: Errno) -> CopyError {
    CopyError::NotInContainer {
        path: path.into(),
        container: container.into(),
        reason: errno_text(e),
    }
}

fn pack_err(from: &'static str, source: io::Error) -> CopyError {
    CopyError::Pack { from, source }
}

fn pack_options_of(
    name: &Option<OsString>,
    owner: Option<(u32, u32)>,
    whole_root: bool,
) -> PackOptions<'_> {
    PackOptions {
        name: name.as_deref(),
        owner,
        skip_top: if whole_root {
            &["dev", "proc", "sys"]
        } else {
            &[]
        },
    }
}

/// The source inside a container: symlinks followed inside it. An archive for stdout has
/// its entries owned by the container's main user (as podman's).
fn source_in(acc: &Access, name: &str, path: &str, stream: bool) -> Result<Tree> {
    let loc = acc.locate(path)?;
    let fd = loc.open(OFlag::O_PATH).map_err(|e| not_in(path, name, e))?;
    let fd = reopen(&fd).map_err(|e| pack_err("container", e))?;
    let st = fstat(&fd).map_err(|e| not_in(path, name, e))?;
    let whole_root = is_dir(&st) && acc.is_root(&st);
    Ok(Tree {
        fd,
        st,
        name: plan::source_name(path),
        owner: stream.then(|| acc.main_user()).transpose()?,
        whole_root,
    })
}

/// A source on this machine: symlinks followed (podman-cp(1): the target is copied).
fn host_source(src: &str) -> Result<Tree> {
    let not_found = |e: &io::Error| CopyError::NotOnHost {
        path: src.into(),
        reason: format!("stat {src}: {}", io_text(e)),
    };
    let file = File::open(src).map_err(|e| not_found(&e))?;
    let st = fstat(&file).map_err(|e| not_found(&e.into()))?;
    let mut name = plan::source_name(src);
    if name.is_none() && !src.ends_with('.') {
        // `/`, `..`: the directory's own name.
        name = std::fs::canonicalize(src)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_os_string()));
    }
    let fd = reopen(&OwnedFd::from(file)).map_err(|e| pack_err("host", e))?;
    Ok(Tree {
        fd,
        st,
        name,
        owner: None,
        whole_root: false,
    })
}

/// Refuses a write below a read-only volume or bind mount of a stopped container (a running
/// one's kernel refuses it itself).
fn writable(loc: Located, path: &str) -> Result<Located, CopyError> {
    match loc.readonly {
        true => Err(CopyError::ReadOnly(path.into())),
        false => Ok(loc),
    }
}

/// The directory in the container the copy is unpacked into, and the top entry's name.
fn container_target(
    acc: &Access,
    name: &str,
    path: &str,
    tree: &Tree,
) -> Result<(OwnedFd, Option<OsString>)> {
    let loc = writable(acc.locate(path)?, path)?;
    let kind = match loc.stat() {
        Ok(Some(st)) if is_dir(&st) => DestKind::Dir,
        Ok(Some(_)) => DestKind::File,
        Ok(None) if path.ends_with('/') => return Err(not_in(path, name, Errno::ENOENT).into()),
        Ok(None) => match loc.parent().and_then(|p| p.stat()) {
            Ok(Some(st)) if is_dir(&st) => DestKind::Missing,
            Ok(_) => return Err(not_in(path, name, Errno::ENOENT).into()),
            Err(e) => return Err(not_in(path, name, e).into()),
        },
        Err(e) => return Err(not_in(path, name, e).into()),
    };
    let p = plan::place(is_dir(&tree.st), tree.name.as_ref(), path, kind)?;
    let at = match p.into_parent {
        true => loc.parent().map_err(|e| not_in(path, name, e))?,
        false => loc,
    };
    let dir = at.open(DIR).map_err(|e| not_in(path, name, e))?;
    Ok((dir, p.name))
}

/// The directory on this machine the copy is unpacked into, and the top entry's name.
/// Symlinks are followed: the path is the caller's own.
fn host_target(dest: &str, tree: &Tree) -> Result<(OwnedFd, Option<OsString>)> {
    let not_found = |e: &io::Error| CopyError::NotOnHost {
        path: dest.into(),
        reason: format!("stat {dest}: {}", io_text(e)),
    };
    let (kind, real) = match std::fs::metadata(dest) {
        Ok(m) if !m.is_dir() && !m.is_file() => {
            return Err(CopyError::BadHostDest(dest.into()).into())
        }
        Ok(m) => {
            let real = std::fs::canonicalize(dest).map_err(|e| not_found(&e))?;
            let kind = if m.is_dir() {
                DestKind::Dir
            } else {
                DestKind::File
            };
            (kind, real)
        }
        Err(e) if dest.ends_with('/') => return Err(not_found(&e).into()),
        Err(e) => {
            let path = Path::new(dest);
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let real = match std::fs::metadata(parent) {
                Ok(m) if m.is_dir() => std::fs::canonicalize(parent).map_err(|e| not_found(&e))?,
                _ => return Err(not_found(&e).into()),
            };
            let base = path.file_name().ok_or_else(|| not_found(&e))?;
            (DestKind::Missing, real.join(base))
        }
    };
    let shown = real.to_string_lossy();
    let p = plan::place(is_dir(&tree.st), tree.name.as_ref(), &shown, kind)?;
    let dir: PathBuf = match p.into_parent {
        true => real.parent().map(Path::to_path_buf).unwrap_or(real),
        false => real,
    };
    let fd = nix::fcntl::open(&dir, DIR, nix::sys::stat::Mode::empty())
        .map_err(|e| not_found(&e.into()))?;
    Ok((fd, p.name))
}

/// Archives `tree` in one thread and unpacks it into `dir` in this one, through a pipe.
/// Copies `tree` into `dir`, its top entry named `name` there; `(from, to)` name the two
/// sides in errors.
fn transfer(
    tree: Tree,
    name: Option<OsString>,
    dir: OwnedFd,
    opts: &UnpackOptions,
    (from, to): (&'static str, &'static str),
) -> Result<(), CopyError> {
    let tree = Tree { name, ..tree };
    let (mut reader, writer) = io::pipe().map_err(|e| pack_err(from, e))?;
    std::thread::scope(|s| {
        let packer = s.spawn(move || {
            // The reader stops early on a refused entry: a write then fails with EPIPE.
            let Tree {
                fd,
                name,
                owner,
                whole_root,
                ..
            } = tree;
            let opts = pack_options_of(&name, owner, whole_root);
            crate::sys::without_sigpipe(|| pack(fd, &opts, writer)).map(drop)
        });
        let unpacked = unpack_at(&mut reader, dir, opts);
        // Whatever follows the archive's end, so the packer is never left blocked.
        let _ = io::copy(&mut reader, &mut io::sink());
        drop(reader);
        let packed = packer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("archiving stopped")));
        unpacked.map_err(|source| CopyError::Unpack { to, source })?;
        packed.map_err(|source| pack_err(from, source))
    })
}

/// A tar stream from stdin, gzip or zstd compressed or not; checked to start with a tar
/// header, as podman refuses anything else.
fn archive_stream<'a>(stdin: &'a mut dyn Read) -> Result<Box<dyn Read + 'a>, CopyError> {
    let raw = BufReader::new(stdin);
    let mut plain =
        crate::image::archive::outer::decompress(raw).map_err(|_| CopyError::NotAnArchive)?;
    let mut head = [0u8; 512];
    plain
        .read_exact(&mut head)
        .map_err(|_| CopyError::NotAnArchive)?;
    let h = tar::Header::from_byte_slice(&head);
    let mut check = h.clone();
    check.set_cksum();
    let empty = head.iter().all(|b| *b == 0);
    if !empty && h.cksum().ok() != check.cksum().ok() {
        return Err(CopyError::NotAnArchive);
    }
    Ok(Box::new(io::Cursor::new(head).chain(plain)))
}
