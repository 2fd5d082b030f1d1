//! The protocol between `ctl` and `ctl-monitor`: one definition used by both binaries.
//!
//! The monitor itself arrives with the container lifecycle; until then this crate only
//! names its version so packaging and the CLI can check they match.

/// Protocol version; bumped when argv, sync-pipe messages or the exit file change.
pub const PROTOCOL_VERSION: u32 = 1;
