//! Observing running containers without a daemon: resource usage from their cgroups and
//! network namespaces (`stats`), and their processes from `/proc` (`top`).

pub mod cgroup;
pub mod proc;
pub mod stats;
pub mod top;
