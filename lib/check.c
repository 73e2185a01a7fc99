/*
 * check.c - the findings engine: walk the paths, read each record file,
 * reduce each meeting to a summary, run the rules that compare files on
 * the summaries of one cell, and deliver the cell's findings in order.
 *
 * Memory stays flat in the number of files: a meeting's node tree and
 * record are freed as soon as its summary is taken, and a cell's summaries
 * as soon as the cell is done.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cb/check.h"
#include "cb/records.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "source.h"
#include "node.h"
#include "summary.h"
#include "cellview.h"
#include "cache.h"
#include "text.h"
#include "banned.h"

/* A finding of the current cell, kept until the cell is done. */
struct pending {
	const char *path, *message;
	uint32_t line, column;
	cb_rule rule;
	cb_date date;
	uint32_t seq; /* arrival order, the last sort key */
};

struct plan_entry {
	char *key;     /* real path of the plan file */
	char *file;    /* the path it was found under */
	uint64_t hash; /* of its bytes, for the cache */
	char *show;    /* as shown where first read */
	cb_plan *plan; /* NULL when unusable: defaults apply */
};

struct pool;

struct cb_checker {
	const cb_source *src; /* where records are read from */
	int jobs;	      /* cb_checker_set_jobs() */
	struct pool *pool;    /* while a parallel run is under way */
	struct pool *owner;   /* a worker's: the pool it works for */
	cb_reporter rep;      /* the caller's */
	cb_reporter inner;    /* collects into `pending` */
	cb_io_error_fn io_fn;
	void *io_payload;
	cb_date as_of, from;
	char *plan_file;
	unsigned char disabled[CB_RULE_COUNT];
	cb_check_stats stats;
	int stop;
	int oom;

	cb_vec pending; /* struct pending */
	cb_arena pend_arena;
	cb_vec plans; /* struct plan_entry */
	cb_plan defaults;

	/* One-file mode: only this file's findings, shown as `focus_show`. */
	const char *focus;
	const char *focus_show;

	/* The incremental cache (cb_checker_set_cache), per cell. */
	char *cache_dir;
	struct cb_cache cache;
	int caching;
	const char *cell_dir;
	uint64_t plan_hash;
	/* The walker's: the canonical name of the last cell's parent. */
	char *memo_dir, *memo_real;
	/* The cell's seal being made (cache.h): what the cell read. */
	int sealing;
	const char *seal_dir; /* the cell's folder: files are under it */
	cb_vec seal_files;    /* struct cb_seal_file, names in cell_arena */
	int64_t cell_t0;      /* ms, before the cell's first stamp */

	/* The date of the file being read (see cb_finding.date). */
	cb_date cur_date;

	/* The cell being checked. */
	cb_arena cell_arena;
	cb_vec sums; /* struct cb_msum */
	cb_vec tplans;
	cb_vec ratings; /* struct cb_ratings_sum */
	cb_cell_hook hook;
	void *hook_payload;
	const char *plan_show;
	/* the current cell's plan, as shown */ /* struct cb_tplan_sum */
};

static void queue_findings(cb_checker *c);

static int
collect(const cb_finding *f, void *payload)
{
	cb_checker *c = payload;
	struct pending *p;

	if (c->disabled[f->rule])
		return 0;
	if (c->focus != NULL && strcmp(f->path, c->focus) != 0)
		return 0;
	p = cb_vec_push(&c->pending);
	if (p == NULL) {
		c->oom = 1;
		return 1;
	}
	p->path = cb_arena_strndup(&c->pend_arena, f->path, strlen(f->path));
	p->message =
	    cb_arena_strndup(&c->pend_arena, f->message, strlen(f->message));
	if (p->path == NULL || p->message == NULL) {
		c->oom = 1;
		return 1;
	}
	p->line = f->line;
	p->column = f->column;
	p->rule = f->rule;
	p->date = cb_date_is_set(f->date) ? f->date : c->cur_date;
	p->seq = (uint32_t)c->pending.len;
	return 0;
}

static int
pending_cmp(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;
	int r = strcmp(x->path, y->path);

	if (r)
		return r;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	if ((r = strcmp(cb_rule_id(x->rule), cb_rule_id(y->rule))) != 0)
		return r;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Hand findings to the caller's reporter, counting them; `show` (may be
 * NULL) replaces their path (one-file mode).
 */
static void
deliver(cb_checker *c, const struct pending *v, size_t n, const char *show)
{
	for (size_t i = 0; i < n && !c->stop; i++) {
		cb_finding f;

		f.path = show ? show : v[i].path;
		f.line = v[i].line;
		f.column = v[i].column;
		f.rule = v[i].rule;
		f.severity = cb_rule_severity(v[i].rule);
		f.message = v[i].message;
		f.date = v[i].date;
		if (f.severity == CB_SEV_ERROR)
			c->stats.errors++;
		else
			c->stats.warnings++;
		if (c->rep.fn && c->rep.fn(&f, c->rep.payload) != 0)
			c->stop = 1;
	}
}

/* Deliver the collected findings in order and forget them. */
static void
flush(cb_checker *c)
{
	struct pending *v = c->pending.ptr;

	if (c->pool != NULL && c->pending.len > 0) {
		/* Parallel run: these (a plan's) wait their turn. */
		queue_findings(c);
		return;
	}
	if (c->pending.len > 1)
		qsort(v, c->pending.len, sizeof(*v), pending_cmp);
	deliver(c, v, c->pending.len, c->focus_show);
	c->pending.len = 0;
	cb_arena_clear(&c->pend_arena);
}

int
cb_checker_new(cb_checker **out)
{
	cb_checker *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (c == NULL)
		return CB_ENOMEM;
	c->src = &cb_source_fs;
	c->inner.fn = collect;
	c->inner.payload = c;
	c->pending = (cb_vec)CB_VEC_INIT(sizeof(struct pending));
	c->plans = (cb_vec)CB_VEC_INIT(sizeof(struct plan_entry));
	c->sums = (cb_vec)CB_VEC_INIT(sizeof(struct cb_msum));
	c->tplans = (cb_vec)CB_VEC_INIT(sizeof(struct cb_tplan_sum));
	c->ratings = (cb_vec)CB_VEC_INIT(sizeof(struct cb_ratings_sum));
	c->seal_files = (cb_vec)CB_VEC_INIT(sizeof(struct cb_seal_file));
	cb_plan_defaults(&c->defaults);
	*out = c;
	return 0;
}

void
cb_checker_free(cb_checker *c)
{
	if (c == NULL)
		return;
	struct plan_entry *pe = c->plans.ptr;

	for (size_t i = 0; i < c->plans.len; i++) {
		free(pe[i].key);
		free(pe[i].file);
		free(pe[i].show);
		cb_plan_free(pe[i].plan);
	}
	free(c->memo_dir);
	free(c->memo_real);
	cb_vec_free(&c->seal_files);
	cb_vec_free(&c->plans);
	cb_vec_free(&c->pending);
	cb_vec_free(&c->sums);
	cb_vec_free(&c->tplans);
	cb_vec_free(&c->ratings);
	cb_arena_clear(&c->pend_arena);
	cb_arena_clear(&c->cell_arena);
	free(c->plan_file);
	free(c->cache_dir);
	free(c);
}

void
cb_checker_set_reporter(cb_checker *c, const cb_reporter *rep)
{
	c->rep = *rep;
	c->inner.translate = rep->translate;
	c->inner.translate_payload = rep->translate_payload;
}

void
cb_checker_set_io_error(cb_checker *c, cb_io_error_fn fn, void *payload)
{
	c->io_fn = fn;
	c->io_payload = payload;
}

void
cb_checker_set_source(cb_checker *c, const cb_source *src)
{
	c->src = src ? src : &cb_source_fs;
}

void
cb_checker_set_as_of(cb_checker *c, cb_date as_of)
{
	c->as_of = as_of;
}

void
cb_checker_set_from(cb_checker *c, cb_date from)
{
	c->from = from;
}

int
cb_checker_set_plan_file(cb_checker *c, const char *path)
{
	char *p = strdup(path);

	if (p == NULL)
		return CB_ENOMEM;
	free(c->plan_file);
	c->plan_file = p;
	return 0;
}

void
cb_checker_enable(cb_checker *c, cb_rule rule, int on)
{
	if ((unsigned)rule < CB_RULE_COUNT)
		c->disabled[rule] = !on;
}

void
cb_checker_stats(const cb_checker *c, cb_check_stats *out)
{
	*out = c->stats;
}

static void pool_lock(cb_checker *c);
static void pool_unlock(cb_checker *c);

/* Whether the reporter asked to stop (workers deliver while we walk). */
static int
stopped(cb_checker *c)
{
	int stop;

	pool_lock(c);
	stop = c->stop;
	pool_unlock(c);
	return stop;
}

/* Add one to a statistic: under the pool's lock while workers run. */
static void
count(cb_checker *c, unsigned *stat)
{
	pool_lock(c);
	(*stat)++;
	pool_unlock(c);
}

/* Why a record path on disk that is no file or folder is not read. */
static const char *
not_regular(cb_checker *c)
{
	return cb_tr(&c->inner,
	    N_("not a regular file (a named pipe, a device or a socket); cb "
	       "reads only regular files"));
}

/*
 * A record path that is neither a file nor a folder: on disk a named
 * pipe, a device or a socket (links are followed there); in a repository
 * a symbolic link or a submodule. Never read; the run fails (status 2)
 * rather than pass over records it could not see.
 */
static void
io_refuse(cb_checker *c, const char *path)
{
	count(c, &c->stats.io_errors);
	if (c->io_fn)
		c->io_fn(path, ELOOP,
		    c->src == &cb_source_fs
			? not_regular(c)
			: cb_tr(&c->inner,
			      N_("not a regular file (a symbolic link or a "
				 "submodule); cb does not follow it")),
		    c->io_payload);
}

/* `msg` says why when strerror(err) would not, or is NULL. */
static void
io_error_msg(cb_checker *c, const char *path, int err, const char *msg)
{
	count(c, &c->stats.io_errors);
	if (c->io_fn)
		c->io_fn(path, err, msg && *msg ? msg : NULL, c->io_payload);
}

static void
io_error(cb_checker *c, const char *path, int err)
{
	io_error_msg(c, path, err, NULL);
}

/*
 * Read a file for a reader. Returns 0 with the bytes, 1 when the file was
 * handled already (too big: reported; unreadable: io error), or CB_ENOMEM.
 */
static int
load(cb_checker *c, const char *path, const char *show, char **buf, size_t *len)
{
	char msg[512];
	int err = c->src->ops->read(
	    c->src, path, CB_MAX_FILE, buf, len, msg, sizeof(msg));

	if (err == 0) {
		count(c, &c->stats.files);
		return 0;
	}
	if (err == ENOMEM)
		return CB_ENOMEM;
	if (err == -1) {
		cb_diag d;

		count(c, &c->stats.files);
		cb_diag_init(&d, &c->inner, show, NULL, 0);
		cb_diag_emit_at(&d, CB_RULE_SYNTAX_LIMITS, 1, 1,
		    N_("the file has %zu bytes, more than the limit of 8 MiB; "
		       "split it"),
		    *len);
		cb_diag_fini(&d);
		return 1;
	}
	/* cb_fs_read's answer for a pipe, a device or a socket. */
	if (err == EINVAL && c->src == &cb_source_fs && !*msg)
		snprintf(msg, sizeof(msg), "%s", not_regular(c));
	io_error_msg(c, show, err, msg);
	return 1;
}

/*
 * The plan for a cell at real path `cell_real`, shown from `cell_show`:
 * the --plan file, or the nearest plan.yaml in or above the cell, read
 * once per run and reported (and flushed) when first read.
 */
static int
find_plan(cb_checker *c, const char *cell_real, const char *cell_show,
    const cb_plan **out)
{
	char *dir = strdup(cell_real), *file = NULL, *real = NULL;
	char *show = NULL;
	int levels = 0, rc = 0;

	*out = &c->defaults;
	c->plan_show = NULL;
	c->plan_hash = 0;
	if (dir == NULL)
		return CB_ENOMEM;
	if (c->plan_file != NULL) {
		file = strdup(c->plan_file);
		show = strdup(c->plan_file);
	} else {
		for (;;) {
			file = cb_path_join(dir, "plan.yaml");
			int k = file ? c->src->ops->kind(c->src, file) : 0;

			if (file == NULL || k == CB_KIND_FILE)
				break;
			if (k == CB_KIND_OTHER) {
				/* A link or submodule in place of plan.yaml
				 * would silently swap the plan. */
				char *up = cb_path_up(cell_show, levels);
				char *ps =
				    up ? cb_path_join(up, "plan.yaml") : NULL;

				io_refuse(c, ps ? ps : cell_show);
				free(ps);
				free(up);
			}
			free(file);
			file = NULL;
			/* Not above the repository that holds the cell. */
			int top = c->src->ops->is_top(c->src, dir);

			char *slash = strrchr(dir, '/');

			if (top || slash == NULL || slash == dir)
				break;
			*slash = '\0';
			levels++;
		}
		if (file != NULL) {
			char *up = cb_path_up(cell_show, levels);

			show = up ? cb_path_join(up, "plan.yaml") : NULL;
			free(up);
		}
	}
	if (file == NULL)
		goto out;
	/* --plan names a file on disk, also when records come from git. */
	const cb_source *psrc = c->plan_file ? &cb_source_fs : c->src;
	struct plan_entry *pe = c->plans.ptr;

	/* The cells of an office find their plan under one path: its
	 * canonical name is not looked for again. */
	for (size_t i = 0; i < c->plans.len; i++)
		if (pe[i].file != NULL && strcmp(pe[i].file, file) == 0) {
			if (pe[i].plan)
				*out = pe[i].plan;
			c->plan_show = pe[i].show;
			c->plan_hash = pe[i].hash;
			goto out;
		}
	if (show == NULL || (real = psrc->ops->real(psrc, file)) == NULL) {
		rc = show == NULL ? CB_ENOMEM : 0;
		if (show != NULL)
			io_error(c, show, errno);
		goto out;
	}

	for (size_t i = 0; i < c->plans.len; i++)
		if (strcmp(pe[i].key, real) == 0) {
			if (pe[i].plan)
				*out = pe[i].plan;
			c->plan_show = pe[i].show;
			c->plan_hash = pe[i].hash;
			goto out;
		}

	char *buf;
	size_t len;
	cb_plan *plan = NULL;

	const cb_source *saved = c->src;

	c->src = psrc;
	rc = load(c, file, show, &buf, &len);
	c->src = saved;
	if (rc < 0)
		goto out;
	uint64_t phash = 0;

	if (rc == 0) {
		phash = cb_hash(1469598103934665603ull, buf, len);
		rc = cb_plan_read(&plan, buf, len, show, &c->inner);
		free(buf);
		if (rc < 0)
			goto out;
	}
	rc = 0;
	struct plan_entry *slot = cb_vec_push(&c->plans);

	if (slot == NULL) {
		cb_plan_free(plan);
		rc = CB_ENOMEM;
		goto out;
	}
	slot->key = real;
	slot->file = file;
	file = NULL;
	slot->show = show;
	slot->plan = plan;
	slot->hash = phash;
	c->plan_hash = phash;
	c->plan_show = show;
	real = NULL;
	show = NULL;
	if (plan)
		*out = plan;
	flush(c);
out:
	free(dir);
	free(file);
	free(show);
	free(real);
	return rc;
}

/*
 * The cell's seal (--cache): note that the check read `path` (a file or a
 * folder listed) as it was: `st`, or its stamp now when NULL. A path that
 * is not there is not noted (its folder's stamp tells if it comes); one
 * that cannot be told about makes the cell unsealed.
 */
static void
seal_note(cb_checker *c, const char *path, const struct cb_stamp *st)
{
	size_t dl = c->sealing ? strlen(c->seal_dir) : 0;
	struct cb_seal_file *f;
	struct cb_stamp now;

	if (!c->sealing)
		return;
	if (strncmp(path, c->seal_dir, dl) != 0 || path[dl] != '/') {
		c->sealing = 0;
		return;
	}
	if (c->src->ops->digest != NULL)
		return; /* the cell's digest covers it */
	if (st == NULL) {
		if (cb_stamp_of(path, &now) != 0) {
			struct stat ls;

			/* A dangling link: its target may come, no folder
			 * would tell. */
			if ((errno != ENOENT && errno != ENOTDIR) ||
			    lstat(path, &ls) == 0)
				c->sealing = 0;
			return;
		}
		st = &now;
	}
	if ((f = cb_vec_push(&c->seal_files)) == NULL ||
	    (f->rel = cb_arena_strndup(&c->cell_arena, path + dl + 1,
		 strlen(path + dl + 1))) == NULL) {
		c->sealing = 0;
		return;
	}
	f->stamp = *st;
}

/* Whether `s` is YYYY-MM-DD followed by '-', '.' or nothing. */
static int
name_date(const char *s, cb_date *d)
{
	return strlen(s) >= 10 && cb_date_parse(d, s, 10) == 0 &&
	    (s[10] == '\0' || s[10] == '-' || s[10] == '.');
}

static int
is_yaml(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/*
 * schema/file-name: meetings/YYYY/YYYY-MM-DD[-anything].yaml, where both
 * dates are the meeting's `date`. `year_dir` is NULL for a file directly
 * under meetings/.
 */
static void
check_file_name(cb_checker *c, const char *show, const char *year_dir,
    const char *name, const cb_meeting *m)
{
	cb_diag d;
	cb_date nd;
	char buf[11];

	int lone = year_dir != NULL && *year_dir == '\0';

	cb_diag_init(&d, &c->inner, show, NULL, 0);
	if (!name_date(name, &nd)) {
		if (lone)
			;
		else if (cb_date_is_set(m->date))
			cb_diag_emit_at(&d, CB_RULE_SCHEMA_FILE_NAME, 1, 1,
			    N_("the file name '%s' must start with the "
			       "meeting's date: rename it to "
			       "meetings/%.4s/%s.yaml"),
			    name, cb_date_format(m->date, buf), buf);
		else
			cb_diag_emit_at(&d, CB_RULE_SCHEMA_FILE_NAME, 1, 1,
			    N_("the file name '%s' must start with the "
			       "meeting's date, e.g. "
			       "meetings/2024/2024-03-05.yaml"),
			    name);
	} else if (cb_date_is_set(m->date) && cb_date_cmp(nd, m->date) != 0) {
		cb_diag_emit_at(&d, CB_RULE_SCHEMA_FILE_NAME, m->pos_date.line,
		    m->pos_date.column,
		    N_("the date is %s but the file name "
		       "says %.10s; rename the file or correct the date"),
		    cb_date_format(m->date, buf), name);
	} else if (lone) {
		;
	} else if (year_dir == NULL) {
		cb_diag_emit_at(&d, CB_RULE_SCHEMA_FILE_NAME, 1, 1,
		    N_("a meeting file belongs in a folder of its year: move "
		       "it to meetings/%.4s/"),
		    name);
	} else if (strlen(year_dir) != 4 || strncmp(year_dir, name, 4) != 0) {
		cb_diag_emit_at(&d, CB_RULE_SCHEMA_FILE_NAME, 1, 1,
		    N_("a meeting of %.4s filed under meetings/%s/; move it to "
		       "meetings/%.4s/"),
		    name, year_dir, name);
	}
	cb_diag_fini(&d);
}

/* A meeting file unchanged since the cache was written: as if read. */
static int
from_cache(cb_checker *c, const char *show, const struct cb_centry *e)
{
	count(c, &c->stats.files);
	for (uint32_t i = 0; i < e->nf; i++) {
		cb_finding f;

		f.path = show;
		f.line = e->f[i].line;
		f.column = e->f[i].column;
		f.rule = (cb_rule)e->f[i].rule;
		f.severity = cb_rule_severity(f.rule);
		f.message = e->f[i].message;
		f.date = e->f[i].date;
		if (collect(&f, c) != 0)
			return CB_ENOMEM;
	}
	c->cur_date = (cb_date){ 0, 0, 0 };
	if (e->sum.date.year != 0 || e->sum.unknown) {
		struct cb_msum *s = cb_vec_push(&c->sums);
		char *p = cb_arena_strndup(&c->cell_arena, show, strlen(show));

		if (s == NULL || p == NULL)
			return CB_ENOMEM;
		*s = e->sum;
		s->path = p;
	}
	cb_cache_keep(&c->cache, e);
	return 0;
}

/* Keep what a meeting file gave (pending[first..], sums[nsums..]). */
static int
to_cache(cb_checker *c, const char *rel, const struct cb_stamp *st,
    size_t first, size_t nsums)
{
	const struct pending *p = c->pending.ptr;
	size_t nf = c->pending.len - first;
	struct cb_cfinding *f = NULL;
	int rc;

	if (cb_stamp_racy(st, c->cell_t0))
		return 0;
	if (nf && (f = calloc(nf, sizeof(*f))) == NULL)
		return CB_ENOMEM;
	for (size_t i = 0; i < nf; i++) {
		f[i].rule = (uint32_t)p[first + i].rule;
		f[i].line = p[first + i].line;
		f[i].column = p[first + i].column;
		f[i].date = p[first + i].date;
		f[i].message = p[first + i].message;
	}
	rc = cb_cache_add(&c->cache, rel, st,
	    c->sums.len > nsums ? &((struct cb_msum *)c->sums.ptr)[nsums]
				: NULL,
	    f, (uint32_t)nf);
	free(f);
	return rc;
}

/*
 * Read one meeting, run the rules it shows alone, keep its summary for the
 * cell's rules, and free it.
 */
static int
check_meeting(cb_checker *c, const cb_cell *cell, const cb_plan *plan,
    const char *path, const char *show, const char *year_dir, const char *name,
    const struct cb_stamp *stamp)
{
	char *buf;
	size_t len;
	cb_meeting *m = NULL;
	int rc;

	const char *rel = NULL;
	size_t first = c->pending.len, nsums = c->sums.len;

	/* Findings of this file belong to its day: the name's, then the
	 * `date` inside once read. */
	if (!name_date(name, &c->cur_date))
		c->cur_date = (cb_date){ 0, 0, 0 };
	seal_note(c, path, stamp);
	if (c->caching && stamp != NULL &&
	    strncmp(path, c->cell_dir, strlen(c->cell_dir)) == 0) {
		const struct cb_centry *e;

		rel = path + strlen(c->cell_dir);
		if ((e = cb_cache_find(&c->cache, rel, stamp)) != NULL)
			return from_cache(c, show, e);
	}
	rc = load(c, path, show, &buf, &len);
	if (rc != 0) {
		c->cur_date = (cb_date){ 0, 0, 0 };
		return rc < 0 ? rc : 0;
	}
	rc = cb_meeting_read(&m, buf, len, show, cell, &c->inner);
	if (m != NULL && cb_date_is_set(m->date))
		c->cur_date = m->date;
	if (rc == 0 &&
	    (m == NULL || !cb_date_is_set(m->date) ||
		m->kind == CB_KIND_UNSET)) {
		/* Unreadable: keep its place so others do not point at a
		 * meeting "without minutes". */
		struct cb_msum *sum = cb_vec_push(&c->sums);
		cb_date nd;

		if (sum == NULL) {
			rc = CB_ENOMEM;
		} else {
			if (m != NULL && cb_date_is_set(m->date))
				nd = m->date;
			else if (!name_date(name, &nd))
				nd = (cb_date){ 0, 0, 0 };
			sum->path = cb_arena_strndup(
			    &c->cell_arena, show, strlen(show));
			sum->date = nd;
			sum->unknown = 1;
			sum->start = sum->end = -1;
			if (sum->path == NULL)
				rc = CB_ENOMEM;
		}
		if (m != NULL)
			check_file_name(c, show, year_dir, name, m);
	} else if (rc == 0 && m != NULL) {
		struct cb_msum *sum;
		cb_diag d;

		check_file_name(c, show, year_dir, name, m);
		/* The file's text is still there: columns come out right. */
		cb_diag_init(&d, &c->inner, show, buf, len);
		cb_rules_meeting(&d, cell, plan, m, c->as_of);
		if (d.oom)
			rc = CB_ENOMEM;
		cb_diag_fini(&d);
		if ((sum = cb_vec_push(&c->sums)) == NULL)
			rc = CB_ENOMEM;
		else if (rc == 0)
			rc =
			    cb_summary_take(&c->cell_arena, show, m, cell, sum);
	}
	c->cur_date = (cb_date){ 0, 0, 0 };
	if (rc == 0 && rel != NULL)
		rc = to_cache(c, rel, stamp, first, nsums);
	free(buf);
	cb_meeting_free(m);
	return rc;
}

/* plans/YYYY.yaml and ratings/YYYY.yaml: the year in the name. */
static void
check_year_name(cb_checker *c, const char *show, const char *name, int year,
    const char *dir)
{
	cb_diag d;
	int named = 0;
	int ok = strlen(name) >= 8 &&
	    (strcmp(name + 4, ".yaml") == 0 || strcmp(name + 4, ".yml") == 0) &&
	    !cb_digits(name, 4, &named);

	cb_diag_init(&d, &c->inner, show, NULL, 0);
	if (!ok)
		cb_diag_emit_at(&d, CB_RULE_SCHEMA_FILE_NAME, 1, 1,
		    N_("the file name '%s' must be the year, e.g. "
		       "%s/2024.yaml"),
		    name, dir);
	else if (year != 0 && year != named)
		cb_diag_emit_at(&d, CB_RULE_SCHEMA_FILE_NAME, 1, 1,
		    N_("the file says year %d but is named %s; rename it to "
		       "%s/%d.yaml"),
		    year, name, dir, year);
	cb_diag_fini(&d);
}

/* The last day of the year a file named YYYY.yaml is about, or unset. */
static cb_date
year_end(const char *name)
{
	cb_date d = { 0, 0, 0 };
	char buf[11];

	if (strlen(name) < 4)
		return d;
	memcpy(buf, name, 4);
	memcpy(buf + 4, "-12-31", 7);
	if (cb_date_parse(&d, buf, 10) != 0)
		d = (cb_date){ 0, 0, 0 };
	return d;
}

/* A copy of `s` that lives as long as the cell's summaries. */
static const char *
keep(cb_checker *c, const char *s)
{
	char *p = s ? cb_arena_strndup(&c->cell_arena, s, strlen(s)) : NULL;

	if (s && p == NULL)
		c->oom = 1;
	return p;
}

/* Count a year's ratings for the reports. */
static int
keep_ratings(cb_checker *c, const cb_ratings *rt)
{
	struct cb_ratings_sum *r;

	if (rt->year == 0)
		return 0;
	if ((r = cb_vec_push(&c->ratings)) == NULL)
		return CB_ENOMEM;
	r->year = rt->year;
	r->cell = rt->cell;
	for (size_t i = 0; i < rt->n_members; i++) {
		cb_rating m = rt->members[i].rating;

		r->rated++;
		r->good_or_better +=
		    m == CB_RATING_EXCELLENT || m == CB_RATING_GOOD;
		r->excellent += m == CB_RATING_EXCELLENT;
	}
	return 0;
}

/* Keep the planned category of each quarter of a thematic plan. */
static int
keep_tplan(cb_checker *c, const cb_tplan *tp)
{
	struct cb_tplan_sum *t;

	if (tp->year == 0)
		return 0;
	if ((t = cb_vec_push(&c->tplans)) == NULL)
		return CB_ENOMEM;
	t->year = tp->year;
	for (size_t i = 0; i < tp->n_quarters; i++) {
		int q = tp->quarters[i].quarter;

		if (q < 1 || q > 4)
			continue;
		t->category[q - 1] = tp->quarters[i].category;
		t->topic[q - 1] = keep(c, tp->quarters[i].topic);
		t->presenter[q - 1] = keep(c, tp->quarters[i].presenter.text);
	}
	return 0;
}

static int
check_year_files(cb_checker *c, const cb_cell *cell, const char *dir,
    const char *show_dir, int ratings)
{
	char **names;
	size_t n;
	int rc = 0, err;

	seal_note(c, dir, NULL);
	err = c->src->ops->list(c->src, dir, &names, &n);
	if (err == ENOENT || err == ENOTDIR)
		return 0;
	if (err != 0) {
		io_error(c, show_dir, err);
		return err == ENOMEM ? CB_ENOMEM : 0;
	}
	for (size_t i = 0; i < n && rc == 0 && !c->stop; i++) {
		if (!is_yaml(names[i]))
			continue;
		char *path = cb_path_join(dir, names[i]);
		char *show = cb_path_join(show_dir, names[i]);
		char *buf;
		size_t len;

		if (path != NULL)
			seal_note(c, path, NULL);
		if (path == NULL || show == NULL) {
			rc = CB_ENOMEM;
		} else if ((c->cur_date = year_end(names[i]),
			       rc = load(c, path, show, &buf, &len)) == 0) {
			int year = 0;

			if (ratings) {
				cb_ratings *rt;

				rc = cb_ratings_read(
				    &rt, buf, len, show, cell, &c->inner);
				year = rt ? rt->year : 0;
				if (rc == 0 && rt != NULL)
					rc = keep_ratings(c, rt);
				cb_ratings_free(rt);
			} else {
				cb_tplan *tp;

				rc = cb_tplan_read(
				    &tp, buf, len, show, cell, &c->inner);
				year = tp ? tp->year : 0;
				if (rc == 0 && tp != NULL)
					rc = keep_tplan(c, tp);
				cb_tplan_free(tp);
			}
			free(buf);
			if (rc == 0)
				check_year_name(c, show, names[i], year,
				    ratings ? "ratings" : "plans");
		} else {
			rc = rc < 0 ? rc : 0;
		}
		free(path);
		free(show);
	}
	c->cur_date = (cb_date){ 0, 0, 0 };
	cb_fs_list_free(names, n);
	return rc;
}

static int
check_meetings(cb_checker *c, const cb_cell *cell, const cb_plan *plan,
    const char *dir, const char *show_dir)
{
	char **years;
	size_t ny;
	int rc = 0, err;

	seal_note(c, dir, NULL);
	err = c->src->ops->list(c->src, dir, &years, &ny);

	if (err == ENOENT || err == ENOTDIR)
		return 0;
	if (err != 0) {
		io_error(c, show_dir, err);
		return err == ENOMEM ? CB_ENOMEM : 0;
	}
	for (size_t i = 0; i < ny && rc == 0 && !c->stop; i++) {
		char *ypath = cb_path_join(dir, years[i]);
		char *yshow = cb_path_join(show_dir, years[i]);
		/* On disk, one stat says what it is and, for a meeting file
		 * here, its stamp. */
		int fs = c->src == &cb_source_fs;
		struct cb_stamp yst;
		int kind = ypath == NULL ? CB_KIND_NONE
		    : fs		 ? cb_stamp_at(AT_FDCWD, ypath, &yst)
					 : c->src->ops->kind(c->src, ypath);

		if (ypath == NULL || yshow == NULL) {
			rc = CB_ENOMEM;
		} else if (kind == CB_KIND_FILE && is_yaml(years[i])) {
			rc = check_meeting(c, cell, plan, ypath, yshow, NULL,
			    years[i], fs ? &yst : NULL);
		} else if (kind == CB_KIND_DIR && years[i][0] != '.' &&
		    !c->src->ops->is_link(c->src, ypath)) {
			char **files;
			size_t nf;

			seal_note(c, ypath, NULL);
			err = c->src->ops->list(c->src, ypath, &files, &nf);
			if (err != 0) {
				io_error(c, yshow, err);
				rc = err == ENOMEM ? CB_ENOMEM : 0;
				nf = 0;
				files = NULL;
			}
			/* On disk, one stat a file, from the year's directory
			 * (no path to walk), says what it is and, for the
			 * cache, whether it changed. */
			int dfd = c->src == &cb_source_fs && nf
			    ? open(ypath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
			    : -1;

			for (size_t j = 0; j < nf && rc == 0 && !c->stop; j++) {
				if (!is_yaml(files[j]))
					continue;
				char *p = cb_path_join(ypath, files[j]);
				char *s = cb_path_join(yshow, files[j]);
				struct cb_stamp st;
				int k = p == NULL ? CB_KIND_NONE
				    : dfd >= 0 ? cb_stamp_at(dfd, files[j], &st)
					       : c->src->ops->kind(c->src, p);

				if (p == NULL || s == NULL)
					rc = CB_ENOMEM;
				else if (k == CB_KIND_FILE)
					rc = check_meeting(c, cell, plan, p, s,
					    years[i], files[j],
					    dfd >= 0 ? &st : NULL);
				else if (k == CB_KIND_OTHER)
					io_refuse(c, s);
				else if (k == CB_KIND_NONE && c->sealing)
					seal_note(c, p, NULL);
				free(p);
				free(s);
			}
			if (dfd >= 0)
				close(dfd);
			cb_fs_list_free(files, nf);
		} else if (kind == CB_KIND_NONE && ypath != NULL) {
			seal_note(c, ypath, NULL); /* a dangling link? */
		}
		free(ypath);
		free(yshow);
	}
	cb_fs_list_free(years, ny);
	return rc;
}

/* Hand what was read of the cell to the hook (cellview.h). */
static int
call_hook(cb_checker *c, const char *dir, const char *show, const cb_cell *cell,
    const cb_plan *plan)
{
	struct cb_vfinding *f = NULL;
	const struct pending *p = c->pending.ptr;
	struct cb_cell_view v;
	char *real = c->src->ops->real(c->src, dir);
	int rc;

	if (c->pending.len &&
	    (f = calloc(c->pending.len, sizeof(*f))) == NULL) {
		free(real);
		return CB_ENOMEM;
	}
	for (size_t i = 0; i < c->pending.len; i++) {
		f[i].path = p[i].path;
		f[i].rule = p[i].rule;
		f[i].severity = cb_rule_severity(p[i].rule);
		f[i].date = p[i].date;
	}
	memset(&v, 0, sizeof(v));
	v.path = show;
	v.realdir = real ? real : dir;
	v.cell = cell;
	v.plan = plan;
	v.plan_path = c->plan_show;
	v.sums = c->sums.ptr;
	v.n_sums = c->sums.len;
	v.tplans = c->tplans.ptr;
	v.n_tplans = c->tplans.len;
	v.ratings = c->ratings.ptr;
	v.n_ratings = c->ratings.len;
	v.findings = f;
	v.n_findings = c->pending.len;
	v.start = cb_period_start(v.sums, v.n_sums, c->from);
	v.as_of = c->as_of;
	rc = c->hook(&v, c->hook_payload) ? CB_EUSER : 0;
	free(f);
	free(real);
	return rc;
}

void
cb_checker_set_cell_hook(cb_checker *c, cb_cell_hook fn, void *payload)
{
	c->hook = fn;
	c->hook_payload = payload;
}

static int enqueue_cell(cb_checker *c, const char *dir, const char *real,
    const char *show, const cb_plan *plan);
static int check_cell_body(cb_checker *c, const char *dir, const char *real,
    const char *show, const cb_plan *plan);

/*
 * The canonical name of the cell directory `dir`. The walk reaches cells
 * through directories that are not links, so it is the canonical name of
 * the parent, looked for once for all the cells in it, and the cell's
 * name; unless `dir` is itself a link (a path the user gave).
 */
static char *
cell_real(cb_checker *c, const char *dir)
{
	const char *slash = strrchr(dir, '/');
	const char *name = slash ? slash + 1 : "";

	if (c->src != &cb_source_fs || slash == NULL || slash == dir ||
	    name[0] == '\0' || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0 || c->src->ops->is_link(c->src, dir))
		return c->src->ops->real(c->src, dir);
	size_t pl = (size_t)(slash - dir);

	if (c->memo_dir == NULL || strlen(c->memo_dir) != pl ||
	    strncmp(c->memo_dir, dir, pl) != 0) {
		free(c->memo_dir);
		free(c->memo_real);
		c->memo_real = NULL;
		if ((c->memo_dir = strndup(dir, pl)) == NULL)
			return NULL;
		c->memo_real = c->src->ops->real(c->src, c->memo_dir);
	}
	if (c->memo_real == NULL) {
		free(c->memo_dir);
		c->memo_dir = NULL;
		return c->src->ops->real(c->src, dir);
	}
	return cb_path_join(c->memo_real, name);
}

/* Check the cell in directory `dir`, shown as `show`. */
static int
check_cell(cb_checker *c, const char *dir, const char *show)
{
	char *real = cell_real(c, dir);
	const cb_plan *plan;
	int rc;

	if (real == NULL) {
		io_error(c, show, errno);
		return 0;
	}
	rc = find_plan(c, real, show, &plan);
	if (rc == 0)
		rc = c->pool != NULL
		    ? enqueue_cell(c, dir, real, show, plan)
		    : check_cell_body(c, dir, real, show, plan);
	free(real);
	return rc;
}

/*
 * What every cached result depends on besides the files: cb's version,
 * the plan, the rules chosen and the language of the messages; `what`
 * names the kind of cache.
 */
static uint64_t
run_key(const cb_checker *c, const char *what)
{
	static const char probe[] =
	    "the file is empty; it should hold a record";
	const char *lang = c->inner.translate
	    ? c->inner.translate(probe, c->inner.translate_payload)
	    : probe;
	uint64_t key = cb_hash(1469598103934665603ull, what, strlen(what));

	key = cb_hash(key, CB_VERSION, sizeof(CB_VERSION));
	key = cb_hash(key, &c->plan_hash, sizeof(c->plan_hash));
	key = cb_hash(key, c->disabled, sizeof(c->disabled));
	return cb_hash(key, lang, strlen(lang));
}

/*
 * The cache of this cell (--cache): its key is everything a meeting file's
 * own findings and summary depend on besides the file itself.
 */
static void
open_cache(cb_checker *c, const char *dir, const char *real,
    const char *cellbuf, size_t len)
{
	uint64_t key;

	c->caching = 0;
	if (c->cache_dir == NULL || c->src != &cb_source_fs || real == NULL)
		return;
	key = cb_hash(run_key(c, "files"), cellbuf, len);
	if (cb_cache_open(&c->cache, c->cache_dir, real, key) == 0) {
		c->caching = 1;
		c->cell_dir = dir;
	}
}

/* What a cell's seal depends on besides the files it lists. */
static uint64_t
seal_key_of(cb_checker *c, const char *show)
{
	/* A git seal (a digest) and a file system's (stamps) never meet. */
	uint64_t key =
	    run_key(c, c->src->ops->digest != NULL ? "seal git" : "seal");

	key = cb_hash(key, &c->as_of, sizeof(c->as_of));
	key = cb_hash(key, &c->from, sizeof(c->from));
	/* Messages name other files as shown ("the first is ..."). */
	key = cb_hash(key, show, strlen(show) + 1);
	return key;
}

/*
 * A git source's digest of the cell's folder (source.h) as the stamp of
 * "." in its seal: 20 bytes of SHA-1, the rest zero. 0 when there is none.
 */
static int
digest_stamp(cb_checker *c, const char *dir, struct cb_stamp *st)
{
	unsigned char id[20];

	if (c->src->ops->digest(c->src, dir, id) != 0)
		return 0;
	memset(st, 0, sizeof(*st));
	_Static_assert(sizeof(*st) >= sizeof(id), "a stamp holds a SHA-1");
	memcpy(st, id, sizeof(id));
	return 1;
}

/*
 * With --cache: if the cell's seal holds (nothing it read has changed),
 * give its findings again and return 1. Otherwise start a new seal (the
 * cell's own folder first) and return 0.
 */
static int
try_seal(cb_checker *c, const char *dir, const char *real, const char *show,
    uint64_t *key)
{
	struct cb_seal s;
	struct cb_stamp digest;
	int cfd, ok = 0;
	int (*digest_of)(const cb_source *, const char *, unsigned char *) =
	    c->src->ops->digest;

	c->sealing = 0;
	c->seal_files.len = 0;
	c->cell_t0 = cb_now_ms();
	if (c->cache_dir == NULL || real == NULL || c->hook != NULL ||
	    c->focus != NULL)
		return 0;
	if (digest_of != NULL && !digest_stamp(c, dir, &digest))
		return 0;
	*key = seal_key_of(c, show);
	if (cb_seal_read(&s, c->cache_dir, real, *key) != 0)
		ok = 0; /* no seal, or another key */
	else if (digest_of != NULL)
		/* In git, what the cell holds is its digest. */
		ok = s.nf == 1 && strcmp(s.f[0].rel, ".") == 0 &&
		    memcmp(&s.f[0].stamp, &digest, sizeof(digest)) == 0;
	else if ((cfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		ok = cb_seal_valid(&s, cfd);
		close(cfd);
	}
	if (ok) {
		cb_buf p = CB_BUF_INIT(1 << 16);
		size_t sl = strlen(show);

		pool_lock(c);
		c->stats.files += s.files;
		pool_unlock(c);
		c->cur_date = (cb_date){ 0, 0, 0 };
		for (uint32_t i = 0; i < s.nx && !c->oom; i++) {
			const struct cb_seal_finding *x = &s.x[i];
			cb_finding f;

			/* As the findings were seen: show, '/', the rest. */
			p.len = 0;
			cb_buf_puts(&p, show);
			if (x->rel[0] != '\0') {
				if (sl > 0 && show[sl - 1] != '/')
					cb_buf_putc(&p, '/');
				cb_buf_puts(&p, x->rel);
			}
			if (p.ptr == NULL) {
				c->oom = 1;
				break;
			}
			f.path = p.ptr;
			f.line = x->line;
			f.column = x->column;
			f.rule = (cb_rule)x->rule;
			f.severity = cb_rule_severity(f.rule);
			f.message = x->message;
			f.date = x->date;
			collect(&f, c);
		}
		cb_buf_free(&p);
		cb_seal_free(&s);
		flush(c);
		return 1;
	}
	cb_seal_free(&s);
	c->sealing = 1;
	c->seal_dir = dir;
	{
		struct cb_stamp st;
		struct cb_seal_file *f;

		/* "." is the cell's folder: names added to it (in git, all
		 * it holds). */
		if (digest_of != NULL)
			st = digest;
		if ((digest_of == NULL && cb_stamp_of(dir, &st) != 0) ||
		    (f = cb_vec_push(&c->seal_files)) == NULL)
			c->sealing = 0;
		else
			*f = (struct cb_seal_file){ ".", st };
	}
	return 0;
}

/* Write the cell's seal: what it read and every finding it gave. */
static void
seal(cb_checker *c, const char *real, const char *show, uint64_t key,
    unsigned files)
{
	const struct pending *p = c->pending.ptr;
	size_t sl = strlen(show);
	struct cb_seal s;

	memset(&s, 0, sizeof(s));
	s.f = c->seal_files.ptr;
	s.nf = (uint32_t)c->seal_files.len;
	/* A digest (git) is not a time: nothing in git changes in place. */
	for (uint32_t i = 0; i < s.nf && c->src->ops->digest == NULL; i++)
		if (cb_stamp_racy(&s.f[i].stamp, c->cell_t0))
			return;
	s.files = files;
	s.nx = (uint32_t)c->pending.len;
	if (s.nx && (s.x = calloc(s.nx, sizeof(*s.x))) == NULL)
		return;
	for (uint32_t i = 0; i < s.nx; i++) {
		/* Only findings in the cell's files (try_seal joins them
		 * back): show, then '/' unless show is "" or ends in '/'. */
		int sep = sl > 0 && show[sl - 1] != '/';

		if (strncmp(p[i].path, show, sl) != 0 ||
		    (sep && p[i].path[sl] != '\0' && p[i].path[sl] != '/') ||
		    (!sep && p[i].path[sl] == '/')) {
			free(s.x);
			return;
		}
		s.x[i].rel = p[i].path + sl + (sep && p[i].path[sl] == '/');
		s.x[i].rule = (uint32_t)p[i].rule;
		s.x[i].line = p[i].line;
		s.x[i].column = p[i].column;
		s.x[i].date = p[i].date;
		s.x[i].message = p[i].message;
	}
	cb_seal_write(c->cache_dir, real, key, &s);
	free(s.x);
}

/* Check the cell in `dir` under `plan` (c->plan_show names it). */
static int
check_cell_body(cb_checker *c, const char *dir, const char *real,
    const char *show, const cb_plan *plan)
{
	char *path = NULL, *pshow = NULL, *buf;
	cb_cell *cell = NULL;
	size_t len;
	int rc;
	uint64_t seal_key = 0;
	unsigned files0 = c->stats.files, io0 = c->stats.io_errors;

	if (try_seal(c, dir, real, show, &seal_key))
		return c->oom ? CB_ENOMEM : 0;
	path = cb_path_join(dir, "cell.yaml");
	pshow = cb_path_join(show, "cell.yaml");
	if (path == NULL || pshow == NULL) {
		rc = CB_ENOMEM;
		goto out;
	}
	seal_note(c, path, NULL);
	if ((rc = load(c, path, pshow, &buf, &len)) == 0) {
		rc = cb_cell_read(&cell, buf, len, pshow, c->as_of, &c->inner);
		if (rc == 0)
			open_cache(c, dir, real, buf, len);
		free(buf);
	}
	if (rc < 0)
		goto out;
#define SUBDIR(name, call)                                                     \
	do {                                                                   \
		free(path);                                                    \
		free(pshow);                                                   \
		path = cb_path_join(dir, name);                                \
		pshow = cb_path_join(show, name);                              \
		if (path == NULL || pshow == NULL) {                           \
			rc = CB_ENOMEM;                                        \
			goto out;                                              \
		}                                                              \
		if ((rc = (call)) != 0)                                        \
			goto out;                                              \
	} while (0)
	SUBDIR("meetings", check_meetings(c, cell, plan, path, pshow));
	SUBDIR("plans", check_year_files(c, cell, path, pshow, 0));
	SUBDIR("ratings", check_year_files(c, cell, path, pshow, 1));
#undef SUBDIR
	{
		char *cy = cb_path_join(show, "cell.yaml");
		struct cb_cell_input in = { &c->inner, cy, cell, plan,
			c->sums.ptr, c->sums.len, c->tplans.ptr, c->tplans.len,
			c->as_of, c->from };

		rc = cy == NULL ? CB_ENOMEM : cb_rules_cell(&in);
		free(cy);
	}
	if (rc == 0 && c->hook != NULL && !c->oom)
		rc = call_hook(c, dir, show, cell, plan);
	if (rc == 0 && !c->oom && !c->stop && c->sealing &&
	    c->stats.io_errors == io0)
		seal(c, real, show, seal_key, c->stats.files - files0);
out:
	c->sealing = 0;
	c->seal_files.len = 0;
	if (c->oom)
		rc = CB_ENOMEM;
	flush(c);
	cb_cell_free(cell);
	free(path);
	free(pshow);
	if (c->caching) {
		cb_cache_close(&c->cache);
		c->caching = 0;
	}
	c->sums.len = 0;
	c->tplans.len = 0;
	c->ratings.len = 0;
	cb_arena_clear(&c->cell_arena);
	return rc;
}

/* Walk `dir` for cells, in sorted order, never following links. */
static int
walk(cb_checker *c, const char *dir, const char *show, int depth)
{
	char *cy = cb_path_join(dir, "cell.yaml");
	char **names;
	size_t n;
	int rc = 0, err;

	if (cy == NULL)
		return CB_ENOMEM;
	err = c->src->ops->kind(c->src, cy);
	if (err == CB_KIND_OTHER) {
		char *cshow = cb_path_join(show, "cell.yaml");

		io_refuse(c, cshow ? cshow : show);
		free(cshow);
	}
	free(cy);
	if (err == CB_KIND_FILE)
		return check_cell(c, dir, show);
	if (depth > 32)
		return 0;
	if ((err = c->src->ops->list(c->src, dir, &names, &n)) != 0) {
		io_error(c, show, err);
		return err == ENOMEM ? CB_ENOMEM : 0;
	}
	for (size_t i = 0; i < n && rc == 0 && !stopped(c); i++) {
		if (names[i][0] == '.')
			continue;
		char *p = cb_path_join(dir, names[i]);
		char *s = cb_path_join(show, names[i]);

		if (p == NULL || s == NULL)
			rc = CB_ENOMEM;
		else if (c->src->ops->kind(c->src, p) == CB_KIND_DIR &&
		    !c->src->ops->is_link(c->src, p))
			rc = walk(c, p, s, depth + 1);
		free(p);
		free(s);
	}
	cb_fs_list_free(names, n);
	return rc;
}

enum file_kind { K_MEETING, K_CELL, K_PLAN, K_TPLAN, K_RATINGS };

/*
 * Component `k` of `path` counted from the end (0: the last) into `out`;
 * "" when there is none or it does not fit.
 */
static void
component(const char *path, int k, char *out, size_t size)
{
	const char *end = path + strlen(path);

	for (;;) {
		const char *start = end;

		while (start > path && start[-1] != '/')
			start--;
		if (k-- == 0) {
			size_t n = (size_t)(end - start);

			if (n >= size)
				n = 0;
			memcpy(out, start, n);
			out[n] = '\0';
			return;
		}
		if (start == path) {
			out[0] = '\0';
			return;
		}
		end = start - 1;
	}
}

/* Whether a line of `buf` starts with the top-level key `key`. */
static int
has_top_key(const char *buf, size_t len, const char *key)
{
	size_t kl = strlen(key);

	for (size_t i = 0; i + kl <= len; i++) {
		if ((i == 0 || buf[i - 1] == '\n') &&
		    memcmp(buf + i, key, kl) == 0)
			return 1;
		const char *nl = memchr(buf + i, '\n', len - i);

		if (nl == NULL)
			break;
		i = (size_t)(nl - buf);
	}
	return 0;
}

/* A file named neither by place nor by modeline: guess from its keys. */
static enum file_kind
sniff_kind(const char *buf, size_t len)
{
	if (has_top_key(buf, len, "kind:") || has_top_key(buf, len, "date:"))
		return K_MEETING;
	if (has_top_key(buf, len, "cell:"))
		return K_CELL;
	if (has_top_key(buf, len, "quarters:"))
		return K_TPLAN;
	if (has_top_key(buf, len, "year:"))
		return K_RATINGS;
	if (has_top_key(buf, len, "regular:") ||
	    has_top_key(buf, len, "attendance:") ||
	    has_top_key(buf, len, "upper:") ||
	    has_top_key(buf, len, "duration:") ||
	    has_top_key(buf, len, "papers:"))
		return K_PLAN;
	return K_MEETING;
}

/*
 * The kind of a lone record file: named by a yaml-language-server modeline
 * on its first lines (`# yaml-language-server: $schema=.../cell.schema.json`)
 * or by its name and folder.
 */
static enum file_kind
guess_kind(const char *path, const char *buf, size_t len)
{
	static const struct {
		const char *schema;
		enum file_kind kind;
	} schemas[] = {
		{ "thematic-plan.schema.json", K_TPLAN },
		{ "cell.schema.json", K_CELL },
		{ "plan.schema.json", K_PLAN },
		{ "ratings.schema.json", K_RATINGS },
		{ "meeting.schema.json", K_MEETING },
	};
	size_t head = len < 512 ? len : 512;
	const char *ml = NULL;

	for (size_t i = 0; i + 21 <= head && ml == NULL; i++)
		if (memcmp(buf + i, "yaml-language-server:", 21) == 0)
			ml = buf + i;
	if (ml != NULL) {
		const char *eol = memchr(ml, '\n', (size_t)(buf + len - ml));
		size_t ll = eol ? (size_t)(eol - ml) : (size_t)(buf + len - ml);

		for (size_t k = 0; k < sizeof(schemas) / sizeof(schemas[0]);
		     k++) {
			size_t sl = strlen(schemas[k].schema);

			for (size_t i = 0; i + sl <= ll; i++)
				if (memcmp(ml + i, schemas[k].schema, sl) == 0)
					return schemas[k].kind;
		}
	}
	char base[256], parent[16];

	component(path, 0, base, sizeof(base));
	component(path, 1, parent, sizeof(parent));
	if (strcmp(base, "cell.yaml") == 0)
		return K_CELL;
	if (strcmp(base, "plan.yaml") == 0)
		return K_PLAN;
	if (strcmp(parent, "plans") == 0)
		return K_TPLAN;
	if (strcmp(parent, "ratings") == 0)
		return K_RATINGS;
	return sniff_kind(buf, len);
}

/* A record file outside any cell: checked alone, without a roster. */
static int
check_lone_file(cb_checker *c, const char *path, const char *show)
{
	char *buf;
	size_t len;
	int rc = load(c, path, show, &buf, &len);

	if (rc != 0)
		return rc < 0 ? rc : 0;
	switch (guess_kind(path, buf, len)) {
	case K_CELL: {
		cb_cell *x;

		rc = cb_cell_read(&x, buf, len, show, c->as_of, &c->inner);
		cb_cell_free(x);
		break;
	}
	case K_PLAN: {
		cb_plan *x;

		rc = cb_plan_read(&x, buf, len, show, &c->inner);
		cb_plan_free(x);
		break;
	}
	case K_TPLAN: {
		cb_tplan *x;

		rc = cb_tplan_read(&x, buf, len, show, NULL, &c->inner);
		cb_tplan_free(x);
		break;
	}
	case K_RATINGS: {
		cb_ratings *x;

		rc = cb_ratings_read(&x, buf, len, show, NULL, &c->inner);
		cb_ratings_free(x);
		break;
	}
	case K_MEETING: {
		cb_meeting *x;
		char parent[64], gp[64], base[256];

		rc = cb_meeting_read(&x, buf, len, show, NULL, &c->inner);
		component(path, 0, base, sizeof(base));
		component(path, 1, parent, sizeof(parent));
		component(path, 2, gp, sizeof(gp));
		/* Under meetings/ or meetings/YYYY/: check the name too. */
		if (x != NULL && strcmp(parent, "meetings") == 0)
			check_file_name(c, show, NULL, base, x);
		else if (x != NULL && strcmp(gp, "meetings") == 0)
			check_file_name(c, show, parent, base, x);
		else if (x != NULL)
			check_file_name(c, show, "", base, x);
		cb_meeting_free(x);
		break;
	}
	}
	free(buf);
	if (c->oom)
		rc = CB_ENOMEM;
	flush(c);
	return rc;
}

/*
 * One file inside a cell: check the whole cell (its rules need the
 * roster and the other meetings) and keep only this file's findings.
 */
static int
check_one_file(cb_checker *c, const char *path, const char *show)
{
	char *real = c->src->ops->real(c->src, path);
	int rc = 0;

	if (real == NULL) {
		io_error(c, show, errno);
		return 0;
	}
	/* The cell is 1, 2 or 3 levels up, as the file's place says. */
	char *cell = NULL;

	for (int up = 1; up <= 3 && cell == NULL; up++) {
		char *d = strdup(real);
		int ok = d != NULL;

		for (int i = 0; ok && i < up; i++) {
			char *slash = strrchr(d, '/');

			if (slash == NULL || slash == d)
				ok = 0;
			else
				*slash = '\0';
		}
		const char *rel = ok ? real + strlen(d) + 1 : NULL;
		char *cy = ok ? cb_path_join(d, "cell.yaml") : NULL;

		if (cy != NULL &&
		    c->src->ops->kind(c->src, cy) == CB_KIND_FILE &&
		    ((up == 1 &&
			 (!strcmp(rel, "cell.yaml") ||
			     !strcmp(rel, "plan.yaml"))) ||
			(up == 2 &&
			    (!strncmp(rel, "plans/", 6) ||
				!strncmp(rel, "ratings/", 8) ||
				!strncmp(rel, "meetings/", 9))) ||
			(up == 3 && !strncmp(rel, "meetings/", 9)))) {
			cell = d;
			d = NULL;
		}
		free(cy);
		free(d);
	}
	if (cell == NULL) {
		free(real);
		return check_lone_file(c, path, show);
	}
	unsigned files = c->stats.files;

	c->focus = real;
	c->focus_show = show;
	rc = check_cell(c, cell, cell);
	/* The others were read for the cell's rules; one was checked. */
	c->stats.files = files + 1;
	c->focus = NULL;
	c->focus_show = NULL;
	free(cell);
	free(real);
	return rc;
}

/*
 * Parallel checking (-j): the calling thread walks the tree and hands each
 * cell, with its plan, to a pool of workers; each worker has a checker of
 * its own (nothing is shared but the read-only plans and settings) and
 * keeps a cell's sorted findings; they are delivered strictly in the order
 * of the walk, so the output is the same for every -j. The walk overlaps
 * the checking, and a window bounds how far it may run ahead.
 */
struct job {
	char *dir, *show; /* NULL: findings queued by the walker itself */
	char *real;	  /* the canonical name of dir */
	const cb_plan *plan;
	const char *plan_show;
	uint64_t plan_hash;
	int done, rc;
	int oom;  /* a finding could not be kept: the run fails */
	cb_vec f; /* struct pending */
	cb_arena arena;
	unsigned files, io_errors;
};

enum { WINDOW = 64 };

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t can_take, can_put;
	pthread_t threads[64];
	cb_checker *subs[64];
	int nthreads;
	struct job *ring[WINDOW];
	size_t next_seq, next_take, next_emit;
	int closing, rc;
	cb_checker *main;
};

static void
job_free(struct job *j)
{
	if (j == NULL)
		return;
	free(j->dir);
	free(j->real);
	free(j->show);
	cb_vec_free(&j->f);
	cb_arena_clear(&j->arena);
	free(j);
}

/* The worker's reporter: keep the (already sorted) findings of its job. */
static int
job_collect(const cb_finding *f, void *payload)
{
	struct job *j = payload;
	struct pending *p = cb_vec_push(&j->f);

	if (p == NULL) {
		j->oom = 1;
		return 1;
	}
	p->path = cb_arena_strndup(&j->arena, f->path, strlen(f->path));
	p->message =
	    cb_arena_strndup(&j->arena, f->message, strlen(f->message));
	p->line = f->line;
	p->column = f->column;
	p->rule = f->rule;
	p->date = f->date;
	if (p->path == NULL || p->message == NULL) {
		j->f.len--; /* not half a finding */
		j->oom = 1;
		return 1;
	}
	return 0;
}

/* Deliver finished jobs in order (the pool's lock held). */
static void
emit_ready(struct pool *pl)
{
	cb_checker *c = pl->main;

	while (pl->next_emit < pl->next_seq &&
	    pl->ring[pl->next_emit % WINDOW]->done) {
		struct job *j = pl->ring[pl->next_emit % WINDOW];
		struct pending *v = j->f.ptr;

		if (j->rc && pl->rc == 0)
			pl->rc = j->rc;
		if (j->oom && pl->rc == 0)
			pl->rc = CB_ENOMEM;
		c->stats.files += j->files;
		c->stats.io_errors += j->io_errors;
		deliver(c, v, j->f.len, NULL);
		pl->ring[pl->next_emit % WINDOW] = NULL;
		pl->next_emit++;
		job_free(j);
		pthread_cond_broadcast(&pl->can_put);
	}
}

/* Put a job in the window, waiting while the window is full. */
static int
put(struct pool *pl, struct job *j)
{
	pthread_mutex_lock(&pl->mu);
	while (pl->next_seq - pl->next_emit >= WINDOW)
		pthread_cond_wait(&pl->can_put, &pl->mu);
	pl->ring[pl->next_seq % WINDOW] = j;
	pl->next_seq++;
	if (j->done)
		emit_ready(pl);
	pthread_cond_signal(&pl->can_take);
	pthread_mutex_unlock(&pl->mu);
	return 0;
}

static void
queue_findings(cb_checker *c)
{
	struct job *j = calloc(1, sizeof(*j));
	struct pending *v = c->pending.ptr;

	if (j == NULL) {
		c->oom = 1;
		return;
	}
	j->f = (cb_vec)CB_VEC_INIT(sizeof(struct pending));
	if (c->pending.len > 1)
		qsort(v, c->pending.len, sizeof(*v), pending_cmp);
	for (size_t i = 0; i < c->pending.len; i++) {
		struct pending *p = cb_vec_push(&j->f);

		if (p == NULL) {
			c->oom = 1;
			break;
		}
		*p = v[i];
		p->path =
		    cb_arena_strndup(&j->arena, v[i].path, strlen(v[i].path));
		p->message = cb_arena_strndup(
		    &j->arena, v[i].message, strlen(v[i].message));
		if (p->path == NULL || p->message == NULL)
			c->oom = 1;
	}
	c->pending.len = 0;
	cb_arena_clear(&c->pend_arena);
	j->done = 1;
	put(c->pool, j);
}

static int
enqueue_cell(cb_checker *c, const char *dir, const char *real, const char *show,
    const cb_plan *plan)
{
	struct job *j = calloc(1, sizeof(*j));

	if (j == NULL)
		return CB_ENOMEM;
	j->f = (cb_vec)CB_VEC_INIT(sizeof(struct pending));
	j->dir = strdup(dir);
	j->real = strdup(real);
	j->show = strdup(show);
	j->plan = plan;
	j->plan_show = c->plan_show;
	j->plan_hash = c->plan_hash;
	if (j->dir == NULL || j->real == NULL || j->show == NULL) {
		job_free(j);
		return CB_ENOMEM;
	}
	return put(c->pool, j);
}

static void *
worker(void *arg)
{
	cb_checker *sub = arg;
	struct pool *pl = sub->owner;

	for (;;) {
		struct job *j;

		pthread_mutex_lock(&pl->mu);
		for (;;) {
			/* Findings queued by the walker were delivered
			 * already: nothing to take there. */
			if (pl->next_take < pl->next_emit)
				pl->next_take = pl->next_emit;
			if (pl->next_take < pl->next_seq || pl->closing)
				break;
			pthread_cond_wait(&pl->can_take, &pl->mu);
		}
		if (pl->next_take >= pl->next_seq) {
			pthread_mutex_unlock(&pl->mu);
			break;
		}
		j = pl->ring[pl->next_take++ % WINDOW];
		pthread_mutex_unlock(&pl->mu);
		if (j->dir != NULL && !j->done) {
			unsigned files = sub->stats.files;
			unsigned io = sub->stats.io_errors;

			sub->rep.payload = j;
			sub->plan_show = j->plan_show;
			sub->plan_hash = j->plan_hash;
			j->rc = check_cell_body(
			    sub, j->dir, j->real, j->show, j->plan);
			j->files = sub->stats.files - files;
			j->io_errors = sub->stats.io_errors - io;
		}
		pthread_mutex_lock(&pl->mu);
		j->done = 1;
		emit_ready(pl);
		pthread_mutex_unlock(&pl->mu);
	}
	return NULL;
}

/* A worker's checker: the main one's settings, its own everything else. */
static cb_checker *
sub_checker(cb_checker *c)
{
	cb_checker *s;

	if (cb_checker_new(&s) != 0)
		return NULL;
	s->src = c->src;
	s->rep.fn = job_collect;
	s->inner.translate = c->inner.translate;
	s->inner.translate_payload = c->inner.translate_payload;
	s->io_fn = c->io_fn;
	s->io_payload = c->io_payload;
	s->as_of = c->as_of;
	s->from = c->from;
	memcpy(s->disabled, c->disabled, sizeof(s->disabled));
	if (c->cache_dir && cb_checker_set_cache(s, c->cache_dir) != 0) {
		cb_checker_free(s);
		return NULL;
	}
	return s;
}

static int
pool_start(cb_checker *c)
{
	struct pool *pl = calloc(1, sizeof(*pl));
	int n = c->jobs > 64 ? 64 : c->jobs;

	if (pl == NULL)
		return CB_ENOMEM;
	pthread_mutex_init(&pl->mu, NULL);
	pthread_cond_init(&pl->can_take, NULL);
	pthread_cond_init(&pl->can_put, NULL);
	pl->main = c;
	for (int i = 0; i < n; i++) {
		cb_checker *s = sub_checker(c);

		if (s == NULL)
			break;
		/* The worker finds the pool through its checker. */
		pl->subs[i] = s;
		s->owner = pl;
		if (pthread_create(&pl->threads[i], NULL, worker, s) != 0) {
			cb_checker_free(s);
			pl->subs[i] = NULL;
			break;
		}
		pl->nthreads++;
	}
	if (pl->nthreads == 0) {
		pthread_mutex_destroy(&pl->mu);
		pthread_cond_destroy(&pl->can_take);
		pthread_cond_destroy(&pl->can_put);
		free(pl);
		return CB_ENOMEM;
	}
	c->pool = pl;
	return 0;
}

/* Wait for every job, deliver the rest, stop the workers. */
static int
pool_finish(cb_checker *c)
{
	struct pool *pl = c->pool;
	int rc;

	pthread_mutex_lock(&pl->mu);
	pl->closing = 1;
	pthread_cond_broadcast(&pl->can_take);
	pthread_mutex_unlock(&pl->mu);
	for (int i = 0; i < pl->nthreads; i++) {
		pthread_join(pl->threads[i], NULL);
		cb_checker_free(pl->subs[i]);
	}
	pthread_mutex_lock(&pl->mu);
	emit_ready(pl);
	pthread_mutex_unlock(&pl->mu);
	rc = pl->rc;
	pthread_mutex_destroy(&pl->mu);
	pthread_cond_destroy(&pl->can_take);
	pthread_cond_destroy(&pl->can_put);
	free(pl);
	c->pool = NULL;
	return rc;
}

static void
pool_lock(cb_checker *c)
{
	if (c->pool != NULL)
		pthread_mutex_lock(&c->pool->mu);
}

static void
pool_unlock(cb_checker *c)
{
	if (c->pool != NULL)
		pthread_mutex_unlock(&c->pool->mu);
}

int
cb_checker_set_cache(cb_checker *c, const char *dir)
{
	char *p = dir ? strdup(dir) : NULL;

	if (dir && p == NULL)
		return CB_ENOMEM;
	free(c->cache_dir);
	c->cache_dir = p;
	return 0;
}

void
cb_checker_set_jobs(cb_checker *c, int jobs)
{
	c->jobs = jobs < 1 ? 1 : jobs;
}

int
cb_checker_run(cb_checker *c, const char *path, const char *display)
{
	int rc, kind = c->src->ops->kind(c->src, path);

	/* Names are relative to the current directory, which may change
	 * between runs. */
	free(c->memo_dir);
	free(c->memo_real);
	c->memo_dir = c->memo_real = NULL;

	if (display == NULL)
		display = path;
	if (kind == CB_KIND_NONE) {
		io_error(c, display, ENOENT);
		return CB_ENOTFOUND;
	}
	if (kind == CB_KIND_DIR && c->jobs > 1 && c->hook == NULL &&
	    pool_start(c) == 0) {
		rc = walk(c, path, display, 0);
		flush(c);
		int prc = pool_finish(c);

		if (rc == 0)
			rc = prc;
		if (rc == 0 && c->oom)
			rc = CB_ENOMEM;
	} else if (kind == CB_KIND_DIR) {
		rc = walk(c, path, display, 0);
	} else {
		rc = check_one_file(c, path, display);
	}
	flush(c);
	if (rc == 0 && c->stop)
		rc = CB_EUSER;
	return rc;
}
