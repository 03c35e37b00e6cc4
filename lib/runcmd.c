/* Running a helper command: no shell, a time limit, bounded output and reaping, no inherited descriptors. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "runcmd.h"

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void close_from(int lowfd)
{
#if defined(SYS_close_range)
	if (syscall(SYS_close_range, (unsigned)lowfd, ~0U, 0) == 0)
		return;
#endif
	long max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = lowfd; fd < max; fd++)
		close(fd);
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void child(const char *const argv[], int wfd)
{
	sigset_t none;
	int nullfd = open("/dev/null", O_RDWR);

	/* a group of its own: the parent kills the command and whatever it started with one kill() */
	setpgid(0, 0);
	if (nullfd < 0 || dup2(nullfd, 0) < 0 || dup2(wfd, 1) < 0 || dup2(nullfd, 2) < 0)
		_exit(127);
	close_from(3);
	/* rpm blocks signals during a transaction; the helper should not inherit that */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	execv(argv[0], (char *const *)argv);
	_exit(127);
}

/*
 * Where the child is. Each state says what may still be done with its pid:
 * only RUNNING and EXITED hold it (an exited child stays a zombie until we
 * reap it), so only they may signal its process group. A parent that ignores
 * SIGCHLD has the kernel reap the child at exit: wait then fails with ECHILD
 * and the pid may be reused at once, so the child is GONE, its status unknown.
 */
enum child_state {
	CHILD_RUNNING, /* not seen to exit */
	CHILD_EXITED,  /* exited, not reaped: pid and group still ours */
	CHILD_REAPED,  /* reaped here: status known, pid released */
	CHILD_GONE,    /* reaped by the kernel (ECHILD): status unknown, pid released */
};

/* The run of one command: its child, and the read end of its stdout (EOF, cut, or open). */
struct run {
	pid_t pid;
	enum child_state child;
	int status; /* CHILD_REAPED: as waitpid gave it */
	int fd;
	bool eof;
	long long deadline;
};

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* The one place the child's state moves on its own: RUNNING to EXITED, or to GONE on ECHILD. */
static void observe_child(struct run *r)
{
	siginfo_t si;

	if (r->child != CHILD_RUNNING)
		return;
	for (;;) {
		memset(&si, 0, sizeof(si));
		/* WNOWAIT: note the exit without reaping, so the pid and its group stay ours */
		if (waitid(P_PID, (id_t)r->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0) {
			if (si.si_pid == r->pid)
				r->child = CHILD_EXITED;
			return;
		}
		if (errno == EINTR)
			continue;
		if (errno == ECHILD)
			r->child = CHILD_GONE;
		return; /* any other error: still taken as running, the deadline bounds it */
	}
}

/* Reads what is there now; false at EOF or on the limit (res->cut). */
static bool read_available(struct run *r, size_t max_bytes, struct lp_strbuf *out, struct lp_runcmd_result *res)
{
	char buf[8192];

	for (;;) {
		ssize_t n = read(r->fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return true; /* EAGAIN: nothing more for now */
		if (n == 0) {
			r->eof = true;
			return false;
		}
		if (out->len + (size_t)n > max_bytes) {
			lp_strbuf_add(out, buf, max_bytes - out->len);
			res->cut = true;
			return false;
		}
		lp_strbuf_add(out, buf, (size_t)n);
	}
}

/*
 * Collects stdout until EOF, the limit, the deadline, or the child's end: a
 * grandchild that keeps stdout open does not make a finished command late.
 * After EOF the child may still be finishing: its end is awaited until the
 * deadline.
 */
static void collect(struct run *r, size_t max_bytes, struct lp_strbuf *out, struct lp_runcmd_result *res)
{
	bool reading = true;

	while (r->child == CHILD_RUNNING) {
		struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
		long long left = r->deadline - now_ms();

		if (left <= 0) {
			res->timed_out = true;
			return;
		}
		if (reading) {
			if (poll(&pfd, 1, left < 20 ? (int)left : 20) < 0 && errno != EINTR)
				return;
			reading = read_available(r, max_bytes, out, res);
			if (res->cut)
				return;
		} else {
			sleep_ms(left < 5 ? left : 5);
		}
		observe_child(r);
	}
	if (reading)
		read_available(r, max_bytes, out, res); /* what it wrote before it ended */
}

/*
 * Kills the command's whole group while the child's pid is still ours
 * (RUNNING or EXITED), then reaps the child for at most LP_REAP_MS: a child
 * stuck in the kernel stays a zombie rather than hang rpm, which holds its
 * transaction lock meanwhile. A GONE child is never signalled.
 */
static void end_child(struct run *r)
{
	long long give_up = now_ms() + LP_REAP_MS;

	if (r->child != CHILD_RUNNING && r->child != CHILD_EXITED)
		return;
	kill(-r->pid, SIGKILL);
	for (;;) {
		pid_t w = waitpid(r->pid, &r->status, WNOHANG);
		if (w == r->pid) {
			r->child = CHILD_REAPED;
			return;
		}
		if (w < 0 && errno == ECHILD) {
			r->child = CHILD_GONE;
			return;
		}
		if ((w < 0 && errno != EINTR) || now_ms() >= give_up)
			return; /* left a zombie */
		sleep_ms(2);
	}
}

bool lp_runcmd(const char *const argv[], int timeout_ms, size_t max_bytes, struct lp_strbuf *out,
	       struct lp_runcmd_result *res, char *err, size_t errlen)
{
	struct run r = { .fd = -1, .child = CHILD_RUNNING };
	int fds[2];

	memset(res, 0, sizeof(*res));
	res->exit_status = -1;
	if (argv[0] == NULL || argv[0][0] != '/') {
		snprintf(err, errlen, "not an absolute path");
		return false;
	}
	if (pipe2(fds, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "cannot create a pipe: %s", strerror(errno));
		return false;
	}
	r.pid = fork();
	if (r.pid < 0) {
		snprintf(err, errlen, "cannot fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return false;
	}
	if (r.pid == 0)
		child(argv, fds[1]);
	setpgid(r.pid, r.pid); /* also here, so the group exists whoever runs first */
	close(fds[1]);
	r.fd = fds[0];
	fcntl(r.fd, F_SETFL, fcntl(r.fd, F_GETFL) | O_NONBLOCK);
	r.deadline = now_ms() + timeout_ms;
	collect(&r, max_bytes, out, res);
	close(r.fd);
	end_child(&r);
	res->complete = r.eof;
	res->unreaped = r.child == CHILD_RUNNING || r.child == CHILD_EXITED;
	res->status_unknown = r.child == CHILD_GONE;
	if (r.child == CHILD_REAPED && WIFEXITED(r.status) && !res->timed_out)
		res->exit_status = WEXITSTATUS(r.status);
	if (res->timed_out)
		snprintf(err, errlen, "timed out after %d ms", timeout_ms);
	else if (res->exit_status == 127 && out->len == 0)
		snprintf(err, errlen, "could not be executed");
	else
		err[0] = '\0';
	return true;
}
