/*
 * libFuzzer target: file lists under the live patch directories. Each input
 * line is "<mode letter><path>[\t<symlink target>]" (d, f, l or ? for unknown),
 * or "P<provides>"; the package is joined into records and problems.
 */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "package.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_package *p = lp_package_new(LP_CONTENTS_KNOWN, "fuzz", NULL, "1", "1", "x86_64");
	char *buf = malloc(size + 1), *line, *save = NULL;

	if (p == NULL || buf == NULL)
		goto out;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char kind = line[0], *path = line + (kind ? 1 : 0), *tab = strchr(path, '\t');
		unsigned mode = kind == 'd' ? S_IFDIR | 0755 : kind == 'f' ? S_IFREG | 0644 : kind == 'l' ? S_IFLNK | 0777 : 0;
		if (tab)
			*tab = '\0';
		if (kind == 'P')
			lp_package_add_provides(p, path);
		else
			lp_package_add_file(p, path, mode, tab ? tab + 1 : NULL);
	}
	lp_package_finish(p);
	for (size_t i = 0; i < p->nrecords; i++)
		if (p->records[i].pkg != p || lp_package_find(p, p->records[i].component, p->records[i].build_id) == NULL)
			abort();
out:
	lp_package_free(p);
	free(buf);
	return 0;
}
