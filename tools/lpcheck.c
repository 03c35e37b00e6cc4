/*
 * lpcheck: the command line. status (a host now), check (a planned update
 * from repositories or .rpm files), scan (build-system validation). Options
 * map onto library settings; the verdicts come from lib/.
 */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmmacro.h>
#include <rpm/rpmts.h>
#include "judge.h"
#include "probe.h"
#include "report.h"
#include "rpmseam.h"
#include "scan.h"
#include "solvseam.h"
#include "updateinfo.h"

#define EXIT_FLAGGED 1
#define EXIT_USAGE 2

struct options {
	bool json;
	const char *root;
	const char *dbpath;
	const char *sysfs;
	const char *build_id[LP_NCOMPONENTS];
	const char *applied[LP_NCOMPONENTS];
	const char *xen_livepatch_cmd;
	const char **repos;
	size_t nrepos;
	char **rpms;
	size_t nrpms;
	const char *verify;
	bool host_options_given;
};

static void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void errorf(const char *fmt, ...)
{
	va_list ap;
	fputs("lpcheck: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void log_to_stderr(void *ctx, enum lp_log_level level, const char *line)
{
	int verbose = *(int *)ctx;
	if (level >= LP_LOG_WARNING || (level == LP_LOG_INFO && verbose > 0) || verbose > 1)
		fprintf(stderr, "%s\n", line);
}

static int verbosity;
static const struct lp_log cli_log = { log_to_stderr, &verbosity };

static const char *const usage_text[] = {
	"usage: lpcheck status [--json] [HOST OPTIONS]\n"
	"       lpcheck check  [--json] [HOST OPTIONS] [--repo DIR]... [PKG.rpm]...\n"
	"       lpcheck scan   [--json] [--repo DIR]... [PKG.rpm]...\n"
	"       lpcheck updateinfo [--verify FILE] [--repo DIR]... [PKG.rpm]...\n"
	"       lpcheck help COMMAND | --help | --version\n",
	"lpcheck status [--json] [HOST OPTIONS]\n"
	"  The running Xen and kernel builds, the applied live patches, the installed\n"
	"  live patch packages and the verdict for what is installed now. eol is flagged\n"
	"  (a reboot is pending); no-match is reported but not flagged.\n",
	"lpcheck check [--json] [HOST OPTIONS] [--repo DIR]... [PKG.rpm]...\n"
	"  The verdict of an upgrade, as dnf would do it: every PKG.rpm and the newest\n"
	"  version of each live patch package in the repositories is a candidate; one\n"
	"  newer than the installed package of its name replaces it. eol, no-match and\n"
	"  layout problems of the packages added are flagged.\n",
	"lpcheck scan [--json] [--repo DIR]... [PKG.rpm]...\n"
	"  Build-system validation, no host: one entry per package and component with its\n"
	"  target, bases, and the bases it adds and drops against the previous version of\n"
	"  the same name; every layout problem and target-regression is flagged.\n",
	"lpcheck updateinfo [--verify FILE] [--repo DIR]... [PKG.rpm]...\n"
	"  Prints one <livepatches> element (nothing else on stdout) with a <livepatch/>\n"
	"  per record of the newest version of each live patch package given. With\n"
	"  --verify FILE, compares each <update> of an updateinfo.xml (compressed or not)\n"
	"  with the packages its <pkglist> names: updateinfo-unknown-livepatch,\n"
	"  updateinfo-missing-livepatch and updateinfo-bad-entry, one line each.\n",
};

static const char host_help[] =
	"HOST OPTIONS:\n"
	"  --root DIR               the root of the installed system (default /)\n"
	"  --dbpath DIR             the rpm database, relative to the root (default %_dbpath)\n"
	"  --sysfs DIR              read kernel/notes, kernel/livepatch, hypervisor/ here (default /sys on /)\n"
	"  --xen-build-id ID|none   the running Xen build ID (none: Xen is not running)\n"
	"  --kernel-build-id ID|none  the running kernel build ID (none: unknown)\n"
	"  --xen-applied V-R|none   the applied Xen live patch target\n"
	"  --kernel-applied V-R|none  the applied kernel live patch target\n"
	"  --xen-livepatch-cmd PATH run PATH list for the applied Xen patch (default /usr/sbin/xen-livepatch)\n";

static const char common_help[] =
	"OPTIONS:\n"
	"  --json                   print the JSON document of interface.md\n"
	"  --repo DIR               a repository (DIR/repodata/repomd.xml); may repeat\n"
	"  -v, --verbose            say more on stderr\n"
	"  -h, --help               this text\n"
	"Exit: 0 nothing flagged, 1 something flagged, 2 usage error or unreadable input.\n";

enum cmd { CMD_NONE, CMD_STATUS, CMD_CHECK, CMD_SCAN, CMD_UPDATEINFO };

static void usage(FILE *fp, enum cmd cmd)
{
	fputs(usage_text[cmd], fp);
	if (cmd == CMD_STATUS || cmd == CMD_CHECK)
		fputs(host_help, fp);
	if (cmd != CMD_NONE)
		fputs(common_help, fp);
}

enum {
	OPT_JSON = 256, OPT_ROOT, OPT_DBPATH, OPT_SYSFS, OPT_XEN_ID, OPT_KERNEL_ID, OPT_XEN_APPLIED,
	OPT_KERNEL_APPLIED, OPT_XEN_CMD, OPT_REPO, OPT_VERIFY,
};

/* Returns 0, or an exit code to leave with. */
static int parse_options(enum cmd cmd, int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "dbpath", required_argument, NULL, OPT_DBPATH },
		{ "sysfs", required_argument, NULL, OPT_SYSFS },
		{ "xen-build-id", required_argument, NULL, OPT_XEN_ID },
		{ "kernel-build-id", required_argument, NULL, OPT_KERNEL_ID },
		{ "xen-applied", required_argument, NULL, OPT_XEN_APPLIED },
		{ "kernel-applied", required_argument, NULL, OPT_KERNEL_APPLIED },
		{ "xen-livepatch-cmd", required_argument, NULL, OPT_XEN_CMD },
		{ "repo", required_argument, NULL, OPT_REPO },
		{ "verify", required_argument, NULL, OPT_VERIFY },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool host = cmd == CMD_STATUS || cmd == CMD_CHECK;
	int ch;

	o->repos = calloc((size_t)argc + 1, sizeof(*o->repos));
	if (o->repos == NULL)
		return EXIT_USAGE;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		if (ch >= OPT_ROOT && ch <= OPT_XEN_CMD && !host) {
			errorf("%s: option '%s' is for status and check", argv[0], argv[optind - 1]);
			return EXIT_USAGE;
		}
		switch (ch) {
		case OPT_JSON:
			if (cmd == CMD_UPDATEINFO) {
				errorf("updateinfo: --json does not apply: the output is XML");
				return EXIT_USAGE;
			}
			o->json = true;
			break;
		case OPT_VERIFY:
			if (cmd != CMD_UPDATEINFO) {
				errorf("%s: --verify is for updateinfo", argv[0]);
				return EXIT_USAGE;
			}
			o->verify = optarg;
			break;
		case OPT_ROOT: o->root = optarg; break;
		case OPT_DBPATH: o->dbpath = optarg; break;
		case OPT_SYSFS: o->sysfs = optarg; o->host_options_given = true; break;
		case OPT_XEN_ID: o->build_id[LP_XEN] = optarg; break;
		case OPT_KERNEL_ID: o->build_id[LP_KERNEL] = optarg; break;
		case OPT_XEN_APPLIED: o->applied[LP_XEN] = optarg; break;
		case OPT_KERNEL_APPLIED: o->applied[LP_KERNEL] = optarg; break;
		case OPT_XEN_CMD: o->xen_livepatch_cmd = optarg; break;
		case OPT_REPO:
			if (cmd == CMD_STATUS) {
				errorf("status: --repo is for check and scan");
				return EXIT_USAGE;
			}
			o->repos[o->nrepos++] = optarg;
			break;
		case 'v': verbosity++; break;
		case 'h': usage(stdout, cmd); return -1;
		default:
			errorf("%s: unknown option '%s' (see lpcheck %s --help)", argv[0], argv[optind - 1], argv[0]);
			return EXIT_USAGE;
		}
	}
	o->rpms = argv + optind;
	o->nrpms = (size_t)(argc - optind);
	if (cmd == CMD_STATUS && o->nrpms) {
		errorf("status: unexpected argument '%s'", o->rpms[0]);
		return EXIT_USAGE;
	}
	if (cmd != CMD_STATUS && o->nrpms == 0 && o->nrepos == 0) {
		errorf("%s: give --repo DIR or PKG.rpm files", argv[0]);
		return EXIT_USAGE;
	}
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		char id[LP_BUILDID_MAX + 1];
		struct lp_applied a;
		if (o->build_id[c] && strcmp(o->build_id[c], "none") != 0 &&
		    !lp_buildid_normalise(o->build_id[c], strlen(o->build_id[c]), true, id)) {
			errorf("--%s-build-id '%s': not an even number of 16 to 128 hex digits", lp_component_name(c),
			       o->build_id[c]);
			return EXIT_USAGE;
		}
		if (o->applied[c] && strcmp(o->applied[c], "none") != 0) {
			if (!lp_applied_from_vr(&a, o->applied[c])) {
				errorf("--%s-applied '%s': expected VERSION-RELEASE or none", lp_component_name(c),
				       o->applied[c]);
				return EXIT_USAGE;
			}
			lp_applied_release(&a);
		}
	}
	return 0;
}

/* rpm's own messages (a corrupt .rpm, a missing database) become our one line. */
static int rpmlog_quiet(rpmlogRec rec, rpmlogCallbackData data)
{
	if (verbosity > 1)
		fprintf(stderr, "lpcheck: rpm: %s", rpmlogRecMessage(rec));
	return 0;
}

static rpmts make_ts(const struct options *o)
{
	rpmts ts = rpmtsCreate();
	rpmtsSetRootDir(ts, o->root ? o->root : "/");
	rpmtsSetVSFlags(ts, _RPMVSF_NOSIGNATURES | _RPMVSF_NODIGESTS);
	return ts;
}

/* Opens the installed database read-only; a missing one is an error, never an empty set. */
static bool open_db(rpmts ts, const struct options *o, char *err, size_t errlen)
{
	char *dbpath = rpmGetPath("%{_dbpath}", NULL), *full = NULL;
	const char *root = o->root ? o->root : "/";
	struct stat st;
	bool ok = false;

	if (asprintf(&full, "%s%s%s", strcmp(root, "/") ? root : "", dbpath[0] == '/' ? "" : "/", dbpath) < 0)
		full = NULL;
	if (full == NULL) {
		snprintf(err, errlen, "rpm database '%s': out of memory", dbpath);
		goto out;
	}
	if (stat(full, &st) < 0) {
		snprintf(err, errlen, "rpm database '%s': %s", full,
			 errno == ENOENT ? "no such directory" : strerror(errno));
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "rpm database '%s': not a directory", full);
		goto out;
	}
	/* opening a directory without a database would create an empty one: look first */
	static const char *const db_files[] = { "rpmdb.sqlite", "Packages", "Packages.db", "data.mdb" };
	bool found = false;
	for (size_t i = 0; i < sizeof(db_files) / sizeof(db_files[0]) && !found; i++) {
		char *f = NULL;
		if (asprintf(&f, "%s/%s", full, db_files[i]) >= 0) {
			found = access(f, F_OK) == 0;
			free(f);
		}
	}
	if (!found) {
		snprintf(err, errlen, "rpm database '%s': no database there (rpmdb.sqlite, Packages, Packages.db)", full);
		goto out;
	}
	if (rpmtsOpenDB(ts, O_RDONLY) != 0) {
		snprintf(err, errlen, "rpm database '%s': cannot be opened", full);
		goto out;
	}
	ok = true;
out:
	free(dbpath);
	free(full);
	return ok;
}

static bool read_rpms(rpmts ts, const struct options *o, struct lp_pkglist *out)
{
	char err[4096];
	for (size_t i = 0; i < o->nrpms; i++) {
		struct lp_package *p = lp_package_read_rpm(ts, o->rpms[i], err, sizeof(err));
		if (p == NULL) {
			errorf("%s", err);
			return false;
		}
		if (!lp_pkglist_push(out, p)) {
			errorf("%s: out of memory", o->rpms[i]);
			return false;
		}
	}
	return true;
}

static bool read_repos(const struct options *o, struct lp_pkglist *out, bool note)
{
	char err[4096];
	bool noted = false;
	for (size_t i = 0; i < o->nrepos; i++) {
		if (!lp_solv_read_repo(o->repos[i], out, err, sizeof(err))) {
			errorf("%s", err);
			return false;
		}
		if (note && !noted) {
			fprintf(stderr, "lpcheck: note: repository metadata lists paths only: symlink targets "
					"(symlink-mismatch) need the .rpm files\n");
			noted = true;
		}
	}
	return true;
}

static void probe_host(const struct options *o, const struct lp_pkgset *judged, struct lp_host *host)
{
	struct lp_host_config cfg = {
		.root = o->root,
		.sysfs = o->sysfs,
		.build_id = { o->build_id[LP_XEN], o->build_id[LP_KERNEL] },
		.applied = { o->applied[LP_XEN], o->applied[LP_KERNEL] },
		.xen_livepatch_cmd = o->xen_livepatch_cmd ? o->xen_livepatch_cmd : "/usr/sbin/xen-livepatch",
	};
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		cfg.skip_applied[c] = !lp_pkgset_concerns(judged, (enum lp_component)c);
	lp_host_probe(&cfg, host, &cli_log);
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static void print_vr(FILE *fp, const struct lp_vr *vr)
{
	if (vr)
		fprintf(fp, "%s-%s", vr->v, vr->r);
	else
		fputs("-", fp);
}

static void print_outcome(const struct lp_outcome *o, const struct lp_pkgset *installed)
{
	printf("%-8s %-15s %-8s %-42s %s\n", "COMPONENT", "VERDICT", "FLAGGED", "RUNNING BUILD", "TARGET");
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		const struct lp_decision *d = &o->decisions[c];
		printf("%-9s%-15s %-8s %-42s ", lp_component_name(c), lp_verdict_name(d->verdict),
		       d->flagged ? "yes" : "no", or_dash(d->running_build_id));
		print_vr(stdout, d->latest_target);
		putchar('\n');
	}
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		const struct lp_decision *d = &o->decisions[c];
		printf("\n%s:\n", lp_component_name(c));
		printf("  applied:    ");
		print_vr(stdout, d->applied ? &d->applied->to : NULL);
		printf("\n  supported:  %zu build%s", d->nsupported, d->nsupported == 1 ? "" : "s");
		for (size_t i = 0; i < d->nsupported; i++)
			printf("%s%s", i ? ", " : ": ", d->supported[i]);
		printf("\n  live patch: ");
		if (d->chosen && (d->verdict == LP_LIVEPATCHABLE || d->verdict == LP_UP_TO_DATE)) {
			print_vr(stdout, &d->chosen->base);
			printf(" -> ");
			print_vr(stdout, &d->chosen->to);
			printf(" from %s", d->chosen->pkg->nevra);
		} else {
			putchar('-');
		}
		printf("\n  %s\n", d->message ? d->message : "");
	}
	if (installed) {
		printf("\ninstalled live patch packages:%s\n", installed->n ? "" : " none");
		for (size_t i = 0; i < installed->n; i++)
			printf("  %s\n", installed->pkgs[i]->nevra);
	}
	if (o->nproblems) {
		printf("\nproblems:\n");
		for (size_t i = 0; i < o->nproblems; i++) {
			char *line = lp_report_problem_line(o->problems[i]);
			printf("  %s\n", line ? line : "(out of memory)");
			free(line);
		}
	}
}

static int emit_outcome(const struct options *opts, const struct lp_outcome *o, const struct lp_pkgset *installed)
{
	if (opts->json) {
		char *json = lp_report_json(o, NULL);
		if (json == NULL) {
			errorf("out of memory");
			return EXIT_USAGE;
		}
		fputs(json, stdout);
		free(json);
	} else {
		print_outcome(o, installed);
	}
	return o->flagged ? EXIT_FLAGGED : 0;
}

static struct lp_pkgset set_of(const struct lp_pkglist *l)
{
	struct lp_pkgset s = { (const struct lp_package *const *)l->pkgs, l->n };
	return s;
}

static int cmd_status(const struct options *o)
{
	rpmts ts = make_ts(o);
	struct lp_pkglist installed = { 0 };
	struct lp_host host;
	struct lp_outcome outcome;
	char err[4096];
	int rc = EXIT_USAGE;

	if (!open_db(ts, o, err, sizeof(err))) {
		errorf("%s", err);
		goto out_ts;
	}
	if (!lp_rpmdb_livepatch_packages(ts, NULL, 0, &installed)) {
		errorf("rpm database: out of memory");
		goto out_ts;
	}
	struct lp_pkgset inst = set_of(&installed);
	probe_host(o, &inst, &host);
	struct lp_judge_input in = { .purpose = LP_PURPOSE_STATUS, .host = &host, .after = inst, .added = inst };
	if (!lp_judge(&in, &outcome)) {
		errorf("out of memory");
	} else {
		rc = emit_outcome(o, &outcome, &inst);
		lp_outcome_release(&outcome);
	}
	lp_host_release(&host);
out_ts:
	lp_pkglist_release(&installed);
	rpmtsFree(ts);
	return rc;
}

static const struct lp_package *find_name(const struct lp_pkglist *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->pkgs[i]->name, name) == 0)
			return l->pkgs[i];
	return NULL;
}

/*
 * dnf-style groups: candidates are the given .rpm files and the newest version
 * of each name in the repositories (a given .rpm wins for its name).
 */
static int cmd_check(const struct options *o)
{
	rpmts ts = make_ts(o);
	struct lp_pkglist installed = { 0 }, files = { 0 }, repo = { 0 };
	const struct lp_package **cand = NULL, **after = NULL, **added = NULL, **removed = NULL, **known = NULL;
	size_t ncand = 0, nafter = 0, nadded = 0, nremoved = 0, nknown = 0;
	struct lp_host host;
	struct lp_outcome outcome;
	char err[4096];
	int rc = EXIT_USAGE;
	bool host_probed = false;

	if (!read_rpms(ts, o, &files) || !read_repos(o, &repo, false))
		goto out;
	if (!open_db(ts, o, err, sizeof(err))) {
		errorf("%s", err);
		goto out;
	}
	if (!lp_rpmdb_livepatch_packages(ts, NULL, 0, &installed)) {
		errorf("rpm database: out of memory");
		goto out;
	}
	size_t total = installed.n + files.n + repo.n + 1;
	cand = calloc(total, sizeof(*cand));
	after = calloc(total, sizeof(*after));
	added = calloc(total, sizeof(*added));
	removed = calloc(total, sizeof(*removed));
	known = calloc(total, sizeof(*known));
	if (!cand || !after || !added || !removed || !known) {
		errorf("out of memory");
		goto out;
	}
	for (size_t i = 0; i < files.n; i++)
		cand[ncand++] = files.pkgs[i];
	for (size_t i = 0; i < repo.n; i++) {
		const struct lp_package *p = repo.pkgs[i], *newest = p;
		bool first = true;
		if (find_name(&files, p->name)) {
			known[nknown++] = p;
			continue;
		}
		for (size_t k = 0; k < repo.n; k++) {
			if (strcmp(repo.pkgs[k]->name, p->name) != 0)
				continue;
			if (k < i && strcmp(repo.pkgs[k]->nevra, p->nevra) == 0)
				first = false; /* a duplicate of an earlier one */
			if (lp_package_evrcmp(repo.pkgs[k], newest) > 0)
				newest = repo.pkgs[k];
		}
		if (newest == p && first)
			cand[ncand++] = p;
		else
			known[nknown++] = p;
	}
	for (size_t i = 0; i < ncand; i++) {
		const struct lp_package *inst = find_name(&installed, cand[i]->name);
		if (inst == NULL) {
			added[nadded++] = cand[i];
		} else if (lp_package_evrcmp(cand[i], inst) > 0) {
			added[nadded++] = cand[i];
			removed[nremoved++] = inst;
		} else {
			known[nknown++] = cand[i];
		}
	}
	for (size_t i = 0; i < installed.n; i++) {
		bool gone = false;
		for (size_t k = 0; k < nremoved; k++)
			gone |= removed[k] == installed.pkgs[i];
		if (!gone)
			after[nafter++] = installed.pkgs[i];
	}
	for (size_t i = 0; i < nadded; i++)
		after[nafter++] = added[i];

	struct lp_pkgset scope = { cand, ncand };
	probe_host(o, &scope, &host);
	host_probed = true;
	struct lp_judge_input in = {
		.purpose = LP_PURPOSE_TRANSACTION,
		.host = &host,
		.after = { after, nafter },
		.removed = { removed, nremoved },
		.known = { known, nknown },
		.added = { added, nadded },
		.scope = scope,
		.has_scope = true,
	};
	if (!lp_judge(&in, &outcome)) {
		errorf("out of memory");
		goto out;
	}
	if (!o->json) {
		printf("update: ");
		for (size_t i = 0; i < nadded; i++)
			printf("%s%s", i ? ", " : "", added[i]->nevra);
		printf("%s\n", nadded ? "" : "nothing newer than what is installed");
		for (size_t i = 0; i < nremoved; i++)
			printf("replaces: %s\n", removed[i]->nevra);
		putchar('\n');
	}
	rc = emit_outcome(o, &outcome, NULL);
	lp_outcome_release(&outcome);
out:
	if (host_probed)
		lp_host_release(&host);
	free(cand);
	free(after);
	free(added);
	free(removed);
	free(known);
	lp_pkglist_release(&installed);
	lp_pkglist_release(&files);
	lp_pkglist_release(&repo);
	rpmtsFree(ts);
	return rc;
}

static int cmd_scan(const struct options *o)
{
	rpmts ts = make_ts(o);
	struct lp_pkglist pkgs = { 0 };
	struct lp_scan scan;
	int rc = EXIT_USAGE;

	if (!read_rpms(ts, o, &pkgs) || !read_repos(o, &pkgs, true))
		goto out;
	struct lp_pkgset set = set_of(&pkgs);
	if (!lp_scan_run(&set, &scan)) {
		errorf("out of memory");
		goto out;
	}
	if (o->json) {
		char *json = lp_report_scan_json(&scan);
		if (json == NULL) {
			errorf("out of memory");
			lp_scan_release(&scan);
			goto out;
		}
		fputs(json, stdout);
		free(json);
	} else {
		printf("%-40s %-7s %-20s %5s %5s %7s\n", "PACKAGE", "COMP", "TARGET", "BASES", "ADDED", "DROPPED");
		for (size_t i = 0; i < scan.n; i++) {
			const struct lp_scan_entry *e = &scan.entries[i];
			char target[256] = "-";
			if (e->target)
				snprintf(target, sizeof(target), "%s-%s", e->target->v, e->target->r);
			printf("%-40s %-7s %-20s %5zu %5zu %7zu\n", e->pkg->nevra, lp_component_name(e->component), target,
			       e->nbases, e->nadded, e->ndropped);
			for (size_t k = 0; k < e->ndropped; k++)
				printf("    dropped %s\n", e->dropped[k]);
		}
		if (scan.n == 0)
			printf("(no live patch packages)\n");
		for (size_t i = 0; i < scan.nproblems; i++) {
			char *line = lp_report_problem_line(scan.problems[i]);
			printf("%s\n", line ? line : "(out of memory)");
			free(line);
		}
	}
	if (scan.nduplicates && verbosity > 0)
		errorf("note: %zu package(s) given twice were scanned once", scan.nduplicates);
	rc = scan.flagged ? EXIT_FLAGGED : 0;
	lp_scan_release(&scan);
out:
	lp_pkglist_release(&pkgs);
	rpmtsFree(ts);
	return rc;
}

static int cmd_updateinfo(const struct options *o)
{
	rpmts ts = make_ts(o);
	struct lp_pkglist pkgs = { 0 };
	char err[4096];
	int rc = EXIT_USAGE;

	if (!read_rpms(ts, o, &pkgs) || !read_repos(o, &pkgs, false))
		goto out;
	struct lp_pkgset set = set_of(&pkgs);
	if (o->verify) {
		long n = lp_updateinfo_verify(o->verify, &set, stdout, verbosity > 0 ? stderr : NULL, err, sizeof(err));
		if (n < 0)
			errorf("%s", err);
		else
			rc = n > 0 ? EXIT_FLAGGED : 0;
	} else if (lp_updateinfo_write(stdout, &set)) {
		rc = 0;
	} else {
		errorf("out of memory");
	}
out:
	lp_pkglist_release(&pkgs);
	rpmtsFree(ts);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct { const char *name; enum cmd cmd; } cmds[] = {
		{ "status", CMD_STATUS }, { "check", CMD_CHECK }, { "scan", CMD_SCAN }, { "updateinfo", CMD_UPDATEINFO },
	};
	struct options o = { 0 };
	enum cmd cmd = CMD_NONE;
	int rc;

	if (argc < 2) {
		usage(stderr, CMD_NONE);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("lpcheck %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout, CMD_NONE);
		return 0;
	}
	if (!strcmp(argv[1], "help")) {
		for (size_t i = 0; argc > 2 && i < sizeof(cmds) / sizeof(cmds[0]); i++)
			if (!strcmp(argv[2], cmds[i].name))
				cmd = cmds[i].cmd;
		usage(stdout, cmd);
		return 0;
	}
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			cmd = cmds[i].cmd;
	if (cmd == CMD_NONE) {
		errorf("unknown command '%s' (status, check, scan or updateinfo)", argv[1]);
		return EXIT_USAGE;
	}
	rc = parse_options(cmd, argc - 1, argv + 1, &o);
	if (rc != 0) {
		free(o.repos);
		return rc < 0 ? 0 : rc;
	}
	rpmlogSetCallback(rpmlog_quiet, NULL);
	if (rpmReadConfigFiles(NULL, NULL) != 0) {
		errorf("cannot read rpm's configuration");
		free(o.repos);
		return EXIT_USAGE;
	}
	if (o.dbpath)
		rpmPushMacro(NULL, "_dbpath", NULL, o.dbpath, RMIL_CMDLINE);
	switch (cmd) {
	case CMD_STATUS: rc = cmd_status(&o); break;
	case CMD_CHECK: rc = cmd_check(&o); break;
	case CMD_UPDATEINFO: rc = cmd_updateinfo(&o); break;
	default: rc = cmd_scan(&o); break;
	}
	free(o.repos);
	rpmFreeMacros(NULL);
	rpmFreeRpmrc();
	return rc;
}
