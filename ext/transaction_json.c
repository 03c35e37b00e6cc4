/* A planned transaction described in JSON (json-c): the packages it adds, with what the front end saw, and removes. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_doc.h"
#include "transaction_json.h"

void lp_planned_release(struct lp_planned *p)
{
	lp_pkglist_release(&p->added);
	for (size_t i = 0; i < p->nremoved; i++)
		free(p->removed[i]);
	free(p->removed);
	memset(p, 0, sizeof(*p));
}

static const char *string_member(struct json_object *obj, const char *key)
{
	struct json_object *v;
	return json_object_object_get_ex(obj, key, &v) && json_object_is_type(v, json_type_string)
		       ? json_object_get_string(v)
		       : NULL;
}

/* The epoch as a decimal string in buf, or NULL (none); false when it is neither null, a number nor digits. */
static bool epoch_member(struct json_object *obj, char *buf, size_t n, const char **out)
{
	struct json_object *v;

	*out = NULL;
	if (!json_object_object_get_ex(obj, "epoch", &v) || json_object_is_type(v, json_type_null))
		return true;
	if (json_object_is_type(v, json_type_int) && json_object_get_int64(v) >= 0) {
		snprintf(buf, n, "%lld", (long long)json_object_get_int64(v));
		*out = buf;
		return true;
	}
	if (json_object_is_type(v, json_type_string)) {
		const char *s = json_object_get_string(v);
		if (*s == '\0' || strspn(s, "0123456789") != strlen(s) || strlen(s) >= n)
			return false;
		*out = strcpy(buf, s);
		return true;
	}
	return false;
}

/* An array of strings (NULL when absent); false on another type or a non-string element. */
static bool string_array(struct json_object *obj, const char *key, struct json_object **out)
{
	*out = NULL;
	if (!json_object_object_get_ex(obj, key, out))
		return true;
	if (!json_object_is_type(*out, json_type_array))
		return false;
	for (size_t i = 0; i < json_object_array_length(*out); i++)
		if (!json_object_is_type(json_object_array_get_idx(*out, i), json_type_string))
			return false;
	return true;
}

/* One package entry; NULL with err set. */
static struct lp_package *read_package(struct json_object *e, const char *where, bool added, char *err, size_t errlen)
{
	const char *name = string_member(e, "name"), *v = string_member(e, "version"),
		   *r = string_member(e, "release"), *arch = string_member(e, "arch"), *epoch;
	struct json_object *provides, *files;
	struct lp_package *pkg;
	char ebuf[24];

	if (!json_object_is_type(e, json_type_object) || !name || !*name || !v || !*v || !r || !*r) {
		snprintf(err, errlen, "%s: not a package (name, version and release are strings)", where);
		return NULL;
	}
	if (!epoch_member(e, ebuf, sizeof(ebuf), &epoch)) {
		snprintf(err, errlen, "%s: epoch is not null, a number or digits", where);
		return NULL;
	}
	if (!string_array(e, "provides", &provides) || !string_array(e, "files", &files)) {
		snprintf(err, errlen, "%s: provides and files are arrays of strings", where);
		return NULL;
	}
	/* what the front end saw: the paths where it sent them, else nothing (unknown, never empty) */
	pkg = lp_package_new(files ? LP_CONTENTS_PATHS : LP_CONTENTS_UNKNOWN, name, epoch, v, r, arch);
	if (pkg == NULL)
		goto oom;
	for (size_t i = 0; added && provides && i < json_object_array_length(provides); i++) {
		const char *p = json_object_get_string(json_object_array_get_idx(provides, i));
		if (lp_provides_is_livepatch(p))
			lp_package_add_provides(pkg, p);
	}
	for (size_t i = 0; added && files && i < json_object_array_length(files); i++) {
		const char *p = json_object_get_string(json_object_array_get_idx(files, i));
		if (lp_path_is_relevant(p))
			lp_package_add_file(pkg, p, 0, NULL);
	}
	if (pkg->failed || !lp_package_finish(pkg))
		goto oom;
	return pkg;
oom:
	lp_package_free(pkg);
	snprintf(err, errlen, "%s: out of memory", where);
	return NULL;
}

/* The "added" or "removed" array. */
static bool read_list(struct json_object *root, const char *key, struct lp_planned *out, char *err, size_t errlen)
{
	struct json_object *arr;
	bool added = strcmp(key, "added") == 0;

	if (!json_object_object_get_ex(root, key, &arr))
		return true;
	if (!json_object_is_type(arr, json_type_array)) {
		snprintf(err, errlen, "\"%s\": not an array", key);
		return false;
	}
	if (!added && (out->removed = calloc(json_object_array_length(arr) + 1, sizeof(*out->removed))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		char where[64];
		struct lp_package *pkg;
		snprintf(where, sizeof(where), "%s[%zu]", key, i);
		pkg = read_package(json_object_array_get_idx(arr, i), where, added, err, errlen);
		if (pkg == NULL)
			return false;
		if (added) {
			if (!lp_pkglist_push(&out->added, pkg)) {
				snprintf(err, errlen, "out of memory");
				return false;
			}
			continue;
		}
		out->removed[out->nremoved] = strdup(pkg->nevra);
		lp_package_free(pkg);
		if (out->removed[out->nremoved] == NULL) {
			snprintf(err, errlen, "out of memory");
			return false;
		}
		out->nremoved++;
	}
	return true;
}

bool lp_planned_parse(const char *data, size_t n, struct lp_planned *out, char *err, size_t errlen)
{
	struct json_object *root = lp_json_read_document(data, n, LP_TRANSACTION_MAX, err, errlen), *schema;
	bool ok = false;

	memset(out, 0, sizeof(*out));
	if (root == NULL)
		return false;
	if (!json_object_is_type(root, json_type_object) || !json_object_object_get_ex(root, "lpcheck", &schema) ||
	    !json_object_is_type(schema, json_type_int) || json_object_get_int(schema) != 1)
		snprintf(err, errlen, "not a transaction of schema 1 (\"lpcheck\": 1)");
	else
		ok = read_list(root, "added", out, err, errlen) && read_list(root, "removed", out, err, errlen);
	if (!ok)
		lp_planned_release(out);
	json_object_put(root);
	return ok;
}
