//! Usage errors in podman's (cobra's and pflag's) words.

use super::parse::command_path;

/// A usage error as podman (cobra and pflag) words it, without "Error: ". Flag errors end
/// with `See 'ctl CMD --help'`, as podman's do; the words a user typed are escaped.
pub(super) fn usage_error(e: &clap::Error, argv: &[std::ffi::OsString]) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(ctl::text::escape(s).into_owned()),
        _ => None,
    };
    let path = ctl::text::escape(&command_path(argv)).into_owned();
    let see = |msg: String| format!("{msg}\nSee '{path} --help'");
    match e.kind() {
        ErrorKind::UnknownArgument => match context(ContextKind::InvalidArg) {
            Some(arg) if arg.starts_with('-') => see(unknown_flag(&arg)),
            // A word where the command takes none.
            Some(arg) => format!("unexpected argument \"{arg}\""),
            None => ctl::text::escape(&usage_line(e)).into_owned(),
        },
        ErrorKind::InvalidSubcommand => {
            let sub = context(ContextKind::InvalidSubcommand).unwrap_or_default();
            let suggested = match e.get(ContextKind::SuggestedSubcommand) {
                Some(ContextValue::String(s)) => vec![s.clone()],
                Some(ContextValue::Strings(v)) => v.clone(),
                _ => vec![],
            };
            if suggested.is_empty() {
                format!(
                    "unrecognized command `{path} {sub}`\nTry '{path} --help' for more information"
                )
            } else {
                format!(
                    "unrecognized command `{path} {sub}`\n\nDid you mean this?\n\t{}\n\n\
                     Try '{path} --help' for more information",
                    suggested.join("\n\t")
                )
            }
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            format!("missing command '{path} COMMAND'")
        }
        // A value missing at the end of the line: pflag's words, naming the option as typed.
        ErrorKind::InvalidValue if missing_value(e, argv) => {
            let typed = argv.last().map(|a| a.to_string_lossy()).unwrap_or_default();
            let typed = ctl::text::escape(&typed).into_owned();
            match typed.strip_prefix('-') {
                Some(short) if !short.starts_with('-') => {
                    let c = short.chars().last().unwrap_or('-');
                    see(format!("flag needs an argument: '{c}' in {typed}"))
                }
                _ => see(format!("flag needs an argument: {typed}")),
            }
        }
        // A value the option cannot take: pflag's words, naming the option as it is defined.
        ErrorKind::ValueValidation | ErrorKind::InvalidValue => {
            match (
                context(ContextKind::InvalidArg),
                context(ContextKind::InvalidValue),
            ) {
                (Some(arg), Some(value)) if arg.starts_with('-') => {
                    let why = match (std::error::Error::source(e), e.get(ContextKind::ValidValue)) {
                        (Some(inner), _) => inner.to_string(),
                        // podman's validate.Value.
                        (None, Some(ContextValue::Strings(valid))) => format!(
                            "{value:?} is not a valid value.  Choose from: \"{}\"",
                            valid.join(", ")
                        ),
                        _ => "invalid value".to_string(),
                    };
                    let why = ctl::text::escape(&why).into_owned();
                    see(format!(
                        "invalid argument \"{value}\" for \"{}\" flag: {why}",
                        flag_names(argv, &arg)
                    ))
                }
                _ => see(ctl::text::escape(&usage_line(e)).into_owned()),
            }
        }
        _ => ctl::text::escape(&usage_line(e)).into_owned(),
    }
}

/// An option as pflag names it in errors (`-n, --last`), from clap's `--last <N>`.
fn flag_names(argv: &[std::ffi::OsString], arg: &str) -> String {
    let typed = arg.split_whitespace().next().unwrap_or(arg);
    let mut root = super::parse::command();
    root.build();
    let mut cmd = &root;
    for word in command_path(argv).split_whitespace().skip(1) {
        match cmd.find_subcommand(word) {
            Some(sub) => cmd = sub,
            None => break,
        }
    }
    let found = cmd.get_arguments().find(|a| {
        typed
            .strip_prefix("--")
            .is_some_and(|l| a.get_long() == Some(l))
            || typed.strip_prefix('-').and_then(|s| s.chars().next()) == a.get_short()
                && !typed.starts_with("--")
    });
    match found.map(|a| (a.get_short(), a.get_long())) {
        Some((Some(s), Some(l))) => format!("-{s}, --{l}"),
        Some((None, Some(l))) => format!("--{l}"),
        _ => typed.to_string(),
    }
}

/// An option that takes a value ended the line (`run --name`).
fn missing_value(e: &clap::Error, argv: &[std::ffi::OsString]) -> bool {
    use clap::error::{ContextKind, ContextValue};
    let empty = match e.get(ContextKind::InvalidValue) {
        Some(ContextValue::String(v)) => v.is_empty(),
        None => true,
        _ => false,
    };
    let last = argv.last().map(|a| a.to_string_lossy()).unwrap_or_default();
    empty && last.starts_with('-') && !last.contains('=')
}

/// podman's (cobra's) wording for an option nobody defined.
fn unknown_flag(arg: &str) -> String {
    let flag = arg.split('=').next().unwrap_or(arg);
    match flag.strip_prefix('-') {
        Some(short) if !short.starts_with('-') => {
            let c = short.chars().next().unwrap_or('-');
            format!("unknown shorthand flag: '{c}' in {flag}")
        }
        _ if flag.starts_with("--") => format!("unknown flag: {flag}"),
        _ => format!("unexpected argument \"{arg}\""),
    }
}

/// clap's message without its "error:" prefix, usage and tips, joined into one line.
fn usage_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty() && !l.starts_with("tip:"))
        .collect();
    let line = lines.join(" ");
    line.strip_prefix("error: ").unwrap_or(&line).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::try_parse;

    fn usage(argv: &[&str]) -> String {
        let e = try_parse(argv)
            .err()
            .unwrap_or_else(|| panic!("{argv:?} parsed"));
        let os: Vec<std::ffi::OsString> = argv.iter().map(Into::into).collect();
        usage_error(&e, &os)
    }

    #[test]
    fn usage_errors_are_podman_s() {
        assert_eq!(
            usage(&["ctl", "ps", "--x"]),
            "unknown flag: --x\nSee 'ctl ps --help'"
        );
        assert_eq!(
            usage(&["ctl", "--root", "/r", "container", "list", "-Z"]),
            "unknown shorthand flag: 'Z' in -Z\nSee 'ctl container ls --help'"
        );
        assert_eq!(
            usage(&["ctl", "ps", "--version"]),
            "unknown flag: --version\nSee 'ctl ps --help'"
        );
        assert_eq!(
            usage(&["ctl", "run", "-h"]),
            "flag needs an argument: 'h' in -h\nSee 'ctl run --help'"
        );
        assert_eq!(
            usage(&["ctl", "run", "-dh"]),
            "flag needs an argument: 'h' in -dh\nSee 'ctl run --help'"
        );
        assert_eq!(
            usage(&["ctl", "stop", "-t", "1", "--time"]),
            "flag needs an argument: --time\nSee 'ctl stop --help'"
        );
        assert_eq!(
            usage(&["ctl", "snuffleupagus"]),
            "unrecognized command `ctl snuffleupagus`\nTry 'ctl --help' for more information"
        );
        assert_eq!(
            usage(&["ctl", "container", "stp"]),
            "unrecognized command `ctl container stp`\n\nDid you mean this?\n\tstop\n\n\
             Try 'ctl container --help' for more information"
        );
        assert_eq!(
            usage(&["ctl", "network"]),
            "missing command 'ctl network COMMAND'"
        );
        assert_eq!(usage(&["ctl"]), "missing command 'ctl COMMAND'");
    }

    /// pflag: `invalid argument "V" for "-s, --long" flag: why`, then the help hint.
    #[test]
    fn bad_values_are_named_as_pflag_names_them() {
        let u = usage(&["ctl", "ps", "--last", "x"]);
        assert!(
            u.starts_with("invalid argument \"x\" for \"-n, --last\" flag: ")
                && u.ends_with("\nSee 'ctl ps --help'"),
            "{u}"
        );
        let u = usage(&["ctl", "container", "stop", "-t", "soon", "c"]);
        assert!(
            u.starts_with("invalid argument \"soon\" for \"-t, --time\" flag: "),
            "{u}"
        );
        assert_eq!(
            usage(&["ctl", "run", "--rm=maybe", "bb"]),
            "invalid argument \"maybe\" for \"--rm\" flag: strconv.ParseBool: parsing \
             \"maybe\": invalid syntax\nSee 'ctl run --help'"
        );
        let u = usage(&["ctl", "inspect", "--type", "pod", "c"]);
        assert!(
            u.starts_with("invalid argument \"pod\" for \"-t, --type\" flag: "),
            "{u}"
        );
    }

    #[test]
    fn unknown_flags_are_named_as_podman_names_them() {
        assert_eq!(unknown_flag("--bogus-flag"), "unknown flag: --bogus-flag");
        assert_eq!(unknown_flag("--bogus=1"), "unknown flag: --bogus");
        assert_eq!(unknown_flag("-Zq"), "unknown shorthand flag: 'Z' in -Zq");
        assert_eq!(unknown_flag("foo"), "unexpected argument \"foo\"");
    }

    #[test]
    fn usage_errors_are_one_line() {
        let e = try_parse(&["ctl", "run"]).unwrap_err();
        let line = usage_line(&e);
        assert!(!line.contains('\n') && !line.starts_with("error"), "{line}");
        assert!(line.contains("<IMAGE"), "{line}");
    }

    #[test]
    fn a_value_outside_a_closed_set_is_one_line_naming_the_values() {
        for (argv, want) in [
            (
                &["ctl", "run", "--pull", "alway", "bb"][..],
                "invalid value 'alway' for '--pull <PULL>' \
                 [possible values: missing, always, never, newer]",
            ),
            (
                &["ctl", "create", "--log-driver=syslog", "bb"],
                "invalid value 'syslog' for '--log-driver <LOG_DRIVER>' \
                 [possible values: k8s-file, none, journald, passthrough]",
            ),
            (
                &["ctl", "run", "--sdnotify", "Conmon", "bb"],
                "invalid value 'Conmon' for '--sdnotify <MODE>' \
                 [possible values: container, conmon, ignore]",
            ),
            (
                &["ctl", "inspect", "-t", "pod", "x"],
                "invalid value 'pod' for '--type <KIND>' [possible values: all, container, image, volume]",
            ),
            (
                &["ctl", "completion", "tcsh"],
                "invalid value 'tcsh' for '<SHELL>' [possible values: bash, zsh, fish]",
            ),
        ] {
            let e = try_parse(argv).unwrap_err();
            assert_eq!(e.kind(), clap::error::ErrorKind::InvalidValue, "{argv:?}");
            assert_eq!(usage_line(&e), want, "{argv:?}");
        }
        assert_eq!(
            usage(&["ctl", "run", "--pull", "alway", "bb"]),
            "invalid argument \"alway\" for \"--pull\" flag: \"alway\" is not a valid value.  \
             Choose from: \"missing, always, never, newer\"\nSee 'ctl run --help'"
        );
        assert_eq!(
            usage(&["ctl", "completion", "tcsh"]),
            "invalid value 'tcsh' for '<SHELL>' [possible values: bash, zsh, fish]\n\
             See 'ctl completion --help'"
        );
    }
}
