/* The EOL decision of livepatch-rules §5: one verdict per component. */
#ifndef LPCHECK_ENGINE_H
#define LPCHECK_ENGINE_H
#include <stdbool.h>
#include <stddef.h>
#include "package.h"
#include "record.h"

enum lp_verdict {
	LP_NOT_APPLICABLE,
	LP_UNKNOWN,
	LP_NO_MATCH,
	LP_EOL,
	LP_LIVEPATCHABLE,
	LP_UP_TO_DATE,
};
const char *lp_verdict_name(enum lp_verdict v);

/* What the verdict is for: it decides which verdicts are flagged (rules §5). */
enum lp_purpose {
	LP_PURPOSE_TRANSACTION, /* the plugin and `check`: eol and no-match are flagged */
	LP_PURPOSE_STATUS,      /* `status`: only eol is flagged */
};

struct lp_pkgset {
	const struct lp_package *const *pkgs;
	size_t n;
};

/* The running component as the caller found it. */
struct lp_running {
	bool present;          /* false: not running (Xen absent) -> not-applicable */
	const char *build_id;  /* normalised; NULL: unknown */
	const char *why;       /* why unknown or not present (a sentence), may be NULL */
	const struct lp_applied *applied; /* NULL: none applied */
};

/*
 * The decision for one component. Pointers refer into the packages given to
 * lp_decide() and the running state: keep those alive while this is used.
 */
struct lp_decision {
	enum lp_component component;
	enum lp_verdict verdict;
	bool concerns;
	bool flagged;
	bool reboot_required;
	const char *running_build_id;
	const struct lp_applied *applied;
	const struct lp_vr *latest_target; /* NULL when "after" has no records */
	const char **supported; /* sorted, unique build IDs */
	size_t nsupported;
	const struct lp_record *chosen; /* livepatchable and up-to-date */
	char *message; /* the sentence after "lpcheck: <component>: <verdict>: " */
};

/* True when some package of the set is a live patch package of c (rules §2). */
bool lp_pkgset_concerns(const struct lp_pkgset *set, enum lp_component c);

/*
 * Decides component c. concerns: the transaction adds or removes a live patch
 * package of c, or (status) one is installed. after/removed/known: rules §5.
 * Returns false only when out of memory (out is then released).
 */
bool lp_decide(enum lp_component c, enum lp_purpose purpose, bool concerns, const struct lp_running *run,
	       const struct lp_pkgset *after, const struct lp_pkgset *removed, const struct lp_pkgset *known,
	       struct lp_decision *out);
void lp_decision_release(struct lp_decision *d);

#endif
