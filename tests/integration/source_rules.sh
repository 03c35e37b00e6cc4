#!/bin/sh
# Rules of the source that a reviewer would otherwise check by hand: no shell
# anywhere (helpers run with execv and a fixed argv), no signal-based timers
# inside rpm's process, and a plugin that links librpm, librpmio and libc only.
. "$abs_top_srcdir/tests/integration/lib.sh"

cd "$abs_top_srcdir"
if grep -nE '\b(system|popen|execlp|execvp|execl)\(|"/bin/sh"' lib/*.c plugin/*.c tools/*.c; then
	fail "a shell or a PATH lookup in the product's code"
else
	ok "no shell, no PATH lookup: execv with a fixed argv only"
fi
if grep -nE '\b(alarm|setitimer|signal\s*\(\s*SIGALRM)' lib/*.c plugin/*.c; then
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

finish
