//! `ctl run` and `ctl create`: flags as docker and podman take them.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};

use ctl::container::lifecycle::Manager;
use ctl::container::request::CreateRequest;
use ctl::container::store::SdNotify;
use ctl::image::pull::PullPolicy;
use ctl::image::registry::{Platform, RegistryOptions};
use ctl::image::store::ImageRecord;
use ctl::sys::HeldSignals;
use ctl::Context;
use ctl_monitor::LogDriver;

use super::attach;
use super::progress::reporter;

#[derive(Debug, clap::Args)]
pub struct CreateFlags {
    /// Name the container
    #[arg(long)]
    pub name: Option<String>,
    /// Set an environment variable (K=V, or K to take it from this environment)
    #[arg(short, long = "env", value_name = "K=V")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Mount a host path or a volume: /HOST:CTR[:OPTS], NAME:CTR[:OPTS] (a named volume,
    /// made if missing), or CTR (an anonymous volume); OPTS: ro, rw, nocopy, propagation
    #[arg(short, long = "volume", value_name = "SRC:CTR[:OPTS]")]
    pub volume: Vec<String>,
    /// Mount: type=bind,source=..,target=..[,readonly], type=volume[,source=NAME],target=..
    /// [,readonly][,volume-nocopy] or type=tmpfs,target=..
    #[arg(long, value_name = "SPEC")]
    pub mount: Vec<String>,
    /// Mount a tmpfs: PATH[:OPTS]
    #[arg(long, value_name = "PATH[:OPTS]")]
    pub tmpfs: Vec<String>,
    /// Mount the binds and volumes of another container, in their mode or ro/rw (OPTS: ro,
    /// rw, z)
    #[arg(long = "volumes-from", value_name = "CTR[:OPTS]")]
    pub volumes_from: Vec<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// User to run as: user[:group], names from the image's /etc/passwd
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Override the image's entrypoint ("" clears it)
    #[arg(long, value_name = "CMD", allow_hyphen_values = true)]
    pub entrypoint: Option<String>,
    /// Container host name (default: the short id)
    #[arg(short = 'h', long)]
    pub hostname: Option<String>,
    /// Set a label: KEY=VALUE
    #[arg(short, long = "label", value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Remove an existing container of the same name first
    #[arg(long)]
    pub replace: bool,
    /// Write the container id to this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
    /// Run in a pod (name or id); new:NAME makes the pod first
    #[arg(long, value_name = "POD")]
    pub pod: Option<String>,
    /// Run in the pod whose id this file holds
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Option<PathBuf>,
    /// Signal that stops the container (default: the image's, or SIGTERM)
    #[arg(long, value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Seconds to wait after the stop signal before killing
    #[arg(long, value_name = "SECS")]
    pub stop_timeout: Option<u32>,
    /// Mount the container's root filesystem read-only
    #[arg(long)]
    pub read_only: bool,
    /// With --read-only, mount tmpfs on /run, /tmp and /var/tmp
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub read_only_tmpfs: bool,
    #[command(flatten)]
    pub limits: super::limits::LimitArgs,
    /// Do not let the kernel's OOM killer kill the container's processes
    #[arg(long)]
    pub oom_kill_disable: bool,
    /// Resource limit: NAME=SOFT[:HARD], e.g. nofile=1024:2048 (default: ctl's own)
    #[arg(long, value_name = "NAME=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// Add a capability (NET_ADMIN, CAP_NET_ADMIN, ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop a capability (or ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give the container every capability and the host's devices; no seccomp filter and
    /// no masked paths
    #[arg(long)]
    pub privileged: bool,
    /// no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=PATHS|ALL
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Add a supplementary group (name from the image's /etc/group, or a number)
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Run an init (catatonit or tini) as PID 1 that reaps zombies and forwards signals
    #[arg(long)]
    pub init: bool,
    /// The init binary for --init
    #[arg(long, value_name = "PATH")]
    pub init_path: Option<PathBuf>,
    /// Network: bridge (the default network; default as root), NAME, none, host,
    /// container:NAME|ID; rootless: pasta (default), slirp4netns, none, host
    #[arg(long, visible_alias = "net", value_name = "MODE")]
    pub network: Option<String>,
    /// Publish a port: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp], ports or ranges
    #[arg(short, long = "publish", value_name = "[IP:][HOST:]CTR[/PROTO]")]
    pub publish: Vec<String>,
    /// Publish every port the image exposes, each on a free host port
    #[arg(short = 'P', long)]
    pub publish_all: bool,
    /// The container's IPv4 address on its network
    #[arg(long, value_name = "ADDRESS")]
    pub ip: Option<std::net::Ipv4Addr>,
    /// Another name the container answers to on its network
    #[arg(long, value_name = "ALIAS")]
    pub network_alias: Vec<String>,
    /// DNS servers for /etc/resolv.conf (none: keep the image's file)
    #[arg(long, value_name = "IP", value_delimiter = ',')]
    pub dns: Vec<String>,
    /// DNS search domains (`.`: none)
    #[arg(long, value_name = "DOMAIN", value_delimiter = ',')]
    pub dns_search: Vec<String>,
    /// Options for /etc/resolv.conf (e.g. ndots:2)
    #[arg(long, value_name = "OPTION", value_delimiter = ',')]
    pub dns_option: Vec<String>,
    /// Add a line to /etc/hosts: NAME[;NAME...]:IP, or NAME:host-gateway for the host
    #[arg(long, value_name = "HOST:IP", value_delimiter = ',')]
    pub add_host: Vec<String>,
    /// Do not write /etc/hosts: keep the image's
    #[arg(long)]
    pub no_hosts: bool,
    /// Do not write /etc/hostname: keep the image's
    #[arg(long)]
    pub no_hostname: bool,
    /// Size of /dev/shm (b, k, m, g; 0: unlimited; default 64m)
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Set a namespaced kernel parameter: NAME=VALUE (net.*, fs.mqueue.*, kernel IPC ones)
    #[arg(long, value_name = "NAME=VALUE")]
    pub sysctl: Vec<String>,
    /// Time zone in the container: an area/city name from /usr/share/zoneinfo, or local
    #[arg(long, value_name = "TIMEZONE")]
    pub tz: Option<String>,
    /// The process's umask (octal, default 0022)
    #[arg(long, value_name = "UMASK")]
    pub umask: Option<String>,
    /// Pass this environment into the container (below --env-file and --env)
    #[arg(long)]
    pub env_host: bool,
    /// Set a variable from the default and image environment: K=V with ${VAR} expanded
    /// (e.g. PATH=/opt/bin:${PATH})
    #[arg(long, value_name = "K=V")]
    pub env_merge: Vec<String>,
    /// Leave out a variable of the default or image environment
    #[arg(long, value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// Leave out the whole default and image environment
    #[arg(long)]
    pub unsetenv_all: bool,
    /// Pass this environment's proxy variables (http_proxy, https_proxy, ftp_proxy,
    /// no_proxy, and their capitals) into the container
    // A bool as pflag's: a value only with `=` (`--http-proxy IMAGE` names the image).
    #[arg(
        long,
        value_name = "BOOL",
        num_args = 0..=1,
        require_equals = true,
        default_value_t = true,
        action = clap::ArgAction::Set,
        default_missing_value = "true"
    )]
    pub http_proxy: bool,
    /// Read labels from a file: KEY=VALUE lines
    #[arg(long, value_name = "FILE")]
    pub label_file: Vec<PathBuf>,
    /// Add an annotation to the container: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Give the container a secret: NAME[,type=mount|env][,target=T][,uid=N,gid=N,mode=M]
    #[arg(long, value_name = "SECRET[,OPT=VALUE...]")]
    pub secret: Vec<String>,
    /// Expose a port or a range (PORT[-END][/tcp|udp]); -P publishes it
    #[arg(long, value_name = "PORT[/PROTO]")]
    pub expose: Vec<String>,
    /// Tune the host's OOM preference for the container (-1000 to 1000)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub oom_score_adj: Option<i32>,
    /// IPC namespace: private (default), shareable, none (no /dev/shm), host,
    /// container:NAME, ns:PATH
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// PID namespace: private (default), host, container:NAME, ns:PATH
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// UTS namespace: private (default), host, container:NAME, ns:PATH
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// Cgroup namespace: private (default on cgroup v2) or host
    #[arg(long, value_name = "MODE")]
    pub cgroupns: Option<String>,
    /// User namespace: host (the default; rootless, the user's), keep-id[:uid=,gid=,size=]
    /// (rootless: you are uid:gid inside, on a chowned copy of the image's layers; as root:
    /// the caller's ids, no new namespace), nomap (rootless: your own id left out),
    /// auto[:size=N,uidmapping=,gidmapping=] (as root: a free range of the `containers`
    /// user's subordinate ids)
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// A user namespace with this UID mapping: [+ug]CONTAINER:HOST[:SIZE] (repeatable;
    /// alone, it is the GID mapping too)
    #[arg(long, value_name = "CONTAINER:HOST[:SIZE]")]
    pub uidmap: Vec<String>,
    /// A user namespace with this GID mapping: [+ug]CONTAINER:HOST[:SIZE] (repeatable;
    /// alone, it is the UID mapping too)
    #[arg(long, value_name = "CONTAINER:HOST[:SIZE]")]
    pub gidmap: Vec<String>,
    /// Add a host device: HOST[:CONTAINER][:PERMISSIONS] (r, w, m; default rwm)
    #[arg(long, value_name = "HOST[:CTR][:PERMS]")]
    pub device: Vec<String>,
    /// Allow more devices in the cgroup: "TYPE MAJOR:MINOR ACCESS" (e.g. "c 1:3 mr")
    #[arg(long, value_name = "RULE")]
    pub device_cgroup_rule: Vec<String>,
    /// The container's cgroup: enabled (the default) or no-conmon (the monitor never has
    /// a cgroup of its own in ctl); disabled and split are refused
    #[arg(long, value_name = "MODE")]
    pub cgroups: Option<String>,
    /// Write the container's pid to this file at each start
    #[arg(long, value_name = "FILE")]
    pub pidfile: Option<PathBuf>,
    /// Write the monitor's (podman's conmon's) pid to this file at each start
    #[arg(long, value_name = "FILE")]
    pub conmon_pidfile: Option<PathBuf>,
    /// Attach to these streams only: stdin, stdout, stderr (default: the output streams,
    /// and stdin with -i)
    #[arg(short, long, value_name = "STREAM", value_delimiter = ',')]
    pub attach: Vec<String>,
    /// Pull without progress output
    #[arg(short, long)]
    pub quiet: bool,
    /// Pull the image for this platform: OS/ARCH[/VARIANT]
    #[arg(long, value_name = "OS/ARCH")]
    pub platform: Option<String>,
    /// systemd mode: true (when the command is systemd or an init), false, always
    #[arg(long, default_value = "true", value_name = "MODE")]
    pub systemd: String,
    /// Kill the container after it has run this many seconds (0: no limit)
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u32>,
    /// Pull the image: missing, always, never
    #[arg(long, value_enum, default_value = "missing")]
    pub pull: PullFlag,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    /// Keep stdin open
    #[arg(short, long)]
    pub interactive: bool,
    /// Log driver: k8s-file, none, journald, passthrough
    #[arg(long, value_enum, default_value = "k8s-file")]
    pub log_driver: LogDriverFlag,
    /// Log options: max-size=SIZE, max-file=N
    #[arg(long, value_name = "OPT=VALUE")]
    pub log_opt: Vec<String>,
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Restart policy: no, on-failure[:N], always, unless-stopped
    #[arg(long, default_value = "no", value_name = "POLICY")]
    pub restart: String,
    #[command(flatten)]
    pub health: super::healthcheck::Flags,
    #[command(flatten)]
    pub extras: super::run_extras::ExtrasFlags,
    /// Require HTTPS for the pull (false: plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Under systemd (NOTIFY_SOCKET set): who sends READY=1: container, conmon (ctl's
    /// monitor, once the container started) or ignore
    #[arg(long, value_enum, default_value = "container", value_name = "MODE")]
    pub sdnotify: SdNotifyFlag,
    /// The image, then the command and its arguments (default: the image's). Everything
    /// after the image belongs to the command, as with docker: `run IMAGE ls -l`.
    // No allow_hyphen_values: an unknown option before the image is an error, never an
    // image name; trailing_var_arg alone makes everything after the image the command's.
    #[arg(
        value_name = "IMAGE [COMMAND [ARG...]]",
        required = true,
        trailing_var_arg = true
    )]
    pub image_and_command: Vec<String>,
    /// Print help (`-h` is --hostname here, as podman's)
    #[arg(long, action = clap::ArgAction::Help)]
    help: Option<bool>,
}

/// `--pull`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PullFlag {
    Missing,
    Always,
    Never,
    Newer,
}

impl From<PullFlag> for PullPolicy {
    fn from(p: PullFlag) -> Self {
        match p {
            PullFlag::Missing => PullPolicy::Missing,
            PullFlag::Always => PullPolicy::Always,
            PullFlag::Never => PullPolicy::Never,
            PullFlag::Newer => PullPolicy::Newer,
        }
    }
}

/// `--log-driver`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogDriverFlag {
    #[value(name = "k8s-file")]
    KFile,
    None,
    Journald,
    Passthrough,
}

impl From<LogDriverFlag> for LogDriver {
    fn from(d: LogDriverFlag) -> Self {
        match d {
            LogDriverFlag::KFile => LogDriver::KFile,
            LogDriverFlag::None => LogDriver::None,
            LogDriverFlag::Journald => LogDriver::Journald,
            LogDriverFlag::Passthrough => LogDriver::Passthrough,
        }
    }
}

/// `--sdnotify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SdNotifyFlag {
    Container,
    Conmon,
    Ignore,
}

impl From<SdNotifyFlag> for SdNotify {
    fn from(s: SdNotifyFlag) -> Self {
        match s {
            SdNotifyFlag::Container => SdNotify::Container,
            SdNotifyFlag::Conmon => SdNotify::Conmon,
            SdNotifyFlag::Ignore => SdNotify::Ignore,
        }
    }
}

/// `-a STREAM...`: stdin, stdout, stderr (podman's words for another).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streams {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
}

impl CreateFlags {
    /// The streams `-a` names; none given: all of them (stdin only with -i).
    pub fn attach_streams(&self) -> Result<Streams> {
        if self.attach.is_empty() {
            return Ok(Streams {
                stdin: self.interactive,
                stdout: true,
                stderr: true,
            });
        }
        if self.log_driver == LogDriverFlag::Passthrough {
            bail!("cannot specify --attach with --log-driver=passthrough: invalid argument");
        }
        let mut s = Streams {
            stdin: self.interactive,
            ..Default::default()
        };
        for a in &self.attach {
            match a.to_ascii_lowercase().as_str() {
                "stdin" => s.stdin = true,
                "stdout" => s.stdout = true,
                "stderr" => s.stderr = true,
                _ => bail!(
                    "invalid stream {a:?} for --attach - must be one of stdin, stdout, or \
                     stderr: invalid argument"
                ),
            }
        }
        Ok(s)
    }

    pub fn image(&self) -> &str {
        &self.image_and_command[0]
    }

    pub fn command(&self) -> &[String] {
        &self.image_and_command[1..]
    }
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Run in the background and print the container id
    #[arg(short, long)]
    pub detach: bool,
    /// Keys that detach from the container: ctrl-<x> or characters, comma separated
    #[arg(long, default_value = "ctrl-p,ctrl-q", value_name = "KEYS")]
    pub detach_keys: String,
    /// Pass the fds 3 to 3+N-1 of this process into the container
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
    /// Remove the image once the container exited and is removed, unless another container
    /// uses it; implies --rm
    #[arg(long)]
    pub rmi: bool,
    /// Forward INT, TERM and HUP to the container
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub sig_proxy: bool,
    #[command(flatten)]
    pub flags: CreateFlags,
}

impl CreateFlags {
    /// The flags as the library takes them.
    fn request(&self) -> CreateRequest {
        CreateRequest {
            name: self.name.clone(),
            image: self.image().to_string(),
            command: self.command().to_vec(),
            entrypoint: self.entrypoint.clone(),
            env: self.env.clone(),
            env_files: self.env_file.clone(),
            volumes: self.volume.clone(),
            mounts: self.mount.clone(),
            volumes_from: self.volumes_from.clone(),
            inherited_mounts: Vec::new(),
            tmpfs: self.tmpfs.clone(),
            workdir: self.workdir.clone(),
            user: self.user.clone(),
            hostname: self.hostname.clone(),
            labels: self.label.clone(),
            stop_signal: self.stop_signal.clone(),
            stop_timeout: self.stop_timeout,
            read_only: self.read_only,
            read_only_tmpfs: self.read_only_tmpfs,
            limits: self.limits.request(self.oom_kill_disable),
            ulimits: self.ulimit.clone(),
            cap_add: self.cap_add.clone(),
            cap_drop: self.cap_drop.clone(),
            privileged: self.privileged,
            security_opt: self.security_opt.clone(),
            group_add: self.group_add.clone(),
            init: self.init,
            init_path: self.init_path.clone(),
            network: self.network.clone(),
            publish: self.publish.clone(),
            publish_all: self.publish_all,
            ip: self.ip,
            network_aliases: self.network_alias.clone(),
            dns: self.dns.clone(),
            dns_search: self.dns_search.clone(),
            dns_options: self.dns_option.clone(),
            add_hosts: self.add_host.clone(),
            no_hosts: self.no_hosts,
            no_hostname: self.no_hostname,
            shm_size: self.shm_size.clone(),
            sysctls: self.sysctl.clone(),
            tz: self.tz.clone(),
            umask: self.umask.clone(),
            env_host: self.env_host,
            env_merge: self.env_merge.clone(),
            unsetenv: self.unsetenv.clone(),
            unsetenv_all: self.unsetenv_all,
            http_proxy: self.http_proxy,
            label_files: self.label_file.clone(),
            annotations: self.annotation.clone(),
            secrets: self.secret.clone(),
            expose: self.expose.clone(),
            oom_score_adj: self.oom_score_adj,
            ipc: self.ipc.clone(),
            pid: self.pid.clone(),
            uts: self.uts.clone(),
            cgroupns: self.cgroupns.clone(),
            userns: self.userns.clone(),
            uidmap: self.uidmap.clone(),
            gidmap: self.gidmap.clone(),
            devices: self.device.clone(),
            device_cgroup_rules: self.device_cgroup_rule.clone(),
            cgroups: self.cgroups.clone(),
            // Written at each start, from wherever ctl then runs.
            pidfile: self.pidfile.as_deref().map(absolute),
            conmon_pidfile: self.conmon_pidfile.as_deref().map(absolute),
            tty: self.tty,
            // `-a stdin` keeps the container's stdin open, as -i.
            interactive: self.interactive
                || self.attach.iter().any(|a| a.eq_ignore_ascii_case("stdin")),
            log_driver: self.log_driver.into(),
            log_opts: self.log_opt.clone(),
            rm: self.rm,
            remove_image: false,
            timeout: self.timeout,
            systemd: self.systemd.clone(),
            preserve_fds: 0,
            restart: self.restart.clone(),
            health: self.health.request(),
            image_healthcheck: None,
            pod: None,
            infra: false,
            extras: self.extras.request(),
            sdnotify: self.sdnotify.into(),
            create_command: std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
        }
    }
}

/// The image by --pull policy: from the store, or pulled.
fn resolve_image(m: &Manager, f: &CreateFlags) -> Result<ImageRecord> {
    let local = m.find_image(f.image());
    let missing = matches!(local, Err(ctl::Error::ImageNotFound(_)));
    if !PullPolicy::from(f.pull).pulls(missing) {
        return Ok(local?);
    }
    let opts = RegistryOptions {
        tls_verify: f.tls_verify,
        platform: f.platform.as_deref().map(Platform::parse).transpose()?,
        ..Default::default()
    };
    let progress = reporter(f.quiet, std::io::stderr().is_terminal());
    let rec = m
        .pull_image(f.image(), &opts, progress.clone())
        .with_context(|| format!("pulling {}", f.image()))?;
    progress.finish();
    Ok(rec)
}

/// Creates the container; returns its id.
fn create_container(m: &Manager, f: &CreateFlags, rmi: bool, preserve_fds: u32) -> Result<String> {
    if let Some(p) = &f.cidfile {
        if p.exists() {
            bail!(
                "container id file {} exists: remove it or use another",
                p.display()
            );
        }
    }
    // What the flags alone can tell is refused before any pull.
    if let Some(p) = &f.platform {
        Platform::parse(p)?;
    }
    f.attach_streams()?;
    let image = resolve_image(m, f)?;
    // Decided before --replace removes anything: a bad flag leaves the old container.
    let mut req = f.request();
    req.remove_image = rmi;
    req.preserve_fds = preserve_fds;
    let (new_pod, pod) = super::run_pod::pod_of(m, f)?;
    if new_pod.is_some() {
        // Published by the new pod's infra.
        req.publish.clear();
    }
    let made = (|| {
        // The pod's lock is held until the container is made: `pod rm` then sees it.
        let _pod_lock = match &pod {
            Some(p) => Some(m.join_pod(&mut req, p)?.1),
            None => None,
        };
        make(m, f, &req, &image)
    })();
    if made.is_err() {
        if let Some(p) = new_pod {
            let _ = m.pod_remove(&p, true, None);
        }
    }
    made
}

fn make(m: &Manager, f: &CreateFlags, req: &CreateRequest, image: &ImageRecord) -> Result<String> {
    let plan = m.plan(req, image)?;
    for w in &plan.warnings {
        eprintln!("{}", ctl::text::escape(&format!("Warning: {w}")));
    }
    if f.replace {
        if let Some(name) = &f.name {
            match m.resolve(name) {
                Ok(id) => m.remove(&id, true)?,
                Err(ctl::Error::ContainerNotFound(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    let id = m.create(image, &plan)?;
    if let Some(p) = &f.cidfile {
        if let Err(e) = ctl::fsutil::atomic_write(p, id.as_bytes()) {
            let _ = m.remove(&id, true);
            return Err(e.into());
        }
    }
    Ok(id)
}

pub fn create(ctx: &Context, f: CreateFlags) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let _held = HeldSignals::hold();
    let id = create_container(&m, &f, false, 0)?;
    println!("{id}");
    Ok(ExitCode::SUCCESS)
}

pub fn run(ctx: &Context, args: RunArgs) -> Result<ExitCode> {
    // Checked before anything is made or opened, in podman's words.
    for fd in 3..3 + args.preserve_fds {
        if std::fs::symlink_metadata(format!("/proc/self/fd/{fd}")).is_err() {
            bail!(
                "file descriptor {fd} is not available - the preserve-fds option requires that \
                 file descriptors must be passed"
            );
        }
    }
    let m = Manager::open(ctx)?;
    // Held until a detached container runs (or, attached, until the session proxies them).
    let held = HeldSignals::hold();
    let id = create_container(&m, &args.flags, args.rmi, args.preserve_fds)?;
    let started = if args.detach {
        m.start(&id).map(|_| None).map_err(anyhow::Error::from)
    } else {
        if let Some(sig) = held.take_arrived() {
            // Asked to end before the container ran: it does not run.
            if args.flags.rm || args.rmi {
                let _ = m.remove(&id, true);
            }
            drop(held);
            let _ = nix::sys::signal::raise(sig);
            return Ok(ExitCode::from(128 + sig as i32 as u8));
        }
        drop(held);
        foreground(&m, &id, &args)
    };
    match started {
        Ok(None) => {
            println!("{id}");
            Ok(ExitCode::SUCCESS)
        }
        Ok(Some(code)) => Ok(ExitCode::from(code)),
        Err(e) => {
            // A container that never ran is not kept when it was meant to go away.
            if args.flags.rm || args.rmi {
                let _ = m.remove(&id, true);
            }
            // As podman's run: a container made but not started (a port in use, a command
            // that cannot run) exits 126, or 127 when its command was not found.
            let code = match e.downcast_ref::<ctl::Error>() {
                Some(c @ ctl::Error::Command { .. }) => c.exit_code(),
                _ => 126,
            };
            Err(super::Exit(code, super::error_line(&e)).into())
        }
    }
}

/// Starts the container attached: its output streams here, and ctl exits with its code.
fn foreground(m: &Manager, id: &str, args: &RunArgs) -> Result<Option<u8>> {
    let f = &args.flags;
    let streams = f.attach_streams()?;
    let opts = attach::Options {
        stdin: streams.stdin,
        stdout: streams.stdout,
        stderr: streams.stderr,
        tty: f.tty,
        detach_keys: attach::parse_detach_keys(&args.detach_keys)?,
        // With a terminal, ^C is a byte for the container's terminal, not our signal.
        sig_proxy: args.sig_proxy && !f.tty,
    };
    attach::start_attached(m, id, &opts).map(Some)
}

/// A path as given, made absolute against the working directory.
fn absolute(p: &std::path::Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::*;

    fn flags(argv: &[&str]) -> CreateFlags {
        match super::super::try_parse(argv) {
            Ok(cli) => match cli.command {
                super::super::Command::Create(f) => f,
                other => panic!("{other:?}"),
            },
            Err(e) => panic!("{argv:?}: {e}"),
        }
    }

    #[test]
    fn the_flags_defaults_are_the_request_s() {
        let f = flags(&["ctl", "create", "bb"]);
        let mut r = f.request();
        assert_eq!((r.image.as_str(), r.command.len()), ("bb", 0));
        r.image = String::new();
        r.create_command = vec![];
        assert_eq!(r, CreateRequest::default());
        assert_eq!(PullPolicy::from(f.pull), PullPolicy::default());
    }

    #[test]
    fn closed_sets_become_the_library_s_values() {
        let f = flags(&[
            "ctl",
            "create",
            "--pull=never",
            "--log-driver",
            "passthrough",
            "--sdnotify",
            "conmon",
            "bb",
        ]);
        let r = f.request();
        assert_eq!(PullPolicy::from(f.pull), PullPolicy::Never);
        assert_eq!(
            (r.log_driver, r.sdnotify),
            (LogDriver::Passthrough, SdNotify::Conmon)
        );
    }

    #[test]
    fn attach_names_streams_as_podman() {
        let s = flags(&["ctl", "create", "-a", "stdout", "-a", "STDERR", "bb"]);
        let want = Streams {
            stdin: false,
            stdout: true,
            stderr: true,
        };
        assert_eq!(s.attach_streams().unwrap(), want);
        let s = flags(&["ctl", "create", "-a", "stdin", "bb"]);
        assert!(s.request().interactive);
        let want = Streams {
            stdin: true,
            ..Default::default()
        };
        assert_eq!(s.attach_streams().unwrap(), want);
        let s = flags(&["ctl", "create", "--attach=stdout,bogus", "bb"]);
        assert_eq!(
            s.attach_streams().unwrap_err().to_string(),
            "invalid stream \"bogus\" for --attach - must be one of stdin, stdout, or stderr: \
             invalid argument"
        );
        let s = flags(&[
            "ctl",
            "create",
            "-a",
            "stdout",
            "--log-driver",
            "passthrough",
            "bb",
        ]);
        assert!(s.attach_streams().is_err());
        let all = flags(&["ctl", "create", "-i", "bb"])
            .attach_streams()
            .unwrap();
        assert_eq!((all.stdin, all.stdout, all.stderr), (true, true, true));
    }

    /// A value is named on the command line as the library names it (the monitor's argv,
    /// the container's record).
    #[test]
    fn values_are_named_as_the_library_names_them() {
        let name = |v: Option<clap::builder::PossibleValue>| v.unwrap().get_name().to_string();
        for d in LogDriverFlag::value_variants() {
            assert_eq!(name(d.to_possible_value()), LogDriver::from(*d).as_str());
        }
        for s in SdNotifyFlag::value_variants() {
            let recorded = serde_json::to_value(SdNotify::from(*s)).unwrap();
            assert_eq!(name(s.to_possible_value()), recorded.as_str().unwrap());
        }
    }
}
