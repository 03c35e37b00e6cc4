/*
 * The rpm seam, the one place that speaks librpm: transaction elements,
 * headers, .rpm files and the installed database turned into our packages,
 * rpm's macros read, and the database opened for the command line.
 */
#ifndef LPCHECK_RPM_H
#define LPCHECK_RPM_H
#include <stdbool.h>
#include <stddef.h>
#include <rpm/header.h>
#include <rpm/rpmte.h>
#include <rpm/rpmts.h>
#include "package.h"

/*
 * A transaction element: N/E/V/R/A and its file list (its Provides are gone
 * by tsm_pre). Returns a finished package, NULL when out of memory.
 */
struct lp_package *lp_rpm_package_from_te(rpmte te);
/* A header (installed or from a .rpm file): file list and Provides. Finished; NULL when out of memory. */
struct lp_package *lp_rpm_package_from_header(Header h);
/*
 * Reads an .rpm file's header (signatures and digests are not checked: the
 * ts should have them off) into a finished package. NULL with err set
 * ("<path>: <cause>") when the file is missing, unreadable or not an rpm.
 */
struct lp_package *lp_rpm_package_read_file(rpmts ts, const char *path, char *err, size_t errlen);

/*
 * The installed live patch packages, through four exact index lookups on the
 * transaction's own database: basenames of each component directory and
 * dirnames of each with a trailing slash. Packages whose database offset is in
 * skip are left out (skip is sorted in place). Returns false when out of
 * memory or when a header cannot be read.
 */
bool lp_rpmdb_livepatch_packages(rpmts ts, unsigned *skip, size_t nskip, struct lp_pkglist *out);

/* A macro's expansion, or NULL when undefined or empty (%{nil}). Caller frees. */
char *lp_rpm_macro(const char *name);
/* Defines a global macro (rpmPushMacro, addMacro on 4.11); body is expanded when read. */
void lp_rpm_define(const char *name, const char *body);
/* Drops the innermost definition of a global macro (rpmPopMacro, delMacro on 4.11). */
void lp_rpm_undefine(const char *name);

/*
 * The command line's start: rpm's configuration read, rpm's own log lines
 * kept quiet (shown with verbose > 1), %_dbpath set when dbpath is not NULL.
 * False with err set when the configuration cannot be read.
 */
bool lp_rpm_cli_init(const char *dbpath, int verbose, char *err, size_t errlen);
void lp_rpm_cli_fini(void);
/* A transaction set on root for reading only: no signature or digest checks. */
rpmts lp_rpm_ts_new(const char *root);
/*
 * Opens the installed database read-only. A missing one is an error (err:
 * "rpm database '<dir>': <cause>"), never an empty set: rpm would create it.
 */
bool lp_rpmdb_open(rpmts ts, const char *root, char *err, size_t errlen);

#endif
