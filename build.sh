#!/bin/sh
# lpcheck's entry points: `./build.sh demo` (set up, build, run the main job)
# and `./build.sh check` (set up, build, run every test). Idempotent.
set -eu

cd "$(dirname "$0")"
TOP=$(pwd)
BUILD=${LPCHECK_BUILD_DIR:-$TOP/_build}
JOBS=$(nproc 2>/dev/null || echo 2)

log() { printf '== %s\n' "$*" >&2; }

# el7's rpm 4.11.3 (XenServer 8's), built once per machine outside the clone
# from ../shared/el7-rpm, for the el7 plugin and CLI build tree
EL7_RPM_PREFIX=${LPCHECK_EL7_RPM_PREFIX:-/opt/lpcheck-rpm-el7}
EL7_RPM_SOURCE=$TOP/../shared/el7-rpm
# dnf5 5.2.18 (the next XenServer's and Fedora's front end), built once per
# machine outside the clone from ../shared/dnf5, for the libdnf5 plugin and its tests
DNF5_PREFIX=${LPCHECK_DNF5_PREFIX:-/opt/lpcheck-dnf5}
DNF5_SOURCE=$TOP/../shared/dnf5
# rpm 6.0.2 (Fedora 43's, the public plugin API of rpm 4.20+), built once per
# machine outside the clone from ../shared/rpm6, for a third build tree
RPM6_PREFIX=${LPCHECK_RPM6_PREFIX:-/opt/lpcheck-rpm6}
# yum 3.4.3 (XenServer 8's) on el7's rpm, built once per machine from ../shared/yum3 (about 80 s),
# for the yum plugin's tests in the el7 tree
YUM3_PREFIX=${LPCHECK_YUM3_PREFIX:-/opt/lpcheck-yum3}
YUM3_SOURCE=$TOP/../shared/yum3
RPM6_SOURCE=$TOP/../shared/rpm6

DEBIAN_PACKAGES="build-essential autoconf automake libtool pkg-config clang libclang-rt-14-dev valgrind python3 groff-base man-db systemd
 prometheus prometheus-node-exporter
 rpm librpm-dev libsolv-dev libsolvext-dev libsolv-tools libcmocka-dev libexpat1-dev libjson-c-dev libsqlite3-dev createrepo-c dnf"
FEDORA_PACKAGES="gcc make autoconf automake libtool pkgconf-pkg-config clang compiler-rt valgrind python3 groff-base man-db systemd
 golang-github-prometheus golang-github-prometheus-node-exporter
 rpm rpm-build rpm-devel libsolv-devel libsolv-tools libcmocka-devel expat-devel json-c-devel sqlite-devel createrepo_c dnf"

have_all() {
	for tool in autoreconf pkg-config rpm rpmbuild createrepo_c dnf valgrind clang python3 repo2solv groff man \
		systemd-analyze promtool prometheus-node-exporter; do
		command -v "$tool" >/dev/null 2>&1 || return 1
	done
	pkg-config --exists rpm libsolvext cmocka expat json-c sqlite3 2>/dev/null || return 1
	# the sanitizer and fuzzing build needs clang's runtimes, a separate package
	printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return 0; }\n' |
		clang -x c - -fsanitize=fuzzer,address,undefined -o /dev/null >/dev/null 2>&1
}

install_deps() {
	if have_all; then
		return 0
	fi
	if [ "$(id -u)" != 0 ]; then
		log "missing build dependencies and not root: install them (see README.md) and rerun"
		return 1
	fi
	if command -v apt-get >/dev/null 2>&1; then
		log "installing dependencies with apt-get"
		apt-get update -qq
		# shellcheck disable=SC2086
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $DEBIAN_PACKAGES >/dev/null
	elif command -v dnf >/dev/null 2>&1; then
		log "installing dependencies with dnf"
		# shellcheck disable=SC2086
		dnf install -y -q $FEDORA_PACKAGES
	else
		log "no apt-get or dnf: install the dependencies by hand (see README.md)"
		return 1
	fi
}

# configure_in DIR [configure args...]: configure a build tree once per argument set
configure_in() {
	dir=$1
	shift
	mkdir -p "$dir"
	if [ ! -x "$TOP/configure" ] || [ "$TOP/configure.ac" -nt "$TOP/configure" ]; then
		log "autoreconf"
		(cd "$TOP" && autoreconf -fi >/dev/null 2>&1) || (cd "$TOP" && autoreconf -fi)
	fi
	if [ ! -f "$dir/Makefile" ] || [ "$TOP/configure" -nt "$dir/Makefile" ] ||
	   [ "$(cat "$dir/.lpcheck-args" 2>/dev/null)" != "$*" ]; then
		log "configure $*"
		(cd "$dir" && "$TOP/configure" --enable-developer "$@" >/dev/null)
		printf '%s' "$*" >"$dir/.lpcheck-args"
	fi
}

# The main tree builds the libdnf5 plugin once dnf5 is there.
main_configure_args() {
	if [ -f "$DNF5_PREFIX/.dnf5-build.stamp" ]; then
		printf '%s' "--with-libdnf5=$DNF5_PREFIX"
	fi
}

build() {
	install_deps
	# shellcheck disable=SC2046
	configure_in "$BUILD" $(main_configure_args)
	log "make"
	make -C "$BUILD" -j"$JOBS" >/dev/null
}

# build_shared WHAT SOURCE PREFIX [ARGS...]: one of ../shared's recipes into its
# prefix outside the clone; the recipe itself skips the work when its stamp matches.
build_shared() {
	what=$1 source=$2 prefix=$3
	shift 3
	if [ ! -x "$source/build.sh" ]; then
		log "no $source/build.sh: cannot build $what"
		return 1
	fi
	log "$what in $prefix (built once per machine)"
	"$source/build.sh" "$prefix" "$@" >"$TOP/.$(basename "$prefix")-build.log" 2>&1 ||
		{ tail -60 "$TOP/.$(basename "$prefix")-build.log" >&2; return 1; }
}

# dnf5 5.2.18 for the libdnf5 plugin and its tests (about 8 minutes the first time)
build_dnf5() {
	build_shared "dnf5 5.2.18" "$DNF5_SOURCE" "$DNF5_PREFIX"
}

# build_flavour WHAT SOURCE PREFIX TREE [CONFIGURE ARGS...]: one of ../shared's rpms
# in its prefix, and a build tree of lpcheck against it (plugin and CLI, without
# libsolv: el7 hosts usually have none, and Debian's libsolvext links the system's librpm)
build_flavour() {
	what=$1 source=$2 prefix=$3 tree=$4
	shift 4
	build_shared "$what" "$source" "$prefix" || return 1
	configure_in "$tree" --without-libsolv PKG_CONFIG_PATH="$prefix/lib64/pkgconfig" \
		LDFLAGS="-Wl,-rpath,$prefix/lib64" "$@"
	log "make ($what)"
	make -C "$tree" -j"$JOBS" >/dev/null
}

# el7's rpm 4.11.3: the plugin_hooks ABI, tested with el7's rpm binary and a real yum 3 on it
build_el7() {
	build_shared "el7's rpm 4.11.3" "$EL7_RPM_SOURCE" "$EL7_RPM_PREFIX" || return 1
	build_shared "yum 3.4.3" "$YUM3_SOURCE" "$YUM3_PREFIX" "$EL7_RPM_PREFIX" || return 1
	build_flavour "el7's rpm 4.11.3" "$EL7_RPM_SOURCE" "$EL7_RPM_PREFIX" "$BUILD-el7" --with-yum="$YUM3_PREFIX/bin/yum"
}

# rpm 6.0.2: the public <rpm/rpmplugin.h> and librpm.so.10, tested with rpm 6's rpm and rpmbuild
build_rpm6() {
	build_flavour "rpm 6.0.2" "$RPM6_SOURCE" "$RPM6_PREFIX" "$BUILD-rpm6"
}

# check_tree TREE WHAT: make check in a build tree; its test logs on failure
check_tree() {
	log "make check ($2)"
	if ! make -C "$1" -j"$JOBS" check; then
		cat "$1"/tests/*/*.log 2>/dev/null | tail -200 >&2 || true
		exit 1
	fi
}

cmd=${1:-}
case $cmd in
deps)
	install_deps
	;;
build)
	build
	;;
build-el7)
	install_deps
	build_el7
	;;
build-rpm6)
	install_deps
	build_rpm6
	;;
demo)
	build
	exec sh "$TOP/tests/demo.sh" "$BUILD"
	;;
check)
	install_deps
	build_dnf5
	build
	# the dnf5 tests run only in a tree that has the libdnf5 plugin: make sure this one has
	grep -q "libdnf5 plugin: yes" "$BUILD/config.log" || { log "the main tree was configured without libdnf5"; exit 1; }
	check_tree "$BUILD" "rpm 4.18, dnf 4, dnf5"
	build_el7
	check_tree "$BUILD-el7" "el7: rpm 4.11.3, yum-style driver, CLI without libsolv"
	build_rpm6
	check_tree "$BUILD-rpm6" "rpm 6.0.2: the public plugin API, its rpm and rpmbuild, CLI without libsolv"
	# the plugin cannot load into an uninstrumented rpm: the sanitizer tree runs
	# the unit and CLI tests, then each libFuzzer target briefly
	log "unit and CLI tests with AddressSanitizer and UndefinedBehaviorSanitizer"
	configure_in "$BUILD-asan" --with-sanitizer=address,undefined --enable-fuzzing CC=clang
	if ! make -C "$BUILD-asan" -j"$JOBS" check-asan; then
		cat "$BUILD-asan"/tests/*/*.log | tail -200 >&2 || true
		exit 1
	fi
	log "fuzzing each target for ${LPCHECK_FUZZ_SECONDS:-20} s"
	make -C "$BUILD-asan" fuzz FUZZ_SECONDS="${LPCHECK_FUZZ_SECONDS:-20}"
	log "all tests passed"
	;;
*)
	echo "usage: ./build.sh demo|check|build|build-el7|build-rpm6|deps" >&2
	exit 2
	;;
esac
