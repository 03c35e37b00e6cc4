/* The libsolv seam of the CLI: repository metadata (repomd, primary, filelists) into our packages. */
#include "config.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <solv/dataiterator.h>
#include <solv/knownid.h>
#include <solv/pool.h>
#include <solv/repo.h>
#include <solv/repo_repomdxml.h>
#include <solv/repo_rpmmd.h>
#include <solv/solv_xfopen.h>
#include "package.h"
#include "solvseam.h"

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

bool lp_solv_read_repo(const char *dir, struct lp_pkglist *out, char *err, size_t errlen)
{
	Pool *pool = pool_create();
	Repo *repo;
	char *path = NULL;
	FILE *fp;
	bool ok = false;
	struct lp_package **by_solvid = NULL;
	Dataiterator di;
	Id p;
	Solvable *s;

	pool_setdisttype(pool, DISTTYPE_RPM); /* Debian's libsolv defaults to Debian version rules */
	repo = repo_create(pool, "lpcheck");
	if (asprintf(&path, "%s/repodata/repomd.xml", dir) < 0)
		goto out;
	fp = fopen(path, "r");
	if (fp == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (repo_add_repomdxml(repo, fp, 0) != 0) {
		snprintf(err, errlen, "%s: %s", path, pool_errstr(pool));
		fclose(fp);
		goto out;
	}
	fclose(fp);
	if (!add_file(repo, dir, "primary", 0, err, errlen) ||
	    !add_file(repo, dir, "filelists", REPO_EXTEND_SOLVABLES, err, errlen))
		goto out;
	repo_internalize(repo);

	/* one pass over the file lists: only paths under /usr/lib/ can matter */
	by_solvid = calloc((size_t)pool->nsolvables, sizeof(*by_solvid));
	if (by_solvid == NULL)
		goto oom;
	dataiterator_init(&di, pool, repo, 0, SOLVABLE_FILELIST, "/usr/lib/", SEARCH_STRINGSTART | SEARCH_FILES);
	while (dataiterator_step(&di)) {
		const char *fn = di.kv.str;
		struct lp_package *pkg;
		if (!lp_path_is_relevant(fn))
			continue;
		pkg = by_solvid[di.solvid];
		if (pkg == NULL) {
			char *evr;
			const char *e, *v, *r;
			s = pool->solvables + di.solvid;
			evr = strdup(pool_id2str(pool, s->evr));
			if (evr == NULL) {
				dataiterator_free(&di);
				goto oom;
			}
			split_evr(evr, &e, &v, &r);
			pkg = lp_package_new(pool_id2str(pool, s->name), e, v, r, pool_id2str(pool, s->arch));
			free(evr);
			if (pkg == NULL) {
				dataiterator_free(&di);
				goto oom;
			}
			pkg->modes_known = false;
			by_solvid[di.solvid] = pkg;
		}
		lp_package_add_file(pkg, fn, 0, NULL);
	}
	dataiterator_free(&di);

	/* Provides: a package with a livepatch( Provides is a live patch package even without files */
	FOR_REPO_SOLVABLES(repo, p, s) {
		Id *pp;
		if (!s->provides)
			continue;
		for (pp = repo->idarraydata + s->provides; *pp; pp++) {
			Id name = *pp;
			const char *str;
			while (ISRELDEP(name))
				name = GETRELDEP(pool, name)->name;
			str = pool_id2str(pool, name);
			if (!lp_provides_is_livepatch(str))
				continue;
			if (by_solvid[p] == NULL) {
				char *evr = strdup(pool_id2str(pool, s->evr));
				const char *e, *v, *r;
				if (evr == NULL)
					goto oom;
				split_evr(evr, &e, &v, &r);
				by_solvid[p] = lp_package_new(pool_id2str(pool, s->name), e, v, r, pool_id2str(pool, s->arch));
				free(evr);
				if (by_solvid[p] == NULL)
					goto oom;
				by_solvid[p]->modes_known = false;
			}
			lp_package_add_provides(by_solvid[p], str);
		}
	}
	for (Id i = 0; i < pool->nsolvables; i++) {
		if (by_solvid[i] == NULL)
			continue;
		lp_package_finish(by_solvid[i]);
		if (!lp_pkglist_push(out, by_solvid[i])) {
			by_solvid[i] = NULL;
			goto oom;
		}
		by_solvid[i] = NULL;
	}
	ok = true;
	goto out;
oom:
	snprintf(err, errlen, "%s: out of memory", dir);
out:
	if (by_solvid)
		for (Id i = 0; i < pool->nsolvables; i++)
			lp_package_free(by_solvid[i]);
	free(by_solvid);
	free(path);
	pool_free(pool);
	return ok;
}
