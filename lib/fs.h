/*
 * fs.h - the file system as the checker needs it: whole files with a size
 * limit, sorted directory listings, display paths.
 */
#ifndef CB_FS_H
#define CB_FS_H

#include <stddef.h>

/*
 * Read the regular file `path` into a new buffer (the caller frees it).
 * Returns 0, an errno value (EISDIR for a folder, EINVAL for anything else
 * not a regular file: a named pipe is opened without waiting for a
 * writer), or -1 when the file is larger than `max`
 * (then nothing is read and `*len` is its size).
 */
int cb_fs_read(const char *path, size_t max, char **buf, size_t *len);

/*
 * The names in directory `dir` (without "." and ".."), sorted bytewise so
 * that the order never depends on the locale. Returns 0 or an errno value;
 * free the list with cb_fs_list_free().
 */
int cb_fs_list(const char *dir, char ***names, size_t *n);
void cb_fs_list_free(char **names, size_t n);

/* What a path is (links followed): */
enum { CB_KIND_NONE, CB_KIND_DIR, CB_KIND_FILE, CB_KIND_OTHER };

/* CB_KIND_NONE when missing; CB_KIND_OTHER for a device, a fifo... */
int cb_fs_kind(const char *path);
/* The kind of a file of mode `mode` (from stat). */
int cb_fs_kind_of(unsigned mode);
/* Whether `path` is a symbolic link. */
int cb_fs_is_link(const char *path);

/* `a` and `b` joined by one '/' ("" + b = b). NULL when out of memory. */
char *cb_path_join(const char *a, const char *b);
/* The display path of the directory `levels` above `display`. */
char *cb_path_up(const char *display, int levels);

#endif
