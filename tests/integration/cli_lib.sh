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

# check_transaction_input: check --transaction, the transaction a front end planned (yum's and dnf's
# plugins), with the CLI of this build tree and its rpm; DB names the root's database
check_transaction_input() {
	new_root
	setup_install xen-livepatch-3-3
	PROV41=$("$RPM" -qp --provides "$(rpm_pkg xen-livepatch-4-1)" | grep '^livepatch(' | sed 's/.*/"&"/' | paste -sd, -)
	tx() { printf '{"lpcheck": 1, "added": [%s], "removed": [{"name": "xen-livepatch", "epoch": null, "version": "3", "release": "3", "arch": "x86_64"}]}' "$1"; }
	tx "{\"name\": \"xen-livepatch\", \"epoch\": null, \"version\": \"4\", \"release\": \"1\", \"arch\": \"x86_64\", \"provides\": [$PROV41]}" >"$T/tx.json"
	lpc check --json $DB --xen-build-id "$X31" --kernel-build-id none --transaction "$T/tx.json"
	expect_rc 1 "check --transaction: the planned upgrade is eol"
	expect_json "check --transaction: judged by the Provides, the installed 3-3 taken out" \
		"d['components'][0]['verdict'] == 'eol'" "d['components'][0]['latest_target'] == '4.17.4-6.xs8'"
	lpc check $DB --xen-build-id "$X43" --kernel-build-id none --transaction - <"$T/tx.json"
	expect_rc 0 "check --transaction - (stdin): a supported build"
	# a package of unknown contents without Provides: unknown, never flagged
	tx '{"name": "xen-livepatch", "version": "4", "release": "3", "arch": "x86_64"}' >"$T/tx.json"
	lpc check --json $DB --xen-build-id "$X31" --kernel-build-id none --transaction "$T/tx.json"
	expect_rc 0 "check --transaction: unseen contents are not flagged"
	expect_json "check --transaction: unseen contents are unknown" "d['components'][0]['verdict'] == 'unknown'"
	# the same with its files: judged by them
	tx "{\"name\": \"xen-livepatch\", \"version\": \"4\", \"release\": \"3\", \"arch\": \"x86_64\", \"files\": [$("$RPM" -qlp "$(rpm_pkg xen-livepatch-4-1)" | sed 's/.*/"&"/' | paste -sd, -)]}" >"$T/tx.json"
	lpc check --json $DB --xen-build-id "$X31" --kernel-build-id none --transaction "$T/tx.json"
	expect_json "check --transaction: judged by the files sent" "d['components'][0]['verdict'] == 'eol'"
	# hostile documents: one line naming the input and the cause
	printf '{"lpcheck": 1, "added": [{"name": "x", "version": "1", "release": "1", "epoch": "a"}]}' >"$T/tx.json"
	lpc check $DB --transaction "$T/tx.json"
	expect_rc 2 "check --transaction: a bad epoch"
	expect_err_line "lpcheck: --transaction '$T/tx.json': added[0]: epoch is not null, a number or digits" "check --transaction: the bad entry named"
	printf '{"lpcheck": 1} trailing' >"$T/tx.json"
	lpc check $DB --transaction "$T/tx.json"
	expect_err_line "lpcheck: --transaction '$T/tx.json': text after the JSON document" "check --transaction: trailing text refused"
	lpc check $DB --transaction "$T/tx.json" "$(rpm_pkg xen-livepatch-4-1)"
	expect_err_line "lpcheck: check: --transaction describes the whole update: no --repo or PKG.rpm beside it" "check --transaction: alone"
}
