//! A pod's status from its containers', as libpod computes it (`createPodStatusResults`).

use crate::container::state::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodStatus {
    Created,
    Running,
    Degraded,
    Stopped,
    Exited,
    Paused,
    Error,
}

impl PodStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PodStatus::Created => "Created",
            PodStatus::Running => "Running",
            PodStatus::Degraded => "Degraded",
            PodStatus::Stopped => "Stopped",
            PodStatus::Exited => "Exited",
            PodStatus::Paused => "Paused",
            PodStatus::Error => "Error",
        }
    }
}

/// One container as the pod's status counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Member {
    Created,
    Running,
    Paused,
    Stopped,
}

impl Member {
    pub fn of(status: Status, paused: bool) -> Member {
        match status {
            Status::Running if paused => Member::Paused,
            Status::Running => Member::Running,
            Status::Created | Status::Configured => Member::Created,
            Status::Exited => Member::Stopped,
        }
    }
}

/// libpod's rules, the infra container counted as any other: all running is Running, some
/// running Degraded, all paused Paused, all stopped Exited, some stopped Stopped.
pub fn pod_status(members: &[Member]) -> PodStatus {
    let n = members.len();
    let count = |m: Member| members.iter().filter(|x| **x == m).count();
    if n == 0 {
        return PodStatus::Created;
    }
    let running = count(Member::Running);
    match () {
        _ if running == n => PodStatus::Running,
        _ if running > 0 => PodStatus::Degraded,
        _ if count(Member::Paused) == n => PodStatus::Paused,
        _ if count(Member::Stopped) == n => PodStatus::Exited,
        _ if count(Member::Stopped) > 0 => PodStatus::Stopped,
        _ => PodStatus::Created,
    }
}

#[cfg(test)]
mod tests {
    use super::Member::*;
    use super::*;

    #[test]
    fn statuses_follow_libpod() {
        assert_eq!(pod_status(&[]), PodStatus::Created);
        assert_eq!(pod_status(&[Created, Created]), PodStatus::Created);
        assert_eq!(pod_status(&[Running, Running]), PodStatus::Running);
        assert_eq!(pod_status(&[Running, Stopped]), PodStatus::Degraded);
        assert_eq!(pod_status(&[Running, Created]), PodStatus::Degraded);
        assert_eq!(pod_status(&[Paused, Paused]), PodStatus::Paused);
        assert_eq!(pod_status(&[Paused, Running]), PodStatus::Degraded);
        assert_eq!(pod_status(&[Stopped, Stopped]), PodStatus::Exited);
        assert_eq!(pod_status(&[Stopped, Created]), PodStatus::Stopped);
        assert_eq!(pod_status(&[Paused, Stopped]), PodStatus::Stopped);
    }

    #[test]
    fn container_states_count_as_libpod_counts_them() {
        assert_eq!(Member::of(Status::Running, true), Paused);
        assert_eq!(Member::of(Status::Configured, false), Created);
        assert_eq!(Member::of(Status::Exited, false), Stopped);
    }
}
