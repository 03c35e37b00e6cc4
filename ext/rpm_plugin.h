/*
 * What the rpm plugin adapters share: their configuration from rpm's macros,
 * one judged run of a transaction, its log lines and its report. An adapter
 * only maps its rpm's hooks onto these.
 */
#ifndef LPCHECK_RPM_PLUGIN_H
#define LPCHECK_RPM_PLUGIN_H
#include <stdbool.h>
#include <rpm/rpmts.h>
#include "probe.h"
#include "transaction.h"

enum lp_mode { LP_MODE_WARN, LP_MODE_ENFORCE };

/* The %__transaction_lpcheck_* macros (doc/contract.md §2); strings NULL when unset. */
struct lp_plugin_config {
	enum lp_mode mode;
	char *sysfs;
	char *build_id[LP_NCOMPONENTS];
	char *applied[LP_NCOMPONENTS];
	char *xen_livepatch_cmd;
	char *report;
};

/* Reads the macros; false when the mode is off (nothing else is read then). A bad mode is logged: warn. */
bool lp_plugin_config_read(struct lp_plugin_config *cfg);
void lp_plugin_config_release(struct lp_plugin_config *cfg);

/*
 * One run of a transaction (dnf runs tsm_pre twice on one plugin: a test,
 * then the real run). Invariant: judged implies the outcome and package lists
 * are set and agree with host; blocked implies judged. The host outlives a
 * run: the probe of the test run is reused by the real run on the same root
 * (so xen-livepatch runs once), and released with the plugin.
 */
struct lp_plugin_run {
	struct lp_pkglist added, removed, installed;
	struct lp_outcome outcome;
	bool judged;
	bool blocked;
	bool test;          /* a test run (rpm --test, dnf's first run) */
	bool lines_pending; /* judged, its lines not logged yet */
	bool reported;      /* the report of this run is written */
	char *root;
	struct lp_host host;
	bool host_probed;
	char *host_root;
	bool host_skip_applied[LP_NCOMPONENTS];
};

/*
 * Judges ts in tsm_pre: reads its elements and, only when they concern a
 * component, the installed live patch packages, the host and the outcome.
 * Returns true when the transaction must be blocked. The verdicts go to
 * rpmlog now, unless defer_lines and this is a real run that goes on: then
 * lp_plugin_run_flush() logs them at the first element (psm_pre), where
 * front ends that buffer rpm's log (dnf5, yum) print it. A blocked run logs
 * its errors and summary now and writes the report. An internal error is one
 * warning and lets the transaction go on (fail open).
 */
bool lp_plugin_run_judge(struct lp_plugin_run *run, rpmts ts, const struct lp_plugin_config *cfg, bool defer_lines);
/*
 * Judges a run whose added, removed and installed lists the caller filled
 * (and root set): the host probed for the concerned components, the
 * outcome, blocked in enforce mode. Logs nothing. For front ends that read
 * the transaction themselves (the libdnf5 plugin). False when out of memory.
 */
bool lp_plugin_run_judge_lists(struct lp_plugin_run *run, const struct lp_plugin_config *cfg,
					 const bool concerns[]);
/* Writes the report of the run with this result ("blocked", "completed", "failed"), when configured. */
void lp_plugin_run_write_report(struct lp_plugin_run *run, const struct lp_plugin_config *cfg, const char *result);
/*
 * A line another front end in this process (the libdnf5 plugin) has shown:
 * the rpm plugin then logs the same line at debug level only, so the user
 * reads it once. Kept in rpm macros, the one state both plugins share.
 */
void lp_plugin_mark_shown(const char *line);
/* Logs the run's lines if they are still pending (psm_pre, and tsm_post at the latest). */
void lp_plugin_run_flush(struct lp_plugin_run *run, const struct lp_plugin_config *cfg);
/* In tsm_post: pending lines, then the report of a real run that concerned a component, when configured. */
void lp_plugin_run_report(struct lp_plugin_run *run, const struct lp_plugin_config *cfg, int res);
/* Ends a run (tsm_post): all but the probed host. */
void lp_plugin_run_end(struct lp_plugin_run *run);
/* Everything, the probed host too (cleanup). */
void lp_plugin_run_release(struct lp_plugin_run *run);

#endif
