#!/bin/sh
# lpcheck's exit 2: unreadable input and bad options give one clear line.
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

one_line() { # one_line WHAT PATTERN
	n=$(wc -l <"$ERR")
	if [ "$RC" -eq 2 ] && [ "$n" -eq 1 ] && grep -q -- "$2" "$ERR"; then
		ok "$1: exit 2, one line"
	else
		fail "$1: exit $RC, $n line(s)"; show
	fi
}

lpc scan "$T/missing.rpm"
one_line "missing .rpm" "^lpcheck: $T/missing.rpm: No such file or directory$"
head -c 3000 /dev/urandom >"$T/corrupt.rpm"
lpc scan "$T/corrupt.rpm"
one_line "corrupt .rpm" "^lpcheck: $T/corrupt.rpm: not an rpm package, or a corrupt one$"
head -c 2000 "$(rpm_pkg xen-livepatch-4-1)" >"$T/cut.rpm"
lpc scan "$T/cut.rpm"
one_line "truncated .rpm" "^lpcheck: $T/cut.rpm: not an rpm package, or a corrupt one$"

lpc scan --repo "$T/norepo"
one_line "missing repository" "^lpcheck: $T/norepo/repodata/repomd.xml: No such file or directory$"

make_repo "$T/repo" "$(rpm_pkg xen-livepatch-4-1)"
cp -r "$T/repo" "$T/cutrepo"
p=$(ls "$T"/cutrepo/repodata/*-primary.xml.gz)
head -c 200 "$p" >"$p.cut" && mv "$p.cut" "$p"
lpc scan --repo "$T/cutrepo"
one_line "truncated primary" "^lpcheck: $p: "
cp -r "$T/repo" "$T/badfl"
f=$(ls "$T"/badfl/repodata/*-filelists.xml.gz)
printf '<?xml version="1.0"?>\n<filelists><package pkgid=' | gzip >"$f"
lpc scan --repo "$T/badfl"
one_line "malformed filelists" "^lpcheck: $f: "
cp -r "$T/repo" "$T/escape"
sed -i 's|href="repodata/\([^"]*primary[^"]*\)"|href="../../etc/\1"|' "$T/escape/repodata/repomd.xml"
lpc scan --repo "$T/escape"
one_line "location outside the repository" "location '../../etc/.*' is outside the repository$"
cp -r "$T/repo" "$T/abs"
sed -i 's|href="repodata/\([^"]*primary[^"]*\)"|href="/etc/passwd"|' "$T/abs/repodata/repomd.xml"
lpc scan --repo "$T/abs"
one_line "absolute location" "location '/etc/passwd' is outside the repository$"
cp -r "$T/repo" "$T/link"
p=$(ls "$T"/link/repodata/*-primary.xml.gz)
rm "$p" && ln -s /etc/passwd "$p"
lpc scan --repo "$T/link"
one_line "a symlink out of the repository" "resolves outside the repository$"
printf 'not xml' >"$T/repo/repodata/repomd.xml"
lpc scan --repo "$T/repo"
one_line "garbage repomd.xml" "^lpcheck: $T/repo/repodata/repomd.xml: "

new_root
lpc status --root "$ROOT" --dbpath /nowhere --xen-build-id none
one_line "missing database" "^lpcheck: rpm database '$ROOT/nowhere': no such directory$"
mkdir -p "$ROOT/emptydb"
lpc status --root "$ROOT" --dbpath /emptydb --xen-build-id none
one_line "a directory without a database" "^lpcheck: rpm database '$ROOT/emptydb': no database there"
[ -z "$(ls "$ROOT/emptydb")" ] && ok "no database was created there" || fail "lpcheck created a database"
lpc check --root "$ROOT" --dbpath /nowhere "$(rpm_pkg xen-livepatch-4-1)"
one_line "missing database (check)" "rpm database"

lpc status --bogus
one_line "unknown option" "unknown option '--bogus'"
lpc scan
one_line "scan without input" "give --repo DIR or PKG.rpm files"
lpc status --xen-build-id xyz
one_line "bad build ID" "^lpcheck: --xen-build-id 'xyz': not an even number"
lpc check --xen-applied 4.17 "$(rpm_pkg xen-livepatch-4-1)"
one_line "bad applied V-R" "expected VERSION-RELEASE or none"
lpc scan --root /
one_line "host option for scan" "is for status and check"
lpc frobnicate
one_line "unknown command" "unknown command 'frobnicate'"

lpc scan --help
expect_rc 0 "scan --help"
grep -q "lpcheck scan \[--json\]" "$OUT" && ok "scan --help text" || fail "scan --help text"
lpc --version
[ "$RC" -eq 0 ] && grep -qx "lpcheck [0-9.]*" "$OUT" && ok "--version" || fail "--version"
lpc help status
grep -q "HOST OPTIONS" "$OUT" && ok "help status lists host options" || fail "help status"

# --- a full disk: the output did not reach stdout, so exit 2 and one line, never 0 or 1
set +e
"$LPCHECK" scan "$(rpm_pkg xen-livepatch-4-1)" >/dev/full 2>"$T/err"
RC=$?
set -e
[ "$RC" -eq 2 ] && ok "stdout on a full disk: exit 2" || fail "stdout on a full disk: exit $RC"
[ "$(cat "$T/err")" = "lpcheck: standard output: No space left on device" ] && ok "stdout on a full disk: one line" ||
	fail "stdout on a full disk said: $(cat "$T/err")"

# --- a relative --root is the directory it names, not the host
new_root
setup_install xen-livepatch-3-3
(cd "$(dirname "$ROOT")" && "$LPCHECK" status --json --root "$(basename "$ROOT")" --dbpath /var/lib/rpm \
	--xen-build-id "$X31" --kernel-build-id none >"$T/out" 2>"$T/err") || true
OUT=$T/out ERR=$T/err
expect_json "a relative --root reads that root" "d['components'][0]['verdict'] == 'livepatchable'"
lpc status --root "relative/nowhere" --xen-build-id none
one_line "a relative --root that does not exist" "^lpcheck: --root 'relative/nowhere': No such file or directory$"

# --- names with control bytes (repository XML, updateinfo ids) cannot forge a line
mkdir -p "$T/forge"
cp "$(rpm_pkg xen-livepatch-4-1)" "$T/forge/"
createrepo_c -q --general-compress-type=gz "$T/forge"
p=$(ls "$T"/forge/repodata/*-primary.xml.gz)
gunzip -c "$p" | sed 's|<name>xen-livepatch</name>|<name>xen-livepatch\&#10;lpcheck: xen: livepatchable: forged</name>|' | gzip >"$T/primary.gz"
mv "$T/primary.gz" "$p"
lpc scan --repo "$T/forge"
if grep -q '^lpcheck: xen: livepatchable: forged' "$OUT" "$ERR"; then fail "a name with a newline forged a line"; show; else ok "no forged line from a package name"; fi
grep -qF 'xen-livepatch\x0alpcheck: xen: livepatchable: forged-4-1.x86_64' "$OUT" && ok "the newline is shown as \\x0a" || { fail "the escaped name is not shown"; show; }
cat >"$T/forged-updateinfo.xml" <<'XML'
<updates><update><id>XSA-1&#10;lpcheck: all: nothing-wrong: forged</id>
<pkglist><collection><package name="xen-livepatch" version="4" release="1" arch="x86_64" epoch="0"/></collection></pkglist>
<livepatches/></update></updates>
XML
lpc updateinfo --verify "$T/forged-updateinfo.xml" "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 1 "updateinfo: missing entries found"
if grep -q '^lpcheck: all: nothing-wrong: forged' "$OUT"; then fail "an updateinfo id forged a line"; show; else ok "no forged line from an updateinfo id"; fi
grep -q '^lpcheck: XSA-1\\x0alpcheck: all: nothing-wrong: forged: updateinfo-missing-livepatch: ' "$OUT" && ok "the id's newline is escaped" || { fail "updateinfo id not escaped"; show; }

finish
