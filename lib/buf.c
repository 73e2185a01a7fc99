#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cb/common.h"
#include "banned.h"

int
cb_buf_grow(cb_buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1 || b->len + extra + 1 > b->max)
		return CB_EINVAL;
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;

	while (cap < b->len + extra + 1)
		cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
	if (cap > b->max)
		cap = b->max;
	char *p = realloc(b->ptr, cap);

	if (p == NULL)
		return CB_ENOMEM;
	b->ptr = p;
	b->cap = cap;
	return 0;
}

int
cb_buf_put(cb_buf *b, const void *p, size_t len)
{
	int rc = cb_buf_grow(b, len);

	if (rc)
		return rc;
	if (len)
		memcpy(b->ptr + b->len, p, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int
cb_buf_puts(cb_buf *b, const char *s)
{
	return cb_buf_put(b, s, strlen(s));
}

int
cb_buf_putc(cb_buf *b, char c)
{
	return cb_buf_put(b, &c, 1);
}

int
cb_buf_vprintf(cb_buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n, rc;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return CB_EINVAL;
	if ((rc = cb_buf_grow(b, (size_t)n)) != 0)
		return rc;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
cb_buf_printf(cb_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = cb_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void
cb_buf_clear(cb_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void
cb_buf_free(cb_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

char *
cb_buf_detach(cb_buf *b)
{
	char *p = b->ptr;

	if (p == NULL)
		p = calloc(1, 1);
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void *
cb_vec_push(cb_vec *v)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;

		if (cap > SIZE_MAX / v->size)
			return NULL;
		void *p = realloc(v->ptr, cap * v->size);

		if (p == NULL)
			return NULL;
		v->ptr = p;
		v->cap = cap;
	}
	void *slot = (char *)v->ptr + v->len * v->size;

	memset(slot, 0, v->size);
	v->len++;
	return slot;
}

void
cb_vec_free(cb_vec *v)
{
	free(v->ptr);
	v->ptr = NULL;
	v->len = v->cap = 0;
}
