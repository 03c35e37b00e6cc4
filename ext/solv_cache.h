/* lpcheck's own cache of repository metadata as libsolv solv files (ext/solv_cache.c). */
#ifndef LPCHECK_SOLV_CACHE_H
#define LPCHECK_SOLV_CACHE_H
#include <stdbool.h>
#include <solv/repo.h>

/* $XDG_CACHE_HOME/lpcheck, else /var/cache/lpcheck for root, else ~/.cache/lpcheck; NULL: none. Caller frees. */
char *lp_solv_cache_dir(void);
/* True when the repository directory holds file lists (repodata/ *filelists.xml*). */
bool lp_solv_cache_files_present(const char *repo_dir);
/* The cache file of repo_dir's metadata as it is now (its key in the name); NULL when repomd.xml is unreadable. */
char *lp_solv_cache_path(const char *cache_dir, const char *repo_dir, bool files_present);
/* Loads the cache file into the empty repo; false when it is not there or damaged (repo left empty). */
bool lp_solv_cache_load(Repo *repo, const char *path);
/* Writes repo to path atomically and removes the repository's older cache files; best effort. */
void lp_solv_cache_store(Repo *repo, const char *cache_dir, const char *path);

#endif
