/* One JSON document read whole with json-c: the reader every file of lpcheck's JSON goes through. */
#ifndef LPCHECK_JSON_DOC_H
#define LPCHECK_JSON_DOC_H
#include <stddef.h>
#include <json-c/json.h>

/*
 * Parses n bytes (not NUL-terminated) as exactly one JSON document, blanks
 * around it allowed. NULL with err set: larger than max bytes, not JSON, or
 * text after the document. The caller puts the object.
 */
struct json_object *lp_json_read_document(const char *data, size_t n, size_t max, char *err, size_t errlen);

#endif
