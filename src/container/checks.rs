//! Checks of create options against the host and the kernel's limits, made before anything
//! of the container exists: a bind source that is missing, an environment the kernel
//! refuses to exec with, a host name it refuses to set would otherwise fail only inside the
//! runtime and leave a half-made container behind.

use super::options::{invalid, Mount, OptionError};

/// The kernel's limit on one argument or environment string, NUL included
/// (MAX_ARG_STRLEN: 32 pages).
pub const MAX_ARG_STRLEN: usize = 32 * 4096;

/// `sethostname(2)` takes at most HOST_NAME_MAX bytes.
pub const MAX_HOSTNAME: usize = 64;

/// Every bind mount's source exists (podman's wording: `statfs PATH: no such file or
/// directory`).
pub fn bind_sources_exist(mounts: &[Mount]) -> Result<(), OptionError> {
    for m in mounts {
        if let Mount::Bind { source, .. } = m {
            if let Err(e) = std::fs::metadata(source) {
                return Err(OptionError::BindSource {
                    path: source.clone(),
                    reason: errno_text(&e),
                });
            }
        }
    }
    Ok(())
}

/// An io error as Go prints an errno: lower case, without "(os error N)".
pub fn errno_text(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => {
            let desc = nix::errno::Errno::from_raw(code).desc();
            let mut chars = desc.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => e.to_string(),
            }
        }
        None => e.to_string(),
    }
}

/// The container's environment and command fit what exec(2) takes: each string under
/// [`MAX_ARG_STRLEN`], all of them (with their pointers) under `arg_max`. Errors name the
/// variable, never quote its (long) value.
pub fn exec_fits(env: &[String], args: &[String], arg_max: usize) -> Result<(), OptionError> {
    for e in env {
        if e.len() + 1 > MAX_ARG_STRLEN {
            let name = e.split('=').next().unwrap_or_default();
            return Err(invalid(
                "environment variable",
                &crate::text::excerpt(name, 64),
                format!(
                    "{} bytes; the kernel takes at most {} for one variable",
                    e.len(),
                    MAX_ARG_STRLEN - 1
                ),
            ));
        }
    }
    for a in args {
        if a.len() + 1 > MAX_ARG_STRLEN {
            return Err(invalid(
                "command argument",
                &crate::text::excerpt(a, 64),
                format!(
                    "{} bytes; the kernel takes at most {}",
                    a.len(),
                    MAX_ARG_STRLEN - 1
                ),
            ));
        }
    }
    let total: usize = env
        .iter()
        .chain(args)
        .map(|s| s.len() + 1 + std::mem::size_of::<usize>())
        .sum();
    if total > arg_max {
        return Err(invalid(
            "environment",
            &format!("{} variables", env.len()),
            format!(
                "environment and command take {total} bytes; the kernel takes at most \
                 {arg_max}"
            ),
        ));
    }
    Ok(())
}

/// The host's limit on exec arguments and environment together (sysconf ARG_MAX).
pub fn arg_max() -> usize {
    nix::unistd::sysconf(nix::unistd::SysconfVar::ARG_MAX)
        .ok()
        .flatten()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(128 * 1024)
}

/// A host name the kernel takes: 1 to 64 bytes.
pub fn hostname(h: &str) -> Result<(), OptionError> {
    let bad = |reason: String| Err(invalid("hostname", &crate::text::excerpt(h, 80), reason));
    if h.is_empty() {
        return bad("empty".into());
    }
    if h.len() > MAX_HOSTNAME {
        return bad(format!(
            "{} characters; a host name has at most {MAX_HOSTNAME}",
            h.chars().count()
        ));
    }
    Ok(())
}

/// `--pidfile`/`--conmon-pidfile`: the directory that will hold each exists.
pub fn pidfile_dirs_exist(files: &[&Option<std::path::PathBuf>]) -> Result<(), OptionError> {
    for f in files.iter().copied().flatten() {
        let dir = f.parent().unwrap_or(std::path::Path::new("/"));
        if !dir.is_dir() {
            return Err(crate::container::options::invalid(
                "pid file",
                &f.display().to_string(),
                format!("{} is not a directory", dir.display()),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn bind(src: &str) -> Mount {
        Mount::bind(PathBuf::from(src), PathBuf::from("/x"), false, Vec::new())
    }

    #[test]
    fn a_missing_bind_source_is_named_as_podman_names_it() {
        let e = bind_sources_exist(&[bind("/"), bind("/nonexistent-ctl-test")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "statfs /nonexistent-ctl-test: no such file or directory"
        );
        assert!(bind_sources_exist(&[bind("/"), Mount::tmpfs("/t".into(), &[])]).is_ok());
    }

    #[test]
    fn env_beyond_exec_limits_is_refused_by_name() {
        let big = format!("BIG={}", "a".repeat(3_000_000));
        let e = exec_fits(&[big], &[], 2 << 20).unwrap_err().to_string();
        assert!(
            e.starts_with("invalid environment variable \"BIG\": 3000004 bytes"),
            "{e}"
        );
        assert!(e.len() < 200, "{e}");
        let just = format!("A={}", "a".repeat(MAX_ARG_STRLEN - 3));
        assert!(exec_fits(std::slice::from_ref(&just), &[], 2 << 20).is_ok());
        let many = vec![just; 20];
        let e = exec_fits(&many, &["sh".into()], 2 << 20).unwrap_err();
        assert!(e.to_string().contains("at most 2097152"), "{e}");
        let arg = "x".repeat(MAX_ARG_STRLEN);
        assert!(exec_fits(&[], &[arg], 2 << 20).is_err());
    }

    #[test]
    fn host_names_are_1_to_64_bytes() {
        assert!(hostname(&"h".repeat(64)).is_ok());
        let e = hostname(&"h".repeat(100)).unwrap_err().to_string();
        assert!(
            e.contains("100 characters; a host name has at most 64"),
            "{e}"
        );
        assert!(hostname("").is_err());
    }
}
