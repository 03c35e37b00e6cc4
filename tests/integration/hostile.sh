#!/bin/sh
# Hostile input: garbage in sysfs, a xen-livepatch that floods its output,
# thousands of live patch directories, paths longer than PATH_MAX, package
# and file names with quotes and control characters. One clear verdict or
# line each, never a crash or a hang, and the JSON stays valid.
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

DB="--root $ROOT --dbpath /var/lib/rpm"
SYS=$T/sys

# --- random bytes in kernel/notes: unknown, named, not a failure
new_root
setup_install kernel-livepatch-1.0.4-1
mkdir -p "$SYS/kernel"
head -c 8192 /dev/urandom >"$SYS/kernel/notes"
lpc status --json $DB --sysfs "$SYS"
expect_rc 0 "status with random kernel/notes"
expect_json "random kernel/notes: kernel unknown, the file named" \
	"d['components'][1]['verdict'] == 'unknown'" "'$SYS/kernel/notes' in d['components'][1]['message']"
MODE=enforce HOSTDEFS="sysfs=$SYS"
lp_rpm -Uv "$(rpm_pkg kernel-livepatch-1.0.5-1)"
expect_rc 0 "plugin with random kernel/notes lets the transaction through"
expect_info_line "lpcheck: kernel: unknown: cannot read the running build ID from '$SYS/kernel/notes': no valid GNU build-id note" "plugin names the unreadable notes"

# --- an absurd descsz before the build-id note
"${PYTHON3:-python3}" -c '
import struct, sys
open(sys.argv[1], "wb").write(struct.pack("<III", 4, 0xfffffff0, 3) + b"GNU\0" + b"\1" * 64)' "$SYS/kernel/notes"
lpc status --json $DB --sysfs "$SYS"
expect_json "absurd descsz: unknown" "d['components'][1]['verdict'] == 'unknown'"

# --- a kernel/notes larger than 64 KiB with the note at the start still reads
write_notes "$SYS" "$K2"
head -c 200000 /dev/zero >>"$SYS/kernel/notes"
lpc status --json $DB --sysfs "$SYS"
expect_json "oversized kernel/notes: the first 64 KiB are read" "d['components'][1]['running_build_id'] == '$K2'"

# --- <denied>, empty and short Xen build IDs: unknown
new_root
setup_install xen-livepatch-4-1
rm -rf "$SYS"
mkdir -p "$SYS/hypervisor/properties"
echo xen >"$SYS/hypervisor/type"
for content in '<denied>' '' 'short'; do
	printf '%s' "$content" >"$SYS/hypervisor/properties/buildid"
	lpc status --json $DB --sysfs "$SYS"
	expect_rc 0 "xen build ID '$content': no failure"
	expect_json "xen build ID '$content': unknown" "d['components'][0]['verdict'] == 'unknown'" \
		"'buildid' in d['components'][0]['message']"
done
# a FIFO where the build ID should be must not hang the probe
rm "$SYS/hypervisor/properties/buildid"
mkfifo "$SYS/hypervisor/properties/buildid"
lpc status --json $DB --sysfs "$SYS"
expect_json "a FIFO instead of the build ID: unknown, no hang" "d['components'][0]['verdict'] == 'unknown'"
rm -f "$SYS/hypervisor/properties/buildid"

# --- a xen-livepatch that prints megabytes: the first MiB is read, the child stopped
write_xen "$SYS" "$X44"
cat >"$FAKE_CMD" <<'SH'
#!/bin/sh
echo ' lp_4.17.4-4.xs8-4.17.4-6.xs8 | APPLIED'
exec yes ' lp_garbage | CHECKED'
SH
start=$(date +%s)
lpc status --json $DB --sysfs "$SYS" --xen-livepatch-cmd "$FAKE_CMD"
took=$(( $(date +%s) - start ))
expect_json "flooding xen-livepatch: the applied row is read" "d['components'][0]['verdict'] == 'up-to-date'"
[ "$took" -lt 5 ] && ok "flooding xen-livepatch: done in ${took}s" || fail "flooding xen-livepatch took ${took}s"
MODE=warn HOSTDEFS="sysfs=$SYS"
lp_rpm -Uv --test "$(rpm_pkg xen-livepatch-4-1)" --replacepkgs
expect_rc 0 "plugin with a flooding xen-livepatch"
printf '#!/bin/sh\nexit 0\n' >"$FAKE_CMD"

# --- a package with 1,500 live patch directories
MANY="$RPMS/broken/xen-livepatch-many-1-1.x86_64.rpm"
ID7=$(printf '%040x' 7)
new_root
MODE=enforce HOSTDEFS="xen_build_id=$ID7 kernel_build_id=none"
lp_rpm -iv --test "$MANY"
expect_rc 0 "1,500 bases: supported base passes enforce"
expect_info_line "lpcheck: xen: livepatchable: running build $ID7 will be live-patched to 4.17.4-9.xs8 by xen-livepatch-many-1-1.x86_64" "1,500 bases: the right one chosen"
lpc scan --json "$MANY"
expect_json "1,500 bases scanned" "len(d['packages'][0]['bases']) == 1500 and d['flagged'] is False"

# --- file names with quotes, backslashes and non-ASCII letters: reported, JSON valid
HOSTILE="$RPMS/broken/xen-livepatch-hostile-1-1.x86_64.rpm"
lpc scan --json "$HOSTILE"
expect_rc 1 "hostile file name is flagged"
expect_json "hostile file name survives into valid JSON" \
	"d['problems'][0]['code'] == 'bad-path'" "'q\"uote\\\\back \u00e9 name\u009b31m \\\\x1b' in d['problems'][0]['detail']"
# the text line: one escaping for every untrusted byte, the C1 control and the backslash included
SHOWN='q"uote\\back é name\xc2\x9b31m \\x1b'
lpc scan "$HOSTILE"
grep -qF -- "$SHOWN" "$OUT" && ok "scan: the hostile name escaped ('$SHOWN')" || { fail "scan: hostile name not escaped"; show; }
if LC_ALL=C grep -q "$(printf '\302\233')" "$OUT" "$ERR"; then fail "scan: a raw C1 control reached the terminal"; else ok "scan: no raw C1 control"; fi
# rpm's own messages relayed at -vv name the file: escaped too
BADNAME="$T/bad$(printf '\302\233')31m.rpm"
head -c 3000 "$HOSTILE" >"$BADNAME" # cut short: rpm itself complains, naming the file
lpc scan -v -v "$BADNAME"
grep -q '^lpcheck: rpm: .*bad\\xc2\\x9b31m\.rpm' "$ERR" && ok "scan -vv: rpm's relayed line names the file, escaped" ||
	{ fail "scan -vv: no escaped relayed line"; show; }
if LC_ALL=C grep -q "$(printf '\302\233')" "$ERR" "$OUT"; then fail "scan -vv: a raw C1 control in rpm's relayed lines"; show; else ok "scan -vv: no raw C1 control"; fi
new_root
MODE=warn HOSTDEFS="xen_build_id=$X43 kernel_build_id=none" REPORT=$T/report.json
lp_rpm -i "$HOSTILE"
expect_rc 0 "hostile package installs in warn mode"
grep -qF -- "$SHOWN" "$ERR" && ok "plugin: the hostile name escaped in rpm's log" || { fail "plugin: hostile name not escaped"; show; }
if LC_ALL=C grep -q "$(printf '\302\233')" "$ERR" "$OUT"; then fail "plugin: a raw C1 control reached the terminal"; else ok "plugin: no raw C1 control"; fi
"${PYTHON3:-python3}" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["problems"][0]["code"]=="bad-path" else 1)' "$T/report.json" \
	&& ok "plugin report with a hostile file name is valid JSON" || fail "plugin report JSON"
REPORT='%{nil}'

# --- repository metadata: a path longer than PATH_MAX, a quote and a tab in a package name
make_repo "$T/repo" "$(rpm_pkg xen-livepatch-4-1)"
"${PYTHON3:-python3}" - "$T/repo/repodata" <<'PY'
import glob, gzip, sys
d = sys.argv[1]
for kind in ("primary", "filelists"):
    (path,) = glob.glob(d + "/*-%s.xml.gz" % kind)
    text = gzip.open(path, "rt").read()
    text = text.replace('name="xen-livepatch"', 'name="xen-livepatch-&quot;q&#9;t"')
    text = text.replace("<name>xen-livepatch</name>", "<name>xen-livepatch-&quot;q&#9;t</name>")
    if kind == "filelists":
        text = text.replace("</package>", "<file>/usr/lib/xen-livepatch/%s</file></package>" % ("a" * 5000))
    gzip.open(path, "wt").write(text)
PY
lpc scan --json --repo "$T/repo"
expect_rc 1 "path longer than PATH_MAX: flagged, not a crash"
expect_json "hostile metadata: valid JSON, escaped name, long path reported" \
	"d['packages'][0]['name'] == 'xen-livepatch-\"q\tt'" \
	"any(p['code'] == 'bad-path' and len(p['detail']) > 5000 for p in d['problems'])"

finish
