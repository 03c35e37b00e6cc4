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

/* Per plugin instance; dnf runs tsm_pre twice on one instance (test, then real). */
struct lpcheck {
	struct lp_plugin_config cfg;
	struct lp_plugin_run run;
};

static rpmRC lpcheck_init(rpmPlugin plugin, rpmts ts)
{
	struct lpcheck *lp = calloc(1, sizeof(*lp));

	if (lp == NULL) {
		rpmlog(RPMLOG_WARNING, "lpcheck: all: internal-error: out of memory; not checked\n");
		return RPMRC_NOTFOUND; /* never fail init: that breaks every transaction */
	}
	if (!lp_plugin_config_read(&lp->cfg)) {
		free(lp);
		return RPMRC_NOTFOUND; /* mode off: rpm drops the plugin quietly */
	}
	rpmPluginSetData(plugin, lp);
	return RPMRC_OK;
}

static void lpcheck_cleanup(rpmPlugin plugin)
{
	struct lpcheck *lp = rpmPluginGetData(plugin);

	if (lp) {
		lp_plugin_run_release(&lp->run);
		lp_plugin_config_release(&lp->cfg);
		free(lp);
	}
	rpmPluginSetData(plugin, NULL);
}

static rpmRC lpcheck_tsm_pre(rpmPlugin plugin, rpmts ts)
{
	struct lpcheck *lp = rpmPluginGetData(plugin);

	if (lp == NULL)
		return RPMRC_OK;
	return lp_plugin_run_judge(&lp->run, ts, &lp->cfg, true) ? RPMRC_FAIL : RPMRC_OK;
}

/* The first element of a real run: the lines judged in tsm_pre, where front ends print rpm's log. */
static rpmRC lpcheck_psm_pre(rpmPlugin plugin, rpmte te)
{
	struct lpcheck *lp = rpmPluginGetData(plugin);

	if (lp)
		lp_plugin_run_flush(&lp->run, &lp->cfg);
	return RPMRC_OK;
}

static rpmRC lpcheck_tsm_post(rpmPlugin plugin, rpmts ts, int res)
{
	struct lpcheck *lp = rpmPluginGetData(plugin);

	if (lp) {
		lp_plugin_run_report(&lp->run, &lp->cfg, res);
		lp_plugin_run_end(&lp->run);
	}
	return RPMRC_OK;
}

struct rpmPluginHooks_s lpcheck_hooks = {
	.init = lpcheck_init,
	.cleanup = lpcheck_cleanup,
	.tsm_pre = lpcheck_tsm_pre,
	.tsm_post = lpcheck_tsm_post,
	.psm_pre = lpcheck_psm_pre,
};
