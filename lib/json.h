/* A small JSON writer: any byte string in, valid UTF-8 JSON out. */
#ifndef LPCHECK_JSON_H
#define LPCHECK_JSON_H
#include <stdbool.h>
#include <stddef.h>
#include "strbuf.h"

#define LP_JSON_MAX_DEPTH 16

/*
 * Writes pretty-printed JSON (two-space indent) into sb. Invariant: depth
 * counts the open containers; first[d] is true until container d has a member.
 * Inside an object, call lp_json_key() before each value.
 */
struct lp_json {
	struct lp_strbuf *sb;
	int depth;
	bool first[LP_JSON_MAX_DEPTH];
	bool after_key;
};

void lp_json_init(struct lp_json *j, struct lp_strbuf *sb);
void lp_json_begin_object(struct lp_json *j);
void lp_json_end_object(struct lp_json *j);
void lp_json_begin_array(struct lp_json *j);
void lp_json_end_array(struct lp_json *j);
void lp_json_key(struct lp_json *j, const char *key);
void lp_json_string(struct lp_json *j, const char *s); /* NULL writes null */
void lp_json_string_n(struct lp_json *j, const char *s, size_t n);
void lp_json_bool(struct lp_json *j, bool b);
void lp_json_int(struct lp_json *j, long long v);
void lp_json_null(struct lp_json *j);

/* Appends s as a quoted JSON string: invalid UTF-8 becomes U+FFFD, C0 and C1 controls and DEL are escaped. */
void lp_json_quote(struct lp_strbuf *sb, const char *s, size_t n);

#endif
