/* Lists of packages: the owning list, the borrowed set, package order and the newest of each name. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "array.h"
#include "package.h"

bool lp_package_unseen(const struct lp_package *pkg)
{
	return pkg->contents == LP_CONTENTS_UNKNOWN && !pkg->is_livepatch[LP_XEN] && !pkg->is_livepatch[LP_KERNEL];
}

bool lp_pkgset_concerns(const struct lp_pkgset *set, enum lp_component c)
{
	for (size_t i = 0; set && i < set->n; i++)
		if (set->pkgs[i]->is_livepatch[c])
			return true;
	return false;
}

bool lp_pkglist_push(struct lp_pkglist *l, struct lp_package *pkg)
{
	if (pkg == NULL)
		return false;
	if (!lp_array_grow((void **)&l->pkgs, &l->alloc, l->n + 1, sizeof(*l->pkgs))) {
		lp_package_free(pkg);
		return false;
	}
	l->pkgs[l->n++] = pkg;
	return true;
}

void lp_pkglist_release(struct lp_pkglist *l)
{
	for (size_t i = 0; i < l->n; i++)
		lp_package_free(l->pkgs[i]);
	free(l->pkgs);
	memset(l, 0, sizeof(*l));
}

struct lp_pkgset lp_pkglist_set(const struct lp_pkglist *l)
{
	struct lp_pkgset s = { (const struct lp_package *const *)l->pkgs, l->n };
	return s;
}

int lp_package_order(const struct lp_package *a, const struct lp_package *b)
{
	int rc = strcmp(a->name, b->name);
	if (rc == 0)
		rc = lp_package_evrcmp(a, b);
	if (rc == 0)
		rc = strcmp(a->arch ? a->arch : "", b->arch ? b->arch : "");
	return rc;
}

size_t lp_pkgset_newest_of_each_name(const struct lp_pkgset *set, const struct lp_package **out)
{
	size_t n = 0;

	/* one pass, keeping the winner of each name: few names, so a linear lookup */
	for (size_t i = 0; i < set->n; i++) {
		const struct lp_package *p = set->pkgs[i];
		size_t k = 0;
		while (k < n && strcmp(out[k]->name, p->name) != 0)
			k++;
		if (k == n)
			out[n++] = p;
		else if (lp_package_order(p, out[k]) > 0)
			out[k] = p; /* strictly later in order: equal ones keep the first given */
	}
	/* name order: insertion sort, n is the number of distinct names */
	for (size_t i = 1; i < n; i++) {
		const struct lp_package *p = out[i];
		size_t k = i;
		while (k > 0 && strcmp(out[k - 1]->name, p->name) > 0) {
			out[k] = out[k - 1];
			k--;
		}
		out[k] = p;
	}
	return n;
}
