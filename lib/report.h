/* Message lines and JSON documents (doc/contract.md), from one code path. */
#ifndef LPCHECK_REPORT_H
#define LPCHECK_REPORT_H
#include <stdbool.h>
#include <stddef.h>
#include "rule.h"
#include "json.h"
#include "transaction.h"
#include "package.h"
#include "scan.h"
#include "last_run.h"

/* "lpcheck: <component>: <verdict>: <message>"; caller frees. */
char *lp_report_decision_line(const struct lp_decision *d);
/* "lpcheck: <component>: <code>: <NEVRA>: <detail>"; caller frees. */
char *lp_report_problem_line(const struct lp_problem *p);

/* Members of the plugin's report beyond the common document. */
struct lp_report_extra {
	const char *mode;   /* "warn" | "enforce" */
	const char *result; /* "completed" | "blocked" | "failed" */
	bool test;          /* a test run (blocked ones only are reported) */
	const char *time;   /* UTC, "2026-11-28T21:53:37Z" */
	const char *root;
	const char *const *added; /* NEVRAs, sorted */
	size_t nadded;
	const char *const *removed;
	size_t nremoved;
	const char *const *after; /* the live patch packages installed once it completed, sorted */
	size_t nafter;
};

/* Writes the members "components", "problems" and "flagged" into an open object. */
void lp_report_outcome_members(struct lp_json *j, const struct lp_outcome *o);
void lp_report_problems_member(struct lp_json *j, const struct lp_problem *const *problems, size_t n);
/* The whole status/check/report document; extra may be NULL. Caller frees; NULL when out of memory. */
char *lp_report_json(const struct lp_outcome *o, const struct lp_report_extra *extra);
/*
 * The status document: the outcome, and "last_transaction", the plugin's last
 * run when it was blocked or flagged something (lp_last_run_worth_showing),
 * else null. Caller frees; NULL when out of memory.
 */
char *lp_report_status_json(const struct lp_outcome *o, const struct lp_last_run *last);

/* The scan document (doc/contract.md §6). Caller frees; NULL when out of memory. */
char *lp_report_scan_json(const struct lp_scan *scan);

#endif
