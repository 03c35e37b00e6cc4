/*
 * A planned transaction as a front end describes it (lpcheck check
 * --transaction; yum's and dnf's plugins, xapi), read with json-c:
 *
 *   { "lpcheck": 1,
 *     "added":   [ { "name", "epoch" (null, a number or a string of digits), "version",
 *                    "release", "arch", "provides": [ "..." ],
 *                    "files": [ "/path", ... ] (optional: absent when the front end
 *                    did not load them, which is unknown, never empty) } ],
 *     "removed": [ { "name", "epoch", "version", "release", "arch" } ] }
 *
 * The removed packages are installed ones: the caller finds them in the rpm
 * database by NEVRA, which has their headers.
 */
#ifndef LPCHECK_TRANSACTION_JSON_H
#define LPCHECK_TRANSACTION_JSON_H
#include <stdbool.h>
#include <stddef.h>
#include "package.h"

/* At most this much of a transaction document is read. */
#define LP_TRANSACTION_MAX (16 * 1024 * 1024)

struct lp_planned {
	struct lp_pkglist added;  /* finished; contents LP_CONTENTS_PATHS with "files", else UNKNOWN */
	char **removed;           /* NEVRAs as lpcheck writes them */
	size_t nremoved;
};
void lp_planned_release(struct lp_planned *p);

/* Parses n bytes into out; false with err set ("<where>: <cause>") when they are not such a document. */
bool lp_planned_parse(const char *data, size_t n, struct lp_planned *out, char *err, size_t errlen);

#endif
