/*
 * meeting.c - one meeting's minutes (meetings/YYYY/YYYY-MM-DD*.yaml).
 *
 * Reads every field of cb-records(5) into a cb_meeting, resolving member
 * references against the roster as it goes. Only what one file can show
 * is reported here; rules that compare meetings run on summaries.
 */
#include <string.h>

#include "read.h"
#include "banned.h"

struct cb_meeting_private {
	struct cb_record_owner owner;
};

static const char *const kinds[] = { NULL, "regular", "thematic",
	"extraordinary" };
static const char *const agenda_items[] = { NULL, "news", "directives",
	"ideology", "residence", "tasks-review", "tw4", "anticorruption",
	"discussion", "next-tasks", "superior", "admission", "other" };
static const char *const categories[] = { NULL, "hcm", "degradation",
	"party-building", "capacity", "directives", "political-task",
	"tradition" };
static const char *const review_statuses[] = { NULL, "done", "partial",
	"not-done" };

const char *
cb_meeting_kind_name(cb_meeting_kind k)
{
	return k > 0 && k <= CB_KIND_EXTRAORDINARY ? kinds[k] : "";
}

const char *
cb_agenda_item_name(cb_agenda_item i)
{
	return i > 0 && i < CB_AGENDA_COUNT ? agenda_items[i] : "";
}

const char *
cb_category_name(cb_category c)
{
	return c > 0 && c < CB_CATEGORY_COUNT ? categories[c] : "";
}

/* Shared with tplan.c: the thematic category of a node. */
int cb_read_category(rd *r, const cb_node *map);
int
cb_read_category(rd *r, const cb_node *map)
{
	return rd_enum(r, map, "category", N_("thematic category"), categories,
	    CB_CATEGORY_COUNT);
}

int cb_valid_id(const char *s);

/* Run `fn` over each element of the list under `key` (a mapping each). */
#define EACH(r, map, key, arr, count, fn)                                      \
	do {                                                                   \
		cb_node *const *items_;                                        \
		size_t n_ = rd_seq((r), (map), (key), &items_);                \
		(arr) = rd_array((r), n_, sizeof(*(arr)));                     \
		(count) = (arr) ? n_ : 0;                                      \
		for (size_t i_ = 0; i_ < (count); i_++)                        \
			fn((r), items_[i_], &(arr)[i_]);                       \
	} while (0)

static void
read_guest(rd *r, const cb_node *n, cb_guest *g)
{
	static const char *const keys[] = { "*name", "title", "upper", NULL };

	g->pos = rd_pos(r, n);
	if (!rd_map(r, n, N_("a guest"), keys))
		return;
	g->name = rd_str(r, n, "name", 0);
	g->title = rd_str(r, n, "title", 0);
	g->upper = rd_bool(r, n, "upper") == 1;
}

static void
read_absence(rd *r, const cb_node *n, cb_absence *a)
{
	static const char *const keys[] = { "*member", "*excused", "reason",
		NULL };

	a->pos = rd_pos(r, n);
	a->excused = -1;
	if (n->type == CB_NODE_SCALAR) {
		/* A bare name: the secretary forgot excused/reason. */
		cb_diag_emit(r->d, CB_RULE_SCHEMA_TYPE, n->line, n->col,
		    N_("an absence must be a mapping with 'member', 'excused' "
		       "and 'reason', e.g. {member: %s, excused: true, reason: "
		       "Ốm}"),
		    n->str);
		a->member = rd_mref_node(r, n);
		return;
	}
	if (!rd_map(r, n, N_("an absence"), keys))
		return;
	a->member = rd_mref(r, n, "member");
	a->excused = rd_bool(r, n, "excused");
	a->reason = rd_str(r, n, "reason", 0);
}

static void
read_agenda(rd *r, const cb_node *n, cb_agenda_entry *e)
{
	static const char *const keys[] = { "*item", "notes", NULL };

	e->pos = rd_pos(r, n);
	if (!rd_map(r, n, N_("an agenda entry"), keys))
		return;
	e->item = (cb_agenda_item)rd_enum(
	    r, n, "item", N_("agenda item"), agenda_items, CB_AGENDA_COUNT);
	e->notes = rd_str(r, n, "notes", 0);
	if (e->item == CB_AGENDA_OTHER && e->notes == NULL)
		cb_diag_emit(r->d, CB_RULE_SCHEMA_MISSING_KEY, n->line, n->col,
		    N_("agenda item 'other' needs 'notes' saying what it "
		       "was"));
}

static void
read_review(rd *r, const cb_node *n, cb_review *v)
{
	static const char *const keys[] = { "*ref", "*status", "notes", NULL };
	const cb_node *ref;

	v->pos = rd_pos(r, n);
	if (!rd_map(r, n, N_("a review entry"), keys))
		return;
	ref = rd_get(n, "ref");
	const char *s = rd_scalar(r, ref, "ref", 0);

	if (s != NULL) {
		v->pos = rd_pos(r, ref);
		if (ref->len > 11 && s[10] == '/' &&
		    cb_date_parse(&v->ref_date, s, 10) == 0 &&
		    cb_valid_id(s + 11))
			v->ref_id = s + 11;
		else
			cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, ref->line,
			    ref->col,
			    N_("'%s' is not a resolution reference; "
			       "write the meeting's date and the resolution's "
			       "id, "
			       "e.g. 2024-03-05/1"),
			    s);
		if (v->ref_id == NULL)
			memset(&v->ref_date, 0, sizeof(v->ref_date));
	}
	v->status = (cb_review_status)rd_enum(
	    r, n, "status", N_("review status"), review_statuses, 4);
	v->notes = rd_str(r, n, "notes", 0);
}

static void
read_contribution(rd *r, const cb_node *n, cb_contribution *c)
{
	static const char *const keys[] = { "*member", "summary", NULL };

	c->pos = rd_pos(r, n);
	if (!rd_map(r, n, N_("a contribution"), keys))
		return;
	c->member = rd_mref(r, n, "member");
	c->summary = rd_str(r, n, "summary", 0);
}

static void
read_resolution(rd *r, const cb_node *n, cb_resolution *res)
{
	static const char *const keys[] = { "*id", "content", "measures",
		"deadline", "assignees", NULL };
	const cb_node *v;

	res->pos = rd_pos(r, n);
	res->deadline_pos = res->pos;
	if (!rd_map(r, n, N_("a resolution"), keys))
		return;
	v = rd_get(n, "id");
	res->id = rd_scalar(r, v, "id", 0);
	if (res->id != NULL && !cb_valid_id(res->id)) {
		cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, v->line, v->col,
		    N_("'%s' is not a valid resolution id: use a number or "
		       "letters, digits, '.', '_' and '-'"),
		    res->id);
		res->id = NULL;
	}
	res->content = rd_str(r, n, "content", 0);
	res->measures = rd_str(r, n, "measures", 0);
	if ((v = rd_get(n, "deadline")) != NULL)
		res->deadline_pos = rd_pos(r, v);
	rd_date(r, n, "deadline", &res->deadline);
	res->assignees = rd_mref_list(r, n, "assignees", &res->n_assignees);
}

static void
read_amendment(rd *r, const cb_node *n, cb_amendment *am)
{
	static const char *const keys[] = { "*date", "by", "*reason", NULL };

	am->pos = rd_pos(r, n);
	if (!rd_map(r, n, N_("an amendment"), keys))
		return;
	rd_date(r, n, "date", &am->date);
	am->by = rd_mref(r, n, "by");
	am->reason = rd_str(r, n, "reason", 0);
}

static void
read_thematic(rd *r, const cb_node *n, cb_thematic *t)
{
	static const char *const keys[] = { "topic", "category", "presenter",
		"announced", "conclusion", "reported", NULL };
	const cb_node *v;

	t->pos = rd_pos(r, n);
	if (!rd_map(r, n, "thematic", keys))
		return;
	t->present = 1;
	t->topic = rd_str(r, n, "topic", 0);
	t->category = (cb_category)cb_read_category(r, n);
	t->category_pos = t->pos;
	if ((v = rd_get(n, "category")) != NULL)
		t->category_pos = rd_pos(r, v);
	t->presenter = rd_mref(r, n, "presenter");
	if ((v = rd_get(n, "announced")) != NULL)
		t->announced_pos = rd_pos(r, v);
	rd_date(r, n, "announced", &t->announced);
	t->conclusion = rd_str(r, n, "conclusion", 0);
	rd_date(r, n, "reported", &t->reported);
}

static void
read_vote(rd *r, const cb_node *n, cb_meeting *m)
{
	static const char *const keys[] = { "for", "against", "abstain", NULL };

	m->vote_for = m->vote_against = m->vote_abstain = -1;
	if (!rd_map(r, n, "vote", keys))
		return;
	m->has_vote = 1;
	rd_int(r, n, "for", 0, 100000, &m->vote_for);
	rd_int(r, n, "against", 0, 100000, &m->vote_against);
	rd_int(r, n, "abstain", 0, 100000, &m->vote_abstain);
}

static void
read_minutes(rd *r, const cb_node *n, cb_meeting *m)
{
	static const char *const keys[] = { "approved", "signed", NULL };

	if (!rd_map(r, n, "minutes", keys))
		return;
	m->approved = rd_bool(r, n, "approved");
	m->signed_by = rd_mref_list(r, n, "signed", &m->n_signed);
}

static void
read_meeting(rd *r, const cb_node *root, cb_meeting *m)
{
	static const char *const keys[] = { "*kind", "*date", "start", "end",
		"papers_posted", "place", "chair", "recorder", "guests",
		"present", "absent", "agenda", "review", "contributions",
		"resolutions", "vote", "admissions", "minutes", "amendments",
		"thematic", NULL };
	const cb_node *v;

	m->start = m->end = -1;
	m->approved = -1;
	m->vote_for = m->vote_against = m->vote_abstain = -1;
	m->chair.member = m->recorder.member = -1;
	m->thematic.presenter.member = -1;
	m->pos_kind = m->pos_date = m->pos_present = m->pos_agenda =
	    m->pos_review = m->pos_resolutions = m->pos_vote = m->pos_minutes =
		m->pos_start = m->pos_papers = m->pos_admissions =
		    (cb_pos){ 1, 1 };
	if (!rd_map(r, root, N_("a meeting file"), keys))
		return;
#define POS(key, field)                                                        \
	if ((v = cb_node_get(root, key)) != NULL)                              \
	m->field = rd_pos(r, v)
	/* In the order of a written record (cb_node_get's hint). */
	POS("kind", pos_kind);
	POS("date", pos_date);
	POS("start", pos_start);
	POS("papers_posted", pos_papers);
	POS("present", pos_present);
	POS("agenda", pos_agenda);
	POS("review", pos_review);
	POS("resolutions", pos_resolutions);
	POS("vote", pos_vote);
	POS("admissions", pos_admissions);
	POS("minutes", pos_minutes);
#undef POS
	m->kind = (cb_meeting_kind)rd_enum(
	    r, root, "kind", N_("meeting kind"), kinds, 4);
	rd_date(r, root, "date", &m->date);
	/* References are checked against the roster on this date. */
	r->date = m->date;
	rd_time(r, root, "start", &m->start);
	rd_time(r, root, "end", &m->end);
	if (m->start >= 0 && m->end >= 0 && m->end <= m->start) {
		v = cb_node_get(root, "end");
		cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, v->line, v->col,
		    N_("'end' (%s) is not after 'start'; a meeting ends the "
		       "day "
		       "it starts"),
		    v->str);
	}
	rd_date(r, root, "papers_posted", &m->papers_posted);
	m->place = rd_str(r, root, "place", 0);
	m->chair = rd_mref(r, root, "chair");
	m->recorder = rd_mref(r, root, "recorder");
	EACH(r, root, "guests", m->guests, m->n_guests, read_guest);
	m->present = rd_mref_list(r, root, "present", &m->n_present);
	EACH(r, root, "absent", m->absent, m->n_absent, read_absence);
	if (((v = rd_get(root, "present")) != NULL && v->type != CB_NODE_SEQ) ||
	    ((v = rd_get(root, "absent")) != NULL && v->type != CB_NODE_SEQ))
		m->attendance_unknown = 1;

	EACH(r, root, "agenda", m->agenda, m->n_agenda, read_agenda);
	EACH(r, root, "review", m->review, m->n_review, read_review);
	EACH(r, root, "contributions", m->contributions, m->n_contributions,
	    read_contribution);
	EACH(r, root, "resolutions", m->resolutions, m->n_resolutions,
	    read_resolution);
	if ((v = rd_get(root, "vote")) != NULL)
		read_vote(r, v, m);
	/* An admitted member's `joined` is minutes/admission's business. */
	r->date = (cb_date){ 0, 0, 0 };
	m->admissions = rd_mref_list(r, root, "admissions", &m->n_admissions);
	r->date = m->date;
	if ((v = rd_get(root, "minutes")) != NULL)
		read_minutes(r, v, m);
	EACH(r, root, "amendments", m->amendments, m->n_amendments,
	    read_amendment);
	if ((v = cb_node_get(root, "thematic")) != NULL) {
		const cb_node *k = NULL;

		for (uint32_t i = 0; i < root->n; i++)
			if (root->u.pairs[i].value == v)
				k = root->u.pairs[i].key;
		if (m->kind != CB_KIND_THEMATIC && m->kind != CB_KIND_UNSET &&
		    k != NULL)
			cb_diag_emit(r->d, CB_RULE_SCHEMA_UNKNOWN_KEY, k->line,
			    k->col,
			    N_("'thematic' belongs only to a meeting "
			       "of kind thematic; remove it or change 'kind'"));
		else if (!cb_node_is_null(v))
			read_thematic(r, v, &m->thematic);
	}
}

int
cb_meeting_read(cb_meeting **out, const char *data, size_t len,
    const char *path, const cb_cell *cell, const cb_reporter *rep)
{
	struct cb_record_owner *o;
	cb_meeting *m = rd_record_new(&o, sizeof(*m));
	cb_diag d;
	cb_node *root;
	rd r;
	int rc;

	*out = NULL;
	if (m == NULL)
		return CB_ENOMEM;
	m->priv = (struct cb_meeting_private *)o;
	rc = rd_begin(&r, &d, &o->arena, data, len, path, rep, &root);
	if (rc == 0 && root != NULL) {
		r.cell = cell;
		if (root->type != CB_NODE_MAP) {
			rd_map(&r, root, N_("a meeting file"), NULL);
			root = NULL;
		} else {
			read_meeting(&r, root, m);
		}
	}
	if (r.oom || d.oom)
		rc = CB_ENOMEM;
	cb_diag_fini(&d);
	if (rc != 0 || root == NULL) {
		rd_record_free(o);
		return rc;
	}
	*out = m;
	return 0;
}

void
cb_meeting_free(cb_meeting *m)
{
	if (m != NULL)
		rd_record_free((struct cb_record_owner *)m->priv);
}
