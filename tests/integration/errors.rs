//! Errors: one line, the input quoted, exit code 125, never a panic (every `Ctl::run`
//! checks stderr for "panicked", "RUST_BACKTRACE" and ctl's "internal error").

use std::time::{Duration, Instant};

use crate::common::fixtures::text_layer;
use crate::common::{free_port, Ctl, Image, Registry};

#[test]
fn invalid_references_quote_the_input() {
    let ctl = Ctl::new();
    let digest_short = "busybox@sha256:1234";
    for bad in [
        "Busybox",
        "a//b",
        "busybox:",
        "busybox:-x",
        digest_short,
        "busybox@md5:00",
        "127.0.0.1:5000/UPPER:1",
        "127.0.0.1:99999999/x",
        "a b",
        ":tag",
    ] {
        for verb in [&["pull", "-q"][..], &["image", "inspect"][..], &["rmi"][..]] {
            let mut args = verb.to_vec();
            args.push(bad);
            let out = ctl.run(&args);
            let line = out.error_line();
            // A name no stored image has, in podman's words (rmi's code for it is 1); any
            // other refusal quotes the input.
            let unknown = format!("Error: {bad}: image not known");
            if line == unknown && verb[0] != "pull" {
                out.failure(if verb[0] == "rmi" { 1 } else { 125 });
                continue;
            }
            out.failure(125);
            assert!(
                line.contains(&format!("\"{bad}\"")),
                "{verb:?} {bad:?}: {line}"
            );
        }
    }
    assert!(ctl.images().is_empty());
}

#[test]
fn unknown_images_are_named_in_the_error() {
    let ctl = Ctl::new();
    // podman's codes: rmi of a missing image is 1, the rest 125.
    for (args, code) in [
        (&["rmi", "nosuchimage"][..], 1),
        (&["image", "rm", "nosuchimage:1"][..], 1),
        (&["image", "inspect", "nosuchimage"][..], 125),
        (&["inspect", "nosuchimage"][..], 125),
        (&["tag", "nosuchimage", "newname:1"][..], 125),
    ] {
        let out = ctl.run(args);
        out.failure(code);
        let line = out.error_line();
        let name = args[args.len() - 1 - usize::from(args[0] == "tag")];
        assert!(line.contains(name), "{args:?}: {line}");
    }
    // One report per image.
    let out = ctl.run(&["rmi", "first-missing", "second-missing"]);
    out.failure(1)
        .stderr_has("first-missing")
        .stderr_has("second-missing");
}

#[test]
fn bad_platform_values_are_refused_before_any_download() {
    let ctl = Ctl::new();
    let unreachable = format!("127.0.0.1:{}/x:1", free_port());
    for p in [
        "linux",
        "linux//arm64",
        "linux/arm64/v8/extra",
        "/amd64",
        "",
    ] {
        let out = ctl.run(&["pull", "-q", "--platform", p, &unreachable]);
        out.failure(125);
        let line = out.one_line_error();
        assert!(line.contains("platform"), "--platform {p:?}: {line}");
        assert!(
            line.contains(&format!("\"{p}\"")),
            "--platform {p:?}: {line}"
        );
    }
}

#[test]
fn unreachable_registry_is_a_quick_clear_error() {
    let ctl = Ctl::new();
    let r = format!("127.0.0.1:{}/nothing/here:1", free_port());
    let start = Instant::now();
    let out = ctl.run(&["pull", "-q", &r]);
    out.failure(125);
    assert!(out.one_line_error().contains(&r), "{out}");
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn unknown_repository_or_tag() {
    let reg = Registry::start();
    reg.push("known/app:1", &Image::base());
    let ctl = Ctl::new();
    for r in ["known/app:2", "unknown/app:1"] {
        let r = reg.reference(r);
        let out = ctl.run(&["pull", "-q", &r]);
        out.failure(125);
        let line = out.one_line_error();
        assert!(line.contains(&r), "{line}");
        assert!(line.contains("manifest unknown"), "{line}");
    }
    assert!(ctl.images().is_empty());
    assert!(ctl.layer_dirs().is_empty());
}

#[test]
fn config_listing_fewer_layers_than_the_manifest_is_refused() {
    let reg = Registry::start();
    let mut img = Image::base().with_layer(text_layer("etc/x", "x\n"));
    img.diff_ids_override = Some(vec![img.layers[0].diff_id()]);
    reg.push("hostile/count:1", &img);
    let ctl = Ctl::new();
    let out = ctl.run(&["pull", "-q", &reg.reference("hostile/count:1")]);
    out.failure(125);
    let line = out.one_line_error();
    assert!(
        line.contains("diff-id") || line.contains("layers"),
        "{line}"
    );
    assert!(
        ctl.layer_dirs().is_empty(),
        "nothing downloaded: {:?}",
        ctl.layer_dirs()
    );
    assert!(ctl.images().is_empty());
}

#[test]
fn usage_errors_do_not_panic() {
    let ctl = Ctl::new();
    for args in [
        &["pull"][..],
        &["images", "--format", "{{.Nope"][..],
        &["tag", "only-source"][..],
        &["login"][..],
        &["no-such-command"][..],
        &["rmi"][..],
    ] {
        let out = ctl.run(args);
        assert!(
            matches!(out.code, Some(c) if c != 0),
            "{args:?} must fail:\n{out}"
        );
        assert!(!out.stderr.is_empty(), "{args:?} says why:\n{out}");
    }
    // Listing an empty store is not an error.
    let out = ctl.ok(&["images"]);
    assert_eq!(out.lines().len(), 1, "header only:\n{out}");
    assert_eq!(ctl.ok(&["images", "-q"]).stdout, "");
    assert_eq!(
        ctl.ok(&["images", "--format", "json"]).json(),
        serde_json::json!([])
    );
}

#[test]
fn exec_reports_a_runtime_error_once() {
    let w = crate::common::WithImage::busybox();
    w.ctl
        .ok(&["run", "-d", "--name", "box", &w.reference, "sleep", "1000"]);
    for (cmd, code) in [("nope", 127), ("/etc/passwd", 126)] {
        let out = w.ctl.run(&["exec", "box", cmd]);
        out.failure(code);
        let line = out.one_line_error();
        assert!(line.contains(cmd), "{out}");
    }
    // The process's own stderr still comes through.
    let out = w
        .ctl
        .run(&["exec", "box", "sh", "-c", "echo out; echo err >&2; exit 3"]);
    out.failure(3);
    assert_eq!(
        (out.stdout.as_str(), out.stderr.as_str()),
        ("out\n", "err\n")
    );
    w.ctl.ok(&["rm", "-f", "box"]);
}

#[test]
fn unknown_flags_are_named_as_flags_not_images() {
    let ctl = Ctl::new();
    // podman's words, and the command whose help says more.
    for (args, path) in [
        (&["run", "--bogus-flag", "bb"][..], "run"),
        (&["create", "--bogus-flag", "bb"][..], "create"),
        (
            &["container", "run", "--rm", "--bogus-flag=1", "bb", "sh"][..],
            "container run",
        ),
        (&["ps", "--bogus-flag"][..], "ps"),
        (&["exec", "--bogus-flag", "box", "sh"][..], "exec"),
    ] {
        let out = ctl.run(args);
        out.failure(125);
        assert_eq!(
            out.stderr,
            format!("Error: unknown flag: --bogus-flag\nSee 'ctl {path} --help'\n"),
            "{out}"
        );
    }
    let out = ctl.run(&["run", "-Z", "bb"]);
    out.failure(125);
    assert_eq!(
        out.stderr,
        "Error: unknown shorthand flag: 'Z' in -Z\nSee 'ctl run --help'\n"
    );
    let out = ctl.run(&["no-such-command"]);
    out.failure(125);
    assert_eq!(
        out.stderr,
        "Error: unrecognized command `ctl no-such-command`\nTry 'ctl --help' for more information\n"
    );
    // Every other usage error is one line too.
    for args in [
        &["run"][..],
        &["images", "--format", "{{.Nope"],
        &["tag", "x"],
    ] {
        ctl.run(args).failure(125).one_line_error();
    }
}

/// pflag's words for a value an option cannot take, then cobra's hint, as podman prints them.
#[test]
fn a_value_outside_a_closed_set_is_a_usage_error_in_pflag_s_words() {
    let ctl = Ctl::new();
    for (args, want) in [
        (
            &["run", "--pull", "sometimes", "bb"][..],
            "Error: invalid argument \"sometimes\" for \"--pull\" flag: \"sometimes\" is not a \
             valid value.  Choose from: \"missing, always, never, newer\"\nSee 'ctl run --help'",
        ),
        (
            &["create", "--log-driver", "syslog", "bb"],
            "Error: invalid argument \"syslog\" for \"--log-driver\" flag: \"syslog\" is not a \
             valid value.  Choose from: \"k8s-file, none, journald, passthrough\"\n\
             See 'ctl create --help'",
        ),
        (
            &["container", "run", "--sdnotify=socket", "bb"],
            "Error: invalid argument \"socket\" for \"--sdnotify\" flag: \"socket\" is not a \
             valid value.  Choose from: \"container, conmon, ignore\"\n\
             See 'ctl container run --help'",
        ),
        (
            &["inspect", "--type", "pod", "x"],
            "Error: invalid argument \"pod\" for \"-t, --type\" flag: \"pod\" is not a \
             valid value.  Choose from: \"all, container, image, volume\"\nSee 'ctl inspect --help'",
        ),
        (
            &["ps", "--last", "x"],
            "Error: invalid argument \"x\" for \"-n, --last\" flag: invalid digit found in \
             string\nSee 'ctl ps --help'",
        ),
        (
            &["run", "--rm=maybe", "bb"],
            "Error: invalid argument \"maybe\" for \"--rm\" flag: strconv.ParseBool: parsing \
             \"maybe\": invalid syntax\nSee 'ctl run --help'",
        ),
        (
            &["completion", "tcsh"],
            "Error: invalid value 'tcsh' for '<SHELL>' [possible values: bash, zsh, fish]\n\
             See 'ctl completion --help'",
        ),
    ] {
        let out = ctl.run(args);
        out.failure(125);
        assert_eq!(out.stderr.trim_end(), want, "{args:?}");
    }
    assert_eq!(ctl.ok(&["ps", "-a", "-q"]).stdout, "");
}

/// pflag's booleans take a value: `--rm=false` is no `--rm`.
#[test]
fn a_boolean_option_takes_true_or_false_after_an_equals_sign() {
    let w = crate::common::WithImage::busybox();
    let ctl = &w.ctl;
    ctl.ok(&[
        "run",
        "--rm=false",
        "-d=false",
        "--name",
        "kept",
        "--network=none",
        &w.reference,
        "true",
    ]);
    assert_eq!(
        ctl.ok(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"])
            .stdout
            .split(' ')
            .next(),
        Some("kept"),
        "--rm=false keeps the container"
    );
    ctl.ok(&["rm", "--force=true", "kept"]);
    assert_eq!(ctl.ok(&["ps", "-a", "-q"]).stdout, "");
}

#[test]
fn a_registry_port_out_of_range_is_refused_when_parsed() {
    let ctl = Ctl::new();
    for r in ["127.0.0.1:99999/x", "127.0.0.1:65536/x:1"] {
        let out = ctl.run(&["pull", "-q", r]);
        out.failure(125);
        let line = out.one_line_error();
        assert!(line.contains(&format!("\"{r}\"")), "{line}");
        assert!(line.contains("port out of range"), "{line}");
    }
}

#[test]
fn a_config_file_syntax_error_is_one_line() {
    let ctl = Ctl::new();
    ctl.write_config("root = \"/x\"\ninsecure-registries = [\n");
    let out = ctl.run(&["--config", ctl.config_file.to_str().unwrap(), "images"]);
    out.failure(125);
    let line = out.one_line_error();
    assert!(
        line.contains("ctl.toml") && line.contains("line "),
        "{line}"
    );
}

#[test]
fn what_the_runtime_would_refuse_is_refused_before_the_container_is_made() {
    let w = crate::common::WithImage::busybox();
    let env_file = w.ctl.dir().join("big.env");
    std::fs::write(&env_file, format!("BIG={}\n", "a".repeat(3 << 20))).unwrap();
    let long_name = "h".repeat(100);
    let env_file = env_file.to_str().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (&["--memory", "1"], "minimum memory limit allowed is 6MB"),
        (
            &["--memory-reservation", "1k"],
            "minimum memory reservation allowed is 6MB",
        ),
        (
            &["-v", "/nonexistent-ctl:/x"],
            "Error: statfs /nonexistent-ctl: no such file or directory",
        ),
        (
            &["--mount", "type=bind,src=/nonexistent-ctl,dst=/x"],
            "Error: statfs /nonexistent-ctl: no such file or directory",
        ),
        (&["--hostname", &long_name], "a host name has at most 64"),
        (
            &["--env-file", env_file],
            "invalid environment variable \"BIG\"",
        ),
    ];
    for verb in ["run", "create"] {
        for (flags, want) in cases {
            let mut args = vec![verb, "--network", "none"];
            args.extend_from_slice(flags);
            args.extend([w.reference.as_str(), "true"]);
            let out = w.ctl.run(&args);
            out.failure(125);
            let line = out.one_line_error();
            assert!(line.contains(want), "{verb} {flags:?}: {line}");
            assert!(line.len() < 300, "{line}");
            assert_eq!(w.ctl.ok(&["ps", "-a", "-q"]).stdout, "", "{verb} {flags:?}");
        }
    }
    // At the limits, they run.
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--memory",
        "6m",
        "--hostname",
        &"h".repeat(64),
        &w.reference,
        "hostname",
    ]);
    assert_eq!(out.stdout.trim(), "h".repeat(64));
}
