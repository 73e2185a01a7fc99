/* The reader: events to nodes, positions, and everything it refuses. */
#include "harness.h"
#include "node.h"

static struct seen seen;
static cb_reporter rep = { record, &seen, NULL, NULL };

/* Read `text`; returns the root (or NULL) and leaves findings in `seen`. */
static cb_node *
read_text(cb_arena *a, cb_diag *d, const char *text, size_t len)
{
	cb_node *root = NULL;

	memset(&seen, 0, sizeof(seen));
	cb_diag_init(d, &rep, "t.yaml", text, len);
	if (cb_encoding_check(d, text, len) == 0)
		assert_int_equal(cb_yaml_read(a, d, text, len, &root), 0);
	return root;
}

#define READ(text) read_text(&a, &d, (text), strlen(text))

static void
tree_and_positions(void **state)
{
	cb_arena a = CB_ARENA_INIT;
	cb_diag d;
	cb_node *root = READ("kind: regular\n"
			     "present: [DV001, \"DV002\"]\n"
			     "start: 19:30\n"
			     "no: no\n"
			     "name: Nguyễn Văn An\n");

	(void)state;
	assert_non_null(root);
	assert_int_equal(seen.n, 0);
	assert_int_equal(root->type, CB_NODE_MAP);
	assert_int_equal(root->n, 5);
	cb_node *p = cb_node_get(root, "present");

	assert_int_equal(p->type, CB_NODE_SEQ);
	assert_int_equal(p->n, 2);
	assert_int_equal(p->u.items[1]->line, 2);
	assert_int_equal(p->u.items[1]->col, 18);
	assert_false(p->u.items[1]->plain);
	/* Scalars are untyped: 19:30 and no stay text. */
	assert_string_equal(cb_node_get(root, "start")->str, "19:30");
	assert_string_equal(cb_node_get(root, "no")->str, "no");
	cb_diag_fini(&d);
	cb_arena_clear(&a);
}

static void
refused_features(void **state)
{
	static const struct {
		const char *text;
		cb_rule rule;
		unsigned line;
	} cases[] = {
		{ "a: &x 1\nb: *x\n", CB_RULE_SYNTAX_ALIAS, 1 },
		{ "a: !!str 1\n", CB_RULE_SYNTAX_ALIAS, 1 },
		{ "a: {x: 1}\nb:\n  <<: {y: 2}\n", CB_RULE_SYNTAX_ALIAS, 3 },
		{ "a: 1\n---\nb: 2\n", CB_RULE_SYNTAX_YAML, 2 },
		{ "a: 1\nb: 2\na: 3\n", CB_RULE_SYNTAX_DUPLICATE_KEY, 3 },
		{ "a:\n\t- b\n", CB_RULE_SYNTAX_YAML, 2 },
		{ "a: [1, 2\nb: 3\n", CB_RULE_SYNTAX_YAML, 0 },
		{ "a: \"x\n", CB_RULE_SYNTAX_YAML, 1 },
		{ "", CB_RULE_SCHEMA_TYPE, 1 },
		{ "# only a comment\n", CB_RULE_SCHEMA_TYPE, 1 },
		{ "? [a, b]\n: c\n", CB_RULE_SCHEMA_TYPE, 1 },
		{ "a: b\x01\n", CB_RULE_SYNTAX_ENCODING, 1 },
		{ "a: 1\nb: \xff\xfe\n", CB_RULE_SYNTAX_ENCODING, 2 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cb_arena a = CB_ARENA_INIT;
		cb_diag d;
		cb_node *root = READ(cases[i].text);

		if (!has(&seen, cases[i].rule, cases[i].line)) {
			fprintf(stderr, "case %zu: %s\n", i, cases[i].text);
			dump(&seen);
			fail();
		}
		if (cases[i].rule != CB_RULE_SYNTAX_DUPLICATE_KEY)
			assert_null(root);
		cb_diag_fini(&d);
		cb_arena_clear(&a);
	}
}

static void
many_duplicates(void **state)
{
	cb_arena a = CB_ARENA_INIT;
	cb_diag d;
	char *text = malloc(40 * 10 + 1);
	size_t len = 0;

	(void)state;
	for (int i = 0; i < 40; i++)
		len += (size_t)snprintf(text + len, 11, "k%02d: 1\n", i % 20);
	READ(text);
	/* 20 keys repeated once each: 20 findings, on lines 21..40. */
	assert_int_equal(seen.n, 20);
	for (size_t i = 0; i < seen.n; i++)
		assert_true(seen.f[i].line > 20);
	free(text);
	cb_diag_fini(&d);
	cb_arena_clear(&a);
}

static void
limits(void **state)
{
	cb_arena a = CB_ARENA_INIT;
	cb_diag d;
	size_t n = 200000;
	char *deep = malloc(n + 1);

	(void)state;
	memset(deep, '[', n);
	deep[n] = '\0';
	assert_null(READ(deep));
	assert_true(has(&seen, CB_RULE_SYNTAX_LIMITS, 1));
	cb_diag_fini(&d);
	cb_arena_clear(&a);

	/* A scalar of 64 KiB + 1. */
	size_t big = 64 * 1024 + 1;
	char *s = malloc(big + 4);

	memcpy(s, "a: ", 3);
	memset(s + 3, 'x', big);
	s[big + 3] = '\0';
	assert_null(READ(s));
	assert_true(has(&seen, CB_RULE_SYNTAX_LIMITS, 1));
	cb_diag_fini(&d);
	cb_arena_clear(&a);
	free(s);
	free(deep);
}

static void
nfc_columns(void **state)
{
	cb_arena a = CB_ARENA_INIT;
	cb_diag d;
	/* The value sits after an NFD name: its column counts NFC. */
	const char *text = "- [Nguye\xcc\x82\xcc\x83n, 1, *x]\n";

	(void)state;
	READ(text);
	assert_true(has(&seen, CB_RULE_SYNTAX_ALIAS, 1));
	/* "- [Nguyễn, 1, " is 14 code points in NFC: the alias is at 15. */
	assert_int_equal(seen.f[0].column, 15);
	cb_diag_fini(&d);
	cb_arena_clear(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tree_and_positions),
		cmocka_unit_test(refused_features),
		cmocka_unit_test(many_duplicates),
		cmocka_unit_test(limits),
		cmocka_unit_test(nfc_columns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
