#!/bin/sh
# rpm with the plugin under valgrind for a representative transaction (an EOL
# upgrade with a report, and an erase): no memory errors, no definite leaks.
. "$abs_top_srcdir/tests/integration/lib.sh"

command -v valgrind >/dev/null 2>&1 || { echo "valgrind missing: build.sh installs it"; exit 1; }
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite"

vg_rpm() { # like lp_rpm, under valgrind
	OUT=$T/out ERR=$T/err
	set +e
	$VG rpm $FORCE_DEBIAN --root "$ROOT" --dbpath /var/lib/rpm \
		--define "__plugindir $PLUGDIR" --define "__transaction_lpcheck $PLUGDIR/lpcheck.so" \
		--define "__transaction_lpcheck_mode $MODE" --define "__transaction_lpcheck_report $T/report.json" \
		--define "__transaction_lpcheck_xen_livepatch_cmd $FAKE_CMD" \
		--define "__transaction_lpcheck_xen_build_id $X31" --define "__transaction_lpcheck_kernel_build_id none" \
		"$@" >"$OUT" 2>"$ERR"
	RC=$?
	set -e
}

new_root
setup_install xen-livepatch-3-3
MODE=warn
vg_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "valgrind: eol upgrade in warn mode, no errors"
grep -q "lpcheck: xen: eol" "$ERR" && ok "valgrind run judged the transaction" || { fail "no verdict under valgrind"; show; }
[ -f "$T/report.json" ] && ok "valgrind run wrote the report" || fail "no report under valgrind"
# the erase of the package that carries the running build: eol, blocked
new_root
setup_install xen-livepatch-3-3
MODE=enforce
vg_rpm -e --test xen-livepatch
expect_rc 1 "valgrind: enforce-blocked erase --test, no errors (exit 1 is rpm's)"
grep -q "lpcheck: all: blocked" "$ERR" && ok "valgrind run blocked" || { fail "no block under valgrind"; show; }

finish
