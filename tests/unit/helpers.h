/* Shared test helpers: packages laid out as XenServer does, and a log capture. */
#ifndef LPCHECK_TEST_HELPERS_H
#define LPCHECK_TEST_HELPERS_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "log.h"
#include "package.h"
#include "record.h"
#include "strbuf.h"

#define ID_R "2dd4f262f044a1f5af78aaa6e71f97ce956ad74e"
#define ID_B "67edb2dca295cbc1591a1802c52015e0b875812d"
#define ID_C "332ed069fb106528e7161b31af07929375e4fdc6"

#define MODE_DIR (S_IFDIR | 0755)
#define MODE_REG (S_IFREG | 0644)
#define MODE_LNK (S_IFLNK | 0777)

enum { WITH_FILES = 1, WITH_PROVIDES = 2, WITH_BOTH = 3 };

/* Adds one base: the directory, the payload and the livepatch.<ext> symlink, and/or the Provides. */
static inline void pkg_add_base(struct lp_package *p, enum lp_component c, const char *id, const char *base,
				const char *to, int what)
{
	char path[1024], prov[1024], link[512];
	struct lp_vr b, t;
	char *stem;
	const char *dir = lp_component_dir(c), *ext = lp_component_ext(c);

	assert_true(lp_vr_parse(base, strlen(base), &b));
	assert_true(lp_vr_parse(to, strlen(to), &t));
	stem = lp_payload_stem(c, &b, &t);
	if (what & WITH_FILES) {
		snprintf(path, sizeof(path), "%s/%s", dir, id);
		lp_package_add_file(p, path, MODE_DIR, NULL);
		snprintf(link, sizeof(link), "%s.%s", stem, ext);
		snprintf(path, sizeof(path), "%s/%s/%s", dir, id, link);
		lp_package_add_file(p, path, MODE_REG, NULL);
		snprintf(path, sizeof(path), "%s/%s/livepatch.%s", dir, id, ext);
		lp_package_add_file(p, path, MODE_LNK, link);
	}
	if (what & WITH_PROVIDES) {
		snprintf(prov, sizeof(prov), "livepatch(component/%s/base/%s/to/%s/base-buildid/%s)",
			 lp_component_name(c), base, to, id);
		lp_package_add_provides(p, prov);
	}
	free(stem);
	lp_vr_release(&b);
	lp_vr_release(&t);
}

/*
 * A finished package named name-version-1.x86_64 whose live patches of c all
 * go to target; bases is "id=base-V-R" entries ending with NULL.
 */
static inline struct lp_package *pkg_make(const char *name, const char *version, enum lp_component c,
					  const char *target, const char *const *bases, int what)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, name, NULL, version, "1", "x86_64");
	assert_non_null(p);
	if (bases != NULL) {
		char path[256];
		snprintf(path, sizeof(path), "%s", lp_component_dir(c));
		if (what & WITH_FILES)
			lp_package_add_file(p, path, MODE_DIR, NULL);
		for (; *bases; bases++) {
			const char *eq = strchr(*bases, '=');
			char id[200];
			assert_non_null(eq);
			snprintf(id, sizeof(id), "%.*s", (int)(eq - *bases), *bases);
			pkg_add_base(p, c, id, eq + 1, target, what);
		}
	}
	assert_true(lp_package_finish(p));
	return p;
}

/* An empty live patch package: it owns the component directory and nothing in it. */
static inline struct lp_package *pkg_empty(const char *name, const char *version, enum lp_component c)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, name, NULL, version, "1", "x86_64");
	assert_non_null(p);
	lp_package_add_file(p, lp_component_dir(c), MODE_DIR, NULL);
	assert_true(lp_package_finish(p));
	return p;
}

static inline bool pkg_has_problem(const struct lp_package *p, const char *code, const char *needle)
{
	for (size_t i = 0; i < p->nproblems; i++)
		if (strcmp(p->problems[i].code, code) == 0 && (needle == NULL || strstr(p->problems[i].detail, needle)))
			return true;
	return false;
}

/* Log capture: every line, "L:" with L the level's first letter. */
struct log_capture {
	struct lp_strbuf sb;
};
static inline void capture_fn(void *ctx, enum lp_log_level level, const char *line)
{
	struct log_capture *c = ctx;
	static const char letters[] = "DIWE";
	lp_strbuf_addf(&c->sb, "%c:%s\n", letters[level], line);
}

#endif
