/* libFuzzer target: the ELF notes walk of kernel/notes and the raw Xen build ID reader. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[LP_BUILDID_MAX + 1], check[LP_BUILDID_MAX + 1];

	if (lp_notes_buildid(data, size, out) && !lp_buildid_normalise(out, strlen(out), false, check))
		abort();
	if (lp_xen_buildid_raw(data, size, out) != LP_XEN_RAW_BAD && strlen(out) != 2 * LP_XEN_BUILDID_LEN)
		abort();
	return 0;
}
