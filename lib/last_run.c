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

/* True when the last run's component line is about a build the host no longer runs. */
static bool rebooted_since(const struct lp_last_component *lc, const struct lp_decision *now)
{
	return now && lc->verdict == LP_EOL && lc->running_build_id && now->running_build_id &&
	       strcmp(lc->running_build_id, now->running_build_id) != 0;
}

char **lp_last_run_lines(const struct lp_last_run *last, const struct lp_outcome *now, size_t *n)
{
	char **lines = calloc(LP_NCOMPONENTS + last->nproblems + 1, sizeof(*lines));
	struct lp_strbuf sb;

	*n = 0;
	if (lines == NULL)
		return NULL;
	for (size_t i = 0; i < LP_NCOMPONENTS + last->nproblems; i++) {
		const struct lp_last_component *lc = i < LP_NCOMPONENTS ? &last->comp[i] : NULL;
		const struct lp_decision *d = lc && now ? &now->decisions[i] : NULL;
		if (lc && !lc->flagged)
			continue;
		lp_strbuf_init(&sb);
		add_run_prefix(&sb, last);
		if (lc && rebooted_since(lc, d))
			lp_strbuf_addf(&sb, "%s eol for running build %s: the reboot it asked for is done (the host now "
					    "runs %s)", lp_component_name((int)i), lc->running_build_id, d->running_build_id);
		else if (lc)
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

void lp_host_state_release(struct lp_host_state *hs)
{
	if (hs->have_last)
		lp_last_run_release(&hs->last);
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		if (hs->have_pending[c])
			lp_last_run_release(&hs->pending[c]);
	memset(hs, 0, sizeof(*hs));
}

enum lp_pending_state lp_pending_state(const struct lp_host_state *hs, const struct lp_decision *d)
{
	const struct lp_last_run *p = hs && hs->have_pending[d->component] ? &hs->pending[d->component] : NULL;
	const struct lp_last_component *pc = p ? &p->comp[d->component] : NULL;

	/* a pending file is the report of a completed run that left this component eol */
	if (pc == NULL || !pc->judged || pc->verdict != LP_EOL || pc->running_build_id == NULL ||
	    p->result == NULL || strcmp(p->result, "completed") != 0)
		return LP_PENDING_NONE;
	if (d->running_build_id == NULL)
		return LP_PENDING_UNKNOWN;
	if (strcmp(pc->running_build_id, d->running_build_id) != 0)
		return LP_PENDING_DONE;
	/* installed again what covers the build (another tool, --noplugins): nothing pending */
	return d->verdict == LP_LIVEPATCHABLE || d->verdict == LP_UP_TO_DATE ? LP_PENDING_NONE : LP_PENDING_REBOOT;
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

bool lp_status_apply_host_state(struct lp_outcome *o, const struct lp_host_state *hs, bool repo_read)
{
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		struct lp_decision *d = &o->decisions[c];
		const struct lp_last_run *p = hs ? &hs->pending[c] : NULL;
		struct lp_strbuf sb;

		lp_strbuf_init(&sb);
		switch (lp_pending_state(hs, d)) {
		case LP_PENDING_REBOOT:
			lp_strbuf_adds(&sb, p->comp[c].message ? p->comp[c].message : "reboot required");
			lp_strbuf_addf(&sb, ", since the transaction of %s (", p->time ? p->time : "an unknown time");
			add_transaction(&sb, p);
			lp_strbuf_addch(&sb, ')');
			d->verdict = LP_EOL;
			d->reboot_required = true;
			if (!d->flagged) {
				d->flagged = true;
				o->nflagged++;
			}
			d->chosen = NULL;
			d->chosen_to = NULL;
			break;
		case LP_PENDING_DONE:
			lp_strbuf_addf(&sb, "%s; the reboot pending since the transaction of %s (for running build %s) "
					    "is done", d->message ? d->message : "", p->time ? p->time : "an unknown time",
				       p->comp[c].running_build_id);
			break;
		case LP_PENDING_UNKNOWN:
			lp_strbuf_addf(&sb, "%s; a reboot has been pending since the transaction of %s for running "
					    "build %s", d->message ? d->message : "", p->time ? p->time : "an unknown time",
				       p->comp[c].running_build_id);
			break;
		case LP_PENDING_NONE:
			if (d->verdict != LP_NO_MATCH || repo_read)
				continue;
			lp_strbuf_addf(&sb, "%s; lpcheck status --repo DIR tells an end-of-life base from a newer build",
				       d->message ? d->message : "");
			break;
		}
		if (!replace_message(d, &sb))
			return false;
	}
	o->flagged = o->nflagged > 0;
	return true;
}
