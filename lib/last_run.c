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
	free_strings(last->added, last->nadded);
	free_strings(last->removed, last->nremoved);
	free_strings(last->after, last->nafter);
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		free(last->comp[c].running_build_id);
		free(last->comp[c].message);
	}
	memset(last, 0, sizeof(*last));
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
