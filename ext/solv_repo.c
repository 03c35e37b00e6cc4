/* The libsolv seam: repository metadata (repomd, primary, filelists) into our packages, and compressed files. */
#include "config.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <solv/dataiterator.h>
#include "solv_cache.h"
#include <solv/knownid.h>
#include <solv/pool.h>
#include <solv/repo.h>
#include <solv/repo_repomdxml.h>
#include <solv/repo_rpmmd.h>
#include <solv/solv_xfopen.h>
#include "package.h"
#include "solv.h"

/* The location of the repomd entry of the given type, or NULL (a copy: pool strings move). */
static char *repomd_location(Repo *repo, const char *type)
{
	Pool *pool = repo->pool;
	Dataiterator di;
	char *loc = NULL;

	dataiterator_init(&di, pool, repo, SOLVID_META, REPOSITORY_REPOMD_TYPE, type, SEARCH_STRING);
	dataiterator_prepend_keyname(&di, REPOSITORY_REPOMD);
	if (dataiterator_step(&di)) {
		const char *s;
		dataiterator_setpos_parent(&di);
		s = pool_lookup_str(pool, SOLVID_POS, REPOSITORY_REPOMD_LOCATION);
		if (s)
			loc = strdup(s);
	}
	dataiterator_free(&di);
	return loc;
}

/* DIR/LOCATION, refused unless it resolves inside DIR. */
static char *inside(const char *dir, const char *loc, char *err, size_t errlen)
{
	char real_dir[PATH_MAX], real_file[PATH_MAX], *path = NULL;
	size_t n;

	if (loc[0] == '/' || strstr(loc, "://") || !strncmp(loc, "../", 3) || strstr(loc, "/../") ||
	    !strcmp(loc, "..")) {
		snprintf(err, errlen, "%s/repodata/repomd.xml: location '%s' is outside the repository", dir, loc);
		return NULL;
	}
	if (asprintf(&path, "%s/%s", dir, loc) < 0) {
		snprintf(err, errlen, "%s: out of memory", dir);
		return NULL;
	}
	if (!realpath(dir, real_dir) || !realpath(path, real_file)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	n = strlen(real_dir);
	if (strncmp(real_file, real_dir, n) != 0 || real_file[n] != '/') {
		snprintf(err, errlen, "%s/repodata/repomd.xml: location '%s' resolves outside the repository", dir, loc);
		free(path);
		return NULL;
	}
	return path;
}

static bool add_file(Repo *repo, const char *dir, const char *type, int flags, char *err, size_t errlen)
{
	char *loc = repomd_location(repo, type), *path;
	FILE *fp;
	bool ok;

	if (loc == NULL) {
		snprintf(err, errlen, "%s/repodata/repomd.xml: no %s entry", dir, type);
		return false;
	}
	path = inside(dir, loc, err, errlen);
	free(loc);
	if (path == NULL)
		return false;
	fp = solv_xfopen(path, "r");
	if (fp == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno ? errno : EIO));
		free(path);
		return false;
	}
	ok = repo_add_rpmmd(repo, fp, NULL, flags) == 0;
	if (!ok)
		snprintf(err, errlen, "%s: %s", path, pool_errstr(repo->pool));
	fclose(fp);
	free(path);
	return ok;
}

/* Splits libsolv's "[E:]V-R" into its parts (in place). */
static void split_evr(char *evr, const char **e, const char **v, const char **r)
{
	char *colon = strchr(evr, ':'), *dash;

	*e = NULL;
	if (colon) {
		*colon = '\0';
		*e = evr;
		evr = colon + 1;
	}
	dash = strrchr(evr, '-');
	*v = evr;
	*r = "";
	if (dash) {
		*dash = '\0';
		*r = dash + 1;
	}
}

/* The package of solvable p, made on first use (one per solvable). NULL when out of memory. */
static struct lp_package *package_of(Pool *pool, struct lp_package **by_solvid, Id p, enum lp_contents contents)
{
	Solvable *s = pool->solvables + p;
	const char *e, *v, *r;
	char *evr;

	if (by_solvid[p])
		return by_solvid[p];
	evr = strdup(pool_id2str(pool, s->evr));
	if (evr == NULL)
		return NULL;
	split_evr(evr, &e, &v, &r);
	by_solvid[p] = lp_package_new(contents, pool_id2str(pool, s->name), e, v, r, pool_id2str(pool, s->arch));
	free(evr);
	return by_solvid[p];
}

/*
 * Loads repomd.xml and the primary and filelists it names into repo. With
 * no_files, a filelists file missing from a package manager's cache (dnf5
 * downloads none by default) is no error: *no_files says it was missing.
 */
static bool load_metadata(Repo *repo, const char *dir, bool *no_files, char *err, size_t errlen)
{
	char *path = NULL, *loc;
	FILE *fp;
	bool ok;

	if (asprintf(&path, "%s/repodata/repomd.xml", dir) < 0) {
		snprintf(err, errlen, "%s: out of memory", dir);
		return false;
	}
	fp = fopen(path, "r");
	if (fp == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(path);
		return false;
	}
	ok = repo_add_repomdxml(repo, fp, 0) == 0;
	if (!ok)
		snprintf(err, errlen, "%s: %s", path, pool_errstr(repo->pool));
	fclose(fp);
	free(path);
	if (!ok || !add_file(repo, dir, "primary", 0, err, errlen)) /* repo_add_rpmmd internalizes each file */
		return false;
	if (no_files) {
		char ignored[256];
		loc = repomd_location(repo, "filelists");
		path = loc ? inside(dir, loc, ignored, sizeof(ignored)) : NULL;
		*no_files = path == NULL || access(path, F_OK) != 0;
		free(loc);
		free(path);
		if (*no_files)
			return true;
	}
	return add_file(repo, dir, "filelists", REPO_EXTEND_SOLVABLES, err, errlen);
}

/* One pass over the file lists: only paths under /usr/lib/ can matter. */
static bool add_livepatch_paths(Repo *repo, struct lp_package **by_solvid)
{
	Dataiterator di;
	bool ok = true;

	dataiterator_init(&di, repo->pool, repo, 0, SOLVABLE_FILELIST, "/usr/lib/", SEARCH_STRINGSTART | SEARCH_FILES);
	while (ok && dataiterator_step(&di)) {
		struct lp_package *pkg;
		if (!lp_path_is_relevant(di.kv.str))
			continue;
		pkg = package_of(repo->pool, by_solvid, di.solvid, LP_CONTENTS_PATHS); /* filelists: paths only */
		if (pkg)
			lp_package_add_file(pkg, di.kv.str, 0, NULL);
		ok = pkg != NULL;
	}
	dataiterator_free(&di);
	return ok;
}

/* A package with a livepatch( Provides is a live patch package even without files. */
static bool add_livepatch_provides(Repo *repo, struct lp_package **by_solvid, enum lp_contents contents)
{
	Pool *pool = repo->pool;
	Solvable *s;
	Id p;

	FOR_REPO_SOLVABLES(repo, p, s) {
		for (Id *pp = s->provides ? repo->idarraydata + s->provides : NULL; pp && *pp; pp++) {
			Id name = *pp;
			struct lp_package *pkg;
			while (ISRELDEP(name))
				name = GETRELDEP(pool, name)->name;
			if (!lp_provides_is_livepatch(pool_id2str(pool, name)))
				continue;
			pkg = package_of(pool, by_solvid, p, contents);
			if (pkg == NULL)
				return false;
			lp_package_add_provides(pkg, pool_id2str(pool, name));
		}
	}
	return true;
}

/* Finishes every package made and moves it to out, in solvable order. */
static bool hand_over(Pool *pool, struct lp_package **by_solvid, struct lp_pkglist *out)
{
	for (Id i = 0; i < pool->nsolvables; i++) {
		struct lp_package *pkg = by_solvid[i];
		if (pkg == NULL)
			continue;
		by_solvid[i] = NULL;
		if (!lp_package_finish(pkg) || !lp_pkglist_push(out, pkg))
			return false;
	}
	return true;
}

/* Packages of the names given, as nobody saw into them: the versions a package manager may offer. */
static bool add_named(Repo *repo, struct lp_package **by_solvid, const struct lp_pkgset *names)
{
	Pool *pool = repo->pool;
	Solvable *s;
	Id p;

	FOR_REPO_SOLVABLES(repo, p, s) {
		for (size_t i = 0; names && i < names->n; i++)
			if (strcmp(pool_id2str(pool, s->name), names->pkgs[i]->name) == 0 &&
			    package_of(pool, by_solvid, p, LP_CONTENTS_UNKNOWN) == NULL)
				return false;
	}
	return true;
}

/*
 * Reads dir's metadata into repo: from lpcheck's solv cache when cache_dir is
 * given and holds it for the metadata as it is now, else from the XML (then
 * cached). *missing: no file lists (only asked for with no_files).
 */
static bool load_repo(Repo *repo, const char *dir, const char *cache_dir, bool no_files, bool *missing, char *err,
		      size_t errlen)
{
	bool present = cache_dir ? lp_solv_cache_files_present(dir) : false;
	char *cpath = cache_dir ? lp_solv_cache_path(cache_dir, dir, present) : NULL;
	bool ok = true;

	if (cpath && lp_solv_cache_load(repo, cpath)) {
		*missing = no_files && !present;
	} else {
		ok = load_metadata(repo, dir, no_files ? missing : NULL, err, errlen);
		if (ok && cpath)
			lp_solv_cache_store(repo, cache_dir, cpath);
	}
	free(cpath);
	return ok;
}

static bool read_repo(const char *dir, const char *cache_dir, const struct lp_pkgset *names, bool *no_files,
		      struct lp_pkglist *out, char *err, size_t errlen)
{
	Pool *pool = pool_create();
	Repo *repo;
	struct lp_package **by_solvid = NULL;
	bool ok = false, missing = false;

	pool_setdisttype(pool, DISTTYPE_RPM); /* Debian's libsolv defaults to Debian version rules */
	repo = repo_create(pool, "lpcheck");
	if (!load_repo(repo, dir, cache_dir, no_files != NULL, &missing, err, errlen))
		goto out;
	by_solvid = calloc((size_t)pool->nsolvables, sizeof(*by_solvid));
	if (missing)
		ok = by_solvid && add_named(repo, by_solvid, names) &&
		     add_livepatch_provides(repo, by_solvid, LP_CONTENTS_UNKNOWN) && hand_over(pool, by_solvid, out);
	else
		ok = by_solvid && add_livepatch_paths(repo, by_solvid) &&
		     add_livepatch_provides(repo, by_solvid, LP_CONTENTS_PATHS) && hand_over(pool, by_solvid, out);
	if (!ok)
		snprintf(err, errlen, "%s: out of memory", dir);
	if (no_files)
		*no_files = missing;
out:
	for (Id i = 0; by_solvid && i < pool->nsolvables; i++)
		lp_package_free(by_solvid[i]);
	free(by_solvid);
	pool_free(pool);
	return ok;
}

bool lp_solv_read_repo(const char *dir, struct lp_pkglist *out, char *err, size_t errlen)
{
	return read_repo(dir, NULL, NULL, NULL, out, err, errlen);
}

bool lp_solv_read_cache(const char *dir, const char *cache_dir, const struct lp_pkgset *names,
			struct lp_pkglist *out, bool *no_files, char *err, size_t errlen)
{
	return read_repo(dir, cache_dir, names, no_files, out, err, errlen);
}

FILE *lp_solv_fopen(const char *path)
{
	return solv_xfopen(path, "r");
}
