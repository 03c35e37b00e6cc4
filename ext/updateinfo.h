/* The updateinfo.xml format (expat): the <livepatches> element, and verifying a file against packages. */
#ifndef LPCHECK_UPDATEINFO_H
#define LPCHECK_UPDATEINFO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "package.h"

#define LP_UPDATEINFO_UNKNOWN "updateinfo-unknown-livepatch"
#define LP_UPDATEINFO_MISSING "updateinfo-missing-livepatch"
#define LP_UPDATEINFO_BAD "updateinfo-bad-entry"

/*
 * Writes one <livepatches> element holding a <livepatch/> per record of the
 * newest version of each live patch package name (lp_pkgset_newest_of_each_name),
 * sorted. False when out of memory.
 */
bool lp_updateinfo_write(FILE *out, const struct lp_pkgset *pkgs);

/*
 * Compares each <update>'s <livepatches> in the updateinfo file fp (already
 * decompressed; path names it in messages) with the records of the packages
 * its <pkglist> names, found among pkgs. Writes one
 * "lpcheck: <update id>: <code>: ..." line per problem to out and returns
 * their number; -1 with err set when the file cannot be read or parsed.
 * The caller closes fp.
 */
long lp_updateinfo_verify(FILE *fp, const char *path, const struct lp_pkgset *pkgs, FILE *out, FILE *notes,
			  char *err, size_t errlen);

#endif
