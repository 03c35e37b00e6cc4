/*
 * The repositories the host's package manager configured, as a source of
 * packages for check and status: the configuration (repo_conf.c), then each
 * enabled repository's cache, read by its format (libsolv with lpcheck's solv
 * cache, yum's sqlite). Never the network.
 */
#ifndef LPCHECK_REPO_SOURCE_H
#define LPCHECK_REPO_SOURCE_H
#include <stdbool.h>
#include <stddef.h>
#include "log.h"
#include "package.h"
#include "repo_conf.h"
#include "report.h"

struct lp_repo_source_request {
	const char *root;
	struct lp_repo_select select;
	const char *cache_dir; /* lpcheck's solv files (lp_solv_cache_dir()); NULL: none */
	/*
	 * check: every enabled repository must be read, an uncached one is an
	 * error (a partial answer could miss the newest update); status: what
	 * is cached helps, the rest is a note, and no configuration is no error.
	 */
	bool strict;
	const char *who; /* "check" or "status", for the lines */
};

/*
 * Appends the packages of the configured repositories to out: their live
 * patch packages, and the versions of the installed packages' names where
 * the cache holds no file lists (unseen). *seen gets the repositories read
 * (names owned, free them with lp_repo_seen_release). Lines go to log: errors
 * ("<who>: repository 'ID' ..."), notes (stale metadata, no file lists).
 * False after an error line.
 */
bool lp_repo_source_read(const struct lp_repo_source_request *req, const struct lp_pkgset *installed,
			 struct lp_pkglist *out, struct lp_repo_seen **seen, size_t *nseen, const struct lp_log *log);
void lp_repo_seen_release(struct lp_repo_seen *seen, size_t n);

#endif
