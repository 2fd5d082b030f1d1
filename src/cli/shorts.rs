//! podman 5's short options, command by command, and a test that ctl's agree: a short
//! option ctl has means what it means in podman, and an option ctl shares with podman has
//! podman's short form. The table is podman's (v5.8: the cobra definitions under
//! cmd/podman/, checked against docs/source/markdown/podman-*.1.md), including the options
//! ctl lacks, so that adding one later picks up its short form too.
//!
//! Every command takes `-h` for `--help`, as pflag does, except where podman gives `-h`
//! another meaning (run and create: `--hostname`; help is `--help` only there).

use std::collections::BTreeMap;

use clap::Command;

/// (command path, [(short, podman's long option)]).
const PODMAN: &[(&str, &[(char, &str)])] = &[
    (
        "",
        &[
            ('v', "version"),
            ('c', "connection"),
            ('r', "remote"),
            ('H', "host"),
            ('D', "debug"),
        ],
    ),
    ("run", RUN),
    ("create", CREATE),
    ("start", START),
    ("stop", STOP),
    ("restart", RESTART),
    ("kill", KILL),
    ("exec", EXEC),
    ("attach", LATEST),
    ("rm", RM),
    ("wait", WAIT),
    ("pause", PAUSE),
    ("unpause", PAUSE),
    ("init", INIT),
    ("update", UPDATE),
    ("logs", LOGS),
    ("ps", PS),
    ("port", PORT),
    ("rename", &[]),
    ("stats", STATS),
    ("top", LATEST),
    ("cp", CP),
    ("network", &[]),
    ("network create", &[('d', "driver"), ('o', "opt")]),
    (
        "network ls",
        &[('f', "filter"), ('n', "noheading"), ('q', "quiet")],
    ),
    ("network inspect", &[('f', "format")]),
    ("network rm", &[('f', "force"), ('t', "time")]),
    ("network exists", &[]),
    ("network prune", &[('f', "force")]),
    ("pod", &[]),
    (
        "pod create",
        &[
            ('l', "label"),
            ('n', "name"),
            ('p', "publish"),
            ('v', "volume"),
        ],
    ),
    ("pod exists", &[]),
    (
        "pod logs",
        &[
            ('c', "container"),
            ('f', "follow"),
            ('l', "latest"),
            ('n', "names"),
            ('t', "timestamps"),
        ],
    ),
    ("pod top", &[('l', "latest")]),
    ("pod stats", &[('a', "all"), ('l', "latest")]),
    ("pod inspect", &[('f', "format"), ('l', "latest")]),
    ("pod kill", KILL),
    ("pod pause", &[('a', "all"), ('l', "latest")]),
    ("pod unpause", &[('a', "all"), ('l', "latest")]),
    ("pod prune", &[('f', "force")]),
    (
        "pod ps",
        &[
            ('f', "filter"),
            ('l', "latest"),
            ('n', "noheading"),
            ('q', "quiet"),
        ],
    ),
    ("pod restart", &[('a', "all"), ('l', "latest")]),
    ("pod start", &[('a', "all"), ('l', "latest")]),
    (
        "pod rm",
        &[
            ('a', "all"),
            ('f', "force"),
            ('i', "ignore"),
            ('l', "latest"),
            ('t', "time"),
        ],
    ),
    (
        "pod stop",
        &[
            ('a', "all"),
            ('i', "ignore"),
            ('l', "latest"),
            ('t', "time"),
        ],
    ),
    ("volume", &[]),
    (
        "volume create",
        &[('d', "driver"), ('l', "label"), ('o', "opt")],
    ),
    (
        "volume ls",
        &[('f', "filter"), ('n', "noheading"), ('q', "quiet")],
    ),
    ("volume inspect", &[('a', "all"), ('f', "format")]),
    ("volume rm", &[('a', "all"), ('f', "force"), ('t', "time")]),
    ("volume prune", &[('f', "force"), ('a', "all")]),
    ("volume exists", &[]),
    ("volume export", &[('o', "output")]),
    ("volume import", &[]),
    ("volume mount", &[]),
    ("volume unmount", &[]),
    ("secret", &[]),
    ("secret create", &[('d', "driver"), ('l', "label")]),
    (
        "secret ls",
        &[('f', "filter"), ('n', "noheading"), ('q', "quiet")],
    ),
    ("secret inspect", &[('f', "format")]),
    ("secret rm", &[('a', "all"), ('i', "ignore")]),
    ("secret exists", &[]),
    ("container", &[]),
    ("container run", RUN),
    ("container create", CREATE),
    ("container start", START),
    ("container stop", STOP),
    ("container restart", RESTART),
    ("container kill", KILL),
    ("container exec", EXEC),
    ("container attach", LATEST),
    ("container rm", RM),
    ("container wait", WAIT),
    ("container pause", PAUSE),
    ("container unpause", PAUSE),
    ("container init", INIT),
    ("container update", UPDATE),
    ("container logs", LOGS),
    ("container ls", PS),
    (
        "container inspect",
        &[('f', "format"), ('l', "latest"), ('s', "size")],
    ),
    ("container port", PORT),
    ("container rename", &[]),
    ("container stats", STATS),
    ("container top", LATEST),
    ("container cp", CP),
    ("container prune", &[('f', "force")]),
    ("container exists", &[]),
    ("container export", EXPORT),
    ("container diff", LATEST),
    ("container mount", MOUNT),
    ("container unmount", UNMOUNT),
    ("export", EXPORT),
    ("diff", LATEST),
    ("events", &[('f', "filter")]),
    ("healthcheck", &[]),
    ("healthcheck run", &[]),
    ("mount", MOUNT),
    ("unmount", UNMOUNT),
    ("pull", PULL),
    ("push", PUSH),
    ("images", IMAGES),
    ("image", &[]),
    ("image ls", IMAGES),
    ("image pull", PULL),
    ("image push", PUSH),
    ("image inspect", &[('f', "format")]),
    ("image tag", &[]),
    ("image untag", &[]),
    ("image rm", RMI),
    ("image load", LOAD),
    ("image import", IMPORT),
    ("image exists", &[]),
    ("image prune", &[('a', "all"), ('f', "force")]),
    (
        "inspect",
        &[
            ('f', "format"),
            ('l', "latest"),
            ('s', "size"),
            ('t', "type"),
        ],
    ),
    ("tag", &[]),
    ("untag", &[]),
    ("rmi", RMI),
    ("load", LOAD),
    ("import", IMPORT),
    ("save", SAVE),
    ("image save", SAVE),
    ("history", HISTORY),
    ("image history", HISTORY),
    ("commit", COMMIT),
    ("build", BUILD),
    ("image build", BUILD),
    ("buildx", &[]),
    ("buildx build", BUILD),
    ("container commit", COMMIT),
    (
        "login",
        &[('p', "password"), ('u', "username"), ('v', "verbose")],
    ),
    ("logout", &[('a', "all")]),
    ("generate", &[]),
    // podman's -t is the hidden --time, the old name of --stop-timeout (same value).
    (
        "generate systemd",
        &[
            ('e', "env"),
            ('f', "files"),
            ('n', "name"),
            ('t', "stop-timeout"),
        ],
    ),
    ("generate kube", KUBE_GENERATE),
    ("kube", &[]),
    ("kube generate", KUBE_GENERATE),
    ("kube play", KUBE_PLAY),
    ("kube down", &[]),
    ("play", &[]),
    ("play kube", KUBE_PLAY),
    ("info", INFO),
    ("system", &[]),
    ("system events", &[('f', "filter")]),
    ("system info", INFO),
    ("system migrate", &[]),
    ("system prune", &[('a', "all"), ('f', "force")]),
    ("system df", &[('v', "verbose")]),
    ("system reset", &[('f', "force")]),
    (
        "system check",
        &[
            ('f', "force"),
            ('m', "max"),
            ('q', "quick"),
            ('r', "repair"),
        ],
    ),
    ("unshare", &[]),
    ("completion", &[('f', "file")]),
    ("version", &[('f', "format")]),
];

const RUN: &[(char, &str)] = &[
    ('a', "attach"),
    ('c', "cpu-shares"),
    ('d', "detach"),
    ('e', "env"),
    ('h', "hostname"),
    ('i', "interactive"),
    ('l', "label"),
    ('m', "memory"),
    ('P', "publish-all"),
    ('p', "publish"),
    ('q', "quiet"),
    ('t', "tty"),
    ('u', "user"),
    ('v', "volume"),
    ('w', "workdir"),
];
const CREATE: &[(char, &str)] = &[
    ('a', "attach"),
    ('c', "cpu-shares"),
    ('e', "env"),
    ('h', "hostname"),
    ('i', "interactive"),
    ('l', "label"),
    ('m', "memory"),
    ('P', "publish-all"),
    ('p', "publish"),
    ('q', "quiet"),
    ('t', "tty"),
    ('u', "user"),
    ('v', "volume"),
    ('w', "workdir"),
];
// `--all` has no short form: `-a` is --attach.
const START: &[(char, &str)] = &[
    ('a', "attach"),
    ('f', "filter"),
    ('i', "interactive"),
    ('l', "latest"),
];
const STOP: &[(char, &str)] = &[
    ('a', "all"),
    ('f', "filter"),
    ('i', "ignore"),
    ('l', "latest"),
    ('t', "time"),
];
// No --ignore.
const RESTART: &[(char, &str)] = &[
    ('a', "all"),
    ('f', "filter"),
    ('l', "latest"),
    ('t', "time"),
];
// No --ignore.
const KILL: &[(char, &str)] = &[('a', "all"), ('l', "latest"), ('s', "signal")];
const EXEC: &[(char, &str)] = &[
    ('d', "detach"),
    ('e', "env"),
    ('i', "interactive"),
    ('l', "latest"),
    ('t', "tty"),
    ('u', "user"),
    ('w', "workdir"),
];
const LATEST: &[(char, &str)] = &[('l', "latest")];
const RM: &[(char, &str)] = &[
    ('a', "all"),
    ('f', "force"),
    ('i', "ignore"),
    ('l', "latest"),
    ('t', "time"),
    ('v', "volumes"),
];
// -i is --interval; --ignore has no short form.
const WAIT: &[(char, &str)] = &[('i', "interval"), ('l', "latest")];
const KUBE_GENERATE: &[(char, &str)] = &[
    ('f', "filename"),
    ('r', "replicas"),
    ('s', "service"),
    ('t', "type"),
];
const KUBE_PLAY: &[(char, &str)] = &[('q', "quiet"), ('w', "wait")];
const PAUSE: &[(char, &str)] = &[('a', "all"), ('f', "filter"), ('l', "latest")];
const INIT: &[(char, &str)] = &[('a', "all"), ('l', "latest")];
const UPDATE: &[(char, &str)] = &[
    ('c', "cpu-shares"),
    ('e', "env"),
    ('l', "latest"),
    ('m', "memory"),
];
// -n is --names; --tail has no short form.
const LOGS: &[(char, &str)] = &[
    ('f', "follow"),
    ('l', "latest"),
    ('n', "names"),
    ('t', "timestamps"),
];
const PS: &[(char, &str)] = &[
    ('a', "all"),
    ('f', "filter"),
    ('l', "latest"),
    ('n', "last"),
    ('p', "pod"),
    ('q', "quiet"),
    ('s', "size"),
    ('w', "watch"),
];
const PORT: &[(char, &str)] = &[('a', "all"), ('l', "latest")];
const STATS: &[(char, &str)] = &[('a', "all"), ('i', "interval"), ('l', "latest")];
const EXPORT: &[(char, &str)] = &[('o', "output")];
const MOUNT: &[(char, &str)] = &[('a', "all"), ('l', "latest")];
const UNMOUNT: &[(char, &str)] = &[('a', "all"), ('f', "force"), ('l', "latest")];
const CP: &[(char, &str)] = &[('a', "archive")];
const PULL: &[(char, &str)] = &[('a', "all-tags"), ('q', "quiet")];
// podman-push(1).
const PUSH: &[(char, &str)] = &[('f', "format"), ('q', "quiet")];
const IMAGES: &[(char, &str)] = &[
    ('a', "all"),
    ('f', "filter"),
    ('n', "noheading"),
    ('q', "quiet"),
];
const RMI: &[(char, &str)] = &[('a', "all"), ('f', "force"), ('i', "ignore")];
const LOAD: &[(char, &str)] = &[('i', "input"), ('q', "quiet")];
const SAVE: &[(char, &str)] = &[
    ('m', "multi-image-archive"),
    ('o', "output"),
    ('q', "quiet"),
];
const HISTORY: &[(char, &str)] = &[('H', "human"), ('q', "quiet")];
const BUILD: &[(char, &str)] = &[
    ('D', "disable-compression"),
    ('c', "cpu-shares"),
    ('f', "file"),
    ('m', "memory"),
    ('o', "output"),
    ('q', "quiet"),
    ('t', "tag"),
    ('v', "volume"),
];

const COMMIT: &[(char, &str)] = &[
    ('a', "author"),
    ('c', "change"),
    ('f', "format"),
    ('m', "message"),
    ('p', "pause"),
    ('q', "quiet"),
    ('s', "squash"),
];
const IMPORT: &[(char, &str)] = &[('c', "change"), ('m', "message"), ('q', "quiet")];
const INFO: &[(char, &str)] = &[('D', "debug"), ('f', "format")];

/// Commands where `-h` is not --help.
const OWN_H: &[&str] = &["run", "create", "container run", "container create"];

/// Every visible command: its path (without "ctl") and its short options with their long
/// names.
fn walk(cmd: &Command, path: &str, out: &mut BTreeMap<String, BTreeMap<char, String>>) {
    let shorts = cmd
        .get_arguments()
        .filter_map(|a| {
            let long = a.get_long().unwrap_or(a.get_id().as_str()).to_string();
            a.get_short().map(|s| (s, long))
        })
        .collect();
    out.insert(path.to_string(), shorts);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let p = format!("{path} {}", sub.get_name());
        walk(sub, p.trim(), out);
    }
}

fn ctl_shorts() -> BTreeMap<String, BTreeMap<char, String>> {
    let mut cmd = super::command();
    cmd.build();
    let mut out = BTreeMap::new();
    walk(&cmd, "", &mut out);
    out
}

fn podman_shorts(path: &str) -> Option<BTreeMap<char, &'static str>> {
    let (_, shorts) = PODMAN.iter().find(|(p, _)| *p == path)?;
    let mut m: BTreeMap<char, &str> = shorts.iter().copied().collect();
    if !OWN_H.contains(&path) {
        m.entry('h').or_insert("help");
    }
    Some(m)
}

#[test]
fn every_short_option_means_what_it_means_in_podman() {
    let mut wrong = Vec::new();
    for (path, shorts) in ctl_shorts() {
        let shown = format!("ctl {path}");
        let Some(podman) = podman_shorts(&path) else {
            wrong.push(format!("`{}`: not in podman's table", shown.trim()));
            continue;
        };
        // A short option of ctl's is podman's, for the same option.
        for (s, long) in &shorts {
            match podman.get(s) {
                Some(p) if p == long => {}
                Some(p) => wrong.push(format!("`{shown}`: -{s} is --{long}, podman's is --{p}")),
                None => wrong.push(format!("`{shown}`: -{s} (--{long}) is not podman's")),
            }
        }
        // An option ctl shares with podman has podman's short form.
        let mut cmd = super::command();
        cmd.build();
        let mut c = &cmd;
        for word in path.split_whitespace() {
            c = c.find_subcommand(word).expect("walked");
        }
        for (s, long) in &podman {
            let has_long = c
                .get_arguments()
                .any(|a| a.get_long() == Some(long) || (*long == "help" && a.get_id() == "help"));
            if has_long && !shorts.contains_key(s) {
                wrong.push(format!("`{shown}`: --{long} lacks podman's -{s}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_table_names_only_commands_ctl_has() {
    let ctl = ctl_shorts();
    let extra: Vec<&str> = PODMAN
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| !ctl.contains_key(*p))
        .collect();
    assert!(extra.is_empty(), "no such ctl command: {extra:?}");
}

/// The dangerous ones, spelled out: each of these once meant something else in ctl.
#[test]
fn the_short_options_scripts_rely_on() {
    let ctl = ctl_shorts();
    let short = |path: &str, s: char| ctl[path].get(&s).cloned();
    assert_eq!(short("start", 'a').as_deref(), Some("attach"));
    assert_eq!(short("run", 'h').as_deref(), Some("hostname"));
    assert_eq!(short("create", 'h').as_deref(), Some("hostname"));
    assert_eq!(short("logs", 'n').as_deref(), Some("names"));
    assert_eq!(short("inspect", 't').as_deref(), Some("type"));
    assert_eq!(short("", 'v').as_deref(), Some("version"));
    assert_eq!(short("kill", 'i'), None);
    assert_eq!(short("restart", 'i'), None);
    for (path, shorts) in &ctl {
        assert!(!shorts.contains_key(&'V'), "ctl {path} has -V");
    }
}
