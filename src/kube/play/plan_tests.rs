//! The translation of whole documents into ctl's requests, without root.

use super::document::parse;
use super::plan::{merge_publish, plan, pod_names, PlayPlan};
use super::volumes::{Source, VolumeKind};
use super::PlayOptions;

fn planned(yaml: &str) -> PlayPlan {
    let (docs, _) = parse(yaml).unwrap();
    plan(&docs, &[], &PlayOptions::default()).unwrap()
}

fn refused(yaml: &str) -> String {
    let (docs, _) = parse(yaml).unwrap();
    plan(&docs, &[], &PlayOptions::default())
        .unwrap_err()
        .to_string()
}

const POD: &str = r#"
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  hostname: front
  restartPolicy: OnFailure
  securityContext: {runAsUser: 1000}
  hostAliases: [{ip: 10.0.0.1, hostnames: [db, db.local]}]
  containers:
  - name: srv
    image: quay.io/x/srv:1
    imagePullPolicy: Always
    command: [/bin/srv, "--port=$(PORT)"]
    args: [--verbose, "$$(PORT)"]
    workingDir: /app
    env:
    - {name: PORT, value: "8080"}
    - {name: URL, value: "http://localhost:$(PORT)/"}
    ports:
    - {containerPort: 8080, hostPort: 80}
    - {containerPort: 53, hostPort: 5353, protocol: UDP, hostIP: 127.0.0.1}
    - {containerPort: 9090}
    resources:
      limits: {memory: 128Mi, cpu: 250m}
    securityContext:
      runAsGroup: 50
      readOnlyRootFilesystem: true
      allowPrivilegeEscalation: false
      capabilities: {add: [NET_ADMIN], drop: [ALL]}
    livenessProbe:
      exec: {command: [cat, /tmp/healthy]}
      periodSeconds: 5
      initialDelaySeconds: 2
    volumeMounts:
    - {name: cache, mountPath: /cache}
    - {name: host, mountPath: /srv/data, subPath: web, readOnly: true}
  - name: helper
    image: busybox
    args: [sleep, "10"]
  volumes:
  - {name: cache, emptyDir: {medium: Memory}}
  - {name: host, hostPath: {path: /var/lib/web}}
"#;

#[test]
fn a_pod_becomes_a_pod_request_and_container_requests() {
    let p = planned(POD);
    assert!(p.volumes.is_empty());
    let [pod] = &p.pods[..] else {
        panic!("{:?}", p.pods)
    };
    assert_eq!(pod.pod.name.as_deref(), Some("web"));
    assert_eq!(pod.pod.hostname.as_deref(), Some("front"));
    assert_eq!(pod.pod.labels["app"], "web");
    assert_eq!(pod.pod.publish, ["80:8080/tcp", "127.0.0.1:5353:53/udp"]);
    assert_eq!(pod.pod.add_hosts, ["db;db.local:10.0.0.1"]);
    assert!(pod.pod.infra);
    let [srv, helper] = &pod.containers[..] else {
        panic!()
    };
    let r = &srv.req;
    assert_eq!(r.name.as_deref(), Some("web-srv"));
    assert_eq!(srv.pull, crate::image::pull::PullPolicy::Always);
    // command replaces the entrypoint, args the cmd; $(VAR) expanded, $$ escaped.
    assert_eq!(
        r.entrypoint.as_deref(),
        Some(r#"["/bin/srv","--port=8080"]"#)
    );
    assert_eq!(r.command, ["--verbose", "$(PORT)"]);
    assert_eq!(r.env, ["PORT=8080", "URL=http://localhost:8080/"]);
    assert_eq!(r.workdir.as_deref(), Some("/app"));
    assert!(r.publish.is_empty(), "published by the pod");
    assert_eq!(r.limits.memory.as_deref(), Some("134217728"));
    assert_eq!(r.limits.cpus.as_deref(), Some("0.25"));
    assert_eq!(r.user.as_deref(), Some("1000:50"));
    assert!(r.read_only);
    assert_eq!(r.security_opt, ["no-new-privileges"]);
    assert_eq!(
        (r.cap_add.clone(), r.cap_drop.clone()),
        (vec!["NET_ADMIN".to_string()], vec!["ALL".to_string()])
    );
    assert_eq!(r.restart, "on-failure");
    assert_eq!(r.labels, ["app=web"]);
    assert_eq!(
        r.health.cmd.as_deref(),
        Some(r#"["CMD","cat","/tmp/healthy"]"#)
    );
    assert_eq!(r.health.interval.as_deref(), Some("5s"));
    assert_eq!(r.health.start_period.as_deref(), Some("2s"));
    assert_eq!(r.health.retries, Some(3));
    assert_eq!(srv.mounts[0].source, Source::Tmpfs);
    assert_eq!(srv.mounts[1].sub_path.as_deref(), Some("web"));
    assert!(srv.mounts[1].read_only);
    // args alone keep the image's entrypoint.
    assert_eq!(helper.req.entrypoint, None);
    assert_eq!(helper.req.command, ["sleep", "10"]);
    assert_eq!(helper.pull, crate::image::pull::PullPolicy::Missing);
    assert_eq!(helper.req.user.as_deref(), Some("1000"));
}

#[test]
fn workloads_are_named_as_podman_names_them() {
    let yaml = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 3
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers: [{name: c, image: i, volumeMounts: [{name: d, mountPath: /d}]}]
      volumes: [{name: d, emptyDir: {}}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {a: b}}
  template:
    spec: {containers: [{name: c, image: i}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec: {containers: [{name: c, image: i}]}
"#;
    let (docs, _) = parse(yaml).unwrap();
    assert_eq!(
        pod_names(&docs),
        [
            "api-pod-0",
            "api-pod-1",
            "api-pod-2",
            "agent-pod",
            "once-pod"
        ]
    );
    let p = planned(yaml);
    let names: Vec<_> = p
        .pods
        .iter()
        .map(|p| p.containers[0].req.name.clone().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "api-pod-0-c",
            "api-pod-1-c",
            "api-pod-2-c",
            "agent-pod-c",
            "once-pod-c"
        ]
    );
    // Each replica has its own emptyDir; the Job runs once.
    let empty: Vec<_> = p
        .volumes
        .iter()
        .filter(|v| v.kind == VolumeKind::EmptyDir)
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(empty, ["api-pod-0-d", "api-pod-1-d", "api-pod-2-d"]);
    assert_eq!(p.pods[4].containers[0].req.restart, "no");
    assert_eq!(p.pods[3].containers[0].req.restart, "always");
}

#[test]
fn refusals_name_the_document_and_the_field() {
    let two = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: i}\n  - {name: a, image: i}\n";
    assert_eq!(
        refused(two),
        "Pod \"p\": spec.containers[1].name: the pod \"p\" is invalid; duplicate container name \"a\" detected"
    );
    let ports = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: i, ports: [{containerPort: 1, hostPort: 80}]}\n  - {name: b, image: i, ports: [{containerPort: 2, hostPort: 80}]}\n";
    assert_eq!(
        refused(ports),
        "Pod \"p\": spec.containers[1].ports: hostPort 80/tcp is already used by another container of the pod"
    );
    let nfs = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: i}]\n  volumes: [{name: n, nfs: {server: s, path: /}}]\n";
    assert!(refused(nfs)
        .starts_with("Pod \"p\": spec.volumes[0]: volume \"n\": its type is not supported"));
    let host_pid = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: [{name: a, image: i}]\n";
    assert_eq!(refused(host_pid), "Pod \"p\": spec.hostPID: not supported");
    let secret_env = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: i, envFrom: [{secretRef: {name: gone}}]}]\n";
    assert_eq!(
        refused(secret_env),
        "Pod \"p\": spec.containers[0].envFrom[0]: Secret \"gone\" is not defined"
    );
    let no_kind = parse("apiVersion: v1\nmetadata: {name: p}\n").unwrap_err();
    assert_eq!(
        no_kind.to_string(),
        "document 1: kind: missing: every document needs a kind"
    );
    let only_service = parse("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n").unwrap_err();
    assert_eq!(
        only_service.to_string(),
        "YAML document does not contain any supported kube kind"
    );
}

#[test]
fn host_network_drops_published_ports_and_secrets_become_files() {
    let yaml = r#"
apiVersion: v1
kind: Secret
metadata: {name: tls}
stringData: {key.pem: KEY}
data: {cert.pem: Q0VSVA==}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: true
  containers:
  - name: a
    image: i
    ports: [{containerPort: 80, hostPort: 80}]
    volumeMounts: [{name: t, mountPath: /tls}]
  volumes: [{name: t, secret: {secretName: tls, defaultMode: 0400}}]
"#;
    let p = planned(yaml);
    assert_eq!(p.pods[0].pod.network.as_deref(), Some("host"));
    assert!(p.pods[0].pod.publish.is_empty());
    assert_eq!(p.volumes.len(), 1);
    assert_eq!(
        p.volumes[0].files,
        [
            ("cert.pem".to_string(), b"CERT".to_vec(), 0o400),
            ("key.pem".to_string(), b"KEY".to_vec(), 0o400)
        ]
    );
}

#[test]
fn publish_on_the_command_line_overrides_the_yaml_by_container_port() {
    let yaml = vec![
        "80:8080/tcp".to_string(),
        "127.0.0.1:5353:53/udp".to_string(),
    ];
    assert_eq!(
        merge_publish(yaml.clone(), &["9000:8080".into(), "53/tcp".into()]),
        ["127.0.0.1:5353:53/udp", "9000:8080", "53/tcp"]
    );
    assert_eq!(merge_publish(yaml.clone(), &[]), yaml);
}

#[test]
fn options_name_annotate_log_and_publish_every_container_port() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {a: yaml}}\nspec:\n  \
                containers: [{name: c, image: i, ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}, {containerPort: 90, hostPort: 9090}]}]\n";
    let (docs, _) = parse(yaml).unwrap();
    let opts = PlayOptions {
        annotations: vec!["team=blue".into()],
        log_opts: vec!["max-size=1m".into()],
        publish_all: true,
        no_pod_prefix: true,
        ..Default::default()
    };
    let p = plan(&docs, &[], &opts).unwrap();
    let c = &p.pods[0].containers[0].req;
    assert_eq!(c.name.as_deref(), Some("c"));
    assert_eq!(c.annotations, ["a=yaml", "team=blue"]);
    assert_eq!(c.log_opts, ["max-size=1m"]);
    assert_eq!(
        p.pods[0].pod.publish,
        ["80:80/tcp", "53:53/udp", "9090:90/tcp"]
    );
    // Without the options: the pod's prefix, only hostPorts published.
    let p = planned(yaml);
    assert_eq!(p.pods[0].containers[0].req.name.as_deref(), Some("p-c"));
    assert_eq!(p.pods[0].pod.publish, ["9090:90/tcp"]);
}

#[test]
fn secret_documents_are_stored_and_stored_ones_are_sources() {
    use super::plan::stored_kube_secret;
    let secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nimmutable: true\nstringData: {user: admin}\n";
    let p = planned(secret);
    assert_eq!(p.secrets.len(), 1);
    assert_eq!(p.secrets[0].name, "creds");
    assert!(p.secrets[0].immutable);
    let stored = stored_kube_secret(&p.secrets[0].yaml).expect("the YAML reads back");
    assert!(
        stored_kube_secret(b"hunter2").is_none(),
        "a plain secret is no Secret"
    );
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: i, env: [{name: U, valueFrom: {secretKeyRef: {name: creds, key: user}}}]}]\n";
    let (docs, _) = parse(pod).unwrap();
    let opts = PlayOptions {
        stored_secrets: vec![stored],
        ..Default::default()
    };
    let p = plan(&docs, &[], &opts).unwrap();
    assert!(p.pods[0].containers[0]
        .req
        .env
        .contains(&"U=admin".to_string()));
    assert!(
        p.secrets.is_empty(),
        "only the file's own Secrets are stored"
    );
}
