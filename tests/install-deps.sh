#!/usr/bin/env bash
# Installs the system packages ctl's build, tests and benchmarks need (Debian/Ubuntu).
set -euo pipefail
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
pkgs="python3-venv runc uidmap passt slirp4netns fuse-overlayfs netavark aardvark-dns iptables nftables iproute2 busybox-static docker-registry apache2-utils skopeo tar gzip python3 ca-certificates bash-completion tmux make dpkg-dev rpm systemd catatonit"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
# kube generate's tests check every generated YAML with kubernetes-validate (the
# Kubernetes 1.33 OpenAPI schemas, --strict): kept in a venv of its own.
KUBE_VENV=/opt/ctl-test-venv
if ! "$KUBE_VENV/bin/kubernetes-validate" --version >/dev/null 2>&1; then
    $SUDO python3 -m venv "$KUBE_VENV"
    $SUDO "$KUBE_VENV/bin/pip" install -q kubernetes-validate
fi
# The registry package starts a service where systemd runs; tests start their own.
$SUDO systemctl disable --now docker-registry >/dev/null 2>&1 || true
command -v cargo >/dev/null || { echo "cargo not found: install Rust (rustup) first" >&2; exit 1; }
