//! `kube generate` / `generate kube` (podman-kube-generate.1.md): every variant the
//! command writes passes kubernetes-validate's strict check against Kubernetes 1.33, and
//! its fields say what the containers, pods and volumes were made with.

use std::path::Path;
use std::process::Command;

use serde::Deserialize as _;
use serde_json::Value;

use crate::common::{free_port, Image, WithImage};

/// Where tests/install-deps.sh installs the validator.
const VALIDATOR: &str = "/opt/ctl-test-venv/bin/kubernetes-validate";

/// Checks `text` against Kubernetes 1.33's schemas, rejecting unknown fields; a missing
/// validator fails the test.
fn validate(dir: &Path, text: &str, what: &str) {
    assert!(
        Path::new(VALIDATOR).exists(),
        "{VALIDATOR} is missing: run tests/install-deps.sh"
    );
    let file = dir.join(format!("kube-{what}.yaml"));
    std::fs::write(&file, text).unwrap();
    let out = Command::new(VALIDATOR)
        .args(["--strict", "--kubernetes-version", "1.33.0"])
        .arg(&file)
        .output()
        .expect("kubernetes-validate runs");
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{what}: {report}\n{text}");
    assert!(!report.contains("ERROR"), "{what}: {report}\n{text}");
    std::fs::remove_file(&file).unwrap();
}

/// The YAML documents of the text, as JSON values (the header and notes are comments).
fn documents(text: &str) -> Vec<Value> {
    serde_norway::Deserializer::from_str(text)
        .map(|d| Value::deserialize(d).expect("each document parses"))
        .filter(|v| !v.is_null())
        .collect()
}

fn kinds(docs: &[Value]) -> Vec<&str> {
    docs.iter().map(|d| d["kind"].as_str().unwrap()).collect()
}

/// The image of these tests: busybox with an environment variable of its own.
fn with_image() -> WithImage {
    let mut image = Image::busybox();
    image.env.push("FROM_IMAGE=1".into());
    WithImage::pulled(image, "fixtures/kube:latest")
}

fn generate(w: &WithImage, args: &[&str], what: &str) -> (String, Vec<Value>) {
    let mut full = vec!["kube", "generate"];
    full.extend_from_slice(args);
    let out = w.ctl.ok(&full);
    assert!(
        out.stdout
            .starts_with("# Save the output of this file and use kubectl create -f to import\n"),
        "{out}"
    );
    validate(w.ctl.dir(), &out.stdout, what);
    let docs = documents(&out.stdout);
    (out.stdout.clone(), docs)
}

fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap_or_else(|| panic!("no list: {list}"))
        .iter()
        .find(|v| v[key] == value)
        .unwrap_or_else(|| panic!("no {key}={value} in {list}"))
}

#[test]
fn containers_become_one_pod_with_their_settings() {
    let w = with_image();
    let (ctl, image) = (&w.ctl, w.reference.as_str());
    let port = free_port();
    let data = ctl.dir().join("kube-bind-dir");
    std::fs::create_dir_all(&data).unwrap();
    let conf = ctl.dir().join("kube-bind.conf");
    std::fs::write(&conf, "x\n").unwrap();
    ctl.ok(&["volume", "create", "kube_data"]);
    let (bind_dir, bind_file) = (
        format!("{}:/in:ro", data.display()),
        format!("{}:/etc/app.conf", conf.display()),
    );
    let publish = format!("127.0.0.1:{port}:80");
    ctl.ok(&[
        "create",
        "--name",
        "web_1",
        "-p",
        &publish,
        "-p",
        "53/udp",
        "-e",
        "FOO=bar",
        "-e",
        "FROM_IMAGE=1",
        "-w",
        "/srv",
        "--memory",
        "64m",
        "--cpus",
        "1.5",
        "--cap-add",
        "NET_ADMIN",
        "--cap-drop",
        "CHOWN",
        "--read-only",
        "--user",
        "1000:1000",
        "-t",
        "-i",
        "--restart",
        "on-failure",
        "--stop-timeout",
        "30",
        "-v",
        "kube_data:/data",
        "-v",
        &bind_dir,
        "-v",
        &bind_file,
        "--tmpfs",
        "/scratch",
        image,
        "top",
        "-b",
    ]);
    ctl.ok(&["create", "--name", "side", "--privileged", image]);

    let (text, docs) = generate(&w, &["web_1", "side"], "containers");
    assert_eq!(kinds(&docs), ["Pod"], "{text}");
    // podman's note on volumes comes before the pod.
    assert!(
        text.contains("# NOTE: If you generated this yaml"),
        "{text}"
    );
    let pod = &docs[0];
    assert_eq!(pod["apiVersion"], "v1");
    assert_eq!(pod["metadata"]["name"], "web1-pod");
    assert_eq!(pod["metadata"]["labels"]["app"], "web1-pod");
    assert!(pod["metadata"]["creationTimestamp"].is_string(), "{text}");
    let spec = &pod["spec"];
    assert_eq!(spec["restartPolicy"], "OnFailure");
    assert_eq!(spec["terminationGracePeriodSeconds"], 30);
    let web = find(&spec["containers"], "name", "web1");
    assert_eq!(web["image"], image);
    assert_eq!(web["command"], serde_json::json!(["top", "-b"]));
    assert!(web.get("args").is_none(), "{text}");
    // Only what the image does not set already; -t's TERM is in podman's create-time env too.
    assert_eq!(
        web["env"],
        serde_json::json!([{"name": "TERM", "value": "xterm"}, {"name": "FOO", "value": "bar"}])
    );
    assert_eq!(web["workingDir"], "/srv");
    assert_eq!(web["stdin"], true);
    assert_eq!(web["tty"], true);
    let ports = web["ports"].as_array().unwrap();
    let tcp = ports.iter().find(|p| p["containerPort"] == 80).unwrap();
    assert_eq!(tcp["hostPort"], port);
    assert_eq!(tcp["hostIP"], "127.0.0.1");
    assert!(tcp.get("protocol").is_none(), "TCP is the default: {text}");
    let udp = ports.iter().find(|p| p["containerPort"] == 53).unwrap();
    assert_eq!(udp["protocol"], "UDP");
    assert_eq!(web["resources"]["limits"]["memory"], "64Mi");
    assert_eq!(web["resources"]["limits"]["cpu"], "1500m");
    let sc = &web["securityContext"];
    assert_eq!(
        sc["capabilities"]["add"],
        serde_json::json!(["CAP_NET_ADMIN"])
    );
    assert_eq!(sc["capabilities"]["drop"], serde_json::json!(["CAP_CHOWN"]));
    assert_eq!(sc["readOnlyRootFilesystem"], true);
    assert_eq!(sc["runAsUser"], 1000);
    assert_eq!(sc["runAsGroup"], 1000);
    let side = find(&spec["containers"], "name", "side");
    assert!(
        side.get("command").is_none(),
        "the image's own command: {text}"
    );
    assert_eq!(side["securityContext"]["privileged"], true);

    let mounts = &web["volumeMounts"];
    assert_eq!(find(mounts, "mountPath", "/in")["readOnly"], true);
    assert_eq!(find(mounts, "mountPath", "/data")["name"], "kube-data-pvc");
    let vols = &spec["volumes"];
    let claim = find(vols, "name", "kube-data-pvc");
    assert_eq!(claim["persistentVolumeClaim"]["claimName"], "kube-data");
    let dir_name = find(mounts, "mountPath", "/in")["name"].as_str().unwrap();
    let dir = find(vols, "name", dir_name);
    assert_eq!(dir["hostPath"]["path"], data.display().to_string());
    assert_eq!(dir["hostPath"]["type"], "Directory");
    let file_name = find(mounts, "mountPath", "/etc/app.conf")["name"]
        .as_str()
        .unwrap();
    assert_eq!(find(vols, "name", file_name)["hostPath"]["type"], "File");
    let tmp_name = find(mounts, "mountPath", "/scratch")["name"]
        .as_str()
        .unwrap();
    assert_eq!(find(vols, "name", tmp_name)["emptyDir"]["medium"], "Memory");

    // `generate kube` is the same command.
    let again = ctl.ok(&["generate", "kube", "web_1", "side"]);
    assert_eq!(kinds(&documents(&again.stdout)), ["Pod"]);

    // -f writes the file, and refuses to replace it.
    let file = ctl.dir().join("kube-out.yaml");
    let f = file.display().to_string();
    ctl.ok(&["kube", "generate", "-f", &f, "side"]);
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(documents(&written)[0]["metadata"]["name"], "side-pod");
    ctl.run(&["kube", "generate", "-f", &f, "side"])
        .failure(125)
        .stderr_has(&format!("cannot write to {f:?}; file exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
    std::fs::remove_file(&file).unwrap();

    ctl.ok(&["rm", "-f", "web_1", "side"]);
    ctl.ok(&["volume", "rm", "kube_data"]);
}

#[test]
fn a_pod_its_workloads_services_and_volume_claims() {
    let w = with_image();
    let (ctl, image) = (&w.ctl, w.reference.as_str());
    let port = free_port();
    let publish = format!("{port}:8080");
    ctl.ok(&["pod", "create", "--name", "kshop", "-p", &publish]);
    ctl.ok(&[
        "create",
        "--pod",
        "kshop",
        "--name",
        "kfront",
        "--restart",
        "always",
        image,
        "top",
    ]);
    ctl.ok(&[
        "create",
        "--pod",
        "kshop",
        "--name",
        "kback",
        "--restart",
        "always",
        image,
    ]);
    ctl.ok(&["volume", "create", "--label", "tier=db", "kvol"]);

    let (text, docs) = generate(&w, &["kshop"], "pod");
    assert_eq!(kinds(&docs), ["Pod"], "{text}");
    let pod = &docs[0];
    assert_eq!(pod["metadata"]["name"], "kshop");
    let containers = pod["spec"]["containers"].as_array().unwrap();
    let names: Vec<&str> = containers
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    // Oldest first; the infra container is not one of them.
    assert_eq!(names, ["kfront", "kback"], "{text}");
    let ports = &containers[0]["ports"][0];
    assert_eq!(ports["containerPort"], 8080);
    assert_eq!(ports["hostPort"], port);
    assert!(containers[1].get("ports").is_none(), "{text}");

    // Services first, then the workloads; with a Service the host ports are its.
    let (text, docs) = generate(&w, &["-s", "kshop"], "pod-service");
    assert_eq!(kinds(&docs), ["Service", "Pod"], "{text}");
    let svc = &docs[0];
    assert_eq!(svc["spec"]["type"], "NodePort");
    assert_eq!(svc["spec"]["selector"]["app"], "kshop");
    let sp = &svc["spec"]["ports"][0];
    assert_eq!(sp["port"], 8080);
    assert_eq!(sp["targetPort"], 8080);
    let node = sp["nodePort"].as_i64().unwrap();
    assert!((30000..=32767).contains(&node), "{text}");
    assert!(docs[1]["spec"]["containers"][0]["ports"][0]
        .get("hostPort")
        .is_none());

    let (text, docs) = generate(&w, &["-t", "deployment", "-r", "3", "kshop"], "deployment");
    assert_eq!(kinds(&docs), ["Deployment"], "{text}");
    assert_eq!(docs[0]["apiVersion"], "apps/v1");
    assert_eq!(docs[0]["metadata"]["name"], "kshop-deployment");
    assert_eq!(docs[0]["spec"]["replicas"], 3);
    assert_eq!(docs[0]["spec"]["selector"]["matchLabels"]["app"], "kshop");
    assert_eq!(
        docs[0]["spec"]["template"]["metadata"]["labels"]["app"],
        "kshop"
    );

    let (text, docs) = generate(&w, &["--type", "daemonset", "kshop"], "daemonset");
    assert_eq!(kinds(&docs), ["DaemonSet"], "{text}");
    assert_eq!(docs[0]["metadata"]["name"], "kshop-daemonset");

    let (text, docs) = generate(&w, &["-t", "job", "kvol", "kshop"], "job");
    assert_eq!(kinds(&docs), ["PersistentVolumeClaim", "Job"], "{text}");
    let claim = &docs[0];
    assert_eq!(claim["metadata"]["name"], "kvol");
    assert_eq!(claim["metadata"]["labels"]["tier"], "db");
    assert_eq!(
        claim["metadata"]["annotations"]["volume.podman.io/driver"],
        "local"
    );
    assert_eq!(claim["spec"]["resources"]["requests"]["storage"], "1Gi");
    let job = &docs[1];
    assert_eq!(job["apiVersion"], "batch/v1");
    assert_eq!(job["spec"]["template"]["spec"]["restartPolicy"], "Never");

    // A member is generated through its pod.
    let out = ctl.run(&["kube", "generate", "kfront"]);
    out.failure(125);
    assert!(
        out.one_line_error().contains("is associated with pod"),
        "{out}"
    );
    assert!(
        out.one_line_error()
            .ends_with(": use generate on the pod itself"),
        "{out}"
    );

    ctl.ok(&["pod", "rm", "-f", "kshop"]);
    ctl.ok(&["volume", "rm", "kvol"]);
}

#[test]
fn bad_requests_are_refused_in_podmans_words() {
    let w = with_image();
    let (ctl, image) = (&w.ctl, w.reference.as_str());
    ctl.ok(&["create", "--name", "kbad", image]);
    for (args, message) in [
        (vec!["nope"], "Error: name or ID \"nope\" not found"),
        (
            vec!["-r", "2", "kbad"],
            "Error: --replicas can only be set when --type is set to deployment",
        ),
        (
            vec!["-t", "deployment", "-r", "0", "kbad"],
            "Error: --replicas has to be greater than or equal to 1. By default, --replicas is set to 1",
        ),
        (
            vec!["-t", "cronjob", "kbad"],
            "Error: invalid generation type - only pods, deployments, jobs, and daemonsets are currently supported: cronjob",
        ),
    ] {
        let mut full = vec!["kube", "generate"];
        full.extend_from_slice(&args);
        let out = ctl.run(&full);
        out.no_panic().failure(125);
        assert_eq!(out.one_line_error(), message, "{out}");
        assert!(out.stdout.is_empty(), "{out}");
    }
    // --restart=no is Never: no Deployment.
    ctl.ok(&["create", "--name", "knever", "--restart", "no", image]);
    let out = ctl.run(&["kube", "generate", "-t", "deployment", "knever"]);
    out.failure(125);
    assert_eq!(
        out.one_line_error(),
        "Error: k8s Deployments can only have restartPolicy set to Always",
        "{out}"
    );
    ctl.ok(&["rm", "-f", "kbad", "knever"]);
}
