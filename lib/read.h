/*
 * read.h - typed access to the node tree of one record file: each getter
 * checks the shape and the value the field needs and reports schema/... (or
 * ref/... for member references) at the node, so the record readers stay a
 * list of fields.
 */
#ifndef CB_READ_H
#define CB_READ_H

#include "cb/records.h"
#include "node.h"

typedef struct rd {
	cb_arena *a;
	cb_diag *d;
	const cb_cell *cell; /* roster for member references, or NULL */
	cb_date date;	     /* meeting date for ref/not-member, or unset */
	int oom;
} rd;

/* Owner of a record's memory: every record struct points to one. */
/* cell.yaml: a member's id and place on the roster, sorted by id. */
struct cb_id_index {
	const char *id; /* first: cb_lower_bound */
	uint32_t i;
};

struct cb_record_owner {
	cb_arena arena;
	struct cb_id_index *by_id; /* cell.yaml: for cb_cell_find_member */
	size_t n_by_id;
};

/* Allocate an owner and a zeroed record of `size` bytes inside it. */
void *rd_record_new(struct cb_record_owner **owner, size_t size);
void rd_record_free(struct cb_record_owner *owner);

cb_pos rd_pos(rd *r, const cb_node *n);

/* "a mapping", "a list" or "a text", translated. */
const char *rd_shape(rd *r, const cb_node *n);

/*
 * Whether `n` is a mapping; if it is, report its unknown keys (suggesting
 * the nearest of `keys`) and the missing ones. `keys` is NULL-terminated;
 * a name that starts with '*' is required. If `n` is not a mapping, report
 * schema/type naming `what` and return 0.
 */
int rd_map(rd *r, const cb_node *n, const char *what, const char *const *keys);

/* The node under `key`, or NULL when absent or null. */
const cb_node *rd_get(const cb_node *map, const char *key);

/* A text field (any scalar); NULL when absent. `nfc` normalises it. */
const char *rd_str(rd *r, const cb_node *map, const char *key, int nfc);
/* The text of a scalar node (reporting schema/type otherwise). */
const char *rd_scalar(rd *r, const cb_node *n, const char *what, int nfc);

int rd_date_node(rd *r, const cb_node *n, cb_date *out);
int rd_date(rd *r, const cb_node *map, const char *key, cb_date *out);
int rd_time(rd *r, const cb_node *map, const char *key, int *minutes);
/* 1, 0, or -1 when absent or malformed. */
int rd_bool(rd *r, const cb_node *map, const char *key);
/* A whole number in [min, max]; returns 0 and sets *out, or -1. */
int
rd_int(rd *r, const cb_node *map, const char *key, int min, int max, int *out);
/*
 * One of `names` (index 1.. of a table whose [0] is unused); 0 when absent
 * or not one of them (reported with the nearest name).
 */
int rd_enum_node(rd *r, const cb_node *n, const char *what,
    const char *const *names, int count);
int rd_enum(rd *r, const cb_node *map, const char *key, const char *what,
    const char *const *names, int count);

/*
 * The sequence under `key`: its length, with `*items` set, or 0 (also when
 * absent; a non-list is reported as schema/type).
 */
size_t
rd_seq(rd *r, const cb_node *map, const char *key, cb_node *const **items);

/* A member reference, resolved against r->cell (see cb_mref). */
cb_mref rd_mref_node(rd *r, const cb_node *n);
cb_mref rd_mref(rd *r, const cb_node *map, const char *key);
/* A list of member references in arena memory; count in *n. */
cb_mref *rd_mref_list(rd *r, const cb_node *map, const char *key, size_t *n);

/* Allocate `n` zeroed elements of `size` in the arena (NULL for 0). */
void *rd_array(rd *r, size_t n, size_t size);

#endif

/*
 * Start reading a record file: skip a UTF-8 BOM, refuse what is not UTF-8,
 * parse the YAML. `*root` is NULL when the file is unusable (reported).
 * Returns 0 or CB_ENOMEM. `d` keeps pointing into `data`.
 */
int rd_begin(rd *r, cb_diag *d, cb_arena *a, const char *data, size_t len,
    const char *path, const cb_reporter *rep, cb_node **root);
