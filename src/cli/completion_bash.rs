//! The dynamic part of the completion scripts: which arguments name containers, images or
//! signals ([`DYNAMIC`], [`SIGNAL_OPTIONS`]), and the bash and fish code that asks
//! `ctl __complete` for them. The bash code's tables (subcommands and the options that take a
//! value) are generated from the clap tree, so they cannot drift from the definitions.

use std::fmt::Write as _;

use clap::Command;

use super::completion::Kind;

/// Positional arguments that name run-time things: (command path, kind, only the first
/// positional). `run IMAGE CMD...` completes images for IMAGE only.
pub const DYNAMIC: &[(&str, Kind, bool)] = &[
    ("stop", Kind::Running, false),
    ("kill", Kind::Running, false),
    ("exec", Kind::Running, true),
    ("attach", Kind::Running, true),
    ("start", Kind::Containers, false),
    ("restart", Kind::Containers, false),
    ("rm", Kind::Containers, false),
    ("wait", Kind::Containers, false),
    ("logs", Kind::Containers, false),
    ("inspect", Kind::Containers, false),
    ("inspect", Kind::Images, false),
    ("container stop", Kind::Running, false),
    ("container kill", Kind::Running, false),
    ("container exec", Kind::Running, true),
    ("container attach", Kind::Running, true),
    ("container start", Kind::Containers, false),
    ("container restart", Kind::Containers, false),
    ("container rm", Kind::Containers, false),
    ("container wait", Kind::Containers, false),
    ("container logs", Kind::Containers, false),
    ("container inspect", Kind::Containers, false),
    ("run", Kind::Images, true),
    ("create", Kind::Images, true),
    ("container run", Kind::Images, true),
    ("container create", Kind::Images, true),
    ("rmi", Kind::Images, false),
    ("tag", Kind::Images, true),
    ("image rm", Kind::Images, false),
    ("image inspect", Kind::Images, false),
    ("image tag", Kind::Images, true),
    ("generate systemd", Kind::Containers, false),
    ("port", Kind::Running, true),
    ("container port", Kind::Running, true),
    ("network rm", Kind::Networks, false),
    ("network inspect", Kind::Networks, false),
];

/// Options whose value is a signal name: (command path, option).
pub const SIGNAL_OPTIONS: &[(&str, &str)] = &[
    ("kill", "--signal"),
    ("container kill", "--signal"),
    ("run", "--stop-signal"),
    ("create", "--stop-signal"),
    ("container run", "--stop-signal"),
    ("container create", "--stop-signal"),
];

/// The bash key of a command path: `container stop` → `container/stop`.
fn key(path: &str) -> String {
    path.replace(' ', "/")
}

/// Finds the subcommand at `path` (space separated) under `root`.
pub fn find<'a>(root: &'a Command, path: &str) -> Option<&'a Command> {
    path.split(' ')
        .try_fold(root, |c, name| c.find_subcommand(name))
}

/// The option's spellings: `-s`, `--signal` and their aliases.
fn spellings(a: &clap::Arg) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(
        a.get_short_and_visible_aliases()
            .unwrap_or_default()
            .iter()
            .map(|c| format!("-{c}")),
    );
    out.extend(
        a.get_long_and_visible_aliases()
            .unwrap_or_default()
            .iter()
            .map(|l| format!("--{l}")),
    );
    out
}

/// Case arms: subcommand words (names and aliases) → path, and the options taking a value.
fn tables(cmd: &Command, path: &str, subs: &mut String, vals: &mut String) {
    let mut opts: Vec<String> = Vec::new();
    for a in cmd.get_arguments() {
        if a.is_positional() || !a.get_action().takes_values() {
            continue;
        }
        // Global options are taken everywhere: one `*:` arm at the root.
        if a.is_global_set() && !path.is_empty() {
            continue;
        }
        opts.extend(spellings(a));
    }
    if !opts.is_empty() {
        let prefix = if path.is_empty() {
            "*".into()
        } else {
            format!("\"{}\"", key(path))
        };
        let pats: Vec<String> = opts.iter().map(|o| format!("{prefix}:{o}")).collect();
        let _ = writeln!(vals, "        {}) return 0 ;;", pats.join("|"));
    }
    for sc in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub = if path.is_empty() {
            sc.get_name().to_string()
        } else {
            format!("{path} {}", sc.get_name())
        };
        let words: Vec<String> = std::iter::once(sc.get_name())
            .chain(sc.get_all_aliases())
            .map(|n| format!("\"{}:{n}\"", key(path)))
            .collect();
        let _ = writeln!(
            subs,
            "        {}) _ctl_path={} ;;",
            words.join("|"),
            key(&sub)
        );
        tables(sc, &sub, subs, vals);
    }
}

/// clap's bash script with `_ctl_dynamic` registered in place of `_ctl`: it runs `_ctl`, then
/// replaces the candidates where an argument names a container, image or signal.
pub fn bash(generated: &str, cmd: &Command) -> String {
    let (mut subs, mut vals) = (String::new(), String::new());
    tables(cmd, "", &mut subs, &mut vals);
    let mut kinds = String::new();
    let mut paths: Vec<&str> = DYNAMIC.iter().map(|d| d.0).collect();
    paths.dedup();
    for p in paths {
        let mut body = Vec::new();
        for (_, kind, first) in DYNAMIC.iter().filter(|d| d.0 == p) {
            let k = kind.as_str();
            body.push(if *first {
                format!("((npos == 0)) && kinds+=\" {k}\"")
            } else {
                format!("kinds+=\" {k}\"")
            });
        }
        let _ = writeln!(kinds, "        \"{}\") {} ;;", key(p), body.join("; "));
    }
    let sigs: Vec<String> = SIGNAL_OPTIONS
        .iter()
        .flat_map(|(p, o)| {
            let arg = find(cmd, p).and_then(|c| {
                c.get_arguments()
                    .find(|a| a.get_long() == o.strip_prefix("--"))
            });
            arg.map(spellings)
                .unwrap_or_default()
                .into_iter()
                .map(move |s| format!("\"{}:{s}\"", key(p)))
        })
        .collect();
    let registered = generated.replace("complete -F _ctl -o", "complete -F _ctl_dynamic -o");
    let mut out = registered;
    out.push_str(
        &BASH_TEMPLATE
            .replace("@SUBCOMMANDS@", &subs)
            .replace("@VALUE_OPTIONS@", &vals)
            .replace("@KINDS@", &kinds)
            .replace("@SIGNAL_OPTIONS@", &sigs.join("|")),
    );
    out
}

const BASH_TEMPLATE: &str = r#"
# Names that exist only at run time (containers, images, signals) come from
# `ctl __complete KIND PREFIX`; _ctl above gives subcommands, options and files.
_ctl_subcommand() {
    case "$1:$2" in
@SUBCOMMANDS@        *) return 1 ;;
    esac
}

_ctl_takes_value() {
    case "$1:$2" in
@VALUE_OPTIONS@        *) return 1 ;;
    esac
}

_ctl_dynamic() {
    _ctl "$@"
    local cur words cword
    # bash-completion keeps `registry:5000/x:tag` one word; plain bash splits it at ':'.
    if declare -F _get_comp_words_by_ref >/dev/null; then
        _get_comp_words_by_ref -n : cur words cword
    else
        cur=${COMP_WORDS[COMP_CWORD]} words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
    fi
    local path="" _ctl_path npos=0 skip=0 opt="" i w kinds="" k out=""
    local -a globals=()
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        if ((skip)); then
            [[ $w == "=" ]] && continue
            skip=0
            case $opt in --root | --runroot | --config) globals+=("$opt" "$w") ;; esac
            continue
        fi
        case $w in
            -*=*) continue ;;
            -*)
                _ctl_takes_value "$path" "$w" && skip=1 opt=$w
                continue
                ;;
        esac
        if _ctl_subcommand "$path" "$w"; then
            path=$_ctl_path npos=0
        else
            ((npos++))
        fi
    done
    if ((skip)); then
        case "$path:$opt" in
            @SIGNAL_OPTIONS@) kinds=signals ;;
        esac
    elif [[ $cur != -* ]]; then
        case "$path" in
@KINDS@        esac
    fi
    [[ -n $kinds ]] || return 0
    for k in $kinds; do
        out+=$("${words[0]}" "${globals[@]}" __complete "$k" "$cur" 2>/dev/null)$'\n'
    done
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$out" -- "$cur"))
    # No file names in place of absent containers.
    compopt +o default +o bashdefault 2>/dev/null
    declare -F __ltrim_colon_completions >/dev/null && __ltrim_colon_completions "$cur"
    return 0
}
"#;

/// Fish lines for the positions where every positional is of one kind, and signal options.
pub fn fish(cmd: &Command) -> String {
    let cond = |p: &str| match p.split_once(' ') {
        None => format!("__fish_ctl_using_subcommand {p}"),
        Some((a, b)) => {
            format!("__fish_ctl_using_subcommand {a}; and __fish_seen_subcommand_from {b}")
        }
    };
    let mut out =
        String::from("\n# Names that exist only at run time, from `ctl __complete KIND PREFIX`.\n");
    for (p, kind, first) in DYNAMIC {
        if *first || find(cmd, p).is_none() {
            continue;
        }
        let _ = writeln!(
            out,
            "complete -c ctl -n \"{}\" -f -a \"(ctl __complete {} (commandline -ct))\"",
            cond(p),
            kind.as_str()
        );
    }
    for (p, o) in SIGNAL_OPTIONS {
        let short = find(cmd, p)
            .and_then(|c| {
                c.get_arguments()
                    .find(|a| a.get_long() == o.strip_prefix("--"))
            })
            .and_then(|a| a.get_short())
            .map(|s| format!(" -s {s}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "complete -c ctl -n \"{}\"{short} -l {} -x -a \"(ctl __complete signals (commandline -ct))\"",
            cond(p),
            o.trim_start_matches('-')
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::completion::{script, CompletionShell};
    use super::*;

    #[test]
    fn every_dynamic_path_and_option_exists() {
        let cmd = super::super::command();
        for (p, _, _) in DYNAMIC {
            let c = find(&cmd, p).unwrap_or_else(|| panic!("no command {p:?}"));
            assert!(
                c.get_arguments().any(|a| a.is_positional()),
                "{p:?} takes no positional argument"
            );
        }
        for (p, o) in SIGNAL_OPTIONS {
            let c = find(&cmd, p).unwrap_or_else(|| panic!("no command {p:?}"));
            assert!(
                c.get_arguments()
                    .any(|a| a.get_long() == o.strip_prefix("--")),
                "{p:?} has no {o}"
            );
        }
    }

    #[test]
    fn bash_script_registers_the_wrapper() {
        let s = String::from_utf8(script(CompletionShell::Bash)).unwrap();
        assert!(
            !s.contains("complete -F _ctl -o"),
            "clap's registration left in"
        );
        assert!(s.contains("complete -F _ctl_dynamic -o"));
        assert!(s.contains("\"container:stop\") _ctl_path=container/stop ;;"));
        assert!(s.contains("*:--root"));
        assert!(s.contains("\"kill:-s\"|\"kill:--signal\"|"));
    }
}
