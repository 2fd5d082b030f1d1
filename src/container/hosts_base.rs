//! The base of a container's /etc/hosts (`--hosts-file`, containers.conf's
//! `base_hosts_file`): read at each write of the file, as podman reads it at each start.

use std::fs;
use std::path::Path;

use crate::container::store::EtcConfig;
use crate::error::{Error, IoContext, Result};

/// The base's text: the image's /etc/hosts from the mounted rootfs `merged` (confined to
/// it; none there is an empty base), a host file (which must exist), nothing for `none`;
/// without either, ctl's own: the host's file on its network, else nothing.
pub fn hosts_base(etc: &EtcConfig, host_net: bool, merged: &Path) -> Result<String> {
    match etc.hosts_file.as_deref() {
        None if host_net => Ok(fs::read_to_string("/etc/hosts").unwrap_or_default()),
        None | Some("none") => Ok(String::new()),
        Some("image") => crate::container::user::read_in_root(merged, "etc/hosts")
            .map(Option::unwrap_or_default)
            .map_err(Error::ContainerOption),
        Some(path) => fs::read_to_string(path).at(path),
    }
}
