/*
 * summary.h - what the rules that compare files keep of each meeting once
 * its record is freed, and the two rule passes: one over a meeting record
 * (everything one file shows, with the roster and the plan), one over the
 * summaries of a whole cell.
 */
#ifndef CB_SUMMARY_H
#define CB_SUMMARY_H

#include "cb/records.h"
#include "arena.h"
#include "diag.h"

/* A review entry: the resolution it names, and where. */
struct cb_rref {
	cb_date date;
	const char *id;
	cb_pos pos;
};

enum { CB_ATT_PRESENT, CB_ATT_EXCUSED, CB_ATT_UNEXCUSED };

/* A member's attendance at one meeting (roster members only). */
struct cb_att {
	uint16_t member; /* roster index */
	uint8_t state;	 /* CB_ATT_* */
	uint8_t limit;	 /* attendance/unexcused-limit was reached here */
	cb_pos pos;	 /* the entry in present/absent */
};

struct cb_msum {
	const char *path;
	cb_date date;
	cb_meeting_kind kind;
	int16_t start, end; /* minutes, or -1 */
	uint8_t upper;	    /* an upper-committee guest came */
	uint8_t thematic;   /* has a thematic block */
	/* The file could not be read whole (or has no valid kind or date):
	 * it is a meeting of `date` (from its name) whose content is not
	 * known, so rules that would need it stay silent. */
	uint8_t unknown;
	cb_category category;
	cb_date announced, reported;
	const char *topic, *presenter;	/* thematic, for cb thematic */
	uint32_t n_res_complete;	/* with content, deadline, assignees */
	uint32_t n_present, n_expected; /* expected members present; expected */
	const char **res_ids;
	uint32_t n_res;
	struct cb_rref *refs;
	uint32_t n_refs;
	struct cb_att *att;
	uint32_t n_att;
	uint16_t *spoke; /* distinct members who contributed */
	uint32_t n_spoke;
	uint16_t *admitted;
	uint32_t n_admitted;
	cb_pos pos_date, pos_start, pos_review, pos_admissions, pos_thematic,
	    pos_announced, pos_category;
};

/* A year's thematic plan, reduced to the category of each quarter. */
struct cb_tplan_sum {
	int year;
	cb_category category[4];
	const char *topic[4], *presenter[4];
};

/* A year's ratings, counted (ratings/YYYY.yaml). */
struct cb_ratings_sum {
	int year;
	cb_rating cell;
	int rated, good_or_better, excellent;
};

/*
 * Keep what the cell rules and reports need of `m` (strings copied into
 * `a`). `cell` (may be NULL) tells who was expected.
 */
int cb_summary_take(cb_arena *a, const char *path, const cb_meeting *m,
    const cb_cell *cell, struct cb_msum *out);

/*
 * Due months and quarters (cb-rules(7), "the checked period"): inside the
 * period that starts on `start`, and ended (the month's meeting window, or
 * the quarter) before `as_of`.
 */
int cb_month_due(const cb_plan *plan, cb_cell_type type, cb_date start,
    cb_date as_of, int y, int m);
int cb_quarter_due(cb_date start, cb_date as_of, int y, int q);

/* The first day of a cell's checked period; `sums` sorted by date. */
cb_date cb_period_start(const struct cb_msum *sums, size_t n, cb_date from);

/*
 * The rules one meeting file shows (attendance, minutes, the plan's days
 * and required content): findings go to `d`, whose path is the file's.
 * `cell` may be NULL (then roster rules are skipped).
 */
void cb_rules_meeting(cb_diag *d, const cb_cell *cell, const cb_plan *plan,
    const cb_meeting *m, cb_date as_of);

/* Everything the cross-file rules of one cell need. */
struct cb_cell_input {
	const cb_reporter *rep;
	const char *cell_path; /* the cell's cell.yaml, as shown */
	const cb_cell *cell;   /* may be NULL */
	const cb_plan *plan;
	struct cb_msum *sums; /* sorted here by date, then path */
	size_t n_sums;
	const struct cb_tplan_sum *tplans;
	size_t n_tplans;
	cb_date as_of, from; /* from: unset for the default */
};

/* The rules that compare meetings of one cell. Returns 0 or CB_ENOMEM. */
int cb_rules_cell(const struct cb_cell_input *in);

#endif
