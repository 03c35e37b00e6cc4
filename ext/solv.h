/* The libsolv seam, the one place that speaks libsolv: repository metadata and compressed files. */
#ifndef LPCHECK_SOLV_H
#define LPCHECK_SOLV_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "package.h"

/*
 * Reads DIR/repodata/repomd.xml and the primary and filelists it names
 * (compressed or not) in one pass, and appends every live patch package of the
 * repository to out (finished, LP_CONTENTS_PATHS: libsolv keeps paths only).
 * Returns false with err set ("<file>: <cause>") on unreadable or truncated
 * metadata, or a location outside DIR.
 */
bool lp_solv_read_repo(const char *dir, struct lp_pkglist *out, char *err, size_t errlen);
/*
 * The same for a package manager's cache, which may lack the file lists (dnf5
 * downloads none by default; *no_files says so): then every package is of
 * unknown contents, those with livepatch() Provides judged by them, and the
 * versions of the names given (the installed live patch packages, which an
 * update would replace) kept as unseen (doc/rules.md §3). cache_dir: where
 * lpcheck keeps its solv files (lp_solv_cache_dir()), NULL: none.
 */
bool lp_solv_read_cache(const char *dir, const char *cache_dir, const struct lp_pkgset *names,
			struct lp_pkglist *out, bool *no_files, char *err, size_t errlen);

/* Opens a file for reading, decompressing gzip, xz, bzip2 or zstd by its name; NULL with errno set. */
FILE *lp_solv_fopen(const char *path);

#endif
