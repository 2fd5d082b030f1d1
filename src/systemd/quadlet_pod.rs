//! Quadlet-style `.pod` and `.kube` files (podman-systemd.unit(5)).
//!
//! `NAME.pod`'s [Pod] section becomes `NAME-pod.service`, whose ExecStartPre makes the pod
//! `systemd-NAME` (PodName= overrides) as `generate systemd --new` does for a pod; a
//! `.container` with `Pod=NAME.pod` runs in it. Keys: PodName=, PublishPort=, Network=,
//! Volume=, AddHost=, DNS=, HostName=, Label=, ExitPolicy= (default stop), StopTimeout=,
//! ServiceName=.
//!
//! `NAME.kube`'s [Kube] section becomes `NAME.service`, which runs `ctl kube play --replace
//! FILE` and `ctl kube down FILE`. Keys: Yaml= (required; relative to the unit file's
//! directory), PublishPort=, Network=, ConfigMap=.

use std::fmt::Write as _;
use std::path::Path;

use super::quadlet::{sections, split_words};
use super::{exec, header_and_unit, install, lit, service_common, unit, Group, UnitSettings};

/// A `.pod` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodQuadlet {
    pub pod_name: Option<String>,
    pub service_name: Option<String>,
    pub stop_timeout: Option<u32>,
    pub exit_policy: Option<String>,
    /// `pod create` options in the file's order.
    pub args: Vec<(&'static str, String)>,
    pub unit: Vec<String>,
    pub service: Vec<String>,
    pub install: Vec<String>,
}

pub fn parse_pod(text: &str) -> Result<PodQuadlet, String> {
    let sec = sections(text, "Pod")?;
    let mut q = PodQuadlet {
        unit: sec.unit,
        service: sec.service,
        install: sec.install,
        ..Default::default()
    };
    for (n, key, value) in sec.main {
        let flag = match key.as_str() {
            "PodName" => {
                q.pod_name = Some(value);
                continue;
            }
            "ServiceName" => {
                q.service_name = Some(value);
                continue;
            }
            "StopTimeout" => {
                let t = value
                    .parse()
                    .map_err(|_| format!("line {n}: StopTimeout={value} is not a number"))?;
                q.stop_timeout = Some(t);
                continue;
            }
            "ExitPolicy" => {
                if !matches!(value.as_str(), "stop" | "continue") {
                    return Err(format!(
                        "line {n}: ExitPolicy={value}: must be stop or continue"
                    ));
                }
                q.exit_policy = Some(value);
                continue;
            }
            "PublishPort" => "--publish",
            "Network" => "--network",
            "Volume" => "--volume",
            "AddHost" => "--add-host",
            "DNS" => "--dns",
            "HostName" => "--hostname",
            "Label" => {
                for l in split_words(&value).map_err(|e| format!("line {n}: {e}"))? {
                    q.args.push(("--label", l));
                }
                continue;
            }
            _ => return Err(format!("line {n}: unsupported key {key}= in [Pod]")),
        };
        q.args.push((flag, value));
    }
    Ok(q)
}

impl PodQuadlet {
    /// The unit's name without `.service`: ServiceName=, or `STEM-pod`.
    pub fn service(&self, stem: &str) -> String {
        self.service_name
            .clone()
            .unwrap_or_else(|| format!("{stem}-pod"))
    }

    /// The pod's name: PodName=, or `systemd-STEM`.
    pub fn name(&self, stem: &str) -> String {
        self.pod_name
            .clone()
            .unwrap_or_else(|| format!("systemd-{stem}"))
    }

    /// `pod create`'s options (the unit adds the id and pid files and --replace).
    pub fn create_args(&self, stem: &str) -> Vec<Group> {
        let name = self.name(stem);
        let mut out: Vec<Group> = vec![
            vec![
                lit("--exit-policy"),
                lit(self.exit_policy.as_deref().unwrap_or("stop")),
            ],
            vec![lit("--infra-name"), unit(&format!("{name}-infra"))],
            vec![lit("--name"), unit(&name)],
        ];
        out.extend(self.args.iter().map(|(f, v)| vec![lit(f), unit(v)]));
        out
    }
}

/// A `.kube` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KubeQuadlet {
    pub yaml: String,
    pub args: Vec<(&'static str, String)>,
    pub unit: Vec<String>,
    pub service: Vec<String>,
    pub install: Vec<String>,
}

/// Parses a `.kube` file; a relative Yaml= is taken from `dir`, the file's directory.
pub fn parse_kube(text: &str, dir: &Path) -> Result<KubeQuadlet, String> {
    let sec = sections(text, "Kube")?;
    let mut q = KubeQuadlet {
        unit: sec.unit,
        service: sec.service,
        install: sec.install,
        ..Default::default()
    };
    for (n, key, value) in sec.main {
        let flag = match key.as_str() {
            "Yaml" => {
                q.yaml = match value.starts_with('/') || value.starts_with('%') {
                    true => value,
                    false => dir.join(&value).display().to_string(),
                };
                continue;
            }
            "PublishPort" => "--publish",
            "Network" => "--network",
            "ConfigMap" => "--configmap",
            _ => return Err(format!("line {n}: unsupported key {key}= in [Kube]")),
        };
        q.args.push((flag, value));
    }
    if q.yaml.is_empty() {
        return Err("[Kube] has no Yaml=".into());
    }
    Ok(q)
}

/// The `.kube` file's unit: `kube play` starts the pods and returns (the unit stays
/// active after it), `kube down` removes them.
pub fn kube_unit(s: &UnitSettings, q: &KubeQuadlet) -> String {
    let mut play: Vec<Group> = vec![vec![lit("--replace")]];
    play.extend(q.args.iter().map(|(f, v)| vec![lit(f), unit(v)]));
    play.push(vec![unit(&q.yaml)]);
    let mut out = header_and_unit(s);
    out.push_str(&service_common(s));
    out.push_str("Type=oneshot\nRemainAfterExit=yes\n");
    let _ = writeln!(out, "ExecStart={}", exec(s, "kube play", &play));
    let down = vec![vec![unit(&q.yaml)]];
    let _ = writeln!(out, "ExecStop={}", exec(s, "kube down", &down));
    for l in &s.extra_service {
        let _ = writeln!(out, "{l}");
    }
    out.push_str(&install(s));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(name: &str) -> UnitSettings {
        UnitSettings {
            unit_name: name.into(),
            ctl: "/usr/bin/ctl".into(),
            stop_timeout: 10,
            ..Default::default()
        }
    }

    const POD: &str = "[Pod]\nPublishPort=8080:80\nNetwork=none\nVolume=/srv:/srv:ro\n\
                       Label=a=1 \"b=two words\"\n[Service]\nRestart=always\n";

    #[test]
    fn pod_file_keys_become_pod_create_options() {
        let q = parse_pod(POD).unwrap();
        assert_eq!(q.service("web"), "web-pod");
        assert_eq!(q.name("web"), "systemd-web");
        assert_eq!(q.service, ["Restart=always"]);
        let args = q.create_args("web");
        assert_eq!(args[0], vec![lit("--exit-policy"), lit("stop")]);
        assert_eq!(
            args[1],
            vec![lit("--infra-name"), unit("systemd-web-infra")]
        );
        assert_eq!(args[2], vec![lit("--name"), unit("systemd-web")]);
        assert_eq!(args[3], vec![lit("--publish"), unit("8080:80")]);
        assert_eq!(args[6], vec![lit("--label"), unit("a=1")]);
        assert_eq!(args[7], vec![lit("--label"), unit("b=two words")]);
        let u =
            super::super::pod::new_pod_unit(&settings("web-pod.service"), "web-pod", &args, true);
        assert!(
            u.contains("--pod-id-file %t/web-pod.pod-id \\\n\t--exit-policy stop \\\n"),
            "{u}"
        );
        let named =
            parse_pod("[Pod]\nPodName=shop\nServiceName=shop\nExitPolicy=continue\n").unwrap();
        assert_eq!(
            (named.service("x"), named.name("x")),
            ("shop".into(), "shop".into())
        );
        assert_eq!(named.create_args("x")[0][1], lit("continue"));
    }

    #[test]
    fn pod_file_refusals() {
        assert!(parse_pod("[Pod]\nImage=x\n")
            .unwrap_err()
            .contains("Image="));
        assert!(parse_pod("[Pod]\nExitPolicy=restart\n")
            .unwrap_err()
            .contains("ExitPolicy"));
        assert!(parse_pod("[Pod]\nStopTimeout=soon\n").is_err());
        assert!(parse_pod("[Container]\nImage=x\n")
            .unwrap_err()
            .contains("[Container]"));
    }

    #[test]
    fn kube_file_plays_and_downs_the_yaml() {
        let q = parse_kube(
            "[Kube]\nYaml=app.yaml\nPublishPort=8080:80\n[Install]\nWantedBy=multi-user.target\n",
            Path::new("/etc/ctl/units"),
        )
        .unwrap();
        assert_eq!(q.yaml, "/etc/ctl/units/app.yaml");
        let mut s = settings("app.service");
        s.install = Some(q.install.clone());
        let u = kube_unit(&s, &q);
        for want in [
            "Type=oneshot\nRemainAfterExit=yes\n",
            "ExecStart=/usr/bin/ctl kube play \\\n\t--replace \\\n\t--publish 8080:80 \\\n\t\
             /etc/ctl/units/app.yaml\n",
            "ExecStop=/usr/bin/ctl kube down \\\n\t/etc/ctl/units/app.yaml\n",
            "[Install]\nWantedBy=multi-user.target\n",
        ] {
            assert!(u.contains(want), "missing {want:?} in\n{u}");
        }
        assert!(parse_kube("[Kube]\nPublishPort=1:1\n", Path::new("/"))
            .unwrap_err()
            .contains("Yaml="));
        assert!(parse_kube("[Kube]\nYaml=/a\nImage=x\n", Path::new("/")).is_err());
    }
}
