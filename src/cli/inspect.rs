//! `ctl inspect` / `ctl image inspect`: images as JSON, in docker's field names.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::{json, Value};

use ctl::container::lifecycle::{Container, Manager};
use ctl::container::resources::CPU_PERIOD;
use ctl::container::state::Status;
use ctl::image::store::{ImageRecord, Store};
use ctl::Context;

use super::output::go_human_size;
use super::output::{inspect_format, print_inspected};
use super::template::Shape;

/// Container inspect as templates see it: podman's InspectContainerData, whose maps are
/// these.
pub const CONTAINER_SHAPE: Shape = Shape {
    type_name: "*define.InspectContainerData",
    maps: &[
        "Config.Labels",
        "Config.Annotations",
        "Config.ExposedPorts",
        "HostConfig.PortBindings",
        "HostConfig.Tmpfs",
        "HostConfig.LogConfig.Config",
        "NetworkSettings.Ports",
        "NetworkSettings.Networks",
        "GraphDriver.Data",
    ],
};

/// Image inspect as templates see it: podman's inspect.ImageData.
pub const IMAGE_SHAPE: Shape = Shape {
    type_name: "*inspect.ImageData",
    maps: &[
        "Labels",
        "Annotations",
        "Config.Labels",
        "Config.ExposedPorts",
        "Config.Volumes",
        "GraphDriver.Data",
    ],
};

/// `inspect`: containers, images or both.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// json, or a Go template for each result (e.g. '{{.State.Status}}')
    #[arg(short, long)]
    pub format: Option<String>,
    /// What to inspect: container, image, volume, or all (in that order)
    #[arg(short = 't', long = "type", value_enum, default_value = "all")]
    pub kind: Kind,
    /// Inspect the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Containers, images or volumes (name or id)
    pub names: Vec<String>,
}

/// `container inspect`: containers only, so no --type, but --latest.
#[derive(Debug, clap::Args)]
pub struct ContainerArgs {
    /// Format each result with a template (e.g. '{{.State.Status}}')
    #[arg(short, long)]
    pub format: Option<String>,
    /// Inspect the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Names or ids
    pub names: Vec<String>,
}

impl From<ContainerArgs> for Args {
    fn from(a: ContainerArgs) -> Args {
        Args {
            format: a.format,
            kind: Kind::Container,
            latest: a.latest,
            names: a.names,
        }
    }
}

/// `container inspect` and `image inspect`: one kind, so no --type (as podman's).
#[derive(Debug, clap::Args)]
pub struct KindArgs {
    /// Format each result with a template (e.g. '{{.State.Status}}')
    #[arg(short, long)]
    pub format: Option<String>,
    /// Names or ids
    #[arg(required = true)]
    pub names: Vec<String>,
}

impl KindArgs {
    pub fn of(self, kind: Kind) -> Args {
        Args {
            format: self.format,
            kind,
            latest: false,
            names: self.names,
        }
    }
}

/// `inspect --type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    All,
    Container,
    Image,
    Volume,
}

pub fn exec(ctx: &Context, mut args: Args) -> Result<ExitCode> {
    // podman's checks, in its words.
    if args.names.is_empty() && !args.latest {
        anyhow::bail!("no names or ids specified");
    }
    if args.latest {
        if !args.names.is_empty() {
            anyhow::bail!("--latest and arguments cannot be used together");
        }
        if matches!(args.kind, Kind::Image | Kind::Volume) {
            let kind = format!("{:?}", args.kind).to_lowercase();
            anyhow::bail!("latest is not supported for type \"{kind}\"");
        }
        args.kind = Kind::Container;
        args.names = vec![Manager::open(ctx)?.latest()?];
    }
    let store = super::open_store(ctx)?;
    let manager = Manager::open(ctx)?;
    let template = inspect_format("inspect", args.format.as_deref(), args.kind == Kind::Image)?;
    let mut out = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for n in &args.names {
        let found = match find(ctx, &store, &manager, args.kind, n, template.is_some()) {
            Ok(v) => Ok(v),
            Err(Found::Fatal(e)) => return Err(e),
            Err(Found::Not(e)) => Err(e),
        };
        match found {
            Ok(v) => out.push(v),
            // `container inspect`'s own words, as podman's.
            Err(ctl::Error::ContainerNotFound(name)) if args.kind == Kind::Container => {
                errors.push(format!("no such container \"{name}\""))
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    // As podman's: what was found is printed first (`[]` if nothing), then the other
    // errors as they are, then the first as the command's error.
    let code = print_inspected(&out, template, !errors.is_empty())?;
    if let Some((first, rest)) = errors.split_first() {
        for e in rest {
            eprintln!("{}", ctl::text::escape(e));
        }
        super::output::report_error(first);
    }
    Ok(code)
}

/// Why a name was not inspected: not found (reported, the others go on), or a failure
/// that ends the command.
enum Found {
    Not(ctl::Error),
    Fatal(anyhow::Error),
}

/// `n` as podman's inspect looks for it: a container, an image, then a volume (`--type`
/// narrows it to one).
fn find(
    ctx: &Context,
    store: &Store,
    m: &Manager,
    kind: Kind,
    n: &str,
    template: bool,
) -> std::result::Result<(Value, super::template::Shape), Found> {
    let wants = |k: Kind| kind == Kind::All || kind == k;
    let mut last = None;
    if wants(Kind::Container) {
        match m.get(n) {
            Ok(c) => {
                let mut v = container_json(m, &c);
                if template {
                    // A template prints the check's output as it is: what the container
                    // wrote is escaped first (JSON output escapes it itself).
                    if let Some(log) = v
                        .pointer_mut("/State/Health/Log")
                        .and_then(Value::as_array_mut)
                    {
                        for e in log {
                            if let Some(Value::String(o)) = e.get_mut("Output") {
                                *o = ctl::text::escape(o).into_owned();
                            }
                        }
                    }
                }
                return Ok((v, CONTAINER_SHAPE));
            }
            Err(e @ ctl::Error::CorruptRecord { .. }) => return Err(Found::Not(e)),
            Err(e) => last = Some(e),
        }
    }
    if wants(Kind::Image) {
        match ctl::image::pull::find_stored(ctx, store, n).and_then(|i| image_json(store, &i)) {
            Ok(v) => return Ok((v, IMAGE_SHAPE)),
            // A container name such as "Web-1" is not even an image reference.
            Err(e @ (ctl::Error::ImageNotFound(_) | ctl::Error::Reference(_))) => last = Some(e),
            Err(e) => return Err(Found::Not(e)),
        }
    }
    if wants(Kind::Volume) {
        let vols = m.volumes().map_err(Found::Not)?;
        match vols.get(n) {
            Ok(v) => {
                let j = super::volume::inspected(m, &vols, &v, template).map_err(Found::Fatal)?;
                return Ok((j, super::volume::VOLUME_SHAPE));
            }
            Err(e) => last = Some(e),
        }
    }
    Err(Found::Not(match (kind, last) {
        (Kind::All, _) | (_, None) => ctl::Error::NoSuchObject(n.to_string()),
        (_, Some(e)) => e,
    }))
}

/// `nofile=1024:2048` as docker's `{"Name": "nofile", "Soft": 1024, "Hard": 2048}` (-1:
/// unlimited); a number the record does not hold is null, never made up.
fn ulimit_json(u: &str) -> Value {
    let (name, limits) = u.split_once('=').unwrap_or((u, ""));
    let (soft, hard) = limits.split_once(':').unwrap_or((limits, limits));
    let n = |s: &str| s.parse::<i64>().map_or(Value::Null, Value::from);
    json!({"Name": name, "Soft": n(soft), "Hard": n(hard)})
}

/// A container in docker's inspect shape.
pub fn container_json(m: &Manager, c: &Container) -> Value {
    let mut v = container_json_all(m, c);
    let (cfg, files) = (&c.config, m.run_files(&c.config.id));
    v["PidFile"] = json!(cfg.pidfile.clone().unwrap_or(files.pidfile));
    v["ConmonPidFile"] = json!(cfg.conmon_pidfile.clone().unwrap_or(files.monitor_pidfile));
    if c.config.exposed.is_empty() {
        if let Some(config) = v["Config"].as_object_mut() {
            config.remove("ExposedPorts");
        }
    }
    v
}

fn container_json_all(m: &Manager, c: &Container) -> Value {
    let (cfg, st) = (&c.config, &c.state);
    let (upper, work, merged) = m.overlay_dirs(&cfg.id);
    let zero = "0001-01-01T00:00:00Z";
    let mut v = json!({
        "Id": cfg.id,
        "Name": cfg.name,
        "Created": cfg.created,
        "Path": cfg.command.first(),
        "Args": cfg.command.get(1..).unwrap_or_default(),
        "State": {
            "Status": st.podman_status(),
            "Running": st.podman_status() == "running",
            "Paused": st.paused,
            "Restarting": false,
            "OOMKilled": st.oom_killed,
            "Dead": false,
            "Pid": st.pid.unwrap_or(0),
            // The monitor (podman's conmon) while it runs the container.
            "ConmonPid": if matches!(st.status, Status::Running | Status::Created) {
                st.monitor_pid.unwrap_or(0)
            } else {
                0
            },
            "ExitCode": st.exit_code.unwrap_or(if st.status == Status::Exited { -1 } else { 0 }),
            "ExitCodeKnown": st.status != Status::Exited || st.exit_code.is_some(),
            "Error": st.note.clone().unwrap_or_default(),
            "StartedAt": st.started_at.map_or_else(|| zero.into(), |t| t.to_string()),
            "FinishedAt": st.finished_at.map_or_else(|| zero.into(), |t| t.to_string()),
            "Restarts": st.restarts,
        },
        "Image": cfg.image_id,
        "ImageName": cfg.image_name,
        "Pod": cfg.pod.clone().unwrap_or_default(),
        "OCIRuntime": cfg.runtime,
        "IsInfra": cfg.infra,
        "LogPath": cfg.log.path,

        "RestartCount": st.restarts,
        "Driver": "overlay",
        "MountLabel": "",
        "Mounts": cfg.mounts.iter().map(mount_json).collect::<Vec<_>>(),
        "Config": {
            "Hostname": cfg.hostname,
            "User": cfg.user,
            "Env": cfg.env,
            "Cmd": cfg.cmd,
            "Entrypoint": cfg.entrypoint,
            "Image": cfg.image_name,
            "WorkingDir": cfg.workdir,
            "Labels": cfg.labels,
            "StopSignal": cfg.stop_signal,
            "StopTimeout": cfg.stop_timeout,
            "Tty": cfg.terminal,
            "OpenStdin": cfg.stdin,
            // omitempty, as podman's.
            "ExposedPorts": cfg.exposed.iter().map(|p| (p.clone(), json!({}))).collect::<serde_json::Map<_, _>>(),
        },
        "HostConfig": host_config(cfg),
        "NetworkSettings": network_settings(m, c),
        "GraphDriver": {
            "Name": "overlay",
            "Data": { "UpperDir": upper, "WorkDir": work, "MergedDir": merged }
        },
    });
    v["Config"]["HealthcheckOnFailureAction"] = json!(cfg.health_on_failure.as_str());
    if let Some(s) = &cfg.health_startup {
        v["Config"]["StartupHealthCheck"] = s.inspect();
    }
    v["Config"]["HealthLogDestination"] = json!(cfg.health_log.destination.as_string());
    // omitempty, as podman's.
    if cfg.health_log.max_count != 0 {
        v["Config"]["HealthcheckMaxLogCount"] = json!(cfg.health_log.max_count);
    }
    if cfg.health_log.max_size != 0 {
        v["Config"]["HealthcheckMaxLogSize"] = json!(cfg.health_log.max_size);
    }
    if let (Some(hc), Some(log)) = (&cfg.healthcheck, m.health(cfg)) {
        v["Config"]["Healthcheck"] = json!(hc);
        v["State"]["Health"] = health_json(&log);
    }
    secrets_json(&mut v, cfg);
    // podman leaves IDMappings out when the container has no user namespace of its own.
    if cfg.idmaps.is_none() {
        if let Some(h) = v["HostConfig"].as_object_mut() {
            h.remove("IDMappings");
        }
    }
    v
}

/// podman's HealthCheckResults.
fn health_json(log: &ctl_monitor::health::HealthLog) -> Value {
    json!({
        "Status": log.status,
        "FailingStreak": log.failing_streak,
        "Log": log.log.iter().map(|e| json!({
            "Start": e.start.to_string(),
            "End": e.end.to_string(),
            "ExitCode": e.exit_code,
            "Output": e.output,
        })).collect::<Vec<_>>(),
    })
}

/// podman's IDMappings, `CONTAINER:HOST:SIZE` strings.
fn id_mappings(maps: Option<&ctl::container::plan::IdMappings>) -> Value {
    let text =
        |v: &[ctl::container::plan::IdMapping]| v.iter().map(|m| m.text()).collect::<Vec<_>>();
    maps.map_or(
        Value::Null,
        |m| json!({"UidMap": text(&m.uid_map), "GidMap": text(&m.gid_map)}),
    )
}

/// podman's HostConfig of a container.
/// podman's `Config.Secrets` (the mounted ones; omitempty) and its env secrets in
/// `Config.Env`, their values masked.
fn secrets_json(v: &mut Value, cfg: &ctl::container::store::ContainerConfig) {
    let s = &cfg.secrets;
    if !s.mounts.is_empty() {
        v["Config"]["Secrets"] = s
            .mounts
            .iter()
            .map(
                |m| json!({"Name": m.name, "ID": m.id, "UID": m.uid, "GID": m.gid, "Mode": m.mode}),
            )
            .collect();
    }
    if let Some(env) = v["Config"]["Env"].as_array_mut() {
        env.extend(s.env.keys().map(|k| json!(format!("{k}=*******"))));
    }
}

fn host_config(cfg: &ctl::container::store::ContainerConfig) -> Value {
    let res = &cfg.host.resources;
    let period = res.cpu_period.unwrap_or(CPU_PERIOD);
    json!({
        "Binds": binds(cfg),
        "Tmpfs": tmpfs(cfg),
        "NetworkMode": cfg.network,
        "PortBindings": port_bindings(&cfg.ports),
        "AutoRemove": cfg.auto_remove,
        "ReadonlyRootfs": cfg.read_only,
        "LogConfig": {
            "Type": cfg.log.driver,
            "Config": null,
            "Path": cfg.log.path,
            "Tag": "",
            // podman's -1B is no limit, as ctl's 0.
            "Size": if cfg.log.max_size == 0 { "-1B".to_string() } else { go_human_size(cfg.log.max_size) },
            "MaxSize": cfg.log.max_size,
            "MaxFiles": cfg.log.max_files,
        },
        "RestartPolicy": restart_policy(&cfg.restart),
        "Runtime": cfg.runtime,
        "Privileged": cfg.host.privileged,
        "CapAdd": cfg.host.cap_add,
        "CapDrop": cfg.host.cap_drop,
        "SecurityOpt": cfg.host.security_opt,
        "GroupAdd": cfg.host.group_add,
        "Init": cfg.host.init,
        "Ulimits": cfg.host.ulimits.iter().map(|u| ulimit_json(u)).collect::<Vec<_>>(),
        "Memory": res.memory.unwrap_or(0),
        "MemorySwap": res.memory_swap.unwrap_or(0),
        "MemoryReservation": res.memory_reservation.unwrap_or(0),
        // podman's: NanoCpus only for a quota over the default period.
        "NanoCpus": match period {
            CPU_PERIOD => res.cpu_quota.map_or(0, |q| q * 10_000),
            _ => 0,
        },
        "CpuPeriod": if res.cpu_quota.is_some() || res.cpu_period.is_some() { period } else { 0 },
        "CpuQuota": res.cpu_quota.unwrap_or(0),
        "CpuRealtimePeriod": res.cpu_rt_period.unwrap_or(0),
        "CpuRealtimeRuntime": res.cpu_rt_runtime.unwrap_or(0),
        "CpuShares": res.cpu_shares.unwrap_or(0),
        "CpusetCpus": res.cpuset_cpus.clone().unwrap_or_default(),
        "CpusetMems": res.cpuset_mems.clone().unwrap_or_default(),
        "MemorySwappiness": res.memory_swappiness,
        "OomKillDisable": res.oom_kill_disable,
        "BlkioWeight": res.blkio.weight.unwrap_or(0),
        "BlkioWeightDevice": res.blkio.weight_device.iter()
            .map(|d| json!({"Path": d.path, "Weight": d.value}))
            .collect::<Vec<_>>(),
        "BlkioDeviceReadBps": throttles(&res.blkio.read_bps),
        "BlkioDeviceWriteBps": throttles(&res.blkio.write_bps),
        "BlkioDeviceReadIOps": throttles(&res.blkio.read_iops),
        "BlkioDeviceWriteIOps": throttles(&res.blkio.write_iops),
        "PidsLimit": res.pids_limit.unwrap_or(0),
        // podman's: "private" for a user namespace of the container's own.
        "UsernsMode": if cfg.idmaps.is_some() { "private" } else { "" },
        "IDMappings": id_mappings(cfg.idmaps.as_ref()),
    })
}

/// podman's `InspectBlkioThrottleDevice` list.
fn throttles(list: &[ctl::container::blkio::DeviceLimit]) -> Vec<Value> {
    list.iter()
        .map(|d| json!({"Path": d.path, "Rate": d.value}))
        .collect()
}

/// A `Mounts` entry as podman's: a volume's with its name and driver.
fn mount_json(mt: &ctl::container::store::MountRecord) -> Value {
    match &mt.name {
        Some(name) => json!({
            "Type": "volume",
            "Name": name,
            "Source": mt.source,
            "Destination": mt.destination,
            "Driver": "local",
            "Mode": "",
            "Options": ["nosuid", "nodev", "rbind"],
            "RW": !mt.readonly,
            "Propagation": "rprivate",
        }),
        None => json!({
            "Type": mt.kind,
            "Source": mt.source,
            "Destination": mt.destination,
            "RW": !mt.readonly,
        }),
    }
}

/// podman's `HostConfig.Binds`: each bind mount as `SOURCE:DEST:OPTIONS`, a volume's with
/// its name as the source.
fn binds(cfg: &ctl::container::store::ContainerConfig) -> Vec<String> {
    cfg.mounts
        .iter()
        .filter(|m| m.kind != "tmpfs")
        .map(|m| {
            let source = match &m.name {
                Some(name) => Some(name.clone()),
                None => m.source.as_ref().map(|s| s.display().to_string()),
            };
            let rw = if m.readonly { "ro" } else { "rw" };
            format!(
                "{}:{}:{rw},rprivate,rbind",
                source.unwrap_or_default(),
                m.destination
            )
        })
        .collect()
}

/// podman's `HostConfig.Tmpfs`: destination to options.
fn tmpfs(cfg: &ctl::container::store::ContainerConfig) -> serde_json::Map<String, Value> {
    cfg.mounts
        .iter()
        .filter(|m| m.kind == "tmpfs")
        .map(|m| {
            let rw = if m.readonly { "ro" } else { "rw" };
            (
                m.destination.clone(),
                json!(format!("{rw},rprivate,nosuid,nodev")),
            )
        })
        .collect()
}

/// podman's `{"Name": "on-failure", "MaximumRetryCount": 3}`.
fn restart_policy(p: &ctl::container::restart::RestartPolicy) -> Value {
    use ctl::container::restart::RestartPolicy as P;
    let (name, max) = match p {
        P::No => ("no", 0),
        P::OnFailure { max } => ("on-failure", *max),
        P::Always => ("always", 0),
        P::UnlessStopped => ("unless-stopped", 0),
    };
    json!({"Name": name, "MaximumRetryCount": max})
}

/// docker's `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}`; an empty HostPort is a
/// free port picked at each start.
pub(super) fn port_bindings(maps: &[ctl::network::ports::PortMapping]) -> Value {
    let mut out = serde_json::Map::new();
    for m in maps {
        for (ctr, host) in m.pairs() {
            let entry = out
                .entry(format!("{ctr}/{}", m.protocol))
                .or_insert_with(|| json!([]));
            if let Some(a) = entry.as_array_mut() {
                let host = if m.host_port == 0 {
                    String::new()
                } else {
                    host.to_string()
                };
                a.push(json!({ "HostIp": m.host_ip, "HostPort": host }));
            }
        }
    }
    Value::Object(out)
}

/// docker's NetworkSettings: the address of the current run and its published ports.
fn network_settings(m: &Manager, c: &Container) -> Value {
    let (cfg, st) = (&c.config, &c.state);
    let net = st.network.as_ref();
    let mut ports = serde_json::Map::new();
    for (ctr, proto, host) in ctl::network::ports::port_lines(net.map_or(&[][..], |n| &n.ports)) {
        let (ip, port) = host.rsplit_once(':').unwrap_or(("", &host));
        let entry = ports
            .entry(format!("{ctr}/{proto}"))
            .or_insert_with(|| json!([]));
        if let Some(a) = entry.as_array_mut() {
            a.push(json!({ "HostIp": ip, "HostPort": port }));
        }
    }
    let mut networks: serde_json::Map<String, Value> = net
        .map(|n| {
            n.networks
                .iter()
                .map(|(name, a)| {
                    (
                        name.clone(),
                        json!({
                            "NetworkID": a.network_id,
                            "IPAddress": a.ip,
                            "IPPrefixLen": a.prefix_len,
                            "Gateway": a.gateway,
                            "MacAddress": a.mac,
                            "Aliases": a.aliases,
                        }),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    // A stopped container is still on its networks, without an address (as podman shows).
    let missing = cfg.networks.iter().any(|n| !networks.contains_key(n));
    let known = if missing {
        m.networks().and_then(|n| n.list()).unwrap_or_default()
    } else {
        Vec::new()
    };
    for name in &cfg.networks {
        let id = known
            .iter()
            .find(|n| &n.name == name)
            .map_or_else(String::new, |n| n.id.clone());
        networks.entry(name.clone()).or_insert_with(|| {
            json!({
                "NetworkID": id,
                "IPAddress": "",
                "IPPrefixLen": 0,
                "Gateway": "",
                "MacAddress": "",
                "Aliases": cfg.network_aliases,
            })
        });
    }
    let first = cfg
        .networks
        .first()
        .and_then(|n| net.and_then(|x| x.networks.get(n)));
    let text = |v: Option<String>| v.unwrap_or_default();
    json!({
        "IPAddress": text(first.map(|a| a.ip.to_string())),
        "IPPrefixLen": first.map_or(0, |a| a.prefix_len),
        "Gateway": text(first.and_then(|a| a.gateway).map(|g| g.to_string())),
        "MacAddress": text(first.map(|a| a.mac.clone())),
        "Ports": ports,
        "SandboxKey": net.map(|n| n.netns.display().to_string()).unwrap_or_else(|| {
            if cfg.networks.is_empty() { String::new() } else { m.netns_path(&cfg.id).display().to_string() }
        }),
        "Networks": networks,
    })
}

pub fn image_json(store: &Store, i: &ImageRecord) -> ctl::Result<Value> {
    let config: Value = serde_json::from_slice(&store.blob(&i.config_digest())?).map_err(|e| {
        ctl::Error::BadImage {
            what: i.id.clone(),
            reason: e.to_string(),
        }
    })?;
    let digest = i
        .repo_digests
        .first()
        .and_then(|d| d.split_once('@'))
        .map(|(_, d)| d.to_string());
    let image_config = config.get("config");
    let labels = image_config
        .and_then(|c| c.get("Labels"))
        .filter(|l| l.is_object())
        .cloned()
        .unwrap_or_else(|| json!({}));
    Ok(json!({
        "Id": i.id,
        "Digest": digest,
        "Parent": "",
        "Comment": config.get("comment").and_then(Value::as_str).unwrap_or_default(),
        "User": image_config.and_then(|c| c.get("User")).and_then(Value::as_str).unwrap_or_default(),
        "Labels": labels,
        "VirtualSize": i.size,
        "ManifestDigest": i.manifest_digest,
        "RepoTags": i.names,
        "RepoDigests": i.repo_digests,
        // As the image's config writes it, as podman shows it (the record holds it typed).
        "Created": config.get("created").and_then(Value::as_str),
        "Added": i.added,
        "Author": config.get("author"),
        "Architecture": i.architecture,
        "Os": i.os,
        "Variant": i.variant,
        "Size": i.size,
        "Config": config.get("config").cloned().unwrap_or(Value::Null),
        "RootFS": {
            "Type": "layers",
            "Layers": config.pointer("/rootfs/diff_ids").cloned().unwrap_or(Value::Null),
        },
        "History": config.get("history").cloned().unwrap_or(Value::Null),
        "ChainIDs": i.layers,
    }))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::output::go_human_size;
    use super::ulimit_json;

    #[test]
    fn log_sizes_as_go_units_prints_them() {
        assert_eq!(go_human_size(1), "1B");
        assert_eq!(go_human_size(10_000_000), "10MB");
        assert_eq!(go_human_size(1_048_576), "1.049MB");
        assert_eq!(go_human_size(1024), "1.024kB");
    }

    #[test]
    fn ulimits_in_docker_s_shape() {
        assert_eq!(
            ulimit_json("nofile=1024:2048"),
            json!({"Name": "nofile", "Soft": 1024, "Hard": 2048})
        );
        assert_eq!(
            ulimit_json("core=-1:-1"),
            json!({"Name": "core", "Soft": -1, "Hard": -1})
        );
        assert_eq!(
            ulimit_json("nproc=many"),
            json!({"Name": "nproc", "Soft": null, "Hard": null})
        );
    }
}
