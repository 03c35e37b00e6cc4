/* The running host (doc/rules.md §4): build IDs from sysfs, applied live patches, overrides. */
#include "config.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "probe.h"
#include "runcmd.h"
#include "strbuf.h"

static void hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

bool lp_notes_buildid(const unsigned char *data, size_t n, char *out)
{
	uint64_t off = 0;

	while (off + 12 <= n) {
		uint64_t namesz = le32(data + off), descsz = le32(data + off + 4);
		uint32_t type = le32(data + off + 8);
		uint64_t name_at = off + 12, desc_at = name_at + ((namesz + 3) & ~(uint64_t)3);

		if (desc_at > n || descsz > n - desc_at)
			return false; /* runs past the data: stop */
		if (namesz == 4 && memcmp(data + name_at, "GNU", 4) == 0 && type == 3) {
			if (descsz * 2 < LP_BUILDID_MIN || descsz * 2 > LP_BUILDID_MAX)
				return false;
			hex(data + desc_at, (size_t)descsz, out);
			return true;
		}
		off = desc_at + ((descsz + 3) & ~(uint64_t)3);
	}
	return false;
}

enum lp_xen_raw lp_xen_buildid_raw(const unsigned char *data, size_t n, char *out)
{
	if (n < LP_XEN_BUILDID_LEN || (n >= 8 && memcmp(data, "<denied>", 8) == 0))
		return LP_XEN_RAW_BAD;
	hex(data, LP_XEN_BUILDID_LEN, out);
	return n == LP_XEN_BUILDID_LEN ? LP_XEN_RAW_OK : LP_XEN_RAW_LONG;
}

int lp_read_bounded(const char *path, size_t max, unsigned char **data, size_t *n, bool *cut)
{
	struct stat st;
	unsigned char *buf;
	size_t len = 0;
	int fd, err = 0;

	*data = NULL;
	*n = 0;
	*cut = false;
	/* O_NONBLOCK: a FIFO planted in a fake tree must not hang us */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		err = fstat(fd, &st) < 0 ? errno : EINVAL;
		close(fd);
		return err;
	}
	buf = malloc(max + 1);
	if (buf == NULL) {
		close(fd);
		return ENOMEM;
	}
	while (len < max) {
		ssize_t r = read(fd, buf + len, max - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = errno;
			break;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	if (!err && len == max) {
		unsigned char extra;
		ssize_t r;
		while ((r = read(fd, &extra, 1)) < 0 && errno == EINTR)
			;
		*cut = r > 0;
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	buf[len] = '\0';
	*data = buf;
	*n = len;
	return 0;
}

static void trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t' || **s == '\r'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r'))
		(*e)--;
}

/* lp_<bv>-<br>-<tv>-<tr> (dotted), or the underscored payload form. */
static bool xen_name_parse(const char *s, size_t n, struct lp_applied *out)
{
	const char *d[3], *p, *end = s + n;
	int nd = 0;
	struct lp_vr base;

	memset(out, 0, sizeof(*out));
	if (n < 3 || memcmp(s, "lp_", 3) != 0)
		return false;
	for (p = s + 3; p < end; p++) {
		if (*p == '-') {
			if (nd == 3)
				return false;
			d[nd++] = p;
		} else if ((unsigned char)*p <= ' ' || *p == '/') {
			return false;
		}
	}
	if (nd == 3) {
		if (d[0] == s + 3 || d[1] == d[0] + 1 || d[2] == d[1] + 1 || d[2] + 1 == end)
			return false;
		if (!lp_vr_set(&out->to, d[1] + 1, (size_t)(d[2] - d[1] - 1), d[2] + 1, (size_t)(end - d[2] - 1)))
			return false;
	} else if (nd == 0) {
		if (!lp_payload_parse(LP_XEN, s, n, &base, &out->to, &out->cut))
			return false;
		lp_vr_release(&base);
	} else {
		return false;
	}
	out->name = strndup(s, n);
	if (out->name == NULL) {
		lp_applied_release(out);
		return false;
	}
	return true;
}

/* Keeps the higher of best and cand; frees the other. */
static void keep_highest(struct lp_applied *best, bool *have, struct lp_applied *cand)
{
	if (!*have || lp_vr_cmp(&cand->to, &best->to) > 0) {
		if (*have)
			lp_applied_release(best);
		*best = *cand;
		*have = true;
	} else {
		lp_applied_release(cand);
	}
}

bool lp_xen_list_applied(const char *text, size_t n, struct lp_applied *out)
{
	const char *p = text, *end = text + n;
	bool have = false;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *bar, *ns, *ne, *ss, *se;
		struct lp_applied cand;

		if (eol == NULL)
			eol = end;
		bar = memchr(p, '|', (size_t)(eol - p));
		if (bar) {
			ns = p, ne = bar;
			ss = bar + 1;
			se = memchr(ss, '|', (size_t)(eol - ss));
			if (se == NULL)
				se = eol;
			trim(&ns, &ne);
			trim(&ss, &se);
			if (se - ss == 7 && strncasecmp(ss, "APPLIED", 7) == 0 &&
			    xen_name_parse(ns, (size_t)(ne - ns), &cand))
				keep_highest(out, &have, &cand);
		}
		p = eol + 1;
	}
	return have;
}

bool lp_kernel_applied(const char *sysfs, struct lp_applied *out, const struct lp_log *log)
{
	char path[4096];
	DIR *dir;
	struct dirent *de;
	bool have = false;
	int count = 0;

	memset(out, 0, sizeof(*out));
	snprintf(path, sizeof(path), "%s/kernel/livepatch", sysfs);
	dir = opendir(path);
	if (dir == NULL) {
		if (errno != ENOENT)
			lp_logf(log, LP_LOG_INFO, "lpcheck: kernel: probe: cannot read '%s': %s; taking none applied", path,
				strerror(errno));
		return false;
	}
	while ((de = readdir(dir)) != NULL && count++ < 10000) {
		struct lp_applied cand;
		struct lp_vr base;
		unsigned char *data;
		size_t n, len = strlen(de->d_name);
		bool cut;

		if (de->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/kernel/livepatch/%s/enabled", sysfs, de->d_name) >=
		    (int)sizeof(path))
			continue;
		if (lp_read_bounded(path, 16, &data, &n, &cut) != 0)
			continue;
		if (n == 0 || data[0] != '1' || (n > 1 && data[1] != '\n')) {
			free(data);
			continue;
		}
		free(data);
		memset(&cand, 0, sizeof(cand));
		if (!lp_payload_parse(LP_KERNEL, de->d_name, len, &base, &cand.to, &cand.cut)) {
			lp_logf(log, LP_LOG_DEBUG, "lpcheck: kernel: probe: ignoring live patch module '%s': not an lp_ name",
				de->d_name);
			continue;
		}
		lp_vr_release(&base);
		cand.name = strdup(de->d_name);
		if (cand.name == NULL) {
			lp_applied_release(&cand);
			continue;
		}
		keep_highest(out, &have, &cand);
	}
	closedir(dir);
	return have;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	return n < 0 ? NULL : s;
}

static void set_why(struct lp_host_component *hc, char *why)
{
	free(hc->why);
	hc->why = why;
}

static const char *errno_text(int err)
{
	return err == EINVAL ? "not a regular file" : strerror(err);
}

static void probe_kernel_id(const char *sysfs, struct lp_host_component *hc, const struct lp_log *log)
{
	char path[4096];
	unsigned char *data;
	size_t n;
	bool cut;
	int err;

	snprintf(path, sizeof(path), "%s/kernel/notes", sysfs);
	err = lp_read_bounded(path, LP_NOTES_MAX, &data, &n, &cut);
	if (err) {
		set_why(hc, xasprintf("cannot read the running build ID from '%s': %s", path, errno_text(err)));
		return;
	}
	if (lp_notes_buildid(data, n, hc->build_id))
		hc->known = true;
	else
		set_why(hc, xasprintf("cannot read the running build ID from '%s': no valid GNU build-id note", path));
	free(data);
}

static void probe_xen_id(const char *sysfs, struct lp_host_component *hc, const struct lp_log *log)
{
	char path[4096];
	unsigned char *data;
	size_t n;
	bool cut;
	int err;

	snprintf(path, sizeof(path), "%s/hypervisor/type", sysfs);
	err = lp_read_bounded(path, 64, &data, &n, &cut);
	if (err || !(n >= 3 && memcmp(data, "xen", 3) == 0 && (n == 3 || data[3] == '\n' || data[3] == '\0'))) {
		hc->present = false;
		set_why(hc, xasprintf("xen is not running ('%s' %s)", path,
				      err ? (err == ENOENT ? "is missing" : "is unreadable") : "does not say xen"));
		free(data);
		return;
	}
	free(data);
	hc->present = true;
	snprintf(path, sizeof(path), "%s/hypervisor/properties/buildid", sysfs);
	err = lp_read_bounded(path, LP_XEN_BUILDID_MAX, &data, &n, &cut);
	if (err) {
		set_why(hc, xasprintf("cannot read the running build ID from '%s': %s", path, errno_text(err)));
		return;
	}
	switch (lp_xen_buildid_raw(data, n, hc->build_id)) {
	case LP_XEN_RAW_OK:
		hc->known = true;
		break;
	case LP_XEN_RAW_LONG:
		hc->known = true;
		lp_logf(log, LP_LOG_INFO, "lpcheck: xen: probe: '%s' holds %zu%s bytes; using the first %d", path, n,
			cut ? "+" : "", LP_XEN_BUILDID_LEN);
		break;
	default:
		set_why(hc, xasprintf("cannot read the running build ID from '%s': %s", path,
				      n >= 8 && memcmp(data, "<denied>", 8) == 0 ? "permission denied (<denied>)"
										  : "fewer than 20 bytes"));
	}
	free(data);
}

static void probe_xen_applied(const char *cmd, struct lp_host_component *hc, const struct lp_log *log)
{
	const char *argv[] = { cmd, "list", NULL };
	struct lp_runcmd_result res;
	struct lp_strbuf out;
	char err[256];

	if (access(cmd, X_OK) != 0) {
		lp_logf(log, LP_LOG_DEBUG, "lpcheck: xen: probe: '%s' is not there; taking none applied", cmd);
		return;
	}
	lp_strbuf_init(&out);
	if (!lp_runcmd(argv, LP_CMD_TIMEOUT_MS, LP_CMD_OUTPUT_MAX, &out, &res, err, sizeof(err))) {
		lp_logf(log, LP_LOG_INFO, "lpcheck: xen: probe: cannot run '%s list': %s; taking none applied", cmd, err);
	} else if (!res.cut && (res.timed_out || !(res.exit_status == 0 || (res.status_unknown && res.complete)))) {
		lp_logf(log, LP_LOG_INFO, "lpcheck: xen: probe: '%s list' %s; taking none applied", cmd,
			res.timed_out ? "timed out after 5 s and was killed" : "failed");
	} else {
		/* a process that ignores SIGCHLD cannot learn the exit status: the whole output tells */
		if (res.status_unknown)
			lp_logf(log, LP_LOG_DEBUG, "lpcheck: xen: probe: '%s list' was reaped by the kernel "
				"(SIGCHLD ignored); reading its whole output", cmd);
		if (res.cut)
			lp_logf(log, LP_LOG_INFO, "lpcheck: xen: probe: '%s list' printed more than 1 MiB; reading the first",
				cmd);
		if (!out.failed)
			hc->has_applied = lp_xen_list_applied(lp_strbuf_str(&out), out.len, &hc->applied);
	}
	if (res.unreaped)
		lp_logf(log, LP_LOG_INFO, "lpcheck: xen: probe: '%s list' did not go away after SIGKILL; left as a zombie",
			cmd);
	lp_strbuf_release(&out);
}

/* A build ID override: "none" or a build ID. Returns false when it is neither. */
static void apply_id_override(enum lp_component c, const char *val, struct lp_host_component *hc,
			      const struct lp_log *log)
{
	hc->probed = true;
	if (strcmp(val, "none") == 0) {
		if (c == LP_XEN) {
			hc->present = false;
			set_why(hc, xasprintf("xen is not running (set to none)"));
		} else {
			set_why(hc, xasprintf("the running kernel build ID is set to none"));
		}
		return;
	}
	hc->present = true;
	if (lp_buildid_normalise(val, strlen(val), true, hc->build_id)) {
		hc->known = true;
		return;
	}
	set_why(hc, xasprintf("the %s build ID '%s' that was given is not an even number of 16 to 128 hex digits",
			      lp_component_name(c), val));
	lp_logf(log, LP_LOG_WARNING, "lpcheck: %s: probe: %s", lp_component_name(c), hc->why ? hc->why : "bad build ID");
}

void lp_host_probe(const struct lp_host_config *cfg, struct lp_host *host, const struct lp_log *log)
{
	bool host_root = cfg->root == NULL || strcmp(cfg->root, "/") == 0;
	const char *sysfs = cfg->sysfs ? cfg->sysfs : host_root ? "/sys" : NULL;

	memset(host, 0, sizeof(*host));
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		struct lp_host_component *hc = &host->comp[c];
		hc->present = true;
		if (cfg->build_id[c]) {
			apply_id_override((enum lp_component)c, cfg->build_id[c], hc, log);
		} else if (sysfs) {
			hc->probed = true;
			if (c == LP_XEN)
				probe_xen_id(sysfs, hc, log);
			else
				probe_kernel_id(sysfs, hc, log);
		} else {
			set_why(hc, xasprintf("the host was not probed: the transaction is for another root (%s); "
					      "set the sysfs directory or the %s build ID to judge it",
					      cfg->root, lp_component_name(c)));
		}
		if (!hc->present || !hc->known || cfg->skip_applied[c])
			continue;
		if (cfg->applied[c]) {
			if (strcmp(cfg->applied[c], "none") != 0) {
				hc->has_applied = lp_applied_from_vr(&hc->applied, cfg->applied[c]);
				if (!hc->has_applied)
					lp_logf(log, LP_LOG_WARNING,
						"lpcheck: %s: probe: the applied live patch '%s' that was given is not a V-R; "
						"taking none applied", lp_component_name(c), cfg->applied[c]);
			}
		} else if (c == LP_XEN) {
			/* whenever Xen is judged, also for another root whose Xen build ID was given */
			if (cfg->xen_livepatch_cmd && *cfg->xen_livepatch_cmd)
				probe_xen_applied(cfg->xen_livepatch_cmd, hc, log);
		} else if (sysfs) {
			hc->has_applied = lp_kernel_applied(sysfs, &hc->applied, log);
		}
	}
}

void lp_host_release(struct lp_host *host)
{
	for (int c = 0; c < LP_NCOMPONENTS; c++) {
		free(host->comp[c].why);
		host->comp[c].why = NULL;
		if (host->comp[c].has_applied)
			lp_applied_release(&host->comp[c].applied);
		host->comp[c].has_applied = false;
	}
}

void lp_host_running(const struct lp_host *host, enum lp_component c, struct lp_running *out)
{
	const struct lp_host_component *hc = &host->comp[c];

	out->present = hc->present;
	out->build_id = hc->known ? hc->build_id : NULL;
	out->why = hc->why;
	out->applied = hc->has_applied ? &hc->applied : NULL;
}
