# Shared harness of the integration tests: a temporary rpm root, the plugin
# loaded from the build tree, the host pinned, and assertions on what rpm did.
# Every test pins the host: this machine has a real /sys/kernel/notes.
set -eu

: "${abs_top_srcdir:?run through make check}" "${abs_top_builddir:?run through make check}"
. "$abs_top_srcdir/tests/fixtures/ids.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/lpcheck-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
RPMS=$(sh "$abs_top_srcdir/tests/fixtures/mkfixtures.sh")
ROOT=$T/root
PLUGDIR=$T/plugins
mkdir -p "$PLUGDIR"
cp "${LPCHECK_PLUGIN:?}" "$PLUGDIR/lpcheck.so"
# the rpm under test: Debian's, or el7's in the el7 build tree (configure sets LPCHECK_RPM)
RPM=${LPCHECK_RPM:-rpm}
FAKE_CMD=$T/xen-livepatch
printf '#!/bin/sh\nexit 0\n' >"$FAKE_CMD"
chmod 755 "$FAKE_CMD"
FORCE_DEBIAN=
if $RPM --force-debian --version >/dev/null 2>&1; then FORCE_DEBIAN=--force-debian; fi

# what each lp_rpm call uses; tests change these
# WRAP: a command rpm runs under, e.g. $IGNORE_SIGCHLD (a parent that ignores SIGCHLD)
WRAP=
IGNORE_SIGCHLD="${PYTHON3:-python3} -c 'import os, signal, sys; signal.signal(signal.SIGCHLD, signal.SIG_IGN); os.execvp(sys.argv[1], sys.argv[1:])'"
MODE=warn
REPORT='%{nil}'
HOSTDEFS="xen_build_id=none kernel_build_id=none"

FAILS=0
fail() { printf 'FAIL: %s\n' "$*"; FAILS=$((FAILS + 1)); }
ok() { printf 'ok: %s\n' "$*"; }
finish() {
	if [ "$FAILS" -ne 0 ]; then
		printf '%d check(s) failed\n' "$FAILS"
		exit 1
	fi
	printf 'all checks passed\n'
}

new_root() {
	rm -rf "$ROOT"
	mkdir -p "$ROOT"
	$RPM --root "$ROOT" --dbpath /var/lib/rpm --initdb
}

rpm_pkg() { # a fixture by NAME-V-R, or one in a subdirectory (broken/NAME-V-R)
	printf '%s/%s.x86_64.rpm' "$RPMS" "$1"
}

# Installs packages without the plugin (test setup).
setup_install() {
	for p in "$@"; do
		$RPM $FORCE_DEBIAN --root "$ROOT" --dbpath /var/lib/rpm --noplugins -U --nodeps "$(rpm_pkg "$p")"
	done
}

# lp_rpm ARGS...: runs rpm with the plugin; sets RC, and OUT/ERR files.
lp_rpm() {
	set --  "$@"
	defs=""
	for kv in $HOSTDEFS; do
		defs="$defs --define=__transaction_lpcheck_${kv%%=*}\\ ${kv#*=}"
	done
	OUT=$T/out ERR=$T/err
	set +e
	eval $WRAP "$RPM" $FORCE_DEBIAN --root "\"$ROOT\"" --dbpath /var/lib/rpm \
		--define "\"__plugindir $PLUGDIR\"" --define "\"__transaction_lpcheck $PLUGDIR/lpcheck.so\"" \
		--define "\"__transaction_lpcheck_mode $MODE\"" --define "\"__transaction_lpcheck_report $REPORT\"" \
		--define "\"__transaction_lpcheck_xen_livepatch_cmd $FAKE_CMD\"" $defs '"$@"' >"$OUT" 2>"$ERR"
	RC=$?
	set -e
}

# home_macros MODE XEN_ID [REPORT]: a temporary HOME whose .rpmmacros loads the plugin, for front
# ends that take no --define (dnf, dnf5, yum-style drivers); the host pinned as lp_rpm does
home_macros() {
	mkdir -p "$T/home"
	cat >"$T/home/.rpmmacros" <<MACROS
%_dbpath /var/lib/rpm
%__plugindir $PLUGDIR
%__transaction_lpcheck $PLUGDIR/lpcheck.so
%__transaction_lpcheck_mode $1
%__transaction_lpcheck_report ${3:-%{nil\}}
%__transaction_lpcheck_xen_build_id $2
%__transaction_lpcheck_kernel_build_id none
%__transaction_lpcheck_xen_livepatch_cmd $FAKE_CMD
MACROS
}

lines() { grep 'lpcheck' "$ERR" "$OUT" 2>/dev/null | sed 's/^[^:]*://' || true; }

show() { printf -- '--- stderr:\n'; cat "$ERR"; printf -- '--- stdout:\n'; cat "$OUT"; }

expect_rc() { # expect_rc N WHAT
	if [ "$RC" -eq "$1" ]; then ok "$2: exit $1"; else fail "$2: exit $RC, expected $1"; show; fi
}

# expect_line TEXT WHAT: an exact line of rpm's stderr
expect_line() {
	if grep -qxF -- "$1" "$ERR"; then ok "$2"; else fail "$2: no line '$1'"; show; fi
}

# expect_info_line TEXT WHAT: an exact line rpm printed at info level (stdout)
expect_info_line() {
	if grep -qxF -- "$1" "$OUT"; then ok "$2"; else fail "$2: no line '$1' on stdout"; show; fi
}

# expect_lpcheck_count N WHAT: how many lines mention lpcheck
expect_lpcheck_count() {
	n=$(grep -c 'lpcheck' "$ERR" "$OUT" | awk -F: '{s += $NF} END {print s + 0}')
	if [ "$n" -eq "$1" ]; then ok "$2"; else fail "$2: $n lpcheck line(s), expected $1"; show; fi
}

installed() { $RPM --root "$ROOT" --dbpath /var/lib/rpm -qa --qf '%{NEVRA}\n' | sort | tr '\n' ' ' | sed 's/ $//'; }

expect_installed() {
	got=$(installed)
	if [ "$got" = "$1" ]; then ok "$2: installed '$1'"; else fail "$2: installed '$got', expected '$1'"; fi
}

# Everything of the root outside the database, with contents, and the database content.
# SNAPSHOT_SKIP: one more directory of the root to leave out (a frontend's own state).
SNAPSHOT_SKIP=./var/lib/rpm
snapshot() {
	(cd "$ROOT" && find . \( -path ./var/lib/rpm -o -path "$SNAPSHOT_SKIP" \) -prune -o -printf '%p %y %m %s %T@ %l\n' | sort
	 find . \( -path ./var/lib/rpm -o -path "$SNAPSHOT_SKIP" \) -prune -o -type f -print0 | sort -z | xargs -0 -r sha1sum)
	$RPM --root "$ROOT" --dbpath /var/lib/rpm -qa --qf '%{NEVRA} %{INSTALLTIME} %{SHA1HEADER}\n' | sort
}

# Writes a kernel/notes blob with a GNU build-id note for $2 under sysfs dir $1.
write_notes() {
	mkdir -p "$1/kernel"
	"${PYTHON3:-python3}" - "$1/kernel/notes" "$2" <<'PY'
import struct, sys
path, hexid = sys.argv[1], sys.argv[2]
desc = bytes.fromhex(hexid)
other = struct.pack('<III', 4, 4, 1) + b'Xen\0' + b'\1\2\3\4'
gnu = struct.pack('<III', 4, len(desc), 3) + b'GNU\0' + desc + b'\0' * (-len(desc) % 4)
open(path, 'wb').write(other + gnu)
PY
}

# Writes Xen's raw build ID bytes for $2 under sysfs dir $1.
write_xen() {
	mkdir -p "$1/hypervisor/properties"
	echo xen >"$1/hypervisor/type"
	"${PYTHON3:-python3}" -c 'import sys; open(sys.argv[1], "wb").write(bytes.fromhex(sys.argv[2]))' \
		"$1/hypervisor/properties/buildid" "$2"
}

# expect_nil_switch_off PREFIX: %__transaction_lpcheck %{nil} lets an eol upgrade through in enforce
# mode and nothing is said (the rpm of this tree loads no plugin then)
expect_nil_switch_off() {
	new_root
	setup_install xen-livepatch-3-3
	saved_mode=$MODE saved_hostdefs=$HOSTDEFS
	MODE=enforce HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
	lp_rpm -U --define "__transaction_lpcheck %{nil}" "$(rpm_pkg xen-livepatch-4-1)"
	expect_rc 0 "$1%__transaction_lpcheck %{nil} lets the eol upgrade through in enforce mode"
	expect_lpcheck_count 0 "$1%__transaction_lpcheck %{nil} is silent"
	expect_installed "xen-livepatch-4-1.x86_64" "$1%__transaction_lpcheck %{nil}"
	MODE=$saved_mode HOSTDEFS=$saved_hostdefs
}
