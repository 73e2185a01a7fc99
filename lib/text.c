#include "text.h"

#include "cb/common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "banned.h"

size_t
cb_utf8_decode(const unsigned char *s, size_t len, int32_t *cp)
{
	if (len == 0)
		return 0;
	unsigned c = s[0];

	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	size_t n;
	int32_t v, min;

	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

size_t
cb_utf8_count(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

size_t
cb_utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), w = 0;

	while (len) {
		int32_t cp;
		size_t n = cb_utf8_decode(p, len, &cp);

		if (n == 0) {
			n = 1;
			w++;
		} else {
			int cw = utf8proc_charwidth(cp);

			w += cw > 0 ? (size_t)cw : 0;
		}
		p += n;
		len -= n;
	}
	return w;
}

int
cb_is_ascii(const char *s, size_t len)
{
	size_t i = 0;

	/* Eight bytes at a time: no byte has its high bit set. */
	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080u)
			return 0;
	}
	for (; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/*
 * Whether valid UTF-8 text is NFC without asking utf8proc: true when every
 * code point is below U+0300 (Latin, with Vietnamese ơ, ư, đ), or a
 * precomposed letter of Latin Extended Additional (U+1E00-U+1EFF: ạ ả ấ
 * ... ỹ), or general punctuation (U+2000-U+206F). None of those decompose
 * or compose with a neighbour in that set; text typed as NFD has combining
 * marks (U+0300-U+036F) and takes the slow path.
 */
static int
nfc_quick(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = cb_utf8_decode(p + i, len - i, &cp)) == 0)
			return 0;
		if (!(cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) ||
			(cp >= 0x2000 && cp <= 0x206F)))
			return 0;
		i += n;
	}
	return 1;
}

char *
cb_nfc(cb_arena *a, const char *s, size_t len)
{
	if (nfc_quick(s, len))
		return cb_arena_strndup(a, s, len);

	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)len, &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);

	if (n < 0)
		return NULL;
	char *r = cb_arena_strndup(a, (const char *)out, (size_t)n);

	free(out);
	return r;
}

const char *
cb_nfc_view(cb_arena *a, const char *s, size_t len)
{
	return nfc_quick(s, len) ? s : cb_nfc(a, s, len);
}

/* Decode a whole valid string into code points; returns the count. */
static size_t
to_codepoints(const char *s, int32_t *out, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n = 0;

	while (len && n < max) {
		int32_t cp;
		size_t k = cb_utf8_decode(p, len, &cp);

		if (k == 0) {
			cp = *p;
			k = 1;
		}
		out[n++] = cp;
		p += k;
		len -= k;
	}
	return n;
}

/*
 * Optimal string alignment distance: Levenshtein plus the swap of two
 * neighbours, the commonest typing slip (DV021 for DV012).
 */
size_t
cb_edit_distance(const char *a, const char *b, size_t cap)
{
	enum { MAXLEN = 64 };
	int32_t ca[MAXLEN], cbp[MAXLEN];
	size_t rows[3][MAXLEN + 1];
	size_t na = to_codepoints(a, ca, MAXLEN);
	size_t nb = to_codepoints(b, cbp, MAXLEN);
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	if ((na > nb ? na - nb : nb - na) > cap)
		return cap + 1;
	for (size_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t best;

		cur[0] = i;
		best = cur[0];
		for (size_t j = 1; j <= nb; j++) {
			size_t v = prev[j - 1] + (ca[i - 1] != cbp[j - 1]);

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca[i - 1] == cbp[j - 2] &&
			    ca[i - 2] == cbp[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > cap)
			return cap + 1;
		size_t *t = prev2;

		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[nb];
}

static int
cp_cmp(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/* Whether `a` and `b` hold the same code points in another order. */
static int
anagram(const char *a, const char *b)
{
	int32_t x[64], y[64];
	size_t nx = to_codepoints(a, x, 64), ny = to_codepoints(b, y, 64);

	if (nx != ny)
		return 0;
	qsort(x, nx, sizeof(*x), cp_cmp);
	qsort(y, ny, sizeof(*y), cp_cmp);
	return memcmp(x, y, nx * sizeof(*x)) == 0;
}

const char *
cb_nearest(const char *word, const char *const *cands, size_t n)
{
	size_t len = cb_utf8_count(word, strlen(word));
	size_t cap = len >= 9 ? 3 : len >= 5 ? 2 : 1;
	const char *best = NULL;
	size_t bestd = cap + 1;

	if (len == 0)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (cands[i] == NULL || strcmp(cands[i], word) == 0)
			continue;
		size_t d = cb_edit_distance(word, cands[i], bestd);

		/* On a tie, a swap of letters beats a wrong letter. */
		if (d < bestd ||
		    (d == bestd && d <= cap && best != NULL &&
			!anagram(word, best) && anagram(word, cands[i]))) {
			bestd = d;
			best = cands[i];
		}
	}
	return best;
}

const char *
cb_suggest(const char *word, const char *const *cands, size_t n)
{
	return cb_nearest(word, cands, n);
}

int
cb_digits(const char *s, size_t n, int *out)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

size_t
cb_lower_bound(const void *base, size_t n, size_t size, const char *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *s;
		const unsigned char *a, *b = (const unsigned char *)key;

		memcpy(&s, (const char *)base + mid * size, sizeof(s));
		/* strcmp's order, inline: the strings are short ids and
		 * paths, and every attendance and assignment asks. */
		a = (const unsigned char *)s;
		while (*a != '\0' && *a == *b) {
			a++;
			b++;
		}
		if (*a < *b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
