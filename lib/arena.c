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

void *
cb_arena_alloc(cb_arena *a, size_t size)
{
	struct cb_arena_chunk *c = a->head;
	size_t need = (size + 15) & ~(size_t)15;

	if (need < size)
		return NULL;
	if (c == NULL || c->size - c->used < need) {
		size_t csize = need > CHUNK_SIZE / 4 ? need : CHUNK_SIZE;

		if (csize > SIZE_MAX - sizeof(*c))
			return NULL;
		c = malloc(sizeof(*c) + csize);
		if (c == NULL)
			return NULL;
		c->size = csize;
		c->used = 0;
		/* A big block goes behind the head so the head keeps its room. */
		if (need > CHUNK_SIZE / 4 && a->head != NULL) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = c->data + c->used;
	c->used += need;
	a->total += need;
	memset(p, 0, size);
	return p;
}

char *
cb_arena_strndup(cb_arena *a, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = cb_arena_alloc(a, len + 1);

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
	void *q = cb_arena_alloc(a, n * size);

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
