#!/usr/bin/env python3
"""lpcheck's benchmarks P1-P6: paired, interleaved runs of each command and
its baseline; medians, ratios against the baseline measured in the same run,
and peak memory. Writes a markdown report (bench/RESULTS.md's figures)."""
import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time


def run(cmd, expect=(0,)):
    """Runs cmd; returns (seconds, peak RSS in KiB, its output)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # rpm -v: info on stdout
    err = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    if rc not in expect:
        sys.exit("bench: %s exited %d:\n%s" % (" ".join(cmd), rc, err.decode(errors="replace")))
    return dt, usage.ru_maxrss, err.decode(errors="replace")


def paired(name, cmd, base, runs, expect=(0,), must_say=None):
    """Interleaves cmd and base (alternating which goes first) and returns medians."""
    run(cmd, expect)  # warm the page cache for both
    run(base, expect)
    t_cmd, t_base, rss_cmd, rss_base = [], [], [], []
    for i in range(runs):
        order = [(cmd, t_cmd, rss_cmd), (base, t_base, rss_base)]
        if i % 2:
            order.reverse()
        for c, ts, rs in order:
            dt, rss, err = run(c, expect)
            if c is cmd and must_say and must_say not in err:
                sys.exit("bench: %s: expected %r in its output, got:\n%s" % (name, must_say, err))
            ts.append(dt)
            rs.append(rss)
    return {
        "cmd": statistics.median(t_cmd), "base": statistics.median(t_base),
        "rss_cmd": max(rss_cmd), "rss_base": max(rss_base),
    }


def instructions(cmd):
    """Instructions executed by cmd under callgrind: reproducible where times are noisy."""
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                       capture_output=True, text=True)
    m = re.search(r"Collected : (\d+)", p.stderr)
    return int(m.group(1)) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    data, build = os.path.abspath(a.data), os.path.abspath(a.build)
    plugdir = os.path.join(data, "plugins")
    os.makedirs(plugdir, exist_ok=True)
    subprocess.run(["cp", os.path.join(build, ".libs", "lpcheck.so"), plugdir], check=True)
    fd = ["--force-debian"] if subprocess.run(["rpm", "--force-debian", "--version"],
                                              capture_output=True).returncode == 0 else []
    ids = dict(re.findall(r"^(\w+)=(\w+)$", open(os.path.join(os.path.dirname(__file__), "..", "tests",
                                                               "fixtures", "ids.sh")).read(), re.M))

    def rpm(root, plugin, *args):
        c = ["rpm", *fd, "--root", root, "--dbpath", "/var/lib/rpm", "--define", "__plugindir " + plugdir]
        if plugin:
            c += ["--define", "__transaction_lpcheck %s/lpcheck.so" % plugdir,
                  "--define", "__transaction_lpcheck_mode warn",
                  "--define", "__transaction_lpcheck_report %{nil}",
                  "--define", "__transaction_lpcheck_xen_livepatch_cmd %{nil}",
                  "--define", "__transaction_lpcheck_xen_build_id " + ids["X43"],
                  "--define", "__transaction_lpcheck_kernel_build_id " + ids["K2"]]
        else:
            c += ["--define", "__transaction_lpcheck %{nil}"]
        return c + list(args)

    lp = os.path.join(data, "rpms", "lp")
    root = os.path.join(data, "root")
    ninst = len(subprocess.run(["rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-qa"],
                               capture_output=True, text=True).stdout.split())
    results = []

    upgrade = [os.path.join(lp, "xen-livepatch-4-1.x86_64.rpm"), os.path.join(lp, "kernel-livepatch-1.0.5-1.x86_64.rpm")]
    r = paired("P1", rpm(root, True, "-Uv", "--test", *upgrade), rpm(root, False, "-Uv", "--test", *upgrade),
               a.runs, must_say="lpcheck: xen: livepatchable")
    results.append(("P1", "`rpm -U --test` of a Xen and a kernel live patch upgrade into a %d-package root: "
                    "plugin on vs off" % ninst, r, r["cmd"] / r["base"], 1.25, None))
    counts = {}
    if subprocess.run(["sh", "-c", "command -v valgrind"], capture_output=True).returncode == 0:
        for key, on, off in (("P1", rpm(root, True, "-U", "--test", *upgrade), rpm(root, False, "-U", "--test", *upgrade)),):
            ion, ioff = instructions(on), instructions(off)
            if ion and ioff:
                counts[key] = (ion, ioff)

    repo = os.path.join(data, "repo")
    nrepo = len([f for f in os.listdir(repo) if f.endswith(".rpm")])
    r = paired("P2", [os.path.join(build, "lpcheck"), "scan", "--repo", repo],
               ["repo2solv", "-F", "-o", "/dev/null", repo], a.runs)
    results.append(("P2", "`lpcheck scan --repo` vs `repo2solv -F -o /dev/null` of a %d-package repository" % nrepo,
                    r, r["cmd"] / r["base"], 1.5, r["rss_cmd"] / r["rss_base"]))

    out = subprocess.run([os.path.join(build, "bench", "engine_bench")], capture_output=True, text=True, check=True).stdout
    ms = float(re.search(r"median ([\d.]+) ms", out).group(1))
    base_ms = float(re.search(r"read-every-record ([\d.]+) ms", out).group(1))
    results.append(("P3", "the engine alone on 100,000 records (baseline: one pass reading every record)",
                    {"cmd": ms / 1e3, "base": base_ms / 1e3, "rss_cmd": 0, "rss_base": 0}, ms, 50.0, None))

    empty = os.path.join(data, "empty-root")
    if not os.path.isdir(empty):
        os.makedirs(empty)
        subprocess.run(["rpm", "--root", empty, "--dbpath", "/var/lib/rpm", "--initdb"], check=True)
    big = os.path.join(lp, "xen-livepatch-big-1-1.x86_64.rpm")
    if "P1" in counts:
        ion, ioff = instructions(rpm(empty, True, "-i", "--test", "--nodeps", big)), \
            instructions(rpm(empty, False, "-i", "--test", "--nodeps", big))
        if ion and ioff:
            counts["P4"] = (ion, ioff)
    r = paired("P4", rpm(empty, True, "-iv", "--test", "--nodeps", big), rpm(empty, False, "-iv", "--test", "--nodeps", big),
               a.runs, must_say="lpcheck: xen:")
    results.append(("P4", "`rpm -i --test` of a live patch package with 3,000 bases: plugin on vs off",
                    r, r["cmd"] / r["base"], 1.5, None))

    # P5, P6: check on its own, the root's configured repository as a real 'dnf makecache' cached it
    conf = os.path.join(root, "etc", "dnf", "dnf.conf")
    if not os.path.exists(conf):
        os.makedirs(os.path.dirname(conf), exist_ok=True)
        os.makedirs(os.path.join(root, "etc", "yum.repos.d"), exist_ok=True)
        open(conf, "w").write("[main]\ngpgcheck=0\n")
        open(os.path.join(root, "etc", "yum.repos.d", "bench.repo"), "w").write(
            "[bench]\nname=bench\nbaseurl=file://%s\ngpgcheck=0\nmetadata_expire=never\n" % repo)
    dnf = ["dnf", "-q", "-c", conf, "--installroot", root, "--releasever", "1",
           "--setopt=reposdir=" + os.path.join(root, "etc", "yum.repos.d")]
    run(dnf + ["makecache"])  # once: dnf keeps it until the repository changes
    cache = os.path.join(data, "lpcheck-cache")
    env_cmd = ["env", "XDG_CACHE_HOME=" + cache]
    check = [os.path.join(build, "lpcheck"), "check", "--root", root, "--dbpath", "/var/lib/rpm", "--releasever", "1",
             "--xen-build-id", ids["X43"], "--kernel-build-id", ids["K2"]]
    run(env_cmd + check, expect=(0, 1))  # the solv cache, warm
    r = paired("P5", env_cmd + check, dnf + ["-C", "repoquery", "--whatprovides", "livepatch(*"], a.runs, expect=(0, 1))
    results.append(("P5", "warm `lpcheck check` (its solv cache) vs `dnf -C repoquery --whatprovides 'livepatch(*'`, "
                    "%d-package repository cached by `dnf makecache`, %d installed" % (nrepo, ninst),
                    r, r["cmd"] / r["base"], 0.5, r["rss_cmd"] / r["rss_base"]))
    cached = [os.path.join(root, "var", "cache", "dnf", d) for d in os.listdir(os.path.join(root, "var", "cache", "dnf"))
              if d.startswith("bench-") and os.path.isdir(os.path.join(root, "var", "cache", "dnf", d))][0]
    # the first check: an empty cache each run, so it parses the XML and writes its solv file, as repo2solv does
    cold = ["sh", "-c", 'rm -rf "$0"; XDG_CACHE_HOME="$0" exec "$@"', os.path.join(data, "lpcheck-cold")] + check
    r = paired("P6", cold, ["repo2solv", "-F", "-o", "/dev/null", cached], a.runs, expect=(0, 1))
    results.append(("P6", "the first `lpcheck check` (an empty cache: parses the XML, writes its solv file) vs "
                    "`repo2solv -F -o /dev/null` of the same cached repository",
                    r, r["cmd"] / r["base"], 1.2, r["rss_cmd"] / r["rss_base"]))

    commit = subprocess.run(["git", "-C", os.path.dirname(__file__), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    lines = ["# lpcheck benchmark figures", "",
             "Date %s, commit %s, %s with %d cores and %.0f GiB, %d paired interleaved runs (medians)." %
             (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), commit, platform.machine(), os.cpu_count(), mem, a.runs),
             "", "| | what | lpcheck | baseline | ratio / value | target | met | peak RSS ratio |",
             "|---|---|---|---|---|---|---|---|"]
    allmet = True
    for key, what, r, value, target, rss in results:
        met = value <= target if key != "P3" else value < target
        allmet &= met
        if key == "P3":
            val, tgt = "%.1f ms" % value, "< %.0f ms" % target
        else:
            val, tgt = "%.2f" % value, "<= %.2f" % target
        lines.append("| %s | %s | %.1f ms | %.1f ms | %s | %s | %s | %s |" % (
            key, what, r["cmd"] * 1e3, r["base"] * 1e3, val, tgt, "yes" if met else "**no**",
            "%.2f (%.0f / %.0f MiB)" % (rss, r["rss_cmd"] / 1024, r["rss_base"] / 1024) if rss else "-"))
    if counts:
        lines += ["", "Instructions (callgrind, one run each; reproducible on a busy machine):", "",
                  "| | plugin on | plugin off | ratio |", "|---|---|---|---|"]
        for key, (ion, ioff) in sorted(counts.items()):
            lines.append("| %s | %d | %d | %.3f |" % (key, ion, ioff, ion / ioff))
    if results[1][5] is not None and results[1][5] > 2.0:
        allmet = False
    for key, _, r, _, _, rss in results:  # check's peak memory stays below dnf's
        if key == "P5" and rss is not None and rss >= 1.0:
            allmet = False
    open(a.out, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if allmet else 1


if __name__ == "__main__":
    sys.exit(main())
