//! Container networking beyond none and host.

pub mod rootless;
