# --- lpcheck: what the yum 3 and dnf 4 plugins share (Python 2.7 and 3.6+) ---
# The build puts this before each front end's own part, so each installed
# plugin is one file. It holds no rule of its own: the configuration is rpm's
# %__transaction_lpcheck_* macros, read through the rpm bindings in the front
# end's process as the rpm plugin reads them; the verdicts come from
# `lpcheck check --transaction -` (lpcheck(8)).
import json
import subprocess
import sys
import threading

import rpm

LPCHECK = "@sbindir@/lpcheck"
TIMEOUT_SECONDS = 60
LIVEPATCH_DIRS = ("/usr/lib/xen-livepatch", "/usr/lib/kernel-livepatch")
SHOWN_MAX = 64


def _macro(suffix):
    """%__transaction_lpcheck<suffix>, or None when undefined or %{nil}."""
    return rpm.expandMacro("%%{?__transaction_lpcheck%s}" % suffix) or None


class Config(object):
    """The rpm plugin's configuration (rpm-plugin-lpcheck(8)), read afresh for each transaction."""

    def __init__(self):
        mode = _macro("_mode") or "warn"
        self.notes = []
        if mode not in ("off", "warn", "enforce"):
            self.notes.append("lpcheck: all: bad-mode: %%__transaction_lpcheck_mode is '%s', "
                              "expected off, warn or enforce; using warn" % mode)
            mode = "warn"
        # either off switch turns every front end off
        self.enabled = _macro("") is not None and mode != "off"
        self.mode = mode
        self.cli = rpm.expandMacro("%{?__lpcheck}") or LPCHECK
        self.report = _macro("_report")
        self.host_args = []
        for comp in ("xen", "kernel"):
            for key, option in (("build_id", "build-id"), ("applied", "applied")):
                value = _macro("_%s_%s" % (comp, key))
                if value:
                    self.host_args += ["--%s-%s" % (comp, option), value]
        for key, option in (("_sysfs", "--sysfs"), ("_xen_livepatch_cmd", "--xen-livepatch-cmd")):
            value = _macro(key)
            if value:
                self.host_args += [option, value]


def package(name, epoch, version, release, arch, provides=(), files=None):
    """A package as check --transaction reads it; files None: not loaded (unknown, never empty)."""
    entry = {"name": name, "epoch": str(epoch) if epoch not in (None, "") else None,
             "version": version, "release": release, "arch": arch,
             "provides": [p for p in provides if p.startswith("livepatch(")]}
    if files is not None:
        entry["files"] = [f for f in files if f.startswith(LIVEPATCH_DIRS)]
    return entry


def escaped(text):
    """One text line as lpcheck prints it: C0, DEL and C1 controls as \\xNN, a backslash doubled."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif code < 0x20 or code == 0x7f:
            out.append("\\x%02x" % code)
        elif 0x80 <= code <= 0x9f:
            out.append("\\xc2\\x%02x" % code)
        else:
            out.append(ch)
    return "".join(out)


def judge(config, root, added, removed):
    """[(line, flagged)] for the planned transaction; RuntimeError when lpcheck cannot tell."""
    document = json.dumps({"lpcheck": 1, "added": added, "removed": removed}).encode("utf-8")
    command = [config.cli, "check", "--transaction", "-", "--format", "json", "--root", root or "/"]
    if config.mode == "enforce" and config.report:  # a block is reported as the rpm plugin reports one
        command += ["--blocked-report", config.report]
    try:
        proc = subprocess.Popen(command + config.host_args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    except OSError as e:
        raise RuntimeError("cannot run %s: %s" % (config.cli, e.strerror or e))
    timer = threading.Timer(TIMEOUT_SECONDS, proc.kill)
    timer.start()
    try:
        out, err = proc.communicate(document)
    finally:
        timer.cancel()
    if proc.returncode not in (0, 1):
        lines = [l for l in err.decode("utf-8", "replace").splitlines() if l.strip()]
        raise RuntimeError(lines[-1] if lines else "%s exited %d" % (config.cli, proc.returncode))
    result = json.loads(out.decode("utf-8"))
    lines = [("lpcheck: %s: %s: %s" % (d["component"], d["verdict"], d["message"]), d["flagged"])
             for d in result["components"] if d["verdict"] != "not-applicable"]
    lines += [("lpcheck: %s: %s: %s: %s" % (p.get("component") or "all", p["code"], p["package"], p["detail"]), True)
              for p in result["problems"]]
    return lines


def forget_shown():
    """The lines an earlier transaction of this process marked shown no longer count."""
    count = int(rpm.expandMacro("%{?_lpcheck_shown_count}") or 0)
    for i in range(1, min(count, SHOWN_MAX) + 1):
        rpm.delMacro("_lpcheck_shown_%d" % i)
    if count:
        rpm.delMacro("_lpcheck_shown_count")


def mark_shown(line):
    """Tells the rpm plugin in this process that the user read line: it logs it at debug level only."""
    count = int(rpm.expandMacro("%{?_lpcheck_shown_count}") or 0)
    if count < SHOWN_MAX:
        rpm.addMacro("_lpcheck_shown_%d" % (count + 1), line.replace("%", "%%"))
        rpm.addMacro("_lpcheck_shown_count", str(count + 1))


def blocked_line(nflagged, reported):
    return ("lpcheck: all: blocked: %d problem%s; the transaction was stopped before any change "
            "(set %%__transaction_lpcheck_mode warn to let it through)%s"
            % (nflagged, "" if nflagged == 1 else "s", "; 'lpcheck status' shows this again" if reported else ""))


def check_transaction(root, added, removed, debug):
    """
    Judges a resolved transaction and shows its lines: flagged ones on stderr,
    before the front end's summary and prompt; the others through debug. Returns
    the reason to stop it (enforce mode, something flagged), else None.
    """
    config = Config()
    if not config.enabled:
        return None
    forget_shown()
    for note in config.notes:
        sys.stderr.write(note + "\n")
    try:
        lines = judge(config, root, added, removed)
    except (RuntimeError, ValueError, KeyError) as e:  # fail open, as the rpm plugin does
        sys.stderr.write("lpcheck: all: internal-error: %s; not checked\n" % escaped(str(e)))
        return None
    for line, flagged in lines:
        if flagged:
            sys.stderr.write(escaped(line) + "\n")
        else:
            debug(escaped(line))
        mark_shown(line)
    sys.stderr.flush()
    nflagged = sum(1 for _, flagged in lines if flagged)
    return blocked_line(nflagged, config.report is not None) if config.mode == "enforce" and nflagged else None
