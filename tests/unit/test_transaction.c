/* Unit tests: the transaction model (scope, after set, outcome) and check's candidate selection. */
#include "config.h"
#include "helpers.h"
#include "transaction.h"

static const char *const P1_BASES[] = { ID_R "=4.17.5-1", NULL };
static const char *const P3_BASES[] = { ID_B "=4.17.5-2", ID_C "=4.17.5-3", NULL };

/* A host running Xen build id and a kernel of unknown build. */
static void host_running_xen(struct lp_host *host, const char *id)
{
	memset(host, 0, sizeof(*host));
	host->comp[LP_XEN].present = host->comp[LP_XEN].known = true;
	strcpy(host->comp[LP_XEN].build_id, id);
	host->comp[LP_KERNEL].present = true;
}

static struct lp_pkgset set_of(const struct lp_package **pkgs, size_t n)
{
	struct lp_pkgset s = { pkgs, n };
	return s;
}

static void problems_count_only_for_added_packages_of_concerned_components(void **state)
{
	struct lp_package *p3 = pkg_make("xen-livepatch", "3", LP_XEN, "4.17.6-3", P3_BASES, WITH_BOTH);
	struct lp_package *broken = lp_package_new(LP_CONTENTS_KNOWN, "kernel-livepatch", NULL, "2", "1", "x86_64");
	struct lp_package *vim = lp_package_new(LP_CONTENTS_KNOWN, "vim", NULL, "9", "1", "x86_64");
	const struct lp_package *installed[] = { p3 }, *added_broken[] = { broken }, *added_vim[] = { vim };
	struct lp_host host;
	struct lp_outcome o;

	lp_package_add_file(broken, "/usr/lib/kernel-livepatch/README", MODE_REG, NULL);
	assert_true(lp_package_finish(broken));
	assert_true(lp_package_finish(vim));
	host_running_xen(&host, ID_B);
	struct lp_transaction t = { .purpose = LP_PURPOSE_TRANSACTION, .installed = set_of(installed, 1),
				    .added = set_of(added_broken, 1) };
	assert_true(lp_transaction_judge(&t, &host, &o));
	assert_int_equal(o.decisions[LP_XEN].verdict, LP_NOT_APPLICABLE);
	assert_int_equal(o.decisions[LP_KERNEL].verdict, LP_UNKNOWN);
	assert_int_equal(o.nproblems, 1);
	assert_string_equal(o.problems[0]->code, LP_BAD_PATH);
	assert_int_equal(o.nflagged, 1);
	assert_true(o.flagged);
	lp_outcome_release(&o);

	t.added = set_of(added_vim, 1);
	assert_true(lp_transaction_judge(&t, &host, &o));
	assert_false(o.flagged);
	assert_false(o.concerns_any);
	lp_outcome_release(&o);
	lp_package_free(p3);
	lp_package_free(broken);
	lp_package_free(vim);
}

static void scope_follows_the_purpose(void **state)
{
	struct lp_package *xen = pkg_make("xen-livepatch", "1", LP_XEN, "4.17.6-1", P1_BASES, WITH_BOTH);
	struct lp_package *kernel = pkg_empty("kernel-livepatch", "1", LP_KERNEL);
	const struct lp_package *x[] = { xen }, *k[] = { kernel };
	bool concerns[LP_NCOMPONENTS];

	/* a transaction: what it adds and removes, never what is installed */
	struct lp_transaction t = { .purpose = LP_PURPOSE_TRANSACTION, .installed = set_of(x, 1) };
	assert_false(lp_transaction_concerns(&t, concerns));
	t.removed = set_of(k, 1);
	assert_true(lp_transaction_concerns(&t, concerns));
	assert_false(concerns[LP_XEN]);
	assert_true(concerns[LP_KERNEL]);
	/* check: what is offered, even when nothing is newer */
	struct lp_transaction c = { .purpose = LP_PURPOSE_TRANSACTION, .offered = set_of(x, 1) };
	assert_true(lp_transaction_concerns(&c, concerns));
	assert_true(concerns[LP_XEN]);
	/* status: what is installed */
	struct lp_transaction s = { .purpose = LP_PURPOSE_STATUS, .installed = set_of(k, 1) };
	assert_true(lp_transaction_concerns(&s, concerns));
	assert_false(concerns[LP_XEN]);
	assert_true(concerns[LP_KERNEL]);
	lp_package_free(xen);
	lp_package_free(kernel);
}

static void removed_packages_leave_the_after_set_by_nevra(void **state)
{
	struct lp_package *p1 = pkg_make("xen-livepatch", "1", LP_XEN, "4.17.6-1", P1_BASES, WITH_BOTH);
	/* the element rpm erases is another object than the installed header of the same package */
	struct lp_package *p1_element = pkg_make("xen-livepatch", "1", LP_XEN, "4.17.6-1", P1_BASES, WITH_FILES);
	const struct lp_package *installed[] = { p1 }, *removed[] = { p1_element };
	struct lp_host host;
	struct lp_outcome o;

	host_running_xen(&host, ID_R);
	struct lp_transaction t = { .purpose = LP_PURPOSE_TRANSACTION, .installed = set_of(installed, 1),
				    .removed = set_of(removed, 1) };
	assert_true(lp_transaction_judge(&t, &host, &o));
	assert_int_equal(o.decisions[LP_XEN].verdict, LP_EOL);
	assert_null(o.decisions[LP_XEN].latest_target);
	assert_non_null(strstr(o.decisions[LP_XEN].message, "after removing xen-livepatch-1-1.x86_64"));
	lp_outcome_release(&o);
	lp_package_free(p1);
	lp_package_free(p1_element);
}

static void status_flags_problems_of_installed_packages(void **state)
{
	struct lp_package *broken = lp_package_new(LP_CONTENTS_KNOWN, "xen-livepatch", NULL, "2", "1", "x86_64");
	const struct lp_package *installed[] = { broken };
	struct lp_host host;
	struct lp_outcome o;

	lp_package_add_file(broken, "/usr/lib/xen-livepatch/not-a-build-id", MODE_DIR, NULL);
	assert_true(lp_package_finish(broken));
	host_running_xen(&host, ID_R);
	struct lp_transaction t = { .purpose = LP_PURPOSE_STATUS, .installed = set_of(installed, 1) };
	assert_true(lp_transaction_judge(&t, &host, &o));
	assert_int_equal(o.nproblems, 1);
	assert_int_equal(o.decisions[LP_XEN].verdict, LP_NO_MATCH);
	assert_false(o.decisions[LP_XEN].flagged);
	assert_int_equal(o.nflagged, 1);
	lp_outcome_release(&o);
	lp_package_free(broken);
}

/* The packages of check: two installed names, a file, a repository with old and new versions. */
struct plan_world {
	struct lp_package *inst_xen, *inst_kernel, *file_xen, *repo_xen_old, *repo_xen_new, *repo_kernel_old,
		*repo_kernel_same;
};

static int plan_setup(void **state)
{
	struct plan_world *w = calloc(1, sizeof(*w));
	w->inst_xen = pkg_make("xen-livepatch", "2", LP_XEN, "4.17.6-2", P1_BASES, WITH_BOTH);
	w->inst_kernel = pkg_empty("kernel-livepatch", "5", LP_KERNEL);
	w->file_xen = pkg_make("xen-livepatch", "3", LP_XEN, "4.17.6-3", P3_BASES, WITH_BOTH);
	w->repo_xen_old = pkg_make("xen-livepatch", "1", LP_XEN, "4.17.6-1", P1_BASES, WITH_BOTH);
	w->repo_xen_new = pkg_make("xen-livepatch", "9", LP_XEN, "4.17.6-9", P3_BASES, WITH_BOTH);
	w->repo_kernel_old = pkg_empty("kernel-livepatch", "4", LP_KERNEL);
	w->repo_kernel_same = pkg_empty("kernel-livepatch", "5", LP_KERNEL);
	*state = w;
	return 0;
}

static int plan_teardown(void **state)
{
	struct plan_world *w = *state;
	lp_package_free(w->inst_xen);
	lp_package_free(w->inst_kernel);
	lp_package_free(w->file_xen);
	lp_package_free(w->repo_xen_old);
	lp_package_free(w->repo_xen_new);
	lp_package_free(w->repo_kernel_old);
	lp_package_free(w->repo_kernel_same);
	free(w);
	return 0;
}

static bool set_has(const struct lp_pkgset *set, const struct lp_package *p)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->pkgs[i] == p)
			return true;
	return false;
}

static void a_given_file_wins_over_the_repository_for_its_name(void **state)
{
	struct plan_world *w = *state;
	const struct lp_package *inst[] = { w->inst_xen }, *files[] = { w->file_xen },
				*repo[] = { w->repo_xen_old, w->repo_xen_new };
	struct lp_pkgset i = set_of(inst, 1), f = set_of(files, 1), r = set_of(repo, 2);
	struct lp_update_plan plan;

	assert_true(lp_update_plan_make(&i, &f, &r, &plan));
	assert_int_equal(plan.t.added.n, 1);
	assert_ptr_equal(plan.t.added.pkgs[0], w->file_xen);
	assert_int_equal(plan.t.removed.n, 1);
	assert_ptr_equal(plan.t.removed.pkgs[0], w->inst_xen);
	assert_true(set_has(&plan.t.known, w->repo_xen_new));
	assert_true(set_has(&plan.t.known, w->repo_xen_old));
	lp_update_plan_release(&plan);
}

static void the_newest_repository_version_replaces_an_older_installed_one(void **state)
{
	struct plan_world *w = *state;
	const struct lp_package *inst[] = { w->inst_xen }, *repo[] = { w->repo_xen_new, w->repo_xen_old };
	struct lp_pkgset i = set_of(inst, 1), f = set_of(NULL, 0), r = set_of(repo, 2);
	struct lp_update_plan plan;

	assert_true(lp_update_plan_make(&i, &f, &r, &plan));
	assert_int_equal(plan.t.offered.n, 1);
	assert_int_equal(plan.t.added.n, 1);
	assert_ptr_equal(plan.t.added.pkgs[0], w->repo_xen_new);
	assert_ptr_equal(plan.t.removed.pkgs[0], w->inst_xen);
	assert_int_equal(plan.t.known.n, 1);
	assert_ptr_equal(plan.t.known.pkgs[0], w->repo_xen_old);
	lp_update_plan_release(&plan);
}

static void an_offer_not_newer_than_installed_is_only_known_but_still_in_scope(void **state)
{
	struct plan_world *w = *state;
	const struct lp_package *inst[] = { w->inst_kernel }, *repo[] = { w->repo_kernel_old, w->repo_kernel_same };
	struct lp_pkgset i = set_of(inst, 1), f = set_of(NULL, 0), r = set_of(repo, 2);
	struct lp_update_plan plan;
	bool concerns[LP_NCOMPONENTS];

	assert_true(lp_update_plan_make(&i, &f, &r, &plan));
	assert_int_equal(plan.t.added.n, 0);
	assert_int_equal(plan.t.removed.n, 0);
	assert_int_equal(plan.t.known.n, 2);
	assert_true(lp_transaction_concerns(&plan.t, concerns));
	assert_true(concerns[LP_KERNEL]);
	assert_false(concerns[LP_XEN]);
	lp_update_plan_release(&plan);
}

/* An upgrade whose new package nobody could see into (libdnf5 without filelists): unknown, never eol. */
static void an_unseen_upgrade_is_unknown_not_eol(void **state)
{
	struct lp_package *p3 = pkg_make("xen-livepatch", "3", LP_XEN, "4.17.6-3", P3_BASES, WITH_BOTH);
	struct lp_package *unseen = lp_package_new(LP_CONTENTS_UNKNOWN, "xen-livepatch", NULL, "4", "1", "x86_64");
	const struct lp_package *installed[] = { p3 }, *added[] = { unseen }, *removed[] = { p3 };
	struct lp_host host;
	struct lp_outcome o;

	assert_true(lp_package_finish(unseen));
	host_running_xen(&host, ID_B);
	struct lp_transaction t = { .purpose = LP_PURPOSE_TRANSACTION, .installed = set_of(installed, 1),
				    .added = set_of(added, 1), .removed = set_of(removed, 1) };
	assert_true(lp_transaction_judge(&t, &host, &o));
	assert_int_equal(o.decisions[LP_XEN].verdict, LP_UNKNOWN);
	assert_false(o.decisions[LP_XEN].flagged);
	assert_non_null(strstr(o.decisions[LP_XEN].message, "xen-livepatch-4-1.x86_64"));
	assert_false(o.flagged);
	lp_outcome_release(&o);
	lp_package_free(p3);
	lp_package_free(unseen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(problems_count_only_for_added_packages_of_concerned_components),
		cmocka_unit_test(an_unseen_upgrade_is_unknown_not_eol),
		cmocka_unit_test(scope_follows_the_purpose),
		cmocka_unit_test(removed_packages_leave_the_after_set_by_nevra),
		cmocka_unit_test(status_flags_problems_of_installed_packages),
		cmocka_unit_test_setup_teardown(a_given_file_wins_over_the_repository_for_its_name, plan_setup,
						plan_teardown),
		cmocka_unit_test_setup_teardown(the_newest_repository_version_replaces_an_older_installed_one, plan_setup,
						plan_teardown),
		cmocka_unit_test_setup_teardown(an_offer_not_newer_than_installed_is_only_known_but_still_in_scope,
						plan_setup, plan_teardown),
	};
	return cmocka_run_group_tests_name("transaction", tests, NULL, NULL);
}
