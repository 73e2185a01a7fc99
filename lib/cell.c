/*
 * cell.c - cell.yaml: the cell's identity and its roster.
 */
#include <stdlib.h>
#include <string.h>

#include "read.h"
#include "text.h"
#include "banned.h"

struct cb_cell_private {
	struct cb_record_owner owner;
};

static const char *const cell_types[] = { NULL, "village", "residential",
	"agency", "enterprise", "school", "armed", "other" };
static const char *const statuses[] = { NULL, "official", "probationary" };
static const char *const role_names[] = { NULL, "secretary", "deputy",
	"committee" };
static const char *const left_reasons[] = { NULL, "transferred", "died",
	"removed", "other" };

const char *
cb_cell_type_name(cb_cell_type t)
{
	return t > 0 && t < CB_CELL_TYPE_COUNT ? cell_types[t] : "";
}

/* Member ids: [A-Za-z0-9._-]+ (cb-records(5)). */
int cb_valid_id(const char *s);
int
cb_valid_id(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
			(*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
			*s == '-'))
			return 0;
	return 1;
}

static void
read_member(rd *r, const cb_node *n, cb_member *m)
{
	static const char *const keys[] = { "*id", "*name", "*status",
		"*joined", "roles", "exempt", "left", NULL };
	static const char *const exempt_keys[] = { "*from", "reason", NULL };
	static const char *const left_keys[] = { "*date", "reason", NULL };
	const cb_node *v;

	m->pos = rd_pos(r, n);
	if (!rd_map(r, n, N_("a member"), keys))
		return;
	v = rd_get(n, "id");
	m->id = rd_scalar(r, v, "id", 0);
	if (m->id != NULL && !cb_valid_id(m->id)) {
		cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, v->line, v->col,
		    N_("'%s' is not a valid member id: use only letters A-Z, "
		       "digits, '.', '_' and '-' (e.g. DV001)"),
		    m->id);
		m->id = NULL;
	}
	m->name = rd_str(r, n, "name", 1);
	m->status = (cb_member_status)rd_enum(
	    r, n, "status", N_("member status"), statuses, 3);
	rd_date(r, n, "joined", &m->joined);

	cb_node *const *roles;
	size_t nroles = rd_seq(r, n, "roles", &roles);

	for (size_t i = 0; i < nroles; i++) {
		int k = rd_enum_node(r, roles[i], N_("role"), role_names, 4);

		if (k > 0)
			m->roles |= 1u << (k - 1);
	}
	if ((v = rd_get(n, "exempt")) != NULL &&
	    rd_map(r, v, "exempt", exempt_keys)) {
		rd_date(r, v, "from", &m->exempt_from);
		m->exempt_reason = rd_str(r, v, "reason", 0);
		if (cb_date_is_set(m->exempt_from) &&
		    cb_date_is_set(m->joined) &&
		    cb_date_cmp(m->exempt_from, m->joined) < 0) {
			const cb_node *f = cb_node_get(v, "from");

			cb_diag_emit(r->d, CB_RULE_ROSTER_DATES, f->line,
			    f->col,
			    N_("exempt from %s, before the member "
			       "joined; check both dates"),
			    f->str);
		}
	}
	if ((v = rd_get(n, "left")) != NULL &&
	    rd_map(r, v, "left", left_keys)) {
		rd_date(r, v, "date", &m->left);
		m->left_reason = (cb_left_reason)rd_enum(
		    r, v, "reason", N_("reason for leaving"), left_reasons, 5);
		if (cb_date_is_set(m->left) && cb_date_is_set(m->joined) &&
		    cb_date_cmp(m->left, m->joined) < 0) {
			const cb_node *f = cb_node_get(v, "date");

			cb_diag_emit(r->d, CB_RULE_ROSTER_DATES, f->line,
			    f->col,
			    N_("left on %s, before the member joined; "
			       "check both dates"),
			    f->str);
		}
	}
}

static void
check_roster(rd *r, cb_cell *c, cb_node *const *items, cb_date as_of)
{
	int secretary = 0;

	for (size_t j = 0; j < c->n_members; j++) {
		const cb_member *m = &c->members[j];

		if (m->id != NULL) {
			for (size_t i = 0; i < j; i++) {
				if (c->members[i].id == NULL ||
				    strcmp(c->members[i].id, m->id) != 0)
					continue;
				const cb_node *v = cb_node_get(items[j], "id");

				cb_diag_emit(r->d, CB_RULE_ROSTER_DUPLICATE_ID,
				    v->line, v->col,
				    N_("the id %s is already "
				       "used by %s (line %u); give each member "
				       "their own id"),
				    m->id,
				    c->members[i].name ? c->members[i].name
						       : "?",
				    (unsigned)c->members[i].pos.line);
				break;
			}
		}
		if ((m->roles & CB_ROLE_SECRETARY) &&
		    (!cb_date_is_set(m->joined) ||
			cb_date_cmp(m->joined, as_of) <= 0) &&
		    (!cb_date_is_set(m->left) ||
			cb_date_cmp(m->left, as_of) >= 0))
			secretary = 1;
	}
	if (!secretary && cb_date_is_set(as_of) && c->n_members > 0)
		cb_diag_emit_at(r->d, CB_RULE_ROSTER_NO_SECRETARY,
		    c->members_pos.line, c->members_pos.column,
		    N_("no current member has the role secretary; add "
		       "'roles: [secretary]' to the cell's secretary"));
}

static int
id_cmp(const void *x, const void *y)
{
	const struct cb_id_index *a = x, *b = y;
	int c = strcmp(a->id, b->id);

	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* The ids sorted, for cb_cell_find_member (without it: a linear search). */
static void
index_ids(struct cb_record_owner *o, const cb_cell *c)
{
	struct cb_id_index *v = c->n_members
	    ? cb_arena_alloc(&o->arena, c->n_members * sizeof(*v))
	    : NULL;
	size_t n = 0;

	if (v == NULL)
		return;
	for (size_t i = 0; i < c->n_members; i++)
		if (c->members[i].id != NULL)
			v[n++] = (struct cb_id_index){ c->members[i].id,
				(uint32_t)i };
	qsort(v, n, sizeof(*v), id_cmp);
	o->by_id = v;
	o->n_by_id = n;
}

int
cb_cell_read(cb_cell **out, const char *data, size_t len, const char *path,
    cb_date as_of, const cb_reporter *rep)
{
	static const char *const top_keys[] = { "*cell", "*members", NULL };
	static const char *const cell_keys[] = { "*code", "*name", "*type",
		"committee", "grassroots", NULL };
	struct cb_record_owner *o;
	cb_cell *c = rd_record_new(&o, sizeof(*c));
	cb_diag d;
	cb_node *root;
	const cb_node *v;
	rd r;
	int rc;

	*out = NULL;
	if (c == NULL)
		return CB_ENOMEM;
	c->priv = (struct cb_cell_private *)o;
	rc = rd_begin(&r, &d, &o->arena, data, len, path, rep, &root);
	if (rc != 0 || root == NULL)
		goto out;
	c->grassroots = -1;
	c->members_pos = (cb_pos){ 1, 1 };
	if (!rd_map(&r, root, "cell.yaml", top_keys)) {
		root = NULL;
		goto out;
	}
	if ((v = rd_get(root, "cell")) != NULL &&
	    rd_map(&r, v, "cell", cell_keys)) {
		c->code = rd_str(&r, v, "code", 1);
		c->name = rd_str(&r, v, "name", 1);
		c->committee = rd_str(&r, v, "committee", 1);
		c->type = (cb_cell_type)rd_enum(&r, v, "type", N_("cell type"),
		    cell_types, CB_CELL_TYPE_COUNT);
		c->grassroots = rd_bool(&r, v, "grassroots");
	}

	cb_node *const *items;
	const cb_node *mn = cb_node_get(root, "members");

	for (uint32_t i = 0; mn != NULL && i < root->n; i++)
		if (root->u.pairs[i].value == mn)
			c->members_pos = rd_pos(&r, root->u.pairs[i].key);
	c->n_members = rd_seq(&r, root, "members", &items);
	c->members = rd_array(&r, c->n_members, sizeof(*c->members));
	if (c->members == NULL)
		c->n_members = 0;
	for (size_t i = 0; i < c->n_members; i++)
		read_member(&r, items[i], &c->members[i]);
	index_ids(o, c);
	check_roster(&r, c, items, as_of);
out:
	if (r.oom || d.oom)
		rc = CB_ENOMEM;
	cb_diag_fini(&d);
	if (rc != 0 || root == NULL) {
		rd_record_free(o);
		return rc;
	}
	*out = c;
	return 0;
}

void
cb_cell_free(cb_cell *cell)
{
	if (cell != NULL)
		rd_record_free((struct cb_record_owner *)cell->priv);
}

int
cb_cell_find_member(const cb_cell *cell, const char *ref)
{
	const struct cb_record_owner *o =
	    (const struct cb_record_owner *)cell->priv;
	int found = -1;

	if (o != NULL && o->by_id != NULL) {
		/* The first of the ids equal to ref (the lowest place). */
		size_t lo = cb_lower_bound(
		    o->by_id, o->n_by_id, sizeof(*o->by_id), ref);

		if (lo < o->n_by_id && cb_key_eq(o->by_id[lo].id, ref))
			return (int)o->by_id[lo].i;
	} else {
		for (size_t i = 0; i < cell->n_members; i++)
			if (cell->members[i].id &&
			    strcmp(cell->members[i].id, ref) == 0)
				return (int)i;
	}
	for (size_t i = 0; i < cell->n_members; i++) {
		if (cell->members[i].name == NULL ||
		    strcmp(cell->members[i].name, ref) != 0)
			continue;
		if (found >= 0)
			return -2;
		found = (int)i;
	}
	return found;
}

int
cb_member_expected(const cb_member *m, cb_date date)
{
	if (cb_date_is_set(m->joined) && cb_date_cmp(m->joined, date) > 0)
		return 0;
	if (cb_date_is_set(m->left) && cb_date_cmp(m->left, date) < 0)
		return 0;
	if (cb_date_is_set(m->exempt_from) &&
	    cb_date_cmp(m->exempt_from, date) <= 0)
		return 0;
	return 1;
}
