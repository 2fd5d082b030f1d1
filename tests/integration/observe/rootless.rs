//! `stats` and `top` as an ordinary user: never a failure; what the user's cgroup does not
//! let ctl read is `--` after one warning line.

use crate::common::{Image, Registry};
use crate::rootless::user::User;

#[test]
fn stats_and_top_as_an_ordinary_user() {
    let registry = Registry::start();
    registry.push("fixtures/busybox:latest", &Image::busybox());
    let reference = registry.reference("fixtures/busybox:latest");
    let user = User::create(true);
    user.ok(&["pull", "-q", &reference]);
    user.ok(&[
        "run", "-d", "--name", "r", "--user", "1000", &reference, "sleep", "1000",
    ]);

    let out = user.ok(&[
        "stats",
        "--no-stream",
        "--format",
        "{{.Name}}|{{.PIDS}}|{{.CPUPerc}}|{{.MemUsage}}",
        "r",
    ]);
    let f: Vec<&str> = out.stdout.trim_end().split('|').collect();
    assert_eq!(f[0], "r", "{out}");
    match out.stderr.as_str() {
        // The container's own cgroup could be read.
        "" => {
            assert_eq!(f[1], "1", "{out}");
            assert!(f[2].ends_with('%'), "{out}");
        }
        warning => {
            assert_eq!(warning.lines().count(), 1, "{out}");
            assert!(warning.starts_with("Warning: "), "{out}");
            assert!(
                f[1] == "--" || f[2] == "--",
                "unread values shown as --: {out}"
            );
        }
    }

    let out = user.ok(&["top", "r", "user", "pid", "args"]);
    let rows: Vec<Vec<&str>> = out
        .lines()
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows[0], ["USER", "PID", "COMMAND"], "{out}");
    assert_eq!(rows[1..], [vec!["user", "1", "sleep", "1000"]], "{out}");
    user.ok(&["rm", "-f", "-t", "0", "r"]);
    user.stop_everything();
}
