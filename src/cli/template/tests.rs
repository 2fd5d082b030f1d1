//! The engine against podman's documented `--format` examples (podman-ps, podman-images,
//! podman-inspect, podman-image-inspect, podman-container-inspect, podman-network-ls,
//! podman-network-inspect, podman-info, podman-version), and Go's template semantics.
//! Where a page's sample output predates podman's code (ps `.Labels` and `.Mounts` print as
//! Go prints a map and a list, the tables' padding is 2), the expected text is what podman
//! 5's code prints.

use serde_json::json;

use super::*;

fn list(rows: Vec<Value>) -> Value {
    Value::list(rows)
}

fn user(format: &str, data: &Value) -> String {
    let f = Format::parse("t", Origin::User, format).unwrap_or_else(|e| panic!("{format}: {e}"));
    let (out, err) = f.render(data, &|n| header_name(n, &[("ID", "IMAGE ID")]));
    if let Some(e) = err {
        panic!("{format}: {e}");
    }
    out
}

fn single(format: &str, data: &Value) -> String {
    let f = Format::parse("info", Origin::Single, format).unwrap();
    let (out, err) = f.render(data, &|n| n.to_uppercase());
    assert!(err.is_none(), "{format}: {err:?}");
    out
}

fn ps_row(id: &str, image: &str, labels: serde_json::Value, mounts: &[&str]) -> Value {
    let mut s = Struct::from_json(
        &json!({"Id": id, "Image": image, "Labels": labels, "Mounts": mounts,
                "Names": [format!("{id}-name")], "Pod": "", "PodName": ""}),
        &Shape {
            type_name: "psReporter",
            maps: &["Labels"],
        },
    );
    let labels = s.field("Labels").cloned().unwrap_or(Value::Nil);
    s.method("ID", &id[..12]);
    s.method_fn("Label", 1, move |a| {
        let Value::Map(m) = &labels else {
            return Ok(Value::from(""));
        };
        let key = a[0].to_text();
        Ok(m.get(&key).cloned().unwrap_or_else(|| Value::from("")))
    });
    Value::Struct(std::rc::Rc::new(s))
}

#[test]
fn podman_ps_custom_format() {
    // podman-ps(1): podman ps -a --format "{{.ID}}  {{.Image}}  {{.Labels}}  {{.Mounts}}"
    let rows = list(vec![
        ps_row(
            "02f65160e14cab",
            "redis:alpine",
            json!({"tier": "backend"}),
            &["/var/run/"],
        ),
        ps_row(
            "69ed779d8ef9fa",
            "redis:alpine",
            json!({"batch": "no", "type": "small"}),
            &["/var/run/", "/tmp"],
        ),
    ]);
    assert_eq!(
        user("{{.ID}}  {{.Image}}  {{.Labels}}  {{.Mounts}}", &rows),
        "02f65160e14c  redis:alpine  map[tier:backend]  [/var/run/]\n\
         69ed779d8ef9  redis:alpine  map[batch:no type:small]  [/var/run/ /tmp]\n"
    );
    // .Label "key": one label, empty when missing; .Labels.key: <no value> when missing.
    assert_eq!(
        user(
            "{{.Label \"tier\"}}|{{.Labels.tier}}|{{index .Labels \"tier\"}}",
            &rows
        ),
        "backend|backend|backend\n|<no value>|\n"
    );
    // podman-ps(1): podman ps --format "{{.Names}} is in pod {{.PodName}} ({{.Pod}})"
    let standalone = json!([{"Names": "standalone-container", "PodName": "", "Pod": ""}]);
    assert_eq!(
        user(
            "{{.Names}} is in pod {{.PodName}} ({{.Pod}})",
            &Value::from_json(&standalone, &Shape::default())
        ),
        "standalone-container is in pod  ()\n"
    );
}

#[test]
fn podman_images_table() {
    // podman-images(1): podman images --format "table {{.ID}} {{.Repository}} {{.Tag}}"
    let rows = Value::from_json(
        &json!([
            {"ID": "e3d42bcaf643", "Repository": "docker.io/kubernetes/pause", "Tag": "latest"},
            {"ID": "ebb91b73692b", "Repository": "<none>", "Tag": "<none>"},
            {"ID": "4526339ae51c", "Repository": "docker.io/library/ubuntu", "Tag": "latest"},
        ]),
        &Shape::default(),
    );
    assert_eq!(
        user("table {{.ID}} {{.Repository}} {{.Tag}}", &rows),
        "IMAGE ID      REPOSITORY                  TAG\n\
         e3d42bcaf643  docker.io/kubernetes/pause  latest\n\
         ebb91b73692b  <none>                      <none>\n\
         4526339ae51c  docker.io/library/ubuntu    latest\n"
    );
    // \t typed on the command line is a column break too.
    assert_eq!(
        user("table {{.Tag}}\\t{{.ID}}", &rows).lines().next(),
        Some("TAG         IMAGE ID")
    );
    // Functions see the header's name in the header row.
    assert_eq!(
        user("table {{.Tag | lower}}", &rows).lines().next(),
        Some("tag")
    );
}

#[test]
fn podman_inspect_examples() {
    let shape = Shape {
        type_name: "*define.InspectContainerData",
        maps: &["Config.Labels"],
    };
    let c = Value::from_json(
        &json!([{
            "Id": "99f66530fe9c7249f7cf29f78e8661669d5831cbe4ee80ea757d5e922dd6a8a6",
            "ImageName": "registry.access.redhat.com/ubi8:latest",
            "GraphDriver": {"Name": "overlay", "Data": {"UpperDir": "/u"}},
            "EffectiveCaps": ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER"],
            "Config": {"Labels": {"a": "1"}},
            "State": {"Status": "exited", "Health": null},
            "Size": 4405240,
        }]),
        &shape,
    );
    // podman-container-inspect(1) and podman-inspect(1)
    assert_eq!(
        user("{{.ImageName}}", &c),
        "registry.access.redhat.com/ubi8:latest\n"
    );
    assert_eq!(user("{{.GraphDriver.Name}}", &c), "overlay\n");
    assert_eq!(
        user("{{.EffectiveCaps}}", &c),
        "[CAP_CHOWN CAP_DAC_OVERRIDE CAP_FOWNER]\n"
    );
    // podman-image-inspect(1): '{{ .Id }}', and Go's field name .ID
    let id = "99f66530fe9c7249f7cf29f78e8661669d5831cbe4ee80ea757d5e922dd6a8a6\n";
    assert_eq!(user("{{ .Id }}", &c), id);
    assert_eq!(user("{{.ID}}", &c), id);
    // podman-inspect(1): --format "size: {{.Size}}"
    assert_eq!(user("size: {{.Size}}", &c), "size: 4405240\n");
    assert_eq!(
        user("{{.Config.Labels.a}} {{.Config.Labels.b}}", &c),
        "1 <no value>\n"
    );
    // {{json .}} is a template, one object per line.
    assert!(user("{{json .}}", &c).starts_with("{\"Config\":{\"Labels\":{\"a\":\"1\"}}"));
}

#[test]
fn podman_network_examples() {
    let nets = Value::from_json(
        &json!([
            {"name": "podman", "subnets": [{"subnet": "10.88.0.0/16", "gateway": "10.88.0.1"}]},
            {"name": "podman3", "subnets": [{"subnet": "10.89.30.0/24"}, {"subnet": "fde4:f86f:4aab:e68f::/64"}]},
            {"name": "macvlan", "subnets": []},
        ]),
        &Shape::default(),
    );
    // podman-network-ls(1)
    assert_eq!(
        user("{{.Name}}: {{range .Subnets}}{{.Subnet}} {{end}}", &nets),
        "podman: 10.88.0.0/16 \npodman3: 10.89.30.0/24 fde4:f86f:4aab:e68f::/64 \nmacvlan: \n"
    );
    // podman-network-inspect(1)
    let one = list(vec![match &nets {
        Value::List(l) => l[0].clone(),
        _ => unreachable!(),
    }]);
    assert_eq!(
        user(
            "{{range .Subnets}}Subnet: {{.Subnet}} Gateway: {{.Gateway}}{{end}}",
            &one
        ),
        "Subnet: 10.88.0.0/16 Gateway: 10.88.0.1\n"
    );
    // podman-inspect(1) writes the JSON name: --format "{{.name}}"
    assert_eq!(user("{{.name}}", &one), "podman\n");
}

#[test]
fn podman_info_and_version_examples() {
    let info = Value::from_json(
        &json!({
            "host": {"ociRuntime": {"name": "crun"}, "idMappings": {"uidmap": []}},
            "registries": {"search": ["registry.fedoraproject.org", "registry.access.redhat.com", "docker.io", "quay.io"]},
            "version": {"Version": "5.8.2"},
        }),
        &Shape {
            type_name: "define.Info",
            maps: &["registries"],
        },
    );
    // podman-info(1)
    assert_eq!(
        single("{{.Registries}}", &info),
        "map[search:[registry.fedoraproject.org registry.access.redhat.com docker.io quay.io]]\n"
    );
    assert_eq!(
        single("{{index .Registries \"search\"}}", &info),
        "[registry.fedoraproject.org registry.access.redhat.com docker.io quay.io]\n"
    );
    assert_eq!(
        single(
            "{{range index .Registries \"search\"}}{{.}}\\n{{end}}",
            &info
        ),
        "registry.fedoraproject.org\nregistry.access.redhat.com\ndocker.io\nquay.io\n\n"
    );
    assert_eq!(single("{{.Host.OCIRuntime.Name}}", &info), "crun\n");
    // podman-version(1): --format '{{.Client.Version}}'
    let version = Value::from_json(&json!({"Client": {"Version": "2.0.0"}}), &Shape::default());
    assert_eq!(single("{{.Client.Version}}", &version), "2.0.0\n");
}

fn data() -> Value {
    Value::from_json(
        &json!([{
            "Name": "web", "State": "running", "N": 3, "Names": ["a", "b", "c"],
            "Labels": {"z": "1", "a": "2"}, "Empty": [], "Nested": {"Inner": {"X": "deep"}},
        }]),
        &Shape {
            type_name: "T",
            maps: &["Labels"],
        },
    )
}

#[test]
fn go_template_semantics() {
    let d = data();
    for (format, want) in [
        ("{{if eq .State \"running\"}}up{{else}}down{{end}}", "up"),
        (
            "{{if .Empty}}x{{else if .N}}n={{.N}}{{else}}none{{end}}",
            "n=3",
        ),
        ("{{with .Nested.Inner}}{{.X}}{{end}}", "deep"),
        ("{{with .Empty}}x{{else}}empty{{end}}", "empty"),
        (
            "{{range $i, $n := .Names}}{{$i}}:{{$n}} {{end}}",
            "0:a 1:b 2:c ",
        ),
        (
            "{{range $k, $v := .Labels}}{{$k}}={{$v}},{{end}}",
            "a=2,z=1,",
        ),
        ("{{range .Empty}}x{{else}}none{{end}}", "none"),
        (
            "{{range .Names}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}",
            "a",
        ),
        (
            "{{range .Names}}{{if eq . \"b\"}}{{continue}}{{end}}{{.}}{{end}}",
            "ac",
        ),
        ("{{$n := .Name}}{{range .Names}}{{$n}}{{end}}", "webwebweb"),
        ("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", "2"),
        ("{{index .Names 1}} {{len .Names}} {{len .Labels}}", "b 3 2"),
        ("{{join .Names \",\"}}", "a,b,c"),
        (
            "{{.Name | upper}} {{upper .Name | lower}} {{title .State}}",
            "WEB web Running",
        ),
        ("{{truncate .State 3}}", "run"),
        ("{{printf \"%-5s|%03d\" .Name .N}}", "web  |003"),
        ("{{println .Name .N}}", "web 3\n"),
        ("{{print .N .N}}", "3 3"),
        (
            "{{json .Labels}} {{json .Names}}",
            "{\"a\":\"2\",\"z\":\"1\"} [\"a\",\"b\",\"c\"]",
        ),
        ("{{.Nested}}", "{{deep}}"),
        (
            "{{.Labels.missing}} {{.Labels.missing.deeper}}",
            "<no value> <no value>",
        ),
        (
            "{{if and .Empty (index .Names 9)}}x{{else}}short-circuit{{end}}",
            "short-circuit",
        ),
        ("{{or .Empty .Name}}", "web"),
        ("{{not .Empty}}", "true"),
        ("a {{- /* comment */ -}} b", "ab"),
        ("{{(index .Names 0) | printf \"%q\"}}", "\"a\""),
        ("{{slice .Name 1}}", "eb"),
        ("{{range 3}}{{.}}{{end}}", "012"),
        ("{{split \"a:b\" \":\"}}", "[a b]"),
    ] {
        assert_eq!(user(format, &d), format!("{want}\n"), "{format}");
    }
}

#[test]
fn a_template_ranging_over_the_list_runs_once() {
    let d = Value::from_json(&json!([{"ID": "a"}, {"ID": "b"}]), &Shape::default());
    assert_eq!(user("{{range .}}{{.ID}} {{end}}", &d), "a b \n");
    assert_eq!(user("{{.ID}}", &d), "a\nb\n");
    assert_eq!(user("{{.ID}}\\n", &d), "a\nb\n");
    // "\n" made a newline breaks the quoted string: the template is taken as typed.
    assert_eq!(user("{{printf \"%s\\n\" .ID}}", &d), "a\nb\n");
    // A right trim marker eats the newline a template ends with.
    assert_eq!(user("{{- \" x \" -}}", &d), " x  x ");
}

#[test]
fn errors_name_the_field_and_keep_what_came_before() {
    let d = Value::from_json(
        &json!([{"ID": "a"}, {"ID": "b"}]),
        &Shape {
            type_name: "psReporter",
            maps: &[],
        },
    );
    let f = Format::parse("ps", Origin::User, "{{.ID}} {{.Nope}}").unwrap();
    let (out, err) = f.render(&d, &|n| n.to_string());
    assert_eq!(out, "a ");
    let e = err.unwrap().to_string();
    assert!(
        e.starts_with("template: ps:1:")
            && e.contains(
                "executing \"ps\" at <.Nope>: can't evaluate field Nope in type psReporter"
            ),
        "{e}"
    );
    for bad in ["{{.ID", "{{range .}}", "{{nosuch}}", "{{.ID}"] {
        let e = Format::parse("ps", Origin::User, bad)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("template: ps:"), "{bad}: {e}");
    }
    let f = Format::parse("ps", Origin::User, "{{index .ID 5}}").unwrap();
    let e = f.render(&d, &|n| n.to_string()).1.unwrap().to_string();
    assert!(
        e.contains("error calling index: index out of range: 5"),
        "{e}"
    );
}

#[test]
fn json_requests_and_table_detection() {
    for j in [
        "json",
        " json ",
        "{{json}}",
        "{{ json }}",
        "{{json.}}",
        "{{ json. }}",
    ] {
        assert!(is_json(j), "{j}");
    }
    for t in ["{{json .}}", "{{ json .Labels }}", "jsonx", "table json"] {
        assert!(!is_json(t), "{t}");
    }
    assert!(has_table("table {{.ID}}"));
    assert!(!has_table("table"));
    assert!(!has_table("{{.ID}} table "));
    assert!(ranges_over_dot("{{range .}}{{.ID}}{{end}}"));
    assert!(ranges_over_dot("x {{ range . }}{{.ID}}{{ end -}}"));
    assert!(!ranges_over_dot("{{range .Names}}{{.}}{{end}}"));
    assert!(!ranges_over_dot("{{.ID}}"));
}

#[test]
fn headers_are_field_names_split_at_camel_case() {
    for (s, want) in [
        ("ImageID", vec!["Image", "ID"]),
        ("PDFLoader", vec!["PDF", "Loader"]),
        ("CIDFile", vec!["CID", "File"]),
        ("GL11Version", vec!["GL", "11", "Version"]),
        ("lowercase", vec!["lowercase"]),
        ("IPv6Enabled", vec!["I", "Pv", "6", "Enabled"]),
    ] {
        assert_eq!(camel_split(s), want, "{s}");
    }
    assert_eq!(header_name("AutoRemove", &[]), "AUTO REMOVE");
    assert_eq!(header_name("ID", &[("ID", "container id")]), "CONTAINER ID");
}

#[test]
fn times_print_as_go_s_time_string() {
    let go = |s: &str| go_time_of(s.parse().unwrap());
    assert_eq!(
        go("2024-05-01T10:00:00.120000000Z"),
        "2024-05-01 10:00:00.12 +0000 UTC"
    );
    assert_eq!(
        go("2024-05-01T10:00:00+00:00"),
        "2024-05-01 10:00:00 +0000 UTC"
    );
}
