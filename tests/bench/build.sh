#!/usr/bin/env bash
# Build benchmark: the same Containerfile (FROM scratch, busybox copied in, three RUNs, a
# COPY of 200 files, config steps) built by ctl and by podman from their own stores, cold (--no-cache) and
# fully cached, N times each (RUN without a network: --network none for both). Prints each
# median and the ratios. Needs root and podman.
#   tests/bench/build.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
. tests/lib/bench.sh
[ $have_podman = 1 ] || { echo "podman not installed" >&2; exit 1; }

ctx="$w/ctx"; mkdir -p "$ctx/files"
for i in $(seq 200); do head -c 4096 /dev/urandom > "$ctx/files/f$i"; done
cp /bin/busybox "$ctx/busybox"
# FROM scratch: podman 4.3's build refuses a RUN on the loopback fixture, whose config has
# fewer history entries than layers.
cat > "$ctx/Containerfile" <<CF
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
ENV APP=/app
RUN mkdir -p /app && echo built > /app/stamp
COPY files/ /app/files/
RUN ls /app/files | wc -l > /app/count
WORKDIR /app
CMD ["cat", "/app/count"]
CF

# Warm both (page cache, first-build setup), then check that both images work.
ctl build -q --network none -t bench "$ctx" >/dev/null
pod build -q --network none -t bench "$ctx" >/dev/null
[ "$(ctl run --rm bench)" = 200 ] && [ "$(pod run --rm bench)" = 200 ]

c_cold=$(med "$runs" ctl build --network none --no-cache -t bench "$ctx")
p_cold=$(med "$runs" pod build --network none --no-cache -t bench "$ctx")
c_hot=$(med "$runs" ctl build --network none -t bench "$ctx")
p_hot=$(med "$runs" pod build --network none -t bench "$ctx")

printf '\nbuild of a 9-step Containerfile (3 RUN, 2 COPY, one of 200 files), median of %s runs\n' "$runs"
printf '%-22s %8s %8s %8s\n' "" ctl podman "podman/ctl"
printf '%-22s %8.3f %8.3f %8s\n' "cold (--no-cache)" "$c_cold" "$p_cold" "$(ratio "$p_cold" "$c_cold")"
printf '%-22s %8.3f %8.3f %8s\n' "fully cached" "$c_hot" "$p_hot" "$(ratio "$p_hot" "$c_hot")"
