#!/bin/sh
# The plugin on upgrades and installs: EOL in warn and enforce, a supported
# base, no-match, an empty update, broken symlinks, silence where it belongs.
. "$abs_top_srcdir/tests/integration/lib.sh"

EOL_LINE="lpcheck: xen: eol: running build $X31 is no longer supported by xen-livepatch-4-1.x86_64 (target 4.17.4-6.xs8, supports 5 other builds); reboot required"

# --- EOL upgrade, warn: proceeds with a warning
new_root
setup_install xen-livepatch-3-3
MODE=warn HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "eol upgrade in warn mode proceeds"
expect_line "warning: $EOL_LINE" "eol upgrade in warn mode warns"
expect_lpcheck_count 1 "eol upgrade in warn mode says one thing"
expect_installed "xen-livepatch-4-1.x86_64" "eol upgrade in warn mode"

# --- EOL upgrade, enforce: blocked, nothing changed
new_root
setup_install xen-livepatch-3-3
before=$(snapshot)
MODE=enforce
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 1 "eol upgrade in enforce mode is blocked"
expect_line "error: $EOL_LINE" "eol upgrade in enforce mode: the error"
expect_line "error: lpcheck: all: blocked: 1 problem; the transaction was stopped before any change (set %__transaction_lpcheck_mode warn to let it through); 'lpcheck status' shows this again" "enforce summary line"
expect_line "error: Plugin lpcheck: hook tsm_pre failed" "rpm names the plugin"
expect_installed "xen-livepatch-3-3.x86_64" "blocked upgrade leaves the old package"
if [ "$(snapshot)" = "$before" ]; then ok "blocked upgrade: root and database unchanged"; else fail "blocked upgrade changed the root"; fi

# --- the same as a --test dry run: flagged and failed too
lp_rpm -U --test "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 1 "eol upgrade --test in enforce mode fails"
expect_line "error: $EOL_LINE" "--test shows the verdict"
MODE=warn
lp_rpm -U --test "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "eol upgrade --test in warn mode passes"
expect_line "warning: $EOL_LINE" "--test in warn mode warns"
expect_installed "xen-livepatch-3-3.x86_64" "--test changes nothing"

# --- a supported base passes enforce, and says so at info level (-v)
MODE=enforce HOSTDEFS="xen_build_id=$X43 kernel_build_id=none"
lp_rpm -Uv "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "supported base passes enforce"
expect_info_line "lpcheck: xen: livepatchable: running build $X43 will be live-patched to 4.17.4-6.xs8 by xen-livepatch-4-1.x86_64" "livepatchable line at info level"
expect_installed "xen-livepatch-4-1.x86_64" "supported base upgrade"

# --- without -v the livepatchable line stays hidden
new_root
setup_install xen-livepatch-3-3
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_lpcheck_count 0 "livepatchable is silent at default verbosity"

# --- a fresh install of the newest update for a base only older ones had: no-match
new_root
MODE=warn HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
lp_rpm -i "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "no-match in warn mode installs"
expect_line "warning: lpcheck: xen: no-match: no live patch in xen-livepatch-4-1.x86_64 is for running build $X31: the host runs a newer build, or one no package was made for" "no-match line"
new_root
MODE=enforce
lp_rpm -i "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 1 "no-match in enforce mode is blocked"
expect_installed "" "blocked fresh install installs nothing"

# --- installing an empty package where no live patch was installed: nothing to lose, not flagged
new_root
MODE=enforce HOSTDEFS="xen_build_id=$X43 kernel_build_id=none"
lp_rpm -U "$(rpm_pkg xen-livepatch-5-1)"
expect_rc 0 "an empty package on a host without live patches passes enforce"
expect_lpcheck_count 0 "an empty package on a host without live patches is silent"
expect_installed "xen-livepatch-5-1.x86_64" "empty package installed under enforce"
MODE=warn

# --- an upgrade to an empty package: EOL for every base
new_root
setup_install xen-livepatch-4-1
MODE=warn HOSTDEFS="xen_build_id=$X43 kernel_build_id=none"
lp_rpm -U "$(rpm_pkg xen-livepatch-5-1)"
expect_rc 0 "upgrade to an empty package in warn mode"
expect_line "warning: lpcheck: xen: eol: running build $X43 is no longer supported by xen-livepatch-5-1.x86_64 (it ships no xen live patch); reboot required" "empty package is eol"
expect_installed "xen-livepatch-5-1.x86_64" "empty package installed in warn mode"

# --- a broken symlink is reported; warn still installs
new_root
setup_install xen-livepatch-3-3
MODE=warn HOSTDEFS="xen_build_id=$X43 kernel_build_id=none"
lp_rpm -U "$(rpm_pkg xen-livepatch-4-2)"
expect_rc 0 "broken symlinks in warn mode install"
expect_line "warning: lpcheck: xen: symlink-mismatch: xen-livepatch-4-2.x86_64: /usr/lib/xen-livepatch/$X43/livepatch.livepatch points to wrong.livepatch, expected lp_4_17_4__3_xs8__4_17_4__6_xs8.livepatch" "symlink-mismatch named"
expect_lpcheck_count 2 "one line per broken directory"
expect_installed "xen-livepatch-4-2.x86_64" "broken package installed in warn mode"
MODE=enforce
new_root
setup_install xen-livepatch-3-3
lp_rpm -U "$(rpm_pkg xen-livepatch-4-2)"
expect_rc 1 "broken symlinks in enforce mode are blocked"
expect_line "error: lpcheck: all: blocked: 2 problems; the transaction was stopped before any change (set %__transaction_lpcheck_mode warn to let it through); 'lpcheck status' shows this again" "two problems counted"

# --- an ordinary package beside installed EOL live patches stays silent, even in enforce
new_root
setup_install xen-livepatch-3-3 xen-livepatch-4-1
MODE=enforce HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
lp_rpm -Uvv "$(rpm_pkg hello-1-1)"
expect_rc 0 "ordinary package installs in enforce mode"
if grep -q '^[^D].*lpcheck:\|^lpcheck:' "$ERR"; then fail "ordinary package: lpcheck said something"; show; else ok "ordinary package: silent"; fi
expect_installed "hello-1-1.x86_64 xen-livepatch-4-1.x86_64" "ordinary package installed"

# --- off: silent, not even loaded
new_root
setup_install xen-livepatch-3-3
MODE=off
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "off lets the eol upgrade through"
expect_lpcheck_count 0 "off is silent"

# --- the other documented off switch: %__transaction_lpcheck %{nil}, enforce or not
expect_nil_switch_off ""

# --- an unknown mode warns and falls back to warn
new_root
setup_install xen-livepatch-3-3
MODE=block
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "unknown mode acts as warn"
expect_line "warning: lpcheck: all: bad-mode: %__transaction_lpcheck_mode is 'block', expected off, warn or enforce; using warn" "unknown mode is named"
expect_line "warning: $EOL_LINE" "unknown mode still warns about eol"

# --- --noplugins: enforce has no say
new_root
setup_install xen-livepatch-3-3
MODE=enforce
lp_rpm -U --noplugins "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "--noplugins skips the plugin"
expect_installed "xen-livepatch-4-1.x86_64" "--noplugins upgrade"

# --- the plugin disabled with %{nil}
new_root
setup_install xen-livepatch-3-3
lp_rpm -U --define '__transaction_lpcheck %{nil}' "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "%{nil} disables the plugin"
expect_lpcheck_count 0 "%{nil}: silent"

# --- kernel: an upgrade dropping the running base
new_root
setup_install kernel-livepatch-1.0.4-1
MODE=enforce HOSTDEFS="xen_build_id=none kernel_build_id=$K1"
lp_rpm -U "$(rpm_pkg kernel-livepatch-1.0.5-1)"
expect_rc 1 "kernel eol is blocked"
expect_line "error: lpcheck: kernel: eol: running build $K1 is no longer supported by kernel-livepatch-1.0.5-1.x86_64 (target 4.19.19-8.0.35.xs8, supports 2 other builds); reboot required" "kernel eol line"

# --- payload names cut at 55 characters for one base and not the other: one target, no block
new_root
MODE=enforce HOSTDEFS="xen_build_id=none kernel_build_id=$K1"
lp_rpm -Uv "$(rpm_pkg cut/kernel-livepatch-xcpng-7-1)"
expect_rc 0 "a cut payload name passes enforce"
expect_info_line "lpcheck: kernel: livepatchable: running build $K1 will be live-patched to 4.19.19-8.0.40.xcpng8.3 by kernel-livepatch-xcpng-7-1.x86_64" "the cut base is live-patched to the full target"
expect_lpcheck_count 1 "a cut payload name: no mixed-targets, no eol"

# --- an added package that owns no live patch directory: a layout problem, blocked in enforce
new_root
MODE=enforce HOSTDEFS="xen_build_id=$X43 kernel_build_id=none"
lp_rpm -U "$(rpm_pkg broken/xen-livepatch-nodir-1-1)"
expect_rc 1 "a package without its directories is blocked in enforce mode"
if grep -q "^error: lpcheck: xen: unowned-directory: xen-livepatch-nodir-1-1.x86_64: /usr/lib/xen-livepatch/$X43/" "$ERR"; then
	ok "the plugin names the unowned directory"
else
	fail "the plugin: no unowned-directory line"; show
fi

finish
