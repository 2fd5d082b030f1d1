#!/usr/bin/env bash
# Pull benchmark: a ~200 MB, 5-layer image of generated files in a loopback registry, pulled
# by ctl, by podman and copied by skopeo (which does not even unpack), each N times from
# scratch. Prints each median and the ratios. Needs root, podman and skopeo.
#   tests/bench/pull.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
here=$(pwd)
. tests/lib/oci.sh
command -v podman >/dev/null || { echo "podman not installed (apt-get install podman)" >&2; exit 1; }
cargo build --release -q -p ctl
ctl="$here/target/release/ctl"
w=$(mktemp -d /var/tmp/ctl-bench.XXXXXX)
trap 'stop_registry "$w/reg"; podman --root "$w/proot" --runroot "$w/prun" rmi -af >/dev/null 2>&1 || true; rm -rf "$w"' EXIT
reg=$(start_registry "$w/reg")

echo "generating a 5-layer image of ~200 MB..." >&2
for i in 1 2 3 4 5; do
    d="$w/src/l$i"; mkdir -p "$d/data$i"
    for j in $(seq 8); do
        head -c 2500000 /dev/urandom > "$d/data$i/rand$j.bin"
        head -c 1900000 /dev/urandom | base64 > "$d/data$i/text$j.txt"
    done
done
make_oci_layout "$w/layout" latest "$w/src/l1" "$w/src/l2" "$w/src/l3" "$w/src/l4" "$w/src/l5"
push_layout "$w/layout" latest "$reg/bench:latest"
du -sh "$w/src" | awk '{print "image content: " $1}' >&2

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
time_runs() { # time_runs NAME SETUP CMD...
    local name=$1 setup=$2; shift 2
    for _ in $(seq "$runs"); do
        eval "$setup"
        sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
        local t0 t1; t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}'
    done | median > "$w/$name.median"
}

time_runs ctl 'rm -rf "$w/croot" "$w/crun"' \
    "$ctl" --root "$w/croot" --runroot "$w/crun" pull -q "$reg/bench:latest"
time_runs podman 'podman --root "$w/proot" --runroot "$w/prun" rmi -af >/dev/null 2>&1 || true' \
    podman --root "$w/proot" --runroot "$w/prun" pull -q --tls-verify=false "$reg/bench:latest"
time_runs skopeo 'rm -rf "$w/skdir"' \
    skopeo copy -q --src-tls-verify=false "docker://$reg/bench:latest" "dir:$w/skdir"

c=$(cat "$w/ctl.median"); p=$(cat "$w/podman.median"); s=$(cat "$w/skopeo.median")
printf '\npull of a 5-layer ~200 MB image, median of %s runs\n' "$runs"
printf '%-28s %8.3f s\n' "ctl pull" "$c" "podman pull" "$p" "skopeo copy (dir, no unpack)" "$s"
printf 'podman / ctl: %.2fx (goal >= 2)   ctl / skopeo: %.2fx (goal <= 1.3)\n' \
    "$(awk -v a="$p" -v b="$c" 'BEGIN {print a / b}')" "$(awk -v a="$c" -v b="$s" 'BEGIN {print a / b}')"
