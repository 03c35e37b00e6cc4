/*
 * Where status, check and scan get their packages: the rpm database, .rpm files,
 * repository directories, and the configured repositories (configuration,
 * then each cache by its format).
 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "package_source.h"
#include "solv.h"
#ifdef HAVE_LIBSOLV
#include "solv_cache.h"
#endif
#include "yum_sqlite.h"

/* Who a configured-repository line speaks for. */
#define WHO(strict) ((strict) ? "check" : "status")

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
static bool read_cache(const char *cache_dir, enum lp_pm pm, const struct lp_repo *r,
		       const struct lp_pkgset *installed, struct lp_pkglist *out, bool *no_files, char *err, size_t errlen)
{
	if (pm == LP_PM_YUM && strncmp(r->id, "yum-mirror/", 11) != 0) /* yum's own: sqlite */
		return lp_yum_read_cache(r->cache, installed, out, no_files, err, errlen);
#ifdef HAVE_LIBSOLV
	return lp_solv_read_cache(r->cache, cache_dir, installed, out, no_files, err, errlen);
#else
	snprintf(err, errlen, "this lpcheck was built without libsolv and reads no repository XML; "
		 "give the .rpm files (yum update --downloadonly --downloaddir=DIR)");
	return false;
#endif
}

/* The notes a repository read deserves: no file lists, metadata older than its metadata_expire. */
static void notes(enum lp_pm pm, const struct lp_repo *r, bool no_files,
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

/*
 * The configured repositories' packages into out->known, those read into
 * out->seen. strict (check): every enabled repository must be read; else
 * (status) what is cached helps, the rest is a note, and no configuration is
 * no error. Needs out->installed: a cache without file lists keeps the
 * versions of those names (unseen).
 */
static bool read_configured(const struct lp_source_request *req, const char *cache_dir, bool strict,
			    struct lp_sources *out, const struct lp_log *log)
{
	struct lp_pkgset installed = lp_pkglist_set(&out->installed); /* whose unseen versions count */
	struct lp_repos repos;
	char err[4096];
	bool ok = true;

	if (!lp_repos_read(req->root, &req->select, &repos, err, sizeof(err))) {
		if (strict)
			lp_logf(log, LP_LOG_ERROR, "lpcheck: %s: %s", WHO(strict), err);
		return !strict;
	}
	out->seen = calloc(repos.n + 1, sizeof(*out->seen));
	if (out->seen == NULL) {
		lp_logf(log, LP_LOG_ERROR, "lpcheck: %s: out of memory", WHO(strict));
		lp_repos_release(&repos);
		return false;
	}
	for (size_t i = 0; i < repos.n; i++) {
		const struct lp_repo *r = &repos.repos[i];
		bool no_files = false;
		if (!r->enabled)
			continue;
		if (r->cache == NULL) {
			lp_logf(log, strict ? LP_LOG_ERROR : LP_LOG_WARNING,
				strict ? "lpcheck: %s: repository '%s' (%s) has no cached metadata: run '%s makecache' "
					      "first (lpcheck never uses the network)"
					    : "lpcheck: note: %s: repository '%s' (%s) has no cached metadata: judged without it "
					      "('%s makecache' fetches it)",
				WHO(strict), r->id, r->file, lp_pm_command(repos.pm));
			ok = ok && !strict;
			continue;
		}
		if (!read_cache(cache_dir, repos.pm, r, &installed, &out->known, &no_files, err, sizeof(err))) {
			lp_logf(log, strict ? LP_LOG_ERROR : LP_LOG_WARNING,
				strict ? "lpcheck: %s: repository '%s': %s" : "lpcheck: note: %s: repository '%s': %s; "
										 "judged without it",
				WHO(strict), r->id, err);
			ok = ok && !strict;
			continue;
		}
		notes(repos.pm, r, no_files, log);
		struct lp_repo_seen *seen = &out->seen[out->nseen++];
		seen->age_seconds = r->age_seconds;
		seen->name = strdup(r->id);
		ok = ok && seen->name != NULL;
	}
	lp_repos_release(&repos);
	return ok;
}

/* The installed live patch packages of the host's database. */
static bool read_installed(const struct lp_source_request *req, struct lp_pkglist *out, const struct lp_log *log)
{
	char err[4096];

	if (!lp_rpmdb_open(req->ts, req->root, err, sizeof(err))) {
		lp_logf(log, LP_LOG_ERROR, "lpcheck: %s", err);
		return false;
	}
	if (!lp_rpmdb_livepatch_packages(req->ts, NULL, 0, out)) {
		lp_logf(log, LP_LOG_ERROR, "lpcheck: rpm database: cannot read the installed live patch packages "
					   "(out of memory)");
		return false;
	}
	return true;
}

static bool read_rpm_files(const struct lp_source_request *req, struct lp_pkglist *out, const struct lp_log *log)
{
	char err[4096];

	for (size_t i = 0; i < req->nrpms; i++) {
		struct lp_package *p = lp_rpm_package_read_file(req->ts, req->rpms[i], err, sizeof(err));
		if (p == NULL) {
			lp_logf(log, LP_LOG_ERROR, "lpcheck: %s", err);
			return false;
		}
		if (!lp_pkglist_push(out, p)) {
			lp_logf(log, LP_LOG_ERROR, "lpcheck: %s: out of memory", req->rpms[i]);
			return false;
		}
	}
	return true;
}

/* A --repo directory's metadata age: now less its repomd.xml's modification time; -1 unknown. */
static long long repo_dir_age(const char *dir)
{
	char path[4096];
	struct stat st;
	time_t now = time(NULL);

	if ((size_t)snprintf(path, sizeof(path), "%s/repodata/repomd.xml", dir) >= sizeof(path) || stat(path, &st) != 0)
		return -1;
	return now > st.st_mtime ? (long long)(now - st.st_mtime) : 0;
}

/* The --repo directories, whole: their live patch packages into out->known, each into out->seen. */
static bool read_repo_dirs(const struct lp_source_request *req, struct lp_sources *out, const struct lp_log *log)
{
	out->seen = calloc(req->nrepos + 1, sizeof(*out->seen));
	if (out->seen == NULL) {
		lp_logf(log, LP_LOG_ERROR, "lpcheck: out of memory");
		return false;
	}
	for (size_t i = 0; i < req->nrepos; i++) {
#ifdef HAVE_LIBSOLV
		char err[4096];
		if (!lp_solv_read_repo(req->repos[i], &out->known, err, sizeof(err))) {
			lp_logf(log, LP_LOG_ERROR, "lpcheck: %s", err);
			return false;
		}
#else
		lp_logf(log, LP_LOG_ERROR, "lpcheck: %s: this lpcheck was built without libsolv and reads no "
					   "repository directory", req->repos[i]);
		return false;
#endif
		out->seen[out->nseen].age_seconds = repo_dir_age(req->repos[i]);
		if ((out->seen[out->nseen++].name = strdup(req->repos[i])) == NULL) {
			lp_logf(log, LP_LOG_ERROR, "lpcheck: out of memory");
			return false;
		}
	}
	return true;
}

bool lp_sources_read(const struct lp_source_request *req, struct lp_sources *out, const struct lp_log *log)
{
	char *cache_dir = NULL;
	bool ok;

	memset(out, 0, sizeof(*out));
	if (!read_rpm_files(req, &out->given, log) || (req->rpmdb && !read_installed(req, &out->installed, log)))
		return false;
	if (req->nrepos > 0)
		return read_repo_dirs(req, out, log);
	if (req->nrpms > 0 || req->configured == LP_CONFIGURED_NONE)
		return true;
#ifdef HAVE_LIBSOLV
	if (!req->no_cache)
		cache_dir = lp_solv_cache_dir(); /* lpcheck's solv files: a warm check is cheap */
#endif
	ok = read_configured(req, cache_dir, req->configured == LP_CONFIGURED_REQUIRED, out, log);
	free(cache_dir);
	if (!ok && req->configured == LP_CONFIGURED_HELPFUL) {
		lp_logf(log, LP_LOG_WARNING, "lpcheck: note: status: the configured repositories could not all be read");
		return true;
	}
	return ok;
}

void lp_sources_release(struct lp_sources *s)
{
	for (size_t i = 0; s->seen && i < s->nseen; i++)
		free((char *)s->seen[i].name);
	free(s->seen);
	lp_pkglist_release(&s->installed);
	lp_pkglist_release(&s->given);
	lp_pkglist_release(&s->known);
	memset(s, 0, sizeof(*s));
}
