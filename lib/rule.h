/* The EOL rule of doc/rules.md §5: one verdict per component, from the records of three groups. */
#ifndef LPCHECK_RULE_H
#define LPCHECK_RULE_H
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

/* What the verdict is for: it decides which verdicts are flagged (doc/rules.md §6). */
enum lp_purpose {
	LP_PURPOSE_TRANSACTION, /* the plugin and `check`: eol and no-match are flagged */
	LP_PURPOSE_STATUS,      /* `status`: only eol is flagged */
};

/* The running component as the caller found it. */
struct lp_running {
	bool present;          /* false: not running (Xen absent) -> not-applicable */
	const char *build_id;  /* normalised; NULL: unknown */
	const char *why;       /* why unknown or not present (a sentence), may be NULL */
	const struct lp_applied *applied; /* NULL: none applied */
};

/* The three groups of doc/rules.md §5 (after, removed, known); any may be empty. */
struct lp_groups {
	struct lp_pkgset after;
	struct lp_pkgset removed;
	struct lp_pkgset known;
};

/*
 * The decision for one component. Pointers refer into the packages of the
 * groups and the running state: keep those alive while this is used.
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
	const struct lp_vr *chosen_to;  /* its target, spelled in full where any record has it (a cut name does not) */
	char *message; /* the sentence after "lpcheck: <component>: <verdict>: " */
};

/*
 * Applies the rule to component c. concerns: step 1's scope, decided by the
 * transaction model. Returns false only when out of memory (out is then
 * released).
 */
bool lp_rule_decide(enum lp_component c, enum lp_purpose purpose, bool concerns, const struct lp_running *run,
		    const struct lp_groups *groups, struct lp_decision *out);
void lp_decision_release(struct lp_decision *d);

#endif
