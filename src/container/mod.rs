//! Containers: turning flags and an image into an OCI bundle, and everything after.

pub mod caps;
pub mod checks;
pub mod cleanup;
pub mod confine;
pub mod create;
pub mod exec;
pub mod host;
pub mod lifecycle;
pub mod logs;
pub mod monitor;
pub mod names;
pub mod network;
pub mod options;
pub mod overlay;
pub mod remove;
pub mod resources;
pub mod restart;
pub mod rootfs;
pub mod seccomp;
pub mod security;
pub mod spec;
pub mod start;
pub mod state;
pub mod stop;
pub mod store;
pub mod user;
