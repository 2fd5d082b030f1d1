#!/usr/bin/env bash
# Bridge networking benchmark (root; podman for its column, hyperfine for the timing):
#   run --rm IMAGE true on the default bridge network, ctl vs podman (netavark both),
#   with --network none beside it to show what the network costs.
#   tests/bench/network.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}
here=$(pwd)
. tests/lib/oci.sh
command -v hyperfine >/dev/null || { echo "hyperfine not found (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release -q --workspace
ctl_bin="$here/target/release/ctl"
w=$(mktemp -d /var/tmp/ctl-netbench.XXXXXX)
have_podman=0; command -v podman >/dev/null && have_podman=1
ctl_args="--root $w/croot --runroot $w/crun"
pod_args="--root $w/proot --runroot $w/prun"
cleanup() {
    "$ctl_bin" $ctl_args rm -af >/dev/null 2>&1 || true
    [ $have_podman = 1 ] && { podman $pod_args rm -af >/dev/null 2>&1 || true; podman $pod_args rmi -af >/dev/null 2>&1 || true; }
    stop_registry "$w/reg"
    umount -R "$w/croot" "$w/proot" 2>/dev/null || true
    rm -rf "$w"
}
trap cleanup EXIT
reg=$(start_registry "$w/reg")
busybox_rootfs "$w/rootfs"
make_oci_layout "$w/layout" latest "$w/rootfs"
push_layout "$w/layout" latest "$reg/busybox:latest"
"$ctl_bin" $ctl_args pull -q "$reg/busybox:latest" >/dev/null
if [ $have_podman = 1 ]; then
    mkdir -p "$w/pconf"
    printf '[containers]\ndefault_ulimits = ["nofile=1024:1024","nproc=1024:1024"]\n[network]\nnetwork_backend = "netavark"\n[engine]\nruntime = "runc"\n' > "$w/pconf/containers.conf"
    export CONTAINERS_CONF="$w/pconf/containers.conf"
    podman $pod_args pull -q --tls-verify=false "$reg/busybox:latest" >/dev/null
fi

bench() {  # name command -> median seconds
    local name=$1; shift
    hyperfine -N --warmup 2 --runs "$runs" --export-json "$w/$name.json" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$w/$name.json"
}
c_bridge=$(bench ctl-bridge "$ctl_bin $ctl_args run --rm $reg/busybox:latest true")
c_none=$(bench ctl-none "$ctl_bin $ctl_args run --rm --network none $reg/busybox:latest true")
p_bridge=0; p_none=0
if [ $have_podman = 1 ]; then
    p_bridge=$(bench pod-bridge "podman $pod_args run --rm $reg/busybox:latest true")
    p_none=$(bench pod-none "podman $pod_args run --rm --network none $reg/busybox:latest true")
fi
printf '\nmedians of %s runs (seconds, hyperfine)\n' "$runs"
printf '%-40s %8s %8s %8s\n' "" ctl podman "podman/ctl"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
printf '%-40s %8.3f %8.3f %8s\n' "run --rm busybox true (default bridge)" "$c_bridge" "$p_bridge" "$(ratio "$p_bridge" "$c_bridge")"
printf '%-40s %8.3f %8.3f %8s\n' "run --rm --network none busybox true" "$c_none" "$p_none" "$(ratio "$p_none" "$c_none")"
printf '%-40s %8.3f %8.3f\n' "cost of the bridge" "$(awk -v a="$c_bridge" -v b="$c_none" 'BEGIN {print a - b}')" "$(awk -v a="$p_bridge" -v b="$p_none" 'BEGIN {print a - b}')"
