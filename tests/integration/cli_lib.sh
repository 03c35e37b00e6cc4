# Helpers of the CLI tests (sourced after lib.sh).
LPCHECK=$abs_top_builddir/lpcheck

# lpc ARGS...: runs lpcheck; sets RC, OUT and ERR files.
lpc() {
	OUT=$T/out ERR=$T/err
	set +e
	"$LPCHECK" "$@" >"$OUT" 2>"$ERR"
	RC=$?
	set -e
}

# expect_json WHAT PYTHON-EXPR...: each expression, over d = the parsed stdout, must be true
expect_json() {
	what=$1
	shift
	if "${PYTHON3:-python3}" - "$OUT" "$@" <<'PY'; then ok "$what"; else fail "$what"; show; fi
import json, sys
d = json.load(open(sys.argv[1]))
for expr in sys.argv[2:]:
    if not eval(expr, {"d": d}):
        print("false:", expr)
        sys.exit(1)
PY
}

expect_err_line() {
	if grep -qxF -- "$1" "$ERR"; then ok "$2"; else fail "$2: no stderr line '$1'"; show; fi
}

make_repo() { # make_repo DIR PKG...
	dir=$1
	shift
	mkdir -p "$dir"
	for p in "$@"; do cp "$p" "$dir/"; done
	createrepo_c -q "$dir"
}
