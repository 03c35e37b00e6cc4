#!/bin/sh
# ./build.sh demo: a XenServer-like history of xen-livepatch packages, the older
# one installed in a temporary root, and `rpm -U --test` of the newer one with
# the lpcheck plugin, for a host whose running Xen build the update dropped
# (EOL) and for one it still supports. Then `lpcheck scan` of the history.
set -eu
BUILD=${1:?usage: demo.sh BUILD_DIR}
SRC=$(cd "$(dirname "$0")/.." && pwd)
. "$SRC/tests/fixtures/ids.sh"
RPMS=$(abs_top_builddir=$BUILD sh "$SRC/tests/fixtures/mkfixtures.sh")
T=$(mktemp -d "${TMPDIR:-/tmp}/lpcheck-demo.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/plugins" "$T/root"
cp "$BUILD/.libs/lpcheck.so" "$T/plugins/"
FD=; rpm --force-debian --version >/dev/null 2>&1 && FD=--force-debian
rpm --root "$T/root" --dbpath /var/lib/rpm --initdb
rpm $FD --root "$T/root" --dbpath /var/lib/rpm --noplugins -i "$RPMS/xen-livepatch-3-3.x86_64.rpm"

say() { printf '\n\033[1m%s\033[0m\n' "$*"; }
run() { [ -n "${quiet:-}" ] || printf '$ %s\n' "$*" | sed "s|$T|\$T|g; s|$RPMS/||g; s|$BUILD/||g"; "$@" 2>&1 || printf '(exit %d)\n' "$?"; }
lp_rpm() { # lp_rpm XEN_BUILD_ID ARGS...
	id=$1; shift
	printf '$ rpm --root $T/root %s   # with %%__transaction_lpcheck_mode enforce, running Xen build %s\n' \
		"$(echo "$*" | sed "s|$RPMS/||g")" "$id"
	quiet=1 run rpm $FD --root "$T/root" --dbpath /var/lib/rpm \
		--define "__plugindir $T/plugins" --define "__transaction_lpcheck $T/plugins/lpcheck.so" \
		--define "__transaction_lpcheck_mode enforce" --define "__transaction_lpcheck_report %{nil}" \
		--define "__transaction_lpcheck_xen_build_id $id" --define "__transaction_lpcheck_kernel_build_id none" \
		--define "__transaction_lpcheck_xen_livepatch_cmd %{nil}" "$@"
}

say "Installed: xen-livepatch-3-3 (target 4.17.3-3.xs8, bases 4.17.3-1.xs8 and 4.17.3-2.xs8)"
run rpm --root "$T/root" --dbpath /var/lib/rpm -q --provides xen-livepatch
say "The update xen-livepatch-4-1 (target 4.17.4-6.xs8) supports five 4.17.4 bases and drops both 4.17.3 ones:"
run rpm -qp --provides "$RPMS/xen-livepatch-4-1.x86_64.rpm"

say "1. Host running Xen 4.17.3-1.xs8 (build $X31): the update is EOL for it; enforce mode stops rpm"
lp_rpm "$X31" -U --test "$RPMS/xen-livepatch-4-1.x86_64.rpm"
say "2. Host running Xen 4.17.4-3.xs8 (build $X43): supported; rpm -v shows the verdict"
lp_rpm "$X43" -Uv --test "$RPMS/xen-livepatch-4-1.x86_64.rpm"
if [ -x "$BUILD/lpcheck" ]; then
	say "3. lpcheck scan of the history: what each version adds and drops"
	run "$BUILD/lpcheck" scan "$RPMS"/xen-livepatch-3-3.x86_64.rpm "$RPMS"/xen-livepatch-4-1.x86_64.rpm \
		"$RPMS"/xen-livepatch-5-1.x86_64.rpm
fi
