/*
 * cb/report.h - the reports: per cell for a period (cb report), per member
 * (cb attend), per quarter (cb thematic), per meeting (cb meet list), and
 * the exact merge of reports from several offices (cb report merge).
 *
 * Every report is computed from the same reading and the same summaries as
 * `cb check`, so its counts agree with the findings.
 */
#ifndef CB_REPORT_H
#define CB_REPORT_H

#include "check.h"
#include "common.h"
#include "date.h"
#include "records.h"
#include "table.h"

typedef enum cb_period_kind {
	CB_PERIOD_MONTH,
	CB_PERIOD_QUARTER,
	CB_PERIOD_YEAR,
	CB_PERIOD_RANGE
} cb_period_kind;

typedef struct cb_period {
	cb_period_kind kind;
	cb_date start, end; /* inclusive */
	char label[24];	    /* "2024-03", "2024-Q1", "2024", or a range */
} cb_period;

/*
 * Parse a period: "YYYY-MM" (month), "YYYY-Qn" (quarter) or "YYYY" (year),
 * as `kind` says. Returns 0 or CB_EINVAL.
 */
CB_EXTERN(int)
cb_period_parse(cb_period *out, cb_period_kind kind, const char *s);
/* The period from `from` to `to` (inclusive). */
CB_EXTERN(cb_period) cb_period_range(cb_date from, cb_date to);

/* What every report needs besides its paths. */
typedef struct cb_report_opts {
	cb_date as_of;		   /* the end of the checked period */
	const char *plan_file;	   /* --plan, or NULL */
	cb_translate_fn translate; /* may be NULL */
	void *translate_payload;
	cb_io_error_fn io_error; /* unreadable paths; may be NULL */
	void *io_payload;
	const cb_source *source; /* NULL: the working tree */
} cb_report_opts;

/*
 * The party office's report for period `p` over every cell under the `n`
 * `paths`: a row per cell (sorted by cell code) and a total row, with the
 * columns of cb-report(1); the yearly rating columns when `p` is a year.
 * The caller frees `*out` with cb_table_free(). Returns 0, CB_ENOTFOUND
 * when a path does not exist (the others are still read), or CB_ENOMEM.
 */
CB_EXTERN(int)
cb_report_build(cb_table **out, const cb_report_opts *o, const cb_period *p,
    const char *const *paths, size_t n);

/* Attendance per member over `p` (cb attend). */
CB_EXTERN(int)
cb_attend_build(cb_table **out, const cb_report_opts *o, const cb_period *p,
    const char *const *paths, size_t n);

/* Thematic meetings per quarter of `year` (cb thematic). */
CB_EXTERN(int)
cb_thematic_build(cb_table **out, const cb_report_opts *o, int year,
    const char *const *paths, size_t n);

/* One row a meeting, of `year` (0: all) (cb meet list). */
CB_EXTERN(int)
cb_meet_list_build(cb_table **out, const cb_report_opts *o, int year,
    const char *const *paths, size_t n);

/*
 * Add up the reports in the CSV files `files` (written by cb report -f
 * csv): read strictly with libcsv, they must have the same header and the
 * same period, rows of the right width, and no cell code twice. The result
 * is what cb report gives for all their cells together. On an error,
 * `err` (of `errsize` bytes) names the file and line and what is wrong,
 * and CB_EINVAL is returned.
 */
CB_EXTERN(int)
cb_report_merge(cb_table **out, const char *const *files, size_t n,
    cb_translate_fn translate, void *payload, char *err, size_t errsize);

/*
 * The minutes of the next meeting of the cell in `dir`, as a template a
 * secretary fills in (cb meet new): every member expected on that day under
 * `present`, the plan's required agenda items, a review entry for each
 * resolution of the previous regular meeting, a resolution skeleton, and
 * for a thematic meeting the quarter's planned topic. `date` unset: the
 * first day of the plan's window in the month after the last regular
 * meeting. `schema` (may be NULL) is the meeting schema's path or URL for
 * the editor. On success `*relpath` is the file to create, relative to
 * `dir` (meetings/YYYY/YYYY-MM-DD[-suffix].yaml, a name no file has yet),
 * and `*text` its contents; the caller frees both. Returns 0, CB_EINVAL
 * (no usable cell.yaml in `dir`: `err` says why) or CB_ENOMEM.
 */
CB_EXTERN(int)
cb_meet_template(const cb_report_opts *o, const char *dir, cb_date date,
    cb_meeting_kind kind, const char *schema, char **relpath, char **text,
    char *err, size_t errsize);

#endif
