/* The configured repositories as a source of packages: configuration, then each cache by its format. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "repo_source.h"
#include "solv.h"
#include "yum_sqlite.h"

/* "3 h", "12 min", "40 s": an age as a person reads it. */
static void age_text(long long s, char *buf, size_t n)
{
	if (s >= 2 * 86400)
		snprintf(buf, n, "%lld days", s / 86400);
	else if (s >= 2 * 3600)
		snprintf(buf, n, "%lld h", s / 3600);
	else if (s >= 120)
		snprintf(buf, n, "%lld min", s / 60);
	else
		snprintf(buf, n, "%lld s", s);
}

/* One repository's cache into out; false with err set. */
static bool read_cache(const struct lp_repo_source_request *req, enum lp_pm pm, const struct lp_repo *r,
		       const struct lp_pkgset *installed, struct lp_pkglist *out, bool *no_files, char *err, size_t errlen)
{
	if (pm == LP_PM_YUM && strncmp(r->id, "yum-mirror/", 11) != 0) /* yum's own: sqlite */
		return lp_yum_read_cache(r->cache, installed, out, no_files, err, errlen);
#ifdef HAVE_LIBSOLV
	return lp_solv_read_cache(r->cache, req->cache_dir, installed, out, no_files, err, errlen);
#else
	snprintf(err, errlen, "this lpcheck was built without libsolv and reads no repository XML; "
		 "give the .rpm files (yum update --downloadonly --downloaddir=DIR)");
	return false;
#endif
}

/* The notes a repository read deserves: no file lists, metadata older than its metadata_expire. */
static void notes(const struct lp_repo_source_request *req, enum lp_pm pm, const struct lp_repo *r, bool no_files,
		  const struct lp_log *log)
{
	char age[32], expire[32];

	if (no_files)
		lp_logf(log, LP_LOG_WARNING,
			"lpcheck: note: repository '%s': its cache holds no file lists (%s): packages are judged by their "
			"livepatch() Provides, and a newer version of an installed live patch package without them is "
			"unknown", r->id,
			pm == LP_PM_YUM ? "yum loads them only when it needs a file"
					: "dnf5 loads them with optional_metadata_types=filelists");
	if (r->metadata_expire >= 0 && r->age_seconds > r->metadata_expire) {
		age_text(r->age_seconds, age, sizeof(age));
		age_text(r->metadata_expire, expire, sizeof(expire));
		lp_logf(log, LP_LOG_WARNING,
			"lpcheck: note: repository '%s': its metadata is %s old, older than its metadata_expire (%s); "
			"'%s makecache' fetches the newest", r->id, age, expire, lp_pm_command(pm));
	}
}

bool lp_repo_source_read(const struct lp_repo_source_request *req, const struct lp_pkgset *installed,
			 struct lp_pkglist *out, struct lp_repo_seen **seen, size_t *nseen, const struct lp_log *log)
{
	struct lp_repos repos;
	char err[4096];
	bool ok = true;

	*seen = NULL;
	*nseen = 0;
	if (!lp_repos_read(req->root, &req->select, &repos, err, sizeof(err))) {
		if (req->strict)
			lp_logf(log, LP_LOG_ERROR, "lpcheck: %s: %s", req->who, err);
		return !req->strict;
	}
	*seen = calloc(repos.n + 1, sizeof(**seen));
	if (*seen == NULL) {
		lp_logf(log, LP_LOG_ERROR, "lpcheck: %s: out of memory", req->who);
		lp_repos_release(&repos);
		return false;
	}
	for (size_t i = 0; i < repos.n; i++) {
		const struct lp_repo *r = &repos.repos[i];
		bool no_files = false;
		if (!r->enabled)
			continue;
		if (r->cache == NULL) {
			lp_logf(log, req->strict ? LP_LOG_ERROR : LP_LOG_WARNING,
				req->strict ? "lpcheck: %s: repository '%s' (%s) has no cached metadata: run '%s makecache' "
					      "first (lpcheck never uses the network)"
					    : "lpcheck: note: %s: repository '%s' (%s) has no cached metadata: judged without it "
					      "('%s makecache' fetches it)",
				req->who, r->id, r->file, lp_pm_command(repos.pm));
			ok = ok && !req->strict;
			continue;
		}
		if (!read_cache(req, repos.pm, r, installed, out, &no_files, err, sizeof(err))) {
			lp_logf(log, req->strict ? LP_LOG_ERROR : LP_LOG_WARNING,
				req->strict ? "lpcheck: %s: repository '%s': %s" : "lpcheck: note: %s: repository '%s': %s; "
										 "judged without it",
				req->who, r->id, err);
			ok = ok && !req->strict;
			continue;
		}
		notes(req, repos.pm, r, no_files, log);
		(*seen)[*nseen].name = strdup(r->id);
		(*seen)[(*nseen)++].age_seconds = r->age_seconds;
		ok = ok && (*seen)[*nseen - 1].name != NULL;
	}
	lp_repos_release(&repos);
	return ok;
}

void lp_repo_seen_release(struct lp_repo_seen *seen, size_t n)
{
	for (size_t i = 0; seen && i < n; i++)
		free((char *)seen[i].name);
	free(seen);
}
