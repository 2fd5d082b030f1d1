//! docs/podman-compat.md, the table of podman 5's commands and options with ctl's status
//! for each, checked against ctl's command-line definition: the table stays true as flags
//! and commands land. The table's rows were generated from podman's man pages by
//! tests/compat/extract.py (which reads ctl's tree from `dump_tree` below); the committed
//! table is what is checked here.

use std::collections::BTreeMap;

use clap::Command;

const TABLE: &str = include_str!("../../docs/podman-compat.md");

/// The section that lists the podman commands ctl does not have.
const MISSING: &str = "## Commands ctl does not have yet";

/// The section that lists podman's other names for a command, which ctl accepts too.
const OTHER_NAMES: &str = "## Other names ctl accepts";

#[derive(Debug)]
struct Row {
    long: String,
    short: Option<char>,
    status: String,
    line: usize,
}

#[derive(Default, Debug)]
struct Table {
    /// command path ("" for podman's global options) -> rows, in order.
    commands: BTreeMap<String, Vec<Row>>,
    /// podman commands ctl does not have yet.
    missing: Vec<(String, usize)>,
    /// (other name, the command it names, line).
    other_names: Vec<(String, String, usize)>,
    /// Lines that look like rows or headings but do not parse.
    malformed: Vec<String>,
}

fn parse_table(text: &str) -> Table {
    let mut t = Table::default();
    let mut current: Option<String> = None;
    let mut in_missing = false;
    let mut in_other = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.starts_with("## ") {
            in_missing = line == MISSING;
            in_other = line == OTHER_NAMES;
            current = None;
            if let Some(rest) = line.strip_prefix("## podman") {
                if rest.is_empty() || rest.starts_with(' ') {
                    let cmd = rest.trim().to_string();
                    if t.commands.insert(cmd.clone(), Vec::new()).is_some() {
                        t.malformed
                            .push(format!("line {n}: `podman {cmd}` listed twice"));
                    }
                    current = Some(cmd);
                    continue;
                }
            }
            if !in_missing && !in_other {
                t.malformed
                    .push(format!("line {n}: unknown section `{line}`"));
            }
            continue;
        }
        if in_other {
            if let Some(rest) = line.strip_prefix("- podman ") {
                match rest.split_once(": same as podman ") {
                    Some((name, cmd)) => t.other_names.push((name.to_string(), cmd.to_string(), n)),
                    None => t.malformed.push(format!("line {n}: `{line}`")),
                }
            }
            continue;
        }
        if in_missing {
            if let Some(rest) = line.strip_prefix("- podman ") {
                match rest.strip_suffix(": not yet") {
                    Some(cmd) => t.missing.push((cmd.to_string(), n)),
                    None => t.malformed.push(format!("line {n}: `{line}`")),
                }
            }
            continue;
        }
        let Some(cmd) = &current else { continue };
        if !line.starts_with("| --") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let [long, short, status] = cells[..] else {
            t.malformed
                .push(format!("line {n}: not three cells: `{line}`"));
            continue;
        };
        let short = match short.strip_prefix('-') {
            None if short.is_empty() => None,
            Some(s) if s.chars().count() == 1 => s.chars().next(),
            _ => {
                t.malformed.push(format!("line {n}: bad short `{short}`"));
                continue;
            }
        };
        let ok = status == "yes"
            || status == "not yet"
            || status
                .strip_prefix("different: ")
                .is_some_and(|r| !r.is_empty())
            || status
                .strip_prefix("ctl only: ")
                .is_some_and(|r| !r.is_empty());
        if !ok {
            t.malformed.push(format!("line {n}: bad status `{status}`"));
            continue;
        }
        let row = Row {
            long: long.trim_start_matches("--").to_string(),
            short,
            status: status.to_string(),
            line: n,
        };
        t.commands.get_mut(cmd).expect("current").push(row);
    }
    t
}

/// One of ctl's options: its short form and whether help shows it.
struct Opt {
    short: Option<char>,
    hidden: bool,
}

/// ctl's commands (path without "ctl"; "" is the root) and their options by long name,
/// hidden commands skipped; `--help` is left out (every command has it), and global
/// options are the root's only.
fn ctl_tree() -> BTreeMap<String, BTreeMap<String, Opt>> {
    fn walk(cmd: &Command, path: &str, out: &mut BTreeMap<String, BTreeMap<String, Opt>>) {
        let opts = cmd
            .get_arguments()
            .filter(|a| !a.is_positional() && a.get_id() != "help")
            // A global option is listed once, at the root (`## podman`).
            .filter(|a| path.is_empty() || !a.is_global_set())
            .filter_map(|a| {
                let opt = Opt {
                    short: a.get_short(),
                    hidden: a.is_hide_set(),
                };
                Some((a.get_long()?.to_string(), opt))
            })
            .collect();
        out.insert(path.to_string(), opts);
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let p = format!("{path} {}", sub.get_name());
            walk(sub, p.trim(), out);
        }
    }
    let mut cmd = super::parse::command();
    cmd.build();
    let mut out = BTreeMap::new();
    walk(&cmd, "", &mut out);
    out
}

fn show_short(s: Option<char>) -> String {
    s.map_or("no short".to_string(), |c| format!("-{c}"))
}

/// The command a path names in ctl (`container list` -> `container ls`), aliases
/// followed; None when ctl has no such command.
fn resolve(path: &str) -> Option<String> {
    let mut root = super::parse::command();
    root.build();
    let mut cmd = &root;
    let mut names = Vec::new();
    for word in path.split_whitespace() {
        cmd = cmd.find_subcommand(word).filter(|c| !c.is_hide_set())?;
        names.push(cmd.get_name().to_string());
    }
    Some(names.join(" "))
}

/// Every way the table and ctl's definition disagree; `resolve` finds the command a
/// path names in ctl.
fn mismatches(
    table: &Table,
    ctl: &BTreeMap<String, BTreeMap<String, Opt>>,
    resolve: impl Fn(&str) -> Option<String>,
) -> Vec<String> {
    let mut wrong: Vec<String> = table.malformed.clone();
    for (cmd, opts) in ctl {
        let shown = format!("podman {cmd}");
        let shown = shown.trim();
        let Some(rows) = table.commands.get(cmd) else {
            wrong.push(format!(
                "`{shown}`: ctl has it, the table has no `## {shown}`"
            ));
            continue;
        };
        for (long, opt) in opts {
            if !opt.hidden && !rows.iter().any(|r| &r.long == long) {
                wrong.push(format!(
                    "`{shown}`: ctl has --{long} ({}), the table has no row for it",
                    show_short(opt.short)
                ));
            }
        }
        let mut seen = BTreeMap::new();
        for r in rows {
            let at = format!("line {}: `{shown}` --{}", r.line, r.long);
            if let Some(first) = seen.insert(&r.long, r.line) {
                wrong.push(format!("{at}: listed twice (first at line {first})"));
            }
            let has = opts.get(&r.long);
            let claimed = r.status == "yes"
                || r.status.starts_with("different: ")
                || r.status.starts_with("ctl only: ");
            match has {
                None if claimed => wrong.push(format!("{at}: says `{}`, ctl lacks it", r.status)),
                Some(o) if claimed && o.short != r.short => wrong.push(format!(
                    "{at}: the table's short is {}, ctl's is {}",
                    show_short(r.short),
                    show_short(o.short)
                )),
                Some(o) if r.status == "not yet" => wrong.push(format!(
                    "{at}: says `not yet`, ctl now has it ({}): make it `yes` or `different: ...`",
                    show_short(o.short)
                )),
                _ => {}
            }
        }
    }
    for cmd in table.commands.keys() {
        if !ctl.contains_key(cmd) {
            wrong.push(format!(
                "`podman {cmd}`: the table lists it as ctl's, ctl has no such command \
                 (move it to `{MISSING}`)"
            ));
        }
    }
    for (cmd, line) in &table.missing {
        match resolve(cmd) {
            Some(c) if &c == cmd => wrong.push(format!(
                "line {line}: `podman {cmd}` is listed as not yet, ctl has it: give it a \
                 `## podman {cmd}` table"
            )),
            Some(c) => wrong.push(format!(
                "line {line}: `podman {cmd}` is listed as not yet, ctl has it as another \
                 name of `{c}`: move it to `{OTHER_NAMES}`"
            )),
            None => {}
        }
        if table.commands.contains_key(cmd) {
            wrong.push(format!(
                "line {line}: `podman {cmd}` is both a table and not yet"
            ));
        }
    }
    for (name, cmd, line) in &table.other_names {
        match resolve(name) {
            Some(c) if &c == cmd => {}
            Some(c) => wrong.push(format!(
                "line {line}: `podman {name}` is ctl's `{c}`, the table says `{cmd}`"
            )),
            None => wrong.push(format!(
                "line {line}: `podman {name}` is listed as another name, ctl lacks it"
            )),
        }
    }
    wrong
}

#[test]
fn the_podman_compat_table_matches_ctls_command_line() {
    let table = parse_table(TABLE);
    let wrong = mismatches(&table, &ctl_tree(), resolve);
    assert!(
        wrong.is_empty(),
        "docs/podman-compat.md disagrees with ctl's command line ({} mismatches; \
         tests/compat/extract.py regenerates rows, keeping statuses):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_table_is_not_empty() {
    let table = parse_table(TABLE);
    assert!(table.commands.contains_key("run"), "no `## podman run`");
    assert!(
        table.commands["run"].len() > 100,
        "podman run has >100 options"
    );
    assert!(!table.missing.is_empty(), "no commands ctl lacks?");
}

#[test]
fn the_checker_catches_each_kind_of_mismatch() {
    let table = parse_table(
        "## podman\n\n| --debug | -D | yes |\n\n## podman stop\n\n\
         | option | short | status |\n|---|---|---|\n\
         | --all | -a | yes |\n| --time | -x | yes |\n| --ignore | -i | not yet |\n\
         | --gone | | different: something |\n\n## podman pod\n\n\
         ## Other names ctl accepts\n\n- podman stop2: same as podman stop\n\
         - podman halt: same as podman stop\n\n\
         ## Commands ctl does not have yet\n\n- podman rm: not yet\n- podman end: not yet\n",
    );
    let opt = |s: Option<char>| Opt {
        short: s,
        hidden: false,
    };
    let mut ctl = BTreeMap::new();
    ctl.insert("".to_string(), BTreeMap::new());
    let mut stop = BTreeMap::new();
    stop.insert("all".to_string(), opt(Some('a')));
    stop.insert("time".to_string(), opt(Some('t')));
    stop.insert("ignore".to_string(), opt(Some('i')));
    stop.insert("extra".to_string(), opt(None));
    ctl.insert("stop".to_string(), stop);
    ctl.insert("rm".to_string(), BTreeMap::new());
    let names = |p: &str| match p {
        "halt" | "end" | "stop" => Some("stop".to_string()),
        "rm" => Some("rm".to_string()),
        _ => None,
    };
    let wrong = mismatches(&table, &ctl, names).join("\n");
    for expect in [
        "`podman` --debug: says `yes`, ctl lacks it",
        "--time: the table's short is -x, ctl's is -t",
        "--ignore: says `not yet`, ctl now has it",
        "--gone: says `different: something`, ctl lacks it",
        "ctl has --extra (no short), the table has no row",
        "`podman rm`: ctl has it, the table has no `## podman rm`",
        "`podman rm` is listed as not yet, ctl has it",
        "`podman pod`: the table lists it as ctl's",
        "`podman stop2` is listed as another name, ctl lacks it",
        "`podman end` is listed as not yet, ctl has it as another name of `stop`",
    ] {
        assert!(wrong.contains(expect), "missing `{expect}` in:\n{wrong}");
    }
}

/// For tests/compat/extract.py: ctl's tree, one line per option (and one per command).
#[test]
#[ignore = "a generator's input, run by hand"]
fn dump_tree() {
    let mut root = super::parse::command();
    root.build();
    for (cmd, opts) in ctl_tree() {
        println!("TREE\t{cmd}\t\t");
        let group = cmd.rsplit_once(' ').map_or("", |(g, _)| g);
        let mut c = &root;
        for w in cmd.split_whitespace() {
            c = c.find_subcommand(w).expect("walked");
        }
        for alias in c.get_all_aliases() {
            let other = format!("{group} {alias}");
            println!("ALIAS\t{}\t{cmd}", other.trim());
        }
        for (long, o) in &opts {
            let short = o.short.map(String::from).unwrap_or_default();
            let hidden = if o.hidden { "hidden" } else { "" };
            println!("TREE\t{cmd}\t{long}\t{short}\t{hidden}");
        }
    }
}
