//! Rootless mode: an ordinary user's containers live in a user namespace mapped from the
//! user's subordinate ids, kept by a pause process that every rootless `ctl` joins.

pub mod idmap;
pub mod pause;

/// Set by a rootless `ctl` once inside its user namespace, where it (and every process it
/// starts: monitor, runtime, cleanup) is root: the user's real uid.
pub const ROOTLESS_UID_ENV: &str = "_CTL_ROOTLESS_UID";

/// The uid of the rootless user whose namespace this process is in, if it is in one.
pub fn inside_uid() -> Option<u32> {
    if !nix::unistd::geteuid().is_root() {
        return None;
    }
    let uid = std::env::var(ROOTLESS_UID_ENV).ok()?.parse().ok()?;
    idmap::in_user_namespace().then_some(uid)
}

/// The error for an image file owned by an id the user namespace lacks: names the file,
/// /etc/subuid, the user and how to add a range.
pub fn unmapped_owner_error(path: &str, uid: u32, gid: u32) -> crate::Error {
    let host_uid = inside_uid().unwrap_or_else(|| nix::unistd::getuid().as_raw());
    let user = idmap::HostUser::current(host_uid);
    let (uids, _) = idmap::current_maps();
    let mapped: u64 = uids.iter().map(|m| u64::from(m.count)).sum();
    crate::Error::UnmappedOwner(format!(
        "image file \"{path}\" is owned by {uid}:{gid}, but the user namespace of {name} \
         (uid {host_uid}) maps only {mapped} id(s): add subordinate ids for {name} to \
         /etc/subuid and /etc/subgid (as root, with a range no other user has, e.g. \
         `usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {name}`, or a \
         line `{name}:100000:65536` in each file), \
         then run `ctl system migrate`",
        name = user.name
    ))
}
