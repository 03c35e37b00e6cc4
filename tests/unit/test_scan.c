/* Unit tests: scan entries, bases added and dropped per version, target regressions, duplicates. */
#include "config.h"
#include "helpers.h"
#include "report.h"
#include "scan.h"

static const char *const V1[] = { ID_R "=1-1", ID_B "=1-2", NULL };
static const char *const V2[] = { ID_B "=1-2", ID_C "=1-3", NULL };

static void versions_add_and_drop_bases_in_order(void **state)
{
	struct lp_package *v2 = pkg_make("xen-livepatch", "2", LP_XEN, "2-1", V2, WITH_BOTH);
	struct lp_package *v1 = pkg_make("xen-livepatch", "1", LP_XEN, "1-9", V1, WITH_BOTH);
	const struct lp_package *pkgs[] = { v2, v1 };
	struct lp_pkgset set = { pkgs, 2 };
	struct lp_scan s;
	assert_true(lp_scan_run(&set, &s));
	assert_int_equal(s.n, 2);
	assert_ptr_equal(s.entries[0].pkg, v1); /* sorted by EVR */
	assert_int_equal(s.entries[0].nadded, 2);
	assert_int_equal(s.entries[0].ndropped, 0);
	assert_int_equal(s.entries[1].nadded, 1);
	assert_string_equal(s.entries[1].added[0], ID_C);
	assert_int_equal(s.entries[1].ndropped, 1);
	assert_string_equal(s.entries[1].dropped[0], ID_R);
	assert_false(s.flagged);
	lp_scan_release(&s);
	lp_package_free(v1);
	lp_package_free(v2);
}

static void older_target_in_newer_version_is_target_regression(void **state)
{
	struct lp_package *v1 = pkg_make("xen-livepatch", "1", LP_XEN, "2-1", V1, WITH_BOTH);
	struct lp_package *v2 = pkg_make("xen-livepatch", "2", LP_XEN, "1-9", V2, WITH_BOTH);
	const struct lp_package *pkgs[] = { v1, v2 };
	struct lp_pkgset set = { pkgs, 2 };
	struct lp_scan s;
	assert_true(lp_scan_run(&set, &s));
	assert_int_equal(s.nproblems, 1);
	assert_string_equal(s.problems[0]->code, LP_TARGET_REGRESSION);
	assert_string_equal(s.problems[0]->package, "xen-livepatch-2-1.x86_64");
	assert_true(s.flagged);
	lp_scan_release(&s);
	lp_package_free(v1);
	lp_package_free(v2);
}

static void other_names_and_components_are_compared_apart(void **state)
{
	struct lp_package *a = pkg_make("xen-livepatch", "1", LP_XEN, "2-1", V1, WITH_BOTH);
	struct lp_package *b = pkg_make("xen-livepatch-extra", "1", LP_XEN, "1-1", V2, WITH_BOTH);
	struct lp_package *k = pkg_make("xen-livepatch", "2", LP_KERNEL, "1-1", V2, WITH_BOTH);
	const struct lp_package *pkgs[] = { a, b, k };
	struct lp_pkgset set = { pkgs, 3 };
	struct lp_scan s;
	assert_true(lp_scan_run(&set, &s));
	assert_int_equal(s.n, 3);
	assert_int_equal(s.nproblems, 0); /* no regression across names or components */
	assert_int_equal(s.entries[1].component, LP_KERNEL);
	assert_int_equal(s.entries[1].nadded, 2);
	assert_int_equal(s.entries[1].ndropped, 0);
	lp_scan_release(&s);
	lp_package_free(a);
	lp_package_free(b);
	lp_package_free(k);
}

static void duplicated_nevra_counts_once_and_json_lists_entries(void **state)
{
	struct lp_package *a = pkg_make("xen-livepatch", "1", LP_XEN, "2-1", V1, WITH_BOTH);
	struct lp_package *a2 = pkg_make("xen-livepatch", "1", LP_XEN, "2-1", V1, WITH_BOTH);
	const struct lp_package *pkgs[] = { a, a2 };
	struct lp_pkgset set = { pkgs, 2 };
	struct lp_scan s;
	char *json;
	assert_true(lp_scan_run(&set, &s));
	assert_int_equal(s.n, 1);
	assert_int_equal(s.nduplicates, 1);
	json = lp_report_scan_json(&s);
	assert_non_null(strstr(json, "\"bases\": [\n        {\n          \"build_id\": \"" ID_R "\",\n          \"base\": \"1-1\"\n"));
	assert_non_null(strstr(json, "\"dropped\": []"));
	free(json);
	lp_scan_release(&s);
	lp_package_free(a);
	lp_package_free(a2);
}

static void nothing_to_scan_is_an_empty_clean_scan(void **state)
{
	struct lp_pkgset set = { NULL, 0 };
	struct lp_scan s;
	char *json;
	assert_true(lp_scan_run(&set, &s));
	assert_int_equal(s.n, 0);
	assert_false(s.flagged);
	json = lp_report_scan_json(&s);
	assert_non_null(strstr(json, "\"packages\": [],"));
	free(json);
	lp_scan_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(versions_add_and_drop_bases_in_order),
		cmocka_unit_test(older_target_in_newer_version_is_target_regression),
		cmocka_unit_test(other_names_and_components_are_compared_apart),
		cmocka_unit_test(duplicated_nevra_counts_once_and_json_lists_entries),
		cmocka_unit_test(nothing_to_scan_is_an_empty_clean_scan),
	};
	return cmocka_run_group_tests_name("scan", tests, NULL, NULL);
}
