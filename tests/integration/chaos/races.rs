//! The races that once orphaned running containers, replayed on purpose: a restart or a
//! start racing `rm -f`, `run` racing `rmi -f` of its image, and `rm -fa` of a damaged
//! record. After each round the invariant holds; after all of them nothing is left.

use std::process::Stdio;
use std::time::Duration;

use super::invariant::{self, Target};
use super::{rm_all, rootful_target, Rng};
use crate::common::Out;

fn spawn(t: &Target, args: &[&str]) -> std::process::Child {
    (t.command)(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ctl")
}

fn ok(t: &Target, args: &[&str]) -> Out {
    let out = Out::wait(args, spawn(t, args));
    out.success();
    out
}

/// Runs `cmds` at once, each after its own small delay; waits for all.
fn race(t: &Target, rng: &mut Rng, cmds: &[&[&str]]) {
    std::thread::scope(|s| {
        for c in cmds {
            let delay = Duration::from_millis(rng.below(90));
            s.spawn(move || {
                std::thread::sleep(delay);
                Out::wait(c, spawn(t, c))
            });
        }
    });
}

fn env(t: &Target) -> String {
    format!("CTL_CHAOS={}", t.token)
}

/// `run -d --name NAME -e ENV --network none IMAGE CMD...`.
fn run_d<'a>(name: &'a str, env: &'a str, image: &'a str, cmd: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "run",
        "-d",
        "--name",
        name,
        "-e",
        env,
        "--network",
        "none",
        image,
    ];
    args.extend_from_slice(cmd);
    args
}

#[test]
fn restart_and_start_racing_rm_leave_no_orphan() {
    let (t, _registry) = rootful_target();
    let mut rng = Rng::new(0x5eed);
    let e = env(&t);
    for round in 0..8 {
        let mut args = run_d("o", &e, &t.image, &["sleep", "999"]);
        if round % 2 == 1 {
            args.insert(1, "--rm");
        }
        ok(&t, &args);
        race(
            &t,
            &mut rng,
            &[&["restart", "-t", "0", "o"], &["rm", "-f", "o"]],
        );
        invariant::settled(&t, round);
        ok(&t, &["rm", "-f", "--ignore", "o"]);
    }
    for round in 0..6 {
        ok(
            &t,
            &[
                "create",
                "--name",
                "c",
                "-e",
                &e,
                "--network",
                "none",
                &t.image,
                "sleep",
                "999",
            ],
        );
        race(
            &t,
            &mut rng,
            &[
                &["restart", "-t", "0", "c"],
                &["start", "c"],
                &["rm", "-f", "c"],
            ],
        );
        invariant::settled(&t, round);
        ok(&t, &["rm", "-f", "--ignore", "c"]);
    }
    invariant::nothing_left(&t, 0);
}

#[test]
fn run_racing_rmi_of_its_image_leaves_no_orphan() {
    let (t, _registry) = rootful_target();
    let mut rng = Rng::new(0xabc);
    let e = env(&t);
    for round in 0..6 {
        let name = format!("rr{round}");
        let args = run_d(&name, &e, &t.spare_image, &["sleep", "100"]);
        race(&t, &mut rng, &[&args, &["rmi", "-f", &t.spare_image]]);
        invariant::settled(&t, round);
        // Whoever won, the image and every container made from it agree.
        let args = ["image", "inspect", t.spare_image.as_str()];
        let image = Out::wait(&args, spawn(&t, &args));
        if image.code != Some(0) {
            let ps = ok(&t, &["ps", "-aq", "--filter", &format!("name={name}")]);
            assert_eq!(
                ps.stdout.trim(),
                "",
                "a container outlived its image:\n{ps}"
            );
        }
        ok(&t, &["pull", "-q", &t.spare_image]);
    }
    let out = rm_all(&t);
    out.success();
    invariant::nothing_left(&t, 0);
}

#[test]
fn rm_fa_removes_a_running_container_whose_record_is_damaged() {
    let (t, _registry) = rootful_target();
    let e = env(&t);
    let id = ok(
        &t,
        &[
            "run",
            "-d",
            "-e",
            &e,
            "--network",
            "none",
            &t.image,
            "sleep",
            "1000",
        ],
    )
    .stdout
    .trim()
    .to_string();
    std::fs::write(
        t.root.join("containers").join(&id).join("state.json"),
        "garbage",
    )
    .unwrap();
    let out = rm_all(&t);
    out.success();
    assert!(
        out.stdout.contains(&id),
        "rm -fa did not report {id}:\n{out}"
    );
    invariant::nothing_left(&t, 0);
}

#[test]
fn rm_force_of_a_container_that_does_not_exist_succeeds() {
    let (t, _registry) = rootful_target();
    let args = ["rm", "-f", "nosuch"];
    let out = Out::wait(&args, spawn(&t, &args));
    out.success();
    assert_eq!(out.stderr, "", "{out}");
}
