//! `run`/`create` options beyond the common ones: the base of /etc/hosts, the image's
//! volumes, the execution domain, the cgroup's place and files, required containers.

use ctl::container::plan::ExtrasRequest;

#[derive(Debug, Default, clap::Args)]
pub struct ExtrasFlags {
    /// Base of /etc/hosts: an absolute host path, none (an empty one) or image (the image's
    /// /etc/hosts); default: containers.conf's base_hosts_file
    #[arg(long, value_name = "PATH|none|image")]
    pub hosts_file: Option<String>,
    /// The image's volumes: bind (anonymous volumes, the default), tmpfs or ignore
    #[arg(long, value_name = "MODE")]
    pub image_volume: Option<String>,
    /// Execution domain (personality(2)): LINUX or LINUX32
    #[arg(long, value_name = "PERSONA")]
    pub personality: Option<String>,
    /// Write a file of the container's cgroup (v2): KEY=VALUE, e.g. memory.high=1073741824
    #[arg(long, value_name = "KEY=VALUE")]
    pub cgroup_conf: Vec<String>,
    /// The cgroup the container's cgroup is made under (relative: under the root)
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// Containers (names or ids, comma-separated) started before this one at each start
    #[arg(long, value_name = "CONTAINER")]
    pub requires: Vec<String>,
}

impl ExtrasFlags {
    pub fn request(&self) -> ExtrasRequest {
        ExtrasRequest {
            hosts_file: self.hosts_file.clone(),
            image_volume: self.image_volume.clone(),
            personality: self.personality.clone(),
            cgroup_conf: self.cgroup_conf.clone(),
            cgroup_parent: self.cgroup_parent.clone(),
            requires: self.requires.clone(),
        }
    }
}
