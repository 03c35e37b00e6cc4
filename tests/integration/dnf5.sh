#!/bin/sh
# The real dnf5 (../shared/dnf5, built by ./build.sh check) in temporary
# installroots, from a createrepo_c repository: with the rpm plugin alone, and
# with the libdnf5 plugin that speaks before the table and the prompt.
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

DNF5=${LPCHECK_DNF5:-}
if [ -z "$DNF5" ] || [ ! -x "$DNF5" ]; then
	fail "no dnf5: configure --with-libdnf5=PREFIX (./build.sh check builds ../shared/dnf5 into /opt/lpcheck-dnf5)"
	finish
fi
EOL="lpcheck: xen: eol: running build $X31 is no longer supported by xen-livepatch-4-1.x86_64 (target 4.17.4-6.xs8, supports 5 other builds); reboot required"
BLOCKED="lpcheck: all: blocked: 1 problem; the transaction was stopped before any change (set %__transaction_lpcheck_mode warn to let it through); 'lpcheck status' shows this again"

mkdir -p "$T/repo" "$T/home" "$T/libdnf5-plugins" "$T/libdnf5-conf" "$T/no-plugins"
cp "$(rpm_pkg xen-livepatch-4-1)" "$T/repo/"
createrepo_c -q "$T/repo"
ln -s "${LPCHECK_LIBDNF5_PLUGIN:?}" "$T/libdnf5-plugins/lpcheck.so"
cp "$abs_top_srcdir/plugin/libdnf5/lpcheck.conf" "$T/libdnf5-conf/"

# dnf5_run MODE LIBDNF5(yes|no) XEN_ID DNF5-ARGS...: sets RC and SEEN (what the terminal shows); from $REPO
REPO=$T/repo
DNF5_REPORT=$T/report.json
dnf5_run() {
	mode=$1 with=$2 xen=$3
	shift 3
	home_macros "$mode" "$xen" "$DNF5_REPORT"
	[ -z "${MACRO_EXTRA:-}" ] || printf '%s\n' "$MACRO_EXTRA" >>"$T/home/.rpmmacros"
	conf=$T/no-plugins
	[ "$with" = yes ] && conf=$T/libdnf5-conf
	SEEN=$T/seen
	set +e
	HOME=$T/home "$DNF5" --installroot="$ROOT" --releasever=1 --repofrompath="lp,file://$REPO" \
		--setopt=lp.gpgcheck=0 --setopt=pluginpath="$T/libdnf5-plugins" --setopt=pluginconfpath="$conf" \
		"$@" >"$SEEN" 2>&1 </dev/null
	RC=$?
	set -e
}
seen_count() { grep -cF -- "$1" "$SEEN" || true; }
# the root as rpm sees it: files of the live patch directories and the database's headers
root_state() {
	(cd "$ROOT" && find ./usr -printf '%p %y %m %s %l\n' 2>/dev/null | sort)
	"$RPM" --root "$ROOT" --dbpath /var/lib/rpm -qa --qf '%{NEVRA} %{SHA1HEADER}\n' | sort
}

# === the rpm plugin alone
new_root
setup_install xen-livepatch-3-3
dnf5_run warn no "$X31" -y upgrade xen-livepatch
[ "$RC" -eq 0 ] && ok "dnf5, rpm plugin, warn: upgraded" || { fail "dnf5 warn: exit $RC"; cat "$SEEN"; }
# dnf5 cuts its ">>> [RPM]" lines at the terminal's width, 80 columns when it is not a terminal
CUT=">>> [RPM] lpcheck: xen: eol: running build $X31"
CUT=$(printf '%.80s' "$CUT")
[ "$(seen_count "$CUT")" -eq 1 ] && [ "$(seen_count lpcheck)" -eq 1 ] &&
	ok "dnf5, rpm plugin, warn: the user reads the eol line once, as '>>> [RPM] lpcheck: xen: eol: ...' cut at 80 columns" ||
	{ fail "dnf5 warn: the eol line $(seen_count "$CUT") times"; cat "$SEEN"; }
expect_installed "xen-livepatch-4-1.x86_64" "dnf5, rpm plugin, warn"

new_root
setup_install xen-livepatch-3-3
before=$(root_state)
dnf5_run enforce no "$X31" -y upgrade xen-livepatch
[ "$RC" -eq 1 ] && ok "dnf5, rpm plugin, enforce: the transaction fails" || { fail "dnf5 enforce: exit $RC"; cat "$SEEN"; }
grep -qF "Transaction failed: Rpm transaction failed." "$SEEN" && ok "dnf5, rpm plugin, enforce: the user reads only that it failed" ||
	{ fail "dnf5 enforce: no failure line"; cat "$SEEN"; }
[ "$(root_state)" = "$before" ] && ok "dnf5, rpm plugin, enforce: root unchanged" || fail "dnf5 enforce changed the root"
lpc status --root "$ROOT" --dbpath /var/lib/rpm --xen-build-id "$X31" --kernel-build-id none --report "$T/report.json"
grep -q "^  blocked at .* (enforce, test run): xen eol: " "$OUT" && ok "dnf5, rpm plugin, enforce: lpcheck status says why" ||
	{ fail "status after the dnf5 block"; show; }

# === with the libdnf5 plugin: the verdict before the table and the prompt
new_root
setup_install xen-livepatch-3-3
dnf5_run warn yes "$X31" -y upgrade xen-livepatch
[ "$RC" -eq 0 ] && ok "dnf5, libdnf5 plugin, warn: upgraded" || { fail "dnf5+plugin warn: exit $RC"; cat "$SEEN"; }
[ "$(seen_count "$EOL")" -eq 1 ] && [ "$(seen_count "lpcheck: xen: eol:")" -eq 1 ] &&
	ok "dnf5, libdnf5 plugin, warn: the eol line once (the rpm plugin stays quiet)" ||
	{ fail "dnf5+plugin warn: the eol line $(seen_count "lpcheck: xen: eol:") times"; cat "$SEEN"; }
first_eol=$(grep -nF -- "$EOL" "$SEEN" | head -1 | cut -d: -f1)
table=$(grep -n "^Upgrading:" "$SEEN" | head -1 | cut -d: -f1)
[ -n "$first_eol" ] && [ -n "$table" ] && [ "$first_eol" -lt "$table" ] && ok "dnf5, libdnf5 plugin: the verdict comes before the table" ||
	{ fail "dnf5+plugin: verdict at line ${first_eol:-none}, table at ${table:-none}"; cat "$SEEN"; }
expect_installed "xen-livepatch-4-1.x86_64" "dnf5, libdnf5 plugin, warn"

new_root
setup_install xen-livepatch-3-3
before=$(root_state)
dnf5_run enforce yes "$X31" -y upgrade xen-livepatch
[ "$RC" -eq 1 ] && ok "dnf5, libdnf5 plugin, enforce: stopped" || { fail "dnf5+plugin enforce: exit $RC"; cat "$SEEN"; }
[ "$(seen_count "$EOL")" -eq 1 ] && grep -qF "$BLOCKED" "$SEEN" && ok "dnf5, libdnf5 plugin, enforce: the user reads why" ||
	{ fail "dnf5+plugin enforce: no reason"; cat "$SEEN"; }
[ "$(root_state)" = "$before" ] && ok "dnf5, libdnf5 plugin, enforce: root unchanged" || fail "dnf5+plugin enforce changed the root"

# the report of the block is readable by monitoring whatever the user's umask
DNF5_REPORT=$T/umask/run/lpcheck/report.json
(umask 077 && dnf5_run enforce yes "$X31" -y upgrade xen-livepatch)
modes=$(stat -c '%a' "$T/umask/run" "$T/umask/run/lpcheck" "$DNF5_REPORT" 2>&1 | tr '\n' ' ')
[ "$modes" = "755 755 644 " ] && ok "dnf5 under umask 077: report directories 0755, report 0644" ||
	fail "dnf5 under umask 077: modes $modes"
DNF5_REPORT=$T/report.json

dnf5_run enforce yes "$X43" -y upgrade xen-livepatch
[ "$RC" -eq 0 ] && ok "dnf5, libdnf5 plugin: a supported upgrade passes enforce" || { fail "supported upgrade: exit $RC"; cat "$SEEN"; }
[ "$(seen_count lpcheck)" -eq 0 ] && ok "dnf5, libdnf5 plugin: a supported upgrade is quiet" || { fail "supported upgrade said something"; cat "$SEEN"; }
expect_installed "xen-livepatch-4-1.x86_64" "dnf5 supported upgrade"

# the documented off switches turn off the libdnf5 plugin too: nothing said, nothing blocked
for off in '%__transaction_lpcheck %{nil}' '%__transaction_lpcheck_mode off'; do
	new_root
	setup_install xen-livepatch-3-3
	MACRO_EXTRA=$off
	dnf5_run enforce yes "$X31" -y upgrade xen-livepatch
	MACRO_EXTRA=
	[ "$RC" -eq 0 ] && [ "$(seen_count lpcheck)" -eq 0 ] && ok "dnf5, libdnf5 plugin, '$off': off, the upgrade goes through" ||
		{ fail "dnf5 with '$off': exit $RC"; cat "$SEEN"; }
	expect_installed "xen-livepatch-4-1.x86_64" "dnf5 with '$off'"
done

# the host switches reach the libdnf5 plugin through the same reader: an applied override, a sysfs tree
new_root
setup_install xen-livepatch-3-3
MACRO_EXTRA="%__transaction_lpcheck_xen_applied 4.17.4-6.xs8"
dnf5_run warn yes "$X43" --assumeno upgrade xen-livepatch
MACRO_EXTRA=
grep -qF "lpcheck: xen: up-to-date: running build $X43 already has 4.17.4-6.xs8 applied" "$ROOT/var/log/dnf5.log" &&
	ok "dnf5, libdnf5 plugin: %__transaction_lpcheck_xen_applied makes it up-to-date" || { fail "xen_applied in dnf5"; cat "$SEEN"; }
SYS=$T/sys
write_xen "$SYS" "$X31"
MACRO_EXTRA="%__transaction_lpcheck_xen_build_id %{nil}
%__transaction_lpcheck_sysfs $SYS"
dnf5_run warn yes "$X43" --assumeno upgrade xen-livepatch
MACRO_EXTRA=
[ "$(seen_count "$EOL")" -eq 1 ] && ok "dnf5, libdnf5 plugin: %__transaction_lpcheck_sysfs gives the running build" ||
	{ fail "sysfs in dnf5"; cat "$SEEN"; }

# erase of the package that carries the running build
new_root
setup_install xen-livepatch-3-3
dnf5_run warn yes "$X31" -y remove xen-livepatch
[ "$RC" -eq 0 ] && ok "dnf5 erase: done" || { fail "dnf5 erase: exit $RC"; cat "$SEEN"; }
grep -q "lpcheck: xen: eol: running build $X31 is no longer supported: no xen live patch package remains after removing xen-livepatch-3-3.x86_64" "$SEEN" &&
	[ "$(seen_count "lpcheck: xen: eol")" -eq 1 ] && ok "dnf5 erase: the eol line once" || { fail "dnf5 erase"; cat "$SEEN"; }

# --assumeno, xapi's dry run: never reaches rpm, but the libdnf5 plugin speaks
new_root
setup_install xen-livepatch-3-3
before=$(root_state)
dnf5_run warn yes "$X31" --assumeno upgrade xen-livepatch
[ "$(seen_count "$EOL")" -eq 1 ] && ok "dnf5 --assumeno: the dry run shows the verdict" || { fail "--assumeno: no verdict"; cat "$SEEN"; }
[ "$(root_state)" = "$before" ] && ok "dnf5 --assumeno: nothing changed" || fail "--assumeno changed the root"

# === a live patch package without livepatch Provides (doc/rules.md §3: judged by its files), and
#     dnf5 loads no file lists: the libdnf5 plugin cannot see it, so it says unknown, never eol
mkdir -p "$T/repo-noprov"
cp "$(rpm_pkg noprov/xen-livepatch-4-3)" "$T/repo-noprov/"
createrepo_c -q "$T/repo-noprov"
REPO=$T/repo-noprov
new_root
setup_install xen-livepatch-4-1
dnf5_run enforce yes "$X43" -y upgrade xen-livepatch
[ "$RC" -eq 0 ] && ok "dnf5, unseen file list: a supported upgrade passes enforce" || { fail "unseen: exit $RC"; cat "$SEEN"; }
[ "$(seen_count "lpcheck: xen: eol")" -eq 0 ] && ok "dnf5, unseen file list: no false eol" || { fail "unseen: a false eol"; cat "$SEEN"; }
expect_installed "xen-livepatch-4-3.x86_64" "dnf5, unseen file list: upgraded"
# the real eol is still caught, by the rpm plugin, which reads the headers
new_root
setup_install xen-livepatch-3-3
before=$(root_state)
dnf5_run enforce yes "$X31" -y upgrade xen-livepatch
[ "$RC" -eq 1 ] && grep -qF "Transaction failed" "$SEEN" && ok "dnf5, unseen file list: the rpm plugin blocks the real eol" ||
	{ fail "unseen eol: exit $RC"; cat "$SEEN"; }
[ "$(root_state)" = "$before" ] && ok "dnf5, unseen file list: the block changed nothing" || fail "unseen eol block changed the root"
REPO=$T/repo

# === a pending reboot survives a later dnf5 run that the libdnf5 plugin blocks (a dry run)
mkdir -p "$T/repo-later"
cp "$(rpm_pkg xen-livepatch-5-1)" "$(rpm_pkg kernel-livepatch-1.0.5-1)" "$T/repo-later/"
createrepo_c -q "$T/repo-later"
REPO=$T/repo-later
rm -f "$T/report.json" "$T/report.pending-xen.json"
new_root
setup_install xen-livepatch-4-1 kernel-livepatch-1.0.4-1
MACRO_EXTRA="%__transaction_lpcheck_kernel_build_id $K1"
dnf5_run warn no "$X43" -y upgrade xen-livepatch
[ "$RC" -eq 0 ] && [ -f "$T/report.pending-xen.json" ] && ok "dnf5 warn eol: the reboot is pending" ||
	{ fail "dnf5 warn eol: exit $RC, no pending reboot"; cat "$SEEN"; }
dnf5_run enforce yes "$X43" --assumeno upgrade kernel-livepatch
MACRO_EXTRA=
grep -qF "lpcheck: kernel: eol: running build $K1" "$SEEN" && ok "dnf5 dry run: the kernel eol blocked before the prompt" ||
	{ fail "dnf5 dry run: no kernel eol"; cat "$SEEN"; }
lpc status --root "$ROOT" --dbpath /var/lib/rpm --xen-build-id "$X43" --kernel-build-id "$K1" --report "$T/report.json"
expect_rc 1 "status after the blocked dnf5 dry run: xen's reboot still pending"
grep -q "^xen  *eol  *yes " "$OUT" && grep -q "^  blocked at .* (enforce, [a-z]* run): kernel eol: " "$OUT" &&
	ok "status: xen eol pending, the blocked dry run as the last run" || { fail "status after the dnf5 dry run"; show; }
REPO=$T/repo

finish
