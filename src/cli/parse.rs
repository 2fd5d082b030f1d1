//! Parsing the command line as podman (pflag) parses it, and the command a line names.

use super::global::Cli;
use super::usage::usage_error;

/// The command line's definition, parsed as podman's (pflag's) parser parses: a repeated
/// option's last value wins (`--name a --name b`), and an option's value may start with a
/// hyphen (`--since -1s`, `kill -s -1`), except where the value is optional (`--tls-verify`
/// alone). Parsing, help, man pages and completions all come from this one definition.
pub fn command() -> clap::Command {
    fn as_pflag(cmd: clap::Command) -> clap::Command {
        cmd.args_override_self(true)
            .mut_args(|a| {
                let optional = a.get_num_args().is_some_and(|r| r.min_values() == 0);
                if a.is_positional() || !a.get_action().takes_values() || optional {
                    a
                } else {
                    a.allow_hyphen_values(true)
                }
            })
            .mut_subcommands(as_pflag)
    }
    as_pflag(<Cli as clap::CommandFactory>::command())
}

/// Parses the command line. `--help` and `--version` print and exit 0 as clap does; any
/// usage error is reported in podman's words and exits 125.
pub(super) fn parse_args() -> Cli {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match parse(&argv) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                e.exit();
            }
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand
            ) {
                // podman's: the group's help on stdout, then what is missing.
                println!("{}", help_of(&argv).trim_end());
            }
            eprintln!("Error: {}", usage_error(&e, &argv));
            std::process::exit(125);
        }
    }
}

/// For tests: the command line parsed as ctl parses it.
#[cfg(test)]
pub fn try_parse(argv: &[&str]) -> Result<Cli, clap::Error> {
    let argv: Vec<std::ffi::OsString> = argv.iter().map(Into::into).collect();
    parse(&argv)
}

fn parse(argv: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let mut cmd = command();
    let argv = bool_values(&mut cmd, argv)?;
    cmd.try_get_matches_from(argv)
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m))
}

/// pflag's boolean options also take a value after `=` (`--rm=false`, `-d=true`); clap's
/// flags take none. Such a word becomes the flag alone or nothing, before clap sees it; a
/// value that is no boolean is pflag's error. Words after `--`, or from the first operand
/// of a command whose trailing words are another command's (`run IMAGE CMD...`), are kept.
fn bool_values(
    root: &mut clap::Command,
    argv: &[std::ffi::OsString],
) -> Result<Vec<std::ffi::OsString>, clap::Error> {
    root.build();
    let mut out: Vec<std::ffi::OsString> = argv.iter().take(1).cloned().collect();
    let mut cmd: &clap::Command = root;
    let takes_value = |a: &clap::Arg| {
        a.get_action().takes_values() && a.get_num_args().is_none_or(|r| r.min_values() > 0)
    };
    let mut words = argv.iter().skip(1);
    while let Some(word) = words.next() {
        let w = word.to_string_lossy();
        let flag = if let Some(long) = w.strip_prefix("--") {
            if long.is_empty() {
                out.push(word.clone());
                break;
            }
            let name = long.split_once('=').map_or(long, |(n, _)| n);
            cmd.get_arguments().find(|a| a.get_long() == Some(name))
        } else if let Some(short) = w.strip_prefix('-').filter(|s| !s.is_empty()) {
            let first = short.chars().next();
            if short.chars().nth(1) == Some('=') {
                cmd.get_arguments().find(|a| a.get_short() == first)
            } else {
                // A bundle: its last letter's value may be the next word (`-dp 80`).
                let last = short.chars().last();
                let bundled_value = short.chars().take(short.chars().count() - 1).any(|c| {
                    cmd.get_arguments()
                        .any(|a| a.get_short() == Some(c) && takes_value(a))
                });
                let found = cmd.get_arguments().find(|a| a.get_short() == last);
                out.push(word.clone());
                if found.is_some_and(takes_value) && !bundled_value {
                    out.extend(words.next().cloned());
                }
                continue;
            }
        } else {
            out.push(word.clone());
            match cmd.find_subcommand(w.as_ref()) {
                Some(sub) => cmd = sub,
                None if cmd.get_positionals().any(|p| p.is_trailing_var_arg_set()) => break,
                None => {}
            }
            continue;
        };
        match (flag, w.split_once('=')) {
            (Some(a), Some((typed, value)))
                if matches!(a.get_action(), clap::ArgAction::SetTrue) =>
            {
                match parse_bool(value) {
                    Some(true) => out.push(typed.into()),
                    Some(false) => {}
                    None => {
                        let names = match (a.get_short(), a.get_long()) {
                            (Some(s), Some(l)) => format!("-{s}, --{l}"),
                            (None, Some(l)) => format!("--{l}"),
                            (Some(s), None) => format!("-{s}"),
                            (None, None) => typed.to_string(),
                        };
                        return Err(cmd.clone().error(
                            clap::error::ErrorKind::ValueValidation,
                            format!(
                                "invalid argument \"{value}\" for \"{names}\" flag: \
                                 strconv.ParseBool: parsing \"{value}\": invalid syntax"
                            ),
                        ));
                    }
                }
            }
            (Some(a), None) if takes_value(a) => {
                out.push(word.clone());
                out.extend(words.next().cloned());
            }
            _ => out.push(word.clone()),
        }
    }
    out.extend(words.cloned());
    Ok(out)
}

/// Go's strconv.ParseBool.
fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// The command a command line names (`ctl container ls`), as podman's messages name it:
/// its subcommand words, options and their values skipped.
pub(super) fn command_path(argv: &[std::ffi::OsString]) -> String {
    let mut root = command();
    root.build();
    let mut cmd = &root;
    let mut path = vec![cmd.get_name().to_string()];
    let mut words = argv.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(w) = words.next() {
        if w == "--" {
            break;
        }
        let takes_value = |a: &clap::Arg| {
            a.get_action().takes_values() && a.get_num_args().is_none_or(|r| r.min_values() > 0)
        };
        if let Some(long) = w.strip_prefix("--") {
            let found = cmd.get_arguments().find(|a| a.get_long() == Some(long));
            if found.is_some_and(takes_value) {
                words.next();
            }
        } else if let Some(shorts) = w.strip_prefix('-').filter(|s| !s.is_empty()) {
            // The value of the last of a bundle may follow it (`-dp 80`); of any other,
            // it is the rest of the word.
            let last = shorts.chars().last();
            let found = cmd.get_arguments().find(|a| a.get_short() == last);
            let rest_is_value = shorts.chars().take(shorts.chars().count() - 1).any(|c| {
                cmd.get_arguments()
                    .any(|a| a.get_short() == Some(c) && takes_value(a))
            });
            if found.is_some_and(takes_value) && !rest_is_value {
                words.next();
            }
        } else {
            match cmd.find_subcommand(w.as_ref()) {
                Some(sub) => {
                    path.push(sub.get_name().to_string());
                    cmd = sub;
                }
                None => break,
            }
        }
    }
    path.join(" ")
}

/// The help of the command a command line names.
fn help_of(argv: &[std::ffi::OsString]) -> String {
    let mut root = command();
    root.build();
    let path = command_path(argv);
    let mut cmd = root;
    for word in path.split_whitespace().skip(1) {
        match cmd.find_subcommand(word) {
            Some(sub) => cmd = sub.clone(),
            None => break,
        }
    }
    cmd.render_help().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{run, Command};

    fn run_args(argv: &[&str]) -> run::RunArgs {
        let cli = try_parse(argv).unwrap_or_else(|e| panic!("{argv:?}: {e}"));
        match cli.command {
            Command::Run(a) => a,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn options_before_the_image_are_ctl_s_and_after_it_the_command_s() {
        let a = run_args(&["ctl", "run", "--rm", "bb", "echo", "--rm", "-x"]);
        assert!(a.flags.rm);
        assert_eq!(a.flags.image(), "bb");
        assert_eq!(a.flags.command(), ["echo", "--rm", "-x"]);
        let a = run_args(&["ctl", "run", "bb", "--rm"]);
        assert!(!a.flags.rm);
        assert_eq!(a.flags.command(), ["--rm"]);
        let a = run_args(&["ctl", "run", "bb", "-"]);
        assert_eq!(a.flags.command(), ["-"]);
        let a = run_args(&["ctl", "run", "bb"]);
        assert!(a.flags.command().is_empty());
        let cli = try_parse(&["ctl", "exec", "-t", "box", "ls", "-t", "--rm"]).unwrap();
        let Command::Exec(e) = cli.command else {
            panic!("exec")
        };
        assert!(e.tty);
        assert_eq!(e.target_and_command, ["box", "ls", "-t", "--rm"]);
    }

    #[test]
    fn an_unknown_flag_before_the_image_is_a_usage_error() {
        for argv in [
            &["ctl", "run", "--bogus-flag", "bb"][..],
            &["ctl", "create", "--bogus-flag", "bb"][..],
            &["ctl", "container", "run", "-Z", "bb", "sh"][..],
            &["ctl", "exec", "--bogus-flag", "box", "sh"][..],
            &["ctl", "unshare", "--bogus-flag"][..],
        ] {
            let e = try_parse(argv).unwrap_err();
            assert_eq!(
                e.kind(),
                clap::error::ErrorKind::UnknownArgument,
                "{argv:?}"
            );
        }
    }

    /// pflag's: the last of a repeated option wins; a value may start with a hyphen.
    #[test]
    fn options_parse_as_podman_s() {
        let a = run_args(&["ctl", "run", "--name", "a", "--name=b", "-d", "-d", "bb"]);
        assert_eq!(a.flags.name.as_deref(), Some("b"));
        assert!(a.detach);
        let a = run_args(&["ctl", "run", "-e", "A=1", "-e", "B=2", "--rm", "--rm", "bb"]);
        assert_eq!(a.flags.env, ["A=1", "B=2"], "lists still gather");
        let a = run_args(&["ctl", "run", "--entrypoint", "-x", "--name", "-n", "bb"]);
        assert_eq!(a.flags.entrypoint.as_deref(), Some("-x"));
        assert_eq!(a.flags.name.as_deref(), Some("-n"));
        // An optional value is never the next word.
        let a = run_args(&["ctl", "run", "--tls-verify", "--rm", "bb"]);
        assert_eq!((a.flags.tls_verify, a.flags.rm), (Some(true), true));
        let Ok(Cli {
            command: Command::Logs(l),
            ..
        }) = try_parse(&["ctl", "logs", "--since", "-1s", "--tail", "-1", "c"])
        else {
            panic!("logs")
        };
        assert_eq!((l.since.as_deref(), l.tail), (Some("-1s"), -1));
        let Ok(Cli {
            command: Command::Kill(k),
            ..
        }) = try_parse(&["ctl", "kill", "-s", "-1", "c"])
        else {
            panic!("kill")
        };
        assert_eq!(k.signal, "-1");
    }

    /// pflag's booleans take `=VALUE` as Go's ParseBool reads it; operands are not options.
    #[test]
    fn booleans_take_a_value_after_an_equals_sign() {
        let a = run_args(&[
            "ctl",
            "run",
            "--rm=false",
            "-d=true",
            "-i=0",
            "bb",
            "--rm=true",
        ]);
        assert!(!a.flags.rm && a.detach && !a.flags.interactive);
        assert_eq!(a.flags.command(), ["--rm=true"]);
        let a = run_args(&[
            "ctl",
            "run",
            "--rm=True",
            "--name",
            "--rm=false",
            "-it",
            "bb",
        ]);
        assert!(a.flags.rm && a.flags.interactive && a.flags.tty);
        assert_eq!(
            a.flags.name.as_deref(),
            Some("--rm=false"),
            "a value, not an option"
        );
        let Ok(Cli {
            command: Command::Rm(r),
            ..
        }) = try_parse(&["ctl", "rm", "a", "--force=1", "b", "--", "--all=true"])
        else {
            panic!("rm")
        };
        assert!(r.force && !r.targets.all);
        assert_eq!(r.targets.containers, ["a", "b", "--all=true"]);
        assert!(try_parse(&["ctl", "run", "--rm=yes", "bb"]).is_err());
    }

    #[test]
    fn run_and_create_take_h_for_the_host_name() {
        let a = run_args(&["ctl", "run", "-h", "myhost", "bb"]);
        assert_eq!(a.flags.hostname.as_deref(), Some("myhost"));
        for argv in [
            &["ctl", "run", "--help"][..],
            &["ctl", "container", "create", "--help"],
        ] {
            let e = try_parse(argv).unwrap_err();
            assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp, "{argv:?}");
        }
        let e = try_parse(&["ctl", "ps", "-h"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp);
    }

    #[test]
    fn the_version_is_the_root_s_v() {
        for argv in [&["ctl", "-v"][..], &["ctl", "--version"]] {
            let e = try_parse(argv).unwrap_err();
            assert_eq!(e.kind(), clap::error::ErrorKind::DisplayVersion);
            assert_eq!(
                e.render().to_string(),
                "ctl version 0.1.0\n".replace("0.1.0", env!("CARGO_PKG_VERSION"))
            );
        }
        assert!(try_parse(&["ctl", "-V"]).is_err());
        assert!(try_parse(&["ctl", "images", "--version"]).is_err());
    }
}
