/*
 * Where status, check and scan get their packages, one seam for all: the
 * rpm database (installed), the .rpm files given (given), the repository
 * directories given with --repo or, when neither files nor directories are
 * given, the repositories the host's package manager configured, read from
 * their caches (known). Each source fills the same kind of list; the caller
 * says only what it was given. Never the network.
 */
#ifndef LPCHECK_PACKAGE_SOURCE_H
#define LPCHECK_PACKAGE_SOURCE_H
#include <stdbool.h>
#include <stddef.h>
#include "log.h"
#include "package.h"
#include "repo_conf.h"
#include "report.h"
#include "rpm.h"

/* What the configured repositories are to the caller, when nothing else names the packages. */
enum lp_configured_use {
	LP_CONFIGURED_NONE,     /* not read (check --transaction: the plan names its packages) */
	LP_CONFIGURED_HELPFUL,  /* status: what is cached tells eol from a newer build; the rest is a note */
	LP_CONFIGURED_REQUIRED, /* check: every enabled repository must be read, an uncached one is an
				   error (a partial answer could miss the newest update) */
};

struct lp_source_request {
	rpmts ts;         /* opened by lp_rpm_ts_new(root); the caller owns it */
	const char *root; /* everything is read under it */
	bool rpmdb;       /* the installed packages (status, check); scan judges packages alone */
	char *const *rpms; /* .rpm files */
	size_t nrpms;
	const char *const *repos; /* repository directories (--repo) */
	size_t nrepos;
	enum lp_configured_use configured;
	struct lp_repo_select select; /* which configured repositories, with which $releasever */
	bool no_cache;                /* not lpcheck's solv cache of the configured repositories */
};

struct lp_sources {
	struct lp_pkglist installed; /* the live patch packages of the rpm database */
	struct lp_pkglist given;     /* the .rpm files */
	struct lp_pkglist known;     /* the repositories' live patch packages, and unseen versions
					of installed names where a cache holds no file lists */
	struct lp_repo_seen *seen;   /* the repositories read, with the age of their metadata */
	size_t nseen;
};

/*
 * Fills out from every source the request names. Lines go to log, each
 * naming its input: errors ("lpcheck: FILE: cause", "lpcheck: check:
 * repository 'ID' ..."), notes (stale metadata, no file lists). False after
 * an error line; out is then still to be released.
 */
bool lp_sources_read(const struct lp_source_request *req, struct lp_sources *out, const struct lp_log *log);
void lp_sources_release(struct lp_sources *s);

#endif
