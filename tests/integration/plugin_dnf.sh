#!/bin/sh
# dnf --installroot upgrade from a createrepo_c repository, the plugin enabled
# through $HOME/.rpmmacros: warn lets the EOL upgrade through, enforce stops it
# in dnf's test transaction.
. "$abs_top_srcdir/tests/integration/lib.sh"

if ! command -v dnf >/dev/null 2>&1 || ! command -v createrepo_c >/dev/null 2>&1; then
	echo "dnf or createrepo_c missing: build.sh installs them"; exit 1
fi

mkdir -p "$T/repo" "$T/home"
# dnf keeps its cache, logs and history inside the installroot: not rpm's doing
SNAPSHOT_SKIP=./dnfstate
cp "$(rpm_pkg xen-livepatch-4-1)" "$T/repo/"
createrepo_c -q "$T/repo"
cat >"$T/dnf.conf" <<CONF
[main]
reposdir=/dev/null
gpgcheck=0
cachedir=/dnfstate/cache
logdir=/dnfstate/log
persistdir=/dnfstate/lib
install_weak_deps=0
[local]
name=local
baseurl=file://$T/repo
gpgcheck=0
CONF

dnf_upgrade() { # dnf_upgrade MODE
	home_macros "$1" "$X31"
	OUT=$T/out ERR=$T/err
	set +e
	HOME=$T/home dnf -y -c "$T/dnf.conf" --installroot="$ROOT" --releasever=1 --disableplugin='*' \
		--setopt=keepcache=0 upgrade xen-livepatch >"$OUT" 2>"$ERR"
	RC=$?
	set -e
}

EOL="lpcheck: xen: eol: running build $X31 is no longer supported by xen-livepatch-4-1.x86_64 (target 4.17.4-6.xs8, supports 5 other builds); reboot required"

# xen-livepatch answers "none applied" and counts its calls
cat >"$FAKE_CMD" <<SH
#!/bin/sh
echo call >>"$T/cmd-calls"
exit 0
SH
new_root
setup_install xen-livepatch-3-3
dnf_upgrade warn
expect_rc 0 "dnf upgrade in warn mode"
calls=$(wc -l <"$T/cmd-calls" 2>/dev/null || echo 0)
[ "$calls" -eq 1 ] && ok "dnf's test and real runs probe the host once" || fail "xen-livepatch ran $calls times in one dnf transaction"
# dnf 4 shows the real run's line as rpm prints it, with no "RPM: " before it; the test run's is not shown
n=$(cat "$OUT" "$ERR" | grep -cxF "warning: $EOL" || true)
[ "$n" -eq 1 ] && ok "dnf shows 'warning: lpcheck: ...' once, as rpm prints it" || { fail "dnf showed the warning line $n times"; show; }
if grep -q "RPM: .*lpcheck" "$OUT" "$ERR"; then fail "dnf put RPM: before a warn-mode line"; show; else ok "no RPM: prefix in warn mode"; fi
expect_installed "xen-livepatch-4-1.x86_64" "dnf upgrade in warn mode"

new_root
setup_install xen-livepatch-3-3
mkdir -p "$ROOT/dnfstate"
before=$(snapshot)
dnf_upgrade enforce
expect_rc 1 "dnf upgrade in enforce mode fails"
if grep -qF "RPM: error: $EOL" "$OUT" "$ERR"; then ok "dnf shows the eol error"; else fail "dnf: no eol error"; show; fi
if grep -qF "Transaction test error" "$OUT" "$ERR"; then ok "dnf stopped in its test transaction"; else fail "dnf did not stop in the test"; show; fi
expect_installed "xen-livepatch-3-3.x86_64" "dnf upgrade in enforce mode"
if [ "$(snapshot)" = "$before" ]; then ok "dnf blocked: root and database unchanged"; else fail "dnf blocked upgrade changed the root"; snapshot >"$T/after"; echo "$before" | diff - "$T/after" || true; fi

finish
