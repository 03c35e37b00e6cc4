#!/bin/sh
# The CLI built without libsolv, against the rpm of its build tree (el7's
# rpm 4.11.3 as on XenServer 8, or rpm 6): status, check and scan from .rpm
# files and that rpm's database, the XenServer 8 dry run (downloaded .rpm
# files), and --repo as one clear line.
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

DB="--root $ROOT --dbpath /var/lib/rpm"
librpm_of() { ldd "$1" | sed -n 's/^[[:space:]]*\(librpm\.so\.[0-9]*\) .*/\1/p'; }
WANT=$(librpm_of "$(command -v "$RPM")")
case $("$RPM" --version) in *4.11.*) F=el7 ;; *) F="rpm $("$RPM" --version | sed 's/.* //')" ;; esac

[ -n "$WANT" ] && [ "$(librpm_of "$LPCHECK")" = "$WANT" ] && ok "the $F CLI links $WANT, as its rpm does" ||
	fail "the $F CLI links '$(librpm_of "$LPCHECK")', its rpm '$WANT'"
case $(ldd "$LPCHECK") in
*libsolv*) fail "the $F CLI links libsolv" ;;
*) ok "the $F CLI links no libsolv" ;;
esac

# --- check: the dry run of XenServer 8 (yum update --downloadonly, then check the files)
new_root
setup_install xen-livepatch-3-3
mkdir -p "$T/download"
cp "$(rpm_pkg xen-livepatch-4-1)" "$T/download/"
lpc check --json $DB --xen-build-id "$X31" --kernel-build-id none "$T"/download/*.rpm
expect_rc 1 "$F check: eol is flagged"
expect_json "$F check: eol against its database" \
	"d['components'][0]['verdict'] == 'eol' and d['components'][0]['reboot_required'] is True" \
	"d['components'][0]['latest_target'] == '4.17.4-6.xs8'" \
	"d['components'][1]['verdict'] == 'not-applicable'"
lpc check $DB --xen-build-id "$X43" --kernel-build-id none "$T"/download/*.rpm
expect_rc 0 "$F check: a supported base is not flagged"
if grep -q "^replaces: xen-livepatch-3-3.x86_64$" "$OUT"; then ok "$F check: the upgrade is paired"; else fail "$F check: no replaces line"; show; fi

# --- status: the installed database read by its librpm (el7: a Berkeley DB Packages file)
setup_install xen-livepatch-4-1
lpc status --json $DB --xen-build-id "$X43" --kernel-build-id none
expect_rc 0 "$F status: livepatchable"
expect_json "$F status" "d['components'][0]['verdict'] == 'livepatchable'" \
	"d['components'][0]['livepatch']['package'] == 'xen-livepatch-4-1.x86_64'"
lpc status $DB --dbpath /nowhere --xen-build-id none
expect_rc 2 "$F status: a missing database"

# --- scan of .rpm files: symlinks checked
lpc scan --json "$(rpm_pkg xen-livepatch-3-3)" "$(rpm_pkg xen-livepatch-4-1)" "$(rpm_pkg xen-livepatch-4-2)"
expect_rc 1 "$F scan: the broken 4-2 is flagged"
expect_json "$F scan: bases dropped and the wrong symlink" \
	"[p['package'] for p in d['packages']] == ['xen-livepatch-3-3.x86_64', 'xen-livepatch-4-1.x86_64', 'xen-livepatch-4-2.x86_64']" \
	"len(d['packages'][1]['dropped']) == 2" \
	"any(p['code'] == 'symlink-mismatch' for p in d['problems'])"

# --- updateinfo from .rpm files
lpc updateinfo "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "$F updateinfo"
if grep -q "<livepatch component=\"xen\" base=\"4.17.4-1.xs8\" to=\"4.17.4-6.xs8\" base-buildid=\"$X41\"/>" "$OUT"; then
	ok "$F updateinfo: a record"
else
	fail "$F updateinfo: no record"; show
fi

# --- no libsolv: --repo is one line and exit 2, and a compressed updateinfo is named
lpc check $DB --xen-build-id "$X31" --repo "$T/download"
expect_rc 2 "$F check --repo without libsolv: exit 2"
expect_err_line "lpcheck: check: --repo: this lpcheck was built without libsolv and reads no repository metadata; give the .rpm files (yum: update --downloadonly --downloaddir=DIR, then lpcheck check DIR/*.rpm)" "$F check --repo: one line"
[ "$(wc -l <"$ERR")" -eq 1 ] && ok "$F check --repo: only that line" || { fail "$F check --repo: more lines"; show; }
printf '<updates/>' | gzip >"$T/updateinfo.xml.gz"
lpc updateinfo --verify "$T/updateinfo.xml.gz" "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 2 "$F updateinfo --verify of a compressed file"
expect_err_line "lpcheck: $T/updateinfo.xml.gz: a compressed file needs libsolv (this lpcheck was built without it)" "$F: compressed updateinfo named"

# --- check --transaction: the transaction a front end planned (yum's and dnf's plugins), in JSON
check_transaction_input

finish
