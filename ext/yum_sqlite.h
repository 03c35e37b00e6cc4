/* yum 3's cache of a repository: its sqlite databases (libsqlite3), the live patch rows only. */
#ifndef LPCHECK_YUM_SQLITE_H
#define LPCHECK_YUM_SQLITE_H
#include <stdbool.h>
#include <stddef.h>
#include "package.h"

/*
 * Appends to out the live patch packages of the yum cache directory dir
 * (cachedir/<id>): those with livepatch() Provides, and the versions of the
 * names given (the installed live patch packages) as unseen when their files
 * are not known. With yum's filelists database there, their paths under the
 * live patch directories (LP_CONTENTS_PATHS); without it, *no_files and
 * LP_CONTENTS_UNKNOWN. False with err set ("<file>: <cause>") when the
 * databases are missing or not yum's.
 */
bool lp_yum_read_cache(const char *dir, const struct lp_pkgset *names, struct lp_pkglist *out, bool *no_files,
		       char *err, size_t errlen);

#endif
