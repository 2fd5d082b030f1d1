#!/usr/bin/env bash
# Quick start on a fresh Debian/Ubuntu machine (as root or with sudo): installs what is
# missing, builds ctl, starts a registry on loopback, pushes a busybox image built from
# Debian's busybox-static, and pulls and lists it with ctl.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
"$here/tests/install-deps.sh"
cargo build --release --workspace
ctl="$here/target/release/ctl"
. "$here/tests/lib/oci.sh"
work=$(mktemp -d); trap 'stop_registry "$work/reg"; $SUDO rm -rf "$work"' EXIT
reg=$(start_registry "$work/reg")
busybox_rootfs "$work/rootfs"
make_oci_layout "$work/layout" latest "$work/rootfs"
push_layout "$work/layout" latest "$reg/busybox:latest"
$SUDO "$ctl" --root "$work/store" --runroot "$work/run" pull "$reg/busybox:latest"
$SUDO "$ctl" --root "$work/store" --runroot "$work/run" images
$SUDO "$ctl" --root "$work/store" --runroot "$work/run" run --rm busybox echo "hello from a container"
