//! Completions, man pages and help: the committed files are what the binary generates, every
//! command's `--help` runs and has a man page, and bash (with bash-completion) completes
//! subcommands and the names of live containers.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::WithImage;

const REGENERATE: &str = "cargo run --bin ctl -- __generate-docs .";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real ctl with an empty environment (no CTL_* variable leaks into generated text).
fn ctl(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ctl"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(args)
        .output()
        .expect("run ctl")
}

fn files(dir: &Path, keep: impl Fn(&str) -> bool) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| keep(n))
                .collect()
        })
        .unwrap_or_default()
}

/// Names of the files that differ between two directories (present in one only, or unequal).
fn drift(want: &Path, have: &Path, keep: impl Fn(&str) -> bool + Copy) -> Vec<String> {
    let (a, b) = (files(want, keep), files(have, keep));
    a.union(&b)
        .filter(|n| std::fs::read(want.join(n)).ok() != std::fs::read(have.join(n)).ok())
        .map(|n| {
            have.join(n)
                .strip_prefix(repo())
                .unwrap_or(Path::new(n))
                .display()
                .to_string()
        })
        .collect()
}

#[test]
fn committed_completions_and_man_pages_match_the_binary() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = ctl(&[
        "__generate-docs",
        tmp.path().to_str().expect("utf-8 temp path"),
    ]);
    assert!(out.status.success(), "__generate-docs failed: {out:?}");
    let is_completion = |n: &str| n != "README.md";
    let is_man = |n: &str| n.ends_with(".1");
    let mut stale = drift(
        &tmp.path().join("completions"),
        &repo().join("completions"),
        is_completion,
    );
    stale.extend(drift(
        &tmp.path().join("packaging/man"),
        &repo().join("packaging/man"),
        is_man,
    ));
    assert!(
        stale.is_empty(),
        "generated files drifted from the command definitions:\n  {}\nregenerate them with:\n  {REGENERATE}",
        stale.join("\n  ")
    );
    // `ctl completion SHELL` is what the files hold.
    for (shell, file) in [("bash", "ctl.bash"), ("zsh", "_ctl"), ("fish", "ctl.fish")] {
        let out = ctl(&["completion", shell]);
        assert!(out.status.success(), "ctl completion {shell}: {out:?}");
        let committed = std::fs::read(repo().join("completions").join(file)).unwrap_or_default();
        assert!(
            out.stdout == committed,
            "completions/{file} differs from `ctl completion {shell}`; regenerate: {REGENERATE}"
        );
    }
}

/// Subcommand names from the "Commands:" section of `--help`.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn every_command_has_help_and_a_man_page() {
    let mut todo: Vec<Vec<String>> = vec![vec![]];
    let mut seen = BTreeSet::new();
    while let Some(path) = todo.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = ctl(&args);
        let help = String::from_utf8_lossy(&out.stdout).into_owned();
        let shown = std::iter::once("ctl")
            .chain(path.iter().map(String::as_str))
            .collect::<Vec<_>>();
        assert!(out.status.success(), "`{}` failed: {out:?}", args.join(" "));
        assert!(
            help.contains(&format!("Usage: {}", shown.join(" "))),
            "`ctl {}` printed no usage line:\n{help}",
            args.join(" ")
        );
        let page = format!("{}.1", shown.join("-"));
        assert!(
            repo().join("packaging/man").join(&page).is_file(),
            "no man page packaging/man/{page}; regenerate: {REGENERATE}"
        );
        seen.insert(page);
        for sub in subcommands(&help) {
            let mut p = path.clone();
            p.push(sub);
            todo.push(p);
        }
    }
    assert!(seen.len() > 20, "walked only {seen:?}");
    let pages = files(&repo().join("packaging/man"), |n| n.ends_with(".1"));
    let extra: Vec<_> = pages.difference(&seen).collect();
    assert!(
        extra.is_empty(),
        "man pages of no command: {extra:?}; regenerate: {REGENERATE}"
    );
}

/// Runs bash with bash-completion and the committed completions/ctl.bash, completes each
/// line as if TAB were pressed at its end, and returns the candidates of each.
fn complete(env: &[(&str, &Path)], lines: &[&str]) -> Vec<Vec<String>> {
    let lib = "/usr/share/bash-completion/bash_completion";
    assert!(
        Path::new(lib).is_file(),
        "{lib} is missing: install bash-completion (tests/install-deps.sh)"
    );
    let mut script = format!(
        "source {lib}\nsource {}\n{}",
        repo().join("completions/ctl.bash").display(),
        r#"
fn=$(complete -p ctl | sed -E 's/.* -F ([^ ]+) .*/\1/')
comp() {
    COMP_LINE=$1 COMP_POINT=${#1}
    read -ra COMP_WORDS <<<"$1"
    [[ $1 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    "$fn" ctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    echo "== $1"
    printf '%s\n' "${COMPREPLY[@]}"
}
"#
    );
    for l in lines {
        script.push_str(&format!("comp '{l}'\n"));
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_ctl"))
        .parent()
        .expect("bin dir");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Command::new("bash");
    cmd.arg("-c").arg(&script).env("PATH", path);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run bash");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "bash failed: {out:?}");
    let mut result: Vec<Vec<String>> = Vec::new();
    for l in text.lines() {
        if l.starts_with("== ") {
            result.push(vec![]);
        } else if let Some(last) = result.last_mut() {
            if !l.is_empty() {
                last.push(l.to_string());
            }
        }
    }
    assert_eq!(
        result.len(),
        lines.len(),
        "bash output:\n{text}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    result
}

#[test]
fn bash_completes_commands_containers_images_and_signals() {
    let w = WithImage::busybox();
    let up = "comp-up";
    let idle = "comp-created";
    w.ctl
        .ok(&["run", "-d", "--name", up, &w.reference, "sleep", "1000"]);
    w.ctl.ok(&["create", "--name", idle, &w.reference, "true"]);
    let (root, run) = (
        w.ctl.root.display().to_string(),
        w.ctl.runroot.display().to_string(),
    );
    let g = format!("ctl --root {root} --runroot {run}");
    let lines = [
        "ctl st".to_string(),
        format!("{g} stop "),
        format!("{g} stop comp-"),
        format!("{g} stop --"),
        format!("{g} container kill "),
        "ctl kill -s K".to_string(),
        "ctl kill --signal SIGTE".to_string(),
        "ctl start ".to_string(),
        "ctl rm comp-c".to_string(),
        "ctl run ".to_string(),
        format!("ctl run {} ", w.reference),
        "ctl rmi ".to_string(),
    ];
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    // The later lines find the store through CTL_ROOT/CTL_RUNROOT instead of the flags.
    let got = complete(
        &[("CTL_ROOT", &w.ctl.root), ("CTL_RUNROOT", &w.ctl.runroot)],
        &refs,
    );
    let has = |i: usize, words: &[&str]| {
        for x in words {
            assert!(
                got[i].iter().any(|g| g == x),
                "`{}<TAB>` lacks {x}: {:?}",
                lines[i],
                got[i]
            );
        }
    };
    has(0, &["start", "stop"]);
    assert!(got[0].iter().all(|c| c.starts_with("st")), "{:?}", got[0]);
    assert_eq!(got[1], vec![up], "stop offers running containers only");
    assert_eq!(got[2], vec![up]);
    has(3, &["--time", "--all", "--root"]);
    assert_eq!(got[4], vec![up]);
    assert_eq!(got[5], vec!["KILL"]);
    assert_eq!(got[6], vec!["SIGTERM"]);
    assert_eq!(
        got[7],
        vec![idle, up],
        "start offers every container, sorted"
    );
    assert_eq!(got[8], vec![idle]);
    has(9, &[&w.reference]);
    assert!(
        !got[10].contains(&w.reference),
        "the command position is not an image: {:?}",
        got[10]
    );
    has(11, &[&w.reference]);
}
