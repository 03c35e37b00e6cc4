/*
 * libFuzzer target: the JSON writer. Any byte string goes in; what comes out
 * must be one valid JSON string of valid UTF-8 (checked by a strict validator
 * here, written independently of the writer).
 */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"

/* Length of a valid UTF-8 sequence at s, or 0. */
static size_t utf8_ok(const unsigned char *s, size_t n)
{
	unsigned c = s[0], cp, len;
	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		len = 2, cp = c & 0x1f;
	else if ((c & 0xf0) == 0xe0)
		len = 3, cp = c & 0x0f;
	else if ((c & 0xf8) == 0xf0)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (unsigned i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < (len == 2 ? 0x80u : len == 3 ? 0x800u : 0x10000u) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

static int hexval(unsigned char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A strict check of one JSON string literal spanning all of s. */
static int valid_string(const unsigned char *s, size_t n)
{
	size_t i = 1;
	if (n < 2 || s[0] != '"' || s[n - 1] != '"')
		return 0;
	while (i < n - 1) {
		if (s[i] == '\\') {
			if (i + 1 >= n - 1)
				return 0;
			switch (s[i + 1]) {
			case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
				i += 2;
				continue;
			case 'u':
				if (i + 5 >= n)
					return 0;
				for (int k = 2; k < 6; k++)
					if (hexval(s[i + k]) < 0)
						return 0;
				i += 6;
				continue;
			default:
				return 0;
			}
		}
		if (s[i] < 0x20 || s[i] == '"')
			return 0;
		size_t len = utf8_ok(s + i, n - 1 - i);
		if (len == 0)
			return 0;
		i += len;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_strbuf sb;

	lp_strbuf_init(&sb);
	lp_json_quote(&sb, (const char *)data, size);
	if (sb.failed || !valid_string((const unsigned char *)sb.buf, sb.len))
		abort();
	lp_strbuf_release(&sb);
	return 0;
}
