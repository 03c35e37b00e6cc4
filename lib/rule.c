/*
 * The EOL rule of doc/rules.md §5. Only the newest update counts: the latest
 * target T is the highest target of what will be installed, and only bases of
 * records reaching T are supported. A running build that some record knows
 * but that is not supported is end-of-life: only a reboot helps.
 * Cost: one pass over the records of "after" plus a sort of the supported set.
 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "rule.h"
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

/* What the steps share while deciding one component. */
struct rule {
	enum lp_component c;
	const char *cname;
	enum lp_purpose purpose;
	const struct lp_running *run;
	const struct lp_groups *groups;
	const struct lp_record *target_rec;  /* a record reaching the latest target, a full one if any (step 3) */
	const struct lp_package *target_pkg; /* the package of the latest target (step 3) */
	size_t nrecords;                     /* records of c in "after" */
	struct lp_decision *out;
	struct lp_strbuf msg;
};

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

/* The first package of the set with a record of c for this base, or NULL. */
static const struct lp_package *set_knows(const struct lp_pkgset *set, enum lp_component c, const char *id)
{
	for (size_t i = 0; i < set->n; i++)
		if (lp_package_find(set->pkgs[i], c, id))
			return set->pkgs[i];
	return NULL;
}

/* The newest live patch package of c in the set (records or not). */
static const struct lp_package *newest_livepatch_pkg(const struct lp_pkgset *set, enum lp_component c)
{
	const struct lp_package *best = NULL;
	for (size_t i = 0; i < set->n; i++)
		if (set->pkgs[i]->is_livepatch[c] && pkg_better(set->pkgs[i], best))
			best = set->pkgs[i];
	return best;
}

/*
 * Step 3: the latest target T of "after" and its package; reported with every
 * verdict. Targets compare as lp_record_target_cmp says: a cut payload name
 * matches the full target it starts and never beats a full one.
 */
static void find_latest_target(struct rule *st)
{
	const struct lp_pkgset *after = &st->groups->after;

	for (size_t i = 0; i < after->n; i++) {
		const struct lp_package *p = after->pkgs[i];
		for (size_t k = 0; k < p->nrecords; k++) {
			const struct lp_record *r = &p->records[k];
			int rc;
			if (r->component != st->c)
				continue;
			st->nrecords++;
			rc = st->target_rec ? lp_record_target_cmp(r, st->target_rec) : 1;
			if (rc > 0 || (rc == 0 && st->target_rec->cut && !r->cut))
				st->target_rec = r; /* the full spelling of T wherever there is one */
			if (rc > 0 || (rc == 0 && pkg_better(p, st->target_pkg)))
				st->target_pkg = p;
		}
	}
	if (st->target_rec)
		st->out->latest_target = &st->target_rec->to;
}

/* Step 3: the supported bases S, every base reaching T (ties across packages unioned), sorted, unique. */
static bool collect_supported_bases(struct rule *st)
{
	const struct lp_pkgset *after = &st->groups->after;
	struct lp_decision *out = st->out;
	size_t w = 0;

	if (out->latest_target == NULL)
		return true;
	out->supported = malloc(st->nrecords * sizeof(*out->supported));
	if (out->supported == NULL)
		return false;
	for (size_t i = 0; i < after->n; i++) {
		const struct lp_package *p = after->pkgs[i];
		for (size_t k = 0; k < p->nrecords; k++)
			if (p->records[k].component == st->c && lp_record_target_cmp(&p->records[k], st->target_rec) == 0)
				out->supported[out->nsupported++] = p->records[k].build_id;
	}
	qsort(out->supported, out->nsupported, sizeof(*out->supported), lp_str_ptr_cmp);
	for (size_t i = 0; i < out->nsupported; i++)
		if (w == 0 || strcmp(out->supported[w - 1], out->supported[i]) != 0)
			out->supported[w++] = out->supported[i];
	out->nsupported = w;
	return true;
}

/* Step 1: not running, or not concerned: not-applicable. */
static bool decide_out_of_scope(struct rule *st)
{
	if (st->run && !st->run->present) {
		if (st->run->why)
			lp_strbuf_adds(&st->msg, st->run->why);
		else
			lp_strbuf_addf(&st->msg, "%s is not running", st->cname);
	} else if (!st->out->concerns) {
		lp_strbuf_addf(&st->msg, st->purpose == LP_PURPOSE_STATUS ? "no live patch package of %s is installed"
									   : "no live patch package of %s is concerned",
			       st->cname);
	} else {
		return false;
	}
	st->out->verdict = LP_NOT_APPLICABLE;
	return true;
}

/* Step 2: the running build ID is unknown. */
static bool decide_unknown(struct rule *st)
{
	if (st->out->running_build_id)
		return false;
	st->out->verdict = LP_UNKNOWN;
	if (st->run && st->run->why)
		lp_strbuf_adds(&st->msg, st->run->why);
	else
		lp_strbuf_addf(&st->msg, "the running %s build ID is unknown", st->cname);
	return true;
}

/*
 * Step 2b: a package of "after" whose contents nobody saw may hold this
 * component's live patches (doc/rules.md §3): not judged, never flagged.
 */
static bool decide_unseen(struct rule *st)
{
	const struct lp_pkgset *after = &st->groups->after;

	for (size_t i = 0; i < after->n; i++) {
		if (!lp_package_unseen(after->pkgs[i]))
			continue;
		st->out->verdict = LP_UNKNOWN;
		lp_strbuf_addf(&st->msg, "the file list of %s is not loaded and it has no livepatch Provides, "
				  "so its live patches cannot be seen here",
			       after->pkgs[i]->nevra);
		return true;
	}
	return false;
}

/* True when the applied patch already reaches the record's target (a cut name as a prefix). */
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

/* Step 4: the record for R with the highest target (ties: a full name, the highest EVR, then the lowest name). */
static const struct lp_record *choose_record(const struct rule *st, const char *R)
{
	const struct lp_pkgset *after = &st->groups->after;
	const struct lp_record *best = NULL;

	for (size_t i = 0; i < after->n; i++) {
		const struct lp_record *r = lp_package_find(after->pkgs[i], st->c, R);
		int rc;
		if (r == NULL)
			continue;
		rc = best ? lp_record_target_cmp(r, best) : 1;
		if (rc == 0 && r->cut != best->cut)
			rc = best->cut ? 1 : -1;
		if (rc > 0 || (rc == 0 && pkg_better(r->pkg, best->pkg)))
			best = r;
	}
	return best;
}

/* Step 4: R is a supported base: livepatchable, or up-to-date when the applied patch reaches it. */
static bool decide_supported(struct rule *st)
{
	struct lp_decision *out = st->out;
	const char *R = out->running_build_id;
	const struct lp_record *best;
	const struct lp_applied *a = out->applied;

	if (!out->nsupported || !bsearch(&R, out->supported, out->nsupported, sizeof(*out->supported), lp_str_ptr_cmp))
		return false;
	best = out->chosen = choose_record(st, R);
	out->chosen_to = best->cut ? out->latest_target : &best->to; /* R in S: best reaches T */
	if (a == NULL || !applied_reached(st->c, best, a)) {
		out->verdict = LP_LIVEPATCHABLE;
		lp_strbuf_addf(&st->msg, "running build %s will be live-patched to " LP_VR_FMT " by %s", R,
			       LP_VR_ARGS(out->chosen_to), best->pkg->nevra);
	} else {
		out->verdict = LP_UP_TO_DATE;
		lp_strbuf_addf(&st->msg, "running build %s already has " LP_VR_FMT " applied (%s)", R,
			       LP_VR_ARGS(a->cut ? out->chosen_to : &a->to), best->pkg->nevra);
	}
	return true;
}

/* Step 5: R is a base of some record in any group, but not supported: eol. */
static bool decide_eol(struct rule *st)
{
	const struct lp_groups *g = st->groups;
	struct lp_decision *out = st->out;
	const char *R = out->running_build_id;
	const struct lp_package *who = set_knows(&g->after, st->c, R), *newest;

	if (who == NULL)
		who = set_knows(&g->removed, st->c, R);
	if (who == NULL)
		who = set_knows(&g->known, st->c, R);
	if (who == NULL)
		return false;
	out->verdict = LP_EOL;
	out->reboot_required = true;
	newest = st->target_pkg ? st->target_pkg : newest_livepatch_pkg(&g->after, st->c);
	if (st->target_pkg)
		lp_strbuf_addf(&st->msg, "running build %s is no longer supported by %s (target " LP_VR_FMT
					 ", supports %zu other build%s)",
			       R, newest->nevra, LP_VR_ARGS(out->latest_target), out->nsupported,
			       out->nsupported == 1 ? "" : "s");
	else if (newest)
		lp_strbuf_addf(&st->msg, "running build %s is no longer supported by %s (it ships no %s live patch)", R,
			       newest->nevra, st->cname);
	else
		lp_strbuf_addf(&st->msg, "running build %s is no longer supported: no %s live patch package "
					 "remains after removing %s",
			       R, st->cname, who->nevra);
	lp_strbuf_adds(&st->msg, "; reboot required");
	return true;
}

/* Step 6: no record of c anywhere is for R. */
static void decide_no_match(struct rule *st)
{
	const char *R = st->out->running_build_id;
	const struct lp_package *newest =
		st->target_pkg ? st->target_pkg : newest_livepatch_pkg(&st->groups->after, st->c);

	st->out->verdict = LP_NO_MATCH;
	if (st->nrecords > 0)
		lp_strbuf_addf(&st->msg, "no live patch in %s is for running build %s: the host runs a newer build, "
					 "or one no package was made for",
			       newest->nevra, R);
	else if (newest)
		lp_strbuf_addf(&st->msg, "%s carries no %s live patch, and none here was for running build %s: "
					 "the host had none to lose",
			       newest->nevra, st->cname, R);
	else
		lp_strbuf_addf(&st->msg, "no %s live patch package remains, and none here was for running build %s: "
					 "the host had none to lose",
			       st->cname, R);
}

/*
 * doc/rules.md §6: eol always; no-match in a transaction only when "after"
 * carries records of c (the update has live patches, none for the running
 * build): with none, the host had nothing to lose, and step 5 already
 * caught the case where it had.
 */
static bool is_flagged(const struct rule *st)
{
	enum lp_verdict v = st->out->verdict;
	return v == LP_EOL || (v == LP_NO_MATCH && st->purpose == LP_PURPOSE_TRANSACTION && st->nrecords > 0);
}

bool lp_rule_decide(enum lp_component c, enum lp_purpose purpose, bool concerns, const struct lp_running *run,
		    const struct lp_groups *groups, struct lp_decision *out)
{
	struct rule st = { .c = c, .cname = lp_component_name(c), .purpose = purpose, .run = run,
			   .groups = groups, .out = out };

	memset(out, 0, sizeof(*out));
	out->component = c;
	out->concerns = concerns;
	out->applied = run ? run->applied : NULL;
	out->running_build_id = run ? run->build_id : NULL;
	lp_strbuf_init(&st.msg);

	find_latest_target(&st);
	if (!collect_supported_bases(&st))
		goto oom;
	if (!decide_out_of_scope(&st) && !decide_unknown(&st) && !decide_unseen(&st) && !decide_supported(&st) &&
	    !decide_eol(&st))
		decide_no_match(&st);
	out->flagged = is_flagged(&st);
	out->message = lp_strbuf_detach(&st.msg);
	if (out->message == NULL)
		goto oom;
	return true;
oom:
	lp_strbuf_release(&st.msg);
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
