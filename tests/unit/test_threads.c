/*
 * libcb has no global mutable state: checkers on several threads at once
 * produce, each, exactly what one checker alone produces.
 */
#include <pthread.h>

#include "harness.h"
#include "buf.h"

#define THREADS 4

struct job {
	const char *path;
	cb_buf out;
	int rc;
};

static int
collect(const cb_finding *f, void *payload)
{
	cb_buf *b = payload;

	return cb_buf_printf(b, "%s:%u:%u: %s [%s]\n", f->path,
		   (unsigned)f->line, (unsigned)f->column, f->message,
		   cb_rule_id(f->rule)) != 0;
}

static void *
run(void *arg)
{
	struct job *j = arg;
	cb_checker *c;
	cb_reporter rep = { collect, &j->out, NULL, NULL };
	cb_date as_of = { 2026, 1, 2 };

	j->rc = cb_checker_new(&c);
	if (j->rc)
		return NULL;
	cb_checker_set_reporter(c, &rep);
	cb_checker_set_as_of(c, as_of);
	j->rc = cb_checker_run(c, j->path, NULL);
	cb_checker_free(c);
	return NULL;
}

static void
same_output(void **state)
{
	const char *tree = getenv("CB_TEST_TREE");
	struct job alone = { tree, CB_BUF_INIT(64 << 20), 0 };
	struct job jobs[THREADS];
	pthread_t t[THREADS];

	(void)state;
	if (tree == NULL)
		skip();
	run(&alone);
	assert_int_equal(alone.rc, 0);
	assert_true(alone.out.len > 0);
	for (int i = 0; i < THREADS; i++) {
		jobs[i] = (struct job){ tree, CB_BUF_INIT(64 << 20), 0 };
		assert_int_equal(pthread_create(&t[i], NULL, run, &jobs[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(jobs[i].rc, 0);
		assert_int_equal(jobs[i].out.len, alone.out.len);
		assert_memory_equal(
		    jobs[i].out.ptr, alone.out.ptr, alone.out.len);
		cb_buf_free(&jobs[i].out);
	}
	cb_buf_free(&alone.out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_output),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
