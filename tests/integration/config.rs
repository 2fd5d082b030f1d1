//! The configuration podman users already have, read by the real binary: registries.conf
//! (mirrors, blocked registries, short-name aliases) through CONTAINERS_REGISTRIES_CONF, and
//! containers.conf's container defaults through CONTAINERS_CONF, under ctl.toml. Nothing
//! here reads or writes /etc/containers: the harness points both variables into the
//! test's temp dir.

use crate::common::fixtures::text_layer;
use crate::common::{Ctl, Image, Out, Registry, WithImage};

/// An image whose /which says `who`, so a test can tell where it came from.
fn marked(who: &str) -> Image {
    Image::base().with_layer(text_layer("which", &format!("{who}\n")))
}

fn manifest_gets(reg: &Registry, repo: &str) -> usize {
    reg.log_barrier();
    let needle = format!("\"GET /v2/{repo}/manifests/");
    reg.log().matches(&needle).count()
}

#[test]
fn a_mirror_that_has_the_image_is_used_before_the_location() {
    let (primary, mirror, empty) = (Registry::start(), Registry::start(), Registry::start());
    primary.push("team/app:1", &marked("primary"));
    let from_mirror = marked("mirror");
    mirror.push("mirrored/team/app:1", &from_mirror);
    let ctl = Ctl::new();
    std::fs::write(
        &ctl.registries_conf,
        format!(
            "[[registry]]\nlocation = \"{p}\"\n\n\
             [[registry.mirror]]\nlocation = \"{e}/nothing-here\"\n\n\
             [[registry.mirror]]\nlocation = \"{m}/mirrored\"\n",
            p = primary.addr,
            e = empty.addr,
            m = mirror.addr
        ),
    )
    .unwrap();
    let name = primary.reference("team/app:1");
    // The first mirror lacks it, the second has it: the location is never asked.
    assert_eq!(ctl.pull(&name), from_mirror.id());
    assert_eq!(manifest_gets(&primary, "team/app"), 0);
    assert!(manifest_gets(&empty, "nothing-here/team/app") >= 1);
    assert!(manifest_gets(&mirror, "mirrored/team/app") >= 1);
    // Recorded under the name asked for, not the mirror's.
    let img = ctl.inspect(&name);
    assert_eq!(img["Id"], from_mirror.id(), "{img}");
    assert!(
        img["RepoTags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == name.as_str()),
        "{img}"
    );

    // A tag no mirror has comes from the location.
    let only_primary = marked("only-primary");
    primary.push("team/app:2", &only_primary);
    assert_eq!(
        ctl.pull(&primary.reference("team/app:2")),
        only_primary.id()
    );

    // When every source fails, each is named, the location last.
    let out = ctl.run(&["pull", &primary.reference("team/app:nope")]);
    out.failure(125);
    let line = out.error_line();
    assert!(line.contains("(Mirrors also failed: ["), "{line}");
    assert!(
        line.contains(&format!("{}/nothing-here/team/app:nope", empty.addr)),
        "{line}"
    );
    assert!(
        line.contains(&format!("): {}/team/app:nope: ", primary.addr)),
        "{line}"
    );
}

#[test]
fn a_blocked_registry_is_refused_with_podmans_message() {
    let reg = Registry::start();
    reg.push("team/app:1", &Image::base());
    let ctl = Ctl::new();
    std::fs::write(
        &ctl.registries_conf,
        format!(
            "[[registry]]\nlocation = \"{}\"\nblocked = true\n",
            reg.addr
        ),
    )
    .unwrap();
    let name = reg.reference("team/app:1");
    let out = ctl.run(&["pull", &name]);
    out.failure(125);
    let dir = ctl.home.join(".config/containers/registries.conf.d");
    assert!(
        out.error_line().ends_with(&format!(
            "initializing source docker://{name}: registry {} is blocked in {} or {}",
            reg.addr,
            ctl.registries_conf.display(),
            dir.display()
        )),
        "{out}"
    );
    assert_eq!(
        manifest_gets(&reg, "team/app"),
        0,
        "nothing was asked of it"
    );
    // run pulls the same way.
    ctl.run(&["run", "--rm", &name, "true"])
        .failure(125)
        .stderr_has("is blocked in");
    // A blocked namespace leaves the rest of the registry open.
    std::fs::write(
        &ctl.registries_conf,
        format!(
            "[[registry]]\nprefix = \"{a}/other\"\nlocation = \"{a}/other\"\nblocked = true\n",
            a = reg.addr
        ),
    )
    .unwrap();
    assert_eq!(ctl.pull(&name), Image::base().id());
}

#[test]
fn an_alias_resolves_a_short_name() {
    let reg = Registry::start();
    let image = Image::base();
    reg.push("team/tool:1", &image);
    reg.push("team/tool:latest", &image);
    let ctl = Ctl::new();
    std::fs::write(
        &ctl.registries_conf,
        format!(
            "unqualified-search-registries = [\"registry.invalid\"]\n\n\
             [aliases]\n\"mytool\" = \"{}/team/tool\"\n",
            reg.addr
        ),
    )
    .unwrap();
    let out = ctl.ok(&["pull", "mytool:1"]);
    out.stderr_has(&format!(
        "Resolved \"mytool\" as an alias ({})",
        ctl.registries_conf.display()
    ));
    out.stderr_has(&format!("Trying to pull {}/team/tool:1...", reg.addr));
    assert_eq!(out.stdout.trim(), image.id());
    // run pulls through the alias too, and finds the pulled image by the short name.
    let out = ctl.ok(&["run", "--rm", "mytool", "true"]);
    assert!(out.stderr.contains("as an alias"), "{out}");
    assert_eq!(
        ctl.inspect(&reg.reference("team/tool:latest"))["Id"],
        image.id()
    );
    // Found in the store by its alias the next time: nothing is pulled.
    let out = ctl.ok(&["run", "--rm", "mytool", "true"]);
    assert!(!out.stderr.contains("Trying to pull"), "{out}");
    let inspected = ctl.ok(&["image", "inspect", "mytool"]).json();
    assert_eq!(inspected[0]["Id"], image.id(), "{inspected}");
    // Without the alias the search registries are used.
    std::fs::write(
        &ctl.registries_conf,
        format!("unqualified-search-registries = [\"{}\"]\n", reg.addr),
    )
    .unwrap();
    assert_eq!(ctl.pull("team/tool:1"), image.id());
}

#[test]
fn ctl_toml_search_registries_come_before_registries_conf() {
    let reg = Registry::start();
    reg.push("team/tool:1", &Image::base());
    let ctl = Ctl::new();
    std::fs::write(
        &ctl.registries_conf,
        "unqualified-search-registries = [\"registry.invalid\"]\n",
    )
    .unwrap();
    ctl.write_config(&format!(
        "unqualified-search-registries = [\"{}\"]\n",
        reg.addr
    ));
    assert_eq!(ctl.pull("team/tool:1"), Image::base().id());
    // An empty list in registries.conf (and none in ctl.toml) is podman's error.
    std::fs::write(&ctl.config_file, "").unwrap();
    std::fs::write(&ctl.registries_conf, "unqualified-search-registries = []\n").unwrap();
    let out = ctl.run(&["pull", "nosuchalias-tool"]);
    out.failure(125);
    assert!(
        out.error_line().contains(&format!(
            "short-name \"nosuchalias-tool\" did not resolve to an alias and no \
             unqualified-search registries are defined in \"{}\"",
            ctl.registries_conf.display()
        )),
        "{out}"
    );
}

fn sh(w: &WithImage, script: &str) -> Out {
    w.ctl.ok(&["run", "--rm", &w.reference, "sh", "-c", script])
}

const PROBE: &str = "echo env=$FROM_CONF/$BOTH; \
    cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max; \
    ulimit -n";

#[test]
fn containers_conf_defaults_show_up_inside_the_container() {
    let w = WithImage::pulled(Image::busybox(), "fixtures/busybox:latest");
    std::fs::write(
        &w.ctl.containers_conf,
        "[containers]\n\
         env = [\"FROM_CONF=yes\", \"BOTH=conf\"]\n\
         pids_limit = 123\n\
         default_ulimits = [\"nofile=512:1024\"]\n",
    )
    .unwrap();
    let lines = sh(&w, PROBE).stdout;
    assert_eq!(lines, "env=yes/conf\n123\n512\n", "{lines}");
    // The flags win.
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "-e",
        "BOTH=flag",
        "--pids-limit",
        "50",
        "--ulimit",
        "nofile=256:1024",
        &w.reference,
        "sh",
        "-c",
        PROBE,
    ]);
    assert_eq!(out.stdout, "env=yes/flag\n50\n256\n", "{out}");
    // And ctl info says which file gave them.
    let info = w.ctl.ok(&["info", "--format", "json"]).json();
    assert_eq!(
        info["host"]["configFiles"]["containersConf"][0],
        w.ctl.containers_conf.display().to_string(),
        "{info}"
    );
    assert_eq!(
        info["host"]["configFiles"]["registriesConf"][0],
        w.ctl.registries_conf.display().to_string(),
        "{info}"
    );
}

#[test]
fn ctl_toml_overrides_containers_conf() {
    let w = WithImage::pulled(Image::busybox(), "fixtures/busybox:latest");
    std::fs::write(
        &w.ctl.containers_conf,
        "[containers]\n\
         env = [\"FROM_CONF=yes\", \"BOTH=conf\"]\n\
         pids_limit = 123\n\
         [engine]\n\
         runtime = \"/nonexistent/runtime\"\n",
    )
    .unwrap();
    w.ctl.write_config(
        "runtime = \"runc\"\n\n\
         [containers]\n\
         pids_limit = 77\n\
         env = [\"BOTH=ctl\"]\n",
    );
    let lines = sh(&w, PROBE).stdout;
    let mut lines = lines.lines();
    assert_eq!(lines.next(), Some("env=/ctl"));
    assert_eq!(lines.next(), Some("77"));
    let info = w.ctl.ok(&["info", "--format", "{{.Host.OCIRuntime.Name}}"]);
    assert_eq!(info.stdout.trim(), "runc");
    // Without ctl.toml's runtime, containers.conf's is the one used (and refused here).
    w.ctl.write_config("");
    let info = w.ctl.ok(&["info", "--format", "{{.Host.OCIRuntime.Name}}"]);
    assert_eq!(info.stdout.trim(), "/nonexistent/runtime");
    // A bad containers.conf is an error naming the file.
    std::fs::write(&w.ctl.containers_conf, "[containers]\npids_limit = \"x\"\n").unwrap();
    let out = w.ctl.run(&["ps"]);
    out.failure(125);
    assert!(
        out.one_line_error().contains(&format!(
            "config file {}: pids_limit: not an integer",
            w.ctl.containers_conf.display()
        )),
        "{out}"
    );
}
