/* Build-system validation: one entry per (package, component), what each version adds and drops. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scan.h"

static int pkg_order(const void *a, const void *b)
{
	const struct lp_package *x = *(const struct lp_package *const *)a, *y = *(const struct lp_package *const *)b;
	int rc = strcmp(x->name, y->name);
	if (rc == 0)
		rc = lp_package_evrcmp(x, y);
	if (rc == 0)
		rc = strcmp(x->arch ? x->arch : "", y->arch ? y->arch : "");
	return rc;
}

/* The build IDs of a that are not in b (both sorted); returns the count written to out. */
static size_t ids_minus(const struct lp_scan_entry *a, const struct lp_scan_entry *b, const char **out)
{
	size_t i = 0, j = 0, n = 0;
	while (i < a->nbases) {
		int rc = (b == NULL || j >= b->nbases) ? -1 : strcmp(a->bases[i]->build_id, b->bases[j]->build_id);
		if (rc < 0)
			out[n++] = a->bases[i++]->build_id;
		else if (rc > 0)
			j++;
		else
			i++, j++;
	}
	return n;
}

bool lp_scan_run(const struct lp_pkgset *set, struct lp_scan *out)
{
	const struct lp_package **pkgs = NULL;
	size_t npkgs = 0, nprob = 0;

	memset(out, 0, sizeof(*out));
	pkgs = calloc(set->n + 1, sizeof(*pkgs));
	out->entries = calloc(set->n * LP_NCOMPONENTS + 1, sizeof(*out->entries));
	out->own = calloc(set->n * LP_NCOMPONENTS + 1, sizeof(*out->own));
	if (pkgs == NULL || out->entries == NULL || out->own == NULL)
		goto oom;
	if (set->n) {
		memcpy(pkgs, set->pkgs, set->n * sizeof(*pkgs));
		qsort(pkgs, set->n, sizeof(*pkgs), pkg_order);
	}
	for (size_t i = 0; i < set->n; i++) {
		if (npkgs > 0 && strcmp(pkgs[npkgs - 1]->nevra, pkgs[i]->nevra) == 0) {
			out->nduplicates++;
			continue;
		}
		pkgs[npkgs++] = pkgs[i];
	}
	for (size_t i = 0; i < npkgs; i++) {
		const struct lp_package *p = pkgs[i];
		nprob += p->nproblems;
		for (int c = 0; c < LP_NCOMPONENTS; c++) {
			struct lp_scan_entry *e;
			if (!p->is_livepatch[c])
				continue;
			e = &out->entries[out->n++];
			e->pkg = p;
			e->component = (enum lp_component)c;
			e->target = lp_package_target(p, (enum lp_component)c);
			e->bases = calloc(p->nrecords + 1, sizeof(*e->bases));
			if (e->bases == NULL)
				goto oom;
			/* records are sorted by (component, build ID) */
			for (size_t k = 0; k < p->nrecords; k++)
				if ((int)p->records[k].component == c)
					e->bases[e->nbases++] = &p->records[k];
		}
	}
	for (size_t i = 0; i < out->n; i++) {
		struct lp_scan_entry *e = &out->entries[i], *prev = NULL;
		for (size_t k = i; k-- > 0;) {
			if (strcmp(out->entries[k].pkg->name, e->pkg->name) != 0)
				break;
			if (out->entries[k].component == e->component) {
				prev = &out->entries[k];
				break;
			}
		}
		e->added = calloc(e->nbases + 1, sizeof(*e->added));
		e->dropped = calloc((prev ? prev->nbases : 0) + 1, sizeof(*e->dropped));
		if (e->added == NULL || e->dropped == NULL)
			goto oom;
		e->nadded = ids_minus(e, prev, e->added);
		e->ndropped = prev ? ids_minus(prev, e, e->dropped) : 0;
		if (prev && prev->target && e->target && lp_vr_cmp(e->target, prev->target) < 0) {
			struct lp_problem *pr = &out->own[out->nown];
			if (asprintf(&pr->detail, "target %s-%s is older than %s-%s of %s", e->target->v, e->target->r,
				     prev->target->v, prev->target->r, prev->pkg->nevra) < 0) {
				pr->detail = NULL;
				goto oom;
			}
			pr->code = LP_TARGET_REGRESSION;
			pr->component = e->component;
			pr->package = e->pkg->nevra;
			out->nown++;
		}
	}
	out->problems = calloc(nprob + out->nown + 1, sizeof(*out->problems));
	if (out->problems == NULL)
		goto oom;
	for (size_t i = 0; i < npkgs; i++)
		for (size_t k = 0; k < pkgs[i]->nproblems; k++)
			out->problems[out->nproblems++] = &pkgs[i]->problems[k];
	for (size_t i = 0; i < out->nown; i++)
		out->problems[out->nproblems++] = &out->own[i];
	lp_problems_sort(out->problems, out->nproblems);
	out->flagged = out->nproblems > 0;
	free(pkgs);
	return true;
oom:
	free(pkgs);
	lp_scan_release(out);
	return false;
}

void lp_scan_release(struct lp_scan *s)
{
	for (size_t i = 0; s->entries && i < s->n; i++) {
		free(s->entries[i].bases);
		free(s->entries[i].added);
		free(s->entries[i].dropped);
	}
	free(s->entries);
	for (size_t i = 0; s->own && i < s->nown; i++)
		free(s->own[i].detail);
	free(s->own);
	free(s->problems);
	memset(s, 0, sizeof(*s));
}
