/*
 * cache.c - the on-disk cache of cb check --cache. One file a cell, named
 * by a hash of the cell's real path, holding a key (what every entry
 * depends on) and, for each meeting file, its stamp (size, inode, mtime,
 * ctime: no need to read the file to know it is unchanged), its summary
 * and its own findings. A file whose key or format does not match is
 * ignored whole. Written to a temporary file and renamed into place.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "fs.h"
#include "banned.h"

#define MAGIC "cb-cache 1\n"

uint64_t
cb_hash(uint64_t h, const void *p, size_t len)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < len; i++)
		h = (h ^ s[i]) * 1099511628211ull;
	return h;
}

int
cb_stamp_of(const char *path, struct cb_stamp *st)
{
	return cb_stamp_at(AT_FDCWD, path, st) == CB_KIND_NONE ? -1 : 0;
}

int64_t
cb_now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return INT64_MAX; /* every file racy: nothing cached */
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
cb_stamp_racy(const struct cb_stamp *st, int64_t now)
{
	int64_t m, c, window;

	if (now == INT64_MAX)
		return 1;
	m = st->mtime_s * 1000 + st->mtime_ns / 1000000;
	c = st->ctime_s * 1000 + st->ctime_ns / 1000000;
	window = st->mtime_ns == 0 && st->ctime_ns == 0 ? 2000 : 100;
	return m >= now - window || c >= now - window;
}

int
cb_stamp_at(int dfd, const char *name, struct cb_stamp *st)
{
	struct stat s;

	if (fstatat(dfd, name, &s, 0) != 0)
		return CB_KIND_NONE;
	st->size = (uint64_t)s.st_size;
	st->ino = (uint64_t)s.st_ino;
	st->mtime_s = (int64_t)s.st_mtim.tv_sec;
	st->mtime_ns = (int64_t)s.st_mtim.tv_nsec;
	st->ctime_s = (int64_t)s.st_ctim.tv_sec;
	st->ctime_ns = (int64_t)s.st_ctim.tv_nsec;
	return cb_fs_kind_of(s.st_mode);
}

/* ---- writing ---- */

static void
put32(cb_buf *b, uint32_t v)
{
	cb_buf_put(b, &v, sizeof(v));
}

static void
put64(cb_buf *b, uint64_t v)
{
	cb_buf_put(b, &v, sizeof(v));
}

static void
putstr(cb_buf *b, const char *s)
{
	if (s == NULL) {
		put32(b, UINT32_MAX);
		return;
	}
	put32(b, (uint32_t)strlen(s));
	cb_buf_put(b, s, strlen(s));
}

static void
putdate(cb_buf *b, cb_date d)
{
	put32(b, (uint32_t)(d.year * 10000 + d.month * 100 + d.day));
}

static void
putpos(cb_buf *b, cb_pos p)
{
	put32(b, p.line);
	put32(b, p.column);
}

static void
put_sum(cb_buf *b, const struct cb_msum *s)
{
	putdate(b, s->date);
	put32(b, (uint32_t)s->kind);
	put32(b, (uint32_t)(uint16_t)s->start);
	put32(b, (uint32_t)(uint16_t)s->end);
	put32(b, s->upper | s->thematic << 1 | s->unknown << 2);
	put32(b, (uint32_t)s->category);
	putdate(b, s->announced);
	putdate(b, s->reported);
	putstr(b, s->topic);
	putstr(b, s->presenter);
	put32(b, s->n_res_complete);
	put32(b, s->n_present);
	put32(b, s->n_expected);
	put32(b, s->n_res);
	for (uint32_t i = 0; i < s->n_res; i++)
		putstr(b, s->res_ids[i]);
	put32(b, s->n_refs);
	for (uint32_t i = 0; i < s->n_refs; i++) {
		putdate(b, s->refs[i].date);
		putstr(b, s->refs[i].id);
		putpos(b, s->refs[i].pos);
	}
	put32(b, s->n_att);
	for (uint32_t i = 0; i < s->n_att; i++) {
		put32(b, s->att[i].member | (uint32_t)s->att[i].state << 16);
		putpos(b, s->att[i].pos);
	}
	put32(b, s->n_spoke);
	for (uint32_t i = 0; i < s->n_spoke; i++)
		put32(b, s->spoke[i]);
	put32(b, s->n_admitted);
	for (uint32_t i = 0; i < s->n_admitted; i++)
		put32(b, s->admitted[i]);
	putpos(b, s->pos_date);
	putpos(b, s->pos_start);
	putpos(b, s->pos_review);
	putpos(b, s->pos_admissions);
	putpos(b, s->pos_thematic);
	putpos(b, s->pos_announced);
	putpos(b, s->pos_category);
}

void
cb_cache_keep(struct cb_cache *k, const struct cb_centry *e)
{
	/* Written back only if another file changed: no work when warm. */
	k->e[e - k->e].kept = 1;
}

static int
add_to(cb_buf *b, const char *name, const struct cb_stamp *st,
    const struct cb_msum *sum, const struct cb_cfinding *f, uint32_t nf)
{
	putstr(b, name);
	cb_buf_put(b, st, sizeof(*st));
	put32(b, sum != NULL);
	if (sum)
		put_sum(b, sum);
	put32(b, nf);
	for (uint32_t i = 0; i < nf; i++) {
		put32(b, f[i].rule);
		put32(b, f[i].line);
		put32(b, f[i].column);
		putdate(b, f[i].date);
		putstr(b, f[i].message);
	}
	return b->ptr == NULL ? CB_ENOMEM : 0;
}

int
cb_cache_add(struct cb_cache *k, const char *name, const struct cb_stamp *st,
    const struct cb_msum *sum, const struct cb_cfinding *f, uint32_t nf)
{
	k->nout++;
	k->changed = 1;
	return add_to(&k->out, name, st, sum, f, nf);
}

/* Write `b` to `file` through a temporary file renamed into place. */
static int
write_atomic(const char *file, const cb_buf *b)
{
	char tmp[4200];
	int fd, rc = 0;

	snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", file);
	if (b->ptr == NULL || (fd = mkstemp(tmp)) < 0)
		return CB_EIO;
	ssize_t w = write(fd, b->ptr, b->len);

	if (close(fd) != 0 || w != (ssize_t)b->len || rename(tmp, file) != 0) {
		unlink(tmp);
		rc = CB_EIO;
	}
	return rc;
}

/* ---- reading ---- */

struct rd {
	const char *p, *end;
	cb_arena *a;
	int bad;
};

static uint32_t
get32(struct rd *r)
{
	uint32_t v = 0;

	if (r->bad || (size_t)(r->end - r->p) < sizeof(v)) {
		r->bad = 1;
		return 0;
	}
	memcpy(&v, r->p, sizeof(v));
	r->p += sizeof(v);
	return v;
}

static const char *
getstr(struct rd *r)
{
	uint32_t n = get32(r);
	char *s;

	if (r->bad || n == UINT32_MAX)
		return NULL;
	if ((size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return NULL;
	}
	if ((s = cb_arena_strndup(r->a, r->p, n)) == NULL)
		r->bad = 1;
	r->p += n;
	return s;
}

static cb_date
get_date(struct rd *r)
{
	uint32_t v = get32(r);
	cb_date d = { (int16_t)(v / 10000), (int8_t)(v / 100 % 100),
		(int8_t)(v % 100) };

	return d;
}

static cb_pos
getpos(struct rd *r)
{
	cb_pos p;

	p.line = get32(r);
	p.column = get32(r);
	return p;
}

/* An array of `n` elements, bounded by what is left of the file. */
static void *
getarr(struct rd *r, uint32_t n, size_t size)
{
	void *p;

	if (r->bad || n == 0)
		return NULL;
	if (n > (size_t)(r->end - r->p)) {
		r->bad = 1;
		return NULL;
	}
	if ((p = cb_arena_alloc(r->a, n * size)) == NULL)
		r->bad = 1;
	return p;
}

static void
get_sum(struct rd *r, struct cb_msum *s)
{
	memset(s, 0, sizeof(*s));
	s->date = get_date(r);
	s->kind = (cb_meeting_kind)get32(r);
	s->start = (int16_t)get32(r);
	s->end = (int16_t)get32(r);
	uint32_t fl = get32(r);

	s->upper = fl & 1;
	s->thematic = fl >> 1 & 1;
	s->unknown = fl >> 2 & 1;
	s->category = (cb_category)get32(r);
	s->announced = get_date(r);
	s->reported = get_date(r);
	s->topic = getstr(r);
	s->presenter = getstr(r);
	s->n_res_complete = get32(r);
	s->n_present = get32(r);
	s->n_expected = get32(r);
	s->n_res = get32(r);
	s->res_ids = getarr(r, s->n_res, sizeof(*s->res_ids));
	for (uint32_t i = 0; i < s->n_res && !r->bad; i++)
		s->res_ids[i] = getstr(r);
	s->n_refs = get32(r);
	s->refs = getarr(r, s->n_refs, sizeof(*s->refs));
	for (uint32_t i = 0; i < s->n_refs && !r->bad; i++) {
		s->refs[i].date = get_date(r);
		s->refs[i].id = getstr(r);
		s->refs[i].pos = getpos(r);
	}
	s->n_att = get32(r);
	s->att = getarr(r, s->n_att, sizeof(*s->att));
	for (uint32_t i = 0; i < s->n_att && !r->bad; i++) {
		uint32_t v = get32(r);

		s->att[i].member = (uint16_t)v;
		s->att[i].state = (uint8_t)(v >> 16);
		s->att[i].pos = getpos(r);
	}
	s->n_spoke = get32(r);
	s->spoke = getarr(r, s->n_spoke, sizeof(*s->spoke));
	for (uint32_t i = 0; i < s->n_spoke && !r->bad; i++)
		s->spoke[i] = (uint16_t)get32(r);
	s->n_admitted = get32(r);
	s->admitted = getarr(r, s->n_admitted, sizeof(*s->admitted));
	for (uint32_t i = 0; i < s->n_admitted && !r->bad; i++)
		s->admitted[i] = (uint16_t)get32(r);
	s->pos_date = getpos(r);
	s->pos_start = getpos(r);
	s->pos_review = getpos(r);
	s->pos_admissions = getpos(r);
	s->pos_thematic = getpos(r);
	s->pos_announced = getpos(r);
	s->pos_category = getpos(r);
	if (r->bad)
		memset(s, 0, sizeof(*s));
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cb_centry *)a)->name,
	    ((const struct cb_centry *)b)->name);
}

int
cb_cache_open(
    struct cb_cache *k, const char *dir, const char *cell_real, uint64_t key)
{
	char name[40];
	char *buf = NULL;
	size_t len;
	uint64_t h =
	    cb_hash(1469598103934665603ull, cell_real, strlen(cell_real));

	memset(k, 0, sizeof(*k));
	k->key = key;
	k->out = (cb_buf)CB_BUF_INIT((size_t)1 << 30);
	snprintf(name, sizeof(name), "%016llx.cbc", (unsigned long long)h);
	if ((k->file = cb_path_join(dir, name)) == NULL)
		return CB_ENOMEM;
	cb_buf_puts(&k->out, MAGIC);
	put64(&k->out, key);
	if (cb_fs_read(k->file, (size_t)1 << 30, &buf, &len) != 0)
		return 0; /* no cache yet */

	struct rd r = { buf, buf + len, &k->arena, 0 };
	size_t ml = strlen(MAGIC);
	uint64_t fkey = 0;

	if (len < ml + 8 || memcmp(buf, MAGIC, ml) != 0) {
		free(buf);
		return 0;
	}
	r.p += ml;
	memcpy(&fkey, r.p, 8);
	r.p += 8;
	if (fkey != key) {
		free(buf);
		return 0;
	}
	uint32_t n = get32(&r);

	k->e = getarr(&r, n, sizeof(*k->e));
	for (uint32_t i = 0; i < n && !r.bad; i++) {
		struct cb_centry *e = &k->e[i];

		e->name = getstr(&r);
		if ((size_t)(r.end - r.p) < sizeof(e->stamp)) {
			r.bad = 1;
			break;
		}
		memcpy(&e->stamp, r.p, sizeof(e->stamp));
		r.p += sizeof(e->stamp);
		if (get32(&r))
			get_sum(&r, &e->sum);
		e->nf = get32(&r);
		e->f = getarr(&r, e->nf, sizeof(*e->f));
		for (uint32_t j = 0; j < e->nf && !r.bad; j++) {
			e->f[j].rule = get32(&r);
			e->f[j].line = get32(&r);
			e->f[j].column = get32(&r);
			e->f[j].date = get_date(&r);
			e->f[j].message = getstr(&r);
			if (e->f[j].rule >= CB_RULE_COUNT)
				r.bad = 1;
		}
		if (e->name == NULL)
			r.bad = 1;
		k->n = i + 1;
	}
	free(buf);
	if (r.bad) {
		/* A damaged cache is no cache. */
		k->e = NULL;
		k->n = 0;
		cb_arena_clear(&k->arena);
		return 0;
	}
	if (k->n > 1)
		qsort(k->e, k->n, sizeof(*k->e), entry_cmp);
	return 0;
}

const struct cb_centry *
cb_cache_find(
    const struct cb_cache *k, const char *name, const struct cb_stamp *st)
{
	struct cb_centry key;
	const struct cb_centry *e;

	if (k->n == 0)
		return NULL;
	key.name = name;
	e = bsearch(&key, k->e, k->n, sizeof(*k->e), entry_cmp);
	if (e == NULL || memcmp(&e->stamp, st, sizeof(*st)) != 0)
		return NULL;
	return e;
}

int
cb_cache_close(struct cb_cache *k)
{
	int rc = 0;
	uint32_t kept = 0;

	for (size_t i = 0; i < k->n; i++)
		kept += k->e[i].kept != 0;
	/* Unchanged: every entry kept, none added, none gone. */
	if (k->file != NULL && (k->changed || kept != k->n) &&
	    k->out.ptr != NULL) {
		size_t at = strlen(MAGIC) + 8;
		cb_buf whole = CB_BUF_INIT((size_t)1 << 30);

		cb_buf_put(&whole, k->out.ptr, at);
		put32(&whole, k->nout + kept);
		cb_buf_put(&whole, k->out.ptr + at, k->out.len - at);
		for (size_t i = 0; i < k->n; i++) {
			const struct cb_centry *e = &k->e[i];

			if (e->kept)
				add_to(&whole, e->name, &e->stamp,
				    e->sum.date.year || e->sum.unknown ? &e->sum
								       : NULL,
				    e->f, e->nf);
		}
		rc = write_atomic(k->file, &whole);
		cb_buf_free(&whole);
	}
	free(k->file);
	k->file = NULL;
	cb_buf_free(&k->out);
	cb_arena_clear(&k->arena);
	return rc;
}

/* ---- seals ---- */

#define SEAL_MAGIC "cb-seal 1\n"

static char *
seal_file(const char *dir, const char *cell_real)
{
	char name[40];
	uint64_t h =
	    cb_hash(1469598103934665603ull, cell_real, strlen(cell_real));

	snprintf(name, sizeof(name), "%016llx.cbs", (unsigned long long)h);
	return cb_path_join(dir, name);
}

int
cb_seal_read(
    struct cb_seal *s, const char *dir, const char *cell_real, uint64_t key)
{
	char *file = seal_file(dir, cell_real), *buf = NULL;
	size_t len, ml = strlen(SEAL_MAGIC);
	uint64_t fkey = 0;

	memset(s, 0, sizeof(*s));
	if (file == NULL || cb_fs_read(file, (size_t)1 << 28, &buf, &len)) {
		free(file);
		return -1;
	}
	free(file);

	struct rd r = { buf, buf + len, &s->arena, 0 };

	if (len < ml + 8 || memcmp(buf, SEAL_MAGIC, ml) != 0) {
		free(buf);
		return -1;
	}
	r.p += ml;
	memcpy(&fkey, r.p, 8);
	r.p += 8;
	if (fkey != key) {
		free(buf);
		return -1;
	}
	s->files = get32(&r);
	s->nf = get32(&r);
	s->f = getarr(&r, s->nf, sizeof(*s->f));
	for (uint32_t i = 0; i < s->nf && !r.bad; i++) {
		s->f[i].rel = getstr(&r);
		if (s->f[i].rel == NULL ||
		    (size_t)(r.end - r.p) < sizeof(s->f[i].stamp)) {
			r.bad = 1;
			break;
		}
		memcpy(&s->f[i].stamp, r.p, sizeof(s->f[i].stamp));
		r.p += sizeof(s->f[i].stamp);
	}
	s->nx = get32(&r);
	s->x = getarr(&r, s->nx, sizeof(*s->x));
	for (uint32_t i = 0; i < s->nx && !r.bad; i++) {
		struct cb_seal_finding *x = &s->x[i];

		x->rel = getstr(&r);
		x->rule = get32(&r);
		x->line = get32(&r);
		x->column = get32(&r);
		x->date = get_date(&r);
		x->message = getstr(&r);
		if (x->rel == NULL || x->message == NULL ||
		    x->rule >= CB_RULE_COUNT)
			r.bad = 1;
	}
	free(buf);
	if (r.bad || r.p != r.end || s->nf == 0) {
		cb_seal_free(s);
		return -1;
	}
	return 0;
}

int
cb_seal_valid(const struct cb_seal *s, int cfd)
{
	for (uint32_t i = 0; i < s->nf; i++) {
		struct cb_stamp st;

		if (cb_stamp_at(cfd, s->f[i].rel, &st) == CB_KIND_NONE ||
		    memcmp(&st, &s->f[i].stamp, sizeof(st)) != 0)
			return 0;
	}
	return 1;
}

int
cb_seal_write(const char *dir, const char *cell_real, uint64_t key,
    const struct cb_seal *s)
{
	char *file = seal_file(dir, cell_real);
	cb_buf b = CB_BUF_INIT((size_t)1 << 28);
	int rc;

	if (file == NULL)
		return CB_ENOMEM;
	cb_buf_puts(&b, SEAL_MAGIC);
	put64(&b, key);
	put32(&b, s->files);
	put32(&b, s->nf);
	for (uint32_t i = 0; i < s->nf; i++) {
		putstr(&b, s->f[i].rel);
		cb_buf_put(&b, &s->f[i].stamp, sizeof(s->f[i].stamp));
	}
	put32(&b, s->nx);
	for (uint32_t i = 0; i < s->nx; i++) {
		putstr(&b, s->x[i].rel);
		put32(&b, s->x[i].rule);
		put32(&b, s->x[i].line);
		put32(&b, s->x[i].column);
		putdate(&b, s->x[i].date);
		putstr(&b, s->x[i].message);
	}
	rc = write_atomic(file, &b);
	cb_buf_free(&b);
	free(file);
	return rc;
}

void
cb_seal_free(struct cb_seal *s)
{
	cb_arena_clear(&s->arena);
	memset(s, 0, sizeof(*s));
}
