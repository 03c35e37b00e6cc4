#!/bin/sh
# lpcheck updateinfo: the <livepatches> element round-trips through an XML
# parser, and --verify compares an updateinfo.xml added by modifyrepo_c with
# the packages each update lists, agreeing entries and disagreeing ones.
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

make_repo "$T/repo" $(rpm_pkg xen-livepatch-3-3) $(rpm_pkg xen-livepatch-4-1) $(rpm_pkg kernel-livepatch-1.0.5-1)

# --- the element: exactly one, parseable, the records of the newest versions
lpc updateinfo --repo "$T/repo"
expect_rc 0 "updateinfo prints"
cp "$OUT" "$T/livepatches.xml"
"${PYTHON3:-python3}" - "$T/livepatches.xml" "$X41" "$K2" <<'PY' && ok "one <livepatches> element, round-trips through expat" || fail "updateinfo element"
import sys, xml.etree.ElementTree as ET
text = open(sys.argv[1]).read()
root = ET.fromstring(text)            # one element and nothing else, or this raises
assert root.tag == "livepatches", root.tag
entries = [dict(e.attrib) for e in root]
assert all(e.tag == "livepatch" for e in root)
assert len(entries) == 7, entries     # 4-1's five Xen bases and 1.0.5's two kernel ones; 3-3 is not newest
assert {"component": "xen", "base": "4.17.4-1.xs8", "to": "4.17.4-6.xs8", "base-buildid": sys.argv[2]} in entries
assert {"component": "kernel", "base": "4.19.19-8.0.21.xs8", "to": "4.19.19-8.0.35.xs8", "base-buildid": sys.argv[3]} in entries
keys = [(e["component"], e["base-buildid"]) for e in entries]
assert keys == sorted(keys), keys
again = ET.tostring(root, encoding="unicode")
assert [dict(e.attrib) for e in ET.fromstring(again)] == entries
PY

# --- an updateinfo.xml: one update that agrees, one that does not
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<updates>'
	echo ' <update from="lpcheck-test" status="stable" type="security" version="1">'
	echo '  <id>XS-2026-0001</id><title>xen live patch 4-1</title><issued date="2026-11-28 00:00:00"/>'
	echo '  <pkglist><collection short="xs8"><name>XenServer 8</name>'
	echo '   <package name="xen-livepatch" version="4" release="1" epoch="0" arch="x86_64"><filename>xen-livepatch-4-1.x86_64.rpm</filename></package>'
	echo '   <package name="kernel-livepatch" version="1.0.5" release="1" arch="x86_64"><filename>kernel-livepatch-1.0.5-1.x86_64.rpm</filename></package>'
	echo '  </collection></pkglist>'
	cat "$T/livepatches.xml"
	echo ' </update>'
	echo ' <update from="lpcheck-test" status="stable" type="security" version="1">'
	echo '  <id>XS-2026-0002</id><title>a wrong one</title>'
	echo '  <pkglist><collection short="xs8"><name>XenServer 8</name>'
	echo '   <package name="xen-livepatch" version="4" release="1" arch="x86_64"><filename>xen-livepatch-4-1.x86_64.rpm</filename></package>'
	echo '  </collection></pkglist>'
	echo '  <livepatches>'
	grep 'component="xen"' "$T/livepatches.xml" | grep -v "$X45"
	echo "   <livepatch component=\"xen\" base=\"4.17.3-1.xs8\" to=\"4.17.4-6.xs8\" base-buildid=\"$X31\"/>"
	echo "   <livepatch component=\"qemu\" base=\"1-1\" to=\"1-2\" base-buildid=\"$X31\"/>"
	echo '  </livepatches>'
	echo ' </update>'
	echo '</updates>'
} >"$T/updateinfo.xml"
modifyrepo_c -q --mdtype=updateinfo "$T/updateinfo.xml" "$T/repo/repodata" 2>/dev/null || modifyrepo_c --mdtype=updateinfo "$T/updateinfo.xml" "$T/repo/repodata" >/dev/null
UI=$(ls "$T"/repo/repodata/*updateinfo.xml*)
grep -q updateinfo "$T/repo/repodata/repomd.xml" && ok "modifyrepo_c added the updateinfo" || fail "modifyrepo_c"

lpc updateinfo --verify "$UI" --repo "$T/repo"
expect_rc 1 "verify finds the disagreeing update"
expect_lines() { # the exact stdout
	if [ "$(cat "$OUT")" = "$1" ]; then ok "$2"; else fail "$2"; printf 'expected:\n%s\n' "$1"; show; fi
}
expect_lines "lpcheck: XS-2026-0002: updateinfo-unknown-livepatch: xen base $X31 (4.17.3-1.xs8) to 4.17.4-6.xs8: no package of the update carries it
lpcheck: XS-2026-0002: updateinfo-bad-entry: <livepatch component=\"qemu\" base=\"1-1\" to=\"1-2\" base-buildid=\"$X31\">: component is neither xen nor kernel
lpcheck: XS-2026-0002: updateinfo-missing-livepatch: xen-livepatch-4-1.x86_64: xen base $X45 (4.17.4-5.xs8) to 4.17.4-6.xs8 is not in <livepatches>" \
	"one line per disagreement, the agreeing update silent"

# the same file uncompressed, and the .rpm files instead of the repository
lpc updateinfo --verify "$T/updateinfo.xml" $(rpm_pkg xen-livepatch-4-1) $(rpm_pkg kernel-livepatch-1.0.5-1)
expect_rc 1 "verify of the plain file against .rpm files"
[ "$(grep -c '^lpcheck: XS-2026-0002: ' "$OUT")" = 3 ] && ok "same three problems" || { fail "plain file verify"; show; }

# only the agreeing update: exit 0, nothing printed
"${PYTHON3:-python3}" - "$T/updateinfo.xml" "$T/good.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
t = ET.parse(sys.argv[1]); r = t.getroot()
for u in list(r):
    if u.find("id").text != "XS-2026-0001":
        r.remove(u)
t.write(sys.argv[2])
PY
lpc updateinfo --verify "$T/good.xml" --repo "$T/repo"
expect_rc 0 "an agreeing updateinfo passes"
[ -s "$OUT" ] && fail "agreeing updateinfo printed something" || ok "agreeing updateinfo prints nothing"

# a truncated updateinfo is unreadable input
head -c 600 "$T/updateinfo.xml" >"$T/cut.xml"
lpc updateinfo --verify "$T/cut.xml" --repo "$T/repo"
expect_rc 2 "truncated updateinfo"
grep -q "^lpcheck: $T/cut.xml: line [0-9]*: " "$ERR" && ok "truncated updateinfo: file, line and cause" || { fail "truncated message"; show; }
lpc updateinfo --verify "$T/none.xml" --repo "$T/repo"
expect_rc 2 "missing updateinfo"

finish
