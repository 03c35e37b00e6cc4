/*
 * P3: the engine alone on 100,000 records (target: under 50 ms), beside a
 * baseline measured in the same run: one pass that only reads every record's
 * build ID. Prints medians of interleaved runs and their ratio.
 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "rule.h"
#include "package.h"

#define NPKGS 100
#define PER_PKG 1000
#define RUNS 15

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	struct lp_package *pkgs[NPKGS];
	double t_engine[RUNS], t_base[RUNS];
	volatile size_t sink = 0;
	char running[41];

	/* 100 versions of 1,000 bases each, from repository-style file lists */
	for (int p = 0; p < NPKGS; p++) {
		char ver[16];
		snprintf(ver, sizeof(ver), "%d", p + 1);
		pkgs[p] = lp_package_new(LP_CONTENTS_PATHS, "xen-livepatch", NULL, ver, "1", "x86_64");
		for (int i = 0; i < PER_PKG; i++) {
			char path[256];
			int b = p * PER_PKG / 2 + i;
			snprintf(path, sizeof(path), "/usr/lib/xen-livepatch/%040x/lp_4_17_%d__1__4_17_%d__1.livepatch", b, b,
				 p + 100);
			lp_package_add_file(pkgs[p], path, 0, NULL);
			snprintf(path, sizeof(path), "/usr/lib/xen-livepatch/%040x/livepatch.livepatch", b);
			lp_package_add_file(pkgs[p], path, 0, NULL);
		}
		if (!lp_package_finish(pkgs[p]) || pkgs[p]->nrecords != PER_PKG) {
			fprintf(stderr, "engine_bench: fixture package %d has %zu records\n", p, pkgs[p]->nrecords);
			return 1;
		}
	}
	snprintf(running, sizeof(running), "%040x", 10); /* a base only the first packages had: eol */
	struct lp_groups groups = { .after = { (const struct lp_package *const *)pkgs, NPKGS } };
	struct lp_running run = { .present = true, .build_id = running };
	enum lp_verdict verdict = LP_UNKNOWN;

	for (int r = 0; r < RUNS; r++) {
		double t0 = now();
		for (int p = 0; p < NPKGS; p++)
			for (size_t i = 0; i < pkgs[p]->nrecords; i++)
				sink += (unsigned char)pkgs[p]->records[i].build_id[39];
		t_base[r] = now() - t0;
		struct lp_decision d;
		t0 = now();
		if (!lp_rule_decide(LP_XEN, LP_PURPOSE_TRANSACTION, true, &run, &groups, &d))
			return 1;
		t_engine[r] = now() - t0;
		verdict = d.verdict;
		lp_decision_release(&d);
	}
	qsort(t_engine, RUNS, sizeof(double), dcmp);
	qsort(t_base, RUNS, sizeof(double), dcmp);
	printf("P3 engine: %d records, verdict %s\n", NPKGS * PER_PKG, lp_verdict_name(verdict));
	printf("P3 engine median %.2f ms (target < 50 ms: %s); baseline read-every-record %.2f ms; ratio %.1f\n",
	       t_engine[RUNS / 2] * 1e3, t_engine[RUNS / 2] < 0.050 ? "met" : "MISSED", t_base[RUNS / 2] * 1e3,
	       t_engine[RUNS / 2] / (t_base[RUNS / 2] > 0 ? t_base[RUNS / 2] : 1e-9));
	for (int p = 0; p < NPKGS; p++)
		lp_package_free(pkgs[p]);
	return verdict == LP_EOL ? 0 : 1;
}
