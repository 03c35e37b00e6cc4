/* One judgement of a transaction, a planned update or a host: both decisions plus flagged problems. */
#ifndef LPCHECK_JUDGE_H
#define LPCHECK_JUDGE_H
#include <stdbool.h>
#include <stddef.h>
#include "engine.h"
#include "probe.h"

struct lp_judge_input {
	enum lp_purpose purpose;
	const struct lp_host *host;
	struct lp_pkgset after;
	struct lp_pkgset removed;
	struct lp_pkgset known;
	/* transaction/check: the added packages (their problems are flagged); status: the installed ones */
	struct lp_pkgset added;
	/*
	 * The packages whose components are judged; unset (n == 0, pkgs NULL):
	 * added and, in a transaction, removed. `check` passes its candidates.
	 */
	struct lp_pkgset scope;
	bool has_scope;
};

/*
 * Invariant: problems are sorted (package, code, detail) and point into the
 * input packages; nflagged counts flagged verdicts plus problems.
 */
struct lp_outcome {
	struct lp_decision decisions[LP_NCOMPONENTS];
	const struct lp_problem **problems;
	size_t nproblems;
	size_t nflagged;
	bool flagged;
	bool concerns_any;
};

/* Returns false only when out of memory. */
bool lp_judge(const struct lp_judge_input *in, struct lp_outcome *out);
void lp_outcome_release(struct lp_outcome *out);

#endif
