//! `--format` as podman takes it, with the real binary: Go templates (fields, functions,
//! `range`, `if`, `table`), `json`, and podman's field names and shapes in ps, images,
//! inspect, info and network output. Expected texts follow podman's documentation and
//! code (its report package: tables padded as its tabwriter pads them).

use serde_json::Value;

use crate::common::{Ctl, WithImage};

fn run_d(w: &WithImage, extra: &[&str], cmd: &[&str]) -> String {
    let mut args = vec!["run", "-d", "--network", "none"];
    args.extend_from_slice(extra);
    args.push(&w.reference);
    args.extend_from_slice(cmd);
    w.ctl.ok(&args).stdout.trim().to_string()
}

fn out(ctl: &Ctl, args: &[&str]) -> String {
    ctl.ok(args).stdout
}

#[test]
fn ps_templates_and_json_as_podman() {
    let w = WithImage::busybox();
    let web = run_d(
        &w,
        &["--name", "web", "--label", "tier=backend", "--label", "a=1"],
        &["sleep", "1000"],
    );
    w.ctl.ok(&[
        "create",
        "--network",
        "none",
        "--name",
        "idle",
        &w.reference,
        "true",
    ]);
    let ctl = &w.ctl;

    // JSON: podman's ListContainer, the full id as Id, Names and Command as lists.
    let json = ctl.ok(&["ps", "-a", "--format", "json"]).json();
    let rows = json.as_array().expect("an array");
    assert_eq!(rows.len(), 2, "{json:#}");
    let row = rows
        .iter()
        .find(|r| r["Id"] == web.as_str())
        .expect("web listed");
    assert_eq!(row["Names"], serde_json::json!(["web"]), "{row:#}");
    assert_eq!(
        row["Command"],
        serde_json::json!(["sleep", "1000"]),
        "{row:#}"
    );
    assert_eq!(row["Labels"]["tier"], "backend");
    assert_eq!(row["State"], "running");
    assert!(row["Created"].is_i64(), "Created is a unix time: {row:#}");
    assert!(row["Ports"].is_array(), "{row:#}");
    // `{{json}}` asks for the same JSON; `{{json .}}` is a template.
    assert_eq!(ctl.ok(&["ps", "-a", "--format", "{{json}}"]).json(), json);
    let lines = out(ctl, &["ps", "--format", "{{json .}}"]);
    let one: Value = serde_json::from_str(lines.trim()).expect("one JSON object per line");
    assert_eq!(one["Id"], web.as_str());

    // Fields and methods as podman's psReporter has them.
    assert_eq!(
        out(
            ctl,
            &[
                "ps",
                "--format",
                "{{.Names}} {{.Labels}} {{.Label \"tier\"}} [{{.Label \"nosuch\"}}] {{.Labels.nosuch}}"
            ]
        ),
        "web map[a:1 tier:backend] backend [] <no value>\n"
    );
    assert_eq!(
        out(ctl, &["ps", "--format", "{{.ID}} {{.Command}}"]),
        format!("{} sleep 1000\n", &web[..12])
    );
    assert_eq!(
        out(ctl, &["ps", "--no-trunc", "--format", "{{.ID}}"]),
        format!("{web}\n")
    );
    // Functions, conditions, pipelines.
    assert_eq!(
        out(
            ctl,
            &[
                "ps",
                "-a",
                "--format",
                "{{if eq .State \"running\"}}{{.Names | upper}}{{else}}{{.Names | title}}{{end}} {{len .Names}} {{json .Labels}} {{truncate (printf \"%-5s|\" .State) 4}}"
            ]
        ),
        "WEB 3 {\"a\":\"1\",\"tier\":\"backend\"} runn\nIdle 4 {} crea\n"
    );
    // A template ranging over the list itself runs once.
    assert_eq!(
        out(
            ctl,
            &["ps", "-a", "--format", "{{range .}}{{.Names}},{{end}}"]
        ),
        "web,idle,\n"
    );
    assert_eq!(
        out(ctl, &["ps", "-a", "--format", "{{.Names}}\\t{{.State}}"]),
        "web\trunning\nidle\tcreated\n"
    );
    // table: a header from the field names, columns as podman's tabwriter aligns them.
    assert_eq!(
        out(ctl, &["ps", "-a", "--format", "table {{.Names}} {{.State}} {{.ID}}"]),
        format!(
            "NAMES       STATE       CONTAINER ID\nweb         running     {}\nidle        created     {}\n",
            &web[..12],
            &out(ctl, &["ps", "-a", "--filter", "name=idle", "-q"]).trim()
        )
    );
    // An unknown field is an error naming it, exit 125.
    let bad = ctl.run(&["ps", "--format", "{{.Nope}}"]);
    bad.failure(125);
    assert!(
        bad.error_line().contains("can't evaluate field Nope"),
        "{bad}"
    );
    ctl.ok(&["rm", "-f", "web", "idle"]);
}

#[test]
fn images_templates_as_podman() {
    let w = WithImage::busybox();
    let ctl = &w.ctl;
    let id = w.image.id();
    let (repo, tag) = w.reference.rsplit_once(':').unwrap();
    assert_eq!(
        out(
            ctl,
            &[
                "images",
                "--format",
                "{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}"
            ]
        ),
        format!(
            "{repo}:{tag} {} {}\n",
            &id[..12],
            out(ctl, &["images", "--format", "{{.Size}}"]).trim()
        )
    );
    assert_eq!(
        out(ctl, &["images", "--no-trunc", "--format", "{{.ID}}"]),
        format!("sha256:{id}\n")
    );
    // podman-images(1): --format "table {{.ID}} {{.Repository}} {{.Tag}}"
    let width = repo.len().max("REPOSITORY".len()) + 2;
    assert_eq!(
        out(
            ctl,
            &[
                "images",
                "--format",
                "table {{.ID}} {{.Repository}} {{.Tag}}"
            ]
        ),
        format!(
            "IMAGE ID      {:width$}TAG\n{}  {:width$}{tag}\n",
            "REPOSITORY",
            &id[..12],
            repo
        )
    );
    // A format is no closed set: any text is a template.
    assert_eq!(out(ctl, &["images", "--format", "yaml"]), "yaml\n");
    let json = ctl.ok(&["images", "--format", "json"]).json();
    assert_eq!(json[0]["Id"], id.as_str());
    assert_eq!(json[0]["Names"], serde_json::json!([w.reference]));
}

#[test]
fn inspect_formats_as_podman() {
    let w = WithImage::busybox();
    let ctl = &w.ctl;
    run_d(
        &w,
        &[
            "--name",
            "insp",
            "--restart",
            "on-failure:3",
            "--label",
            "k=v",
        ],
        &["sleep", "1000"],
    );
    // A container on the default network, never started: still keyed by its network.
    w.ctl.ok(&[
        "create",
        "--name",
        "onnet",
        "--expose",
        "8000-8001/udp",
        "-p",
        "9090:80",
        "-v",
        "/tmp:/data:ro",
        "--tmpfs",
        "/scratch",
        &w.reference,
        "true",
    ]);

    // --format json is the JSON inspect prints without one.
    let plain = ctl.ok(&["inspect", "insp"]).json();
    assert_eq!(
        ctl.ok(&["inspect", "--format", "json", "insp"]).json(),
        plain
    );
    // {{json .}}: each object on a line.
    let line = out(
        ctl,
        &["container", "inspect", "--format", "{{json .}}", "insp"],
    );
    let v: Value = serde_json::from_str(line.trim()).expect("one JSON line");
    assert_eq!(v["Name"], "insp");

    // The monitor's pid, as podman's conmon pid.
    let pid: i32 = out(
        ctl,
        &["inspect", "--format", "{{.State.ConmonPid}}", "insp"],
    )
    .trim()
    .parse()
    .expect("a pid");
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    assert!(comm.starts_with("ctl-monitor"), "pid {pid} is {comm:?}");
    assert_eq!(
        out(
            ctl,
            &[
                "inspect",
                "--format",
                "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.HostConfig.LogConfig.Type}} {{.Config.Labels.k}} {{.Config.Labels.nosuch}}",
                "insp"
            ]
        ),
        "on-failure 3 k8s-file v <no value>\n"
    );
    let log_path = out(
        ctl,
        &[
            "inspect",
            "--format",
            "{{.HostConfig.LogConfig.Path}}",
            "insp",
        ],
    );
    assert!(std::path::Path::new(log_path.trim()).exists(), "{log_path}");
    assert_eq!(
        out(
            ctl,
            &[
                "inspect",
                "--format",
                "{{range $name, $n := .NetworkSettings.Networks}}{{$name}}{{end}}",
                "onnet"
            ]
        ),
        "ctl\n"
    );
    // podman's Binds, Tmpfs and ExposedPorts (exposed and published ports, Go's map order).
    assert_eq!(
        out(
            ctl,
            &[
                "inspect",
                "--format",
                "{{.HostConfig.Binds}} {{range $p, $_ := .Config.ExposedPorts}}{{$p}},{{end}} \
                 {{index .HostConfig.Tmpfs \"/scratch\"}}",
                "onnet"
            ]
        ),
        "[/tmp:/data:ro,rprivate,rbind] 80/tcp,8000/udp,8001/udp, rw,rprivate,nosuid,nodev\n"
    );
    assert_eq!(
        plain[0]["Config"].get("ExposedPorts"),
        None,
        "omitted when none"
    );
    // Image inspect: Go's .ID and the JSON's .Id; podman's container .Image is the id.
    let id = w.image.id();
    assert_eq!(
        out(
            ctl,
            &[
                "image",
                "inspect",
                "--format",
                "{{.ID}} {{ .Id }}",
                &w.reference
            ]
        ),
        format!("{id} {id}\n")
    );
    assert_eq!(
        out(
            ctl,
            &["inspect", "--format", "{{.Image}} {{.ImageID}}", "insp"]
        ),
        format!("{id} {id}\n")
    );
    // Several at once, and an unknown field fails with Go's words.
    assert_eq!(
        out(ctl, &["inspect", "--format", "{{.Name}}", "insp", "onnet"]),
        "insp\nonnet\n"
    );
    let bad = ctl.run(&["inspect", "--format", "{{.State.Nope}}", "insp"]);
    bad.failure(125);
    assert!(
        bad.error_line().contains("can't evaluate field Nope"),
        "{bad}"
    );
    ctl.ok(&["rm", "-f", "insp", "onnet"]);
}

#[test]
fn info_and_network_formats_as_podman() {
    let ctl = Ctl::new();
    let info = ctl.ok(&["info", "--format", "json"]).json();
    // podman-info(1): Go's names in templates, the JSON's in JSON.
    assert_eq!(
        out(&ctl, &["info", "--format", "{{.Host.OCIRuntime.Name}}"]),
        format!("{}\n", info["host"]["ociRuntime"]["name"].as_str().unwrap())
    );
    assert_eq!(
        out(
            &ctl,
            &[
                "info",
                "-f",
                "{{.Store.GraphDriverName}} {{.Store.ImageStore.Number}} {{.Host.Rootless}}"
            ]
        ),
        "overlay 0 false\n"
    );
    assert!(info["registries"]["search"].is_array(), "{info:#}");
    assert_eq!(
        out(
            &ctl,
            &[
                "info",
                "-f",
                "{{range index .Registries \"search\"}}{{.}}\\n{{end}}"
            ]
        ),
        info["registries"]["search"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| format!("{}\n", r.as_str().unwrap()))
            .collect::<String>()
            + "\n"
    );
    assert_eq!(info["host"]["idMappings"]["uidmap"][0]["container_id"], 0);

    let name = "fmt-net";
    ctl.ok(&["network", "create", "--label", "team=a", name]);
    // network ls --format json: the networks as podman writes them.
    let nets = ctl.ok(&["network", "ls", "--format", "json"]).json();
    let net = nets
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == name)
        .unwrap_or_else(|| panic!("{nets:#}"))
        .clone();
    let subnet = net["subnets"][0]["subnet"].as_str().unwrap().to_string();
    assert_eq!(
        out(
            &ctl,
            &[
                "network",
                "ls",
                "--format",
                "{{if eq .Name \"fmt-net\"}}{{.Name}}: {{range .Subnets}}{{.Subnet}} {{end}}{{.Labels}} {{.DNSEnabled}}{{end}}"
            ]
        )
        .lines()
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>(),
        [format!("{name}: {subnet} team=a {}", net["dns_enabled"])]
    );
    let table = out(
        &ctl,
        &["network", "ls", "--format", "table {{.Name}} {{.Driver}}"],
    );
    assert_eq!(table.lines().next(), Some("NAME        DRIVER"), "{table}");
    assert!(table.contains(&format!("{name}     bridge\n")), "{table}");
    // podman-network-inspect(1)
    assert_eq!(
        out(
            &ctl,
            &[
                "network",
                "inspect",
                "--format",
                "{{range .Subnets}}Subnet: {{.Subnet}} Gateway: {{.Gateway}}{{end}} {{index .Labels \"team\"}}",
                name
            ]
        ),
        format!(
            "Subnet: {subnet} Gateway: {} a\n",
            net["subnets"][0]["gateway"].as_str().unwrap()
        )
    );
    assert_eq!(
        ctl.ok(&["network", "inspect", "--format", "json", name])
            .json()[0]["name"],
        name
    );
    ctl.ok(&["network", "rm", name]);
}
