#!/bin/sh
# The CLI built against el7's rpm 4.11.3 without libsolv: status, check and
# scan from .rpm files and an el7 rpm database, the XenServer 8 dry run
# (downloaded .rpm files), and --repo as one clear line.
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

DB="--root $ROOT --dbpath /var/lib/rpm"

case $(ldd "$LPCHECK") in
*librpm.so.3*) ok "the el7 CLI links librpm.so.3" ;;
*) fail "the el7 CLI does not link el7's librpm: $(ldd "$LPCHECK" | grep rpm)" ;;
esac
case $(ldd "$LPCHECK") in
*libsolv*) fail "the el7 CLI links libsolv" ;;
*) ok "the el7 CLI links no libsolv" ;;
esac

# --- check: the dry run of XenServer 8 (yum update --downloadonly, then check the files)
new_root
setup_install xen-livepatch-3-3
mkdir -p "$T/download"
cp "$(rpm_pkg xen-livepatch-4-1)" "$T/download/"
lpc check --json $DB --xen-build-id "$X31" --kernel-build-id none "$T"/download/*.rpm
expect_rc 1 "el7 check: eol is flagged"
expect_json "el7 check: eol against the el7 database" \
	"d['components'][0]['verdict'] == 'eol' and d['components'][0]['reboot_required'] is True" \
	"d['components'][0]['latest_target'] == '4.17.4-6.xs8'" \
	"d['components'][1]['verdict'] == 'not-applicable'"
lpc check $DB --xen-build-id "$X43" --kernel-build-id none "$T"/download/*.rpm
expect_rc 0 "el7 check: a supported base is not flagged"
if grep -q "^replaces: xen-livepatch-3-3.x86_64$" "$OUT"; then ok "el7 check: the upgrade is paired"; else fail "el7 check: no replaces line"; show; fi

# --- status: the installed database read by el7's librpm (a Berkeley DB Packages file)
setup_install xen-livepatch-4-1
lpc status --json $DB --xen-build-id "$X43" --kernel-build-id none
expect_rc 0 "el7 status: livepatchable"
expect_json "el7 status" "d['components'][0]['verdict'] == 'livepatchable'" \
	"d['components'][0]['livepatch']['package'] == 'xen-livepatch-4-1.x86_64'"
lpc status $DB --dbpath /nowhere --xen-build-id none
expect_rc 2 "el7 status: a missing database"

# --- scan of .rpm files: symlinks checked
lpc scan --json "$(rpm_pkg xen-livepatch-3-3)" "$(rpm_pkg xen-livepatch-4-1)" "$(rpm_pkg xen-livepatch-4-2)"
expect_rc 1 "el7 scan: the broken 4-2 is flagged"
expect_json "el7 scan: bases dropped and the wrong symlink" \
	"[p['package'] for p in d['packages']] == ['xen-livepatch-3-3.x86_64', 'xen-livepatch-4-1.x86_64', 'xen-livepatch-4-2.x86_64']" \
	"len(d['packages'][1]['dropped']) == 2" \
	"any(p['code'] == 'symlink-mismatch' for p in d['problems'])"

# --- updateinfo from .rpm files
lpc updateinfo "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "el7 updateinfo"
if grep -q "<livepatch component=\"xen\" base=\"4.17.4-1.xs8\" to=\"4.17.4-6.xs8\" base-buildid=\"$X41\"/>" "$OUT"; then
	ok "el7 updateinfo: a record"
else
	fail "el7 updateinfo: no record"; show
fi

# --- no libsolv: --repo is one line and exit 2, and a compressed updateinfo is named
lpc check $DB --xen-build-id "$X31" --repo "$T/download"
expect_rc 2 "el7 check --repo without libsolv: exit 2"
expect_err_line "lpcheck: check: --repo: this lpcheck was built without libsolv and reads no repository metadata; give the .rpm files (yum: update --downloadonly --downloaddir=DIR, then lpcheck check DIR/*.rpm)" "el7 check --repo: one line"
[ "$(wc -l <"$ERR")" -eq 1 ] && ok "el7 check --repo: only that line" || { fail "el7 check --repo: more lines"; show; }
printf '<updates/>' | gzip >"$T/updateinfo.xml.gz"
lpc updateinfo --verify "$T/updateinfo.xml.gz" "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 2 "el7 updateinfo --verify of a compressed file"
expect_err_line "lpcheck: $T/updateinfo.xml.gz: a compressed file needs libsolv (this lpcheck was built without it)" "el7: compressed updateinfo named"

finish
