#!/bin/sh
# Nothing lost: an enforce block leaves the root and the database exactly as
# they were; a warn-mode transaction ends exactly as with --noplugins.
. "$abs_top_srcdir/tests/integration/lib.sh"

# content only: paths, types, modes, sizes, link targets, file hashes, and
# the database's packages with their header digests (times differ run to run)
content() {
	(cd "$ROOT" && find . -path ./var/lib/rpm -prune -o -printf '%p %y %m %s %l\n' | sort
	 find . -path ./var/lib/rpm -prune -o -type f -print0 | sort -z | xargs -0 -r sha1sum)
	"$RPM" --root "$ROOT" --dbpath /var/lib/rpm -qa --qf '%{NEVRA} %{SHA1HEADER}\n' | sort
}

for scenario in "upgrade xen-livepatch-3-3 -U xen-livepatch-4-1" \
                "empty xen-livepatch-4-1 -U xen-livepatch-5-1" \
                "erase xen-livepatch-4-1 -e xen-livepatch"; do
	set -- $scenario
	name=$1 installed=$2 op=$3 arg=$4
	[ "$op" = -e ] && target=$arg || target=$(rpm_pkg "$arg")

	# enforce: blocked, byte-identical (snapshot includes times and the header digests)
	new_root
	setup_install "$installed"
	before=$(snapshot)
	MODE=enforce HOSTDEFS="xen_build_id=$X41 kernel_build_id=none"
	[ "$name" = upgrade ] && HOSTDEFS="xen_build_id=$X31 kernel_build_id=none"
	lp_rpm "$op" "$target"
	expect_rc 1 "$name: blocked in enforce mode"
	[ "$(snapshot)" = "$before" ] && ok "$name: nothing changed by the block" || fail "$name: the block changed something"

	# warn vs --noplugins on twin roots: the same end state
	new_root
	setup_install "$installed"
	MODE=warn
	lp_rpm "$op" "$target"
	expect_rc 0 "$name: warn mode proceeds"
	warn_state=$(content)
	new_root
	setup_install "$installed"
	lp_rpm --noplugins "$op" "$target"
	expect_rc 0 "$name: --noplugins proceeds"
	[ "$(content)" = "$warn_state" ] && ok "$name: warn ends as --noplugins does" || fail "$name: warn differs from --noplugins"
done

finish
