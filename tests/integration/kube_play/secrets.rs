//! Secret documents stored as secrets (podman's playKubeSecret): listed by `secret ls`,
//! read by a later play's secret volumes and variables, removed by `kube down`; and the
//! options `--no-pod-prefix` and `--annotation`.

use super::{down, log_with, play};
use crate::common::WithImage;

const SECRET: &str = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ndata:\n  password: czNjcjN0\nstringData:\n  user: admin\n";

fn pod(image: &str) -> String {
    format!(
        r#"apiVersion: v1
kind: Pod
metadata:
  name: consumer
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - name: main
    image: {image}
    command: ["sh", "-c", "echo user=$USER_NAME pw=$(cat /etc/creds/password); exec sleep 1000"]
    env:
    - name: USER_NAME
      valueFrom:
        secretKeyRef:
          name: creds
          key: user
    volumeMounts:
    - name: creds
      mountPath: /etc/creds
  volumes:
  - name: creds
    secret:
      secretName: creds
"#
    )
}

#[test]
fn kube_secrets_are_stored_read_by_later_plays_and_removed_by_down() {
    let w = WithImage::busybox();
    let (ctl, image) = (&w.ctl, w.reference.as_str());
    let out = play(ctl, &[], SECRET);
    out.success();
    assert_eq!(out.lines()[0], "Secrets:", "{out}");
    let id = out.lines()[1].to_string();
    assert_eq!(id.len(), 25, "{out}");
    let listed = ctl.ok(&["secret", "ls", "--format", "{{.ID}} {{.Name}}"]);
    assert_eq!(listed.stdout, format!("{id} creds\n"));
    let data = ctl
        .ok(&["secret", "inspect", "--showsecret", "creds"])
        .json();
    let yaml = data[0]["SecretData"].as_str().unwrap().to_string();
    assert!(
        yaml.contains("kind: Secret") && yaml.contains("name: creds"),
        "{yaml}"
    );

    // A file without the Secret reads the stored one.
    let pod = pod(image);
    play(ctl, &["--no-pod-prefix", "--annotation", "team=blue"], &pod).success();
    log_with(ctl, "main", "user=admin pw=s3cr3t");
    // --annotation reaches the container's spec.
    let cid = ctl.inspect_container("main")["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let spec = std::fs::read(
        ctl.dir()
            .join("root/containers")
            .join(cid)
            .join("config.json"),
    );
    let spec: serde_json::Value = serde_json::from_slice(&spec.unwrap()).unwrap();
    assert_eq!(spec["annotations"]["team"], "blue", "{spec}");
    down(ctl, &[], &pod).success();

    // Played again (same name), the secret is replaced; down removes it.
    let again = play(ctl, &[], SECRET);
    again.success();
    assert_ne!(again.lines()[1], id, "a new id for the replaced secret");
    let d = down(ctl, &[], SECRET);
    d.success();
    assert!(
        d.stdout
            .contains(&format!("Secrets removed:\n{}\n", again.lines()[1])),
        "{d}"
    );
    assert_eq!(ctl.ok(&["secret", "ls", "-q"]).stdout, "");
    down(ctl, &["--force"], &pod).success();
    assert_eq!(ctl.ok(&["volume", "ls", "-q"]).stdout, "");

    // An immutable secret is not replaced.
    let immutable = format!("{SECRET}immutable: true\n");
    play(ctl, &[], &immutable).success();
    play(ctl, &[], &immutable)
        .failure(125)
        .stderr_has("cannot remove colliding secret as it is set to immutable");
    down(ctl, &[], &immutable).success();
    assert_eq!(ctl.ok(&["secret", "ls", "-q"]).stdout, "");
}
