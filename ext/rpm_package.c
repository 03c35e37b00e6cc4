/* The rpm seam, packages: transaction elements, headers and .rpm files into our packages. */
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
#include "rpm.h"

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

/* A path being put together from a directory and a base name, reused across files. */
struct path_buf {
	char *path;
	size_t alloc;
};

/* Adds dn + bn when it lies under a live patch directory; the cheap directory test comes first. */
static void add_entry(struct lp_package *pkg, struct path_buf *pb, const char *dn, const char *bn, unsigned mode,
		      const char *link)
{
	size_t dl, bl;

	if (dn == NULL || bn == NULL || !dir_relevant(dn))
		return;
	dl = strlen(dn);
	bl = strlen(bn);
	if (!lp_array_grow((void **)&pb->path, &pb->alloc, dl + bl + 1, 1)) {
		pkg->failed = true;
		return;
	}
	memcpy(pb->path, dn, dl);
	memcpy(pb->path + dl, bn, bl + 1);
	if (lp_path_is_relevant(pb->path))
		lp_package_add_file(pkg, pb->path, mode, link);
}

#ifdef HAVE_RPMTEFILES
/* rpm 4.12+: the file set, by index. */
static void add_files(struct lp_package *pkg, rpmfiles files)
{
	int fc = files ? (int)rpmfilesFC(files) : 0;
	struct path_buf pb = { NULL, 0 };

	for (int i = 0; i < fc && !pkg->failed; i++)
		add_entry(pkg, &pb, rpmfilesDN(files, rpmfilesDI(files, i)), rpmfilesBN(files, i),
			  rpmfilesFMode(files, i), rpmfilesFLink(files, i));
	free(pb.path);
}

static void add_header_files(struct lp_package *pkg, Header h)
{
	rpmfiles files = rpmfilesNew(NULL, h, RPMTAG_BASENAMES, FILES_FLAGS);
	add_files(pkg, files);
	rpmfilesFree(files);
}

static void add_element_files(struct lp_package *pkg, rpmte te)
{
	rpmfiles files = rpmteFiles(te);
	add_files(pkg, files);
	rpmfilesFree(files);
}
#else
/* rpm 4.11 (el7): only the iterator API; el7 fills rpmteFI() before tsm_pre. */
static void add_files(struct lp_package *pkg, rpmfi fi)
{
	struct path_buf pb = { NULL, 0 };

	for (fi = rpmfiInit(fi, 0); fi && rpmfiNext(fi) >= 0 && !pkg->failed;)
		add_entry(pkg, &pb, rpmfiDN(fi), rpmfiBN(fi), rpmfiFMode(fi), rpmfiFLink(fi));
	free(pb.path);
}

static void add_header_files(struct lp_package *pkg, Header h)
{
	rpmfi fi = rpmfiNew(NULL, h, RPMTAG_BASENAMES, FILES_FLAGS);
	add_files(pkg, fi);
	rpmfiFree(fi);
}

static void add_element_files(struct lp_package *pkg, rpmte te)
{
	add_files(pkg, rpmteFI(te)); /* borrowed from the element: not freed */
}
#endif

struct lp_package *lp_rpm_package_from_te(rpmte te)
{
	struct lp_package *pkg = lp_package_new(LP_CONTENTS_KNOWN, rpmteN(te), rpmteE(te), rpmteV(te), rpmteR(te), rpmteA(te));

	if (pkg == NULL)
		return NULL;
	add_element_files(pkg, te);
	lp_package_finish(pkg);
	return pkg;
}

struct lp_package *lp_rpm_package_from_header(Header h)
{
	char epoch[32] = "";
	struct lp_package *pkg;
	struct rpmtd_s td;

	if (headerIsEntry(h, RPMTAG_EPOCH))
		snprintf(epoch, sizeof(epoch), "%llu", (unsigned long long)headerGetNumber(h, RPMTAG_EPOCH));
	pkg = lp_package_new(LP_CONTENTS_KNOWN, headerGetString(h, RPMTAG_NAME), epoch[0] ? epoch : NULL,
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
	if (headerIsEntry(h, RPMTAG_BASENAMES))
		add_header_files(pkg, h);
	lp_package_finish(pkg);
	return pkg;
}

struct lp_package *lp_rpm_package_read_file(rpmts ts, const char *path, char *err, size_t errlen)
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
	pkg = lp_rpm_package_from_header(h);
	headerFree(h);
	if (pkg == NULL || pkg->failed) {
		snprintf(err, errlen, "%s: out of memory", path);
		return lp_package_free(pkg);
	}
	return pkg;
}
