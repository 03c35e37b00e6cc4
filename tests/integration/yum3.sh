#!/bin/sh
# A real yum 3.4.3 (XenServer 8's, from ../shared/yum3) on el7's rpm, in an
# installroot, from a createrepo_c repository: the yum plugin shows the
# verdict after depsolving, before "Transaction Summary" and the prompt (also
# with --assumeno and --downloadonly), and in enforce mode stops yum with the
# reason before anything is downloaded; the rpm plugin alone still tells why
# it blocked.
. "$abs_top_srcdir/tests/integration/lib.sh"

YUM=${LPCHECK_YUM:-}
if [ -z "$YUM" ] || [ ! -x "$YUM" ]; then
	fail "no yum 3: configure --with-yum=PATH (./build.sh check builds ../shared/yum3 into /opt/lpcheck-yum3)"
	finish
fi
EOL="lpcheck: xen: eol: running build $X31 is no longer supported by xen-livepatch-4-1.x86_64 (target 4.17.4-6.xs8, supports 5 other builds); reboot required"
BLOCKED="lpcheck: all: blocked: 1 problem; the transaction was stopped before any change (set %__transaction_lpcheck_mode warn to let it through); 'lpcheck status' shows this again"

mkdir -p "$T/repo" "$T/repos.d" "$T/yum-plugins" "$T/yum-pluginconf" "$T/download"
cp "$(rpm_pkg xen-livepatch-4-1)" "$T/repo/"
createrepo_c -q "$T/repo"
cat >"$T/repos.d/test.repo" <<REPO
[base]
name=test base
baseurl=file://$T/repo
gpgcheck=0
metadata_expire=0
REPO
cat >"$T/yum.conf" <<CONF
[main]
cachedir=/var/cache/yum/\$basearch/\$releasever
keepcache=0
debuglevel=2
logfile=/var/log/yum.log
exactarch=1
gpgcheck=0
plugins=1
reposdir=$T/repos.d
pluginpath=$T/yum-plugins
pluginconfpath=$T/yum-pluginconf
CONF
cp "${LPCHECK_YUM_PLUGIN:?}" "$T/yum-plugins/lpcheck.py"
cp "$abs_top_srcdir/plugin/python/lpcheck.conf" "$T/yum-pluginconf/"
# the root as rpm sees it: the live patch files and the database's headers (yum keeps its own state there too)
root_state() {
	(cd "$ROOT" && find ./usr -printf '%p %y %m %s %l\n' 2>/dev/null | sort)
	"$RPM" --root "$ROOT" --dbpath /var/lib/rpm -qa --qf '%{NEVRA} %{SHA1HEADER} %{INSTALLTIME}\n' | sort
}

# yum_run MODE XEN_ID YUM-ARGS...: yum with the rpm plugin and, unless NO_YUM_PLUGIN, the yum plugin; SEEN: the terminal
yum_run() {
	mode=$1 xen=$2
	shift 2
	home_macros "$mode" "$xen" "$T/report.json"
	printf '%%__lpcheck %s\n%s\n' "$abs_top_builddir/lpcheck" "${MACRO_EXTRA:-}" >>"$T/home/.rpmmacros"
	SEEN=$T/seen
	set +e
	HOME=$T/home "$YUM" -c "$T/yum.conf" --installroot="$ROOT" --releasever=7 ${NO_YUM_PLUGIN:+--disableplugin=lpcheck} \
		"$@" >"$SEEN" 2>&1 </dev/null
	RC=$?
	set -e
}
line_of() { grep -nF -- "$1" "$SEEN" | head -1 | cut -d: -f1; }
seen_count() { grep -cF -- "$1" "$SEEN" || true; }

# --- warn: the verdict before the summary and the prompt, once; the update goes through
new_root
setup_install xen-livepatch-3-3
yum_run warn "$X31" -y update
[ "$RC" -eq 0 ] && ok "yum -y update, warn: upgraded" || { fail "yum warn: exit $RC"; cat "$SEEN"; }
first=$(line_of "$EOL") summary=$(line_of "Transaction Summary")
[ -n "$first" ] && [ -n "$summary" ] && [ "$first" -lt "$summary" ] && ok "yum: the verdict comes before 'Transaction Summary'" ||
	{ fail "yum: verdict at line ${first:-none}, summary at ${summary:-none}"; cat "$SEEN"; }
[ "$(seen_count "lpcheck: xen: eol")" -eq 1 ] && ok "yum: the eol line once (the rpm plugin logs it at debug level)" ||
	{ fail "yum: the eol line $(seen_count "lpcheck: xen: eol") times"; cat "$SEEN"; }
expect_installed "xen-livepatch-4-1.x86_64" "yum warn"

# --- enforce: yum stops with the reason, before the download; nothing changed
new_root
setup_install xen-livepatch-3-3
before=$(root_state)
yum_run enforce "$X31" -y update
[ "$RC" -eq 1 ] && [ "$(seen_count "$BLOCKED")" -eq 1 ] && ok "yum, enforce: exit 1 and the reason" ||
	{ fail "yum enforce: exit $RC"; cat "$SEEN"; }
[ "$(line_of "$EOL")" -lt "$(line_of "$BLOCKED")" ] && ok "yum, enforce: the verdict, then the reason" || { fail "yum enforce order"; cat "$SEEN"; }
grep -q "^Downloading packages:\|^Running transaction$" "$SEEN" && { fail "yum enforce: yum went on"; cat "$SEEN"; } ||
	ok "yum, enforce: stopped before the download and the transaction"
[ "$(root_state)" = "$before" ] && ok "yum, enforce: root and database unchanged" || fail "yum enforce changed the root"
OUT=$T/out ERR=$T/err
"$abs_top_builddir/lpcheck" status --root "$ROOT" --dbpath /var/lib/rpm --xen-build-id "$X31" --kernel-build-id none \
	--report "$T/report.json" >"$OUT" 2>"$ERR" || true
grep -q "^  blocked at .* (enforce, real run): xen eol: running build $X31" "$OUT" &&
	ok "yum, enforce: lpcheck status says why ('blocked at')" || { fail "status after the yum block"; show; }

# --- --assumeno (how xapi plans a pool member's updates) and --downloadonly speak too
yum_run warn "$X31" --assumeno update
[ "$(seen_count "$EOL")" -eq 1 ] && ok "yum --assumeno: the verdict" || { fail "yum --assumeno"; cat "$SEEN"; }
yum_run warn "$X31" -y update --downloadonly --downloaddir="$T/download"
[ "$(seen_count "$EOL")" -eq 1 ] && ok "yum update --downloadonly: the verdict" || { fail "yum --downloadonly"; cat "$SEEN"; }
expect_installed "xen-livepatch-3-3.x86_64" "yum --assumeno and --downloadonly change nothing"

# --- a covered build passes enforce quietly; the off switch turns the yum plugin off too
yum_run enforce "$X43" -y update
[ "$RC" -eq 0 ] && [ "$(seen_count lpcheck:)" -eq 0 ] && ok "yum: a covered build passes enforce, quietly" ||
	{ fail "yum covered build: exit $RC"; cat "$SEEN"; }
new_root
setup_install xen-livepatch-3-3
MACRO_EXTRA='%__transaction_lpcheck %{nil}'
yum_run enforce "$X31" -y update
MACRO_EXTRA=
[ "$RC" -eq 0 ] && [ "$(seen_count lpcheck:)" -eq 0 ] && ok "yum: %__transaction_lpcheck %{nil} turns every front end off" ||
	{ fail "yum off switch: exit $RC"; cat "$SEEN"; }

# --- the rpm plugin alone (no yum plugin): yum keeps rpm's log for its package callbacks, which a
#     blocked transaction never reaches; the blocked summary still reaches the terminal, once
new_root
setup_install xen-livepatch-3-3
before=$(root_state)
NO_YUM_PLUGIN=1
yum_run enforce "$X31" -y update
NO_YUM_PLUGIN=
[ "$RC" -ne 0 ] && [ "$(seen_count "error: lpcheck: all: blocked: 1 problem; ")" -eq 1 ] &&
	ok "yum, rpm plugin alone, enforce: the user reads why, once" || { fail "rpm plugin alone under yum: exit $RC"; cat "$SEEN"; }
[ "$(root_state)" = "$before" ] && ok "yum, rpm plugin alone, enforce: nothing changed" || fail "the blocked yum run changed the root"

# --- lpcheck check on this host: the repositories yum configured, from yum's sqlite cache (never the network)
new_root
setup_install xen-livepatch-3-3
mkdir -p "$ROOT/etc/yum.repos.d"
printf '[main]\ncachedir=/var/cache/yum/$basearch/$releasever\ngpgcheck=0\nplugins=0\nreposdir=/etc/yum.repos.d\n' >"$ROOT/etc/yum.conf"
cp "$T/repos.d/test.repo" "$ROOT/etc/yum.repos.d/"
OUT=$T/out ERR=$T/err
check() { "$abs_top_builddir/lpcheck" check --root "$ROOT" --dbpath /var/lib/rpm --xen-build-id "$X31" --kernel-build-id none \
	--releasever 7 "$@" >"$OUT" 2>"$ERR"; RC=$?; }
set +e
check
set -e
[ "$RC" -eq 2 ] && grep -qxF "lpcheck: check: repository 'base' (/etc/yum.repos.d/test.repo) has no cached metadata: run 'yum makecache' first (lpcheck never uses the network)" "$ERR" &&
	ok "check before yum makecache: one line naming the repository and the command" || { fail "check without a yum cache: exit $RC"; show; }
HOME=$T "$YUM" -c "$ROOT/etc/yum.conf" --installroot="$ROOT" --releasever=7 makecache >"$T/makecache.log" 2>&1 ||
	{ fail "yum makecache"; cat "$T/makecache.log"; }
set +e
check --format json
set -e
[ "$RC" -eq 1 ] && "${PYTHON3:-python3}" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (d["components"][0]["verdict"] == "eol" and [r["id"] for r in d["repositories"]] == ["base"]))' "$OUT" &&
	ok "check reads yum's sqlite cache: the eol upgrade flagged" || { fail "check of yum's cache: exit $RC"; show; }
# a hostile database: one line naming it
db=$(ls "$ROOT"/var/cache/yum/*/7/base/gen/primary*.sqlite | head -1)
printf 'not a database at all' >"$db"
set +e
check
set -e
[ "$RC" -eq 2 ] && grep -q "^lpcheck: check: repository 'base': $db: " "$ERR" && [ "$(wc -l <"$ERR")" -eq 1 ] &&
	ok "a garbage sqlite database: one line naming it" || { fail "garbage sqlite: exit $RC"; show; }

finish
