/* Unit tests: the plugin's report read back (json-c), and the pending reboot status keeps visible. */
#include "config.h"
#include "helpers.h"
#include "last_run.h"
#include "report_json.h"

#define X31 "3131313131313131313131313131313131313131"

static const char *const BASES_41[] = { ID_B "=4.17.4-1.xs8", NULL };

static const char report_eol[] =
	"{ \"lpcheck\": 1, \"mode\": \"warn\", \"result\": \"completed\", \"time\": \"2026-11-28T22:10:05Z\",\n"
	"  \"root\": \"/\", \"transaction\": { \"added\": [\"xen-livepatch-4-1.x86_64\"],\n"
	"  \"removed\": [\"xen-livepatch-3-3.x86_64\"], \"after\": [\"xen-livepatch-4-1.x86_64\"] },\n"
	"  \"components\": [ { \"component\": \"xen\", \"running_build_id\": \"" X31 "\", \"verdict\": \"eol\",\n"
	"    \"message\": \"running build " X31 " is no longer supported by xen-livepatch-4-1.x86_64; reboot required\" },\n"
	"  { \"component\": \"kernel\", \"running_build_id\": null, \"verdict\": \"not-applicable\", \"message\": \"x\" } ],\n"
	"  \"problems\": [], \"flagged\": true }\n";

/* status of a host running Xen build xen with pkg installed, what the plugin left (hs) applied. */
static struct lp_outcome status_with(const struct lp_package *pkg, const char *xen, const struct lp_host_state *hs,
				     bool repo_read)
{
	const struct lp_package *installed[] = { pkg };
	struct lp_transaction t = { .purpose = LP_PURPOSE_STATUS, .installed = { installed, 1 } };
	static struct lp_host host;
	struct lp_outcome o;

	memset(&host, 0, sizeof(host));
	host.comp[LP_XEN].present = true;
	host.comp[LP_XEN].known = xen != NULL;
	if (xen)
		strcpy(host.comp[LP_XEN].build_id, xen);
	host.comp[LP_KERNEL].present = true;
	assert_true(lp_transaction_judge(&t, &host, &o));
	assert_true(lp_status_apply_host_state(&o, hs, repo_read));
	return o;
}

/* The host state with the eol report as Xen's pending reboot (and as the last run). */
static void pending_xen(struct lp_host_state *hs, const char *doc)
{
	char err[128];

	memset(hs, 0, sizeof(*hs));
	assert_int_equal(lp_report_parse(doc, strlen(doc), &hs->pending[LP_XEN], err, sizeof(err)), LP_REPORT_OK);
	hs->have_pending[LP_XEN] = true;
}

static void the_report_parses(void **state)
{
	struct lp_last_run last;
	char err[128];
	assert_int_equal(lp_report_parse(report_eol, strlen(report_eol), &last, err, sizeof(err)), LP_REPORT_OK);
	assert_string_equal(last.result, "completed");
	assert_int_equal(last.nafter, 1);
	assert_true(last.comp[LP_XEN].judged);
	assert_int_equal(last.comp[LP_XEN].verdict, LP_EOL);
	assert_string_equal(last.comp[LP_XEN].running_build_id, X31);
	assert_null(last.comp[LP_KERNEL].running_build_id);
	lp_last_run_release(&last);
}

static void garbage_and_other_documents_are_refused(void **state)
{
	struct lp_last_run last;
	char err[128];
	assert_int_equal(lp_report_parse("{\"lpcheck\": 1,", 14, &last, err, sizeof(err)), LP_REPORT_BAD);
	assert_non_null(strstr(err, "not JSON"));
	assert_int_equal(lp_report_parse("{\"lpcheck\": 2}", 14, &last, err, sizeof(err)), LP_REPORT_BAD);
	assert_int_equal(lp_report_parse("[1]", 3, &last, err, sizeof(err)), LP_REPORT_BAD);
	assert_string_equal(err, "not an lpcheck report of schema 1");
	assert_int_equal(lp_report_read_file("/nonexistent/report.json", &last, err, sizeof(err)), LP_REPORT_NONE);
	assert_int_equal(lp_report_read_file("/", &last, err, sizeof(err)), LP_REPORT_BAD);
}

static void a_report_is_one_document_whole(void **state)
{
	struct lp_last_run last;
	char err[128], doc[sizeof(report_eol) + 64];

	snprintf(doc, sizeof(doc), "%s \n\t\n", report_eol); /* blanks after it: fine */
	assert_int_equal(lp_report_parse(doc, strlen(doc), &last, err, sizeof(err)), LP_REPORT_OK);
	lp_last_run_release(&last);
	snprintf(doc, sizeof(doc), "%s{\"lpcheck\": 1}", report_eol); /* a second document */
	assert_int_equal(lp_report_parse(doc, strlen(doc), &last, err, sizeof(err)), LP_REPORT_BAD);
	assert_string_equal(err, "text after the JSON document");
	snprintf(doc, sizeof(doc), "%sgarbage", report_eol);
	assert_int_equal(lp_report_parse(doc, strlen(doc), &last, err, sizeof(err)), LP_REPORT_BAD);
	assert_int_equal(lp_report_parse(report_eol, sizeof(report_eol), &last, err, sizeof(err)), LP_REPORT_BAD); /* a NUL */
}

static void a_pending_reboot_stays_eol_after_the_upgrade(void **state)
{
	struct lp_package *p41 = pkg_make("xen-livepatch", "4", LP_XEN, "4.17.4-6.xs8", BASES_41, WITH_BOTH);
	struct lp_host_state hs;
	struct lp_outcome o;

	pending_xen(&hs, report_eol);
	o = status_with(p41, X31, NULL, false);
	assert_int_equal(o.decisions[LP_XEN].verdict, LP_NO_MATCH); /* what the database alone says */
	assert_false(o.flagged);
	assert_non_null(strstr(o.decisions[LP_XEN].message, "lpcheck status --repo DIR tells"));
	lp_outcome_release(&o);

	o = status_with(p41, X31, &hs, false);
	assert_int_equal(o.decisions[LP_XEN].verdict, LP_EOL);
	assert_true(o.decisions[LP_XEN].flagged);
	assert_true(o.decisions[LP_XEN].reboot_required);
	assert_true(o.flagged);
	assert_int_equal(lp_pending_state(&hs, &o.decisions[LP_XEN]), LP_PENDING_REBOOT);
	assert_non_null(strstr(o.decisions[LP_XEN].message,
			       "since the transaction of 2026-11-28T22:10:05Z (xen-livepatch-3-3.x86_64 -> "
			       "xen-livepatch-4-1.x86_64)"));
	lp_outcome_release(&o);
	lp_package_free(p41);
	lp_host_state_release(&hs);
}

static void a_pending_reboot_ends_with_a_reboot_or_a_covering_update(void **state)
{
	struct lp_package *p41 = pkg_make("xen-livepatch", "4", LP_XEN, "4.17.4-6.xs8", BASES_41, WITH_BOTH);
	static const char *const bases_x31[] = { X31 "=4.17.3-1.xs8", NULL };
	struct lp_package *p61 = pkg_make("xen-livepatch", "6", LP_XEN, "4.17.3-9.xs8", bases_x31, WITH_BOTH);
	struct lp_host_state hs;
	struct lp_outcome o;

	pending_xen(&hs, report_eol);
	/* rebooted into a build the update supports: the reboot was done, nothing flagged */
	o = status_with(p41, ID_B, &hs, false);
	assert_int_equal(o.decisions[LP_XEN].verdict, LP_LIVEPATCHABLE);
	assert_false(o.flagged);
	assert_int_equal(lp_pending_state(&hs, &o.decisions[LP_XEN]), LP_PENDING_DONE);
	assert_non_null(strstr(o.decisions[LP_XEN].message, "the reboot pending since the transaction of "
								"2026-11-28T22:10:05Z (for running build " X31 ") is done"));
	lp_outcome_release(&o);
	/* the running build cannot be read now: unknown, never flagged on the old report */
	o = status_with(p41, NULL, &hs, false);
	assert_int_equal(o.decisions[LP_XEN].verdict, LP_UNKNOWN);
	assert_false(o.flagged);
	assert_non_null(strstr(o.decisions[LP_XEN].message, "a reboot has been pending since"));
	lp_outcome_release(&o);
	/* installed since, by any means: a package that covers the running build again */
	o = status_with(p61, X31, &hs, false);
	assert_int_equal(o.decisions[LP_XEN].verdict, LP_LIVEPATCHABLE);
	assert_int_equal(lp_pending_state(&hs, &o.decisions[LP_XEN]), LP_PENDING_NONE);
	assert_false(o.flagged);
	lp_outcome_release(&o);
	/* a pending file that is not a completed run's eol is no pending reboot */
	free(hs.pending[LP_XEN].result);
	hs.pending[LP_XEN].result = strdup("blocked");
	o = status_with(p41, X31, &hs, true);
	assert_int_equal(o.decisions[LP_XEN].verdict, LP_NO_MATCH);
	assert_null(strstr(o.decisions[LP_XEN].message, "--repo DIR tells")); /* a repository was read */
	lp_outcome_release(&o);
	lp_package_free(p41);
	lp_package_free(p61);
	lp_host_state_release(&hs);
}

static void a_blocked_test_run_is_shown_as_status_lines(void **state)
{
	struct lp_last_run last;
	char err[128], **lines;
	size_t n;
	char *doc = strdup(report_eol);
	char *r = strstr(doc, "\"result\": \"completed\"");

	memcpy(r, "\"result\": \"blocked\"  ", 21); /* the same length as "result": "completed" */
	assert_int_equal(lp_report_parse(doc, strlen(doc), &last, err, sizeof(err)), LP_REPORT_OK);
	assert_true(lp_last_run_worth_showing(&last));
	lines = lp_last_run_lines(&last, NULL, &n);
	assert_int_equal(n, 0); /* no component says it is flagged in this document */
	free(lines);
	last.comp[LP_XEN].flagged = true;
	free(last.mode);
	last.mode = strdup("enforce");
	last.test = true;
	lines = lp_last_run_lines(&last, NULL, &n);
	assert_int_equal(n, 1);
	assert_string_equal(lines[0], "blocked at 2026-11-28T22:10:05Z (enforce, test run): xen eol: running build " X31
				      " is no longer supported by xen-livepatch-4-1.x86_64; reboot required");
	free(lines[0]);
	free(lines);
	/* the host runs another build now: the line says the reboot was done, not "reboot required" */
	{
		struct lp_outcome now;
		memset(&now, 0, sizeof(now));
		now.decisions[LP_XEN].component = LP_XEN;
		now.decisions[LP_XEN].running_build_id = ID_B;
		lines = lp_last_run_lines(&last, &now, &n);
		assert_int_equal(n, 1);
		assert_string_equal(lines[0], "blocked at 2026-11-28T22:10:05Z (enforce, test run): xen eol for running "
					      "build " X31 ": the reboot it asked for is done (the host now runs " ID_B ")");
		free(lines[0]);
		free(lines);
	}
	free(last.result);
	last.result = strdup("completed");
	last.flagged = false;
	assert_false(lp_last_run_worth_showing(&last)); /* completed and flagged nothing: not shown */
	lp_last_run_release(&last);
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_report_parses),
		cmocka_unit_test(garbage_and_other_documents_are_refused),
		cmocka_unit_test(a_report_is_one_document_whole),
		cmocka_unit_test(a_pending_reboot_stays_eol_after_the_upgrade),
		cmocka_unit_test(a_pending_reboot_ends_with_a_reboot_or_a_covering_update),
		cmocka_unit_test(a_blocked_test_run_is_shown_as_status_lines),
	};
	return cmocka_run_group_tests_name("last_run", tests, NULL, NULL);
}
