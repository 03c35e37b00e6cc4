#!/bin/sh
# make rpm: lpcheck and rpm-plugin-lpcheck from the dist tarball, their file
# lists, an install into a temporary root, and a transaction whose plugin and
# macros are loaded from where the package installed them.
. "$abs_top_srcdir/tests/integration/lib.sh"

TOP=$T/rpmbuild
# a build machine that is not RPM-based has its build dependencies outside any rpmdb
if "$RPM" -q rpm >/dev/null 2>&1; then NODEPS=; else NODEPS=--nodeps; fi
# the spec as this build tree was configured: libsolv or not, the same librpm (rpm 6: in its prefix)
case $(ldd "$abs_top_builddir/lpcheck") in *libsolv*) SOLV= ;; *) SOLV="--without libsolv" ;; esac
if ! PKG_CONFIG_PATH=${LPCHECK_PKG_CONFIG_PATH:-} LDFLAGS=${LPCHECK_LDFLAGS:-} make -C "$abs_top_builddir" rpm \
		RPMBUILD_FLAGS="$NODEPS $SOLV --define '_topdir $TOP'" >"$T/build.log" 2>&1; then
	tail -40 "$T/build.log"
	fail "make rpm"
	finish
fi
CLI_RPM=$(find "$TOP/RPMS" -name 'lpcheck-[0-9]*.rpm')
PLUGIN_RPM=$(find "$TOP/RPMS" -name 'rpm-plugin-lpcheck-[0-9]*.rpm')
[ -f "$CLI_RPM" ] && [ -f "$PLUGIN_RPM" ] && ok "make rpm built both packages" || { fail "packages missing"; ls -R "$TOP/RPMS"; finish; }
SRPM=$(find "$TOP/SRPMS" -name 'lpcheck-*.src.rpm')
[ -f "$SRPM" ] && ok "make rpm built the source package" || fail "no source package"

PLUGINDIR=$("$RPM" --eval '%{__plugindir}')
MACRODIR=$("$RPM" --eval '%{_rpmmacrodir}')
files() { "$RPM" -qpl "$1" | grep -v '/\.build-id' | sed 's/\.gz$//' | sort | tr '\n' ' '; }
# the rpm's own directories: /usr on a distribution, the prefix of rpm 6's build here
SBINDIR=$("$RPM" --eval '%{_sbindir}') MANDIR=$("$RPM" --eval '%{_mandir}') DOCDIR=$("$RPM" --eval '%{_defaultdocdir}')
want_plugin="$MACRODIR/macros.transaction_lpcheck $PLUGINDIR/lpcheck.so $MANDIR/man8/rpm-plugin-lpcheck.8 "
FILEATTRSDIR=$("$RPM" --eval '%{_fileattrsdir}')
PREFIX=$("$RPM" --eval '%{_prefix}') SYSCONFDIR=$("$RPM" --eval '%{_sysconfdir}') DATADIR=$("$RPM" --eval '%{_datadir}')
UNITDIR=$PREFIX/lib/systemd/system
want_fleet="$UNITDIR/lpcheck-status.service $UNITDIR/lpcheck-status.timer $UNITDIR/lpcheck-status.path
 $PREFIX/lib/systemd/system-preset/90-lpcheck.preset $DATADIR/lpcheck $DATADIR/lpcheck/prometheus
 $DATADIR/lpcheck/prometheus/lpcheck-rules.yml $DATADIR/lpcheck/prometheus/lpcheck-rules.test.yml
 $SYSCONFDIR/xapi.d/plugins/lpcheck"
want_cli="$want_fleet $SBINDIR/lpcheck $DOCDIR/lpcheck-0.1.0 $DOCDIR/lpcheck-0.1.0/README.md $MANDIR/man8/lpcheck.8 $FILEATTRSDIR/livepatch.attr $MACRODIR/macros.lpcheck "
[ "$(files "$PLUGIN_RPM")" = "$(printf '%s\n' $want_plugin | sort | tr '\n' ' ')" ] && ok "rpm-plugin-lpcheck file list" \
	|| { fail "rpm-plugin-lpcheck files: $(files "$PLUGIN_RPM")"; }
[ "$(files "$CLI_RPM")" = "$(printf '%s\n' $want_cli | sort | tr '\n' ' ')" ] && ok "lpcheck file list" \
	|| { fail "lpcheck files: $(files "$CLI_RPM")"; }
DNF_RPM=$(find "$TOP/RPMS" -name 'python3-dnf-plugin-lpcheck-[0-9]*.rpm')
DNFPLUGINDIR=$("$RPM" --eval '%{?python3_sitelib}%{!?python3_sitelib:%{_prefix}/lib/python3/dist-packages}')/dnf-plugins
[ -f "$DNF_RPM" ] && [ -z "$(find "$TOP/RPMS" -name 'yum-plugin-lpcheck-*')" ] &&
	[ "$(files "$DNF_RPM")" = "$(printf '%s\n' "$DNFPLUGINDIR/lpcheck.py" "$SYSCONFDIR/dnf/plugins/lpcheck.conf" | sort | tr '\n' ' ')" ] &&
	ok "python3-dnf-plugin-lpcheck built, with the plugin where dnf 4 loads it" || { fail "python3-dnf-plugin-lpcheck: $(files "$DNF_RPM" 2>&1)"; }
"$RPM" -qp --qf '%{NAME} %{SUMMARY}\n' "$PLUGIN_RPM" | grep -q '^rpm-plugin-lpcheck ' && ok "plugin package named" || fail "plugin package name"
"$RPM" -qp --configfiles "$PLUGIN_RPM" | grep -q "macros.transaction_lpcheck" && ok "the macros file is a config file" || fail "macros not %config"
if "$RPM" -qp --requires "$PLUGIN_RPM" | grep -q 'libsolv'; then fail "the plugin package requires libsolv"; else ok "the plugin package does not need libsolv"; fi
librpm=$(readelf -d "$LPCHECK_PLUGIN" | sed -n 's/.*(NEEDED).*\[\(librpm\.so\.[0-9]*\)\]/\1/p')
if "$RPM" -qp --requires "$PLUGIN_RPM" | grep -q "^$librpm()"; then
	ok "the plugin package requires $librpm, the rpm it was built for"
else
	fail "the plugin package does not require $librpm"
fi

# install both into a root, then a transaction with the installed plugin and macros
new_root
"$RPM" $FORCE_DEBIAN --root "$ROOT" --dbpath /var/lib/rpm --noplugins -i --nodeps "$CLI_RPM" "$PLUGIN_RPM"
expect_installed "$("$RPM" -qp --qf '%{NEVRA}\n' "$CLI_RPM" "$PLUGIN_RPM" | sort | tr '\n' ' ' | sed 's/ $//')" "both packages installed"
[ -x "$ROOT$SBINDIR/lpcheck" ] && ok "installed CLI is executable" || fail "CLI not installed"
"$ROOT$SBINDIR/lpcheck" scan "$(rpm_pkg xen-livepatch-4-1)" >/dev/null && ok "installed CLI runs" || fail "installed CLI"
grep -qx "LPCHECK = \"$SBINDIR/lpcheck\"" "$ROOT$SYSCONFDIR/xapi.d/plugins/lpcheck" &&
	grep -q "^ExecStart=$SBINDIR/lpcheck status " "$ROOT$UNITDIR/lpcheck-status.service" &&
	ok "the installed xapi plugin and service run the installed CLI" || fail "the installed fleet files name another CLI"
setup_install xen-livepatch-3-3
OUT=$T/out ERR=$T/err
set +e
"$RPM" $FORCE_DEBIAN --root "$ROOT" --dbpath /var/lib/rpm --load "$ROOT$MACRODIR/macros.transaction_lpcheck" \
	--define "__plugindir $ROOT$PLUGINDIR" --define "__transaction_lpcheck_mode enforce" \
	--define "__transaction_lpcheck_report %{nil}" --define "__transaction_lpcheck_xen_livepatch_cmd %{nil}" \
	--define "__transaction_lpcheck_xen_build_id $X31" --define "__transaction_lpcheck_kernel_build_id none" \
	-U --test "$(rpm_pkg xen-livepatch-4-1)" >"$OUT" 2>"$ERR"
RC=$?
set -e
expect_rc 1 "the installed plugin blocks an eol upgrade"
if grep -q "^error: lpcheck: xen: eol: running build $X31" "$ERR"; then ok "the installed plugin judged the upgrade"; else fail "installed plugin silent"; show; fi

# --- the libdnf5 plugin's own package, where libdnf5 is there (this machine: dnf5 in its prefix)
if [ -n "${LPCHECK_DNF5:-}" ] && [ -x "$LPCHECK_DNF5" ]; then
	DNF5_PREFIX=$(dirname "$(dirname "$LPCHECK_DNF5")")
	TOP5=$T/rpmbuild-libdnf5
	if make -C "$abs_top_builddir" rpm RPMBUILD_FLAGS="$NODEPS --define '_topdir $TOP5' --with libdnf5 --define 'libdnf5_prefix $DNF5_PREFIX'" >"$T/build5.log" 2>&1; then
		ok "make rpm --with libdnf5 builds"
	else
		tail -40 "$T/build5.log"
		fail "make rpm --with libdnf5"
	fi
	DNF5_RPM=$(find "$TOP5/RPMS" -name 'libdnf5-plugin-lpcheck-[0-9]*.rpm')
	want_dnf5="/etc/dnf/libdnf5-plugins/lpcheck.conf $("$RPM" --eval '%{_libdir}')/libdnf5/plugins/lpcheck.so "
	[ -f "$DNF5_RPM" ] && [ "$(files "$DNF5_RPM")" = "$(printf '%s\n' $want_dnf5 | sort | tr '\n' ' ')" ] &&
		ok "libdnf5-plugin-lpcheck file list" || fail "libdnf5-plugin-lpcheck files: $(files "$DNF5_RPM" 2>/dev/null)"
	"$RPM" -qp --configfiles "$DNF5_RPM" | grep -q lpcheck.conf && ok "lpcheck.conf is a config file" || fail "lpcheck.conf not %config"
	PLUGIN5_RPM=$(find "$TOP5/RPMS" -name 'rpm-plugin-lpcheck-[0-9]*.rpm')
	if "$RPM" -qp --requires "$PLUGIN5_RPM" | grep -qE 'libdnf5|libstdc\+\+'; then
		fail "the rpm plugin package needs C++ or libdnf5"
	else
		ok "the rpm plugin package stays free of C++ and libdnf5"
	fi
fi # a tree configured without libdnf5 has no such package (./build.sh check always configures it)

finish
