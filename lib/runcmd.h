/* Running a helper command: no shell, a time limit, bounded output, no inherited descriptors. */
#ifndef LPCHECK_RUNCMD_H
#define LPCHECK_RUNCMD_H
#include <stdbool.h>
#include <stddef.h>
#include "strbuf.h"

struct lp_runcmd_result {
	bool timed_out;  /* killed after timeout_ms */
	bool cut;        /* more than max_bytes: the rest was not read, the child killed */
	int exit_status; /* -1 when it did not exit normally */
};

/*
 * Runs argv[0] (an absolute path) with argv, stdin and stderr on /dev/null,
 * and collects at most max_bytes of its stdout into out. Uses poll with a
 * deadline (no signals), kills and reaps the child on timeout or overflow.
 * Returns false when the command could not be run at all (err says why).
 */
bool lp_runcmd(const char *const argv[], int timeout_ms, size_t max_bytes, struct lp_strbuf *out,
	       struct lp_runcmd_result *res, char *err, size_t errlen);

#endif
