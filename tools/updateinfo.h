/* lpcheck updateinfo: the <livepatches> element for update metadata, and --verify of an updateinfo.xml. */
#ifndef LPCHECK_UPDATEINFO_H
#define LPCHECK_UPDATEINFO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "engine.h"
#include "rpmseam.h"

#define LP_UPDATEINFO_UNKNOWN "updateinfo-unknown-livepatch"
#define LP_UPDATEINFO_MISSING "updateinfo-missing-livepatch"
#define LP_UPDATEINFO_BAD "updateinfo-bad-entry"

/*
 * Writes one <livepatches> element holding a <livepatch/> per record of the
 * newest version of each live patch package name, sorted. False when out of memory.
 */
bool lp_updateinfo_write(FILE *out, const struct lp_pkgset *pkgs);

/*
 * Compares each <update>'s <livepatches> in the updateinfo file (compressed or
 * not) with the records of the packages its <pkglist> names, found among pkgs.
 * Writes one "lpcheck: <update id>: <code>: ..." line per problem to out and
 * returns their number; -1 with err set when the file cannot be read or parsed.
 */
long lp_updateinfo_verify(const char *path, const struct lp_pkgset *pkgs, FILE *out, FILE *notes, char *err,
			  size_t errlen);

#endif
