/*
 * arena.h - one arena per loaded file: every node and string of a record
 * lives in it and is freed at once (git's mem-pool, libgit2's pool).
 */
#ifndef CB_ARENA_H
#define CB_ARENA_H

#include <stddef.h>

struct cb_arena_chunk;

typedef struct cb_arena {
	struct cb_arena_chunk *head;
	size_t total; /* bytes handed out, for the limits */
} cb_arena;

#define CB_ARENA_INIT                                                          \
	{                                                                      \
		NULL, 0                                                        \
	}

/* Zeroed, 16-byte aligned memory, or NULL when out of memory. */
void *cb_arena_alloc(cb_arena *a, size_t size);
/* A NUL-terminated copy of `len` bytes of `s`, or NULL. */
char *cb_arena_strndup(cb_arena *a, const char *s, size_t len);
/* A copy of `n` elements of `size` bytes, or NULL (also for n == 0). */
void *cb_arena_memdup(cb_arena *a, const void *p, size_t n, size_t size);
/* Free every chunk; the arena is empty and reusable afterwards. */
void cb_arena_clear(cb_arena *a);

#endif
