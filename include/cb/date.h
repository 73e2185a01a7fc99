/*
 * cb/date.h - calendar dates as plain Y-M-D values.
 *
 * Dates in the records are strict ISO 8601 calendar dates (YYYY-MM-DD).
 * Arithmetic is done on day numbers, never through the C library's time
 * zone dependent functions, so results never depend on TZ.
 */
#ifndef CB_DATE_H
#define CB_DATE_H

#include "common.h"

typedef struct cb_date {
	int16_t year; /* 0 in an unset date */
	int8_t month; /* 1..12 */
	int8_t day;   /* 1..31 */
} cb_date;

/* Whether `d` holds a date (a zeroed cb_date does not). */
#define cb_date_is_set(d) ((d).year != 0)

/*
 * Parse exactly `len` bytes of `s` as YYYY-MM-DD: four digits, a hyphen,
 * two digits, a hyphen, two digits, naming a real day of the proleptic
 * Gregorian calendar between the years 1900 and 2999 (2023-02-30 is
 * refused, unlike with strptime). Returns 0 and fills `out`, or
 * CB_EINVAL.
 */
CB_EXTERN(int) cb_date_parse(cb_date *out, const char *s, size_t len);

/* Days in `month` (1..12) of `year`. */
CB_EXTERN(int) cb_date_month_days(int year, int month);

/* Day number of `d`: days since 1970-01-01 (negative before it). */
CB_EXTERN(int32_t) cb_date_to_days(cb_date d);

/* The date of day number `days` (inverse of cb_date_to_days()). */
CB_EXTERN(cb_date) cb_date_from_days(int32_t days);

/* <0, 0 or >0 as `a` is before, the same as or after `b`. */
CB_EXTERN(int) cb_date_cmp(cb_date a, cb_date b);

/*
 * Write `d` as YYYY-MM-DD and a NUL into `buf`, which holds at least 11
 * bytes. Returns `buf`.
 */
CB_EXTERN(char *) cb_date_format(cb_date d, char *buf);

#endif
