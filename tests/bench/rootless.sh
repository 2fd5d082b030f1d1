#!/usr/bin/env bash
# Rootless benchmark, side by side with hyperfine (run as root: it creates a throwaway user
# with subordinate ids, and installs podman and hyperfine when missing):
#   run --rm --network none busybox true   rootless ctl vs rootless podman
#   run --rm busybox true                  the default network: ctl (pasta) vs podman
#   tests/bench/rootless.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}
here=$(pwd)
[ "$(id -u)" = 0 ] || { echo "run as root: the benchmark creates a user" >&2; exit 1; }
need=""
for p in podman hyperfine uidmap passt; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need
fi
. tests/lib/oci.sh
cargo build --release -q --workspace
user=ctlbench$$
w=$(mktemp -d /var/tmp/ctl-rootless-bench.XXXXXX)
chmod 755 "$w"
cleanup() {
    set +e
    as_user "$w/bin/ctl" system migrate >/dev/null 2>&1
    as_user podman system migrate >/dev/null 2>&1
    # Anything of the user's still running (podman's pause and conmon processes), by pid.
    for pid in $(ps -o pid= -u "$user" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
    sleep 0.5
    userdel -r "$user" >/dev/null 2>&1
    sed -i "/^$user:/d" /etc/subuid /etc/subgid
    stop_registry "$w/reg"
    rm -rf "$w"
}
trap cleanup EXIT
useradd -m -s /bin/sh "$user"
grep -q "^$user:" /etc/subuid || { echo "useradd gave $user no /etc/subuid range" >&2; exit 1; }
# Their usual mode on distributions; 0600 on some machines, where rootless tools fail.
chmod 0666 /dev/net/tun /dev/fuse
home=$(getent passwd "$user" | cut -d: -f6)
mkdir -p "$w/bin" "$w/xdg"
cp target/release/ctl target/release/ctl-monitor "$w/bin/"
chown "$user:$user" "$w/xdg"; chmod 700 "$w/xdg"
mkdir -p "$home/.config/containers"
# podman as documented for this machine: runc, the caller's own limits, no systemd.
cat > "$home/.config/containers/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=1024:1024","nproc=1024:1024"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
chown -R "$user:$user" "$home/.config"
as_user() {
    setpriv --reuid "$user" --regid "$user" --init-groups -- \
        env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME="$home" USER="$user" \
        XDG_RUNTIME_DIR="$w/xdg" LANG=C.UTF-8 "$@"
}
reg=$(start_registry "$w/reg")
busybox_rootfs "$w/rootfs"
make_oci_layout "$w/layout" latest "$w/rootfs"
push_layout "$w/layout" latest "$reg/busybox:latest"
img="$reg/busybox:latest"
as_user "$w/bin/ctl" pull -q "$img" >/dev/null
as_user podman pull -q --tls-verify=false "$img" >/dev/null
as_user "$w/bin/ctl" info | grep -E "rootless|networkBackend|overlay|version"
as_user hyperfine -N --warmup 3 --runs "$runs" --style basic \
    --export-markdown "$w/xdg/none.md" \
    -n "ctl run --rm --network none" "$w/bin/ctl run --rm --network none $img true" \
    -n "podman run --rm --network none" "podman run --rm --network none $img true"
as_user hyperfine -N --warmup 3 --runs "$runs" --style basic \
    --export-markdown "$w/xdg/default.md" \
    -n "ctl run --rm (pasta)" "$w/bin/ctl run --rm $img true" \
    -n "podman run --rm (default network)" "podman run --rm $img true"
echo
cat "$w/xdg/none.md" "$w/xdg/default.md"
