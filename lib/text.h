/*
 * text.h - UTF-8 text: validation, NFC normalisation (utf8proc), code point
 * counting, display width and edit distance for "did you mean" hints.
 */
#ifndef CB_TEXT_H
#define CB_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/*
 * Decode one code point of `s` (at most `len` bytes). Returns its length
 * in bytes and sets `*cp`, or 0 for an invalid or truncated sequence
 * (overlong forms, surrogates and values above U+10FFFF are invalid).
 */
size_t cb_utf8_decode(const unsigned char *s, size_t len, int32_t *cp);

/* Number of code points in a valid UTF-8 string. */
size_t cb_utf8_count(const char *s, size_t len);

/* Terminal display width of a valid UTF-8 string (utf8proc_charwidth). */
size_t cb_utf8_width(const char *s);

/* Whether all `len` bytes are ASCII. */
int cb_is_ascii(const char *s, size_t len);

/*
 * The NFC form of `len` bytes of valid UTF-8, NUL-terminated, in arena `a`;
 * NULL when out of memory or the text is not valid UTF-8. ASCII text is
 * copied unchanged.
 */
char *cb_nfc(cb_arena *a, const char *s, size_t len);
/*
 * The same for a NUL-terminated `s` that lives as long as the result: `s`
 * itself when it is NFC already (no copy), else its NFC form in `a`.
 */
const char *cb_nfc_view(cb_arena *a, const char *s, size_t len);

/*
 * Levenshtein distance between two UTF-8 strings in code points, or a value
 * greater than `cap` as soon as it is sure to exceed it.
 */
size_t cb_edit_distance(const char *a, const char *b, size_t cap);

/*
 * Of `n` candidates, the one nearest to `word` that is close enough to be a
 * likely typo (distance at most 1 for short words, 2 from 5 code points,
 * 3 from 9), or NULL. Ties go to the earlier candidate.
 */
const char *cb_nearest(const char *word, const char *const *cands, size_t n);

/*
 * The value of `n` ASCII digits (at most 9) at `s` in `*out`; -1 (and
 * `*out` untouched) when one of them is not a digit.
 */
int cb_digits(const char *s, size_t n, int *out);

/*
 * In `n` elements of `size` bytes at `base`, sorted bytewise by the string
 * that each one's first member (a char pointer) points to: the index of
 * the first whose string is not less than `key` (n when none).
 */
size_t cb_lower_bound(const void *base, size_t n, size_t size, const char *key);

#endif
