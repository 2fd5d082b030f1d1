//! The options of `ctl build` that shape the containers RUN steps run in (podman-build(1)
//! takes them from `run`): each becomes the same field of the create request `run` makes.

use ctl::container::limits::LimitRequest;
use ctl::container::request::CreateRequest;

#[derive(Debug, Default, clap::Args)]
pub struct RunArgs {
    /// Add a line to /etc/hosts of RUN steps: NAME[;NAME...]:IP, or NAME:host-gateway
    #[arg(long, value_name = "HOST:IP", value_delimiter = ',')]
    pub add_host: Vec<String>,
    /// Add a capability to RUN steps
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop a capability from RUN steps (or ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Cgroup namespace of RUN steps: host or private
    #[arg(long, value_name = "MODE")]
    pub cgroupns: Option<String>,
    /// CFS period of RUN steps in microseconds
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_period: Option<String>,
    /// CFS quota of RUN steps: CPU time in microseconds per period
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_quota: Option<String>,
    /// CPU shares of RUN steps (relative weight)
    #[arg(short = 'c', long, value_name = "N")]
    pub cpu_shares: Option<String>,
    /// CPUs RUN steps may run on (e.g. 0-2,4)
    #[arg(long, value_name = "LIST")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes RUN steps may use
    #[arg(long, value_name = "LIST")]
    pub cpuset_mems: Option<String>,
    /// Add a host device to RUN steps: HOST[:CTR][:PERMISSIONS]
    #[arg(long, value_name = "HOST[:CTR][:RWM]")]
    pub device: Vec<String>,
    /// DNS servers for /etc/resolv.conf of RUN steps (none: keep the image's file)
    #[arg(long, value_name = "IP", value_delimiter = ',')]
    pub dns: Vec<String>,
    /// Options for /etc/resolv.conf of RUN steps
    #[arg(long, value_name = "OPTION", value_delimiter = ',')]
    pub dns_option: Vec<String>,
    /// DNS search domains of RUN steps
    #[arg(long, value_name = "DOMAIN", value_delimiter = ',')]
    pub dns_search: Vec<String>,
    /// Add a supplementary group to RUN steps
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Pass this environment's proxy variables into RUN steps
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
    /// IPC namespace of RUN steps: private, host, container:ID
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// Memory limit of RUN steps (e.g. 512m)
    #[arg(short, long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory: Option<String>,
    /// Memory plus swap limit of RUN steps (-1: unlimited swap)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Do not write /etc/hostname in RUN steps
    #[arg(long)]
    pub no_hostname: bool,
    /// Do not write /etc/hosts in RUN steps: keep the image's
    #[arg(long)]
    pub no_hosts: bool,
    /// PID namespace of RUN steps: private, host, container:ID
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// Security options of RUN steps (no-new-privileges, seccomp=..., mask=..., unmask=...)
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Size of /dev/shm in RUN steps
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Resource limit of RUN steps: NAME=SOFT[:HARD]
    #[arg(long, value_name = "NAME=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// User namespace of RUN steps (host, auto, keep-id...)
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// UTS namespace of RUN steps: private, host, container:ID
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// Bind a host path into RUN steps: /HOST:CTR[:OPTS] (not kept in the image)
    #[arg(short, long = "volume", value_name = "HOST:CTR[:OPTS]")]
    pub volume: Vec<String>,
}

impl RunArgs {
    /// The request every RUN step's container starts from.
    pub fn request(&self) -> CreateRequest {
        CreateRequest {
            add_hosts: self.add_host.clone(),
            cap_add: self.cap_add.clone(),
            cap_drop: self.cap_drop.clone(),
            cgroupns: self.cgroupns.clone(),
            limits: LimitRequest {
                cpu_period: self.cpu_period.clone(),
                cpu_quota: self.cpu_quota.clone(),
                cpu_shares: self.cpu_shares.clone(),
                cpuset_cpus: self.cpuset_cpus.clone(),
                cpuset_mems: self.cpuset_mems.clone(),
                memory: self.memory.clone(),
                memory_swap: self.memory_swap.clone(),
                ..Default::default()
            },
            devices: self.device.clone(),
            dns: self.dns.clone(),
            dns_options: self.dns_option.clone(),
            dns_search: self.dns_search.clone(),
            group_add: self.group_add.clone(),
            http_proxy: self.http_proxy,
            ipc: self.ipc.clone(),
            no_hostname: self.no_hostname,
            no_hosts: self.no_hosts,
            pid: self.pid.clone(),
            security_opt: self.security_opt.clone(),
            shm_size: self.shm_size.clone(),
            ulimits: self.ulimit.clone(),
            userns: self.userns.clone(),
            uts: self.uts.clone(),
            volumes: self.volume.clone(),
            ..Default::default()
        }
    }
}
