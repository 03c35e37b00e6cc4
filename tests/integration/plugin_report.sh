#!/bin/sh
# The JSON report of real transactions: content, atomic write, mode 0644,
# never through a symlink, none for --test or for ordinary transactions.
. "$abs_top_srcdir/tests/integration/lib.sh"

REPORT=$T/run/lpcheck/last-transaction.json

# --- a real eol upgrade in warn mode: completed
new_root
setup_install xen-livepatch-3-3
MODE=warn HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "warn upgrade"
if [ -f "$REPORT" ]; then ok "report written (directory created)"; else fail "no report at $REPORT"; fi
perm=$(stat -c %a "$REPORT" 2>/dev/null || echo none)
[ "$perm" = 644 ] && ok "report mode 0644" || fail "report mode $perm"
"${PYTHON3:-python3}" - "$REPORT" "$X31" "$X41" "$ROOT" <<'PY' && ok "report content" || fail "report content"
import json, sys
path, x31, x41, root = sys.argv[1:]
d = json.load(open(path))
def check(cond, what):
    if not cond:
        print("report:", what, json.dumps(d, indent=1)); sys.exit(1)
check(d["lpcheck"] == 1, "schema")
check(d["mode"] == "warn" and d["result"] == "completed" and d["root"] == root, "mode/result/root")
check(d["transaction"] == {"added": ["xen-livepatch-4-1.x86_64"], "removed": ["xen-livepatch-3-3.x86_64"], "after": ["xen-livepatch-4-1.x86_64"]}, "transaction")
check(len(d["time"]) == 20 and d["time"].endswith("Z") and d["time"][10] == "T", "time in UTC")
x, k = d["components"]
check(x["component"] == "xen" and k["component"] == "kernel", "order")
check(x["verdict"] == "eol" and x["flagged"] is True and x["reboot_required"] is True, "xen verdict")
check(x["running_build_id"] == x31 and x["applied"] is None, "running")
check(x["latest_target"] == "4.17.4-6.xs8", "target")
check(len(x["supported_build_ids"]) == 5 and x["supported_build_ids"][0] == x41 and x["supported_build_ids"] == sorted(x["supported_build_ids"]), "supported")
check(x["livepatch"] is None, "no livepatch for eol")
check(x["message"].startswith("running build " + x31 + " is no longer supported by xen-livepatch-4-1.x86_64"), "message")
check(k["verdict"] == "not-applicable" and k["flagged"] is False, "kernel")
check(d["problems"] == [] and d["flagged"] is True, "problems/flagged")
PY

# --- the pending reboot stays visible: status reads the report of that transaction
. "$abs_top_srcdir/tests/integration/cli_lib.sh"
STATUS="--root $ROOT --dbpath /var/lib/rpm --kernel-build-id none"
lpc status $STATUS --xen-build-id "$X31" --report "$REPORT"
expect_rc 1 "status after the eol upgrade: flagged"
if grep -q "^  running build $X31 is no longer supported by xen-livepatch-4-1.x86_64 .*; reboot required, since the transaction of 20[0-9-]*T[0-9:]*Z (xen-livepatch-3-3.x86_64 -> xen-livepatch-4-1.x86_64)$" "$OUT"; then
	ok "status says eol since that transaction"
else
	fail "status does not keep the pending reboot"; show
fi
lpc status --json $STATUS --xen-build-id "$X31" --report "$REPORT"
expect_json "status JSON: eol, reboot required" "d['components'][0]['verdict'] == 'eol'" \
	"d['components'][0]['reboot_required'] is True and d['flagged'] is True"
# without the report, the database alone says no-match, with the hint
lpc status $STATUS --xen-build-id "$X31" --report "$T/none.json"
expect_rc 0 "status without a report: no-match, not flagged"
grep -q "lpcheck status --repo DIR tells an end-of-life base from a newer build" "$OUT" && ok "the --repo hint" || { fail "no --repo hint"; show; }
# found where the plugin writes it: the value of %__transaction_lpcheck_report, through rpm's macros
mkdir -p "$T/home"
printf '%%__transaction_lpcheck_report %s\n' "$REPORT" >"$T/home/.rpmmacros"
HOME=$T/home lpc status $STATUS --xen-build-id "$X31"
expect_rc 1 "status finds the report through %__transaction_lpcheck_report"
# an ordinary transaction afterwards writes no report: the reboot is still pending
lp_rpm -U "$(rpm_pkg hello-1-1)"
lpc status $STATUS --xen-build-id "$X31" --report "$REPORT"
expect_rc 1 "status after an ordinary transaction: still eol"
# after the reboot into a supported build: nothing pending
lpc status $STATUS --xen-build-id "$X43" --report "$REPORT"
expect_rc 0 "status after the reboot: livepatchable"
# a report that is not one: one note, then the database alone
printf 'garbage' >"$T/garbage.json"
lpc status $STATUS --xen-build-id "$X31" --report "$T/garbage.json"
expect_rc 0 "status with a garbage report"
expect_err_line "lpcheck: note: the plugin's report '$T/garbage.json': not JSON (unexpected character); not used" "a garbage report is one note"

# --- a blocked enforce run writes result "blocked"
new_root
setup_install xen-livepatch-3-3
MODE=enforce
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 1 "blocked upgrade"
"${PYTHON3:-python3}" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["result"]=="blocked" and d["mode"]=="enforce" else 1)' "$REPORT" \
	&& ok "blocked run reported as blocked" || fail "blocked run report"

# --- --test writes no report
rm -f "$REPORT"
MODE=warn
lp_rpm -U --test "$(rpm_pkg xen-livepatch-4-1)"
[ -e "$REPORT" ] && fail "--test wrote a report" || ok "--test writes no report"

# --- an ordinary transaction writes no report
lp_rpm -U "$(rpm_pkg hello-1-1)"
[ -e "$REPORT" ] && fail "ordinary transaction wrote a report" || ok "ordinary transaction writes no report"

# --- a planted symlink at the report path is replaced, never written through
echo precious >"$T/precious"
ln -s "$T/precious" "$REPORT"
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "upgrade with a planted symlink"
[ "$(cat "$T/precious")" = precious ] && ok "symlink target untouched" || fail "report written through the symlink"
[ -f "$REPORT" ] && [ ! -L "$REPORT" ] && ok "report replaced the symlink" || fail "report not written"
[ -z "$(find "$T/run/lpcheck" -name '.lpcheck-report.*')" ] && ok "no temporary file left" || fail "temporary file left"

# --- an unwritable report path is a warning, and the transaction goes on
new_root
setup_install xen-livepatch-3-3
REPORT=$T/precious/sub/report.json
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "unwritable report does not fail the transaction"
if grep -q "^warning: lpcheck: all: internal-error: cannot write the report '$REPORT'" "$ERR"; then ok "unwritable report: one warning"; else fail "unwritable report: no warning"; show; fi

finish
