/*
 * fuzz_read.c - libFuzzer target over every record reader. The first byte
 * picks the reader; meetings are read against a small roster so that the
 * reference checks run too.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cb.h>

#include "summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
count(const cb_finding *f, void *payload)
{
	/* Touch every field so that sanitizers see bad pointers. */
	size_t *n = payload;

	*n += strlen(f->path) + strlen(f->message) + f->line + f->column;
	return 0;
}

static const char roster[] =
    "cell: {code: A-1, name: Chi bộ A, type: village}\n"
    "members:\n"
    "  - {id: DV001, name: Nguyễn Văn An, status: official, "
    "joined: 2000-01-01, roles: [secretary]}\n"
    "  - {id: DV002, name: Trần Thị Bình, status: probationary, "
    "joined: 2024-03-05}\n"
    "  - {id: DV003, name: Trần Thị Bình, status: official, "
    "joined: 1990-01-01, left: {date: 2024-01-01, reason: died}}\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	cb_reporter rep = { count, &n, NULL, NULL };
	cb_date as_of = { 2025, 1, 1 };
	cb_cell *cell = NULL;

	if (size < 1)
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;

	switch (data[0] % 5) {
	case 0: {
		cb_cell *c;

		if (cb_cell_read(&c, text, len, "cell.yaml", as_of, &rep) == 0)
			cb_cell_free(c);
		break;
	}
	case 1: {
		cb_meeting *m;

		cb_cell_read(&cell, roster, sizeof(roster) - 1, "cell.yaml",
		    as_of, NULL);
		if (cb_meeting_read(&m, text, len, "m.yaml", cell, &rep) == 0 &&
		    m != NULL) {
			/* The plan's rules too, on this meeting and on a cell
			 * made of it twice. */
			cb_plan plan;
			cb_diag d;
			cb_arena a = CB_ARENA_INIT;
			struct cb_msum sums[2];

			cb_plan_defaults(&plan);
			plan.days.from = 3;
			plan.days.to = 7;
			plan.attendance_target = 95;
			plan.thematic_announce = 1;
			plan.contributions_per_year = 6;
			plan.upper_every_months = 2;
			plan.duration_regular = 90;
			plan.duration_combined = 120;
			plan.papers_days_before = 1;
			plan.agenda_required = 1u << CB_AGENDA_TW4;
			cb_diag_init(&d, &rep, "m.yaml", text, len);
			cb_rules_meeting(&d, cell, &plan, m, as_of);
			cb_diag_fini(&d);
			if (cb_summary_take(&a, "m.yaml", m, cell, &sums[0]) ==
				0 &&
			    cb_summary_take(&a, "n.yaml", m, cell, &sums[1]) ==
				0) {
				struct cb_tplan_sum tp = { 2024,
					{ CB_CATEGORY_HCM, 0, 0, 0 }, { 0 },
					{ 0 } };
				struct cb_cell_input in = { &rep, "cell.yaml",
					cell, &plan, sums, 2, &tp, 1, as_of,
					{ 0, 0, 0 } };

				cb_rules_cell(&in);
			}
			cb_arena_clear(&a);
			cb_meeting_free(m);
		}
		cb_cell_free(cell);
		break;
	}
	case 2: {
		cb_plan *p;

		if (cb_plan_read(&p, text, len, "plan.yaml", &rep) == 0)
			cb_plan_free(p);
		break;
	}
	case 3: {
		cb_tplan *t;

		if (cb_tplan_read(
			&t, text, len, "plans/2024.yaml", NULL, &rep) == 0)
			cb_tplan_free(t);
		break;
	}
	default: {
		cb_ratings *r;

		if (cb_ratings_read(
			&r, text, len, "ratings/2024.yaml", NULL, &rep) == 0)
			cb_ratings_free(r);
		break;
	}
	}
	return 0;
}
