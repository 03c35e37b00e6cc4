#!/bin/sh
# Erasing the package that carries the running base: EOL (the files are gone).
. "$abs_top_srcdir/tests/integration/lib.sh"

LINE="lpcheck: xen: eol: running build $X43 is no longer supported: no xen live patch package remains after removing xen-livepatch-4-1.x86_64; reboot required"

new_root
setup_install xen-livepatch-4-1
MODE=warn HOSTDEFS="xen_build_id=$X43 kernel_build_id=none"
lp_rpm -e xen-livepatch
expect_rc 0 "erase in warn mode proceeds"
expect_line "warning: $LINE" "erase of the running base's package is eol"
expect_installed "" "erased in warn mode"

new_root
setup_install xen-livepatch-4-1
before=$(snapshot)
MODE=enforce
lp_rpm -e xen-livepatch
expect_rc 1 "erase in enforce mode is blocked"
expect_line "error: $LINE" "enforce erase error line"
expect_installed "xen-livepatch-4-1.x86_64" "blocked erase keeps the package"
if [ "$(snapshot)" = "$before" ]; then ok "blocked erase: root and database unchanged"; else fail "blocked erase changed the root"; fi

# erase --test is judged too
lp_rpm -e --test xen-livepatch
expect_rc 1 "erase --test in enforce mode fails"

# a host whose base the package never had loses nothing: no-match, not flagged, even in enforce mode
MODE=enforce HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
lp_rpm -ev --test xen-livepatch
expect_rc 0 "erase of a package that never served the host passes enforce"
expect_info_line "lpcheck: xen: no-match: no xen live patch package remains, and none here was for running build $X31: the host had none to lose" "erase for a foreign base is no-match at info level"
expect_lpcheck_count 1 "erase for a foreign base: only the info line"

finish
