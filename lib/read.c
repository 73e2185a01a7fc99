#include "read.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "banned.h"

void *
rd_record_new(struct cb_record_owner **owner, size_t size)
{
	struct cb_record_owner *o = calloc(1, sizeof(*o));
	void *rec;

	*owner = NULL;
	if (o == NULL)
		return NULL;
	rec = cb_arena_alloc(&o->arena, size);
	if (rec == NULL) {
		free(o);
		return NULL;
	}
	*owner = o;
	return rec;
}

void
rd_record_free(struct cb_record_owner *owner)
{
	if (owner == NULL)
		return;
	cb_arena_clear(&owner->arena);
	free(owner);
}

cb_pos
rd_pos(rd *r, const cb_node *n)
{
	cb_pos p = { 1, 1 };

	if (n != NULL) {
		p.line = n->line;
		p.column = cb_diag_column(r->d, n->line, n->col);
	}
	return p;
}

const char *
rd_shape(rd *r, const cb_node *n)
{
	if (n->type == CB_NODE_MAP)
		return cb_diag_tr(r->d, N_("a mapping (key: value lines)"));
	if (n->type == CB_NODE_SEQ)
		return cb_diag_tr(r->d, N_("a list"));
	return cb_diag_tr(r->d, N_("a text"));
}

static void
unknown_key(rd *r, const cb_node *key, const char *const *keys)
{
	const char *names[64];
	size_t n = 0;
	cb_buf list = CB_BUF_INIT(4096);

	for (; keys[n] != NULL && n < 64; n++) {
		names[n] = keys[n][0] == '*' ? keys[n] + 1 : keys[n];
		if (list.len)
			cb_buf_puts(&list, ", ");
		cb_buf_puts(&list, names[n]);
	}
	const char *near = cb_nearest(key->str, names, n);

	if (near != NULL)
		cb_diag_emit(r->d, CB_RULE_SCHEMA_UNKNOWN_KEY, key->line,
		    key->col, N_("unknown key '%s'; did you mean '%s'?"),
		    key->str, near);
	else
		cb_diag_emit(r->d, CB_RULE_SCHEMA_UNKNOWN_KEY, key->line,
		    key->col, N_("unknown key '%s'; the keys here are: %s"),
		    key->str, list.ptr ? list.ptr : "");
	cb_buf_free(&list);
}

int
rd_map(rd *r, const cb_node *n, const char *what, const char *const *keys)
{
	if (n == NULL || n->type != CB_NODE_MAP) {
		if (n != NULL)
			cb_diag_emit(r->d, CB_RULE_SCHEMA_TYPE, n->line, n->col,
			    N_("%s must be a mapping (key: value "
			       "lines), not %s"),
			    cb_diag_tr(r->d, what), rd_shape(r, n));
		return 0;
	}
	size_t nkeys = 0, j = 0;

	while (keys != NULL && keys[nkeys] != NULL)
		nkeys++;
	/* Keys are mostly written in the schema's order: each search starts
	 * after the key found last and goes round once. */
	for (uint32_t i = 0; i < n->n; i++) {
		const cb_node *k = n->u.pairs[i].key;
		size_t tries = 0;

		for (; tries < nkeys; tries++, j = j + 1 < nkeys ? j + 1 : 0)
			if (cb_key_eq(keys[j] + (keys[j][0] == '*'), k->str))
				break;
		if (tries == nkeys)
			unknown_key(r, k, keys);
	}
	for (size_t q = 0; keys[q] != NULL; q++) {
		if (keys[q][0] != '*')
			continue;
		const cb_node *v = cb_node_get(n, keys[q] + 1);

		if (v == NULL)
			cb_diag_emit(r->d, CB_RULE_SCHEMA_MISSING_KEY, n->line,
			    n->col, N_("%s has no '%s'; add it"),
			    cb_diag_tr(r->d, what), keys[q] + 1);
		else if (cb_node_is_null(v))
			cb_diag_emit(r->d, CB_RULE_SCHEMA_MISSING_KEY, v->line,
			    v->col, N_("'%s' is empty; fill it in"),
			    keys[q] + 1);
	}
	return 1;
}

const cb_node *
rd_get(const cb_node *map, const char *key)
{
	const cb_node *v = cb_node_get(map, key);

	return v == NULL || cb_node_is_null(v) ? NULL : v;
}

const char *
rd_scalar(rd *r, const cb_node *n, const char *what, int nfc)
{
	if (n == NULL || cb_node_is_null(n))
		return NULL;
	if (n->type != CB_NODE_SCALAR) {
		cb_diag_emit(r->d, CB_RULE_SCHEMA_TYPE, n->line, n->col,
		    N_("'%s' must be a text, not %s"), cb_diag_tr(r->d, what),
		    rd_shape(r, n));
		return NULL;
	}
	if (!nfc)
		return n->str;
	const char *s = cb_nfc_view(r->a, n->str, n->len);

	if (s == NULL)
		r->oom = 1;
	return s;
}

const char *
rd_str(rd *r, const cb_node *map, const char *key, int nfc)
{
	return rd_scalar(r, cb_node_get(map, key), key, nfc);
}

int
rd_date_node(rd *r, const cb_node *n, cb_date *out)
{
	int y = 0, m = 0, d = 0;

	memset(out, 0, sizeof(*out));
	if (n == NULL || cb_node_is_null(n))
		return -1;
	if (n->type != CB_NODE_SCALAR) {
		cb_diag_emit(r->d, CB_RULE_SCHEMA_TYPE, n->line, n->col,
		    N_("a date must be a text like 2024-03-05, not %s"),
		    rd_shape(r, n));
		return -1;
	}
	if (cb_date_parse(out, n->str, n->len) == 0)
		return 0;
	int shaped = n->len == 10 && n->str[4] == '-' && n->str[7] == '-' &&
	    !cb_digits(n->str, 4, &y) && !cb_digits(n->str + 5, 2, &m) &&
	    !cb_digits(n->str + 8, 2, &d);

	if (shaped && m >= 1 && m <= 12 && y >= 1900 && y <= 2999)
		cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, n->line, n->col,
		    N_("'%s' is not a real date: %04d-%02d has %d days"),
		    n->str, y, m, cb_date_month_days(y, m));
	else
		cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, n->line, n->col,
		    N_("'%s' is not a date; write it as YYYY-MM-DD, e.g. "
		       "2024-03-05"),
		    n->str);
	memset(out, 0, sizeof(*out));
	return -1;
}

int
rd_date(rd *r, const cb_node *map, const char *key, cb_date *out)
{
	return rd_date_node(r, cb_node_get(map, key), out);
}

int
rd_time(rd *r, const cb_node *map, const char *key, int *minutes)
{
	const cb_node *n = rd_get(map, key);
	const char *s;

	*minutes = -1;
	if (n == NULL)
		return -1;
	s = n->str;
	if (n->type != CB_NODE_SCALAR || n->len != 5 || s[2] != ':' ||
	    s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' ||
	    s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9' ||
	    (s[0] == '2' && s[1] > '3')) {
		if (n->type != CB_NODE_SCALAR)
			cb_diag_emit(r->d, CB_RULE_SCHEMA_TYPE, n->line, n->col,
			    N_("'%s' must be a time like \"19:30\", "
			       "not %s"),
			    key, rd_shape(r, n));
		else
			cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, n->line,
			    n->col,
			    N_("'%s' is not a time; write it as HH:MM "
			       "in quotes, e.g. \"07:30\""),
			    s);
		return -1;
	}
	*minutes = ((s[0] - '0') * 10 + (s[1] - '0')) * 60 + (s[3] - '0') * 10 +
	    (s[4] - '0');
	return 0;
}

int
rd_bool(rd *r, const cb_node *map, const char *key)
{
	const cb_node *n = rd_get(map, key);

	if (n == NULL)
		return -1;
	if (n->type == CB_NODE_SCALAR && n->plain) {
		if (!strcmp(n->str, "true") || !strcmp(n->str, "True") ||
		    !strcmp(n->str, "TRUE"))
			return 1;
		if (!strcmp(n->str, "false") || !strcmp(n->str, "False") ||
		    !strcmp(n->str, "FALSE"))
			return 0;
	}
	if (n->type != CB_NODE_SCALAR)
		cb_diag_emit(r->d, CB_RULE_SCHEMA_TYPE, n->line, n->col,
		    N_("'%s' must be true or false, not %s"), key,
		    rd_shape(r, n));
	else
		cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, n->line, n->col,
		    N_("'%s' is not true or false; write true or false "
		       "without quotes"),
		    n->str);
	return -1;
}

int
rd_int(rd *r, const cb_node *map, const char *key, int min, int max, int *out)
{
	const cb_node *n = rd_get(map, key);
	int v = 0;

	if (n == NULL)
		return -1;
	if (n->type != CB_NODE_SCALAR) {
		cb_diag_emit(r->d, CB_RULE_SCHEMA_TYPE, n->line, n->col,
		    N_("'%s' must be a number, not %s"), key, rd_shape(r, n));
		return -1;
	}
	int ok = n->plain && n->len > 0 && n->len <= 9 &&
	    !cb_digits(n->str, n->len, &v);

	if (!ok || v < min || v > max) {
		cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, n->line, n->col,
		    N_("'%s' must be a whole number from %d to %d, not '%s'"),
		    key, min, max, n->str);
		return -1;
	}
	*out = v;
	return 0;
}

int
rd_enum_node(rd *r, const cb_node *n, const char *what,
    const char *const *names, int count)
{
	cb_buf list = CB_BUF_INIT(4096);

	if (n == NULL || cb_node_is_null(n))
		return 0;
	if (n->type != CB_NODE_SCALAR) {
		cb_diag_emit(r->d, CB_RULE_SCHEMA_TYPE, n->line, n->col,
		    N_("%s must be a single word, not %s"),
		    cb_diag_tr(r->d, what), rd_shape(r, n));
		return 0;
	}
	for (int i = 1; i < count; i++)
		if (strcmp(n->str, names[i]) == 0)
			return i;
	for (int i = 1; i < count; i++) {
		if (list.len)
			cb_buf_puts(&list, ", ");
		cb_buf_puts(&list, names[i]);
	}
	const char *near = cb_nearest(n->str, names + 1, (size_t)count - 1);

	if (near)
		cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, n->line, n->col,
		    N_("'%s' is not a valid %s; did you mean '%s'? (one of: "
		       "%s)"),
		    n->str, cb_diag_tr(r->d, what), near,
		    list.ptr ? list.ptr : "");
	else
		cb_diag_emit(r->d, CB_RULE_SCHEMA_VALUE, n->line, n->col,
		    N_("'%s' is not a valid %s; use one of: %s"), n->str,
		    cb_diag_tr(r->d, what), list.ptr ? list.ptr : "");
	cb_buf_free(&list);
	return 0;
}

int
rd_enum(rd *r, const cb_node *map, const char *key, const char *what,
    const char *const *names, int count)
{
	return rd_enum_node(r, cb_node_get(map, key), what, names, count);
}

size_t
rd_seq(rd *r, const cb_node *map, const char *key, cb_node *const **items)
{
	const cb_node *n = rd_get(map, key);

	*items = NULL;
	if (n == NULL)
		return 0;
	if (n->type != CB_NODE_SEQ) {
		cb_diag_emit(r->d, CB_RULE_SCHEMA_TYPE, n->line, n->col,
		    N_("'%s' must be a list (lines starting with '- ', or "
		       "[a, b]), not %s"),
		    key, rd_shape(r, n));
		return 0;
	}
	*items = n->u.items;
	return n->n;
}

void *
rd_array(rd *r, size_t n, size_t size)
{
	void *p;

	if (n == 0)
		return NULL;
	if (n > SIZE_MAX / size ||
	    (p = cb_arena_alloc(r->a, n * size)) == NULL) {
		r->oom = 1;
		return NULL;
	}
	return p;
}

/* Suggest the roster id or name nearest to an unknown reference. */
static const char *
nearest_member(rd *r, const char *ref)
{
	size_t n = r->cell->n_members;
	const char **names = malloc((2 * n + 1) * sizeof(*names));
	const char *best;

	if (names == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		names[2 * i] = r->cell->members[i].id;
		names[2 * i + 1] = r->cell->members[i].name;
	}
	best = cb_nearest(ref, names, 2 * n);
	free(names);
	return best;
}

cb_mref
rd_mref_node(rd *r, const cb_node *n)
{
	cb_mref m = { NULL, -1, { 0, 0 } };
	char buf[11], buf2[11];

	if (n == NULL)
		return m;
	/* A blank value still has a place: findings about it point there. */
	m.pos = rd_pos(r, n);
	if (cb_node_is_null(n))
		return m;
	m.text = rd_scalar(r, n, N_("a member"), 1);
	if (m.text == NULL || r->cell == NULL)
		return m;
	m.member = cb_cell_find_member(r->cell, m.text);
	if (m.member == -1) {
		const char *near = nearest_member(r, m.text);

		if (near)
			cb_diag_emit(r->d, CB_RULE_REF_UNKNOWN_MEMBER, n->line,
			    n->col,
			    N_("%s is not on the roster; did you mean "
			       "%s?"),
			    m.text, near);
		else
			cb_diag_emit(r->d, CB_RULE_REF_UNKNOWN_MEMBER, n->line,
			    n->col,
			    N_("%s is not on the roster of cell.yaml; "
			       "use a member's id or full name"),
			    m.text);
	} else if (m.member == -2) {
		cb_diag_emit(r->d, CB_RULE_REF_AMBIGUOUS_NAME, n->line, n->col,
		    N_("several members are named %s; write the member's id "
		       "instead"),
		    m.text);
	} else if (cb_date_is_set(r->date)) {
		const cb_member *mb = &r->cell->members[m.member];

		if (cb_date_is_set(mb->joined) &&
		    cb_date_cmp(mb->joined, r->date) > 0)
			cb_diag_emit(r->d, CB_RULE_REF_NOT_MEMBER, n->line,
			    n->col,
			    N_("%s had not joined the cell yet on "
			       "%s (joined %s)"),
			    m.text, cb_date_format(r->date, buf),
			    cb_date_format(mb->joined, buf2));
		else if (cb_date_is_set(mb->left) &&
		    cb_date_cmp(mb->left, r->date) < 0)
			cb_diag_emit(r->d, CB_RULE_REF_NOT_MEMBER, n->line,
			    n->col,
			    N_("%s had left the cell on %s, before "
			       "this meeting"),
			    m.text, cb_date_format(mb->left, buf2));
	}
	return m;
}

cb_mref
rd_mref(rd *r, const cb_node *map, const char *key)
{
	return rd_mref_node(r, cb_node_get(map, key));
}

cb_mref *
rd_mref_list(rd *r, const cb_node *map, const char *key, size_t *n)
{
	cb_node *const *items;
	size_t k = rd_seq(r, map, key, &items);
	cb_mref *out = rd_array(r, k, sizeof(*out));

	*n = out ? k : 0;
	for (size_t i = 0; out && i < k; i++)
		out[i] = rd_mref_node(r, items[i]);
	return out;
}

int
rd_begin(rd *r, cb_diag *d, cb_arena *a, const char *data, size_t len,
    const char *path, const cb_reporter *rep, cb_node **root)
{
	*root = NULL;
	memset(r, 0, sizeof(*r));
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	cb_diag_init(d, rep, path, data, len);
	r->a = a;
	r->d = d;
	if (len > CB_MAX_FILE) {
		cb_diag_emit_at(d, CB_RULE_SYNTAX_LIMITS, 1, 1,
		    N_("the file has %zu bytes, more than the limit of 8 MiB; "
		       "split it"),
		    len);
		return 0;
	}
	/* libyaml's reader refuses what is not UTF-8 text; only then is
	 * cb_encoding_check() run, for the line and the old encoding's name
	 * (cb_yaml_read). A file with UTF-16 bytes may even parse as YAML:
	 * it has NUL bytes, which the reader refuses too. */
	return cb_yaml_read(a, d, data, len, root);
}
