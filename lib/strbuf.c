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

size_t lp_utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

void lp_strbuf_add_escaped(struct lp_strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	while (n > 0) {
		size_t len = lp_utf8_len(p, n);
		bool c1 = len == 2 && p[0] == 0xc2 && p[1] < 0xa0; /* U+0080-U+009F, e.g. CSI */

		if (len == 1 && *p == '\\') {
			lp_strbuf_add(sb, "\\\\", 2);
		} else if (len == 1 && (*p < 0x20 || *p == 0x7f)) {
			lp_strbuf_addf(sb, "\\x%02x", *p);
		} else if (len == 0 || c1) {
			/* invalid UTF-8 byte by byte, a C1 control as its two bytes */
			for (size_t i = 0; i < (len ? len : 1); i++)
				lp_strbuf_addf(sb, "\\x%02x", p[i]);
			len = len ? len : 1;
		} else {
			lp_strbuf_add(sb, (const char *)p, len);
		}
		p += len;
		n -= len;
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
