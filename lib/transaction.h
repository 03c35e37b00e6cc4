/*
 * The one transaction model: from what a change adds and removes, what is
 * installed and what else is known, to the groups of the EOL rule, the
 * components it concerns, and the outcome. The rpm plugin adapters, `check`
 * and `status` all go through it; doc/rules.md §5 and §6 say what it applies.
 */
#ifndef LPCHECK_TRANSACTION_H
#define LPCHECK_TRANSACTION_H
#include <stdbool.h>
#include <stddef.h>
#include "probe.h"
#include "rule.h"

/*
 * A change to judge. Sets are borrowed. For status, installed is what is on
 * the host and the other sets are empty.
 */
struct lp_transaction {
	enum lp_purpose purpose;
	struct lp_pkgset installed; /* before the change (an rpm plugin may leave the removed ones out) */
	struct lp_pkgset added;
	struct lp_pkgset removed;   /* taken out of installed by NEVRA */
	struct lp_pkgset known;     /* other versions the caller saw, e.g. a repository's older ones */
	struct lp_pkgset offered;   /* check: every candidate, also those not newer; empty: added and removed */
};

/*
 * Step 1 of the rule (doc/rules.md §5): which components the change concerns:
 * status, those with an installed live patch package; check, those of the
 * offered packages and of the installed ones they replace; a transaction,
 * those of its added and removed packages.
 * Reads no installed package for a transaction, so an adapter can call it
 * before touching the database. Returns true when any is concerned.
 */
bool lp_transaction_concerns(const struct lp_transaction *t, bool concerns[LP_NCOMPONENTS]);

/*
 * Invariant: problems are sorted (package, code, detail) and point into the
 * transaction's packages (added ones; status: installed ones); nflagged counts
 * flagged decisions plus problems, and flagged is nflagged > 0.
 */
struct lp_outcome {
	struct lp_decision decisions[LP_NCOMPONENTS];
	const struct lp_problem **problems;
	size_t nproblems;
	size_t nflagged;
	bool flagged;
	bool concerns_any;
};

/*
 * Judges both components: after = installed - removed + added, then the rule.
 * Keep the transaction's packages and the host alive while out is used.
 * Returns false only when out of memory (out is then released).
 */
bool lp_transaction_judge(const struct lp_transaction *t, const struct lp_host *host, struct lp_outcome *out);
void lp_outcome_release(struct lp_outcome *out);

/*
 * `check`'s candidate selection, the way dnf would upgrade: every given .rpm
 * file and the newest of each name in the repositories (lp_pkgset_newest_of_each_name;
 * a file wins over the repositories for its name) is offered. An offered
 * package newer than the installed one of its name replaces it (added, and
 * the installed one removed); one not newer is only known, as is every other
 * repository version. plan->t is ready for lp_transaction_judge().
 */
struct lp_update_plan {
	struct lp_transaction t;
	const struct lp_package **arrays; /* one allocation behind t's added, removed, known, offered */
};
bool lp_update_plan_make(const struct lp_pkgset *installed, const struct lp_pkgset *files,
			 const struct lp_pkgset *repo, struct lp_update_plan *plan);
void lp_update_plan_release(struct lp_update_plan *plan);

#endif
