/* What rpmbuild's buildroot says: the Provides of a payload path, and the live patch layout of a buildroot. */
#include "config.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "buildroot.h"
#include "strbuf.h"

/* The component whose "/usr/lib/<c>-livepatch/" starts the tail of path; *rest points after it. */
static int payload_component(const char *path, const char **rest)
{
	int found = -1;

	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		const char *dir = lp_component_dir((enum lp_component)c), *hit = NULL;
		size_t n = strlen(dir);
		for (const char *p = strstr(path, dir); p; p = strstr(p + 1, dir))
			if (p[n] == '/')
				hit = p;
		if (hit && (found < 0 || hit + n + 1 > *rest)) {
			found = c;
			*rest = hit + n + 1;
		}
	}
	return found;
}

/* The target to write: the spec's where it agrees with the name, else the name's when it is whole. */
static const struct lp_vr *choose_target(const struct lp_record *named, const struct lp_vr *given, const char **why)
{
	struct lp_record spec = { .to = given ? *given : named->to, .cut = false };

	if (given == NULL) {
		*why = named->cut ? "the payload name is cut at its length limit, so it cannot give the full target: "
				    "set %livepatch_target to the target version-release"
				  : NULL;
		return named->cut ? NULL : &named->to;
	}
	if (lp_record_target_cmp(named, &spec) == 0) {
		*why = NULL;
		return given;
	}
	*why = "the payload name's target disagrees with %livepatch_target";
	return named->cut ? NULL : &named->to;
}

char *lp_provides_for_payload(const char *path, const char *target, const char **why)
{
	const char *rest = NULL, *slash, *leaf;
	char id[LP_BUILDID_MAX + 1], *out = NULL;
	int c = payload_component(path, &rest);
	struct lp_record rec = { 0 };
	struct lp_vr given;
	const struct lp_vr *to;
	size_t stem;
	const char *ext;

	*why = NULL;
	if (c < 0 || (slash = strchr(rest, '/')) == NULL || strchr(slash + 1, '/') != NULL)
		return NULL;
	leaf = slash + 1;
	ext = lp_component_ext((enum lp_component)c);
	stem = strlen(leaf) - (strlen(ext) + 1);
	if (strncmp(leaf, "lp_", 3) != 0 || strlen(leaf) <= strlen(ext) + 1 || leaf[stem] != '.' ||
	    strcmp(leaf + stem + 1, ext) != 0)
		return NULL;
	*why = "the directory is not named by a lowercase build ID";
	if (!lp_buildid_normalise(rest, (size_t)(slash - rest), false, id))
		return NULL;
	*why = "the payload name does not split into four fields";
	if (!lp_payload_parse((enum lp_component)c, leaf, stem, &rec.base, &rec.to, &rec.cut))
		return NULL;
	*why = "%livepatch_target is not a version-release";
	if (target && !lp_vr_parse(target, strlen(target), &given))
		goto out;
	to = choose_target(&rec, target ? &given : NULL, why);
	if (to && asprintf(&out, "livepatch(component/%s/base/" LP_VR_FMT "/to/" LP_VR_FMT "/base-buildid/%s)",
			   lp_component_name(c), LP_VR_ARGS(&rec.base), LP_VR_ARGS(to), id) < 0)
		out = NULL;
	if (target)
		lp_vr_release(&given);
out:
	lp_record_release(&rec);
	return out;
}

/*
 * The walk never follows a symlink: every step is an openat() or fstatat()
 * relative to its parent's descriptor with O_NOFOLLOW / AT_SYMLINK_NOFOLLOW,
 * so a live patch directory that is a symlink (to "/", say) is one entry,
 * which lp_package_add_file() reports, and the build host is never walked.
 */

/* Adds rel, the entry name in parent, with its mode and symlink target; its mode, 0 when unreadable. */
static mode_t add_entry(struct lp_package *pkg, int parent, const char *name, const char *rel)
{
	char link[PATH_MAX];
	struct stat st;
	ssize_t n = 0;

	if (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return 0;
	if (S_ISLNK(st.st_mode) && (n = readlinkat(parent, name, link, sizeof(link) - 1)) < 0)
		n = 0;
	link[n] = '\0';
	lp_package_add_file(pkg, rel, (unsigned)st.st_mode, link);
	return st.st_mode;
}

/* Adds rel and, for a real directory, every entry below it (depth-first, bounded by *budget); false when the budget ran out. */
static bool add_tree(struct lp_package *pkg, int parent, const char *name, const char *rel, int depth, size_t *budget)
{
	char child[PATH_MAX];
	struct dirent *de;
	DIR *dir;
	int fd;
	bool ok = true;

	if (!S_ISDIR(add_entry(pkg, parent, name, rel)) || depth > 3)
		return true;
	fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || (dir = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return true; /* unreadable: the entry itself is what can be said */
	}
	while (ok && (de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (*budget == 0) {
			ok = false;
			break;
		}
		(*budget)--;
		if ((size_t)snprintf(child, sizeof(child), "%s/%s", rel, de->d_name) < sizeof(child))
			ok = add_tree(pkg, dirfd(dir), de->d_name, child, depth + 1, budget);
	}
	closedir(dir);
	return ok;
}

/*
 * The directory holding a component directory ("usr/lib" under root), opened
 * step by step without following a symlink. -1 with errno ENOENT when it is
 * not there, ELOOP or ENOTDIR when a step is a symlink or a file.
 */
static int open_parent(int rootfd, const char *cdir)
{
	char path[PATH_MAX], *save = NULL, *seg, *last = strrchr(strcpy(path, cdir), '/');
	int fd = dup(rootfd);

	*last = '\0';
	for (seg = strtok_r(path, "/", &save); fd >= 0 && seg; seg = strtok_r(NULL, "/", &save)) {
		int next = openat(fd, seg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		int e = errno;
		close(fd);
		fd = next;
		errno = e;
	}
	return fd;
}

struct lp_package *lp_buildroot_read(const char *root, const char *name, const char *version,
				     const char *release, const char *arch, char *err, size_t errlen)
{
	struct lp_package *pkg;
	size_t budget = LP_BUILDROOT_MAX_ENTRIES;
	int rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* the buildroot itself as given */

	if (rootfd < 0) {
		snprintf(err, errlen, "%s: %s", root, strerror(errno));
		return NULL;
	}
	pkg = lp_package_new(LP_CONTENTS_KNOWN, name ? name : "buildroot", NULL, version ? version : "0",
			     release ? release : "0", arch);
	if (pkg == NULL) {
		snprintf(err, errlen, "%s: out of memory", root);
		goto fail;
	}
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		const char *cdir = lp_component_dir((enum lp_component)c);
		int parent = open_parent(rootfd, cdir);
		bool ok;
		if (parent < 0 && errno == ENOENT)
			continue;
		if (parent < 0) {
			snprintf(err, errlen, "%s: a step of %s is a symlink or not a directory; not followed", root,
				 cdir);
			goto fail;
		}
		ok = add_tree(pkg, parent, strrchr(cdir, '/') + 1, cdir, 0, &budget);
		close(parent);
		if (!ok) {
			snprintf(err, errlen, "%s: more than %d entries under the live patch directories", root,
				 LP_BUILDROOT_MAX_ENTRIES);
			goto fail;
		}
	}
	close(rootfd);
	if (!lp_package_finish(pkg)) {
		snprintf(err, errlen, "%s: out of memory", root);
		return lp_package_free(pkg);
	}
	return pkg;
fail:
	close(rootfd);
	return pkg ? lp_package_free(pkg) : NULL;
}
