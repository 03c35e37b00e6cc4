/*
 * The rpm plugin: a thin adapter that judges every transaction touching Xen
 * or kernel live patches in tsm_pre (warn, or block in enforce mode) and
 * writes a report of real transactions in tsm_post. All decisions are in lib/.
 */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmmacro.h>
#include <rpm/rpmte.h>
#include <rpm/rpmts.h>
#include "rpmplugin_compat.h"
#include "array.h"
#include "judge.h"
#include "probe.h"
#include "report.h"
#include "rpmseam.h"

enum mode { MODE_WARN, MODE_ENFORCE };

/* One transaction run; dnf runs tsm_pre twice on one instance (test, then real). */
struct run {
	struct lp_pkglist added, removed, installed;
	const struct lp_package **after;
	struct lp_host host;
	struct lp_outcome outcome;
	bool judged;
	bool blocked;
	char *root;
};

/* Configuration read once in init. Strings are NULL when unset. */
struct lpcheck {
	enum mode mode;
	char *sysfs;
	char *build_id[LP_NCOMPONENTS];
	char *applied[LP_NCOMPONENTS];
	char *xen_livepatch_cmd;
	char *report;
	struct run run;
};

static void log_to_rpm(void *ctx, enum lp_log_level level, const char *line)
{
	static const int levels[] = { RPMLOG_DEBUG, RPMLOG_INFO, RPMLOG_WARNING, RPMLOG_ERR };
	rpmlog(levels[level], "%s\n", line);
}

static const struct lp_log rpm_log = { log_to_rpm, NULL };

/* A macro's expansion, or NULL when undefined or empty (%{nil}). */
static char *macro(const char *name)
{
	char *expr = NULL, *val;

	if (asprintf(&expr, "%%{?%s}", name) < 0)
		return NULL;
	val = rpmExpand(expr, NULL);
	free(expr);
	if (val && *val == '\0') {
		free(val);
		val = NULL;
	}
	return val;
}

static void run_release(struct run *run)
{
	lp_outcome_release(&run->outcome);
	lp_host_release(&run->host);
	lp_pkglist_release(&run->added);
	lp_pkglist_release(&run->removed);
	lp_pkglist_release(&run->installed);
	free(run->after);
	free(run->root);
	memset(run, 0, sizeof(*run));
}

static void lpcheck_free(struct lpcheck *lp)
{
	if (lp == NULL)
		return;
	run_release(&lp->run);
	free(lp->sysfs);
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		free(lp->build_id[c]);
		free(lp->applied[c]);
	}
	free(lp->xen_livepatch_cmd);
	free(lp->report);
	free(lp);
}

static rpmRC lpcheck_init(rpmPlugin plugin, rpmts ts)
{
	struct lpcheck *lp;
	char *mode = macro("__transaction_lpcheck_mode");

	if (mode && strcmp(mode, "off") == 0) {
		free(mode);
		return RPMRC_NOTFOUND;
	}
	lp = calloc(1, sizeof(*lp));
	if (lp == NULL) {
		free(mode);
		rpmlog(RPMLOG_WARNING, "lpcheck: all: internal-error: out of memory; not checked\n");
		return RPMRC_NOTFOUND; /* never fail init: that breaks every transaction */
	}
	lp->mode = MODE_WARN;
	if (mode && strcmp(mode, "enforce") == 0)
		lp->mode = MODE_ENFORCE;
	else if (mode && strcmp(mode, "warn") != 0)
		rpmlog(RPMLOG_WARNING, "lpcheck: all: bad-mode: %%__transaction_lpcheck_mode is '%s', "
				       "expected off, warn or enforce; using warn\n", mode);
	free(mode);
	lp->sysfs = macro("__transaction_lpcheck_sysfs");
	lp->build_id[LP_XEN] = macro("__transaction_lpcheck_xen_build_id");
	lp->build_id[LP_KERNEL] = macro("__transaction_lpcheck_kernel_build_id");
	lp->applied[LP_XEN] = macro("__transaction_lpcheck_xen_applied");
	lp->applied[LP_KERNEL] = macro("__transaction_lpcheck_kernel_applied");
	lp->xen_livepatch_cmd = macro("__transaction_lpcheck_xen_livepatch_cmd");
	lp->report = macro("__transaction_lpcheck_report");
	rpmPluginSetData(plugin, lp);
	return RPMRC_OK;
}

static void lpcheck_cleanup(rpmPlugin plugin)
{
	lpcheck_free(rpmPluginGetData(plugin));
	rpmPluginSetData(plugin, NULL);
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

/* Reads the transaction's elements; false when out of memory. */
static bool read_elements(rpmts ts, struct run *run, unsigned **offsets, size_t *noffsets)
{
	rpmtsi pi = rpmtsiInit(ts);
	rpmte te;
	bool ok = true;
	size_t alloc = 0;

	*offsets = NULL;
	*noffsets = 0;
	while (ok && (te = rpmtsiNext(pi, 0)) != NULL) {
		rpmElementType type = rpmteType(te);
		if (type == TR_ADDED) {
			ok = lp_pkglist_push(&run->added, lp_package_from_te(te));
		} else if (type == TR_REMOVED) {
			ok = lp_pkglist_push(&run->removed, lp_package_from_te(te));
			ok = ok && lp_array_grow((void **)offsets, &alloc, *noffsets + 1, sizeof(**offsets));
			if (ok)
				(*offsets)[(*noffsets)++] = (unsigned)rpmteDBOffset(te);
		} /* other element types (rpmdb, restored) change no files */
	}
	rpmtsiFree(pi);
	return ok;
}

/* Logs the outcome; returns the number of flagged lines. */
static size_t log_outcome(const struct lpcheck *lp, const struct run *run)
{
	int flag_level = lp->mode == MODE_ENFORCE ? RPMLOG_ERR : RPMLOG_WARNING;
	size_t nflagged = 0;

	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		const struct lp_decision *d = &run->outcome.decisions[c];
		int level;
		char *line;

		if (d->verdict == LP_NOT_APPLICABLE)
			continue;
		if (d->flagged)
			level = flag_level, nflagged++;
		else if (d->verdict == LP_UNKNOWN && !run->host.comp[c].probed)
			level = RPMLOG_DEBUG;
		else
			level = RPMLOG_INFO;
		line = lp_report_decision_line(d);
		if (line)
			rpmlog(level, "%s\n", line);
		free(line);
	}
	for (size_t i = 0; i < run->outcome.nproblems; i++) {
		char *line = lp_report_problem_line(run->outcome.problems[i]);
		if (line)
			rpmlog(flag_level, "%s\n", line);
		free(line);
		nflagged++;
	}
	return nflagged;
}

static rpmRC lpcheck_tsm_pre(rpmPlugin plugin, rpmts ts)
{
	struct lpcheck *lp = rpmPluginGetData(plugin);
	struct run *run;
	unsigned *offsets = NULL;
	size_t noffsets = 0, nafter = 0, nflagged;
	rpmRC rc = RPMRC_OK;

	if (lp == NULL)
		return RPMRC_OK;
	run = &lp->run;
	run_release(run); /* fresh state for every run */
	run->root = root_of(ts);
	if (run->root == NULL || !read_elements(ts, run, &offsets, &noffsets))
		goto internal_error;
	struct lp_pkgset added = { (const struct lp_package *const *)run->added.pkgs, run->added.n };
	struct lp_pkgset removed = { (const struct lp_package *const *)run->removed.pkgs, run->removed.n };
	bool concerns[LP_NCOMPONENTS], any = false;
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		concerns[c] = lp_pkgset_concerns(&added, (enum lp_component)c) ||
			      lp_pkgset_concerns(&removed, (enum lp_component)c);
		any |= concerns[c];
	}
	if (!any)
		goto out; /* an ordinary transaction: nothing to judge, nothing to say */
	if (!lp_rpmdb_livepatch_packages(ts, offsets, noffsets, &run->installed))
		goto internal_error;
	run->after = calloc(run->installed.n + run->added.n + 1, sizeof(*run->after));
	if (run->after == NULL)
		goto internal_error;
	for (size_t i = 0; i < run->installed.n; i++) {
		if (run->installed.pkgs[i]->failed)
			goto internal_error;
		run->after[nafter++] = run->installed.pkgs[i];
	}
	for (size_t i = 0; i < run->added.n; i++)
		run->after[nafter++] = run->added.pkgs[i];
	for (size_t i = 0; i < run->added.n + run->removed.n; i++) {
		const struct lp_package *p = i < run->added.n ? run->added.pkgs[i] : run->removed.pkgs[i - run->added.n];
		if (p->failed)
			goto internal_error;
	}

	struct lp_host_config cfg = {
		.root = run->root,
		.sysfs = lp->sysfs,
		.build_id = { lp->build_id[LP_XEN], lp->build_id[LP_KERNEL] },
		.applied = { lp->applied[LP_XEN], lp->applied[LP_KERNEL] },
		.xen_livepatch_cmd = lp->xen_livepatch_cmd,
	};
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		cfg.skip_applied[c] = !concerns[c];
	lp_host_probe(&cfg, &run->host, &rpm_log);

	struct lp_judge_input in = {
		.purpose = LP_PURPOSE_TRANSACTION,
		.host = &run->host,
		.after = { run->after, nafter },
		.removed = removed,
		.known = { NULL, 0 },
		.added = added,
	};
	if (!lp_judge(&in, &run->outcome))
		goto internal_error;
	run->judged = true;
	nflagged = log_outcome(lp, run);
	if (lp->mode == MODE_ENFORCE && nflagged > 0) {
		rpmlog(RPMLOG_ERR, "lpcheck: all: blocked: %zu problem%s; the transaction was stopped before any "
				   "change (set %%__transaction_lpcheck_mode warn to let it through)\n",
		       nflagged, nflagged == 1 ? "" : "s");
		run->blocked = true;
		rc = RPMRC_FAIL;
	}
	goto out;

internal_error:
	rpmlog(RPMLOG_WARNING, "lpcheck: all: internal-error: out of memory reading the transaction; not checked\n");
	run_release(run);
out:
	free(offsets);
	return rc;
}

static int nevra_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char **nevras(const struct lp_pkglist *l)
{
	const char **v = calloc(l->n + 1, sizeof(*v));
	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < l->n; i++)
		v[i] = l->pkgs[i]->nevra;
	qsort(v, l->n, sizeof(*v), nevra_cmp);
	return v;
}

static int mkdirs(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(dir, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

/* Writes data to path through a new file and a rename: never through a symlink. */
static int write_atomically(const char *path, const char *data, size_t n)
{
	char *dir = strdup(path), *slash, *tmp = NULL;
	int fd = -1, err = 0;
	size_t done = 0;

	if (dir == NULL)
		return ENOMEM;
	slash = strrchr(dir, '/');
	if (slash == NULL || slash[1] == '\0') {
		free(dir);
		return EINVAL;
	}
	if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (mkdirs(dir) < 0 || asprintf(&tmp, "%s/.lpcheck-report.XXXXXX", strcmp(dir, "/") ? dir : "") < 0) {
		err = errno ? errno : ENOMEM;
		tmp = NULL;
		goto out;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		goto out;
	}
	while (done < n) {
		ssize_t w = write(fd, data + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			err = errno;
			goto out;
		}
		done += (size_t)w;
	}
	if (fchmod(fd, 0644) < 0 || fsync(fd) < 0) {
		err = errno;
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		err = errno;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		err = errno;
out:
	if (fd >= 0)
		close(fd);
	if (err && tmp)
		unlink(tmp);
	free(tmp);
	free(dir);
	return err;
}

static rpmRC lpcheck_tsm_post(rpmPlugin plugin, rpmts ts, int res)
{
	struct lpcheck *lp = rpmPluginGetData(plugin);
	struct run *run;

	if (lp == NULL)
		return RPMRC_OK;
	run = &lp->run;
	if (run->judged && run->outcome.concerns_any && lp->report && !(rpmtsFlags(ts) & RPMTRANS_FLAG_TEST)) {
		const char **added = nevras(&run->added), **removed = nevras(&run->removed);
		struct lp_report_extra extra = {
			.mode = lp->mode == MODE_ENFORCE ? "enforce" : "warn",
			.result = run->blocked ? "blocked" : res == 0 ? "completed" : "failed",
			.root = run->root,
			.added = added, .nadded = run->added.n,
			.removed = removed, .nremoved = run->removed.n,
		};
		char *json = added && removed ? lp_report_json(&run->outcome, &extra) : NULL;
		int err = json ? write_atomically(lp->report, json, strlen(json)) : ENOMEM;
		if (err)
			rpmlog(RPMLOG_WARNING, "lpcheck: all: internal-error: cannot write the report '%s': %s\n",
			       lp->report, strerror(err));
		free(json);
		free(added);
		free(removed);
	}
	run_release(run);
	return RPMRC_OK;
}

struct rpmPluginHooks_s lpcheck_hooks = {
	.init = lpcheck_init,
	.cleanup = lpcheck_cleanup,
	.tsm_pre = lpcheck_tsm_pre,
	.tsm_post = lpcheck_tsm_post,
};
