#!/usr/bin/env bash
# kube play of a 3-container pod, then kube down, side by side in one run (root; needs
# podman for its column): both play the same YAML on the same busybox from a loopback
# registry (each pulled once beforehand), --network none.
#   tests/bench/kube.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
. tests/lib/bench.sh
yaml="$w/pod.yaml"
{
    printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: benchpod\nspec:\n'
    printf '  terminationGracePeriodSeconds: 0\n  containers:\n'
    for c in one two three; do
        printf '  - name: %s\n    image: %s\n    command: [sleep, "1000"]\n' "$c" "$reg/busybox:latest"
    done
} > "$yaml"
# Once each first: podman makes its pause image at its first pod.
ctl kube play --network none "$yaml" >/dev/null && ctl kube down "$yaml" >/dev/null
[ $have_podman = 1 ] && { pod kube play --network none "$yaml" >/dev/null && pod kube down "$yaml" >/dev/null; }
c_play=0; c_down=0; p_play=0; p_down=0
c_play_all=""; c_down_all=""; p_play_all=""; p_down_all=""
for i in $(seq "$runs"); do
    c_play_all+="$(timeit ctl kube play --network none "$yaml")"$'\n'
    c_down_all+="$(timeit ctl kube down "$yaml")"$'\n'
    if [ $have_podman = 1 ]; then
        p_play_all+="$(timeit pod kube play --network none "$yaml")"$'\n'
        p_down_all+="$(timeit pod kube down "$yaml")"$'\n'
    fi
done
c_play=$(printf '%s' "$c_play_all" | median)
c_down=$(printf '%s' "$c_down_all" | median)
if [ $have_podman = 1 ]; then
    p_play=$(printf '%s' "$p_play_all" | median)
    p_down=$(printf '%s' "$p_down_all" | median)
fi
left=$(ctl ps -aq | wc -l)
printf '\nmedians of %s runs (seconds)\n' "$runs"
printf '%-36s %8s %8s %8s\n' "" ctl podman "podman/ctl"
printf '%-36s %8.3f %8.3f %8s\n' "kube play (3 containers, started)" "$c_play" "$p_play" "$(ratio "$p_play" "$c_play")"
printf '%-36s %8.3f %8.3f %8s\n' "kube down" "$c_down" "$p_down" "$(ratio "$p_down" "$c_down")"
printf 'containers left after the last down: %s\n' "$left"
