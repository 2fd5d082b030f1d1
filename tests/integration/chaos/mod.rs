//! Chaos: random interleavings of container commands on a few names, with ctl processes
//! and monitors SIGKILLed at random instants; then the invariant is checked from the
//! outside (see [`invariant`]) while the store is quiet, and again after `ctl rm -fa`,
//! which must leave nothing at all.
//!
//! Bounded in time: `CTL_CHAOS_SECS` (default 45 s rootful, 20 s rootless) for soak runs.
//! The seed is printed, and `CTL_CHAOS_SEED=N` replays one.

mod invariant;
mod races;

use std::process::Stdio;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::common::{free_port, Image, Out, WithImage};
use crate::rootless::user::User;

use invariant::Target;

/// xorshift64*: a seedable generator, so a failing run can be replayed.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn seed() -> u64 {
    std::env::var("CTL_CHAOS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        })
}

fn duration(default_secs: u64) -> Duration {
    let secs = std::env::var("CTL_CHAOS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default_secs);
    Duration::from_secs(secs)
}

/// What one run of the chaos loop did.
#[derive(Default)]
pub struct Tally {
    pub ops: AtomicU64,
    pub killed_ctl: AtomicU64,
    pub killed_monitors: AtomicU64,
}

/// The commands the loop picks from, on a name and with the given images.
fn pick_command(rng: &mut Rng, t: &Target, name: &str) -> Vec<String> {
    let img = if rng.below(4) == 0 {
        t.spare_image.clone()
    } else {
        t.image.clone()
    };
    let mut net: Vec<String> = vec!["--network".into(), "none".into()];
    if t.bridge && rng.below(2) == 0 {
        // The default bridge with a published port: netns, veth, lease, rules, a socket.
        let port = t.ports[rng.below(t.ports.len() as u64) as usize];
        net = vec!["-p".into(), format!("127.0.0.1:{port}:80")];
    }
    let env = vec!["-e".to_string(), format!("CTL_CHAOS={}", t.token)];
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let run = |mode: &str, cmd: &[&str]| {
        let mut a = s(&["run", mode, "--name", name]);
        a.extend(env.clone());
        a.extend(net.clone());
        a.push(img.clone());
        a.extend(s(cmd));
        a
    };
    let vol = format!("chaosvol{}", rng.below(2));
    let other = format!("chaos{}", rng.below(4));
    let pod = format!("chaospod{}", rng.below(2));
    match rng.below(65) {
        0..=3 => run("-d", &["sleep", "1000"]),
        4 => run("--rm", &["true"]),
        5 => run("-d", &["sh", "-c", "sleep 0.$RANDOM"]),
        6 => {
            let mut a = run("-d", &["sleep", "1000"]);
            a[1] = "--rm".into();
            a.insert(2, "-d".into());
            a
        }
        7 | 8 => {
            let mut a = run("-d", &["sleep", "1000"]);
            a[0] = "create".into();
            a.remove(1);
            a
        }
        9 | 10 => s(&["start", name]),
        11 => s(&["stop", "-t", "0", name]),
        12 => s(&["stop", "-t", "1", name]),
        13 => s(&["kill", name]),
        14 | 15 => s(&["restart", "-t", "0", name]),
        16 | 17 => s(&["rm", "-f", name]),
        18 => s(&["rmi", "-f", &t.spare_image]),
        // podman's `start --attach`: the worker interrupts it as a user's ^C would.
        19 => s(&["start", "--attach", name]),
        // Without -f: a running container is refused (exit 2), a stopped one removed.
        20 => s(&["rm", name]),
        // Another container's namespaces: its current process's at each start, and it
        // stays while this one exists (rm -fa removes the joiner first).
        21 => {
            let donor = format!("chaos{}", (name.as_bytes()[5] - b'0' + 1) % 4);
            let mut a = run("-d", &["sleep", "1000"]);
            let join = format!("container:{donor}");
            for (i, v) in ["--ipc", &join, "--uts", &join].into_iter().enumerate() {
                a.insert(1 + i, v.to_string());
            }
            a
        }
        // Volumes: a named one shared by containers (made at first use, copied up), an
        // anonymous one with a --rm container, removed under users and pruned.
        22 => {
            let mut a = run("-d", &["sleep", "1000"]);
            a.insert(1, format!("{vol}:/data"));
            a.insert(1, "-v".into());
            a
        }
        23 => {
            let mut a = run("--rm", &["sh", "-c", "echo x > /scratch/f"]);
            a.insert(1, "/scratch".into());
            a.insert(1, "-v".into());
            a
        }
        24 => s(&["volume", "rm", "-f", "-t", "0", &vol]),
        25 => s(&["volume", "prune", "-f"]),
        26 => s(&["rm", "-f", "-v", name]),
        // Another container's volumes and binds (it may be gone, or be this one's name).
        27 => {
            let mut a = run("-d", &["sleep", "1000"]);
            a.insert(1, other);
            a.insert(1, "--volumes-from".into());
            a
        }
        // A user's mount outlives stops and starts; rm -f takes it (rootless: refused).
        28 => s(&["mount", name]),
        29 => s(&["umount", name]),
        30 => s(&["unmount", "-a"]),
        // Mounts a stopped container's rootfs for the time of the export.
        31 => s(&["export", "-o", "/dev/null", name]),
        // cp into and out of a running or stopped one (a stopped one's rootfs is mounted
        // for the copy only).
        32 => s(&["cp", "/etc/passwd", &format!("{name}:/tmp/chaos")]),
        33 => s(&["cp", &format!("{name}:/data"), "-"]),
        // A new name for a container, racing every command on both names.
        34 => s(&["rename", name, &other]),
        // Dangling images only: the images the workers run stay.
        35 => s(&["image", "prune", "-f"]),
        // Reads every record while others change them: damage found is an error (125).
        36 => s(&["system", "check"]),
        // A check run by the monitor every second that fails: the monitor restarts or
        // kills the container itself, racing every command.
        37 => {
            let mut a = run("-d", &["sleep", "1000"]);
            let action = ["restart", "kill"][rng.below(2) as usize];
            let health = [
                "--health-cmd",
                "test -e /tmp/never",
                "--health-interval",
                "1s",
                "--health-retries",
                "1",
                "--health-on-failure",
                action,
            ];
            for (i, v) in health.into_iter().enumerate() {
                a.insert(1 + i, v.to_string());
            }
            a
        }
        38 => s(&["healthcheck", "run", name]),
        // Frozen and thawed by the runtime; a killed pause or unpause leaves a record the
        // next reader settles, and rm -fa must still remove a frozen container.
        39 => s(&["pause", name]),
        40 => s(&["unpause", name]),
        // New limits, live and in the record the next start runs.
        41 => s(&[
            "update",
            "--memory",
            &format!("{}m", 32 + rng.below(32)),
            name,
        ]),
        // A new image from a container's changes, running or not; killed, it leaves no
        // half image (the layer and the record each appear by one rename).
        42 => s(&[
            "commit",
            "-q",
            name,
            &format!("localhost/chaoscommit:{}", rng.below(2)),
        ]),
        // Every layer rebuilt from the store while containers come and go on it.
        43 => s(&["save", "-o", "/dev/null", &img]),
        // A build: its RUN runs in a container of its own, its steps store images; killed,
        // it leaves no half image, and its container is listed and removable.
        44 => {
            let ctx = build_context(&img);
            let mut a = s(&["build", "-q", "--network", "none", "-t"]);
            a.push(format!("localhost/chaosbuild:{}", rng.below(2)));
            if rng.below(2) == 0 {
                a.push("--no-cache".into());
            }
            // Squashing mounts the built image through a container of its own.
            match rng.below(3) {
                1 => a.push("--squash".into()),
                2 => a.push("--squash-all".into()),
                _ => {}
            }
            a.push(ctx);
            a
        }
        // Pods: the pod's directory, its infra and its record; killed, a listed pod or a
        // plain container is left (pod rm -fa and rm -fa take them).
        45 => s(&["pod", "create", "--network", "none", "--name", &pod]),
        46 => s(&["pod", "rm", "-f", "-t", "0", &pod]),
        47 => s(&["run", "-d", "--pod", &pod, &img, "sleep", "1000"]),
        48 => s(&["pod", "stop", "-t", "0", &pod]),
        49 => s(&["pod", "kill", &pod]),
        // A pod stopped by its last member's cleanup; an infra pid file and an id file.
        54 => s(&[
            "pod",
            "create",
            "--network",
            "none",
            "--exit-policy",
            "stop",
            "--name",
            &pod,
        ]),
        55 => s(&["run", "-d", "--pod", &pod, &img, "sh", "-c", "sleep 0.3"]),
        56 => s(&["pod", "start", &pod]),
        // A volume with a tmpfs of its own: mounted while a created or running container
        // uses it, unmounted by the last one's cleanup or removal.
        50 => s(&[
            "volume",
            "create",
            "--ignore",
            "-o",
            "type=tmpfs",
            "-o",
            "device=tmpfs",
            "-o",
            "o=size=4m",
            "chaostmpfs",
        ]),
        51 => {
            let mut a = run("-d", &["sleep", "1000"]);
            a.insert(1, "chaostmpfs:/t".into());
            a.insert(1, "-v".into());
            a
        }
        // To the registry the images came from; zstd is compressed here and kept beside the
        // layer: killed, the push leaves no half copy and changes nothing else in the store.
        52 => {
            let registry = img.split('/').next().unwrap_or_default();
            let format = ["gzip", "zstd"][rng.below(2) as usize];
            s(&[
                "push",
                "-q",
                "--compression-format",
                format,
                &img,
                &format!("{registry}/chaospush:{format}"),
            ])
        }
        // New checks handed to a running container's monitor (a reload file and a word on
        // its fifo), or a startup check that restarts it after two failures.
        53 => {
            let mut a = s(&["update", "--health-interval", "1s", "--health-cmd"]);
            if rng.below(2) == 0 {
                a.push("true".into());
            } else {
                a.extend(s(&[
                    "false",
                    "--health-startup-cmd",
                    "false",
                    "--health-startup-interval",
                    "1s",
                    "--health-startup-retries",
                    "2",
                ]));
            }
            a.push(name.to_string());
            a
        }
        // kube play of a one-container pod, and its down: the pod, its infra and its
        // container made through the pod and create paths; killed, a listed pod or
        // container is left, and a failed play removes what it made.
        57 => {
            let file = kube_yaml(&img, &t.token, rng.below(2));
            s(&["kube", "play", "--replace", "--network", "none", &file])
        }
        58 => s(&["kube", "down", &kube_yaml(&img, &t.token, rng.below(2))]),
        // Secrets: replaced and removed while containers are made with a copy of them
        // (in the container's directory, gone with it); killed, a listed secret or none.
        59 => s(&[
            "secret",
            "create",
            "--replace",
            "chaossecret",
            "/etc/passwd",
        ]),
        60 => s(&["secret", "rm", "-i", "chaossecret"]),
        61 => {
            let mut a = run("-d", &["sleep", "1000"]);
            a.insert(1, "chaossecret,target=/etc/chaos".into());
            a.insert(1, "--secret".into());
            a
        }
        // The tmpfs volume mounted and unmounted by hand (a user without a record), and
        // exported (mounted for that time when nobody uses it).
        62 => s(&["volume", "mount", "chaostmpfs"]),
        63 => s(&["volume", "unmount", "chaostmpfs"]),
        64 => s(&["volume", "export", "-o", "/dev/null", "chaostmpfs"]),
        _ => s(&["pull", "-q", &t.spare_image]),
    }
}

/// A pod YAML (`chaoskube0` or `chaoskube1`) on `img`, written once per image and pod.
fn kube_yaml(img: &str, token: &str, n: u64) -> String {
    static FILES: std::sync::Mutex<Vec<(String, tempfile::NamedTempFile)>> =
        std::sync::Mutex::new(Vec::new());
    let key = format!("{img} {n}");
    let mut files = FILES.lock().unwrap();
    if let Some((_, f)) = files.iter().find(|(k, _)| *k == key) {
        return f.path().to_string_lossy().into_owned();
    }
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: chaoskube{n}\nspec:\n  \
         terminationGracePeriodSeconds: 0\n  containers:\n  - name: main\n    image: {img}\n    \
         command: [sleep, \"1000\"]\n    env: [{{name: CTL_CHAOS, value: \"{token}\"}}]\n"
    );
    let f = tempfile::Builder::new()
        .prefix("ctl-chaos-kube-")
        .suffix(".yaml")
        .tempfile()
        .unwrap();
    std::fs::write(f.path(), yaml).unwrap();
    let p = f.path().to_string_lossy().into_owned();
    files.push((key, f));
    p
}

/// A tiny build context on `img` (one per image, made once).
fn build_context(img: &str) -> String {
    static DIRS: std::sync::Mutex<Vec<(String, tempfile::TempDir)>> =
        std::sync::Mutex::new(Vec::new());
    let mut dirs = DIRS.lock().unwrap();
    if let Some((_, d)) = dirs.iter().find(|(i, _)| i == img) {
        return d.path().to_string_lossy().into_owned();
    }
    let d = tempfile::Builder::new()
        .prefix("ctl-chaos-build-")
        .tempdir()
        .unwrap();
    let file = format!("FROM {img}\nRUN echo $$ > /ran\nCOPY c /c\nCMD [\"cat\", \"/c\"]\n");
    std::fs::write(d.path().join("Containerfile"), file).unwrap();
    std::fs::write(d.path().join("c"), "chaos\n").unwrap();
    let p = d.path().to_string_lossy().into_owned();
    dirs.push((img.to_string(), d));
    p
}

/// One worker: commands one after another, some SIGKILLed after a random delay.
fn worker(t: &Target, mut rng: Rng, until: Instant, tally: &Tally) {
    while Instant::now() < until {
        let name = format!("chaos{}", rng.below(4));
        let args = pick_command(&mut rng, t, &name);
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut child = (t.command)(&argv)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn ctl");
        // An attached start follows the container until it ends: always cut short.
        let attached = argv.contains(&"--attach");
        if attached || rng.below(4) == 0 {
            std::thread::sleep(Duration::from_millis(rng.below(300)));
            if matches!(child.try_wait(), Ok(None)) {
                let _ = child.kill();
                tally.killed_ctl.fetch_add(1, Ordering::Relaxed);
            }
        }
        let out = Out::wait(&argv, child);
        check_output(&out);
        tally.ops.fetch_add(1, Ordering::Relaxed);
    }
}

/// Whatever a command's fate, what it says is ctl's own: no panic (checked by
/// [`Out::wait`]), no runtime internals leaking through, errors one line each.
fn check_output(out: &Out) {
    for bad in ["%!w(", "%!v(", "unable to store init state"] {
        assert!(
            !out.stderr.contains(bad),
            "runtime internals leaked:\n{out}"
        );
    }
    if out.signal.is_none() {
        // Pull progress may come first; an error is one line, and the last.
        let lines: Vec<&str> = out.stderr.lines().filter(|l| !l.is_empty()).collect();
        if let Some(i) = lines.iter().position(|l| l.starts_with("Error: ")) {
            assert_eq!(i + 1, lines.len(), "an error of more than one line:\n{out}");
        }
    }
}

/// Kills a random monitor of this store now and then, at random instants.
fn monitor_killer(t: &Target, mut rng: Rng, until: Instant, tally: &Tally) {
    while Instant::now() < until {
        std::thread::sleep(Duration::from_millis(200 + rng.below(800)));
        let monitors = invariant::monitors(t);
        if monitors.is_empty() {
            continue;
        }
        let (pid, _) = &monitors[rng.below(monitors.len() as u64) as usize];
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(*pid),
            nix::sys::signal::Signal::SIGKILL,
        );
        tally.killed_monitors.fetch_add(1, Ordering::Relaxed);
    }
}

/// Runs the loop on `t` for `length` with `workers` concurrent command streams, then
/// checks the invariant, removes everything and checks that nothing is left.
fn chaos(t: Target, workers: u64, length: Duration) {
    let seed = seed();
    eprintln!(
        "chaos ({}): seed {seed} (replay with CTL_CHAOS_SEED={seed}), {} s",
        t.label,
        length.as_secs()
    );
    let until = Instant::now() + length;
    let tally = Tally::default();
    let mut rng = Rng::new(seed);
    std::thread::scope(|s| {
        for _ in 0..workers {
            let r = Rng::new(rng.next());
            let (t, tally) = (&t, &tally);
            s.spawn(move || worker(t, r, until, tally));
        }
        let r = Rng::new(rng.next());
        let (t, tally) = (&t, &tally);
        s.spawn(move || monitor_killer(t, r, until, tally));
    });
    eprintln!(
        "chaos ({}): seed {seed}: {} commands, {} ctl SIGKILLed, {} monitors SIGKILLed",
        t.label,
        tally.ops.load(Ordering::Relaxed),
        tally.killed_ctl.load(Ordering::Relaxed),
        tally.killed_monitors.load(Ordering::Relaxed)
    );
    invariant::settled(&t, seed);
    let out = rm_all(&t);
    assert_eq!(out.code, Some(0), "seed {seed}: rm -fa failed:\n{out}");
    invariant::nothing_left(&t, seed);
    // With no container left, every volume is unused: prune takes them all.
    let args = ["volume", "prune", "-f"];
    let child = (t.command)(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ctl");
    let out = Out::wait(&args, child);
    assert_eq!(
        out.code,
        Some(0),
        "seed {seed}: volume prune failed:\n{out}"
    );
    invariant::no_volumes_left(&t, seed);
}

pub fn rm_all(t: &Target) -> Out {
    // Every pod is removable, its infra with it.
    let args = ["pod", "rm", "-fa", "-t", "0"];
    let child = (t.command)(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ctl");
    let out = Out::wait(&args, child);
    if out.code != Some(0) {
        return out;
    }
    let args = ["rm", "-fa", "-t", "0"];
    let child = (t.command)(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ctl");
    Out::wait(&args, child)
}

/// An image of its own (not busybox under a second name): removing it removes it.
fn spare_image() -> Image {
    Image::busybox().with_layer(crate::common::fixtures::text_layer("etc/spare", "spare"))
}

static TOKENS: AtomicU64 = AtomicU64::new(0);

fn token() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        TOKENS.fetch_add(1, Ordering::Relaxed)
    )
}

/// A rootful store with the busybox fixture and a spare image pulled; the registry must
/// outlive the target.
pub fn rootful_target() -> (Target, crate::common::Registry) {
    let mut w = WithImage::busybox();
    // Either bridge backend: CTL_CHAOS_NETWORK_BACKEND, or one of the two by the clock.
    let backend = match std::env::var("CTL_CHAOS_NETWORK_BACKEND").as_deref() {
        Ok("native") => "native",
        Ok("netavark") => "netavark",
        _ if seed() % 2 == 1 => "native",
        _ => "netavark",
    };
    eprintln!("chaos (rootful): the {backend} bridge backend (CTL_CHAOS_NETWORK_BACKEND)");
    w.ctl.network_backend = Some(backend);
    let spare = w.registry.reference("fixtures/spare:1");
    w.registry.push("fixtures/spare:1", &spare_image());
    w.ctl.ok(&["pull", "-q", &spare]);
    let ctl = Arc::new(w.ctl);
    let c = ctl.clone();
    let t = Target {
        label: "rootful",
        command: Box::new(move |args: &[&str]| c.command(args)),
        root: ctl.root.clone(),
        runroot: ctl.runroot.clone(),
        uid: None,
        image: w.reference.clone(),
        spare_image: spare,
        bridge: true,
        ports: vec![free_port(), free_port()],
        token: token(),
    };
    (t, w.registry)
}

#[test]
fn rootful_commands_and_kills_keep_the_invariant() {
    let (t, _registry) = rootful_target();
    chaos(t, 4, duration(45));
}

#[test]
fn rootless_commands_and_kills_keep_the_invariant() {
    let registry = crate::common::Registry::start();
    registry.push("fixtures/busybox:latest", &Image::busybox());
    registry.push("fixtures/spare:1", &spare_image());
    let image = registry.reference("fixtures/busybox:latest");
    let spare = registry.reference("fixtures/spare:1");
    let user = Arc::new(User::create(true));
    user.ok(&["pull", "-q", &image]);
    user.ok(&["pull", "-q", &spare]);
    let u = user.clone();
    let t = Target {
        label: "rootless",
        command: Box::new(move |args: &[&str]| u.command(args)),
        root: user.store(),
        runroot: user.runtime_dir.join("ctl"),
        uid: Some(user.uid),
        image,
        spare_image: spare,
        bridge: false,
        ports: vec![],
        token: token(),
    };
    chaos(t, 3, duration(20));
    user.stop_everything();
}
