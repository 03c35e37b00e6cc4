/* The package managers' repository configuration (dnf 5, dnf 4, yum 3) and where their caches are. */
#include "config.h"
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <rpm/rpmpgp.h>
#include "array.h"
#include "probe.h"
#include "repo_conf.h"
#include "strbuf.h"

#define CONF_MAX (1024 * 1024) /* no configuration file is larger */

/* --- the ini subset ------------------------------------------------------------------------ */

static char *trimmed(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return strndup(s, n);
}

bool lp_ini_parse(const char *text, size_t n, lp_ini_entry_fn fn, void *ctx, char *err, size_t errlen)
{
	char *section = NULL, *key = NULL;
	struct lp_strbuf value;
	size_t lineno = 0;
	bool ok = true;

	lp_strbuf_init(&value);
	for (const char *p = text, *end = text + n; ok && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *eol = nl ? nl : end;
		size_t len = (size_t)(eol - p), lead = 0;
		lineno++;
		while (lead < len && (p[lead] == ' ' || p[lead] == '\t'))
			lead++;
		if (memchr(p, '\0', len)) {
			snprintf(err, errlen, "line %zu: a NUL byte", lineno);
			ok = false;
		} else if (lead > 0 && lead < len && key && p[lead] != '#' && p[lead] != ';') {
			char *more = trimmed(p, len); /* a continuation line: the value goes on */
			lp_strbuf_addch(&value, '\n');
			lp_strbuf_adds(&value, more ? more : "");
			free(more);
		} else {
			if (key) { /* the entry before this line is complete */
				fn(ctx, section, key, lp_strbuf_str(&value));
				free(key);
				key = NULL;
				lp_strbuf_release(&value);
			}
			if (lead == len || p[lead] == '#' || p[lead] == ';' || (len >= 3 && strncmp(p, "rem", 3) == 0 &&
										 (len == 3 || isspace((unsigned char)p[3])))) {
				/* blank or comment */
			} else if (p[lead] == '[') {
				const char *close = memchr(p + lead, ']', len - lead);
				if (close == NULL) {
					snprintf(err, errlen, "line %zu: '[' without ']'", lineno);
					ok = false;
				} else {
					free(section);
					section = trimmed(p + lead + 1, (size_t)(close - p - lead - 1));
				}
			} else {
				const char *eq = memchr(p, '=', len), *colon = memchr(p, ':', len), *sep = eq;
				if (colon && (!eq || colon < eq))
					sep = colon;
				if (sep == NULL || sep == p + lead) {
					snprintf(err, errlen, "line %zu: not 'key=value'", lineno);
					ok = false;
				} else {
					char *v = trimmed(sep + 1, (size_t)(eol - sep - 1));
					key = trimmed(p, (size_t)(sep - p));
					lp_strbuf_adds(&value, v ? v : "");
					free(v);
				}
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (ok && key)
		fn(ctx, section, key, lp_strbuf_str(&value));
	if (ok && value.failed) {
		snprintf(err, errlen, "out of memory");
		ok = false;
	}
	free(key);
	free(section);
	lp_strbuf_release(&value);
	return ok;
}

/* --- variables: $releasever, $basearch, $arch, $YUM0-9, and the vars directories ------------ */

struct var {
	char *name, *value;
};

struct state {
	const char *root;
	enum lp_pm pm;
	struct var *vars;
	size_t nvars, vars_alloc;
	char *cachedir;
	char **reposdirs;
	size_t nreposdirs;
	bool in_main;
	struct lp_repos *out;
	size_t repos_alloc;
	const char *file; /* the file being read */
	int depth;        /* of include= */
	char include_error[512];
	bool failed;
};

static void set_var(struct state *st, const char *name, const char *value)
{
	char *n = strdup(name), *v = strdup(value);

	for (size_t i = 0; n && v && i < st->nvars; i++)
		if (strcmp(st->vars[i].name, n) == 0) {
			free(st->vars[i].value);
			st->vars[i].value = v;
			free(n);
			return;
		}
	if (!n || !v || !lp_array_grow((void **)&st->vars, &st->vars_alloc, st->nvars + 1, sizeof(*st->vars))) {
		free(n);
		free(v);
		st->failed = true;
		return;
	}
	st->vars[st->nvars].name = n;
	st->vars[st->nvars++].value = v;
}

/* s with $name and ${name} replaced where name is a known variable; NULL when out of memory. */
static char *expand(const struct state *st, const char *s)
{
	struct lp_strbuf sb;

	lp_strbuf_init(&sb);
	while (*s) {
		bool done = false;
		if (*s == '$') {
			bool brace = s[1] == '{';
			const char *name = s + 1 + brace;
			size_t len = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
			for (size_t i = 0; len && i < st->nvars && !done; i++)
				if (strlen(st->vars[i].name) == len && strncmp(st->vars[i].name, name, len) == 0 &&
				    (!brace || name[len] == '}')) {
					lp_strbuf_adds(&sb, st->vars[i].value);
					s = name + len + brace;
					done = true;
				}
		}
		if (!done)
			lp_strbuf_addch(&sb, *s++);
	}
	return lp_strbuf_detach(&sb);
}

/* "ROOT/path" (path absolute); NULL when out of memory. */
static char *under_root(const char *root, const char *path)
{
	char *full = NULL;
	return asprintf(&full, "%s%s", strcmp(root, "/") ? root : "", path) < 0 ? NULL : full;
}

/* A whole small file under root; NULL when it is not there (or too large, or not a file). */
static char *read_file(const char *root, const char *path, size_t *n)
{
	char *full = under_root(root, path);
	unsigned char *data = NULL;
	bool cut;

	if (full && lp_read_bounded(full, CONF_MAX, &data, n, &cut) == 0 && cut) {
		free(data);
		data = NULL;
	}
	free(full);
	return (char *)data;
}

/* Every file of a vars directory: its name the variable, its first line the value. */
static void read_vars_dir(struct state *st, const char *dir)
{
	char *full = under_root(st->root, dir);
	DIR *d = full ? opendir(full) : NULL;
	struct dirent *de;

	while (d && (de = readdir(d)) != NULL) {
		char path[4096];
		size_t n;
		char *text;
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if ((text = read_file(st->root, path, &n)) != NULL) {
			text[strcspn(text, "\r\n")] = '\0';
			set_var(st, de->d_name, text);
			free(text);
		}
	}
	if (d)
		closedir(d);
	free(full);
}

static void default_vars(struct state *st, const struct lp_repo_select *sel)
{
	struct utsname u;
	const char *arch = uname(&u) == 0 ? u.machine : "x86_64";
	const char *basearch = strcmp(arch, "i686") == 0 || strcmp(arch, "i586") == 0 ? "i386" : arch;

	set_var(st, "arch", arch);
	set_var(st, "basearch", basearch);
	for (int i = 0; i < 10; i++) { /* yum's $YUM0-$YUM9, dnf's $DNF0-$DNF9 from the environment */
		char name[8], *v;
		snprintf(name, sizeof(name), "YUM%d", i);
		if ((v = getenv(name)) != NULL)
			set_var(st, name, v);
		snprintf(name, sizeof(name), "DNF%d", i);
		if ((v = getenv(name)) != NULL)
			set_var(st, name, v);
	}
	read_vars_dir(st, st->pm == LP_PM_YUM ? "/etc/yum/vars" : "/etc/dnf/vars");
	if (sel->releasever)
		set_var(st, "releasever", sel->releasever);
}

/* --- the files ------------------------------------------------------------------------------- */

static bool truth(const char *v)
{
	return strcasecmp(v, "1") == 0 || strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
	       strcasecmp(v, "on") == 0;
}

/* metadata_expire: seconds, with s, m, h or d, or never (-1). */
static long long seconds_of(const char *v, long long fallback)
{
	char *end;
	double x;

	if (strcasecmp(v, "never") == 0 || strcmp(v, "-1") == 0)
		return -1;
	x = strtod(v, &end);
	if (end == v || x < 0)
		return fallback;
	switch (*end) {
	case 'd': case 'D': x *= 86400; break;
	case 'h': case 'H': x *= 3600; break;
	case 'm': case 'M': x *= 60; break;
	default: break;
	}
	return (long long)x;
}

static struct lp_repo *find_repo(struct lp_repos *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->repos[i].id, id) == 0)
			return &r->repos[i];
	return NULL;
}

static void replace(char **slot, char *v)
{
	free(*slot);
	*slot = v;
}

static bool read_conf(struct state *st, const char *path, bool main, char *err, size_t errlen);

/*
 * yum's include= in the main file: another local file read as if it were
 * there (file:// or an absolute path under the root; never a URL to fetch),
 * at most 4 deep. A file that cannot be parsed is a note on the state.
 */
static void include_conf(struct state *st, const char *value)
{
	const char *path = strncmp(value, "file://", 7) == 0 ? value + 7 : value;
	const char *file = st->file;
	char why[512];

	if (*path != '/' || st->depth >= 4)
		return;
	st->depth++;
	if (!read_conf(st, path, true, why, sizeof(why)) && !st->include_error[0])
		snprintf(st->include_error, sizeof(st->include_error), "%s", why);
	st->depth--;
	st->file = file;
	st->in_main = true;
}

/* One entry of the main file or a .repo file. */
static void on_entry(void *ctx, const char *section, const char *key, const char *value)
{
	struct state *st = ctx;
	struct lp_repo *repo;
	char *v;

	if (section == NULL || st->failed)
		return;
	v = expand(st, value);
	if (v == NULL) {
		st->failed = true;
		return;
	}
	if (strcmp(section, "main") == 0) {
		if (st->in_main && strcmp(key, "include") == 0)
			include_conf(st, v);
		else if (st->in_main && strcmp(key, "cachedir") == 0)
			replace(&st->cachedir, strdup(v));
		else if (st->in_main && strcmp(key, "reposdir") == 0) {
			for (size_t i = 0; i < st->nreposdirs; i++)
				free(st->reposdirs[i]);
			st->nreposdirs = 0;
			for (char *save = NULL, *d = strtok_r(v, ", \n\t", &save); d; d = strtok_r(NULL, ", \n\t", &save))
				if (st->nreposdirs < 16 && (st->reposdirs[st->nreposdirs] = strdup(d)) != NULL)
					st->nreposdirs++;
		}
		free(v);
		return;
	}
	repo = find_repo(st->out, section);
	if (repo == NULL) {
		if (!lp_array_grow((void **)&st->out->repos, &st->repos_alloc, st->out->n + 1, sizeof(*repo))) {
			st->failed = true;
			free(v);
			return;
		}
		repo = &st->out->repos[st->out->n++];
		memset(repo, 0, sizeof(*repo));
		repo->id = strdup(section);
		repo->file = strdup(st->file);
		repo->enabled = true;
		repo->metadata_expire = st->pm == LP_PM_YUM ? 6 * 3600 : 48 * 3600;
		repo->age_seconds = -1;
		st->failed |= repo->id == NULL || repo->file == NULL;
	}
	if (strcmp(key, "enabled") == 0)
		repo->enabled = truth(v);
	else if (strcmp(key, "baseurl") == 0)
		replace(&repo->baseurl, strndup(v, strcspn(v, ", \n\t"))); /* the first of the list */
	else if (strcmp(key, "metalink") == 0)
		replace(&repo->metalink, strdup(v));
	else if (strcmp(key, "mirrorlist") == 0)
		replace(&repo->mirrorlist, strdup(v));
	else if (strcmp(key, "metadata_expire") == 0)
		repo->metadata_expire = seconds_of(v, repo->metadata_expire);
	free(v);
}

/* Parses one file under root; false with err set when it is there but cannot be parsed. */
static bool read_conf(struct state *st, const char *path, bool main, char *err, size_t errlen)
{
	size_t n = 0;
	char *text = read_file(st->root, path, &n), why[256];
	bool ok = true;

	if (text == NULL)
		return true;
	st->in_main = main;
	st->file = path;
	if (!lp_ini_parse(text, n, on_entry, st, why, sizeof(why))) {
		snprintf(err, errlen, "%s: %s", path, why);
		ok = false;
	}
	free(text);
	return ok;
}

/* Every *.repo file of a directory under root, in name order. */
static bool read_repo_dir(struct state *st, const char *dir, char *err, size_t errlen)
{
	char *full = under_root(st->root, dir);
	struct dirent **names = NULL;
	int n = full ? scandir(full, &names, NULL, alphasort) : -1;
	bool ok = true;

	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);
		char path[4096];
		if (ok && len > 5 && strcmp(names[i]->d_name + len - 5, ".repo") == 0) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			ok = read_conf(st, path, false, err, errlen);
		}
		free(names[i]);
	}
	free(names);
	free(full);
	return ok;
}

/* --- the caches ------------------------------------------------------------------------------- */

/* dnf's unique id: "<id>-" and the first 8 bytes of SHA-256 over metalink, mirrorlist, baseurl or the id. */
static char *dnf_unique_id(const struct lp_repo *r)
{
	const char *what = r->metalink && *r->metalink     ? r->metalink
			   : r->mirrorlist && *r->mirrorlist ? r->mirrorlist
			   : r->baseurl && *r->baseurl       ? r->baseurl
							     : r->id;
	DIGEST_CTX ctx = rpmDigestInit(PGPHASHALGO_SHA256, RPMDIGEST_NONE);
	char *hex = NULL, *out = NULL;

	if (ctx == NULL)
		return NULL;
	rpmDigestUpdate(ctx, what, strlen(what));
	rpmDigestFinal(ctx, (void **)&hex, NULL, 1);
	if (hex && strlen(hex) >= 16 && asprintf(&out, "%s-%.16s", r->id, hex) < 0)
		out = NULL;
	free(hex);
	return out;
}

/* Sets the repository's cache: the directory holding repodata/repomd.xml, and its age. */
static void find_cache(const struct state *st, struct lp_repo *r, time_t now)
{
	char *unique = st->pm == LP_PM_YUM ? strdup(r->id) : dnf_unique_id(r), *dir = NULL, *path = NULL;
	struct stat sb;

	/* dnf keeps repodata/ in the cache directory, yum 3 its files flat */
	if (unique && asprintf(&dir, "%s%s/%s", strcmp(st->root, "/") ? st->root : "", st->cachedir, unique) >= 0 &&
	    asprintf(&path, "%s/%srepomd.xml", dir, st->pm == LP_PM_YUM ? "" : "repodata/") >= 0 &&
	    stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
		r->cache = dir;
		r->age_seconds = now > sb.st_mtime ? (long long)(now - sb.st_mtime) : 0;
		dir = NULL;
	}
	free(unique);
	free(dir);
	free(path);
}

/* XenServer's pool coordinator: xapi's complete mirror of each pool repository. */
static void add_pool_mirror(struct state *st, time_t now)
{
	char *full = under_root(st->root, "/var/lib/yum-mirror");
	struct dirent **names = NULL;
	int n = full ? scandir(full, &names, NULL, alphasort) : -1;

	for (int i = 0; i < n; i++) {
		char *dir = NULL, *path = NULL, *id = NULL;
		struct stat sb;
		if (names[i]->d_name[0] != '.' && asprintf(&dir, "%s/%s", full, names[i]->d_name) >= 0 &&
		    asprintf(&path, "%s/repodata/repomd.xml", dir) >= 0 && stat(path, &sb) == 0 &&
		    asprintf(&id, "yum-mirror/%s", names[i]->d_name) >= 0 && find_repo(st->out, id) == NULL &&
		    lp_array_grow((void **)&st->out->repos, &st->repos_alloc, st->out->n + 1, sizeof(*st->out->repos))) {
			struct lp_repo *r = &st->out->repos[st->out->n++];
			memset(r, 0, sizeof(*r));
			r->id = id;
			r->file = strdup("/var/lib/yum-mirror");
			r->enabled = true;
			r->metadata_expire = -1;
			r->cache = dir;
			r->age_seconds = now > sb.st_mtime ? (long long)(now - sb.st_mtime) : 0;
			id = dir = NULL;
		}
		free(id);
		free(dir);
		free(path);
		free(names[i]);
	}
	free(names);
	free(full);
}

/* --- putting it together --------------------------------------------------------------------- */

static bool exists_under(const char *root, const char *path)
{
	char *full = under_root(root, path);
	struct stat sb;
	bool yes = full && stat(full, &sb) == 0;

	free(full);
	return yes;
}

const char *lp_pm_command(enum lp_pm pm)
{
	return pm == LP_PM_DNF5 ? "dnf5" : pm == LP_PM_DNF4 ? "dnf" : "yum";
}

static int repo_cmp(const void *a, const void *b)
{
	return strcmp(((const struct lp_repo *)a)->id, ((const struct lp_repo *)b)->id);
}

/* --disablerepo, then --enablerepo, as globs over the ids. */
static void select_repos(struct lp_repos *r, const struct lp_repo_select *sel)
{
	for (size_t i = 0; i < r->n; i++) {
		for (size_t k = 0; k < sel->ndisable; k++)
			if (fnmatch(sel->disable[k], r->repos[i].id, 0) == 0)
				r->repos[i].enabled = false;
		for (size_t k = 0; k < sel->nenable; k++)
			if (fnmatch(sel->enable[k], r->repos[i].id, 0) == 0)
				r->repos[i].enabled = true;
	}
}

bool lp_repos_read(const char *root, const struct lp_repo_select *sel, struct lp_repos *out, char *err, size_t errlen)
{
	static const char *const dnf5_dirs[] = { "/etc/yum.repos.d", "/etc/distro.repos.d" };
	static const char *const dnf4_dirs[] = { "/etc/yum.repos.d", "/etc/yum/repos.d", "/etc/distro.repos.d" };
	static const char *const yum_dirs[] = { "/etc/yum.repos.d", "/etc/yum/repos.d" };
	char *dirs[16] = { 0 };
	struct state st = { .root = root ? root : "/", .reposdirs = dirs, .out = out };
	const char *const *defaults;
	const char *conf;
	size_t ndefaults;
	time_t now = time(NULL);
	bool ok = true;

	memset(out, 0, sizeof(*out));
	if (exists_under(st.root, "/var/cache/libdnf5")) {
		st.pm = LP_PM_DNF5, conf = "/etc/dnf/dnf.conf", defaults = dnf5_dirs, ndefaults = 2;
		st.cachedir = strdup("/var/cache/libdnf5");
	} else if (exists_under(st.root, "/etc/dnf/dnf.conf")) {
		st.pm = LP_PM_DNF4, conf = "/etc/dnf/dnf.conf", defaults = dnf4_dirs, ndefaults = 3;
		st.cachedir = strdup("/var/cache/dnf");
	} else if (exists_under(st.root, "/etc/yum.conf") || exists_under(st.root, "/etc/yum/yum.conf")) {
		st.pm = LP_PM_YUM, defaults = yum_dirs, ndefaults = 2;
		conf = exists_under(st.root, "/etc/yum.conf") ? "/etc/yum.conf" : "/etc/yum/yum.conf";
	} else {
		snprintf(err, errlen, "no package manager configuration under %s (/etc/dnf/dnf.conf, /etc/yum.conf)",
			 st.root);
		return false;
	}
	out->pm = st.pm;
	default_vars(&st, sel);
	if (st.pm == LP_PM_YUM)
		st.cachedir = expand(&st, "/var/cache/yum/$basearch/$releasever");
	for (size_t i = 0; i < ndefaults; i++)
		st.reposdirs[st.nreposdirs++] = strdup(defaults[i]);
	ok = read_conf(&st, conf, true, err, errlen);
	if (ok && st.include_error[0]) {
		snprintf(err, errlen, "%s", st.include_error);
		ok = false;
	}
	for (size_t i = 0; ok && i < st.nreposdirs; i++)
		ok = st.reposdirs[i] == NULL || read_repo_dir(&st, st.reposdirs[i], err, errlen);
	if (ok && st.pm == LP_PM_DNF5) /* dnf5's overrides, where xapi writes its pool repository */
		ok = read_repo_dir(&st, "/etc/dnf/repos.override.d", err, errlen);
	if (ok && !st.failed) {
		select_repos(out, sel);
		for (size_t i = 0; i < out->n; i++)
			if (out->repos[i].enabled)
				find_cache(&st, &out->repos[i], now);
		add_pool_mirror(&st, now);
		qsort(out->repos, out->n, sizeof(*out->repos), repo_cmp);
	}
	if (ok && st.failed) {
		snprintf(err, errlen, "out of memory reading the repository configuration");
		ok = false;
	}
	for (size_t i = 0; i < st.nreposdirs; i++)
		free(st.reposdirs[i]);
	for (size_t i = 0; i < st.nvars; i++) {
		free(st.vars[i].name);
		free(st.vars[i].value);
	}
	free(st.vars);
	free(st.cachedir);
	if (!ok)
		lp_repos_release(out);
	return ok;
}

void lp_repos_release(struct lp_repos *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->repos[i].id);
		free(r->repos[i].file);
		free(r->repos[i].baseurl);
		free(r->repos[i].metalink);
		free(r->repos[i].mirrorlist);
		free(r->repos[i].cache);
	}
	free(r->repos);
	memset(r, 0, sizeof(*r));
}
