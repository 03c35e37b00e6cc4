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

/*
 * The one reader of the configuration for every front end (both rpm adapters,
 * the libdnf5 plugin), called once per transaction: false when lpcheck is
 * off, by %__transaction_lpcheck undefined or %{nil} or by mode off (nothing
 * else is read then). A bad mode is logged: warn.
 */
bool lp_plugin_config_read(struct lp_plugin_config *cfg);
/* Only whether lpcheck is on (neither off switch set): what rpm 4.12+'s init needs to load the plugin. */
bool lp_plugin_config_enabled(void);
void lp_plugin_config_release(struct lp_plugin_config *cfg);

/*
 * Where the run of one transaction is. A run only moves forward, and
 * lp_plugin_run_finish() brings it back to IDLE with nothing of it left but
 * a test run's host (below), so nothing survives from one transaction to the
 * next by accident.
 */
enum lp_run_phase {
	LP_RUN_IDLE,     /* no transaction judged: before tsm_pre, after tsm_post, or nothing concerned */
	LP_RUN_JUDGED,   /* judged; its lines not shown yet */
	LP_RUN_SHOWN,    /* its lines are logged, or shown by the front end itself */
	LP_RUN_REPORTED, /* its report is written (a blocked run: at once), or none is due */
};

/*
 * Which hook of a front end does what: one row per front end. Every front end
 * judges in tsm_pre (the libdnf5 plugin: at goal_resolved, before its prompt)
 * and reports in tsm_post; they differ in where the user reads rpm's log.
 */
struct lp_front_end {
	const char *name;
	/* a real run's lines wait for its first element (psm_pre), where dnf5 and
	   yum print rpm's log; false: at once (el7's rpm calls no psm hook) */
	bool lines_at_element;
};
extern const struct lp_front_end lp_front_end_rpm; /* rpm 4.12 and later, the hook table */
extern const struct lp_front_end lp_front_end_el7; /* el7's rpm 4.11.3 */

/*
 * One run of a transaction. Invariants: phase >= JUDGED implies cfg is read,
 * the outcome and package lists are set and the host was probed for this
 * run; blocked implies phase >= JUDGED. The host is probed once per
 * transaction: dnf and yum run a test, then the real run on the same set, and
 * the real run that follows a test run on the same root takes that run's
 * host (carried), so xen-livepatch runs once. Any other run probes afresh.
 */
/* The host a test run probed, kept only for the real run that follows it. */
struct lp_carried_host {
	bool valid;
	char *root;
	bool skip_applied[LP_NCOMPONENTS];
	struct lp_host host;
};

struct lp_plugin_run {
	enum lp_run_phase phase;
	bool test;    /* a test run (rpm --test, the first run of dnf and yum) */
	bool blocked;
	struct lp_plugin_config cfg;
	struct lp_pkglist added, removed, installed;
	struct lp_outcome outcome;
	char *root;
	struct lp_host host;
	bool skip_applied[LP_NCOMPONENTS]; /* how host was probed */
	struct lp_carried_host carried;
};

/*
 * tsm_pre: reads the configuration (false when off), then ts's elements and,
 * only when they concern a component, the installed live patch packages, the
 * host and the outcome. Returns true when the transaction must be blocked.
 * The lines are logged now unless fe waits for the element and this is a
 * real run that goes on. A blocked run logs its errors and summary and
 * writes its report now. An internal error is one warning and lets the
 * transaction go on (fail open).
 */
bool lp_plugin_run_judge(struct lp_plugin_run *run, rpmts ts, const struct lp_front_end *fe);
/*
 * Judges a run whose cfg, added, removed and installed lists the caller filled
 * (and root set): the host probed for the concerned components, the outcome,
 * blocked in enforce mode; phase JUDGED. Logs nothing. For front ends that
 * read the transaction themselves (the libdnf5 plugin). False when out of memory.
 */
bool lp_plugin_run_judge_lists(struct lp_plugin_run *run, const bool concerns[]);
/* psm_pre: a judged run's lines, at the first element. */
void lp_plugin_run_element(struct lp_plugin_run *run);
/* Writes the report of the run with this result ("blocked", "completed", "failed"), when configured: phase REPORTED. */
void lp_plugin_run_write_report(struct lp_plugin_run *run, const char *result);
/*
 * tsm_post: lines still pending, the report of a real run, then back to IDLE:
 * everything of the run released, its host carried only from a test run.
 */
void lp_plugin_run_finish(struct lp_plugin_run *run, int res);
/* Everything, a carried host too (cleanup, or a front end done with its run). */
void lp_plugin_run_release(struct lp_plugin_run *run);

/*
 * A line another front end in this process (the libdnf5 plugin) has shown
 * for the transaction about to run: the rpm plugin then logs the same line
 * at debug level only, so the user reads it once. Kept in rpm macros, the
 * one state both plugins share, for one transaction: the libdnf5 plugin
 * forgets the earlier ones before it judges, the rpm plugin after a real run.
 */
void lp_plugin_mark_shown(const char *line);
void lp_plugin_forget_shown(void);

#endif
