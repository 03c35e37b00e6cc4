#!/bin/sh
# What rpm 4.20 and later do differently, run with rpm 6's own rpm (the build
# tree configured against ../shared/rpm6): the plugin built from the public
# <rpm/rpmplugin.h> and tied to librpm.so.10; v6 packages from rpm 6's
# rpmbuild; psm_pre once per element *per stage* (a %pretrans adds one), the
# verdict still said once and at the first; an enforce block before %pretrans
# runs; %_pkgverify_level all refusing unsigned packages after the plugin
# judged them.
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

EOL_LINE="lpcheck: xen: eol: running build $X31 is no longer supported by xen-livepatch-4-1.x86_64 (target 4.17.4-6.xs8, supports 5 other builds); reboot required"
BLOCKED="lpcheck: all: blocked: 1 problem; the transaction was stopped before any change (set %__transaction_lpcheck_mode warn to let it through); 'lpcheck status' shows this again"
PRETRANS=$(rpm_pkg pretrans/xen-livepatch-4-1)

# --- the build: the public plugin header, rpm 6's librpm
grep -q '^#define HAVE_RPM_RPMPLUGIN_H 1' "$abs_top_builddir/config.h" &&
	ok "configure found <rpm/rpmplugin.h>: the public plugin API" || fail "built without <rpm/rpmplugin.h>"
needed=$(readelf -d "$LPCHECK_PLUGIN" | sed -n 's/.*(NEEDED).*\[\(librpm[a-z]*\.so\.[0-9]*\)\]/\1/p' | sort | tr '\n' ' ')
[ "$needed" = "librpm.so.10 librpmio.so.10 " ] && ok "the plugin needs librpm.so.10 and librpmio.so.10" ||
	fail "the plugin needs '$needed'"
case $("$RPM" --version) in
"RPM version 6."*) ok "the rpm under test: $("$RPM" --version)" ;;
*) fail "the rpm under test is $("$RPM" --version)" ;;
esac

# --- the fixtures: v6 packages (zstd payload) from rpm 6's rpmbuild, read by the plugin and the CLI
fmt=$("$RPM" -qp --qf '%{RPMFORMAT} %{PAYLOADCOMPRESSOR}' "$(rpm_pkg xen-livepatch-4-1)" 2>&1)
[ "$fmt" = "6 zstd" ] && ok "fixtures are v6 packages with a zstd payload" || fail "fixture format: '$fmt'"
lpc scan --json "$(rpm_pkg xen-livepatch-3-3)" "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "scan reads v6 packages"
expect_json "scan of v6 packages: both with their bases" \
	"[len(p['bases']) for p in d['packages']] == [2, 5]"

# --- a %pretrans: psm_pre three times for the added element, twice for the erased one;
#     the verdict once, at the first of them, before the scriptlet runs
new_root
setup_install xen-livepatch-3-3
MODE=warn HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
lp_rpm -U "$PRETRANS"
expect_rc 0 "pretrans: the eol upgrade in warn mode proceeds"
expect_line "warning: $EOL_LINE" "pretrans: the verdict"
expect_lpcheck_count 1 "pretrans: said once over every psm_pre stage"
[ -e "$ROOT/pretrans-ran" ] && ok "pretrans: the scriptlet ran" || fail "pretrans: the scriptlet did not run"
expect_installed "xen-livepatch-4-1.x86_64" "pretrans: upgraded"
# -vv shows rpm's own hook calls: the stages are really there
new_root
setup_install xen-livepatch-3-3
lp_rpm -U -vv "$PRETRANS"
calls=$(grep -c 'calling hook psm_pre in lpcheck plugin' "$ERR" || true)
[ "$calls" -ge 4 ] && ok "pretrans: rpm 6 called psm_pre $calls times" || fail "pretrans: psm_pre called $calls times"
n=$(grep -c "^warning: $EOL_LINE\$" "$ERR" || true)
[ "$n" -eq 1 ] && ok "pretrans -vv: the verdict once" || { fail "pretrans -vv: the verdict $n times"; show; }

# enforce: blocked in tsm_pre, before %pretrans, nothing changed
new_root
setup_install xen-livepatch-3-3
before=$(snapshot)
MODE=enforce
lp_rpm -U "$PRETRANS"
expect_rc 1 "pretrans: blocked in enforce mode"
expect_line "error: $EOL_LINE" "pretrans enforce: the verdict"
expect_line "error: $BLOCKED" "pretrans enforce: the summary"
[ -e "$ROOT/pretrans-ran" ] && fail "pretrans enforce: the scriptlet ran" || ok "pretrans enforce: stopped before %pretrans"
[ "$(snapshot)" = "$before" ] && ok "pretrans enforce: root and database byte-identical" || fail "pretrans enforce: the root changed"

# --- rpm 6's %_pkgverify_level all: unsigned packages are refused after tsm_pre;
#     the verdict is still said once, the report says failed, nothing installed
new_root
setup_install xen-livepatch-3-3
MODE=warn REPORT=$T/report.json
lp_rpm -U --define "_pkgverify_level all" "$(rpm_pkg xen-livepatch-4-1)"
[ "$RC" -ne 0 ] && ok "pkgverify all: the unsigned package is refused (exit $RC)" || fail "pkgverify all: installed"
grep -q 'does not verify' "$ERR" && ok "pkgverify all: rpm says why" || { fail "pkgverify all: no verify error"; show; }
expect_line "warning: $EOL_LINE" "pkgverify all: the verdict said at tsm_post"
n=$(grep -c "$EOL_LINE" "$ERR" || true)
[ "$n" -eq 1 ] && ok "pkgverify all: said once" || fail "pkgverify all: said $n times"
expect_installed "xen-livepatch-3-3.x86_64" "pkgverify all: nothing installed"
result=$("${PYTHON3:-python3}" -c 'import json,sys; print(json.load(open(sys.argv[1]))["result"])' "$T/report.json" 2>&1)
[ "$result" = failed ] && ok "pkgverify all: the report says failed" || fail "pkgverify all: report result '$result'"
lpc status --json --root "$ROOT" --dbpath /var/lib/rpm --xen-build-id "$X31" --kernel-build-id none --report "$T/report.json"
expect_rc 0 "pkgverify all: status, no pending reboot from a failed run"
expect_json "pkgverify all: status: the host as it is, the failed run as the last" \
	"d['components'][0]['verdict'] == 'livepatchable'" "d['last_transaction']['result'] == 'failed'"
REPORT='%{nil}'

# --- erase and an ordinary transaction under rpm 6
new_root
setup_install xen-livepatch-4-1
MODE=enforce HOSTDEFS="xen_build_id=$X43 kernel_build_id=none"
lp_rpm -e xen-livepatch
expect_rc 1 "erase of the patch for the running build: blocked"
expect_installed "xen-livepatch-4-1.x86_64" "the blocked erase kept the package"
lp_rpm -U "$(rpm_pkg hello-1-1)"
expect_rc 0 "an ordinary package installs in enforce mode"
expect_lpcheck_count 0 "an ordinary transaction: nothing said"

finish
