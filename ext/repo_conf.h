/*
 * The repositories a host's package manager has configured, read the way
 * it reads them (dnf 5, dnf 4, yum 3): the main configuration file, the
 * .repo files of its repository directories, variables, and where each
 * repository's metadata is cached. Never the network: a cache is found or
 * named as missing. The ini files are parsed by lp_ini_parse(), the subset
 * those package managers accept (doc/contract.md §5).
 */
#ifndef LPCHECK_REPO_CONF_H
#define LPCHECK_REPO_CONF_H
#include <stdbool.h>
#include <stddef.h>

enum lp_pm { LP_PM_DNF5, LP_PM_DNF4, LP_PM_YUM };

/*
 * One ini file's entries, in order: section (NULL before the first), key,
 * value (continuation lines joined with '\n', "key: value" accepted as yum's
 * iniparse does). Returns false with err set ("line N: cause") on a line that
 * is none of: blank, comment (# or ;), [section], key=value, continuation.
 */
typedef void (*lp_ini_entry_fn)(void *ctx, const char *section, const char *key, const char *value);
bool lp_ini_parse(const char *text, size_t n, lp_ini_entry_fn fn, void *ctx, char *err, size_t errlen);

/* A configured repository and its cached metadata. */
struct lp_repo {
	char *id;
	char *file;        /* the .repo file, for messages */
	bool enabled;
	char *baseurl;     /* the first, variables expanded; NULL: none */
	char *metalink;
	char *mirrorlist;
	long long metadata_expire; /* seconds; -1: never */
	char *cache;       /* dnf's: holding repodata/repomd.xml; yum's: repomd.xml and gen/; NULL: none found */
	long long age_seconds; /* of repomd.xml in the cache; -1: unknown */
};

/* Which repositories to read: like dnf's --releasever, --enablerepo, --disablerepo (globs, in order). */
struct lp_repo_select {
	const char *releasever;
	const char *const *enable;
	size_t nenable;
	const char *const *disable;
	size_t ndisable;
};

struct lp_repos {
	enum lp_pm pm;
	struct lp_repo *repos; /* sorted by id */
	size_t n;
};

/*
 * Reads the configuration of the package manager found under root (dnf 5
 * when its cache directory exists, else dnf 4, else yum 3), its repositories
 * and their caches. False with err set when there is no configuration or a
 * file cannot be read or parsed; a repository without a cache is no error
 * here (cache is NULL).
 */
bool lp_repos_read(const char *root, const struct lp_repo_select *sel, struct lp_repos *out, char *err,
		   size_t errlen);
void lp_repos_release(struct lp_repos *r);
/* "dnf5", "dnf" or "yum": the command that fetches the metadata (dnf makecache). */
const char *lp_pm_command(enum lp_pm pm);

#endif
