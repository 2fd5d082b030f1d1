//! Seccomp profiles in docker's format (the one `--security-opt seccomp=FILE` takes), turned
//! into the OCI spec's filter for one container, as docker and podman do: the `archMap` entry
//! of this machine's architecture, and only the rules whose `includes`/`excludes` match the
//! container's bounding capabilities, the architecture and the running kernel (pure).
//!
//! The default profile (seccomp.json beside this file) is docker's current default
//! (moby/profiles seccomp/default.json, one rule per line): everything not listed fails
//! with EPERM (keyrings, kexec, io_uring, AF_ALG and AF_VSOCK sockets among them); namespace
//! creation, mount, bpf, modules, open_by_handle_at, ptrace before 4.8 and the like are only
//! allowed with the capability that guards them.

use oci_spec::runtime::{
    Arch, Capability, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArg, LinuxSeccompBuilder,
    LinuxSeccompFilterFlag, LinuxSyscall, LinuxSyscallBuilder,
};
use serde::Deserialize;

use super::caps;
use super::options::{invalid, OptionError};

/// docker's default profile.
pub const DEFAULT_PROFILE: &str = include_str!("seccomp.json");

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    default_action: LinuxSeccompAction,
    default_errno_ret: Option<u32>,
    #[serde(default)]
    architectures: Vec<Arch>,
    #[serde(default)]
    arch_map: Vec<ArchMap>,
    #[serde(default)]
    flags: Vec<LinuxSeccompFilterFlag>,
    #[serde(default)]
    syscalls: Vec<Rule>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArchMap {
    architecture: Arch,
    #[serde(default)]
    sub_architectures: Option<Vec<Arch>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    #[serde(default)]
    names: Vec<String>,
    /// The older single-name form.
    #[serde(default)]
    name: Option<String>,
    action: LinuxSeccompAction,
    errno_ret: Option<u32>,
    #[serde(default)]
    args: Option<Vec<LinuxSeccompArg>>,
    #[serde(default)]
    includes: Filter,
    #[serde(default)]
    excludes: Filter,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Filter {
    #[serde(default)]
    caps: Vec<String>,
    /// Go's names: amd64, arm64, ppc64le, s390x...
    #[serde(default)]
    arches: Vec<String>,
    min_kernel: Option<String>,
}

/// Where the filter will run: the architecture (Go's name, as profiles spell it), the
/// kernel version and the container's bounding capabilities (a mask).
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub arch: &'a str,
    pub kernel: (u32, u32),
    pub bounding: u64,
}

/// This machine's architecture in Go's spelling.
pub fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "x86" => "386",
        "aarch64" => "arm64",
        "powerpc64" if cfg!(target_endian = "little") => "ppc64le",
        "powerpc64" => "ppc64",
        "mips64" if cfg!(target_endian = "little") => "mips64le",
        "loongarch64" => "loong64",
        other => other,
    }
}

/// The native seccomp architecture for a Go architecture name.
fn native(arch: &str) -> Option<Arch> {
    Some(match arch {
        "amd64" => Arch::ScmpArchX86_64,
        "386" => Arch::ScmpArchX86,
        "arm64" => Arch::ScmpArchAarch64,
        "arm" => Arch::ScmpArchArm,
        "ppc64le" => Arch::ScmpArchPpc64le,
        "ppc64" => Arch::ScmpArchPpc64,
        "s390x" => Arch::ScmpArchS390x,
        "riscv64" => Arch::ScmpArchRiscv64,
        "mips64" => Arch::ScmpArchMips64,
        "mips64le" => Arch::ScmpArchMipsel64,
        "loong64" => Arch::ScmpArchLoongarch64,
        _ => return None,
    })
}

/// `major.minor` of a kernel release (`6.1.0-13-amd64` is (6, 1)).
pub fn kernel_version(release: &str) -> Option<(u32, u32)> {
    let mut parts = release.split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    Some((major, minor))
}

/// Parses a profile; `source` names it in errors.
pub fn parse(text: &str, source: &str) -> Result<Profile, OptionError> {
    serde_json::from_str(text).map_err(|e| invalid("seccomp profile", source, e.to_string()))
}

fn has_cap(bounding: u64, name: &str) -> bool {
    serde_json::from_value::<Capability>(serde_json::Value::String(name.to_string()))
        .is_ok_and(|c| bounding & (1 << caps::number(c)) != 0)
}

impl Rule {
    fn applies(&self, t: &Target) -> Result<bool, OptionError> {
        let kernel_at_least = |v: &str| {
            kernel_version(v)
                .map(|want| t.kernel >= want)
                .ok_or_else(|| invalid("seccomp profile", v, "bad minKernel"))
        };
        let ex = &self.excludes;
        if ex.arches.iter().any(|a| a == t.arch)
            || ex.caps.iter().any(|c| has_cap(t.bounding, c))
            || ex.min_kernel.as_deref().map(kernel_at_least).transpose()? == Some(true)
        {
            return Ok(false);
        }
        let inc = &self.includes;
        if !inc.arches.is_empty() && !inc.arches.iter().any(|a| a == t.arch) {
            return Ok(false);
        }
        if !inc.caps.iter().all(|c| has_cap(t.bounding, c)) {
            return Ok(false);
        }
        Ok(inc.min_kernel.as_deref().map(kernel_at_least).transpose()? != Some(false))
    }
}

impl Profile {
    /// The OCI filter for a container on `t`.
    pub fn to_oci(&self, t: &Target) -> Result<LinuxSeccomp, OptionError> {
        let spec_err = |e: oci_spec::OciSpecError| OptionError::Spec(e.to_string());
        let mut arches = self.architectures.clone();
        if let Some(n) = native(t.arch) {
            for m in self.arch_map.iter().filter(|m| m.architecture == n) {
                arches.push(m.architecture);
                arches.extend(m.sub_architectures.iter().flatten().copied());
            }
        }
        let mut syscalls: Vec<LinuxSyscall> = Vec::new();
        for r in &self.syscalls {
            if r.name.is_some() && !r.names.is_empty() {
                let n = r.name.clone().unwrap_or_default();
                return Err(invalid("seccomp profile", &n, "use either name or names"));
            }
            if !r.applies(t)? {
                continue;
            }
            let names: Vec<String> = r.names.iter().chain(&r.name).cloned().collect();
            let mut b = LinuxSyscallBuilder::default().names(names).action(r.action);
            if let Some(e) = r.errno_ret {
                b = b.errno_ret(e);
            }
            if let Some(a) = &r.args {
                b = b.args(a.clone());
            }
            syscalls.push(b.build().map_err(spec_err)?);
        }
        let mut b = LinuxSeccompBuilder::default()
            .default_action(self.default_action)
            .syscalls(syscalls);
        if let Some(e) = self.default_errno_ret {
            b = b.default_errno_ret(e);
        }
        if !arches.is_empty() {
            b = b.architectures(arches);
        }
        if !self.flags.is_empty() {
            b = b.flags(self.flags.clone());
        }
        b.build().map_err(spec_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AMD64: Target = Target {
        arch: "amd64",
        kernel: (6, 1),
        bounding: 0x8004_05fb,
    };

    fn rules_for(filter: &LinuxSeccomp, name: &str) -> Vec<LinuxSyscall> {
        let calls = filter.syscalls().clone().unwrap_or_default();
        calls
            .into_iter()
            .filter(|c| c.names().iter().any(|n| n == name))
            .collect()
    }

    #[test]
    fn default_profile_denies_what_docker_denies() {
        let p = parse(DEFAULT_PROFILE, "default").unwrap();
        let f = p.to_oci(&AMD64).unwrap();
        assert_eq!(f.default_action(), LinuxSeccompAction::ScmpActErrno);
        assert_eq!(f.default_errno_ret(), Some(1));
        let arches = f.architectures().clone().unwrap();
        let want = [Arch::ScmpArchX86_64, Arch::ScmpArchX86, Arch::ScmpArchX32];
        assert_eq!(arches, want);
        for denied in [
            "mount",
            "umount2",
            "unshare",
            "setns",
            "keyctl",
            "add_key",
            "bpf",
            "kexec_load",
            "init_module",
            "finit_module",
            "delete_module",
            "open_by_handle_at",
            "reboot",
            "clone3",
            "syslog",
            "iopl",
        ] {
            let allowed = rules_for(&f, denied)
                .iter()
                .any(|r| r.action() == LinuxSeccompAction::ScmpActAllow);
            assert!(!allowed, "{denied} allowed by default");
        }
        for allowed in [
            "read",
            "execve",
            "ptrace",
            "chroot",
            "arch_prctl",
            "socket",
            "statx",
        ] {
            assert!(!rules_for(&f, allowed).is_empty(), "{allowed}");
        }
        // clone only without namespace flags; clone3 fails with ENOSYS so libc falls back.
        let clone = rules_for(&f, "clone");
        assert_eq!(clone.len(), 1);
        let arg = clone[0].args().clone().unwrap()[0];
        assert_eq!((arg.index(), arg.value()), (0, 0x7E02_0000));
        assert_eq!(rules_for(&f, "clone3")[0].errno_ret(), Some(38));
        assert!(rules_for(&f, "modify_ldt").len() == 1);
        assert!(rules_for(&f, "s390_runtime_instr").is_empty());
    }

    #[test]
    fn capabilities_open_their_syscalls() {
        let p = parse(DEFAULT_PROFILE, "default").unwrap();
        let admin = AMD64.bounding | 1 << caps::number(Capability::SysAdmin);
        let t = Target {
            bounding: admin,
            ..AMD64
        };
        let f = p.to_oci(&t).unwrap();
        assert!(!rules_for(&f, "mount").is_empty());
        // With CAP_SYS_ADMIN clone is allowed outright and clone3 is not refused.
        let clone = rules_for(&f, "clone");
        assert!(clone.iter().all(|r| r.args().is_none()));
        assert!(rules_for(&f, "clone3")
            .iter()
            .all(|r| r.action() == LinuxSeccompAction::ScmpActAllow));
        let no_chroot = Target {
            bounding: 0,
            ..AMD64
        };
        assert!(rules_for(&p.to_oci(&no_chroot).unwrap(), "chroot").is_empty());
        let old = Target {
            kernel: (4, 4),
            ..AMD64
        };
        assert!(rules_for(&p.to_oci(&old).unwrap(), "ptrace").is_empty());
        let s390 = Target {
            arch: "s390x",
            ..AMD64
        };
        let f = p.to_oci(&s390).unwrap();
        assert_eq!(
            rules_for(&f, "clone")[0].args().clone().unwrap()[0].index(),
            1
        );
        let arches = f.architectures().clone().unwrap();
        assert_eq!(arches, [Arch::ScmpArchS390x, Arch::ScmpArchS390]);
    }

    #[test]
    fn user_profiles() {
        let text = r#"{"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64"],
            "syscalls":[{"name":"mkdir","action":"SCMP_ACT_ERRNO","errnoRet":13}]}"#;
        let f = parse(text, "p.json").unwrap().to_oci(&AMD64).unwrap();
        assert_eq!(f.default_action(), LinuxSeccompAction::ScmpActAllow);
        assert_eq!(rules_for(&f, "mkdir")[0].errno_ret(), Some(13));
        let e = parse("{", "p.json").unwrap_err().to_string();
        assert!(e.starts_with("invalid seccomp profile \"p.json\""), "{e}");
        let both = r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"name":"a","names":["b"],"action":"SCMP_ACT_ALLOW"}]}"#;
        assert!(parse(both, "x").unwrap().to_oci(&AMD64).is_err());
        assert_eq!(kernel_version("6.18.0-1-amd64"), Some((6, 18)));
        assert_eq!(kernel_version("5"), Some((5, 0)));
    }
}
