# --- the yum 3 plugin (yum-plugin-lpcheck) ---
"""
lpcheck for yum 3 (XenServer 8, XCP-ng 8): at postresolve, after depsolving
and before "Transaction Summary" and the prompt (also with --assumeno and
update --downloadonly), it judges the resolved transaction and shows the
verdict in the rpm plugin's one-line form; in enforce mode it stops yum with
the reason (exit 1, nothing downloaded, nothing changed).
"""
from yum.constants import TS_INSTALL_STATES, TS_REMOVE_STATES
from yum.plugins import PluginYumExit, TYPE_CORE

requires_api_version = "2.3"
plugin_type = (TYPE_CORE,)


def _yum_package(po, with_files):
    files = None
    if with_files:  # yum loads the repository's file lists on demand, as for a file dependency
        files = po.returnFileEntries("dir") + po.returnFileEntries("file")
    return package(po.name, po.epoch, po.version, po.release, po.arch,
                   po.provides_names if with_files else (), files)


def postresolve_hook(conduit):
    added, removed = [], []
    for txmbr in conduit.getTsInfo().getMembers():
        if txmbr.output_state in TS_INSTALL_STATES:
            added.append(_yum_package(txmbr.po, True))
        elif txmbr.output_state in TS_REMOVE_STATES:
            removed.append(_yum_package(txmbr.po, False))
    reason = check_transaction(conduit.getConf().installroot, added, removed,
                               lambda line: conduit.info(3, line))
    if reason:
        raise PluginYumExit(reason)
