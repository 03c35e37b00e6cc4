/* The plugin's report file read back with json-c: what status needs of the last transaction. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_doc.h"
#include "probe.h"
#include "report_json.h"

static const char *member_string(struct json_object *obj, const char *key)
{
	struct json_object *v;
	return json_object_object_get_ex(obj, key, &v) && json_object_is_type(v, json_type_string)
		       ? json_object_get_string(v)
		       : NULL;
}

static bool member_bool(struct json_object *obj, const char *key)
{
	struct json_object *v;
	return json_object_object_get_ex(obj, key, &v) && json_object_is_type(v, json_type_boolean) &&
	       json_object_get_boolean(v);
}

static bool copy_string(char **out, const char *s)
{
	*out = NULL;
	return s == NULL || (*out = strdup(s)) != NULL;
}

/* An array of strings (a missing one is empty); false on another type or out of memory. */
static bool string_array(struct json_object *obj, const char *key, char ***out, size_t *n)
{
	struct json_object *arr;
	size_t len;

	*out = NULL;
	*n = 0;
	if (!json_object_object_get_ex(obj, key, &arr))
		return true;
	if (!json_object_is_type(arr, json_type_array))
		return false;
	len = json_object_array_length(arr);
	*out = calloc(len + 1, sizeof(**out));
	if (*out == NULL)
		return false;
	for (size_t i = 0; i < len; i++) {
		struct json_object *v = json_object_array_get_idx(arr, i);
		if (!json_object_is_type(v, json_type_string) || !copy_string(&(*out)[*n], json_object_get_string(v)))
			return false;
		(*n)++;
	}
	return true;
}

static int verdict_of(const char *name)
{
	for (int v = LP_NOT_APPLICABLE; v <= LP_UP_TO_DATE; v++)
		if (name && strcmp(name, lp_verdict_name((enum lp_verdict)v)) == 0)
			return v;
	return -1;
}

/* The "components" array: one entry per component the report names. */
static bool read_components(struct json_object *root, struct lp_last_run *out)
{
	struct json_object *arr;

	if (!json_object_object_get_ex(root, "components", &arr) || !json_object_is_type(arr, json_type_array))
		return false;
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *e = json_object_array_get_idx(arr, i);
		const char *name = member_string(e, "component");
		int c = name ? lp_component_parse(name, strlen(name)) : -1, v = verdict_of(member_string(e, "verdict"));
		struct lp_last_component *lc;
		if (c < 0 || v < 0)
			return false;
		lc = &out->comp[c];
		free(lc->running_build_id);
		free(lc->message);
		lc->judged = true;
		lc->flagged = member_bool(e, "flagged");
		lc->verdict = (enum lp_verdict)v;
		if (!copy_string(&lc->running_build_id, member_string(e, "running_build_id")) ||
		    !copy_string(&lc->message, member_string(e, "message")))
			return false;
	}
	return true;
}

/* The "problems" array as lines "<component> <code>: <package>: <detail>". */
static bool read_problems(struct json_object *root, struct lp_last_run *out)
{
	struct json_object *arr;
	size_t len;

	if (!json_object_object_get_ex(root, "problems", &arr))
		return true;
	if (!json_object_is_type(arr, json_type_array))
		return false;
	len = json_object_array_length(arr);
	out->problems = calloc(len + 1, sizeof(*out->problems));
	if (out->problems == NULL)
		return false;
	for (size_t i = 0; i < len; i++) {
		struct json_object *e = json_object_array_get_idx(arr, i);
		const char *comp = member_string(e, "component"), *code = member_string(e, "code"),
			   *pkg = member_string(e, "package"), *detail = member_string(e, "detail");
		if (!code || asprintf(&out->problems[i], "%s %s: %s: %s", comp ? comp : "all", code, pkg ? pkg : "-",
				      detail ? detail : "") < 0) {
			out->problems[i] = NULL;
			return false;
		}
		out->nproblems++;
	}
	return true;
}

static bool read_document(struct json_object *root, struct lp_last_run *out)
{
	struct json_object *schema, *tr = NULL;

	if (!json_object_is_type(root, json_type_object) || !json_object_object_get_ex(root, "lpcheck", &schema) ||
	    json_object_get_int(schema) != 1)
		return false;
	json_object_object_get_ex(root, "transaction", &tr);
	out->test = member_bool(root, "test");
	out->flagged = member_bool(root, "flagged");
	return copy_string(&out->time, member_string(root, "time")) &&
	       copy_string(&out->mode, member_string(root, "mode")) &&
	       copy_string(&out->result, member_string(root, "result")) && out->result != NULL &&
	       read_problems(root, out) &&
	       tr && json_object_is_type(tr, json_type_object) &&
	       string_array(tr, "added", &out->added, &out->nadded) &&
	       string_array(tr, "removed", &out->removed, &out->nremoved) &&
	       string_array(tr, "after", &out->after, &out->nafter) && read_components(root, out);
}

enum lp_report_read lp_report_parse(const char *data, size_t n, struct lp_last_run *out, char *err, size_t errlen)
{
	struct json_object *root = lp_json_read_document(data, n, LP_REPORT_MAX, err, errlen);
	enum lp_report_read rc = LP_REPORT_BAD;

	memset(out, 0, sizeof(*out));
	if (root == NULL)
		return LP_REPORT_BAD;
	if (read_document(root, out))
		rc = LP_REPORT_OK;
	else
		snprintf(err, errlen, "not an lpcheck report of schema 1");
	if (rc != LP_REPORT_OK)
		lp_last_run_release(out);
	json_object_put(root);
	return rc;
}

enum lp_report_read lp_report_read_file(const char *path, struct lp_last_run *out, char *err, size_t errlen)
{
	unsigned char *data = NULL;
	size_t n = 0;
	bool cut = false;
	int e = lp_read_bounded(path, LP_REPORT_MAX, &data, &n, &cut);
	enum lp_report_read rc;

	memset(out, 0, sizeof(*out));
	if (e == ENOENT)
		return LP_REPORT_NONE;
	if (e) {
		snprintf(err, errlen, "%s", e == EINVAL ? "not a regular file" : strerror(e));
		return LP_REPORT_BAD;
	}
	if (cut) {
		free(data);
		snprintf(err, errlen, "larger than %d bytes", LP_REPORT_MAX);
		return LP_REPORT_BAD;
	}
	rc = lp_report_parse((const char *)data, n, out, err, errlen);
	free(data);
	return rc;
}
