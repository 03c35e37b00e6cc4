/* libFuzzer target: the lenient `xen-livepatch list` parser and kernel module names. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include "probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_applied a;
	struct lp_vr base, to;
	bool cut;

	if (lp_xen_list_applied((const char *)data, size, &a)) {
		if (!a.to.v || !*a.to.v || !*a.to.r || !a.name)
			abort();
		lp_applied_release(&a);
	}
	if (lp_payload_parse(LP_KERNEL, (const char *)data, size, &base, &to, &cut)) {
		lp_vr_release(&base);
		lp_vr_release(&to);
	}
	return 0;
}
