/*
 * The rpm plugin for el7's rpm 4.11.3 (XenServer 8, XCP-ng 8), whose backport
 * of transaction plugins has its own ABI: a plugin_hooks bitmask and free
 * pluginhook_* functions, no plugin handle. That rpm registers the plugin
 * again for every added package and every rpmtsRun and calls each hook once
 * per registration, and skips every hook under --test and --justdb. So the
 * state lives in one static struct: the first tsm_pre of a transaction judges
 * it and logs, the other registrations get the same answer, and the first
 * tsm_post writes the report and re-arms. Everything it decides is in lib/;
 * ext/rpm_plugin.c does the rpm side, as for the 4.12+ adapter.
 */
#include "config.h"
#include <stdbool.h>
#include <rpm/rpmts.h>
#include <rpm/rpmtypes.h>
#include "rpm_plugin.h"

/* el7's plugin.h is private: its hook bits, declared here. */
#define EL7_HOOK_INIT (1 << 0)
#define EL7_HOOK_CLEANUP (1 << 1)
#define EL7_HOOK_TSM_PRE (1 << 6)
#define EL7_HOOK_TSM_POST (1 << 7)

rpmFlags plugin_hooks = EL7_HOOK_INIT | EL7_HOOK_CLEANUP | EL7_HOOK_TSM_PRE | EL7_HOOK_TSM_POST;

rpmRC pluginhook_init(rpmts ts, const char *name, const char *opts);
rpmRC pluginhook_cleanup(void);
rpmRC pluginhook_tsm_pre(rpmts ts);
rpmRC pluginhook_tsm_post(rpmts ts, int res);

/*
 * Invariants: registrations counts inits not yet matched by a cleanup; cfg is
 * read when enabled; judged is set from the first tsm_pre of a transaction to
 * its first tsm_post, and block holds that tsm_pre's answer meanwhile.
 */
static struct {
	unsigned registrations;
	bool enabled;
	bool judged;
	bool block;
	struct lp_plugin_config cfg;
	struct lp_plugin_run run;
} lpcheck;

rpmRC pluginhook_init(rpmts ts, const char *name, const char *opts)
{
	/* never fail: on el7 a failing init breaks every install and erase */
	if (lpcheck.registrations++ == 0)
		lpcheck.enabled = lp_plugin_config_read(&lpcheck.cfg);
	return RPMRC_OK;
}

rpmRC pluginhook_cleanup(void)
{
	/* a registration made during a test run gets no init but a cleanup: never go below zero */
	if (lpcheck.registrations > 0 && --lpcheck.registrations == 0) {
		lp_plugin_run_release(&lpcheck.run);
		lp_plugin_config_release(&lpcheck.cfg);
		lpcheck.enabled = lpcheck.judged = lpcheck.block = false;
	}
	return RPMRC_OK;
}

rpmRC pluginhook_tsm_pre(rpmts ts)
{
	if (!lpcheck.enabled)
		return RPMRC_OK;
	if (!lpcheck.judged) {
		/* el7's rpm calls no psm hook: the lines go out now, and yum shows them at its next callback */
		lpcheck.block = lp_plugin_run_judge(&lpcheck.run, ts, &lpcheck.cfg, false);
		lpcheck.judged = true;
	}
	return lpcheck.block ? RPMRC_FAIL : RPMRC_OK;
}

rpmRC pluginhook_tsm_post(rpmts ts, int res)
{
	if (lpcheck.judged) {
		lp_plugin_run_report(&lpcheck.run, &lpcheck.cfg, res);
		lp_plugin_run_end(&lpcheck.run);
		lpcheck.judged = lpcheck.block = false;
	}
	return RPMRC_OK;
}
