#!/bin/sh
# The host's pending reboot, per component, carried forward across later
# transactions: a warn-mode eol stays until the host runs another build or a
# later transaction covers the running build again; other transactions,
# blocked runs and test runs are the last run without erasing it. With the
# default report path, a transaction in another root reports inside it.
# Run with the rpm of the build tree (4.18, el7's 4.11.3, rpm 6).
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

STATE=$T/state
REPORT=$STATE/last-transaction.json
PENDING_XEN=$STATE/last-transaction.pending-xen.json
status() { # status XEN_ID [ARGS...]: lpcheck status of the root, kernel running K2
	xen=$1
	shift
	lpc status --root "$ROOT" --dbpath /var/lib/rpm --xen-build-id "$xen" --kernel-build-id "$K2" "$@"
}
case $("$RPM" --version) in *4.11.*) EL7=yes ;; *) EL7= ;; esac

# --- a warn-mode eol upgrade of Xen's live patches: the reboot is pending
new_root
setup_install xen-livepatch-3-3 kernel-livepatch-1.0.4-1
MODE=warn HOSTDEFS="xen_build_id=$X31 kernel_build_id=$K2"
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "xen eol upgrade in warn mode"
[ -f "$PENDING_XEN" ] && ok "the pending reboot is kept beside the report" || fail "no $PENDING_XEN"
status "$X31" --report "$REPORT"
expect_rc 1 "status: xen eol, reboot pending"

# the host rebooted into a supported build: the history says the reboot was done
status "$X43" --report "$REPORT"
expect_rc 0 "status after the reboot: nothing pending"
grep -q "the reboot pending since the transaction of .* (for running build $X31) is done" "$OUT" &&
	ok "status after the reboot: the earlier pending reboot was done" || { fail "no 'reboot done'"; show; }
grep -q "reboot required" "$OUT" && { fail "status after the reboot still says 'reboot required'"; show; } ||
	ok "status after the reboot: no 'reboot required' under the history heading"
grep -qF "xen eol for running build $X31: the reboot it asked for is done (the host now runs $X43)" "$OUT" &&
	ok "status after the reboot: the last transaction's line says so" || { fail "history line"; show; }

# --- a later transaction of the other component rewrites the report: xen stays pending
lp_rpm -U "$(rpm_pkg kernel-livepatch-1.0.5-1)"
expect_rc 0 "a kernel live patch upgrade afterwards"
"${PYTHON3:-python3}" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["components"][0]["verdict"] != "not-applicable")' \
	"$REPORT" && ok "the report is now the kernel transaction's" || fail "the report was not rewritten"
status "$X31" --report "$REPORT"
expect_rc 1 "status after the kernel upgrade: xen still needs its reboot"
grep -q "^xen  *eol  *yes " "$OUT" && ok "status: xen eol, flagged" || { fail "status lost the pending reboot"; show; }
status "$X31" --json --report "$REPORT"
expect_json "status --json: pending_reboots" \
	"[(p['component'], p['state']) for p in d['pending_reboots']] == [('xen', 'reboot-required')]" \
	"d['components'][0]['reboot_required'] is True"

# --- blocked runs are the last run, and erase nothing pending
MODE=enforce
lp_rpm -e kernel-livepatch
[ "$RC" -ne 0 ] && ok "a blocked erase of the kernel live patches (exit $RC)" || fail "the erase was not blocked"
status "$X31" --report "$REPORT"
expect_rc 1 "status after the blocked run: xen still pending"
grep -q "^  blocked at .* (enforce, real run): kernel eol: " "$OUT" && ok "status: 'blocked at' as the last run" ||
	{ fail "status does not show the blocked run"; show; }
if [ -z "$EL7" ]; then # el7's rpm calls no plugin under --test
	lp_rpm -e --test kernel-livepatch
	expect_rc 1 "a blocked test run"
	status "$X31" --report "$REPORT"
	expect_rc 1 "status after the blocked test run: xen still pending"
	grep -q "^  blocked at .* (enforce, test run): " "$OUT" && ok "status: the blocked test run as the last run" ||
		{ fail "status does not show the blocked test run"; show; }
fi

# --- a later transaction that covers the running build again ends it
MODE=warn
lp_rpm -U "$(rpm_pkg regress/xen-livepatch-6-1)"
expect_rc 0 "an upgrade whose live patches cover the running build again"
[ ! -e "$PENDING_XEN" ] && ok "the pending reboot is gone" || fail "the pending reboot stayed"
status "$X31" --report "$REPORT"
expect_rc 0 "status: nothing pending"

# --- another root: with the default path, the report goes inside it, never the host's
new_root
setup_install xen-livepatch-3-3
host_before=$(ls -l --time-style=full-iso /run/lpcheck 2>&1 | sha1sum)
REPORT=default
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "eol upgrade in another root, default report path"
[ -f "$ROOT/run/lpcheck/last-transaction.json" ] && [ -f "$ROOT/run/lpcheck/last-transaction.pending-xen.json" ] &&
	ok "the report and the pending reboot are inside the root" || { fail "nothing in $ROOT/run/lpcheck"; ls -la "$ROOT/run/lpcheck" 2>&1; }
[ "$(ls -l --time-style=full-iso /run/lpcheck 2>&1 | sha1sum)" = "$host_before" ] &&
	ok "the host's /run/lpcheck is untouched" || fail "the host's report changed"
mkdir -p "$T/home"
printf '%%__transaction_lpcheck_report default\n' >"$T/home/.rpmmacros"
HOME=$T/home status "$X31"
expect_rc 1 "status --root finds the report inside the root"
# a path configured explicitly is used as given
REPORT=$STATE/explicit.json
lp_rpm -e --nodeps xen-livepatch
[ -f "$STATE/explicit.json" ] && ok "an explicit report path is used as given" || fail "no report at the explicit path"
REPORT='%{nil}'

finish
