/* Live patch records: components, build IDs, V-Rs, Provides and payload names. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef HAVE_RPM_RPMVER_H
#include <rpm/rpmver.h>
#else
#include <rpm/rpmlib.h>
#endif
#include "record.h"

static const char *const component_names[LP_NCOMPONENTS] = { "xen", "kernel" };
static const char *const component_dirs[LP_NCOMPONENTS] = { "/usr/lib/xen-livepatch",
							     "/usr/lib/kernel-livepatch" };
static const char *const component_exts[LP_NCOMPONENTS] = { "livepatch", "ko" };
static const size_t component_limits[LP_NCOMPONENTS] = { 128, 55 };

const char *lp_component_name(int component)
{
	if (component >= 0 && component < LP_NCOMPONENTS)
		return component_names[component];
	return "all";
}

int lp_component_parse(const char *s, size_t n)
{
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		if (strlen(component_names[c]) == n && strncasecmp(s, component_names[c], n) == 0)
			return c;
	return -1;
}

const char *lp_component_dir(enum lp_component c)
{
	return component_dirs[c];
}

const char *lp_component_ext(enum lp_component c)
{
	return component_exts[c];
}

size_t lp_component_name_limit(enum lp_component c)
{
	return component_limits[c];
}

bool lp_buildid_normalise(const char *s, size_t n, bool allow_upper, char *out)
{
	if (n < LP_BUILDID_MIN || n > LP_BUILDID_MAX || n % 2 != 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))
			out[i] = ch;
		else if (allow_upper && ch >= 'A' && ch <= 'F')
			out[i] = (char)(ch - 'A' + 'a');
		else
			return false;
	}
	out[n] = '\0';
	return true;
}

bool lp_vr_set(struct lp_vr *out, const char *v, size_t vn, const char *r, size_t rn)
{
	char *buf;

	out->v = out->r = NULL;
	if (vn == 0 || rn == 0)
		return false;
	buf = malloc(vn + rn + 2);
	if (buf == NULL)
		return false;
	memcpy(buf, v, vn);
	buf[vn] = '\0';
	memcpy(buf + vn + 1, r, rn);
	buf[vn + 1 + rn] = '\0';
	out->v = buf;
	out->r = buf + vn + 1;
	return true;
}

bool lp_vr_parse(const char *s, size_t n, struct lp_vr *out)
{
	const char *dash = memchr(s, '-', n);

	out->v = out->r = NULL;
	if (dash == NULL || memchr(dash + 1, '-', n - (size_t)(dash - s) - 1) != NULL)
		return false;
	if (memchr(s, '\0', n) != NULL)
		return false;
	return lp_vr_set(out, s, (size_t)(dash - s), dash + 1, n - (size_t)(dash - s) - 1);
}

bool lp_vr_text_valid(const char *s)
{
	struct lp_vr vr;
	bool ok = lp_vr_parse(s, strlen(s), &vr);

	lp_vr_release(&vr);
	for (; ok && *s; s++)
		ok = isalnum((unsigned char)*s) || strchr("._+~^-", *s) != NULL;
	return ok;
}

void lp_vr_release(struct lp_vr *vr)
{
	free(vr->v);
	vr->v = vr->r = NULL;
}

int lp_vr_cmp(const struct lp_vr *a, const struct lp_vr *b)
{
	int rc = rpmvercmp(a->v, b->v);
	return rc ? rc : rpmvercmp(a->r, b->r);
}

void lp_record_release(struct lp_record *rec)
{
	lp_vr_release(&rec->base);
	lp_vr_release(&rec->to);
}

bool lp_provides_is_livepatch(const char *name)
{
	return strncmp(name, "livepatch(", 10) == 0;
}

/* Takes "key/value/" from *p (value up to the next '/' or, for the last, the ')'). */
static bool take_field(const char **p, const char *key, char end, const char **val, size_t *len)
{
	size_t klen = strlen(key);
	const char *v, *e;

	if (strncmp(*p, key, klen) != 0)
		return false;
	v = *p + klen;
	e = strchr(v, end);
	if (e == NULL || e == v)
		return false;
	*val = v;
	*len = (size_t)(e - v);
	*p = e + 1;
	return true;
}

/* A V-R in a Provides: printable, no blanks, no '/', '(' or ')'. */
static bool vr_chars_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch <= ' ' || ch >= 0x7f || ch == '/' || ch == '(' || ch == ')')
			return false;
	}
	return true;
}

bool lp_provides_parse(const char *name, struct lp_record *out, const char **why)
{
	const char *p = name, *val;
	size_t len;
	int comp;

	memset(out, 0, sizeof(*out));
	*why = "not a livepatch( Provides";
	if (!lp_provides_is_livepatch(p))
		return false;
	p += 10;
	*why = "expected component/<xen|kernel>/";
	if (!take_field(&p, "component/", '/', &val, &len) || (comp = lp_component_parse(val, len)) < 0)
		return false;
	out->component = (enum lp_component)comp;
	*why = "expected base/<version>-<release>/";
	if (!take_field(&p, "base/", '/', &val, &len) || !vr_chars_ok(val, len) ||
	    !lp_vr_parse(val, len, &out->base))
		goto fail;
	*why = "expected to/<version>-<release>/";
	if (!take_field(&p, "to/", '/', &val, &len) || !vr_chars_ok(val, len) ||
	    !lp_vr_parse(val, len, &out->to))
		goto fail;
	*why = "expected base-buildid/<build ID>)";
	if (!take_field(&p, "base-buildid/", ')', &val, &len))
		goto fail;
	*why = "base-buildid is not an even number of 16 to 128 hex digits";
	if (!lp_buildid_normalise(val, len, true, out->build_id))
		goto fail;
	*why = "text after the closing parenthesis";
	if (*p != '\0')
		goto fail;
	*why = NULL;
	return true;
fail:
	lp_record_release(out);
	return false;
}

/* The payload spelling of one field: '.' -> '_', anything outside [A-Za-z0-9_-] -> '-'. */
static void add_mangled(char **w, const char *s)
{
	for (; *s; s++) {
		char ch = *s;
		if (ch == '.')
			ch = '_';
		else if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			   ch == '_' || ch == '-'))
			ch = '-';
		*(*w)++ = ch;
	}
}

/* The payload spelling of a V-R, "<v>__<r>", as payload names carry a target; caller frees. */
static char *vr_mangled(const struct lp_vr *vr)
{
	char *s = malloc(strlen(vr->v) + 2 + strlen(vr->r) + 1), *w = s;

	if (s == NULL)
		return NULL;
	add_mangled(&w, vr->v);
	memcpy(w, "__", 2), w += 2;
	add_mangled(&w, vr->r);
	*w = '\0';
	return s;
}

/* True when the payload spelling of prefix starts that of full. */
static bool vr_starts(const struct lp_vr *full, const struct lp_vr *prefix)
{
	char *f = vr_mangled(full), *p = vr_mangled(prefix);
	bool yes = f && p && strncmp(f, p, strlen(p)) == 0;

	free(f);
	free(p);
	return yes;
}

int lp_record_target_cmp(const struct lp_record *a, const struct lp_record *b)
{
	if (a->cut && b->cut && (vr_starts(&a->to, &b->to) || vr_starts(&b->to, &a->to)))
		return 0;
	if (a->cut && !b->cut)
		return vr_starts(&b->to, &a->to) ? 0 : -1;
	if (!a->cut && b->cut)
		return vr_starts(&a->to, &b->to) ? 0 : 1;
	return lp_vr_cmp(&a->to, &b->to);
}

char *lp_payload_stem(enum lp_component c, const struct lp_vr *base, const struct lp_vr *to)
{
	size_t n = 3 + strlen(base->v) + 2 + strlen(base->r) + 2 + strlen(to->v) + 2 + strlen(to->r);
	char *s = malloc(n + 1), *w = s;
	size_t limit = lp_component_name_limit(c);

	if (s == NULL)
		return NULL;
	memcpy(w, "lp_", 3);
	w += 3;
	add_mangled(&w, base->v);
	memcpy(w, "__", 2), w += 2;
	add_mangled(&w, base->r);
	memcpy(w, "__", 2), w += 2;
	add_mangled(&w, to->v);
	memcpy(w, "__", 2), w += 2;
	add_mangled(&w, to->r);
	*w = '\0';
	if (n > limit)
		s[limit] = '\0';
	return s;
}

bool lp_payload_matches(enum lp_component c, const char *stem, size_t n, const struct lp_vr *base,
			const struct lp_vr *to)
{
	char *want = lp_payload_stem(c, base, to);
	bool ok;

	if (want == NULL)
		return false;
	ok = strlen(want) == n && memcmp(want, stem, n) == 0;
	free(want);
	return ok;
}

/* Copies field [s, s+n) with '_' turned back into '.'. */
static char *unmangle(const char *s, size_t n, char *w)
{
	for (size_t i = 0; i < n; i++)
		*w++ = s[i] == '_' ? '.' : s[i];
	return w;
}

bool lp_payload_parse(enum lp_component c, const char *stem, size_t n, struct lp_vr *base,
		      struct lp_vr *to, bool *cut)
{
	const char *f[4], *end = stem + n, *p;
	size_t fl[4];
	int nf = 0;
	char *tmp, *w;
	size_t off[4];

	base->v = base->r = to->v = to->r = NULL;
	if (n < 3 || memcmp(stem, "lp_", 3) != 0 || memchr(stem, '\0', n) != NULL)
		return false;
	*cut = n >= lp_component_name_limit(c);
	/* a name cut by the build tools may end inside a "__" or right after a '.' */
	while (*cut && n > 3 && stem[n - 1] == '_')
		end = stem + --n;
	p = stem + 3;
	while (nf < 4) {
		const char *sep = NULL;
		for (const char *q = p; q + 1 < end; q++)
			if (q[0] == '_' && q[1] == '_') {
				sep = q;
				break;
			}
		f[nf] = p;
		if (sep == NULL || nf == 3) {
			fl[nf++] = (size_t)(end - p);
			break;
		}
		fl[nf++] = (size_t)(sep - p);
		p = sep + 2;
	}
	if (nf != 4)
		return false;
	for (int i = 0; i < 4; i++) {
		if (fl[i] == 0 || f[i][0] == '_' || f[i][fl[i] - 1] == '_')
			return false;
		/* the last field must not hide a fifth one */
		for (size_t k = 0; k + 1 < fl[i]; k++)
			if (f[i][k] == '_' && f[i][k + 1] == '_')
				return false;
	}
	tmp = malloc(n + 1);
	if (tmp == NULL)
		return false;
	w = tmp;
	for (int i = 0; i < 4; i++) {
		off[i] = (size_t)(w - tmp);
		w = unmangle(f[i], fl[i], w);
	}
	if (!lp_vr_set(base, tmp + off[0], fl[0], tmp + off[1], fl[1]) ||
	    !lp_vr_set(to, tmp + off[2], fl[2], tmp + off[3], fl[3])) {
		lp_vr_release(base);
		lp_vr_release(to);
		free(tmp);
		return false;
	}
	free(tmp);
	return true;
}

void lp_applied_release(struct lp_applied *a)
{
	lp_vr_release(&a->to);
	free(a->name);
	a->name = NULL;
	a->cut = false;
}

bool lp_applied_from_vr(struct lp_applied *a, const char *vr)
{
	memset(a, 0, sizeof(*a));
	return vr_chars_ok(vr, strlen(vr)) && lp_vr_parse(vr, strlen(vr), &a->to);
}
