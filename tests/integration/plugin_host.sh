#!/bin/sh
# The plugin's view of the running host: build IDs from fake sysfs bytes,
# applied live patches from sysfs and from a fake xen-livepatch, another root.
. "$abs_top_srcdir/tests/integration/lib.sh"

SYS=$T/sys

# --- kernel build ID from kernel/notes bytes (a note before the build ID)
new_root
setup_install kernel-livepatch-1.0.4-1
write_notes "$SYS" "$K1"
MODE=warn HOSTDEFS="sysfs=$SYS"
lp_rpm -U "$(rpm_pkg kernel-livepatch-1.0.5-1)"
expect_rc 0 "kernel eol from notes in warn mode"
expect_line "warning: lpcheck: kernel: eol: running build $K1 is no longer supported by kernel-livepatch-1.0.5-1.x86_64 (target 4.19.19-8.0.35.xs8, supports 2 other builds); reboot required" "kernel build ID read from kernel/notes"
# no hypervisor/type in the fake tree: Xen is not running, nothing said about it
if grep -q 'lpcheck: xen' "$ERR" "$OUT"; then fail "xen mentioned without Xen"; else ok "xen not running: silent"; fi

# --- Xen build ID from raw bytes (leading zero byte kept)
new_root
setup_install xen-livepatch-3-3
rm -rf "$SYS"; write_xen "$SYS" "$X41"
MODE=enforce HOSTDEFS="sysfs=$SYS"
lp_rpm -Uv "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "xen raw build ID with a leading zero byte is supported"
expect_info_line "lpcheck: xen: livepatchable: running build $X41 will be live-patched to 4.17.4-6.xs8 by xen-livepatch-4-1.x86_64" "xen build ID read from raw bytes"
# the kernel notes are missing in this tree: unknown, said at info level
expect_lpcheck_count 1 "kernel has no package in the transaction: not judged"

# --- a xen build ID that reads <denied> is unknown, not a failure
new_root
setup_install xen-livepatch-3-3
printf '<denied>' >"$SYS/hypervisor/properties/buildid"
lp_rpm -Uv "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "unreadable xen build ID does not block"
expect_info_line "lpcheck: xen: unknown: cannot read the running build ID from '$SYS/hypervisor/properties/buildid': permission denied (<denied>)" "unknown names the file and the cause"

# --- applied kernel live patch from kernel/livepatch: up-to-date
new_root
setup_install kernel-livepatch-1.0.4-1
rm -rf "$SYS"; write_notes "$SYS" "$K2"
mkdir -p "$SYS/kernel/livepatch/lp_4_19_19__8_0_21_xs8__4_19_19__8_0_35_xs8"
echo 1 >"$SYS/kernel/livepatch/lp_4_19_19__8_0_21_xs8__4_19_19__8_0_35_xs8/enabled"
MODE=enforce HOSTDEFS="sysfs=$SYS"
lp_rpm -Uv "$(rpm_pkg kernel-livepatch-1.0.5-1)"
expect_rc 0 "applied kernel patch"
expect_info_line "lpcheck: kernel: up-to-date: running build $K2 already has 4.19.19-8.0.35.xs8 applied (kernel-livepatch-1.0.5-1.x86_64)" "applied kernel patch makes it up-to-date"

# --- applied Xen live patch from the xen-livepatch command: up-to-date
new_root
setup_install xen-livepatch-3-3
rm -rf "$SYS"; write_xen "$SYS" "$X44"
cat >"$FAKE_CMD" <<'SH'
#!/bin/sh
[ "$1" = list ] || exit 2
echo ' ID                                     | status     | metadata'
echo '----------------------------------------+------------+---------'
echo ' lp_4.17.4-4.xs8-4.17.4-6.xs8           | APPLIED    |'
SH
lp_rpm -Uv "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "applied xen patch"
expect_info_line "lpcheck: xen: up-to-date: running build $X44 already has 4.17.4-6.xs8 applied (xen-livepatch-4-1.x86_64)" "xen-livepatch list makes it up-to-date"

# --- the same under a parent that ignores SIGCHLD (the kernel reaps the helper): no time-out, same answer
new_root
setup_install xen-livepatch-3-3
WRAP=$IGNORE_SIGCHLD
lp_rpm -Uv "$(rpm_pkg xen-livepatch-4-1)"
WRAP=
expect_rc 0 "SIGCHLD ignored: the upgrade"
expect_info_line "lpcheck: xen: up-to-date: running build $X44 already has 4.17.4-6.xs8 applied (xen-livepatch-4-1.x86_64)" "SIGCHLD ignored: xen-livepatch list still makes it up-to-date"
if grep -q "timed out" "$ERR" "$OUT"; then fail "SIGCHLD ignored: a false time-out"; show; else ok "SIGCHLD ignored: no false time-out"; fi

# --- another root without a sysfs tree, the Xen build ID given: the command is still asked
new_root
setup_install xen-livepatch-3-3
HOSTDEFS="xen_build_id=$X44 kernel_build_id=none"
lp_rpm -Uv "$(rpm_pkg xen-livepatch-4-1)"
expect_info_line "lpcheck: xen: up-to-date: running build $X44 already has 4.17.4-6.xs8 applied (xen-livepatch-4-1.x86_64)" "xen-livepatch list is honoured for another root when the Xen build ID is given"
HOSTDEFS="sysfs=$SYS"

# --- a xen-livepatch that exits at once but leaves a child holding its stdout: its answer counts
cat >"$FAKE_CMD" <<SH
#!/bin/sh
[ "\$1" = list ] || exit 2
sleep 60 &
echo \$! >"$T/leftover.pid"
echo ' lp_4.17.4-4.xs8-4.17.4-6.xs8           | APPLIED    |'
exit 0
SH
new_root
setup_install xen-livepatch-3-3
lp_rpm -Uv "$(rpm_pkg xen-livepatch-4-1)"
expect_info_line "lpcheck: xen: up-to-date: running build $X44 already has 4.17.4-6.xs8 applied (xen-livepatch-4-1.x86_64)" "a finished xen-livepatch is believed although a child keeps stdout open"
if grep -q "timed out" "$ERR" "$OUT"; then fail "a finished xen-livepatch was reported as timed out"; show; else ok "no false timeout"; fi
leftover=$(cat "$T/leftover.pid")
gone=no
for i in 1 2 3 4 5 6 7 8 9 10; do
	if [ ! -e "/proc/$leftover" ] || grep -q ') Z ' "/proc/$leftover/stat" 2>/dev/null; then gone=yes; break; fi
	sleep 0.2
done
[ "$gone" = yes ] && ok "the helper's leftover child was killed with its process group" || { fail "the leftover child $leftover still runs"; kill "$leftover" 2>/dev/null || true; }

# --- a xen-livepatch that hangs is killed after 5 s; rpm goes on
cat >"$FAKE_CMD" <<'SH'
#!/bin/sh
exec sleep 60
SH
new_root
setup_install xen-livepatch-3-3
start=$(date +%s)
lp_rpm -Uv "$(rpm_pkg xen-livepatch-4-1)"
took=$(( $(date +%s) - start ))
expect_rc 0 "hanging xen-livepatch does not block"
if [ "$took" -lt 15 ]; then ok "hanging xen-livepatch: rpm finished in ${took}s"; else fail "rpm took ${took}s"; fi
expect_info_line "lpcheck: xen: livepatchable: running build $X44 will be live-patched to 4.17.4-6.xs8 by xen-livepatch-4-1.x86_64" "hanging command: none applied"
printf '#!/bin/sh\nexit 0\n' >"$FAKE_CMD"

# --- a build ID macro that is not one: a warning, unknown, not blocked
new_root
setup_install xen-livepatch-3-3
MODE=enforce HOSTDEFS="xen_build_id=xyz kernel_build_id=none"
lp_rpm -U --test "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "a bad build ID macro does not block"
expect_line "warning: lpcheck: xen: probe: the xen build ID 'xyz' that was given is not an even number of 16 to 128 hex digits" "a bad build ID macro is named"

# --- another root without host settings: unknown, silent by default, debug with -vv
new_root
setup_install xen-livepatch-3-3
MODE=enforce HOSTDEFS=""
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "another root: not judged, not blocked"
expect_lpcheck_count 0 "another root: silent by default"
new_root
setup_install xen-livepatch-3-3
lp_rpm -Uvv "$(rpm_pkg xen-livepatch-4-1)"
if grep -q "^D: lpcheck: xen: unknown: the host was not probed: the transaction is for another root" "$ERR"; then
	ok "another root: a debug line says why"
else
	fail "another root: no debug line"; show
fi

finish
