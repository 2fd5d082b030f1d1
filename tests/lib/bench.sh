# Shared by the benchmarks that time ctl beside podman (sourced from the repository root,
# after `runs` is set): a release build, a scratch directory with a store for each tool, a
# loopback registry holding busybox pulled by both, and the timing helpers.
# shellcheck shell=bash
here=$(pwd)
. tests/lib/oci.sh
cargo build --release -q --workspace
ctl_bin="${CARGO_TARGET_DIR:-$here/target}/release/ctl"
w=$(mktemp -d /var/tmp/ctl-bench.XXXXXX)
ctl() { "$ctl_bin" --root "$w/croot" --runroot "$w/crun" "$@"; }
have_podman=0; command -v podman >/dev/null && have_podman=1
pod() { podman --root "$w/proot" --runroot "$w/prun" --runtime runc "$@"; }
cleanup() {
    ctl rm -af >/dev/null 2>&1 || true
    [ $have_podman = 1 ] && { pod rm -af >/dev/null 2>&1 || true; pod rmi -af >/dev/null 2>&1 || true; }
    stop_registry "$w/reg"
    umount -R "$w/croot" 2>/dev/null || true
    rm -rf "$w"
}
trap cleanup EXIT
reg=$(start_registry "$w/reg")
busybox_rootfs "$w/rootfs"
make_oci_layout "$w/layout" latest "$w/rootfs"
push_layout "$w/layout" latest "$reg/busybox:latest"
ctl pull -q "$reg/busybox:latest" >/dev/null
if [ $have_podman = 1 ]; then
    mkdir -p "$w/pconf"
    printf '[containers]\ndefault_ulimits = ["nofile=1024:1024","nproc=1024:1024"]\n[engine]\nruntime = "runc"\n' > "$w/pconf/containers.conf"
    export CONTAINERS_CONF="$w/pconf/containers.conf"
    pod pull -q --tls-verify=false "$reg/busybox:latest" >/dev/null
fi

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
timeit() { local t0 t1; t0=$(now); "$@" >/dev/null 2>&1; t1=$(now); awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}'; }
med() { local n=$1; shift; for _ in $(seq "$n"); do timeit "$@"; done | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
