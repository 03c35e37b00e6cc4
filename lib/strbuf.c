/* A growable byte buffer for messages and JSON documents. */
#include "config.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "strbuf.h"

void lp_strbuf_init(struct lp_strbuf *sb)
{
	memset(sb, 0, sizeof(*sb));
}

void lp_strbuf_release(struct lp_strbuf *sb)
{
	free(sb->buf);
	lp_strbuf_init(sb);
}

static bool grow(struct lp_strbuf *sb, size_t extra)
{
	size_t want, alloc;
	char *nb;

	if (sb->failed)
		return false;
	if (extra > SIZE_MAX / 2 - sb->len - 1) {
		sb->failed = true;
		return false;
	}
	want = sb->len + extra + 1;
	if (want <= sb->alloc)
		return true;
	alloc = sb->alloc ? sb->alloc : 64;
	while (alloc < want)
		alloc *= 2;
	nb = realloc(sb->buf, alloc);
	if (nb == NULL) {
		sb->failed = true;
		return false;
	}
	sb->buf = nb;
	sb->alloc = alloc;
	return true;
}

void lp_strbuf_add(struct lp_strbuf *sb, const char *data, size_t n)
{
	if (!grow(sb, n))
		return;
	if (n)
		memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void lp_strbuf_adds(struct lp_strbuf *sb, const char *s)
{
	lp_strbuf_add(sb, s, strlen(s));
}

void lp_strbuf_addch(struct lp_strbuf *sb, char c)
{
	lp_strbuf_add(sb, &c, 1);
}

void lp_strbuf_addf(struct lp_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!grow(sb, 64))
		return;
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		sb->buf[sb->len] = '\0';
		sb->failed = true;
		return;
	}
	if ((size_t)n >= sb->alloc - sb->len) {
		if (!grow(sb, (size_t)n)) {
			sb->buf[sb->len] = '\0';
			return;
		}
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

char *lp_strbuf_detach(struct lp_strbuf *sb)
{
	char *s;

	if (sb->failed) {
		lp_strbuf_release(sb);
		return NULL;
	}
	s = sb->buf ? sb->buf : strdup("");
	lp_strbuf_init(sb);
	return s;
}

const char *lp_strbuf_str(const struct lp_strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

int lp_str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *lp_strdup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

void lp_strbuf_add_escaped(struct lp_strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 || ch == 0x7f)
			lp_strbuf_addf(sb, "\\x%02x", ch);
		else
			lp_strbuf_addch(sb, (char)ch);
	}
}

char *lp_escaped(const char *s)
{
	struct lp_strbuf sb;

	lp_strbuf_init(&sb);
	lp_strbuf_add_escaped(&sb, s);
	return lp_strbuf_detach(&sb);
}

void lp_put_vline(FILE *fp, const char *prefix, const char *fmt, va_list ap)
{
	struct lp_strbuf line;
	char *text = NULL;
	int n = vasprintf(&text, fmt, ap);

	lp_strbuf_init(&line);
	lp_strbuf_adds(&line, prefix);
	lp_strbuf_add_escaped(&line, n < 0 ? "(out of memory)" : text);
	free(text);
	lp_strbuf_addch(&line, '\n');
	if (!line.failed)
		fwrite(line.buf, 1, line.len, fp);
	else
		fputs("(out of memory)\n", fp);
	lp_strbuf_release(&line);
}

void lp_put_line(FILE *fp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lp_put_vline(fp, "", fmt, ap);
	va_end(ap);
}
