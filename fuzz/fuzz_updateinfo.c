/*
 * libFuzzer target: an updateinfo.xml verified against a known package
 * (expat). Any bytes: problems counted or one error, never a crash.
 */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "package.h"
#include "updateinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct lp_package *pkg;
	FILE *in, *out;
	char err[256];

	if (pkg == NULL) {
		pkg = lp_package_new(LP_CONTENTS_KNOWN, "xen-livepatch", NULL, "4", "1", "x86_64");
		lp_package_add_provides(pkg, "livepatch(component/xen/base/4.17.4-1.xs8/to/4.17.4-6.xs8/base-buildid/"
					     "0041414141414141414141414141414141414141)");
		lp_package_add_file(pkg, "/usr/lib/xen-livepatch", 0, NULL);
		lp_package_finish(pkg);
	}
	const struct lp_package *pkgs[] = { pkg };
	struct lp_pkgset set = { pkgs, 1 };
	if (size == 0)
		return 0;
	in = fmemopen((void *)data, size, "r");
	out = fopen("/dev/null", "w");
	if (in && out)
		lp_updateinfo_verify(in, "fuzz", &set, out, out, err, sizeof(err));
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	return 0;
}
