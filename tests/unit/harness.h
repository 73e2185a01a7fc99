/*
 * harness.h - helpers shared by the unit tests: a reporter that records
 * findings so a test can assert rule, line and column.
 */
#ifndef CB_TEST_HARNESS_H
#define CB_TEST_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cb.h>

#define MAX_SEEN 64

struct seen {
	size_t n;
	struct {
		cb_rule rule;
		unsigned line, column;
		char message[512];
	} f[MAX_SEEN];
};

static inline int
record(const cb_finding *f, void *payload)
{
	struct seen *s = payload;

	if (s->n < MAX_SEEN) {
		s->f[s->n].rule = f->rule;
		s->f[s->n].line = f->line;
		s->f[s->n].column = f->column;
		snprintf(s->f[s->n].message, sizeof(s->f[s->n].message), "%s",
		    f->message);
	}
	s->n++;
	return 0;
}

/* Whether `s` holds a finding of `rule` at `line` (0: any line). */
static inline int
has(const struct seen *s, cb_rule rule, unsigned line)
{
	for (size_t i = 0; i < s->n && i < MAX_SEEN; i++)
		if (s->f[i].rule == rule && (line == 0 || s->f[i].line == line))
			return 1;
	return 0;
}

static inline void
dump(const struct seen *s)
{
	for (size_t i = 0; i < s->n && i < MAX_SEEN; i++)
		fprintf(stderr, "  %u:%u %s %s\n", s->f[i].line, s->f[i].column,
		    cb_rule_id(s->f[i].rule), s->f[i].message);
}

#endif
