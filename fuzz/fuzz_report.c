/*
 * libFuzzer target: the plugin's report read back (json-c), as status reads a
 * file anyone with root could have edited. Any bytes: a parsed report or one
 * error, never a crash; a parsed one must hold what the reader promises.
 */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include "report_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_last_run last;
	char err[256];

	if (lp_report_parse((const char *)data, size, &last, err, sizeof(err)) == LP_REPORT_OK) {
		if (last.result == NULL)
			abort();
		for (size_t i = 0; i < last.nafter; i++)
			if (last.after[i] == NULL)
				abort();
		lp_last_run_release(&last);
	}
	return 0;
}
