/*
 * report.c - the reports, computed in the checker's cell hook from the
 * same summaries and findings that `cb check` uses.
 */
#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cb/report.h"
#include "buf.h"
#include "cellview.h"
#include "fs.h"
#include "diag.h"
#include "text.h"
#include "banned.h"

/* ---- periods ---- */

static cb_date
ymd(int y, int m, int d)
{
	cb_date r = { (int16_t)y, (int8_t)m, (int8_t)d };

	return r;
}

int
cb_period_parse(cb_period *out, cb_period_kind kind, const char *s)
{
	size_t len = strlen(s);
	int y, m, q;

	memset(out, 0, sizeof(*out));
	out->kind = kind;
	if (len < 4 || cb_digits(s, 4, &y) || y < 1900 || y > 2999)
		return CB_EINVAL;
	switch (kind) {
	case CB_PERIOD_YEAR:
		if (len != 4)
			return CB_EINVAL;
		out->start = ymd(y, 1, 1);
		out->end = ymd(y, 12, 31);
		break;
	case CB_PERIOD_MONTH:
		if (len != 7 || s[4] != '-' || cb_digits(s + 5, 2, &m) ||
		    m < 1 || m > 12)
			return CB_EINVAL;
		out->start = ymd(y, m, 1);
		out->end = ymd(y, m, cb_date_month_days(y, m));
		break;
	case CB_PERIOD_QUARTER:
		if (len != 7 || s[4] != '-' || (s[5] != 'Q' && s[5] != 'q') ||
		    cb_digits(s + 6, 1, &q) || q < 1 || q > 4)
			return CB_EINVAL;
		out->start = ymd(y, q * 3 - 2, 1);
		out->end = ymd(y, q * 3, cb_date_month_days(y, q * 3));
		break;
	default:
		return CB_EINVAL;
	}
	memcpy(out->label, s, len);
	if (kind == CB_PERIOD_QUARTER)
		out->label[5] = 'Q';
	return 0;
}

cb_period
cb_period_range(cb_date from, cb_date to)
{
	cb_period p;
	char a[11], b[11];

	memset(&p, 0, sizeof(p));
	p.kind = CB_PERIOD_RANGE;
	p.start = from;
	p.end = to;
	snprintf(p.label, sizeof(p.label), "%s..%s", cb_date_format(from, a),
	    cb_date_format(to, b));
	return p;
}

static int
in(cb_date d, const cb_period *p)
{
	return cb_date_is_set(d) && cb_date_cmp(d, p->start) >= 0 &&
	    cb_date_cmp(d, p->end) <= 0;
}

/*
 * Whether a meeting of date `d` was held in `p`: in it, and not after
 * --as-of (a later one is not held yet: a template written ahead by cb
 * meet new, or a date mistyped, which cb check reports as
 * schedule/future). cb report and cb attend count the same meetings.
 */
static int
held_in(const struct cb_cell_view *v, cb_date d, const cb_period *p)
{
	return in(d, p) && cb_date_cmp(d, v->as_of) <= 0;
}

/* ---- running the checker with a hook ---- */

static int
run(const cb_report_opts *o, const char *const *paths, size_t n,
    cb_cell_hook hook, void *payload)
{
	cb_checker *c;
	cb_reporter rep = { NULL, NULL, o->translate, o->translate_payload };
	int rc = cb_checker_new(&c), missing = 0;

	if (rc)
		return rc;
	cb_checker_set_reporter(c, &rep);
	cb_checker_set_io_error(c, o->io_error, o->io_payload);
	cb_checker_set_as_of(c, o->as_of);
	cb_checker_set_cell_hook(c, hook, payload);
	cb_checker_set_source(c, o->source);
	if (o->plan_file && (rc = cb_checker_set_plan_file(c, o->plan_file)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		rc = cb_checker_run(c, paths[i], NULL);
		if (rc == CB_ENOTFOUND || rc == CB_EIO) {
			missing = 1;
			rc = 0;
		}
		if (rc)
			break;
	}
out:
	if (rc == 0) {
		cb_check_stats st;

		/* A file that could not be read leaves the report short. */
		cb_checker_stats(c, &st);
		if (st.io_errors)
			missing = 1;
	}
	cb_checker_free(c);
	return rc ? rc : missing ? CB_ENOTFOUND : 0;
}

static char *
xstrdup(const char *s, int *oom)
{
	char *p = strdup(s ? s : "");

	if (p == NULL)
		*oom = 1;
	return p;
}

/* ---- cb report ---- */

enum {
	V_MONTHS,
	V_REG_HELD,
	V_REG_ONTIME,
	V_TH_HELD,
	V_TH_EXP,
	V_PRESENT,
	V_EXPECTED,
	V_UNEXC,
	V_OVER,
	V_RES,
	V_RES_COMPLETE,
	V_UPPER,
	V_ADM,
	V_ERR,
	V_WARN,
	V_MEMBERS,
	V_GOOD,
	V_EXC,
	NV
};

/* The columns of cb-report(1), in order. `v` is the value (or -1). */
static const struct rcol {
	const char *id, *title;
	cb_col_type type;
	int v;
	int year;
} rcols[] = {
	{ "cell_code", N_("Code"), CB_COL_TEXT, -1, 0 },
	{ "cell_name", N_("Cell"), CB_COL_TEXT, -1, 0 },
	{ "cell_type", N_("Type"), CB_COL_TEXT, -1, 0 },
	{ "months", N_("Months"), CB_COL_INT, V_MONTHS, 0 },
	{ "regular_held", N_("Regular"), CB_COL_INT, V_REG_HELD, 0 },
	{ "regular_on_time", N_("On time"), CB_COL_INT, V_REG_ONTIME, 0 },
	{ "thematic_held", N_("Thematic"), CB_COL_INT, V_TH_HELD, 0 },
	{ "thematic_expected", N_("Thematic due"), CB_COL_INT, V_TH_EXP, 0 },
	{ "attendance_present", N_("Present"), CB_COL_INT, V_PRESENT, 0 },
	{ "attendance_expected", N_("Expected"), CB_COL_INT, V_EXPECTED, 0 },
	{ "attendance_pct", N_("Attendance %"), CB_COL_PCT, -1, 0 },
	{ "unexcused_absences", N_("Unexcused"), CB_COL_INT, V_UNEXC, 0 },
	{ "members_over_unexcused_limit", N_("Over limit"), CB_COL_INT, V_OVER,
	    0 },
	{ "resolutions", N_("Resolutions"), CB_COL_INT, V_RES, 0 },
	{ "resolutions_complete", N_("Complete"), CB_COL_INT, V_RES_COMPLETE,
	    0 },
	{ "upper_visits", N_("Upper visits"), CB_COL_INT, V_UPPER, 0 },
	{ "admissions", N_("Admissions"), CB_COL_INT, V_ADM, 0 },
	{ "errors", N_("Errors"), CB_COL_INT, V_ERR, 0 },
	{ "warnings", N_("Warnings"), CB_COL_INT, V_WARN, 0 },
	{ "members", N_("Members"), CB_COL_INT, V_MEMBERS, 1 },
	{ "members_good_or_better", N_("Good or better"), CB_COL_INT, V_GOOD,
	    1 },
	{ "members_excellent", N_("Excellent"), CB_COL_INT, V_EXC, 1 },
	{ "cell_rating", N_("Cell rating"), CB_COL_TEXT, -1, 1 },
	{ "period", N_("Period"), CB_COL_TEXT, -1, 0 },
};

#define NRCOLS (sizeof(rcols) / sizeof(rcols[0]))

struct rrow {
	char *code, *name, *type, *rating, *path;
	int64_t v[NV];
};

struct report {
	const cb_period *p;
	cb_vec rows; /* struct rrow */
	char *plan;  /* the first cell's plan, for the about sheet */
	int oom;
};

static const char *const rating_names[] = { "", "excellent", "good", "done",
	"failed" };

static int
report_hook(const struct cb_cell_view *v, void *payload)
{
	struct report *r = payload;
	const cb_period *p = r->p;
	struct rrow *row = cb_vec_push(&r->rows);
	const cb_cell *cell = v->cell;
	cb_cell_type type = cell ? cell->type : CB_CELL_TYPE_UNSET;
	cb_day_window w = cb_plan_window(v->plan, type);

	if (row == NULL)
		return r->oom = 1;
	row->code = xstrdup(cell && cell->code ? cell->code : "", &r->oom);
	row->name = xstrdup(cell && cell->name ? cell->name : "", &r->oom);
	row->type = xstrdup(cb_cell_type_name(type), &r->oom);
	row->path = xstrdup(v->path, &r->oom);
	row->rating = NULL;
	if (r->plan == NULL)
		r->plan = xstrdup(v->plan_path ? v->plan_path : "", &r->oom);
	if (cb_date_is_set(v->start)) {
		for (int y = p->start.year; y <= p->end.year; y++)
			for (int m = 1; m <= 12; m++) {
				cb_date first = ymd(y, m, 1);

				if (in(first, p) &&
				    cb_month_due(v->plan, type, v->start,
					v->as_of, y, m))
					row->v[V_MONTHS]++;
				if (m % 3 == 0 && in(first, p) &&
				    in(ymd(y, m - 2, 1), p) &&
				    cb_quarter_due(
					v->start, v->as_of, y, m / 3))
					row->v[V_TH_EXP] +=
					    v->plan->thematic_per_quarter;
			}
	}
	for (size_t i = 0; i < v->n_sums; i++) {
		const struct cb_msum *s = &v->sums[i];

		if (s->unknown || !held_in(v, s->date, p))
			continue;
		if (s->kind == CB_KIND_REGULAR) {
			row->v[V_REG_HELD]++;
			row->v[V_REG_ONTIME] +=
			    s->date.day >= w.from && s->date.day <= w.to;
		}
		row->v[V_TH_HELD] += s->kind == CB_KIND_THEMATIC;
		row->v[V_PRESENT] += s->n_present;
		row->v[V_EXPECTED] += s->n_expected;
		for (uint32_t a = 0; a < s->n_att; a++)
			row->v[V_UNEXC] += s->att[a].state == CB_ATT_UNEXCUSED;
		row->v[V_RES] += s->n_res;
		row->v[V_RES_COMPLETE] += s->n_res_complete;
		row->v[V_UPPER] += s->upper;
		row->v[V_ADM] += s->n_admitted;
	}
	/* Members who reached the unexcused limit at a meeting of P. */
	for (size_t k = 0; cell && k < cell->n_members; k++) {
		int over = 0;

		for (size_t i = 0; i < v->n_sums && !over; i++)
			for (uint32_t a = 0; a < v->sums[i].n_att; a++)
				over |= v->sums[i].att[a].limit &&
				    v->sums[i].att[a].member == k &&
				    held_in(v, v->sums[i].date, p);
		row->v[V_OVER] += over;
	}
	/* The findings of P, and those that belong to no day. */
	for (size_t i = 0; i < v->n_findings; i++) {
		const struct cb_vfinding *f = &v->findings[i];

		if (cb_date_is_set(f->date) && !in(f->date, p))
			continue;
		row->v[f->severity == CB_SEV_ERROR ? V_ERR : V_WARN]++;
	}
	if (p->kind == CB_PERIOD_YEAR) {
		int y = p->start.year;

		for (size_t k = 0; cell && k < cell->n_members; k++) {
			const cb_member *m = &cell->members[k];

			if ((!cb_date_is_set(m->joined) ||
				m->joined.year <= y) &&
			    (!cb_date_is_set(m->left) || m->left.year >= y))
				row->v[V_MEMBERS]++;
		}
		for (size_t i = 0; i < v->n_ratings; i++) {
			if (v->ratings[i].year != y)
				continue;
			row->v[V_GOOD] = v->ratings[i].good_or_better;
			row->v[V_EXC] = v->ratings[i].excellent;
			row->rating =
			    xstrdup(rating_names[v->ratings[i].cell], &r->oom);
		}
	}
	return r->oom;
}

static int
rrow_cmp(const void *a, const void *b)
{
	const struct rrow *x = a, *y = b;
	int c = strcmp(x->code, y->code);

	return c ? c : strcmp(x->path ? x->path : "", y->path ? y->path : "");
}

/* The report's columns in `t`; `year`: with the rating columns. */
static int
report_columns(cb_table *t, int year, int *col)
{
	for (size_t i = 0; i < NRCOLS; i++) {
		col[i] = -1;
		if (rcols[i].year && !year)
			continue;
		col[i] = cb_table_add_column(
		    t, rcols[i].id, rcols[i].title, rcols[i].type);
		if (col[i] < 0)
			return col[i];
	}
	return 0;
}

/* Write one row (a cell's, or the total with `total` set). */
static int
report_row(
    cb_table *t, const int *col, const struct rrow *row, const char *period)
{
	int rc = cb_table_add_row(t);

	if (rc < 0)
		return rc;
	rc = 0;
	for (size_t i = 0; i < NRCOLS && rc == 0; i++) {
		if (col[i] < 0)
			continue;
		const char *id = rcols[i].id;

		if (rcols[i].v >= 0)
			rc = cb_table_set_int(t, col[i], row->v[rcols[i].v]);
		else if (!strcmp(id, "attendance_pct"))
			rc = cb_table_set_pct(
			    t, col[i], row->v[V_PRESENT], row->v[V_EXPECTED]);
		else if (!strcmp(id, "cell_code"))
			rc = cb_table_set_text(t, col[i], row->code);
		else if (!strcmp(id, "cell_name"))
			rc = cb_table_set_text(t, col[i], row->name);
		else if (!strcmp(id, "cell_type"))
			rc = cb_table_set_text(t, col[i], row->type);
		else if (!strcmp(id, "cell_rating"))
			rc = cb_table_set_text(t, col[i], row->rating);
		else if (!strcmp(id, "period"))
			rc = cb_table_set_text(t, col[i], period);
	}
	return rc;
}

/* Rows sorted by code, then the total: shared with cb report merge. */
static int
report_table(
    cb_table **out, struct rrow *rows, size_t n, int year, const char *period)
{
	cb_table *t;
	int col[NRCOLS];
	struct rrow total;
	int rc = cb_table_new(&t, N_("report"));

	*out = NULL;
	if (rc)
		return rc;
	memset(&total, 0, sizeof(total));
	total.code = (char *)"TOTAL";
	total.name = total.type = total.rating = (char *)"";
	if (n > 1)
		qsort(rows, n, sizeof(*rows), rrow_cmp);
	rc = report_columns(t, year, col);
	for (size_t i = 0; i < n && rc == 0; i++) {
		for (int k = 0; k < NV; k++)
			total.v[k] += rows[i].v[k];
		rc = report_row(t, col, &rows[i], period);
	}
	if (rc == 0)
		rc = report_row(t, col, &total, period);
	if (rc) {
		cb_table_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

static void
free_rows(cb_vec *v)
{
	struct rrow *r = v->ptr;

	for (size_t i = 0; i < v->len; i++) {
		free(r[i].code);
		free(r[i].name);
		free(r[i].type);
		free(r[i].rating);
		free(r[i].path);
	}
	cb_vec_free(v);
}

/* The "about" sheet: what the report was made from. */
static int
about(cb_table *t, const cb_report_opts *o, const char *period,
    const char *const *paths, size_t n, const char *plan)
{
	cb_buf b = CB_BUF_INIT(1 << 16);
	char d[11];
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		if (i)
			cb_buf_puts(&b, ", ");
		cb_buf_puts(&b, paths[i]);
	}
	rc |= cb_table_about(t, N_("records"), b.ptr ? b.ptr : "");
	rc |= cb_table_about(t, N_("revision"),
	    o->source ? cb_source_describe(o->source) : N_("working tree"));
	if (plan != NULL)
		rc |= cb_table_about(t, N_("plan"),
		    *plan ? plan : N_("built-in defaults (Party Charter)"));
	if (period)
		rc |= cb_table_about(t, N_("period"), period);
	rc |= cb_table_about(t, N_("as of"), cb_date_format(o->as_of, d));
	rc |= cb_table_about(t, N_("made by"), "cb " CB_VERSION);
	cb_buf_free(&b);
	return rc ? CB_ENOMEM : 0;
}

int
cb_report_build(cb_table **out, const cb_report_opts *o, const cb_period *p,
    const char *const *paths, size_t n)
{
	struct report r;
	int rc, rc2;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.p = p;
	r.rows = (cb_vec)CB_VEC_INIT(sizeof(struct rrow));
	rc = run(o, paths, n, report_hook, &r);
	if (r.oom)
		rc = CB_ENOMEM;
	if (rc == 0 || rc == CB_ENOTFOUND) {
		rc2 = report_table(out, r.rows.ptr, r.rows.len,
		    p->kind == CB_PERIOD_YEAR, p->label);
		if (rc2 == 0)
			rc2 = about(*out, o, p->label, paths, n, r.plan);
		if (rc2)
			rc = rc2;
	}
	free_rows(&r.rows);
	free(r.plan);
	return rc;
}

/* ---- cb attend ---- */

struct attend {
	const cb_period *p;
	cb_table *t;
	int col[10];
	int oom;
	char *plan;
};

static int
attend_hook(const struct cb_cell_view *v, void *payload)
{
	struct attend *a = payload;
	const cb_cell *cell = v->cell;
	const cb_plan *plan = v->plan;
	int rc = 0;

	if (a->plan == NULL)
		a->plan = xstrdup(v->plan_path ? v->plan_path : "", &a->oom);
	for (size_t k = 0; cell && k < cell->n_members && rc == 0; k++) {
		const cb_member *mb = &cell->members[k];
		int64_t exp = 0, pres = 0, exc = 0, unexc = 0, spoke = 0;
		int limit_hit = 0, few = 0;

		for (size_t i = 0; i < v->n_sums; i++) {
			const struct cb_msum *s = &v->sums[i];

			if (s->unknown || !held_in(v, s->date, a->p) ||
			    !cb_member_expected(mb, s->date))
				continue;
			exp++;
			for (uint32_t j = 0; j < s->n_att; j++) {
				if (s->att[j].member != k)
					continue;
				pres += s->att[j].state == CB_ATT_PRESENT;
				exc += s->att[j].state == CB_ATT_EXCUSED;
				unexc += s->att[j].state == CB_ATT_UNEXCUSED;
				limit_hit |= s->att[j].limit;
			}
			for (uint32_t j = 0; j < s->n_spoke; j++)
				spoke += s->spoke[j] == k;
		}
		/* The contributions target, over each complete year of P. */
		for (int y = a->p->start.year;
		     plan->contributions_per_year > 0 && y <= a->p->end.year;
		     y++) {
			size_t held = 0, e = 0, sp = 0;

			if (!in(ymd(y, 1, 1), a->p) ||
			    !in(ymd(y, 12, 31), a->p) ||
			    cb_date_cmp(ymd(y, 12, 31), v->as_of) >= 0)
				continue;
			for (size_t i = 0; i < v->n_sums; i++) {
				const struct cb_msum *s = &v->sums[i];

				if (s->date.year != y)
					continue;
				held++;
				if (!cb_member_expected(mb, s->date))
					continue;
				e++;
				for (uint32_t j = 0; j < s->n_spoke; j++)
					sp += s->spoke[j] == k;
			}
			size_t owed = held
			    ? ((size_t)plan->contributions_per_year * e * 2 +
				  held) /
				(2 * held)
			    : 0;

			few |= e > 0 && sp < owed;
		}
		if (exp == 0)
			continue;
		if ((rc = cb_table_add_row(a->t)) < 0)
			break;
		rc = cb_table_set_text(a->t, a->col[0], mb->id);
		rc |= cb_table_set_text(a->t, a->col[1], mb->name);
		rc |= cb_table_set_int(a->t, a->col[2], exp);
		rc |= cb_table_set_int(a->t, a->col[3], pres);
		rc |= cb_table_set_int(a->t, a->col[4], exc);
		rc |= cb_table_set_int(a->t, a->col[5], unexc);
		rc |= cb_table_set_pct(a->t, a->col[6], pres, exp);
		rc |= cb_table_set_int(a->t, a->col[7], spoke);
		rc |= cb_table_set_text(a->t, a->col[8],
		    limit_hit && few ? "unexcused-limit;contributions"
			: limit_hit  ? "unexcused-limit"
			: few	     ? "contributions"
				     : "");
		rc |= cb_table_set_text(
		    a->t, a->col[9], cell->code ? cell->code : "");
	}
	if (rc)
		a->oom = 1;
	return a->oom;
}

int
cb_attend_build(cb_table **out, const cb_report_opts *o, const cb_period *p,
    const char *const *paths, size_t n)
{
	static const struct {
		const char *id, *title;
		cb_col_type type;
	} cols[10] = {
		{ "member_id", N_("Id"), CB_COL_TEXT },
		{ "member_name", N_("Member"), CB_COL_TEXT },
		{ "expected", N_("Expected"), CB_COL_INT },
		{ "present", N_("Present"), CB_COL_INT },
		{ "absent_excused", N_("Excused"), CB_COL_INT },
		{ "absent_unexcused", N_("Unexcused"), CB_COL_INT },
		{ "attendance_pct", N_("Attendance %"), CB_COL_PCT },
		{ "contributions", N_("Spoke"), CB_COL_INT },
		{ "flags", N_("Flags"), CB_COL_TEXT },
		/* An extension of cli.md: whose member, over several cells. */
		{ "cell_code", N_("Cell code"), CB_COL_TEXT },
	};
	struct attend a;
	int rc;

	*out = NULL;
	memset(&a, 0, sizeof(a));
	a.p = p;
	if ((rc = cb_table_new(&a.t, N_("attendance"))) != 0)
		return rc;
	for (int i = 0; i < 10; i++)
		if ((a.col[i] = cb_table_add_column(
			 a.t, cols[i].id, cols[i].title, cols[i].type)) < 0) {
			cb_table_free(a.t);
			return CB_ENOMEM;
		}
	rc = run(o, paths, n, attend_hook, &a);
	if (a.oom)
		rc = CB_ENOMEM;
	if ((rc == 0 || rc == CB_ENOTFOUND) &&
	    about(a.t, o, p->label, paths, n, a.plan) != 0)
		rc = CB_ENOMEM;
	free(a.plan);
	if (rc != 0 && rc != CB_ENOTFOUND) {
		cb_table_free(a.t);
		return rc;
	}
	*out = a.t;
	return rc;
}

/* ---- cb thematic ---- */

struct thematic {
	int year;
	cb_table *t;
	int col[12];
	int oom;
	char *plan;
	const char *code;
};

static int
thematic_row(struct thematic *th, int q, const struct cb_tplan_sum *tp,
    const struct cb_msum *s, const char *status)
{
	int rc = cb_table_add_row(th->t);

	if (rc < 0)
		return rc;
	rc = cb_table_set_int(th->t, th->col[0], th->year);
	rc |= cb_table_set_int(th->t, th->col[1], q);
	if (tp && tp->topic[q - 1])
		rc |= cb_table_set_text(th->t, th->col[2], tp->topic[q - 1]);
	if (tp && tp->category[q - 1])
		rc |= cb_table_set_text(
		    th->t, th->col[3], cb_category_name(tp->category[q - 1]));
	if (s) {
		rc |= cb_table_set_date(th->t, th->col[4], s->date);
		rc |= cb_table_set_text(th->t, th->col[5], s->topic);
		rc |= cb_table_set_text(
		    th->t, th->col[6], cb_category_name(s->category));
		rc |= cb_table_set_text(th->t, th->col[7], s->presenter);
		rc |= cb_table_set_date(th->t, th->col[8], s->announced);
		rc |= cb_table_set_date(th->t, th->col[9], s->reported);
	}
	rc |= cb_table_set_text(th->t, th->col[10], status);
	rc |= cb_table_set_text(th->t, th->col[11], th->code);
	return rc;
}

static int
thematic_hook(const struct cb_cell_view *v, void *payload)
{
	struct thematic *th = payload;
	const struct cb_tplan_sum *tp = NULL;
	int y = th->year, rc = 0;

	th->code = v->cell && v->cell->code ? v->cell->code : "";
	if (th->plan == NULL)
		th->plan = xstrdup(v->plan_path ? v->plan_path : "", &th->oom);
	for (size_t i = 0; i < v->n_tplans; i++)
		if (v->tplans[i].year == y)
			tp = &v->tplans[i];
	for (int q = 1; q <= 4 && rc == 0; q++) {
		cb_period p;
		int held = 0, on_plan = 0;
		const char *status;
		char label[8];

		snprintf(label, sizeof(label), "%04d-Q%d", y, q);
		cb_period_parse(&p, CB_PERIOD_QUARTER, label);
		for (size_t i = 0; i < v->n_sums; i++) {
			const struct cb_msum *s = &v->sums[i];

			if (s->kind != CB_KIND_THEMATIC || !in(s->date, &p))
				continue;
			held++;
			on_plan |= tp && s->category == tp->category[q - 1];
		}
		if (cb_date_cmp(p.end, v->as_of) >= 0)
			status = "open";
		else if (held < v->plan->thematic_per_quarter &&
		    !cb_quarter_due(v->start, v->as_of, y, q))
			status = ""; /* before the records: not checked */
		else if (held < v->plan->thematic_per_quarter)
			status = "missing";
		else if (tp && tp->category[q - 1] && !on_plan)
			status = "off-plan";
		else
			status = "done";
		if (held == 0)
			rc = thematic_row(th, q, tp, NULL, status);
		for (size_t i = 0; i < v->n_sums && rc == 0; i++)
			if (v->sums[i].kind == CB_KIND_THEMATIC &&
			    in(v->sums[i].date, &p))
				rc = thematic_row(
				    th, q, tp, &v->sums[i], status);
	}
	if (rc)
		th->oom = 1;
	return th->oom;
}

int
cb_thematic_build(cb_table **out, const cb_report_opts *o, int year,
    const char *const *paths, size_t n)
{
	static const struct {
		const char *id, *title;
		cb_col_type type;
	} cols[12] = {
		{ "year", N_("Year"), CB_COL_INT },
		{ "quarter", N_("Quarter"), CB_COL_INT },
		{ "planned_topic", N_("Planned topic"), CB_COL_TEXT },
		{ "planned_category", N_("Planned category"), CB_COL_TEXT },
		{ "date", N_("Date"), CB_COL_DATE },
		{ "topic", N_("Topic"), CB_COL_TEXT },
		{ "category", N_("Category"), CB_COL_TEXT },
		{ "presenter", N_("Presenter"), CB_COL_TEXT },
		{ "announced", N_("Announced"), CB_COL_DATE },
		{ "reported", N_("Reported"), CB_COL_DATE },
		{ "status", N_("Status"), CB_COL_TEXT },
		/* An extension of cli.md: whose quarter, over several cells. */
		{ "cell_code", N_("Cell code"), CB_COL_TEXT },
	};
	struct thematic th;
	char label[8];
	int rc;

	*out = NULL;
	memset(&th, 0, sizeof(th));
	th.year = year;
	if ((rc = cb_table_new(&th.t, N_("thematic"))) != 0)
		return rc;
	for (int i = 0; i < 12; i++)
		if ((th.col[i] = cb_table_add_column(
			 th.t, cols[i].id, cols[i].title, cols[i].type)) < 0) {
			cb_table_free(th.t);
			return CB_ENOMEM;
		}
	rc = run(o, paths, n, thematic_hook, &th);
	if (th.oom)
		rc = CB_ENOMEM;
	snprintf(label, sizeof(label), "%04d", year);
	if ((rc == 0 || rc == CB_ENOTFOUND) &&
	    about(th.t, o, label, paths, n, th.plan) != 0)
		rc = CB_ENOMEM;
	free(th.plan);
	if (rc != 0 && rc != CB_ENOTFOUND) {
		cb_table_free(th.t);
		return rc;
	}
	*out = th.t;
	return rc;
}

/* ---- cb meet list ---- */

struct meetlist {
	int year;
	cb_table *t;
	int col[7];
	int oom;
};

static int
meetlist_hook(const struct cb_cell_view *v, void *payload)
{
	struct meetlist *ml = payload;
	int rc = 0;

	for (size_t i = 0; i < v->n_sums && rc == 0; i++) {
		const struct cb_msum *s = &v->sums[i];
		int64_t findings = 0;

		if (ml->year && s->date.year != ml->year)
			continue;
		for (size_t k = 0; k < v->n_findings; k++)
			findings += strcmp(v->findings[k].path, s->path) == 0;
		if ((rc = cb_table_add_row(ml->t)) < 0)
			break;
		rc = cb_table_set_date(ml->t, ml->col[0], s->date);
		rc |= cb_table_set_text(ml->t, ml->col[1],
		    s->unknown ? "?" : cb_meeting_kind_name(s->kind));
		if (!s->unknown) {
			rc |= cb_table_set_int(ml->t, ml->col[2], s->n_present);
			rc |=
			    cb_table_set_int(ml->t, ml->col[3], s->n_expected);
			rc |= cb_table_set_int(ml->t, ml->col[4], s->n_res);
		}
		rc |= cb_table_set_int(ml->t, ml->col[5], findings);
		rc |= cb_table_set_text(ml->t, ml->col[6], s->path);
	}
	if (rc)
		ml->oom = 1;
	return ml->oom;
}

int
cb_meet_list_build(cb_table **out, const cb_report_opts *o, int year,
    const char *const *paths, size_t n)
{
	static const struct {
		const char *id, *title;
		cb_col_type type;
	} cols[7] = {
		{ "date", N_("Date"), CB_COL_DATE },
		{ "kind", N_("Kind"), CB_COL_TEXT },
		{ "present", N_("Present"), CB_COL_INT },
		{ "expected", N_("Expected"), CB_COL_INT },
		{ "resolutions", N_("Resolutions"), CB_COL_INT },
		{ "findings", N_("Findings"), CB_COL_INT },
		{ "path", N_("File"), CB_COL_TEXT },
	};
	struct meetlist ml;
	int rc;

	*out = NULL;
	memset(&ml, 0, sizeof(ml));
	ml.year = year;
	if ((rc = cb_table_new(&ml.t, N_("meetings"))) != 0)
		return rc;
	for (int i = 0; i < 7; i++)
		if ((ml.col[i] = cb_table_add_column(
			 ml.t, cols[i].id, cols[i].title, cols[i].type)) < 0) {
			cb_table_free(ml.t);
			return CB_ENOMEM;
		}
	rc = run(o, paths, n, meetlist_hook, &ml);
	if (ml.oom)
		rc = CB_ENOMEM;
	char label[8];

	snprintf(label, sizeof(label), "%04d", year);
	if ((rc == 0 || rc == CB_ENOTFOUND) &&
	    about(ml.t, o, year ? label : N_("all years"), paths, n, NULL) != 0)
		rc = CB_ENOMEM;
	if (rc != 0 && rc != CB_ENOTFOUND) {
		cb_table_free(ml.t);
		return rc;
	}
	*out = ml.t;
	return rc;
}

/* ---- cb report merge ---- */

struct csvrec {
	char **f;
	size_t n;
};

struct csvread {
	cb_vec recs; /* struct csvrec */
	cb_vec cur;  /* char * */
	int oom;
};

static void
csv_field_cb(void *s, size_t len, void *data)
{
	struct csvread *cr = data;
	char **slot = cb_vec_push(&cr->cur);
	char *f = malloc(len + 1);

	if (slot == NULL || f == NULL) {
		free(f);
		cr->oom = 1;
		return;
	}
	if (len)
		memcpy(f, s, len);
	f[len] = '\0';
	*slot = f;
}

static void
csv_row_cb(int c, void *data)
{
	struct csvread *cr = data;
	struct csvrec *r = cb_vec_push(&cr->recs);

	(void)c;
	if (r == NULL) {
		cr->oom = 1;
		return;
	}
	r->f = cr->cur.ptr;
	r->n = cr->cur.len;
	cr->cur = (cb_vec)CB_VEC_INIT(sizeof(char *));
}

static void
csv_free_recs(struct csvread *cr)
{
	struct csvrec *r = cr->recs.ptr;
	char **cur = cr->cur.ptr;

	for (size_t i = 0; i < cr->recs.len; i++) {
		for (size_t k = 0; k < r[i].n; k++)
			free(r[i].f[k]);
		free(r[i].f);
	}
	for (size_t k = 0; k < cr->cur.len; k++)
		free(cur[k]);
	cb_vec_free(&cr->cur);
	cb_vec_free(&cr->recs);
}

/* A translated, formatted error message for cb report merge. */
static void merr(char *err, size_t size, cb_translate_fn translate,
    void *payload, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
merr(char *err, size_t size, cb_translate_fn translate, void *payload,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(err, size, translate ? translate(fmt, payload) : fmt, ap);
#pragma GCC diagnostic pop
	va_end(ap);
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Read a CSV file strictly: an unterminated quote is an error. */
static int
csv_read(const char *path, struct csvread *cr, char *err, size_t errsize,
    cb_translate_fn tr, void *pl)
{
	struct csv_parser p;
	char *buf;
	size_t len, off = 0;
	int e = cb_fs_read(path, (size_t)1 << 28, &buf, &len);

	memset(cr, 0, sizeof(*cr));
	cr->recs = (cb_vec)CB_VEC_INIT(sizeof(struct csvrec));
	cr->cur = (cb_vec)CB_VEC_INIT(sizeof(char *));
	if (e != 0) {
		if (e == -1)
			merr(err, errsize, tr, pl,
			    N_("%s: the file is too large "
			       "for a report"),
			    path);
		else if (e == ENOENT)
			merr(err, errsize, tr, pl,
			    N_("%s: there is no such file"), path);
		else if (e == EACCES)
			merr(err, errsize, tr, pl,
			    N_("%s: cannot read it: permission denied"), path);
		else if (e == EISDIR)
			merr(err, errsize, tr, pl,
			    N_("%s: is a folder; give the CSV reports "
			       "themselves"),
			    path);
		else if (e == EINVAL)
			merr(err, errsize, tr, pl,
			    N_("%s: not a regular file (a named pipe, a "
			       "device or a socket); save the report to a "
			       "file first"),
			    path);
		else
			merr(err, errsize, tr, pl,
			    N_("%s: cannot read it (error "
			       "%d)"),
			    path, e);
		return CB_EINVAL;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		off = 3;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(buf);
		return CB_ENOMEM;
	}
	/* Spaces are data: libcsv would trim them by default. */
	csv_set_space_func(&p, no_space);
	if (csv_parse(&p, buf + off, len - off, csv_field_cb, csv_row_cb, cr) !=
		len - off ||
	    csv_fini(&p, csv_field_cb, csv_row_cb, cr) != 0) {
		merr(err, errsize, tr, pl,
		    N_("%s:%zu: not valid CSV (a quote "
		       "is not closed, or stray text follows one); export the "
		       "report again"),
		    path, cr->recs.len + 1);
		csv_free(&p);
		free(buf);
		return CB_EINVAL;
	}
	csv_free(&p);
	free(buf);
	return cr->oom ? CB_ENOMEM : 0;
}

/* 0; -1 when `s` is not digits; -2 when it is too large a count. */
static int
strict_int(const char *s, int64_t *out)
{
	int64_t v = 0;
	int big = 0;

	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		/* Counts of meetings and members: 10^12 is plenty and keeps
		 * every sum and percentage far from overflow. */
		if (v > 100000000000LL)
			big = 1;
		else
			v = v * 10 + (*s - '0');
	}
	if (big)
		return -2;
	*out = v;
	return 0;
}

int
cb_report_merge(cb_table **out, const char *const *files, size_t n,
    cb_translate_fn translate, void *payload, char *err, size_t errsize)
{
	cb_vec rows = CB_VEC_INIT(sizeof(struct rrow));
	char *period = NULL, **from = NULL;
	int year = -1, rc = 0, oom = 0;
	size_t width = 0;

	*out = NULL;
	err[0] = '\0';
	for (size_t fi = 0; fi < n && rc == 0; fi++) {
		struct csvread cr;
		struct csvrec *r;

		if ((rc = csv_read(files[fi], &cr, err, errsize, translate,
			 payload)) != 0) {
			csv_free_recs(&cr);
			break;
		}
		r = cr.recs.ptr;
		if (cr.recs.len == 0) {
			merr(err, errsize, translate, payload,
			    N_("%s:1: empty "
			       "file; expected a report of cb report --format "
			       "csv"),
			    files[fi]);
			rc = CB_EINVAL;
		}
		/* The header: one of the two forms, the same in every file. */
		for (int y = 0; rc == 0 && y <= 1; y++) {
			size_t k = 0, ok = 1;

			for (size_t i = 0; i < NRCOLS; i++) {
				if (rcols[i].year && !y)
					continue;
				ok &= k < r[0].n &&
				    !strcmp(r[0].f[k], rcols[i].id);
				k++;
			}
			if (ok && k == r[0].n) {
				if (year >= 0 && year != y) {
					merr(err, errsize, translate, payload,
					    N_("%s:1: a different header from "
					       "the first file (a yearly "
					       "report "
					       "and another)"),
					    files[fi]);
					rc = CB_EINVAL;
				}
				year = y;
				width = k;
				break;
			}
			if (y == 1) {
				merr(err, errsize, translate, payload,
				    N_("%s:1: not the header of a cb report "
				       "(run cb report --format csv)"),
				    files[fi]);
				rc = CB_EINVAL;
			}
		}
		for (size_t li = 1; rc == 0 && li < cr.recs.len; li++) {
			struct rrow row;
			size_t k = 0;

			if (r[li].n != width) {
				merr(err, errsize, translate, payload,
				    N_("%s:%zu: %zu fields, the header has "
				       "%zu"),
				    files[fi], li + 1, r[li].n, width);
				rc = CB_EINVAL;
				break;
			}
			/* cb report's own total row: recomputed below. */
			if (!strcmp(r[li].f[0], "TOTAL") && !*r[li].f[1] &&
			    !*r[li].f[2]) {
				const char *per = r[li].f[width - 1];

				if (period != NULL &&
				    strcmp(period, per) != 0) {
					merr(err, errsize, translate, payload,
					    N_("%s:%zu: period %s, but the "
					       "first "
					       "report is for %s"),
					    files[fi], li + 1, per, period);
					rc = CB_EINVAL;
				} else if (period == NULL) {
					period = xstrdup(per, &oom);
				}
				continue;
			}
			memset(&row, 0, sizeof(row));
			for (size_t i = 0; i < NRCOLS && rc == 0; i++) {
				const char *f;

				if (rcols[i].year && !year)
					continue;
				f = r[li].f[k++];
				int bad = rcols[i].v >= 0
				    ? strict_int(f, &row.v[rcols[i].v])
				    : 0;

				if (bad == -2) {
					merr(err, errsize, translate, payload,
					    N_("%s:%zu: %s '%s' is too large "
					       "for a count of meetings or "
					       "members"),
					    files[fi], li + 1, rcols[i].id, f);
					rc = CB_EINVAL;
				} else if (bad) {
					merr(err, errsize, translate, payload,
					    N_("%s:%zu: %s '%s' is not a whole "
					       "number"),
					    files[fi], li + 1, rcols[i].id, f);
					rc = CB_EINVAL;
				} else if (!strcmp(rcols[i].id, "cell_code")) {
					row.code = xstrdup(f, &oom);
				} else if (!strcmp(rcols[i].id, "cell_name")) {
					row.name = xstrdup(f, &oom);
				} else if (!strcmp(rcols[i].id, "cell_type")) {
					row.type = xstrdup(f, &oom);
				} else if (!strcmp(
					       rcols[i].id, "cell_rating")) {
					row.rating = xstrdup(f, &oom);
				} else if (!strcmp(rcols[i].id, "period")) {
					if (period == NULL) {
						period = xstrdup(f, &oom);
					} else if (strcmp(period, f) != 0) {
						merr(err, errsize, translate,
						    payload,
						    N_("%s:%zu: period "
						       "%s, but the first "
						       "report is "
						       "for %s"),
						    files[fi], li + 1, f,
						    period);
						rc = CB_EINVAL;
					}
				}
			}
			/* A cell counted twice would be added twice. */
			struct rrow *have = rows.ptr;

			for (size_t j = 0; rc == 0 && j < rows.len; j++)
				if (!strcmp(have[j].code, row.code)) {
					merr(err, errsize, translate, payload,
					    N_("%s:%zu: cell code %s is "
					       "already "
					       "in %s; each cell may be "
					       "counted "
					       "once"),
					    files[fi], li + 1, row.code,
					    from[j]);
					rc = CB_EINVAL;
				}
			row.path = xstrdup(files[fi], &oom);
			struct rrow *slot = rc ? NULL : cb_vec_push(&rows);
			char **nf =
			    rc ? NULL : realloc(from, rows.len * sizeof(*from));

			if (rc == 0 && (slot == NULL || nf == NULL))
				oom = 1;
			if (slot == NULL || nf == NULL) {
				free(row.code);
				free(row.name);
				free(row.type);
				free(row.rating);
				free(row.path);
				if (nf)
					from = nf;
				continue;
			}
			from = nf;
			*slot = row;
			from[rows.len - 1] = slot->path;
		}
		csv_free_recs(&cr);
	}
	if (oom)
		rc = CB_ENOMEM;
	if (rc == 0)
		rc = report_table(
		    out, rows.ptr, rows.len, year == 1, period ? period : "");
	if (rc == 0) {
		cb_table *t = *out;

		for (size_t i = 0; i < n && rc == 0; i++)
			rc = cb_table_about(t, N_("merged from"), files[i]);
		if (rc == 0)
			rc = cb_table_about(
			    t, N_("period"), period ? period : "");
		if (rc == 0)
			rc = cb_table_about(t, N_("made by"), "cb " CB_VERSION);
	}
	free(from);
	free(period);
	free_rows(&rows);
	return rc;
}
