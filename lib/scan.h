/* Build-system validation: one entry per (package, component), what each version adds and drops. */
#ifndef LPCHECK_SCAN_H
#define LPCHECK_SCAN_H
#include <stdbool.h>
#include <stddef.h>
#include "package.h"

/* Pointers refer into the scanned packages: keep them alive while this is used. */
struct lp_scan_entry {
	const struct lp_package *pkg;
	enum lp_component component;
	const struct lp_vr *target; /* the highest target; NULL for a package without records */
	const struct lp_record **bases; /* sorted by build ID */
	size_t nbases;
	const char **added; /* build IDs, against the previous version of the name */
	size_t nadded;
	const char **dropped;
	size_t ndropped;
};

/*
 * Invariants: entries sorted by name, EVR, arch, component; problems sorted
 * (package, code, detail) and include every problem of every package plus the
 * scan's own target-regression problems (owned in own).
 */
struct lp_scan {
	struct lp_scan_entry *entries;
	size_t n;
	const struct lp_problem **problems;
	size_t nproblems;
	struct lp_problem *own;
	size_t nown;
	size_t nduplicates; /* packages left out because their NEVRA was seen already */
	bool flagged;
};

/* Returns false only when out of memory. Packages listed twice (same NEVRA) count once. */
bool lp_scan_run(const struct lp_pkgset *pkgs, struct lp_scan *out);
void lp_scan_release(struct lp_scan *s);

#endif
