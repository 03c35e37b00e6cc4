/* Writing a small file whole or not at all: a temporary file, fsync, rename. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "atomic_file.h"

/* One directory, 0755 whatever the caller's umask (the libdnf5 plugin runs under the user's). */
static int make_dir(const char *dir)
{
	if (mkdir(dir, 0755) < 0)
		return errno == EEXIST ? 0 : -1;
	return chmod(dir, 0755);
}

static int mkdirs(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (make_dir(dir) < 0)
			return -1;
		*p = '/';
	}
	return make_dir(dir);
}

int lp_write_file_atomically(const char *path, const char *data, size_t n)
{
	char *dir = strdup(path), *slash, *tmp = NULL;
	int fd = -1, err = 0;
	size_t done = 0;

	if (dir == NULL)
		return ENOMEM;
	slash = strrchr(dir, '/');
	if (slash == NULL || slash[1] == '\0') {
		free(dir);
		return EINVAL;
	}
	if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (mkdirs(dir) < 0 || asprintf(&tmp, "%s/.lpcheck-report.XXXXXX", strcmp(dir, "/") ? dir : "") < 0) {
		err = errno ? errno : ENOMEM;
		tmp = NULL;
		goto out;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		goto out;
	}
	while (done < n) {
		ssize_t w = write(fd, data + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			err = errno;
			goto out;
		}
		done += (size_t)w;
	}
	if (fchmod(fd, 0644) < 0 || fsync(fd) < 0) {
		err = errno;
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		err = errno;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		err = errno;
out:
	if (fd >= 0)
		close(fd);
	if (err && tmp)
		unlink(tmp);
	free(tmp);
	free(dir);
	return err;
}
