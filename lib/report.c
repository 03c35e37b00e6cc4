/* Message lines and JSON documents (doc/contract.md), from one code path. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "report.h"
#include "strbuf.h"

char *lp_report_path(const char *configured, const char *root)
{
	char *path = NULL;

	if (configured == NULL)
		return NULL;
	if (strcmp(configured, LP_REPORT_DEFAULT) != 0)
		return strdup(configured);
	if (root == NULL || strcmp(root, "/") == 0)
		return strdup(LP_REPORT_DEFAULT_PATH);
	return asprintf(&path, "%s%s", root, LP_REPORT_DEFAULT_PATH) < 0 ? NULL : path;
}

char *lp_pending_path(const char *report, enum lp_component c)
{
	size_t n = strlen(report);
	char *path = NULL;

	if (n > 5 && strcmp(report + n - 5, ".json") == 0)
		n -= 5;
	return asprintf(&path, "%.*s.pending-%s.json", (int)n, report, lp_component_name(c)) < 0 ? NULL : path;
}

char *lp_report_decision_line(const struct lp_decision *d)
{
	struct lp_strbuf sb;

	lp_strbuf_init(&sb);
	lp_strbuf_addf(&sb, "lpcheck: %s: %s: %s", lp_component_name(d->component), lp_verdict_name(d->verdict),
		       d->message ? d->message : "");
	return lp_strbuf_detach(&sb);
}

char *lp_report_problem_line(const struct lp_problem *p)
{
	struct lp_strbuf sb;

	lp_strbuf_init(&sb);
	lp_strbuf_addf(&sb, "lpcheck: %s: %s: %s: %s", lp_component_name(p->component), p->code, p->package,
		       p->detail);
	return lp_strbuf_detach(&sb);
}

static void vr_json(struct lp_json *j, const struct lp_vr *vr)
{
	struct lp_strbuf sb;

	if (vr == NULL) {
		lp_json_null(j);
		return;
	}
	lp_strbuf_init(&sb);
	lp_strbuf_addf(&sb, LP_VR_FMT, LP_VR_ARGS(vr));
	lp_json_string_n(j, lp_strbuf_str(&sb), sb.len);
	if (sb.failed)
		j->sb->failed = true;
	lp_strbuf_release(&sb);
}

static void decision_object(struct lp_json *j, const struct lp_decision *d)
{
	lp_json_begin_object(j);
	lp_json_key(j, "component");
	lp_json_string(j, lp_component_name(d->component));
	lp_json_key(j, "running_build_id");
	lp_json_string(j, d->running_build_id);
	lp_json_key(j, "applied");
	vr_json(j, d->applied ? &d->applied->to : NULL);
	lp_json_key(j, "verdict");
	lp_json_string(j, lp_verdict_name(d->verdict));
	lp_json_key(j, "flagged");
	lp_json_bool(j, d->flagged);
	lp_json_key(j, "latest_target");
	vr_json(j, d->latest_target);
	lp_json_key(j, "supported_build_ids");
	lp_json_begin_array(j);
	for (size_t i = 0; i < d->nsupported; i++)
		lp_json_string(j, d->supported[i]);
	lp_json_end_array(j);
	lp_json_key(j, "livepatch");
	if (d->chosen && (d->verdict == LP_LIVEPATCHABLE || d->verdict == LP_UP_TO_DATE)) {
		lp_json_begin_object(j);
		lp_json_key(j, "package");
		lp_json_string(j, d->chosen->pkg->nevra);
		lp_json_key(j, "base_build_id");
		lp_json_string(j, d->chosen->build_id);
		lp_json_key(j, "base");
		vr_json(j, &d->chosen->base);
		lp_json_key(j, "to");
		vr_json(j, d->chosen_to);
		lp_json_end_object(j);
	} else {
		lp_json_null(j);
	}
	lp_json_key(j, "reboot_required");
	lp_json_bool(j, d->reboot_required);
	lp_json_key(j, "message");
	lp_json_string(j, d->message);
	lp_json_end_object(j);
}

void lp_report_problems_member(struct lp_json *j, const struct lp_problem *const *problems, size_t n)
{
	lp_json_key(j, "problems");
	lp_json_begin_array(j);
	for (size_t i = 0; i < n; i++) {
		const struct lp_problem *p = problems[i];
		lp_json_begin_object(j);
		lp_json_key(j, "code");
		lp_json_string(j, p->code);
		lp_json_key(j, "package");
		lp_json_string(j, p->package);
		lp_json_key(j, "component");
		lp_json_string(j, lp_component_name(p->component));
		lp_json_key(j, "detail");
		lp_json_string(j, p->detail);
		lp_json_end_object(j);
	}
	lp_json_end_array(j);
}

void lp_report_outcome_members(struct lp_json *j, const struct lp_outcome *o)
{
	lp_json_key(j, "components");
	lp_json_begin_array(j);
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		decision_object(j, &o->decisions[c]);
	lp_json_end_array(j);
	lp_report_problems_member(j, o->problems, o->nproblems);
	lp_json_key(j, "flagged");
	lp_json_bool(j, o->flagged);
}

static void string_array(struct lp_json *j, const char *const *v, size_t n)
{
	lp_json_begin_array(j);
	for (size_t i = 0; i < n; i++)
		lp_json_string(j, v[i]);
	lp_json_end_array(j);
}

/* Every document opens with the schema version. */
static void doc_begin(struct lp_json *j, struct lp_strbuf *sb)
{
	lp_strbuf_init(sb);
	lp_json_init(j, sb);
	lp_json_begin_object(j);
	lp_json_key(j, "lpcheck");
	lp_json_int(j, 1);
}

char *lp_report_json(const struct lp_outcome *o, const struct lp_report_extra *extra)
{
	struct lp_strbuf sb;
	struct lp_json j;

	doc_begin(&j, &sb);
	if (extra) {
		lp_json_key(&j, "mode");
		lp_json_string(&j, extra->mode);
		lp_json_key(&j, "result");
		lp_json_string(&j, extra->result);
		lp_json_key(&j, "test");
		lp_json_bool(&j, extra->test);
		lp_json_key(&j, "time");
		lp_json_string(&j, extra->time);
		lp_json_key(&j, "root");
		lp_json_string(&j, extra->root);
		lp_json_key(&j, "transaction");
		lp_json_begin_object(&j);
		lp_json_key(&j, "added");
		string_array(&j, extra->added, extra->nadded);
		lp_json_key(&j, "removed");
		string_array(&j, extra->removed, extra->nremoved);
		lp_json_key(&j, "after");
		string_array(&j, extra->after, extra->nafter);
		lp_json_end_object(&j);
	}
	lp_report_outcome_members(&j, o);
	lp_json_end_object(&j);
	return lp_strbuf_detach(&sb);
}

/* "pending_reboots": what status made of each component's pending reboot. */
static void pending_member(struct lp_json *j, const struct lp_outcome *o, const struct lp_host_state *hs)
{
	static const char *const states[] = {
		[LP_PENDING_REBOOT] = "reboot-required", [LP_PENDING_DONE] = "done", [LP_PENDING_UNKNOWN] = "unknown",
	};

	lp_json_key(j, "pending_reboots");
	lp_json_begin_array(j);
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		enum lp_pending_state st = lp_pending_state(hs, &o->decisions[c]);
		const struct lp_last_run *p = hs ? &hs->pending[c] : NULL;
		if (st == LP_PENDING_NONE)
			continue;
		lp_json_begin_object(j);
		lp_json_key(j, "component");
		lp_json_string(j, lp_component_name((enum lp_component)c));
		lp_json_key(j, "running_build_id");
		lp_json_string(j, p->comp[c].running_build_id);
		lp_json_key(j, "since");
		lp_json_string(j, p->time);
		lp_json_key(j, "state");
		lp_json_string(j, states[st]);
		lp_json_end_object(j);
	}
	lp_json_end_array(j);
}

/* NEVRAs of set (only its live patch packages when livepatch_only; none that removed holds) into v. */
static void add_nevras(const char **v, size_t *n, const struct lp_pkgset *set, const struct lp_pkgset *removed,
		       bool livepatch_only)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct lp_package *p = set->pkgs[i];
		bool gone = false;
		for (size_t k = 0; removed && k < removed->n && !gone; k++)
			gone = strcmp(removed->pkgs[k]->nevra, p->nevra) == 0;
		if (!gone && (!livepatch_only || p->is_livepatch[LP_XEN] || p->is_livepatch[LP_KERNEL]))
			v[(*n)++] = p->nevra;
	}
}

/* "repositories": the repositories read, with the age of their metadata (null: unknown). */
static void repositories_member(struct lp_json *j, const struct lp_repo_seen *repos, size_t nrepos)
{
	lp_json_key(j, "repositories");
	lp_json_begin_array(j);
	for (size_t i = 0; i < nrepos; i++) {
		lp_json_begin_object(j);
		lp_json_key(j, "id");
		lp_json_string(j, repos[i].name);
		lp_json_key(j, "metadata_age_seconds");
		if (repos[i].age_seconds < 0)
			lp_json_null(j);
		else
			lp_json_int(j, repos[i].age_seconds);
		lp_json_end_object(j);
	}
	lp_json_end_array(j);
}

char *lp_report_check_json(const struct lp_outcome *o, const struct lp_repo_seen *repos, size_t nrepos)
{
	struct lp_strbuf sb;
	struct lp_json j;

	doc_begin(&j, &sb);
	lp_report_outcome_members(&j, o);
	repositories_member(&j, repos, nrepos);
	lp_json_end_object(&j);
	return lp_strbuf_detach(&sb);
}

char *lp_report_transaction_json(const struct lp_outcome *o, const struct lp_transaction *t, const char *mode,
				 const char *result, bool test, const char *root)
{
	size_t nadded = 0, nremoved = 0, nafter = 0;
	const char **added = calloc(t->added.n + 1, sizeof(*added));
	const char **removed = calloc(t->removed.n + 1, sizeof(*removed));
	const char **after = calloc(t->installed.n + t->added.n + 1, sizeof(*after));
	char when[32], *json = NULL;
	time_t now = time(NULL);
	struct tm tm;

	if (added && removed && after) {
		add_nevras(added, &nadded, &t->added, NULL, false);
		add_nevras(removed, &nremoved, &t->removed, NULL, false);
		/* what is installed once it completed: installed less removed, and the live patches added */
		add_nevras(after, &nafter, &t->installed, &t->removed, false);
		add_nevras(after, &nafter, &t->added, NULL, true);
		qsort(added, nadded, sizeof(*added), lp_str_ptr_cmp);
		qsort(removed, nremoved, sizeof(*removed), lp_str_ptr_cmp);
		qsort(after, nafter, sizeof(*after), lp_str_ptr_cmp);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
		struct lp_report_extra extra = {
			.mode = mode, .result = result, .test = test, .time = when, .root = root,
			.added = added, .nadded = nadded, .removed = removed, .nremoved = nremoved,
			.after = after, .nafter = nafter,
		};
		json = lp_report_json(o, &extra);
	}
	free(added);
	free(removed);
	free(after);
	return json;
}

char *lp_report_status_json(const struct lp_outcome *o, const struct lp_host_state *hs,
			    const struct lp_repo_seen *repos, size_t nrepos)
{
	const struct lp_last_run *last = hs && hs->have_last ? &hs->last : NULL;
	struct lp_strbuf sb;
	struct lp_json j;
	char **lines = NULL;
	size_t n = 0;

	doc_begin(&j, &sb);
	lp_report_outcome_members(&j, o);
	pending_member(&j, o, hs);
	repositories_member(&j, repos, nrepos);
	lp_json_key(&j, "last_transaction");
	if (!lp_last_run_worth_showing(last)) {
		lp_json_null(&j);
	} else if ((lines = lp_last_run_lines(last, o, &n)) == NULL) {
		sb.failed = true;
	} else {
		lp_json_begin_object(&j);
		lp_json_key(&j, "result");
		lp_json_string(&j, last->result);
		lp_json_key(&j, "time");
		lp_json_string(&j, last->time);
		lp_json_key(&j, "mode");
		lp_json_string(&j, last->mode);
		lp_json_key(&j, "test");
		lp_json_bool(&j, last->test);
		lp_json_key(&j, "lines");
		string_array(&j, (const char *const *)lines, n);
		lp_json_end_object(&j);
	}
	lp_json_end_object(&j);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return lp_strbuf_detach(&sb);
}

char *lp_report_scan_json(const struct lp_scan *scan)
{
	struct lp_strbuf sb;
	struct lp_json j;

	doc_begin(&j, &sb);
	lp_json_key(&j, "packages");
	lp_json_begin_array(&j);
	for (size_t i = 0; i < scan->n; i++) {
		const struct lp_scan_entry *e = &scan->entries[i];
		lp_json_begin_object(&j);
		lp_json_key(&j, "package");
		lp_json_string(&j, e->pkg->nevra);
		lp_json_key(&j, "name");
		lp_json_string(&j, e->pkg->name);
		lp_json_key(&j, "component");
		lp_json_string(&j, lp_component_name(e->component));
		lp_json_key(&j, "target");
		vr_json(&j, e->target);
		lp_json_key(&j, "bases");
		lp_json_begin_array(&j);
		for (size_t k = 0; k < e->nbases; k++) {
			lp_json_begin_object(&j);
			lp_json_key(&j, "build_id");
			lp_json_string(&j, e->bases[k]->build_id);
			lp_json_key(&j, "base");
			vr_json(&j, &e->bases[k]->base);
			if (e->bases[k]->name_cut) { /* the payload name reached the build tools' cut */
				lp_json_key(&j, "cut");
				lp_json_bool(&j, true);
			}
			lp_json_end_object(&j);
		}
		lp_json_end_array(&j);
		lp_json_key(&j, "added");
		string_array(&j, e->added, e->nadded);
		lp_json_key(&j, "dropped");
		string_array(&j, e->dropped, e->ndropped);
		lp_json_end_object(&j);
	}
	lp_json_end_array(&j);
	lp_report_problems_member(&j, scan->problems, scan->nproblems);
	lp_json_key(&j, "flagged");
	lp_json_bool(&j, scan->flagged);
	lp_json_end_object(&j);
	return lp_strbuf_detach(&sb);
}
