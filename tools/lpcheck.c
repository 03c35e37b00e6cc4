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
#include <unistd.h>
#include "array.h"
#include "atomic_file.h"
#include "buildroot.h"
#include "last_run.h"
#include "probe.h"
#include "report.h"
#include "render.h"
#include "package_source.h"
#include "report_json.h"
#include "transaction_json.h"
#include "rpm.h"
#include "scan.h"
#include "solv.h"
#include "transaction.h"
#include "updateinfo.h"

#define EXIT_FLAGGED 1
#define EXIT_USAGE 2

struct options {
	bool json;             /* scan: --json */
	enum lp_format format; /* status, check: --format (--json: json) */
	const char *format_name; /* --format as given, checked by options_check */
	const char *output;    /* status, check: written atomically instead of stdout */
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
	const char *transaction; /* check: a planned transaction in JSON, FILE or - */
	const char *blocked_report; /* check --transaction: where a front end that blocks it reports it */
	const char **enable, **disable; /* --enablerepo, --disablerepo globs */
	size_t nenable, ndisable;
	const char *releasever;
	bool no_cache;         /* check: not lpcheck's solv cache of the configured repositories */
};

/* The last error line, for a monitoring plugin's UNKNOWN line (--format nagios). */
static char last_error[512];

static void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	lp_put_vline(stderr, "lpcheck: ", fmt, ap);
	va_end(ap);
}

static void log_to_stderr(void *ctx, enum lp_log_level level, const char *line)
{
	int verbose = *(int *)ctx;
	if (level >= LP_LOG_ERROR) /* the library's error lines carry the prefix errorf() adds */
		snprintf(last_error, sizeof(last_error), "%s",
			 strncmp(line, "lpcheck: ", 9) == 0 ? line + 9 : line);
	if (level >= LP_LOG_WARNING || (level == LP_LOG_INFO && verbose > 0) || verbose > 1)
		lp_put_line(stderr, "%s", line);
}

static int verbosity;
static const struct lp_log cli_log = { log_to_stderr, &verbosity };

static const char *const usage_text[] = {
	"usage: lpcheck status [--format F] [--output FILE] [HOST OPTIONS] [--repo DIR]... [--report FILE]\n"
	"       lpcheck check  [--format F] [--output FILE] [HOST OPTIONS] [--repo DIR]... [PKG.rpm]...\n"
	"       lpcheck check  [--format F] [HOST OPTIONS] [--enablerepo GLOB]... [--disablerepo GLOB]... [--releasever V]\n"
	"       lpcheck check  [--format F] [--output FILE] [HOST OPTIONS] --transaction FILE|-\n"
	"       lpcheck scan   [--json] [--buildroot DIR] [--repo DIR]... [PKG.rpm]...\n"
	"       lpcheck updateinfo [--verify FILE] [--repo DIR]... [PKG.rpm]...\n"
	"       lpcheck provides [--target V-R] < PATHS\n"
	"       lpcheck help COMMAND | --help | --version\n",
	"lpcheck status [--format F] [--output FILE] [HOST OPTIONS] [--repo DIR]... [--report FILE]\n"
	"  The running Xen and kernel builds, the applied live patches, the installed\n"
	"  live patch packages and the verdict for what is installed now. eol is flagged\n"
	"  (a reboot is pending): also while a pending reboot the plugin kept names the\n"
	"  build the host still runs, or when an older version in --repo (without it:\n"
	"  the configured repositories' caches) carried it.\n"
	"  no-match is reported but not flagged.\n"
	"  --report FILE   the plugin's report (default: %__transaction_lpcheck_report)\n",
	"lpcheck check [--format F] [--output FILE] [HOST OPTIONS] [--repo DIR]... [PKG.rpm]...\n"
	"  The verdict of an upgrade, as dnf would do it: every PKG.rpm and the newest\n"
	"  version of each live patch package in the repositories is a candidate; one\n"
	"  newer than the installed package of its name replaces it. eol, no-match and\n"
	"  layout problems of the packages added are flagged.\n"
	"  Without --repo or files: the repositories the host's package manager (dnf5,\n"
	"  dnf, yum) configured, from their caches, never the network.\n"
	"  --enablerepo GLOB, --disablerepo GLOB, --releasever V  as dnf takes them\n"
	"  --no-cache       not lpcheck's solv cache of them (/var/cache/lpcheck)\n"
	"  --transaction FILE|-  instead, the transaction a front end planned (yum's and\n"
	"                   dnf's plugins): JSON naming the packages it adds and removes\n"
	"  --blocked-report PATH  with --transaction, for a front end in enforce mode: when\n"
	"                   something is flagged, report the transaction as blocked there\n"
	"                   (default: /run/lpcheck/last-transaction.json inside --root)\n",
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

static const char format_help[] =
	"  --format text|json|prometheus|nagios\n"
	"                           the table (default), the JSON document, Prometheus's\n"
	"                           exposition format, or one monitoring-plugins line\n"
	"  --output FILE            write it to FILE atomically (mode 0644), not stdout\n";

static const char common_help[] =
	"OPTIONS:\n"
	"  --json                   print the JSON document described in lpcheck(8)\n"
	"  --repo DIR               a repository (DIR/repodata/repomd.xml); may repeat\n"
	"  -v, --verbose            say more on stderr\n"
	"  -h, --help               this text\n";

static const char exit_help[] = "Exit: 0 nothing flagged, 1 something flagged, 2 usage error or unreadable input.\n";
static const char nagios_exit_help[] =
	"  --format nagios: 0 OK, 1 WARNING (flagged, no reboot needed), 2 CRITICAL (a\n"
	"  reboot is needed), 3 UNKNOWN (the host, its database or a file of the plugin\n"
	"  cannot be read).\n";

enum cmd { CMD_NONE, CMD_STATUS, CMD_CHECK, CMD_SCAN, CMD_UPDATEINFO, CMD_PROVIDES };
static const char *const cmd_names[] = { "lpcheck", "status", "check", "scan", "updateinfo", "provides" };

static void usage(FILE *fp, enum cmd cmd)
{
	fputs(usage_text[cmd], fp);
	if (cmd == CMD_STATUS || cmd == CMD_CHECK)
		fputs(host_help, fp);
	if (cmd != CMD_NONE && cmd != CMD_PROVIDES)
		fputs(common_help, fp);
	if (cmd == CMD_STATUS || cmd == CMD_CHECK)
		fputs(format_help, fp);
	if (cmd != CMD_NONE && cmd != CMD_PROVIDES)
		fputs(exit_help, fp);
	if (cmd == CMD_STATUS || cmd == CMD_CHECK)
		fputs(nagios_exit_help, fp);
}

enum {
	OPT_JSON = 256, OPT_ROOT, OPT_DBPATH, OPT_SYSFS, OPT_XEN_ID, OPT_KERNEL_ID, OPT_XEN_APPLIED,
	OPT_KERNEL_APPLIED, OPT_XEN_CMD, OPT_REPO, OPT_VERIFY, OPT_REPORT, OPT_BUILDROOT, OPT_TARGET, OPT_FORMAT,
	OPT_OUTPUT, OPT_TRANSACTION, OPT_BLOCKED_REPORT, OPT_ENABLEREPO, OPT_DISABLEREPO, OPT_RELEASEVER, OPT_NO_CACHE,
};

/* Which command an option belongs to; false (with the one line said) when it is not this one's. */
static bool option_allowed(enum cmd cmd, int ch, const char *given)
{
	bool host = cmd == CMD_STATUS || cmd == CMD_CHECK;

	if (ch >= OPT_ROOT && ch <= OPT_XEN_CMD && !host)
		errorf("%s: option '%s' is for status and check", cmd_names[cmd], given);
	else if (ch == OPT_JSON && cmd == CMD_UPDATEINFO)
		errorf("updateinfo: --json does not apply: the output is XML");
	else if ((ch == OPT_FORMAT || ch == OPT_OUTPUT) && !host)
		errorf("%s: option '%s' is for status and check", cmd_names[cmd], given);
	else if ((ch == OPT_ENABLEREPO || ch == OPT_DISABLEREPO || ch == OPT_RELEASEVER || ch == OPT_NO_CACHE) &&
		 cmd != CMD_CHECK)
		errorf("%s: option '%s' is for check", cmd_names[cmd], given);
	else if ((ch == OPT_TRANSACTION || ch == OPT_BLOCKED_REPORT) && cmd != CMD_CHECK)
		errorf("%s: --transaction is for check", cmd_names[cmd]);
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
	case OPT_JSON: o->json = true; o->format = LP_FORMAT_JSON; break;
	case OPT_FORMAT: o->format_name = arg; break;
	case OPT_OUTPUT: o->output = arg; break;
	case OPT_TRANSACTION: o->transaction = arg; break;
	case OPT_BLOCKED_REPORT: o->blocked_report = arg; break;
	case OPT_ENABLEREPO: o->enable[o->nenable++] = arg; break;
	case OPT_DISABLEREPO: o->disable[o->ndisable++] = arg; break;
	case OPT_RELEASEVER: o->releasever = arg; break;
	case OPT_NO_CACHE: o->no_cache = true; break;
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
static int options_check(enum cmd cmd, struct options *o)
{
	if (o->format_name && !lp_format_parse(o->format_name, &o->format)) {
		errorf("%s: --format '%s': expected text, json, prometheus or nagios", cmd_names[cmd], o->format_name);
		return EXIT_USAGE;
	}
	if ((cmd == CMD_STATUS || cmd == CMD_PROVIDES) && o->nrpms) {
		errorf("%s: unexpected argument '%s'", cmd_names[cmd], o->rpms[0]);
		return EXIT_USAGE;
	}
	if (o->blocked_report && !o->transaction) {
		errorf("check: --blocked-report goes with --transaction");
		return EXIT_USAGE;
	}
	if (o->transaction && (o->nrpms || o->nrepos)) {
		errorf("check: --transaction describes the whole update: no --repo or PKG.rpm beside it");
		return EXIT_USAGE;
	}
	if ((cmd == CMD_SCAN || cmd == CMD_UPDATEINFO) && o->nrpms == 0 && o->nrepos == 0 && o->buildroot == NULL) {
		errorf("%s: give --repo DIR or PKG.rpm files", cmd_names[cmd]);
		return EXIT_USAGE;
	}
	if ((o->nenable || o->ndisable || o->releasever) && (o->nrpms || o->nrepos || o->transaction)) {
		errorf("check: --enablerepo, --disablerepo and --releasever choose among the configured repositories: "
		       "not with --repo, --transaction or PKG.rpm");
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
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "transaction", required_argument, NULL, OPT_TRANSACTION },
		{ "blocked-report", required_argument, NULL, OPT_BLOCKED_REPORT },
		{ "enablerepo", required_argument, NULL, OPT_ENABLEREPO },
		{ "disablerepo", required_argument, NULL, OPT_DISABLEREPO },
		{ "releasever", required_argument, NULL, OPT_RELEASEVER },
		{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	o->repos = calloc((size_t)argc + 1, sizeof(*o->repos));
	o->enable = calloc((size_t)argc + 1, sizeof(*o->enable));
	o->disable = calloc((size_t)argc + 1, sizeof(*o->disable));
	if (o->repos == NULL || o->enable == NULL || o->disable == NULL)
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

/* True once status or check has put out its document: a nagios state 2 is then CRITICAL, not an error. */
static bool document_out;

/* Writes a rendered document to stdout or, atomically, to --output; false after one line. */
static bool put_document(const struct options *opts, const char *doc)
{
	int err;

	if (opts->output == NULL) {
		fputs(doc, stdout); /* an error here is found at the end (check_stdout) */
		return true;
	}
	err = lp_write_file_atomically(opts->output, doc, strlen(doc));
	if (err)
		errorf("--output '%s': %s", opts->output, strerror(err));
	return err == 0;
}

/*
 * Renders what status or check found in the chosen format; returns the exit
 * code: for nagios its state, else 1 when something is flagged.
 */
static int emit_view(const struct options *opts, const struct lp_view *v)
{
	char *doc = lp_render(v, opts->format);
	bool ok = doc && put_document(opts, doc);

	if (doc == NULL)
		errorf("out of memory");
	free(doc);
	if (!ok)
		return EXIT_USAGE;
	document_out = true;
	if (opts->format == LP_FORMAT_NAGIOS)
		return (int)lp_render_nagios_state(v);
	return v->outcome->flagged ? EXIT_FLAGGED : 0;
}

/* --format nagios after an error: the UNKNOWN line naming it, exit 3. */
static int nagios_unknown(const struct options *opts)
{
	char *doc = lp_render_nagios_unknown(last_error[0] ? last_error : "lpcheck failed");

	if (doc)
		put_document(opts, doc);
	free(doc);
	return LP_NAGIOS_UNKNOWN;
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
 * check --transaction --blocked-report: the front end blocks this transaction
 * (enforce mode, something flagged); its report, as the rpm plugin writes one,
 * so lpcheck status says why. False after one line.
 */
static bool report_blocked(const struct options *o, const struct lp_transaction *t, const struct lp_outcome *outcome)
{
	char *path = lp_report_path(o->blocked_report, o->root ? o->root : "/");
	char *json = lp_report_transaction_json(outcome, t, "enforce", "blocked", false, o->root ? o->root : "/");
	int err = path && json ? lp_write_file_atomically(path, json, strlen(json)) : ENOMEM;

	if (err)
		errorf("--blocked-report '%s': %s", o->blocked_report, strerror(err));
	free(path);
	free(json);
	return err == 0;
}

/*
 * Probes the host, judges what the view names (status: the installed
 * packages and what the plugin left in v->hs; check: the plan) and renders
 * it; returns the exit code.
 */
static int judge_and_emit(const struct options *o, const struct lp_transaction *t, struct lp_view *v)
{
	struct lp_host host;
	struct lp_outcome outcome;
	bool status = t->purpose == LP_PURPOSE_STATUS;
	int rc = EXIT_USAGE;

	probe_host(o, t, &host);
	if (!lp_transaction_judge(t, &host, &outcome)) {
		errorf("out of memory");
	} else if (status && !lp_status_apply_host_state(&outcome, v->hs, o->nrepos > 0 || v->nrepos > 0)) {
		errorf("out of memory");
		lp_outcome_release(&outcome);
	} else {
		v->outcome = &outcome;
		v->version = PACKAGE_VERSION;
		rc = emit_view(o, v);
		if (o->blocked_report && outcome.flagged && !report_blocked(o, t, &outcome))
			rc = EXIT_USAGE;
		lp_outcome_release(&outcome);
	}
	lp_host_release(&host);
	return rc;
}

/* Why a file of the plugin could not be used (the first), for --format nagios's UNKNOWN. */
static char unreadable[600];

/* One of the plugin's files; false when there is none to use (a bad one is one note). */
static bool read_plugin_file(const char *what, const char *path, struct lp_last_run *out)
{
	char err[512];

	switch (path ? lp_report_read_file(path, out, err, sizeof(err)) : LP_REPORT_NONE) {
	case LP_REPORT_OK: return true;
	case LP_REPORT_NONE: return false;
	default:
		errorf("note: the plugin's %s '%s': %s; not used", what, path, err);
		if (!unreadable[0])
			snprintf(unreadable, sizeof(unreadable), "the plugin's %s '%s': %s", what, path, err);
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

/* What a command asks of the package sources: the options' files, directories and repositories. */
static struct lp_source_request source_request(const struct options *o, rpmts ts, enum lp_configured_use configured)
{
	return (struct lp_source_request){
		.ts = ts, .root = o->root, .rpmdb = true,
		.rpms = o->rpms, .nrpms = o->nrpms, .repos = o->repos, .nrepos = o->nrepos,
		.configured = configured,
		.select = { .releasever = o->releasever, .enable = o->enable, .nenable = o->nenable,
			    .disable = o->disable, .ndisable = o->ndisable },
		.no_cache = o->no_cache,
	};
}

static int cmd_status(const struct options *o)
{
	rpmts ts = lp_rpm_ts_new(o->root);
	struct lp_source_request req = source_request(o, ts, LP_CONFIGURED_HELPFUL);
	struct lp_sources src;
	struct lp_host_state hs;
	int rc = EXIT_USAGE;

	if (lp_sources_read(&req, &src, &cli_log)) {
		struct lp_transaction t = { .purpose = LP_PURPOSE_STATUS, .installed = lp_pkglist_set(&src.installed),
					    .known = lp_pkglist_set(&src.known) };
		struct lp_view v = { .installed = &t.installed, .hs = &hs, .repos = src.seen, .nrepos = src.nseen };
		if (read_host_state(o, &hs)) {
			v.unreadable = unreadable[0] ? unreadable : NULL;
			rc = judge_and_emit(o, &t, &v);
		} else {
			errorf("out of memory");
		}
		lp_host_state_release(&hs);
	}
	lp_sources_release(&src);
	rpmtsFree(ts);
	return rc;
}

/* Standard input, at most max bytes (*cut: there was more); an errno value. */
static int read_stdin(size_t max, unsigned char **data, size_t *n, bool *cut)
{
	unsigned char *buf = malloc(max + 2);

	*n = 0;
	*cut = false;
	*data = buf;
	if (buf == NULL)
		return ENOMEM;
	while (*n < max + 1) {
		ssize_t r = read(0, buf + *n, max + 1 - *n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return errno;
		if (r == 0)
			break;
		*n += (size_t)r;
	}
	*cut = *n > max;
	buf[*n] = '\0';
	return 0;
}

/* The planned transaction of --transaction (a file, or - for stdin); false after one line. */
static bool read_planned(const char *path, struct lp_planned *planned)
{
	unsigned char *data = NULL;
	size_t n = 0;
	bool cut = false, ok;
	char err[512];
	int e = strcmp(path, "-") == 0 ? read_stdin(LP_TRANSACTION_MAX, &data, &n, &cut)
				       : lp_read_bounded(path, LP_TRANSACTION_MAX, &data, &n, &cut);

	if (e != 0) {
		errorf("--transaction '%s': %s", path, e == EINVAL ? "not a regular file" : strerror(e));
		free(data);
		return false;
	}
	ok = !cut && lp_planned_parse((const char *)data, n, planned, err, sizeof(err));
	if (cut)
		snprintf(err, sizeof(err), "larger than %d bytes", LP_TRANSACTION_MAX);
	if (!ok)
		errorf("--transaction '%s': %s", path, err);
	free(data);
	return ok;
}

/*
 * check --transaction: the change a front end planned. Its removed packages
 * are the installed ones of those NEVRAs (the database has their headers);
 * of its added ones, the live patch packages and those nobody saw into.
 */
static int check_planned(const struct options *o, rpmts ts)
{
	struct lp_source_request req = source_request(o, ts, LP_CONFIGURED_NONE);
	struct lp_sources src;
	struct lp_planned planned;
	const struct lp_package **removed = NULL, **added = NULL;
	int rc = EXIT_USAGE;

	if (!read_planned(o->transaction, &planned))
		return EXIT_USAGE;
	if (!lp_sources_read(&req, &src, &cli_log))
		goto out;
	const struct lp_pkglist installed = src.installed;
	removed = calloc(installed.n + 1, sizeof(*removed));
	added = calloc(planned.added.n + 1, sizeof(*added));
	if (removed == NULL || added == NULL) {
		errorf("out of memory");
		goto out;
	}
	struct lp_transaction t = { .purpose = LP_PURPOSE_TRANSACTION, .installed = lp_pkglist_set(&installed) };
	for (size_t i = 0; i < installed.n; i++)
		for (size_t k = 0; k < planned.nremoved; k++)
			if (strcmp(installed.pkgs[i]->nevra, planned.removed[k]) == 0) {
				removed[t.removed.n++] = installed.pkgs[i];
				break;
			}
	for (size_t i = 0; i < planned.added.n; i++) {
		const struct lp_package *p = planned.added.pkgs[i];
		if (p->is_livepatch[LP_XEN] || p->is_livepatch[LP_KERNEL] || lp_package_unseen(p))
			added[t.added.n++] = p;
	}
	t.removed.pkgs = removed;
	t.added.pkgs = added;
	struct lp_view v = { .plan = &t };
	rc = judge_and_emit(o, &t, &v);
out:
	free(removed);
	free(added);
	lp_planned_release(&planned);
	lp_sources_release(&src);
	return rc;
}

static int cmd_check(const struct options *o)
{
	rpmts ts = lp_rpm_ts_new(o->root);
	struct lp_source_request req = source_request(o, ts, LP_CONFIGURED_REQUIRED);
	struct lp_sources src = { 0 };
	struct lp_update_plan plan;
	int rc = EXIT_USAGE;

	if (o->transaction) {
		rc = check_planned(o, ts);
	} else if (lp_sources_read(&req, &src, &cli_log)) {
		struct lp_pkgset inst = lp_pkglist_set(&src.installed), given = lp_pkglist_set(&src.given),
				 known = lp_pkglist_set(&src.known);
		if (lp_update_plan_make(&inst, &given, &known, &plan)) {
			struct lp_view v = { .plan = &plan.t, .repos = src.seen, .nrepos = src.nseen };
			rc = judge_and_emit(o, &plan.t, &v);
			lp_update_plan_release(&plan);
		} else {
			errorf("out of memory");
		}
	}
	lp_sources_release(&src);
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
 * scan, updateinfo: the packages given (.rpm files, --repo directories, scan's
 * --buildroot), judged alone, without the rpm database; *set views them all
 * (its array freed by the caller, the packages by lp_sources_release).
 */
static bool read_alone(const struct options *o, rpmts ts, struct lp_sources *src, struct lp_pkgset *set)
{
	struct lp_source_request req = source_request(o, ts, LP_CONFIGURED_NONE);
	const struct lp_package **all;

	req.root = NULL;
	req.rpmdb = false;
	*set = (struct lp_pkgset){ 0 };
	if (!lp_sources_read(&req, src, &cli_log) || !read_buildroot(o, &src->given))
		return false;
	if ((all = calloc(src->given.n + src->known.n + 1, sizeof(*all))) == NULL) {
		errorf("out of memory");
		return false;
	}
	for (size_t i = 0; i < src->given.n; i++)
		all[i] = src->given.pkgs[i];
	for (size_t i = 0; i < src->known.n; i++)
		all[src->given.n + i] = src->known.pkgs[i];
	*set = (struct lp_pkgset){ all, src->given.n + src->known.n };
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
	struct lp_sources src;
	struct lp_pkgset set;
	struct lp_scan scan;
	int rc = EXIT_USAGE;

	if (!read_alone(o, ts, &src, &set))
		goto out;
	if (o->nrepos > 0)
		errorf("note: repository metadata lists paths only: symlink targets (symlink-mismatch) need the "
		       ".rpm files");
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
	free((void *)set.pkgs);
	lp_sources_release(&src);
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
	struct lp_sources src;
	struct lp_pkgset set;
	int rc = EXIT_USAGE;

	if (!read_alone(o, ts, &src, &set))
		goto out;
	if (o->verify)
		rc = verify_updateinfo(o, &set);
	else if (lp_updateinfo_write(stdout, &set))
		rc = 0;
	else
		errorf("out of memory");
out:
	free((void *)set.pkgs);
	lp_sources_release(&src);
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
	if (rc == EXIT_USAGE && o.format == LP_FORMAT_NAGIOS && !document_out)
		rc = nagios_unknown(&o);
	free(o.repos);
	free(o.enable);
	free(o.disable);
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
