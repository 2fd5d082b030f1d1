#!/usr/bin/env bash
# Container lifecycle benchmark, side by side in one run (root; needs podman for its column):
#   run --rm --network none IMAGE true: ctl vs podman vs raw `runc run` of the same rootfs
#   run -d (sleep), ps -a with many containers, 16 parallel run -d, monitor memory.
#   tests/bench/run.sh [RUNS] [PS_CONTAINERS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
many=${2:-1000}
. tests/lib/bench.sh
# raw runc: the same rootfs, a spec made by runc itself, no network namespace setup needed
mkdir -p "$w/bundle"; cp -a "$w/rootfs" "$w/bundle/rootfs"
(cd "$w/bundle" && runc spec && sed -i 's/"terminal": true/"terminal": false/; s/"sh"/"true"/' config.json)

c_run=$(med "$runs" ctl run --rm --network none busybox true)
r_run=$(med "$runs" runc --root "$w/runc" run --bundle "$w/bundle" bench-$$)
p_run=0; [ $have_podman = 1 ] && p_run=$(med "$runs" pod run --rm --network none busybox true)
c_d=$(for i in $(seq "$runs"); do timeit ctl run -d --network none busybox sleep 1000; done | median)
p_d=0; [ $have_podman = 1 ] && p_d=$(for i in $(seq "$runs"); do timeit pod run -d --network none busybox sleep 1000; done | median)

# runc's own share with ctl's own bundle (same config.json: seccomp, masks, namespaces):
# create + start + delete -f for run --rm, create + start for run -d.
cyc_id=$(ctl create --network none busybox true)
cyc_dir="$w/croot/containers/$cyc_id"
rc() { runc --root "$w/rcyc" "$@"; }
r_cycle=$(med "$runs" sh -c "runc --root '$w/rcyc' create --bundle '$cyc_dir' cyc && runc --root '$w/rcyc' start cyc && runc --root '$w/rcyc' delete -f cyc")
d_id=$(ctl create --network none busybox sleep 1000)
d_dir="$w/croot/containers/$d_id"
r_cs=$(for i in $(seq "$runs"); do
    timeit sh -c "runc --root '$w/rcyc' create --bundle '$d_dir' d$i && runc --root '$w/rcyc' start d$i"
    rc delete -f "d$i" >/dev/null 2>&1
done | median)
ctl rm -f "$cyc_id" "$d_id" >/dev/null

# exec latency into one of the sleeping containers
cid=$(ctl ps -q --no-trunc | head -n 1 || true)
c_exec=$(med "$runs" ctl exec "$cid" true)
r_exec=$(med "$runs" runc --root "$w/crun/runtime/runc" exec "$cid" true)
p_exec=0
if [ $have_podman = 1 ]; then
    pid_=$(pod ps -q | head -n 1 || true)
    p_exec=$(med "$runs" pod exec "$pid_" true)
fi

# monitor memory, from one idle container's monitor
for f in "$w"/crun/containers/*/monitor.pid; do mpid=$(cat "$f"); break; done
rss=$(awk '/^Rss:/ {print $2}' /proc/"$mpid"/smaps_rollup)
pss=$(awk '/^Pss:/ {print $2}' /proc/"$mpid"/smaps_rollup)
pd=$(awk '/^Private_Dirty:/ {print $2}' /proc/"$mpid"/smaps_rollup)
ctl rm -af >/dev/null

t0=$(now)
for i in $(seq 16); do ctl run -d --network none busybox true >/dev/null & done; wait
t1=$(now); par16=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
ctl rm -af >/dev/null

for i in $(seq "$many"); do ctl create --network none busybox true >/dev/null; done
c_ps=$(med 5 ctl ps -a)
c_cat=$(med 5 sh -c "cat '$w'/croot/containers/*/container.json '$w'/croot/containers/*/state.json")
ps_calls=-
if command -v strace >/dev/null; then
    strace -f -c -o "$w/ps.strace" "$ctl_bin" --root "$w/croot" --runroot "$w/crun" ps -a >/dev/null
    ps_calls=$(awk -v n="$many" '$NF == "openat" {o = $4} $NF == "read" {r = $4}
        END {printf "%.1f opens, %.1f reads per container", o / n, r / n}' "$w/ps.strace")
fi
ctl rm -af >/dev/null
# Where a run --rm spends its time, phase by phase (the scheduler's exec and exit events).
phases=""
if command -v perf >/dev/null; then
    phases=$(for i in $(seq "$runs"); do
        perf record -q -o "$w/perf.data" -e sched:sched_process_exec -e sched:sched_process_exit \
            -e sched:sched_process_fork -- "$ctl_bin" --root "$w/croot" --runroot "$w/crun" \
            run --rm --network none busybox true >/dev/null 2>&1
        perf script -i "$w/perf.data" 2>/dev/null
        echo "==="
    done | python3 tests/bench/phases.py)
fi

printf '\nmedians of %s runs (seconds)\n' "$runs"
printf '%-44s %8s %8s %8s\n' "" ctl podman runc
printf '%-44s %8.3f %8.3f %8.3f\n' "run --rm --network none busybox true" "$c_run" "$p_run" "$r_run"
printf '%-44s %8.3f %8.3f %8s\n' "run -d --network none busybox sleep" "$c_d" "$p_d" "-"
printf '%-44s %8.3f %8.3f %8.3f\n' "exec CTR true" "$c_exec" "$p_exec" "$r_exec"
printf '%-44s %8.3f  (cat of its records %.3f: %s; %s)\n' "ps -a with $many containers" "$c_ps" "$c_cat" "$(ratio "$c_ps" "$c_cat")" "$ps_calls"
printf '%-44s %8.3f  (16 singles / 1.5 = %.3f)\n' "16 parallel run -d, total" "$par16" "$(awk -v a="$c_d" 'BEGIN {print 16 * a / 1.5}')"
printf '%-44s RSS %s KiB, PSS %s KiB, private dirty %s KiB\n' "monitor per idle container" "$rss" "$pss" "$pd"
printf '%-44s %8s %8s %8.3f\n' "runc create+start+delete -f, ctl's bundle" "-" "-" "$r_cycle"
printf '%-44s %8s %8s %8.3f\n' "runc create+start, ctl's bundle" "-" "-" "$r_cs"
printf 'run --rm: ctl vs runc create+start+delete of its bundle %s (goal <= 1.10x), podman vs ctl %s (goal >= 2.5x)\n' "$(ratio "$c_run" "$r_cycle")" "$(ratio "$p_run" "$c_run")"
printf 'run -d: ctl vs runc create+start of its bundle %s (goal <= 1.10x)\n' "$(ratio "$c_d" "$r_cs")"
printf 'run: ctl vs runc run %s, podman vs ctl %s\n' "$(ratio "$c_run" "$r_run")" "$(ratio "$p_run" "$c_run")"
printf 'exec: ctl vs runc exec %s (goal <= 1.05x), podman vs ctl %s\n' "$(ratio "$c_exec" "$r_exec")" "$(ratio "$p_exec" "$c_exec")"
printf 'ps -a: ctl vs cat of the same records %s (goal <= 2x)\n' "$(ratio "$c_ps" "$c_cat")"
if [ -n "$phases" ]; then printf '%s\n' "$phases"; fi
