//! The cgroup limit flags `create`/`run` and `update` share, as podman names them.

use ctl::container::limits::LimitRequest;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct LimitArgs {
    /// Memory limit (e.g. 512m, 1g)
    #[arg(short, long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory: Option<String>,
    /// Memory plus swap limit (-1: unlimited swap; default: twice --memory)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Memory soft limit
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_reservation: Option<String>,
    /// How readily the container's pages are swapped out, 0 to 100 (-1: the kernel's)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub memory_swappiness: Option<String>,
    /// Number of CPUs (e.g. 1.5)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub cpus: Option<String>,
    /// CFS period in microseconds
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_period: Option<String>,
    /// CFS quota: CPU time in microseconds per period
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_quota: Option<String>,
    /// Realtime scheduling period in microseconds
    #[arg(long, value_name = "MICROSECONDS")]
    pub cpu_rt_period: Option<String>,
    /// Realtime scheduling runtime in microseconds per period
    #[arg(long, value_name = "MICROSECONDS")]
    pub cpu_rt_runtime: Option<String>,
    /// CPU shares (relative weight; 0: the default)
    #[arg(short = 'c', long, value_name = "N")]
    pub cpu_shares: Option<String>,
    /// CPUs the container may run on (e.g. 0-2,4)
    #[arg(long, value_name = "LIST")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes the container may use (e.g. 0-1)
    #[arg(long, value_name = "LIST")]
    pub cpuset_mems: Option<String>,
    /// Maximum number of processes (-1: unlimited; default 2048)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub pids_limit: Option<String>,
    /// Block I/O weight, 10 to 1000 (0: none)
    #[arg(long, value_name = "WEIGHT")]
    pub blkio_weight: Option<String>,
    /// Block I/O weight of one device: DEVICE:WEIGHT
    #[arg(long, value_name = "DEVICE:WEIGHT")]
    pub blkio_weight_device: Vec<String>,
    /// Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_read_bps: Vec<String>,
    /// Read operations per second limit of a device: DEVICE:N
    #[arg(long, value_name = "DEVICE:N")]
    pub device_read_iops: Vec<String>,
    /// Write rate limit of a device: DEVICE:RATE
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_write_bps: Vec<String>,
    /// Write operations per second limit of a device: DEVICE:N
    #[arg(long, value_name = "DEVICE:N")]
    pub device_write_iops: Vec<String>,
}

impl LimitArgs {
    /// The flags as the library takes them (`oom_kill_disable` is `create`'s alone).
    pub fn request(&self, oom_kill_disable: bool) -> LimitRequest {
        LimitRequest {
            memory: self.memory.clone(),
            memory_swap: self.memory_swap.clone(),
            memory_reservation: self.memory_reservation.clone(),
            memory_swappiness: self.memory_swappiness.clone(),
            oom_kill_disable,
            cpus: self.cpus.clone(),
            cpu_period: self.cpu_period.clone(),
            cpu_quota: self.cpu_quota.clone(),
            cpu_rt_period: self.cpu_rt_period.clone(),
            cpu_rt_runtime: self.cpu_rt_runtime.clone(),
            cpu_shares: self.cpu_shares.clone(),
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpuset_mems: self.cpuset_mems.clone(),
            pids_limit: self.pids_limit.clone(),
            blkio_weight: self.blkio_weight.clone(),
            blkio_weight_device: self.blkio_weight_device.clone(),
            device_read_bps: self.device_read_bps.clone(),
            device_write_bps: self.device_write_bps.clone(),
            device_read_iops: self.device_read_iops.clone(),
            device_write_iops: self.device_write_iops.clone(),
        }
    }
}
