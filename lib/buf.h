/*
 * buf.h - a growable byte buffer with a hard maximum (git's strbuf, curl's
 * dynbuf): appending past `max` fails with CB_EINVAL instead of growing.
 */
#ifndef CB_BUF_H
#define CB_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cb_buf {
	char *ptr; /* always NUL-terminated once anything was added */
	size_t len, cap, max;
} cb_buf;

#define CB_BUF_INIT(max)                                                       \
	{                                                                      \
		NULL, 0, 0, (max)                                              \
	}

int cb_buf_grow(cb_buf *b, size_t extra);
int cb_buf_put(cb_buf *b, const void *p, size_t len);
int cb_buf_puts(cb_buf *b, const char *s);
int cb_buf_putc(cb_buf *b, char c);
int cb_buf_printf(cb_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int cb_buf_vprintf(cb_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void cb_buf_clear(cb_buf *b); /* length 0, memory kept */
void cb_buf_free(cb_buf *b);  /* memory released */
/* Hand the contents to the caller (who frees them); the buffer is reset. */
char *cb_buf_detach(cb_buf *b);

/*
 * A growable array of fixed-size elements on the heap, used while a list's
 * length is not known yet (e.g. the items of a YAML sequence).
 */
typedef struct cb_vec {
	void *ptr;
	size_t len, cap, size;
} cb_vec;

#define CB_VEC_INIT(elsize)                                                    \
	{                                                                      \
		NULL, 0, 0, (elsize)                                           \
	}

/* Room for one more element; returns a zeroed slot or NULL. */
void *cb_vec_push(cb_vec *v);
void cb_vec_free(cb_vec *v);

#endif
