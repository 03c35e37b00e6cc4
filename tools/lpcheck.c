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
#include "array.h"
#include "buildroot.h"
#include "last_run.h"
#include "probe.h"
#include "report.h"
#include "report_json.h"
#include "rpm.h"
#include "scan.h"
#include "solv.h"
#include "transaction.h"
#include "updateinfo.h"

#define EXIT_FLAGGED 1
#define EXIT_USAGE 2

struct options {
	bool json;
	const char *root;
	char *root_resolved; /* a relative --root made absolute (owned) */
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
	const char *report; /* status: the plugin's report; NULL: where the plugin writes it */
	const char *buildroot; /* scan: an rpmbuild buildroot */
	const char *target;    /* provides: %livepatch_target */
};

static void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lp_put_vline(stderr, "lpcheck: ", fmt, ap);
	va_end(ap);
}

static void log_to_stderr(void *ctx, enum lp_log_level level, const char *line)
{
	int verbose = *(int *)ctx;
	if (level >= LP_LOG_WARNING || (level == LP_LOG_INFO && verbose > 0) || verbose > 1)
		lp_put_line(stderr, "%s", line);
}

static int verbosity;
static const struct lp_log cli_log = { log_to_stderr, &verbosity };

static const char *const usage_text[] = {
	"usage: lpcheck status [--json] [HOST OPTIONS] [--repo DIR]... [--report FILE]\n"
	"       lpcheck check  [--json] [HOST OPTIONS] [--repo DIR]... [PKG.rpm]...\n"
	"       lpcheck scan   [--json] [--buildroot DIR] [--repo DIR]... [PKG.rpm]...\n"
	"       lpcheck updateinfo [--verify FILE] [--repo DIR]... [PKG.rpm]...\n"
	"       lpcheck provides [--target V-R] < PATHS\n"
	"       lpcheck help COMMAND | --help | --version\n",
	"lpcheck status [--json] [HOST OPTIONS] [--repo DIR]... [--report FILE]\n"
	"  The running Xen and kernel builds, the applied live patches, the installed\n"
	"  live patch packages and the verdict for what is installed now. eol is flagged\n"
	"  (a reboot is pending): also when the plugin's report of the last transaction\n"
	"  judged this build eol and the installed packages are still its result, or when\n"
	"  an older version in --repo carried it. no-match is reported but not flagged.\n"
	"  --report FILE   the plugin's report (default: %__transaction_lpcheck_report)\n",
	"lpcheck check [--json] [HOST OPTIONS] [--repo DIR]... [PKG.rpm]...\n"
	"  The verdict of an upgrade, as dnf would do it: every PKG.rpm and the newest\n"
	"  version of each live patch package in the repositories is a candidate; one\n"
	"  newer than the installed package of its name replaces it. eol, no-match and\n"
	"  layout problems of the packages added are flagged.\n",
	"lpcheck scan [--json] [--buildroot DIR] [--repo DIR]... [PKG.rpm]...\n"
	"  Build-system validation, no host: one entry per package and component with its\n"
	"  target, bases, and the bases it adds and drops against the previous version of\n"
	"  the same name; every layout problem and target-regression is flagged.\n"
	"  --buildroot DIR  also the live patch files under an rpmbuild buildroot, named\n"
	"                   from RPM_PACKAGE_NAME/VERSION/RELEASE and RPM_ARCH when set\n"
	"                   (%livepatch_check runs this at the end of %install)\n",
	"lpcheck updateinfo [--verify FILE] [--repo DIR]... [PKG.rpm]...\n"
	"  Prints one <livepatches> element (nothing else on stdout) with a <livepatch/>\n"
	"  per record of the newest version of each live patch package given. With\n"
	"  --verify FILE, compares each <update> of an updateinfo.xml (compressed or not)\n"
	"  with the packages its <pkglist> names: updateinfo-unknown-livepatch,\n"
	"  updateinfo-missing-livepatch and updateinfo-bad-entry, one line each.\n",
	"lpcheck provides [--target V-R] < PATHS\n"
	"  rpm's file attribute generator (livepatch.attr): reads payload paths on stdin,\n"
	"  one per line, and prints the livepatch() Provides each carries. --target gives\n"
	"  the target where the payload name is cut (the spec's %livepatch_target); a cut\n"
	"  name without it gives no Provides and one line on stderr. Exit 0 (rpm ignores\n"
	"  a generator's status: %livepatch_check is what fails a build), 2 for a --target\n"
	"  that is not a version-release.\n",
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
	"  --json                   print the JSON document described in lpcheck(8)\n"
	"  --repo DIR               a repository (DIR/repodata/repomd.xml); may repeat\n"
	"  -v, --verbose            say more on stderr\n"
	"  -h, --help               this text\n"
	"Exit: 0 nothing flagged, 1 something flagged, 2 usage error or unreadable input.\n";

enum cmd { CMD_NONE, CMD_STATUS, CMD_CHECK, CMD_SCAN, CMD_UPDATEINFO, CMD_PROVIDES };
static const char *const cmd_names[] = { "lpcheck", "status", "check", "scan", "updateinfo", "provides" };

static void usage(FILE *fp, enum cmd cmd)
{
	fputs(usage_text[cmd], fp);
	if (cmd == CMD_STATUS || cmd == CMD_CHECK)
		fputs(host_help, fp);
	if (cmd != CMD_NONE && cmd != CMD_PROVIDES)
		fputs(common_help, fp);
}

enum {
	OPT_JSON = 256, OPT_ROOT, OPT_DBPATH, OPT_SYSFS, OPT_XEN_ID, OPT_KERNEL_ID, OPT_XEN_APPLIED,
	OPT_KERNEL_APPLIED, OPT_XEN_CMD, OPT_REPO, OPT_VERIFY, OPT_REPORT, OPT_BUILDROOT, OPT_TARGET,
};

/* Which command an option belongs to; false (with the one line said) when it is not this one's. */
static bool option_allowed(enum cmd cmd, int ch, const char *given)
{
	bool host = cmd == CMD_STATUS || cmd == CMD_CHECK;

	if (ch >= OPT_ROOT && ch <= OPT_XEN_CMD && !host)
		errorf("%s: option '%s' is for status and check", cmd_names[cmd], given);
	else if (ch == OPT_JSON && cmd == CMD_UPDATEINFO)
		errorf("updateinfo: --json does not apply: the output is XML");
	else if (ch == OPT_VERIFY && cmd != CMD_UPDATEINFO)
		errorf("%s: --verify is for updateinfo", cmd_names[cmd]);
	else if (ch == OPT_REPORT && cmd != CMD_STATUS)
		errorf("%s: --report is for status", cmd_names[cmd]);
	else if (ch == OPT_BUILDROOT && cmd != CMD_SCAN)
		errorf("%s: --buildroot is for scan", cmd_names[cmd]);
	else if (ch == OPT_TARGET && cmd != CMD_PROVIDES)
		errorf("%s: --target is for provides", cmd_names[cmd]);
	else if (cmd == CMD_PROVIDES && ch != OPT_TARGET && ch != 'v')
		errorf("provides: option '%s' does not apply (it reads paths on stdin)", given);
#ifndef HAVE_LIBSOLV
	else if (ch == OPT_REPO)
		errorf("%s: --repo: this lpcheck was built without libsolv and reads no repository metadata; "
		       "give the .rpm files (yum: update --downloadonly --downloaddir=DIR, then lpcheck check DIR/*.rpm)",
		       cmd_names[cmd]);
#endif
	else
		return true;
	return false;
}

/* Stores one option's value. */
static void option_set(int ch, const char *arg, struct options *o)
{
	switch (ch) {
	case OPT_JSON: o->json = true; break;
	case OPT_VERIFY: o->verify = arg; break;
	case OPT_REPORT: o->report = arg; break;
	case OPT_BUILDROOT: o->buildroot = arg; break;
	case OPT_TARGET: o->target = arg; break;
	case OPT_ROOT: o->root = arg; break;
	case OPT_DBPATH: o->dbpath = arg; break;
	case OPT_SYSFS: o->sysfs = arg; break;
	case OPT_XEN_ID: o->build_id[LP_XEN] = arg; break;
	case OPT_KERNEL_ID: o->build_id[LP_KERNEL] = arg; break;
	case OPT_XEN_APPLIED: o->applied[LP_XEN] = arg; break;
	case OPT_KERNEL_APPLIED: o->applied[LP_KERNEL] = arg; break;
	case OPT_XEN_CMD: o->xen_livepatch_cmd = arg; break;
	case OPT_REPO: o->repos[o->nrepos++] = arg; break;
	case 'v': verbosity++; break;
	}
}

/* The operands and the values given: 0, or the exit code after one line. */
static int options_check(enum cmd cmd, const struct options *o)
{
	if ((cmd == CMD_STATUS || cmd == CMD_PROVIDES) && o->nrpms) {
		errorf("%s: unexpected argument '%s'", cmd_names[cmd], o->rpms[0]);
		return EXIT_USAGE;
	}
	if ((cmd == CMD_CHECK || cmd == CMD_SCAN || cmd == CMD_UPDATEINFO) && o->nrpms == 0 && o->nrepos == 0 &&
	    o->buildroot == NULL) {
		errorf("%s: give --repo DIR or PKG.rpm files", cmd_names[cmd]);
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

/* Returns 0, -1 after --help, or an exit code to leave with. */
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
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "buildroot", required_argument, NULL, OPT_BUILDROOT },
		{ "target", required_argument, NULL, OPT_TARGET },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	o->repos = calloc((size_t)argc + 1, sizeof(*o->repos));
	if (o->repos == NULL)
		return EXIT_USAGE;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			usage(stdout, cmd);
			return -1;
		}
		if (ch == '?' || ch == ':') {
			errorf("%s: unknown option '%s' (see lpcheck %s --help)", argv[0], argv[optind - 1], argv[0]);
			return EXIT_USAGE;
		}
		if (!option_allowed(cmd, ch, argv[optind - 1]))
			return EXIT_USAGE;
		option_set(ch, optarg, o);
	}
	o->rpms = argv + optind;
	o->nrpms = (size_t)(argc - optind);
	return options_check(cmd, o);
}

static bool read_rpms(rpmts ts, const struct options *o, struct lp_pkglist *out)
{
	char err[4096];
	for (size_t i = 0; i < o->nrpms; i++) {
		struct lp_package *p = lp_rpm_package_read_file(ts, o->rpms[i], err, sizeof(err));
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

#ifndef HAVE_LIBSOLV
/* Without libsolv, option_allowed() refuses --repo: there is never one to read. */
static bool read_repos(const struct options *o, struct lp_pkglist *out, bool note)
{
	return o->nrepos == 0;
}
#else
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
#endif

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

/* A V-R as printed, or "-". */
static void add_vr(struct lp_strbuf *sb, const struct lp_vr *vr)
{
	if (vr)
		lp_strbuf_addf(sb, LP_VR_FMT, LP_VR_ARGS(vr));
	else
		lp_strbuf_addch(sb, '-');
}

/* Prints a line put together in sb (escaped by lp_put_line), and empties sb. */
static void put_sb(struct lp_strbuf *sb)
{
	lp_put_line(stdout, "%s", sb->failed ? "(out of memory)" : lp_strbuf_str(sb));
	lp_strbuf_release(sb);
}

static void print_component_detail(const struct lp_decision *d)
{
	struct lp_strbuf sb;

	lp_put_line(stdout, "%s", "");
	lp_put_line(stdout, "%s:", lp_component_name(d->component));
	lp_strbuf_init(&sb);
	lp_strbuf_adds(&sb, "  applied:    ");
	add_vr(&sb, d->applied ? &d->applied->to : NULL);
	put_sb(&sb);
	lp_strbuf_addf(&sb, "  supported:  %zu build%s", d->nsupported, d->nsupported == 1 ? "" : "s");
	for (size_t i = 0; i < d->nsupported; i++)
		lp_strbuf_addf(&sb, "%s%s", i ? ", " : ": ", d->supported[i]);
	put_sb(&sb);
	lp_strbuf_adds(&sb, "  live patch: ");
	if (d->chosen && (d->verdict == LP_LIVEPATCHABLE || d->verdict == LP_UP_TO_DATE)) {
		add_vr(&sb, &d->chosen->base);
		lp_strbuf_adds(&sb, " -> ");
		add_vr(&sb, d->chosen_to);
		lp_strbuf_addf(&sb, " from %s", d->chosen->pkg->nevra);
	} else {
		lp_strbuf_addch(&sb, '-');
	}
	put_sb(&sb);
	lp_put_line(stdout, "  %s", d->message ? d->message : "");
}

static void print_outcome(const struct lp_outcome *o, const struct lp_pkgset *installed)
{
	struct lp_strbuf sb;

	lp_put_line(stdout, "%-8s %-15s %-8s %-42s %s", "COMPONENT", "VERDICT", "FLAGGED", "RUNNING BUILD", "TARGET");
	lp_strbuf_init(&sb);
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		const struct lp_decision *d = &o->decisions[c];
		lp_strbuf_addf(&sb, "%-9s%-15s %-8s %-42s ", lp_component_name(c), lp_verdict_name(d->verdict),
			       d->flagged ? "yes" : "no", or_dash(d->running_build_id));
		add_vr(&sb, d->latest_target);
		put_sb(&sb);
	}
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		print_component_detail(&o->decisions[c]);
	if (installed) {
		lp_put_line(stdout, "%s", "");
		lp_put_line(stdout, "installed live patch packages:%s", installed->n ? "" : " none");
		for (size_t i = 0; i < installed->n; i++)
			lp_put_line(stdout, "  %s", installed->pkgs[i]->nevra);
	}
	if (o->nproblems) {
		lp_put_line(stdout, "%s", "");
		lp_put_line(stdout, "problems:");
		for (size_t i = 0; i < o->nproblems; i++) {
			char *line = lp_report_problem_line(o->problems[i]);
			lp_put_line(stdout, "  %s", line ? line : "(out of memory)");
			free(line);
		}
	}
}

/* status: the plugin's last run, when it was blocked or flagged something. */
static void print_last_run(const struct lp_last_run *last, const struct lp_outcome *now)
{
	size_t n;
	char **lines;

	if (!lp_last_run_worth_showing(last))
		return;
	lines = lp_last_run_lines(last, now, &n);
	lp_put_line(stdout, "%s", "");
	lp_put_line(stdout, "the plugin's last transaction:");
	for (size_t i = 0; lines && i < n; i++) {
		lp_put_line(stdout, "  %s", lines[i]);
		free(lines[i]);
	}
	free(lines);
}

/* status passes installed and the host state (NULL: none); check passes neither. */
static int emit_outcome(const struct options *opts, const struct lp_outcome *o, const struct lp_pkgset *installed,
			const struct lp_host_state *hs)
{
	if (opts->json) {
		char *json = installed ? lp_report_status_json(o, hs) : lp_report_json(o, NULL);
		if (json == NULL) {
			errorf("out of memory");
			return EXIT_USAGE;
		}
		fputs(json, stdout);
		free(json);
	} else {
		print_outcome(o, installed);
		print_last_run(hs && hs->have_last ? &hs->last : NULL, o);
	}
	return o->flagged ? EXIT_FLAGGED : 0;
}

/* Probes the host for the components the transaction concerns. */
static void probe_host(const struct options *o, const struct lp_transaction *t, struct lp_host *host)
{
	struct lp_host_config cfg = {
		.root = o->root,
		.sysfs = o->sysfs,
		.build_id = { o->build_id[LP_XEN], o->build_id[LP_KERNEL] },
		.applied = { o->applied[LP_XEN], o->applied[LP_KERNEL] },
		.xen_livepatch_cmd = o->xen_livepatch_cmd ? o->xen_livepatch_cmd : "/usr/sbin/xen-livepatch",
	};
	bool concerns[LP_NCOMPONENTS];

	lp_transaction_concerns(t, concerns);
	for (int c = 0; c < LP_NCOMPONENTS; c++)
		cfg.skip_applied[c] = !concerns[c];
	lp_host_probe(&cfg, host, &cli_log);
}

/*
 * Probes the host, judges t and prints the outcome; returns the exit code.
 * status: hs is what the plugin left on the host (NULL: nothing), which
 * keeps a pending reboot visible.
 */
static int judge_and_emit(const struct options *o, const struct lp_transaction *t, const struct lp_host_state *hs)
{
	struct lp_host host;
	struct lp_outcome outcome;
	bool status = t->purpose == LP_PURPOSE_STATUS;
	int rc = EXIT_USAGE;

	probe_host(o, t, &host);
	if (!lp_transaction_judge(t, &host, &outcome)) {
		errorf("out of memory");
	} else if (status && !lp_status_apply_host_state(&outcome, hs, o->nrepos > 0)) {
		errorf("out of memory");
		lp_outcome_release(&outcome);
	} else {
		rc = emit_outcome(o, &outcome, status ? &t->installed : NULL, hs);
		lp_outcome_release(&outcome);
	}
	lp_host_release(&host);
	return rc;
}

/* One of the plugin's files; false when there is none to use (a bad one is one note). */
static bool read_plugin_file(const char *what, const char *path, struct lp_last_run *out)
{
	char err[512];

	switch (path ? lp_report_read_file(path, out, err, sizeof(err)) : LP_REPORT_NONE) {
	case LP_REPORT_OK: return true;
	case LP_REPORT_NONE: return false;
	default:
		errorf("note: the plugin's %s '%s': %s; not used", what, path, err);
		return false;
	}
}

/*
 * What the plugin left for status: its report (--report, else where
 * %__transaction_lpcheck_report puts it for --root) and the pending reboots
 * beside it. False only when out of memory.
 */
static bool read_host_state(const struct options *o, struct lp_host_state *hs)
{
	char *configured = o->report ? strdup(o->report) : lp_rpm_macro("__transaction_lpcheck_report");
	char *report = configured && strcmp(configured, "none") != 0 ? lp_report_path(configured, o->root) : NULL;
	bool ok = configured == NULL || strcmp(configured, "none") == 0 || report != NULL;

	memset(hs, 0, sizeof(*hs));
	if (report) {
		hs->have_last = read_plugin_file("report", report, &hs->last);
		for (int c = 0; ok && c < LP_NCOMPONENTS; c++) {
			char *pending = lp_pending_path(report, (enum lp_component)c);
			ok = pending != NULL;
			hs->have_pending[c] = ok && read_plugin_file("pending reboot", pending, &hs->pending[c]);
			free(pending);
		}
	}
	free(report);
	free(configured);
	return ok;
}

/* The installed live patch packages of the host's database; false after one line. */
static bool read_installed(rpmts ts, const struct options *o, struct lp_pkglist *installed)
{
	char err[4096];

	if (!lp_rpmdb_open(ts, o->root, err, sizeof(err))) {
		errorf("%s", err);
		return false;
	}
	if (!lp_rpmdb_livepatch_packages(ts, NULL, 0, installed)) {
		errorf("rpm database: cannot read the installed live patch packages (out of memory)");
		return false;
	}
	return true;
}

static int cmd_status(const struct options *o)
{
	rpmts ts = lp_rpm_ts_new(o->root);
	struct lp_pkglist installed = { 0 };
	int rc = EXIT_USAGE;

	struct lp_pkglist repo = { 0 };
	struct lp_host_state hs;

	if (read_repos(o, &repo, false) && read_installed(ts, o, &installed)) {
		struct lp_transaction t = { .purpose = LP_PURPOSE_STATUS, .installed = lp_pkglist_set(&installed),
					    .known = lp_pkglist_set(&repo) };
		if (read_host_state(o, &hs))
			rc = judge_and_emit(o, &t, &hs);
		else
			errorf("out of memory");
		lp_host_state_release(&hs);
	}
	lp_pkglist_release(&repo);
	lp_pkglist_release(&installed);
	rpmtsFree(ts);
	return rc;
}

static void print_plan(const struct lp_transaction *t)
{
	struct lp_strbuf sb;

	lp_strbuf_init(&sb);
	lp_strbuf_adds(&sb, "update: ");
	for (size_t i = 0; i < t->added.n; i++)
		lp_strbuf_addf(&sb, "%s%s", i ? ", " : "", t->added.pkgs[i]->nevra);
	lp_strbuf_adds(&sb, t->added.n ? "" : "nothing newer than what is installed");
	put_sb(&sb);
	for (size_t i = 0; i < t->removed.n; i++)
		lp_put_line(stdout, "replaces: %s", t->removed.pkgs[i]->nevra);
	lp_put_line(stdout, "%s", "");
}

static int cmd_check(const struct options *o)
{
	rpmts ts = lp_rpm_ts_new(o->root);
	struct lp_pkglist installed = { 0 }, files = { 0 }, repo = { 0 };
	struct lp_update_plan plan;
	int rc = EXIT_USAGE;

	if (!read_rpms(ts, o, &files) || !read_repos(o, &repo, false) || !read_installed(ts, o, &installed))
		goto out;
	struct lp_pkgset inst = lp_pkglist_set(&installed), given = lp_pkglist_set(&files),
			 known = lp_pkglist_set(&repo);
	if (!lp_update_plan_make(&inst, &given, &known, &plan)) {
		errorf("out of memory");
		goto out;
	}
	if (!o->json)
		print_plan(&plan.t);
	rc = judge_and_emit(o, &plan.t, NULL);
	lp_update_plan_release(&plan);
out:
	lp_pkglist_release(&installed);
	lp_pkglist_release(&files);
	lp_pkglist_release(&repo);
	rpmtsFree(ts);
	return rc;
}

static void print_scan(const struct lp_scan *scan)
{
	lp_put_line(stdout, "%-40s %-7s %-20s %5s %5s %7s", "PACKAGE", "COMP", "TARGET", "BASES", "ADDED", "DROPPED");
	for (size_t i = 0; i < scan->n; i++) {
		const struct lp_scan_entry *e = &scan->entries[i];
		char target[256] = "-";
		if (e->target)
			snprintf(target, sizeof(target), LP_VR_FMT, LP_VR_ARGS(e->target));
		lp_put_line(stdout, "%-40s %-7s %-20s %5zu %5zu %7zu", e->pkg->nevra, lp_component_name(e->component),
			    target, e->nbases, e->nadded, e->ndropped);
		for (size_t k = 0; k < e->ndropped; k++)
			lp_put_line(stdout, "    dropped %s", e->dropped[k]);
		for (size_t k = 0; k < e->nbases; k++)
			if (e->bases[k]->name_cut)
				lp_put_line(stdout, "    cut name %s: the payload name is at the %zu-character limit",
					    e->bases[k]->build_id, lp_component_name_limit(e->component));
	}
	if (scan->n == 0)
		lp_put_line(stdout, "(no live patch packages)");
	for (size_t i = 0; i < scan->nproblems; i++) {
		char *line = lp_report_problem_line(scan->problems[i]);
		lp_put_line(stdout, "%s", line ? line : "(out of memory)");
		free(line);
	}
}

/* scan --buildroot: the buildroot's files as one package, named as rpmbuild's scriptlet environment says. */
static bool read_buildroot(const struct options *o, struct lp_pkglist *out)
{
	char err[4096];
	struct lp_package *pkg;

	if (o->buildroot == NULL)
		return true;
	pkg = lp_buildroot_read(o->buildroot, getenv("RPM_PACKAGE_NAME"), getenv("RPM_PACKAGE_VERSION"),
				getenv("RPM_PACKAGE_RELEASE"), getenv("RPM_ARCH"), err, sizeof(err));
	if (pkg == NULL) {
		errorf("%s", err);
		return false;
	}
	if (!lp_pkglist_push(out, pkg)) {
		errorf("%s: out of memory", o->buildroot);
		return false;
	}
	return true;
}

/*
 * rpm's file attribute generator: a payload path per line on stdin, the
 * sorted, unique livepatch() Provides on stdout, a line on stderr for each
 * payload that gives none. Exit 0: rpm ignores a generator's status anyway.
 */
static int cmd_provides(const struct options *o)
{
	char *line = NULL, **out = NULL;
	size_t cap = 0, n = 0, alloc = 0;
	ssize_t len;
	int rc = 0;

	if (o->target && !lp_vr_text_valid(o->target)) {
		errorf("provides: --target '%s' is not a version-release (letters, digits and ._+~^ "
		       "on each side of one '-'): check %%livepatch_target", o->target);
		return EXIT_USAGE;
	}
	while ((len = getline(&line, &cap, stdin)) > 0) {
		const char *why;
		char *prov;
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		prov = lp_provides_for_payload(line, o->target, &why);
		if (why)
			errorf("%s: %s", line, why);
		if (prov && !lp_array_grow((void **)&out, &alloc, n + 1, sizeof(*out))) {
			free(prov);
			errorf("out of memory");
			rc = EXIT_USAGE;
			break;
		}
		if (prov)
			out[n++] = prov;
	}
	if (n)
		qsort(out, n, sizeof(*out), lp_str_ptr_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(out[i - 1], out[i]) != 0)
			lp_put_line(stdout, "%s", out[i]);
		free(out[i]);
	}
	free(out);
	free(line);
	return rc;
}

static int cmd_scan(const struct options *o)
{
	rpmts ts = lp_rpm_ts_new(NULL);
	struct lp_pkglist pkgs = { 0 };
	struct lp_scan scan;
	int rc = EXIT_USAGE;

	if (!read_rpms(ts, o, &pkgs) || !read_repos(o, &pkgs, true) || !read_buildroot(o, &pkgs))
		goto out;
	struct lp_pkgset set = lp_pkglist_set(&pkgs);
	if (!lp_scan_run(&set, &scan)) {
		errorf("out of memory");
		goto out;
	}
	if (o->json) {
		char *json = lp_report_scan_json(&scan);
		if (json)
			fputs(json, stdout);
		else
			errorf("out of memory");
		rc = json == NULL ? EXIT_USAGE : scan.flagged ? EXIT_FLAGGED : 0;
		free(json);
	} else {
		print_scan(&scan);
		rc = scan.flagged ? EXIT_FLAGGED : 0;
	}
	if (scan.nduplicates && verbosity > 0)
		errorf("note: %zu package(s) given twice were scanned once", scan.nduplicates);
	lp_scan_release(&scan);
out:
	lp_pkglist_release(&pkgs);
	rpmtsFree(ts);
	return rc;
}

/* updateinfo.xml, compressed or not; without libsolv only an uncompressed one (errno EPROTONOSUPPORT). */
static FILE *open_updateinfo(const char *path)
{
#ifdef HAVE_LIBSOLV
	return lp_solv_fopen(path);
#else
	static const char *const compressed[] = { ".gz", ".bz2", ".xz", ".zst", ".zck" };
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof(compressed) / sizeof(compressed[0]); i++) {
		size_t k = strlen(compressed[i]);
		if (n > k && strcmp(path + n - k, compressed[i]) == 0) {
			errno = EPROTONOSUPPORT;
			return NULL;
		}
	}
	return fopen(path, "r");
#endif
}

/* --verify FILE: one line per problem on stdout; the exit code. */
static int verify_updateinfo(const struct options *o, const struct lp_pkgset *set)
{
	char err[4096];
	FILE *fp;
	long n;

	errno = 0;
	fp = open_updateinfo(o->verify);
	if (fp == NULL) {
		errorf("%s: %s", o->verify,
		       errno == EPROTONOSUPPORT ? "a compressed file needs libsolv (this lpcheck was built without it)"
		       : errno		       ? strerror(errno)
					       : "cannot be opened");
		return EXIT_USAGE;
	}
	n = lp_updateinfo_verify(fp, o->verify, set, stdout, verbosity > 0 ? stderr : NULL, err, sizeof(err));
	fclose(fp);
	if (n < 0) {
		errorf("%s", err);
		return EXIT_USAGE;
	}
	return n > 0 ? EXIT_FLAGGED : 0;
}

static int cmd_updateinfo(const struct options *o)
{
	rpmts ts = lp_rpm_ts_new(NULL);
	struct lp_pkglist pkgs = { 0 };
	int rc = EXIT_USAGE;

	if (!read_rpms(ts, o, &pkgs) || !read_repos(o, &pkgs, false))
		goto out;
	struct lp_pkgset set = lp_pkglist_set(&pkgs);
	if (o->verify)
		rc = verify_updateinfo(o, &set);
	else if (lp_updateinfo_write(stdout, &set))
		rc = 0;
	else
		errorf("out of memory");
out:
	lp_pkglist_release(&pkgs);
	rpmtsFree(ts);
	return rc;
}

/* The command named by argv[1]; CMD_NONE after handling --version, --help and help COMMAND (*done). */
static enum cmd pick_command(int argc, char **argv, bool *done)
{
	enum cmd cmd = CMD_NONE;

	*done = true;
	if (!strcmp(argv[1], "--version")) {
		printf("lpcheck %s\n", PACKAGE_VERSION);
		return CMD_NONE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout, CMD_NONE);
		return CMD_NONE;
	}
	bool help = !strcmp(argv[1], "help");
	const char *name = help ? (argc > 2 ? argv[2] : "") : argv[1];
	for (int c = CMD_STATUS; c <= CMD_PROVIDES; c++)
		if (!strcmp(name, cmd_names[c]))
			cmd = (enum cmd)c;
	if (help) {
		usage(stdout, cmd);
		return CMD_NONE;
	}
	*done = false;
	return cmd;
}

/* rpm ignores a relative root and reads the host's own database: resolve it, or refuse it. */
static bool resolve_root(struct options *o)
{
	if (o->root == NULL || o->root[0] == '/')
		return true;
	o->root_resolved = realpath(o->root, NULL);
	if (o->root_resolved == NULL) {
		errorf("--root '%s': %s", o->root, strerror(errno));
		return false;
	}
	o->root = o->root_resolved;
	return true;
}

static int run_command(enum cmd cmd, int argc, char **argv)
{
	struct options o = { 0 };
	char err[256];
	int rc;

	rc = parse_options(cmd, argc - 1, argv + 1, &o);
	if (rc != 0) {
		rc = rc < 0 ? 0 : rc;
	} else if (!resolve_root(&o)) {
		rc = EXIT_USAGE;
	} else if (!lp_rpm_cli_init(o.dbpath, verbosity, err, sizeof(err))) {
		errorf("%s", err);
		rc = EXIT_USAGE;
	} else {
		switch (cmd) {
		case CMD_STATUS: rc = cmd_status(&o); break;
		case CMD_CHECK: rc = cmd_check(&o); break;
		case CMD_UPDATEINFO: rc = cmd_updateinfo(&o); break;
		case CMD_PROVIDES: rc = cmd_provides(&o); break;
		default: rc = cmd_scan(&o); break;
		}
		lp_rpm_cli_fini();
	}
	free(o.repos);
	free(o.root_resolved);
	return rc;
}

/* Output that did not reach stdout (a full disk, a closed pipe) is an error, not a verdict. */
static int check_stdout(int rc)
{
	int err;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	err = errno ? errno : EIO;
	errorf("standard output: %s", strerror(err));
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	enum cmd cmd;
	bool done;

	if (argc < 2) {
		usage(stderr, CMD_NONE);
		return EXIT_USAGE;
	}
	cmd = pick_command(argc, argv, &done);
	if (done)
		return check_stdout(0);
	if (cmd == CMD_NONE) {
		errorf("unknown command '%s' (status, check, scan, updateinfo or provides)", argv[1]);
		return EXIT_USAGE;
	}
	return check_stdout(run_command(cmd, argc, argv));
}
