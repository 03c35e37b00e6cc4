/*
 * rpm's plugin API for rpm < 4.20, where <rpm/rpmplugin.h> is not installed.
 * The hook table's layout is the same from rpm 4.12 to 6.0 (twelve pointers
 * in this order); lpcheck fills only init, cleanup, tsm_pre and tsm_post, so
 * the file hooks, whose signatures changed in 4.18, are left as plain pointers.
 */
#ifndef LPCHECK_RPMPLUGIN_COMPAT_H
#define LPCHECK_RPMPLUGIN_COMPAT_H
#ifdef HAVE_RPM_RPMPLUGIN_H
#include <rpm/rpmplugin.h>
#else
#include <rpm/rpmtypes.h>

typedef rpmRC (*plugin_init_func)(rpmPlugin plugin, rpmts ts);
typedef void (*plugin_cleanup_func)(rpmPlugin plugin);
typedef rpmRC (*plugin_tsm_pre_func)(rpmPlugin plugin, rpmts ts);
typedef rpmRC (*plugin_tsm_post_func)(rpmPlugin plugin, rpmts ts, int res);
typedef rpmRC (*plugin_psm_pre_func)(rpmPlugin plugin, rpmte te);

struct rpmPluginHooks_s {
	plugin_init_func init;
	plugin_cleanup_func cleanup;
	plugin_tsm_pre_func tsm_pre;
	plugin_tsm_post_func tsm_post;
	plugin_psm_pre_func psm_pre;
	void *psm_post;
	void *scriptlet_pre;
	void *scriptlet_fork_post;
	void *scriptlet_post;
	void *fsm_file_pre;
	void *fsm_file_post;
	void *fsm_file_prepare;
};

/* exported by librpm since 4.12, declared only in the private header */
const char *rpmPluginName(rpmPlugin plugin);
const char *rpmPluginOpts(rpmPlugin plugin);
void *rpmPluginGetData(rpmPlugin plugin);
void rpmPluginSetData(rpmPlugin plugin, void *data);
#endif
#endif
