//! ctl: a daemonless container tool. The core is a library; `src/cli` is the only part that
//! knows about the command line, and nothing here prints.

pub mod build;
pub mod config;
pub mod container;
pub mod context;
pub mod error;
pub mod events;
pub mod fsutil;
pub mod image;
pub mod info;
pub mod kube;
pub mod network;
pub mod observe;
pub mod pod;
pub mod rootless;
pub mod runtime;
pub mod secret;
pub mod sys;
pub mod system;
pub mod systemd;
pub mod text;
pub mod timetype;
pub mod volume;

pub use context::Context;
pub use error::{Error, Result};
