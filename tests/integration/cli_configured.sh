#!/bin/sh
# check with no --repo and no files: the repositories the host's package
# manager configured, read from the caches a real 'dnf makecache' and
# 'dnf5 makecache' wrote into installroots, XenServer's pool mirror; never
# the network: an enabled repository without a cache is one line and no
# answer, a stale one a note; hostile .repo files are one line.
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

DB="--root $ROOT --dbpath /var/lib/rpm"
# lpcheck's own solv cache goes here, not to /var/cache/lpcheck
XDG_CACHE_HOME=$T/cache
export XDG_CACHE_HOME
cache_files() { find "$T/cache/lpcheck" -name '*.solv' 2>/dev/null | wc -l; }
HOSTARGS="$DB --xen-build-id $X31 --kernel-build-id none"
make_repo "$T/repo" "$(rpm_pkg xen-livepatch-4-1)"
# a root configured like an EL host: dnf.conf and one .repo file
configure_root() { # configure_root REPO-LINES...
	mkdir -p "$ROOT/etc/dnf" "$ROOT/etc/yum.repos.d"
	printf '[main]\ngpgcheck=0\n' >"$ROOT/etc/dnf/dnf.conf"
	printf '%s\n' "$@" >"$ROOT/etc/yum.repos.d/test.repo"
}
dnf4() { HOME=$T dnf -q -c "$ROOT/etc/dnf/dnf.conf" --installroot="$ROOT" --releasever=1 \
	--setopt=reposdir="$ROOT/etc/yum.repos.d" "$@" >"$T/dnf.log" 2>&1; }

# --- dnf 4's cache, as a real 'dnf makecache' wrote it
new_root
setup_install xen-livepatch-3-3
configure_root '[lp]' 'name=lp' "baseurl=file://$T/repo" 'gpgcheck=0'
dnf4 makecache && ok "dnf makecache" || { fail "dnf makecache"; cat "$T/dnf.log"; }
lpc check $HOSTARGS --releasever 1
expect_rc 1 "check, dnf 4's cache: the eol upgrade is flagged"
grep -q "^update: xen-livepatch-4-1.x86_64$" "$OUT" && grep -q "^repository: lp, metadata 0:0[0-9]:[0-9][0-9] old$" "$OUT" &&
	ok "check names the repository read and its metadata's age" || { fail "check text"; show; }
lpc check --json $HOSTARGS --releasever 1
expect_json "check --json lists the repositories" "d['components'][0]['verdict'] == 'eol'" \
	"[r['id'] for r in d['repositories']] == ['lp'] and d['repositories'][0]['metadata_age_seconds'] >= 0"
[ "$(cache_files)" -eq 1 ] && ok "check keeps one solv file of the repository in its cache" || fail "$(cache_files) solv files"
lpc check --json $HOSTARGS --releasever 1
expect_json "a warm check (from lpcheck's solv cache): the same verdict" "d['components'][0]['verdict'] == 'eol'"
printf 'damaged' >"$(find "$T/cache/lpcheck" -name '*.solv')"
lpc check --json $HOSTARGS --releasever 1
expect_json "a damaged cache file: read from the XML again" "d['components'][0]['verdict'] == 'eol'"
[ "$(cat "$(find "$T/cache/lpcheck" -name '*.solv')")" != damaged ] && ok "the damaged cache file is replaced" ||
	fail "the damaged cache file stayed"
rm -rf "$T/cache"
lpc check $HOSTARGS --releasever 1 --no-cache
expect_rc 1 "check --no-cache"
[ "$(cache_files)" -eq 0 ] && ok "--no-cache writes no cache" || fail "--no-cache wrote a cache"
lpc check $HOSTARGS --releasever 1 --disablerepo 'l*'
expect_rc 0 "check --disablerepo GLOB: nothing offered"
lpc check $HOSTARGS --releasever 1 --disablerepo '*' --enablerepo lp
expect_rc 1 "check --disablerepo '*' --enablerepo lp: the repository again"

# the repository changes, dnf makecache again: check reads the new metadata, never its cache of the old
lpc check $HOSTARGS --releasever 1
old_cache=$(find "$T/cache/lpcheck" -name '*.solv')
make_repo "$T/repo" "$(rpm_pkg xen-livepatch-5-1)"
dnf4 makecache --refresh || { fail "dnf makecache --refresh"; cat "$T/dnf.log"; }
lpc check --json $HOSTARGS --releasever 1 # with the first metadata's solv file in the cache
expect_json "check after the repository changed: the newest, 5-1, never the cache of the old" \
	"d['components'][0]['latest_target'] is None and d['components'][0]['verdict'] == 'eol'"
[ -n "$old_cache" ] && [ ! -e "$old_cache" ] && [ "$(cache_files)" -eq 1 ] && ok "the old metadata's cache file is replaced" ||
	fail "cache files after the change: $(find "$T/cache/lpcheck" -name '*.solv')"

# stale metadata: judged, with one note giving its age
printf 'metadata_expire=1h\n' >>"$ROOT/etc/yum.repos.d/test.repo"
touch -d '3 hours ago' "$(find "$ROOT/var/cache/dnf" -name repomd.xml | head -1)"
lpc check $HOSTARGS --releasever 1
expect_rc 1 "check of stale metadata: still judged"
expect_err_line "lpcheck: note: repository 'lp': its metadata is 3 h old, older than its metadata_expire (60 min); 'dnf makecache' fetches the newest" \
	"stale metadata: one note with its age"

# an enabled repository never cached: one line naming it and the command, no answer
printf '[never]\nname=never\nbaseurl=file://%s/nowhere\n' "$T" >>"$ROOT/etc/yum.repos.d/test.repo"
lpc check $HOSTARGS --releasever 1
expect_rc 2 "check with a repository never cached: exit 2"
expect_err_line "lpcheck: check: repository 'never' (/etc/yum.repos.d/test.repo) has no cached metadata: run 'dnf makecache' first (lpcheck never uses the network)" \
	"the uncached repository named, with the command"
lpc check $HOSTARGS --releasever 1 --format nagios
expect_rc 3 "nagios check with a repository never cached: UNKNOWN"
grep -q "^LPCHECK UNKNOWN - check: repository 'never' .* has no cached metadata" "$OUT" &&
	ok "nagios: UNKNOWN names the uncached repository" || { fail "nagios UNKNOWN for an uncached repository"; show; }
lpc check $HOSTARGS --releasever 1 --disablerepo never
expect_rc 1 "check --disablerepo never: the cached one judged"
printf '[off]\nname=off\nbaseurl=file:///nowhere\nenabled=0\n' >>"$ROOT/etc/yum.repos.d/test.repo"
lpc check $HOSTARGS --releasever 1 --disablerepo never
expect_rc 1 "a disabled repository without a cache is no error"

# hostile configuration: one line naming the file and the line
printf '[bad\nbaseurl=x\n' >"$ROOT/etc/yum.repos.d/zz-hostile.repo"
lpc check $HOSTARGS --releasever 1
expect_rc 2 "a hostile .repo file: exit 2"
expect_err_line "lpcheck: check: /etc/yum.repos.d/zz-hostile.repo: line 1: '[' without ']'" "the hostile file and line named"
printf 'baseurl=x\n\001\002 garbage\n' >"$ROOT/etc/yum.repos.d/zz-hostile.repo"
lpc check $HOSTARGS --releasever 1
expect_err_line "lpcheck: check: /etc/yum.repos.d/zz-hostile.repo: line 2: not 'key=value'" "control bytes: the line named, escaped"
rm -f "$ROOT/etc/yum.repos.d/zz-hostile.repo"

# --- dnf5's cache, as a real 'dnf5 makecache' wrote it (no file lists: dnf5 loads none by default)
if [ -n "${LPCHECK_DNF5:-}" ] && [ -x "$LPCHECK_DNF5" ]; then
	make_repo "$T/repo5" "$(rpm_pkg xen-livepatch-4-1)"
	new_root
	setup_install xen-livepatch-3-3
	configure_root '[lp5]' 'name=lp5' "baseurl=file://$T/repo5" 'gpgcheck=0'
	HOME=$T "$LPCHECK_DNF5" --installroot="$ROOT" --releasever=1 makecache >"$T/dnf5.log" 2>&1 &&
		ok "dnf5 makecache" || { fail "dnf5 makecache"; cat "$T/dnf5.log"; }
	lpc check --json $HOSTARGS --releasever 1
	expect_rc 1 "check, dnf5's cache: the eol upgrade flagged by its Provides"
	expect_json "check, dnf5's cache" "d['components'][0]['verdict'] == 'eol'" "[r['id'] for r in d['repositories']] == ['lp5']"
	grep -q "^lpcheck: note: repository 'lp5': its cache holds no file lists" "$ERR" && ok "dnf5's cache: no file lists, said once" ||
		{ fail "dnf5 cache note"; show; }
	# a newer version without livepatch() Provides, no file lists: unknown, never flagged
	make_repo "$T/repo5" "$(rpm_pkg noprov/xen-livepatch-4-3)"
	rm -rf "$ROOT/var/cache/libdnf5/"lp5-* # dnf5 keeps a local repository's cache until it expires
	HOME=$T "$LPCHECK_DNF5" --installroot="$ROOT" --releasever=1 makecache >"$T/dnf5.log" 2>&1 ||
		{ fail "dnf5 makecache"; cat "$T/dnf5.log"; }
	lpc check --json $HOSTARGS --releasever 1
	expect_rc 0 "check, dnf5's cache, an unseen newer version: not flagged"
	expect_json "check, dnf5's cache, an unseen newer version: unknown" "d['components'][0]['verdict'] == 'unknown'"
fi

# --- XenServer's pool coordinator: xapi's mirror of each pool repository
new_root
setup_install xen-livepatch-3-3
mkdir -p "$ROOT/etc" "$ROOT/var/lib/yum-mirror"
printf '[main]\ncachedir=/var/cache/yum\n' >"$ROOT/etc/yum.conf"
make_repo "$ROOT/var/lib/yum-mirror/base" "$(rpm_pkg xen-livepatch-4-1)"
lpc check --json $HOSTARGS
expect_rc 1 "check on a pool coordinator: the mirror judged"
expect_json "check: the pool mirror" "[r['id'] for r in d['repositories']] == ['yum-mirror/base']" \
	"d['components'][0]['verdict'] == 'eol'"

# --- status reads the configured repositories' caches too: an older version there tells eol from a newer build
make_repo "$T/repo-hist" "$(rpm_pkg xen-livepatch-3-3)" "$(rpm_pkg xen-livepatch-4-1)"
new_root
setup_install xen-livepatch-4-1
configure_root '[hist]' 'name=hist' "baseurl=file://$T/repo-hist" 'gpgcheck=0'
dnf4 makecache || { fail "dnf makecache (history)"; cat "$T/dnf.log"; }
lpc status $HOSTARGS --report none
expect_rc 1 "status with the configured repository's history: eol"
grep -q "^xen  *eol  *yes " "$OUT" && grep -q "^repository: hist, metadata " "$OUT" &&
	ok "status: eol, and the repository it read" || { fail "status with configured repositories"; show; }
printf '[never]\nname=never\nbaseurl=file://%s/nowhere\n' "$T" >>"$ROOT/etc/yum.repos.d/test.repo"
lpc status $HOSTARGS --report none
expect_rc 1 "status with an uncached repository: still judged"
expect_err_line "lpcheck: note: status: repository 'never' (/etc/yum.repos.d/test.repo) has no cached metadata: judged without it ('dnf makecache' fetches it)" \
	"status: an uncached repository is a note"

# --- yum's include=: another local file read as part of the main configuration (never fetched)
new_root
mkdir -p "$ROOT/etc/yum" "$ROOT/etc/extra.repos.d"
printf '[main]\ncachedir=/var/cache/yum\ninclude=file:///etc/yum/extra.conf\n' >"$ROOT/etc/yum.conf"
printf '[main]\nreposdir=/etc/extra.repos.d\n' >"$ROOT/etc/yum/extra.conf"
printf '[lp]\nname=lp\nbaseurl=file:///nowhere\n' >"$ROOT/etc/extra.repos.d/lp.repo"
lpc check $HOSTARGS
expect_err_line "lpcheck: check: repository 'lp' (/etc/extra.repos.d/lp.repo) has no cached metadata: run 'yum makecache' first (lpcheck never uses the network)" \
	"yum's include= is read: the reposdir it sets"

# --- no configuration at all
new_root
lpc check $HOSTARGS
expect_rc 2 "check with no package manager configuration"
expect_err_line "lpcheck: check: no package manager configuration under $ROOT (/etc/dnf/dnf.conf, /etc/yum.conf)" "one line"

finish
