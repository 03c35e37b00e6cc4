/* The rpm seam, database and configuration: exact lookups of installed live patch packages, macros, opening. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmmacro.h>
#include "array.h"
#include "record.h"
#include "rpm.h"
#include "strbuf.h"

static int uint_cmp(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

/* Inserts off into the sorted array seen unless it is there; false when it was (or out of memory: *ok). */
static bool first_sighting(unsigned **seen, size_t *nseen, size_t *alloc, unsigned off, bool *ok)
{
	size_t pos;

	if (*nseen && bsearch(&off, *seen, *nseen, sizeof(**seen), uint_cmp))
		return false;
	if (!lp_array_grow((void **)seen, alloc, *nseen + 1, sizeof(**seen))) {
		*ok = false;
		return false;
	}
	/* insertion: few live patch packages are installed */
	for (pos = *nseen; pos > 0 && (*seen)[pos - 1] > off; pos--)
		(*seen)[pos] = (*seen)[pos - 1];
	(*seen)[pos] = off;
	(*nseen)++;
	return true;
}

/* Converts a matched header; a header that does not convert is an error, never a silent gap. */
static bool take_header(Header h, struct lp_pkglist *out)
{
	struct lp_package *pkg = lp_rpm_package_from_header(h);
	if (pkg && pkg->failed)
		pkg = lp_package_free(pkg);
	return lp_pkglist_push(out, pkg);
}

bool lp_rpmdb_livepatch_packages(rpmts ts, unsigned *skip, size_t nskip, struct lp_pkglist *out)
{
	unsigned *seen = NULL;
	size_t nseen = 0, alloc = 0;
	bool ok = true;

	if (nskip)
		qsort(skip, nskip, sizeof(*skip), uint_cmp);
	for (int c = 0; c < LP_NCOMPONENTS && ok; c++) {
		for (int lookup = 0; lookup < 2 && ok; lookup++) {
			rpmDbiTagVal tag = lookup == 0 ? RPMDBI_BASENAMES : RPMDBI_DIRNAMES;
			rpmdbMatchIterator mi;
			Header h;
			char key[64];

			snprintf(key, sizeof(key), "%s%s", lp_component_dir((enum lp_component)c), lookup ? "/" : "");
			mi = rpmtsInitIterator(ts, tag, key, 0);
			while (ok && mi && (h = rpmdbNextIterator(mi)) != NULL) {
				unsigned off = rpmdbGetIteratorOffset(mi);
				if (nskip && bsearch(&off, skip, nskip, sizeof(*skip), uint_cmp))
					continue;
				if (first_sighting(&seen, &nseen, &alloc, off, &ok))
					ok = take_header(h, out);
			}
			rpmdbFreeIterator(mi);
		}
	}
	free(seen);
	return ok;
}

char *lp_rpm_macro(const char *name)
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

void lp_rpm_define(const char *name, const char *body)
{
#ifdef HAVE_RPMPUSHMACRO
	rpmPushMacro(NULL, name, NULL, body, RMIL_GLOBAL);
#else
	addMacro(NULL, name, NULL, body, RMIL_GLOBAL); /* rpm 4.11 (el7) */
#endif
}

void lp_rpm_undefine(const char *name)
{
#ifdef HAVE_RPMPUSHMACRO
	rpmPopMacro(NULL, name);
#else
	delMacro(NULL, name); /* rpm 4.11 (el7) */
#endif
}

static int cli_verbosity;

/* rpm's own messages (a corrupt .rpm, a missing database) become our one line; shown with -vv. */
static int rpmlog_quiet(rpmlogRec rec, rpmlogCallbackData data)
{
	/* each line escaped: rpm quotes names and paths from the package */
	for (const char *line = rpmlogRecMessage(rec); cli_verbosity > 1 && *line;) {
		int n = (int)strcspn(line, "\n");
		lp_put_line(stderr, "lpcheck: rpm: %.*s", n, line);
		line += n + (line[n] == '\n');
	}
	return 0;
}

bool lp_rpm_cli_init(const char *dbpath, int verbose, char *err, size_t errlen)
{
	cli_verbosity = verbose;
	rpmlogSetCallback(rpmlog_quiet, NULL);
	if (rpmReadConfigFiles(NULL, NULL) != 0) {
		snprintf(err, errlen, "cannot read rpm's configuration");
		return false;
	}
	if (dbpath)
		lp_rpm_define("_dbpath", dbpath);
	return true;
}

void lp_rpm_cli_fini(void)
{
	rpmFreeMacros(NULL);
	rpmFreeRpmrc();
}

rpmts lp_rpm_ts_new(const char *root)
{
	rpmts ts = rpmtsCreate();
	rpmtsSetRootDir(ts, root ? root : "/");
	rpmtsSetVSFlags(ts, _RPMVSF_NOSIGNATURES | _RPMVSF_NODIGESTS);
	return ts;
}

/* True when dir holds a database of any backend: opening an empty directory would create one. */
static bool has_database(const char *dir)
{
	static const char *const db_files[] = { "rpmdb.sqlite", "Packages", "Packages.db", "data.mdb" };
	bool found = false;

	for (size_t i = 0; i < sizeof(db_files) / sizeof(db_files[0]) && !found; i++) {
		char *f = NULL;
		if (asprintf(&f, "%s/%s", dir, db_files[i]) >= 0) {
			found = access(f, F_OK) == 0;
			free(f);
		}
	}
	return found;
}

bool lp_rpmdb_open(rpmts ts, const char *root, char *err, size_t errlen)
{
	char *dbpath = rpmGetPath("%{_dbpath}", NULL), *full = NULL;
	struct stat st;
	bool ok = false;

	if (root == NULL)
		root = "/";
	if (asprintf(&full, "%s%s%s", strcmp(root, "/") ? root : "", dbpath[0] == '/' ? "" : "/", dbpath) < 0) {
		full = NULL;
		snprintf(err, errlen, "rpm database '%s': out of memory", dbpath);
	} else if (stat(full, &st) < 0) {
		snprintf(err, errlen, "rpm database '%s': %s", full,
			 errno == ENOENT ? "no such directory" : strerror(errno));
	} else if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "rpm database '%s': not a directory", full);
	} else if (!has_database(full)) {
		snprintf(err, errlen, "rpm database '%s': no database there (rpmdb.sqlite, Packages, Packages.db)", full);
	} else if (rpmtsOpenDB(ts, O_RDONLY) != 0) {
		snprintf(err, errlen, "rpm database '%s': cannot be opened", full);
	} else {
		ok = true;
	}
	free(dbpath);
	free(full);
	return ok;
}
