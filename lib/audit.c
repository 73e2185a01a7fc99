/*
 * audit.c - cb audit: one walk of the history, oldest commit first along
 * first parents. Each commit's tree is compared with its parent's by entry
 * id, descending only into folders whose id changed, so the cost follows
 * what changed, not the size of the tree (like git log --name-status).
 */
#include <errno.h>
#include <git2.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cb/audit.h"
#include "cb/records.h"
#include "buf.h"
#include "diag.h"
#include "gitx.h"
#include "node.h"
#include "banned.h"

struct rec {
	char *path;	    /* as shown: the user's directory and the rest */
	char *tree;	    /* from the repository's root */
	cb_date meeting;    /* from the file name */
	char first[13];	    /* short id of the commit that added it */
	char *author;	    /* of that commit */
	cb_date committed;  /* its date, in the committer's zone */
	int changes;	    /* later commits that changed it */
	int after_approval; /* of those, without a new amendment */
	int deleted;	    /* deleted and not back at the end */
	git_oid blob;	    /* the current version */
	char *del_author;
	cb_date del_date;
	char del_commit[13];
};

/*
 * What one thread needs to compare a commit with its parent: the walk is
 * divided among threads (libgit2 reads one repository from several), and
 * their results are applied in history order by one.
 */
struct walker {
	git_repository *repo;
	const cb_reporter *tr; /* the language of messages */
	const char *prefix;
	cb_date since;
	char cid[13];
	int error, oom;
	/* cb_git_blob's, from one blob to the next. Its sha_hw stays 0: cb
	 * audit, the tool that answers "was this changed?", hashes with
	 * libgit2's SHA-1, which also detects a crafted collision. */
	struct cb_blob_hint hint;
	char err[512];
};

/* A meeting file a commit added, changed or deleted. */
struct change {
	char *path;
	git_oid old, new;
	uint8_t has_old, has_new;
	int8_t unamended; /* changed approved minutes without an amendment;
			     -1: not known yet (a restored file) */
};

/* What a thread found in one commit. */
struct result {
	char cid[13];
	char *author;
	cb_date date;
	cb_vec changes; /* struct change */
	int error, oom;
	char err[512];
};

struct audit {
	git_repository *repo;
	const cb_audit_opts *o;
	struct rec *r;
	size_t n, cap;
	size_t *slots; /* open addressing: index + 1, 0 = empty */
	size_t nslots;
	char *prefix; /* only files under it ("" for all) */
	/* The commit being applied. */
	const struct result *cur;
	struct walker w; /* for reading blobs in order (restored files) */
	int oom, error;
	char *err;
	size_t errsize;
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct rec *
lookup(struct audit *a, const char *path, int create)
{
	if (a->nslots == 0 || (create && (a->n + 1) * 2 > a->nslots)) {
		size_t ns = a->nslots ? a->nslots * 2 : 1024;
		size_t *s = calloc(ns, sizeof(*s));

		if (s == NULL) {
			a->oom = 1;
			return NULL;
		}
		for (size_t i = 0; i < a->n; i++) {
			size_t k = hash(a->r[i].path) & (ns - 1);

			while (s[k])
				k = (k + 1) & (ns - 1);
			s[k] = i + 1;
		}
		free(a->slots);
		a->slots = s;
		a->nslots = ns;
	}
	size_t k = hash(path) & (a->nslots - 1);

	for (; a->slots[k]; k = (k + 1) & (a->nslots - 1))
		if (strcmp(a->r[a->slots[k] - 1].path, path) == 0)
			return &a->r[a->slots[k] - 1];
	if (!create)
		return NULL;
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 256;
		struct rec *r = realloc(a->r, cap * sizeof(*r));

		if (r == NULL) {
			a->oom = 1;
			return NULL;
		}
		a->r = r;
		a->cap = cap;
	}
	struct rec *r = &a->r[a->n];

	memset(r, 0, sizeof(*r));
	if ((r->path = strdup(path)) == NULL) {
		a->oom = 1;
		return NULL;
	}
	a->slots[k] = ++a->n;
	return r;
}

/* meetings/YYYY/YYYY-MM-DD*.yaml anywhere in the tree. */
static int
meeting_path(const char *path, cb_date *date)
{
	const char *base = strrchr(path, '/');
	size_t len;

	if (base == NULL)
		return 0;
	base++;
	len = strlen(base);
	if (!((len > 5 && !strcmp(base + len - 5, ".yaml")) ||
		(len > 4 && !strcmp(base + len - 4, ".yml"))))
		return 0;
	/* The folder above must be YYYY, and above it meetings. */
	const char *y = base - 1, *ys = y;

	while (ys > path && ys[-1] != '/')
		ys--;
	if (y - ys != 4 || ys - path < 9 || strncmp(ys - 9, "meetings/", 9) ||
	    (ys - 9 != path && ys[-10] != '/'))
		return 0;
	/* A badly named meeting file is still followed, undated. */
	if (cb_date_parse(date, base, len < 10 ? len : 10) != 0)
		*date = (cb_date){ 0, 0, 0 };
	return 1;
}

static cb_date
commit_date(const git_commit *c)
{
	const git_signature *s = git_commit_committer(c);
	int64_t t = (int64_t)s->when.time + (int64_t)s->when.offset * 60;
	int32_t days = (int32_t)(t >= 0 ? t / 86400 : (t - 86399) / 86400);

	return cb_date_from_days(days);
}

static char *
author_of(const git_commit *c)
{
	const git_signature *s = git_commit_author(c);
	size_t len = strlen(s->name) + strlen(s->email) + 4;
	char *p = malloc(len);

	if (p)
		snprintf(p, len, "%s <%s>", s->name, s->email);
	return p;
}

static int
contains(const char *text, size_t len, const char *word)
{
	size_t wl = strlen(word);

	for (size_t i = 0; i + wl <= len; i++)
		if (text[i] == word[0] && memcmp(text + i, word, wl) == 0)
			return 1;
	return 0;
}

/* A name no path may have (the git source refuses the same). */
static int
unsafe_name(const char *name)
{
	return *name == '\0' || !strcmp(name, ".") || !strcmp(name, "..") ||
	    !strcasecmp(name, ".git") || strchr(name, '/') != NULL ||
	    strchr(name, '\\') != NULL;
}

/*
 * A version of a meeting file, read for `minutes.approved` and amendments.
 * The size comes from the object's header first: a huge blob is not loaded.
 * `*approved` (may be NULL) is set without parsing when the text cannot
 * hold "approved: true" at all, the common case. Sets a->error (with a
 * message naming the file and the commit) when the object is unreadable.
 */
static cb_meeting *
read_blob(struct walker *a, const git_oid *id, const char *path, int quick)
{
	char *text;
	size_t len;
	cb_meeting *m = NULL;

	switch (cb_git_blob(
	    &text, &len, a->repo, id, CB_MAX_FILE, &a->hint, a->tr)) {
	case 0:
		break;
	case 1:
		return NULL;
	case -2:
		a->oom = 1;
		return NULL;
	default:
		cb_errf(a->tr, a->err, sizeof(a->err),
		    N_("cannot read %s as of commit %s: %s"), path, a->cid,
		    git_error_last() && git_error_last()->message
			? git_error_last()->message
			: "?");
		a->error = 1;
		return NULL;
	}
	/* Minutes never approved need no parsing to know it. */
	if (!quick || contains(text, len, "approved"))
		cb_meeting_read(&m, text, len, path, NULL, NULL);
	free(text);
	return m;
}

/* Whether a change from `old` to `new` edited approved minutes without
 * adding an amendment; 0 when it cannot tell (a->error then set). */
static int
unamended(
    struct walker *a, const char *path, const git_oid *old, const git_oid *new)
{
	cb_meeting *before = read_blob(a, old, path, 1), *after = NULL;
	int bad = 0;

	if (before != NULL && before->approved == 1 && !a->error) {
		after = read_blob(a, new, path, 0);
		bad = !a->error &&
		    (after == NULL ||
			after->n_amendments <= before->n_amendments);
	}
	cb_meeting_free(before);
	cb_meeting_free(after);
	return bad;
}

static void emit(struct audit *a, cb_rule rule, const char *path, cb_date date,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
emit(struct audit *a, cb_rule rule, const char *path, cb_date date,
    const char *fmt, ...)
{
	cb_diag d;
	va_list ap;

	cb_diag_init(&d, a->o->rep, path, NULL, 0);
	d.date = date;
	va_start(ap, fmt);
	cb_diag_vemit_at(&d, rule, 1, 1, fmt, ap);
	va_end(ap);
	cb_diag_fini(&d);
}

/*
 * Whether `path` (from the top of the tree) is what the user named:
 * everything for "", a folder's files for "dir/", and for a name without
 * the slash (a file, or a path no longer on disk) the file of that name
 * or the files of a folder of that name.
 */
static int
under(const char *path, const char *prefix)
{
	size_t pl = strlen(prefix);

	if (strncmp(path, prefix, pl) != 0)
		return 0;
	return pl == 0 || prefix[pl - 1] == '/' || path[pl] == '\0' ||
	    path[pl] == '/';
}

static void
on_change(struct audit *a, const char *path, const git_oid *old,
    const git_oid *new, int hint)
{
	cb_date md;
	struct rec *r;
	char buf[11];

	if (!meeting_path(path, &md) || !under(path, a->prefix))
		return;
	if (cb_date_is_set(a->o->since) && cb_date_is_set(md) &&
	    cb_date_cmp(md, a->o->since) < 0)
		return;
	/* Shown as the user named the directory, as cb check shows paths. */
	char show[4096];
	const char *rest = path + strlen(a->prefix);

	if (*rest == '/')
		rest++;
	if (*rest == '\0') /* the file named */
		snprintf(show, sizeof(show), "%s", a->o->dir);
	else if (strcmp(a->o->dir, ".") == 0 || strcmp(a->o->dir, "./") == 0)
		snprintf(show, sizeof(show), "%s", rest);
	else
		snprintf(show, sizeof(show), "%s%s%s", a->o->dir,
		    a->o->dir[strlen(a->o->dir) - 1] == '/' ? "" : "/", rest);
	if ((r = lookup(a, show, 1)) == NULL)
		return;
	if (r->tree == NULL && (r->tree = strdup(path)) == NULL) {
		a->oom = 1;
		return;
	}
	if (new == NULL) { /* deleted */
		r->deleted = 1;
		free(r->del_author);
		r->del_author = strdup(a->cur->author ? a->cur->author : "?");
		r->del_date = a->cur->date;
		memcpy(r->del_commit, a->cur->cid, sizeof(r->del_commit));
		return;
	}
	if (r->first[0] == '\0') {
		r->meeting = md;
		memcpy(r->first, a->cur->cid, sizeof(r->first));
		r->author = strdup(a->cur->author ? a->cur->author : "?");
		r->committed = a->cur->date;
		r->blob = *new;
		return;
	}
	/* A change, or a file put back after a deletion: compared with the
	 * last version there was. Was it made to approved minutes without
	 * an amendment? */
	git_oid prev = r->blob;

	r->changes++;
	r->deleted = 0;
	r->blob = *new;
	if (old == NULL)
		old = &prev;
	if (git_oid_equal(old, new))
		return;
	if (hint < 0) {
		/* Restored after a deletion: against the last version. */
		memcpy(a->w.cid, a->cur->cid, sizeof(a->w.cid));
		hint = unamended(&a->w, path, old, new);
		if (a->w.error) {
			a->error = 1;
			return;
		}
	}
	if (hint) {
		r->after_approval++;
		emit(a, CB_RULE_AUDIT_CHANGED_AFTER_APPROVAL, show, md,
		    N_("changed in commit %s (%s, %s) after the minutes were "
		       "approved, without a new 'amendments' entry giving the "
		       "date and the reason"),
		    a->cur->cid, a->cur->author ? a->cur->author : "?",
		    cb_date_format(a->cur->date, buf));
	}
}

static int compare(struct walker *w, git_tree *old, git_tree *new,
    cb_buf *prefix, struct result *res);

static int
subtree(struct walker *w, const git_tree_entry *e, git_tree **out)
{
	*out = NULL;
	if (e == NULL || git_tree_entry_type(e) != GIT_OBJECT_TREE)
		return 0;
	if (git_tree_lookup(out, w->repo, git_tree_entry_id(e)) != 0) {
		cb_errf(w->tr, w->err, sizeof(w->err),
		    N_("cannot read a tree in commit %s: %s"), w->cid,
		    git_error_last() ? git_error_last()->message : "?");
		w->error = 1;
		return -1;
	}
	return 0;
}

static int
is_blob(const git_tree_entry *e)
{
	return e != NULL && git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	    git_tree_entry_filemode(e) != GIT_FILEMODE_LINK;
}

/* Keep a meeting file's change, judged now if it is an edit. */
static void
record(struct walker *w, struct result *res, const char *path,
    const git_tree_entry *o, const git_tree_entry *n)
{
	cb_date md;
	struct change *c;

	if (!meeting_path(path, &md) || !under(path, w->prefix) ||
	    (cb_date_is_set(w->since) && cb_date_is_set(md) &&
		cb_date_cmp(md, w->since) < 0))
		return;
	if ((c = cb_vec_push(&res->changes)) == NULL ||
	    (c->path = strdup(path)) == NULL) {
		w->oom = 1;
		return;
	}
	c->has_old = o != NULL;
	c->has_new = n != NULL;
	if (o)
		c->old = *git_tree_entry_id(o);
	if (n)
		c->new = *git_tree_entry_id(n);
	c->unamended = -1;
	if (o && n)
		c->unamended = (int8_t)unamended(w, path, &c->old, &c->new);
}

/* Compare entry `name` of two trees (either may be NULL). */
static int
compare_entry(struct walker *w, const git_tree_entry *o,
    const git_tree_entry *n, cb_buf *prefix, struct result *res)
{
	const char *name = git_tree_entry_name(n ? n : o);
	size_t keep = prefix->len;
	git_tree *ot = NULL, *nt = NULL;
	int rc = 0;

	/* Entries that could climb out of the tree are not records. */
	if (unsafe_name(name))
		return 0;
	if (o && n && git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(n)))
		return 0;
	cb_buf_puts(prefix, name);
	if (prefix->ptr == NULL) {
		w->oom = 1;
		return -1;
	}
	if (is_blob(n) || is_blob(o))
		record(w, res, prefix->ptr, is_blob(o) ? o : NULL,
		    is_blob(n) ? n : NULL);
	if (subtree(w, o, &ot) == 0 && subtree(w, n, &nt) == 0 && (ot || nt)) {
		cb_buf_putc(prefix, '/');
		rc = compare(w, ot, nt, prefix, res);
	}
	git_tree_free(ot);
	git_tree_free(nt);
	prefix->len = keep;
	if (prefix->ptr)
		prefix->ptr[keep] = '\0';
	return w->error || w->oom ? -1 : rc;
}

static int
compare(struct walker *w, git_tree *old, git_tree *new, cb_buf *prefix,
    struct result *res)
{
	size_t nn = new ? git_tree_entrycount(new) : 0;
	size_t no = old ? git_tree_entrycount(old) : 0;
	size_t i = 0, j = 0;

	/* Both trees are sorted in git's order: walk them side by side. */
	while (i < nn || j < no) {
		const git_tree_entry *n =
		    i < nn ? git_tree_entry_byindex(new, i) : NULL;
		const git_tree_entry *o =
		    j < no ? git_tree_entry_byindex(old, j) : NULL;
		int c = !n ? 1 : !o ? -1 : git_tree_entry_cmp(n, o);

		/* c < 0: only in the new tree; c > 0: only in the old. */
		if (compare_entry(w, c >= 0 ? o : NULL, c <= 0 ? n : NULL,
			prefix, res) != 0)
			return -1;
		i += c <= 0;
		j += c >= 0;
	}
	return 0;
}

/*
 * Compare commit `id` with `parent` (NULL: a root), into `res`. `*tree`
 * holds the parent's tree when the caller has it (the commit before, on
 * the same thread), else NULL; it holds this commit's tree on return.
 */
static void
walk_commit(struct walker *w, const git_oid *id, const git_oid *parent,
    git_tree **tree, struct result *res)
{
	git_commit *c = NULL, *p = NULL;
	git_tree *t = NULL, *pt = parent ? *tree : NULL;
	cb_buf prefix = CB_BUF_INIT(1 << 16);

	if (parent == NULL)
		git_tree_free(*tree);
	*tree = NULL;
	w->error = w->oom = 0;
	git_oid_tostr(w->cid, sizeof(w->cid), id);
	memcpy(res->cid, w->cid, sizeof(res->cid));
	res->changes = (cb_vec)CB_VEC_INIT(sizeof(struct change));
	if (git_commit_lookup(&c, w->repo, id) != 0 ||
	    git_commit_tree(&t, c) != 0 ||
	    (parent && pt == NULL &&
		(git_commit_lookup(&p, w->repo, parent) != 0 ||
		    git_commit_tree(&pt, p) != 0))) {
		cb_errf(w->tr, w->err, sizeof(w->err),
		    N_("cannot read commit %s: %s"), w->cid,
		    git_error_last() ? git_error_last()->message : "?");
		w->error = 1;
	} else {
		res->author = author_of(c);
		res->date = commit_date(c);
		if (cb_buf_puts(&prefix, "") != 0)
			w->oom = 1;
		else
			compare(w, pt, t, &prefix, res);
	}
	res->error = w->error;
	res->oom = w->oom;
	if (w->error)
		memcpy(res->err, w->err, sizeof(res->err));
	cb_buf_free(&prefix);
	git_tree_free(pt);
	*tree = t;
	git_commit_free(p);
	git_commit_free(c);
}

static void
result_free(struct result *res)
{
	struct change *c = res->changes.ptr;

	for (size_t i = 0; i < res->changes.len; i++)
		free(c[i].path);
	cb_vec_free(&res->changes);
	free(res->author);
	res->author = NULL;
}

/* The threads' shared work: the commits of one window. */
struct window {
	const git_oid *chain; /* newest first */
	size_t nchain;
	size_t first, count; /* window: chain indexes, oldest last */
	struct result *res;
	const char *prefix;
	cb_date since;
	const cb_reporter *tr;
};

/*
 * One thread's part of a window: results lo..hi-1, a run of consecutive
 * commits, so that each commit's tree is its successor's parent tree.
 * Each thread reads through its own repository handle: libgit2's object
 * cache is per repository and locked, and shared it made threads wait.
 */
struct part {
	struct window *win;
	git_repository *repo;
	size_t lo, hi;
};

static void *
part_worker(void *arg)
{
	struct part *pa = arg;
	struct window *win = pa->win;
	struct walker w;
	git_tree *tree = NULL;

	memset(&w, 0, sizeof(w));
	w.repo = pa->repo;
	w.tr = win->tr;
	w.prefix = win->prefix;
	w.since = win->since;
	for (size_t k = pa->lo; k < pa->hi; k++) {
		/* Result k of the window is chain[first - k] (oldest first). */
		size_t ci = win->first - k;

		if (k == pa->lo) {
			git_tree_free(tree);
			tree = NULL;
		}
		walk_commit(&w, &win->chain[ci],
		    ci + 1 < win->nchain ? &win->chain[ci + 1] : NULL, &tree,
		    &win->res[k]);
		if (win->res[k].error || win->res[k].oom)
			break;
	}
	git_tree_free(tree);
	return NULL;
}

static int
rec_cmp(const void *x, const void *y)
{
	return strcmp(
	    ((const struct rec *)x)->path, ((const struct rec *)y)->path);
}

/* The plan's audit.late_days for a meeting file, from the final tree. */
static int
late_days(struct audit *a, git_tree *tree, const char *path)
{
	char *dir = strdup(path);
	int days = 7;

	while (dir) {
		char *slash = strrchr(dir, '/');
		char file[4096];
		git_tree_entry *e = NULL;

		if (slash)
			*slash = '\0';
		snprintf(file, sizeof(file), "%s%splan.yaml", slash ? dir : "",
		    slash ? "/" : "");
		if (git_tree_entry_bypath(&e, tree, file) == 0) {
			char *text;
			size_t len;
			cb_plan *p = NULL;

			if (cb_git_blob(&text, &len, a->repo,
				git_tree_entry_id(e), CB_MAX_FILE, NULL,
				a->o->rep) == 0) {
				cb_plan_read(&p, text, len, file, NULL);
				free(text);
			}
			if (p)
				days = p->audit_late_days;
			cb_plan_free(p);
			git_tree_entry_free(e);
			break;
		}
		if (!slash)
			break;
	}
	free(dir);
	return days;
}

static int
build_table(struct audit *a, git_tree *head, cb_table **out)
{
	static const struct {
		const char *id, *title;
		cb_col_type type;
	} cols[] = {
		{ "path", N_("File"), CB_COL_TEXT },
		{ "meeting_date", N_("Meeting"), CB_COL_DATE },
		{ "first_commit", N_("First commit"), CB_COL_TEXT },
		{ "author", N_("Author"), CB_COL_TEXT },
		{ "committed", N_("Committed"), CB_COL_DATE },
		{ "days_late", N_("Days late"), CB_COL_INT },
		{ "later_changes", N_("Later changes"), CB_COL_INT },
		{ "changed_after_approval", N_("After approval"), CB_COL_INT },
		{ "deleted", N_("Deleted"), CB_COL_TEXT },
	};
	enum { NC = sizeof(cols) / sizeof(cols[0]) };
	int col[NC], rc, limit = 7;
	const char *cached = NULL;
	size_t cached_len = 0;
	cb_table *t;
	char buf[11];

	if ((rc = cb_table_new(&t, N_("audit"))) != 0)
		return rc;
	for (int i = 0; i < NC; i++)
		if ((col[i] = cb_table_add_column(
			 t, cols[i].id, cols[i].title, cols[i].type)) < 0) {
			cb_table_free(t);
			return CB_ENOMEM;
		}
	if (a->n > 1)
		qsort(a->r, a->n, sizeof(*a->r), rec_cmp);
	for (size_t i = 0; i < a->n && rc == 0; i++) {
		struct rec *r = &a->r[i];
		int64_t late = cb_date_is_set(r->meeting)
		    ? cb_date_to_days(r->committed) -
			cb_date_to_days(r->meeting)
		    : 0;
		/* One plan lookup a cell (rows are sorted by path). */
		const char *m = strstr(r->tree, "meetings/");
		size_t dl = m ? (size_t)(m - r->tree) : 0;

		if (a->o->late_days > 0)
			limit = a->o->late_days;
		else if (cached == NULL || cached_len != dl ||
		    strncmp(cached, r->tree, dl) != 0) {
			cached = r->tree;
			cached_len = dl;
			limit = late_days(a, head, r->tree);
		}

		if (late > limit && limit > 0)
			emit(a, CB_RULE_AUDIT_LATE, r->path, r->meeting,
			    N_("first committed %lld days after the meeting, "
			       "in "
			       "%s by %s; the plan allows %d"),
			    (long long)late, r->first,
			    r->author ? r->author : "?", limit);
		if (r->deleted)
			emit(a, CB_RULE_AUDIT_DELETED, r->path, r->meeting,
			    N_("the minutes were deleted in commit %s (%s, %s) "
			       "and are not in the records any more"),
			    r->del_commit, r->del_author ? r->del_author : "?",
			    cb_date_format(r->del_date, buf));
		if ((rc = cb_table_add_row(t)) < 0)
			break;
		rc = cb_table_set_text(t, col[0], r->path);
		rc |= cb_table_set_date(t, col[1], r->meeting);
		rc |= cb_table_set_text(t, col[2], r->first);
		rc |= cb_table_set_text(t, col[3], r->author);
		rc |= cb_table_set_date(t, col[4], r->committed);
		rc |= cb_table_set_int(t, col[5], late);
		rc |= cb_table_set_int(t, col[6], r->changes);
		rc |= cb_table_set_int(t, col[7], r->after_approval);
		rc |= cb_table_set_text(t, col[8], r->deleted ? "yes" : "");
	}
	if (rc) {
		cb_table_free(t);
		return CB_ENOMEM;
	}
	*out = t;
	return 0;
}

/*
 * The commits from `head` back along first parents, newest first. A
 * shallow clone's boundary commits (listed in GIT_DIR/shallow) are taken
 * as roots: their parents are not there.
 */
static int
first_parents(struct audit *a, git_commit *head, git_oid **out, size_t *n)
{
	git_oid *v = NULL, *shallow = NULL;
	size_t cap = 0, ns = 0;
	git_commit *c = NULL;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (git_repository_is_shallow(a->repo) == 1) {
		char path[4096];
		FILE *fp;

		snprintf(path, sizeof(path), "%sshallow",
		    git_repository_path(a->repo));
		if ((fp = fopen(path, "r")) != NULL) {
			char line[128];

			while (fgets(line, sizeof(line), fp)) {
				git_oid *t =
				    realloc(shallow, (ns + 1) * sizeof(*t));

				if (t == NULL)
					break;
				shallow = t;
				if (git_oid_fromstrn(
					&shallow[ns], line, GIT_OID_HEXSZ) == 0)
					ns++;
			}
			fclose(fp);
		}
	}
	if (git_commit_dup(&c, head) != 0)
		rc = CB_ENOMEM;
	while (c != NULL && rc == 0) {
		git_commit *p = NULL;
		int cut = 0;

		if (*n == cap) {
			git_oid *t = realloc(
			    v, (cap = cap ? cap * 2 : 1024) * sizeof(*v));

			if (t == NULL) {
				rc = CB_ENOMEM;
				break;
			}
			v = t;
		}
		v[(*n)++] = *git_commit_id(c);
		for (size_t i = 0; i < ns; i++)
			cut |= git_oid_equal(&shallow[i], git_commit_id(c));
		if (!cut && git_commit_parentcount(c) > 0 &&
		    git_commit_parent(&p, c, 0) != 0) {
			cb_errf(a->o->rep, a->err, a->errsize,
			    N_("cannot read the parent of commit %.12s: %s"),
			    git_oid_tostr_s(git_commit_id(c)),
			    git_error_last() ? git_error_last()->message : "?");
			rc = CB_EIO;
		}
		git_commit_free(c);
		c = p;
	}
	git_commit_free(c);
	free(shallow);
	if (rc) {
		free(v);
		*n = 0;
		return rc;
	}
	*out = v;
	return 0;
}

/*
 * The path the user named, which may be a file or no longer be on disk:
 * `*open_dir` is the nearest folder on disk that holds it (itself, for a
 * folder), `*real` its real path, ending in '/' for a folder on disk.
 * 0, CB_ENOMEM, or CB_EINVAL (errno set) when no folder above it can be
 * resolved.
 */
static int
named_path(const char *named, char **open_dir, char **real)
{
	char *dir = strdup(*named ? named : "."), *r = NULL;
	const char *tail = NULL;
	struct stat st;

	*open_dir = NULL;
	*real = NULL;
	if (dir == NULL)
		return CB_ENOMEM;
	/* A file on disk, or a link to one: its own real path (a link's
	 * name is not in the history, its target's is). */
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		free(dir);
		if ((r = realpath(named, NULL)) == NULL)
			return errno == ENOMEM ? CB_ENOMEM : CB_EINVAL;
		char *slash = strrchr(r, '/');

		if ((*open_dir = strndup(
			 r, slash > r ? (size_t)(slash - r) : 1)) == NULL) {
			free(r);
			return CB_ENOMEM;
		}
		*real = r;
		return 0;
	}
	for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
		dir[n - 1] = '\0';
	/* Up to the nearest folder on disk; `tail` is the rest, below it. */
	while (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		char *slash = strrchr(dir, '/');

		tail = named + (slash ? (size_t)(slash + 1 - dir) : 0);
		if (slash == NULL) {
			dir[0] = '.'; /* dir held a name: room for "." */
			dir[1] = '\0';
		} else if (slash == dir) {
			dir[1] = '\0';
		} else {
			*slash = '\0';
		}
		if (strcmp(dir, ".") == 0 || strcmp(dir, "/") == 0)
			break;
	}
	if ((r = realpath(dir, NULL)) == NULL) {
		free(dir);
		return errno == ENOMEM ? CB_ENOMEM : CB_EINVAL;
	}
	size_t rl = strlen(r), need = rl + (tail ? strlen(tail) : 0) + 3;
	char *out = malloc(need);

	if (out == NULL) {
		free(r);
		free(dir);
		return CB_ENOMEM;
	}
	memcpy(out, r, rl + 1);
	free(r);
	if (tail == NULL) {
		if (rl == 0 || out[rl - 1] != '/')
			memcpy(out + rl, "/", 2);
	} else {
		/* The part not on disk, as git names it: no empty or "."
		 * segment, ".." taking the one before away. */
		size_t len = rl, base = rl;

		for (const char *seg = tail; *seg;) {
			size_t sl = strcspn(seg, "/");

			if (sl == 2 && seg[0] == '.' && seg[1] == '.') {
				while (len > base && out[len - 1] != '/')
					len--;
				if (len > base)
					len--;
			} else if (sl > 0 && !(sl == 1 && seg[0] == '.')) {
				if (len == 0 || out[len - 1] != '/')
					out[len++] = '/';
				memcpy(out + len, seg, sl);
				len += sl;
			}
			seg += sl;
			while (*seg == '/')
				seg++;
		}
		out[len] = '\0';
	}
	*real = out;
	*open_dir = dir;
	return 0;
}

int
cb_audit_build(cb_table **out, const cb_audit_opts *o, int *shallow, char *err,
    size_t errsize)
{
	struct audit a;
	git_oid *chain = NULL;
	size_t nchain = 0;
	git_object *top = NULL;
	git_commit *head = NULL;
	git_tree *head_tree = NULL;
	cb_buf prefix = CB_BUF_INIT(1 << 16);
	char *open_dir = NULL;
	int rc;

	*out = NULL;
	*shallow = 0;
	err[0] = '\0';
	memset(&a, 0, sizeof(a));
	a.o = o;
	a.err = err;
	a.errsize = errsize;
	git_libgit2_init();
	/*
	 * The path named may be a file, or no longer be on disk (minutes
	 * deleted, which is what an auditor looks for): the repository is
	 * the one that holds the nearest folder on disk above it.
	 */
	if ((rc = named_path(o->dir, &open_dir, &a.prefix)) != 0) {
		if (rc == CB_EINVAL)
			cb_errf(o->rep, err, errsize,
			    N_("cannot read '%s': %s"), o->dir,
			    strerror(errno));
		goto out;
	}
	if ((rc = cb_git_repo_open(
		 &a.repo, open_dir, o->trust, o->rep, err, errsize)))
		goto out;
	*shallow = git_repository_is_shallow(a.repo) == 1;
	/* Only the files under what was named, as git log PATH. */
	if (git_repository_workdir(a.repo) == NULL) {
		a.prefix[0] = '\0'; /* a bare repository: all of it */
	} else {
		char *wd = realpath(git_repository_workdir(a.repo), NULL);
		size_t wl = wd ? strlen(wd) : 0;

		if (wd && strncmp(a.prefix, wd, wl) == 0 && a.prefix[wl] == '/')
			memmove(a.prefix, a.prefix + wl + 1,
			    strlen(a.prefix + wl + 1) + 1);
		else
			a.prefix[0] = '\0';
		free(wd);
	}
	if (git_revparse_single(&top, a.repo, o->rev ? o->rev : "HEAD") != 0 ||
	    git_object_peel((git_object **)&head, top, GIT_OBJECT_COMMIT) !=
		0) {
		cb_errf(o->rep, err, errsize,
		    N_("'%s' is not a commit of this repository: %s"),
		    o->rev ? o->rev : "HEAD",
		    git_error_last() ? git_error_last()->message : "?");
		rc = CB_EINVAL;
		goto out;
	}
	if (git_commit_tree(&head_tree, head) != 0) {
		cb_errf(o->rep, err, errsize,
		    N_("cannot read the tree of the last commit: %s"),
		    git_error_last() ? git_error_last()->message : "?");
		rc = CB_EIO;
		goto out;
	}
	a.w.repo = a.repo;
	a.w.tr = o->rep;
	a.w.prefix = a.prefix;
	a.w.since = o->since;
	/* The first-parent chain, newest first; cut at a shallow boundary. */
	if ((rc = first_parents(&a, head, &chain, &nchain)) != 0)
		goto out;
	/*
	 * Windows of commits, oldest first: compared on `jobs` threads, then
	 * applied in history order. A window bounds the memory of results.
	 */
	enum { WIN = 2048, MAXJOBS = 16 };
	struct window win;
	struct part parts[MAXJOBS];
	git_repository *repos[MAXJOBS] = { a.repo };
	int jobs = o->jobs > 1 ? (o->jobs > MAXJOBS ? MAXJOBS : o->jobs) : 1;

	/* A thread whose repository does not open is not started. */
	for (int t = 1; t < jobs; t++)
		if (cb_git_repo_open(&repos[t], open_dir, o->trust, o->rep, err,
			errsize) != 0) {
			err[0] = '\0';
			jobs = t;
		}
	memset(&win, 0, sizeof(win));
	win.chain = chain;
	win.nchain = nchain;
	win.prefix = a.prefix;
	win.since = o->since;
	win.tr = o->rep;
	if ((win.res = calloc(WIN, sizeof(*win.res))) == NULL)
		a.oom = 1;
	for (size_t done = 0; done < nchain && !a.error && !a.oom;) {
		pthread_t th[MAXJOBS];
		int started[MAXJOBS] = { 0 };

		win.first = nchain - 1 - done;
		win.count = nchain - done < WIN ? nchain - done : WIN;
		memset(win.res, 0, win.count * sizeof(*win.res));
		for (int t = 0; t < jobs; t++) {
			parts[t] = (struct part){ &win, repos[t],
				win.count * (size_t)t / (size_t)jobs,
				win.count * (size_t)(t + 1) / (size_t)jobs };
			if (t > 0)
				started[t] = pthread_create(&th[t], NULL,
						 part_worker, &parts[t]) == 0;
		}
		part_worker(&parts[0]);
		for (int t = 1; t < jobs; t++)
			if (started[t])
				pthread_join(th[t], NULL);
			else /* not started: done here */
				part_worker(&parts[t]);
		for (size_t k = 0; k < win.count; k++) {
			struct result *res = &win.res[k];
			struct change *c = res->changes.ptr;

			if (res->error && !a.error) {
				snprintf(err, errsize, "%s", res->err);
				a.error = 1;
			}
			a.oom |= res->oom;
			a.cur = res;
			for (size_t x = 0;
			     x < res->changes.len && !a.error && !a.oom; x++)
				on_change(&a, c[x].path,
				    c[x].has_old ? &c[x].old : NULL,
				    c[x].has_new ? &c[x].new : NULL,
				    c[x].unamended);
			result_free(res);
		}
		done += win.count;
	}
	for (int t = 1; t < jobs; t++)
		git_repository_free(repos[t]);
	if (a.w.error && err[0] == '\0')
		snprintf(err, errsize, "%s", a.w.err);
	free(win.res);
	if (a.oom) {
		rc = CB_ENOMEM;
	} else if (a.error) {
		if (err[0] == '\0')
			cb_errf(o->rep, err, errsize,
			    N_("a corrupt object: %s"),
			    git_error_last() ? git_error_last()->message : "?");
		rc = CB_EIO;
	} else {
		rc = build_table(&a, head_tree, out);
	}
out:
	cb_buf_free(&prefix);
	for (size_t i = 0; i < a.n; i++) {
		free(a.r[i].path);
		free(a.r[i].tree);
		free(a.r[i].author);
		free(a.r[i].del_author);
	}
	free(a.r);
	free(a.slots);
	free(a.prefix);
	free(open_dir);
	free(chain);
	git_tree_free(head_tree);
	git_commit_free(head);
	git_object_free(top);
	git_repository_free(a.repo);
	git_libgit2_shutdown();
	return rc;
}
