#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "text.h"
#include "banned.h"

void
cb_diag_init(cb_diag *d, const cb_reporter *rep, const char *path,
    const char *src, size_t srclen)
{
	memset(d, 0, sizeof(*d));
	d->rep = rep;
	d->path = path;
	d->src = src;
	d->srclen = srclen;
}

void
cb_diag_fini(cb_diag *d)
{
	d->cur_line = 0;
	d->cur_off = 0;
}

const char *
cb_diag_tr(const cb_diag *d, const char *msgid)
{
	return cb_tr(d->rep, msgid);
}

const char *
cb_tr(const cb_reporter *rep, const char *msgid)
{
	if (rep && rep->translate)
		return rep->translate(msgid, rep->translate_payload);
	return msgid;
}

void
cb_errf(const cb_reporter *rep, char *err, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (size == 0)
		return;
	va_start(ap, fmt);
	/* The translation of a literal msgid; msgfmt --check keeps its
	 * directives those of the msgid. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(err, size, cb_tr(rep, fmt), ap);
#pragma GCC diagnostic pop
	va_end(ap);
}

/*
 * The byte offset where `line` starts. Positions are mostly asked for in
 * increasing order, so a cursor moves forward from the last answer (back
 * when asked for a line a little earlier, or to the start for one near
 * it): reading a file costs about one pass, with no index kept.
 */
static size_t
line_start(cb_diag *d, uint32_t line)
{
	if (d->cur_line == 0 || line <= d->cur_line / 2) {
		d->cur_line = 1;
		d->cur_off = 0;
	}
	while (d->cur_line > line) { /* back, to the start of the line before */
		size_t o = d->cur_off - 1;

		while (o > 0 && d->src[o - 1] != '\n')
			o--;
		d->cur_off = o;
		d->cur_line--;
	}
	while (d->cur_line < line) {
		const char *nl =
		    memchr(d->src + d->cur_off, '\n', d->srclen - d->cur_off);

		if (nl == NULL)
			return d->srclen;
		d->cur_off = (size_t)(nl - d->src) + 1;
		d->cur_line++;
	}
	return d->cur_off;
}

uint32_t
cb_diag_column(cb_diag *d, uint32_t line, uint32_t rawcol)
{
	if (rawcol <= 1 || d->src == NULL || line == 0)
		return rawcol ? rawcol : 1;

	/* Walk rawcol - 1 code points from the line start. The usual line
	 * starts with ASCII (indentation, '- ', a key), where code points
	 * are bytes: then the column stands as it is. */
	const char *s = d->src + line_start(d, line);
	const char *end = d->src + d->srclen;
	const char *p = s;

	if ((size_t)(end - s) >= rawcol - 1 && cb_is_ascii(s, rawcol - 1))
		return rawcol;
	for (uint32_t k = 1; k < rawcol && p < end; k++) {
		p++;
		while (p < end && ((unsigned char)*p & 0xC0) == 0x80)
			p++;
	}
	if (cb_is_ascii(s, (size_t)(p - s)))
		return rawcol;

	cb_arena a = CB_ARENA_INIT;
	char *nfc = cb_nfc(&a, s, (size_t)(p - s));
	uint32_t col =
	    nfc ? (uint32_t)cb_utf8_count(nfc, strlen(nfc)) + 1 : rawcol;

	cb_arena_clear(&a);
	return col;
}

static void
vemit(cb_diag *d, cb_rule rule, uint32_t line, uint32_t col, const char *fmt,
    va_list ap)
{
	cb_buf msg = CB_BUF_INIT(16 * 1024);
	cb_finding f;

	if (d->stop)
		return;
		/* The translation of a literal msgid; msgfmt --check keeps its
	 * directives those of the msgid. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	int rc = cb_buf_vprintf(&msg, cb_diag_tr(d, fmt), ap);
#pragma GCC diagnostic pop

	if (rc != 0) {
		cb_buf_free(&msg);
		if (cb_buf_puts(&msg, fmt) != 0) {
			d->oom = 1;
			return;
		}
	}
	f.path = d->path;
	f.line = line ? line : 1;
	f.column = col ? col : 1;
	f.rule = rule;
	f.severity = cb_rule_severity(rule);
	f.message = msg.ptr;
	f.date = d->date;
	if (f.severity == CB_SEV_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (d->rep && d->rep->fn && d->rep->fn(&f, d->rep->payload) != 0)
		d->stop = 1;
	cb_buf_free(&msg);
}

void
cb_diag_emit(cb_diag *d, cb_rule rule, uint32_t line, uint32_t rawcol,
    const char *fmt, ...)
{
	va_list ap;
	uint32_t col = cb_diag_column(d, line, rawcol);

	va_start(ap, fmt);
	vemit(d, rule, line, col, fmt, ap);
	va_end(ap);
}

void
cb_diag_emit_at(
    cb_diag *d, cb_rule rule, uint32_t line, uint32_t col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(d, rule, line, col, fmt, ap);
	va_end(ap);
}

void
cb_diag_vemit_at(cb_diag *d, cb_rule rule, uint32_t line, uint32_t col,
    const char *fmt, va_list ap)
{
	vemit(d, rule, line, col, fmt, ap);
}
