/* Running a helper command: no shell, a time limit, bounded output, no inherited descriptors. */
#ifndef LPCHECK_RUNCMD_H
#define LPCHECK_RUNCMD_H
#include <stdbool.h>
#include <stddef.h>
#include "strbuf.h"

/* How long a killed child may take to be reaped before it is left a zombie. */
#define LP_REAP_MS 200

struct lp_runcmd_result {
	bool timed_out;      /* killed after timeout_ms */
	bool cut;            /* more than max_bytes: the rest was not read, the child killed */
	bool complete;       /* stdout was read to its end (EOF) */
	bool unreaped;       /* the child did not go away within LP_REAP_MS of SIGKILL: left a zombie */
	bool status_unknown; /* the kernel reaped the child (the process ignores SIGCHLD): no exit status */
	int exit_status;     /* -1 when it did not exit normally, timed out, or status_unknown */
};

/*
 * Runs argv[0] (an absolute path) with argv, in a process group of its own,
 * stdin and stderr on /dev/null, and collects at most max_bytes of its stdout
 * into out. The child's exit ends the collection even when a grandchild keeps
 * stdout open. Uses poll with a deadline (no signals). Afterwards the whole
 * group is killed (a helper's leftovers too) and the child reaped within
 * LP_REAP_MS: nothing here blocks without a bound. Where the process ignores
 * SIGCHLD the kernel reaps the child: its end is seen at once (ECHILD), the
 * output read to EOF is kept (complete), its group is never signalled (the
 * id may be reused), and status_unknown is set. Returns false when the
 * command could not be run at all (err says why).
 */
bool lp_runcmd(const char *const argv[], int timeout_ms, size_t max_bytes, struct lp_strbuf *out,
	       struct lp_runcmd_result *res, char *err, size_t errlen);

#endif
