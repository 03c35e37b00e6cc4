#!/bin/sh
# The fleet: each host's verdict where operators watch many hosts. Prometheus
# exposition written atomically for node_exporter's textfile collector and
# scraped by Debian's real node_exporter on 127.0.0.1, promtool's lint and
# rule tests, the monitoring-plugins line and exit codes, the systemd units
# (systemd-analyze verify), and the xapi host plugin called as xapi calls it.
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

for tool in "${PROMTOOL:-}" "${NODE_EXPORTER:-}" "${SYSTEMD_ANALYZE:-}"; do
	[ -n "$tool" ] && [ -x "$tool" ] || { fail "configure found no promtool, node_exporter or systemd-analyze"; finish; }
done
STATE=$T/state
REPORT=$STATE/last-transaction.json
TF=$T/textfile
HOSTARGS="--root $ROOT --dbpath /var/lib/rpm --kernel-build-id none --report $REPORT"
metric() { grep -xF -- "$1" "$2" >/dev/null; }

# --- a host the plugin left end-of-life: the textfile says so
new_root
setup_install xen-livepatch-3-3
MODE=warn HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
lp_rpm -U "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 0 "warn-mode eol upgrade"
mkdir -p "$TF"
lpc status $HOSTARGS --xen-build-id "$X31" --format prometheus --output "$TF/lpcheck.prom"
expect_rc 1 "status --format prometheus --output: flagged"
[ ! -s "$OUT" ] && ok "--output: nothing on stdout" || { fail "--output printed"; show; }
[ "$(stat -c %a "$TF/lpcheck.prom")" = 644 ] && ok "the textfile is 0644" || fail "textfile mode $(stat -c %a "$TF/lpcheck.prom")"
[ -z "$(find "$TF" -name '.lpcheck-*')" ] && ok "no temporary file left" || fail "a temporary file is left"
"$PROMTOOL" check metrics <"$TF/lpcheck.prom" >"$T/lint" 2>&1 && [ ! -s "$T/lint" ] &&
	ok "promtool check metrics: clean" || { fail "promtool check metrics"; cat "$T/lint"; }
metric 'lpcheck_reboot_required{component="xen"} 1' "$TF/lpcheck.prom" &&
	metric 'lpcheck_reboot_required{component="kernel"} 0' "$TF/lpcheck.prom" &&
	metric 'lpcheck_verdict{component="xen",verdict="eol"} 1' "$TF/lpcheck.prom" &&
	metric 'lpcheck_flagged{component="xen"} 1' "$TF/lpcheck.prom" &&
	metric 'lpcheck_supported_builds{component="xen"} 5' "$TF/lpcheck.prom" &&
	metric 'lpcheck_last_transaction_blocked 0' "$TF/lpcheck.prom" &&
	metric "lpcheck_build_info{version=\"$("$LPCHECK" --version | sed 's/^lpcheck //')\"} 1" "$TF/lpcheck.prom" &&
	grep -q '^lpcheck_last_transaction_timestamp_seconds [0-9]\{10\}$' "$TF/lpcheck.prom" &&
	ok "the metrics: reboot required for xen, its verdict, builds, last transaction, version" ||
	{ fail "metrics"; cat "$TF/lpcheck.prom"; }
grep -q '^node_reboot_required' "$TF/lpcheck.prom" && fail "emits node_reboot_required" || ok "no node_reboot_required"
grep -q '^[a-z_]*{[^}]*} [0-9.e+-]* [0-9]' "$TF/lpcheck.prom" && fail "a sample has a timestamp" || ok "no timestamps"

# --- Debian's real node_exporter scrapes the textfile
PORT=$("${PYTHON3:-python3}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$NODE_EXPORTER" --web.listen-address="127.0.0.1:$PORT" --collector.disable-defaults --collector.textfile \
	--collector.textfile.directory="$TF" >"$T/node_exporter.log" 2>&1 &
NE_PID=$!
trap 'kill $NE_PID 2>/dev/null || true; rm -rf "$T"' EXIT
"${PYTHON3:-python3}" - "$PORT" "$T/scraped" <<'PY' && ok "node_exporter served /metrics" || { fail "node_exporter"; cat "$T/node_exporter.log"; }
import sys, time, urllib.request
port, out = sys.argv[1:]
for _ in range(100):  # at most 10 s
    try:
        body = urllib.request.urlopen("http://127.0.0.1:%s/metrics" % port, timeout=2).read()
        open(out, "wb").write(body)
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
kill "$NE_PID" 2>/dev/null || true
wait "$NE_PID" 2>/dev/null || true
trap 'rm -rf "$T"' EXIT
metric 'lpcheck_reboot_required{component="xen"} 1' "$T/scraped" && metric 'node_textfile_scrape_error 0' "$T/scraped" &&
	grep -q "^node_textfile_mtime_seconds{file=\"$TF/lpcheck.prom\"}" "$T/scraped" &&
	ok "node_exporter: lpcheck's metrics, no scrape error, the textfile's mtime" ||
	{ fail "the scrape"; grep -E 'lpcheck|textfile' "$T/scraped"; }

# --- the alert rules: promtool check rules and promtool test rules
RULES=$abs_top_srcdir/tools/prometheus
"$PROMTOOL" check rules "$RULES/lpcheck-rules.yml" >"$T/rules" 2>&1 && ok "promtool check rules" || { fail "promtool check rules"; cat "$T/rules"; }
(cd "$RULES" && "$PROMTOOL" test rules lpcheck-rules.test.yml) >"$T/rules" 2>&1 && ok "promtool test rules: eol, blocked, stale" ||
	{ fail "promtool test rules"; cat "$T/rules"; }

# --- monitoring-plugins: one line, the exit code the state
lpc status $HOSTARGS --xen-build-id "$X31" --format nagios
expect_rc 2 "nagios: a reboot needed is CRITICAL"
grep -qx "LPCHECK CRITICAL - xen eol (reboot required), kernel not-applicable | 'xen_reboot_required'=1;;1;0;1 'kernel_reboot_required'=0;;1;0;1 'xen_supported_builds'=5;;;0; 'kernel_supported_builds'=0;;;0; 'problems'=0;1;;0;" "$OUT" &&
	[ "$(wc -l <"$OUT")" -eq 1 ] && ok "nagios: one line with perfdata" || { fail "nagios CRITICAL line"; show; }
lpc status $HOSTARGS --xen-build-id "$X43" --format nagios
expect_rc 0 "nagios: a healthy host is OK"
grep -q "^LPCHECK OK - xen livepatchable, kernel not-applicable | " "$OUT" && ok "nagios: OK line" || { fail "nagios OK line"; show; }
new_root
lpc check --root "$ROOT" --dbpath /var/lib/rpm --kernel-build-id none --xen-build-id "$X31" --format nagios "$(rpm_pkg xen-livepatch-4-1)"
expect_rc 1 "nagios: a no-match is WARNING"
grep -q "^LPCHECK WARNING - xen no-match, kernel not-applicable | " "$OUT" && ok "nagios: WARNING line" || { fail "nagios WARNING line"; show; }
lpc status --root "$ROOT" --dbpath /nowhere --format nagios
expect_rc 3 "nagios: an unreadable database is UNKNOWN"
grep -qx "LPCHECK UNKNOWN - rpm database '$ROOT/nowhere': no such directory" "$OUT" && ok "nagios: UNKNOWN names the cause" ||
	{ fail "nagios UNKNOWN line"; show; }
printf 'garbage' >"$T/garbage.json"
lpc status --root "$ROOT" --dbpath /var/lib/rpm --kernel-build-id none --xen-build-id "$X31" --report "$T/garbage.json" --format nagios
expect_rc 3 "nagios: an unreadable report is UNKNOWN"
lpc status --format bogus
expect_rc 2 "--format: an unknown one is a usage error"
expect_err_line "lpcheck: status: --format 'bogus': expected text, json, prometheus or nagios" "--format: one line"

# --- --json stays, as --format json
new_root
lpc status --root "$ROOT" --dbpath /var/lib/rpm --kernel-build-id none --xen-build-id "$X31" --json
cp "$OUT" "$T/json1"
lpc status --root "$ROOT" --dbpath /var/lib/rpm --kernel-build-id none --xen-build-id "$X31" --format json
cmp -s "$OUT" "$T/json1" && ok "--json is --format json" || fail "--json differs from --format json"

# --- the systemd units: systemd-analyze verify, the textfile directory configurable, shipped disabled
UNITS=$T/units
mkdir -p "$UNITS" "$T/man/man8"
sed "s|^ExecStart=[^ ]*lpcheck |ExecStart=$LPCHECK |" "$abs_top_builddir/tools/systemd/lpcheck-status.service" >"$UNITS/lpcheck-status.service"
cp "$abs_top_srcdir/tools/systemd/lpcheck-status.timer" "$abs_top_srcdir/tools/systemd/lpcheck-status.path" "$UNITS/"
cp "$abs_top_srcdir/man/"*.8 "$T/man/man8/"
(cd "$UNITS" && MANPATH=$T/man "$SYSTEMD_ANALYZE" verify ./lpcheck-status.service ./lpcheck-status.timer ./lpcheck-status.path) \
	>"$T/verify" 2>&1 && [ ! -s "$T/verify" ] && ok "systemd-analyze verify: clean" || { fail "systemd-analyze verify"; cat "$T/verify"; }
grep -qx 'ExecStart=.* status --format prometheus --output ${LPCHECK_TEXTFILE_DIR}/lpcheck.prom' "$UNITS/lpcheck-status.service" &&
	grep -qx 'EnvironmentFile=-.*/default/lpcheck' "$UNITS/lpcheck-status.service" &&
	ok "the service writes the textfile where LPCHECK_TEXTFILE_DIR says" || fail "the service's ExecStart"
grep -qx 'PathChanged=/run/lpcheck/last-transaction.json' "$UNITS/lpcheck-status.path" && ok "the path unit watches the report" ||
	fail "the path unit"
[ "$(grep -c '^disable ' "$abs_top_srcdir/tools/systemd/90-lpcheck.preset")" -eq 2 ] && ok "the preset ships both disabled" ||
	fail "the preset"

# --- the xapi host plugin, run exactly as xapi runs it: one argument, the XML-RPC call
new_root
setup_install xen-livepatch-4-1
XAPI=$T/xapi-lpcheck
HOSTCLI=$T/host-lpcheck # this test's host: the CLI pinned to the root
printf '#!/bin/sh\nexec "%s" "$@" --root "%s" --dbpath /var/lib/rpm --xen-build-id %s --kernel-build-id none --report none\n' \
	"$LPCHECK" "$ROOT" "$X31" >"$HOSTCLI"
chmod 755 "$HOSTCLI"
sed "s|^LPCHECK = .*|LPCHECK = \"$HOSTCLI\"|" "$abs_top_builddir/plugin/xapi/lpcheck" >"$XAPI"
chmod 755 "$XAPI"
xapi_call() { # xapi_call FN [ARGS-DICT]: the plugin's XML-RPC response, decoded to "<Status> <value or description>"
	args=${2:-}
	[ -n "$args" ] || args='{}'
	"${PYTHON3:-python3}" - "$XAPI" "$1" "$args" <<'PY'
import ast, subprocess, sys, xmlrpc.client
plugin, fn, args = sys.argv[1], sys.argv[2], ast.literal_eval(sys.argv[3])
call = xmlrpc.client.dumps(("OpaqueRef:session", args), fn)
out = subprocess.run([plugin, call], stdout=subprocess.PIPE, check=True, timeout=60).stdout.decode()
(resp,), _ = xmlrpc.client.loads(out)
print(resp["Status"], resp.get("Value", resp.get("ErrorDescription")))
PY
}
xapi_call status >"$T/xapi" 2>&1
"${PYTHON3:-python3}" - "$T/xapi" <<'PY' && ok "xapi fn=status: Success, the status JSON document" || { fail "xapi status"; cat "$T/xapi"; }
import json, sys
status, value = open(sys.argv[1]).read().split(" ", 1)
d = json.loads(value)
sys.exit(0 if status == "Success" and d["components"][0]["verdict"] == "no-match" and "pending_reboots" in d else 1)
PY
xapi_call check >"$T/xapi" 2>&1
grep -q "^Failure \['LPCHECK_FAILED', 'check', '2', " "$T/xapi" && ok "xapi fn=check without packages: a Failure naming the error" ||
	{ fail "xapi check"; cat "$T/xapi"; }
xapi_call reboot >"$T/xapi" 2>&1
grep -qx "Failure \['UNKNOWN_XENAPI_PLUGIN_FUNCTION', 'reboot'\]" "$T/xapi" && ok "xapi: an unknown function" || { fail "xapi unknown fn"; cat "$T/xapi"; }
xapi_call status "{'root': '/', '--xen-livepatch-cmd': '/bin/sh', 'x': '\$(touch $T/pwned)'}" >"$T/xapi" 2>&1
[ ! -e "$T/pwned" ] && grep -q '^Success ' "$T/xapi" && ok "xapi: the call's arguments never become options or commands" ||
	{ fail "xapi arguments"; cat "$T/xapi"; }

finish
