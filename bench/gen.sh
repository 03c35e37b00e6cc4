#!/bin/sh
# Generates the benchmark data once (cached by a stamp) under $1:
#   rpms/bulk/   20 x 1,000 filler packages from bench/bulk.rpmspec
#   rpms/lp/     the fixture live patch history and a package with 3,000 bases
#   root/        an installed root of 20,000+ packages (--justdb) plus xen-livepatch-3-3 and
#                kernel-livepatch-1.0.4-1
#   repo/        a createrepo_c repository of every package above
set -eu
OUT=${1:?usage: gen.sh DIR}
SRC=$(cd "$(dirname "$0")/.." && pwd)
CHUNKS=${LPCHECK_BENCH_CHUNKS:-20}
PER=${LPCHECK_BENCH_PER_CHUNK:-1000}
RPMBUILD=${RPMBUILD:-rpmbuild}
stamp="$CHUNKS $PER $(cat "$SRC/bench/bulk.rpmspec" "$SRC/bench/gen.sh" "$SRC/tests/fixtures/livepatch.rpmspec" | cksum)"
if [ "$(cat "$OUT/.stamp" 2>/dev/null)" = "$stamp" ]; then
	exit 0
fi
rm -rf "$OUT"
mkdir -p "$OUT/rpms/bulk" "$OUT/rpms/lp"

echo "bench: building $CHUNKS x $PER filler packages (a few minutes, once)" >&2
chunk() {
	top=$(mktemp -d "$OUT/.top.XXXXXX")
	"$RPMBUILD" --quiet --define "_topdir $top" --define "_binary_payload w.ufdio" \
		--define "chunk $1" --define "count $PER" -bb "$SRC/bench/bulk.rpmspec" >/dev/null
	mv "$top"/RPMS/*/*.rpm "$OUT/rpms/bulk/"
	rm -rf "$top"
}
i=0
while [ "$i" -lt "$CHUNKS" ]; do
	chunk "$i" &
	j=$((i + 1))
	[ "$j" -lt "$CHUNKS" ] && chunk "$j"
	wait
	i=$((i + 2))
done

echo "bench: building live patch packages" >&2
sh "$SRC/tests/fixtures/mkfixtures.sh" "$OUT/rpms/fixtures" >/dev/null
cp "$OUT"/rpms/fixtures/xen-livepatch-3-3.x86_64.rpm "$OUT"/rpms/fixtures/xen-livepatch-4-1.x86_64.rpm \
	"$OUT"/rpms/fixtures/kernel-livepatch-1.0.4-1.x86_64.rpm "$OUT"/rpms/fixtures/kernel-livepatch-1.0.5-1.x86_64.rpm \
	"$OUT/rpms/lp/"
top=$(mktemp -d "$OUT/.top.XXXXXX")
"$RPMBUILD" --quiet --define "_topdir $top" --define "lp_name xen-livepatch-big" --define "lp_version 1" \
	--define "lp_release 1" --define "lp_component xen" --define "lp_target 4.17.4-9.xs8" \
	--define "lp_nbases 3000" -bb "$SRC/tests/fixtures/livepatch.rpmspec" >/dev/null
mv "$top"/RPMS/*/*.rpm "$OUT/rpms/lp/"
rm -rf "$top"

echo "bench: installing the root (--justdb)" >&2
FD=; rpm --force-debian --version >/dev/null 2>&1 && FD=--force-debian
mkdir -p "$OUT/root"
rpm --root "$OUT/root" --dbpath /var/lib/rpm --initdb
find "$OUT/rpms/bulk" -name '*.rpm' -print0 | xargs -0 -n 2000 \
	rpm $FD --root "$OUT/root" --dbpath /var/lib/rpm -i --justdb --nodeps --noscripts --notriggers --noplugins
rpm $FD --root "$OUT/root" --dbpath /var/lib/rpm -i --nodeps --noplugins \
	"$OUT/rpms/lp/xen-livepatch-3-3.x86_64.rpm" "$OUT/rpms/lp/kernel-livepatch-1.0.4-1.x86_64.rpm"

echo "bench: creating the repository" >&2
mkdir -p "$OUT/repo"
ln "$OUT"/rpms/bulk/*.rpm "$OUT/repo/" 2>/dev/null || cp "$OUT"/rpms/bulk/*.rpm "$OUT/repo/"
cp "$OUT"/rpms/lp/*.rpm "$OUT"/rpms/fixtures/xen-livepatch-5-1.x86_64.rpm "$OUT/repo/"
createrepo_c -q --workers 2 "$OUT/repo"
echo "$stamp" >"$OUT/.stamp"
echo "bench: data ready in $OUT ($(rpm --root "$OUT/root" --dbpath /var/lib/rpm -qa | wc -l) installed, $(ls "$OUT/repo" | grep -c 'rpm$') in the repository)" >&2
