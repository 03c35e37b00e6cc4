/* The one transaction model: groups, scope and outcome of a change (doc/rules.md §5, §6). */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "transaction.h"

bool lp_transaction_concerns(const struct lp_transaction *t, bool concerns[LP_NCOMPONENTS])
{
	bool any = false;

	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		enum lp_component comp = (enum lp_component)c;
		if (t->purpose == LP_PURPOSE_STATUS)
			concerns[c] = lp_pkgset_concerns(&t->installed, comp);
		else if (t->offered.n) /* what it offers, and what that replaces (an unseen newer version) */
			concerns[c] = lp_pkgset_concerns(&t->offered, comp) || lp_pkgset_concerns(&t->removed, comp);
		else
			concerns[c] = lp_pkgset_concerns(&t->added, comp) || lp_pkgset_concerns(&t->removed, comp);
		any |= concerns[c];
	}
	return any;
}

static bool set_has_nevra(const struct lp_pkgset *set, const char *nevra)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->pkgs[i]->nevra, nevra) == 0)
			return true;
	return false;
}

/* after = installed - removed + added, into room for installed.n + added.n packages. */
static size_t assemble_after(const struct lp_transaction *t, const struct lp_package **after)
{
	size_t n = 0;

	for (size_t i = 0; i < t->installed.n; i++)
		if (!set_has_nevra(&t->removed, t->installed.pkgs[i]->nevra))
			after[n++] = t->installed.pkgs[i];
	for (size_t i = 0; i < t->added.n; i++)
		after[n++] = t->added.pkgs[i];
	return n;
}

/* The layout problems that count: those of the packages the change brings, for a concerned component. */
static bool collect_problems(const struct lp_transaction *t, const bool concerns[], struct lp_outcome *out)
{
	const struct lp_pkgset *brought = t->purpose == LP_PURPOSE_STATUS ? &t->installed : &t->added;
	size_t total = 0;

	for (size_t i = 0; i < brought->n; i++)
		total += brought->pkgs[i]->nproblems;
	out->problems = calloc(total ? total : 1, sizeof(*out->problems));
	if (out->problems == NULL)
		return false;
	for (size_t i = 0; i < brought->n; i++) {
		const struct lp_package *p = brought->pkgs[i];
		bool pkg_concerned = false;
		for (int c = 0; c < LP_NCOMPONENTS; c++)
			pkg_concerned |= p->is_livepatch[c] && concerns[c];
		for (size_t k = 0; k < p->nproblems; k++) {
			const struct lp_problem *pr = &p->problems[k];
			if (pr->component >= 0 ? concerns[pr->component] : pkg_concerned)
				out->problems[out->nproblems++] = pr;
		}
	}
	lp_problems_sort(out->problems, out->nproblems);
	return true;
}

bool lp_transaction_judge(const struct lp_transaction *t, const struct lp_host *host, struct lp_outcome *out)
{
	bool concerns[LP_NCOMPONENTS];
	const struct lp_package **after;
	struct lp_groups groups = { .removed = t->removed, .known = t->known };

	memset(out, 0, sizeof(*out));
	after = calloc(t->installed.n + t->added.n + 1, sizeof(*after));
	if (after == NULL)
		return false;
	groups.after.pkgs = after;
	groups.after.n = assemble_after(t, after);
	out->concerns_any = lp_transaction_concerns(t, concerns);
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		struct lp_running run;
		lp_host_running(host, (enum lp_component)c, &run);
		if (!lp_rule_decide((enum lp_component)c, t->purpose, concerns[c], &run, &groups, &out->decisions[c]))
			goto oom;
		out->nflagged += out->decisions[c].flagged;
	}
	if (!collect_problems(t, concerns, out))
		goto oom;
	out->nflagged += out->nproblems;
	out->flagged = out->nflagged > 0;
	free(after);
	return true;
oom:
	free(after);
	lp_outcome_release(out);
	return false;
}

void lp_outcome_release(struct lp_outcome *out)
{
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		lp_decision_release(&out->decisions[c]);
	free(out->problems);
	out->problems = NULL;
	out->nproblems = 0;
}

static const struct lp_package *find_name(const struct lp_pkgset *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->pkgs[i]->name, name) == 0)
			return set->pkgs[i];
	return NULL;
}

static bool in_list(const struct lp_package *const *list, size_t n, const struct lp_package *p)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == p)
			return true;
	return false;
}

/* Offered: every file, then the newest of each repository name that no file has. */
static void offer_candidates(const struct lp_pkgset *files, const struct lp_pkgset *repo,
			     const struct lp_package **newest, struct lp_update_plan *plan)
{
	struct lp_transaction *t = &plan->t;
	const struct lp_package **offered = (const struct lp_package **)t->offered.pkgs;
	const struct lp_package **known = (const struct lp_package **)t->known.pkgs;
	size_t nnewest = lp_pkgset_newest_of_each_name(repo, newest);

	for (size_t i = 0; i < files->n; i++)
		offered[t->offered.n++] = files->pkgs[i];
	for (size_t i = 0; i < repo->n; i++) {
		const struct lp_package *p = repo->pkgs[i];
		if (!find_name(files, p->name) && in_list(newest, nnewest, p))
			offered[t->offered.n++] = p;
		else
			known[t->known.n++] = p;
	}
}

/* Each offered package against the installed one of its name: a replacement, a new install, or only known. */
static void pair_with_installed(const struct lp_pkgset *installed, struct lp_update_plan *plan)
{
	struct lp_transaction *t = &plan->t;
	const struct lp_package **added = (const struct lp_package **)t->added.pkgs;
	const struct lp_package **removed = (const struct lp_package **)t->removed.pkgs;
	const struct lp_package **known = (const struct lp_package **)t->known.pkgs;

	for (size_t i = 0; i < t->offered.n; i++) {
		const struct lp_package *cand = t->offered.pkgs[i], *inst = find_name(installed, cand->name);
		if (inst && lp_package_evrcmp(cand, inst) <= 0) {
			known[t->known.n++] = cand;
			continue;
		}
		added[t->added.n++] = cand;
		if (inst && !in_list(removed, t->removed.n, inst))
			removed[t->removed.n++] = inst;
	}
}

bool lp_update_plan_make(const struct lp_pkgset *installed, const struct lp_pkgset *files,
			 const struct lp_pkgset *repo, struct lp_update_plan *plan)
{
	size_t room = installed->n + files->n + repo->n + 1;
	const struct lp_package **a;

	memset(plan, 0, sizeof(*plan));
	a = plan->arrays = calloc(5 * room, sizeof(*plan->arrays));
	if (a == NULL)
		return false;
	plan->t.purpose = LP_PURPOSE_TRANSACTION;
	plan->t.installed = *installed;
	plan->t.offered.pkgs = a;
	plan->t.known.pkgs = a + room;
	plan->t.added.pkgs = a + 2 * room;
	plan->t.removed.pkgs = a + 3 * room;
	offer_candidates(files, repo, a + 4 * room, plan);
	pair_with_installed(installed, plan);
	return true;
}

void lp_update_plan_release(struct lp_update_plan *plan)
{
	free(plan->arrays);
	memset(plan, 0, sizeof(*plan));
}
