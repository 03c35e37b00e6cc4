/*
 * libFuzzer target: the ini subset of .repo, dnf.conf and yum.conf files
 * (lp_ini_parse), which anyone who can write /etc/yum.repos.d feeds lpcheck.
 * Any bytes: entries or one error, never a crash; every entry has a key.
 */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include "repo_conf.h"

static void entry(void *ctx, const char *section, const char *key, const char *value)
{
	if (key == NULL || value == NULL)
		abort();
	(*(size_t *)ctx)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	char err[128];

	lp_ini_parse((const char *)data, size, entry, &n, err, sizeof(err));
	return 0;
}
