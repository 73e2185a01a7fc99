/*
 * date.c - strict calendar dates. Day numbers use the civil-from-days
 * algorithm (H. Hinnant), so nothing here depends on the time zone.
 */
#include "cb/date.h"
#include "text.h"

#include "banned.h"

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
cb_date_month_days(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	if (month < 1 || month > 12)
		return 0;
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int
cb_date_parse(cb_date *out, const char *s, size_t len)
{
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return CB_EINVAL;
	if (cb_digits(s, 4, &y) || cb_digits(s + 5, 2, &m) ||
	    cb_digits(s + 8, 2, &d))
		return CB_EINVAL;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > cb_date_month_days(y, m))
		return CB_EINVAL;
	out->year = (int16_t)y;
	out->month = (int8_t)m;
	out->day = (int8_t)d;
	return 0;
}

int32_t
cb_date_to_days(cb_date dt)
{
	int y = dt.year, m = dt.month, d = dt.day;

	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

cb_date
cb_date_from_days(int32_t z)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp < 10 ? mp + 3 : mp - 9;
	cb_date r = { (int16_t)(y + (m <= 2)), (int8_t)m, (int8_t)d };

	return r;
}

int
cb_date_cmp(cb_date a, cb_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

char *
cb_date_format(cb_date d, char *buf)
{
	unsigned y = (unsigned)d.year % 10000, m = (unsigned)d.month % 100,
		 dd = (unsigned)d.day % 100;

	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	buf[10] = '\0';
	return buf;
}
