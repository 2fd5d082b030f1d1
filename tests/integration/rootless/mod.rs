//! Rootless ctl, run by ordinary users the harness creates (with and without subordinate
//! ids): the user namespace and its pause process, image ownership, overlay in the user
//! namespace, pasta networking with `-p`, the single-mapping fallback, and isolation
//! between users.

mod cp;
mod fallback;
mod layers;
mod lifecycle;
mod network;
mod pods;
pub(crate) mod user;
mod userns;
