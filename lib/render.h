/*
 * The one place an outcome of status or check is rendered, in each format
 * the command line offers: the text table, the JSON document, Prometheus's
 * exposition format (node_exporter's textfile collector) and the
 * monitoring-plugins line (Nagios, Icinga, Naemon). The CLI only picks one.
 */
#ifndef LPCHECK_RENDER_H
#define LPCHECK_RENDER_H
#include <stdbool.h>
#include <stddef.h>
#include "last_run.h"
#include "report.h"
#include "transaction.h"

enum lp_format { LP_FORMAT_TEXT, LP_FORMAT_JSON, LP_FORMAT_PROMETHEUS, LP_FORMAT_NAGIOS };
/* "text", "json", "prometheus" or "nagios"; false for anything else. */
bool lp_format_parse(const char *name, enum lp_format *out);

/* What status and check have to show; the pointers are borrowed. */
struct lp_view {
	const struct lp_outcome *outcome;
	const struct lp_pkgset *installed;  /* status: the installed live patch packages; check: NULL */
	const struct lp_host_state *hs;     /* status: what the plugin left (may be NULL) */
	const struct lp_transaction *plan;  /* check: the update as planned; status: NULL */
	const struct lp_repo_seen *repos;   /* check: the repositories read */
	size_t nrepos;
	const char *unreadable;             /* status: a file of the plugin that could not be used, or NULL */
	const char *version;                /* lpcheck's */
};

/* The document in format f (text and the nagios line escaped); NULL when out of memory. */
char *lp_render(const struct lp_view *v, enum lp_format f);

/* monitoring-plugins' exit codes */
enum lp_nagios_state { LP_NAGIOS_OK, LP_NAGIOS_WARNING, LP_NAGIOS_CRITICAL, LP_NAGIOS_UNKNOWN };
/*
 * CRITICAL when a component needs a reboot (eol); WARNING when something else
 * is flagged (no-match, layout problems); UNKNOWN when a concerned component's
 * running build or a file of the plugin could not be read; else OK.
 */
enum lp_nagios_state lp_render_nagios_state(const struct lp_view *v);
/* "LPCHECK UNKNOWN - <why>": the line for an error before any outcome. NULL when out of memory. */
char *lp_render_nagios_unknown(const char *why);

#endif
