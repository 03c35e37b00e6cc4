#!/bin/sh
# The el7 adapter under el7's real rpm 4.11.3 (XenServer 8, XCP-ng 8): each
# line once although el7 calls every hook once per registration, enforce
# leaving the root byte for byte, --test silent as documented, and rpm still
# working when the plugin's configuration is wrong.
. "$abs_top_srcdir/tests/integration/lib.sh"

EOL_LINE="lpcheck: xen: eol: running build $X31 is no longer supported by xen-livepatch-4-1.x86_64 (target 4.17.4-6.xs8, supports 5 other builds); reboot required"
BLOCKED_LINE="error: lpcheck: all: blocked: 1 problem; the transaction was stopped before any change (set %__transaction_lpcheck_mode warn to let it through); 'lpcheck status' shows this again"

case $("$RPM" --version) in
*4.11.3*) ok "testing with $("$RPM" --version)" ;;
*) fail "LPCHECK_RPM is not el7's rpm 4.11.3: $("$RPM" --version)" ;;
esac

# --- the ABI: what el7's rpm looks up, nothing else; libc, librpm.so.3 and librpmio only
exported=$(nm -D --defined-only "$LPCHECK_PLUGIN" | awk '{print $3}' | sort | tr '\n' ' ')
expected="plugin_hooks pluginhook_cleanup pluginhook_init pluginhook_tsm_post pluginhook_tsm_pre "
[ "$exported" = "$expected" ] && ok "the el7 plugin exports plugin_hooks and the four hooks" ||
	fail "the el7 plugin exports: $exported"
needed=$(readelf -d "$LPCHECK_PLUGIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
case "$needed" in
"libc.so.6 librpm.so.3 librpmio.so.3 ") ok "the el7 plugin needs only libc, librpm.so.3 and librpmio.so.3" ;;
*) fail "the el7 plugin needs: $needed" ;;
esac

# --- EOL upgrade, warn: one warning although tsm_pre runs once per registration
new_root
setup_install xen-livepatch-3-3
MODE=warn HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "el7: eol upgrade in warn mode proceeds"
expect_line "warning: $EOL_LINE" "el7: eol upgrade in warn mode warns"
expect_lpcheck_count 1 "el7: the warning appears exactly once"
expect_installed "xen-livepatch-4-1.x86_64" "el7: eol upgrade in warn mode"

# --- EOL upgrade, enforce: blocked before %pretrans, the root byte for byte as before; report written
new_root
setup_install xen-livepatch-3-3
before=$(snapshot)
MODE=enforce REPORT=$T/run/report.json
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 1 "el7: eol upgrade in enforce mode is blocked"
expect_line "error: $EOL_LINE" "el7: enforce: the error"
expect_line "$BLOCKED_LINE" "el7: enforce: the summary"
expect_lpcheck_count 2 "el7: enforce: the error and the summary, once each"
expect_installed "xen-livepatch-3-3.x86_64" "el7: the blocked upgrade leaves the old package"
if [ "$(snapshot)" = "$before" ]; then ok "el7: blocked upgrade: root and database unchanged"; else fail "el7: blocked upgrade changed the root"; fi
if grep -q '"result": "blocked"' "$T/run/report.json" 2>/dev/null; then ok "el7: the blocked run's report"; else fail "el7: no report of the blocked run"; fi
REPORT='%{nil}'

# --- a second transaction in the same setup is judged afresh (tsm_post re-armed)
MODE=enforce HOSTDEFS="xen_build_id=$X43 kernel_build_id=none"
lp_rpm -Uv "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "el7: a supported base passes enforce"
expect_info_line "lpcheck: xen: livepatchable: running build $X43 will be live-patched to 4.17.4-6.xs8 by xen-livepatch-4-1.x86_64" "el7: livepatchable at info level"
expect_lpcheck_count 1 "el7: the info line once"
expect_installed "xen-livepatch-4-1.x86_64" "el7: supported upgrade"

# --- two packages on one command line: three registrations, still one verdict each
new_root
setup_install xen-livepatch-3-3 kernel-livepatch-1.0.4-1
MODE=warn HOSTDEFS="xen_build_id=$X31 kernel_build_id=$K1"
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)" "$(rpm_pkg kernel-livepatch-1.0.5-1)"
expect_rc 0 "el7: two eol upgrades in warn mode proceed"
expect_lpcheck_count 2 "el7: one line per component"

# --- erase of the package that carried the running build: eol
new_root
setup_install xen-livepatch-3-3
MODE=warn HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
lp_rpm -e xen-livepatch
expect_rc 0 "el7: erase in warn mode proceeds"
expect_line "warning: lpcheck: xen: eol: running build $X31 is no longer supported: no xen live patch package remains after removing xen-livepatch-3-3.x86_64; reboot required" "el7: erase is eol"
expect_lpcheck_count 1 "el7: erase says it once"
expect_installed "" "el7: erased"

# --- --test: el7's rpm calls no hook at all, so the plugin says nothing (documented: use lpcheck check)
new_root
setup_install xen-livepatch-3-3
MODE=enforce
lp_rpm -U --test "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "el7: --test passes even in enforce mode (no hook is called)"
expect_lpcheck_count 0 "el7: --test is silent"
expect_installed "xen-livepatch-3-3.x86_64" "el7: --test changes nothing"

# --- an ordinary transaction: silent, whatever the host
MODE=enforce
lp_rpm -U "$(rpm_pkg hello-1-1)"
expect_rc 0 "el7: an ordinary package installs under enforce"
expect_lpcheck_count 0 "el7: an ordinary transaction is silent"

# --- a wrong configuration never breaks rpm: bad mode, bad build ID, an unwritable report
new_root
MODE=bogus REPORT=/proc/lpcheck-nowhere/report.json HOSTDEFS="xen_build_id=not-hex kernel_build_id=none"
lp_rpm -U "$(rpm_pkg hello-1-1)"
expect_rc 0 "el7: a bad configuration still installs ordinary packages"
expect_line "warning: lpcheck: all: bad-mode: %__transaction_lpcheck_mode is 'bogus', expected off, warn or enforce; using warn" "el7: bad mode named once"
lp_rpm -e hello
expect_rc 0 "el7: a bad configuration still erases"
expect_installed "" "el7: installed and erased under a bad configuration"
lp_rpm -U "$(rpm_pkg xen-livepatch-3-3)"
expect_rc 0 "el7: a live patch install with a bad configuration goes on (warn)"
if grep -q "internal-error: cannot write the report '/proc/lpcheck-nowhere/report.json'" "$ERR"; then
	ok "el7: an unwritable report is one warning"
else
	fail "el7: no warning about the unwritable report"; show
fi
REPORT='%{nil}'

# --- mode off: the plugin is loaded but does nothing
new_root
setup_install xen-livepatch-3-3
MODE=off HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "el7: mode off lets the eol upgrade through"
expect_lpcheck_count 0 "el7: mode off is silent"

# --- the other documented off switch: %__transaction_lpcheck %{nil}, enforce or not
expect_nil_switch_off "el7: "

# --- the host switches through el7's adapter: an applied override, a sysfs tree
new_root
setup_install xen-livepatch-3-3
MODE=warn HOSTDEFS="xen_build_id=$X43 kernel_build_id=none xen_applied=4.17.4-6.xs8"
lp_rpm -Uv "$(rpm_pkg xen-livepatch-4-1)"
grep -qF "lpcheck: xen: up-to-date: running build $X43 already has 4.17.4-6.xs8 applied (xen-livepatch-4-1.x86_64)" "$OUT" "$ERR" &&
	ok "el7: %__transaction_lpcheck_xen_applied makes it up-to-date" || { fail "el7: xen_applied"; show; }
new_root
setup_install xen-livepatch-3-3
write_xen "$T/sys" "$X31"
HOSTDEFS="sysfs=$T/sys kernel_build_id=none"
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_line "warning: $EOL_LINE" "el7: %__transaction_lpcheck_sysfs gives the running build"

finish
