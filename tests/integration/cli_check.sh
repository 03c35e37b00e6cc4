#!/bin/sh
# lpcheck check and status: verdicts for chosen build IDs, dnf-style groups,
# the repository history turning no-match into eol, JSON field by field.
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

DB="--root $ROOT --dbpath /var/lib/rpm"
make_repo "$T/repo" $(rpm_pkg xen-livepatch-3-3) $(rpm_pkg xen-livepatch-4-1)

# --- eol: 3-3 installed, 4-1 offered, running a 4.17.3 base
new_root
setup_install xen-livepatch-3-3
lpc check --json $DB --xen-build-id "$X31" --kernel-build-id none "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 1 "check: eol is flagged"
expect_json "check eol, field by field" \
	"d['components'][0]['component'] == 'xen' and d['components'][0]['verdict'] == 'eol'" \
	"d['components'][0]['flagged'] is True and d['components'][0]['reboot_required'] is True" \
	"d['components'][0]['running_build_id'] == '$X31' and d['components'][0]['applied'] is None" \
	"d['components'][0]['latest_target'] == '4.17.4-6.xs8' and d['components'][0]['livepatch'] is None" \
	"d['components'][0]['supported_build_ids'] == ['$X41', '$X42', '$X43', '$X44', '$X45']" \
	"'xen-livepatch-4-1.x86_64' in d['components'][0]['message']" \
	"d['components'][1]['verdict'] == 'not-applicable' and d['flagged'] is True"

# --- livepatchable, from the repository (newest version chosen)
lpc check --json $DB --xen-build-id "$X43" --repo "$T/repo"
expect_rc 0 "check: livepatchable is not flagged"
expect_json "check livepatchable names the record" \
	"d['components'][0]['verdict'] == 'livepatchable'" \
	"d['components'][0]['livepatch'] == {'package': 'xen-livepatch-4-1.x86_64', 'base_build_id': '$X43', 'base': '4.17.4-3.xs8', 'to': '4.17.4-6.xs8'}"

# --- up-to-date when that target is applied
lpc check --json $DB --xen-build-id "$X43" --xen-applied 4.17.4-6.xs8 --repo "$T/repo"
expect_rc 0 "check: up-to-date"
expect_json "check up-to-date" "d['components'][0]['verdict'] == 'up-to-date'" "d['components'][0]['applied'] == '4.17.4-6.xs8'"

# --- no-match: a build no package was made for
lpc check --json $DB --xen-build-id ffffffffffffffffffffffffffffffffffffffff --repo "$T/repo"
expect_rc 1 "check: no-match is flagged"
expect_json "check no-match" "d['components'][0]['verdict'] == 'no-match'" "d['components'][0]['reboot_required'] is False"

# --- fresh root: the repository's history makes a dropped base eol (the plugin would say no-match)
new_root
lpc check --json $DB --xen-build-id "$X31" --repo "$T/repo"
expect_rc 1 "check on a fresh root"
expect_json "history known from the repository: eol" "d['components'][0]['verdict'] == 'eol'"
lpc check --json $DB --xen-build-id "$X31" "$(rpm_pkg xen-livepatch-4-1)"
expect_json "without the history: no-match" "d['components'][0]['verdict'] == 'no-match'"

# --- a candidate equal to the installed package is only known: still judged, nothing added
new_root
setup_install xen-livepatch-4-1
lpc check $DB --xen-build-id "$X43" --repo "$T/repo"
expect_rc 0 "check: nothing newer"
if grep -q "^update: nothing newer than what is installed" "$OUT" && grep -q "^xen  *livepatchable" "$OUT"; then
	ok "human check output: update line and table"
else
	fail "human check output"; show
fi

# --- status: what is installed now (two Xen live patch packages: the newer target wins)
new_root
setup_install xen-livepatch-3-3 broken/xen-livepatch-noprov-1-1 kernel-livepatch-1.0.5-1
lpc status --json $DB --xen-build-id "$X31" --kernel-build-id "$K3"
expect_rc 1 "status: eol is flagged (a reboot is pending)"
expect_json "status eol and livepatchable" \
	"d['components'][0]['verdict'] == 'eol' and d['components'][0]['flagged'] is True" \
	"d['components'][1]['verdict'] == 'livepatchable' and d['components'][1]['livepatch']['to'] == '4.19.19-8.0.35.xs8'"
lpc status --json $DB --xen-build-id ffffffffffffffffffffffffffffffffffffffff --kernel-build-id none
expect_rc 0 "status: no-match is not flagged"
expect_json "status no-match, kernel unknown" \
	"d['components'][0]['verdict'] == 'no-match' and d['components'][0]['flagged'] is False" \
	"d['components'][1]['verdict'] == 'unknown'"
SYS=$T/sys
write_notes "$SYS" "$K2"
lpc status $DB --sysfs "$SYS"
expect_rc 0 "status from a fake sysfs"
if grep -q "^kernel  *livepatchable  *no  *$K2" "$OUT" && grep -q "^xen  *not-applicable" "$OUT" &&
   grep -q "^  kernel-livepatch-1.0.5-1.x86_64" "$OUT"; then
	ok "human status: table and installed packages"
else
	fail "human status output"; show
fi

# --- another root without host options: unknown
lpc status --json $DB
expect_json "another root without host options: unknown" "d['components'][0]['verdict'] == 'unknown'" \
	"'another root' in d['components'][0]['message']"

# --- an added package that owns no live patch directory is flagged by check
new_root
lpc check --json $DB --xen-build-id "$X43" --kernel-build-id none "$(rpm_pkg broken/xen-livepatch-nodir-1-1)"
expect_rc 1 "check: unowned-directory is flagged"
expect_json "check: unowned-directory" "[p['code'] for p in d['problems']] == ['unowned-directory']"

# --- status --repo: the older versions there tell eol from a newer build, as check does
new_root
setup_install xen-livepatch-4-1
lpc status --json $DB --xen-build-id "$X31" --kernel-build-id none --report "$T/none.json"
expect_rc 0 "status without history: no-match"
lpc status --json $DB --xen-build-id "$X31" --kernel-build-id none --report "$T/none.json" --repo "$T/repo"
expect_rc 1 "status --repo: eol is flagged"
expect_json "status --repo: the repository's 3-3 carried the running build" \
	"d['components'][0]['verdict'] == 'eol' and d['components'][0]['reboot_required'] is True"
expect_json "status --repo: names the directory read and its metadata's age, as check does" \
	"[r['id'] for r in d['repositories']] == ['$T/repo'] and d['repositories'][0]['metadata_age_seconds'] >= 0"

# --- check --transaction: the transaction a front end planned (yum's and dnf's plugins), in JSON
check_transaction_input

finish
