/* One judgement of a transaction, a planned update or a host: both decisions plus flagged problems. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "judge.h"

bool lp_judge(const struct lp_judge_input *in, struct lp_outcome *out)
{
	bool concerns[LP_NCOMPONENTS];
	size_t total = 0;

	memset(out, 0, sizeof(*out));
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		struct lp_running run;
		/* a transaction concerns c when it adds or removes a live patch package of c */
		if (in->has_scope)
			concerns[c] = lp_pkgset_concerns(&in->scope, (enum lp_component)c);
		else
			concerns[c] = lp_pkgset_concerns(&in->added, (enum lp_component)c) ||
				      (in->purpose == LP_PURPOSE_TRANSACTION &&
				       lp_pkgset_concerns(&in->removed, (enum lp_component)c));
		lp_host_running(in->host, (enum lp_component)c, &run);
		if (!lp_decide((enum lp_component)c, in->purpose, concerns[c], &run, &in->after, &in->removed,
			       &in->known, &out->decisions[c]))
			goto oom;
		out->concerns_any |= concerns[c];
		if (out->decisions[c].flagged)
			out->nflagged++;
	}
	for (size_t i = 0; i < in->added.n; i++)
		total += in->added.pkgs[i]->nproblems;
	out->problems = calloc(total ? total : 1, sizeof(*out->problems));
	if (out->problems == NULL)
		goto oom;
	for (size_t i = 0; i < in->added.n; i++) {
		const struct lp_package *p = in->added.pkgs[i];
		bool pkg_concerned = false;
		for (int c = 0; c < LP_NCOMPONENTS; c++)
			pkg_concerned |= p->is_livepatch[c] && concerns[c];
		for (size_t k = 0; k < p->nproblems; k++) {
			const struct lp_problem *pr = &p->problems[k];
			bool counts = pr->component >= 0 ? concerns[pr->component] : pkg_concerned;
			if (counts)
				out->problems[out->nproblems++] = pr;
		}
	}
	lp_problems_sort(out->problems, out->nproblems);
	out->nflagged += out->nproblems;
	out->flagged = out->nflagged > 0;
	return true;
oom:
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
