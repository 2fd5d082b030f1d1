//! The process's argv and environment, by docker's rules.

use crate::container::options::OptionError;

pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The process's argv, by docker's rules: `--entrypoint X` replaces the image's entrypoint
/// and drops its Cmd; `--entrypoint ""` clears the entrypoint but keeps Cmd; user arguments
/// replace Cmd. A JSON array (`--entrypoint '["sh","-c"]'`, as podman takes) is several words.
pub fn process_args(
    image_entrypoint: Option<Vec<String>>,
    image_cmd: Option<Vec<String>>,
    entrypoint_flag: Option<String>,
    user_args: Vec<String>,
) -> Result<Vec<String>, OptionError> {
    let image_cmd = image_cmd.unwrap_or_default();
    let or_image_cmd = |args: Vec<String>| if args.is_empty() { image_cmd } else { args };
    let (entrypoint, cmd) = match entrypoint_flag {
        Some(e) if e.is_empty() => (Vec::new(), or_image_cmd(user_args)),
        Some(e) => {
            let words = match e.starts_with('[') {
                true => serde_json::from_str::<Vec<String>>(&e).unwrap_or_else(|_| vec![e]),
                false => vec![e],
            };
            (words, user_args)
        }
        None => (
            image_entrypoint.unwrap_or_default(),
            or_image_cmd(user_args),
        ),
    };
    let args: Vec<String> = entrypoint.into_iter().chain(cmd).collect();
    if args.is_empty() {
        return Err(OptionError::NoCommand);
    }
    Ok(args)
}

/// What changes the default environment (podman's defaults and the image's) before the
/// flags' entries are laid over it: `--env-merge`, `--unsetenv`, `--unsetenv-all`, and the
/// caller's proxy variables that `--http-proxy` (on by default) passes in.
#[derive(Debug, Default, Clone)]
pub struct EnvRules {
    pub merge: Vec<String>,
    pub unset: Vec<String>,
    pub unset_all: bool,
    pub proxy: Vec<String>,
}

/// The proxy variables podman passes in from the caller's environment (`--http-proxy`).
pub const PROXY_ENV: [&str; 8] = [
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "ftp_proxy",
    "FTP_PROXY",
    "no_proxy",
    "NO_PROXY",
];

/// The environment: the defaults (PATH, `container=podman`, HOSTNAME, TERM=xterm with a
/// terminal) under the image's; then `--env-merge` (expanded against them),
/// `--unsetenv`, `--unsetenv-all`; the caller's proxy variables; the flags' entries. A later
/// entry replaces an earlier one with the same name in place, an entry without `=` removes
/// the name. HOME (from the user's passwd entry) is added when nobody set it.
pub fn merge_env(
    image_env: &[String],
    flag_env: &[String],
    hostname: &str,
    terminal: bool,
    home: Option<&str>,
    rules: &EnvRules,
) -> Result<Vec<String>, OptionError> {
    // `container=podman`, as podman sets it: what systemd and scripts look for to know
    // they run in a container (ctl names itself in /run/.containerenv).
    let mut out = vec![
        format!("PATH={DEFAULT_PATH}"),
        "container=podman".to_string(),
        format!("HOSTNAME={hostname}"),
    ];
    out.extend(terminal.then(|| "TERM=xterm".to_string()));
    let key = |e: &str| e.split_once('=').map_or(e, |(k, _)| k).to_string();
    let lay = |out: &mut Vec<String>, e: &String| {
        let k = key(e);
        let pos = out.iter().position(|o| key(o) == k);
        match (pos, e.contains('=')) {
            (Some(i), true) => out[i] = e.clone(),
            (None, true) => out.push(e.clone()),
            (Some(i), false) => drop(out.remove(i)),
            (None, false) => {}
        }
    };
    for e in image_env {
        lay(&mut out, e);
    }
    for m in &rules.merge {
        let refused = |why: String| OptionError::Refused(why);
        let vars = |name: &str| {
            out.iter()
                .find(|o| key(o) == name)
                .map(|o| o.split_once('=').map_or("", |(_, v)| v).to_string())
        };
        let word = crate::build::parse::expand::word(m, '\\', &vars).map_err(|e| {
            refused(format!(
                "unable to process variables for --env-merge {m}: {e}"
            ))
        })?;
        if !word.contains('=') {
            return Err(refused(format!(
                "missing `=` for --env-merge substitution {m}"
            )));
        }
        lay(&mut out, &word);
    }
    out.retain(|o| !rules.unset.contains(&key(o)));
    if rules.unset_all {
        out.clear();
    }
    // HOSTNAME is podman's own (libpod adds it unless set): no --unsetenv removes it.
    if !out.iter().any(|o| key(o) == "HOSTNAME") {
        out.push(format!("HOSTNAME={hostname}"));
    }
    for e in rules.proxy.iter().chain(flag_env) {
        lay(&mut out, e);
    }
    if let Some(h) = home.filter(|_| !out.iter().any(|o| o.starts_with("HOME="))) {
        out.push(format!("HOME={h}"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn args_follow_docker() {
        let (ep, cmd) = (Some(strings(&["/ep", "-x"])), Some(strings(&["serve"])));
        let a = |e: &Option<Vec<String>>, f: Option<&str>, u: &[&str]| {
            process_args(e.clone(), cmd.clone(), f.map(String::from), strings(u))
        };
        assert_eq!(a(&ep, None, &[]).unwrap(), ["/ep", "-x", "serve"]);
        assert_eq!(
            a(&ep, None, &["run", "it"]).unwrap(),
            ["/ep", "-x", "run", "it"]
        );
        assert_eq!(a(&None, None, &["run"]).unwrap(), ["run"]);
        assert_eq!(a(&ep, Some("/sh"), &[]).unwrap(), ["/sh"]);
        assert_eq!(a(&ep, Some("/sh"), &["run"]).unwrap(), ["/sh", "run"]);
        assert_eq!(a(&ep, Some(""), &[]).unwrap(), ["serve"]);
        assert_eq!(
            a(&ep, Some(r#"["sh","-c"]"#), &["x"]).unwrap(),
            ["sh", "-c", "x"]
        );
        let none = process_args(ep, None, Some(String::new()), vec![]).unwrap_err();
        assert_eq!(none.to_string(), "no command specified");
        assert!(process_args(None, Some(vec![]), None, vec![]).is_err());
    }

    #[test]
    fn env_merges_by_key() {
        let (image, flags) = (
            strings(&["PATH=/img", "A=1", "B=2"]),
            strings(&["B=3", "C=4", "A"]),
        );
        let none = EnvRules::default();
        let want = [
            "PATH=/img",
            "container=podman",
            "HOSTNAME=box",
            "TERM=xterm",
            "B=3",
            "C=4",
            "HOME=/root",
        ];
        let env = merge_env(&image, &flags, "box", true, Some("/root"), &none).unwrap();
        assert_eq!(env, want);
        let flags = strings(&["HOME=/x", "HOSTNAME=h"]);
        let want = [
            &format!("PATH={DEFAULT_PATH}"),
            "container=podman",
            "HOSTNAME=h",
            "HOME=/x",
        ];
        let env = merge_env(&[], &flags, "box", false, Some("/root"), &none).unwrap();
        assert_eq!(env, want);
    }

    #[test]
    fn env_rules_are_podman_s() {
        let image = strings(&["PATH=/img", "A=1", "B=2"]);
        let rules = |merge: &[&str], unset: &[&str], unset_all: bool| EnvRules {
            merge: strings(merge),
            unset: strings(unset),
            unset_all,
            proxy: strings(&["http_proxy=p"]),
        };
        let env = |r: &EnvRules| merge_env(&image, &strings(&["C=3"]), "h", false, None, r);
        // --env-merge expands against the defaults and the image's; an unset one is empty.
        let got = env(&rules(&["PATH=/x:${PATH}", "N=${NOPE}n"], &[], false)).unwrap();
        assert_eq!(
            got,
            [
                "PATH=/x:/img",
                "container=podman",
                "HOSTNAME=h",
                "A=1",
                "B=2",
                "N=n",
                "http_proxy=p",
                "C=3"
            ]
        );
        // --unsetenv drops defaults and image entries, not the flags'; -all drops them all.
        let got = env(&rules(&[], &["container", "A", "HOSTNAME"], false)).unwrap();
        assert_eq!(
            got,
            ["PATH=/img", "B=2", "HOSTNAME=h", "http_proxy=p", "C=3"]
        );
        let got = env(&rules(&[], &[], true)).unwrap();
        assert_eq!(got, ["HOSTNAME=h", "http_proxy=p", "C=3"]);
        let bad = env(&rules(&["NOEQUALS"], &[], false)).unwrap_err();
        assert_eq!(
            bad.to_string(),
            "missing `=` for --env-merge substitution NOEQUALS"
        );
    }
}
