/*
 * The rpm plugin for rpm 4.12 and later (the lpcheck_hooks table): judges
 * every transaction that touches Xen or kernel live patches in tsm_pre (warn,
 * or block in enforce mode), says so at the first element of a real run
 * (psm_pre) or at once in a test or blocked run, and writes a report in
 * tsm_post (blocked runs: in tsm_pre).
 * Everything it decides is in lib/; ext/rpm_plugin.c does the rpm side.
 */
#include "config.h"
#include <stdlib.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmts.h>
#include "rpmplugin_compat.h"
#include "rpm_plugin.h"

/*
 * What each hook does (lp_front_end_rpm): init loads the plugin unless it is
 * off; tsm_pre judges the run (dnf runs tsm_pre twice on one instance: a
 * test, then the real run); psm_pre, once per element and per stage, shows a
 * judged run's lines at the first; tsm_post reports and ends the run.
 */
static rpmRC lpcheck_init(rpmPlugin plugin, rpmts ts)
{
	struct lp_plugin_run *run;

	if (!lp_plugin_config_enabled())
		return RPMRC_NOTFOUND; /* off: rpm drops the plugin quietly */
	run = calloc(1, sizeof(*run));
	if (run == NULL) {
		rpmlog(RPMLOG_WARNING, "lpcheck: all: internal-error: out of memory; not checked\n");
		return RPMRC_NOTFOUND; /* never fail init: that breaks every transaction */
	}
	rpmPluginSetData(plugin, run);
	return RPMRC_OK;
}

static void lpcheck_cleanup(rpmPlugin plugin)
{
	struct lp_plugin_run *run = rpmPluginGetData(plugin);

	if (run) {
		lp_plugin_run_release(run);
		free(run);
	}
	rpmPluginSetData(plugin, NULL);
}

static rpmRC lpcheck_tsm_pre(rpmPlugin plugin, rpmts ts)
{
	struct lp_plugin_run *run = rpmPluginGetData(plugin);

	if (run == NULL)
		return RPMRC_OK;
	return lp_plugin_run_judge(run, ts, &lp_front_end_rpm) ? RPMRC_FAIL : RPMRC_OK;
}

static rpmRC lpcheck_psm_pre(rpmPlugin plugin, rpmte te)
{
	struct lp_plugin_run *run = rpmPluginGetData(plugin);

	if (run)
		lp_plugin_run_element(run);
	return RPMRC_OK;
}

static rpmRC lpcheck_tsm_post(rpmPlugin plugin, rpmts ts, int res)
{
	struct lp_plugin_run *run = rpmPluginGetData(plugin);

	if (run)
		lp_plugin_run_finish(run, res);
	return RPMRC_OK;
}

struct rpmPluginHooks_s lpcheck_hooks = {
	.init = lpcheck_init,
	.cleanup = lpcheck_cleanup,
	.tsm_pre = lpcheck_tsm_pre,
	.tsm_post = lpcheck_tsm_post,
	.psm_pre = lpcheck_psm_pre,
};
