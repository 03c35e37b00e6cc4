/* Unit tests: the bounded command runner (time limit, output limit, no shell, no inherited descriptors). */
#include "config.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "runcmd.h"

static long long ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void output_and_exit_status_are_collected(void **state)
{
	const char *argv[] = { "/bin/sh", "-c", "echo hello; exit 3", NULL };
	struct lp_strbuf out;
	struct lp_runcmd_result res;
	char err[128];
	lp_strbuf_init(&out);
	assert_true(lp_runcmd(argv, 5000, 1024, &out, &res, err, sizeof(err)));
	assert_string_equal(lp_strbuf_str(&out), "hello\n");
	assert_int_equal(res.exit_status, 3);
	assert_false(res.timed_out);
	lp_strbuf_release(&out);
}

static void hanging_command_is_killed_at_the_deadline(void **state)
{
	const char *argv[] = { "/bin/sleep", "30", NULL };
	struct lp_strbuf out;
	struct lp_runcmd_result res;
	char err[128];
	long long t0 = ms_now();
	lp_strbuf_init(&out);
	assert_true(lp_runcmd(argv, 300, 1024, &out, &res, err, sizeof(err)));
	assert_true(res.timed_out);
	assert_true(ms_now() - t0 < 5000);
	assert_non_null(strstr(err, "timed out"));
	lp_strbuf_release(&out);
}

static void silent_child_keeping_stdout_open_is_killed_too(void **state)
{
	/* prints, then hangs with stdout open */
	const char *argv[] = { "/bin/sh", "-c", "echo partial; exec sleep 30", NULL };
	struct lp_strbuf out;
	struct lp_runcmd_result res;
	char err[128];
	lp_strbuf_init(&out);
	assert_true(lp_runcmd(argv, 300, 1024, &out, &res, err, sizeof(err)));
	assert_true(res.timed_out);
	assert_string_equal(lp_strbuf_str(&out), "partial\n");
	lp_strbuf_release(&out);
}

static void endless_output_is_cut_at_the_limit(void **state)
{
	const char *argv[] = { "/usr/bin/yes", NULL };
	struct lp_strbuf out;
	struct lp_runcmd_result res;
	char err[128];
	lp_strbuf_init(&out);
	assert_true(lp_runcmd(argv, 5000, 100000, &out, &res, err, sizeof(err)));
	assert_true(res.cut);
	assert_int_equal(out.len, 100000);
	assert_false(res.timed_out);
	lp_strbuf_release(&out);
}

static void descriptors_are_not_inherited(void **state)
{
	/* an open descriptor 7 in the parent must not be open in the child */
	int fd = open("/dev/null", O_RDONLY);
	assert_true(fd >= 0);
	assert_true(dup2(fd, 7) == 7);
	const char *argv[] = { "/bin/sh", "-c", "if [ -e /proc/self/fd/7 ]; then echo open; else echo closed; fi", NULL };
	struct lp_strbuf out;
	struct lp_runcmd_result res;
	char err[128];
	lp_strbuf_init(&out);
	assert_true(lp_runcmd(argv, 5000, 1024, &out, &res, err, sizeof(err)));
	assert_string_equal(lp_strbuf_str(&out), "closed\n");
	lp_strbuf_release(&out);
	close(7);
	close(fd);
}

static void relative_or_missing_commands_are_refused(void **state)
{
	const char *rel[] = { "sh", NULL }, *missing[] = { "/nonexistent/xen-livepatch", "list", NULL };
	struct lp_strbuf out;
	struct lp_runcmd_result res;
	char err[128];
	lp_strbuf_init(&out);
	assert_false(lp_runcmd(rel, 1000, 1024, &out, &res, err, sizeof(err)));
	assert_true(lp_runcmd(missing, 1000, 1024, &out, &res, err, sizeof(err)));
	assert_int_equal(res.exit_status, 127);
	lp_strbuf_release(&out);
}

/* Waits (bounded) until pid is gone or a zombie; true when it is. */
static bool ends_soon(pid_t pid)
{
	for (int i = 0; i < 200; i++) {
		char path[64], buf[256] = "";
		FILE *fp;
		snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
		fp = fopen(path, "r");
		if (fp == NULL)
			return true;
		if (fgets(buf, sizeof(buf), fp) == NULL)
			buf[0] = '\0';
		fclose(fp);
		if (strstr(buf, ") Z ") != NULL)
			return true;
		usleep(10000);
	}
	return false;
}

static void a_clean_exit_wins_over_a_grandchild_holding_stdout(void **state)
{
	char pidfile[] = "/tmp/lpcheck-runcmd-XXXXXX";
	int fd = mkstemp(pidfile);
	/* the helper exits at once; the background sleep it leaves keeps the pipe open */
	const char *argv[] = { "/bin/sh", "-c", "sleep 30 & echo $! >\"$0\"; echo APPLIED; exit 0", pidfile, NULL };
	struct lp_strbuf out;
	struct lp_runcmd_result res;
	char err[128], buf[32] = "";
	FILE *fp;

	assert_true(fd >= 0);
	close(fd);
	lp_strbuf_init(&out);
	assert_true(lp_runcmd(argv, 3000, 1024, &out, &res, err, sizeof(err)));
	assert_false(res.timed_out);
	assert_int_equal(res.exit_status, 0);
	assert_string_equal(lp_strbuf_str(&out), "APPLIED\n");
	fp = fopen(pidfile, "r");
	assert_non_null(fp);
	assert_non_null(fgets(buf, sizeof(buf), fp));
	fclose(fp);
	unlink(pidfile);
	assert_true(ends_soon((pid_t)atoi(buf))); /* the leftover sleep was killed with the group */
	lp_strbuf_release(&out);
}

static void the_command_runs_in_a_process_group_of_its_own(void **state)
{
	const char *argv[] = { "/bin/sh", "-c", "read -r pid comm st ppid pgrp rest </proc/$$/stat; [ \"$pgrp\" = \"$$\" ] && echo own || echo shared", NULL };
	struct lp_strbuf out;
	struct lp_runcmd_result res;
	char err[128];

	lp_strbuf_init(&out);
	assert_true(lp_runcmd(argv, 3000, 1024, &out, &res, err, sizeof(err)));
	assert_string_equal(lp_strbuf_str(&out), "own\n");
	assert_false(res.unreaped);
	lp_strbuf_release(&out);
}

/* A parent that ignores SIGCHLD (daemons, nohup-style wrappers): the kernel reaps the child. */
static void ignored_sigchld_keeps_the_output_and_ends_at_once(void **state)
{
	const char *argv[] = { "/bin/sh", "-c", "echo APPLIED; exit 0", NULL };
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	struct lp_strbuf out;
	struct lp_runcmd_result res;
	char err[128];
	long long t0;

	sigemptyset(&ign.sa_mask);
	assert_int_equal(sigaction(SIGCHLD, &ign, &old), 0);
	lp_strbuf_init(&out);
	t0 = ms_now();
	assert_true(lp_runcmd(argv, 5000, 1024, &out, &res, err, sizeof(err)));
	sigaction(SIGCHLD, &old, NULL);
	assert_true(ms_now() - t0 < 2500); /* not the whole time limit */
	assert_false(res.timed_out);
	assert_true(res.complete);
	assert_true(res.status_unknown);
	assert_false(res.unreaped);
	assert_int_equal(res.exit_status, -1);
	assert_string_equal(lp_strbuf_str(&out), "APPLIED\n");
	assert_string_equal(err, "");
	lp_strbuf_release(&out);
}

/* SIGCHLD ignored and a command that hangs: still killed at the deadline, while its pid is ours. */
static void ignored_sigchld_still_kills_a_hanging_command(void **state)
{
	const char *argv[] = { "/bin/sleep", "30", NULL };
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	struct lp_strbuf out;
	struct lp_runcmd_result res;
	char err[128];
	long long t0 = ms_now();

	sigemptyset(&ign.sa_mask);
	assert_int_equal(sigaction(SIGCHLD, &ign, &old), 0);
	lp_strbuf_init(&out);
	assert_true(lp_runcmd(argv, 300, 1024, &out, &res, err, sizeof(err)));
	sigaction(SIGCHLD, &old, NULL);
	assert_true(res.timed_out);
	assert_false(res.unreaped);
	assert_true(ms_now() - t0 < 3000);
	lp_strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(output_and_exit_status_are_collected),
		cmocka_unit_test(hanging_command_is_killed_at_the_deadline),
		cmocka_unit_test(silent_child_keeping_stdout_open_is_killed_too),
		cmocka_unit_test(endless_output_is_cut_at_the_limit),
		cmocka_unit_test(descriptors_are_not_inherited),
		cmocka_unit_test(relative_or_missing_commands_are_refused),
		cmocka_unit_test(a_clean_exit_wins_over_a_grandchild_holding_stdout),
		cmocka_unit_test(the_command_runs_in_a_process_group_of_its_own),
		cmocka_unit_test(ignored_sigchld_keeps_the_output_and_ends_at_once),
		cmocka_unit_test(ignored_sigchld_still_kills_a_hanging_command),
	};
	return cmocka_run_group_tests_name("runcmd", tests, NULL, NULL);
}
