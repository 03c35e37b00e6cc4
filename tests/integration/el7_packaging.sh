#!/bin/sh
# The spec on el7's rpmbuild 4.11.3 (as on XenServer 8): the CLI without
# libsolv, the el7 plugin tied to librpm.so.3, the macros where rpm 4.11
# reads them, and the installed plugin blocking a transaction of el7's rpm.
. "$abs_top_srcdir/tests/integration/lib.sh"

RPMBUILD_EL7=$(dirname "$RPM")/rpmbuild
TOP=$T/rpmbuild
if ! make -C "$abs_top_builddir" dist-gzip >"$T/dist.log" 2>&1; then
	tail -20 "$T/dist.log"
	fail "make dist-gzip"
	finish
fi
TARBALL=$(ls "$abs_top_builddir"/lpcheck-*.tar.gz)
# rhel 7 as on an el7 build host; here el7's librpm is found as this build tree found it
if PKG_CONFIG_PATH=${LPCHECK_PKG_CONFIG_PATH:-} LDFLAGS=${LPCHECK_LDFLAGS:-} "$RPMBUILD_EL7" -ta --nodeps --define "_topdir $TOP" --define "rhel 7" --define "debug_package %{nil}" \
		--define "_binary_payload w9.gzdio" "$TARBALL" >"$T/build.log" 2>&1; then
	ok "el7 rpmbuild builds the spec"
else
	tail -40 "$T/build.log"
	fail "el7 rpmbuild of the spec"
	finish
fi
CLI_RPM=$(find "$TOP/RPMS" -name 'lpcheck-[0-9]*.rpm')
PLUGIN_RPM=$(find "$TOP/RPMS" -name 'rpm-plugin-lpcheck-[0-9]*.rpm')
[ -f "$CLI_RPM" ] && [ -f "$PLUGIN_RPM" ] && ok "el7: both packages built" || { fail "el7: packages missing"; finish; }
YUM_RPM=$(find "$TOP/RPMS" -name 'yum-plugin-lpcheck-[0-9]*.rpm')
[ -f "$YUM_RPM" ] && [ -z "$(find "$TOP/RPMS" -name 'python3-dnf-plugin-lpcheck-*')" ] &&
	[ "$("$RPM" -qpl "$YUM_RPM" | sort | tr '\n' ' ')" = "$("$RPM" --eval '%{_sysconfdir}')/yum/pluginconf.d/lpcheck.conf $("$RPM" --eval '%{_prefix}')/lib/yum-plugins/lpcheck.py " ] &&
	ok "el7: yum-plugin-lpcheck built, with the plugin where yum 3 loads it" || { fail "el7: yum-plugin-lpcheck"; "$RPM" -qpl "$YUM_RPM"; }

requires() { "$RPM" -qp --requires "$1" | tr '\n' ' '; }
case $(requires "$PLUGIN_RPM") in
*librpm.so.3*) ok "el7: the plugin package requires librpm.so.3, so it installs only beside el7's rpm" ;;
*) fail "el7: the plugin package does not require librpm.so.3: $(requires "$PLUGIN_RPM")" ;;
esac
all_requires="$(requires "$PLUGIN_RPM") $(requires "$CLI_RPM")"
case $all_requires in
*libsolv*) fail "el7: a package requires libsolv" ;;
*) ok "el7: neither package requires libsolv" ;;
esac
if grep -q -- '--without-libsolv' "$T/build.log"; then ok "el7: the spec builds the CLI without libsolv"; else fail "el7: --without-libsolv not passed"; fi
MACRODIR=$("$RPM" --eval '%{_rpmconfigdir}')/macros.d
PLUGINDIR=$("$RPM" --eval '%{__plugindir}')
"$RPM" -qpl "$PLUGIN_RPM" | grep -qx "$MACRODIR/macros.transaction_lpcheck" &&
	ok "el7: the macros go to %{_rpmconfigdir}/macros.d, where rpm 4.11 reads them" ||
	fail "el7: macros file at $("$RPM" -qpl "$PLUGIN_RPM" | grep macros)"

# install both into a root, then a transaction with the installed plugin and the shipped macros
new_root
"$RPM" --root "$ROOT" --dbpath /var/lib/rpm --noplugins -i --nodeps "$CLI_RPM" "$PLUGIN_RPM"
expect_installed "$("$RPM" -qp --qf '%{NEVRA}\n' "$CLI_RPM" "$PLUGIN_RPM" | sort | tr '\n' ' ' | sed 's/ $//')" "el7: both packages installed"
setup_install xen-livepatch-3-3
shipped=""
while read -r name value; do
	case $name in %__transaction_lpcheck*) shipped="$shipped --define=${name#%}\\ $value" ;; esac
done <"$ROOT$MACRODIR/macros.transaction_lpcheck"
OUT=$T/out ERR=$T/err
set +e
eval "$RPM" --root "\"$ROOT\"" --dbpath /var/lib/rpm --define "\"__plugindir $ROOT$PLUGINDIR\"" $shipped \
	--define "\"__transaction_lpcheck_mode enforce\"" --define "\"__transaction_lpcheck_report %{nil}\"" \
	--define "\"__transaction_lpcheck_xen_livepatch_cmd %{nil}\"" \
	--define "\"__transaction_lpcheck_xen_build_id $X31\"" --define "\"__transaction_lpcheck_kernel_build_id none\"" \
	-U "\"$(rpm_pkg xen-livepatch-4-1)\"" >"$OUT" 2>"$ERR"
RC=$?
set -e
expect_rc 1 "el7: the installed plugin blocks an eol upgrade"
expect_lpcheck_count 2 "el7: the installed plugin says why, once"
expect_installed "lpcheck-0.1.0-1.x86_64 rpm-plugin-lpcheck-0.1.0-1.x86_64 xen-livepatch-3-3.x86_64" "el7: nothing changed"

finish
