/*
 * yum 3's cache of a repository (libsqlite3): the sqlite databases yum keeps
 * in cachedir/<id>/gen/ (primary_db.sqlite as downloaded, or primary.xml.sqlite
 * as yum made it from the XML; filelists likewise, only when yum loaded them).
 * Only the live patch rows are queried: packages with a livepatch() Provides,
 * the versions of the installed live patch packages' names, and their files
 * under the live patch directories.
 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include "yum_sqlite.h"

/* The first of yum's databases of a kind that exists in dir/gen; NULL when none. */
static char *database(const char *dir, const char *const *names)
{
	for (; *names; names++) {
		char *path = NULL;
		struct stat st;
		if (asprintf(&path, "%s/gen/%s", dir, *names) < 0)
			return NULL;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return path;
		free(path);
	}
	return NULL;
}

static sqlite3 *open_ro(const char *path, char *err, size_t errlen)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 2000); /* yum may be writing it: bounded */
	return db;
}

/* Column i as text, "" for NULL. */
static const char *text_of(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

struct found {
	sqlite3_int64 key;
	char *pkgid;
	struct lp_package *pkg;
};

static struct found *find_key(struct found *f, size_t n, sqlite3_int64 key)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].key == key)
			return &f[i];
	return NULL;
}

/* Adds the row's package (once per pkgKey) and its livepatch() Provides, if any (column 7). */
static bool take_row(sqlite3_stmt *st, enum lp_contents contents, struct found **out, size_t *n, size_t *alloc)
{
	sqlite3_int64 key = sqlite3_column_int64(st, 0);
	struct found *f = find_key(*out, *n, key);

	if (f == NULL) {
		if (*n == *alloc) {
			struct found *grown = realloc(*out, (*alloc * 2 + 16) * sizeof(**out));
			if (grown == NULL)
				return false;
			*out = grown;
			*alloc = *alloc * 2 + 16;
		}
		f = &(*out)[(*n)++];
		f->key = key;
		f->pkgid = strdup(text_of(st, 1));
		f->pkg = lp_package_new(contents, text_of(st, 2), text_of(st, 3), text_of(st, 4), text_of(st, 5),
					text_of(st, 6));
		if (f->pkgid == NULL || f->pkg == NULL)
			return false;
	}
	if (sqlite3_column_type(st, 7) != SQLITE_NULL)
		lp_package_add_provides(f->pkg, text_of(st, 7));
	return true;
}

/* Runs sql (name bound to ?1 when given) and takes every row; false with err set. */
static bool query(sqlite3 *db, const char *path, const char *sql, const char *name, enum lp_contents contents,
		  struct found **out, size_t *n, size_t *alloc, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    (name && sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK)) {
		snprintf(err, errlen, "%s: not a yum primary database (%s)", path, sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return false;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!take_row(st, contents, out, n, alloc))
			break;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "%s: %s", path, rc == SQLITE_ROW ? "out of memory" : sqlite3_errmsg(db));
		return false;
	}
	return true;
}

/*
 * The live patch rows of the primary database: each package with a
 * livepatch() Provides, with them, and each version of the names given (the
 * installed live patch packages, which an update would replace).
 */
static bool read_primary(sqlite3 *db, const char *path, const struct lp_pkgset *names, enum lp_contents contents,
			 struct found **out, size_t *n, char *err, size_t errlen)
{
	static const char by_provides[] =
		"SELECT p.pkgKey, p.pkgId, p.name, p.epoch, p.version, p.release, p.arch, pr.name FROM packages p "
		"JOIN provides pr ON pr.pkgKey = p.pkgKey WHERE pr.name LIKE 'livepatch(%' ORDER BY p.pkgKey";
	static const char by_name[] =
		"SELECT pkgKey, pkgId, name, epoch, version, release, arch, NULL FROM packages WHERE name = ?1";
	size_t alloc = 0;
	bool ok = query(db, path, by_provides, NULL, contents, out, n, &alloc, err, errlen);

	for (size_t i = 0; ok && names && i < names->n; i++)
		ok = query(db, path, by_name, names->pkgs[i]->name, contents, out, n, &alloc, err, errlen);
	return ok;
}

/* The files of the found packages under the live patch directories, from the filelists database. */
static bool read_filelists(sqlite3 *db, const char *path, struct found *f, size_t n, char *err, size_t errlen)
{
	static const char sql[] =
		"SELECT p.pkgId, f.dirname, f.filenames FROM filelist f JOIN packages p ON p.pkgKey = f.pkgKey "
		"WHERE f.dirname = '/usr/lib/xen-livepatch' OR f.dirname LIKE '/usr/lib/xen-livepatch/%' "
		"OR f.dirname = '/usr/lib/kernel-livepatch' OR f.dirname LIKE '/usr/lib/kernel-livepatch/%' "
		"OR (f.dirname = '/usr/lib' AND ('/' || f.filenames || '/') GLOB '*/[xk]*-livepatch/*')";
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: not a yum filelists database (%s)", path, sqlite3_errmsg(db));
		return false;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *pkgid = text_of(st, 0), *dir = text_of(st, 1), *names = text_of(st, 2);
		for (size_t i = 0; i < n; i++) {
			if (strcmp(f[i].pkgid, pkgid) != 0)
				continue;
			/* filenames: the directory's entries joined with '/' */
			for (const char *p = names; *p;) {
				size_t len = strcspn(p, "/");
				char *full = NULL;
				if (len && asprintf(&full, "%s/%.*s", dir, (int)len, p) >= 0 && lp_path_is_relevant(full))
					lp_package_add_file(f[i].pkg, full, 0, NULL);
				free(full);
				p += len + (p[len] == '/');
			}
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(db));
		return false;
	}
	return true;
}

bool lp_yum_read_cache(const char *dir, const struct lp_pkgset *names, struct lp_pkglist *out, bool *no_files,
		       char *err, size_t errlen)
{
	static const char *const primary[] = { "primary_db.sqlite", "primary.xml.sqlite", NULL };
	static const char *const filelists[] = { "filelists_db.sqlite", "filelists.xml.sqlite", NULL };
	char *ppath = database(dir, primary), *fpath = database(dir, filelists);
	struct found *f = NULL;
	size_t n = 0;
	sqlite3 *db = NULL;
	bool ok = false;

	*no_files = fpath == NULL;
	if (ppath == NULL) {
		snprintf(err, errlen, "%s: no primary database in gen/ (yum makecache makes it)", dir);
		goto out;
	}
	db = open_ro(ppath, err, errlen);
	if (db == NULL ||
	    !read_primary(db, ppath, names, fpath ? LP_CONTENTS_PATHS : LP_CONTENTS_UNKNOWN, &f, &n, err, errlen))
		goto out;
	sqlite3_close(db);
	db = NULL;
	if (fpath && ((db = open_ro(fpath, err, errlen)) == NULL || !read_filelists(db, fpath, f, n, err, errlen)))
		goto out;
	ok = true;
	for (size_t i = 0; ok && i < n; i++) {
		struct lp_package *pkg = f[i].pkg;
		f[i].pkg = NULL;
		ok = lp_package_finish(pkg) && lp_pkglist_push(out, pkg);
	}
	if (!ok)
		snprintf(err, errlen, "%s: out of memory", dir);
out:
	for (size_t i = 0; i < n; i++) {
		free(f[i].pkgid);
		lp_package_free(f[i].pkg);
	}
	free(f);
	sqlite3_close(db);
	free(ppath);
	free(fpath);
	return ok;
}
