/* Logging through a callback the caller installs: the library never prints. */
#ifndef LPCHECK_LOG_H
#define LPCHECK_LOG_H

enum lp_log_level { LP_LOG_DEBUG, LP_LOG_INFO, LP_LOG_WARNING, LP_LOG_ERROR };

/* The callback receives one line without its trailing newline. */
typedef void (*lp_log_fn)(void *ctx, enum lp_log_level level, const char *line);

struct lp_log {
	lp_log_fn fn; /* NULL: messages are dropped */
	void *ctx;
};

void lp_logf(const struct lp_log *log, enum lp_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
