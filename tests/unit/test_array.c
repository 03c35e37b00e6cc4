/* Unit tests: array growth keeps contents, and a failed growth leaves the array as it was. */
#include "config.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "array.h"

static void growth_doubles_and_keeps_contents(void **state)
{
	int *a = NULL;
	size_t alloc = 0;
	for (int i = 0; i < 1000; i++) {
		assert_true(lp_array_grow((void **)&a, &alloc, (size_t)i + 1, sizeof(*a)));
		assert_true(alloc >= (size_t)i + 1);
		a[i] = i;
	}
	for (int i = 0; i < 1000; i++)
		assert_int_equal(a[i], i);
	assert_int_equal(alloc, 1024);
	free(a);
}

static void overflowing_request_fails_and_leaves_the_array(void **state)
{
	int *a = NULL;
	size_t alloc = 0;
	assert_true(lp_array_grow((void **)&a, &alloc, 3, sizeof(*a)));
	int *before = a;
	assert_false(lp_array_grow((void **)&a, &alloc, SIZE_MAX / 2, sizeof(*a)));
	assert_ptr_equal(a, before);
	assert_int_equal(alloc, 8);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(growth_doubles_and_keeps_contents),
		cmocka_unit_test(overflowing_request_fails_and_leaves_the_array),
	};
	return cmocka_run_group_tests_name("array", tests, NULL, NULL);
}
