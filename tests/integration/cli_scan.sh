#!/bin/sh
# lpcheck scan: a history whose newer versions drop bases, broken packages,
# repository metadata, duplicates, an empty repository.
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

H="$(rpm_pkg xen-livepatch-3-3) $(rpm_pkg xen-livepatch-4-1) $(rpm_pkg xen-livepatch-5-1)"

# --- the history from .rpm files: added and dropped exact
lpc scan --json $H
expect_rc 0 "scan of a clean history"
expect_json "scan entries in name/EVR order" \
	"[e['package'] for e in d['packages']] == ['xen-livepatch-3-3.x86_64', 'xen-livepatch-4-1.x86_64', 'xen-livepatch-5-1.x86_64']" \
	"d['lpcheck'] == 1 and d['flagged'] is False and d['problems'] == []"
expect_json "3-3: target, bases, all added" \
	"d['packages'][0]['target'] == '4.17.3-3.xs8'" \
	"d['packages'][0]['bases'] == [{'build_id': '$X31', 'base': '4.17.3-1.xs8'}, {'build_id': '$X32', 'base': '4.17.3-2.xs8'}]" \
	"d['packages'][0]['added'] == ['$X31', '$X32'] and d['packages'][0]['dropped'] == []"
expect_json "4-1 adds five 4.17.4 bases and drops both 4.17.3 ones" \
	"d['packages'][1]['added'] == ['$X41', '$X42', '$X43', '$X44', '$X45']" \
	"d['packages'][1]['dropped'] == ['$X31', '$X32']" \
	"d['packages'][1]['name'] == 'xen-livepatch' and d['packages'][1]['component'] == 'xen'"
expect_json "5-1 is empty: no target, drops everything" \
	"d['packages'][2]['target'] is None and d['packages'][2]['bases'] == []" \
	"d['packages'][2]['dropped'] == ['$X41', '$X42', '$X43', '$X44', '$X45']"

# --- the same from a createrepo_c repository (libsolv)
make_repo "$T/repo" $H
lpc scan --json --repo "$T/repo"
expect_rc 0 "scan of a repository"
expect_json "repository scan agrees with the .rpm scan" \
	"[(e['package'], e['added'], e['dropped']) for e in d['packages']] == [('xen-livepatch-3-3.x86_64', ['$X31', '$X32'], []), ('xen-livepatch-4-1.x86_64', ['$X41', '$X42', '$X43', '$X44', '$X45'], ['$X31', '$X32']), ('xen-livepatch-5-1.x86_64', [], ['$X41', '$X42', '$X43', '$X44', '$X45'])]"
expect_err_line "lpcheck: note: repository metadata lists paths only: symlink targets (symlink-mismatch) need the .rpm files" "repository scan says symlinks need the .rpm files"

# --- broken packages, each with its code; exit 1
check_code() { # check_code FILE CODE
	lpc scan --json "$1"
	expect_rc 1 "$(basename "$1") is flagged"
	expect_json "$(basename "$1"): $2" "'$2' in [p['code'] for p in d['problems']]" "d['flagged'] is True"
}
check_code "$RPMS/broken/xen-livepatch-badprov-1-1.x86_64.rpm" bad-provides
check_code "$RPMS/broken/xen-livepatch-stray-1-1.x86_64.rpm" bad-path
check_code "$RPMS/broken/xen-livepatch-upper-1-1.x86_64.rpm" bad-path
check_code "$RPMS/broken/xen-livepatch-upper-1-1.x86_64.rpm" provides-files-mismatch
check_code "$(rpm_pkg xen-livepatch-4-2)" symlink-mismatch
lpc scan --json $(rpm_pkg xen-livepatch-4-1) "$RPMS/regress/xen-livepatch-6-1.x86_64.rpm"
expect_rc 1 "target regression is flagged"
expect_json "target-regression names both targets" \
	"d['problems'] == [{'code': 'target-regression', 'package': 'xen-livepatch-6-1.x86_64', 'component': 'xen', 'detail': 'target 4.17.3-9.xs8 is older than 4.17.4-6.xs8 of xen-livepatch-4-1.x86_64'}]"
lpc scan "$RPMS/broken/xen-livepatch-noprov-1-1.x86_64.rpm"
expect_rc 0 "a package without Provides is judged by its files, silently"
lpc scan "$RPMS/broken/xen-livepatch-stray-1-1.x86_64.rpm"
expect_rc 1 "human output: flagged"
if grep -qF "lpcheck: xen: bad-path: xen-livepatch-stray-1-1.x86_64: /usr/lib/xen-livepatch/README: stray file" "$OUT"; then ok "human output names the problem"; else fail "human output"; show; fi

# --- repository metadata cannot see symlink targets: no symlink-mismatch from it
make_repo "$T/repo42" "$(rpm_pkg xen-livepatch-4-2)"
lpc scan --json --repo "$T/repo42"
expect_rc 0 "repository scan of 4-2 (symlinks invisible)"

# --- duplicates count once
lpc scan --json --repo "$T/repo" $(rpm_pkg xen-livepatch-4-1) $(rpm_pkg xen-livepatch-4-1)
expect_json "duplicated NEVRAs are scanned once" "len(d['packages']) == 3"

# --- an empty repository is fine
mkdir -p "$T/empty" && createrepo_c -q "$T/empty"
lpc scan --json --repo "$T/empty"
expect_rc 0 "empty repository"
expect_json "empty repository: no packages" "d['packages'] == [] and d['flagged'] is False"

# --- a plain package is no live patch package
lpc scan --json $(rpm_pkg hello-1-1)
expect_json "ordinary package: no entry" "d['packages'] == []"

# --- a payload name cut by the build tools: shown, not a problem
lpc scan --json "$(rpm_pkg cut/kernel-livepatch-xcpng-7-1)"
expect_rc 0 "scan: a cut name is no problem"
expect_json "scan: the cut name is marked" \
	"d['problems'] == []" \
	"d['packages'][0]['target'] == '4.19.19-8.0.40.xcpng8.3'" \
	"[b.get('cut', False) for b in d['packages'][0]['bases']] == [True, False]"
lpc scan "$(rpm_pkg cut/kernel-livepatch-xcpng-7-1)"
if grep -q "^    cut name $K1: the payload name is at the 55-character limit$" "$OUT"; then
	ok "scan text shows the cut name"
else
	fail "scan text: no cut line"; show
fi

# --- payloads owned without any directory: invisible to rpm's index once installed
lpc scan --json "$(rpm_pkg broken/xen-livepatch-nodir-1-1)"
expect_rc 1 "scan: a package without its directories is flagged"
expect_json "scan: unowned-directory" "[p['code'] for p in d['problems']] == ['unowned-directory']" \
	"d['problems'][0]['package'] == 'xen-livepatch-nodir-1-1.x86_64' and d['problems'][0]['component'] == 'xen'"
make_repo "$T/nodir-repo" "$(rpm_pkg broken/xen-livepatch-nodir-1-1)" "$(rpm_pkg xen-livepatch-4-1)"
lpc scan --json --repo "$T/nodir-repo"
expect_rc 1 "scan --repo: a package without its directories is flagged"
expect_json "scan --repo: only the nodir package has unowned-directory" \
	"[(p['code'], p['package']) for p in d['problems']] == [('unowned-directory', 'xen-livepatch-nodir-1-1.x86_64')]"

# --- scan --buildroot never descends through a symlink
BR=$T/buildroot
mkdir -p "$BR/usr/lib/xen-livepatch"
ln -s /etc "$BR/usr/lib/xen-livepatch/$X43"
lpc scan --buildroot "$BR"
expect_rc 1 "buildroot: a base directory that is a symlink is flagged"
grep -qxF "lpcheck: xen: bad-path: buildroot-0-0: /usr/lib/xen-livepatch/$X43: a symlink (to /etc) where a live patch directory belongs; never followed" "$OUT" &&
	ok "buildroot: the symlink named, not followed" || { fail "buildroot: no line naming the symlink"; show; }
[ "$(grep -c 'lpcheck: ' "$OUT" "$ERR" | awk -F: '{s += $NF} END {print s}')" -eq 1 ] && ok "buildroot: one line" || { fail "buildroot: more lines"; show; }
rm -rf "$BR/usr/lib"
ln -s / "$BR/usr/lib"
lpc scan --buildroot "$BR"
expect_rc 2 "buildroot: /usr/lib a symlink: refused"
expect_err_line "lpcheck: $BR: a step of /usr/lib/xen-livepatch is a symlink or not a directory; not followed" \
	"buildroot: the symlinked step named"

finish
