/*
 * cb/check.h - checking a tree of records: the engine behind `cb check`.
 *
 * A checker walks the paths it is given, finds the cells (directories that
 * hold a cell.yaml) and the plan that applies to each (the nearest
 * plan.yaml in or above the cell, or the one set with
 * cb_checker_set_plan_file()), reads every record, and hands each finding
 * to the reporter. Each file is read, checked and reduced to a small
 * summary before the next is read; rules that compare files run on the
 * summaries of one cell. Findings of a cell are delivered sorted by path,
 * line, column and rule, so output does not depend on directory order.
 *
 * A checker is not safe for concurrent use, but separate checkers share
 * nothing and may run on separate threads.
 */
#ifndef CB_CHECK_H
#define CB_CHECK_H

#include "common.h"
#include "date.h"
#include "finding.h"
#include "source.h"

typedef struct cb_checker cb_checker;

typedef struct cb_check_stats {
	unsigned files;	    /* record files read */
	unsigned errors;    /* findings of severity error reported */
	unsigned warnings;  /* findings of severity warning reported */
	unsigned io_errors; /* files or directories that could not be read */
} cb_check_stats;

/*
 * Called for a path that could not be read: `errnum` is an errno value, and
 * `message` (may be NULL) says more (a git error, say). The run goes on
 * with the other files. Both strings are borrowed.
 */
typedef void (*cb_io_error_fn)(
    const char *path, int errnum, const char *message, void *payload);

/* Create a checker. The caller frees it with cb_checker_free(). */
CB_EXTERN(int) cb_checker_new(cb_checker **out);
CB_EXTERN(void) cb_checker_free(cb_checker *c);

/*
 * Where findings go. `rep` is copied; what it points to is borrowed for the
 * checker's lifetime.
 */
CB_EXTERN(void) cb_checker_set_reporter(cb_checker *c, const cb_reporter *rep);
CB_EXTERN(void)
cb_checker_set_io_error(cb_checker *c, cb_io_error_fn fn, void *payload);

/*
 * The end of the checked period ("today" for the command line). Rules that
 * depend on it are skipped while it is unset.
 */
CB_EXTERN(void) cb_checker_set_as_of(cb_checker *c, cb_date as_of);
/* The start of the checked period (default: the first meeting's month). */
CB_EXTERN(void) cb_checker_set_from(cb_checker *c, cb_date from);

/*
 * Use the plan at `path` for every cell instead of looking for plan.yaml.
 * `path` is copied. Returns 0 or CB_ENOMEM.
 */
CB_EXTERN(int) cb_checker_set_plan_file(cb_checker *c, const char *path);

/*
 * Read the records from `src` (borrowed; NULL: the working tree): paths
 * given to cb_checker_run() are then paths in that source.
 */
CB_EXTERN(void) cb_checker_set_source(cb_checker *c, const cb_source *src);

/*
 * Check with `jobs` threads (default 1). Cells are divided among them and
 * findings are delivered in the same order as with one, so the output does
 * not depend on `jobs`. Reports (a cell hook) always run on one thread.
 */
CB_EXTERN(void) cb_checker_set_jobs(cb_checker *c, int jobs);

/*
 * Keep, in directory `dir` (which must exist), what each meeting file gave
 * (its summary and its own findings), and reuse it while the file (size,
 * inode, modification and change times), the roster, the plan, the rules
 * chosen, the language and cb are the same: after one file changes, only
 * that file is read again. The output is the same as without a cache. Only
 * the working tree is cached. `dir` is copied (NULL: no cache).
 */
CB_EXTERN(int) cb_checker_set_cache(cb_checker *c, const char *dir);

/* Report `rule` (on, the default) or not (off). */
CB_EXTERN(void) cb_checker_enable(cb_checker *c, cb_rule rule, int on);

/*
 * Check everything under `path`: a cell directory, a directory holding
 * cells at any depth, or one record file. Findings name files as
 * `display` joined with the path inside (`display` NULL: as `path`; "":
 * the inner path alone). Returns 0 when the path was checked (findings or
 * not), CB_ENOTFOUND when it does not exist, CB_EIO when it cannot be
 * read, CB_EUSER when the reporter asked to stop, CB_ENOMEM.
 */
CB_EXTERN(int)
cb_checker_run(cb_checker *c, const char *path, const char *display);

/* Totals over every run of this checker so far. */
CB_EXTERN(void) cb_checker_stats(const cb_checker *c, cb_check_stats *out);

#endif
