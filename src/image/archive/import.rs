//! `import`: a root filesystem tarball becomes a one-layer image, its config built here
//! from the host platform and any `--change` Dockerfile instructions.

use std::io::{BufRead, BufReader, Read};

use ctl_monitor::time::Timestamp;
use serde_json::{json, Map, Value};

use crate::error::{Error, Result};
use crate::image::digest::sha256_digest;
use crate::image::layer::{store_layer, Expected};
use crate::image::reference::Reference;
use crate::image::registry::Platform;
use crate::image::store::{ImageRecord, Store};
use crate::image::unpack::UnpackOptions;

/// The instructions `--change` accepts.
pub const SUPPORTED: &str =
    "CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR";

/// One `--change` instruction, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Cmd(Vec<String>),
    Entrypoint(Vec<String>),
    Env(Vec<(String, String)>),
    Expose(Vec<String>),
    Label(Vec<(String, String)>),
    /// A trigger for images built from this one, kept as written.
    Onbuild(String),
    StopSignal(String),
    User(String),
    Volume(Vec<String>),
    Workdir(String),
}

/// Parses `INSTRUCTION ARGS` (or `INSTRUCTION=ARGS`, as podman also takes it); the error
/// is the reason.
pub fn parse_change(input: &str) -> std::result::Result<Change, String> {
    let s = input.trim();
    let end = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let (word, rest) = s.split_at(end);
    let rest = match rest.chars().next() {
        None => "",
        Some('=') => &rest[1..],
        Some(c) if c.is_whitespace() => rest,
        Some(_) => return Err("expected INSTRUCTION ARGUMENTS, e.g. 'CMD [\"sh\"]'".into()),
    }
    .trim();
    if word.is_empty() {
        return Err("expected INSTRUCTION ARGUMENTS, e.g. 'CMD [\"sh\"]'".into());
    }
    let instr = word.to_ascii_uppercase();
    let known = SUPPORTED.split(", ").any(|k| k == instr);
    if !known {
        return Err(format!(
            "unsupported instruction '{word}' (supported: {SUPPORTED})"
        ));
    }
    if rest.is_empty() {
        return Err(format!("{instr} needs an argument"));
    }
    let one_word = |what: &str| {
        let w = words(rest)?;
        match w.as_slice() {
            [one] if !one.is_empty() => Ok(one.clone()),
            _ => Err(format!("{instr} takes one {what}")),
        }
    };
    Ok(match instr.as_str() {
        "CMD" => Change::Cmd(command(rest)?),
        "ENTRYPOINT" => Change::Entrypoint(command(rest)?),
        "ENV" => Change::Env(pairs(rest, "ENV")?),
        "LABEL" => Change::Label(pairs(rest, "LABEL")?),
        "EXPOSE" => Change::Expose(
            words(rest)?
                .iter()
                .map(|p| ports(p))
                .collect::<std::result::Result<Vec<_>, _>>()?
                .concat(),
        ),
        "ONBUILD" => Change::Onbuild(rest.to_string()),
        "STOPSIGNAL" => Change::StopSignal(signal(&one_word("signal")?)?),
        "USER" => Change::User(one_word("user[:group]")?),
        "VOLUME" => Change::Volume(if rest.starts_with('[') {
            json_array(rest, "VOLUME")?
        } else {
            words(rest)?
        }),
        "WORKDIR" => {
            let w = rest.to_string();
            Change::Workdir(if w.starts_with('/') {
                w
            } else {
                format!("/{w}")
            })
        }
        _ => unreachable!("checked against SUPPORTED"),
    })
}

fn json_array(s: &str, instr: &str) -> std::result::Result<Vec<String>, String> {
    serde_json::from_str::<Vec<String>>(s)
        .map_err(|_| format!("{instr} {s}: not a JSON array of strings"))
}

/// The exec form `["a","b"]`, or the shell form `a b` as `/bin/sh -c "a b"`.
fn command(s: &str) -> std::result::Result<Vec<String>, String> {
    if s.starts_with('[') {
        return json_array(s, "the command");
    }
    Ok(vec!["/bin/sh".into(), "-c".into(), s.into()])
}

/// Splits on blanks outside quotes; quotes are removed and `\` escapes the next character
/// (except inside single quotes), as a Dockerfile's ENV and LABEL read.
fn words(s: &str) -> std::result::Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quote = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('\''), c) => cur.push(c),
            (_, '\\') => {
                cur.push(chars.next().ok_or("trailing backslash")?);
                in_word = true;
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            (None, c) => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if quote.is_some() {
        return Err(format!("unterminated quote in '{s}'"));
    }
    if in_word {
        out.push(cur);
    }
    Ok(out)
}

/// `K=V [K2=V2 ...]`, or the older `K V...` (the rest of the line is the value).
fn pairs(s: &str, instr: &str) -> std::result::Result<Vec<(String, String)>, String> {
    let w = words(s)?;
    if !w[0].contains('=') {
        let (k, v) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
        let key = words(k)?.concat();
        return Ok(vec![(key, words(v.trim())?.join(" "))]);
    }
    w.into_iter()
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(format!("{instr}: expected KEY=VALUE, got '{kv}'")),
        })
        .collect()
}

/// `port[/proto]` or `first-last[/proto]` as `port/proto` keys.
fn ports(p: &str) -> std::result::Result<Vec<String>, String> {
    let (range, proto) = p.split_once('/').unwrap_or((p, "tcp"));
    let proto = proto.to_ascii_lowercase();
    if !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
        return Err(format!("EXPOSE {p}: protocol must be tcp, udp or sctp"));
    }
    let num = |s: &str| {
        s.parse::<u16>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("EXPOSE {p}: invalid port '{s}'"))
    };
    let (first, last) = match range.split_once('-') {
        Some((a, b)) => (num(a)?, num(b)?),
        None => (num(range)?, num(range)?),
    };
    if first > last {
        return Err(format!("EXPOSE {p}: invalid range"));
    }
    Ok((first..=last).map(|n| format!("{n}/{proto}")).collect())
}

fn signal(s: &str) -> std::result::Result<String, String> {
    let ok = match s.parse::<u32>() {
        Ok(n) => (1..=64).contains(&n),
        Err(_) => {
            let name = s.to_ascii_uppercase();
            let name = name.strip_prefix("SIG").unwrap_or(&name);
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-')
        }
    };
    ok.then(|| s.to_string())
        .ok_or_else(|| format!("STOPSIGNAL: invalid signal '{s}'"))
}

/// Applies `changes`, in order, to an image config's `config` object.
pub fn apply_changes(config: &mut Map<String, Value>, changes: &[Change]) {
    let obj = |config: &mut Map<String, Value>, key: &str, items: Vec<(String, Value)>| {
        let o = config
            .entry(key)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(o) = o {
            o.extend(items);
        }
    };
    for c in changes {
        match c {
            Change::Cmd(v) => {
                config.insert("Cmd".into(), json!(v));
            }
            Change::Entrypoint(v) => {
                config.insert("Entrypoint".into(), json!(v));
            }
            Change::Env(kvs) => {
                let mut env: Vec<String> = config
                    .get("Env")
                    .and_then(|e| serde_json::from_value(e.clone()).ok())
                    .unwrap_or_default();
                for (k, v) in kvs {
                    env.retain(|e| e.split_once('=').map_or(e.as_str(), |p| p.0) != k);
                    env.push(format!("{k}={v}"));
                }
                config.insert("Env".into(), json!(env));
            }
            Change::Expose(ports) => obj(
                config,
                "ExposedPorts",
                ports.iter().map(|p| (p.clone(), json!({}))).collect(),
            ),
            Change::Label(kvs) => obj(
                config,
                "Labels",
                kvs.iter().map(|(k, v)| (k.clone(), json!(v))).collect(),
            ),
            Change::Volume(vols) => obj(
                config,
                "Volumes",
                vols.iter().map(|v| (v.clone(), json!({}))).collect(),
            ),
            Change::Onbuild(t) => {
                let o = config.entry("OnBuild").or_insert_with(|| json!([]));
                if let Value::Array(a) = o {
                    a.push(json!(t));
                }
            }
            Change::StopSignal(s) => {
                config.insert("StopSignal".into(), json!(s));
            }
            Change::User(u) => {
                config.insert("User".into(), json!(u));
            }
            Change::Workdir(w) => {
                config.insert("WorkingDir".into(), json!(w));
            }
        }
    }
}

/// The OCI image config of an imported one-layer image.
pub fn image_config(
    diff_id: &str,
    created: Timestamp,
    platform: &Platform,
    message: Option<&str>,
    changes: &[Change],
) -> Value {
    let mut config = Map::new();
    apply_changes(&mut config, changes);
    let mut history = json!({"created": created, "created_by": "ctl import"});
    if let Some(m) = message {
        history["comment"] = json!(m);
    }
    let mut v = json!({
        "created": created,
        "architecture": platform.architecture,
        "os": platform.os,
        "config": config,
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [history],
    });
    if let Some(variant) = &platform.variant {
        v["variant"] = json!(variant);
    }
    v
}

/// What `import` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Names the source in errors (the file name, or "stdin").
    pub label: String,
    /// `--change` instructions, as given.
    pub changes: Vec<String>,
    /// Recorded as the history entry's comment.
    pub message: Option<String>,
    /// The image's name; a short one goes under `localhost/`. None: unnamed.
    pub name: Option<String>,
}

/// Parses `--change` instructions; the error names the one that is wrong.
pub fn parse_changes(changes: &[String]) -> Result<Vec<Change>> {
    changes
        .iter()
        .map(|c| {
            parse_change(c).map_err(|reason| Error::InvalidInput {
                what: "--change",
                value: c.clone(),
                reason,
            })
        })
        .collect()
}

/// The fully qualified `registry/repo:tag` an import is named, from `name`.
pub fn import_name(name: &str) -> Result<String> {
    let r = Reference::parse_with(name, "localhost")?;
    match (r.tagged_name(), &r.digest) {
        (Some(n), None) => Ok(n),
        _ => Err(Error::InvalidInput {
            what: "image name",
            value: name.to_string(),
            reason: "an imported image cannot be named by digest".into(),
        }),
    }
}

/// Streams the root filesystem tarball `source` (plain, gzip or zstd) into the store as one
/// layer and records an image of it. Arguments are checked before anything is read.
pub fn import<R: Read>(
    store: &Store,
    source: R,
    opts: &ImportOptions,
    unpack: &UnpackOptions,
) -> Result<ImageRecord> {
    let changes = parse_changes(&opts.changes)?;
    let name = opts.name.as_deref().map(import_name).transpose()?;
    let expected = Expected {
        label: opts.label.clone(),
        digest: None,
        diff_id: None,
        chain_id: None,
        parent: None,
        size: None,
    };
    let mut source = BufReader::new(source);
    let empty = source
        .fill_buf()
        .map_err(|e| Error::io(&opts.label, e))?
        .is_empty();
    if empty {
        return Err(Error::InvalidInput {
            what: "root filesystem tarball",
            value: opts.label.clone(),
            reason: "it is empty".into(),
        });
    }
    let layer = store_layer(store, source, &expected, unpack, |_| {})?;
    let created = Timestamp::now();
    let platform = Platform::host();
    let config = image_config(
        &layer.diff_id,
        created,
        &platform,
        opts.message.as_deref(),
        &changes,
    );
    let bytes = serde_json::to_vec(&config).expect("config serializes");
    let digest = sha256_digest(&bytes);
    store.put_blob(&digest, &bytes)?;
    store.commit_image(ImageRecord {
        id: digest.trim_start_matches("sha256:").to_string(),
        names: name.into_iter().collect(),
        repo_digests: vec![],
        manifest_digest: None,
        created: Some(created),
        added: Timestamp::now(),
        os: platform.os,
        architecture: platform.architecture,
        variant: platform.variant,
        layers: vec![layer.chain_id],
        size: layer.size,
        names_history: vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Change {
        parse_change(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn kv(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn commands_take_exec_and_shell_forms() {
        assert_eq!(
            ok(r#"CMD ["/bin/sh", "-c", "x"]"#),
            Change::Cmd(strs(&["/bin/sh", "-c", "x"]))
        );
        assert_eq!(
            ok("cmd echo hi there"),
            Change::Cmd(strs(&["/bin/sh", "-c", "echo hi there"]))
        );
        assert_eq!(
            ok(r#"ENTRYPOINT=["/init"]"#),
            Change::Entrypoint(strs(&["/init"]))
        );
        assert_eq!(ok("ENTRYPOINT []"), Change::Entrypoint(vec![]));
        assert!(parse_change("CMD ['sh']")
            .unwrap_err()
            .contains("JSON array"));
        assert!(parse_change("CMD")
            .unwrap_err()
            .contains("needs an argument"));
    }

    #[test]
    fn env_and_labels_take_pairs_and_quotes() {
        assert_eq!(
            ok(r#"ENV A=1 B="two words" C=it\'s"#),
            Change::Env(kv(&[("A", "1"), ("B", "two words"), ("C", "it's")]))
        );
        assert_eq!(
            ok("ENV PATH /usr/bin:/bin"),
            Change::Env(kv(&[("PATH", "/usr/bin:/bin")]))
        );
        assert_eq!(
            ok("ENV GREETING hello  world"),
            Change::Env(kv(&[("GREETING", "hello world")]))
        );
        assert_eq!(
            ok(r#"LABEL org.x.y="a b" 'k'=v"#),
            Change::Label(kv(&[("org.x.y", "a b"), ("k", "v")]))
        );
        assert!(parse_change("ENV =x").unwrap_err().contains("KEY=VALUE"));
        assert!(parse_change(r#"ENV A="open"#)
            .unwrap_err()
            .contains("unterminated"));
    }

    #[test]
    fn other_instructions() {
        assert_eq!(
            ok("EXPOSE 80 53/udp 8000-8002"),
            Change::Expose(strs(&[
                "80/tcp", "53/udp", "8000/tcp", "8001/tcp", "8002/tcp"
            ]))
        );
        assert!(parse_change("EXPOSE 0").is_err());
        assert!(parse_change("EXPOSE 70000").is_err());
        assert!(parse_change("EXPOSE 80/icmp")
            .unwrap_err()
            .contains("protocol"));
        assert!(parse_change("EXPOSE 9-8").unwrap_err().contains("range"));
        assert_eq!(ok("WORKDIR /srv/app"), Change::Workdir("/srv/app".into()));
        assert_eq!(ok("WORKDIR app"), Change::Workdir("/app".into()));
        assert_eq!(ok("USER 1000:1000"), Change::User("1000:1000".into()));
        assert!(parse_change("USER a b").unwrap_err().contains("takes one"));
        assert_eq!(ok("STOPSIGNAL SIGINT"), Change::StopSignal("SIGINT".into()));
        assert_eq!(ok("STOPSIGNAL 9"), Change::StopSignal("9".into()));
        assert!(parse_change("STOPSIGNAL 99").is_err());
        assert_eq!(
            ok(r#"VOLUME ["/data", "/logs"]"#),
            Change::Volume(strs(&["/data", "/logs"]))
        );
        assert_eq!(ok("VOLUME /data"), Change::Volume(strs(&["/data"])));
    }

    #[test]
    fn unsupported_instructions_are_named() {
        let e = parse_change("RUN apt-get update").unwrap_err();
        assert!(e.contains("unsupported instruction 'RUN'"), "{e}");
        assert!(e.contains("CMD, ENTRYPOINT"), "{e}");
        assert_eq!(ok("ONBUILD RUN x"), Change::Onbuild("RUN x".into()));
        assert!(parse_change("FROM x").unwrap_err().contains("ONBUILD"));
        assert!(parse_change("").is_err());
        assert!(parse_change("C-MD x").is_err());
        let e = parse_changes(&["FROM scratch".into()])
            .unwrap_err()
            .to_string();
        assert!(e.contains("--change") && e.contains("FROM scratch"), "{e}");
    }

    #[test]
    fn config_has_platform_rootfs_history_and_changes() {
        let changes = vec![
            ok("ENV A=1 B=2"),
            ok("ENV A=3"),
            ok("CMD [\"sh\"]"),
            ok("LABEL x=y"),
            ok("EXPOSE 80"),
            ok("EXPOSE 443"),
        ];
        let p = Platform {
            os: "linux".into(),
            architecture: "arm64".into(),
            variant: Some("v8".into()),
        };
        let d = format!("sha256:{}", "a".repeat(64));
        let t: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let c = image_config(&d, t, &p, Some("hello"), &changes);
        assert_eq!(c["architecture"], "arm64");
        assert_eq!(c["variant"], "v8");
        assert_eq!(c["os"], "linux");
        assert_eq!(c["rootfs"], json!({"type": "layers", "diff_ids": [d]}));
        assert_eq!(
            c["history"],
            json!([{"created": "2026-01-01T00:00:00.000000000+00:00", "created_by": "ctl import", "comment": "hello"}])
        );
        assert_eq!(c["config"]["Env"], json!(["B=2", "A=3"]));
        assert_eq!(c["config"]["Cmd"], json!(["sh"]));
        assert_eq!(c["config"]["Labels"], json!({"x": "y"}));
        assert_eq!(
            c["config"]["ExposedPorts"],
            json!({"80/tcp": {}, "443/tcp": {}})
        );
        let summary =
            crate::image::ImageConfigSummary::parse(&serde_json::to_vec(&c).unwrap()).unwrap();
        assert_eq!(summary.diff_ids, vec![d.clone()]);
        assert_eq!(summary.created, Some(t));
        let bare = image_config(&d, t, &Platform::host(), None, &[]);
        assert_eq!(bare["config"], json!({}));
        assert!(bare["history"][0].get("comment").is_none());
    }

    #[test]
    fn names_are_qualified_under_localhost() {
        assert_eq!(import_name("app").unwrap(), "localhost/app:latest");
        assert_eq!(import_name("reg:5000/a/b:1").unwrap(), "reg:5000/a/b:1");
        assert!(import_name(&format!("app@sha256:{}", "a".repeat(64))).is_err());
        assert!(import_name("Bad Name").is_err());
    }
}
