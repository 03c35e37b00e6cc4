/* Unit tests: message lines and the JSON document come from the same decisions. */
#include "config.h"
#include "helpers.h"
#include "transaction.h"
#include "report.h"

static const char *const P2_BASES[] = { ID_R "=4.17.5-1", ID_B "=4.17.5-2", NULL };
static const char *const P3_BASES[] = { ID_B "=4.17.5-2", ID_C "=4.17.5-3", NULL };

static void host_with(struct lp_host *h, const char *xen, const char *kernel)
{
	memset(h, 0, sizeof(*h));
	h->comp[LP_XEN].present = h->comp[LP_KERNEL].present = true;
	if (xen) {
		h->comp[LP_XEN].known = true;
		strcpy(h->comp[LP_XEN].build_id, xen);
	}
	if (kernel) {
		h->comp[LP_KERNEL].known = true;
		strcpy(h->comp[LP_KERNEL].build_id, kernel);
	}
}

static void eol_line_has_prefix_word_build_id_package_and_target(void **state)
{
	struct lp_package *p2 = pkg_make("xen-livepatch", "3", LP_XEN, "4.17.6-2", P2_BASES, WITH_BOTH);
	struct lp_package *p3 = pkg_make("xen-livepatch", "4", LP_XEN, "4.17.6-3", P3_BASES, WITH_BOTH);
	const struct lp_package *removed[] = { p2 }, *added[] = { p3 };
	struct lp_host host;
	struct lp_outcome o;
	char *line, *json;
	host_with(&host, ID_R, NULL);
	struct lp_transaction in = { .purpose = LP_PURPOSE_TRANSACTION, .removed = { removed, 1 }, .added = { added, 1 } };
	assert_true(lp_transaction_judge(&in, &host, &o));
	line = lp_report_decision_line(&o.decisions[LP_XEN]);
	assert_string_equal(line, "lpcheck: xen: eol: running build " ID_R " is no longer supported by "
				  "xen-livepatch-4-1.x86_64 (target 4.17.6-3, supports 2 other builds); reboot required");
	free(line);
	json = lp_report_json(&o, NULL);
	assert_non_null(strstr(json, "\"lpcheck\": 1,"));
	assert_non_null(strstr(json, "\"verdict\": \"eol\",\n      \"flagged\": true,\n      \"latest_target\": \"4.17.6-3\""));
	assert_non_null(strstr(json, "\"supported_build_ids\": [\n        \"" ID_C "\",\n        \"" ID_B "\"\n      ]"));
	assert_non_null(strstr(json, "\"reboot_required\": true"));
	assert_non_null(strstr(json, "\"message\": \"running build " ID_R " is no longer supported"));
	/* kernel: nothing of it in the transaction */
	assert_non_null(strstr(json, "\"component\": \"kernel\",\n      \"running_build_id\": null"));
	assert_non_null(strstr(json, "\"verdict\": \"not-applicable\""));
	assert_non_null(strstr(json, "\"problems\": [],\n  \"flagged\": true\n}\n"));
	free(json);
	lp_outcome_release(&o);
	lp_package_free(p2);
	lp_package_free(p3);
}

static void livepatchable_json_names_the_chosen_record(void **state)
{
	struct lp_package *p3 = pkg_make("xen-livepatch", "4", LP_XEN, "4.17.6-3", P3_BASES, WITH_BOTH);
	const struct lp_package *added[] = { p3 };
	struct lp_host host;
	struct lp_outcome o;
	char *json, *line;
	host_with(&host, ID_C, NULL);
	struct lp_transaction in = { .purpose = LP_PURPOSE_TRANSACTION, .added = { added, 1 } };
	assert_true(lp_transaction_judge(&in, &host, &o));
	assert_false(o.flagged);
	line = lp_report_decision_line(&o.decisions[LP_XEN]);
	assert_string_equal(line, "lpcheck: xen: livepatchable: running build " ID_C
				  " will be live-patched to 4.17.6-3 by xen-livepatch-4-1.x86_64");
	free(line);
	json = lp_report_json(&o, NULL);
	assert_non_null(strstr(json, "\"livepatch\": {\n        \"package\": \"xen-livepatch-4-1.x86_64\",\n"
				     "        \"base_build_id\": \"" ID_C "\",\n        \"base\": \"4.17.5-3\",\n"
				     "        \"to\": \"4.17.6-3\"\n      }"));
	assert_non_null(strstr(json, "\"reboot_required\": false"));
	free(json);
	lp_outcome_release(&o);
	lp_package_free(p3);
}

static void problem_line_and_json_escape_hostile_package_names(void **state)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, "evil\"name\x01\xff", NULL, "1", "1", "x86_64");
	const struct lp_package *added[] = { p };
	struct lp_host host;
	struct lp_outcome o;
	char *json, *line;
	lp_package_add_file(p, "/usr/lib/xen-livepatch/README", MODE_REG, NULL);
	assert_true(lp_package_finish(p));
	host_with(&host, ID_R, NULL);
	struct lp_transaction in = { .purpose = LP_PURPOSE_TRANSACTION, .added = { added, 1 } };
	assert_true(lp_transaction_judge(&in, &host, &o));
	assert_int_equal(o.nproblems, 1);
	line = lp_report_problem_line(o.problems[0]);
	assert_true(strncmp(line, "lpcheck: xen: bad-path: evil\"name", 33) == 0);
	free(line);
	json = lp_report_json(&o, NULL);
	assert_non_null(strstr(json, "\"package\": \"evil\\\"name\\u0001\\ufffd-1-1.x86_64\""));
	assert_non_null(strstr(json, "\"code\": \"bad-path\""));
	free(json);
	lp_outcome_release(&o);
	lp_package_free(p);
}

static void plugin_report_has_mode_result_root_and_transaction(void **state)
{
	struct lp_outcome o;
	struct lp_host host;
	const char *added[] = { "b-1-1.x86_64", "a-1-1.x86_64" };
	const char *after[] = { "b-1-1.x86_64" };
	struct lp_report_extra extra = { .mode = "enforce", .result = "blocked", .time = "2026-11-28T21:53:37Z",
					 .root = "/", .added = added, .nadded = 2, .after = after, .nafter = 1 };
	char *json;
	host_with(&host, NULL, NULL);
	struct lp_transaction in = { .purpose = LP_PURPOSE_TRANSACTION };
	assert_true(lp_transaction_judge(&in, &host, &o));
	json = lp_report_json(&o, &extra);
	assert_non_null(strstr(json, "\"mode\": \"enforce\",\n  \"result\": \"blocked\",\n  \"test\": false,\n"
				     "  \"time\": \"2026-11-28T21:53:37Z\",\n  \"root\": \"/\",\n"
				     "  \"transaction\": {\n    \"added\": [\n      \"b-1-1.x86_64\",\n"));
	assert_non_null(strstr(json, "\"removed\": []"));
	assert_non_null(strstr(json, "\"after\": [\n      \"b-1-1.x86_64\"\n    ]"));
	free(json);
	lp_outcome_release(&o);
}

static void the_report_goes_inside_the_root_by_default(void **state)
{
	char *p;

	assert_null(lp_report_path(NULL, "/"));
	p = lp_report_path("default", "/");
	assert_string_equal(p, "/run/lpcheck/last-transaction.json");
	free(p);
	p = lp_report_path("default", "/srv/image");
	assert_string_equal(p, "/srv/image/run/lpcheck/last-transaction.json");
	free(p);
	p = lp_report_path("/var/log/lp.json", "/srv/image"); /* configured: as given */
	assert_string_equal(p, "/var/log/lp.json");
	free(p);
	p = lp_pending_path("/run/lpcheck/last-transaction.json", LP_XEN);
	assert_string_equal(p, "/run/lpcheck/last-transaction.pending-xen.json");
	free(p);
	p = lp_pending_path("/tmp/report", LP_KERNEL);
	assert_string_equal(p, "/tmp/report.pending-kernel.json");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(eol_line_has_prefix_word_build_id_package_and_target),
		cmocka_unit_test(livepatchable_json_names_the_chosen_record),
		cmocka_unit_test(problem_line_and_json_escape_hostile_package_names),
		cmocka_unit_test(plugin_report_has_mode_result_root_and_transaction),
		cmocka_unit_test(the_report_goes_inside_the_root_by_default),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
