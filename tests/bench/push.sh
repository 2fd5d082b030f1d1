#!/usr/bin/env bash
# Push benchmark: a ~200 MB, 5-layer image of generated files (the same bytes every run:
# AES-CTR streams of fixed keys) pulled into ctl's and podman's stores from one loopback
# registry, then pushed to a second one by `ctl push`, `podman push` and `skopeo copy`
# (from the OCI layout, whose blobs are compressed already: the floor). Cold: a fresh,
# empty registry each run, and ctl's compressed copies removed first (so it compresses, as
# podman does); warm: the same push again, every blob present. Medians, ratios, one run.
#   tests/bench/push.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
. tests/lib/bench.sh
command -v skopeo >/dev/null || { echo "skopeo not installed" >&2; exit 1; }
[ $have_podman = 1 ] || { echo "podman not installed" >&2; exit 1; }

# prng KEY BYTES: reproducible incompressible bytes.
prng() { (openssl enc -aes-256-ctr -nosalt -pass "pass:$1" -pbkdf2 </dev/zero 2>/dev/null || true) | head -c "$2"; }
echo "generating a 5-layer image of ~200 MB..." >&2
for i in 1 2 3 4 5; do
    d="$w/src/l$i"; mkdir -p "$d/data$i"
    for j in $(seq 8); do
        prng "bin-$i-$j" 2500000 > "$d/data$i/rand$j.bin"
        prng "text-$i-$j" 1900000 | base64 > "$d/data$i/text$j.txt"
    done
    touch -d 2026-01-01T00:00:00Z "$d/data$i" "$d/data$i"/*
done
make_oci_layout "$w/layout" latest "$w/src/l1" "$w/src/l2" "$w/src/l3" "$w/src/l4" "$w/src/l5"
push_layout "$w/layout" latest "$reg/bench:latest"
ctl pull -q "$reg/bench:latest" >/dev/null
pod pull -q --tls-verify=false "$reg/bench:latest" >/dev/null
du -sh "$w/src" | awk '{print "image content: " $1}' >&2

# A second registry, emptied and started afresh before each cold push.
dest=""
fresh_dest() {
    stop_registry "$w/dest"; sleep 0.2; rm -rf "$w/dest"
    dest=$(start_registry "$w/dest")
}
trap 'stop_registry "$w/dest"; cleanup' EXIT

time_push() { # time_push NAME MODE CMD... (the destination is the last word, given as @DEST)
    local name=$1 mode=$2; shift 2
    for _ in $(seq "$runs"); do
        if [ "$mode" = cold ]; then
            fresh_dest
            rm -rf "$w"/croot/layers/*/compressed
        fi
        local args=() a
        for a in "$@"; do args+=("${a//@DEST/$dest}"); done
        sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
        timeit "${args[@]}"
    done | median > "$w/$name-$mode.median"
}

for mode in cold warm; do
    [ "$mode" = warm ] && fresh_dest
    # Warm: each tool first fills the registry, then the timed pushes find every blob.
    if [ "$mode" = warm ]; then
        ctl push -q "$reg/bench:latest" "$dest/ctl:1" >/dev/null
    fi
    time_push ctl "$mode" "$ctl_bin" --root "$w/croot" --runroot "$w/crun" push -q \
        "$reg/bench:latest" "@DEST/ctl:1"
    [ "$mode" = warm ] && pod push -q --tls-verify=false "$reg/bench:latest" "$dest/podman:1" >/dev/null 2>&1
    time_push podman "$mode" podman --root "$w/proot" --runroot "$w/prun" push -q \
        --tls-verify=false "$reg/bench:latest" "@DEST/podman:1"
    [ "$mode" = warm ] && skopeo copy -q --dest-tls-verify=false "oci:$w/layout:latest" "docker://$dest/skopeo:1"
    time_push skopeo "$mode" skopeo copy -q --dest-tls-verify=false \
        "oci:$w/layout:latest" "docker://@DEST/skopeo:1"
done

printf '\npush of a 5-layer ~200 MB image to a loopback registry, median of %s runs\n' "$runs"
printf '%-8s %10s %10s\n' "" cold warm
for t in ctl podman skopeo; do
    printf '%-8s %9.3fs %9.3fs\n' "$t" "$(cat "$w/$t-cold.median")" "$(cat "$w/$t-warm.median")"
done
printf 'podman / ctl: cold %s, warm %s   ctl / skopeo: cold %s, warm %s\n' \
    "$(ratio "$(cat "$w/podman-cold.median")" "$(cat "$w/ctl-cold.median")")" \
    "$(ratio "$(cat "$w/podman-warm.median")" "$(cat "$w/ctl-warm.median")")" \
    "$(ratio "$(cat "$w/ctl-cold.median")" "$(cat "$w/skopeo-cold.median")")" \
    "$(ratio "$(cat "$w/ctl-warm.median")" "$(cat "$w/skopeo-warm.median")")"
