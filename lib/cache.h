/*
 * cache.h - the incremental check: per cell, what each meeting file gave
 * (its summary and its own findings), kept on disk and reused while the
 * file, the roster, the plan, the rules chosen and the language are the
 * same. Rules that compare files always run again, on the summaries.
 */
#ifndef CB_CACHE_H
#define CB_CACHE_H

#include <stdint.h>
#include <sys/types.h>

#include "buf.h"
#include "summary.h"

/* A meeting file's identity on disk, without reading it. */
struct cb_stamp {
	uint64_t size, ino;
	int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
};

/* One cached finding of a file (its path is the file's). */
struct cb_cfinding {
	uint32_t rule, line, column;
	cb_date date;
	const char *message;
};

struct cb_centry {
	const char *name; /* relative to the cell */
	struct cb_stamp stamp;
	struct cb_msum sum;
	struct cb_cfinding *f;
	uint32_t nf;
	int kept; /* still valid this run: written back as it is */
};

struct cb_cache {
	char *file;	     /* the cache file of this cell */
	uint64_t key;	     /* roster, plan, rules, language, cb version */
	struct cb_centry *e; /* read from disk, sorted by name */
	size_t n;
	cb_buf out; /* what this run writes back */
	uint32_t nout;
	int changed; /* something was not taken from the cache */
	cb_arena arena;
};

int cb_stamp_of(const char *path, struct cb_stamp *st);
/*
 * Whether a file stamped `st` may still change within its stamp's time: a
 * second write in the same clock tick would keep the stamp. True when it
 * was modified or changed less than 100 ms before `t0`, the time before
 * it was stamped and read (the kernel's timestamps move in ticks of a few
 * ms), or 2 seconds on a file system that keeps whole seconds, or after. Such a file is not cached; the next run
 * reads it again (git calls these "racily clean").
 */
int cb_stamp_racy(const struct cb_stamp *st, int64_t t0);
/* The time now in ms (t0 above: taken before the first stamp). */
int64_t cb_now_ms(void);
/*
 * The stamp of `name` in the directory open as `dfd` (links followed), and
 * what it is: CB_KIND_FILE, _DIR or _OTHER, or CB_KIND_NONE when missing
 * (then `st` is not set). One stat for both, with no path to walk.
 */
int cb_stamp_at(int dfd, const char *name, struct cb_stamp *st);

/* Open the cache of a cell: read it if its key matches. */
int cb_cache_open(
    struct cb_cache *k, const char *dir, const char *cell_real, uint64_t key);
/* The entry of `name` if its stamp is `st`, or NULL. */
const struct cb_centry *cb_cache_find(
    const struct cb_cache *k, const char *name, const struct cb_stamp *st);
/* Keep a cached entry found valid (cb_cache_find) for the next run. */
void cb_cache_keep(struct cb_cache *k, const struct cb_centry *e);
/* Add what a file gave to what is written back. */
int
cb_cache_add(struct cb_cache *k, const char *name, const struct cb_stamp *st,
    const struct cb_msum *sum, const struct cb_cfinding *f, uint32_t nf);
/* Write the cache back (atomically) if anything changed; free it. */
int cb_cache_close(struct cb_cache *k);

uint64_t cb_hash(uint64_t h, const void *p, size_t len);

/*
 * A cell's seal: every file and folder the cell's check read (relative to
 * the cell, "." for the cell's own folder), with their stamps, and every
 * finding the cell gave. While every stamp is the same, the cell's check
 * is the findings again: nothing is read, nothing is parsed. A folder's
 * stamp changes when a name is added to it, removed or renamed.
 */
struct cb_seal_file {
	const char *rel;
	struct cb_stamp stamp;
};

struct cb_seal_finding {
	const char *rel; /* the file, relative to the cell */
	uint32_t rule, line, column;
	cb_date date;
	const char *message;
};

struct cb_seal {
	struct cb_seal_file *f;
	uint32_t nf;
	struct cb_seal_finding *x;
	uint32_t nx;
	uint32_t files; /* the record files the check counted */
	cb_arena arena;
};

/* Read the seal of a cell if its key is `key`: 0, or -1 when there is
 * none that fits. Free it with cb_seal_free() either way. */
int cb_seal_read(
    struct cb_seal *s, const char *dir, const char *cell_real, uint64_t key);
/* Whether every stamp of `s` is still that of its file in the cell's
 * folder, open as `cfd`. */
int cb_seal_valid(const struct cb_seal *s, int cfd);
/* Write a seal (atomically): 0 or CB_EIO. */
int cb_seal_write(const char *dir, const char *cell_real, uint64_t key,
    const struct cb_seal *s);
void cb_seal_free(struct cb_seal *s);

#endif
