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
 * What each hook does (lp_front_end_el7): the first tsm_pre of a transaction
 * judges it, reading the configuration and probing the host afresh, and
 * logs at once; the other registrations get the same answer; the first
 * tsm_post reports and ends the run. Invariants: registrations counts inits
 * not yet matched by a cleanup; in_transaction is set from the first tsm_pre
 * of a transaction to its first tsm_post, and block holds that tsm_pre's
 * answer meanwhile. Nothing else outlives a transaction in this process (yum
 * runs many in one).
 */
static struct {
	unsigned registrations;
	bool in_transaction;
	bool block;
	struct lp_plugin_run run;
} lpcheck;

rpmRC pluginhook_init(rpmts ts, const char *name, const char *opts)
{
	lpcheck.registrations++;
	return RPMRC_OK; /* never fail: on el7 a failing init breaks every install and erase */
}

rpmRC pluginhook_cleanup(void)
{
	/* a registration made during a test run gets no init but a cleanup: never go below zero */
	if (lpcheck.registrations > 0 && --lpcheck.registrations == 0) {
		lp_plugin_run_release(&lpcheck.run);
		lpcheck.in_transaction = lpcheck.block = false;
	}
	return RPMRC_OK;
}

rpmRC pluginhook_tsm_pre(rpmts ts)
{
	if (!lpcheck.in_transaction) {
		lpcheck.in_transaction = true;
		lpcheck.block = lp_plugin_run_judge(&lpcheck.run, ts, &lp_front_end_el7);
	}
	return lpcheck.block ? RPMRC_FAIL : RPMRC_OK;
}

rpmRC pluginhook_tsm_post(rpmts ts, int res)
{
	if (lpcheck.in_transaction) {
		lp_plugin_run_finish(&lpcheck.run, res);
		lpcheck.in_transaction = lpcheck.block = false;
	}
	return RPMRC_OK;
}
