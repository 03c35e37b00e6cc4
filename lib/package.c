/* Live patch packages: file layout, Provides, their join into records, and layout problems. */
#include "config.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef HAVE_RPM_RPMVER_H
#include <rpm/rpmver.h>
#else
#include <rpm/rpmlib.h>
#endif
#include "array.h"
#include "package.h"
#include "strbuf.h"

/* One path under a component's directory, split as <component dir>/<dir>/<leaf>. */
struct lp_file_entry {
	int comp;
	char *path; /* the full path (one allocation with dir and leaf) */
	const char *dir;  /* NULL: the component directory itself */
	const char *leaf; /* NULL: the <dir> entry itself; may contain '/' (too deep) */
	unsigned mode;    /* 0: unknown */
	char *link;
};

/* A base directory as the files show it, before the join with Provides. */
struct dir_record {
	int comp;
	const char *id;
	const char *dir_path_of; /* any path in the directory, for messages */
	bool valid;       /* has one parseable payload */
	struct lp_record rec; /* V-Rs from the payload name when valid */
	const char *payload;  /* the payload leaf (file name) */
};

void lp_problem_release(struct lp_problem *p)
{
	free(p->detail);
	p->detail = NULL;
}

static int problem_ptr_cmp(const void *a, const void *b)
{
	const struct lp_problem *x = *(const struct lp_problem *const *)a, *y = *(const struct lp_problem *const *)b;
	int rc = strcmp(x->package, y->package);
	if (rc == 0)
		rc = strcmp(x->code, y->code);
	if (rc == 0)
		rc = strcmp(x->detail, y->detail);
	if (rc == 0)
		rc = x->component - y->component;
	return rc;
}

void lp_problems_sort(const struct lp_problem **problems, size_t n)
{
	if (n)
		qsort(problems, n, sizeof(*problems), problem_ptr_cmp);
}

static void nevra_build(struct lp_strbuf *sb, const struct lp_package *pkg)
{
	lp_strbuf_adds(sb, pkg->name);
	lp_strbuf_addch(sb, '-');
	if (pkg->has_epoch && pkg->epoch != 0)
		lp_strbuf_addf(sb, "%lu:", pkg->epoch);
	lp_strbuf_adds(sb, pkg->version);
	lp_strbuf_addch(sb, '-');
	lp_strbuf_adds(sb, pkg->release);
	if (pkg->arch && *pkg->arch) {
		lp_strbuf_addch(sb, '.');
		lp_strbuf_adds(sb, pkg->arch);
	}
}

struct lp_package *lp_package_new(enum lp_contents contents, const char *name, const char *epoch, const char *version,
				  const char *release, const char *arch)
{
	struct lp_package *pkg = calloc(1, sizeof(*pkg));
	struct lp_strbuf sb;

	if (pkg == NULL)
		return NULL;
	pkg->name = lp_strdup_or_null(name ? name : "(none)");
	pkg->version = lp_strdup_or_null(version ? version : "");
	pkg->release = lp_strdup_or_null(release ? release : "");
	pkg->arch = lp_strdup_or_null(arch);
	if (epoch && *epoch) {
		char *end;
		errno = 0;
		pkg->epoch = strtoul(epoch, &end, 10);
		pkg->has_epoch = errno == 0 && *end == '\0';
	}
	pkg->contents = contents;
	lp_strbuf_init(&sb);
	if (pkg->name && pkg->version && pkg->release && (arch == NULL || pkg->arch))
		nevra_build(&sb, pkg);
	else
		sb.failed = true;
	pkg->nevra = lp_strbuf_detach(&sb);
	if (pkg->nevra == NULL)
		return lp_package_free(pkg);
	return pkg;
}

static void free_parse_state(struct lp_package *pkg)
{
	for (size_t i = 0; i < pkg->nfiles; i++) {
		free(pkg->files[i].path);
		free(pkg->files[i].link);
	}
	free(pkg->files);
	pkg->files = NULL;
	pkg->nfiles = pkg->files_alloc = 0;
	for (size_t i = 0; i < pkg->nprovides; i++)
		lp_record_release(&pkg->provides[i]);
	free(pkg->provides);
	pkg->provides = NULL;
	pkg->nprovides = pkg->provides_alloc = 0;
}

struct lp_package *lp_package_free(struct lp_package *pkg)
{
	if (pkg == NULL)
		return NULL;
	free_parse_state(pkg);
	for (size_t i = 0; i < pkg->nrecords; i++)
		lp_record_release(&pkg->records[i]);
	free(pkg->records);
	for (size_t i = 0; i < pkg->nproblems; i++)
		lp_problem_release(&pkg->problems[i]);
	free(pkg->problems);
	free(pkg->name);
	free(pkg->version);
	free(pkg->release);
	free(pkg->arch);
	free(pkg->nevra);
	free(pkg);
	return NULL;
}

static void add_problem(struct lp_package *pkg, const char *code, int comp, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add_problem(struct lp_package *pkg, const char *code, int comp, const char *fmt, ...)
{
	struct lp_problem *p;
	va_list ap;
	char *detail;
	int n;

	if (!lp_array_grow((void **)&pkg->problems, &pkg->problems_alloc, pkg->nproblems + 1,
			sizeof(*pkg->problems))) {
		pkg->failed = true;
		return;
	}
	va_start(ap, fmt);
	n = vasprintf(&detail, fmt, ap);
	va_end(ap);
	if (n < 0) {
		pkg->failed = true;
		return;
	}
	p = &pkg->problems[pkg->nproblems++];
	p->code = code;
	p->component = comp;
	p->package = pkg->nevra;
	p->detail = detail;
}

/* Which component directory path is in (or is), or -1. Sets *rest to what follows it. */
static int path_component(const char *path, const char **rest)
{
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		const char *dir = lp_component_dir((enum lp_component)c);
		size_t n = strlen(dir);
		if (strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/')) {
			*rest = path + n;
			return c;
		}
	}
	return -1;
}

bool lp_path_is_relevant(const char *path)
{
	const char *rest;
	return path_component(path, &rest) >= 0;
}

static bool odd_segments(const char *rest)
{
	/* rest is "" or "/a/b": empty, "." and ".." segments and a trailing '/' are odd */
	const char *p = rest;
	while (*p == '/') {
		const char *seg = p + 1, *e = strchr(seg, '/');
		size_t n = e ? (size_t)(e - seg) : strlen(seg);
		if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return true;
		p = seg + n;
	}
	return false;
}

void lp_package_add_file(struct lp_package *pkg, const char *path, unsigned mode, const char *link)
{
	struct lp_file_entry *e;
	const char *rest;
	int comp = path_component(path, &rest);
	size_t plen;
	char *copy;

	if (comp < 0 || pkg->finished)
		return;
	pkg->is_livepatch[comp] = true;
	if (odd_segments(rest)) {
		add_problem(pkg, LP_BAD_PATH, comp, "%s: odd path (empty, '.' or '..' segment)", path);
		return;
	}
	/* the component directory and its base directories are real directories: a symlink there is never followed */
	if (pkg->contents == LP_CONTENTS_KNOWN && S_ISLNK(mode) && strchr(*rest ? rest + 1 : rest, '/') == NULL) {
		add_problem(pkg, LP_BAD_PATH, comp, "%s: a symlink (to %s) where a live patch directory belongs; "
				  "never followed", path, link && *link ? link : "nothing");
		return;
	}
	if (!lp_array_grow((void **)&pkg->files, &pkg->files_alloc, pkg->nfiles + 1, sizeof(*pkg->files))) {
		pkg->failed = true;
		return;
	}
	plen = strlen(path);
	/* path, then "dir\0leaf\0" split out of a second copy of rest */
	copy = malloc(plen + 1 + strlen(rest) + 1);
	if (copy == NULL) {
		pkg->failed = true;
		return;
	}
	memcpy(copy, path, plen + 1);
	e = &pkg->files[pkg->nfiles];
	memset(e, 0, sizeof(*e));
	e->comp = comp;
	e->path = copy;
	e->mode = mode;
	if (*rest == '/') {
		char *d = copy + plen + 1, *slash;
		strcpy(d, rest + 1);
		e->dir = d;
		slash = strchr(d, '/');
		if (slash) {
			*slash = '\0';
			e->leaf = slash + 1;
		}
	}
	if (link && *link) {
		e->link = strdup(link);
		if (e->link == NULL) {
			free(copy);
			pkg->failed = true;
			return;
		}
	}
	pkg->nfiles++;
}

void lp_package_add_provides(struct lp_package *pkg, const char *name)
{
	struct lp_record rec;
	const char *why;

	if (pkg->finished || !lp_provides_is_livepatch(name))
		return;
	if (!lp_provides_parse(name, &rec, &why)) {
		add_problem(pkg, LP_BAD_PROVIDES, LP_COMPONENT_NONE, "Provides '%s': %s", name, why);
		return;
	}
	if (!lp_array_grow((void **)&pkg->provides, &pkg->provides_alloc, pkg->nprovides + 1,
			sizeof(*pkg->provides))) {
		lp_record_release(&rec);
		pkg->failed = true;
		return;
	}
	pkg->is_livepatch[rec.component] = true;
	pkg->provides[pkg->nprovides++] = rec;
}

static int strcmp_null_first(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int file_cmp(const void *a, const void *b)
{
	const struct lp_file_entry *x = a, *y = b;
	int rc = x->comp - y->comp;
	if (rc == 0)
		rc = strcmp_null_first(x->dir, y->dir);
	if (rc == 0)
		rc = strcmp_null_first(x->leaf, y->leaf);
	return rc;
}

static int provides_cmp(const void *a, const void *b)
{
	const struct lp_record *x = a, *y = b;
	int rc = (int)x->component - (int)y->component;
	return rc ? rc : strcmp(x->build_id, y->build_id);
}

static bool has_suffix(const char *s, size_t n, const char *ext, size_t *stem_len)
{
	size_t el = strlen(ext);
	if (n < el + 1 || s[n - el - 1] != '.' || memcmp(s + n - el, ext, el) != 0)
		return false;
	*stem_len = n - el - 1;
	return true;
}

/*
 * Sorts the entries of one base directory into its livepatch.<ext> symlink
 * (*link) and its payloads (*npayloads); reports stray entries. Returns the
 * payload the directory stands for: the one the symlink names, else the first.
 */
static struct lp_file_entry *find_payload(struct lp_package *pkg, struct lp_file_entry *first,
					  struct lp_file_entry *last, const char *linkname,
					  struct lp_file_entry **link, size_t *npayloads)
{
	int comp = first->comp;
	const char *ext = lp_component_ext((enum lp_component)comp);
	struct lp_file_entry *chosen = NULL;
	size_t stem_len;

	for (struct lp_file_entry *e = first; e < last; e++) {
		if (e->leaf == NULL)
			continue;
		if (e > first && e[-1].leaf && strcmp(e[-1].leaf, e->leaf) == 0)
			continue; /* listed twice */
		if (strchr(e->leaf, '/')) {
			add_problem(pkg, LP_BAD_PATH, comp, "%s: unexpected path below a base directory", e->path);
		} else if (strcmp(e->leaf, linkname) == 0) {
			*link = e;
		} else if (strncmp(e->leaf, "lp_", 3) == 0 && has_suffix(e->leaf, strlen(e->leaf), ext, &stem_len)) {
			if (pkg->contents == LP_CONTENTS_KNOWN && e->mode != 0 && S_ISDIR(e->mode)) {
				add_problem(pkg, LP_BAD_PATH, comp, "%s: a directory where a payload belongs", e->path);
				continue;
			}
			(*npayloads)++;
			if (chosen == NULL)
				chosen = e;
		} else {
			add_problem(pkg, LP_BAD_PATH, comp, "%s: stray file", e->path);
		}
	}
	/* the symlink may sort before or after the payloads: prefer the payload it names */
	if (*link && (*link)->link && *npayloads > 1)
		for (struct lp_file_entry *e = first; e < last; e++)
			if (e->leaf && strcmp(e->leaf, (*link)->link) == 0)
				chosen = e;
	return chosen;
}

/* The toolstack applies livepatch.<ext> only as a symlink to exactly the payload. */
static void check_symlink(struct lp_package *pkg, int comp, const char *dir_id, const char *linkname,
			  const struct lp_file_entry *link, const struct lp_file_entry *payload)
{
	const char *cdir = lp_component_dir((enum lp_component)comp);

	if (link == NULL)
		add_problem(pkg, LP_SYMLINK_MISMATCH, comp, "%s/%s/%s is missing", cdir, dir_id, linkname);
	else if (pkg->contents == LP_CONTENTS_KNOWN && link->mode != 0 && !S_ISLNK(link->mode))
		add_problem(pkg, LP_SYMLINK_MISMATCH, comp, "%s is not a symlink, expected one to %s", link->path,
			    payload->leaf);
	else if (pkg->contents == LP_CONTENTS_KNOWN && strcmp(link->link ? link->link : "", payload->leaf) != 0)
		add_problem(pkg, LP_SYMLINK_MISMATCH, comp, "%s points to %s, expected %s", link->path,
			    link->link ? link->link : "nothing", payload->leaf);
}

/*
 * Looks at one base directory (entries [first, last) sharing comp and dir) and
 * fills dr. Returns false when the directory is not a base directory at all.
 */
static bool read_base_dir(struct lp_package *pkg, struct lp_file_entry *first, struct lp_file_entry *last,
			  struct dir_record *dr)
{
	int comp = first->comp;
	const char *cdir = lp_component_dir((enum lp_component)comp);
	const char *ext = lp_component_ext((enum lp_component)comp);
	char linkname[32];
	struct lp_file_entry *link = NULL, *chosen;
	size_t npayloads = 0, stem_len = 0;
	char id[LP_BUILDID_MAX + 1];

	snprintf(linkname, sizeof(linkname), "livepatch.%s", ext);
	memset(dr, 0, sizeof(*dr));
	if (first->leaf == NULL && pkg->contents == LP_CONTENTS_KNOWN && first->mode != 0 && !S_ISDIR(first->mode) &&
	    first + 1 == last) {
		add_problem(pkg, LP_BAD_PATH, comp, "%s: stray file, expected a base build ID directory",
			    first->path);
		return false;
	}
	if (!lp_buildid_normalise(first->dir, strlen(first->dir), false, id)) {
		add_problem(pkg, LP_BAD_PATH, comp, "%s/%s: not a directory named by a lowercase build ID",
			    cdir, first->dir);
		return false;
	}
	dr->comp = comp;
	dr->id = first->dir;
	dr->dir_path_of = first->path;
	chosen = find_payload(pkg, first, last, linkname, &link, &npayloads);
	if (npayloads > 1)
		add_problem(pkg, LP_DUPLICATE_BASE, comp, "%s/%s: %zu payloads in one directory", cdir, dr->id,
			    npayloads);
	if (chosen == NULL) {
		add_problem(pkg, LP_BAD_PATH, comp, "%s/%s: no lp_*.%s payload in the directory", cdir, dr->id,
			    ext);
		return true;
	}
	check_symlink(pkg, comp, dr->id, linkname, link, chosen);
	has_suffix(chosen->leaf, strlen(chosen->leaf), ext, &stem_len);
	if (!lp_payload_parse((enum lp_component)comp, chosen->leaf, stem_len, &dr->rec.base, &dr->rec.to,
			      &dr->rec.cut)) {
		add_problem(pkg, LP_BAD_PATH, comp, "%s: payload name does not split into four fields",
			    chosen->path);
		return true;
	}
	dr->rec.name_cut = dr->rec.cut;
	dr->rec.component = (enum lp_component)comp;
	memcpy(dr->rec.build_id, id, strlen(id) + 1);
	dr->payload = chosen->leaf;
	dr->valid = true;
	return true;
}

static bool push_record(struct lp_package *pkg, size_t *alloc, struct lp_record *rec)
{
	if (!lp_array_grow((void **)&pkg->records, alloc, pkg->nrecords + 1, sizeof(*pkg->records))) {
		lp_record_release(rec);
		return false;
	}
	pkg->records[pkg->nrecords++] = *rec;
	memset(rec, 0, sizeof(*rec));
	return true;
}

/* Joins directories and Provides (both sorted by component, build ID) into records. */
static bool join(struct lp_package *pkg, struct dir_record *dirs, size_t ndirs)
{
	bool with_provides = pkg->nprovides > 0;
	size_t i = 0, j = 0, alloc = 0;

	while (i < ndirs || (with_provides && j < pkg->nprovides)) {
		struct dir_record *d = i < ndirs ? &dirs[i] : NULL;
		struct lp_record *p = with_provides && j < pkg->nprovides ? &pkg->provides[j] : NULL;
		int rc;

		if (d && p)
			rc = d->comp != (int)p->component ? d->comp - (int)p->component : strcmp(d->id, p->build_id);
		else
			rc = d ? -1 : 1;
		if (rc < 0) { /* a directory only */
			if (with_provides)
				add_problem(pkg, LP_PROVIDES_FILES_MISMATCH, d->comp,
					    "%s/%s: no livepatch Provides for this base build ID",
					    lp_component_dir((enum lp_component)d->comp), d->id);
			if (d->valid && !push_record(pkg, &alloc, &d->rec))
				return false;
			i++;
		} else if (rc > 0 && pkg->contents == LP_CONTENTS_UNKNOWN) { /* no file list to hold it against: the Provides tells */
			if (!push_record(pkg, &alloc, p))
				return false;
			j++;
		} else if (rc > 0) { /* a Provides only */
			add_problem(pkg, LP_PROVIDES_FILES_MISMATCH, p->component,
				    "livepatch Provides for base %s (" LP_VR_FMT " -> " LP_VR_FMT ") has no directory %s/%s",
				    p->build_id, LP_VR_ARGS(&p->base), LP_VR_ARGS(&p->to), lp_component_dir(p->component),
				    p->build_id);
			j++;
		} else {
			if (d->valid) {
				size_t stem_len = strlen(d->payload) - strlen(lp_component_ext(p->component)) - 1;
				struct lp_record rec = *p;
				if (!lp_payload_matches(p->component, d->payload, stem_len, &p->base, &p->to)) {
					add_problem(pkg, LP_PROVIDES_FILES_MISMATCH, p->component,
						    "%s/%s/%s: does not match its Provides (" LP_VR_FMT " -> " LP_VR_FMT ")",
						    lp_component_dir(p->component), d->id, d->payload, LP_VR_ARGS(&p->base),
						    LP_VR_ARGS(&p->to));
				}
				memset(p, 0, sizeof(*p)); /* the record takes the Provides' V-Rs */
				rec.cut = false; /* the Provides spell it in full */
				rec.name_cut = d->rec.name_cut;
				if (!push_record(pkg, &alloc, &rec))
					return false;
			}
			i++;
			j++;
		}
	}
	return true;
}

/* Records of one component with different targets; a cut name is only a prefix and never counts on its own. */
static void check_mixed_targets(struct lp_package *pkg)
{
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		const struct lp_record *lo = NULL, *hi = NULL;
		for (size_t i = 0; i < pkg->nrecords; i++) {
			const struct lp_record *r = &pkg->records[i];
			if ((int)r->component != c || r->cut)
				continue;
			if (lo == NULL || lp_vr_cmp(&r->to, &lo->to) < 0)
				lo = r;
			if (hi == NULL || lp_vr_cmp(&r->to, &hi->to) > 0)
				hi = r;
		}
		if (lo && lp_vr_cmp(&lo->to, &hi->to) != 0)
			add_problem(pkg, LP_MIXED_TARGETS, c,
				    "live patches target both " LP_VR_FMT " (base %s) and " LP_VR_FMT " (base %s)",
				    LP_VR_ARGS(&lo->to), lo->build_id, LP_VR_ARGS(&hi->to), hi->build_id);
	}
}

/*
 * Sorts the Provides and keeps one of each base: the same line twice (a
 * hand-written block beside rpmbuild's generator) is one; the same base with
 * other V-Rs is duplicate-base.
 */
static void dedupe_provides(struct lp_package *pkg)
{
	size_t w = 0;

	if (pkg->nprovides == 0)
		return;
	qsort(pkg->provides, pkg->nprovides, sizeof(*pkg->provides), provides_cmp);
	for (size_t i = 0; i < pkg->nprovides; i++) {
		const struct lp_record *prev = w > 0 ? &pkg->provides[w - 1] : NULL, *p = &pkg->provides[i];
		if (prev && provides_cmp(prev, p) == 0) {
			if (lp_vr_cmp(&prev->base, &p->base) != 0 || lp_vr_cmp(&prev->to, &p->to) != 0)
				add_problem(pkg, LP_DUPLICATE_BASE, p->component,
					    "base build ID %s is in more than one livepatch Provides", p->build_id);
			lp_record_release(&pkg->provides[i]);
			continue;
		}
		pkg->provides[w++] = pkg->provides[i];
	}
	pkg->nprovides = w;
}

/*
 * rpm's index finds an installed live patch package only through the
 * component directory or its direct children (the basenames and dirnames
 * lookups of the plugin and status): one that owns neither is invisible once
 * installed. files are sorted, so the component directory itself comes first.
 */
static void check_findable(struct lp_package *pkg)
{
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		const struct lp_file_entry *deeper = NULL;
		bool findable = false;
		for (size_t i = 0; i < pkg->nfiles && !findable; i++) {
			const struct lp_file_entry *e = &pkg->files[i];
			if (e->comp != c)
				continue;
			findable = e->dir == NULL || e->leaf == NULL;
			if (!findable && deeper == NULL)
				deeper = e;
		}
		if (deeper && !findable)
			add_problem(pkg, LP_UNOWNED_DIRECTORY, c,
				    "%s: owned without %s or its base directories, so rpm's index lookups (the plugin, "
				    "lpcheck status) cannot find the package once installed; own %s in %%files",
				    deeper->path, lp_component_dir((enum lp_component)c), lp_component_dir((enum lp_component)c));
	}
}

bool lp_package_finish(struct lp_package *pkg)
{
	struct dir_record *dirs = NULL;
	size_t ndirs = 0;
	bool ok = false;

	if (pkg->finished)
		return !pkg->failed;
	pkg->finished = true;
	if (pkg->failed)
		goto out;
	if (pkg->nfiles)
		qsort(pkg->files, pkg->nfiles, sizeof(*pkg->files), file_cmp);
	check_findable(pkg);
	dedupe_provides(pkg);
	dirs = calloc(pkg->nfiles ? pkg->nfiles : 1, sizeof(*dirs));
	if (dirs == NULL)
		goto out;
	for (size_t i = 0; i < pkg->nfiles;) {
		size_t k = i + 1;
		if (pkg->files[i].dir == NULL) { /* the component directory itself */
			i = k;
			continue;
		}
		while (k < pkg->nfiles && pkg->files[k].comp == pkg->files[i].comp &&
		       strcmp(pkg->files[k].dir, pkg->files[i].dir) == 0)
			k++;
		if (read_base_dir(pkg, &pkg->files[i], &pkg->files[k], &dirs[ndirs]))
			ndirs++;
		i = k;
	}
	if (!join(pkg, dirs, ndirs))
		goto out;
	for (size_t i = 0; i < pkg->nrecords; i++)
		pkg->records[i].pkg = pkg;
	check_mixed_targets(pkg);
	ok = !pkg->failed;
out:
	for (size_t i = 0; i < ndirs; i++)
		lp_record_release(&dirs[i].rec);
	free(dirs);
	free_parse_state(pkg);
	if (!ok)
		pkg->failed = true;
	return ok;
}

int lp_package_evrcmp(const struct lp_package *a, const struct lp_package *b)
{
	unsigned long ea = a->has_epoch ? a->epoch : 0, eb = b->has_epoch ? b->epoch : 0;
	int rc;

	if (ea != eb)
		return ea < eb ? -1 : 1;
	rc = rpmvercmp(a->version, b->version);
	return rc ? rc : rpmvercmp(a->release, b->release);
}

const struct lp_record *lp_package_find(const struct lp_package *pkg, enum lp_component c,
					const char *build_id)
{
	size_t lo = 0, hi = pkg->nrecords;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct lp_record *r = &pkg->records[mid];
		int rc = r->component != c ? (int)r->component - (int)c : strcmp(r->build_id, build_id);
		if (rc == 0)
			return r;
		if (rc < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct lp_vr *lp_package_target(const struct lp_package *pkg, enum lp_component c)
{
	const struct lp_record *best = NULL;

	for (size_t i = 0; i < pkg->nrecords; i++) {
		const struct lp_record *r = &pkg->records[i];
		int rc;
		if (r->component != c)
			continue;
		rc = best ? lp_record_target_cmp(r, best) : 1;
		if (rc > 0 || (rc == 0 && best->cut && !r->cut))
			best = r;
	}
	return best ? &best->to : NULL;
}
