//! Integration tests: the real `ctl` binary against a real registry (Debian's
//! `docker-registry`), with fixture images built from Debian's busybox-static.
//! Run as root: `cargo test --test integration`.

mod common;

mod archives;
mod auth;
mod build;
mod chaos;
mod config;
mod docs;
mod errors;
mod faults;
mod flags;
mod formats;
mod health;
mod hostile;
mod images;
mod kube_generate;
mod kube_play;
mod layers;
mod lifecycle;
mod network;
mod observe;
mod packaging;
mod podman_cli;
mod podman_targets;
mod pods;
mod prune;
mod push;
mod resources;
mod restart;
mod rootless;
mod secrets;
mod security;
mod systemd;
mod terminal;
mod untrusted;
mod userns;
mod verbs;
mod volumes;
