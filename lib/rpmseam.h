/* The rpm seam: rpm file lists, headers and the installed database turned into our packages. */
#ifndef LPCHECK_RPMSEAM_H
#define LPCHECK_RPMSEAM_H
#include <stdbool.h>
#include <stddef.h>
#include <rpm/header.h>
#include <rpm/rpmfiles.h>
#include <rpm/rpmte.h>
#include <rpm/rpmts.h>
#include "package.h"

/* Adds the paths of files that lie under a live patch directory (modes, symlink targets). */
void lp_package_add_rpmfiles(struct lp_package *pkg, rpmfiles files);

/*
 * A transaction element: N/E/V/R/A and its file list. Its Provides are gone
 * by tsm_pre, so has_provides_data is false. Returns a finished package, NULL
 * when out of memory.
 */
struct lp_package *lp_package_from_te(rpmte te);
/* A header (installed or from a .rpm file): file list and Provides. Finished. */
struct lp_package *lp_package_from_header(Header h);

/*
 * Reads an .rpm file's header (signatures and digests are not checked: the
 * ts should have them off) into a finished package. NULL with err set
 * ("<path>: <cause>") when the file is missing, unreadable or not an rpm.
 */
struct lp_package *lp_package_read_rpm(rpmts ts, const char *path, char *err, size_t errlen);

/* A growable list of packages the caller frees with lp_pkglist_release(). */
struct lp_pkglist {
	struct lp_package **pkgs;
	size_t n, alloc;
};
bool lp_pkglist_push(struct lp_pkglist *l, struct lp_package *pkg);
void lp_pkglist_release(struct lp_pkglist *l);

/*
 * The installed live patch packages, through four exact index lookups on the
 * transaction's own database: basenames of each component directory and
 * dirnames of each with a trailing slash. Packages whose database offset is in
 * skip are left out (skip is sorted in place). Returns false when out of memory.
 */
bool lp_rpmdb_livepatch_packages(rpmts ts, unsigned *skip, size_t nskip, struct lp_pkglist *out);

#endif
