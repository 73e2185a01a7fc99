#include "harness.h"
#include "text.h"

static void
nfc(void **state)
{
	cb_arena a = CB_ARENA_INIT;
	/* "Nguyễn" typed as NFD: e + circumflex (U+0302) + tilde (U+0303). */
	const char *nfd = "Nguye\xcc\x82\xcc\x83n";
	const char *want = "Nguy\xe1\xbb\x85n";

	(void)state;
	assert_string_equal(cb_nfc(&a, nfd, strlen(nfd)), want);
	assert_string_equal(cb_nfc(&a, want, strlen(want)), want);
	assert_string_equal(cb_nfc(&a, "DV001", 5), "DV001");
	cb_arena_clear(&a);
}

static void
utf8(void **state)
{
	int32_t cp;

	(void)state;
	assert_int_equal(
	    cb_utf8_decode((const unsigned char *)"\xe1\xbb\x85", 3, &cp), 3);
	assert_int_equal(cp, 0x1EC5);
	/* Overlong, surrogate, too large, truncated. */
	assert_int_equal(
	    cb_utf8_decode((const unsigned char *)"\xc0\xaf", 2, &cp), 0);
	assert_int_equal(
	    cb_utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp), 0);
	assert_int_equal(
	    cb_utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp),
	    0);
	assert_int_equal(
	    cb_utf8_decode((const unsigned char *)"\xe1\xbb", 2, &cp), 0);
	assert_int_equal(cb_utf8_count("Việt", strlen("Việt")), 4);
	assert_int_equal(cb_utf8_width("Việt Nam"), 8);
}

static void
nearest(void **state)
{
	static const char *const keys[] = { "recorder", "chair", "present",
		"absent", "resolutions" };
	static const char *const ids[] = { "DV001", "DV002", "DV012" };

	(void)state;
	assert_int_equal(cb_edit_distance("kitten", "sitting", 10), 3);
	assert_int_equal(cb_edit_distance("Bình", "Binh", 10), 1);
	assert_string_equal(cb_nearest("recoder", keys, 5), "recorder");
	assert_string_equal(cb_nearest("resolution", keys, 5), "resolutions");
	assert_null(cb_nearest("xyz", keys, 5));
	assert_string_equal(cb_nearest("DV021", ids, 3), "DV012");
	assert_int_equal(cb_edit_distance("DV021", "DV012", 5), 1);
}

static void
digits(void **state)
{
	int v = -7;

	(void)state;
	assert_int_equal(cb_digits("2024-03", 4, &v), 0);
	assert_int_equal(v, 2024);
	assert_int_equal(cb_digits("007", 3, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(cb_digits("999999999", 9, &v), 0);
	assert_int_equal(v, 999999999);
	v = -7;
	assert_int_equal(cb_digits("20x4", 4, &v), -1);
	assert_int_equal(cb_digits("-1", 2, &v), -1);
	assert_int_equal(cb_digits("1 2", 3, &v), -1);
	assert_int_equal(v, -7);
}

static void
lower_bound(void **state)
{
	struct item {
		const char *key;
		int other;
	} v[] = { { "DV001", 1 }, { "DV003", 2 }, { "DV003", 3 },
		{ "DV010", 4 } };

	(void)state;
	assert_int_equal(cb_lower_bound(v, 4, sizeof(v[0]), "DV000"), 0);
	assert_int_equal(cb_lower_bound(v, 4, sizeof(v[0]), "DV001"), 0);
	assert_int_equal(cb_lower_bound(v, 4, sizeof(v[0]), "DV002"), 1);
	/* The first of equal keys. */
	assert_int_equal(cb_lower_bound(v, 4, sizeof(v[0]), "DV003"), 1);
	assert_int_equal(cb_lower_bound(v, 4, sizeof(v[0]), "DV010"), 3);
	assert_int_equal(cb_lower_bound(v, 4, sizeof(v[0]), "DV9"), 4);
	assert_int_equal(cb_lower_bound(v, 0, sizeof(v[0]), "DV001"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nfc),
		cmocka_unit_test(utf8),
		cmocka_unit_test(nearest),
		cmocka_unit_test(digits),
		cmocka_unit_test(lower_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
