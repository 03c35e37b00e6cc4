/* Unit tests: ELF notes, raw Xen build IDs, `xen-livepatch list`, kernel livepatch sysfs, the host probe. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>
#include "helpers.h"
#include "probe.h"

static const unsigned char ID20[20] = { 0x00, 0xd4, 0xf2, 0x62, 0xf0, 0x44, 0xa1, 0xf5, 0xaf, 0x78,
					0xaa, 0xa6, 0xe7, 0x1f, 0x97, 0xce, 0x95, 0x6a, 0xd7, 0x4e };
#define ID20_HEX "00d4f262f044a1f5af78aaa6e71f97ce956ad74e"

/* Appends one ELF note to buf at *n. */
static void note(unsigned char *buf, size_t *n, const char *name, uint32_t namesz, uint32_t descsz, uint32_t type,
		 const unsigned char *desc)
{
	uint32_t hdr[3] = { namesz, descsz, type }; /* little-endian host */
	memcpy(buf + *n, hdr, 12);
	*n += 12;
	if (name == NULL)
		return; /* a header alone, with sizes that lie */
	memset(buf + *n, 0, (namesz + 3) & ~3u);
	memcpy(buf + *n, name, namesz);
	*n += (namesz + 3) & ~3u;
	if (desc) {
		memset(buf + *n, 0, (descsz + 3) & ~3u);
		memcpy(buf + *n, desc, descsz);
		*n += (descsz + 3) & ~3u;
	}
}

static void notes_buildid_first(void **state)
{
	unsigned char buf[256];
	size_t n = 0;
	char out[LP_BUILDID_MAX + 1];
	note(buf, &n, "GNU", 4, 20, 3, ID20);
	assert_true(lp_notes_buildid(buf, n, out));
	assert_string_equal(out, ID20_HEX); /* the leading zero byte is kept */
}

static void notes_buildid_second_after_another_note(void **state)
{
	unsigned char buf[256];
	size_t n = 0;
	char out[LP_BUILDID_MAX + 1];
	note(buf, &n, "Xen", 4, 6, 6, (const unsigned char *)"abcdef");
	note(buf, &n, "GNU", 4, 4, 1, (const unsigned char *)"\0\0\0\0"); /* GNU ABI tag: wrong type */
	note(buf, &n, "GNU", 4, 20, 3, ID20);
	assert_true(lp_notes_buildid(buf, n, out));
	assert_string_equal(out, ID20_HEX);
}

static void notes_without_buildid_are_unknown(void **state)
{
	unsigned char buf[256];
	size_t n = 0;
	char out[LP_BUILDID_MAX + 1];
	note(buf, &n, "Linux", 6, 4, 1, (const unsigned char *)"abcd");
	assert_false(lp_notes_buildid(buf, n, out));
	assert_false(lp_notes_buildid(buf, 0, out));
}

static void notes_truncated_buildid_is_unknown(void **state)
{
	unsigned char buf[256];
	size_t n = 0;
	char out[LP_BUILDID_MAX + 1];
	note(buf, &n, "GNU", 4, 20, 3, ID20);
	assert_false(lp_notes_buildid(buf, n - 4, out));
	assert_false(lp_notes_buildid(buf, 10, out));
}

static void notes_absurd_descsz_stops_the_walk(void **state)
{
	unsigned char buf[256];
	size_t n = 0;
	char out[LP_BUILDID_MAX + 1];
	note(buf, &n, "GNU", 4, 0xfffffff0u, 1, NULL);
	memcpy(buf + n, "GNU", 4);
	n += 4;
	note(buf, &n, "GNU", 4, 20, 3, ID20);
	assert_false(lp_notes_buildid(buf, n, out));
	n = 0;
	note(buf, &n, NULL, 0xffffffffu, 20, 3, NULL);
	memset(buf + n, 0, 100);
	assert_false(lp_notes_buildid(buf, n + 100, out));
}

static void xen_raw_buildid_of_20_bytes_with_leading_zero(void **state)
{
	char out[LP_BUILDID_MAX + 1];
	assert_int_equal(lp_xen_buildid_raw(ID20, 20, out), LP_XEN_RAW_OK);
	assert_string_equal(out, ID20_HEX);
}

static void xen_raw_buildid_longer_uses_first_20(void **state)
{
	unsigned char buf[40];
	char out[LP_BUILDID_MAX + 1];
	memcpy(buf, ID20, 20);
	memset(buf + 20, 0x41, 20);
	assert_int_equal(lp_xen_buildid_raw(buf, 40, out), LP_XEN_RAW_LONG);
	assert_string_equal(out, ID20_HEX);
}

static void xen_raw_buildid_short_empty_or_denied_is_bad(void **state)
{
	char out[LP_BUILDID_MAX + 1];
	assert_int_equal(lp_xen_buildid_raw(ID20, 19, out), LP_XEN_RAW_BAD);
	assert_int_equal(lp_xen_buildid_raw(ID20, 0, out), LP_XEN_RAW_BAD);
	assert_int_equal(lp_xen_buildid_raw((const unsigned char *)"<denied>", 8, out), LP_XEN_RAW_BAD);
	assert_int_equal(lp_xen_buildid_raw((const unsigned char *)"<denied>\n\0\0\0\0\0\0\0\0\0\0\0\0\0", 22, out),
			 LP_XEN_RAW_BAD);
}

static void assert_list(const char *text, const char *want_to)
{
	struct lp_applied a;
	bool have = lp_xen_list_applied(text, strlen(text), &a);
	if (want_to == NULL) {
		assert_false(have);
		return;
	}
	assert_true(have);
	char got[256];
	snprintf(got, sizeof(got), "%s-%s", a.to.v, a.to.r);
	assert_string_equal(got, want_to);
	lp_applied_release(&a);
}

static void xen_list_applied_and_checked_rows(void **state)
{
	assert_list(" ID                                     | status\n"
		    "----------------------------------------+------------\n"
		    " lp_4.17.4-1.xs8-4.17.4-5.xs8           | APPLIED\n"
		    " lp_4.17.4-1.xs8-4.17.4-6.xs8           | CHECKED\n",
		    "4.17.4-5.xs8");
}

static void xen_list_several_applied_takes_highest(void **state)
{
	assert_list(" lp_4.17.4-1.xs8-4.17.4-5.xs8 | APPLIED\n"
		    " lp_4.17.4-1.xs8-4.17.4-10.xs8 | APPLIED\n"
		    " lp_4.17.4-1.xs8-4.17.4-7.xs8 | APPLIED\n",
		    "4.17.4-10.xs8");
}

static void xen_list_header_only_is_none(void **state)
{
	assert_list(" ID                                     | status     | metadata\n"
		    "----------------------------------------+------------+---------\n",
		    NULL);
	assert_list("", NULL);
}

static void xen_list_without_space_before_bar(void **state)
{
	assert_list("lp_4.17.4-1.xs8-4.17.4-6.xs8| APPLIED\n", "4.17.4-6.xs8");
}

static void xen_list_ignores_names_without_lp_prefix(void **state)
{
	assert_list(" xsa-123 | APPLIED\n 4.17.4-1.xs8-4.17.4-6.xs8 | APPLIED\n", NULL);
	assert_list(" lp_garbage | APPLIED\n lp_4.17.4-1.xs8-4.17.4-6.xs8 | APPLIED\n", "4.17.4-6.xs8");
}

static void xen_list_three_columns(void **state)
{
	assert_list(" ID                                     | status     | metadata\n"
		    " lp_4.17.4-1.xs8-4.17.4-6.xs8           | APPLIED    | ::\n",
		    "4.17.4-6.xs8");
}

/* --- fake sysfs trees --- */

static char tmpl[64];

static void write_file(const char *rel, const void *data, size_t n)
{
	char path[512], dir[512], *slash;
	snprintf(path, sizeof(path), "%s/%s", tmpl, rel);
	snprintf(dir, sizeof(dir), "%s", path);
	for (slash = strchr(dir + strlen(tmpl) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(dir, 0755);
		*slash = '/';
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	close(fd);
}

static int tree_setup(void **state)
{
	snprintf(tmpl, sizeof(tmpl), "/tmp/lpcheck-probe-XXXXXX");
	return mkdtemp(tmpl) ? 0 : -1;
}

static int tree_teardown(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
	return system(cmd) == 0 ? 0 : -1;
}

static void kernel_livepatch_enabled_modules(void **state)
{
	struct lp_applied a;
	write_file("kernel/livepatch/lp_4_19_19__8_0_1_xs8__4_19_19__8_0_5_xs8/enabled", "1\n", 2);
	write_file("kernel/livepatch/lp_4_19_19__8_0_1_xs8__4_19_19__8_0_9_xs8/enabled", "0\n", 2);
	write_file("kernel/livepatch/not_ours/enabled", "1\n", 2);
	assert_true(lp_kernel_applied(tmpl, &a, NULL));
	assert_string_equal(a.to.r, "8.0.5.xs8");
	lp_applied_release(&a);
	write_file("kernel/livepatch/lp_4_19_19__8_0_1_xs8__4_19_19__8_0_9_xs8/enabled", "1\n", 2);
	assert_true(lp_kernel_applied(tmpl, &a, NULL));
	assert_string_equal(a.to.r, "8.0.9.xs8");
	lp_applied_release(&a);
}

static void kernel_livepatch_missing_is_none(void **state)
{
	struct lp_applied a;
	assert_false(lp_kernel_applied(tmpl, &a, NULL));
}

static void host_probe_reads_fake_sysfs(void **state)
{
	unsigned char buf[256];
	size_t n = 0;
	struct lp_host host;
	struct lp_host_config cfg = { .root = "/", .sysfs = tmpl };
	note(buf, &n, "GNU", 4, 20, 3, ID20);
	write_file("kernel/notes", buf, n);
	write_file("hypervisor/type", "xen\n", 4);
	write_file("hypervisor/properties/buildid", ID20, 20);
	lp_host_probe(&cfg, &host, NULL);
	assert_true(host.comp[LP_KERNEL].known);
	assert_string_equal(host.comp[LP_KERNEL].build_id, ID20_HEX);
	assert_true(host.comp[LP_XEN].present);
	assert_true(host.comp[LP_XEN].known);
	assert_string_equal(host.comp[LP_XEN].build_id, ID20_HEX);
	lp_host_release(&host);
}

static void host_probe_without_hypervisor_means_xen_absent(void **state)
{
	struct lp_host host;
	struct lp_host_config cfg = { .root = "/", .sysfs = tmpl };
	write_file("kernel/notes", "garbage garbage garbage", 23);
	lp_host_probe(&cfg, &host, NULL);
	assert_false(host.comp[LP_XEN].present);
	assert_false(host.comp[LP_KERNEL].known);
	assert_non_null(strstr(host.comp[LP_KERNEL].why, "kernel/notes"));
	lp_host_release(&host);
}

static void host_probe_denied_xen_buildid_is_unknown(void **state)
{
	struct lp_host host;
	struct lp_host_config cfg = { .root = "/", .sysfs = tmpl };
	write_file("hypervisor/type", "xen\n", 4);
	write_file("hypervisor/properties/buildid", "<denied>", 8);
	lp_host_probe(&cfg, &host, NULL);
	assert_true(host.comp[LP_XEN].present);
	assert_false(host.comp[LP_XEN].known);
	assert_non_null(strstr(host.comp[LP_XEN].why, "<denied>"));
	lp_host_release(&host);
}

static void host_probe_overrides_win_value_by_value(void **state)
{
	struct lp_host host;
	struct lp_host_config cfg = { .root = "/", .sysfs = tmpl };
	cfg.build_id[LP_XEN] = ID_B;
	cfg.applied[LP_XEN] = "4.17.6-2";
	cfg.build_id[LP_KERNEL] = "none";
	lp_host_probe(&cfg, &host, NULL);
	assert_true(host.comp[LP_XEN].known);
	assert_string_equal(host.comp[LP_XEN].build_id, ID_B);
	assert_true(host.comp[LP_XEN].has_applied);
	assert_string_equal(host.comp[LP_XEN].applied.to.r, "2");
	assert_false(host.comp[LP_KERNEL].known);
	lp_host_release(&host);
	cfg.build_id[LP_XEN] = "none";
	lp_host_probe(&cfg, &host, NULL);
	assert_false(host.comp[LP_XEN].present);
	lp_host_release(&host);
}

static void host_probe_of_another_root_probes_nothing_unasked(void **state)
{
	struct lp_host host;
	struct lp_host_config cfg = { .root = "/mnt/image" };
	cfg.build_id[LP_KERNEL] = ID_C;
	lp_host_probe(&cfg, &host, NULL);
	assert_false(host.comp[LP_XEN].known);
	assert_false(host.comp[LP_XEN].probed);
	assert_true(host.comp[LP_XEN].present);
	assert_non_null(strstr(host.comp[LP_XEN].why, "another root"));
	assert_true(host.comp[LP_KERNEL].known);
	lp_host_release(&host);
}

static void host_probe_runs_the_xen_livepatch_command(void **state)
{
	char script[512];
	struct lp_host host;
	struct lp_host_config cfg = { .root = "/", .sysfs = tmpl, .xen_livepatch_cmd = script };
	snprintf(script, sizeof(script), "%s/xen-livepatch", tmpl);
	const char *body = "#!/bin/sh\n[ \"$1\" = list ] || exit 3\necho ' lp_4.17.6-2-4.17.6-3 | APPLIED'\n";
	write_file("xen-livepatch", body, strlen(body));
	chmod(script, 0755);
	cfg.build_id[LP_XEN] = ID_B;
	lp_host_probe(&cfg, &host, NULL);
	assert_true(host.comp[LP_XEN].has_applied);
	assert_string_equal(host.comp[LP_XEN].applied.to.r, "3");
	lp_host_release(&host);
	cfg.skip_applied[LP_XEN] = true; /* Xen not judged: the command is not run */
	lp_host_probe(&cfg, &host, NULL);
	assert_false(host.comp[LP_XEN].has_applied);
	lp_host_release(&host);
}

static void read_bounded_refuses_fifos_and_cuts(void **state)
{
	char path[512];
	unsigned char *data;
	size_t n;
	bool cut;
	snprintf(path, sizeof(path), "%s/fifo", tmpl);
	assert_int_equal(mkfifo(path, 0644), 0);
	assert_int_equal(lp_read_bounded(path, 100, &data, &n, &cut), EINVAL);
	write_file("big", "0123456789", 10);
	snprintf(path, sizeof(path), "%s/big", tmpl);
	assert_int_equal(lp_read_bounded(path, 4, &data, &n, &cut), 0);
	assert_int_equal(n, 4);
	assert_true(cut);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(notes_buildid_first),
		cmocka_unit_test(notes_buildid_second_after_another_note),
		cmocka_unit_test(notes_without_buildid_are_unknown),
		cmocka_unit_test(notes_truncated_buildid_is_unknown),
		cmocka_unit_test(notes_absurd_descsz_stops_the_walk),
		cmocka_unit_test(xen_raw_buildid_of_20_bytes_with_leading_zero),
		cmocka_unit_test(xen_raw_buildid_longer_uses_first_20),
		cmocka_unit_test(xen_raw_buildid_short_empty_or_denied_is_bad),
		cmocka_unit_test(xen_list_applied_and_checked_rows),
		cmocka_unit_test(xen_list_several_applied_takes_highest),
		cmocka_unit_test(xen_list_header_only_is_none),
		cmocka_unit_test(xen_list_without_space_before_bar),
		cmocka_unit_test(xen_list_ignores_names_without_lp_prefix),
		cmocka_unit_test(xen_list_three_columns),
		cmocka_unit_test_setup_teardown(kernel_livepatch_enabled_modules, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(kernel_livepatch_missing_is_none, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(host_probe_reads_fake_sysfs, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(host_probe_without_hypervisor_means_xen_absent, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(host_probe_denied_xen_buildid_is_unknown, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(host_probe_overrides_win_value_by_value, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(host_probe_of_another_root_probes_nothing_unasked, tree_setup,
						tree_teardown),
		cmocka_unit_test_setup_teardown(host_probe_runs_the_xen_livepatch_command, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(read_bounded_refuses_fifos_and_cuts, tree_setup, tree_teardown),
	};
	return cmocka_run_group_tests_name("probe", tests, NULL, NULL);
}
