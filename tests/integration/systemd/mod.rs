//! ctl under systemd: sd_notify (`--sdnotify`) against a real datagram socket, the units
//! `ctl generate systemd` writes, and those units run by a real systemd booted over a
//! throwaway root.

mod boot;
mod notify;
mod pods;
mod real;
mod units;
