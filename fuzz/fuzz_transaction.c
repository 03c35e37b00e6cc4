/*
 * libFuzzer target: a planned transaction as a front end describes it
 * (check --transaction, json-c). Any bytes: a parsed plan or one error,
 * never a crash; a parsed one holds finished packages and NEVRAs.
 */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include "transaction_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_planned planned;
	char err[256];

	if (lp_planned_parse((const char *)data, size, &planned, err, sizeof(err))) {
		for (size_t i = 0; i < planned.added.n; i++)
			if (planned.added.pkgs[i]->nevra == NULL || !planned.added.pkgs[i]->finished)
				abort();
		for (size_t i = 0; i < planned.nremoved; i++)
			if (planned.removed[i] == NULL)
				abort();
		lp_planned_release(&planned);
	}
	return 0;
}
