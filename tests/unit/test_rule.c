/* Unit tests: the EOL rule, the acceptance cases of doc/rules.md §7, and flagging. */
#include "config.h"
#include "helpers.h"
#include "rule.h"

#define BASE_R "4.17.5-1"
#define BASE_B "4.17.5-2"
#define BASE_C "4.17.5-3"

static const char *const P1_BASES[] = { ID_R "=" BASE_R, NULL };
static const char *const P2_BASES[] = { ID_R "=" BASE_R, ID_B "=" BASE_B, NULL };
static const char *const P3_BASES[] = { ID_B "=" BASE_B, ID_C "=" BASE_C, NULL };

struct world {
	struct lp_package *p1, *p2, *p3;
};

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	w->p1 = pkg_make("xen-livepatch", "1", LP_XEN, "4.17.6-1", P1_BASES, WITH_BOTH);
	w->p2 = pkg_make("xen-livepatch", "2", LP_XEN, "4.17.6-2", P2_BASES, WITH_BOTH);
	w->p3 = pkg_make("xen-livepatch", "3", LP_XEN, "4.17.6-3", P3_BASES, WITH_BOTH);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	lp_package_free(w->p1);
	lp_package_free(w->p2);
	lp_package_free(w->p3);
	free(w);
	return 0;
}

/* Runs the rule for Xen: after = the given packages, the others empty. */
static struct lp_decision decide_with(const struct lp_package *const *after, size_t n, const char *running,
				      const char *applied, const struct lp_package *const *removed, size_t nremoved,
				      enum lp_purpose purpose)
{
	struct lp_pkgset a = { after, n }, r = { removed, nremoved }, k = { NULL, 0 };
	struct lp_applied app;
	struct lp_running run = { .present = true, .build_id = running, .applied = NULL };
	struct lp_decision d;

	if (applied) {
		assert_true(lp_applied_from_vr(&app, applied));
		run.applied = &app;
	}
	assert_true(lp_rule_decide(LP_XEN, purpose, n + nremoved > 0, &run, &(struct lp_groups){ a, r, k }, &d));
	if (applied) {
		/* the decision points at app: compare what we need now, then keep only plain data */
		d.applied = NULL;
		lp_applied_release(&app);
	}
	return d;
}

static void assert_supported(const struct lp_decision *d, const char *const *ids)
{
	size_t n = 0;
	for (; ids[n]; n++)
		assert_string_equal(d->supported[n], ids[n]);
	assert_int_equal(d->nsupported, n);
}

static void case01_nothing_is_not_applicable(void **state)
{
	struct lp_decision d = decide_with(NULL, 0, ID_R, NULL, NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_NOT_APPLICABLE);
	assert_false(d.flagged);
	assert_null(d.latest_target);
	assert_int_equal(d.nsupported, 0);
	lp_decision_release(&d);
}

static void case02_single_update_is_livepatchable(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p1 };
	struct lp_decision d = decide_with(after, 1, ID_R, NULL, NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_LIVEPATCHABLE);
	assert_false(d.flagged);
	assert_ptr_equal(d.chosen->pkg, w->p1);
	assert_string_equal(d.chosen->to.r, "1");
	assert_supported(&d, (const char *const[]){ ID_R, NULL });
	assert_false(d.reboot_required);
	lp_decision_release(&d);
}

static void case03_newer_update_is_chosen(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p1, w->p2 };
	struct lp_decision d = decide_with(after, 2, ID_R, NULL, NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_LIVEPATCHABLE);
	assert_ptr_equal(d.chosen->pkg, w->p2);
	assert_string_equal(d.chosen->to.r, "2");
	assert_supported(&d, (const char *const[]){ ID_R, ID_B, NULL });
	lp_decision_release(&d);
}

static void case04_eol_when_latest_update_drops_running_base(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p1, w->p2, w->p3 };
	struct lp_decision d = decide_with(after, 3, ID_R, NULL, NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_EOL);
	assert_true(d.flagged);
	assert_true(d.reboot_required);
	assert_null(d.chosen); /* the old logic wrongly chose P2 */
	assert_string_equal(d.latest_target->r, "3");
	assert_supported(&d, (const char *const[]){ ID_C, ID_B, NULL });
	assert_non_null(strstr(d.message, ID_R));
	assert_non_null(strstr(d.message, "xen-livepatch-3-1.x86_64"));
	assert_non_null(strstr(d.message, "4.17.6-3"));
	assert_non_null(strstr(d.message, "supports 2 other builds"));
	lp_decision_release(&d);
}

static void case04b_eol_when_p2_removed_and_p3_added(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p1, w->p3 }, *removed[] = { w->p2 };
	struct lp_decision d = decide_with(after, 2, ID_R, NULL, removed, 1, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_EOL);
	assert_true(d.flagged);
	assert_supported(&d, (const char *const[]){ ID_C, ID_B, NULL });
	lp_decision_release(&d);
}

static void case05_other_base_uses_the_latest_update(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p1, w->p2, w->p3 };
	struct lp_decision d = decide_with(after, 3, ID_B, NULL, NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_LIVEPATCHABLE);
	assert_ptr_equal(d.chosen->pkg, w->p3);
	assert_string_equal(d.chosen->build_id, ID_B);
	assert_string_equal(d.chosen->base.r, "2");
	lp_decision_release(&d);
}

static void case06_older_applied_patch_is_still_livepatchable(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p1, w->p2, w->p3 };
	struct lp_decision d = decide_with(after, 3, ID_B, "4.17.6-2", NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_LIVEPATCHABLE);
	assert_ptr_equal(d.chosen->pkg, w->p3);
	lp_decision_release(&d);
}

static void case07_applied_latest_target_is_up_to_date(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p1, w->p2, w->p3 };
	struct lp_decision d = decide_with(after, 3, ID_B, "4.17.6-3", NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_UP_TO_DATE);
	assert_false(d.flagged);
	assert_ptr_equal(d.chosen->pkg, w->p3);
	assert_non_null(strstr(d.message, "already has 4.17.6-3 applied"));
	lp_decision_release(&d);
}

static void case08_kernel_package_never_moves_xen_target(void **state)
{
	struct world *w = *state;
	static const char *const kb[] = { ID_R "=9.9-1", NULL };
	struct lp_package *k = pkg_make("kernel-livepatch", "1", LP_KERNEL, "99.0-1", kb, WITH_BOTH);
	const struct lp_package *after[] = { w->p1, w->p2, w->p3, k };
	struct lp_decision d = decide_with(after, 4, ID_R, NULL, NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_EOL);
	assert_string_equal(d.latest_target->v, "4.17.6");
	assert_supported(&d, (const char *const[]){ ID_C, ID_B, NULL });
	lp_decision_release(&d);
	lp_package_free(k);
}

static void case09_ties_across_packages_are_unioned(void **state)
{
	struct world *w = *state;
	static const char *const bb[] = { ID_B "=1-0", NULL }, *const rb[] = { ID_R "=1-0", NULL };
	struct lp_package *a = pkg_make("xen-livepatch-a", "1", LP_XEN, "1-2", bb, WITH_BOTH);
	struct lp_package *b = pkg_make("xen-livepatch-b", "1", LP_XEN, "1-2", rb, WITH_BOTH);
	static const char *const p1b[] = { ID_R "=1-0", NULL };
	struct lp_package *p1 = pkg_make("xen-livepatch", "1", LP_XEN, "1-1", p1b, WITH_BOTH);
	const struct lp_package *after[] = { p1, a, b };
	struct lp_decision d = decide_with(after, 3, ID_R, NULL, NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_LIVEPATCHABLE);
	assert_string_equal(d.chosen->to.r, "2");
	assert_ptr_equal(d.chosen->pkg, b);
	assert_supported(&d, (const char *const[]){ ID_R, ID_B, NULL });
	lp_decision_release(&d);
	lp_package_free(a);
	lp_package_free(b);
	lp_package_free(p1);
	(void)w;
}

static void tie_on_one_base_picks_highest_evr_then_lowest_name(void **state)
{
	static const char *const rb[] = { ID_R "=1-0", NULL };
	struct lp_package *z = pkg_make("zz-livepatch", "5", LP_XEN, "1-2", rb, WITH_BOTH);
	struct lp_package *a = pkg_make("aa-livepatch", "5", LP_XEN, "1-2", rb, WITH_BOTH);
	struct lp_package *old = pkg_make("00-livepatch", "4", LP_XEN, "1-2", rb, WITH_BOTH);
	const struct lp_package *after[] = { z, old, a };
	struct lp_decision d = decide_with(after, 3, ID_R, NULL, NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_ptr_equal(d.chosen->pkg, a);
	lp_decision_release(&d);
	lp_package_free(z);
	lp_package_free(a);
	lp_package_free(old);
}

static void case10_applied_older_patch_does_not_save_an_eol_base(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p1, w->p2, w->p3 };
	struct lp_decision d = decide_with(after, 3, ID_R, "4.17.6-2", NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_EOL);
	assert_true(d.flagged);
	lp_decision_release(&d);
}

static void case11_base_only_in_latest_update_is_livepatchable(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p1, w->p2, w->p3 };
	struct lp_decision d = decide_with(after, 3, ID_C, NULL, NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_LIVEPATCHABLE);
	assert_ptr_equal(d.chosen->pkg, w->p3);
	assert_string_equal(d.chosen->base.r, "3");
	lp_decision_release(&d);
}

static void case12_unknown_base_is_no_match(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p3 };
	struct lp_decision d = decide_with(after, 1, ID_R, NULL, NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_NO_MATCH);
	assert_true(d.flagged);
	assert_false(d.reboot_required);
	assert_null(d.chosen);
	assert_non_null(strstr(d.message, "xen-livepatch-3-1.x86_64"));
	assert_non_null(strstr(d.message, ID_R));
	lp_decision_release(&d);
}

static void case13_upgrade_to_empty_package_is_eol(void **state)
{
	struct world *w = *state;
	struct lp_package *empty = pkg_empty("xen-livepatch", "4", LP_XEN);
	const struct lp_package *after[] = { empty }, *removed[] = { w->p2 };
	struct lp_decision d = decide_with(after, 1, ID_R, NULL, removed, 1, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_EOL);
	assert_true(d.flagged);
	assert_null(d.latest_target);
	assert_int_equal(d.nsupported, 0);
	assert_non_null(strstr(d.message, "xen-livepatch-4-1.x86_64"));
	lp_decision_release(&d);
	lp_package_free(empty);
}

static void case14_empty_to_empty_upgrade_is_no_match_not_flagged(void **state)
{
	struct lp_package *old = pkg_empty("xen-livepatch", "5", LP_XEN), *next = pkg_empty("xen-livepatch", "6", LP_XEN);
	const struct lp_package *after[] = { next }, *removed[] = { old };
	struct lp_decision d = decide_with(after, 1, ID_R, NULL, removed, 1, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_NO_MATCH);
	assert_false(d.flagged);
	assert_non_null(strstr(d.message, "xen-livepatch-6-1.x86_64 carries no xen live patch"));
	lp_decision_release(&d);
	lp_package_free(old);
	lp_package_free(next);
}

static void case15_erase_of_a_package_that_never_carried_r_is_not_flagged(void **state)
{
	struct world *w = *state;
	const struct lp_package *removed[] = { w->p3 };
	struct lp_decision d = decide_with(NULL, 0, ID_R, NULL, removed, 1, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_NO_MATCH);
	assert_false(d.flagged);
	assert_non_null(strstr(d.message, "the host had none to lose"));
	lp_decision_release(&d);
}

static void case16_erase_of_the_package_carrying_b_is_eol(void **state)
{
	struct world *w = *state;
	const struct lp_package *removed[] = { w->p3 };
	struct lp_decision d = decide_with(NULL, 0, ID_B, NULL, removed, 1, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_EOL);
	assert_true(d.flagged);
	lp_decision_release(&d);
}

/* XCP-ng's kernel history: one base's payload name reaches the 55-character cut, the other's does not. */
static struct lp_package *xcpng_kernel_files_only(void)
{
	static const char *const bases[] = { ID_R "=4.19.19-8.0.38.11.xcpng8.3", ID_B "=4.19.19-8.0.39.xcpng8.3",
					     NULL };
	return pkg_make("kernel-livepatch", "7", LP_KERNEL, "4.19.19-8.0.40.xcpng8.3", bases, WITH_FILES);
}

static void cut_payload_name_matches_the_full_target_it_starts(void **state)
{
	struct lp_package *p = xcpng_kernel_files_only();
	const struct lp_package *after[] = { p };
	struct lp_running run = { .present = true, .build_id = ID_R };
	struct lp_decision d;

	assert_int_equal(p->nrecords, 2);
	assert_int_equal(p->nproblems, 0); /* no mixed-targets from the cut name */
	assert_string_equal(lp_package_target(p, LP_KERNEL)->r, "8.0.40.xcpng8.3");
	assert_true(lp_rule_decide(LP_KERNEL, LP_PURPOSE_TRANSACTION, true, &run,
				   &(struct lp_groups){ { after, 1 }, { NULL, 0 }, { NULL, 0 } }, &d));
	assert_int_equal(d.verdict, LP_LIVEPATCHABLE);
	assert_int_equal(d.nsupported, 2);
	assert_string_equal(d.latest_target->r, "8.0.40.xcpng8.3");
	lp_decision_release(&d);
	lp_package_free(p);
}

static void erase_of_the_package_carrying_the_running_base_is_eol(void **state)
{
	struct world *w = *state;
	const struct lp_package *removed[] = { w->p2 };
	struct lp_decision d = decide_with(NULL, 0, ID_R, NULL, removed, 1, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_EOL);
	assert_non_null(strstr(d.message, "xen-livepatch-2-1.x86_64"));
	lp_decision_release(&d);
}

static void known_history_turns_no_match_into_eol(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p3 }, *known[] = { w->p1 };
	struct lp_pkgset a = { after, 1 }, r = { NULL, 0 }, k = { known, 1 };
	struct lp_running run = { .present = true, .build_id = ID_R };
	struct lp_decision d;
	assert_true(lp_rule_decide(LP_XEN, LP_PURPOSE_TRANSACTION, true, &run, &(struct lp_groups){ a, r, k }, &d));
	assert_int_equal(d.verdict, LP_EOL);
	lp_decision_release(&d);
}

static void no_match_is_flagged_in_a_transaction_but_not_in_status(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p3 };
	struct lp_decision d = decide_with(after, 1, ID_R, NULL, NULL, 0, LP_PURPOSE_STATUS);
	assert_int_equal(d.verdict, LP_NO_MATCH);
	assert_false(d.flagged);
	lp_decision_release(&d);
	d = decide_with(after, 1, ID_R, NULL, NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_true(d.flagged);
	lp_decision_release(&d);
}

static void eol_is_flagged_in_status(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p1, w->p3 };
	struct lp_decision d = decide_with(after, 2, ID_R, NULL, NULL, 0, LP_PURPOSE_STATUS);
	assert_int_equal(d.verdict, LP_EOL);
	assert_true(d.flagged);
	lp_decision_release(&d);
}

static void unknown_running_build_is_unknown_and_not_flagged(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p3 };
	struct lp_decision d = decide_with(after, 1, NULL, NULL, NULL, 0, LP_PURPOSE_TRANSACTION);
	assert_int_equal(d.verdict, LP_UNKNOWN);
	assert_false(d.flagged);
	lp_decision_release(&d);
}

static void xen_not_running_is_not_applicable(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p3 };
	struct lp_pkgset a = { after, 1 }, none = { NULL, 0 };
	struct lp_running run = { .present = false, .why = "xen is not running" };
	struct lp_decision d;
	assert_true(lp_rule_decide(LP_XEN, LP_PURPOSE_TRANSACTION, true, &run, &(struct lp_groups){ a, none, none }, &d));
	assert_int_equal(d.verdict, LP_NOT_APPLICABLE);
	assert_string_equal(d.message, "xen is not running");
	lp_decision_release(&d);
}

static void transaction_not_touching_livepatches_is_not_applicable(void **state)
{
	struct world *w = *state;
	const struct lp_package *after[] = { w->p1, w->p3 };
	struct lp_pkgset a = { after, 2 }, none = { NULL, 0 };
	struct lp_running run = { .present = true, .build_id = ID_R };
	struct lp_decision d;
	/* installing an editor on a host whose installed update is EOL: silent */
	assert_true(lp_rule_decide(LP_XEN, LP_PURPOSE_TRANSACTION, false, &run, &(struct lp_groups){ a, none, none }, &d));
	assert_int_equal(d.verdict, LP_NOT_APPLICABLE);
	assert_false(d.flagged);
	lp_decision_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(case01_nothing_is_not_applicable, setup, teardown),
		cmocka_unit_test_setup_teardown(case02_single_update_is_livepatchable, setup, teardown),
		cmocka_unit_test_setup_teardown(case03_newer_update_is_chosen, setup, teardown),
		cmocka_unit_test_setup_teardown(case04_eol_when_latest_update_drops_running_base, setup, teardown),
		cmocka_unit_test_setup_teardown(case04b_eol_when_p2_removed_and_p3_added, setup, teardown),
		cmocka_unit_test_setup_teardown(case05_other_base_uses_the_latest_update, setup, teardown),
		cmocka_unit_test_setup_teardown(case06_older_applied_patch_is_still_livepatchable, setup, teardown),
		cmocka_unit_test_setup_teardown(case07_applied_latest_target_is_up_to_date, setup, teardown),
		cmocka_unit_test_setup_teardown(case08_kernel_package_never_moves_xen_target, setup, teardown),
		cmocka_unit_test_setup_teardown(case09_ties_across_packages_are_unioned, setup, teardown),
		cmocka_unit_test_setup_teardown(tie_on_one_base_picks_highest_evr_then_lowest_name, setup, teardown),
		cmocka_unit_test_setup_teardown(case10_applied_older_patch_does_not_save_an_eol_base, setup, teardown),
		cmocka_unit_test_setup_teardown(case11_base_only_in_latest_update_is_livepatchable, setup, teardown),
		cmocka_unit_test_setup_teardown(case12_unknown_base_is_no_match, setup, teardown),
		cmocka_unit_test_setup_teardown(case13_upgrade_to_empty_package_is_eol, setup, teardown),
		cmocka_unit_test_setup_teardown(case14_empty_to_empty_upgrade_is_no_match_not_flagged, setup, teardown),
		cmocka_unit_test_setup_teardown(case15_erase_of_a_package_that_never_carried_r_is_not_flagged, setup,
						teardown),
		cmocka_unit_test_setup_teardown(case16_erase_of_the_package_carrying_b_is_eol, setup, teardown),
		cmocka_unit_test(cut_payload_name_matches_the_full_target_it_starts),
		cmocka_unit_test_setup_teardown(erase_of_the_package_carrying_the_running_base_is_eol, setup, teardown),
		cmocka_unit_test_setup_teardown(known_history_turns_no_match_into_eol, setup, teardown),
		cmocka_unit_test_setup_teardown(no_match_is_flagged_in_a_transaction_but_not_in_status, setup, teardown),
		cmocka_unit_test_setup_teardown(eol_is_flagged_in_status, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_running_build_is_unknown_and_not_flagged, setup, teardown),
		cmocka_unit_test_setup_teardown(xen_not_running_is_not_applicable, setup, teardown),
		cmocka_unit_test_setup_teardown(transaction_not_touching_livepatches_is_not_applicable, setup, teardown),
	};
	return cmocka_run_group_tests_name("rule", tests, NULL, NULL);
}
