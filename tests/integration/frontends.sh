#!/bin/sh
# What the user of each front end reads, with librpm driven the way that
# front end handles rpm's log (tests/drivers/frontdrive): dnf5 on rpm 4.12+
# (lines kept by a callback, shown only at element callbacks after the
# prepare step, a test run first), yum 3 on el7's rpm (the log in a file
# printed at element callbacks); warn and enforce; and what lpcheck status
# tells them afterwards, the one place a blocked run is explained to users
# of front ends that say only "transaction failed".
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

DRIVE=$abs_top_builddir/tests/drivers/frontdrive
EOL="lpcheck: xen: eol: running build $X31 is no longer supported by xen-livepatch-4-1.x86_64 (target 4.17.4-6.xs8, supports 5 other builds); reboot required"
case $("$RPM" --version) in
*4.11.*) STYLE=yum3 ;; # el7: XenServer 8's front end
*) STYLE=dnf5 ;;       # rpm 4.12+: the next XenServer's and Fedora's front end
esac
SEEN=$T/seen # what the user's terminal shows: the driver's stdout and stderr

# drive MODE ARGS...: the front end upgrades or erases with the plugin in MODE, host running X31
drive() {
	mode=$1
	shift
	home_macros "$mode" "${DRIVE_XEN:-$X31}" "$T/report.json"
	set +e
	HOME=$T/home "$DRIVE" "$STYLE" "$ROOT" "$@" >"$SEEN" 2>&1
	RC=$?
	set -e
}

# the line as each front end prints it
if [ "$STYLE" = dnf5 ]; then SHOWN=">>> [RPM] $EOL"; else SHOWN="warning: $EOL"; fi
FAILED="Transaction failed."
[ "$STYLE" = dnf5 ] && FAILED="Transaction failed: Rpm transaction failed."

# --- warn: the user reads the verdict once, and the upgrade is done
new_root
setup_install xen-livepatch-3-3
drive warn "$(rpm_pkg xen-livepatch-4-1)"
[ "$RC" -eq 0 ] && ok "$STYLE warn: the upgrade completes" || { fail "$STYLE warn: exit $RC"; cat "$SEEN"; }
n=$(grep -cxF -- "$SHOWN" "$SEEN" || true)
[ "$n" -eq 1 ] && ok "$STYLE warn: the user reads the eol line once" || { fail "$STYLE warn: the eol line shown $n times"; cat "$SEEN"; }
[ "$(grep -c lpcheck "$SEEN")" -eq 1 ] && ok "$STYLE warn: nothing else of lpcheck" || { fail "$STYLE warn: more lines"; cat "$SEEN"; }
expect_installed "xen-livepatch-4-1.x86_64" "$STYLE warn"
lpc status --root "$ROOT" --dbpath /var/lib/rpm --xen-build-id "$X31" --kernel-build-id none --report "$T/report.json"
expect_rc 1 "$STYLE warn, then status: the reboot is pending"
grep -q "^  completed at .* (warn, real run): xen eol: running build $X31 is no longer supported" "$OUT" &&
	ok "$STYLE warn, then status: the last transaction's verdict" || { fail "$STYLE warn, then status"; show; }

# --- enforce: blocked; the front end says only that it failed; status says why
new_root
setup_install xen-livepatch-3-3
before=$(snapshot)
drive enforce "$(rpm_pkg xen-livepatch-4-1)"
[ "$RC" -eq 1 ] && ok "$STYLE enforce: the transaction fails" || { fail "$STYLE enforce: exit $RC"; cat "$SEEN"; }
grep -qxF "$FAILED" "$SEEN" && ok "$STYLE enforce: the user reads '$FAILED'" || { fail "$STYLE enforce: no failure line"; cat "$SEEN"; }
if [ "$STYLE" = yum3 ]; then
	# yum keeps rpm's log in a file it never prints for a blocked run: the summary also goes to stderr, once
	[ "$(grep -c lpcheck "$SEEN")" -eq 1 ] && grep -q "^error: lpcheck: all: blocked: 1 problem; " "$SEEN" &&
		ok "$STYLE enforce: the blocked summary reaches the user once" || { fail "$STYLE enforce: the summary"; cat "$SEEN"; }
elif grep -q lpcheck "$SEEN"; then
	fail "$STYLE enforce: this front end showed a line (update the front-end table)"; cat "$SEEN"
else
	ok "$STYLE enforce: no lpcheck line reaches the user"
fi
[ "$(snapshot)" = "$before" ] && ok "$STYLE enforce: root unchanged" || fail "$STYLE enforce changed the root"
if [ "$STYLE" = dnf5 ]; then RUN="test run"; else RUN="real run"; fi # el7 calls no hook in a test run
lpc status --root "$ROOT" --dbpath /var/lib/rpm --xen-build-id "$X31" --kernel-build-id none --report "$T/report.json"
expect_rc 0 "$STYLE enforce, then status: nothing pending on the host"
grep -qxF "  blocked at $(sed -n 's/.*"time": "\([^"]*\)".*/\1/p' "$T/report.json") (enforce, $RUN): xen eol: ${EOL#lpcheck: xen: eol: }" "$OUT" &&
	ok "$STYLE enforce, then status: 'blocked at <time>: xen eol: ...'" || { fail "$STYLE enforce, then status"; show; }
lpc status --json --root "$ROOT" --dbpath /var/lib/rpm --xen-build-id "$X31" --kernel-build-id none --report "$T/report.json"
expect_json "$STYLE enforce, then status --json" "d['last_transaction']['result'] == 'blocked'" \
	"d['last_transaction']['mode'] == 'enforce' and len(d['last_transaction']['lines']) == 1"

# --- a long-lived process (yum, dnf5daemon, PackageKit): two transactions in one process; a Xen
#     live patch applied in between is seen by the second (the host probed per transaction)
new_root
cat >"$FAKE_CMD" <<SH
#!/bin/sh
[ "\$1" = list ] || exit 2
n=\$(( \$(cat "$T/probes" 2>/dev/null || echo 0) + 1 ))
echo "\$n" >"$T/probes"
[ "\$n" -ge 2 ] && echo ' lp_4.17.4-4.xs8-4.17.4-6.xs8           | APPLIED    |'
exit 0
SH
rm -f "$T/probes"
DRIVE_XEN=$X44
drive warn "$(rpm_pkg xen-livepatch-3-3)" ++ "$(rpm_pkg xen-livepatch-4-1)"
DRIVE_XEN=
[ "$RC" -eq 0 ] && ok "$STYLE, two transactions: both complete" || { fail "$STYLE two transactions: exit $RC"; cat "$SEEN"; }
expect_installed "xen-livepatch-4-1.x86_64" "$STYLE, two transactions"
[ "$(cat "$T/probes")" -eq 2 ] && ok "$STYLE, two transactions: xen-livepatch asked once per transaction" ||
	fail "$STYLE, two transactions: xen-livepatch asked $(cat "$T/probes") times"
"${PYTHON3:-python3}" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["components"][0]["verdict"] != "up-to-date")' \
	"$T/report.json" && ok "$STYLE, two transactions: the second sees the patch applied in between (up-to-date)" ||
	{ fail "$STYLE, two transactions: the second kept the first's host"; cat "$T/report.json"; }
printf '#!/bin/sh\nexit 0\n' >"$FAKE_CMD"

finish
