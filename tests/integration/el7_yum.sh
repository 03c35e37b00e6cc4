#!/bin/sh
# The el7 adapter driven the way yum 3 drives librpm: one transaction set, a
# test run (no hook is called under el7's TEST flag), then the real run, with
# the plugin registered once per added package and once per run.
. "$abs_top_srcdir/tests/integration/lib.sh"

FRONTDRIVE=$abs_top_builddir/tests/drivers/frontdrive
EOL_LINE="lpcheck: xen: eol: running build $X31 is no longer supported by xen-livepatch-4-1.x86_64 (target 4.17.4-6.xs8, supports 5 other builds); reboot required"

# yum_run MODE XEN_ID PKG...: frontdrive (rpm style) with the plugin configured in a temporary HOME's .rpmmacros
yum_run() {
	mode=$1 xen=$2
	shift 2
	home_macros "$mode" "$xen"
	OUT=$T/out ERR=$T/err
	set +e
	HOME=$T/home "$FRONTDRIVE" rpm "$ROOT" "$@" >"$OUT" 2>"$ERR"
	RC=$?
	set -e
}

# --- warn: the test run passes silently, the real run warns once and installs
new_root
setup_install xen-livepatch-3-3
yum_run warn "$X31" "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "yum-style warn: both runs succeed"
expect_info_line "test run: 0" "yum-style warn: the test run passes"
expect_line "warning: $EOL_LINE" "yum-style warn: the real run warns"
expect_lpcheck_count 1 "yum-style warn: one line for three tsm_pre calls (two registrations and the run)"
expect_installed "xen-livepatch-4-1.x86_64" "yum-style warn"

# --- enforce: the test run cannot see it, the real run is blocked with nothing changed
new_root
setup_install xen-livepatch-3-3
before=$(snapshot)
yum_run enforce "$X31" "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 1 "yum-style enforce: a run failed"
expect_info_line "test run: 0" "yum-style enforce: the test run passes (el7 calls no hook under TEST)"
if grep -qE '^real run: -?[1-9]' "$OUT"; then ok "yum-style enforce: the real run is blocked"; else fail "yum-style enforce: the real run was not blocked"; show; fi
expect_line "error: $EOL_LINE" "yum-style enforce: the error"
expect_lpcheck_count 2 "yum-style enforce: the error and the summary, once each"
expect_installed "xen-livepatch-3-3.x86_64" "yum-style enforce leaves the old package"
if [ "$(snapshot)" = "$before" ]; then ok "yum-style enforce: root unchanged"; else fail "yum-style enforce changed the root"; fi

# --- enforce with a supported base and an ordinary package in the same set: installed
yum_run enforce "$X43" "$(rpm_pkg xen-livepatch-4-1)" "$(rpm_pkg hello-1-1)"
expect_rc 0 "yum-style enforce: a supported upgrade with another package passes"
expect_installed "hello-1-1.x86_64 xen-livepatch-4-1.x86_64" "yum-style supported upgrade"

finish
