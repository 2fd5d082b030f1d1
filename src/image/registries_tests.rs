use super::*;

fn parse(text: &str) -> Registries {
    Registries::parse(text, Path::new("/etc/containers/registries.conf"), false).unwrap()
}

fn parse_err(text: &str) -> String {
    Registries::parse(text, Path::new("/r.conf"), false)
        .unwrap_err()
        .to_string()
}

fn r(s: &str) -> Reference {
    Reference::parse(s).unwrap()
}

/// The shape of Fedora's /etc/containers/registries.conf: comments, a search list, a
/// mirrored and remapped namespace, an insecure and a blocked registry.
const FEDORA_LIKE: &str = r#"
# For more information on this configuration file, see containers-registries.conf(5).
unqualified-search-registries = ["registry.fedoraproject.org", "registry.access.redhat.com", "docker.io", "quay.io"]
short-name-mode = "enforcing"

[[registry]]
prefix = "example.com/foo"
insecure = false
blocked = false
location = "internal-registry-for-example.com/bar"

[[registry.mirror]]
location = "example-mirror-0.local/mirror-for-foo"

[[registry.mirror]]
location = "example-mirror-1.local/mirrors/foo"
insecure = true

[[registry]]
location = "registry.com"

[[registry.mirror]]
location = "mirror.registry.com"

[[registry]]
location = "registry.lan:5000"
insecure = true

[[registry]]
prefix = "docker.io/evil"
location = "docker.io/evil"
blocked = true
"#;

#[test]
fn the_man_pages_example_pulls_through_its_mirrors_in_order() {
    let c = parse(FEDORA_LIKE);
    assert_eq!(
        c.search.as_deref().unwrap(),
        [
            "registry.fedoraproject.org",
            "registry.access.redhat.com",
            "docker.io",
            "quay.io"
        ]
    );
    assert_eq!(c.short_name_mode.as_deref(), Some("enforcing"));
    let reg = c.find("example.com/foo/image").unwrap();
    let sources = reg
        .pull_sources(&r("example.com/foo/image:latest"))
        .unwrap();
    let names: Vec<String> = sources.iter().map(|s| s.reference.to_string()).collect();
    assert_eq!(
        names,
        [
            "example-mirror-0.local/mirror-for-foo/image:latest",
            "example-mirror-1.local/mirrors/foo/image:latest",
            "internal-registry-for-example.com/bar/image:latest",
        ]
    );
    let insecure: Vec<bool> = sources.iter().map(|s| s.insecure).collect();
    assert_eq!(insecure, [false, true, false]);
    // The mirrors of one table are not another's.
    let reg = c.find("registry.com/image").unwrap();
    let names: Vec<String> = reg
        .pull_sources(&r("registry.com/image:latest"))
        .unwrap()
        .iter()
        .map(|s| s.reference.to_string())
        .collect();
    assert_eq!(
        names,
        [
            "mirror.registry.com/image:latest",
            "registry.com/image:latest"
        ]
    );
}

#[test]
fn the_longest_prefix_wins_at_component_boundaries() {
    let c = parse(FEDORA_LIKE);
    assert_eq!(c.find("docker.io/evil/x").unwrap().prefix, "docker.io/evil");
    assert!(c.find("docker.io/evil/x").unwrap().blocked);
    assert!(c.find("docker.io/evilcorp/x").is_none());
    assert!(c.find("docker.io/library/busybox").is_none());
    assert!(c.find("registry.lan:5000/a").unwrap().endpoint.insecure);
    assert_eq!(
        matching_prefix("example.com/foo@sha256:1", "example.com/foo"),
        Some(15)
    );
    assert_eq!(
        matching_prefix("example.com/foobar", "example.com/foo"),
        None
    );
    assert_eq!(
        matching_prefix("a.b.example.com/x", "*.example.com"),
        Some(15)
    );
    assert_eq!(matching_prefix("example.com/x", "*.example.com"), None);
    assert_eq!(
        matching_prefix("x.com/a.example.com", "*.example.com"),
        None
    );
}

#[test]
fn digest_only_and_tag_only_mirrors() {
    let c = parse(
        r#"
[[registry]]
location = "quay.io"
[[registry.mirror]]
location = "by-digest.local"
pull-from-mirror = "digest-only"
[[registry.mirror]]
location = "by-tag.local"
pull-from-mirror = "tag-only"
"#,
    );
    let reg = c.find("quay.io/a/b").unwrap();
    let names = |s: &str| -> Vec<String> {
        reg.pull_sources(&r(s))
            .unwrap()
            .iter()
            .map(|s| s.reference.registry.clone())
            .collect()
    };
    assert_eq!(names("quay.io/a/b:1"), ["by-tag.local", "quay.io"]);
    let d = format!("quay.io/a/b@sha256:{}", "a".repeat(64));
    assert_eq!(names(&d), ["by-digest.local", "quay.io"]);
    let by_digest_only = parse(
        "[[registry]]\nlocation = \"quay.io\"\nmirror-by-digest-only = true\n\
         [[registry.mirror]]\nlocation = \"m.local\"\n",
    );
    let reg = by_digest_only.find("quay.io/a").unwrap();
    assert_eq!(reg.pull_sources(&r("quay.io/a:1")).unwrap().len(), 1);
    assert_eq!(reg.pull_sources(&r(&d)).unwrap().len(), 2);
}

#[test]
fn docker_hub_mirrors_keep_the_library_namespace() {
    let c = parse(
        "[[registry]]\nprefix = \"docker.io\"\nlocation = \"docker.io\"\n\
         [[registry.mirror]]\nlocation = \"mirror.gcr.io\"\n",
    );
    let sources = c
        .find("docker.io/library/busybox")
        .unwrap()
        .pull_sources(&r("busybox"))
        .unwrap();
    assert_eq!(
        sources[0].reference.to_string(),
        "mirror.gcr.io/library/busybox:latest"
    );
    assert_eq!(
        sources[1].reference.to_string(),
        "docker.io/library/busybox:latest"
    );
}

#[test]
fn a_wildcard_prefix_without_location_keeps_the_name() {
    let c = parse("[[registry]]\nprefix = \"*.example.com\"\nblocked = true\n");
    let reg = c.find("a.example.com/x").unwrap();
    assert!(reg.blocked);
    let s = reg.pull_sources(&r("a.example.com/x:1")).unwrap();
    assert_eq!(s[0].reference.to_string(), "a.example.com/x:1");
}

#[test]
fn aliases_are_validated_and_normalized() {
    // The shape of shortnames.conf: comments, quoted keys with a namespace.
    let c = parse(
        r#"
[aliases]
  # almalinux
  "almalinux" = "docker.io/library/almalinux"
  "alpine" = "docker.io/alpine"
  "opensuse/leap" = "registry.opensuse.org/opensuse/leap"
  "erased" = ""
"#,
    );
    assert_eq!(c.alias("alpine").unwrap().0, "docker.io/library/alpine");
    assert_eq!(
        c.alias("opensuse/leap").unwrap().0,
        "registry.opensuse.org/opensuse/leap"
    );
    assert!(c.alias("erased").is_none());
    assert!(c.alias("busybox").is_none());
    for (bad, want) in [
        ("\"a\" = \"b\"", "must contain registry and repository"),
        ("\"a\" = \"quay.io/a:1\"", "must not contain tag"),
        ("\"quay.io/a\" = \"quay.io/a\"", "must not contain registry"),
        ("\"a:1\" = \"quay.io/a\"", "must not contain tag"),
    ] {
        let e = parse_err(&format!("[aliases]\n{bad}\n"));
        assert!(e.contains(want), "{bad}: {e}");
    }
}

#[test]
fn drop_ins_override_what_they_set() {
    let mut c = parse(FEDORA_LIKE);
    c.merge(
        Registries::parse(
            r#"
unqualified-search-registries = ["quay.io"]
[[registry]]
location = "registry.com"
blocked = true
[aliases]
"fedora" = "quay.io/fedora/fedora"
"#,
            Path::new("/etc/containers/registries.conf.d/50-local.conf"),
            true,
        )
        .unwrap(),
    );
    assert_eq!(c.search.as_deref().unwrap(), ["quay.io"]);
    assert_eq!(
        c.search_origin.as_deref(),
        Some(Path::new("/etc/containers/registries.conf.d/50-local.conf"))
    );
    // Replaced whole: the drop-in's table has no mirror.
    let reg = c.find("registry.com/x").unwrap();
    assert!(reg.blocked && reg.mirrors.is_empty());
    // Others stay, and the mode the drop-in did not set.
    assert!(c.find("example.com/foo/x").is_some());
    assert_eq!(c.short_name_mode.as_deref(), Some("enforcing"));
    assert_eq!(c.alias("fedora").unwrap().0, "quay.io/fedora/fedora");
    let prefixes: Vec<&str> = c.registries.iter().map(|r| r.prefix.as_str()).collect();
    let mut sorted = prefixes.clone();
    sorted.sort();
    assert_eq!(prefixes, sorted);
    // An empty value erases an alias of an earlier file.
    c.merge(
        Registries::parse(
            "[aliases]\n\"fedora\" = \"\"\n",
            Path::new("/d/2.conf"),
            true,
        )
        .unwrap(),
    );
    assert!(c.alias("fedora").is_none());
}

#[test]
fn version_1_files_are_converted_but_not_in_drop_ins() {
    let v1 = r#"
[registries.search]
registries = ['registry1.com', 'registry2.com']
[registries.insecure]
registries = ['registry3.com']
[registries.block]
registries = ['registry.untrusted.com']
"#;
    let c = parse(v1);
    assert_eq!(
        c.search.as_deref().unwrap(),
        ["registry1.com", "registry2.com"]
    );
    assert!(c.find("registry3.com/x").unwrap().endpoint.insecure);
    assert!(c.find("registry.untrusted.com/x").unwrap().blocked);
    let e = Registries::parse(v1, Path::new("/d/x.conf"), true).unwrap_err();
    assert!(e.to_string().contains("must be in v2 format"), "{e}");
    let mixed = format!("unqualified-search-registries = [\"a.io\"]\n{v1}");
    assert!(parse_err(&mixed).contains("mixing sysregistry v1/v2"));
}

#[test]
fn invalid_files_say_what_containers_image_says() {
    for (text, want) in [
        (
            "[[registry]]\nlocation = \"https://x.io\"\n",
            "URI schemes are not supported",
        ),
        (
            "[[registry]]\ninsecure = true\n",
            "both location and prefix are unset",
        ),
        (
            "[[registry]]\nprefix = \"x.io/a\"\n",
            "location is unset and prefix is not in the format",
        ),
        (
            "[[registry]]\nlocation = \"x.io\"\n[[registry.mirror]]\ninsecure = true\n",
            "mirror location is unset",
        ),
        (
            "[[registry]]\nprefix = \"a.io\"\nlocation = \"x.io\"\ninsecure = true\n\
             [[registry]]\nprefix = \"b.io\"\nlocation = \"x.io\"\n",
            "registry 'x.io' is defined multiple times with conflicting 'insecure' setting",
        ),
        (
            "[[registry]]\nprefix = \"*.x.io/a\"\n",
            "Wildcarded prefix should be in the format",
        ),
        (
            "short-name-mode = \"sometimes\"\n",
            "invalid short-name mode",
        ),
        (
            "unqualified-search-registries = [\"a.io/ns\"]\n",
            "Invalid unqualified-search-registries entry",
        ),
        (
            "[[registry]]\nlocation = \"x.io\"\n[[registry.mirror]]\nlocation = \"m\"\n\
             pull-from-mirror = \"never\"\n",
            "unsupported pull-from-mirror value",
        ),
        (
            "[aliases]\n\"a\" = \"x.io/a\"\n\"a\" = \"y.io/a\"\n",
            "duplicate key",
        ),
    ] {
        let e = parse_err(text);
        assert!(e.contains(want), "{text}: {e}");
        assert!(!e.contains('\n'), "{e}");
        assert!(e.starts_with("config file /r.conf: "), "{e}");
    }
}

#[test]
fn load_reads_the_main_file_then_the_drop_ins_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let user_d = home.join(".config/containers/registries.conf.d");
    std::fs::create_dir_all(&user_d).unwrap();
    let main = dir.path().join("registries.conf");
    std::fs::write(
        &main,
        "unqualified-search-registries = [\"a.io\"]\n[aliases]\n\"x\" = \"a.io/x\"\n",
    )
    .unwrap();
    std::fs::write(
        user_d.join("20-b.conf"),
        "unqualified-search-registries = [\"b.io\"]\n",
    )
    .unwrap();
    std::fs::write(
        user_d.join("10-c.conf"),
        "unqualified-search-registries = [\"c.io\"]\n",
    )
    .unwrap();
    std::fs::write(user_d.join("ignored.txt"), "not toml [").unwrap();
    let cache = dir.path().join("short-name-aliases.conf");
    std::fs::write(&cache, "[aliases]\n\"x\" = \"cache.io/x\"\n").unwrap();
    let c = Registries::load(Some(&main), Some(&home), Some(&cache)).unwrap();
    assert_eq!(c.search.as_deref().unwrap(), ["b.io"]);
    assert_eq!(c.alias("x").unwrap().0, "cache.io/x");
    assert_eq!(c.config_path, main);
    assert_eq!(c.config_dir_path, user_d);
    assert_eq!(c.files.first(), Some(&main));
    assert_eq!(c.files.last(), Some(&cache));
    let pos = |n: &str| c.files.iter().position(|f| f.ends_with(n)).unwrap();
    assert!(pos("10-c.conf") < pos("20-b.conf"));
    // $CONTAINERS_REGISTRIES_CONF must exist.
    let missing = dir.path().join("missing.conf");
    assert!(Registries::load(Some(&missing), Some(&home), None).is_err());
    // The user's own registries.conf, when it exists, is read instead of /etc's.
    let user_main = home.join(".config/containers/registries.conf");
    std::fs::write(&user_main, "unqualified-search-registries = [\"u.io\"]\n").unwrap();
    std::fs::remove_file(user_d.join("20-b.conf")).unwrap();
    std::fs::remove_file(user_d.join("10-c.conf")).unwrap();
    let c = Registries::load(None, Some(&home), None).unwrap();
    assert_eq!(c.files, std::slice::from_ref(&user_main));
    assert_eq!(c.search.as_deref().unwrap(), ["u.io"]);
    assert_eq!(
        c.blocked_message("x.io"),
        format!(
            "registry x.io is blocked in {} or {}",
            user_main.display(),
            user_d.display()
        )
    );
}
