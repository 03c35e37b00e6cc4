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

/* The report's path as the macro says it: this word means LP_REPORT_DEFAULT_PATH inside the root. */
#define LP_REPORT_DEFAULT "default"
#define LP_REPORT_DEFAULT_PATH "/run/lpcheck/last-transaction.json"
/*
 * Where the report of a transaction in root goes (and where status --root
 * finds it): configured LP_REPORT_DEFAULT is LP_REPORT_DEFAULT_PATH inside
 * root, so a transaction in another root never touches the host's; any other
 * path is used as given; NULL (unset) is NULL. Caller frees.
 */
char *lp_report_path(const char *configured, const char *root);
/*
 * Beside the report, "<report less .json>.pending-<component>.json": a copy
 * of the report of the real transaction that left the component end-of-life,
 * kept until a later real transaction covers the running build again.
 * Caller frees; NULL when out of memory.
 */
char *lp_pending_path(const char *report, enum lp_component c);

/* A repository check read, and how old its metadata is. */
struct lp_repo_seen {
	const char *name;
	long long age_seconds; /* -1: unknown */
};

/* Writes the members "components", "problems" and "flagged" into an open object. */
void lp_report_outcome_members(struct lp_json *j, const struct lp_outcome *o);
void lp_report_problems_member(struct lp_json *j, const struct lp_problem *const *problems, size_t n);
/* The whole status/check/report document; extra may be NULL. Caller frees; NULL when out of memory. */
char *lp_report_json(const struct lp_outcome *o, const struct lp_report_extra *extra);
/* check's document: the outcome and "repositories", the ones read with their metadata's age. */
char *lp_report_check_json(const struct lp_outcome *o, const struct lp_repo_seen *repos, size_t nrepos);
/*
 * The report of a transaction (doc/contract.md §3): its outcome, mode
 * ("warn", "enforce"), result ("completed", "blocked", "failed"), whether a
 * test run, the time now, the root, and the NEVRAs added, removed and
 * installed after it (installed less removed, and the live patch packages
 * added), sorted. Caller frees; NULL when out of memory.
 */
char *lp_report_transaction_json(const struct lp_outcome *o, const struct lp_transaction *t, const char *mode,
				 const char *result, bool test, const char *root);
/*
 * The status document: the outcome; "last_transaction", the plugin's last
 * run when it was blocked or flagged something (lp_last_run_worth_showing),
 * else null; "pending_reboots", one entry per component the plugin left
 * end-of-life ("state": "reboot-required", "done" or "unknown");
 * "repositories", those read for the history, as check lists them. hs may be
 * NULL. Caller frees; NULL when out of memory.
 */
char *lp_report_status_json(const struct lp_outcome *o, const struct lp_host_state *hs,
			    const struct lp_repo_seen *repos, size_t nrepos);

/* The scan document (doc/contract.md §6). Caller frees; NULL when out of memory. */
char *lp_report_scan_json(const struct lp_scan *scan);

#endif
