/*
 * node.h - the small YAML node tree that libcb reads a record into. Every
 * node keeps its position; scalars keep their text untyped (a scalar's
 * meaning comes from the field it fills, never from YAML 1.1 typing).
 */
#ifndef CB_NODE_H
#define CB_NODE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

typedef enum cb_node_type {
	CB_NODE_SCALAR,
	CB_NODE_MAP,
	CB_NODE_SEQ
} cb_node_type;

typedef struct cb_node cb_node;

typedef struct cb_pair {
	cb_node *key; /* always a scalar */
	cb_node *value;
} cb_pair;

struct cb_node {
	uint8_t type;
	uint8_t plain; /* a plain (unquoted) scalar */
	uint8_t dups;  /* a mapping with a repeated key (reported) */
	uint32_t line; /* 1-based */
	uint32_t col;  /* 1-based, raw libyaml column (code points) */
	uint32_t n;    /* items or pairs */
	uint32_t len;  /* scalar length in bytes (<= CB_MAX_SCALAR) */
	/*
	 * Mapping: where cb_node_get() starts looking, the pair it found
	 * last. Readers ask for keys in the order records are written (and
	 * often twice in a row), so most lookups compare one or two keys.
	 */
	uint32_t hint;
	const char *str; /* scalar text, NUL-terminated */
	union {
		cb_node **items;
		cb_pair *pairs;
	} u;
};

/* Limits of spec/rules.md (syntax/limits). */
#define CB_MAX_DEPTH 64
#define CB_MAX_FILE (8u * 1024 * 1024)
#define CB_MAX_SCALAR (64u * 1024)

/*
 * Check that `len` bytes of `buf` are UTF-8 text a YAML reader may take:
 * no invalid sequence, NUL or control character. Reports syntax/encoding
 * (naming UTF-16 or the legacy Vietnamese encoding it looks like) and
 * returns 1 if not, 0 if the text is fine.
 */
int cb_encoding_check(cb_diag *d, const char *buf, size_t len);

/*
 * Read one YAML document of `len` bytes at `buf` (valid UTF-8, no BOM) with
 * libyaml's event API into nodes allocated in `a`. Reports the syntax/ rules (and
 * schema/type for an empty file) through `d`. Sets `*root` to the document's
 * root, or to NULL when the file cannot be used (after reporting why).
 * Returns 0, or CB_ENOMEM.
 */
int cb_yaml_read(
    cb_arena *a, cb_diag *d, const char *buf, size_t len, cb_node **root);

/*
 * The value of `key` in mapping `map`, or NULL. Moves the map's hint: a
 * tree is read by one thread at a time.
 */
cb_node *cb_node_get(const cb_node *map, const char *key);

/*
 * Whether two keys are equal. Keys are a few ASCII letters: an inline loop
 * beats a call to strcmp(), which is tuned for long strings.
 */
static inline int
cb_key_eq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Whether a scalar is YAML's null: empty plain, `~` or `null`. */
int cb_node_is_null(const cb_node *n);

#endif
