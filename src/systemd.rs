//! systemd units for containers, in the shape `podman generate systemd` gives them. Pure text:
//! the caller supplies ctl's path, the options and the run arguments.
//!
//! - [`new_unit`] (`--new`): `Type=notify`; ExecStart runs a fresh container (`ctl run --rm
//!   --sdnotify=conmon -d --replace ...`), ExecStop and ExecStopPost stop and remove it by
//!   the id file `%t/%n.ctr-id`. The monitor sends READY once the container runs.
//! - [`existing_unit`]: `Type=forking`; starts and stops a container that exists, systemd
//!   watching its monitor through the monitor's pidfile.
//! - [`pod`]: a pod's unit (its infra; the members' units bound to it).
//! - [`quadlet`]: a small `[Container]` file (Image=, Exec=, ...) turned into a `--new` unit.

pub mod pod;
pub mod quadlet;
pub mod quadlet_pod;

use std::fmt::Write as _;
use std::path::PathBuf;

/// Restart= values systemd accepts.
pub const RESTART_POLICIES: &[&str] = &[
    "no",
    "on-success",
    "on-failure",
    "on-abnormal",
    "on-watchdog",
    "on-abort",
    "always",
];

/// What every generated unit shares.
#[derive(Debug, Clone, Default)]
pub struct UnitSettings {
    /// The unit's file name, `container-web.service`.
    pub unit_name: String,
    /// ctl's absolute path (ExecStart needs one).
    pub ctl: String,
    /// Global options each ctl call needs (`--root DIR`, ...), as separate arguments.
    pub global_args: Vec<String>,
    /// Restart= (default on-failure).
    pub restart_policy: Option<String>,
    /// RestartSec=, seconds.
    pub restart_sec: Option<u32>,
    /// Seconds `ctl stop` waits before killing; TimeoutStopSec is 60 more.
    pub stop_timeout: u32,
    pub after: Vec<String>,
    pub wants: Vec<String>,
    pub requires: Vec<String>,
    /// A pod member's pod unit: `BindsTo=` and `After=` it (the member stops with it).
    pub binds_to: Vec<String>,
    /// A pod's member units: `Wants=` and `Before=` them (they start with the pod).
    pub members: Vec<String>,
    /// RequiresMountsFor=: the store and run directories.
    pub mounts_for: Vec<PathBuf>,
    /// Replaces the default `ctl <unit name>` description.
    pub description: Option<String>,
    /// Extra `[Unit]`, `[Service]`, `[Install]` lines (Quadlet passthrough), added last so
    /// they win over the defaults.
    pub extra_unit: Vec<String>,
    pub extra_service: Vec<String>,
    /// `[Install]` lines; default `WantedBy=default.target`.
    pub install: Option<Vec<String>>,
    /// `Environment=K=V` lines of `[Service]`.
    pub env: Vec<String>,
    /// A template unit (`NAME@.service`): the description names the instance (`%I`).
    pub template: bool,
    /// `--no-header`: only the unit's name as the first comment, no version line.
    pub no_header: bool,
    /// TimeoutStartSec=, seconds (`--start-timeout`; none when 0 or unset, as podman's).
    pub start_timeout: Option<u32>,
}

/// podman's unit name: PREFIX SEPARATOR NAME, or NAME alone when the prefix is empty.
pub fn service_name(prefix: &str, separator: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}{separator}{name}")
    }
}

/// One argument of an Exec line: text to quote, or unit-file text whose `%` specifiers
/// systemd is to expand (`%t/%n.ctr-id`, Quadlet values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Literal(String),
    Unit(String),
}

impl Arg {
    fn render(&self) -> String {
        match self {
            Arg::Literal(s) => quote(s, true),
            Arg::Unit(s) => quote(s, false),
        }
    }
}

/// Quotes one argument for an Exec line: systemd splits on whitespace, honours `"` and `'`
/// with C escapes, expands `%` specifiers and `$VAR`.
pub fn quote(arg: &str, escape_specifiers: bool) -> String {
    let mut s = arg.replace('$', "$$");
    if escape_specifiers {
        s = s.replace('%', "%%");
    }
    let plain = !s.is_empty()
        && s != ";"
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '\\'));
    if plain {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Arguments that go on one line of an Exec value: an option and its value, say.
pub type Group = Vec<Arg>;

fn render(g: &[Arg]) -> String {
    g.iter().map(Arg::render).collect::<Vec<_>>().join(" ")
}

/// `ctl GLOBALS VERB ARGS...` as an Exec value, one group a line as podman writes them.
pub(crate) fn exec(s: &UnitSettings, verb: &str, groups: &[Group]) -> String {
    let mut head = vec![quote(&s.ctl, true)];
    head.extend(s.global_args.iter().map(|g| quote(g, true)));
    head.push(verb.to_string());
    let mut line = head.join(" ");
    for g in groups.iter().filter(|g| !g.is_empty()) {
        line.push_str(" \\\n\t");
        line.push_str(&render(g));
    }
    line
}

pub fn lit(s: &str) -> Arg {
    Arg::Literal(s.to_string())
}

pub fn unit(s: &str) -> Arg {
    Arg::Unit(s.to_string())
}

pub(crate) fn header_and_unit(s: &UnitSettings) -> String {
    let mut out = format!("# {}\n", s.unit_name);
    if !s.no_header {
        let _ = writeln!(out, "# autogenerated by ctl {}", env!("CARGO_PKG_VERSION"));
    }
    out.push_str("\n[Unit]\n");
    let desc = s.description.clone().unwrap_or_else(|| {
        let instance = if s.template { " for %I" } else { "" };
        format!("ctl {}{instance}", s.unit_name)
    });
    let _ = writeln!(out, "Description={desc}");
    out.push_str("Documentation=man:ctl-generate-systemd(1)\n");
    out.push_str("Wants=network-online.target\nAfter=network-online.target\n");
    for m in &s.mounts_for {
        let _ = writeln!(
            out,
            "RequiresMountsFor={}",
            quote(&m.display().to_string(), true)
        );
    }
    if !s.binds_to.is_empty() {
        let units = s.binds_to.join(" ");
        let _ = writeln!(out, "BindsTo={units}\nAfter={units}");
    }
    if !s.members.is_empty() {
        let units = s.members.join(" ");
        let _ = writeln!(out, "Wants={units}\nBefore={units}");
    }
    for (key, values) in [
        ("After", &s.after),
        ("Wants", &s.wants),
        ("Requires", &s.requires),
    ] {
        for v in values {
            let _ = writeln!(out, "{key}={v}");
        }
    }
    for l in &s.extra_unit {
        let _ = writeln!(out, "{l}");
    }
    out
}

pub(crate) fn service_common(s: &UnitSettings) -> String {
    let mut out = String::from("\n[Service]\n");
    let policy = s.restart_policy.as_deref().unwrap_or("on-failure");
    let _ = writeln!(out, "Restart={policy}");
    if let Some(sec) = s.restart_sec {
        let _ = writeln!(out, "RestartSec={sec}");
    }
    if let Some(sec) = s.start_timeout.filter(|&t| t > 0) {
        let _ = writeln!(out, "TimeoutStartSec={sec}");
    }
    let _ = writeln!(out, "TimeoutStopSec={}", u64::from(s.stop_timeout) + 60);
    for e in &s.env {
        let _ = writeln!(out, "Environment={}", quote(e, true));
    }
    out
}

pub(crate) fn install(s: &UnitSettings) -> String {
    let mut out = String::from("\n[Install]\n");
    match &s.install {
        Some(lines) => lines.iter().for_each(|l| {
            let _ = writeln!(out, "{l}");
        }),
        None => out.push_str("WantedBy=default.target\n"),
    }
    out
}

/// A unit that creates the container when it starts and removes it when it stops.
/// `run_args`: the container's own options, then its image and command (without --name,
/// --rm, -d, --cidfile, --replace, --sdnotify: the unit sets those).
pub fn new_unit(s: &UnitSettings, container_name: Arg, run_args: &[Group]) -> String {
    let t = s.stop_timeout.to_string();
    let cidfile = unit("--cidfile=%t/%n.ctr-id");
    let mut run = vec![
        vec![cidfile.clone()],
        vec![lit("--rm")],
        vec![lit("--sdnotify=conmon")],
        vec![lit("-d")],
        vec![lit("--replace")],
        vec![lit("--name"), container_name],
    ];
    run.extend(run_args.iter().cloned());
    let mut out = header_and_unit(s);
    out.push_str(&service_common(s));
    let _ = writeln!(out, "ExecStart={}", exec(s, "run", &run));
    let stop = vec![lit("--ignore"), lit("-t"), lit(&t), cidfile.clone()];
    let _ = writeln!(out, "ExecStop={}", exec(s, "stop", &[stop]));
    let rm = vec![lit("-f"), lit("--ignore"), lit("-t"), lit(&t), cidfile];
    let _ = writeln!(out, "ExecStopPost={}", exec(s, "rm", &[rm]));
    out.push_str("Type=notify\nNotifyAccess=all\n");
    for l in &s.extra_service {
        let _ = writeln!(out, "{l}");
    }
    out.push_str(&install(s));
    out
}

/// A unit that starts and stops an existing container; systemd follows its monitor, whose
/// exit status is the container's.
pub fn existing_unit(s: &UnitSettings, container: &str, monitor_pidfile: &str) -> String {
    let t = s.stop_timeout.to_string();
    let stop = [vec![lit("-t"), lit(&t), lit(container)]];
    let mut out = header_and_unit(s);
    out.push_str(&service_common(s));
    let _ = writeln!(
        out,
        "ExecStart={}",
        exec(s, "start", &[vec![lit(container)]])
    );
    let _ = writeln!(out, "ExecStop={}", exec(s, "stop", &stop));
    let _ = writeln!(out, "ExecStopPost={}", exec(s, "stop", &stop));
    let _ = writeln!(out, "PIDFile={}", quote(monitor_pidfile, true));
    out.push_str("Type=forking\n");
    for l in &s.extra_service {
        let _ = writeln!(out, "{l}");
    }
    out.push_str(&install(s));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> UnitSettings {
        UnitSettings {
            unit_name: "container-web.service".into(),
            ctl: "/usr/bin/ctl".into(),
            stop_timeout: 10,
            ..Default::default()
        }
    }

    #[test]
    fn quoting_follows_systemd_rules() {
        assert_eq!(quote("busybox", true), "busybox");
        assert_eq!(quote("a b", true), "\"a b\"");
        assert_eq!(quote("say \"hi\"\\", true), "\"say \\\"hi\\\"\\\\\"");
        assert_eq!(quote("100%", true), "100%%");
        assert_eq!(quote("%t/x", false), "%t/x");
        assert_eq!(quote("$HOME", true), "$$HOME");
        assert_eq!(quote("", true), "\"\"");
        assert_eq!(quote(";", true), "\";\"");
        assert_eq!(quote("a\nb", true), "\"a\\nb\"");
    }

    #[test]
    fn new_unit_is_podman_shaped() {
        let mut s = settings();
        s.restart_sec = Some(3);
        s.after = vec!["db.service".into()];
        let args = [
            vec![lit("-e"), lit("A=b c")],
            vec![lit("busybox"), lit("sleep"), lit("100")],
        ];
        let u = new_unit(&s, lit("web"), &args);
        assert!(
            u.starts_with("# container-web.service\n# autogenerated by ctl "),
            "{u}"
        );
        for want in [
            "[Unit]\nDescription=ctl container-web.service\n",
            "After=db.service\n",
            "[Service]\nRestart=on-failure\nRestartSec=3\nTimeoutStopSec=70\n",
            "ExecStart=/usr/bin/ctl run \\\n\t--cidfile=%t/%n.ctr-id \\\n\t--rm \\\n\t\
             --sdnotify=conmon \\\n\t-d \\\n\t--replace \\\n\t--name web \\\n\t\
             -e \"A=b c\" \\\n\tbusybox sleep 100\n",
            "ExecStop=/usr/bin/ctl stop \\\n\t--ignore -t 10 --cidfile=%t/%n.ctr-id\n",
            "ExecStopPost=/usr/bin/ctl rm \\\n\t-f --ignore -t 10 --cidfile=%t/%n.ctr-id\n",
            "Type=notify\nNotifyAccess=all\n",
            "[Install]\nWantedBy=default.target\n",
        ] {
            assert!(u.contains(want), "missing {want:?} in\n{u}");
        }
    }

    #[test]
    fn header_start_timeout_and_names_as_podman() {
        let mut s = settings();
        s.no_header = true;
        s.start_timeout = Some(30);
        let u = existing_unit(&s, "web", "/run/p");
        assert!(u.starts_with("# container-web.service\n\n[Unit]\n"), "{u}");
        assert!(
            u.contains("Restart=on-failure\nTimeoutStartSec=30\nTimeoutStopSec=70\n"),
            "{u}"
        );
        s.start_timeout = Some(0);
        assert!(!existing_unit(&s, "web", "/run/p").contains("TimeoutStartSec"));
        assert_eq!(service_name("container", "-", "web"), "container-web");
        assert_eq!(service_name("svc", "_", "web"), "svc_web");
        assert_eq!(service_name("", "-", "web"), "web");
    }

    #[test]
    fn existing_unit_follows_the_monitor() {
        let mut s = settings();
        s.global_args = vec!["--root".into(), "/srv/ctl store".into()];
        s.restart_policy = Some("always".into());
        let u = existing_unit(&s, "web", "/run/ctl/containers/abc/monitor.pid");
        for want in [
            "Restart=always\n",
            "ExecStart=/usr/bin/ctl --root \"/srv/ctl store\" start \\\n\tweb\n",
            "ExecStop=/usr/bin/ctl --root \"/srv/ctl store\" stop \\\n\t-t 10 web\n",
            "PIDFile=/run/ctl/containers/abc/monitor.pid\nType=forking\n",
        ] {
            assert!(u.contains(want), "missing {want:?} in\n{u}");
        }
    }
}
