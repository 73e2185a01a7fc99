/*
 * plan.c - plan.yaml (the upper committee's plan: days, targets, required
 * content), plans/YYYY.yaml (the year's thematic topics) and
 * ratings/YYYY.yaml (the year's ratings).
 */
#include <stdlib.h>
#include <string.h>

#include "fs.h"
#include "read.h"
#include "banned.h"

struct cb_plan_private {
	struct cb_record_owner owner;
};
struct cb_tplan_private {
	struct cb_record_owner owner;
};
struct cb_ratings_private {
	struct cb_record_owner owner;
};

int cb_read_category(rd *r, const cb_node *map);
int cb_valid_id(const char *s);

static const char *const agenda_items[] = { NULL, "news", "directives",
	"ideology", "residence", "tasks-review", "tw4", "anticorruption",
	"discussion", "next-tasks", "superior", "admission", "other" };
static const char *const cell_types[] = { NULL, "village", "residential",
	"agency", "enterprise", "school", "armed", "other", NULL };
static const char *const ratings[] = { NULL, "excellent", "good", "done",
	"failed" };

void
cb_plan_defaults(cb_plan *p)
{
	memset(p, 0, sizeof(*p));
	/* Party Charter: monthly, on any day; a thematic meeting a quarter. */
	p->days.from = 1;
	p->days.to = 31;
	p->thematic_per_quarter = 1;
	p->unexcused_limit = 3;
	p->audit_late_days = 7;
}

cb_day_window
cb_plan_window(const cb_plan *p, cb_cell_type type)
{
	if (type > 0 && type < CB_CELL_TYPE_COUNT && p->by_type[type].from > 0)
		return p->by_type[type];
	return p->days;
}

static int
read_window(rd *r, const cb_node *n, const char *what, cb_day_window *w)
{
	static const char *const keys[] = { "*from", "*to", NULL };
	cb_day_window x = { 0, 0 };

	if (!rd_map(r, n, what, keys))
		return -1;
	if (rd_int(r, n, "from", 1, 31, &x.from) ||
	    rd_int(r, n, "to", 1, 31, &x.to))
		return -1;
	if (x.from > x.to) {
		const cb_node *t = cb_node_get(n, "to");

		cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, t->line, t->col,
		    N_("the window ends on day %d, before it starts (day %d); "
		       "swap them"),
		    x.to, x.from);
		return -1;
	}
	*w = x;
	return 0;
}

static void
read_plan(rd *r, const cb_node *root, cb_plan *p)
{
	static const char *const keys[] = { "name", "regular", "thematic",
		"attendance", "contributions", "agenda", "upper", "duration",
		"papers", "audit", NULL };
	static const char *const regular_keys[] = { "days", "by_type", NULL };
	static const char *const thematic_keys[] = { "per_quarter", "announce",
		NULL };
	static const char *const attendance_keys[] = { "target",
		"unexcused_limit", NULL };
	static const char *const contributions_keys[] = { "per_year", NULL };
	static const char *const agenda_keys[] = { "required", NULL };
	static const char *const upper_keys[] = { "every_months", NULL };
	static const char *const duration_keys[] = { "regular", "combined",
		NULL };
	static const char *const papers_keys[] = { "days_before", NULL };
	static const char *const audit_keys[] = { "late_days", NULL };
	const cb_node *v, *w;

	if (!rd_map(r, root, "plan.yaml", keys))
		return;
	p->name = rd_str(r, root, "name", 0);
	if ((v = rd_get(root, "regular")) &&
	    rd_map(r, v, "regular", regular_keys)) {
		if ((w = rd_get(v, "days")) != NULL)
			read_window(r, w, "days", &p->days);
		if ((w = rd_get(v, "by_type")) != NULL &&
		    rd_map(r, w, "by_type", cell_types + 1)) {
			for (uint32_t i = 0; i < w->n; i++) {
				const cb_node *k = w->u.pairs[i].key;

				for (int t = 1; t < CB_CELL_TYPE_COUNT; t++)
					if (strcmp(k->str, cell_types[t]) == 0)
						read_window(r,
						    w->u.pairs[i].value, k->str,
						    &p->by_type[t]);
			}
		}
	}
	if ((v = rd_get(root, "thematic")) &&
	    rd_map(r, v, "thematic", thematic_keys)) {
		int b;

		rd_int(r, v, "per_quarter", 0, 12, &p->thematic_per_quarter);
		if ((b = rd_bool(r, v, "announce")) >= 0)
			p->thematic_announce = b;
	}
	if ((v = rd_get(root, "attendance")) &&
	    rd_map(r, v, "attendance", attendance_keys)) {
		rd_int(r, v, "target", 0, 100, &p->attendance_target);
		rd_int(r, v, "unexcused_limit", 0, 12, &p->unexcused_limit);
	}
	if ((v = rd_get(root, "contributions")) &&
	    rd_map(r, v, "contributions", contributions_keys))
		rd_int(r, v, "per_year", 0, 366, &p->contributions_per_year);
	if ((v = rd_get(root, "agenda")) &&
	    rd_map(r, v, "agenda", agenda_keys)) {
		cb_node *const *items;
		size_t n = rd_seq(r, v, "required", &items);

		for (size_t i = 0; i < n; i++) {
			int k = rd_enum_node(r, items[i], N_("agenda item"),
			    agenda_items, CB_AGENDA_COUNT);

			if (k > 0)
				p->agenda_required |= 1u << k;
		}
	}
	if ((v = rd_get(root, "upper")) && rd_map(r, v, "upper", upper_keys))
		rd_int(r, v, "every_months", 0, 120, &p->upper_every_months);
	if ((v = rd_get(root, "duration")) &&
	    rd_map(r, v, "duration", duration_keys)) {
		rd_int(r, v, "regular", 0, 1440, &p->duration_regular);
		rd_int(r, v, "combined", 0, 1440, &p->duration_combined);
	}
	if ((v = rd_get(root, "papers")) && rd_map(r, v, "papers", papers_keys))
		rd_int(r, v, "days_before", 0, 60, &p->papers_days_before);
	if ((v = rd_get(root, "audit")) && rd_map(r, v, "audit", audit_keys))
		rd_int(r, v, "late_days", 0, 3650, &p->audit_late_days);
}

/*
 * The common frame of the three readers below: allocate the record, read
 * the file, run `fn` on a mapping root, free everything if unusable.
 */
typedef void (*read_fn)(rd *r, const cb_node *root, void *rec);

static int
read_record(void **out, size_t size, size_t priv_off, const char *what,
    const char *data, size_t len, const char *path, const cb_cell *cell,
    const cb_reporter *rep, read_fn fn)
{
	struct cb_record_owner *o;
	void *rec = rd_record_new(&o, size);
	cb_diag d;
	cb_node *root;
	rd r;
	int rc;

	*out = NULL;
	if (rec == NULL)
		return CB_ENOMEM;
	memcpy((char *)rec + priv_off, &o, sizeof(o));
	rc = rd_begin(&r, &d, &o->arena, data, len, path, rep, &root);
	if (rc == 0 && root != NULL) {
		r.cell = cell;
		if (root->type != CB_NODE_MAP) {
			rd_map(&r, root, what, NULL);
			root = NULL;
		} else {
			fn(&r, root, rec);
		}
	}
	if (r.oom || d.oom)
		rc = CB_ENOMEM;
	cb_diag_fini(&d);
	if (rc != 0 || root == NULL) {
		rd_record_free(o);
		return rc;
	}
	*out = rec;
	return 0;
}

static void
plan_fn(rd *r, const cb_node *root, void *rec)
{
	cb_plan *p = rec;
	struct cb_plan_private *priv = p->priv;

	cb_plan_defaults(p);
	p->priv = priv;
	read_plan(r, root, p);
}

int
cb_plan_read(cb_plan **out, const char *data, size_t len, const char *path,
    const cb_reporter *rep)
{
	return read_record((void **)out, sizeof(cb_plan),
	    offsetof(cb_plan, priv), "plan.yaml", data, len, path, NULL, rep,
	    plan_fn);
}

int
cb_plan_load(cb_plan **out, const char *path, const cb_reporter *rep)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if ((rc = cb_fs_read(path, CB_MAX_FILE, &buf, &len)) != 0)
		return rc;
	rc = cb_plan_read(out, buf, len, path, rep);
	free(buf);
	return rc;
}

void
cb_plan_free(cb_plan *plan)
{
	if (plan != NULL)
		rd_record_free((struct cb_record_owner *)plan->priv);
}

static void
read_quarter(rd *r, const cb_node *n, cb_tplan_quarter *q)
{
	static const char *const keys[] = { "*quarter", "*topic", "*category",
		"presenter", NULL };

	q->pos = rd_pos(r, n);
	q->presenter.member = -1;
	if (!rd_map(r, n, N_("a quarter"), keys))
		return;
	rd_int(r, n, "quarter", 1, 4, &q->quarter);
	q->topic = rd_str(r, n, "topic", 0);
	q->category = (cb_category)cb_read_category(r, n);
	q->presenter = rd_mref(r, n, "presenter");
}

static void
tplan_fn(rd *r, const cb_node *root, void *rec)
{
	static const char *const keys[] = { "*year", "*quarters", NULL };
	cb_tplan *tp = rec;
	cb_node *const *items;

	if (!rd_map(r, root, "plans/YYYY.yaml", keys))
		return;
	rd_int(r, root, "year", 1900, 2999, &tp->year);
	tp->n_quarters = rd_seq(r, root, "quarters", &items);
	tp->quarters = rd_array(r, tp->n_quarters, sizeof(*tp->quarters));
	if (tp->quarters == NULL)
		tp->n_quarters = 0;
	for (size_t i = 0; i < tp->n_quarters; i++) {
		read_quarter(r, items[i], &tp->quarters[i]);
		for (size_t j = 0; j < i; j++) {
			if (tp->quarters[i].quarter == 0 ||
			    tp->quarters[j].quarter != tp->quarters[i].quarter)
				continue;
			const cb_node *v = cb_node_get(items[i], "quarter");

			cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, v->line,
			    v->col,
			    N_("quarter %d is planned twice (first on "
			       "line %u); keep one entry per quarter"),
			    tp->quarters[i].quarter,
			    (unsigned)tp->quarters[j].pos.line);
			break;
		}
	}
}

int
cb_tplan_read(cb_tplan **out, const char *data, size_t len, const char *path,
    const cb_cell *cell, const cb_reporter *rep)
{
	return read_record((void **)out, sizeof(cb_tplan),
	    offsetof(cb_tplan, priv), "plans/YYYY.yaml", data, len, path, cell,
	    rep, tplan_fn);
}

void
cb_tplan_free(cb_tplan *tp)
{
	if (tp != NULL)
		rd_record_free((struct cb_record_owner *)tp->priv);
}

static void
ratings_fn(rd *r, const cb_node *root, void *rec)
{
	static const char *const keys[] = { "*year", "cell", "members", NULL };
	cb_ratings *rt = rec;
	const cb_node *v;

	if (!rd_map(r, root, "ratings/YYYY.yaml", keys))
		return;
	rd_int(r, root, "year", 1900, 2999, &rt->year);
	rt->cell =
	    (cb_rating)rd_enum(r, root, "cell", N_("rating"), ratings, 5);
	v = rd_get(root, "members");
	if (v == NULL)
		return;
	if (v->type != CB_NODE_MAP) {
		cb_diag_emit(r->d, CB_RULE_SCHEMA_TYPE, v->line, v->col,
		    N_("'members' must be a mapping of member id to rating, "
		       "e.g. 'DV001: good', not %s"),
		    rd_shape(r, v));
		return;
	}
	rt->members = rd_array(r, v->n, sizeof(*rt->members));
	rt->n_members = rt->members ? v->n : 0;
	for (size_t i = 0; i < rt->n_members; i++) {
		rt->members[i].member = rd_mref_node(r, v->u.pairs[i].key);
		rt->members[i].rating = (cb_rating)rd_enum_node(
		    r, v->u.pairs[i].value, N_("rating"), ratings, 5);
	}
}

int
cb_ratings_read(cb_ratings **out, const char *data, size_t len,
    const char *path, const cb_cell *cell, const cb_reporter *rep)
{
	return read_record((void **)out, sizeof(cb_ratings),
	    offsetof(cb_ratings, priv), "ratings/YYYY.yaml", data, len, path,
	    cell, rep, ratings_fn);
}

void
cb_ratings_free(cb_ratings *r)
{
	if (r != NULL)
		rd_record_free((struct cb_record_owner *)r->priv);
}
