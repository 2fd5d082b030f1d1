//! Named and anonymous volumes, podman's model without a daemon: each volume a directory
//! under the store with its data in `_data` and its record beside it, locked per volume.
//!
//! ```text
//! ROOT/volumes/<name>/_data          what containers see (bind-mounted); a volume with
//!                                    `type`/`device`/`o` has that filesystem mounted here
//!                                    while a created or running container uses it
//! ROOT/volumes/<name>/volume.json    the record, written atomically
//! ROOT/volumes/<name>/lock           flock; held for copy-up, record changes and removal
//! ROOT/volumes/<name>/copyup.tmp/    a copy-up in progress (renamed over an empty _data)
//! ROOT/volumes/.new-<hex>/           a volume being made, published by one rename
//! ROOT/volumes/.gone-<hex>/          a volume being removed, renamed away under its lock
//! ```
//!
//! Which containers use a volume is not kept here: container records name their volumes
//! (`MountRecord::name`), and a creator holds the volume's lock until its record is
//! written, so `volume rm` under the same lock sees every user.

pub mod copyup;
pub mod data;
pub mod filter;
pub mod mount;
pub mod options;
pub mod record;
pub mod store;

pub use record::{CreateRequest, Volume};
pub use store::Volumes;

/// podman's rule for names, in its words.
pub const NAME_RULE: &str = "names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*";

/// `[a-zA-Z0-9][a-zA-Z0-9_.-]*`.
pub fn valid_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_follow_podman_s_rule() {
        for ok in ["a", "0", "data", "my_vol.1-x", "A-"] {
            assert!(super::valid_name(ok), "{ok}");
        }
        for bad in ["", "-a", ".a", "_a", "a/b", "a:b", "a b", "é"] {
            assert!(!super::valid_name(bad), "{bad}");
        }
    }
}
