/* The plugin's report file read back, the one place that speaks json-c (the CLI only). */
#ifndef LPCHECK_REPORT_JSON_H
#define LPCHECK_REPORT_JSON_H
#include <stddef.h>
#include "last_run.h"

/* At most this much of a report is read: the plugin writes a few KiB. */
#define LP_REPORT_MAX (1024 * 1024)

enum lp_report_read {
	LP_REPORT_NONE, /* there is no report: the plugin judged no real transaction since boot */
	LP_REPORT_OK,
	LP_REPORT_BAD,  /* err says why: unreadable, not JSON, or not a report of schema 1 */
};

/* Parses a report document held in memory (n bytes, not NUL-terminated) into out. */
enum lp_report_read lp_report_parse(const char *data, size_t n, struct lp_last_run *out, char *err, size_t errlen);
/* Reads the report file at path (bounded, regular files only) into out. */
enum lp_report_read lp_report_read_file(const char *path, struct lp_last_run *out, char *err, size_t errlen);

#endif
