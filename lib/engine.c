/*
 * The EOL decision of livepatch-rules §5. Only the newest update counts: the
 * latest target T is the highest target of what will be installed, and only
 * bases of records reaching T are supported. A running build that some record
 * knows but that is not supported is end-of-life: only a reboot helps.
 * Cost: one pass over the records plus a sort of the supported set.
 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "engine.h"
#include "strbuf.h"

static const char *const verdict_names[] = {
	[LP_NOT_APPLICABLE] = "not-applicable", [LP_UNKNOWN] = "unknown",
	[LP_NO_MATCH] = "no-match",		[LP_EOL] = "eol",
	[LP_LIVEPATCHABLE] = "livepatchable",	[LP_UP_TO_DATE] = "up-to-date",
};

const char *lp_verdict_name(enum lp_verdict v)
{
	return verdict_names[v];
}

bool lp_pkgset_concerns(const struct lp_pkgset *set, enum lp_component c)
{
	for (size_t i = 0; set && i < set->n; i++)
		if (set->pkgs[i]->is_livepatch[c])
			return true;
	return false;
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The better of two packages for a tie: highest EVR, then lowest name. */
static bool pkg_better(const struct lp_package *a, const struct lp_package *b)
{
	int rc;
	if (b == NULL)
		return true;
	rc = lp_package_evrcmp(a, b);
	if (rc != 0)
		return rc > 0;
	return strcmp(a->name, b->name) < 0;
}

static bool set_knows(const struct lp_pkgset *set, enum lp_component c, const char *id,
		      const struct lp_package **who)
{
	for (size_t i = 0; set && i < set->n; i++)
		if (lp_package_find(set->pkgs[i], c, id)) {
			*who = set->pkgs[i];
			return true;
		}
	return false;
}

/* The newest live patch package of c in the set (records or not). */
static const struct lp_package *newest_livepatch_pkg(const struct lp_pkgset *set, enum lp_component c)
{
	const struct lp_package *best = NULL;
	for (size_t i = 0; set && i < set->n; i++)
		if (set->pkgs[i]->is_livepatch[c] && pkg_better(set->pkgs[i], best))
			best = set->pkgs[i];
	return best;
}

static void vr_add(struct lp_strbuf *sb, const struct lp_vr *vr)
{
	lp_strbuf_addf(sb, "%s-%s", vr->v, vr->r);
}

static bool applied_reached(enum lp_component c, const struct lp_record *rec, const struct lp_applied *a)
{
	if (a->cut && a->name) {
		char *stem = lp_payload_stem(c, &rec->base, &rec->to);
		bool same = stem && strncmp(stem, a->name, strlen(a->name)) == 0;
		free(stem);
		if (same)
			return true;
	}
	return lp_vr_cmp(&rec->to, &a->to) <= 0;
}

bool lp_decide(enum lp_component c, enum lp_purpose purpose, bool concerns, const struct lp_running *run,
	       const struct lp_pkgset *after, const struct lp_pkgset *removed, const struct lp_pkgset *known,
	       struct lp_decision *out)
{
	const char *cname = lp_component_name(c);
	const struct lp_package *target_pkg = NULL, *who = NULL;
	const char *R;
	size_t nrec = 0;
	struct lp_strbuf msg;

	memset(out, 0, sizeof(*out));
	out->component = c;
	out->concerns = concerns;
	out->applied = run ? run->applied : NULL;
	out->running_build_id = run ? run->build_id : NULL;
	lp_strbuf_init(&msg);

	/* step 3 first: the latest target and supported set are reported for every verdict */
	for (size_t i = 0; after && i < after->n; i++) {
		const struct lp_package *p = after->pkgs[i];
		for (size_t k = 0; k < p->nrecords; k++) {
			const struct lp_record *r = &p->records[k];
			int rc;
			if (r->component != c)
				continue;
			nrec++;
			rc = out->latest_target ? lp_vr_cmp(&r->to, out->latest_target) : 1;
			if (rc > 0) {
				out->latest_target = &r->to;
				target_pkg = p;
			} else if (rc == 0 && pkg_better(p, target_pkg)) {
				target_pkg = p;
			}
		}
	}
	if (out->latest_target) {
		out->supported = malloc(nrec * sizeof(*out->supported));
		if (out->supported == NULL)
			goto oom;
		for (size_t i = 0; i < after->n; i++) {
			const struct lp_package *p = after->pkgs[i];
			for (size_t k = 0; k < p->nrecords; k++)
				if (p->records[k].component == c && lp_vr_cmp(&p->records[k].to, out->latest_target) == 0)
					out->supported[out->nsupported++] = p->records[k].build_id;
		}
		qsort(out->supported, out->nsupported, sizeof(*out->supported), str_ptr_cmp);
		size_t w = 0;
		for (size_t i = 0; i < out->nsupported; i++)
			if (w == 0 || strcmp(out->supported[w - 1], out->supported[i]) != 0)
				out->supported[w++] = out->supported[i];
		out->nsupported = w;
	}

	/* step 1: scope */
	if (run && !run->present) {
		out->verdict = LP_NOT_APPLICABLE;
		lp_strbuf_adds(&msg, run->why ? run->why : "");
		if (!run->why)
			lp_strbuf_addf(&msg, "%s is not running", cname);
		goto done;
	}
	if (!concerns) {
		out->verdict = LP_NOT_APPLICABLE;
		lp_strbuf_addf(&msg, purpose == LP_PURPOSE_STATUS ? "no live patch package of %s is installed"
								 : "no live patch package of %s is concerned",
			       cname);
		goto done;
	}
	/* step 2 */
	R = run ? run->build_id : NULL;
	if (R == NULL) {
		out->verdict = LP_UNKNOWN;
		if (run && run->why)
			lp_strbuf_adds(&msg, run->why);
		else
			lp_strbuf_addf(&msg, "the running %s build ID is unknown", cname);
		goto done;
	}
	/* step 4 */
	if (out->nsupported && bsearch(&R, out->supported, out->nsupported, sizeof(*out->supported), str_ptr_cmp)) {
		const struct lp_record *best = NULL;
		for (size_t i = 0; i < after->n; i++) {
			const struct lp_record *r = lp_package_find(after->pkgs[i], c, R);
			int rc;
			if (r == NULL)
				continue;
			rc = best ? lp_vr_cmp(&r->to, &best->to) : 1;
			if (rc > 0 || (rc == 0 && pkg_better(r->pkg, best->pkg)))
				best = r;
		}
		out->chosen = best;
		if (run->applied == NULL || !applied_reached(c, best, run->applied)) {
			out->verdict = LP_LIVEPATCHABLE;
			lp_strbuf_addf(&msg, "running build %s will be live-patched to ", R);
			vr_add(&msg, &best->to);
			lp_strbuf_addf(&msg, " by %s", best->pkg->nevra);
		} else {
			out->verdict = LP_UP_TO_DATE;
			lp_strbuf_addf(&msg, "running build %s already has ", R);
			vr_add(&msg, run->applied->cut ? &best->to : &run->applied->to);
			lp_strbuf_addf(&msg, " applied (%s)", best->pkg->nevra);
		}
		goto done;
	}
	/* step 5 */
	if (set_knows(after, c, R, &who) || set_knows(removed, c, R, &who) || set_knows(known, c, R, &who)) {
		const struct lp_package *newest = target_pkg ? target_pkg : newest_livepatch_pkg(after, c);
		out->verdict = LP_EOL;
		out->reboot_required = true;
		lp_strbuf_addf(&msg, "running build %s is no longer supported by ", R);
		if (target_pkg) {
			lp_strbuf_addf(&msg, "%s (target ", newest->nevra);
			vr_add(&msg, out->latest_target);
			lp_strbuf_addf(&msg, ", supports %zu other build%s)", out->nsupported,
				       out->nsupported == 1 ? "" : "s");
		} else if (newest) {
			lp_strbuf_addf(&msg, "%s (it ships no %s live patch)", newest->nevra, cname);
		} else {
			/* nothing of c remains: msg is rewritten whole */
			msg.len = 0;
			lp_strbuf_addf(&msg, "running build %s is no longer supported: no %s live patch package "
					     "remains after removing %s", R, cname, who->nevra);
		}
		lp_strbuf_adds(&msg, "; reboot required");
		goto done;
	}
	/* step 6 */
	out->verdict = LP_NO_MATCH;
	{
		const struct lp_package *newest = target_pkg ? target_pkg : newest_livepatch_pkg(after, c);
		if (newest)
			lp_strbuf_addf(&msg, "no live patch in %s is for running build %s", newest->nevra, R);
		else
			lp_strbuf_addf(&msg, "no %s live patch package remains, and none here was for running build %s",
				       cname, R);
		lp_strbuf_adds(&msg, ": the host runs a newer build, or one no package was made for");
	}
done:
	out->flagged = out->verdict == LP_EOL || (out->verdict == LP_NO_MATCH && purpose == LP_PURPOSE_TRANSACTION);
	out->message = lp_strbuf_detach(&msg);
	if (out->message == NULL)
		goto oom;
	return true;
oom:
	lp_strbuf_release(&msg);
	lp_decision_release(out);
	return false;
}

void lp_decision_release(struct lp_decision *d)
{
	free(d->supported);
	free(d->message);
	d->supported = NULL;
	d->message = NULL;
	d->nsupported = 0;
}
