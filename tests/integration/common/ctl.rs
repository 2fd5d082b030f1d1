//! The real `ctl` binary, isolated: its own store, run dir, HOME, config and auth file,
//! all in one temp dir removed on drop.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

/// Longest any single `ctl` command may take before the test fails (a hang is a bug).
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// How long ctl's stdout and stderr may stay open after ctl exited.
pub const PIPE_GRACE: Duration = Duration::from_secs(5);

/// Texts that must never reach a user: a panic (even one caught by ctl's panic hook).
const PANIC_MARKERS: [&str; 3] = ["panicked", "RUST_BACKTRACE", "internal error"];

pub struct Ctl {
    dir: tempfile::TempDir,
    pub root: PathBuf,
    pub runroot: PathBuf,
    pub home: PathBuf,
    /// REGISTRY_AUTH_FILE: where `ctl login` writes.
    pub auth_file: PathBuf,
    /// CTL_CONFIG: absent unless a test writes it with [`Ctl::write_config`].
    pub config_file: PathBuf,
    /// CONTAINERS_CONF: empty unless a test writes it, so the host's containers.conf files
    /// play no part.
    pub containers_conf: PathBuf,
    /// CONTAINERS_REGISTRIES_CONF: empty unless a test writes it (the drop-ins of
    /// /etc/containers/registries.conf.d are still read, as podman reads them).
    pub registries_conf: PathBuf,
    /// CTL_NETWORK_BACKEND, when the test runs under [`with_network_backend`].
    pub network_backend: Option<&'static str>,
}

thread_local! {
    static NETWORK_BACKEND: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// Runs `body` with every [`Ctl`] it makes using bridge backend `backend`.
pub fn with_network_backend(backend: &'static str, body: fn()) {
    NETWORK_BACKEND.with(|b| b.set(Some(backend)));
    body();
    NETWORK_BACKEND.with(|b| b.set(None));
}

/// The bridge backend of the running test, if it chose one.
pub fn network_backend() -> Option<&'static str> {
    NETWORK_BACKEND.with(|b| b.get())
}

/// One finished `ctl` command.
#[derive(Debug, Clone)]
pub struct Out {
    pub args: Vec<String>,
    /// Exit code; None when killed by a signal.
    pub code: Option<i32>,
    /// The signal that killed it, if one did.
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Default for Ctl {
    fn default() -> Self {
        Self::new()
    }
}

impl Ctl {
    /// A rootful ctl (the tests run as root: chown to image uids, device nodes, overlay).
    pub fn new() -> Ctl {
        assert!(
            super::is_root(),
            "the integration tests run as root: sudo -E cargo test --test integration"
        );
        let dir = tempfile::Builder::new()
            .prefix("ctl-it-")
            .tempdir()
            .expect("temp dir");
        let p = dir.path().to_path_buf();
        for d in [
            "root",
            "run",
            "home",
            "home/.config",
            "home/.local/share",
            "xdg-run",
        ] {
            std::fs::create_dir_all(p.join(d)).expect("create test dirs");
        }
        for f in ["containers.conf", "registries.conf"] {
            std::fs::write(p.join(f), "").expect("write an empty config");
        }
        Ctl {
            root: p.join("root"),
            runroot: p.join("run"),
            home: p.join("home"),
            // Not the default path (XDG_CONFIG_HOME/containers/auth.json): a test can tell
            // whether REGISTRY_AUTH_FILE was honoured.
            auth_file: p.join("auth.json"),
            config_file: p.join("ctl.toml"),
            containers_conf: p.join("containers.conf"),
            registries_conf: p.join("registries.conf"),
            network_backend: network_backend(),
            dir,
        }
    }

    /// The temp dir holding everything of this instance.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn write_config(&self, toml: &str) {
        std::fs::write(&self.config_file, toml).expect("write ctl.toml");
    }

    /// `ctl --root R --runroot RR ARGS...` with a clean environment pointing into the temp dir.
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_with(Path::new(env!("CARGO_BIN_EXE_ctl")), args)
    }

    /// [`Ctl::command`] with another ctl binary (an installed one).
    pub fn command_with(&self, program: &Path, args: &[&str]) -> Command {
        let mut c = Command::new(program);
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("XDG_RUNTIME_DIR", self.dir().join("xdg-run"))
            .env("REGISTRY_AUTH_FILE", &self.auth_file)
            .env("DOCKER_CONFIG", self.home.join(".docker"))
            .env("CTL_CONFIG", &self.config_file)
            .env("CONTAINERS_CONF", &self.containers_conf)
            .env("CONTAINERS_REGISTRIES_CONF", &self.registries_conf)
            .env("LANG", "C.UTF-8")
            .env("CTL_NETWORK_BACKEND", self.network_backend.unwrap_or(""))
            .arg("--root")
            .arg(&self.root)
            .arg("--runroot")
            .arg(&self.runroot)
            .args(args);
        c
    }

    /// Starts `ctl ARGS...` with piped stdio (for kill and concurrency tests).
    pub fn spawn(&self, args: &[&str]) -> Child {
        self.command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn ctl")
    }

    /// Runs `ctl ARGS...` to the end (bounded by [`COMMAND_TIMEOUT`]); fails the test if the
    /// output shows a panic.
    pub fn run(&self, args: &[&str]) -> Out {
        self.run_with_stdin(args, None)
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Out {
        Self::run_command(self.command(args), args, stdin)
    }

    /// Runs a command made by [`Ctl::command`] (and maybe changed); `args` is for messages.
    pub fn run_command(mut cmd: Command, args: &[&str], stdin: Option<&str>) -> Out {
        cmd.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn ctl");
        if let Some(input) = stdin {
            let mut w = child.stdin.take().expect("stdin pipe");
            w.write_all(input.as_bytes()).expect("write ctl stdin");
        }
        Out::wait(args, child)
    }

    /// Runs and asserts success.
    pub fn ok(&self, args: &[&str]) -> Out {
        let out = self.run(args);
        out.success();
        out
    }

    /// `ctl pull -q REF`; returns the image id it printed.
    pub fn pull(&self, reference: &str) -> String {
        let out = self.ok(&["pull", "-q", reference]);
        let id = out.stdout.trim().to_string();
        assert!(
            id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "pull -q printed {:?}, expected an image id\n{out}",
            out.stdout
        );
        id
    }

    /// `ctl images --format json`.
    pub fn images(&self) -> Vec<Value> {
        match self.ok(&["images", "--format", "json"]).json() {
            Value::Array(a) => a,
            other => panic!("images --format json: not an array: {other}"),
        }
    }

    /// `ctl image inspect NAME`, the first (only) element.
    pub fn inspect(&self, name: &str) -> Value {
        let v = self.ok(&["image", "inspect", name]).json();
        v.get(0)
            .cloned()
            .unwrap_or_else(|| panic!("image inspect {name}: empty result: {v}"))
    }

    /// `ctl container inspect NAME`, the first (only) element.
    pub fn inspect_container(&self, name: &str) -> Value {
        let v = self.ok(&["container", "inspect", name]).json();
        v.get(0)
            .cloned()
            .unwrap_or_else(|| panic!("container inspect {name}: empty result: {v}"))
    }

    /// Names of the layer dirs under ROOT/layers (not its l/ of short links).
    pub fn layer_dirs(&self) -> BTreeSet<String> {
        let mut dirs = list(&self.root.join("layers"));
        dirs.remove("l");
        dirs
    }

    /// Names of the entries under ROOT/tmp (staging).
    pub fn tmp_entries(&self) -> BTreeSet<String> {
        list(&self.root.join("tmp"))
    }

    /// ROOT/layers/<chain hex>/diff.
    pub fn layer_diff(&self, chain_id: &str) -> PathBuf {
        self.root
            .join("layers")
            .join(super::hex_of(chain_id))
            .join("diff")
    }

    /// Asserts that every layer of `image` is stored under its chain id, exactly as its
    /// tarball says (content, modes, owners, mtimes, whiteouts, opaque dirs).
    pub fn assert_layers_of(&self, image: &super::Image) {
        let mut diffs = Vec::new();
        for (layer, chain) in image.layers.iter().zip(image.chain_ids()) {
            for d in super::tree::differences(&self.layer_diff(&chain), &layer.tar) {
                diffs.push(format!("layer {}: {d}", &super::hex_of(&chain)[..12]));
            }
        }
        assert!(
            diffs.is_empty(),
            "unpacked layers differ:\n{}",
            diffs.join("\n")
        );
    }

    /// Hex chain ids of `image`, as ROOT/layers names them.
    pub fn chain_dirs(image: &super::Image) -> BTreeSet<String> {
        image
            .chain_ids()
            .iter()
            .map(|c| super::hex_of(c).to_string())
            .collect()
    }

    /// The store's invariants, whatever happened before: every visible layer is complete
    /// (a parseable layer.json naming its own chain id, and a diff dir), and every image
    /// record lists only layers that exist.
    pub fn assert_store_consistent(&self) {
        for name in self.layer_dirs() {
            let dir = self.root.join("layers").join(&name);
            let json = std::fs::read(dir.join("layer.json"))
                .unwrap_or_else(|e| panic!("half layer visible: {}: {e}", dir.display()));
            let rec: Value = serde_json::from_slice(&json)
                .unwrap_or_else(|e| panic!("{}/layer.json: {e}", dir.display()));
            let chain = rec["chain_id"].as_str().unwrap_or_default();
            assert_eq!(
                super::hex_of(chain),
                name,
                "layer.json in {}",
                dir.display()
            );
            assert!(dir.join("diff").is_dir(), "{} has no diff/", dir.display());
        }
        let images = self.root.join("images");
        for id in list(&images) {
            let path = images.join(&id).join("image.json");
            let Ok(data) = std::fs::read(&path) else {
                continue;
            };
            let rec: Value = serde_json::from_slice(&data)
                .unwrap_or_else(|e| panic!("half image record {}: {e}", path.display()));
            for l in rec["layers"].as_array().into_iter().flatten() {
                let l = l.as_str().unwrap_or_default();
                assert!(
                    self.root
                        .join("layers")
                        .join(super::hex_of(l))
                        .join("layer.json")
                        .is_file(),
                    "image {id} lists missing layer {l}"
                );
            }
        }
    }
}

impl Drop for Ctl {
    /// Best effort, never panics: removes containers a test left (they may hold mounts and
    /// processes), then detaches any mount still under the temp dir, so that it can go.
    fn drop(&mut self) {
        // A pod's infra container goes only with its pod.
        if !list(&self.root.join("pods")).is_empty() {
            if let Ok(mut child) = self
                .command(&["pod", "rm", "--all", "--force", "--time", "0"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
            {
                let _ = wait_bounded(&mut child, Duration::from_secs(30));
            }
        }
        if !list(&self.root.join("containers")).is_empty() {
            if let Ok(mut child) = self
                .command(&["rm", "--all", "--force", "--time", "0"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
            {
                let _ = wait_bounded(&mut child, Duration::from_secs(30));
            }
        }
        for m in mounts_under(self.dir()) {
            if let Ok(c) = std::ffi::CString::new(m.as_os_str().as_encoded_bytes()) {
                // SAFETY: a NUL-terminated path; MNT_DETACH has no other requirement.
                unsafe { libc::umount2(c.as_ptr(), libc::MNT_DETACH) };
            }
        }
    }
}

/// Mount points under `dir`, deepest first (from /proc/self/mountinfo).
pub fn mounts_under(dir: &Path) -> Vec<PathBuf> {
    let info = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    let mut out: Vec<PathBuf> = info
        .lines()
        .filter_map(|l| l.split(' ').nth(4))
        .map(|p| PathBuf::from(unescape_octal(p)))
        .filter(|p| p.starts_with(dir))
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    out
}

/// mountinfo writes space, tab, newline and backslash as `\NNN`.
fn unescape_octal(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() && b[i + 1..i + 4].iter().all(u8::is_ascii_digit) {
            out.push(u8::from_str_radix(&s[i + 1..i + 4], 8).unwrap_or(b'?'));
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn list(dir: &Path) -> BTreeSet<String> {
    match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

/// Waits for `child` at most `timeout`; kills it and returns None when it takes longer.
pub fn wait_bounded(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(st)) => return Some(st),
            Ok(None) => {}
            Err(_) => return None,
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Reads a pipe on its own thread, passing chunks on; the channel closes at EOF.
fn reader(pipe: Option<impl Read + Send + 'static>) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    if let Some(mut p) = pipe {
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            while let Ok(n) = p.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
    }
    rx
}

/// What came through a pipe until its EOF, or until `deadline`; false when the pipe was
/// still open then (some process other than ctl holds it).
fn drain(rx: &mpsc::Receiver<Vec<u8>>, deadline: Instant) -> (String, bool) {
    let mut data = Vec::new();
    let closed = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(chunk) => data.extend_from_slice(&chunk),
            Err(mpsc::RecvTimeoutError::Disconnected) => break true,
            Err(mpsc::RecvTimeoutError::Timeout) => break false,
        }
    };
    (String::from_utf8_lossy(&data).into_owned(), closed)
}

impl Out {
    /// Waits for a spawned `ctl` (at most [`COMMAND_TIMEOUT`]), reading its pipes meanwhile
    /// so a chatty child never blocks on a full pipe, and checks its output for panics.
    /// Fails the test when something ctl started (a monitor, say) keeps ctl's stdout or
    /// stderr open after ctl exited: `id=$(ctl ...)` would hang on it.
    pub fn wait(args: &[&str], mut child: Child) -> Out {
        let out_rx = reader(child.stdout.take());
        let err_rx = reader(child.stderr.take());
        let status = wait_bounded(&mut child, COMMAND_TIMEOUT);
        let deadline = Instant::now() + PIPE_GRACE;
        let (stdout, out_closed) = drain(&out_rx, deadline);
        let (stderr, err_closed) = drain(&err_rx, deadline);
        let out = Out {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: status.and_then(|s| s.code()),
            signal: status.and_then(|s| std::os::unix::process::ExitStatusExt::signal(&s)),
            stdout,
            stderr,
        };
        assert!(
            status.is_some(),
            "ctl did not finish in {COMMAND_TIMEOUT:?}:\n{out}"
        );
        assert!(
            out_closed && err_closed,
            "ctl exited but its stdout/stderr stayed open {PIPE_GRACE:?} later \
             (held by a process it started):\n{out}"
        );
        out.no_panic();
        out
    }

    pub fn no_panic(&self) -> &Self {
        for m in PANIC_MARKERS {
            assert!(!self.stderr.contains(m), "ctl panicked ({m:?}):\n{self}");
            assert!(!self.stdout.contains(m), "ctl panicked ({m:?}):\n{self}");
        }
        self
    }

    pub fn success(&self) -> &Self {
        assert_eq!(self.code, Some(0), "expected success:\n{self}");
        self
    }

    /// Asserts the exit code (125: a ctl error, as docker and podman use it).
    pub fn failure(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "expected exit code {code}:\n{self}");
        self
    }

    pub fn stderr_has(&self, text: &str) -> &Self {
        assert!(self.stderr.contains(text), "stderr lacks {text:?}:\n{self}");
        self
    }

    pub fn stdout_has(&self, text: &str) -> &Self {
        assert!(self.stdout.contains(text), "stdout lacks {text:?}:\n{self}");
        self
    }

    /// The stderr lines that start with "Error:"; asserts there is exactly one and returns it.
    pub fn error_line(&self) -> String {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| l.starts_with("Error:"))
            .collect();
        assert_eq!(lines.len(), 1, "expected one error line:\n{self}");
        lines[0].to_string()
    }

    /// Asserts stderr is exactly one line and that it is an error.
    pub fn one_line_error(&self) -> String {
        let lines: Vec<&str> = self.stderr.trim_end().lines().collect();
        assert_eq!(lines.len(), 1, "expected a one-line error:\n{self}");
        assert!(lines[0].starts_with("Error: "), "{self}");
        lines[0].to_string()
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{self}"))
    }

    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

impl std::fmt::Display for Out {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "$ ctl {}", self.args.join(" "))?;
        writeln!(f, "exit: {:?}", self.code)?;
        if let Some(sig) = self.signal {
            writeln!(f, "killed by signal {sig}")?;
        }
        writeln!(f, "--- stdout\n{}", self.stdout)?;
        write!(f, "--- stderr\n{}", self.stderr)
    }
}
