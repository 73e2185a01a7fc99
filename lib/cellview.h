/*
 * cellview.h - what the checker knows of a cell once it has read it: the
 * same summaries and findings that `cb check` uses, handed to the reports
 * (cb report, attend, thematic, meet list) so that their numbers agree
 * with the findings.
 */
#ifndef CB_CELLVIEW_H
#define CB_CELLVIEW_H

#include "cb/check.h"
#include "summary.h"

/* A finding of the cell, as the reports count them. */
struct cb_vfinding {
	const char *path;
	cb_rule rule;
	cb_severity severity;
	cb_date date;
};

struct cb_cell_view {
	const char *path;    /* the cell's directory, as shown */
	const char *realdir; /* its real path */
	const cb_cell *cell; /* NULL when cell.yaml is unusable */
	const cb_plan *plan;
	const char *plan_path; /* as shown; NULL for the built-in defaults */
	const struct cb_msum *sums; /* sorted by date (undated first) */
	size_t n_sums;
	const struct cb_tplan_sum *tplans;
	size_t n_tplans;
	const struct cb_ratings_sum *ratings;
	size_t n_ratings;
	const struct cb_vfinding *findings;
	size_t n_findings;
	cb_date start; /* first day of the checked period (unset: none) */
	cb_date as_of;
};

/*
 * Called once a cell has been read and checked, before its findings are
 * delivered. Everything is borrowed for the call. Non-zero stops the run.
 */
typedef int (*cb_cell_hook)(const struct cb_cell_view *v, void *payload);

void cb_checker_set_cell_hook(cb_checker *c, cb_cell_hook fn, void *payload);

#endif
