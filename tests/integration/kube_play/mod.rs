//! `kube play` / `kube down` (podman-kube-play.1.md, podman-kube-down.1.md): a pod in the
//! shape the Kubernetes docs give (a web server and a sidecar reaching it on localhost,
//! its hostPort published), a Deployment with replicas, ConfigMap env, a Secret volume and
//! a claim, a Job and its init containers, `kube down`, and each bad input refused in one
//! line with nothing left.

mod secrets;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use crate::common::{free_port, Ctl, WithImage};

/// Plays `yaml` from standard input.
fn play(ctl: &Ctl, args: &[&str], yaml: &str) -> crate::common::Out {
    let mut a = vec!["kube", "play"];
    a.extend_from_slice(args);
    a.push("-");
    ctl.run_with_stdin(&a, Some(yaml))
}

fn down(ctl: &Ctl, args: &[&str], yaml: &str) -> crate::common::Out {
    let mut a = vec!["kube", "down"];
    a.extend_from_slice(args);
    a.push("-");
    ctl.run_with_stdin(&a, Some(yaml))
}

/// The container's log once it holds `text` (bounded: 20 s).
fn log_with(ctl: &Ctl, name: &str, text: &str) -> String {
    let start = Instant::now();
    loop {
        let out = ctl.run(&["logs", name]);
        if out.stdout.contains(text) {
            return out.stdout;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{name}'s log never showed {text:?}:\n{out}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn http_get(port: u16) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.write_all(b"GET / HTTP/1.0\r\n\r\n").unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

/// Nothing of any kind is left in the store.
fn assert_empty(ctl: &Ctl) {
    assert_eq!(ctl.ok(&["ps", "-a", "-q"]).stdout, "", "containers left");
    assert_eq!(ctl.ok(&["pod", "ps", "-q"]).stdout, "", "pods left");
    assert_eq!(ctl.ok(&["volume", "ls", "-q"]).stdout, "", "volumes left");
}

/// Names of the containers, sorted.
fn names(ctl: &Ctl) -> Vec<String> {
    let mut v: Vec<String> = ctl
        .ok(&["ps", "-a", "--format", "{{.Names}}"])
        .lines()
        .iter()
        .map(|s| s.to_string())
        .collect();
    v.sort();
    v
}

fn is_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[test]
fn a_web_pod_and_its_sidecar_share_localhost_publish_the_host_port_and_go_down_whole() {
    let w = WithImage::busybox();
    let (ctl, image) = (&w.ctl, w.reference.as_str());
    let port = free_port();
    let yaml = format!(
        r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
  annotations:
    team: shop
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - name: web
    image: {image}
    command: ["sh", "-c"]
    args: ["mkdir -p /www && echo hello-from-kube > /www/index.html && exec busybox httpd -f -p 8080 -h /www"]
    ports:
    - containerPort: 8080
      hostPort: {port}
      hostIP: 127.0.0.1
  - name: sidecar
    image: {image}
    env:
    - name: TARGET
      value: http://127.0.0.1:8080/
    command: ["sh", "-c"]
    args: ["until wget -qO- $(TARGET); do sleep 0.1; done; exec sleep 1000"]
"#
    );
    let out = play(ctl, &[], &yaml);
    out.success();
    // podman's report: Pod:, the id, Containers:, one id a line, a blank line.
    let lines = out.lines();
    assert_eq!(lines.len(), 6, "{out}");
    assert_eq!(lines[0], "Pod:");
    assert!(is_id(lines[1]), "{out}");
    assert_eq!(lines[2], "Containers:");
    assert!(is_id(lines[3]) && is_id(lines[4]), "{out}");
    assert_eq!(lines[5], "");
    let pod_id = lines[1].to_string();
    assert_eq!(
        names(ctl),
        [
            format!("{}-infra", &pod_id[..12]),
            "web-sidecar".into(),
            "web-web".into()
        ]
    );
    let inspect = ctl.ok(&["pod", "inspect", "web"]).json();
    assert_eq!(inspect[0]["Labels"]["app"], "web", "{inspect}");
    // The pod's annotations reach its containers' OCI spec.
    let web_id = ctl.inspect_container("web-web")["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let spec = std::fs::read_to_string(
        ctl.dir()
            .join(format!("root/containers/{web_id}/config.json")),
    )
    .expect("the bundle's spec");
    let spec: serde_json::Value = serde_json::from_str(&spec).unwrap();
    assert_eq!(spec["annotations"]["team"], "shop", "{spec}");
    // The sidecar reached the server over the pod's localhost, and the host reaches the
    // published hostPort.
    log_with(ctl, "web-sidecar", "hello-from-kube");
    assert!(http_get(port).contains("hello-from-kube"));
    let events = ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "type=pod",
        "--format",
        "{{.Status}} {{.Name}}",
    ]);
    for e in ["create web", "start web"] {
        assert!(events.lines().contains(&e), "{e}: {events}");
    }
    // Played again: the name is taken, as podman says; with --replace it is made anew.
    play(ctl, &[], &yaml)
        .failure(125)
        .stderr_has("name \"web\" is in use: pod already exists");
    let again = play(ctl, &["--replace"], &yaml);
    again.success();
    let new_id = again.lines()[1].to_string();
    assert_ne!(new_id, pod_id);
    log_with(ctl, "web-sidecar", "hello-from-kube");
    let d = down(ctl, &[], &yaml);
    d.success();
    assert_eq!(
        d.stdout,
        format!("Pods stopped:\n{new_id}\nPods removed:\n{new_id}\nSecrets removed:\nVolumes removed:\n")
    );
    assert_empty(ctl);
    // A second down has nothing to do.
    down(ctl, &[], &yaml).success();
    let events = ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "type=pod",
        "--format",
        "{{.Status}} {{.Name}}",
    ]);
    assert!(events.lines().contains(&"remove web"), "{events}");
}

#[test]
fn a_deployment_makes_its_replicas_with_config_map_env_a_secret_volume_and_a_claim() {
    let w = WithImage::busybox();
    let (ctl, image) = (&w.ctl, w.reference.as_str());
    let yaml = format!(
        r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  GREETING: hello
  mode: fast
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
data:
  password: czNjcjN0
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: shared-data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - name: main
        image: {image}
        command: ["sh", "-c", "echo greeting=$GREETING mode=$CFG_mode pw=$(cat /etc/creds/password); echo $HOSTNAME >> /data/replicas; exec sleep 1000"]
        env:
        - name: GREETING
          valueFrom:
            configMapKeyRef:
              name: settings
              key: GREETING
        envFrom:
        - prefix: CFG_
          configMapRef:
            name: settings
        resources:
          limits:
            memory: 64Mi
            cpu: 500m
        volumeMounts:
        - name: creds
          mountPath: /etc/creds
          readOnly: true
        - name: data
          mountPath: /data
      volumes:
      - name: creds
        secret:
          secretName: creds
      - name: data
        persistentVolumeClaim:
          claimName: shared-data
"#
    );
    let out = play(ctl, &[], &yaml);
    out.success();
    assert_eq!(&out.lines()[..2], ["Volumes:", "shared-data"], "{out}");
    assert_eq!(out.stdout.matches("Pod:\n").count(), 2, "{out}");
    assert_eq!(out.stdout.matches("Container:\n").count(), 2, "{out}");
    let pods = ctl.ok(&["pod", "ps", "--format", "{{.Name}}"]);
    let mut pods: Vec<&str> = pods.lines();
    pods.sort();
    assert_eq!(pods, ["app-pod-0", "app-pod-1"]);
    for pod in ["app-pod-0", "app-pod-1"] {
        let name = format!("{pod}-main");
        log_with(ctl, &name, "greeting=hello mode=fast pw=s3cr3t");
        let c = ctl.inspect_container(&name);
        assert_eq!(c["HostConfig"]["Memory"], 64 * 1024 * 1024, "{c}");
        assert_eq!(c["HostConfig"]["NanoCpus"], 500_000_000u64, "{c}");
    }
    // Both replicas write to the one claim.
    let mountpoint = ctl.ok(&[
        "volume",
        "inspect",
        "--format",
        "{{.Mountpoint}}",
        "shared-data",
    ]);
    let file = std::path::Path::new(mountpoint.stdout.trim()).join("replicas");
    let start = Instant::now();
    while std::fs::read_to_string(&file).map_or(0, |s| s.lines().count()) < 2 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "replicas never wrote {file:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Without --force the claim's, ConfigMap's and Secret's volumes stay, as podman's.
    let d = down(ctl, &[], &yaml);
    d.success();
    assert_eq!(ctl.ok(&["pod", "ps", "-q"]).stdout, "");
    assert_eq!(ctl.ok(&["ps", "-a", "-q"]).stdout, "");
    let mut vols: Vec<String> = ctl
        .ok(&["volume", "ls", "-q"])
        .lines()
        .iter()
        .map(|s| s.to_string())
        .collect();
    vols.sort();
    assert_eq!(vols, ["creds", "shared-data"]);
    let d = down(ctl, &["--force"], &yaml);
    d.success();
    assert!(
        d.stdout.ends_with("Volumes removed:\nshared-data\ncreds\n"),
        "{d}"
    );
    assert_empty(ctl);
}

#[test]
fn a_job_runs_once_after_its_init_containers_in_order() {
    let w = WithImage::busybox();
    let (ctl, image) = (&w.ctl, w.reference.as_str());
    let yaml = format!(
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: report
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: first
        image: {image}
        command: ["sh", "-c", "echo first >> /work/order"]
        volumeMounts: [{{name: work, mountPath: /work}}]
      - name: second
        image: {image}
        command: ["sh", "-c", "echo second >> /work/order"]
        volumeMounts: [{{name: work, mountPath: /work}}]
      containers:
      - name: main
        image: {image}
        command: ["sh", "-c", "echo main >> /work/order; cat /work/order"]
        volumeMounts: [{{name: work, mountPath: /work}}]
      volumes:
      - name: work
        emptyDir: {{}}
"#
    );
    let out = play(ctl, &[], &yaml);
    out.success();
    assert_eq!(out.lines()[2], "Container:", "{out}");
    assert_eq!(ctl.ok(&["wait", "report-pod-main"]).stdout.trim(), "0");
    assert_eq!(
        ctl.ok(&["logs", "report-pod-main"]).stdout,
        "first\nsecond\nmain\n"
    );
    // Run once: restartPolicy Never, the job's container stays exited.
    let c = ctl.inspect_container("report-pod-main");
    assert_eq!(c["State"]["Status"], "exited", "{c}");
    assert_eq!(c["HostConfig"]["RestartPolicy"]["Name"], "no", "{c}");
    down(ctl, &[], &yaml).success();
    assert_empty(ctl);
}

/// A pod of one container with `spec` lines added under the container.
fn pod_yaml(image: &str, extra: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: a\n    image: {image}\n    command: [sleep, \"100\"]\n{extra}"
    )
}

#[test]
fn bad_input_is_one_line_exit_125_and_nothing_is_left() {
    let w = WithImage::busybox();
    let (ctl, image) = (&w.ctl, w.reference.as_str());
    let held = std::net::TcpListener::bind("0.0.0.0:0").expect("bind");
    let busy = held.local_addr().unwrap().port();
    let claim =
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: made-then-undone\n---\n";
    let cases: Vec<(String, String)> =
        vec![
        ("a: [b\n".into(), "Error: unable to read kube YAML: ".into()),
        (
            "apiVersion: v1\nmetadata: {name: x}\n".into(),
            "Error: document 1: kind: missing".into(),
        ),
        (
            "kind: Pod\nmetadata: {name: x}\n".into(),
            "Error: document 1: apiVersion: missing".into(),
        ),
        (
            format!("{}  - name: a\n    image: {image}\n", pod_yaml(image, "")),
            "Error: Pod \"bad\": spec.containers[1].name: the pod \"bad\" is invalid; duplicate \
             container name \"a\" detected"
                .into(),
        ),
        (
            format!(
                "{claim}{}",
                pod_yaml(image, &format!("    ports: [{{containerPort: 80, hostPort: {busy}}}]\n"))
            ),
            "Error: Pod \"bad\": starting pod \"bad\": ".to_string(),
        ),
        (
            format!(
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cm}}\ndata: {{k: v}}\n---\n{}",
                pod_yaml(
                    image,
                    "    env: [{name: X, valueFrom: {configMapKeyRef: {name: cm, key: nokey}}}]\n"
                )
            ),
            "Error: Pod \"bad\": spec.containers[0].env[0].valueFrom.configMapKeyRef: ConfigMap \
             \"cm\" has no key \"nokey\""
                .into(),
        ),
        (
            pod_yaml(image, "    volumeMounts: [{name: ghost, mountPath: /x}]\n"),
            "Error: Pod \"bad\": spec.containers[0].volumeMounts[0].name: volume \"ghost\" is not \
             defined in spec.volumes"
                .into(),
        ),
        (
            pod_yaml(image, "    lifecycle: {preStop: {exec: {command: [x]}}}\n"),
            "Error: Pod \"bad\": spec.containers[0].lifecycle: not supported".into(),
        ),
    ];
    for (yaml, want) in cases {
        let out = play(ctl, &[], &yaml);
        out.failure(125);
        let line = out.error_line();
        assert!(line.starts_with(&want), "{want:?}:\n{out}");
        assert!(!out.stderr.contains("panicked"), "{out}");
        assert_empty(ctl);
    }
    drop(held);
    // Fields that change nothing here are warned about, one line each, and the pod made.
    let yaml = pod_yaml(
        image,
        "    terminationMessagePath: /dev/log\n    colour: blue\n  dnsPolicy: ClusterFirst\n",
    );
    let out = play(ctl, &["--start=false"], &yaml);
    out.success();
    for w in [
        "Warning: Pod \"bad\": spec.containers[0].colour: unknown field, ignored",
        "Warning: Pod \"bad\": spec.containers[0].terminationMessagePath: not supported, ignored",
        "Warning: Pod \"bad\": spec.dnsPolicy: not supported, ignored",
    ] {
        assert!(out.stderr.lines().any(|l| l == w), "{w}:\n{out}");
    }
    // --start=false: made, not started.
    let c = ctl.inspect_container("bad-a");
    assert_eq!(c["State"]["Status"], "created", "{c}");
    down(ctl, &[], &yaml).success();
    assert_empty(ctl);
}
