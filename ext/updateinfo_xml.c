/*
 * The updateinfo.xml format, the one place that speaks expat: the
 * <livepatches> element for update metadata, and the verification of an
 * updateinfo.xml against the packages it lists. libsolv and dnf drop unknown
 * updateinfo elements, so the file is read with expat here.
 */
#include "config.h"
#include <errno.h>
#include <stdarg.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "array.h"
#include "package.h"
#include "strbuf.h"
#include "updateinfo.h"

/* ---- writing ---- */

static void xml_attr(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&apos;", out); break;
		default:
			if ((unsigned char)*s < 0x20)
				fprintf(out, "&#%d;", *s); /* only tab, newline, CR are legal; records never hold others */
			else
				fputc(*s, out);
		}
	}
}

static int record_order(const void *a, const void *b)
{
	const struct lp_record *x = *(const struct lp_record *const *)a, *y = *(const struct lp_record *const *)b;
	int rc = strcmp(lp_component_name(x->component), lp_component_name(y->component));
	if (rc == 0)
		rc = strcmp(x->build_id, y->build_id);
	if (rc == 0)
		rc = lp_vr_cmp(&x->base, &y->base);
	if (rc == 0)
		rc = lp_vr_cmp(&x->to, &y->to);
	if (rc == 0)
		rc = strcmp(x->pkg->nevra, y->pkg->nevra);
	return rc;
}

bool lp_updateinfo_write(FILE *out, const struct lp_pkgset *pkgs)
{
	const struct lp_record **recs;
	const struct lp_package **newest;
	size_t n = 0, nnewest, total = 0;

	for (size_t i = 0; i < pkgs->n; i++)
		total += pkgs->pkgs[i]->nrecords;
	recs = calloc(total + 1, sizeof(*recs));
	newest = calloc(pkgs->n + 1, sizeof(*newest));
	if (recs == NULL || newest == NULL) {
		free(recs);
		free(newest);
		return false;
	}
	nnewest = lp_pkgset_newest_of_each_name(pkgs, newest);
	for (size_t i = 0; i < nnewest; i++)
		for (size_t r = 0; r < newest[i]->nrecords; r++)
			recs[n++] = &newest[i]->records[r];
	free(newest);
	qsort(recs, n, sizeof(*recs), record_order);
	fputs("<livepatches>\n", out);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && record_order(&recs[i - 1], &recs[i]) == 0)
			continue;
		fprintf(out, "  <livepatch component=\"%s\" base=\"", lp_component_name(recs[i]->component));
		xml_attr(out, recs[i]->base.v);
		fputc('-', out);
		xml_attr(out, recs[i]->base.r);
		fputs("\" to=\"", out);
		xml_attr(out, recs[i]->to.v);
		fputc('-', out);
		xml_attr(out, recs[i]->to.r);
		fprintf(out, "\" base-buildid=\"%s\"/>\n", recs[i]->build_id);
	}
	fputs("</livepatches>\n", out);
	free(recs);
	return true;
}

/* ---- verifying ---- */

struct listed {
	char *name, *epoch, *version, *release, *arch;
};

struct entry {
	char *component, *base, *to, *buildid; /* as written; NULL when missing */
};

struct parse {
	XML_Parser xp;
	const struct lp_pkgset *pkgs;
	FILE *out, *notes;
	long nproblems;
	bool failed; /* out of memory */
	/* the current <update> */
	bool in_update, in_id, in_livepatches;
	int update_depth, depth;
	struct lp_strbuf id;
	struct listed *listed;
	size_t nlisted, alloc_listed;
	struct entry *entries;
	size_t nentries, alloc_entries;
};

static const char *attr(const XML_Char **atts, const char *name)
{
	for (; atts && atts[0]; atts += 2)
		if (strcmp(atts[0], name) == 0)
			return atts[1];
	return NULL;
}

static void reset_update(struct parse *ps)
{
	for (size_t i = 0; i < ps->nlisted; i++) {
		free(ps->listed[i].name);
		free(ps->listed[i].epoch);
		free(ps->listed[i].version);
		free(ps->listed[i].release);
		free(ps->listed[i].arch);
	}
	for (size_t i = 0; i < ps->nentries; i++) {
		free(ps->entries[i].component);
		free(ps->entries[i].base);
		free(ps->entries[i].to);
		free(ps->entries[i].buildid);
	}
	ps->nlisted = ps->nentries = 0;
	lp_strbuf_release(&ps->id);
	ps->in_update = ps->in_id = ps->in_livepatches = false;
}

static void XMLCALL on_start(void *data, const XML_Char *el, const XML_Char **atts)
{
	struct parse *ps = data;

	ps->depth++;
	if (!ps->in_update) {
		if (strcmp(el, "update") == 0) {
			ps->in_update = true;
			ps->update_depth = ps->depth;
		}
		return;
	}
	if (strcmp(el, "id") == 0 && ps->depth == ps->update_depth + 1) {
		ps->in_id = true;
	} else if (strcmp(el, "package") == 0) {
		struct listed *l;
		if (!lp_array_grow((void **)&ps->listed, &ps->alloc_listed, ps->nlisted + 1, sizeof(*ps->listed))) {
			ps->failed = true;
			return;
		}
		l = &ps->listed[ps->nlisted++];
		l->name = lp_strdup_or_null(attr(atts, "name"));
		l->epoch = lp_strdup_or_null(attr(atts, "epoch"));
		l->version = lp_strdup_or_null(attr(atts, "version"));
		l->release = lp_strdup_or_null(attr(atts, "release"));
		l->arch = lp_strdup_or_null(attr(atts, "arch"));
	} else if (strcmp(el, "livepatches") == 0) {
		ps->in_livepatches = true;
	} else if (strcmp(el, "livepatch") == 0 && ps->in_livepatches) {
		struct entry *e;
		if (!lp_array_grow((void **)&ps->entries, &ps->alloc_entries, ps->nentries + 1, sizeof(*ps->entries))) {
			ps->failed = true;
			return;
		}
		e = &ps->entries[ps->nentries++];
		e->component = lp_strdup_or_null(attr(atts, "component"));
		e->base = lp_strdup_or_null(attr(atts, "base"));
		e->to = lp_strdup_or_null(attr(atts, "to"));
		e->buildid = lp_strdup_or_null(attr(atts, "base-buildid"));
	}
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
	struct parse *ps = data;
	if (ps->in_id)
		lp_strbuf_add(&ps->id, s, (size_t)len);
}

static bool epoch_equal(const char *listed, const struct lp_package *p)
{
	unsigned long e = 0;
	if (listed && *listed) {
		char *end;
		e = strtoul(listed, &end, 10);
		if (*end)
			return false;
	}
	return e == (p->has_epoch ? p->epoch : 0);
}

static const struct lp_package *find_listed(const struct parse *ps, const struct listed *l)
{
	for (size_t i = 0; i < ps->pkgs->n; i++) {
		const struct lp_package *p = ps->pkgs->pkgs[i];
		if (l->name && l->version && l->release && !strcmp(p->name, l->name) && !strcmp(p->version, l->version) &&
		    !strcmp(p->release, l->release) && epoch_equal(l->epoch, p) &&
		    !strcmp(p->arch ? p->arch : "", l->arch ? l->arch : ""))
			return p;
	}
	return NULL;
}

static void problem(struct parse *ps, const char *code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(struct parse *ps, const char *code, const char *fmt, ...)
{
	va_list ap;
	char *detail = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&detail, fmt, ap);
	va_end(ap);
	/* the id and the details come from the file: lp_put_line escapes control bytes */
	lp_put_line(ps->out, "lpcheck: %s: %s: %s", ps->id.len ? lp_strbuf_str(&ps->id) : "(no id)", code,
		    n < 0 ? "(out of memory)" : detail);
	free(detail);
	ps->nproblems++;
}

/* Parses an entry into a record; NULL why means it is well formed. */
static const char *entry_parse(const struct entry *e, struct lp_record *r)
{
	int c;
	memset(r, 0, sizeof(*r));
	if (!e->component || !e->base || !e->to || !e->buildid)
		return "needs component, base, to and base-buildid";
	if ((c = lp_component_parse(e->component, strlen(e->component))) < 0)
		return "component is neither xen nor kernel";
	r->component = (enum lp_component)c;
	if (!lp_buildid_normalise(e->buildid, strlen(e->buildid), true, r->build_id))
		return "base-buildid is not an even number of 16 to 128 hex digits";
	if (!lp_vr_parse(e->base, strlen(e->base), &r->base))
		return "base is not VERSION-RELEASE";
	if (!lp_vr_parse(e->to, strlen(e->to), &r->to)) {
		lp_vr_release(&r->base);
		return "to is not VERSION-RELEASE";
	}
	return NULL;
}

static bool same_record(const struct lp_record *a, const struct lp_record *b)
{
	return a->component == b->component && !strcmp(a->build_id, b->build_id) && !lp_vr_cmp(&a->base, &b->base) &&
	       !lp_vr_cmp(&a->to, &b->to);
}

static void verify_update(struct parse *ps)
{
	const struct lp_package **found = calloc(ps->nlisted + 1, sizeof(*found));
	struct lp_record *entries = calloc(ps->nentries + 1, sizeof(*entries));
	bool *valid = calloc(ps->nentries + 1, sizeof(*valid));
	size_t nfound = 0;

	if (!found || !entries || !valid) {
		ps->failed = true;
		goto out;
	}
	for (size_t i = 0; i < ps->nlisted; i++) {
		const struct lp_package *p = find_listed(ps, &ps->listed[i]);
		if (p)
			found[nfound++] = p;
		else if (ps->notes)
			lp_put_line(ps->notes, "lpcheck: %s: note: package %s-%s-%s.%s is not among the packages given",
				lp_strbuf_str(&ps->id), ps->listed[i].name ? ps->listed[i].name : "?",
				ps->listed[i].version ? ps->listed[i].version : "?",
				ps->listed[i].release ? ps->listed[i].release : "?",
				ps->listed[i].arch ? ps->listed[i].arch : "?");
	}
	for (size_t i = 0; i < ps->nentries; i++) {
		const struct entry *e = &ps->entries[i];
		const char *why = entry_parse(e, &entries[i]);
		if (why) {
			problem(ps, LP_UPDATEINFO_BAD, "<livepatch component=\"%s\" base=\"%s\" to=\"%s\" base-buildid=\"%s\">: %s",
				e->component ? e->component : "", e->base ? e->base : "", e->to ? e->to : "",
				e->buildid ? e->buildid : "", why);
			continue;
		}
		valid[i] = true;
		bool carried = false;
		for (size_t k = 0; k < nfound && !carried; k++)
			for (size_t r = 0; r < found[k]->nrecords && !carried; r++)
				carried = same_record(&entries[i], &found[k]->records[r]);
		if (!carried)
			problem(ps, LP_UPDATEINFO_UNKNOWN, "%s base %s (%s) to %s: no package of the update carries it",
				lp_component_name(entries[i].component), entries[i].build_id, e->base, e->to);
	}
	for (size_t k = 0; k < nfound; k++) {
		for (size_t r = 0; r < found[k]->nrecords; r++) {
			const struct lp_record *rec = &found[k]->records[r];
			bool listed = false;
			for (size_t i = 0; i < ps->nentries && !listed; i++)
				listed = valid[i] && same_record(&entries[i], rec);
			if (!listed)
				problem(ps, LP_UPDATEINFO_MISSING, "%s: %s base %s (%s-%s) to %s-%s is not in <livepatches>",
					found[k]->nevra, lp_component_name(rec->component), rec->build_id, rec->base.v,
					rec->base.r, rec->to.v, rec->to.r);
		}
	}
out:
	for (size_t i = 0; entries && i < ps->nentries; i++)
		lp_record_release(&entries[i]);
	free(entries);
	free(valid);
	free(found);
}

static void XMLCALL on_end(void *data, const XML_Char *el)
{
	struct parse *ps = data;

	if (ps->in_update && ps->depth == ps->update_depth && strcmp(el, "update") == 0) {
		verify_update(ps);
		reset_update(ps);
	} else if (ps->in_update && strcmp(el, "id") == 0) {
		ps->in_id = false;
	} else if (ps->in_update && strcmp(el, "livepatches") == 0) {
		ps->in_livepatches = false;
	}
	ps->depth--;
}

long lp_updateinfo_verify(FILE *fp, const char *path, const struct lp_pkgset *pkgs, FILE *out, FILE *notes,
			  char *err, size_t errlen)
{
	struct parse ps;
	char buf[65536];
	long rc = -1;

	memset(&ps, 0, sizeof(ps));
	ps.xp = XML_ParserCreate(NULL);
	ps.pkgs = pkgs;
	ps.out = out;
	ps.notes = notes;
	lp_strbuf_init(&ps.id);
	if (ps.xp == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto out;
	}
	XML_SetUserData(ps.xp, &ps);
	XML_SetElementHandler(ps.xp, on_start, on_end);
	XML_SetCharacterDataHandler(ps.xp, on_text);
	for (;;) {
		size_t n = fread(buf, 1, sizeof(buf), fp);
		bool done = n < sizeof(buf);
		if (ferror(fp)) {
			snprintf(err, errlen, "%s: read error (a corrupt compressed file?)", path);
			goto out;
		}
		if (XML_Parse(ps.xp, buf, (int)n, done) == XML_STATUS_ERROR) {
			snprintf(err, errlen, "%s: line %lu: %s", path, (unsigned long)XML_GetCurrentLineNumber(ps.xp),
				 XML_ErrorString(XML_GetErrorCode(ps.xp)));
			goto out;
		}
		if (ps.failed) {
			snprintf(err, errlen, "%s: out of memory", path);
			goto out;
		}
		if (done)
			break;
	}
	rc = ps.nproblems;
out:
	reset_update(&ps);
	free(ps.listed);
	free(ps.entries);
	if (ps.xp)
		XML_ParserFree(ps.xp);
	return rc;
}
