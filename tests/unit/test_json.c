/* Unit tests: the JSON writer escapes any byte string into valid JSON. */
#include "config.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "json.h"

static void quote(const char *in, size_t n, const char *want)
{
	struct lp_strbuf sb;
	lp_strbuf_init(&sb);
	lp_json_quote(&sb, in, n);
	assert_string_equal(lp_strbuf_str(&sb), want);
	lp_strbuf_release(&sb);
}

static void quotes_and_backslashes_are_escaped(void **state)
{
	quote("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
}

static void control_bytes_are_escaped(void **state)
{
	quote("\n\t\r\x01\x1f\x7f", 6, "\"\\n\\t\\r\\u0001\\u001f\\u007f\"");
	quote("a\0b", 3, "\"a\\u0000b\"");
	quote("\xc2\x9b" "31m\xc2\x85", 7, "\"\\u009b31m\\u0085\"");   /* C1: CSI, NEL */
	quote("\xc2\xa0", 2, "\"\xc2\xa0\"");                         /* U+00A0 is no control */
}

static void valid_utf8_passes_through(void **state)
{
	quote("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14, "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
}

static void invalid_utf8_becomes_replacement_characters(void **state)
{
	quote("\xff", 1, "\"\\ufffd\"");
	quote("\xc3", 1, "\"\\ufffd\"");              /* cut sequence */
	quote("\xc0\xaf", 2, "\"\\ufffd\\ufffd\"");   /* overlong */
	quote("\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\""); /* surrogate */
	quote("\xf4\x90\x80\x80", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\""); /* > U+10FFFF */
}

static void documents_are_indented_and_separated(void **state)
{
	struct lp_strbuf sb;
	struct lp_json j;
	lp_strbuf_init(&sb);
	lp_json_init(&j, &sb);
	lp_json_begin_object(&j);
	lp_json_key(&j, "a");
	lp_json_int(&j, 1);
	lp_json_key(&j, "b");
	lp_json_begin_array(&j);
	lp_json_string(&j, "x");
	lp_json_null(&j);
	lp_json_bool(&j, true);
	lp_json_end_array(&j);
	lp_json_key(&j, "c");
	lp_json_begin_array(&j);
	lp_json_end_array(&j);
	lp_json_end_object(&j);
	assert_string_equal(lp_strbuf_str(&sb), "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    null,\n    true\n  ],\n"
						"  \"c\": []\n}\n");
	lp_strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quotes_and_backslashes_are_escaped),
		cmocka_unit_test(control_bytes_are_escaped),
		cmocka_unit_test(valid_utf8_passes_through),
		cmocka_unit_test(invalid_utf8_becomes_replacement_characters),
		cmocka_unit_test(documents_are_indented_and_separated),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
