/* A growable byte buffer for messages and JSON documents. */
#ifndef LPCHECK_STRBUF_H
#define LPCHECK_STRBUF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

/*
 * Invariants: buf is NULL or NUL-terminated at len; len < alloc when buf is set.
 * On allocation failure the buffer keeps what it had and sets failed: callers
 * check it once at the end instead of after every append.
 */
struct lp_strbuf {
	char *buf;
	size_t len;
	size_t alloc;
	bool failed;
};

void lp_strbuf_init(struct lp_strbuf *sb);
void lp_strbuf_release(struct lp_strbuf *sb);
void lp_strbuf_add(struct lp_strbuf *sb, const char *data, size_t n);
void lp_strbuf_adds(struct lp_strbuf *sb, const char *s);
void lp_strbuf_addch(struct lp_strbuf *sb, char c);
void lp_strbuf_addf(struct lp_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands over the string (never NULL unless failed); the buffer is empty afterwards. */
char *lp_strbuf_detach(struct lp_strbuf *sb);
const char *lp_strbuf_str(const struct lp_strbuf *sb);
/* qsort and bsearch order of string pointers (char ** or const char **): strcmp. */
int lp_str_ptr_cmp(const void *a, const void *b);
/* strdup(s), or NULL for NULL (and when out of memory). */
char *lp_strdup_or_null(const char *s);

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not one (n: bytes left, >= 1). */
size_t lp_utf8_len(const unsigned char *s, size_t n);

/*
 * The one escaping of untrusted bytes in every text line lpcheck prints
 * (JSON has its own, lp_json_quote): C0 controls and DEL, C1 controls
 * (U+0080-U+009F, e.g. CSI as \xc2\x9b) and bytes that are not valid UTF-8
 * are written as \xNN, and a backslash as \\, so a name holding a newline or
 * an escape sequence cannot forge a line or drive the terminal, and an
 * escaped byte never reads like a literal "\x1b".
 */
void lp_strbuf_add_escaped(struct lp_strbuf *sb, const char *s);
/* A copy of s escaped so; NULL when out of memory. */
char *lp_escaped(const char *s);
/* printf of one line, escaped, then '\n', to fp. */
void lp_put_line(FILE *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same with a prefix (written as is) and a va_list, for callers' own printf-like functions. */
void lp_put_vline(FILE *fp, const char *prefix, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));

#endif
