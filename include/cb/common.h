/*
 * cb/common.h - export macro, version and error codes shared by libcb.
 */
#ifndef CB_COMMON_H
#define CB_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(CB_BUILDING_LIBRARY) && defined(__GNUC__)
#define CB_EXTERN(type) __attribute__((visibility("default"))) type
#else
#define CB_EXTERN(type) extern type
#endif

#define CB_VERSION_MAJOR 0
#define CB_VERSION_MINOR 1
#define CB_VERSION_PATCH 0
#define CB_VERSION "0.1.0"

/*
 * Return codes. Functions return 0 on success or one of these negative
 * values; the human-readable reason, where there is one, is kept by the
 * object the function worked on (never in a global).
 */
enum {
	CB_OK = 0,
	CB_ENOMEM = -1,	   /* out of memory */
	CB_EIO = -2,	   /* a file or directory could not be read */
	CB_EINVAL = -3,	   /* an argument is not valid */
	CB_ENOTFOUND = -4, /* a path does not exist */
	CB_EUSER = -5	   /* the callback asked to stop */
};

/* The version of the library at run time, e.g. "0.1.0". Static storage. */
CB_EXTERN(const char *) cb_version(void);

/*
 * A translation hook: returns the translation of the English message
 * `msgid` (a format string), or `msgid` itself. libcb calls it for every
 * message it builds; the command line passes a wrapper around dgettext().
 * It must be safe to call from several threads if the library is.
 */
typedef const char *(*cb_translate_fn)(const char *msgid, void *payload);

/*
 * Of `n` candidates, the one nearest to `word` (edit distance in code
 * points, a swap of neighbours counting one) if it is close enough to be a
 * typo, or NULL. Returns one of `cands`.
 */
CB_EXTERN(const char *)
cb_suggest(const char *word, const char *const *cands, size_t n);

#endif
