/*
 * cb/source.h - where the records are read from: the working tree (the
 * default), a revision of a git repository, or its index (what `git
 * commit` would record). A git source reads blobs straight from the object
 * database by tree path: no checkout, bare repositories included.
 */
#ifndef CB_SOURCE_H
#define CB_SOURCE_H

#include "common.h"
#include "finding.h"

typedef struct cb_source cb_source;

/*
 * Flags for opening a repository (the `trust` arguments below):
 * CB_GIT_TRUST skips libgit2's check that the repository belongs to the
 * current user (process-wide in libgit2); CB_GIT_FROM_ENV opens it as git
 * does inside hooks, from GIT_DIR, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY and
 * GIT_ALTERNATE_OBJECT_DIRECTORIES (the objects of a push being received
 * are in a quarantine directory, the index of `git commit -a` is a
 * temporary file).
 */
#define CB_GIT_TRUST 1
#define CB_GIT_FROM_ENV 2

/*
 * Open revision `rev` (anything `git rev-parse` takes: HEAD, a branch, a
 * tag, an id, HEAD~2) of the repository that holds directory `dir` (or is
 * it, when bare). Paths later given to a checker are relative to `dir`,
 * like git's. `trust` skips libgit2's check that the repository belongs to
 * the current user. On failure `err` (of `errsize` bytes) says why and a
 * negative CB_E* code is returned. Free the source with cb_source_free().
 * Messages, here and when the source cannot read a file, are in the
 * language of `tr`'s translate (only it is used; NULL: English); its
 * payload must outlive the source.
 */
CB_EXTERN(int)
cb_source_open_rev(cb_source **out, const char *dir, const char *rev, int trust,
    const cb_reporter *tr, char *err, size_t errsize);

/* The same for the repository's index (staged changes). */
CB_EXTERN(int)
cb_source_open_index(cb_source **out, const char *dir, int trust,
    const cb_reporter *tr, char *err, size_t errsize);

CB_EXTERN(void) cb_source_free(cb_source *src);

/*
 * What the source reads, for a report's "about" sheet: "working tree",
 * "index", or the revision and its commit id. Borrowed from `src` (NULL:
 * the working tree).
 */
CB_EXTERN(const char *) cb_source_describe(const cb_source *src);

/*
 * Paths the source refused to read, one a call (`i` from 0): symbolic
 * links, submodules and tree entries named "..", ".git" or with a "/" in
 * the name. Returns NULL after the last. Borrowed.
 */
CB_EXTERN(const char *) cb_source_refused(const cb_source *src, size_t i);

/*
 * The hooks directory of the repository that holds `dir` (core.hooksPath
 * if set, else GIT_DIR/hooks), in `*out` (the caller frees it). Returns 0
 * or CB_EINVAL with `err` saying why (in the language of `tr`, may be
 * NULL).
 */
CB_EXTERN(int)
cb_git_hooks_dir(char **out, const char *dir, int trust, const cb_reporter *tr,
    char *err, size_t errsize);

#endif
