# Shell helpers for scripts that need a registry and an image in it (quick start, benchmarks).
# Source this file; it uses only coreutils, tar, gzip, sha256sum, docker-registry and skopeo.

# start_registry DIR -> prints 127.0.0.1:PORT; the registry's pid is in DIR/pid.
start_registry() {
    local dir=$1 port
    mkdir -p "$dir/data"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    cat > "$dir/config.yml" <<YML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YML
    docker-registry serve "$dir/config.yml" > "$dir/log" 2>&1 &
    echo $! > "$dir/pid"
    for _ in $(seq 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "127.0.0.1:$port"
            return 0
        fi
        sleep 0.05
    done
    echo "registry did not start; see $dir/log" >&2
    return 1
}

stop_registry() {
    local dir=$1
    [ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2>/dev/null || true
}

_blob() { # _blob LAYOUT FILE -> moves FILE into blobs, prints "digest size"
    local layout=$1 f=$2 d s
    d=$(sha256sum "$f" | cut -d' ' -f1)
    s=$(stat -c %s "$f")
    mv "$f" "$layout/blobs/sha256/$d"
    echo "sha256:$d $s"
}

# make_oci_layout LAYOUT TAG DIR... : one gzip layer per DIR, an OCI image layout with TAG.
make_oci_layout() {
    local layout=$1 tag=$2; shift 2
    local arch layers="" diffs="" cmd=${OCI_CMD:-'["sh"]'}
    case $(uname -m) in x86_64) arch=amd64;; aarch64) arch=arm64;; *) arch=$(uname -m);; esac
    rm -rf "$layout"; mkdir -p "$layout/blobs/sha256"
    for d in "$@"; do
        tar -C "$d" --numeric-owner --sort=name -cf "$layout/layer.tar" .
        diffs="$diffs${diffs:+,}\"sha256:$(sha256sum "$layout/layer.tar" | cut -d' ' -f1)\""
        gzip -1 -n "$layout/layer.tar"
        read -r dg sz < <(_blob "$layout" "$layout/layer.tar.gz")
        layers="$layers${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$dg\",\"size\":$sz}"
    done
    printf '{"architecture":"%s","os":"linux","created":"%s","config":{"Cmd":%s,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},"rootfs":{"type":"layers","diff_ids":[%s]}}' \
        "$arch" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$cmd" "$diffs" > "$layout/config.json"
    read -r cdg csz < <(_blob "$layout" "$layout/config.json")
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[%s]}' \
        "$cdg" "$csz" "$layers" > "$layout/manifest.json"
    read -r mdg msz < <(_blob "$layout" "$layout/manifest.json")
    printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
    printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
        "$mdg" "$msz" "$tag" > "$layout/index.json"
}

# busybox_rootfs DIR : a minimal root filesystem from Debian's busybox-static.
busybox_rootfs() {
    local d=$1
    mkdir -p "$d/bin" "$d/etc" "$d/tmp" "$d/root"
    cp /bin/busybox "$d/bin/busybox"
    for a in sh ls cat echo true false sleep id env ps mkdir rm touch wget httpd uname hostname; do
        ln -sf busybox "$d/bin/$a"
    done
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$d/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' > "$d/etc/group"
    chmod 1777 "$d/tmp"
}

# push_layout LAYOUT TAG REGISTRY/REPO:TAG
push_layout() {
    skopeo copy -q --dest-tls-verify=false "oci:$1:$2" "docker://$3"
}
