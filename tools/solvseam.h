/* The libsolv seam of the CLI: repository metadata (repomd, primary, filelists) into our packages. */
#ifndef LPCHECK_SOLVSEAM_H
#define LPCHECK_SOLVSEAM_H
#include <stdbool.h>
#include <stddef.h>
#include "rpmseam.h"

/*
 * Reads DIR/repodata/repomd.xml and the primary and filelists it names
 * (compressed or not) in one pass, and appends every live patch package of the
 * repository to out (finished, modes_known false: libsolv keeps paths only).
 * Returns false with err set ("<file>: <cause>") on unreadable or truncated
 * metadata, or a location outside DIR.
 */
bool lp_solv_read_repo(const char *dir, struct lp_pkglist *out, char *err, size_t errlen);

#endif
