#!/bin/sh
# Rules of the source that a reviewer would otherwise check by hand: no shell
# anywhere (helpers run with execv and a fixed argv), no signal-based timers
# inside rpm's process, a plugin that links librpm, librpmio and libc only,
# and every rule the code cites is a section that exists in doc/.
. "$abs_top_srcdir/tests/integration/lib.sh"

cd "$abs_top_srcdir"
if grep -nE '\b(system|popen|execlp|execvp|execl)\(|"/bin/sh"' lib/*.c ext/*.c plugin/*.c tools/*.c; then
	fail "a shell or a PATH lookup in the product's code"
else
	ok "no shell, no PATH lookup: execv with a fixed argv only"
fi
if grep -nE '\b(alarm|setitimer|signal\s*\(\s*SIGALRM)' lib/*.c ext/rpm*.c plugin/*.c; then
	fail "signal-based timers in code that runs inside rpm"
else
	ok "no SIGALRM or interval timers inside rpm's process"
fi
needed=$(readelf -d "$LPCHECK_PLUGIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sed 's/\.so.*//' | sort | tr '\n' ' ')
case "$needed" in
"libc librpm librpmio ") ok "the plugin needs only libc, librpm and librpmio" ;;
*) fail "the plugin needs: $needed" ;;
esac
exported=$(nm -D --defined-only "$LPCHECK_PLUGIN" | awk '{print $3}' | tr '\n' ' ')
[ "$exported" = "lpcheck_hooks " ] && ok "the plugin exports only lpcheck_hooks" || fail "the plugin exports: $exported"

# citations: "doc/rules.md §5" (or "doc/rules.md §5, §6") must name a "## §5" heading of that file
SOURCES="lib ext plugin tools fuzz bench tests/unit tests/integration man README.md"
bad=$(grep -rnE '§[0-9]' $SOURCES | grep -vE 'doc/(rules|contract)\.md' || true)
[ -z "$bad" ] && ok "every § citation names its document" || fail "a § citation without doc/rules.md or doc/contract.md: $bad"
cited=0
for hit in $(grep -rhoE 'doc/(rules|contract)\.md( §[0-9]+)?(, §[0-9]+)*' $SOURCES | tr ' ' '_' | sort -u); do
	doc=$(printf '%s' "$hit" | sed 's/_.*//')
	[ -f "$doc" ] || { fail "cited document $doc does not exist"; continue; }
	for sec in $(printf '%s' "$hit" | grep -oE '§[0-9]+'); do
		cited=$((cited + 1))
		grep -q "^## $sec " "$doc" || fail "$doc has no section $sec"
	done
done
[ "$cited" -gt 5 ] && ok "$cited cited sections exist in doc/" || fail "only $cited section citations found"
if grep -rnE 'interface\.md|livepatch-rules' lib ext plugin tools fuzz bench man README.md; then
	fail "a document outside the repository is cited"
else
	ok "no document outside the repository is cited"
fi

finish
