//! A container's record on disk and the truth about its status.
//!
//! `container.json` holds what was asked at create time and changes only with `rename` and
//! `update`; `state.json` holds what happened since. Every reader reconciles the record
//! with the machine: an exit file the monitor wrote, a pid that is gone or now belongs to
//! someone else, a reboot, a pause whose outcome was not recorded.

use std::path::Path;

use ctl_monitor::health::OnFailure;
use ctl_monitor::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Bundle and monitor ready, process not started.
    Created,
    Running,
    /// Exited (or was stopped); may be started again.
    Exited,
    /// Record exists, nothing set up (between reservation and create, or after a reboot
    /// of a container that never ran).
    Configured,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Running => "running",
            Status::Exited => "exited",
            Status::Configured => "configured",
        }
    }

    /// The runtime has the container (created or running): its mounts are in use.
    pub fn is_active(self) -> bool {
        matches!(self, Status::Created | Status::Running)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub status: Status,
    /// Container init pid while created/running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<i32>,
    /// Its start time (clock ticks since boot, /proc/PID/stat field 22): a reused pid has
    /// another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid_start: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitor_pid: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitor_start: Option<u64>,
    /// The boot during which pid and monitor were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<Timestamp>,
    /// None while running, or when the exit status could not be known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[serde(default)]
    pub oom_killed: bool,
    /// Why the status is what it is, when the record had to be corrected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub restarts: u32,
    /// The user stopped or killed it: its restart policy is over until the next start.
    #[serde(default)]
    pub stopped_by_user: bool,
    /// Its monitor ended it for `--health-on-failure=restart`: started again whatever its
    /// restart policy, until the next start.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub health_restart: bool,
    /// The overlay rootfs is mounted.
    #[serde(default)]
    pub mounted: bool,
    /// `ctl mount`s not yet undone by `ctl unmount` (podman's mount counter): while any is
    /// left, stopping the container keeps its rootfs mounted; `rm` unmounts it anyway.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub user_mounts: u32,
    /// The bridge network set up for the current run, until it is torn down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<crate::network::NetworkState>,
    /// A running container's processes are frozen (`pause`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub paused: bool,
    /// A pause or unpause was asked of the runtime and its outcome not recorded (the ctl
    /// that asked was killed): the runtime's state says which it was.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub freezer_pending: bool,
}

impl State {
    pub fn new() -> State {
        State {
            status: Status::Configured,
            pid: None,
            pid_start: None,
            monitor_pid: None,
            monitor_start: None,
            boot_id: None,
            started_at: None,
            finished_at: None,
            exit_code: None,
            oom_killed: false,
            note: None,
            restarts: 0,
            stopped_by_user: false,
            health_restart: false,
            mounted: false,
            user_mounts: 0,
            network: None,
            paused: false,
            freezer_pending: false,
        }
    }

    pub fn is_running(&self) -> bool {
        self.status == Status::Running
    }

    /// The cgroup may be frozen: paused, or a pause whose outcome is not known.
    pub fn maybe_frozen(&self) -> bool {
        self.status == Status::Running && (self.paused || self.freezer_pending)
    }

    /// podman's state word: `created` (ctl's configured), `initialized` (created in the
    /// runtime, not started), `running`, `paused`, `exited`.
    pub fn podman_status(&self) -> &'static str {
        match self.status {
            Status::Configured => "created",
            Status::Created => "initialized",
            Status::Running if self.paused => "paused",
            Status::Running => "running",
            Status::Exited => "exited",
        }
    }

    /// Marks the container exited with what is known (finished now when the time is not).
    pub fn exited(
        &mut self,
        exit_code: Option<i32>,
        finished_at: Option<Timestamp>,
        note: Option<&str>,
    ) {
        self.status = Status::Exited;
        self.exit_code = exit_code;
        self.finished_at = Some(finished_at.unwrap_or_else(Timestamp::now));
        self.pid = None;
        self.pid_start = None;
        self.monitor_pid = None;
        self.monitor_start = None;
        self.paused = false;
        self.freezer_pending = false;
        self.note = note.map(str::to_string);
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

/// What the machine says now, for reconciling a record.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    pub boot_id: Option<String>,
    /// The container's pid is alive with the recorded start time.
    pub pid_alive: bool,
    pub monitor_alive: bool,
    /// The monitor's exit file: (exit code or unknown, finish time, oom).
    pub exit: Option<(Option<i32>, Timestamp, bool)>,
    /// The exit file says the monitor ended it for `--health-on-failure`.
    pub health_action: Option<OnFailure>,
    /// Whether the runtime has the container paused; asked only while a pause or unpause
    /// is pending (None: not asked, or the runtime does not know the container).
    pub runtime_paused: Option<bool>,
}

/// Folds what was observed into the record; returns whether it changed. Pure, so every
/// case is tested without processes.
pub fn reconcile(state: &mut State, seen: &Observed) -> bool {
    if !matches!(state.status, Status::Created | Status::Running) {
        return false;
    }
    if let Some((code, at, oom)) = &seen.exit {
        state.exited(*code, Some(*at), None);
        state.oom_killed = *oom;
        // kill and stop end the restart policy as the user's would; restart starts it again.
        match seen.health_action {
            Some(OnFailure::Kill | OnFailure::Stop) => state.stopped_by_user = true,
            Some(OnFailure::Restart) => state.health_restart = true,
            Some(OnFailure::None) | None => {}
        }
        return true;
    }
    if state.boot_id.is_some() && seen.boot_id.is_some() && state.boot_id != seen.boot_id {
        state.exited(None, None, Some("the machine rebooted"));
        state.mounted = false;
        state.user_mounts = 0;
        return true;
    }
    if seen.pid_alive {
        if let (true, Some(paused)) = (state.freezer_pending, seen.runtime_paused) {
            state.paused = paused;
            state.freezer_pending = false;
            return true;
        }
        return false;
    }
    if seen.monitor_alive {
        // The monitor is writing the exit file right now; the caller may look again.
        return false;
    }
    state.exited(
        None,
        None,
        Some("the container's process and its monitor are gone; exit status unknown"),
    );
    true
}

/// This boot's id.
pub fn boot_id() -> Option<String> {
    std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .ok()
        .map(|s| s.trim().to_string())
}

/// Start time of `pid` in clock ticks since boot (field 22 of /proc/PID/stat).
pub fn process_start(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split(' ').nth(19)?.parse().ok()
}

/// `pid` is alive and is the process that started at `start` (not a reused pid). A zombie
/// counts as gone.
pub fn same_process(pid: i32, start: Option<u64>) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    let Some(close) = stat.rfind(')') else {
        return false;
    };
    let mut fields = stat[close + 2..].split(' ');
    if fields.next() == Some("Z") {
        return false;
    }
    match start {
        Some(s) => process_start(pid) == Some(s),
        None => true,
    }
}

/// Reads a JSON record; `Ok(None)` when the file does not exist.
pub fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Option<T>, String> {
    match crate::fsutil::read_small(path) {
        Ok(d) => serde_json::from_slice(&d)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A state record as ctl writes it today (an exited container).
    const RECORD_OF_TODAY: &str = r#"{
  "status": "exited",
  "boot_id": "b1",
  "started_at": "2026-11-22T22:46:51.123456789+00:00",
  "finished_at": "2026-11-22T22:47:01.000000042+00:00",
  "exit_code": 3,
  "oom_killed": false,
  "restarts": 0,
  "stopped_by_user": false,
  "mounted": false
}"#;

    #[test]
    fn records_of_today_load_and_keep_their_bytes() {
        let st: State = serde_json::from_str(RECORD_OF_TODAY).unwrap();
        let started = Timestamp::new(1_795_387_611, 123_456_789);
        assert_eq!(st.started_at, Some(started));
        assert_eq!(st.finished_at.unwrap().seconds_since(started), 9);
        assert_eq!(serde_json::to_string_pretty(&st).unwrap(), RECORD_OF_TODAY);
        // Records of chrono's time wrote `Z`.
        let zulu = RECORD_OF_TODAY.replace("123456789+00:00", "123456789Z");
        let st: State = serde_json::from_str(&zulu).unwrap();
        assert_eq!(st.started_at, Some(started));
        // A time that is none is a corrupt record, not a silently missing time.
        let bad = RECORD_OF_TODAY.replace("2026-11-22T22:46:51.123456789+00:00", "soon");
        assert!(serde_json::from_str::<State>(&bad).is_err());
    }

    fn running() -> State {
        State {
            status: Status::Running,
            pid: Some(10),
            pid_start: Some(5),
            monitor_pid: Some(9),
            boot_id: Some("b1".into()),
            ..State::new()
        }
    }

    #[test]
    fn exit_file_is_folded_in() {
        let mut s = running();
        let seen = Observed {
            boot_id: Some("b1".into()),
            exit: Some((Some(3), Timestamp::new(1_795_387_611, 5), false)),
            ..Default::default()
        };
        assert!(reconcile(&mut s, &seen));
        assert_eq!(s.status, Status::Exited);
        assert_eq!(s.exit_code, Some(3));
        assert_eq!(s.finished_at, Some(Timestamp::new(1_795_387_611, 5)));
        assert_eq!(s.pid, None);
    }

    #[test]
    fn health_actions_decide_what_follows_the_exit() {
        let at = Timestamp::new(1_795_387_611, 5);
        for (action, by_user, again) in [
            (OnFailure::Kill, true, false),
            (OnFailure::Stop, true, false),
            (OnFailure::Restart, false, true),
        ] {
            let mut s = running();
            let seen = Observed {
                exit: Some((Some(137), at, false)),
                health_action: Some(action),
                ..Default::default()
            };
            assert!(reconcile(&mut s, &seen));
            assert_eq!(
                (s.stopped_by_user, s.health_restart),
                (by_user, again),
                "{action:?}"
            );
        }
    }

    #[test]
    fn reboot_means_exited_unknown() {
        let mut s = running();
        s.mounted = true;
        let seen = Observed {
            boot_id: Some("b2".into()),
            pid_alive: true,
            ..Default::default()
        };
        assert!(reconcile(&mut s, &seen));
        assert_eq!(s.status, Status::Exited);
        assert_eq!(s.exit_code, None);
        assert!(!s.mounted);
    }

    #[test]
    fn alive_pid_stays_running_even_without_monitor() {
        let mut s = running();
        let seen = Observed {
            boot_id: Some("b1".into()),
            pid_alive: true,
            ..Default::default()
        };
        assert!(!reconcile(&mut s, &seen));
        assert!(s.is_running());
    }

    #[test]
    fn dead_pid_and_monitor_is_exited_unknown_never_made_up() {
        let mut s = running();
        let seen = Observed {
            boot_id: Some("b1".into()),
            ..Default::default()
        };
        assert!(reconcile(&mut s, &seen));
        assert_eq!(s.status, Status::Exited);
        assert_eq!(s.exit_code, None);
        assert!(s.note.is_some());
    }

    #[test]
    fn pending_pause_takes_the_runtime_s_word() {
        for paused in [true, false] {
            let mut s = running();
            s.freezer_pending = true;
            let seen = Observed {
                boot_id: Some("b1".into()),
                pid_alive: true,
                runtime_paused: Some(paused),
                ..Default::default()
            };
            assert!(reconcile(&mut s, &seen));
            assert_eq!((s.paused, s.freezer_pending), (paused, false));
            assert_eq!(s.podman_status(), if paused { "paused" } else { "running" });
        }
        // Unknown to the runtime: still pending, and rm -f thaws it to be sure.
        let mut s = running();
        s.freezer_pending = true;
        let seen = Observed {
            boot_id: Some("b1".into()),
            pid_alive: true,
            ..Default::default()
        };
        assert!(!reconcile(&mut s, &seen));
        assert!(s.maybe_frozen());
    }

    #[test]
    fn an_exit_ends_a_pause() {
        let mut s = running();
        s.paused = true;
        let seen = Observed {
            boot_id: Some("b1".into()),
            exit: Some((Some(137), Timestamp::new(1_795_387_611, 5), false)),
            ..Default::default()
        };
        assert!(reconcile(&mut s, &seen));
        assert!(!s.paused && !s.maybe_frozen());
        assert_eq!(s.podman_status(), "exited");
    }

    #[test]
    fn exited_records_are_left_alone() {
        let mut s = State::new();
        s.status = Status::Exited;
        assert!(!reconcile(&mut s, &Observed::default()));
    }

    #[test]
    fn own_process_start_time_is_readable() {
        let me = std::process::id() as i32;
        let start = process_start(me);
        assert!(start.is_some());
        assert!(same_process(me, start));
        assert!(!same_process(me, start.map(|s| s + 1)));
    }
}
