#!/bin/sh
# Validation inside rpmbuild: livepatch.attr makes rpmbuild generate the
# livepatch() Provides from the payloads (a spec needs no Provides block), and
# %livepatch_check fails a build whose layout is broken. Real rpmbuild runs of
# the fixture spec, with the attribute file and the macros as shipped.
. "$abs_top_srcdir/tests/integration/lib.sh"

RPMBUILD=${RPMBUILD:-rpmbuild}
case $("$RPM" --version) in *4.11.*) RPMBUILD=$(dirname "$RPM")/rpmbuild ;; esac
SPEC=$abs_top_srcdir/tests/fixtures/livepatch.rpmspec
# rpmbuild's own attribute files plus ours, as installed; the lpcheck of this build tree runs them
FA=$T/fileattrs
mkdir -p "$FA" "$T/built"
cp "$("$RPM" --eval '%{_fileattrsdir}')"/*.attr "$FA/"
cp "$abs_top_srcdir/rpm-macros/livepatch.attr" "$FA/"
# the shipped build macros and attribute macros, read from the macro path as installed
# files would be (rpm loads %{_fileattrsdir}/*.attr as macros and registers each by its name)
mkdir -p "$T/home"
cat "$abs_top_srcdir/rpm-macros/macros.lpcheck" "$abs_top_srcdir/rpm-macros/livepatch.attr" >"$T/home/.rpmmacros"

# gen NAME VERSION RELEASE [--define ...]...: builds the fixture with the generator and the macros; sets RC, LOG
gen() {
	name=$1 version=$2 release=$3
	shift 3
	top=$T/top-$name-$version-$release
	rm -rf "$top"
	LOG=$T/log-$name-$version-$release
	set +e
	HOME=$T/home "$RPMBUILD" --define "_topdir $top" --define "_build_id_links none" \
		--define "_binary_payload w9.gzdio" --define "_fileattrsdir $FA" --define "__lpcheck $abs_top_builddir/lpcheck" \
		--define "lp_name $name" --define "lp_version $version" --define "lp_release $release" \
		"$@" -bb "$SPEC" >"$LOG" 2>&1
	RC=$?
	set -e
	find "$top/RPMS" -name '*.rpm' -exec mv {} "$T/built/" \; 2>/dev/null || true
}
built() { printf "%s/built/%s.x86_64.rpm" "$T" "$1"; }
provides() { "$RPM" -qp --provides "$1" | grep '^livepatch(' | sort; }

XEN41="--define lp_component\ xen --define lp_target\ 4.17.4-6.xs8"
BASES41="$X41=4.17.4-1.xs8 $X42=4.17.4-2.xs8 $X43=4.17.4-3.xs8 $X44=4.17.4-4.xs8 $X45=4.17.4-5.xs8"

# --- no Provides block: the generator writes exactly the hand-written ones
gen xen-livepatch 4 1 --define "lp_component xen" --define "lp_target 4.17.4-6.xs8" --define "lp_bases $BASES41" \
	--define "lp_provides 0" --define "lp_check 1"
[ "$RC" -eq 0 ] && ok "a spec without Provides builds" || { fail "build without Provides: exit $RC"; tail -20 "$LOG"; }
if [ "$(provides "$(built xen-livepatch-4-1)")" = "$(provides "$(rpm_pkg xen-livepatch-4-1)")" ] &&
	[ -n "$(provides "$(built xen-livepatch-4-1)")" ]; then
	ok "generated Provides = the hand-written ones"
else
	fail "generated Provides differ"; provides "$(built xen-livepatch-4-1)"
fi
cp "$(built xen-livepatch-4-1)" "$T/gen-4-1.rpm"

# --- a hand-written block keeps building; identical lines appear once
gen xen-livepatch 4 1 --define "lp_component xen" --define "lp_target 4.17.4-6.xs8" --define "lp_bases $BASES41"
[ "$RC" -eq 0 ] && ok "a spec with a Provides block still builds" || { fail "build with Provides: exit $RC"; tail -20 "$LOG"; }
# rpm keeps a generated Provides beside an identical hand-written one (it marks generated ones apart);
# lpcheck reads the pair as one record, so the package is clean
n=$("$RPM" -qp --provides "$(built xen-livepatch-4-1)" | sort -u | grep -c '^livepatch(')
[ "$n" -eq 5 ] && ok "hand-written and generated Provides: five distinct lines" || fail "$n distinct livepatch() Provides"
set +e
"$abs_top_builddir/lpcheck" scan "$(built xen-livepatch-4-1)" >"$T/scan.out" 2>&1
src=$?
set -e
[ "$src" -eq 0 ] && ok "scan: an identical hand-written and generated Provides is one record, no duplicate-base" ||
	{ fail "scan of the package with both: exit $src"; cat "$T/scan.out"; }

# --- names cut by the build tools: %livepatch_target gives the full target; without it, one line and no Provides
CUTBASES="$K1=4.19.19-8.0.38.11.xcpng8.3 $K2=4.19.19-8.0.39.xcpng8.3"
gen kernel-livepatch-xcpng 7 1 --define "lp_component kernel" --define "lp_target 4.19.19-8.0.40.xcpng8.3" \
	--define "lp_bases $CUTBASES" --define "lp_provides 0" --define "lp_set_target 1" --define "lp_check 1"
[ "$RC" -eq 0 ] && ok "cut names with %livepatch_target build" || { fail "cut names: exit $RC"; tail -20 "$LOG"; }
if provides "$(built kernel-livepatch-xcpng-7-1)" | grep -qF "livepatch(component/kernel/base/4.19.19-8.0.38.11.xcpng8.3/to/4.19.19-8.0.40.xcpng8.3/base-buildid/$K1)"; then
	ok "the cut base gets the full target from %livepatch_target"
else
	fail "no full Provides for the cut base"; provides "$(built kernel-livepatch-xcpng-7-1)"
fi
gen kernel-livepatch-xcpng 7 2 --define "lp_component kernel" --define "lp_target 4.19.19-8.0.40.xcpng8.3" \
	--define "lp_bases $CUTBASES" --define "lp_provides 0"
[ "$(provides "$(built kernel-livepatch-xcpng-7-2)" | wc -l)" -eq 1 ] && ok "without %livepatch_target the cut base gets no Provides" ||
	fail "cut base without a target: $(provides "$(built kernel-livepatch-xcpng-7-2)")"
grep -q "the payload name is cut at its length limit, so it cannot give the full target: set %livepatch_target" "$LOG" &&
	ok "rpmbuild shows why" || { fail "no line about the cut name"; tail -20 "$LOG"; }

# --- what the macros pass to the shell is quoted: a buildroot with a blank, a target with shell text
gen xen-livepatch 4 1 --define "lp_component xen" --define "lp_target 4.17.4-6.xs8" --define "lp_bases $BASES41" \
	--define "lp_provides 0" --define "lp_check 1" --define "_buildrootdir $T/build root"
[ "$RC" -eq 0 ] && [ -n "$(provides "$(built xen-livepatch-4-1)")" ] && ok "%livepatch_check with a blank in the buildroot" ||
	{ fail "a blank in the buildroot: exit $RC"; tail -20 "$LOG"; }
gen kernel-livepatch-xcpng 7 3 --define "lp_component kernel" --define "lp_target 4.19.19-8.0.40.xcpng8.3" \
	--define "lp_bases $CUTBASES" --define "lp_provides 0" \
	--define "livepatch_target 4.19.19-8.0.40.xcpng8.3; touch $T/injected"
[ ! -e "$T/injected" ] && ok "%livepatch_target never reaches the shell" || fail "the shell ran text from %livepatch_target"
grep -qF "lpcheck: provides: --target '4.19.19-8.0.40.xcpng8.3; touch $T/injected' is not a version-release" "$LOG" &&
	ok "%livepatch_target reaches lpcheck as one argument, named whole in one line" ||
	{ fail "%livepatch_target split into several arguments"; tail -20 "$LOG"; }

# --- %livepatch_check fails a broken build with the usual lines
for case in "symlink:symlink-mismatch" "stray:bad-path" "upperdir:bad-path" "mixed:mixed-targets"; do
	brk=${case%%:*} code=${case#*:}
	gen xen-livepatch-$brk 1 1 --define "lp_component xen" --define "lp_target 4.17.4-6.xs8" \
		--define "lp_bases $K1=4.17.4-3.xs8 $X44=4.17.4-4.xs8" --define "lp_provides 0" \
		--define "lp_check 1" --define "lp_break $brk"
	if [ "$RC" -ne 0 ] && grep -q "^lpcheck: xen: $code: xen-livepatch-$brk-1-1.x86_64: " "$LOG"; then
		ok "%livepatch_check fails the build: $brk ($code)"
	else
		fail "%livepatch_check on $brk: exit $RC"; tail -20 "$LOG"
	fi
done

# --- a live patch directory that is a symlink to /: one line naming it, the build host never walked
gen xen-livepatch-dirlink 1 1 --define "lp_component xen" --define "lp_target 4.17.4-6.xs8" \
	--define "lp_bases %{nil}" --define "lp_provides 0" --define "lp_check 1" --define "lp_break dirlink"
n=$(grep -c '^lpcheck: ' "$LOG" || true)
if [ "$RC" -ne 0 ] && [ "$n" -eq 1 ] &&
	grep -q "^lpcheck: xen: bad-path: xen-livepatch-dirlink-1-1.x86_64: /usr/lib/xen-livepatch: a symlink (to /) where a live patch directory belongs; never followed" "$LOG"; then
	ok "%livepatch_check: a symlinked live patch directory fails the build in one line"
else
	fail "%livepatch_check on a symlink to /: exit $RC, $n lpcheck lines"; grep '^lpcheck: ' "$LOG" | head -5
fi

# --- generated packages are judged by the plugin exactly like hand-written ones
gen xen-livepatch 3 3 --define "lp_component xen" --define "lp_target 4.17.3-3.xs8" \
	--define "lp_bases $X31=4.17.3-1.xs8 $X32=4.17.3-2.xs8" --define "lp_provides 0"
for kind in hand gen; do
	new_root
	if [ $kind = hand ]; then setup_install xen-livepatch-3-3; new=$(rpm_pkg xen-livepatch-4-1); else
		"$RPM" $FORCE_DEBIAN --root "$ROOT" --dbpath /var/lib/rpm --noplugins -U --nodeps "$(built xen-livepatch-3-3)"
		new=$T/gen-4-1.rpm
	fi
	MODE=warn HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
	lp_rpm -U "$new"
	lines >"$T/plugin-$kind"
done
if [ -s "$T/plugin-gen" ] && cmp -s "$T/plugin-hand" "$T/plugin-gen"; then
	ok "the plugin says the same of generated and hand-written packages: $(cat "$T/plugin-gen")"
else
	fail "the plugin differs: $(cat "$T/plugin-hand") / $(cat "$T/plugin-gen")"
fi

finish
