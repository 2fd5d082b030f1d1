//! `ctl __generate-docs DIR`: the shell completions (DIR/completions) and man pages
//! (DIR/packaging/man) written from the clap definitions, the one source of `--help`, man
//! pages and completions. The files in the repository are its output; a test fails when they
//! drift.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use super::completion::CompletionShell;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory to write completions/ and packaging/man/ under (the repository root)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// (shell, file under completions/).
pub const COMPLETION_FILES: [(CompletionShell, &str); 3] = [
    (CompletionShell::Bash, "ctl.bash"),
    (CompletionShell::Zsh, "_ctl"),
    (CompletionShell::Fish, "ctl.fish"),
];

pub fn generate(a: &Args) -> Result<ExitCode> {
    let comp = a.dir.join("completions");
    std::fs::create_dir_all(&comp).with_context(|| format!("creating {}", comp.display()))?;
    for (shell, file) in COMPLETION_FILES {
        let path = comp.join(file);
        std::fs::write(&path, super::completion::script(shell))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    write_man_pages(&a.dir.join("packaging/man"))?;
    Ok(ExitCode::SUCCESS)
}

/// ctl.1 and one page per visible subcommand (ctl-run.1, ctl-container-run.1, ...); pages
/// of commands that no longer exist are removed.
fn write_man_pages(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for e in std::fs::read_dir(dir)?.flatten() {
        if e.path().extension().is_some_and(|x| x == "1") {
            std::fs::remove_file(e.path())?;
        }
    }
    clap_mangen::generate_to(super::command(), dir)
        .with_context(|| format!("writing man pages to {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use clap::{ArgAction, Command};

    /// Every visible subcommand says what it does, and every visible argument has a help line.
    #[test]
    fn every_command_and_flag_has_help() {
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                let auto = matches!(a.get_action(), ArgAction::Help | ArgAction::Version);
                if a.is_hide_set() || auto {
                    continue;
                }
                if a.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                    missing.push(format!("{path}: {}", a.get_id()));
                }
            }
            for sc in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
                let p = format!("{path} {}", sc.get_name());
                if sc.get_about().is_none() {
                    missing.push(format!("{p}: no about"));
                }
                walk(sc, &p, missing);
            }
        }
        let mut cmd = super::super::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "ctl", &mut missing);
        assert!(missing.is_empty(), "no help text:\n{}", missing.join("\n"));
    }
}
