#include "harness.h"

static void
parse_valid(void **state)
{
	cb_date d;

	(void)state;
	assert_int_equal(cb_date_parse(&d, "2024-02-29", 10), 0);
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	assert_int_equal(cb_date_parse(&d, "2000-02-29", 10), 0);
	assert_int_equal(cb_date_parse(&d, "1999-12-31", 10), 0);
}

static void
parse_invalid(void **state)
{
	static const char *const bad[] = { "2023-02-29", "2023-02-30",
		"1900-02-29", "2023-04-31", "2023-13-01", "2023-00-10",
		"2023-01-00", "2023-1-01", "2023/01/01", "20230101",
		"2023-01-01T", " 2023-01-01", "+023-01-01", "2023-0a-01", "",
		"1899-12-31", "3000-01-01" };
	cb_date d;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_not_equal(
		    cb_date_parse(&d, bad[i], strlen(bad[i])), 0);
	/* Only `len` bytes count. */
	assert_int_equal(cb_date_parse(&d, "2023-01-01xyz", 10), 0);
}

static void
day_numbers(void **state)
{
	cb_date d = { 1970, 1, 1 }, e = { 2024, 3, 1 }, f = { 2024, 2, 29 };

	(void)state;
	assert_int_equal(cb_date_to_days(d), 0);
	assert_int_equal(cb_date_to_days(e) - cb_date_to_days(f), 1);
	for (int32_t z = -40000; z < 400000; z += 7) {
		cb_date x = cb_date_from_days(z);

		assert_int_equal(cb_date_to_days(x), z);
	}
	char buf[11];

	assert_string_equal(cb_date_format(f, buf), "2024-02-29");
	assert_true(cb_date_cmp(e, f) > 0);
	assert_true(cb_date_cmp(f, e) < 0);
	assert_int_equal(cb_date_cmp(f, f), 0);
	assert_int_equal(cb_date_month_days(2023, 2), 28);
	assert_int_equal(cb_date_month_days(2100, 2), 28);
	assert_int_equal(cb_date_month_days(2400, 2), 29);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_valid),
		cmocka_unit_test(parse_invalid),
		cmocka_unit_test(day_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
