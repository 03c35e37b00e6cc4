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

# === the dnf 4 plugin (python3-dnf-plugin-lpcheck): the verdict after depsolving, before the table and prompt
mkdir -p "$T/dnf-plugins" "$T/dnf-pluginconf"
cp "${LPCHECK_DNF_PLUGIN:?}" "$T/dnf-plugins/lpcheck.py"
cp "$abs_top_srcdir/plugin/python/lpcheck.conf" "$T/dnf-pluginconf/"
# dnf_plugin MODE XEN_ID DNF-ARGS...: dnf with only lpcheck's plugin; SEEN: stdout and stderr as the terminal shows them
dnf_plugin() {
	mode=$1 xen=$2
	shift 2
	home_macros "$mode" "$xen"
	printf '%%__lpcheck %s\n%s\n' "$abs_top_builddir/lpcheck" "${MACRO_EXTRA:-}" >>"$T/home/.rpmmacros"
	SEEN=$T/seen
	set +e
	HOME=$T/home dnf -c "$T/dnf.conf" --installroot="$ROOT" --releasever=1 --setopt=keepcache=0 \
		--setopt=pluginpath="$T/dnf-plugins" --setopt=pluginconfpath="$T/dnf-pluginconf" "$@" >"$SEEN" 2>&1 </dev/null
	RC=$?
	set -e
}
line_of() { grep -nF -- "$1" "$SEEN" | head -1 | cut -d: -f1; }

new_root
setup_install xen-livepatch-3-3
dnf_plugin warn "$X31" -y upgrade xen-livepatch
[ "$RC" -eq 0 ] && ok "dnf plugin, warn: upgraded" || { fail "dnf plugin warn: exit $RC"; cat "$SEEN"; }
first=$(line_of "$EOL") table=$(line_of "Transaction Summary")
[ -n "$first" ] && [ -n "$table" ] && [ "$first" -lt "$table" ] && ok "dnf plugin: the verdict before the transaction summary" ||
	{ fail "dnf plugin: verdict at line ${first:-none}, summary at ${table:-none}"; cat "$SEEN"; }
[ "$(grep -c 'lpcheck: xen: eol' "$SEEN")" -eq 1 ] && ok "dnf plugin: the eol line once (the rpm plugin logs it at debug level)" ||
	{ fail "dnf plugin: the eol line $(grep -c 'lpcheck: xen: eol' "$SEEN") times"; cat "$SEEN"; }
expect_installed "xen-livepatch-4-1.x86_64" "dnf plugin, warn"

new_root
setup_install xen-livepatch-3-3
mkdir -p "$ROOT/dnfstate"
before=$(snapshot)
dnf_plugin enforce "$X31" -y upgrade xen-livepatch
[ "$RC" -eq 1 ] && grep -qxF "Error: lpcheck: all: blocked: 1 problem; the transaction was stopped before any change (set %__transaction_lpcheck_mode warn to let it through)" "$SEEN" &&
	ok "dnf plugin, enforce: dnf stops with the reason as its error" || { fail "dnf plugin enforce: exit $RC"; cat "$SEEN"; }
grep -q "Downloading Packages\|Running transaction check" "$SEEN" && { fail "dnf plugin enforce: dnf went on to download or test"; cat "$SEEN"; } ||
	ok "dnf plugin, enforce: stopped before the download and the transaction test"
[ "$(snapshot)" = "$before" ] && ok "dnf plugin, enforce: root and database unchanged" || fail "dnf plugin enforce changed the root"

dnf_plugin warn "$X31" --assumeno upgrade xen-livepatch
grep -qxF "$EOL" "$SEEN" && ok "dnf plugin, --assumeno: the dry run shows the verdict" || { fail "dnf --assumeno"; cat "$SEEN"; }
dnf_plugin enforce "$X43" -y upgrade xen-livepatch
[ "$RC" -eq 0 ] && ! grep -q 'lpcheck' "$SEEN" && ok "dnf plugin: a covered build passes enforce, quietly" ||
	{ fail "dnf plugin covered build: exit $RC"; cat "$SEEN"; }
new_root
setup_install xen-livepatch-3-3
MACRO_EXTRA='%__transaction_lpcheck %{nil}'
dnf_plugin enforce "$X31" -y upgrade xen-livepatch
MACRO_EXTRA=
[ "$RC" -eq 0 ] && ! grep -q 'lpcheck' "$SEEN" && ok "dnf plugin: %__transaction_lpcheck %{nil} turns it off" ||
	{ fail "dnf plugin off switch: exit $RC"; cat "$SEEN"; }

finish
