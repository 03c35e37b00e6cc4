# --- the dnf 4 plugin (python3-dnf-plugin-lpcheck) ---
"""
lpcheck for dnf 4 (EL8-10): in the resolved() hook, after depsolving and
before dnf's transaction table, prompt, download and test transaction, it
judges the resolved transaction and shows the verdict in the rpm plugin's
one-line form; in enforce mode it stops dnf with the reason as dnf's error.
"""
import logging

import dnf
import dnf.exceptions

logger = logging.getLogger("dnf.plugin")


def _dnf_package(pkg, with_files):
    return package(pkg.name, pkg.epoch, pkg.version, pkg.release, pkg.arch,
                   [str(p) for p in pkg.provides] if with_files else (), pkg.files if with_files else None)


class Lpcheck(dnf.Plugin):
    name = "lpcheck"

    def resolved(self):
        tx = self.base.transaction
        if tx is None:
            return
        added = [_dnf_package(p, True) for p in tx.install_set]
        removed = [_dnf_package(p, False) for p in tx.remove_set]
        reason = check_transaction(self.base.conf.installroot, added, removed, logger.debug)
        if reason:
            raise dnf.exceptions.Error(reason)
