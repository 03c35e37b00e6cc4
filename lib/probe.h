/* The running host (doc/rules.md §4): build IDs from sysfs, applied live patches, overrides. */
#ifndef LPCHECK_PROBE_H
#define LPCHECK_PROBE_H
#include <stdbool.h>
#include <stddef.h>
#include "rule.h"
#include "log.h"
#include "record.h"

#define LP_NOTES_MAX (64 * 1024)
#define LP_XEN_BUILDID_MAX 4096
#define LP_XEN_BUILDID_LEN 20
#define LP_CMD_TIMEOUT_MS 5000
#define LP_CMD_OUTPUT_MAX (1024 * 1024)

/* The GNU build-id note (name "GNU", type 3) of an ELF notes blob, as lowercase hex. */
bool lp_notes_buildid(const unsigned char *data, size_t n, char *out);

enum lp_xen_raw { LP_XEN_RAW_OK, LP_XEN_RAW_LONG, LP_XEN_RAW_BAD };
/* Raw Xen build ID bytes: exactly 20 used; more: first 20 (LONG); fewer, or "<denied>": BAD. */
enum lp_xen_raw lp_xen_buildid_raw(const unsigned char *data, size_t n, char *out);

/* The highest applied target in `xen-livepatch list` output; false when none is applied. */
bool lp_xen_list_applied(const char *text, size_t n, struct lp_applied *out);

/* The highest enabled module under <sysfs>/kernel/livepatch; false when none. */
bool lp_kernel_applied(const char *sysfs, struct lp_applied *out, const struct lp_log *log);

/* One component of the host. Invariant: known implies present. */
struct lp_host_component {
	bool present;  /* false: not running (only Xen can be absent) */
	bool probed;   /* false: another root and nothing said where to look */
	bool known;    /* build_id is set */
	char build_id[LP_BUILDID_MAX + 1];
	char *why;     /* why unknown or absent (a sentence) */
	bool has_applied;
	struct lp_applied applied;
};

struct lp_host {
	struct lp_host_component comp[LP_NCOMPONENTS];
};

/* Every field may be NULL (unset). Values "none" as doc/contract.md §2 says. */
struct lp_host_config {
	const char *root;  /* NULL or "/": the running host */
	const char *sysfs; /* NULL: /sys when root is "/", else not probed */
	const char *build_id[LP_NCOMPONENTS];
	const char *applied[LP_NCOMPONENTS];
	const char *xen_livepatch_cmd;
	bool skip_applied[LP_NCOMPONENTS]; /* the caller does not judge this component */
};

void lp_host_probe(const struct lp_host_config *cfg, struct lp_host *host, const struct lp_log *log);
void lp_host_release(struct lp_host *host);
/* The engine's view of one component (pointers into host). */
void lp_host_running(const struct lp_host *host, enum lp_component c, struct lp_running *out);

/*
 * Reads at most max bytes of a regular file. Returns 0 or an errno value
 * (EFBIG is never returned: longer files are cut, *cut says so).
 */
int lp_read_bounded(const char *path, size_t max, unsigned char **data, size_t *n, bool *cut);

#endif
