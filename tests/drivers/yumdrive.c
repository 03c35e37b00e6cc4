/*
 * yumdrive: uses librpm the way yum 3 does on el7, to test the plugin under
 * it: one transaction set, every package added once, a test run
 * (RPMTRANS_FLAG_TEST), then the real run on the same set. Configuration
 * (plugin, mode, %_dbpath) comes from rpm's macro files, e.g. $HOME/.rpmmacros.
 *
 *   yumdrive ROOT PKG.rpm...
 *
 * Prints "test run: N" and "real run: N" (rpmtsRun's results) on stdout; rpm's
 * own log goes to stderr as rpm prints it. Exit 0 when both runs succeeded,
 * 1 when one failed, 2 on bad arguments or unreadable packages.
 */
#include <stdint.h>
#include <stdio.h>
#include <rpm/rpmcli.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmts.h>

static int add_package(rpmts ts, const char *path)
{
	FD_t fd = Fopen(path, "r.ufdio");
	Header h = NULL;
	int rc = -1;

	if (fd && !Ferror(fd) && rpmReadPackageFile(ts, fd, path, &h) == RPMRC_OK)
		rc = rpmtsAddInstallElement(ts, h, path, 1, NULL);
	if (fd)
		Fclose(fd);
	headerFree(h);
	return rc;
}

int main(int argc, char **argv)
{
	rpmts ts;
	int test_rc, real_rc;

	if (argc < 3) {
		fprintf(stderr, "usage: yumdrive ROOT PKG.rpm...\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	if (rpmReadConfigFiles(NULL, NULL) != 0)
		return 2;
	ts = rpmtsCreate();
	rpmtsSetRootDir(ts, argv[1]);
	rpmtsSetVSFlags(ts, _RPMVSF_NOSIGNATURES | _RPMVSF_NODIGESTS);
	rpmtsSetNotifyCallback(ts, rpmShowProgress, (void *)(intptr_t)INSTALL_LABEL);
	for (int i = 2; i < argc; i++) {
		if (add_package(ts, argv[i]) != 0) {
			fprintf(stderr, "yumdrive: cannot add %s\n", argv[i]);
			rpmtsFree(ts);
			return 2;
		}
	}
	rpmtsCheck(ts);
	rpmtsOrder(ts);
	rpmtsSetFlags(ts, RPMTRANS_FLAG_TEST);
	test_rc = rpmtsRun(ts, NULL, 0);
	printf("test run: %d\n", test_rc);
	rpmtsSetFlags(ts, RPMTRANS_FLAG_NONE);
	real_rc = rpmtsRun(ts, NULL, 0);
	printf("real run: %d\n", real_rc);
	rpmtsFree(ts);
	rpmFreeMacros(NULL);
	rpmFreeRpmrc();
	return test_rc == 0 && real_rc == 0 ? 0 : 1;
}
