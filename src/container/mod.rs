//! Containers: turning flags and an image into an OCI bundle, and everything after.

pub mod create;
pub mod exec;
pub mod lifecycle;
pub mod monitor;
pub mod names;
pub mod network;
pub mod options;
pub mod restart;
pub mod rootfs;
pub mod spec;
pub mod state;
pub mod store;
pub mod user;
