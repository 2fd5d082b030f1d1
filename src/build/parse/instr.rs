//! One instruction's text into its form: flags (`--name=value`), the JSON (exec) form or
//! the shell form, key=value lists.

use super::expand;

/// A command as written: `["a", "b"]` or a line for the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Exec(Vec<String>),
    Shell(String),
}

/// COPY and ADD.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CopyArgs {
    pub from: Option<String>,
    pub chown: Option<String>,
    pub chmod: Option<String>,
    pub sources: Vec<String>,
    pub dest: String,
}

/// HEALTHCHECK's options and test (the flags kept as written, e.g. `30s`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Health {
    pub interval: Option<String>,
    pub timeout: Option<String>,
    pub start_period: Option<String>,
    pub retries: Option<String>,
    /// None: `HEALTHCHECK NONE`.
    pub test: Option<Command>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Instruction {
    From {
        image: String,
        alias: Option<String>,
        platform: Option<String>,
    },
    /// `--mount=...` flags as written, then the command.
    Run {
        mounts: Vec<String>,
        network: Option<String>,
        cmd: Command,
    },
    Cmd(Command),
    Entrypoint(Command),
    Shell(Vec<String>),
    Copy(CopyArgs),
    Add(CopyArgs),
    /// The text after the keyword: pairs are split when expanded.
    Env(String),
    Label(String),
    Arg(String),
    Workdir(String),
    User(String),
    Expose(String),
    Volume(String),
    StopSignal(String),
    Healthcheck(Health),
    Onbuild(String),
    Maintainer(String),
}

pub(super) fn parse_instruction(text: &str, escape: char) -> Result<Instruction, String> {
    let (word, rest) = match text.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r.trim()),
        None => (text, ""),
    };
    let keyword = word.to_ascii_uppercase();
    let need = |rest: &str| match rest.is_empty() {
        true => Err(format!("{keyword} requires at least one argument")),
        false => Ok(rest.to_string()),
    };
    Ok(match keyword.as_str() {
        "FROM" => {
            let (flags, rest) = take_flags(rest);
            let platform = one_flag(&flags, &keyword, &["platform"])?.remove("platform");
            let words: Vec<&str> = rest.split_whitespace().collect();
            match words.as_slice() {
                [image] => Instruction::From {
                    image: image.to_string(),
                    alias: None,
                    platform,
                },
                [image, as_, alias] if as_.eq_ignore_ascii_case("as") => Instruction::From {
                    image: image.to_string(),
                    alias: Some(alias.to_ascii_lowercase()),
                    platform,
                },
                [] => return Err("FROM requires at least one argument".into()),
                _ => return Err("FROM requires either one or three arguments".into()),
            }
        }
        "RUN" => {
            let (flags, rest) = take_flags(rest);
            let mut mounts = Vec::new();
            let mut network = None;
            for (k, v) in flags {
                match k.as_str() {
                    "mount" => mounts.push(v),
                    "network" => network = Some(v),
                    _ => return Err(format!("unknown flag: --{k}")),
                }
            }
            Instruction::Run {
                mounts,
                network,
                cmd: command(&need(rest)?),
            }
        }
        "CMD" => Instruction::Cmd(command(&need(rest)?)),
        "ENTRYPOINT" => Instruction::Entrypoint(command(&need(rest)?)),
        "SHELL" => match command(&need(rest)?) {
            Command::Exec(v) if !v.is_empty() => Instruction::Shell(v),
            _ => return Err("SHELL requires the arguments to be in JSON form".into()),
        },
        "COPY" | "ADD" => {
            let (flags, rest) = take_flags(rest);
            let allowed: &[&str] = match keyword.as_str() {
                "COPY" => &["from", "chown", "chmod", "link"],
                _ => &["chown", "chmod", "link", "checksum", "keep-git-dir"],
            };
            let mut f = one_flag(&flags, &keyword, allowed)?;
            let mut words = match command(&need(rest)?) {
                Command::Exec(v) => v,
                Command::Shell(s) => expand::split_words(&s, escape)?,
            };
            if words.len() < 2 {
                return Err(format!("{keyword} requires at least two arguments"));
            }
            let dest = words.pop().expect("two words");
            let args = CopyArgs {
                from: f.remove("from"),
                chown: f.remove("chown"),
                chmod: f.remove("chmod"),
                sources: words,
                dest,
            };
            match keyword.as_str() {
                "COPY" => Instruction::Copy(args),
                _ => Instruction::Add(args),
            }
        }
        "ENV" | "LABEL" => {
            let body = need(rest)?;
            // Checked now so that the error names the line; split again when expanded.
            expand::pairs(&body, escape, &keyword, &|_| None)?;
            match keyword.as_str() {
                "ENV" => Instruction::Env(body),
                _ => Instruction::Label(body),
            }
        }
        "ARG" => Instruction::Arg(need(rest)?),
        "WORKDIR" => Instruction::Workdir(need(rest)?),
        "USER" => Instruction::User(need(rest)?),
        "EXPOSE" => Instruction::Expose(need(rest)?),
        "VOLUME" => Instruction::Volume(need(rest)?),
        "STOPSIGNAL" => Instruction::StopSignal(need(rest)?),
        "MAINTAINER" => Instruction::Maintainer(need(rest)?),
        "ONBUILD" => {
            let inner = need(rest)?;
            let first = inner.split_whitespace().next().unwrap_or_default();
            if ["ONBUILD", "FROM", "MAINTAINER"].contains(&first.to_ascii_uppercase().as_str()) {
                return Err(format!("{first} isn't allowed as an ONBUILD trigger"));
            }
            parse_instruction(&inner, escape)?;
            Instruction::Onbuild(inner)
        }
        "HEALTHCHECK" => Instruction::Healthcheck(healthcheck(rest)?),
        _ => {
            return Err(format!(
                "unknown instruction: {}",
                word.to_ascii_uppercase()
            ))
        }
    })
}

fn healthcheck(rest: &str) -> Result<Health, String> {
    let (flags, rest) = take_flags(rest);
    let mut f = one_flag(
        &flags,
        "HEALTHCHECK",
        &[
            "interval",
            "timeout",
            "start-period",
            "retries",
            "start-interval",
        ],
    )?;
    let mut h = Health {
        interval: f.remove("interval"),
        timeout: f.remove("timeout"),
        start_period: f.remove("start-period"),
        retries: f.remove("retries"),
        test: None,
    };
    let (word, cmd) = match rest.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r.trim()),
        None => (rest, ""),
    };
    match word.to_ascii_uppercase().as_str() {
        "NONE" if cmd.is_empty() => {}
        "NONE" => return Err("HEALTHCHECK NONE takes no arguments".into()),
        "CMD" if !cmd.is_empty() => h.test = Some(command(cmd)),
        _ => return Err("HEALTHCHECK requires CMD or NONE".into()),
    }
    Ok(h)
}

/// The JSON form when the text is a JSON list of strings, else the shell form.
fn command(rest: &str) -> Command {
    if rest.starts_with('[') {
        if let Ok(v) = serde_json::from_str::<Vec<String>>(rest) {
            return Command::Exec(v);
        }
    }
    Command::Shell(rest.to_string())
}

/// Leading `--name=value` words (names lowercased) and what follows them.
fn take_flags(mut rest: &str) -> (Vec<(String, String)>, &str) {
    let mut flags = Vec::new();
    while let Some(after) = rest.strip_prefix("--") {
        let (word, tail) = match after.split_once(char::is_whitespace) {
            Some((w, t)) => (w, t.trim_start()),
            None => (after, ""),
        };
        let (k, v) = word.split_once('=').unwrap_or((word, "true"));
        flags.push((k.to_ascii_lowercase(), v.to_string()));
        rest = tail;
    }
    (flags, rest)
}

fn one_flag(
    flags: &[(String, String)],
    keyword: &str,
    allowed: &[&str],
) -> Result<std::collections::HashMap<String, String>, String> {
    let mut out = std::collections::HashMap::new();
    for (k, v) in flags {
        if !allowed.contains(&k.as_str()) {
            return Err(format!("unknown flag for {keyword}: --{k}"));
        }
        out.insert(k.clone(), v.clone());
    }
    Ok(out)
}
