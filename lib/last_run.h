/*
 * The plugin's last transaction, as its report file tells it, and what
 * `status` makes of it: a pending reboot stays visible after the plugin let
 * an end-of-life upgrade through (doc/rules.md §6).
 */
#ifndef LPCHECK_LAST_RUN_H
#define LPCHECK_LAST_RUN_H
#include <stdbool.h>
#include <stddef.h>
#include "transaction.h"

/* One component as the report judged it. */
struct lp_last_component {
	bool judged;
	bool flagged;
	enum lp_verdict verdict;
	char *running_build_id; /* NULL: unknown */
	char *message;
};

/* Invariant: the string arrays are sorted, as the plugin writes them. */
struct lp_last_run {
	char *time;   /* UTC, as written */
	char *result; /* "completed", "blocked" or "failed" */
	char *mode;   /* "warn" or "enforce" */
	bool test;    /* a test run (only blocked ones are reported) */
	bool flagged;
	char **problems; /* "<component> <code>: <package>: <detail>" */
	size_t nproblems;
	char **added, **removed, **after;
	size_t nadded, nremoved, nafter;
	struct lp_last_component comp[LP_NCOMPONENTS];
};
void lp_last_run_release(struct lp_last_run *last);

/* True when status should show the run: it was blocked, or flagged something. */
bool lp_last_run_worth_showing(const struct lp_last_run *last);
/*
 * The lines status shows for it, e.g. "blocked at <time> (enforce, test
 * run): xen eol: <message>", one per flagged component and per problem;
 * caller frees the array and the strings. NULL when out of memory.
 */
char **lp_last_run_lines(const struct lp_last_run *last, size_t *n);

/*
 * For status: where the current verdict of a component is not eol, but the
 * last run completed with eol for this same running build and the installed
 * live patch packages are still exactly its "after" set, the reboot it asked
 * for is still pending: the decision becomes eol (flagged, reboot required)
 * and says since which transaction. last may be NULL (no usable report).
 * A no-match left as it is gets the hint that --repo tells eol from a newer
 * build, unless a repository was read. Returns false when out of memory.
 */
bool lp_status_apply_last_run(struct lp_outcome *o, const struct lp_last_run *last,
			      const struct lp_pkgset *installed, bool repo_read);

#endif
