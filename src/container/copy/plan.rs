//! `cp`'s arguments and podman-cp(1)'s rules for where a copy lands: pure, tested without
//! root.

use std::ffi::OsString;
use std::path::{Component, Path};

use super::CopyError;

/// One side of a copy, as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// A path on this machine (relative to the working directory).
    Host(String),
    /// `-`: a tar stream on stdin or stdout.
    Stream,
    /// `CONTAINER:PATH`; the path is relative to the container's `/`.
    Container { name: String, path: String },
}

/// Splits `[CONTAINER:]PATH` as podman does: input starting with `.` or `/` is a host path,
/// so a host path with a colon is written `./a:b`.
fn split(input: &str) -> (Option<&str>, &str) {
    if input.starts_with('.') || input.starts_with('/') {
        return (None, input);
    }
    match input.split_once(':') {
        Some((c, p)) => (Some(c), p),
        None => (None, input),
    }
}

/// The two arguments, with podman's refusals.
pub fn parse_args(src: &str, dest: &str) -> Result<(Endpoint, Endpoint), CopyError> {
    let (sc, sp) = split(src);
    let (dc, dp) = split(dest);
    if sp.is_empty() || dp.is_empty() {
        return Err(CopyError::NoPaths(src.into(), dest.into()));
    }
    let side = |c: Option<&str>, p: &str| match c {
        Some(name) => Endpoint::Container {
            name: name.to_string(),
            path: p.to_string(),
        },
        None if p == "-" => Endpoint::Stream,
        None => Endpoint::Host(p.to_string()),
    };
    let (s, d) = (side(sc, sp), side(dc, dp));
    let container = |e: &Endpoint| matches!(e, Endpoint::Container { .. });
    if !container(&s) && !container(&d) {
        return Err(CopyError::NoContainer);
    }
    Ok((s, d))
}

/// The source's top entry: its name in the copy, `None` for a directory's contents
/// (`dir/.`, and a container's `/`).
pub fn source_name(path: &str) -> Option<OsString> {
    let p = Path::new(path);
    if path.ends_with("/.") || path == "." {
        return None;
    }
    match p.components().next_back() {
        Some(Component::Normal(n)) => Some(n.to_os_string()),
        _ => None,
    }
}

/// What is at the destination path (symlinks followed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DestKind {
    Dir,
    File,
    /// Nothing, and its parent is a directory.
    Missing,
}

/// Where the copy goes: into the destination itself, or into its parent directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub into_parent: bool,
    /// The top entry's name there; `None`: the source directory's contents.
    pub name: Option<OsString>,
}

/// podman-cp(1)'s table: a file to a missing path is saved there, over a file it overwrites
/// it, into a directory it keeps its name; a directory to a missing path becomes it, into a
/// directory it goes inside (`/.`: its contents do), onto a file it is refused.
pub fn place(
    src_is_dir: bool,
    src_name: Option<&OsString>,
    dest: &str,
    kind: DestKind,
) -> Result<Placement, CopyError> {
    let dest_name = || {
        Path::new(dest)
            .file_name()
            .map(|n| n.to_os_string())
            .ok_or_else(|| CopyError::DestNotFound(dest.to_string()))
    };
    match kind {
        DestKind::Dir => Ok(Placement {
            into_parent: false,
            name: src_name.cloned(),
        }),
        DestKind::File if src_is_dir => Err(CopyError::DirOntoFile),
        DestKind::File => Ok(Placement {
            into_parent: true,
            name: Some(dest_name()?),
        }),
        DestKind::Missing => Ok(Placement {
            into_parent: true,
            name: Some(dest_name()?),
        }),
    }
}

/// A container path as components below its `/` (`..` kept: resolution in the root stops
/// it there).
pub fn container_rel(path: &str) -> std::path::PathBuf {
    let rel = path.trim_start_matches('/');
    if rel.is_empty() {
        ".".into()
    } else {
        rel.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(s: &str) -> OsString {
        s.into()
    }

    #[test]
    fn arguments_split_as_podman_does() {
        let (s, d) = parse_args("web:/etc/hosts", "/tmp/x").unwrap();
        assert_eq!(
            s,
            Endpoint::Container {
                name: "web".into(),
                path: "/etc/hosts".into()
            }
        );
        assert_eq!(d, Endpoint::Host("/tmp/x".into()));
        let (s, d) = parse_args("./a:b", "c:tmp").unwrap();
        assert_eq!(s, Endpoint::Host("./a:b".into()));
        assert_eq!(
            d,
            Endpoint::Container {
                name: "c".into(),
                path: "tmp".into()
            }
        );
        let (s, _) = parse_args("-", "c:/").unwrap();
        assert_eq!(s, Endpoint::Stream);
        let (_, d) = parse_args("c:/x", "-").unwrap();
        assert_eq!(d, Endpoint::Stream);
        assert!(parse_args("a:/x", "b:/y").is_ok());
    }

    #[test]
    fn refusals_use_podmans_words() {
        let e = parse_args("a:", "/y").unwrap_err().to_string();
        assert_eq!(e, r#"invalid arguments "a:", "/y": you must specify paths"#);
        let e = parse_args("/x", "/y").unwrap_err().to_string();
        assert_eq!(e, "name or ID cannot be empty");
        assert!(parse_args("-", "/y").is_err());
    }

    #[test]
    fn source_names() {
        assert_eq!(source_name("/a/b"), Some(os("b")));
        assert_eq!(source_name("a/b/"), Some(os("b")));
        assert_eq!(source_name("a/b/."), None);
        assert_eq!(source_name("."), None);
        assert_eq!(source_name("/"), None);
    }

    #[test]
    fn the_man_pages_table() {
        let b = os("b");
        // A file: into a directory by its name, onto a file or a missing path by that name.
        let p = place(false, Some(&b), "/d", DestKind::Dir).unwrap();
        assert_eq!((p.into_parent, p.name), (false, Some(os("b"))));
        let p = place(false, Some(&b), "/d/f", DestKind::File).unwrap();
        assert_eq!((p.into_parent, p.name), (true, Some(os("f"))));
        let p = place(false, Some(&b), "/d/new", DestKind::Missing).unwrap();
        assert_eq!((p.into_parent, p.name), (true, Some(os("new"))));
        // A directory: inside an existing one, its contents with `/.`, refused onto a file.
        let p = place(true, Some(&b), "/d", DestKind::Dir).unwrap();
        assert_eq!((p.into_parent, p.name), (false, Some(os("b"))));
        let p = place(true, None, "/d", DestKind::Dir).unwrap();
        assert_eq!((p.into_parent, p.name), (false, None));
        let p = place(true, None, "/d/new", DestKind::Missing).unwrap();
        assert_eq!((p.into_parent, p.name), (true, Some(os("new"))));
        let e = place(true, Some(&b), "/f", DestKind::File).unwrap_err();
        assert_eq!(
            e.to_string(),
            "destination must be a directory when copying a directory"
        );
    }

    #[test]
    fn container_paths_are_relative_to_its_root() {
        assert_eq!(container_rel("/etc/x"), Path::new("etc/x"));
        assert_eq!(container_rel("etc/x"), Path::new("etc/x"));
        assert_eq!(container_rel("/"), Path::new("."));
    }
}
