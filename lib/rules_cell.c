/*
 * rules_cell.c - the rules that compare the meetings of one cell, run on
 * their summaries: references between meetings, the monthly schedule, the
 * quarterly thematic meetings, and each member's year.
 *
 * The checked period (cb-rules(7)) runs from the first month with a
 * meeting record (or --from) to --as-of. A month is due once the last day
 * of its meeting window has passed; a quarter or a year once it has ended;
 * each only when it lies wholly inside the period.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "summary.h"
#include "banned.h"

struct ctx {
	const struct cb_cell_input *in;
	cb_date start; /* first day of the checked period */
	int oom;
};

static void emit(struct ctx *x, const char *path, cb_date date, cb_pos pos,
    cb_rule rule, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Report at `path` `pos`; the finding belongs to `date` (cb_finding). */
static void
emit(struct ctx *x, const char *path, cb_date date, cb_pos pos, cb_rule rule,
    const char *fmt, ...)
{
	cb_diag d;
	va_list ap;

	cb_diag_init(&d, x->in->rep, path, NULL, 0);
	d.date = date;
	va_start(ap, fmt);
	cb_diag_vemit_at(&d, rule, pos.line ? pos.line : 1,
	    pos.column ? pos.column : 1, fmt, ap);
	va_end(ap);
	if (d.oom)
		x->oom = 1;
	cb_diag_fini(&d);
}

static const cb_pos top = { 1, 1 };

static int
sum_cmp(const void *a, const void *b)
{
	const struct cb_msum *x = a, *y = b;
	int c = cb_date_cmp(x->date, y->date);

	if (c)
		return c;
	/* On one day, in the order they were held when the times say. */
	if (x->start >= 0 && y->start >= 0 && x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->path, y->path);
}

static cb_date
mkdate(int y, int m, int d)
{
	cb_date r = { (int16_t)y, (int8_t)m, (int8_t)d };

	return r;
}

static cb_date
month_end(int y, int m)
{
	return mkdate(y, m, cb_date_month_days(y, m));
}

static int
before(cb_date a, cb_date b)
{
	return cb_date_cmp(a, b) < 0;
}

/* Whether the days first..last lie in the period and `last` has passed. */
static int
due(const struct ctx *x, cb_date first, cb_date last)
{
	return !before(first, x->start) && before(last, x->in->as_of);
}

int
cb_month_due(const cb_plan *plan, cb_cell_type type, cb_date start,
    cb_date as_of, int y, int m)
{
	cb_day_window w = cb_plan_window(plan, type);
	int last = cb_date_month_days(y, m);
	cb_date first = mkdate(y, m, 1),
		end = mkdate(y, m, w.to < last ? w.to : last);

	return !before(first, start) && before(end, as_of);
}

int
cb_quarter_due(cb_date start, cb_date as_of, int y, int q)
{
	int m = q * 3;

	return !before(mkdate(y, m - 2, 1), start) &&
	    before(mkdate(y, m, cb_date_month_days(y, m)), as_of);
}

cb_date
cb_period_start(const struct cb_msum *sums, size_t n, cb_date from)
{
	if (cb_date_is_set(from))
		return from;
	for (size_t i = 0; i < n; i++)
		if (cb_date_is_set(sums[i].date))
			return mkdate(sums[i].date.year, sums[i].date.month, 1);
	return (cb_date){ 0, 0, 0 };
}

static int
month_due(const struct ctx *x, int y, int m)
{
	return cb_month_due(x->in->plan,
	    x->in->cell ? x->in->cell->type : CB_CELL_TYPE_UNSET, x->start,
	    x->in->as_of, y, m);
}

static int
quarter_due(const struct ctx *x, int y, int q)
{
	return cb_quarter_due(x->start, x->in->as_of, y, q);
}

/* schedule/future: minutes of a meeting after --as-of (today). */
static void
future(struct ctx *x)
{
	char buf[11], buf2[11];

	for (size_t i = 0; i < x->in->n_sums; i++) {
		const struct cb_msum *s = &x->in->sums[i];

		if (cb_date_cmp(s->date, x->in->as_of) > 0)
			emit(x, s->path, s->date, s->pos_date,
			    CB_RULE_SCHEDULE_FUTURE,
			    N_("the meeting is dated %s, after %s; check the "
			       "date"),
			    cb_date_format(s->date, buf),
			    cb_date_format(x->in->as_of, buf2));
	}
}

/* ref/unknown-resolution: each review names a resolution that exists. */
static void
review_refs(struct ctx *x)
{
	struct cb_msum *s = x->in->sums;
	size_t n = x->in->n_sums;
	char date[11];

	for (size_t i = 0; i < n; i++) {
		for (uint32_t k = 0; k < s[i].n_refs; k++) {
			const struct cb_rref *r = &s[i].refs[k];
			int meeting = 0, found = 0;
			cb_buf ids = CB_BUF_INIT(4096);

			for (size_t j = 0; j < n && !found; j++) {
				if (cb_date_cmp(s[j].date, r->date) != 0)
					continue;
				meeting = 1;
				/* Its resolutions are not known. */
				found |= s[j].unknown;
				for (uint32_t y = 0; y < s[j].n_res; y++) {
					if (!strcmp(s[j].res_ids[y], r->id))
						found = 1;
					if (ids.len)
						cb_buf_puts(&ids, ", ");
					cb_buf_puts(&ids, s[j].res_ids[y]);
				}
			}
			cb_date_format(r->date, date);
			if (found)
				;
			else if (!meeting)
				emit(x, s[i].path, s[i].date, r->pos,
				    CB_RULE_REF_UNKNOWN_RESOLUTION,
				    N_("there are no minutes of a meeting on "
				       "%s; check the date in '%s/%s'"),
				    date, date, r->id);
			else if (ids.len == 0)
				emit(x, s[i].path, s[i].date, r->pos,
				    CB_RULE_REF_UNKNOWN_RESOLUTION,
				    N_("the meeting of %s issued no resolution "
				       "%s (it has none)"),
				    date, r->id);
			else
				emit(x, s[i].path, s[i].date, r->pos,
				    CB_RULE_REF_UNKNOWN_RESOLUTION,
				    N_("the meeting of %s issued no resolution "
				       "%s; its resolutions are: %s"),
				    date, r->id, ids.ptr);
			cb_buf_free(&ids);
		}
	}
}

/*
 * Seed 002 §III.5: each regular meeting reviews the resolutions of the
 * previous regular meeting.
 */
static void
review_missing(struct ctx *x)
{
	struct cb_msum *s = x->in->sums;
	const struct cb_msum *prev = NULL;
	char date[11];

	for (size_t i = 0; i < x->in->n_sums; i++) {
		if (s[i].unknown)
			prev = NULL; /* perhaps the previous regular meeting */
		if (s[i].kind != CB_KIND_REGULAR)
			continue;
		for (uint32_t k = 0; prev != NULL && k < prev->n_res; k++) {
			int found = 0;

			for (uint32_t j = 0; j < s[i].n_refs && !found; j++)
				found = cb_date_cmp(s[i].refs[j].date,
					    prev->date) == 0 &&
				    !strcmp(s[i].refs[j].id, prev->res_ids[k]);
			if (!found)
				emit(x, s[i].path, s[i].date, s[i].pos_review,
				    CB_RULE_MINUTES_REVIEW_MISSING,
				    N_("resolution %s/%s of the previous "
				       "regular "
				       "meeting is not reviewed; add '- {ref: "
				       "%s/%s, "
				       "status: done|partial|not-done}' to "
				       "'review'"),
				    cb_date_format(prev->date, date),
				    prev->res_ids[k], date, prev->res_ids[k]);
		}
		prev = &s[i];
	}
}

/*
 * minutes/admission, the roster's side: a member whose `joined` is the
 * date of a meeting was admitted there (seed 003: the admission is part of
 * the meeting), so that meeting must list them.
 */
static void
admissions(struct ctx *x)
{
	const cb_cell *cell = x->in->cell;
	struct cb_msum *s = x->in->sums;
	size_t n = x->in->n_sums;
	char date[11];

	for (size_t k = 0; cell && k < cell->n_members; k++) {
		cb_date j = cell->members[k].joined;
		const struct cb_msum *first = NULL;
		int admitted = 0;

		if (!cb_date_is_set(j))
			continue;
		for (size_t i = 0; i < n; i++) {
			if (cb_date_cmp(s[i].date, j) != 0)
				continue;
			admitted |= s[i].unknown;
			if (first == NULL ||
			    (first->kind != CB_KIND_REGULAR &&
				s[i].kind == CB_KIND_REGULAR))
				first = &s[i];
			for (uint32_t a = 0; a < s[i].n_admitted; a++)
				admitted |= s[i].admitted[a] == k;
		}
		if (first != NULL && !admitted)
			emit(x, first->path, first->date, first->pos_admissions,
			    CB_RULE_MINUTES_ADMISSION,
			    N_("%s joined on %s, the "
			       "day of this meeting, but is not in its "
			       "'admissions'; add them, or correct 'joined' in "
			       "cell.yaml"),
			    cell->members[k].id ? cell->members[k].id : "?",
			    cb_date_format(j, date));
	}
}

/*
 * Party Charter art. 8 (DOMAIN.md): a member who misses party activities
 * for three months in a year without a valid reason is considered for
 * removal. Months are counted, so two unexcused absences in one month
 * (a regular and an extraordinary meeting) count once. Reported at the
 * meeting where the count reaches the plan's limit.
 */
static void
unexcused(struct ctx *x)
{
	const cb_cell *cell = x->in->cell;
	int limit = x->in->plan->unexcused_limit;
	struct cb_msum *s = x->in->sums;
	unsigned *count;
	uint8_t *last; /* the last month counted, per member */
	int year = 0;

	if (cell == NULL || limit <= 0 || cell->n_members == 0)
		return;
	count = calloc(cell->n_members, sizeof(*count));
	last = calloc(cell->n_members, 1);
	if (count == NULL || last == NULL) {
		free(count);
		free(last);
		x->oom = 1;
		return;
	}
	for (size_t i = 0; i < x->in->n_sums; i++) {
		if (s[i].date.year != year) {
			memset(count, 0, cell->n_members * sizeof(*count));
			memset(last, 0, cell->n_members);
			year = s[i].date.year;
		}
		for (uint32_t a = 0; a < s[i].n_att; a++) {
			struct cb_att *at = &s[i].att[a];
			const char *id;

			if (at->state != CB_ATT_UNEXCUSED ||
			    last[at->member] == s[i].date.month)
				continue;
			last[at->member] = (uint8_t)s[i].date.month;
			if (++count[at->member] != (unsigned)limit)
				continue;
			at->limit = 1; /* for cb report */
			id = cell->members[at->member].id
			    ? cell->members[at->member].id
			    : "?";
			emit(x, s[i].path, s[i].date, at->pos,
			    CB_RULE_ATTENDANCE_UNEXCUSED_LIMIT,
			    N_("%s has missed meetings without a valid reason "
			       "in %d months of %d: the cell must consider the "
			       "member's case (Party Charter, art. 8)"),
			    id, limit, year);
		}
	}
	free(count);
	free(last);
}

/* Seed 002 §III.2: a regular meeting every month; seed 003: a thematic
 * meeting never replaces it. Also one regular meeting a month, at most. */
static void
months(struct ctx *x)
{
	struct cb_msum *s = x->in->sums;
	size_t n = x->in->n_sums, i = 0;
	int every = x->in->plan->upper_every_months, gap = 0;
	int y = x->start.year, m = x->start.month;
	int gy = 0, gm = 0;
	cb_date end = x->in->as_of;

	while (y < end.year || (y == end.year && m <= end.month)) {
		int regular = 0, upper = 0, unknown = 0;
		const struct cb_msum *first = NULL;

		while (i < n &&
		    (s[i].date.year < y ||
			(s[i].date.year == y && s[i].date.month < m)))
			i++;
		for (size_t j = i;
		     j < n && s[j].date.year == y && s[j].date.month == m;
		     j++) {
			upper |= s[j].upper | s[j].unknown;
			unknown |= s[j].unknown;
			if (s[j].kind != CB_KIND_REGULAR)
				continue;
			if (++regular == 2)
				emit(x, s[j].path, s[j].date, s[j].pos_date,
				    CB_RULE_SCHEDULE_REGULAR_EXTRA,
				    N_("a second regular meeting in %04d-%02d "
				       "(the first is %s); if it was called "
				       "outside the schedule, make it "
				       "'kind: extraordinary'"),
				    y, m, first->path);
			if (first == NULL)
				first = &s[j];
		}
		if (month_due(x, y, m)) {
			if (regular == 0 && !unknown)
				emit(x, x->in->cell_path, month_end(y, m), top,
				    CB_RULE_SCHEDULE_REGULAR_MISSING,
				    N_("no regular meeting in %04d-%02d; every "
				       "month needs one (add its minutes under "
				       "meetings/%04d/)"),
				    y, m, y);
			/* Seeds 000 §II.3, 001: upper-committee visits. */
			if (every > 0) {
				if (upper) {
					gap = 0;
				} else if (gap++ == 0) {
					gy = y;
					gm = m;
				}
				if (gap == every) {
					emit(x, x->in->cell_path,
					    month_end(y, m), top,
					    CB_RULE_SCHEDULE_UPPER_ABSENT,
					    N_("no upper-committee member "
					       "attended from %04d-%02d to "
					       "%04d-%02d; the plan asks for "
					       "one "
					       "every %d month(s)"),
					    gy, gm, y, m, every);
					gap = 0;
				}
			}
		}
		if (++m == 13) {
			m = 1;
			y++;
		}
	}
}

static int
length(const struct cb_msum *s)
{
	return s->start >= 0 && s->end > s->start ? s->end - s->start : -1;
}

/*
 * A regular and a thematic meeting form one session (seed 003: "sinh hoạt
 * kết hợp", one after the other) when both have times and one starts
 * within half an hour of the other's end.
 */
static int
one_session(const struct cb_msum *a, const struct cb_msum *b)
{
	if (length(a) < 0 || length(b) < 0)
		return 0;
	int gap = a->end <= b->start ? b->start - a->end : a->start - b->end;

	return gap >= 0 && gap <= 30;
}

/*
 * Seed 003: a regular and a thematic meeting may share a day, one after
 * the other, never mixed. Directive 50-CT/TW, Guidance 42-HD/BTCTW: the
 * length of a meeting and of such a combined session.
 */
static void
same_day(struct ctx *x)
{
	struct cb_msum *s = x->in->sums;
	size_t n = x->in->n_sums;
	const cb_plan *p = x->in->plan;

	for (size_t i = 0; i < n; i++) {
		const struct cb_msum *partner = NULL;

		for (size_t j = 0; j < n; j++) {
			if (j == i || cb_date_cmp(s[i].date, s[j].date) != 0)
				continue;
			if (j < i && s[i].start >= 0 && s[i].end >= 0 &&
			    s[j].start >= 0 && s[j].end >= 0 &&
			    s[i].start < s[j].end && s[j].start < s[i].end)
				emit(x, s[i].path, s[i].date, s[i].pos_start,
				    CB_RULE_SCHEDULE_COMBINED_OVERLAP,
				    N_("this meeting (%02d:%02d-%02d:%02d) "
				       "overlaps %s; meetings on one day are "
				       "held "
				       "one after the other"),
				    s[i].start / 60, s[i].start % 60,
				    s[i].end / 60, s[i].end % 60, s[j].path);
			if (s[i].kind == CB_KIND_REGULAR &&
			    s[j].kind == CB_KIND_THEMATIC &&
			    one_session(&s[i], &s[j]))
				partner = &s[j];
		}
		if (s[i].kind != CB_KIND_REGULAR || length(&s[i]) < 0)
			continue;
		if (partner != NULL && p->duration_combined > 0) {
			int sum = length(&s[i]) + length(partner);

			if (sum < p->duration_combined)
				emit(x, s[i].path, s[i].date, s[i].pos_start,
				    CB_RULE_SCHEDULE_TOO_SHORT,
				    N_("the regular and the thematic meeting "
				       "held together this day last %d "
				       "minutes; "
				       "the plan asks for at least %d"),
				    sum, p->duration_combined);
		} else if (p->duration_regular > 0 &&
		    length(&s[i]) < p->duration_regular) {
			emit(x, s[i].path, s[i].date, s[i].pos_start,
			    CB_RULE_SCHEDULE_TOO_SHORT,
			    N_("the meeting lasts %d minutes; the plan asks "
			       "for at least %d"),
			    length(&s[i]), p->duration_regular);
		}
	}
}

/*
 * Seeds 000 §II.3, 002 §II.2, 003: a thematic meeting every quarter, on
 * the topic planned at the start of the year (seed 002 §III.5), announced
 * at an earlier meeting (seed 003, "Công tác chuẩn bị").
 */
static void
thematic(struct ctx *x)
{
	struct cb_msum *s = x->in->sums;
	size_t n = x->in->n_sums;
	const cb_plan *p = x->in->plan;
	char date[11];

	for (size_t i = 0; p->thematic_announce && i < n; i++) {
		int exists = 0;

		if (s[i].kind != CB_KIND_THEMATIC)
			continue;
		if (!cb_date_is_set(s[i].announced)) {
			emit(x, s[i].path, s[i].date, s[i].pos_thematic,
			    CB_RULE_THEMATIC_NOT_ANNOUNCED,
			    N_("the plan wants the topic announced at an "
			       "earlier meeting; add 'announced:' with that "
			       "meeting's date"));
			continue;
		}
		for (size_t j = 0; j < n && !exists; j++)
			exists = cb_date_cmp(s[j].date, s[i].announced) == 0;
		/* A meeting of that day whose minutes are unreadable counts. */
		cb_date_format(s[i].announced, date);
		if (!before(s[i].announced, s[i].date))
			emit(x, s[i].path, s[i].date, s[i].pos_announced,
			    CB_RULE_THEMATIC_NOT_ANNOUNCED,
			    N_("announced on %s, which is not before the "
			       "meeting"),
			    date);
		else if (!exists)
			emit(x, s[i].path, s[i].date, s[i].pos_announced,
			    CB_RULE_THEMATIC_NOT_ANNOUNCED,
			    N_("announced on %s, but there are no minutes of a "
			       "meeting on that day"),
			    date);
	}
	for (int y = x->start.year; y <= x->in->as_of.year; y++) {
		const struct cb_tplan_sum *tp = NULL;

		for (size_t t = 0; t < x->in->n_tplans; t++)
			if (x->in->tplans[t].year == y)
				tp = &x->in->tplans[t];
		for (int q = 1; q <= 4; q++) {
			const struct cb_msum *first = NULL;
			int held = 0, on_plan = 0, unknown = 0;

			if (!quarter_due(x, y, q))
				continue;
			for (size_t i = 0; i < n; i++) {
				if (s[i].unknown && s[i].date.year == y &&
				    (s[i].date.month + 2) / 3 == q)
					unknown = 1;
				if (s[i].kind != CB_KIND_THEMATIC ||
				    s[i].date.year != y ||
				    (s[i].date.month + 2) / 3 != q)
					continue;
				held++;
				if (first == NULL)
					first = &s[i];
				if (tp && s[i].category == tp->category[q - 1])
					on_plan = 1;
			}
			if (held < p->thematic_per_quarter && !unknown)
				emit(x, x->in->cell_path, month_end(y, q * 3),
				    top, CB_RULE_THEMATIC_MISSING,
				    N_("%d thematic meeting(s) in %d-Q%d; the "
				       "plan asks for %d a quarter"),
				    held, y, q, p->thematic_per_quarter);
			if (tp && tp->category[q - 1] != CB_CATEGORY_UNSET &&
			    first != NULL && !on_plan)
				emit(x, first->path, first->date,
				    first->pos_category,
				    CB_RULE_THEMATIC_OFF_PLAN,
				    N_("the year's plan sets the topic of "
				       "%d-Q%d "
				       "in category '%s', but no thematic "
				       "meeting "
				       "of the quarter has it"),
				    y, q,
				    cb_category_name(tp->category[q - 1]));
		}
	}
}

/*
 * Seed 002 §II.2: each member speaks at 6 or more meetings a year. Counted
 * over the meetings the member was expected at, so a member who joined in
 * July owes half.
 */
static void
contributions(struct ctx *x)
{
	const cb_cell *cell = x->in->cell;
	struct cb_msum *s = x->in->sums;
	int per_year = x->in->plan->contributions_per_year;

	if (cell == NULL || per_year <= 0)
		return;
	for (int y = x->start.year; y < x->in->as_of.year; y++) {
		size_t held = 0;

		if (!due(x, mkdate(y, 1, 1), mkdate(y, 12, 31)))
			continue;
		int unknown = 0;

		for (size_t i = 0; i < x->in->n_sums; i++) {
			held += s[i].date.year == y;
			unknown |= s[i].date.year == y && s[i].unknown;
		}
		/* Who spoke at an unreadable meeting is not known. */
		if (held == 0 || unknown)
			continue;
		for (size_t k = 0; k < cell->n_members; k++) {
			const cb_member *mb = &cell->members[k];
			size_t expected = 0, spoke = 0;

			for (size_t i = 0; i < x->in->n_sums; i++) {
				if (s[i].date.year != y ||
				    !cb_member_expected(mb, s[i].date))
					continue;
				expected++;
				for (uint32_t a = 0; a < s[i].n_spoke; a++)
					spoke += s[i].spoke[a] == k;
			}
			/* Pro rata, to the nearest meeting (half up). */
			size_t owed = ((size_t)per_year * expected * 2 + held) /
			    (2 * held);

			if (expected > 0 && spoke < owed)
				emit(x, x->in->cell_path, mkdate(y, 12, 31),
				    mb->pos, CB_RULE_MEMBER_CONTRIBUTIONS,
				    N_("%s spoke at %zu meeting(s) in %d; the "
				       "plan asks for %zu (%d a year, for the "
				       "%zu "
				       "of %zu meetings the member was "
				       "expected "
				       "at)"),
				    mb->id ? mb->id : "?", spoke, y, owed,
				    per_year, expected, held);
		}
	}
}

int
cb_rules_cell(const struct cb_cell_input *in)
{
	struct ctx x;
	struct cb_msum *s = in->sums;
	size_t n = in->n_sums, first = 0;

	memset(&x, 0, sizeof(x));
	x.in = in;
	if (n > 1)
		qsort(s, n, sizeof(*s), sum_cmp);
	/* Meetings without a usable date take part in nothing here. */
	while (first < n && !cb_date_is_set(s[first].date))
		first++;
	struct cb_cell_input dated = *in;

	dated.sums = s + first;
	dated.n_sums = n - first;
	x.in = &dated;
	review_refs(&x);
	if (dated.n_sums == 0 || !cb_date_is_set(in->as_of))
		return x.oom ? CB_ENOMEM : 0;
	future(&x);
	x.start = cb_period_start(dated.sums, dated.n_sums, in->from);
	review_missing(&x);
	admissions(&x);
	unexcused(&x);
	months(&x);
	same_day(&x);
	thematic(&x);
	contributions(&x);
	return x.oom ? CB_ENOMEM : 0;
}
