//! A small Quadlet-style `.container` file, turned into a `--new` unit:
//!
//! ```ini
//! [Unit]
//! Description=Web server
//! [Container]
//! Image=docker.io/library/busybox:latest
//! Exec=httpd -f -p 8080
//! Volume=/srv/www:/www:ro
//! Environment=MODE=prod "GREETING=hello world"
//! User=nobody
//! [Service]
//! Restart=always
//! [Install]
//! WantedBy=multi-user.target
//! ```
//!
//! [Container] keys: Image= (required), Exec=, PublishPort=, Volume=, Environment=, User=,
//! ContainerName= (default `systemd-%N`), Pod= (`NAME.pod`: the container runs in the pod
//! of that file's unit, `NAME-pod.service`, which its unit binds to). [Unit], [Service] and [Install] lines are copied
//! into the unit after the generated ones, so they win. Values are unit-file text: `%`
//! specifiers are expanded by systemd.

use super::{unit, Group};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quadlet {
    pub image: String,
    pub exec: Vec<String>,
    pub publish: Vec<String>,
    pub volumes: Vec<String>,
    pub env: Vec<String>,
    pub user: Option<String>,
    pub container_name: Option<String>,
    /// `Pod=NAME.pod`: NAME, the `.pod` file whose pod the container joins.
    pub pod: Option<String>,
    pub unit: Vec<String>,
    pub service: Vec<String>,
    pub install: Vec<String>,
}

/// Splits a value into words as systemd does: whitespace separates, `"..."` and `'...'`
/// group, backslash escapes the next character (C escapes inside double quotes).
pub fn split_words(s: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur: Option<String> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(cur.take()),
            '"' | '\'' => {
                let w = cur.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        None => return Err(format!("unterminated quote in {s:?}")),
                        Some(q) if q == c => break,
                        Some('\\') if c == '"' => w.push(unescape(chars.next())?),
                        Some(x) => w.push(x),
                    }
                }
            }
            '\\' => cur
                .get_or_insert_with(String::new)
                .push(unescape(chars.next())?),
            c => cur.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(cur);
    Ok(words)
}

fn unescape(c: Option<char>) -> Result<char, String> {
    Ok(match c {
        Some('n') => '\n',
        Some('t') => '\t',
        Some(c) => c,
        None => return Err("trailing backslash".into()),
    })
}

/// A Quadlet file's sections: the main one's keys (line number, key, value), and the
/// [Unit], [Service], [Install] lines kept as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sections {
    pub main: Vec<(usize, String, String)>,
    pub unit: Vec<String>,
    pub service: Vec<String>,
    pub install: Vec<String>,
}

/// Splits the file into sections; sections other than `main` and [Unit], [Service],
/// [Install] are errors (as Quadlet's are).
pub fn sections(text: &str, main: &str) -> Result<Sections, String> {
    let mut out = Sections::default();
    let mut section = String::new();
    let mut pending = String::new();
    for (n, raw) in text.lines().enumerate() {
        // A trailing backslash continues the line (systemd joins with a space).
        if let Some(head) = raw.strip_suffix('\\') {
            pending.push_str(head);
            pending.push(' ');
            continue;
        }
        let line = std::mem::take(&mut pending) + raw;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        let at = || format!("line {}", n + 1);
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if !(name == main || matches!(name, "Unit" | "Service" | "Install")) {
                return Err(format!("{}: unsupported section [{name}]", at()));
            }
            section = name.to_string();
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .map(|(k, v)| (k.trim(), v.trim()))
            .ok_or_else(|| format!("{}: expected KEY=VALUE, got {line:?}", at()))?;
        let keep = format!("{key}={value}");
        match section.as_str() {
            "Unit" => out.unit.push(keep),
            "Service" => out.service.push(keep),
            "Install" => out.install.push(keep),
            "" => return Err(format!("{}: {key}= outside a section", at())),
            _ => out.main.push((n + 1, key.to_string(), value.to_string())),
        }
    }
    Ok(out)
}

/// Parses the file; unknown sections and [Container] keys are errors (as Quadlet's are).
pub fn parse(text: &str) -> Result<Quadlet, String> {
    let sec = sections(text, "Container")?;
    let mut q = Quadlet {
        unit: sec.unit,
        service: sec.service,
        install: sec.install,
        ..Default::default()
    };
    for (n, key, value) in &sec.main {
        container_key(&mut q, key, value).map_err(|e| format!("line {n}: {e}"))?;
    }
    if q.image.is_empty() {
        return Err("[Container] has no Image=".into());
    }
    Ok(q)
}

fn container_key(q: &mut Quadlet, key: &str, value: &str) -> Result<(), String> {
    match key {
        "Image" => q.image = value.to_string(),
        "Exec" => q.exec = split_words(value)?,
        "PublishPort" => q.publish.push(value.to_string()),
        "Volume" => q.volumes.push(value.to_string()),
        "Environment" => q.env.extend(split_words(value)?),
        "User" => q.user = Some(value.to_string()),
        "ContainerName" => q.container_name = Some(value.to_string()),
        "Pod" => match value.strip_suffix(".pod") {
            Some(stem) if !stem.is_empty() && !stem.contains('/') => q.pod = Some(stem.to_string()),
            _ => return Err(format!("Pod={value}: the value must be NAME.pod")),
        },
        _ => return Err(format!("unsupported key {key}= in [Container]")),
    }
    Ok(())
}

impl Quadlet {
    /// The container's name: ContainerName=, or `systemd-%N` as Quadlet names it.
    pub fn name(&self) -> super::Arg {
        unit(self.container_name.as_deref().unwrap_or("systemd-%N"))
    }

    /// The unit of the pod the container joins: `NAME-pod`, as Quadlet names a `.pod`'s.
    pub fn pod_service(&self) -> Option<String> {
        self.pod.as_ref().map(|p| format!("{p}-pod"))
    }

    /// `ctl run` options, then the image and command.
    pub fn run_args(&self) -> Vec<Group> {
        let mut out: Vec<Group> = Vec::new();
        let mut opt = |flag: &str, v: &str| out.push(vec![unit(flag), unit(v)]);
        if let Some(service) = self.pod_service() {
            opt("--pod-id-file", &super::pod::pod_id_file(&service));
        }
        for p in &self.publish {
            opt("--publish", p);
        }
        for v in &self.volumes {
            opt("--volume", v);
        }
        for e in &self.env {
            opt("--env", e);
        }
        if let Some(u) = &self.user {
            opt("--user", u);
        }
        let mut tail = vec![unit(&self.image)];
        tail.extend(self.exec.iter().map(|w| unit(w)));
        out.push(tail);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systemd::Arg;

    const WEB: &str = r#"
# a comment
[Unit]
Description=Web server

[Container]
Image=busybox
Exec=httpd -f \
  -p 8080 "-h" '/www root'
Volume=%h/www:/www:ro
Environment=MODE=prod "GREETING=hello world"
User=nobody

[Service]
Restart=always

[Install]
WantedBy=multi-user.target
"#;

    #[test]
    fn parses_keys_and_passthrough() {
        let q = parse(WEB).unwrap();
        assert_eq!(q.image, "busybox");
        assert_eq!(q.exec, ["httpd", "-f", "-p", "8080", "-h", "/www root"]);
        assert_eq!(q.volumes, ["%h/www:/www:ro"]);
        assert_eq!(q.env, ["MODE=prod", "GREETING=hello world"]);
        assert_eq!(q.user.as_deref(), Some("nobody"));
        assert_eq!(q.unit, ["Description=Web server"]);
        assert_eq!(q.service, ["Restart=always"]);
        assert_eq!(q.install, ["WantedBy=multi-user.target"]);
        assert_eq!(q.name(), Arg::Unit("systemd-%N".into()));
        let args = q.run_args();
        assert_eq!(args[0], vec![unit("--volume"), unit("%h/www:/www:ro")]);
        assert_eq!(args.last().unwrap()[..2], [unit("busybox"), unit("httpd")]);
    }

    #[test]
    fn rejects_what_it_does_not_know() {
        assert!(parse("[Container]\nExec=true\n")
            .unwrap_err()
            .contains("Image="));
        assert!(parse("[Container]\nImage=x\nPod=p\n")
            .unwrap_err()
            .contains("NAME.pod"));
        assert!(parse("[Container]\nImage=x\nNetwork=p\n")
            .unwrap_err()
            .contains("Network="));
        assert!(parse("[Volume]\n").unwrap_err().contains("[Volume]"));
        assert!(parse("Image=x\n")
            .unwrap_err()
            .contains("outside a section"));
        assert!(parse("[Container]\nImage=x\nExec=\"open\n").is_err());
    }

    #[test]
    fn a_pod_key_joins_the_pod_s_unit() {
        let q = parse("[Container]\nImage=x\nPod=web.pod\n").unwrap();
        assert_eq!(q.pod_service().as_deref(), Some("web-pod"));
        assert_eq!(
            q.run_args()[0],
            vec![unit("--pod-id-file"), unit("%t/web-pod.pod-id")]
        );
    }

    #[test]
    fn words_split_like_systemd() {
        assert_eq!(
            split_words(r#"a "b c" 'd "e"' f\ g "h\"i""#).unwrap(),
            ["a", "b c", "d \"e\"", "f g", "h\"i"]
        );
        assert_eq!(split_words("  ").unwrap(), Vec::<String>::new());
        assert_eq!(split_words("\"\"").unwrap(), [""]);
    }
}
