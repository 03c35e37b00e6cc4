/* What the rpm plugin adapters share: configuration, one judged run, its log lines and its report. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmte.h>
#include "array.h"
#include "atomic_file.h"
#include "report.h"
#include "rpm.h"
#include "rpm_plugin.h"
#include "strbuf.h"

#define INTERNAL_ERROR "lpcheck: all: internal-error: "

/* One line to rpm's log, control bytes escaped (lp_escaped): names cannot forge lines. */
static void log_line(int level, const char *line)
{
	char *safe = line ? lp_escaped(line) : NULL;

	if (safe)
		rpmlog(level, "%s\n", safe);
	free(safe);
}

static void log_to_rpm(void *ctx, enum lp_log_level level, const char *line)
{
	static const int levels[] = { RPMLOG_DEBUG, RPMLOG_INFO, RPMLOG_WARNING, RPMLOG_ERR };
	log_line(levels[level], line);
}

static const struct lp_log rpm_log = { log_to_rpm, NULL };

bool lp_plugin_config_enabled(void)
{
	char *plugin = lp_rpm_macro("__transaction_lpcheck"), *mode;
	bool on = plugin != NULL; /* rpm loads no plugin then; a front end that loads itself (libdnf5) must stay off too */

	free(plugin);
	if (!on)
		return false;
	mode = lp_rpm_macro("__transaction_lpcheck_mode");
	on = mode == NULL || strcmp(mode, "off") != 0;
	free(mode);
	return on;
}

bool lp_plugin_config_read(struct lp_plugin_config *cfg)
{
	char *mode;

	memset(cfg, 0, sizeof(*cfg));
	if (!lp_plugin_config_enabled())
		return false;
	mode = lp_rpm_macro("__transaction_lpcheck_mode");
	cfg->mode = mode && strcmp(mode, "enforce") == 0 ? LP_MODE_ENFORCE : LP_MODE_WARN;
	if (mode && strcmp(mode, "enforce") != 0 && strcmp(mode, "warn") != 0)
		rpmlog(RPMLOG_WARNING, "lpcheck: all: bad-mode: %%__transaction_lpcheck_mode is '%s', "
				       "expected off, warn or enforce; using warn\n", mode);
	free(mode);
	cfg->sysfs = lp_rpm_macro("__transaction_lpcheck_sysfs");
	cfg->build_id[LP_XEN] = lp_rpm_macro("__transaction_lpcheck_xen_build_id");
	cfg->build_id[LP_KERNEL] = lp_rpm_macro("__transaction_lpcheck_kernel_build_id");
	cfg->applied[LP_XEN] = lp_rpm_macro("__transaction_lpcheck_xen_applied");
	cfg->applied[LP_KERNEL] = lp_rpm_macro("__transaction_lpcheck_kernel_applied");
	cfg->xen_livepatch_cmd = lp_rpm_macro("__transaction_lpcheck_xen_livepatch_cmd");
	cfg->report = lp_rpm_macro("__transaction_lpcheck_report");
	return true;
}

void lp_plugin_config_release(struct lp_plugin_config *cfg)
{
	free(cfg->sysfs);
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		free(cfg->build_id[c]);
		free(cfg->applied[c]);
	}
	free(cfg->xen_livepatch_cmd);
	free(cfg->report);
	memset(cfg, 0, sizeof(*cfg));
}

const struct lp_front_end lp_front_end_rpm = { .name = "rpm", .lines_at_element = true };
const struct lp_front_end lp_front_end_el7 = { .name = "el7 rpm", .lines_at_element = false };

static void drop_carried_host(struct lp_carried_host *carried)
{
	if (carried->valid)
		lp_host_release(&carried->host);
	free(carried->root);
	memset(carried, 0, sizeof(*carried));
}

/* Back to IDLE: everything of the run released; a test run's host carried for the real run after it. */
static void end_run(struct lp_plugin_run *run)
{
	if (run->phase >= LP_RUN_JUDGED) {
		lp_outcome_release(&run->outcome);
		if (run->test && run->root) {
			drop_carried_host(&run->carried);
			run->carried.host = run->host; /* moved, not copied */
			run->carried.root = run->root;
			memcpy(run->carried.skip_applied, run->skip_applied, sizeof(run->skip_applied));
			run->carried.valid = true;
			run->root = NULL;
		} else {
			lp_host_release(&run->host);
		}
	}
	memset(&run->host, 0, sizeof(run->host));
	lp_pkglist_release(&run->added);
	lp_pkglist_release(&run->removed);
	lp_pkglist_release(&run->installed);
	lp_plugin_config_release(&run->cfg);
	free(run->root);
	run->root = NULL;
	run->phase = LP_RUN_IDLE;
	run->test = run->blocked = false;
}

void lp_plugin_run_release(struct lp_plugin_run *run)
{
	end_run(run);
	drop_carried_host(&run->carried);
	memset(run, 0, sizeof(*run));
}

static char *root_of(rpmts ts)
{
	const char *r = rpmtsRootDir(ts);
	size_t n;

	if (r == NULL || *r == '\0')
		r = "/";
	n = strlen(r);
	while (n > 1 && r[n - 1] == '/')
		n--;
	return strndup(r, n);
}

/* Reads the added and removed elements and the database offsets of the removed; false when out of memory. */
static bool read_elements(rpmts ts, struct lp_plugin_run *run, unsigned **offsets, size_t *noffsets)
{
	rpmtsi pi = rpmtsiInit(ts);
	rpmte te;
	bool ok = true;
	size_t alloc = 0;

	while (ok && (te = rpmtsiNext(pi, 0)) != NULL) {
		rpmElementType type = rpmteType(te);
		struct lp_package *pkg;
		if (type != TR_ADDED && type != TR_REMOVED)
			continue; /* other element types change no files */
		pkg = lp_rpm_package_from_te(te);
		if (pkg && pkg->failed)
			pkg = lp_package_free(pkg);
		ok = lp_pkglist_push(type == TR_ADDED ? &run->added : &run->removed, pkg);
		if (ok && type == TR_REMOVED) {
			ok = lp_array_grow((void **)offsets, &alloc, *noffsets + 1, sizeof(**offsets));
			if (ok)
				(*offsets)[(*noffsets)++] = (unsigned)rpmteDBOffset(te);
		}
	}
	rpmtsiFree(pi);
	return ok;
}

/*
 * The host for this run: a real run takes the host its test run probed on
 * the same root for the same components; every other run probes afresh.
 * The carried host is consumed either way.
 */
static void probe_host(struct lp_plugin_run *run, const bool concerns[])
{
	const struct lp_plugin_config *cfg = &run->cfg;
	struct lp_host_config hc = {
		.root = run->root,
		.sysfs = cfg->sysfs,
		.build_id = { cfg->build_id[LP_XEN], cfg->build_id[LP_KERNEL] },
		.applied = { cfg->applied[LP_XEN], cfg->applied[LP_KERNEL] },
		.xen_livepatch_cmd = cfg->xen_livepatch_cmd,
	};
	struct lp_carried_host *carried = &run->carried;
	bool same = carried->valid && !run->test && strcmp(carried->root, run->root) == 0;

	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		hc.skip_applied[c] = run->skip_applied[c] = !concerns[c];
		same = same && carried->skip_applied[c] == hc.skip_applied[c];
	}
	if (same) {
		rpmlog(RPMLOG_DEBUG, "lpcheck: all: probe: the host as probed for this transaction's test run\n");
		run->host = carried->host;
		carried->valid = false; /* moved */
	} else {
		lp_host_probe(&hc, &run->host, &rpm_log);
	}
	drop_carried_host(carried);
}

#define SHOWN_COUNT "_lpcheck_shown_count"
#define SHOWN_MAX 64

void lp_plugin_mark_shown(const char *line)
{
	char *count = lp_rpm_macro(SHOWN_COUNT), name[64], num[32];
	struct lp_strbuf body;
	int n = count ? atoi(count) : 0;

	free(count);
	if (n >= SHOWN_MAX)
		return;
	lp_strbuf_init(&body);
	for (const char *p = line; *p; p++) { /* the body is expanded when read: keep '%' literal */
		if (*p == '%')
			lp_strbuf_adds(&body, "%%");
		else
			lp_strbuf_addch(&body, *p);
	}
	snprintf(name, sizeof(name), "_lpcheck_shown_%d", n + 1);
	snprintf(num, sizeof(num), "%d", n + 1);
	if (!body.failed) {
		lp_rpm_define(name, lp_strbuf_str(&body));
		lp_rpm_define(SHOWN_COUNT, num);
	}
	lp_strbuf_release(&body);
}

void lp_plugin_forget_shown(void)
{
	char *count = lp_rpm_macro(SHOWN_COUNT), name[64];
	int n = count ? atoi(count) : 0;

	free(count);
	for (int i = 1; i <= n && i <= SHOWN_MAX; i++) {
		snprintf(name, sizeof(name), "_lpcheck_shown_%d", i);
		lp_rpm_undefine(name);
	}
	if (n > 0)
		lp_rpm_undefine(SHOWN_COUNT);
}

/* True when another front end of this process (the libdnf5 plugin) already showed this line. */
static bool was_shown(const char *line)
{
	char *count = lp_rpm_macro(SHOWN_COUNT), name[64];
	int n = count ? atoi(count) : 0;
	bool shown = false;

	free(count);
	for (int i = 1; i <= n && i <= SHOWN_MAX && !shown; i++) {
		char *v;
		snprintf(name, sizeof(name), "_lpcheck_shown_%d", i);
		v = lp_rpm_macro(name);
		shown = v && strcmp(v, line) == 0;
		free(v);
	}
	return shown;
}

/* Logs every verdict and problem: flagged ones at warning (enforce: error) level; debug when already shown. */
static void log_outcome(const struct lp_plugin_run *run)
{
	int flag_level = run->cfg.mode == LP_MODE_ENFORCE ? RPMLOG_ERR : RPMLOG_WARNING;

	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		const struct lp_decision *d = &run->outcome.decisions[c];
		int level = RPMLOG_INFO;
		char *line;

		if (d->verdict == LP_NOT_APPLICABLE)
			continue;
		if (d->flagged)
			level = flag_level;
		else if (d->verdict == LP_UNKNOWN && !run->host.comp[c].probed)
			level = RPMLOG_DEBUG;
		line = lp_report_decision_line(d);
		log_line(line && was_shown(line) ? RPMLOG_DEBUG : level, line);
		free(line);
	}
	for (size_t i = 0; i < run->outcome.nproblems; i++) {
		char *line = lp_report_problem_line(run->outcome.problems[i]);
		log_line(line && was_shown(line) ? RPMLOG_DEBUG : flag_level, line);
		free(line);
	}
}

/* Writes json to path; a failure is one warning naming the file. */
static void write_file(const char *what, const char *path, const char *json)
{
	int err = json ? lp_write_file_atomically(path, json, strlen(json)) : ENOMEM;

	if (err)
		rpmlog(RPMLOG_WARNING, INTERNAL_ERROR "cannot write the %s '%s': %s\n", what, path, strerror(err));
}

/*
 * The host's pending reboots, one file per component beside the report,
 * carried forward by leaving them alone: a completed real run that leaves a
 * component end-of-life writes its report there too; one that covers the
 * running build again (livepatchable, up-to-date) removes it; any other run
 * (blocked, a test, failed, or a component not judged) keeps it.
 */
static void keep_pending_reboots(const struct lp_plugin_run *run, const char *report, const char *json)
{
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		enum lp_verdict v = run->outcome.decisions[c].verdict;
		char *path = lp_pending_path(report, (enum lp_component)c);

		if (path == NULL)
			rpmlog(RPMLOG_WARNING, INTERNAL_ERROR "out of memory keeping the pending reboots\n");
		else if (v == LP_EOL)
			write_file("pending reboot", path, json);
		else if ((v == LP_LIVEPATCHABLE || v == LP_UP_TO_DATE) && unlink(path) < 0 && errno != ENOENT)
			rpmlog(RPMLOG_WARNING, INTERNAL_ERROR "cannot remove '%s': %s\n", path, strerror(errno));
		free(path);
	}
}

/*
 * The report (doc/contract.md §3): after every real run that concerned a
 * component, and every blocked run, test runs included, so the user of a
 * front end that shows none of rpm's lines finds the reason with lpcheck
 * status. With the default path, inside the transaction's root.
 */
void lp_plugin_run_write_report(struct lp_plugin_run *run, const char *result)
{
	const struct lp_plugin_config *cfg = &run->cfg;
	struct lp_transaction t = {
		.installed = lp_pkglist_set(&run->installed),
		.added = lp_pkglist_set(&run->added),
		.removed = lp_pkglist_set(&run->removed),
	};
	char *json, *path;

	run->phase = LP_RUN_REPORTED;
	if (!run->outcome.concerns_any || !cfg->report)
		return;
	path = lp_report_path(cfg->report, run->root);
	json = lp_report_transaction_json(&run->outcome, &t, cfg->mode == LP_MODE_ENFORCE ? "enforce" : "warn", result,
					  run->test, run->root);
	if (path == NULL) {
		rpmlog(RPMLOG_WARNING, INTERNAL_ERROR "out of memory writing the report\n");
	} else {
		write_file("report", path, json);
		if (json && !run->test && strcmp(result, "completed") == 0)
			keep_pending_reboots(run, path, json);
	}
	free(path);
	free(json);
}

bool lp_plugin_run_judge_lists(struct lp_plugin_run *run, const bool concerns[])
{
	struct lp_transaction t = {
		.purpose = LP_PURPOSE_TRANSACTION,
		.installed = lp_pkglist_set(&run->installed),
		.added = lp_pkglist_set(&run->added),
		.removed = lp_pkglist_set(&run->removed),
	};

	probe_host(run, concerns);
	if (!lp_transaction_judge(&t, &run->host, &run->outcome)) {
		lp_host_release(&run->host);
		return false;
	}
	run->phase = LP_RUN_JUDGED;
	run->blocked = run->cfg.mode == LP_MODE_ENFORCE && run->outcome.nflagged > 0;
	return true;
}

/* Logs a judged run's lines, once. */
static void show(struct lp_plugin_run *run)
{
	if (run->phase != LP_RUN_JUDGED)
		return;
	log_outcome(run);
	run->phase = LP_RUN_SHOWN;
}

/*
 * The blocked summary, in rpm's log; and on stderr too when a front end has
 * diverted rpm's log into a file (yum 3 prints that file only at its next
 * package callback, which a blocked transaction never reaches), so the user
 * is told why once.
 */
static void log_blocked(size_t n)
{
	FILE *diverted = rpmlogSetFile(NULL);
	char line[256];

	rpmlogSetFile(diverted); /* only asked: put back as it was */
	snprintf(line, sizeof(line), "lpcheck: all: blocked: %zu problem%s; the transaction was stopped before any "
				     "change (set %%__transaction_lpcheck_mode warn to let it through); "
				     "'lpcheck status' shows this again",
		 n, n == 1 ? "" : "s");
	rpmlog(RPMLOG_ERR, "%s\n", line);
	if (diverted && diverted != stderr && diverted != stdout)
		lp_put_line(stderr, "error: %s", line);
}

bool lp_plugin_run_judge(struct lp_plugin_run *run, rpmts ts, const struct lp_front_end *fe)
{
	struct lp_transaction t = { .purpose = LP_PURPOSE_TRANSACTION };
	bool concerns[LP_NCOMPONENTS];
	unsigned *offsets = NULL;
	size_t noffsets = 0, n;

	end_run(run); /* a run the front end never finished (no tsm_post) leaves nothing behind */
	if (!lp_plugin_config_read(&run->cfg))
		return false; /* off for this transaction */
	run->test = (rpmtsFlags(ts) & RPMTRANS_FLAG_TEST) != 0;
	run->root = root_of(ts);
	if (run->root == NULL || !read_elements(ts, run, &offsets, &noffsets))
		goto internal_error;
	t.added = lp_pkglist_set(&run->added);
	t.removed = lp_pkglist_set(&run->removed);
	if (!lp_transaction_concerns(&t, concerns))
		goto out; /* an ordinary transaction: nothing to judge, nothing to say */
	if (!lp_rpmdb_livepatch_packages(ts, offsets, noffsets, &run->installed) ||
	    !lp_plugin_run_judge_lists(run, concerns))
		goto internal_error;
	n = run->outcome.nflagged;
	/* a real run that goes on speaks where its front end shows rpm's lines */
	if (!fe->lines_at_element || run->test || run->blocked)
		show(run);
	if (run->blocked) {
		log_blocked(n);
		lp_plugin_run_write_report(run, "blocked"); /* the run ends here: no front end may show more */
	}
	goto out;
internal_error:
	rpmlog(RPMLOG_WARNING, INTERNAL_ERROR "out of memory reading the transaction; not checked\n");
	end_run(run);
out:
	free(offsets);
	return run->blocked;
}

void lp_plugin_run_element(struct lp_plugin_run *run)
{
	show(run);
}

void lp_plugin_run_finish(struct lp_plugin_run *run, int res)
{
	bool real = !run->test;

	show(run); /* a real run that reached no element still says its piece */
	if (run->phase == LP_RUN_SHOWN && real)
		lp_plugin_run_write_report(run, res == 0 ? "completed" : "failed");
	end_run(run);
	if (real)
		lp_plugin_forget_shown(); /* the libdnf5 plugin's lines were for this transaction */
}
