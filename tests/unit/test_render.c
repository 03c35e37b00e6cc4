/* Unit tests: one outcome rendered in each format; the monitoring-plugins state. */
#include "config.h"
#include "helpers.h"
#include "render.h"
#include "transaction.h"

static const char *const P2_BASES[] = { ID_R "=4.17.5-1", ID_B "=4.17.5-2", NULL };
static const char *const P3_BASES[] = { ID_B "=4.17.5-2", ID_C "=4.17.5-3", NULL };

/* The outcome of upgrading p2 to p3 on a host running Xen build xen (NULL: unknown). */
static void judge_upgrade(const char *xen, struct lp_package **p2, struct lp_package **p3, struct lp_outcome *o)
{
	static const struct lp_package *removed[1], *added[1];
	static struct lp_host host;

	*p2 = pkg_make("xen-livepatch", "3", LP_XEN, "4.17.6-2", P2_BASES, WITH_BOTH);
	*p3 = pkg_make("xen-livepatch", "4", LP_XEN, "4.17.6-3", P3_BASES, WITH_BOTH);
	removed[0] = *p2;
	added[0] = *p3;
	memset(&host, 0, sizeof(host));
	host.comp[LP_XEN].present = true;
	host.comp[LP_XEN].known = xen != NULL;
	if (xen)
		strcpy(host.comp[LP_XEN].build_id, xen);
	struct lp_transaction t = { .purpose = LP_PURPOSE_TRANSACTION, .removed = { removed, 1 }, .added = { added, 1 } };
	assert_true(lp_transaction_judge(&t, &host, o));
}

static void eol_is_critical_with_perfdata(void **state)
{
	struct lp_package *p2, *p3;
	struct lp_outcome o;
	struct lp_view v = { .outcome = &o };
	char *line;

	judge_upgrade(ID_R, &p2, &p3, &o);
	assert_int_equal(lp_render_nagios_state(&v), LP_NAGIOS_CRITICAL);
	line = lp_render(&v, LP_FORMAT_NAGIOS);
	assert_string_equal(line, "LPCHECK CRITICAL - xen eol (reboot required), kernel not-applicable | "
				  "'xen_reboot_required'=1;;1;0;1 'kernel_reboot_required'=0;;1;0;1 "
				  "'xen_supported_builds'=2;;;0; 'kernel_supported_builds'=0;;;0; 'problems'=0;1;;0;\n");
	free(line);
	lp_outcome_release(&o);
	lp_package_free(p2);
	lp_package_free(p3);
}

static void supported_is_ok_and_unknown_is_unknown(void **state)
{
	struct lp_package *p2, *p3;
	struct lp_outcome o;
	struct lp_view v = { .outcome = &o };

	judge_upgrade(ID_B, &p2, &p3, &o);
	assert_int_equal(lp_render_nagios_state(&v), LP_NAGIOS_OK);
	v.unreadable = "the plugin's report '/run/x': not JSON";
	assert_int_equal(lp_render_nagios_state(&v), LP_NAGIOS_UNKNOWN);
	lp_outcome_release(&o);
	lp_package_free(p2);
	lp_package_free(p3);
	judge_upgrade(NULL, &p2, &p3, &o); /* the running Xen build cannot be read */
	v.unreadable = NULL;
	assert_int_equal(lp_render_nagios_state(&v), LP_NAGIOS_UNKNOWN);
	lp_outcome_release(&o);
	lp_package_free(p2);
	lp_package_free(p3);
}

static void prometheus_has_help_type_and_escaped_labels(void **state)
{
	struct lp_package *p2, *p3;
	struct lp_outcome o;
	struct lp_repo_seen repo = { "/srv/repo \"q\"\\x", 90 };
	struct lp_view v = { .outcome = &o, .repos = &repo, .nrepos = 1, .version = "0.1.0" };
	char *text;

	judge_upgrade(ID_R, &p2, &p3, &o);
	text = lp_render(&v, LP_FORMAT_PROMETHEUS);
	assert_non_null(strstr(text, "# HELP lpcheck_reboot_required "));
	assert_non_null(strstr(text, "# TYPE lpcheck_reboot_required gauge\nlpcheck_reboot_required{component=\"xen\"} 1\n"
				     "lpcheck_reboot_required{component=\"kernel\"} 0\n"));
	assert_non_null(strstr(text, "lpcheck_verdict{component=\"xen\",verdict=\"eol\"} 1\n"));
	assert_non_null(strstr(text, "lpcheck_repository_metadata_age_seconds{repo=\"/srv/repo \\\"q\\\"\\\\x\"} 90\n"));
	assert_non_null(strstr(text, "lpcheck_build_info{version=\"0.1.0\"} 1\n"));
	assert_null(strstr(text, "lpcheck_last_transaction")); /* check: no plugin report */
	free(text);
	text = lp_render(&v, LP_FORMAT_TEXT);
	assert_non_null(strstr(text, "COMPONENT VERDICT         FLAGGED"));
	assert_non_null(strstr(text, "xen      eol             yes      " ID_R));
	free(text);
	lp_outcome_release(&o);
	lp_package_free(p2);
	lp_package_free(p3);
}

static void formats_are_named(void **state)
{
	enum lp_format f;

	assert_true(lp_format_parse("prometheus", &f));
	assert_int_equal(f, LP_FORMAT_PROMETHEUS);
	assert_true(lp_format_parse("nagios", &f));
	assert_int_equal(f, LP_FORMAT_NAGIOS);
	assert_false(lp_format_parse("Nagios", &f));
	assert_false(lp_format_parse("", &f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(eol_is_critical_with_perfdata),
		cmocka_unit_test(supported_is_ok_and_unknown_is_unknown),
		cmocka_unit_test(prometheus_has_help_type_and_escaped_labels),
		cmocka_unit_test(formats_are_named),
	};
	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
