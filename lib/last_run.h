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
 * run): xen eol: <message>", one per flagged component and per problem. An
 * eol for a build the host no longer runs (now: the current outcome) says
 * the reboot it asked for is done. Caller frees the array and the strings;
 * NULL when out of memory.
 */
char **lp_last_run_lines(const struct lp_last_run *last, const struct lp_outcome *now, size_t *n);

/*
 * What the plugin left for status (doc/rules.md §6): its last run, and per
 * component the report of the real transaction that left it end-of-life,
 * kept until a later one covered the running build again.
 */
struct lp_host_state {
	bool have_last;
	struct lp_last_run last;
	bool have_pending[LP_NCOMPONENTS];
	struct lp_last_run pending[LP_NCOMPONENTS];
};
void lp_host_state_release(struct lp_host_state *hs);

/* A component's pending reboot against the build it runs now. */
enum lp_pending_state {
	LP_PENDING_NONE,     /* none, or the installed packages cover the running build again */
	LP_PENDING_REBOOT,   /* the same build still runs: eol, reboot required */
	LP_PENDING_DONE,     /* another build runs now: the host rebooted */
	LP_PENDING_UNKNOWN,  /* the running build cannot be read now */
};
enum lp_pending_state lp_pending_state(const struct lp_host_state *hs, const struct lp_decision *d);

/*
 * For status: a component whose pending reboot still applies becomes eol
 * (flagged, reboot required) and says since which transaction; one whose
 * reboot was done says so. A no-match left as it is gets the hint that
 * --repo tells eol from a newer build, unless a repository was read. hs may
 * be NULL. Returns false when out of memory.
 */
bool lp_status_apply_host_state(struct lp_outcome *o, const struct lp_host_state *hs, bool repo_read);

#endif
