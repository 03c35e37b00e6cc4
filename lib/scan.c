/* Build-system validation: one entry per (package, component), what each version adds and drops. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scan.h"

static int pkg_order(const void *a, const void *b)
{
	return lp_package_order(*(const struct lp_package *const *)a, *(const struct lp_package *const *)b);
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

/* Sorts the packages into pkgs (package order) and drops repeated NEVRAs; returns how many remain. */
static size_t sort_unique(const struct lp_pkgset *set, const struct lp_package **pkgs, size_t *nduplicates)
{
	size_t n = 0;

	if (set->n == 0)
		return 0;
	memcpy(pkgs, set->pkgs, set->n * sizeof(*pkgs));
	qsort(pkgs, set->n, sizeof(*pkgs), pkg_order);
	for (size_t i = 0; i < set->n; i++) {
		if (n > 0 && strcmp(pkgs[n - 1]->nevra, pkgs[i]->nevra) == 0)
			(*nduplicates)++;
		else
			pkgs[n++] = pkgs[i];
	}
	return n;
}

/* One entry per live patch component of the package, with its target and sorted bases. */
static bool add_entries(struct lp_scan *out, const struct lp_package *p)
{
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
			return false;
		/* records are sorted by (component, build ID) */
		for (size_t k = 0; k < p->nrecords; k++)
			if ((int)p->records[k].component == c)
				e->bases[e->nbases++] = &p->records[k];
	}
	return true;
}

/* The entry of the previous version of the same name and component, or NULL. */
static const struct lp_scan_entry *previous_entry(const struct lp_scan *out, size_t i)
{
	const struct lp_scan_entry *e = &out->entries[i];

	for (size_t k = i; k-- > 0;) {
		if (strcmp(out->entries[k].pkg->name, e->pkg->name) != 0)
			return NULL;
		if (out->entries[k].component == e->component)
			return &out->entries[k];
	}
	return NULL;
}

/* Bases added and dropped against prev, and a target-regression when the target went down. */
static bool compare_with_previous(struct lp_scan *out, struct lp_scan_entry *e, const struct lp_scan_entry *prev)
{
	struct lp_problem *pr = &out->own[out->nown];

	e->added = calloc(e->nbases + 1, sizeof(*e->added));
	e->dropped = calloc((prev ? prev->nbases : 0) + 1, sizeof(*e->dropped));
	if (e->added == NULL || e->dropped == NULL)
		return false;
	e->nadded = ids_minus(e, prev, e->added);
	e->ndropped = prev ? ids_minus(prev, e, e->dropped) : 0;
	if (!prev || !prev->target || !e->target || lp_vr_cmp(e->target, prev->target) >= 0)
		return true;
	if (asprintf(&pr->detail, "target " LP_VR_FMT " is older than " LP_VR_FMT " of %s", LP_VR_ARGS(e->target),
		     LP_VR_ARGS(prev->target), prev->pkg->nevra) < 0) {
		pr->detail = NULL;
		return false;
	}
	pr->code = LP_TARGET_REGRESSION;
	pr->component = e->component;
	pr->package = e->pkg->nevra;
	out->nown++;
	return true;
}

/* Every problem of every package plus the scan's own, sorted. */
static bool gather_problems(struct lp_scan *out, const struct lp_package **pkgs, size_t npkgs)
{
	size_t total = out->nown;

	for (size_t i = 0; i < npkgs; i++)
		total += pkgs[i]->nproblems;
	out->problems = calloc(total + 1, sizeof(*out->problems));
	if (out->problems == NULL)
		return false;
	for (size_t i = 0; i < npkgs; i++)
		for (size_t k = 0; k < pkgs[i]->nproblems; k++)
			out->problems[out->nproblems++] = &pkgs[i]->problems[k];
	for (size_t i = 0; i < out->nown; i++)
		out->problems[out->nproblems++] = &out->own[i];
	lp_problems_sort(out->problems, out->nproblems);
	return true;
}

bool lp_scan_run(const struct lp_pkgset *set, struct lp_scan *out)
{
	const struct lp_package **pkgs;
	size_t npkgs;
	bool ok;

	memset(out, 0, sizeof(*out));
	pkgs = calloc(set->n + 1, sizeof(*pkgs));
	out->entries = calloc(set->n * LP_NCOMPONENTS + 1, sizeof(*out->entries));
	out->own = calloc(set->n * LP_NCOMPONENTS + 1, sizeof(*out->own));
	ok = pkgs && out->entries && out->own;
	npkgs = ok ? sort_unique(set, pkgs, &out->nduplicates) : 0;
	for (size_t i = 0; ok && i < npkgs; i++)
		ok = add_entries(out, pkgs[i]);
	for (size_t i = 0; ok && i < out->n; i++)
		ok = compare_with_previous(out, &out->entries[i], previous_entry(out, i));
	ok = ok && gather_problems(out, pkgs, npkgs);
	free(pkgs);
	if (!ok) {
		lp_scan_release(out);
		return false;
	}
	out->flagged = out->nproblems > 0;
	return true;
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
