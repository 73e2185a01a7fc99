/*
 * source.h - the operations the checker reads records through (see
 * cb/source.h). The working tree's are the plain file system.
 */
#ifndef CB_SOURCE_PRIV_H
#define CB_SOURCE_PRIV_H

#include <stddef.h>

#include "cb/source.h"
#include "fs.h"

struct cb_source_ops {
	/*
	 * As cb_fs_read(): 0, an errno value, or -1 over `max`. On an
	 * error, `err` says why when strerror would not ("" when it
	 * would). Safe to call from several threads at once.
	 */
	int (*read)(const cb_source *s, const char *path, size_t max,
	    char **buf, size_t *len, char *err, size_t errsize);
	/* Sorted names in `dir`, as cb_fs_list(). */
	int (*list)(
	    const cb_source *s, const char *dir, char ***names, size_t *n);
	/* CB_KIND_*, links followed for files (not for directories). */
	int (*kind)(const cb_source *s, const char *path);
	/* Whether `path` is a link (never followed into directories). */
	int (*is_link)(const cb_source *s, const char *path);
	/* A canonical name of `path` (malloc'ed), or NULL with errno. */
	char *(*real)(const cb_source *s, const char *path);
	/* Whether `dir` is the top of a repository (plan search stops). */
	int (*is_top)(const cb_source *s, const char *dir);
	/*
	 * A git source: the SHA-1 of every name, mode and object id under
	 * `dir`, so that a cell's seal (--cache) is one comparison, with no
	 * stamps. 0, or -1 (out of memory, or outside the tree). NULL for
	 * the working tree, whose seals keep stamps.
	 */
	int (*digest)(
	    const cb_source *s, const char *dir, unsigned char out[20]);
};

struct cb_source {
	const struct cb_source_ops *ops;
	void *data;
};

/* The working tree: static, immutable, shared by every checker. */
extern const cb_source cb_source_fs;

#endif
