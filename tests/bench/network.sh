#!/usr/bin/env bash
# Bridge networking benchmark (root; podman for its column, hyperfine for the timing), ctl
# with its native backend, ctl with netavark and podman (netavark) side by side:
#   run --rm IMAGE true on the default bridge and with --network none (the difference is
#   the cost of the bridge), 16 parallel run -d next to 16 in a row, and the first byte of
#   HTTP through a published port on 127.0.0.1.
#   tests/bench/network.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}
here=$(pwd)
. tests/lib/oci.sh
command -v hyperfine >/dev/null || { echo "hyperfine not found (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release -q --workspace
ctl_bin="${CARGO_TARGET_DIR:-$here/target}/release/ctl"
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
native="env CTL_NETWORK_BACKEND=native $ctl_bin $ctl_args"
netavark="env CTL_NETWORK_BACKEND=netavark $ctl_bin $ctl_args"
podman="podman $pod_args"
img="$reg/busybox:latest"
tools="native netavark"; [ $have_podman = 1 ] && tools="$tools podman"
declare -A bridge none par seq fb
for t in $tools; do
    cmd=${!t}
    bridge[$t]=$(bench "$t-bridge" "$cmd run --rm $img true")
    none[$t]=$(bench "$t-none" "$cmd run --rm --network none $img true")
done

now() { date +%s.%N; }
# 16 run -d on the default bridge, all at once and one after another (seconds in total).
sixteen() {  # tool parallel(0|1)
    local cmd=${!1} t0 t1 i
    t0=$(now)
    for i in $(seq 16); do
        if [ "$2" = 1 ]; then $cmd run -d $img sleep 600 >/dev/null & else $cmd run -d $img sleep 600 >/dev/null; fi
    done
    wait
    t1=$(now)
    $cmd rm -af -t 0 >/dev/null
    awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
}
# Median first-byte time of 200 GETs to 127.0.0.1:PORT (connect, request, first byte).
first_byte() {  # tool port
    local cmd=${!1}
    $cmd run -d --name fb -p "$2:80" $img sh -c 'mkdir -p /www && echo hi > /www/index.html && exec httpd -f -p 80 -h /www' >/dev/null
    python3 - "$2" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
deadline = time.time() + 15
while True:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        s = socket.create_connection(("127.0.0.1", port), timeout=2)
        s.sendall(b"GET /index.html HTTP/1.0\r\n\r\n")
        if s.recv(1):
            break
    except OSError:
        if time.time() > deadline:
            raise
        time.sleep(0.05)
times = []
for _ in range(200):
    t0 = time.perf_counter()
    s = socket.create_connection(("127.0.0.1", port), timeout=2)
    s.sendall(b"GET /index.html HTTP/1.0\r\n\r\n")
    s.recv(1)
    times.append(time.perf_counter() - t0)
    s.close()
times.sort()
print(times[len(times) // 2])
PY
    $cmd rm -f -t 0 fb >/dev/null
}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
for t in $tools; do
    par[$t]=$(sixteen "$t" 1)
    seq[$t]=$(sixteen "$t" 0)
    fb[$t]=$(first_byte "$t" "$port")
done

ms() { awk -v a="$1" 'BEGIN { printf "%9.1f", a * 1000 }'; }
printf '\nmilliseconds; run --rm: medians of %s runs (hyperfine); first byte: median of 200\n' "$runs"
printf '%-44s %9s %9s %9s\n' "" native netavark podman
row() {  # label array
    local -n a=$2
    printf '%-44s' "$1"
    for t in native netavark podman; do
        if [ -n "${a[$t]:-}" ]; then ms "${a[$t]}"; else printf '%9s' -; fi
    done
    printf '\n'
}
declare -A cost
for t in $tools; do cost[$t]=$(awk -v a="${bridge[$t]}" -v b="${none[$t]}" 'BEGIN { print a - b }'); done
row "run --rm busybox true (default bridge)" bridge
row "run --rm --network none busybox true" none
row "cost of the bridge" cost
row "16 x run -d, in parallel (total)" par
row "16 x run -d, one after another (total)" seq
row "published port, first byte (127.0.0.1)" fb
if [ $have_podman = 1 ]; then
    awk -v p="${bridge[podman]}" -v n="${bridge[native]}" 'BEGIN { printf "podman / native, run --rm on the bridge: %.2fx\n", p / n }'
fi
