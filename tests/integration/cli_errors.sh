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

finish
