/* Unit tests: file layouts and Provides joined into records, and every layout problem code. */
#include "config.h"
#include "helpers.h"

#define XDIR "/usr/lib/xen-livepatch"
#define KDIR "/usr/lib/kernel-livepatch"
#define XSTEM "lp_4_17_4__1_xs8__4_17_4__6_xs8"
#define PROV_R "livepatch(component/xen/base/4.17.4-1.xs8/to/4.17.4-6.xs8/base-buildid/" ID_R ")"

static struct lp_package *xen_pkg_with_dir(const char *stem, const char *link_to, unsigned link_mode)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, "xen-livepatch", NULL, "4", "1", "x86_64");
	char path[512];
	lp_package_add_file(p, XDIR, MODE_DIR, NULL);
	lp_package_add_file(p, XDIR "/" ID_R, MODE_DIR, NULL);
	if (stem) {
		snprintf(path, sizeof(path), XDIR "/" ID_R "/%s.livepatch", stem);
		lp_package_add_file(p, path, MODE_REG, NULL);
	}
	if (link_mode)
		lp_package_add_file(p, XDIR "/" ID_R "/livepatch.livepatch", link_mode, link_to);
	return p;
}

static void xenserver_layout_with_provides_gives_records_and_no_problem(void **state)
{
	static const char *const bases[] = { ID_R "=4.17.4-1.xs8", ID_B "=4.17.4-2.xs8", NULL };
	struct lp_package *p = pkg_make("xen-livepatch", "4", LP_XEN, "4.17.4-6.xs8", bases, WITH_BOTH);
	assert_int_equal(p->nproblems, 0);
	assert_int_equal(p->nrecords, 2);
	assert_true(p->is_livepatch[LP_XEN]);
	assert_false(p->is_livepatch[LP_KERNEL]);
	/* records are sorted by build ID and point back at the package */
	assert_string_equal(p->records[0].build_id, ID_R);
	assert_string_equal(p->records[1].build_id, ID_B);
	assert_ptr_equal(p->records[0].pkg, p);
	assert_non_null(lp_package_find(p, LP_XEN, ID_B));
	assert_null(lp_package_find(p, LP_KERNEL, ID_B));
	lp_package_free(p);
}

static void files_alone_give_records_silently(void **state)
{
	static const char *const bases[] = { ID_R "=4.19.19-8.0.1.xs8", NULL };
	struct lp_package *p = pkg_make("kernel-livepatch", "1", LP_KERNEL, "4.19.19-8.0.5.xs8", bases, WITH_FILES);
	assert_int_equal(p->nproblems, 0);
	assert_int_equal(p->nrecords, 1);
	assert_string_equal(p->records[0].to.v, "4.19.19");
	assert_string_equal(p->records[0].to.r, "8.0.5.xs8");
	assert_true(p->is_livepatch[LP_KERNEL]);
	lp_package_free(p);
}

static void empty_directory_package_is_a_livepatch_package_without_records(void **state)
{
	struct lp_package *p = pkg_empty("xen-livepatch", "5", LP_XEN);
	assert_true(p->is_livepatch[LP_XEN]);
	assert_int_equal(p->nrecords, 0);
	assert_int_equal(p->nproblems, 0);
	lp_package_free(p);
}

static void ordinary_package_is_not_a_livepatch_package(void **state)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, "vim", NULL, "9", "1", "x86_64");
	lp_package_add_file(p, "/usr/bin/vim", MODE_REG, NULL);
	lp_package_add_file(p, "/usr/lib/xen-livepatchx/foo", MODE_REG, NULL);
	lp_package_add_provides(p, "vim-enhanced");
	assert_true(lp_package_finish(p));
	assert_false(p->is_livepatch[LP_XEN]);
	assert_false(p->is_livepatch[LP_KERNEL]);
	assert_int_equal(p->nrecords + p->nproblems, 0);
	lp_package_free(p);
}

static void provides_alone_make_a_livepatch_package(void **state)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, "xen-livepatch", NULL, "4", "1", "x86_64");
	lp_package_add_provides(p, PROV_R);
	assert_true(lp_package_finish(p));
	assert_true(p->is_livepatch[LP_XEN]);
	/* a Provides-only base is not supported */
	assert_int_equal(p->nrecords, 0);
	assert_true(pkg_has_problem(p, LP_PROVIDES_FILES_MISMATCH, "has no directory"));
	lp_package_free(p);
}

static void bad_provides_is_reported_and_the_rest_still_counts(void **state)
{
	struct lp_package *p = xen_pkg_with_dir(XSTEM, XSTEM ".livepatch", MODE_LNK);
	lp_package_add_provides(p, "livepatch(component/xen/base/4.17.4/to/4.17.4-6.xs8/base-buildid/" ID_R ")");
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_BAD_PROVIDES, "base/"));
	assert_int_equal(p->nrecords, 1);
	assert_int_equal(p->problems[0].component, LP_COMPONENT_NONE);
	lp_package_free(p);
}

static void uppercase_directory_is_bad_path(void **state)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, "xen-livepatch", NULL, "4", "1", "x86_64");
	lp_package_add_file(p, XDIR "/2DD4F262F044A1F5AF78AAA6E71F97CE956AD74E", MODE_DIR, NULL);
	lp_package_add_file(p, XDIR "/2DD4F262F044A1F5AF78AAA6E71F97CE956AD74E/" XSTEM ".livepatch", MODE_REG, NULL);
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_BAD_PATH, "lowercase build ID"));
	assert_int_equal(p->nrecords, 0);
	assert_int_equal(p->nproblems, 1); /* once per directory, not per file */
	lp_package_free(p);
}

static void stray_files_are_bad_path(void **state)
{
	struct lp_package *p = xen_pkg_with_dir(XSTEM, XSTEM ".livepatch", MODE_LNK);
	lp_package_add_file(p, XDIR "/README", MODE_REG, NULL);
	lp_package_add_file(p, XDIR "/" ID_R "/notes.txt", MODE_REG, NULL);
	lp_package_add_file(p, XDIR "/" ID_R "/sub/deeper.livepatch", MODE_REG, NULL);
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_BAD_PATH, XDIR "/README: stray file"));
	assert_true(pkg_has_problem(p, LP_BAD_PATH, "notes.txt: stray file"));
	assert_true(pkg_has_problem(p, LP_BAD_PATH, "unexpected path below"));
	assert_int_equal(p->nrecords, 1);
	lp_package_free(p);
}

static void odd_path_segments_are_bad_path(void **state)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, "xen-livepatch", NULL, "4", "1", "x86_64");
	lp_package_add_file(p, XDIR "//" ID_R, MODE_DIR, NULL);
	lp_package_add_file(p, XDIR "/../etc", MODE_DIR, NULL);
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_BAD_PATH, "odd path"));
	assert_int_equal(p->nproblems, 2);
	lp_package_free(p);
}

static void payload_that_does_not_split_is_bad_path(void **state)
{
	struct lp_package *p = xen_pkg_with_dir("lp_4_17_4__1_xs8__4_17_4", "lp_4_17_4__1_xs8__4_17_4.livepatch",
						MODE_LNK);
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_BAD_PATH, "four fields"));
	assert_int_equal(p->nrecords, 0);
	lp_package_free(p);
}

static void directory_without_payload_is_bad_path(void **state)
{
	struct lp_package *p = xen_pkg_with_dir(NULL, NULL, 0);
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_BAD_PATH, "no lp_*.livepatch payload"));
	assert_int_equal(p->nrecords, 0);
	lp_package_free(p);
}

static void missing_symlink_is_symlink_mismatch(void **state)
{
	struct lp_package *p = xen_pkg_with_dir(XSTEM, NULL, 0);
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_SYMLINK_MISMATCH, "livepatch.livepatch is missing"));
	assert_int_equal(p->nrecords, 1); /* the payload is there: still a record */
	lp_package_free(p);
}

static void regular_file_instead_of_symlink_is_symlink_mismatch(void **state)
{
	struct lp_package *p = xen_pkg_with_dir(XSTEM, NULL, MODE_REG);
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_SYMLINK_MISMATCH, "is not a symlink"));
	lp_package_free(p);
}

static void symlink_to_another_name_is_symlink_mismatch(void **state)
{
	struct lp_package *p = xen_pkg_with_dir(XSTEM, "wrong.livepatch", MODE_LNK);
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_SYMLINK_MISMATCH,
				    "livepatch.livepatch points to wrong.livepatch, expected " XSTEM ".livepatch"));
	lp_package_free(p);
}

static void without_modes_only_the_symlink_presence_is_checked(void **state)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_PATHS, "xen-livepatch", NULL, "4", "1", "x86_64");
	lp_package_add_file(p, XDIR "/" ID_R, 0, NULL);
	lp_package_add_file(p, XDIR "/" ID_R "/" XSTEM ".livepatch", 0, NULL);
	lp_package_add_file(p, XDIR "/" ID_R "/livepatch.livepatch", 0, NULL);
	lp_package_add_file(p, XDIR "/" ID_B "/" XSTEM ".livepatch", 0, NULL);
	assert_true(lp_package_finish(p));
	assert_int_equal(p->nrecords, 2);
	assert_int_equal(p->nproblems, 1);
	assert_true(pkg_has_problem(p, LP_SYMLINK_MISMATCH, ID_B "/livepatch.livepatch is missing"));
	lp_package_free(p);
}

static void directory_without_provides_is_provides_files_mismatch(void **state)
{
	struct lp_package *p = xen_pkg_with_dir(XSTEM, XSTEM ".livepatch", MODE_LNK);
	lp_package_add_file(p, XDIR "/" ID_B, MODE_DIR, NULL);
	lp_package_add_file(p, XDIR "/" ID_B "/" XSTEM ".livepatch", MODE_REG, NULL);
	lp_package_add_file(p, XDIR "/" ID_B "/livepatch.livepatch", MODE_LNK, XSTEM ".livepatch");
	lp_package_add_provides(p, PROV_R);
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_PROVIDES_FILES_MISMATCH, ID_B ": no livepatch Provides"));
	assert_int_equal(p->nproblems, 1);
	/* the files decide: the directory without Provides is still supported */
	assert_int_equal(p->nrecords, 2);
	lp_package_free(p);
}

static void payload_disagreeing_with_provides_is_provides_files_mismatch(void **state)
{
	struct lp_package *p = xen_pkg_with_dir("lp_4_17_4__2_xs8__4_17_4__6_xs8",
						"lp_4_17_4__2_xs8__4_17_4__6_xs8.livepatch", MODE_LNK);
	lp_package_add_provides(p, PROV_R);
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_PROVIDES_FILES_MISMATCH, "does not match its Provides"));
	/* the Provides give the exact V-Rs */
	assert_int_equal(p->nrecords, 1);
	assert_string_equal(p->records[0].base.r, "1.xs8");
	lp_package_free(p);
}

static void provides_vrs_win_over_payload_spelling(void **state)
{
	struct lp_package *p = xen_pkg_with_dir(XSTEM, XSTEM ".livepatch", MODE_LNK);
	lp_package_add_provides(p, PROV_R);
	assert_true(lp_package_finish(p));
	assert_int_equal(p->nproblems, 0);
	assert_string_equal(p->records[0].to.v, "4.17.4");
	assert_false(p->records[0].cut);
	lp_package_free(p);
}

static void different_targets_in_one_package_are_mixed_targets(void **state)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, "xen-livepatch", NULL, "4", "1", "x86_64");
	pkg_add_base(p, LP_XEN, ID_R, "4.17.4-1.xs8", "4.17.4-6.xs8", WITH_BOTH);
	pkg_add_base(p, LP_XEN, ID_B, "4.17.4-2.xs8", "4.17.4-7.xs8", WITH_BOTH);
	pkg_add_base(p, LP_KERNEL, ID_C, "4.19-1", "4.19-9", WITH_BOTH); /* another component: no mix */
	assert_true(lp_package_finish(p));
	assert_int_equal(p->nproblems, 1);
	assert_true(pkg_has_problem(p, LP_MIXED_TARGETS, "4.17.4-6.xs8"));
	assert_int_equal(p->problems[0].component, LP_XEN);
	assert_string_equal(lp_package_target(p, LP_XEN)->r, "7.xs8");
	lp_package_free(p);
}

static void same_base_twice_in_provides_is_duplicate_base(void **state)
{
	struct lp_package *p = xen_pkg_with_dir(XSTEM, XSTEM ".livepatch", MODE_LNK);
	lp_package_add_provides(p, PROV_R);
	lp_package_add_provides(p, "livepatch(component/xen/base/4.17.4-2.xs8/to/4.17.4-6.xs8/base-buildid/"
				   "2DD4F262F044A1F5AF78AAA6E71F97CE956AD74E)");
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_DUPLICATE_BASE, "more than one livepatch Provides"));
	assert_int_equal(p->nrecords, 1);
	lp_package_free(p);
}

static void the_same_provides_twice_is_one_record(void **state)
{
	/* a hand-written block beside rpmbuild's generator: rpm keeps both lines */
	struct lp_package *p = xen_pkg_with_dir(XSTEM, XSTEM ".livepatch", MODE_LNK);
	lp_package_add_provides(p, PROV_R);
	lp_package_add_provides(p, "livepatch(component/xen/base/4.17.4-1.xs8/to/4.17.4-6.xs8/base-buildid/"
				   "2DD4F262F044A1F5AF78AAA6E71F97CE956AD74E)");
	assert_true(lp_package_finish(p));
	assert_int_equal(p->nproblems, 0);
	assert_int_equal(p->nrecords, 1);
	lp_package_free(p);
}

static void two_payloads_in_one_directory_are_duplicate_base(void **state)
{
	struct lp_package *p = xen_pkg_with_dir(XSTEM, XSTEM ".livepatch", MODE_LNK);
	lp_package_add_file(p, XDIR "/" ID_R "/lp_4_17_4__1_xs8__4_17_4__5_xs8.livepatch", MODE_REG, NULL);
	assert_true(lp_package_finish(p));
	assert_true(pkg_has_problem(p, LP_DUPLICATE_BASE, "2 payloads"));
	/* the symlink names the payload the toolstack applies */
	assert_int_equal(p->nrecords, 1);
	assert_string_equal(p->records[0].to.r, "6.xs8");
	lp_package_free(p);
}

static void kernel_layout_uses_ko_files(void **state)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, "kernel-livepatch", NULL, "1.0.5", "1", "x86_64");
	lp_package_add_file(p, KDIR "/" ID_R, MODE_DIR, NULL);
	lp_package_add_file(p, KDIR "/" ID_R "/lp_4_19_19__8_0_1_xs8__4_19_19__8_0_5_xs8.ko", MODE_REG, NULL);
	lp_package_add_file(p, KDIR "/" ID_R "/livepatch.ko", MODE_LNK, "lp_4_19_19__8_0_1_xs8__4_19_19__8_0_5_xs8.ko");
	lp_package_add_file(p, KDIR "/" ID_B "/" XSTEM ".livepatch", MODE_REG, NULL); /* a Xen payload here */
	assert_true(lp_package_finish(p));
	assert_int_equal(p->nrecords, 1);
	assert_int_equal(p->records[0].component, LP_KERNEL);
	assert_true(pkg_has_problem(p, LP_BAD_PATH, "stray file"));
	assert_true(p->is_livepatch[LP_KERNEL]);
	lp_package_free(p);
}

static void control_bytes_in_paths_are_kept_and_escaped_when_printed(void **state)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, "xen-livepatch", NULL, "4", "1", "x86_64");
	char *shown;

	lp_package_add_file(p, XDIR "/bad\nname\x1b[31m\xc2\x9b\\x1b", MODE_DIR, NULL);
	assert_true(lp_package_finish(p));
	assert_int_equal(p->nproblems, 1);
	assert_non_null(strstr(p->problems[0].detail, "bad\nname")); /* the path as found */
	shown = lp_escaped(p->problems[0].detail);
	assert_null(strchr(shown, '\n'));
	assert_null(strchr(shown, '\x1b'));
	assert_null(strstr(shown, "\xc2\x9b"));
	/* the escaped ESC and the literal backslash-x-1-b read differently */
	assert_non_null(strstr(shown, "bad\\x0aname\\x1b[31m\\xc2\\x9b\\\\x1b"));
	free(shown);
	lp_package_free(p);
}

static struct lp_package *bare(const char *name, const char *epoch, const char *version, const char *arch)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, name, epoch, version, "1", arch);
	assert_true(lp_package_finish(p));
	return p;
}

static void newest_of_each_name_has_one_tie_rule(void **state)
{
	struct lp_package *a1 = bare("xen-livepatch", NULL, "4", "x86_64");
	struct lp_package *a2 = bare("xen-livepatch", "1", "3", "x86_64"); /* the epoch wins over the version */
	struct lp_package *k1 = bare("kernel-livepatch", NULL, "2", "i686");
	struct lp_package *k2 = bare("kernel-livepatch", NULL, "2", "x86_64"); /* equal EVR: the higher arch */
	struct lp_package *k3 = bare("kernel-livepatch", NULL, "2", "x86_64"); /* a duplicate: the first given */
	const struct lp_package *all[] = { a1, k3, a2, k1, k2 }, *out[5];
	struct lp_pkgset set = { all, 5 };

	assert_int_equal(lp_pkgset_newest_of_each_name(&set, out), 2);
	assert_ptr_equal(out[0], k3);
	assert_ptr_equal(out[1], a2);
	assert_true(lp_package_order(k1, k2) < 0);
	assert_int_equal(lp_package_order(k2, k3), 0);
	lp_package_free(a1);
	lp_package_free(a2);
	lp_package_free(k1);
	lp_package_free(k2);
	lp_package_free(k3);
}

static void payloads_without_any_directory_are_unowned_directory(void **state)
{
	struct lp_package *bare = lp_package_new(LP_CONTENTS_KNOWN, "xen-livepatch", NULL, "1", "1", "x86_64");
	struct lp_package *with_base_dir = lp_package_new(LP_CONTENTS_KNOWN, "xen-livepatch", NULL, "2", "1", "x86_64");
	struct lp_package *full = pkg_make("xen-livepatch", "3", LP_XEN, "4.17.6-1", (const char *const[]){ ID_R "=4.17.5-1", NULL },
					   WITH_FILES);

	pkg_add_base(bare, LP_XEN, ID_R, "4.17.5-1", "4.17.6-1", WITH_FILES);
	assert_true(lp_package_finish(bare));
	/* pkg_add_base owns the base directory: rpm's dirnames lookup finds that */
	pkg_add_base(with_base_dir, LP_XEN, ID_R, "4.17.5-1", "4.17.6-1", WITH_FILES);
	assert_true(lp_package_finish(with_base_dir));
	assert_false(pkg_has_problem(with_base_dir, LP_UNOWNED_DIRECTORY, NULL));
	assert_false(pkg_has_problem(full, LP_UNOWNED_DIRECTORY, NULL));
	lp_package_free(bare);

	bare = lp_package_new(LP_CONTENTS_KNOWN, "xen-livepatch", NULL, "4", "1", "x86_64");
	lp_package_add_file(bare, "/usr/lib/xen-livepatch/" ID_R "/livepatch.livepatch", MODE_LNK,
			    "lp_4_17_5__1__4_17_6__1.livepatch");
	lp_package_add_file(bare, "/usr/lib/xen-livepatch/" ID_R "/lp_4_17_5__1__4_17_6__1.livepatch", MODE_REG, NULL);
	assert_true(lp_package_finish(bare));
	assert_true(pkg_has_problem(bare, LP_UNOWNED_DIRECTORY, "own /usr/lib/xen-livepatch in %files"));
	assert_int_equal(bare->nrecords, 1); /* still judged by its files where they are seen */
	lp_package_free(bare);
	lp_package_free(with_base_dir);
	lp_package_free(full);
}

static void without_a_file_list_the_provides_tell(void **state)
{
	/* libdnf5 without filelists: the Provides are the records, no provides-files-mismatch */
	struct lp_package *p = lp_package_new(LP_CONTENTS_UNKNOWN, "xen-livepatch", NULL, "4", "1", "x86_64");
	lp_package_add_provides(p, PROV_R);
	assert_true(lp_package_finish(p));
	assert_int_equal(p->nproblems, 0);
	assert_int_equal(p->nrecords, 1);
	assert_true(p->is_livepatch[LP_XEN]);
	assert_false(lp_package_unseen(p));
	lp_package_free(p);
}

static void unknown_contents_without_provides_are_unseen_not_empty(void **state)
{
	/* libdnf5 without filelists, a package judged by its files: nothing is known of it */
	struct lp_package *unseen = lp_package_new(LP_CONTENTS_UNKNOWN, "xen-livepatch", NULL, "4", "1", "x86_64");
	struct lp_package *empty = lp_package_new(LP_CONTENTS_PATHS, "xen-livepatch", NULL, "4", "1", "x86_64");

	assert_true(lp_package_finish(unseen));
	assert_true(lp_package_finish(empty));
	assert_true(lp_package_unseen(unseen));
	assert_false(lp_package_unseen(empty));
	assert_false(unseen->is_livepatch[LP_XEN]);
	lp_package_free(unseen);
	lp_package_free(empty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xenserver_layout_with_provides_gives_records_and_no_problem),
		cmocka_unit_test(files_alone_give_records_silently),
		cmocka_unit_test(empty_directory_package_is_a_livepatch_package_without_records),
		cmocka_unit_test(ordinary_package_is_not_a_livepatch_package),
		cmocka_unit_test(provides_alone_make_a_livepatch_package),
		cmocka_unit_test(bad_provides_is_reported_and_the_rest_still_counts),
		cmocka_unit_test(uppercase_directory_is_bad_path),
		cmocka_unit_test(stray_files_are_bad_path),
		cmocka_unit_test(odd_path_segments_are_bad_path),
		cmocka_unit_test(payload_that_does_not_split_is_bad_path),
		cmocka_unit_test(directory_without_payload_is_bad_path),
		cmocka_unit_test(missing_symlink_is_symlink_mismatch),
		cmocka_unit_test(regular_file_instead_of_symlink_is_symlink_mismatch),
		cmocka_unit_test(symlink_to_another_name_is_symlink_mismatch),
		cmocka_unit_test(without_modes_only_the_symlink_presence_is_checked),
		cmocka_unit_test(directory_without_provides_is_provides_files_mismatch),
		cmocka_unit_test(payload_disagreeing_with_provides_is_provides_files_mismatch),
		cmocka_unit_test(provides_vrs_win_over_payload_spelling),
		cmocka_unit_test(different_targets_in_one_package_are_mixed_targets),
		cmocka_unit_test(same_base_twice_in_provides_is_duplicate_base),
		cmocka_unit_test(the_same_provides_twice_is_one_record),
		cmocka_unit_test(without_a_file_list_the_provides_tell),
		cmocka_unit_test(unknown_contents_without_provides_are_unseen_not_empty),
		cmocka_unit_test(two_payloads_in_one_directory_are_duplicate_base),
		cmocka_unit_test(kernel_layout_uses_ko_files),
		cmocka_unit_test(control_bytes_in_paths_are_kept_and_escaped_when_printed),
		cmocka_unit_test(newest_of_each_name_has_one_tie_rule),
		cmocka_unit_test(payloads_without_any_directory_are_unowned_directory),
	};
	return cmocka_run_group_tests_name("package", tests, NULL, NULL);
}
