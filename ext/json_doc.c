/* One JSON document read whole with json-c. */
#include "config.h"
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "json_doc.h"

/* Where the tokener stopped: the end of the one document it parsed. */
static size_t parse_end(struct json_tokener *tok)
{
#ifdef HAVE_JSON_TOKENER_GET_PARSE_END
	return json_tokener_get_parse_end(tok);
#else
	return (size_t)tok->char_offset; /* json-c before 0.15 */
#endif
}

/* True when nothing but blanks follows offset end. */
static bool only_blanks_after(const char *data, size_t n, size_t end)
{
	for (size_t i = end; i < n; i++)
		if (data[i] == '\0' || !strchr(" \t\r\n", data[i]))
			return false;
	return true;
}

struct json_object *lp_json_read_document(const char *data, size_t n, size_t max, char *err, size_t errlen)
{
	struct json_tokener *tok;
	struct json_object *root = NULL;

	if (n > max) {
		snprintf(err, errlen, "larger than %zu bytes", max);
		return NULL;
	}
	tok = json_tokener_new();
	if (tok == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	root = json_tokener_parse_ex(tok, data, (int)n);
	if (root == NULL || json_tokener_get_error(tok) != json_tokener_success) {
		snprintf(err, errlen, "not JSON (%s)", json_tokener_error_desc(json_tokener_get_error(tok)));
		json_object_put(root);
		root = NULL;
	} else if (!only_blanks_after(data, n, parse_end(tok))) {
		snprintf(err, errlen, "text after the JSON document");
		json_object_put(root);
		root = NULL;
	}
	json_tokener_free(tok);
	return root;
}
