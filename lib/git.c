/*
 * git.c - records read from a git revision or the index (libgit2), as a
 * cb_source: blobs by tree path from the object database, no checkout.
 *
 * Auditors read other people's repositories, so the tree is distrusted:
 * symbolic links and submodules are never followed, and entries named
 * "..", "." or ".git", or with a slash in the name, are refused and listed
 * (cb_source_refused()). A blob's size is read from the object header
 * before the blob itself, so a huge blob is refused without loading it.
 */
#include <errno.h>
#include <git2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "gitx.h"
#include "sha1.h"
#include "text.h"
#include "source.h"
#include "banned.h"

struct entry {
	char *path; /* first (cb_lower_bound); from the root, no leading / */
	git_oid oid;
	uint32_t mode;
};

struct git_src {
	git_repository *repo;
	char *prefix;  /* the user's directory, relative to the root */
	char *workdir; /* real path of the work tree, or NULL (bare) */
	struct entry *e;
	size_t n, cap;
	char **refused;
	size_t nrefused;
	char *describe;
	/*
	 * Checkers on several threads (-j) read through one source, each
	 * read through a handle of its own on the repository: libgit2's
	 * caches are per handle and locked, so one shared handle made the
	 * threads wait. Handles not in use wait in `spare`.
	 */
	pthread_mutex_t mu;
	git_repository *spare[64];
	size_t nspare;
	char *dir; /* how the first handle was opened, for the others */
	int trust;
	cb_reporter tr;	   /* only its translation: messages */
	atomic_int packed; /* cb_git_blob's hint, shared by the threads */
	int sha_hw;	   /* and the other half of it, asked once */
};

static struct git_src *
G(const cb_source *s)
{
	return s->data;
}

/*
 * A path as the user wrote it (relative to their directory, absolute in
 * the work tree, or "git:/..." as real() gives) as a path from the root;
 * NULL when it leaves the tree.
 */
static char *
treepath(const struct git_src *g, const char *p)
{
	cb_buf in = CB_BUF_INIT(1 << 16), out = CB_BUF_INIT(1 << 16);

	if (strncmp(p, "git:/", 5) == 0) {
		cb_buf_puts(&in, p + 5);
	} else if (p[0] == '/') {
		size_t wl = g->workdir ? strlen(g->workdir) : 0;

		if (wl == 0 || strncmp(p, g->workdir, wl) != 0 ||
		    (p[wl] != '/' && p[wl] != '\0')) {
			errno = ENOENT;
			return NULL;
		}
		cb_buf_puts(&in, p + wl);
	} else {
		cb_buf_puts(&in, g->prefix);
		cb_buf_putc(&in, '/');
		cb_buf_puts(&in, p);
	}
	if (in.ptr == NULL) {
		cb_buf_free(&in);
		errno = ENOMEM;
		return NULL;
	}
	/* Resolve "." and ".." by name: the tree has no links to follow. */
	for (char *s = in.ptr; *s;) {
		char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s);

		if (len == 0 || (len == 1 && s[0] == '.')) {
			/* nothing */
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			char *slash = out.ptr ? strrchr(out.ptr, '/') : NULL;

			if (out.len == 0) {
				cb_buf_free(&in);
				cb_buf_free(&out);
				errno = ENOENT;
				return NULL;
			}
			out.len = slash ? (size_t)(slash - out.ptr) : 0;
			out.ptr[out.len] = '\0';
		} else {
			if (out.len)
				cb_buf_putc(&out, '/');
			cb_buf_put(&out, s, len);
		}
		s += len + (e != NULL);
	}
	cb_buf_free(&in);
	if (out.ptr == NULL)
		return strdup("");
	return cb_buf_detach(&out);
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(
	    ((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

/*
 * Sort the entries by path. A tree walked in pre-order, and an index,
 * give them sorted already (git orders a tree's names as if a folder's
 * ended in '/', which is the order of the whole paths): one pass checks,
 * and only a tree written out of order (not by git) is sorted.
 */
static void
sort_entries(struct git_src *g)
{
	for (size_t i = 1; i < g->n; i++)
		if (strcmp(g->e[i - 1].path, g->e[i].path) > 0) {
			qsort(g->e, g->n, sizeof(*g->e), entry_cmp);
			return;
		}
}

/* The first entry whose path is not less than `key`. */
static size_t
lower_bound(const struct git_src *g, const char *key)
{
	return cb_lower_bound(g->e, g->n, sizeof(*g->e), key);
}

static const struct entry *
find(const struct git_src *g, const char *tp)
{
	size_t i = lower_bound(g, tp);

	return i < g->n && strcmp(g->e[i].path, tp) == 0 ? &g->e[i] : NULL;
}

/*
 * The folder at tree path `tp` ("" for the top): the index of the first
 * entry under it, and in `*prefix` (malloc'ed; NULL when out of memory)
 * what the paths under it begin with, "tp/" or "". Those paths sort
 * together, from that index on.
 */
static size_t
first_under(const struct git_src *g, const char *tp, char **prefix)
{
	size_t len = strlen(tp);

	if ((*prefix = malloc(len + 2)) == NULL)
		return g->n;
	memcpy(*prefix, tp, len);
	if (len)
		(*prefix)[len++] = '/';
	(*prefix)[len] = '\0';
	return lower_bound(g, *prefix);
}

static int
is_blob(uint32_t mode)
{
	return mode == GIT_FILEMODE_BLOB ||
	    mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

static int
g_kind(const cb_source *s, const char *path)
{
	struct git_src *g = G(s);
	char *tp = treepath(g, path);
	const struct entry *e;
	int kind = CB_KIND_NONE;

	if (tp == NULL)
		return CB_KIND_NONE;
	if (*tp == '\0') {
		kind = CB_KIND_DIR;
	} else if ((e = find(g, tp)) != NULL) {
		kind = is_blob(e->mode) ? CB_KIND_FILE : CB_KIND_OTHER;
	} else {
		char *pre;
		size_t i = first_under(g, tp, &pre);

		if (pre != NULL && i < g->n &&
		    strncmp(g->e[i].path, pre, strlen(pre)) == 0)
			kind = CB_KIND_DIR;
		free(pre);
	}
	free(tp);
	return kind;
}

static int
g_is_link(const cb_source *s, const char *path)
{
	struct git_src *g = G(s);
	char *tp = treepath(g, path);
	const struct entry *e = tp ? find(g, tp) : NULL;

	free(tp);
	return e != NULL && !is_blob(e->mode);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
g_list(const cb_source *s, const char *dir, char ***names, size_t *n)
{
	struct git_src *g = G(s);
	char *tp = treepath(g, dir), *pre;
	char **v = NULL;
	size_t len, cnt = 0, cap = 0, first;

	*names = NULL;
	*n = 0;
	if (tp == NULL)
		return ENOENT;
	first = first_under(g, tp, &pre);
	free(tp);
	if (pre == NULL)
		return ENOMEM;
	len = strlen(pre);
	for (size_t i = first; i < g->n && strncmp(g->e[i].path, pre, len) == 0;
	     i++) {
		const char *rest = g->e[i].path + len;
		size_t cl = strcspn(rest, "/");

		if (cnt && strlen(v[cnt - 1]) == cl &&
		    strncmp(v[cnt - 1], rest, cl) == 0)
			continue;
		if (cnt == cap) {
			char **nv =
			    realloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));

			if (nv == NULL)
				goto oom;
			v = nv;
		}
		if ((v[cnt] = strndup(rest, cl)) == NULL)
			goto oom;
		cnt++;
	}
	free(pre);
	if (cnt == 0 && len && g_kind(s, dir) != CB_KIND_DIR) {
		free(v);
		return ENOENT;
	}
	if (cnt > 1)
		qsort(v, cnt, sizeof(*v), name_cmp);
	*names = v;
	*n = cnt;
	return 0;
oom:
	free(pre);
	cb_fs_list_free(v, cnt);
	return ENOMEM;
}

/* A handle for one read: a spare one, or a new one on the same objects. */
static git_repository *
take_handle(struct git_src *g, char *msg, size_t msgsize)
{
	git_repository *r = NULL;

	pthread_mutex_lock(&g->mu);
	if (g->nspare > 0)
		r = g->spare[--g->nspare];
	pthread_mutex_unlock(&g->mu);
	/* Opened as the first (a hook's quarantined objects included);
	 * the owner check, if the user trusted it, is off already. */
	if (r == NULL &&
	    cb_git_repo_open(&r, g->dir, g->trust & ~CB_GIT_TRUST, &g->tr, msg,
		msgsize) != 0)
		r = NULL;
	return r;
}

static void
give_handle(struct git_src *g, git_repository *r)
{
	pthread_mutex_lock(&g->mu);
	if (g->nspare < sizeof(g->spare) / sizeof(g->spare[0])) {
		g->spare[g->nspare++] = r;
		r = NULL;
	}
	pthread_mutex_unlock(&g->mu);
	git_repository_free(r);
}

static int
g_read(const cb_source *s, const char *path, size_t max, char **buf,
    size_t *len, char *err, size_t errsize)
{
	struct git_src *g = G(s);
	char *tp = treepath(g, path);
	const struct entry *e = tp ? find(g, tp) : NULL;
	git_repository *r;
	size_t size;
	int rc;

	*buf = NULL;
	*len = 0;
	free(tp);
	if (errsize)
		err[0] = '\0';
	if (e == NULL)
		return ENOENT;
	if (!is_blob(e->mode)) {
		snprintf(err, errsize, "%s",
		    e->mode == GIT_FILEMODE_LINK
			? cb_tr(&g->tr,
			      N_("a symbolic link in the repository; cb "
				 "does not follow links"))
			: cb_tr(&g->tr,
			      N_("a submodule; cb reads no submodules")));
		return ELOOP;
	}
	if ((r = take_handle(g, err, errsize)) == NULL)
		return EIO;
	struct cb_blob_hint hint = { atomic_load_explicit(
					 &g->packed, memory_order_relaxed),
		g->sha_hw };

	rc = cb_git_blob(buf, &size, r, &e->oid, max, &hint, &g->tr);
	if (hint.packed) /* once set, set for every thread */
		atomic_store_explicit(&g->packed, 1, memory_order_relaxed);
	if (rc == -2) {
		give_handle(g, r);
		return ENOMEM;
	}
	if (rc < 0)
		cb_errf(&g->tr, err, errsize, N_("cannot read the blob: %s"),
		    git_error_last() && git_error_last()->message
			? git_error_last()->message
			: "?");
	give_handle(g, r);
	if (rc >= 0)
		*len = size;
	return rc == 0 ? 0 : rc == 1 ? -1 : EIO;
}

static char *
g_real(const cb_source *s, const char *path)
{
	char *tp = treepath(G(s), path), *r;

	if (tp == NULL)
		return NULL;
	r = malloc(strlen(tp) + 6);
	if (r != NULL) {
		memcpy(r, "git:/", 5);
		memcpy(r + 5, tp, strlen(tp) + 1);
		/* "git:/" alone would end the plan search one level late. */
		if (*tp == '\0')
			r[4] = '\0';
	}
	free(tp);
	return r;
}

static int
g_is_top(const cb_source *s, const char *dir)
{
	char *tp = treepath(G(s), dir);
	int top = tp != NULL && *tp == '\0';

	free(tp);
	return top;
}

static int
g_digest(const cb_source *s, const char *dir, unsigned char out[20])
{
	struct git_src *g = G(s);
	char *tp = treepath(g, dir), *pre;
	cb_buf b = CB_BUF_INIT((size_t)1 << 30);
	size_t i, len;
	git_oid id;
	int err = 0;

	if (tp == NULL)
		return -1;
	i = first_under(g, tp, &pre);
	free(tp);
	if (pre == NULL)
		return -1;
	len = strlen(pre);
	for (; i < g->n && err == 0 && strncmp(g->e[i].path, pre, len) == 0;
	     i++) {
		const struct entry *e = &g->e[i];
		unsigned char mode[4] = { (unsigned char)(e->mode >> 24),
			(unsigned char)(e->mode >> 16),
			(unsigned char)(e->mode >> 8), (unsigned char)e->mode };

		err = cb_buf_puts(&b, e->path + len) || cb_buf_putc(&b, '\0') ||
		    cb_buf_put(&b, mode, sizeof(mode)) ||
		    cb_buf_put(&b, e->oid.id, GIT_OID_RAWSZ);
	}
	free(pre);
	if (err == 0 &&
	    git_odb_hash(&id, b.ptr ? b.ptr : "", b.len, GIT_OBJECT_BLOB) != 0)
		err = -1;
	if (err == 0)
		memcpy(out, id.id, GIT_OID_RAWSZ);
	cb_buf_free(&b);
	return err ? -1 : 0;
}

static const struct cb_source_ops git_ops = { g_read, g_list, g_kind, g_is_link,
	g_real, g_is_top, g_digest };

/* A name no path may have: it could climb out or into .git. */
static int
unsafe_name(const char *name)
{
	return *name == '\0' || !strcmp(name, ".") || !strcmp(name, "..") ||
	    !strcasecmp(name, ".git") || strchr(name, '/') != NULL ||
	    strchr(name, '\\') != NULL;
}

static int
refuse(struct git_src *g, const char *root, const char *name)
{
	char **r = realloc(g->refused, (g->nrefused + 1) * sizeof(*r));
	size_t len = strlen(root) + strlen(name) + 1;

	if (r == NULL)
		return -1;
	g->refused = r;
	if ((r[g->nrefused] = malloc(len)) == NULL)
		return -1;
	snprintf(r[g->nrefused++], len, "%s%s", root, name);
	return 0;
}

static int
add(struct git_src *g, const char *root, const char *name, const git_oid *oid,
    uint32_t mode)
{
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 256;
		struct entry *e = realloc(g->e, cap * sizeof(*e));

		if (e == NULL)
			return -1;
		g->e = e;
		g->cap = cap;
	}
	size_t rl = strlen(root), nl = strlen(name);
	char *p = malloc(rl + nl + 1);

	if (p == NULL)
		return -1;
	memcpy(p, root, rl);
	memcpy(p + rl, name, nl + 1);
	g->e[g->n].path = p;
	g->e[g->n].oid = *oid;
	g->e[g->n].mode = mode;
	g->n++;
	return 0;
}

static int
walk_cb(const char *root, const git_tree_entry *entry, void *payload)
{
	struct git_src *g = payload;
	const char *name = git_tree_entry_name(entry);
	git_filemode_t mode = git_tree_entry_filemode_raw(entry);

	if (unsafe_name(name))
		return refuse(g, root, name) ? -1 : 1;
	if (mode == GIT_FILEMODE_TREE)
		return 0;
	if (mode == GIT_FILEMODE_LINK || mode == GIT_FILEMODE_COMMIT)
		if (refuse(g, root, name))
			return -1;
	return add(g, root, name, git_tree_entry_id(entry), mode) ? -1 : 0;
}

void
cb_source_free(cb_source *src)
{
	struct git_src *g;

	if (src == NULL)
		return;
	g = src->data;
	if (g != NULL) {
		for (size_t i = 0; i < g->n; i++)
			free(g->e[i].path);
		for (size_t i = 0; i < g->nrefused; i++)
			free(g->refused[i]);
		free(g->refused);
		free(g->e);
		free(g->prefix);
		free(g->workdir);
		free(g->describe);
		free(g->dir);
		git_repository_free(g->repo);
		for (size_t i = 0; i < g->nspare; i++)
			git_repository_free(g->spare[i]);
		pthread_mutex_destroy(&g->mu);
		free(g);
		git_libgit2_shutdown();
	}
	free(src);
}

const char *
cb_source_describe(const cb_source *src)
{
	if (src == NULL || src->ops != &git_ops)
		return "working tree";
	return G(src)->describe;
}

const char *
cb_source_refused(const cb_source *src, size_t i)
{
	if (src == NULL || src->ops != &git_ops || i >= G(src)->nrefused)
		return NULL;
	return G(src)->refused[i];
}

/*
 * libgit2 re-hashes every object it reads, which was a fifth of cb audit's
 * time; git itself does not, and cb_git_blob verifies the blobs cb reads.
 *
 * Pack files are mapped in windows of 32 MiB, at most 1 GiB at once (256
 * MiB in a 32-bit process, as libgit2 does there): a level's repository (a
 * 2,000-cell office over 5 years packs into 200 MB) stays mapped whole.
 * cb reads blobs in the order of the tree, which jumps about the pack;
 * with at most 32 MiB mapped (an earlier choice, to keep the pack out of
 * cb's resident size) every few blobs unmapped one window and mapped
 * another, 35,000 times on that repository, under libgit2's process-wide
 * lock: --rev at -j2 took 7.9 s where it now takes 6.7 s. The mapped pages
 * are the page cache's, shared with every process reading the pack; cb's
 * own memory is unchanged (README, Performance). git itself maps such a
 * pack whole too, in one window (1 GiB windows, 8 GiB at most, on 64 bits;
 * libgit2's defaults are the same).
 */
static pthread_once_t git_options_once = PTHREAD_ONCE_INIT;

static void
git_options(void)
{
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)32 << 20);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT,
	    sizeof(void *) >= 8 ? (size_t)1 << 30 : (size_t)256 << 20);
}

int
cb_git_repo_open(git_repository **out, const char *dir, int trust,
    const cb_reporter *tr, char *err, size_t errsize)
{
	int rc;

	/* Process-wide in libgit2, set before any thread reads (libgit2
	 * writes its options unlocked): see git_options. */
	pthread_once(&git_options_once, git_options);
	/* Process-wide too: the caller asked to trust the owner. */
	if (trust & CB_GIT_TRUST)
		git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	if (trust & CB_GIT_FROM_ENV)
		rc = git_repository_open_ext(
		    out, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
	else
		rc = git_repository_open_ext(out, dir, 0, NULL);
	const git_error *e = rc ? git_error_last() : NULL;

	/* libgit2 1.5 reports a foreign owner as a missing safe.directory
	 * setting (fixed in 1.6): both mean the same to the user. */
	if (rc == GIT_EOWNER ||
	    (e && e->message && strstr(e->message, "safe.directory") != NULL)) {
		cb_errf(tr, err, errsize,
		    N_("the repository at '%s' belongs to another user; if "
		       "you trust it, add --trust-repo"),
		    dir);
		return CB_EINVAL;
	}
	if (rc != 0) {
		cb_errf(tr, err, errsize,
		    N_("'%s' is not in a git repository: %s"), dir,
		    e && e->message ? e->message : "?");
		return CB_EINVAL;
	}
	return 0;
}

/* The whole of a blob through a stream (loose objects): one read of the
 * object file, where a header read and then a read would open it twice. */
static int
blob_stream(char **out, size_t *size, git_odb *odb, const git_oid *id,
    size_t max, const cb_reporter *tr)
{
	git_odb_stream *st = NULL;
	git_object_t type;
	size_t len = 0, got = 0;
	char *buf;

	if (git_odb_open_rstream(&st, &len, &type, odb, id) != 0)
		return -3; /* not loose, or unreadable: the other way */
	if (type != GIT_OBJECT_BLOB) {
		git_odb_stream_free(st);
		git_error_set_str(
		    GIT_ERROR_ODB, cb_tr(tr, N_("the object is not a blob")));
		return -1;
	}
	*size = len;
	if (len > max) {
		git_odb_stream_free(st);
		return 1;
	}
	if ((buf = malloc(len + 1)) == NULL) {
		git_odb_stream_free(st);
		git_error_set_oom();
		return -2;
	}
	while (got < len) {
		int n = git_odb_stream_read(st, buf + got, len - got);

		if (n <= 0)
			break;
		got += (size_t)n;
	}
	git_odb_stream_free(st);
	if (got != len) {
		free(buf);
		git_error_set_str(
		    GIT_ERROR_ODB, cb_tr(tr, N_("the object is truncated")));
		return -1;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

/* The id of `len` bytes as a blob: the CPU's SHA instructions, or
 * libgit2's collision-detecting hash where there are none (sha1.h). */
static int
blob_id(git_oid *out, const char *data, size_t len, int sha_hw)
{
	if (sha_hw && cb_sha1_blob(out->id, data, len) == 0)
		return 0;
	return git_odb_hash(out, data, len, GIT_OBJECT_BLOB);
}

int
cb_git_blob(char **out, size_t *size, git_repository *repo, const git_oid *id,
    size_t max, struct cb_blob_hint *hint, const cb_reporter *tr)
{
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	git_object_t type;
	git_oid check;
	int rc;

	*out = NULL;
	*size = 0;
	if (git_repository_odb(&odb, repo) != 0)
		return -1;
	rc = hint && hint->packed ? -3
				  : blob_stream(out, size, odb, id, max, tr);
	if (rc == -3) {
		/* Packed: the size from the header first, then the object. */
		if (hint)
			hint->packed = 1;
		rc = -1;
		if (git_odb_read_header(size, &type, odb, id) != 0)
			goto out;
		if (*size > max) {
			rc = 1;
			goto out;
		}
		if (git_odb_read(&obj, odb, id) != 0)
			goto out;
		if (git_odb_object_type(obj) != GIT_OBJECT_BLOB) {
			git_error_set_str(GIT_ERROR_ODB,
			    cb_tr(tr, N_("the object is not a blob")));
			goto out;
		}
		*size = git_odb_object_size(obj);
		if ((*out = malloc(*size + 1)) == NULL) {
			git_error_set_oom();
			rc = -2;
			goto out;
		}
		memcpy(*out, git_odb_object_data(obj), *size);
		(*out)[*size] = '\0';
		rc = 0;
	}
	if (rc == 0 && blob_id(&check, *out, *size, hint && hint->sha_hw) != 0)
		rc = -1;
	else if (rc == 0 && !git_oid_equal(&check, id)) {
		git_error_set_str(GIT_ERROR_ODB,
		    cb_tr(tr,
			N_("the object's content does not match its id (a "
			   "corrupt or altered object)")));
		rc = -1;
	}
out:
	if (rc != 0) {
		free(*out);
		*out = NULL;
	}
	git_odb_object_free(obj);
	git_odb_free(odb);
	return rc;
}

/* Open the repository holding `dir`; the user's prefix in it. */
static int
open_repo(cb_source **out, const char *dir, int trust, const cb_reporter *tr,
    char *err, size_t errsize)
{
	cb_source *s = calloc(1, sizeof(*s));
	struct git_src *g = calloc(1, sizeof(*g));

	if (g != NULL) {
		pthread_mutex_init(&g->mu, NULL);
		g->sha_hw = cb_sha1_hw();
	}
	char *real = NULL;
	int rc;

	*out = NULL;
	if (s == NULL || g == NULL) {
		free(s);
		free(g);
		return CB_ENOMEM;
	}
	git_libgit2_init();
	s->ops = &git_ops;
	s->data = g;
	g->trust = trust;
	if (tr != NULL) {
		g->tr.translate = tr->translate;
		g->tr.translate_payload = tr->translate_payload;
	}
	if ((g->dir = strdup(dir)) == NULL) {
		cb_source_free(s);
		return CB_ENOMEM;
	}
	if ((rc = cb_git_repo_open(&g->repo, dir, trust, tr, err, errsize))) {
		cb_source_free(s);
		return rc;
	}
	const char *wd = git_repository_workdir(g->repo);

	g->prefix = strdup("");
	if (wd != NULL && (real = realpath(dir, NULL)) != NULL) {
		char *w = realpath(wd, NULL);
		size_t wl = w ? strlen(w) : 0;

		if (w && strncmp(real, w, wl) == 0 &&
		    (real[wl] == '/' || real[wl] == '\0')) {
			free(g->prefix);
			g->prefix = strdup(real + wl + (real[wl] == '/'));
		}
		g->workdir = w;
	}
	free(real);
	if (g->prefix == NULL) {
		cb_source_free(s);
		return CB_ENOMEM;
	}
	*out = s;
	return 0;
}

int
cb_source_open_rev(cb_source **out, const char *dir, const char *rev, int trust,
    const cb_reporter *tr, char *err, size_t errsize)
{
	cb_source *s;
	struct git_src *g;
	git_object *obj = NULL, *commit = NULL;
	git_tree *tree = NULL;
	int rc = open_repo(&s, dir, trust, tr, err, errsize);
	char id[GIT_OID_HEXSZ + 1];

	*out = NULL;
	if (rc)
		return rc;
	g = s->data;
	if (git_revparse_single(&obj, g->repo, rev) != 0) {
		const git_error *e = git_error_last();

		cb_errf(tr, err, errsize,
		    N_("'%s' is not a revision of this repository: %s"), rev,
		    e && e->message ? e->message : "?");
		cb_source_free(s);
		return CB_EINVAL;
	}
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) == 0)
		git_oid_tostr(id, sizeof(id), git_object_id(commit));
	else
		git_oid_tostr(id, sizeof(id), git_object_id(obj));
	if (git_object_peel((git_object **)&tree, obj, GIT_OBJECT_TREE) != 0) {
		cb_errf(tr, err, errsize, N_("'%s' names no tree"), rev);
		rc = CB_EINVAL;
	} else if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, g) != 0) {
		const git_error *e = git_error_last();

		cb_errf(tr, err, errsize,
		    N_("cannot read the tree of '%s': %s"), rev,
		    e && e->message ? e->message : "?");
		rc = CB_EIO;
	}
	size_t dl = strlen(rev) + sizeof(id) + 4;

	if (rc == 0 && (g->describe = malloc(dl)) != NULL)
		snprintf(g->describe, dl, "%s (%.12s)", rev, id);
	else if (rc == 0)
		rc = CB_ENOMEM;
	git_tree_free(tree);
	git_object_free(commit);
	git_object_free(obj);
	if (rc) {
		cb_source_free(s);
		return rc;
	}
	sort_entries(g);
	*out = s;
	return 0;
}

int
cb_source_open_index(cb_source **out, const char *dir, int trust,
    const cb_reporter *tr, char *err, size_t errsize)
{
	cb_source *s;
	struct git_src *g;
	git_index *idx = NULL;
	int rc = open_repo(&s, dir, trust, tr, err, errsize);

	*out = NULL;
	if (rc)
		return rc;
	g = s->data;
	if (git_repository_is_bare(g->repo) ||
	    git_repository_index(&idx, g->repo) != 0) {
		cb_errf(tr, err, errsize,
		    N_("a bare repository has no staged changes; use --rev"));
		cb_source_free(s);
		return CB_EINVAL;
	}
	size_t n = git_index_entrycount(idx);

	for (size_t i = 0; i < n && rc == 0; i++) {
		const git_index_entry *e = git_index_get_byindex(idx, i);
		const char *p = e->path, *slash;
		int bad = 0;

		if (GIT_INDEX_ENTRY_STAGE(e) != 0)
			continue;
		/* Each component must be a plain name. */
		for (const char *c = p; *c; c = slash + 1) {
			char comp[256];
			size_t cl;

			slash = strchr(c, '/');
			cl = slash ? (size_t)(slash - c) : strlen(c);
			if (cl >= sizeof(comp)) {
				bad = 1;
				break;
			}
			memcpy(comp, c, cl);
			comp[cl] = '\0';
			bad |= unsafe_name(comp);
			if (slash == NULL)
				break;
		}
		if (bad)
			rc = refuse(g, "", p);
		else if (e->mode == GIT_FILEMODE_LINK ||
		    e->mode == GIT_FILEMODE_COMMIT)
			rc = refuse(g, "", p) || add(g, "", p, &e->id, e->mode);
		else
			rc = add(g, "", p, &e->id, e->mode);
	}
	git_index_free(idx);
	if (rc != 0 || (g->describe = strdup("index")) == NULL) {
		cb_source_free(s);
		return CB_ENOMEM;
	}
	sort_entries(g);
	*out = s;
	return 0;
}

int
cb_git_hooks_dir(char **out, const char *dir, int trust, const cb_reporter *tr,
    char *err, size_t errsize)
{
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	git_buf path = GIT_BUF_INIT, hp = GIT_BUF_INIT;
	int rc;

	*out = NULL;
	git_libgit2_init();
	if ((rc = cb_git_repo_open(&repo, dir, trust, tr, err, errsize)) != 0)
		goto out;
	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_path(&hp, cfg, "core.hooksPath") == 0) {
		/* core.hooksPath: relative to the work tree, as git reads it. */
		const char *wd = git_repository_workdir(repo);
		size_t len = strlen(hp.ptr) + (wd ? strlen(wd) : 0) + 2;

		if ((*out = malloc(len)) == NULL)
			rc = CB_ENOMEM;
		else if (hp.ptr[0] == '/' || wd == NULL)
			snprintf(*out, len, "%s", hp.ptr);
		else
			snprintf(*out, len, "%s%s", wd, hp.ptr);
	} else if (git_repository_item_path(
		       &path, repo, GIT_REPOSITORY_ITEM_HOOKS) != 0) {
		cb_errf(
		    tr, err, errsize, N_("cannot find the hooks directory"));
		rc = CB_EINVAL;
	} else if ((*out = strdup(path.ptr)) == NULL) {
		rc = CB_ENOMEM;
	}
	if (*out != NULL) {
		size_t len = strlen(*out);

		while (len > 1 && (*out)[len - 1] == '/')
			(*out)[--len] = '\0';
	}
out:
	git_buf_dispose(&path);
	git_buf_dispose(&hp);
	git_config_free(cfg);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}
