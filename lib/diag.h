/*
 * diag.h - building findings for one file: translation, formatting, the
 * column in code points of the NFC line, and counting.
 */
#ifndef CB_DIAG_H
#define CB_DIAG_H

#include <stdarg.h>

#include "cb/finding.h"

#define N_(s) (s)

typedef struct cb_diag {
	const cb_reporter *rep;
	const char *path; /* display path */
	const char *src;  /* the file's text (for columns), or NULL */
	size_t srclen;
	uint32_t cur_line; /* line_start()'s cursor */
	size_t cur_off;
	unsigned errors, warnings;
	int stop;     /* the callback asked to stop */
	int oom;      /* a message could not be built */
	cb_date date; /* given to every finding (see cb_finding) */
} cb_diag;

void cb_diag_init(cb_diag *d, const cb_reporter *rep, const char *path,
    const char *src, size_t srclen);
void cb_diag_fini(cb_diag *d);

/* The translation of `msgid`. */
const char *cb_diag_tr(const cb_diag *d, const char *msgid);

/* `msgid` in the language of `rep` (NULL, or no translate: as it is). */
const char *cb_tr(const cb_reporter *rep, const char *msgid);

/* Write a message into `err` (of `size` bytes): `fmt`, a msgid marked
 * N_(), translated by `rep`, then formatted. */
void cb_errf(const cb_reporter *rep, char *err, size_t size, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

/*
 * Turn libyaml's column (1-based, code points of the raw line) into the
 * column of the spec (code points of the NFC-normalised line).
 */
uint32_t cb_diag_column(cb_diag *d, uint32_t line, uint32_t rawcol);

/*
 * Report `rule` at `line`:`rawcol` (raw column, see above; 0 for a line
 * without a column gives 1). `fmt` is an English msgid, translated here,
 * then formatted with the arguments.
 */
void cb_diag_emit(cb_diag *d, cb_rule rule, uint32_t line, uint32_t rawcol,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The same with a column that is already final. */
void cb_diag_emit_at(cb_diag *d, cb_rule rule, uint32_t line, uint32_t col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The same with a va_list. */
void cb_diag_vemit_at(cb_diag *d, cb_rule rule, uint32_t line, uint32_t col,
    const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

#endif
