/* Unit tests: Provides, build IDs, V-R order, payload names. */
#include "config.h"
#include "helpers.h"

static void provides_valid_parses_every_field(void **state)
{
	struct lp_record r;
	const char *why;
	assert_true(lp_provides_parse("livepatch(component/xen/base/4.17.4-1.xs8/to/4.17.4-6.xs8/base-buildid/"
				      "0fb03584fd8735317754448cc995bba40efeec0b)", &r, &why));
	assert_int_equal(r.component, LP_XEN);
	assert_string_equal(r.base.v, "4.17.4");
	assert_string_equal(r.base.r, "1.xs8");
	assert_string_equal(r.to.v, "4.17.4");
	assert_string_equal(r.to.r, "6.xs8");
	assert_string_equal(r.build_id, "0fb03584fd8735317754448cc995bba40efeec0b");
	lp_record_release(&r);
}

static void provides_component_and_id_are_normalised_to_lowercase(void **state)
{
	struct lp_record r;
	const char *why;
	assert_true(lp_provides_parse("livepatch(component/KERNEL/base/4.19.19-8.0.1.xs8/to/4.19.19-8.0.2.xs8/"
				      "base-buildid/0FB03584FD8735317754448CC995BBA40EFEEC0B)", &r, &why));
	assert_int_equal(r.component, LP_KERNEL);
	assert_string_equal(r.build_id, "0fb03584fd8735317754448cc995bba40efeec0b");
	lp_record_release(&r);
}

static void provides_each_malformation_is_refused(void **state)
{
	static const char *const bad[] = {
		"livepatch(",
		"livepatch(component/qemu/base/1-1/to/1-2/base-buildid/" ID_R ")",
		"livepatch(component/xen/base/11/to/1-2/base-buildid/" ID_R ")",       /* no '-' */
		"livepatch(component/xen/base/1-1-1/to/1-2/base-buildid/" ID_R ")",    /* two '-' */
		"livepatch(component/xen/base/-1/to/1-2/base-buildid/" ID_R ")",       /* empty version */
		"livepatch(component/xen/base/1-/to/1-2/base-buildid/" ID_R ")",       /* empty release */
		"livepatch(component/xen/base/1-1/to/1-2/base-buildid/abc)",           /* short id */
		"livepatch(component/xen/base/1-1/to/1-2/base-buildid/" ID_R "0)",     /* odd length */
		"livepatch(component/xen/base/1-1/to/1-2/base-buildid/" ID_R ")x",     /* trailing text */
		"livepatch(component/xen/base/1-1/to/1-2/base-buildid/" ID_R,          /* no ')' */
		"livepatch(component/xen/base/1-1/to/1-2/base-buildid/zz4f262f044a1f5af78aaa6e71f97ce956ad74e)",
		"livepatch(component/xen/to/1-2/base/1-1/base-buildid/" ID_R ")",      /* order */
		"livepatch(component/xen/base/1 1-1/to/1-2/base-buildid/" ID_R ")",    /* blank */
		"livepatch(component/xen/base/1-1/to/1-2/base-buildid/)",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct lp_record r;
		const char *why = NULL;
		if (lp_provides_parse(bad[i], &r, &why))
			fail_msg("accepted: %s", bad[i]);
		assert_non_null(why);
	}
}

static void buildid_accepts_16_to_128_even_digits(void **state)
{
	char out[LP_BUILDID_MAX + 1], big[130];
	assert_true(lp_buildid_normalise("0123456789abcdef", 16, false, out));
	assert_false(lp_buildid_normalise("0123456789abcde", 15, false, out));
	memset(big, 'a', 128);
	assert_true(lp_buildid_normalise(big, 128, false, out));
	memset(big, 'a', 130);
	assert_false(lp_buildid_normalise(big, 130, false, out));
	assert_false(lp_buildid_normalise("0123456789ABCDEF", 16, false, out));
	assert_true(lp_buildid_normalise("0123456789ABCDEF", 16, true, out));
	assert_string_equal(out, "0123456789abcdef");
}

static void vr_order_is_rpmvercmp_version_then_release(void **state)
{
	struct lp_vr a, b;
	assert_true(lp_vr_parse("4.17.4-6.xs8", 12, &a));
	assert_true(lp_vr_parse("4.17.4-10.xs8", 13, &b));
	assert_true(lp_vr_cmp(&a, &b) < 0);
	lp_vr_release(&b);
	assert_true(lp_vr_parse("4.17.10-1.xs8", 13, &b));
	assert_true(lp_vr_cmp(&a, &b) < 0);
	lp_vr_release(&b);
	assert_true(lp_vr_parse("4_17_4-6_xs8", 12, &b)); /* '.' and '_' are both separators */
	assert_int_equal(lp_vr_cmp(&a, &b), 0);
	lp_vr_release(&b);
	assert_true(lp_vr_parse("4.17.4~rc1-6.xs8", 16, &b));
	assert_true(lp_vr_cmp(&b, &a) < 0);
	lp_vr_release(&b);
	assert_true(lp_vr_parse("1.05-1", 6, &b));
	lp_vr_release(&a);
	assert_true(lp_vr_parse("1.5-1", 5, &a));
	assert_int_equal(lp_vr_cmp(&a, &b), 0);
	lp_vr_release(&a);
	lp_vr_release(&b);
}

static void package_evr_compares_epoch_first(void **state)
{
	struct lp_package *a = lp_package_new(LP_CONTENTS_KNOWN, "foo", "2", "1.0", "1", "noarch");
	struct lp_package *b = lp_package_new(LP_CONTENTS_KNOWN, "foo", NULL, "9.0", "1", "noarch");
	assert_true(lp_package_evrcmp(a, b) > 0);
	assert_string_equal(a->nevra, "foo-2:1.0-1.noarch");
	assert_string_equal(b->nevra, "foo-9.0-1.noarch");
	lp_package_free(a);
	lp_package_free(b);
	a = lp_package_new(LP_CONTENTS_KNOWN, "foo", "0", "1.0", "1", "x86_64");
	assert_string_equal(a->nevra, "foo-1.0-1.x86_64");
	lp_package_free(a);
}

static void payload_name_reads_four_fields_back(void **state)
{
	struct lp_vr b, t;
	bool cut;
	const char *s = "lp_4_17_4__1_xs8__4_17_4__6_xs8";
	assert_true(lp_payload_parse(LP_XEN, s, strlen(s), &b, &t, &cut));
	assert_string_equal(b.v, "4.17.4");
	assert_string_equal(b.r, "1.xs8");
	assert_string_equal(t.v, "4.17.4");
	assert_string_equal(t.r, "6.xs8");
	assert_false(cut);
	lp_vr_release(&b);
	lp_vr_release(&t);
	s = "lp_4_17_4__1_xs8__4_17_4";
	assert_false(lp_payload_parse(LP_XEN, s, strlen(s), &b, &t, &cut));
	s = "lp_a__b__c__d__e";
	assert_false(lp_payload_parse(LP_XEN, s, strlen(s), &b, &t, &cut));
	s = "xx_a__b__c__d";
	assert_false(lp_payload_parse(LP_XEN, s, strlen(s), &b, &t, &cut));
}

static void payload_stem_mangles_and_cuts_at_the_limit(void **state)
{
	struct lp_vr b, t;
	char *stem;
	assert_true(lp_vr_parse("4.19.19-8.0.35+x.xs8", 20, &b));
	assert_true(lp_vr_parse("4.19.19-8.0.36.xs8", 18, &t));
	stem = lp_payload_stem(LP_XEN, &b, &t);
	assert_string_equal(stem, "lp_4_19_19__8_0_35-x_xs8__4_19_19__8_0_36_xs8");
	free(stem);
	stem = lp_payload_stem(LP_KERNEL, &b, &t);
	assert_int_equal(strlen(stem), 45); /* under 55: not cut */
	free(stem);
	lp_vr_release(&t);
	assert_true(lp_vr_parse("4.19.19-8.0.36.1234567890.1234567890.xs8", 40, &t));
	stem = lp_payload_stem(LP_KERNEL, &b, &t);
	assert_int_equal(strlen(stem), 55);
	/* a cut kernel module name matches its V-Rs as a prefix */
	assert_true(lp_payload_matches(LP_KERNEL, stem, 55, &b, &t));
	assert_false(lp_payload_matches(LP_KERNEL, stem, 54, &b, &t));
	free(stem);
	lp_vr_release(&b);
	lp_vr_release(&t);
}

static void cut_payload_name_is_marked_cut(void **state)
{
	struct lp_vr b, t;
	bool cut;
	const char *s = "lp_4_19_19__8_0_35_xs8__4_19_19__8_0_36_1234567890_1234"; /* 55 chars */
	assert_int_equal(strlen(s), 55);
	assert_true(lp_payload_parse(LP_KERNEL, s, strlen(s), &b, &t, &cut));
	assert_true(cut);
	assert_string_equal(t.r, "8.0.36.1234567890.1234");
	lp_vr_release(&b);
	lp_vr_release(&t);
}

static void cut_name_ending_in_an_underscore_still_parses(void **state)
{
	/* cut at 55 characters right after a '.' of the target release */
	const char *name = "lp_4_19_19__8_0_38_123456789_xcpng8_3__4_19_19__8_0_40_";
	struct lp_vr b, t;
	bool cut = false;
	assert_int_equal(strlen(name), 55);
	assert_true(lp_payload_parse(LP_KERNEL, name, strlen(name), &b, &t, &cut));
	assert_true(cut);
	assert_string_equal(t.v, "4.19.19");
	assert_string_equal(t.r, "8.0.40");
	lp_vr_release(&b);
	lp_vr_release(&t);
}

static void set_record(struct lp_record *r, const char *to, bool cut)
{
	memset(r, 0, sizeof(*r));
	assert_true(lp_vr_parse(to, strlen(to), &r->to));
	r->cut = cut;
}

static void cut_target_is_a_prefix_that_never_beats_a_full_one(void **state)
{
	struct lp_record full, cut, cut_shorter, older_full;
	set_record(&full, "4.19.19-8.0.40.xcpng8.3", false);
	set_record(&cut, "4.19.19-8.0.40.xcpng8", true);
	set_record(&cut_shorter, "4.19.19-8.0.4", true);
	set_record(&older_full, "4.19.19-8.0.39.xcpng8.3", false);
	assert_int_equal(lp_record_target_cmp(&cut, &full), 0);
	assert_int_equal(lp_record_target_cmp(&full, &cut), 0);
	assert_int_equal(lp_record_target_cmp(&cut_shorter, &cut), 0);
	/* rpmvercmp would put 8.0.4 below 8.0.39; as a prefix of 8.0.40 it is that target */
	assert_int_equal(lp_record_target_cmp(&cut_shorter, &full), 0);
	/* a cut target that starts no full one is older than it, whatever rpmvercmp says */
	assert_true(lp_record_target_cmp(&cut, &older_full) < 0);
	assert_true(lp_record_target_cmp(&older_full, &cut) > 0);
	assert_true(lp_record_target_cmp(&full, &older_full) > 0);
	lp_record_release(&full);
	lp_record_release(&cut);
	lp_record_release(&cut_shorter);
	lp_record_release(&older_full);
}

static void target_text_is_an_rpm_version_release(void **state)
{
	assert_true(lp_vr_text_valid("4.19.19-8.0.40.xcpng8.3"));
	assert_true(lp_vr_text_valid("1.0~rc1+git^2-1_x"));
	assert_false(lp_vr_text_valid("4.19.19-8.0.40.xcpng8.3; touch /tmp/x"));
	assert_false(lp_vr_text_valid("4.19 -1"));
	assert_false(lp_vr_text_valid("1-2-3"));
	assert_false(lp_vr_text_valid("1/2-3"));
	assert_false(lp_vr_text_valid("-1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(target_text_is_an_rpm_version_release),
		cmocka_unit_test(provides_valid_parses_every_field),
		cmocka_unit_test(provides_component_and_id_are_normalised_to_lowercase),
		cmocka_unit_test(provides_each_malformation_is_refused),
		cmocka_unit_test(buildid_accepts_16_to_128_even_digits),
		cmocka_unit_test(vr_order_is_rpmvercmp_version_then_release),
		cmocka_unit_test(package_evr_compares_epoch_first),
		cmocka_unit_test(payload_name_reads_four_fields_back),
		cmocka_unit_test(payload_stem_mangles_and_cuts_at_the_limit),
		cmocka_unit_test(cut_payload_name_is_marked_cut),
		cmocka_unit_test(cut_name_ending_in_an_underscore_still_parses),
		cmocka_unit_test(cut_target_is_a_prefix_that_never_beats_a_full_one),
	};
	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
