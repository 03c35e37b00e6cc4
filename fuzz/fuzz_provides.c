/* libFuzzer target: livepatch( Provides parsing, on any bytes. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct lp_record r;
	const char *why;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (lp_provides_parse(s, &r, &why)) {
		/* what parses must be a well-formed record */
		if (strlen(r.build_id) < LP_BUILDID_MIN || !*r.base.v || !*r.base.r || !*r.to.v || !*r.to.r)
			abort();
		lp_record_release(&r);
	} else if (why == NULL) {
		abort();
	}
	free(s);
	return 0;
}
