//! Secrets: `secret create|ls|inspect|rm|exists` (podman-secret-*(1)), and
//! `run/create --secret` (podman-run(1)'s `--secret`): files bound read-only from the
//! container's own copy, variables set, inspect's `Config.Secrets`.

mod commands;
mod containers;
