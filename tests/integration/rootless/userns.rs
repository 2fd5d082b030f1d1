//! `--userns` and `--uidmap` rootless: `host` (the user's namespace) works; the modes that
//! need a user namespace inside the user's (keep-id, nomap, auto, --uidmap: a chowned copy
//! of the image's layers, not made by ctl yet) are refused in one line, making nothing.

use crate::common::{Image, Registry};

use super::user::User;

#[test]
fn userns_rootless_host_runs_and_the_rest_is_refused_in_one_line() {
    let registry = Registry::start();
    registry.push("fixtures/busybox:latest", &Image::busybox());
    let reference = registry.reference("fixtures/busybox:latest");
    let user = User::create(true);
    user.ok(&["pull", "-q", &reference]);

    let out = user.ok(&["run", "--rm", "--userns", "host", &reference, "id", "-u"]);
    assert_eq!(out.stdout.trim(), "0", "{out}");

    for (flags, want) in [
        (
            &["--userns", "keep-id"][..],
            "Error: --userns=keep-id is not supported by ctl yet: use --userns=host",
        ),
        (
            &["--userns", "nomap"][..],
            "Error: --userns=nomap is not supported by ctl yet: use --userns=host",
        ),
        (
            &["--userns", "auto"][..],
            "Error: --userns=auto is not supported by ctl yet: use --userns=host",
        ),
        (
            &["--uidmap", "0:1:1000"][..],
            "Error: --uidmap/--gidmap are not supported by ctl yet when rootless",
        ),
    ] {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(flags);
        args.extend_from_slice(&[&reference, "true"]);
        let out = user.ctl(&args);
        out.failure(125);
        assert_eq!(out.one_line_error(), want, "{flags:?}");
    }
    assert_eq!(user.ok(&["ps", "-aq"]).stdout.trim(), "");
    user.stop_everything();
}
