use super::*;

fn apply(conf: &mut ContainersConf, text: &str, name: &str) {
    conf.apply(text, Path::new(name)).unwrap();
}

/// The shape of a distribution's /usr/share/containers/containers.conf: every table,
/// mostly comments, keys ctl does not have.
const USR_SHARE_LIKE: &str = r#"
# The containers configuration file specifies all of the available configuration
# command-line options/flags for container engine tools like Podman & Buildah,
# but in a TOML format that can be easily modified and versioned.
[containers]
#annotations = []
default_capabilities = [
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT"
]
default_sysctls = [
  "net.ipv4.ping_group_range=0 0",
]
#env = [
#  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
#  "TERM=xterm",
#]
log_driver = "k8s-file"
[secrets]
[secrets.opts]
[network]
network_backend = "netavark"
[engine]
events_logger = "file"
[engine.runtimes]
crun = [
  "/usr/bin/crun",
  "/usr/local/bin/crun",
]
[engine.volume_plugins]
[machine]
"#;

#[test]
fn a_distribution_file_gives_what_ctl_has_and_ignores_the_rest() {
    let mut c = ContainersConf::default();
    apply(
        &mut c,
        USR_SHARE_LIKE,
        "/usr/share/containers/containers.conf",
    );
    let caps = c.defaults.default_capabilities.as_ref().unwrap();
    assert_eq!(caps.len(), 11);
    assert_eq!(caps[0], "CHOWN");
    assert!(c.defaults.env.is_none());
    assert!(c.defaults.pids_limit.is_none());
    assert_eq!(c.runtimes["crun"][0], "/usr/bin/crun");
    assert!(c.runtime.is_none());
    assert_eq!(
        c.files,
        [PathBuf::from("/usr/share/containers/containers.conf")]
    );
}

#[test]
fn later_files_override_key_by_key() {
    let mut c = ContainersConf::default();
    apply(
        &mut c,
        r#"
[containers]
env = ["A=1"]
pids_limit = 2048
log_size_max = -1
default_ulimits = ["nofile=1024:2048"]
dns_servers = ["10.0.0.53"]
init_path = "/usr/libexec/podman/catatonit"
base_hosts_file = "image"
[engine]
runtime = "crun"
"#,
        "/etc/containers/containers.conf",
    );
    apply(
        &mut c,
        "[containers]\npids_limit = 100\nenv = [\"B=2\"]\n[engine]\nruntime = \"runc\"\n",
        "/etc/containers/containers.conf.d/10-local.conf",
    );
    let d = &c.defaults;
    assert_eq!(d.pids_limit, Some(100));
    assert_eq!(d.env.as_deref().unwrap(), ["B=2"]);
    assert_eq!(d.log_size_max, Some(-1));
    assert_eq!(d.default_ulimits.as_deref().unwrap(), ["nofile=1024:2048"]);
    assert_eq!(d.dns_servers.as_deref().unwrap(), ["10.0.0.53"]);
    assert_eq!(
        d.init_path.as_deref(),
        Some(Path::new("/usr/libexec/podman/catatonit"))
    );
    assert_eq!(d.base_hosts_file.as_deref(), Some("image"));
    assert_eq!(c.runtime.as_deref(), Some("runc"));
    assert_eq!(c.files.len(), 2);
}

#[test]
fn append_attributes_append_until_turned_off() {
    // containers.conf(5)'s example: the result is 2, 3, 4.
    let mut c = ContainersConf::default();
    for (i, text) in [
        "[containers]\nenv = [\"1=true\"]\n",
        "[containers]\nenv = [\"2=true\"]\n",
        "[containers]\nenv = [\"3=true\", {append=true}]\n",
        "[containers]\nenv = [\"4=true\"]\n",
    ]
    .iter()
    .enumerate()
    {
        apply(&mut c, text, &format!("/m{i}.conf"));
    }
    assert_eq!(
        c.defaults.env.as_deref().unwrap(),
        ["2=true", "3=true", "4=true"]
    );
    apply(
        &mut c,
        "[containers]\nenv = [\"5=true\", {append=false}]\n",
        "/m5.conf",
    );
    assert_eq!(c.defaults.env.as_deref().unwrap(), ["5=true"]);
    // Appending to capabilities no file set starts from the built-in set.
    let mut c = ContainersConf::default();
    apply(
        &mut c,
        "[containers]\ndefault_capabilities = [\"NET_RAW\", {append=true}]\n",
        "/c.conf",
    );
    let caps = c.defaults.default_capabilities.unwrap();
    assert_eq!(
        caps.len(),
        crate::container::caps::DEFAULT_CAPABILITIES.len() + 1
    );
    assert_eq!(caps.last().unwrap(), "NET_RAW");
}

#[test]
fn bad_values_name_the_file_and_key() {
    for (text, want) in [
        (
            "[containers]\npids_limit = \"many\"\n",
            "pids_limit: not an integer",
        ),
        ("[containers]\nenv = \"A=1\"\n", "env: not an array"),
        (
            "[containers]\nenv = [\"A\", {prepend=true}]\n",
            "unsupported key \"prepend\"",
        ),
        ("[containers\n", "line 1"),
    ] {
        let e = ContainersConf::default()
            .apply(text, Path::new("/etc/containers/containers.conf"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("config file /etc/containers/containers.conf: ") && e.contains(want),
            "{text}: {e}"
        );
    }
}

#[test]
fn ctl_toml_overrides_containers_conf_key_by_key() {
    let mut d = ContainerDefaults {
        env: Some(vec!["A=1".into()]),
        pids_limit: Some(2048),
        ..Default::default()
    };
    d.overlay(&ContainerDefaults {
        pids_limit: Some(10),
        ..Default::default()
    });
    assert_eq!(d.pids_limit, Some(10));
    assert_eq!(d.env.as_deref().unwrap(), ["A=1"]);
    let ctl: crate::config::Config =
        crate::config::Config::parse("[containers]\npids_limit = 10\nenv = [\"X=1\"]\n").unwrap();
    assert_eq!(ctl.containers.unwrap().pids_limit, Some(10));
    assert!(
        crate::config::Config::parse("[containers]\npids-limit = 10\n")
            .unwrap_err()
            .contains("pids-limit")
    );
}

#[test]
fn the_files_podman_reads_in_its_order() {
    let dir = tempfile::tempdir().unwrap();
    let user = dir.path().join("containers/containers.conf");
    let user_d = dir.path().join("containers/containers.conf.d");
    std::fs::create_dir_all(&user_d).unwrap();
    std::fs::write(user_d.join("b.conf"), "").unwrap();
    std::fs::write(user_d.join("a.conf"), "").unwrap();
    std::fs::write(user_d.join("c.txt"), "").unwrap();
    let s = Sources {
        user_file: Some(user.clone()),
        override_file: Some(dir.path().join("override.conf")),
        ..Default::default()
    };
    let files = s.files().unwrap();
    assert_eq!(files[0], Path::new(USR_FILE));
    assert_eq!(files[1], Path::new(ETC_FILE));
    let n = files.len();
    assert_eq!(
        files[n - 4..],
        [
            user,
            user_d.join("a.conf"),
            user_d.join("b.conf"),
            dir.path().join("override.conf")
        ]
    );
    // $CONTAINERS_CONF alone (and the override).
    let only = dir.path().join("only.conf");
    std::fs::write(&only, "[containers]\npids_limit = 5\n").unwrap();
    let s = Sources {
        env_file: Some(only.clone()),
        user_file: Some(dir.path().join("containers/containers.conf")),
        ..Default::default()
    };
    assert_eq!(s.files().unwrap(), std::slice::from_ref(&only));
    let c = ContainersConf::load(&s).unwrap();
    assert_eq!(c.defaults.pids_limit, Some(5));
    let missing = Sources {
        env_file: Some(dir.path().join("nope.conf")),
        ..Default::default()
    };
    assert!(missing.files().is_err());
}

#[test]
fn the_runtime_is_found_through_engine_runtimes() {
    let mut c = ContainersConf::default();
    apply(
        &mut c,
        "[engine]\nruntime = \"crun\"\n[engine.runtimes]\ncrun = [\"/nonexistent/crun\", \"/bin/sh\"]\n",
        "/x.conf",
    );
    assert_eq!(c.runtime_path().as_deref(), Some("/bin/sh"));
    c.runtimes.clear();
    assert_eq!(c.runtime_path().as_deref(), Some("crun"));
}
