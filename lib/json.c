/* A small JSON writer: any byte string in, valid UTF-8 JSON out. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "json.h"

void lp_json_init(struct lp_json *j, struct lp_strbuf *sb)
{
	memset(j, 0, sizeof(*j));
	j->sb = sb;
}

static void indent(struct lp_json *j)
{
	lp_strbuf_addch(j->sb, '\n');
	for (int i = 0; i < j->depth; i++)
		lp_strbuf_add(j->sb, "  ", 2);
}

/* Before any value: the comma and newline that separate it from the one before. */
static void value_start(struct lp_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		if (!j->first[j->depth])
			lp_strbuf_addch(j->sb, ',');
		j->first[j->depth] = false;
		indent(j);
	}
}

static void open_container(struct lp_json *j, char ch)
{
	value_start(j);
	lp_strbuf_addch(j->sb, ch);
	if (j->depth + 1 < LP_JSON_MAX_DEPTH)
		j->depth++;
	else
		j->sb->failed = true;
	j->first[j->depth] = true;
}

static void close_container(struct lp_json *j, char ch)
{
	bool empty = j->first[j->depth];
	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	lp_strbuf_addch(j->sb, ch);
	if (j->depth == 0)
		lp_strbuf_addch(j->sb, '\n');
}

void lp_json_begin_object(struct lp_json *j)
{
	open_container(j, '{');
}

void lp_json_end_object(struct lp_json *j)
{
	close_container(j, '}');
}

void lp_json_begin_array(struct lp_json *j)
{
	open_container(j, '[');
}

void lp_json_end_array(struct lp_json *j)
{
	close_container(j, ']');
}

void lp_json_key(struct lp_json *j, const char *key)
{
	value_start(j);
	lp_json_quote(j->sb, key, strlen(key));
	lp_strbuf_add(j->sb, ": ", 2);
	j->after_key = true;
}

void lp_json_quote(struct lp_strbuf *sb, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	lp_strbuf_addch(sb, '"');
	while (i < n) {
		unsigned char c = s[i];
		size_t len;
		switch (c) {
		case '"': lp_strbuf_add(sb, "\\\"", 2); i++; continue;
		case '\\': lp_strbuf_add(sb, "\\\\", 2); i++; continue;
		case '\n': lp_strbuf_add(sb, "\\n", 2); i++; continue;
		case '\t': lp_strbuf_add(sb, "\\t", 2); i++; continue;
		case '\r': lp_strbuf_add(sb, "\\r", 2); i++; continue;
		default: break;
		}
		if (c < 0x20 || c == 0x7f) {
			lp_strbuf_addf(sb, "\\u%04x", c);
			i++;
			continue;
		}
		len = lp_utf8_len(s + i, n - i);
		if (len == 0) {
			lp_strbuf_add(sb, "\\ufffd", 6);
			i++;
			continue;
		}
		if (len == 2 && c == 0xc2 && s[i + 1] < 0xa0) /* a C1 control: a terminal would obey it */
			lp_strbuf_addf(sb, "\\u%04x", s[i + 1]);
		else
			lp_strbuf_add(sb, (const char *)s + i, len);
		i += len;
	}
	lp_strbuf_addch(sb, '"');
}

void lp_json_string_n(struct lp_json *j, const char *s, size_t n)
{
	value_start(j);
	lp_json_quote(j->sb, s, n);
}

void lp_json_string(struct lp_json *j, const char *s)
{
	if (s == NULL) {
		lp_json_null(j);
		return;
	}
	lp_json_string_n(j, s, strlen(s));
}

void lp_json_bool(struct lp_json *j, bool b)
{
	value_start(j);
	lp_strbuf_adds(j->sb, b ? "true" : "false");
}

void lp_json_int(struct lp_json *j, long long v)
{
	value_start(j);
	lp_strbuf_addf(j->sb, "%lld", v);
}

void lp_json_null(struct lp_json *j)
{
	value_start(j);
	lp_strbuf_adds(j->sb, "null");
}
