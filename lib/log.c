/* Logging through a callback the caller installs: the library never prints. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "log.h"

void lp_logf(const struct lp_log *log, enum lp_log_level level, const char *fmt, ...)
{
	char small[512];
	char *line = small;
	va_list ap;
	int n;

	if (log == NULL || log->fn == NULL)
		return;
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		line = malloc((size_t)n + 1);
		if (line == NULL) {
			log->fn(log->ctx, level, small); /* cut, but said */
			return;
		}
		va_start(ap, fmt);
		vsnprintf(line, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	log->fn(log->ctx, level, line);
	if (line != small)
		free(line);
}
