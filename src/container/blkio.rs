//! Block I/O limits (`--blkio-weight`, `--blkio-weight-device`, `--device-read-bps`, ...)
//! as podman parses them, and the OCI spec's `linux.resources.blockIO` they become.
//!
//! A device is named by its path and recorded with its numbers, found when the flag is
//! read: the cgroup knows devices by major:minor only.

use std::os::unix::fs::FileTypeExt;
use std::os::unix::fs::MetadataExt;

use oci_spec::runtime::{
    LinuxBlockIo, LinuxBlockIoBuilder, LinuxThrottleDeviceBuilder, LinuxWeightDeviceBuilder,
};
use serde::{Deserialize, Serialize};

use super::options::{parse_size, OptionError};

/// One device's weight or rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceLimit {
    pub path: String,
    pub major: i64,
    pub minor: i64,
    /// The weight (10 to 1000) or the rate (bytes or operations per second).
    pub value: u64,
}

/// The block I/O limits a container asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct BlockIo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u16>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weight_device: Vec<DeviceLimit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read_bps: Vec<DeviceLimit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub write_bps: Vec<DeviceLimit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read_iops: Vec<DeviceLimit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub write_iops: Vec<DeviceLimit>,
}

impl BlockIo {
    pub fn is_empty(&self) -> bool {
        *self == BlockIo::default()
    }

    /// Whether a per-device limit is set (runc cannot change those on a running container).
    pub fn has_devices(&self) -> bool {
        !(self.weight_device.is_empty()
            && self.read_bps.is_empty()
            && self.write_bps.is_empty()
            && self.read_iops.is_empty()
            && self.write_iops.is_empty())
    }

    /// The spec's `blockIO` (None: nothing asked).
    pub fn to_oci(&self) -> Result<Option<LinuxBlockIo>, oci_spec::OciSpecError> {
        if self.is_empty() {
            return Ok(None);
        }
        let throttles = |list: &[DeviceLimit]| {
            list.iter()
                .map(|d| {
                    LinuxThrottleDeviceBuilder::default()
                        .major(d.major)
                        .minor(d.minor)
                        .rate(d.value)
                        .build()
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let mut b = LinuxBlockIoBuilder::default();
        if let Some(w) = self.weight {
            b = b.weight(w);
        }
        if !self.weight_device.is_empty() {
            let devs = self
                .weight_device
                .iter()
                .map(|d| {
                    LinuxWeightDeviceBuilder::default()
                        .major(d.major)
                        .minor(d.minor)
                        .weight(d.value as u16)
                        .build()
                })
                .collect::<Result<Vec<_>, _>>()?;
            b = b.weight_device(devs);
        }
        for (list, set) in [
            (&self.read_bps, 0),
            (&self.write_bps, 1),
            (&self.read_iops, 2),
            (&self.write_iops, 3),
        ] {
            if list.is_empty() {
                continue;
            }
            let t = throttles(list)?;
            b = match set {
                0 => b.throttle_read_bps_device(t),
                1 => b.throttle_write_bps_device(t),
                2 => b.throttle_read_iops_device(t),
                _ => b.throttle_write_iops_device(t),
            };
        }
        Ok(Some(b.build()?))
    }
}

fn err(text: String) -> OptionError {
    OptionError::Refused(text)
}

/// `--blkio-weight`: 10 to 1000, or 0 (none).
pub fn parse_weight(value: &str) -> Result<Option<u16>, OptionError> {
    match value.parse::<u16>() {
        Ok(0) => Ok(None),
        Ok(w) if (10..=1000).contains(&w) => Ok(Some(w)),
        Ok(_) => Err(err(format!(
            "invalid value for blkio-weight: {value}: must be from 10 to 1000"
        ))),
        Err(e) => Err(err(format!("invalid value for blkio-weight: {e}"))),
    }
}

/// Which per-device flag a value came from: how it is read and worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceFlag {
    Weight,
    Bps,
    Iops,
}

/// `PATH:VALUE` of a per-device flag, checked as podman checks it; the device's numbers
/// come from `stat` (the path must be a block device).
pub fn parse_device(
    flag: DeviceFlag,
    spec: &str,
    stat: impl Fn(&str) -> std::io::Result<(i64, i64)>,
) -> Result<DeviceLimit, OptionError> {
    let (path, val) = spec
        .split_once(':')
        .ok_or_else(|| err(format!("bad format: {spec}")))?;
    if !path.starts_with("/dev/") {
        return Err(err(format!("bad format for device path: {spec}")));
    }
    let value = match flag {
        DeviceFlag::Weight => match val.parse::<u64>() {
            Ok(w) if w == 0 || (10..=1000).contains(&w) => w,
            _ => return Err(err(format!("invalid weight for device: {spec}"))),
        },
        DeviceFlag::Bps => parse_size(val).map_err(|_| {
            err(format!(
                "invalid rate for device: {spec}. The correct format is \
                 <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is \
                 optional and can be kb, mb, or gb"
            ))
        })?,
        DeviceFlag::Iops => val.parse::<u64>().map_err(|_| {
            err(format!(
                "invalid rate for device: {spec}. The correct format is \
                 <device-path>:<number>. Number must be a positive integer"
            ))
        })?,
    };
    let (major, minor) = stat(path).map_err(|e| err(format!("stat {path}: {e}")))?;
    Ok(DeviceLimit {
        path: path.to_string(),
        major,
        minor,
        value,
    })
}

/// The numbers of a block device on this host.
pub fn host_block_device(path: &str) -> std::io::Result<(i64, i64)> {
    let meta = std::fs::metadata(path)?;
    if !meta.file_type().is_block_device() {
        return Err(std::io::Error::other("not a block device"));
    }
    let rdev = meta.rdev();
    Ok((
        nix::sys::stat::major(rdev) as i64,
        nix::sys::stat::minor(rdev) as i64,
    ))
}

/// All values of one per-device flag; a device given twice keeps its last value.
pub fn parse_devices(
    flag: DeviceFlag,
    specs: &[String],
    stat: impl Fn(&str) -> std::io::Result<(i64, i64)> + Copy,
) -> Result<Vec<DeviceLimit>, OptionError> {
    let mut out: Vec<DeviceLimit> = Vec::new();
    for s in specs {
        let d = parse_device(flag, s, stat)?;
        out.retain(|o| o.path != d.path);
        out.push(d);
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A host with one disk, /dev/vda (254:0).
    pub(crate) fn disk(path: &str) -> std::io::Result<(i64, i64)> {
        match path {
            "/dev/vda" => Ok((254, 0)),
            _ => Err(std::io::Error::from_raw_os_error(libc::ENOENT)),
        }
    }

    #[test]
    fn flags_read_and_worded_as_podman_s() {
        let d = parse_device(DeviceFlag::Bps, "/dev/vda:1mb", disk).unwrap();
        assert_eq!((d.major, d.minor, d.value), (254, 0, 1 << 20));
        let d = parse_device(DeviceFlag::Iops, "/dev/vda:300", disk).unwrap();
        assert_eq!(d.value, 300);
        let d = parse_device(DeviceFlag::Weight, "/dev/vda:500", disk).unwrap();
        assert_eq!(d.value, 500);
        let e = |f, s| parse_device(f, s, disk).unwrap_err().to_string();
        assert!(e(DeviceFlag::Bps, "/dev/vda").contains("bad format: /dev/vda"));
        assert!(e(DeviceFlag::Bps, "vda:1").contains("bad format for device path: vda:1"));
        assert!(e(DeviceFlag::Weight, "/dev/vda:5").contains("invalid weight for device"));
        assert!(e(DeviceFlag::Iops, "/dev/vda:1k").contains("Number must be a positive"));
        assert!(e(DeviceFlag::Bps, "/dev/sdz:1").contains("stat /dev/sdz:"));
        assert_eq!(parse_weight("0").unwrap(), None);
        assert_eq!(parse_weight("300").unwrap(), Some(300));
        assert!(parse_weight("5").is_err());
        assert!(parse_weight("x").is_err());
        let two = parse_devices(
            DeviceFlag::Bps,
            &["/dev/vda:1".to_string(), "/dev/vda:2".to_string()],
            disk,
        )
        .unwrap();
        assert_eq!(two.len(), 1);
        assert_eq!(two[0].value, 2);
    }

    #[test]
    fn the_spec_names_devices_by_number() {
        let b = BlockIo {
            weight: Some(300),
            read_bps: vec![DeviceLimit {
                path: "/dev/vda".into(),
                major: 254,
                minor: 0,
                value: 1024,
            }],
            ..Default::default()
        };
        let v = serde_json::to_value(b.to_oci().unwrap().unwrap()).unwrap();
        assert_eq!(v["weight"], 300);
        assert_eq!(v["throttleReadBpsDevice"][0]["major"], 254);
        assert_eq!(v["throttleReadBpsDevice"][0]["rate"], 1024);
        assert!(BlockIo::default().to_oci().unwrap().is_none());
    }
}
