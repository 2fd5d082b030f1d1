#!/usr/bin/env bash
# Watching many containers, side by side in one run (root; needs podman for its column):
# stats --no-stream over N running containers, events read back after their lives,
# ps -a of them, and one idle monitor's memory with a healthcheck beside one without.
#   tests/bench/observe.sh [RUNS] [CONTAINERS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
n=${2:-50}
. tests/lib/bench.sh
for i in $(seq "$n"); do
    ctl run -d --network none busybox sleep 1000 >/dev/null
    [ $have_podman = 1 ] && pod run -d --network none busybox sleep 1000 >/dev/null
done
pair() { # label, then the command with TOOL standing for ctl or pod
    local label=$1; shift
    local c p=0 ok=""
    "${@/#TOOL/ctl}" >/dev/null 2>&1 || ok=" (ctl failed)"
    c=$(med "$runs" "${@/#TOOL/ctl}")
    if [ $have_podman = 1 ]; then
        "${@/#TOOL/pod}" >/dev/null 2>&1 || ok="$ok (podman failed)"
        p=$(med "$runs" "${@/#TOOL/pod}")
    fi
    printf '%-44s %8.3f s %8.3f s %8s%s\n' "$label" "$c" "$p" "$(ratio "$p" "$c")" "$ok"
}
# podman's file events logger, so both read a file (into the [engine] table bench.sh wrote).
[ $have_podman = 1 ] && sed -i 's/^\[engine\]$/[engine]\nevents_logger = "file"/' "$CONTAINERS_CONF"
printf '%-44s %10s %10s %8s\n' "operation (median of $runs)" ctl podman "podman/ctl"
pair "stats --no-stream, $n running" TOOL stats --no-stream
pair "stats --no-stream --format json, $n" TOOL stats --no-stream --format json
pair "ps -a, $n running" TOOL ps -a
pair "events --stream=false (their lives)" TOOL events --stream=false
lines=$(wc -l < "$w/crun/events/events.log")
printf '%-44s %s lines\n' "ctl events file" "$lines"

# One idle monitor: without a healthcheck, and with one every 30 s (after its first check).
mem() { awk '/^Rss:/ {r=$2} /^Private_Dirty:/ {d=$2} END {printf "RSS %s KiB, private dirty %s KiB", r, d}' /proc/"$1"/smaps_rollup; }
ctl rm -af >/dev/null
plain=$(ctl run -d --network none busybox sleep 1000)
hc_flags=()
ctl run --help 2>/dev/null | grep -q -- --health-cmd && hc_flags=(--health-cmd true --health-interval 30s)
checked=$(ctl run -d --network none "${hc_flags[@]}" busybox sleep 1000)
if [ ${#hc_flags[@]} -gt 0 ]; then
    # Wait for the first check's result rather than for a fixed time.
    for _ in $(seq 100); do
        [ "$(ctl inspect --format '{{.State.Health.Status}}' "$checked" 2>/dev/null)" = healthy ] && break
        sleep 0.1
    done
fi
printf '%-44s %s\n' "idle monitor" "$(mem "$(cat "$w/crun/containers/$plain/monitor.pid")")"
printf '%-44s %s\n' "idle monitor, healthcheck every 30 s" \
    "$([ ${#hc_flags[@]} -gt 0 ] && mem "$(cat "$w/crun/containers/$checked/monitor.pid")" || echo "no --health-cmd")"
