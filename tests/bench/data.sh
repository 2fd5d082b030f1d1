#!/usr/bin/env bash
# Data in and out of containers and looking at them, side by side in one run (root; needs
# podman for its column): cp of a directory into and out of a running container, export
# of a stopped one, diff, stats --no-stream and top of a running one.
#   tests/bench/data.sh [RUNS] [FILES]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
files=${2:-2000}
. tests/lib/bench.sh
# A tree of small files and one larger one to copy in.
mkdir -p "$w/data/tree"
for i in $(seq "$files"); do echo "file $i" > "$w/data/tree/f$i"; done
head -c 20000000 /dev/urandom > "$w/data/big"

ctl run -d --name r --network none busybox sleep 1000 >/dev/null
ctl create --name s --network none busybox true >/dev/null
[ $have_podman = 1 ] && {
    pod run -d --name r --network none busybox sleep 1000 >/dev/null
    pod create --name s --network none busybox true >/dev/null
}
# Every command once before timing (podman's first call sets up its store).
warm() { "$@" >/dev/null 2>&1 || true; }
row() { # label, then the command with TOOL standing for ctl or pod
    local label=$1; shift
    local c p=0
    warm "${@/#TOOL/ctl}"
    c=$(med "$runs" "${@/#TOOL/ctl}")
    if [ $have_podman = 1 ]; then warm "${@/#TOOL/pod}"; p=$(med "$runs" "${@/#TOOL/pod}"); fi
    # A figure of a command that failed is no figure: say so.
    local ok=""
    "${@/#TOOL/ctl}" >/dev/null 2>&1 || ok=" (ctl failed)"
    if [ $have_podman = 1 ]; then "${@/#TOOL/pod}" >/dev/null 2>&1 || ok="$ok (podman failed)"; fi
    printf '%-34s %8.3f s %8.3f s %8s%s\n' "$label" "$c" "$p" "$(ratio "$p" "$c")" "$ok"
}
printf '%-34s %10s %10s %8s\n' "operation (median of $runs)" ctl podman "podman/ctl"
row "cp dir ($files files) in, running" TOOL cp "$w/data/tree" r:/tmp/
row "cp 20 MB file in, running" TOOL cp "$w/data/big" r:/tmp/big
row "cp dir out, running" TOOL cp r:/tmp/tree "$w/out-tree"
row "cp 20 MB file in, stopped" TOOL cp "$w/data/big" s:/tmp/big
row "export of a stopped container" TOOL export -o "$w/exp.tar" s
row "diff of a running container" TOOL diff r
row "stats --no-stream" TOOL stats --no-stream r
row "top" TOOL top r
