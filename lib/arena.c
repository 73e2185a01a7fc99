#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

struct cb_arena_chunk {
	struct cb_arena_chunk *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

enum { CHUNK_SIZE = 16 * 1024 };

/*
 * `size` bytes aligned to `align` (a power of two, at most 16), not zeroed.
 * Strings ask for 1, so short texts do not each take 16 bytes.
 */
static void *
arena_take(cb_arena *a, size_t size, size_t align)
{
	struct cb_arena_chunk *c = a->head;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;

	if (size > SIZE_MAX - 16)
		return NULL;
	if (c == NULL || at > c->size || c->size - at < size) {
		size_t csize = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;

		if (csize > SIZE_MAX - sizeof(*c))
			return NULL;
		c = malloc(sizeof(*c) + csize);
		if (c == NULL)
			return NULL;
		c->size = csize;
		c->used = 0;
		/* A big block goes behind the head so the head keeps its room. */
		if (size > CHUNK_SIZE / 4 && a->head != NULL) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
		at = 0;
	}
	void *p = c->data + at;

	a->total += size + (at - c->used);
	c->used = at + size;
	return p;
}

void *
cb_arena_alloc(cb_arena *a, size_t size)
{
	void *p = arena_take(a, size, 16);

	if (p != NULL)
		memset(p, 0, size);
	return p;
}

char *
cb_arena_strndup(cb_arena *a, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = arena_take(a, len + 1, 1);

	if (p == NULL)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void *
cb_arena_memdup(cb_arena *a, const void *p, size_t n, size_t size)
{
	if (n == 0 || n > SIZE_MAX / size)
		return NULL;
	void *q = arena_take(a, n * size, 16);

	if (q != NULL)
		memcpy(q, p, n * size);
	return q;
}

void
cb_arena_clear(cb_arena *a)
{
	struct cb_arena_chunk *c = a->head;

	while (c != NULL) {
		struct cb_arena_chunk *next = c->next;

		free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}
