/*
 * lpcheck's own cache of a repository's metadata as a libsolv solv file, so a
 * warm check reads one file where a cold one parses the XML. One file per
 * repository under lp_solv_cache_dir(), named by the repository's directory
 * and keyed by the SHA-256 of its repomd.xml, whether its file lists are
 * there, and libsolv's version: any change gives another name, so a cache is
 * never trusted across a change, and a stale one is removed when its
 * replacement is written (a temporary file, then a rename). dnf's own .solv
 * files are never read: their format is tied to the libsolv that wrote them.
 */
#include "config.h"
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <rpm/rpmpgp.h>
#include <solv/repo_solv.h>
#include <solv/repo_write.h>
#include <solv/solvversion.h>
#include "atomic_file.h"
#include "probe.h"
#include "solv_cache.h"

#define KEY_FORMAT "1" /* lpcheck's own: bump when what is cached changes */

char *lp_solv_cache_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *dir = NULL;

	if (xdg && *xdg == '/')
		return asprintf(&dir, "%s/lpcheck", xdg) < 0 ? NULL : dir;
	if (geteuid() == 0)
		return strdup("/var/cache/lpcheck");
	if (home && *home == '/')
		return asprintf(&dir, "%s/.cache/lpcheck", home) < 0 ? NULL : dir;
	return NULL;
}

/* The first 16 hex digits of SHA-256 over n bytes; NULL when out of memory. */
static char *sha256_16(const void *data, size_t n)
{
	DIGEST_CTX ctx = rpmDigestInit(PGPHASHALGO_SHA256, RPMDIGEST_NONE);
	char *hex = NULL;

	if (ctx == NULL)
		return NULL;
	rpmDigestUpdate(ctx, data, n);
	rpmDigestFinal(ctx, (void **)&hex, NULL, 1);
	if (hex)
		hex[16] = '\0';
	return hex;
}

bool lp_solv_cache_files_present(const char *repo_dir)
{
	char *pattern = NULL;
	glob_t g;
	bool present;

	if (asprintf(&pattern, "%s/repodata/*filelists.xml*", repo_dir) < 0)
		return false;
	present = glob(pattern, GLOB_NOSORT, NULL, &g) == 0 && g.gl_pathc > 0;
	globfree(&g);
	free(pattern);
	return present;
}

char *lp_solv_cache_path(const char *cache_dir, const char *repo_dir, bool files_present)
{
	unsigned char *repomd = NULL;
	size_t n = 0;
	bool cut;
	char *path = NULL, *md = NULL, *where = NULL, *real = realpath(repo_dir, NULL);
	char *repomd_path = NULL;

	if (real && asprintf(&repomd_path, "%s/repodata/repomd.xml", real) >= 0 &&
	    lp_read_bounded(repomd_path, 16 * 1024 * 1024, &repomd, &n, &cut) == 0 && !cut &&
	    (md = sha256_16(repomd, n)) != NULL && (where = sha256_16(real, strlen(real))) != NULL &&
	    asprintf(&path, "%s/%s-%s-%s-%s-%s.solv", cache_dir, where, md, files_present ? "F" : "P", solv_version,
		     KEY_FORMAT) < 0)
		path = NULL;
	free(repomd);
	free(repomd_path);
	free(md);
	free(where);
	free(real);
	return path;
}

bool lp_solv_cache_load(Repo *repo, const char *path)
{
	FILE *fp = fopen(path, "r");
	bool ok;

	if (fp == NULL)
		return false;
	ok = repo_add_solv(repo, fp, 0) == 0;
	fclose(fp);
	if (!ok)
		repo_empty(repo, 1); /* a damaged file: read the XML again, and replace it */
	return ok;
}

/* Removes the other files of the same repository (the name's first field): older keys. */
static void remove_stale(const char *cache_dir, const char *path)
{
	const char *base = strrchr(path, '/') + 1;
	size_t prefix = strcspn(base, "-") + 1;
	DIR *d = opendir(cache_dir);
	struct dirent *de;

	while (d && (de = readdir(d)) != NULL)
		if (strncmp(de->d_name, base, prefix) == 0 && strcmp(de->d_name, base) != 0) {
			char *stale = NULL;
			if (asprintf(&stale, "%s/%s", cache_dir, de->d_name) >= 0)
				unlink(stale);
			free(stale);
		}
	if (d)
		closedir(d);
}

void lp_solv_cache_store(Repo *repo, const char *cache_dir, const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	bool ok = mem && repo_write(repo, mem) == 0;

	/* best effort: a cache that cannot be written is only slower next time */
	if (mem && fclose(mem) == 0 && ok && lp_write_file_atomically(path, buf, len) == 0)
		remove_stale(cache_dir, path);
	free(buf);
}
