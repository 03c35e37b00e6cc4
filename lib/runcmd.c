/* Running a helper command: no shell, a time limit, bounded output, no inherited descriptors. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
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

static void child(const char *const argv[], int wfd)
{
	sigset_t none;
	int nullfd = open("/dev/null", O_RDWR);

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

bool lp_runcmd(const char *const argv[], int timeout_ms, size_t max_bytes, struct lp_strbuf *out,
	       struct lp_runcmd_result *res, char *err, size_t errlen)
{
	int fds[2], status = 0;
	long long deadline;
	pid_t pid, w;
	char buf[8192];
	bool kill_it = false;

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
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "cannot fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return false;
	}
	if (pid == 0)
		child(argv, fds[1]);
	close(fds[1]);
	deadline = now_ms() + timeout_ms;
	for (;;) {
		struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
		long long left = deadline - now_ms();
		ssize_t n;
		int rc;

		if (left <= 0) {
			res->timed_out = kill_it = true;
			break;
		}
		rc = poll(&pfd, 1, (int)left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0) {
			kill_it = true;
			break;
		}
		if (rc == 0)
			continue; /* the deadline check above ends it */
		n = read(fds[0], buf, sizeof(buf));
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			break; /* EOF: the child closed its stdout */
		if (out->len + (size_t)n > max_bytes) {
			lp_strbuf_add(out, buf, max_bytes - out->len);
			res->cut = kill_it = true;
			break;
		}
		lp_strbuf_add(out, buf, (size_t)n);
	}
	close(fds[0]);
	if (kill_it)
		kill(pid, SIGKILL);
	/* after EOF a child may still linger: wait no longer than the deadline, then kill */
	for (;;) {
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid || (w < 0 && errno != EINTR))
			break;
		if (w == 0 && now_ms() >= deadline) {
			res->timed_out = true;
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			w = pid;
			break;
		}
		if (w == 0) {
			struct timespec ts = { 0, 5 * 1000 * 1000 };
			nanosleep(&ts, NULL);
		}
	}
	if (w == pid && WIFEXITED(status))
		res->exit_status = WEXITSTATUS(status);
	if (res->timed_out)
		snprintf(err, errlen, "timed out after %d ms", timeout_ms);
	else if (res->exit_status == 127 && out->len == 0)
		snprintf(err, errlen, "could not be executed");
	else
		err[0] = '\0';
	return true;
}
