/*
 * libFuzzer target: yum 3's primary database as check reads it from a
 * repository's cache (libsqlite3), a file anyone with root could have
 * replaced. Any bytes as gen/primary_db.sqlite: packages or one error, never
 * a crash, a hang or a write.
 */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "yum_sqlite.h"

static char dir[] = "/tmp/lpcheck-fuzz-yum.XXXXXX";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char path[sizeof(dir) + 32], err[256];
	struct lp_pkglist out = { 0 };
	bool no_files;
	FILE *fp;

	if (!ready) {
		if (mkdtemp(dir) == NULL)
			abort();
		snprintf(path, sizeof(path), "%s/gen", dir);
		mkdir(path, 0700);
		ready = 1;
	}
	snprintf(path, sizeof(path), "%s/gen/primary_db.sqlite", dir);
	fp = fopen(path, "wb");
	if (fp == NULL)
		abort();
	fwrite(data, 1, size, fp);
	fclose(fp);
	if (lp_yum_read_cache(dir, NULL, &out, &no_files, err, sizeof(err)))
		for (size_t i = 0; i < out.n; i++)
			if (out.pkgs[i]->nevra == NULL)
				abort();
	lp_pkglist_release(&out);
	return 0;
}
