#!/bin/sh
# A .deb from a staged `make install` with dpkg-deb: no cargo-deb needed, and any build
# (release or debug) can be packaged. Prints the path of the package.
#   packaging/deb/build-deb.sh [BUILDDIR [OUTDIR]]    (default target/release, target/deb)
# DEB_COMPRESS=none|gzip|xz (default xz) picks dpkg-deb's compression; tests of debug builds
# use none, xz of a 150 MB debug binary takes minutes.
# cargo-deb users: `cargo build --release --workspace && cargo deb --no-build` reads the
# same layout from [package.metadata.deb] in Cargo.toml.
set -eu
cd "$(dirname "$0")/../.."
builddir=${1:-target/release}
outdir=${2:-target/deb}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root=$stage/root
make -s install DESTDIR="$root" PREFIX=/usr BUILDDIR="$builddir" \
    ZSHCOMPDIR=/usr/share/zsh/vendor-completions
gzip -9n "$root"/usr/share/man/man1/*.1
install -d "$root/usr/share/doc/ctl"
install -m 644 packaging/deb/copyright "$root/usr/share/doc/ctl/copyright"
gzip -9nc README.md > "$root/usr/share/doc/ctl/README.md.gz"

# Shared-library dependencies as dpkg-shlibdeps computes them (it wants a debian/control).
mkdir -p "$stage/shlibs/debian"
printf 'Source: ctl\n\nPackage: ctl\nArchitecture: any\n' > "$stage/shlibs/debian/control"
shlibs=$(cd "$stage/shlibs" &&
    dpkg-shlibdeps -O "$root/usr/bin/ctl" "$root/usr/libexec/ctl/ctl-monitor" 2>/dev/null |
    sed -n 's/^shlibs:Depends=//p') || shlibs=""
[ -n "$shlibs" ] || shlibs="libc6"

install -d "$root/DEBIAN"
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@SHLIBS@|$shlibs, |" \
    packaging/deb/control.in > "$root/DEBIAN/control"
echo /etc/ctl/ctl.toml > "$root/DEBIAN/conffiles"
(cd "$root" && find usr -type f -exec md5sum {} + | sort -k 2) > "$root/DEBIAN/md5sums"
mkdir -p "$outdir"
deb="$outdir/ctl_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-xz}" --build "$root" "$deb" >/dev/null
echo "$deb"
