/*
 * yaml.c - libyaml events to nodes.
 *
 * The event API is used instead of yaml_parser_load(), whose document model
 * costs about 17 times the file size. Everything YAML offers beyond plain
 * data is refused here, once, so that no record reader has to think about
 * it: anchors, aliases, tags and merge keys (an alias bomb never expands),
 * more than one document, nesting deeper than CB_MAX_DEPTH (libyaml 0.2.5
 * has no depth limit and turns quadratic on deep flow nesting; stopping at
 * depth 65 bounds its work), and scalars over CB_MAX_SCALAR.
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "node.h"
#include "banned.h"

/* No real record comes near this; it bounds memory on hostile input. */
#define CB_MAX_NODES 200000u

struct frame {
	cb_node *node;
	size_t start; /* its items: from here in the reader's seqs or pairs */
	cb_node *key; /* mapping: a key waiting for its value */
};

struct reader {
	cb_arena *arena;
	cb_diag *diag;
	const char *src;
	size_t srclen;
	struct frame stack[CB_MAX_DEPTH + 1];
	int depth;
	/*
	 * The items of the open collections, innermost last: a collection
	 * closes before the one around it goes on, so one stack of each kind
	 * serves them all (no allocation a collection).
	 */
	cb_vec seqs;  /* cb_node * */
	cb_vec pairs; /* cb_pair */
	size_t nodes;
	int unusable;
	int oom;
	cb_node *root;
};

/* The character at a libyaml mark (0-based line and column), or 0. */
static int
char_at(const struct reader *r, size_t line, size_t col)
{
	const char *p = r->src, *end = r->src + r->srclen;

	for (size_t l = 0; l < line && p < end; p++)
		if (*p == '\n')
			l++;
	for (size_t c = 0; c < col && p < end; c++) {
		p++;
		while (p < end && ((unsigned char)*p & 0xC0) == 0x80)
			p++;
	}
	return p < end ? (unsigned char)*p : 0;
}

static const struct {
	const char *problem;
	const char *msg;
} problems[] = {
	{ "mapping values are not allowed in this context",
	    N_("a ':' where no value can start: put the text in quotes if it "
	       "contains ': ', or check the indentation of this line") },
	{ "did not find expected key",
	    N_("the indentation is wrong: a key or a '- ' item was expected; "
	       "line this up with the keys above it") },
	{ "did not find expected '-' indicator",
	    N_("a list item ('- ') was expected here; check the indentation") },
	{ "could not find expected ':'",
	    N_("a key without ':' after it: add ': ' after the key, or put the "
	       "text in quotes") },
	{ "did not find expected node content", N_("a value is missing here") },
	{ "block sequence entries are not allowed in this context",
	    N_("a '- ' list item cannot start here: put the list on the lines "
	       "below its key, indented") },
	{ "did not find expected ',' or ']'",
	    N_("a list in brackets is not closed: a ']' or ',' is missing") },
	{ "did not find expected ',' or '}'",
	    N_("a mapping in braces is not closed: a '}' or ',' is missing") },
	{ "found unexpected end of stream",
	    N_("the file ends inside a value: a quote or a bracket opened here "
	       "is never closed") },
	{ "found unknown escape character",
	    N_("an unknown escape after '\\' in double quotes: write '\\\\' "
	       "for "
	       "a backslash, or use single quotes") },
	{ "found unexpected ':'",
	    N_("an unexpected ':'; put the text in quotes") },
	{ "found character that cannot start any token",
	    N_("a character that cannot start a value: put the text in "
	       "quotes") },
	{ "found undefined tag handle",
	    N_("tags are not allowed in cb records; remove the '!'") },
	{ "did not find URI escaped octet",
	    N_("a malformed tag; remove the '!'") },
	{ "found incompatible YAML document",
	    N_("an unsupported %YAML version directive; remove the line") },
	{ "found duplicate %YAML directive",
	    N_("a repeated %YAML directive; remove it") },
};

/*
 * Whether `q`, in the line from `from`, is where a YAML value can start:
 * after the indentation, after ':', '-' or '?', and inside brackets
 * (`flow`) after '[', '{' or ','.
 */
static int
value_start(const char *from, const char *q, int flow)
{
	while (q > from && q[-1] == ' ')
		q--;
	if (q == from)
		return 1;
	if (q[-1] == ':' || q[-1] == '-' || q[-1] == '?' || q[-1] == '[' ||
	    q[-1] == '{')
		return 1;
	return flow > 0 && q[-1] == ',';
}

/*
 * Whether libyaml's error at (`eline`, `ecol`), 0-based, comes of a double
 * quote that ran on over lines: one still open there, or one closed on
 * that line just before it, having opened on a line above. YAML lets a
 * quoted value go on over lines, so a quote left open is found only where
 * the text runs into the next key. Sets the opening quote's line and
 * column. A small scan from the start of the text: comments, both kinds
 * of quotes with their escapes, brackets and block scalars, enough to
 * know where a quote opens a value.
 */
static int
open_quote(
    const struct reader *r, size_t eline, size_t ecol, size_t *ql, size_t *qc)
{
	const char *p = r->src, *end = r->src + r->srclen;
	size_t line = 0, ol = 0, oc = 0;
	size_t closed_at = (size_t)-1, closed_from = 0, closed_col = 0;
	int dq = 0, sq = 0, flow = 0;
	long block = -1; /* a block scalar's key line's indentation */

	while (p < end && line <= eline) {
		const char *ls = p, *ind = NULL;
		size_t col = 0, indent = 0;

		if (!dq && !sq) {
			while (p < end && *p == ' ')
				p++, indent++, col++;
			if (block >= 0 && p < end && *p != '\n' &&
			    (long)indent <= block)
				block = -1;
			if (block >= 0) {
				while (p < end && *p != '\n')
					p++;
				goto next;
			}
		}
		for (; p < end && *p != '\n'; p++) {
			if (line == eline && col >= ecol)
				goto done;
			if (((unsigned char)*p & 0xC0) != 0x80)
				col++;
			if (dq) {
				if (*p == '\\' && p + 1 < end && p[1] != '\n')
					p++, col++;
				else if (*p == '"') {
					dq = 0;
					closed_at = line;
					closed_from = ol;
					closed_col = oc;
				}
				continue;
			}
			if (sq) {
				if (*p == '\'' && p + 1 < end && p[1] == '\'')
					p++, col++;
				else if (*p == '\'')
					sq = 0;
				continue;
			}
			if (*p == '#' && (p == ls || p[-1] == ' '))
				break;
			if ((*p == '"' || *p == '\'') &&
			    value_start(ls, p, flow)) {
				if (*p == '"') {
					dq = 1;
					ol = line;
					oc = col - 1;
				} else {
					sq = 1;
				}
			} else if ((*p == '[' || *p == '{') &&
			    value_start(ls, p, flow)) {
				flow++;
			} else if ((*p == ']' || *p == '}') && flow > 0) {
				flow--;
			} else if ((*p == '|' || *p == '>') &&
			    value_start(ls, p, flow)) {
				ind = p;
			} else if (*p != ' ' && ind != NULL &&
			    strchr("+-0123456789", *p) == NULL) {
				ind = NULL;
			}
		}
		while (p < end && *p != '\n')
			p++; /* after a comment */
		if (ind != NULL && !dq && !sq && flow == 0)
			block = (long)indent;
	next:
		if (p < end)
			p++;
		line++;
	}
done:
	if (dq && ol < eline) {
		*ql = ol;
		*qc = oc;
		return 1;
	}
	if (!dq && closed_at == eline && closed_from < eline) {
		*ql = closed_from;
		*qc = closed_col;
		return 1;
	}
	return 0;
}

static void
report_parse_error(struct reader *r, const yaml_parser_t *p)
{
	yaml_mark_t mark = p->problem_mark;
	const char *problem = p->problem ? p->problem : "";
	const char *msg = NULL;

	if (strstr(problem, "tab") != NULL ||
	    char_at(r, mark.line, mark.column) == '\t') {
		cb_diag_emit(r->diag, CB_RULE_SYNTAX_YAML,
		    (uint32_t)mark.line + 1, (uint32_t)mark.column + 1,
		    N_("a tab character in the indentation: YAML needs spaces "
		       "here; replace the tab with spaces"));
		return;
	}
	size_t ql, qc;

	/* A quote not closed on its line is the likelier mistake than the
	 * one libyaml finds where the quoted text runs into the next key. */
	if (strcmp(problem, "found unexpected end of stream") != 0 &&
	    open_quote(r, mark.line, mark.column, &ql, &qc)) {
		cb_diag_emit(r->diag, CB_RULE_SYNTAX_YAML, (uint32_t)ql + 1,
		    (uint32_t)qc + 1,
		    N_("a '\"' opened here is not closed on this line, so the "
		       "text runs on into line %u; close the quotes"),
		    (unsigned)mark.line + 1);
		return;
	}
	for (size_t i = 0; i < sizeof(problems) / sizeof(problems[0]); i++)
		if (strcmp(problem, problems[i].problem) == 0)
			msg = problems[i].msg;
	if (msg != NULL &&
	    strcmp(problem, "found unexpected end of stream") == 0 &&
	    p->context != NULL)
		mark = p->context_mark;
	if (msg != NULL)
		cb_diag_emit(r->diag, CB_RULE_SYNTAX_YAML,
		    (uint32_t)mark.line + 1, (uint32_t)mark.column + 1, "%s",
		    cb_diag_tr(r->diag, msg));
	else
		cb_diag_emit(r->diag, CB_RULE_SYNTAX_YAML,
		    (uint32_t)mark.line + 1, (uint32_t)mark.column + 1,
		    N_("the YAML does not parse: %s%s%s"), problem,
		    p->context ? " " : "", p->context ? p->context : "");
}

static void
refuse(struct reader *r, const yaml_mark_t *m, const char *what)
{
	cb_diag_emit(r->diag, CB_RULE_SYNTAX_ALIAS, (uint32_t)m->line + 1,
	    (uint32_t)m->column + 1,
	    N_("%s are not allowed in cb records; "
	       "write the value out in full"),
	    cb_diag_tr(r->diag, what));
	r->unusable = 1;
}

static cb_node *
new_node(struct reader *r, cb_node_type type, const yaml_mark_t *m)
{
	cb_node *n;

	if (++r->nodes > CB_MAX_NODES) {
		if (r->nodes == CB_MAX_NODES + 1)
			cb_diag_emit(r->diag, CB_RULE_SYNTAX_LIMITS,
			    (uint32_t)m->line + 1, (uint32_t)m->column + 1,
			    N_("more than %u values in one file; split it"),
			    CB_MAX_NODES);
		r->unusable = 1;
		return NULL;
	}
	n = cb_arena_alloc(r->arena, sizeof(*n));
	if (n == NULL) {
		r->oom = 1;
		return NULL;
	}
	n->type = (uint8_t)type;
	n->line = (uint32_t)m->line + 1;
	n->col = (uint32_t)m->column + 1;
	return n;
}

static int
pair_cmp(const void *a, const void *b)
{
	const cb_pair *x = a, *y = b;
	int c = strcmp(x->key->str, y->key->str);

	if (c)
		return c;
	if (x->key->line != y->key->line)
		return x->key->line < y->key->line ? -1 : 1;
	return x->key->col < y->key->col ? -1 : x->key->col > y->key->col;
}

static void
dup_key(struct reader *r, const cb_node *first, const cb_node *second)
{
	cb_diag_emit(r->diag, CB_RULE_SYNTAX_DUPLICATE_KEY, second->line,
	    second->col,
	    N_("the key '%s' appears twice in this mapping (first "
	       "on line %u); keep one"),
	    second->str, (unsigned)first->line);
}

/* Report every repeated key, at the later occurrence. */
static void
check_duplicates(
    struct reader *r, const cb_pair *pairs, size_t n, uint8_t *dups)
{
	if (n < 2)
		return;
	/* A complex key (already refused) has no text to compare. */
	for (size_t i = 0; i < n; i++)
		if (pairs[i].key->type != CB_NODE_SCALAR)
			return;
	/* Keys compare as cb_node_get() finds them: up to a NUL ("a\0b" is
	 * "a"). */
	if (n <= 32) {
		for (size_t j = 1; j < n; j++)
			for (size_t i = 0; i < j; i++)
				if (cb_key_eq(
					pairs[i].key->str, pairs[j].key->str)) {
					dup_key(r, pairs[i].key, pairs[j].key);
					*dups = 1;
					break;
				}
		return;
	}
	cb_pair *tmp = malloc(n * sizeof(*tmp));

	if (tmp == NULL) {
		r->oom = 1;
		return;
	}
	memcpy(tmp, pairs, n * sizeof(*tmp));
	qsort(tmp, n, sizeof(*tmp), pair_cmp);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (strcmp(tmp[i].key->str, tmp[first].key->str) == 0) {
			dup_key(r, tmp[first].key, tmp[i].key);
			*dups = 1;
		} else {
			first = i;
		}
	}
	free(tmp);
}

/* Hand a finished node to the collection being built around it. */
static void
attach(struct reader *r, cb_node *n)
{
	if (r->depth == 0) {
		r->root = n;
		return;
	}
	struct frame *f = &r->stack[r->depth - 1];

	if (f->node->type == CB_NODE_SEQ) {
		cb_node **slot = cb_vec_push(&r->seqs);

		if (slot == NULL)
			r->oom = 1;
		else
			*slot = n;
		return;
	}
	if (f->key == NULL) {
		if (n->type != CB_NODE_SCALAR) {
			cb_diag_emit(r->diag, CB_RULE_SCHEMA_TYPE, n->line,
			    n->col,
			    N_("a key must be plain text, not a list "
			       "or a mapping"));
			r->unusable = 1;
		} else if (n->plain && strcmp(n->str, "<<") == 0) {
			cb_diag_emit(r->diag, CB_RULE_SYNTAX_ALIAS, n->line,
			    n->col,
			    N_("merge keys ('<<') are not allowed in "
			       "cb records; write the keys out in full"));
			r->unusable = 1;
		}
		f->key = n;
		return;
	}
	cb_pair *slot = cb_vec_push(&r->pairs);

	if (slot == NULL) {
		r->oom = 1;
		return;
	}
	slot->key = f->key;
	slot->value = n;
	f->key = NULL;
}

static int
open_collection(struct reader *r, cb_node_type type, const yaml_mark_t *m)
{
	if (r->depth >= CB_MAX_DEPTH) {
		cb_diag_emit(r->diag, CB_RULE_SYNTAX_LIMITS,
		    (uint32_t)m->line + 1, (uint32_t)m->column + 1,
		    N_("nesting deeper than %d levels; no record needs that "
		       "many"),
		    CB_MAX_DEPTH);
		r->unusable = 1;
		return -1;
	}
	cb_node *n = new_node(r, type, m);

	if (n == NULL)
		return -1;
	struct frame *f = &r->stack[r->depth++];

	f->node = n;
	f->key = NULL;
	f->start = type == CB_NODE_SEQ ? r->seqs.len : r->pairs.len;
	return 0;
}

static void
close_collection(struct reader *r)
{
	struct frame *f = &r->stack[--r->depth];
	cb_node *n = f->node;
	cb_vec *v = n->type == CB_NODE_SEQ ? &r->seqs : &r->pairs;
	size_t count = v->len - f->start;

	n->n = (uint32_t)count;
	if (count) {
		void *p = cb_arena_memdup(r->arena,
		    (char *)v->ptr + f->start * v->size, count, v->size);

		if (p == NULL)
			r->oom = 1;
		else if (n->type == CB_NODE_SEQ)
			n->u.items = p;
		else
			n->u.pairs = p;
	}
	v->len = f->start;
	if (n->type == CB_NODE_MAP && n->u.pairs)
		check_duplicates(r, n->u.pairs, n->n, &n->dups);
	attach(r, n);
}

static int
on_scalar(struct reader *r, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	size_t len = ev->data.scalar.length;

	if (len > CB_MAX_SCALAR) {
		cb_diag_emit(r->diag, CB_RULE_SYNTAX_LIMITS,
		    (uint32_t)m->line + 1, (uint32_t)m->column + 1,
		    N_("a text of %zu bytes, more than the limit of %u; "
		       "shorten it"),
		    len, CB_MAX_SCALAR);
		r->unusable = 1;
		return -1;
	}
	cb_node *n = new_node(r, CB_NODE_SCALAR, m);

	if (n == NULL)
		return -1;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	n->len = (uint32_t)len;
	n->str = cb_arena_strndup(
	    r->arena, (const char *)ev->data.scalar.value, len);
	if (n->str == NULL) {
		r->oom = 1;
		return -1;
	}
	attach(r, n);
	return 0;
}

/* Handle one event; returns 1 at the end of the stream, -1 to stop. */
static int
on_event(struct reader *r, const yaml_event_t *ev, int *docs)
{
	const yaml_mark_t *m = &ev->start_mark;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1) {
			cb_diag_emit(r->diag, CB_RULE_SYNTAX_YAML,
			    (uint32_t)m->line + 1, (uint32_t)m->column + 1,
			    N_("a second YAML document ('---') in one file; "
			       "keep one record per file"));
			r->unusable = 1;
			return -1;
		}
		if (ev->data.document_start.tag_directives.start !=
		    ev->data.document_start.tag_directives.end) {
			refuse(r, m, N_("tags"));
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		refuse(r, m, N_("aliases (*name)"));
		return -1;
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor) {
			refuse(r, m, N_("anchors (&name)"));
			return -1;
		}
		if (ev->data.scalar.tag) {
			refuse(r, m, N_("tags"));
			return -1;
		}
		return on_scalar(r, ev);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		int seq = ev->type == YAML_SEQUENCE_START_EVENT;
		yaml_char_t *anchor = seq ? ev->data.sequence_start.anchor
					  : ev->data.mapping_start.anchor;
		yaml_char_t *tag = seq ? ev->data.sequence_start.tag
				       : ev->data.mapping_start.tag;

		if (anchor) {
			refuse(r, m, N_("anchors (&name)"));
			return -1;
		}
		if (tag) {
			refuse(r, m, N_("tags"));
			return -1;
		}
		return open_collection(r, seq ? CB_NODE_SEQ : CB_NODE_MAP, m);
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		close_collection(r);
		return 0;
	case YAML_STREAM_END_EVENT:
		return 1;
	default:
		return 0;
	}
}

int
cb_yaml_read(
    cb_arena *a, cb_diag *d, const char *buf, size_t len, cb_node **root)
{
	struct reader r;
	yaml_parser_t p;
	int docs = 0, rc = 0;

	*root = NULL;
	memset(&r, 0, sizeof(r));
	r.seqs = (cb_vec)CB_VEC_INIT(sizeof(cb_node *));
	r.pairs = (cb_vec)CB_VEC_INIT(sizeof(cb_pair));
	r.arena = a;
	r.diag = d;
	r.src = buf;
	r.srclen = len;
	if (len > CB_MAX_FILE) {
		cb_diag_emit_at(d, CB_RULE_SYNTAX_LIMITS, 1, 1,
		    N_("the file has %zu bytes, more than the limit of 8 MiB; "
		       "split it"),
		    len);
		return 0;
	}
	if (!yaml_parser_initialize(&p))
		return CB_ENOMEM;
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	for (;;) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&p, &ev)) {
			if (p.error == YAML_MEMORY_ERROR)
				r.oom = 1;
			else if (p.error == YAML_READER_ERROR &&
			    cb_encoding_check(d, buf, len))
				; /* named with its line and the encoding */
			else
				report_parse_error(&r, &p);
			r.unusable = 1;
			break;
		}
		int st = on_event(&r, &ev, &docs);

		yaml_event_delete(&ev);
		if (st != 0 || r.oom)
			break;
	}
	yaml_parser_delete(&p);
	cb_vec_free(&r.seqs);
	cb_vec_free(&r.pairs);
	if (r.oom)
		rc = CB_ENOMEM;
	else if (!r.unusable && (r.root == NULL || cb_node_is_null(r.root)))
		cb_diag_emit_at(d, CB_RULE_SCHEMA_TYPE, 1, 1,
		    N_("the file is empty; it should hold a record"));
	else if (!r.unusable)
		*root = r.root;
	return rc;
}

cb_node *
cb_node_get(const cb_node *map, const char *key)
{
	if (map == NULL || map->type != CB_NODE_MAP || map->n == 0)
		return NULL;
	/* The hint is not part of the tree's value, only where a search
	 * starts, so it may move under a const pointer. */
	cb_node *m = (cb_node *)map;
	/* With a repeated key (reported), the first one is the value. */
	uint32_t i = !m->dups && m->hint < m->n ? m->hint : 0;

	for (uint32_t k = 0; k < m->n; k++) {
		if (cb_key_eq(m->u.pairs[i].key->str, key)) {
			m->hint = i;
			return m->u.pairs[i].value;
		}
		if (++i == m->n)
			i = 0;
	}
	return NULL;
}

int
cb_node_is_null(const cb_node *n)
{
	return n->type == CB_NODE_SCALAR && n->plain &&
	    (n->len == 0 || (n->len == 1 && n->str[0] == '~') ||
		(n->len == 4 &&
		    (strcmp(n->str, "null") == 0 ||
			strcmp(n->str, "Null") == 0 ||
			strcmp(n->str, "NULL") == 0)));
}
