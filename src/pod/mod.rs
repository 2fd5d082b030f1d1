//! Pods: containers that share namespaces with one infra container.
//!
//! A pod is a record (`pod.json`, its lock, its name link: [`store`]) and an infra
//! container, a normal container flagged `infra` whose process only holds the namespaces
//! (ipc, net, uts by default) and the published ports. Members are containers whose record
//! names the pod; they join the infra's namespaces as `container:X` joiners do, so the
//! pod's membership lives in the container records and needs no second copy.
//!
//! Made in this order, so that a SIGKILL at any point leaves something `pod ps` lists and
//! `pod rm -f` removes, or a plain container `ps -a` lists and `rm -f` removes: the pod's
//! directory (locked, no record yet), the infra container (naming the pod), then the
//! record. Removed in the reverse order: members, the record, the infra container.

pub mod create;
mod exit_policy;
pub mod filter;
pub mod infra;
pub mod ops;
pub mod record;
pub mod status;
pub mod store;

pub use record::PodConfig;
pub use status::PodStatus;
