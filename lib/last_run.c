/* The plugin's last transaction, and the pending reboot it leaves for `status` (doc/rules.md §6). */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "last_run.h"
#include "strbuf.h"

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void lp_last_run_release(struct lp_last_run *last)
{
	free(last->time);
	free(last->result);
	free(last->mode);
	free_strings(last->problems, last->nproblems);
	free_strings(last->added, last->nadded);
	free_strings(last->removed, last->nremoved);
	free_strings(last->after, last->nafter);
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		free(last->comp[c].running_build_id);
		free(last->comp[c].message);
	}
	memset(last, 0, sizeof(*last));
}

bool lp_last_run_worth_showing(const struct lp_last_run *last)
{
	return last && last->result && (strcmp(last->result, "blocked") == 0 || last->flagged);
}

/* "<result> at <time> (<mode>, <test|real> run): " */
static void add_run_prefix(struct lp_strbuf *sb, const struct lp_last_run *last)
{
	lp_strbuf_addf(sb, "%s at %s (%s, %s run): ", last->result, last->time ? last->time : "an unknown time",
		       last->mode ? last->mode : "unknown mode", last->test ? "test" : "real");
}

char **lp_last_run_lines(const struct lp_last_run *last, size_t *n)
{
	char **lines = calloc(LP_NCOMPONENTS + last->nproblems + 1, sizeof(*lines));
	struct lp_strbuf sb;

	*n = 0;
	if (lines == NULL)
		return NULL;
	for (size_t i = 0; i < LP_NCOMPONENTS + last->nproblems; i++) {
		const struct lp_last_component *lc = i < LP_NCOMPONENTS ? &last->comp[i] : NULL;
		if (lc && !lc->flagged)
			continue;
		lp_strbuf_init(&sb);
		add_run_prefix(&sb, last);
		if (lc)
			lp_strbuf_addf(&sb, "%s %s: %s", lp_component_name((int)i), lp_verdict_name(lc->verdict),
				       lc->message ? lc->message : "");
		else
			lp_strbuf_adds(&sb, last->problems[i - LP_NCOMPONENTS]);
		lines[*n] = lp_strbuf_detach(&sb);
		if (lines[(*n)++] == NULL) {
			free_strings(lines, *n);
			return NULL;
		}
	}
	return lines;
}

/* True when the installed live patch packages are exactly the report's "after" set. */
static bool installed_is_after(const struct lp_last_run *last, const struct lp_pkgset *installed)
{
	if (installed->n != last->nafter)
		return false;
	for (size_t i = 0; i < installed->n; i++) {
		bool found = false;
		for (size_t k = 0; k < last->nafter && !found; k++)
			found = strcmp(installed->pkgs[i]->nevra, last->after[k]) == 0;
		if (!found)
			return false;
	}
	return true;
}

/* True when the last run left component c end-of-life for the build d runs now. */
static bool pending_reboot(const struct lp_last_run *last, const struct lp_decision *d, const struct lp_pkgset *installed)
{
	const struct lp_last_component *lc = &last->comp[d->component];

	return last->result && strcmp(last->result, "completed") == 0 && lc->judged && lc->verdict == LP_EOL &&
	       lc->running_build_id && d->running_build_id && strcmp(lc->running_build_id, d->running_build_id) == 0 &&
	       installed_is_after(last, installed);
}

/* "a b -> c": what the transaction removed and added. */
static void add_transaction(struct lp_strbuf *sb, const struct lp_last_run *last)
{
	for (size_t i = 0; i < last->nremoved; i++)
		lp_strbuf_addf(sb, "%s%s", i ? " " : "", last->removed[i]);
	lp_strbuf_adds(sb, last->nremoved ? " -> " : "-> ");
	for (size_t i = 0; i < last->nadded; i++)
		lp_strbuf_addf(sb, "%s%s", i ? " " : "", last->added[i]);
	if (last->nadded == 0)
		lp_strbuf_adds(sb, "nothing");
}

static bool replace_message(struct lp_decision *d, struct lp_strbuf *sb)
{
	char *msg = lp_strbuf_detach(sb);
	if (msg == NULL)
		return false;
	free(d->message);
	d->message = msg;
	return true;
}

bool lp_status_apply_last_run(struct lp_outcome *o, const struct lp_last_run *last,
			      const struct lp_pkgset *installed, bool repo_read)
{
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		struct lp_decision *d = &o->decisions[c];
		struct lp_strbuf sb;

		lp_strbuf_init(&sb);
		if (d->verdict != LP_EOL && last && pending_reboot(last, d, installed)) {
			lp_strbuf_adds(&sb, last->comp[c].message ? last->comp[c].message : "reboot required");
			lp_strbuf_addf(&sb, ", since the transaction of %s (", last->time ? last->time : "an unknown time");
			add_transaction(&sb, last);
			lp_strbuf_addch(&sb, ')');
			d->verdict = LP_EOL;
			d->reboot_required = true;
			if (!d->flagged) {
				d->flagged = true;
				o->nflagged++;
			}
			d->chosen = NULL;
			d->chosen_to = NULL;
		} else if (d->verdict == LP_NO_MATCH && !repo_read) {
			lp_strbuf_addf(&sb, "%s; lpcheck status --repo DIR tells an end-of-life base from a newer build",
				       d->message ? d->message : "");
		} else {
			continue;
		}
		if (!replace_message(d, &sb))
			return false;
	}
	o->flagged = o->nflagged > 0;
	return true;
}
