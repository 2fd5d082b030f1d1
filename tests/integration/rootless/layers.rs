//! A rootless image of 128 layers: the kernel's overlay in the user namespace (userxattr)
//! and fuse-overlayfs both mount it, layers in order.

use crate::common::Registry;
use crate::layers::{deep_image, DEEP_SCRIPT};

use super::user::User;

#[test]
fn an_image_of_128_layers_runs_rootless_on_both_overlays() {
    let registry = Registry::start();
    registry.push("deep/layers:128", &deep_image(128));
    let reference = registry.reference("deep/layers:128");
    let user = User::create(true);
    user.ok(&["pull", "-q", &reference]);

    let native = user.home.join("native.toml");
    std::fs::write(&native, "rootless-overlay = \"native\"\n").unwrap();
    let fuse = user.home.join("fuse.toml");
    std::fs::write(&fuse, "rootless-overlay = \"fuse-overlayfs\"\n").unwrap();
    for (cfg, fs) in [(&native, "overlay"), (&fuse, "fuse.fuse-overlayfs")] {
        let cfg = cfg.display().to_string();
        let script = format!("{DEEP_SCRIPT}; grep -c ' / / .* - {fs} ' /proc/self/mountinfo");
        let out = user.ok(&[
            "--config",
            &cfg,
            "run",
            "--rm",
            "--network",
            "none",
            &reference,
            "sh",
            "-c",
            &script,
        ]);
        assert_eq!(out.stdout, "127\nlayer 100\ngone\n1\n", "{fs}: {out}");
    }
    user.stop_everything();
}
