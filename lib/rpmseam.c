/* The rpm seam: rpm file lists, headers and the installed database turned into our packages. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmio.h>
#include <rpm/rpmlib.h>
#include <sys/stat.h>
#include <rpm/rpmtag.h>
#include <rpm/rpmtd.h>
#include "array.h"
#include "record.h"
#include "rpmseam.h"

#define FILES_FLAGS                                                                                      \
	(RPMFI_NOFILECLASS | RPMFI_NOFILEDEPS | RPMFI_NOFILELANGS | RPMFI_NOFILEUSER | RPMFI_NOFILEGROUP | \
	 RPMFI_NOFILESIZES | RPMFI_NOFILECAPS | RPMFI_NOFILEDIGESTS | RPMFI_NOFILEMTIMES |                \
	 RPMFI_NOFILERDEVS | RPMFI_NOFILEINODES | RPMFI_NOFILESTATES | RPMFI_NOFILECOLORS |               \
	 RPMFI_NOFILEVERIFYFLAGS | RPMFI_NOFILEFLAGS)

/* A directory name (with its trailing slash) that can hold a relevant path, or the parent of one. */
static bool dir_relevant(const char *dn)
{
	if (strcmp(dn, "/usr/lib/") == 0)
		return true;
	return strncmp(dn, "/usr/lib/", 9) == 0 && lp_path_is_relevant(dn);
}

void lp_package_add_rpmfiles(struct lp_package *pkg, rpmfiles files)
{
	int fc = files ? (int)rpmfilesFC(files) : 0;
	char *path = NULL;
	size_t alloc = 0;

	for (int i = 0; i < fc; i++) {
		const char *dn = rpmfilesDN(files, rpmfilesDI(files, i));
		const char *bn = rpmfilesBN(files, i);
		size_t dl, bl;

		if (dn == NULL || bn == NULL || !dir_relevant(dn))
			continue;
		dl = strlen(dn);
		bl = strlen(bn);
		if (dl + bl + 1 > alloc) {
			char *np = realloc(path, dl + bl + 1);
			if (np == NULL) {
				pkg->failed = true;
				break;
			}
			path = np;
			alloc = dl + bl + 1;
		}
		memcpy(path, dn, dl);
		memcpy(path + dl, bn, bl + 1);
		if (!lp_path_is_relevant(path))
			continue;
		lp_package_add_file(pkg, path, rpmfilesFMode(files, i), rpmfilesFLink(files, i));
	}
	free(path);
}

struct lp_package *lp_package_from_te(rpmte te)
{
	struct lp_package *pkg = lp_package_new(rpmteN(te), rpmteE(te), rpmteV(te), rpmteR(te), rpmteA(te));
	rpmfiles files;

	if (pkg == NULL)
		return NULL;
	pkg->has_provides_data = false;
	files = rpmteFiles(te);
	lp_package_add_rpmfiles(pkg, files);
	rpmfilesFree(files);
	lp_package_finish(pkg);
	return pkg;
}

struct lp_package *lp_package_from_header(Header h)
{
	char epoch[32] = "";
	struct lp_package *pkg;
	struct rpmtd_s td;
	rpmfiles files;

	if (headerIsEntry(h, RPMTAG_EPOCH))
		snprintf(epoch, sizeof(epoch), "%llu", (unsigned long long)headerGetNumber(h, RPMTAG_EPOCH));
	pkg = lp_package_new(headerGetString(h, RPMTAG_NAME), epoch[0] ? epoch : NULL,
			     headerGetString(h, RPMTAG_VERSION), headerGetString(h, RPMTAG_RELEASE),
			     headerGetString(h, RPMTAG_ARCH));
	if (pkg == NULL)
		return NULL;
	if (headerGet(h, RPMTAG_PROVIDENAME, &td, HEADERGET_MINMEM)) {
		const char *name;
		while ((name = rpmtdNextString(&td)) != NULL)
			lp_package_add_provides(pkg, name);
		rpmtdFreeData(&td);
	}
	if (headerIsEntry(h, RPMTAG_BASENAMES)) {
		files = rpmfilesNew(NULL, h, RPMTAG_BASENAMES, FILES_FLAGS);
		lp_package_add_rpmfiles(pkg, files);
		rpmfilesFree(files);
	}
	lp_package_finish(pkg);
	return pkg;
}

struct lp_package *lp_package_read_rpm(rpmts ts, const char *path, char *err, size_t errlen)
{
	struct lp_package *pkg = NULL;
	struct stat st;
	Header h = NULL;
	FD_t fd;
	rpmRC rc;

	if (stat(path, &st) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		return NULL;
	}
	fd = Fopen(path, "r.ufdio");
	if (fd == NULL || Ferror(fd)) {
		snprintf(err, errlen, "%s: %s", path, fd ? Fstrerror(fd) : strerror(errno));
		if (fd)
			Fclose(fd);
		return NULL;
	}
	rc = rpmReadPackageFile(ts, fd, path, &h);
	Fclose(fd);
	if ((rc != RPMRC_OK && rc != RPMRC_NOTTRUSTED && rc != RPMRC_NOKEY) || h == NULL) {
		snprintf(err, errlen, "%s: not an rpm package, or a corrupt one", path);
		headerFree(h);
		return NULL;
	}
	pkg = lp_package_from_header(h);
	headerFree(h);
	if (pkg == NULL || pkg->failed) {
		snprintf(err, errlen, "%s: out of memory", path);
		return lp_package_free(pkg);
	}
	return pkg;
}

bool lp_pkglist_push(struct lp_pkglist *l, struct lp_package *pkg)
{
	if (pkg == NULL)
		return false;
	if (!lp_array_grow((void **)&l->pkgs, &l->alloc, l->n + 1, sizeof(*l->pkgs))) {
		lp_package_free(pkg);
		return false;
	}
	l->pkgs[l->n++] = pkg;
	return true;
}

void lp_pkglist_release(struct lp_pkglist *l)
{
	for (size_t i = 0; i < l->n; i++)
		lp_package_free(l->pkgs[i]);
	free(l->pkgs);
	memset(l, 0, sizeof(*l));
}

static int uint_cmp(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

bool lp_rpmdb_livepatch_packages(rpmts ts, unsigned *skip, size_t nskip, struct lp_pkglist *out)
{
	unsigned *seen = NULL;
	size_t nseen = 0, alloc = 0;
	bool ok = true;

	if (nskip)
		qsort(skip, nskip, sizeof(*skip), uint_cmp);
	for (int c = 0; c < LP_NCOMPONENTS && ok; c++) {
		char key[64];
		for (int lookup = 0; lookup < 2 && ok; lookup++) {
			rpmDbiTagVal tag = lookup == 0 ? RPMDBI_BASENAMES : RPMDBI_DIRNAMES;
			rpmdbMatchIterator mi;
			Header h;

			snprintf(key, sizeof(key), "%s%s", lp_component_dir((enum lp_component)c), lookup ? "/" : "");
			mi = rpmtsInitIterator(ts, tag, key, 0);
			while (mi && (h = rpmdbNextIterator(mi)) != NULL) {
				unsigned off = rpmdbGetIteratorOffset(mi);
				if (nskip && bsearch(&off, skip, nskip, sizeof(*skip), uint_cmp))
					continue;
				if (nseen && bsearch(&off, seen, nseen, sizeof(*seen), uint_cmp))
					continue;
				if (!lp_array_grow((void **)&seen, &alloc, nseen + 1, sizeof(*seen))) {
					ok = false;
					break;
				}
				/* keep seen sorted: insertion (few live patch packages are installed) */
				size_t pos = nseen;
				while (pos > 0 && seen[pos - 1] > off) {
					seen[pos] = seen[pos - 1];
					pos--;
				}
				seen[pos] = off;
				nseen++;
				if (!lp_pkglist_push(out, lp_package_from_header(h)))
					ok = false;
			}
			rpmdbFreeIterator(mi);
		}
	}
	free(seen);
	return ok;
}
