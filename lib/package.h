/* Live patch packages: file layout, Provides, their join into records, and layout problems. */
#ifndef LPCHECK_PACKAGE_H
#define LPCHECK_PACKAGE_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "record.h"

/* Problem codes: doc/rules.md §3. */
#define LP_BAD_PROVIDES "bad-provides"
#define LP_BAD_PATH "bad-path"
#define LP_SYMLINK_MISMATCH "symlink-mismatch"
#define LP_PROVIDES_FILES_MISMATCH "provides-files-mismatch"
#define LP_MIXED_TARGETS "mixed-targets"
#define LP_DUPLICATE_BASE "duplicate-base"
#define LP_UNOWNED_DIRECTORY "unowned-directory"
#define LP_TARGET_REGRESSION "target-regression"

struct lp_problem {
	const char *code;  /* one of the codes above (static) */
	int component;     /* enum lp_component or LP_COMPONENT_NONE */
	const char *package; /* the NEVRA, owned by the package */
	char *detail;      /* without the package; the bytes as found: every printer escapes them */
};
void lp_problem_release(struct lp_problem *p);
/* Sorts problem pointers by package, code, detail (the report order). */
void lp_problems_sort(const struct lp_problem **problems, size_t n);

struct lp_file_entry; /* private */

/*
 * What a reader of a package saw of its contents; every reader says which
 * (lp_package_new), so "not seen" is never read as "empty".
 */
enum lp_contents {
	LP_CONTENTS_KNOWN,   /* every file with its mode and symlink target (rpm headers, a buildroot) */
	LP_CONTENTS_PATHS,   /* every path, no modes or targets (repository metadata with filelists) */
	LP_CONTENTS_UNKNOWN, /* no file list (libdnf5 without filelists): the Provides alone tell */
};

/*
 * A package and what it says about live patches.
 * Invariants after lp_package_finish(): records sorted by (component, build ID),
 * each pointing back at the package; problems in detection order;
 * is_livepatch[c] true when the package owns a path under the component's
 * directory (the directory included) or carries a valid Provides of c.
 */
struct lp_package {
	char *name;
	bool has_epoch;
	unsigned long epoch;
	char *version;
	char *release;
	char *arch; /* NULL: none */
	char *nevra;
	enum lp_contents contents;
	bool is_livepatch[LP_NCOMPONENTS];
	struct lp_record *records;
	size_t nrecords;
	struct lp_problem *problems;
	size_t nproblems;
	/* parsing state, freed by lp_package_finish() */
	struct lp_file_entry *files;
	size_t nfiles, files_alloc;
	struct lp_record *provides;
	size_t nprovides, provides_alloc;
	size_t problems_alloc;
	bool finished;
	bool failed; /* out of memory while building */
};

/* contents: what the caller saw of the files; epoch: NULL or a decimal string. NULL on allocation failure. */
struct lp_package *lp_package_new(enum lp_contents contents, const char *name, const char *epoch, const char *version,
				  const char *release, const char *arch);
struct lp_package *lp_package_free(struct lp_package *pkg);

/* True when path is under (or is) a live patch directory: only those need adding. */
bool lp_path_is_relevant(const char *path);
/* mode: the rpm file mode, or 0 when unknown; link: the symlink target or NULL/"" */
void lp_package_add_file(struct lp_package *pkg, const char *path, unsigned mode, const char *link);
void lp_package_add_provides(struct lp_package *pkg, const char *name);
/* Joins files and Provides into records and problems. Returns false on allocation failure. */
bool lp_package_finish(struct lp_package *pkg);

/* Full EVR order, epoch included (missing epoch = 0). */
int lp_package_evrcmp(const struct lp_package *a, const struct lp_package *b);
/* The record of component c with this base build ID, or NULL (binary search). */
const struct lp_record *lp_package_find(const struct lp_package *pkg, enum lp_component c,
					const char *build_id);
/* The highest target among the package's records of c (spelled in full where a record has it), or NULL. */
const struct lp_vr *lp_package_target(const struct lp_package *pkg, enum lp_component c);

/* A borrowed view of packages (the caller keeps them alive). */
struct lp_pkgset {
	const struct lp_package *const *pkgs;
	size_t n;
};

/*
 * True when the package may hold live patches nobody has seen: its contents
 * are unknown and it carries no livepatch Provides (doc/rules.md §3).
 */
bool lp_package_unseen(const struct lp_package *pkg);

/* True when some package of the set is a live patch package of c (doc/rules.md §2). */
bool lp_pkgset_concerns(const struct lp_pkgset *set, enum lp_component c);

/* An owning, growable list of packages; lp_pkglist_release() frees them all. */
struct lp_pkglist {
	struct lp_package **pkgs;
	size_t n, alloc;
};
/* Takes pkg (freed on failure, NULL counts as failure). False when out of memory. */
bool lp_pkglist_push(struct lp_pkglist *l, struct lp_package *pkg);
void lp_pkglist_release(struct lp_pkglist *l);
struct lp_pkgset lp_pkglist_set(const struct lp_pkglist *l);

/*
 * Package order: name, then EVR (epoch included), then arch. Used wherever
 * versions of a name are lined up (scan, newest of each name).
 */
int lp_package_order(const struct lp_package *a, const struct lp_package *b);

/*
 * The newest package of each name in set, written to out (room for set->n)
 * in name order; returns how many. The tie rule, the same for check,
 * updateinfo and scan: the last in package order wins (equal EVRs: the
 * highest arch), and of packages equal in that order the first given.
 */
size_t lp_pkgset_newest_of_each_name(const struct lp_pkgset *set, const struct lp_package **out);

#endif
