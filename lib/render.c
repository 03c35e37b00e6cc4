/* status and check rendered: text, JSON, Prometheus exposition, the monitoring-plugins line. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "render.h"
#include "report.h"
#include "strbuf.h"

bool lp_format_parse(const char *name, enum lp_format *out)
{
	static const char *const names[] = { "text", "json", "prometheus", "nagios" };

	for (int f = LP_FORMAT_TEXT; f <= LP_FORMAT_NAGIOS; f++)
		if (strcmp(name, names[f]) == 0) {
			*out = (enum lp_format)f;
			return true;
		}
	return false;
}

/* --- text: one escaped line at a time ------------------------------------------------ */

static void line(struct lp_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line(struct lp_strbuf *sb, const char *fmt, ...)
{
	char *text = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		sb->failed = true;
	else
		lp_strbuf_add_escaped(sb, text);
	va_end(ap);
	free(text);
	lp_strbuf_addch(sb, '\n');
}

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

/* "V-R", or "-"; into a caller's buffer. */
static const char *vr_text(const struct lp_vr *vr, char *buf, size_t n)
{
	if (vr == NULL)
		return "-";
	snprintf(buf, n, LP_VR_FMT, LP_VR_ARGS(vr));
	return buf;
}

static void text_component(struct lp_strbuf *sb, const struct lp_decision *d)
{
	char a[256], b[256];
	struct lp_strbuf list;

	line(sb, "%s", "");
	line(sb, "%s:", lp_component_name(d->component));
	line(sb, "  applied:    %s", vr_text(d->applied ? &d->applied->to : NULL, a, sizeof(a)));
	lp_strbuf_init(&list);
	for (size_t i = 0; i < d->nsupported; i++)
		lp_strbuf_addf(&list, "%s%s", i ? ", " : ": ", d->supported[i]);
	line(sb, "  supported:  %zu build%s%s", d->nsupported, d->nsupported == 1 ? "" : "s", lp_strbuf_str(&list));
	sb->failed |= list.failed;
	lp_strbuf_release(&list);
	if (d->chosen && (d->verdict == LP_LIVEPATCHABLE || d->verdict == LP_UP_TO_DATE))
		line(sb, "  live patch: %s -> %s from %s", vr_text(&d->chosen->base, a, sizeof(a)),
		     vr_text(d->chosen_to, b, sizeof(b)), d->chosen->pkg->nevra);
	else
		line(sb, "  live patch: -");
	line(sb, "  %s", d->message ? d->message : "");
}

/* The repositories read, and how old their metadata is. */
static void text_repos(struct lp_strbuf *sb, const struct lp_view *v)
{
	for (size_t i = 0; i < v->nrepos; i++) {
		long long s = v->repos[i].age_seconds;
		if (s < 0)
			line(sb, "repository: %s", v->repos[i].name);
		else
			line(sb, "repository: %s, metadata %lld:%02lld:%02lld old", v->repos[i].name, s / 3600, s / 60 % 60,
			     s % 60);
	}
}

/* check: what the update adds and replaces, before the verdicts. */
static void text_plan(struct lp_strbuf *sb, const struct lp_view *v)
{
	struct lp_strbuf list;

	lp_strbuf_init(&list);
	for (size_t i = 0; i < v->plan->added.n; i++)
		lp_strbuf_addf(&list, "%s%s", i ? ", " : "", v->plan->added.pkgs[i]->nevra);
	line(sb, "update: %s", v->plan->added.n ? lp_strbuf_str(&list) : "nothing newer than what is installed");
	sb->failed |= list.failed;
	lp_strbuf_release(&list);
	for (size_t i = 0; i < v->plan->removed.n; i++)
		line(sb, "replaces: %s", v->plan->removed.pkgs[i]->nevra);
	text_repos(sb, v);
	line(sb, "%s", "");
}

/* status: the plugin's last run, when it was blocked or flagged something. */
static void text_last_run(struct lp_strbuf *sb, const struct lp_view *v)
{
	const struct lp_last_run *last = v->hs && v->hs->have_last ? &v->hs->last : NULL;
	char **lines;
	size_t n;

	if (!lp_last_run_worth_showing(last))
		return;
	lines = lp_last_run_lines(last, v->outcome, &n);
	if (lines == NULL) {
		sb->failed = true;
		return;
	}
	line(sb, "%s", "");
	line(sb, "the plugin's last transaction:");
	for (size_t i = 0; i < n; i++) {
		line(sb, "  %s", lines[i]);
		free(lines[i]);
	}
	free(lines);
}

static void render_text(struct lp_strbuf *sb, const struct lp_view *v)
{
	const struct lp_outcome *o = v->outcome;
	char t[256];

	if (v->plan)
		text_plan(sb, v);
	line(sb, "%-8s %-15s %-8s %-42s %s", "COMPONENT", "VERDICT", "FLAGGED", "RUNNING BUILD", "TARGET");
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		const struct lp_decision *d = &o->decisions[c];
		line(sb, "%-9s%-15s %-8s %-42s %s", lp_component_name(c), lp_verdict_name(d->verdict),
		     d->flagged ? "yes" : "no", or_dash(d->running_build_id), vr_text(d->latest_target, t, sizeof(t)));
	}
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		text_component(sb, &o->decisions[c]);
	if (v->installed) {
		line(sb, "%s", "");
		line(sb, "installed live patch packages:%s", v->installed->n ? "" : " none");
		for (size_t i = 0; i < v->installed->n; i++)
			line(sb, "  %s", v->installed->pkgs[i]->nevra);
		if (v->nrepos)
			line(sb, "%s", "");
		text_repos(sb, v); /* status: the configured repositories read for the history */
	}
	if (o->nproblems) {
		line(sb, "%s", "");
		line(sb, "problems:");
		for (size_t i = 0; i < o->nproblems; i++) {
			char *l = lp_report_problem_line(o->problems[i]);
			line(sb, "  %s", l ? l : "(out of memory)");
			free(l);
		}
	}
	text_last_run(sb, v);
}

/* --- Prometheus exposition format (text 0.0.4), as node_exporter's textfile collector reads it --- */

/* One metric family's header. */
static void family(struct lp_strbuf *sb, const char *name, const char *help)
{
	lp_strbuf_addf(sb, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

/* A label value: backslash, quote and newline escaped, as the format wants. */
static void label_value(struct lp_strbuf *sb, const char *s)
{
	lp_strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			lp_strbuf_addch(sb, '\\');
		if (*s == '\n')
			lp_strbuf_adds(sb, "\\n");
		else
			lp_strbuf_addch(sb, *s);
	}
	lp_strbuf_addch(sb, '"');
}

/* One gauge per component: name{component="xen"} value. */
static void per_component(struct lp_strbuf *sb, const char *name, const char *help, const struct lp_outcome *o,
			  long long (*value)(const struct lp_decision *))
{
	family(sb, name, help);
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		lp_strbuf_addf(sb, "%s{component=\"%s\"} %lld\n", name, lp_component_name(c), value(&o->decisions[c]));
}

static long long reboot_required(const struct lp_decision *d) { return d->reboot_required; }
static long long flagged(const struct lp_decision *d) { return d->flagged; }
static long long supported(const struct lp_decision *d) { return (long long)d->nsupported; }

/* "2026-11-28T21:53:37Z" as Unix time; -1 when it is not one. */
static long long utc_seconds(const char *iso)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	end = iso ? strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;
	return end && *end == '\0' ? (long long)timegm(&tm) : -1;
}

static void render_prometheus(struct lp_strbuf *sb, const struct lp_view *v)
{
	const struct lp_outcome *o = v->outcome;
	const struct lp_last_run *last = v->hs && v->hs->have_last ? &v->hs->last : NULL;
	long long when = last ? utc_seconds(last->time) : -1;

	per_component(sb, "lpcheck_reboot_required",
		      "1 when the component's live patch support is end-of-life: only a reboot brings the update into effect",
		      o, reboot_required);
	per_component(sb, "lpcheck_flagged", "1 when lpcheck flags the component (eol, no-match)", o, flagged);
	family(sb, "lpcheck_verdict", "The component's verdict: one series per component, value 1");
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		lp_strbuf_addf(sb, "lpcheck_verdict{component=\"%s\",verdict=\"%s\"} 1\n", lp_component_name(c),
			       lp_verdict_name(o->decisions[c].verdict));
	per_component(sb, "lpcheck_supported_builds",
		      "How many running builds the newest live patch update still live-patches", o, supported);
	family(sb, "lpcheck_problems", "Layout problems of the live patch packages concerned");
	lp_strbuf_addf(sb, "lpcheck_problems %zu\n", o->nproblems);
	if (when >= 0) {
		family(sb, "lpcheck_last_transaction_timestamp_seconds",
		       "When the rpm plugin last judged a transaction (Unix time)");
		lp_strbuf_addf(sb, "lpcheck_last_transaction_timestamp_seconds %lld\n", when);
		family(sb, "lpcheck_last_transaction_blocked", "1 when the rpm plugin blocked its last transaction");
		lp_strbuf_addf(sb, "lpcheck_last_transaction_blocked %d\n",
			       last->result && strcmp(last->result, "blocked") == 0);
	}
	if (v->nrepos) {
		family(sb, "lpcheck_repository_metadata_age_seconds", "Age of the metadata of each repository read");
		for (size_t i = 0; i < v->nrepos; i++) {
			if (v->repos[i].age_seconds < 0)
				continue;
			lp_strbuf_adds(sb, "lpcheck_repository_metadata_age_seconds{repo=");
			label_value(sb, v->repos[i].name);
			lp_strbuf_addf(sb, "} %lld\n", v->repos[i].age_seconds);
		}
	}
	family(sb, "lpcheck_build_info", "lpcheck's version, value 1");
	lp_strbuf_adds(sb, "lpcheck_build_info{version=");
	label_value(sb, v->version ? v->version : "unknown");
	lp_strbuf_adds(sb, "} 1\n");
}

/* --- monitoring-plugins: "LPCHECK <STATE> - <summary> | <perfdata>" ------------------------- */

static const char *const nagios_names[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };

enum lp_nagios_state lp_render_nagios_state(const struct lp_view *v)
{
	const struct lp_outcome *o = v->outcome;
	bool unknown = v->unreadable != NULL;

	for (int c = 0; c < LP_NCOMPONENTS; c++)
		if (o->decisions[c].reboot_required)
			return LP_NAGIOS_CRITICAL;
	if (o->flagged)
		return LP_NAGIOS_WARNING;
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		unknown |= o->decisions[c].concerns && o->decisions[c].verdict == LP_UNKNOWN;
	return unknown ? LP_NAGIOS_UNKNOWN : LP_NAGIOS_OK;
}

static void render_nagios(struct lp_strbuf *sb, const struct lp_view *v)
{
	const struct lp_outcome *o = v->outcome;
	struct lp_strbuf text;

	lp_strbuf_init(&text);
	lp_strbuf_addf(&text, "LPCHECK %s - ", nagios_names[lp_render_nagios_state(v)]);
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		const struct lp_decision *d = &o->decisions[c];
		lp_strbuf_addf(&text, "%s%s %s", c ? ", " : "", lp_component_name(c), lp_verdict_name(d->verdict));
		if (d->reboot_required)
			lp_strbuf_adds(&text, " (reboot required)");
	}
	if (o->nproblems)
		lp_strbuf_addf(&text, ", %zu layout problem%s", o->nproblems, o->nproblems == 1 ? "" : "s");
	if (v->unreadable)
		lp_strbuf_addf(&text, "; %s", v->unreadable);
	/* perfdata: 'label'=value[UOM];[warn];[crit];[min];[max] */
	lp_strbuf_adds(&text, " |");
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		lp_strbuf_addf(&text, " '%s_reboot_required'=%d;;1;0;1", lp_component_name(c),
			       o->decisions[c].reboot_required);
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		lp_strbuf_addf(&text, " '%s_supported_builds'=%zu;;;0;", lp_component_name(c),
			       o->decisions[c].nsupported);
	lp_strbuf_addf(&text, " 'problems'=%zu;1;;0;", o->nproblems);
	line(sb, "%s", text.failed ? "LPCHECK UNKNOWN - out of memory" : lp_strbuf_str(&text));
	lp_strbuf_release(&text);
}

char *lp_render_nagios_unknown(const char *why)
{
	struct lp_strbuf sb;

	lp_strbuf_init(&sb);
	line(&sb, "LPCHECK UNKNOWN - %s", why);
	return lp_strbuf_detach(&sb);
}

char *lp_render(const struct lp_view *v, enum lp_format f)
{
	struct lp_strbuf sb;

	switch (f) {
	case LP_FORMAT_JSON:
		return v->installed ? lp_report_status_json(v->outcome, v->hs, v->repos, v->nrepos)
				    : lp_report_check_json(v->outcome, v->repos, v->nrepos);
	case LP_FORMAT_TEXT:
		lp_strbuf_init(&sb);
		render_text(&sb, v);
		break;
	case LP_FORMAT_PROMETHEUS:
		lp_strbuf_init(&sb);
		render_prometheus(&sb, v);
		break;
	case LP_FORMAT_NAGIOS:
	default:
		lp_strbuf_init(&sb);
		render_nagios(&sb, v);
		break;
	}
	return lp_strbuf_detach(&sb);
}
