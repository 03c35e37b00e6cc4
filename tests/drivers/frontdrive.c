/*
 * frontdrive: drives librpm the way a package manager does, to test what its
 * user reads of the plugin. Configuration (plugin, mode, %_dbpath) comes from
 * rpm's macro files, e.g. $HOME/.rpmmacros.
 *
 *   frontdrive STYLE ROOT PKG.rpm...      upgrade to the packages
 *   frontdrive STYLE ROOT -e NAME         erase a package
 *   frontdrive STYLE ROOT A.rpm... ++ B.rpm...
 *                                         two transactions in one process, as
 *                                         yum and dnf5daemon run many
 *
 * Every style does what yum 3 and dnf do: one transaction set, a test run
 * (RPMTRANS_FLAG_TEST), then the real run on the same set. STYLE is how rpm's
 * log reaches the user:
 *   rpm   rpm prints it itself, on stderr
 *   dnf5  as libdnf5 and dnf5 do: a log callback keeps the lines, drops what
 *         came before the transaction's prepare step, and prints the rest as
 *         ">>> [RPM] ..." only at an element's install or erase callback; a
 *         failed run is "Transaction failed: Rpm transaction failed."
 *   yum3  as yum 3 does: rpm logs into a file, printed at each element's
 *         callback; a failed run is "Transaction failed."
 * Prints "test run: N" and "real run: N" on stdout for each transaction. Exit
 * 0 when every run succeeded, 1 when one failed, 2 on bad arguments.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rpm/rpmcli.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmts.h>

enum style { STYLE_RPM, STYLE_DNF5, STYLE_YUM3 };

static enum style style;
static char *kept;         /* dnf5: the lines kept since the last print */
static size_t kept_len;
static FILE *logfile;      /* yum3: where rpm logs */
static long logfile_shown; /* yum3: how much of it was printed */

static int keep_line(rpmlogRec rec, rpmlogCallbackData data)
{
	const char *msg = rpmlogRecMessage(rec);
	size_t n = strlen(msg);
	char *grown = realloc(kept, kept_len + n + 1);

	if (grown) {
		kept = grown;
		memcpy(kept + kept_len, msg, n + 1);
		kept_len += n;
	}
	return 0; /* rpm prints nothing itself */
}

static void drop_kept(void)
{
	kept_len = 0;
	if (kept)
		kept[0] = '\0';
}

/* dnf5: each kept line as ">>> [RPM] line" on stderr */
static void print_kept(void)
{
	char *line = kept;

	while (line && *line) {
		size_t n = strcspn(line, "\n");
		fprintf(stderr, ">>> [RPM] %.*s\n", (int)n, line);
		line += n + (line[n] == '\n');
	}
	drop_kept();
}

/* yum3: what rpm wrote to the log file since the last time, on stdout */
static void print_logfile(void)
{
	char buf[4096];
	size_t n;

	fflush(logfile);
	fseek(logfile, logfile_shown, SEEK_SET);
	while ((n = fread(buf, 1, sizeof(buf), logfile)) > 0)
		fwrite(buf, 1, n, stdout);
	logfile_shown = ftell(logfile);
}

static void *notify(const void *h, const rpmCallbackType what, const rpm_loff_t amount, const rpm_loff_t total,
		    fnpyKey key, rpmCallbackData data)
{
	bool element = what == RPMCALLBACK_INST_START || what == RPMCALLBACK_UNINST_START ||
		       what == RPMCALLBACK_SCRIPT_ERROR || what == RPMCALLBACK_UNPACK_ERROR;

	if (style == STYLE_DNF5 && what == RPMCALLBACK_TRANS_START)
		drop_kept(); /* the prepare step: what came before it is never shown */
	else if (style == STYLE_DNF5 && element)
		print_kept();
	else if (style == STYLE_YUM3 && element)
		print_logfile();
	/* opens and closes the package files; prints progress only in the rpm style */
	return rpmShowProgress(h, what, amount, total, key, (void *)(intptr_t)(style == STYLE_RPM ? INSTALL_LABEL : 0));
}

static int add_upgrade(rpmts ts, const char *path)
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

static int add_erase(rpmts ts, const char *name)
{
	rpmdbMatchIterator mi = rpmtsInitIterator(ts, RPMDBI_LABEL, name, 0);
	Header h;
	int rc = -1;

	while (mi && (h = rpmdbNextIterator(mi)) != NULL)
		rc = rpmtsAddEraseElement(ts, h, rpmdbGetIteratorOffset(mi));
	rpmdbFreeIterator(mi);
	return rc;
}

/* The elements of one transaction: argv[0..n), "-e NAME" or .rpm files. */
static bool add_elements(rpmts ts, int n, char **argv)
{
	if (n == 2 && strcmp(argv[0], "-e") == 0)
		return add_erase(ts, argv[1]) == 0;
	for (int i = 0; i < n; i++)
		if (add_upgrade(ts, argv[i]) != 0)
			return false;
	return n > 0;
}

/* One transaction as yum 3 and dnf do it: a test run, then the real run on the same set. */
static int run_transaction(rpmts ts, int n, char **argv)
{
	int test_rc, real_rc = -1;

	if (!add_elements(ts, n, argv)) {
		fprintf(stderr, "frontdrive: cannot add the elements\n");
		return 2;
	}
	rpmtsCheck(ts);
	rpmtsOrder(ts);
	rpmtsSetFlags(ts, RPMTRANS_FLAG_TEST);
	test_rc = rpmtsRun(ts, NULL, 0);
	printf("test run: %d\n", test_rc);
	drop_kept(); /* dnf5 never shows the test run's lines */
	if (test_rc == 0) {
		rpmtsSetFlags(ts, RPMTRANS_FLAG_NONE);
		real_rc = rpmtsRun(ts, NULL, 0);
		printf("real run: %d\n", real_rc);
	}
	if (test_rc != 0 || real_rc != 0)
		fputs(style == STYLE_DNF5 ? "Transaction failed: Rpm transaction failed.\n" : "Transaction failed.\n",
		      stderr);
	rpmtsEmpty(ts);
	return test_rc == 0 && real_rc == 0 ? 0 : 1;
}

static bool pick_style(const char *name)
{
	static const char *const names[] = { "rpm", "dnf5", "yum3" };
	for (int s = STYLE_RPM; s <= STYLE_YUM3; s++)
		if (strcmp(name, names[s]) == 0) {
			style = (enum style)s;
			return true;
		}
	return false;
}

int main(int argc, char **argv)
{
	rpmts ts;
	int rc = 0;

	if (argc < 4 || !pick_style(argv[1])) {
		fprintf(stderr, "usage: frontdrive rpm|dnf5|yum3 ROOT PKG.rpm... [++ PKG.rpm...] | -e NAME\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	if (rpmReadConfigFiles(NULL, NULL) != 0)
		return 2;
	if (style == STYLE_DNF5)
		rpmlogSetCallback(keep_line, NULL);
	if (style == STYLE_YUM3) {
		logfile = tmpfile();
		if (logfile == NULL)
			return 2;
		rpmlogSetFile(logfile);
	}
	ts = rpmtsCreate();
	rpmtsSetRootDir(ts, argv[2]);
	rpmtsSetVSFlags(ts, _RPMVSF_NOSIGNATURES | _RPMVSF_NODIGESTS);
	rpmtsSetNotifyCallback(ts, notify, NULL);
	/* each "++"-separated group is a transaction of its own, in this one process */
	for (int first = 3, i = 3; i <= argc && rc != 2; i++) {
		if (i < argc && strcmp(argv[i], "++") != 0)
			continue;
		int r = run_transaction(ts, i - first, argv + first);
		rc = r > rc ? r : rc;
		first = i + 1;
	}
	rpmtsFree(ts);
	free(kept);
	rpmFreeMacros(NULL);
	rpmFreeRpmrc();
	return rc;
}
