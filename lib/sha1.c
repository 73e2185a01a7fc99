/*
 * sha1.c - SHA-1 of git blobs with the x86 SHA extensions (sha1.h).
 *
 * The compression function follows Intel's reference sequence for the SHA
 * extensions: 20 groups of 4 rounds, the message schedule computed 4 words
 * at a time with sha1msg1/sha1msg2. Padding and the "blob <len>\0" header
 * are portable C. Tested against libgit2's hash (tests/unit/test_sha1.c).
 */
#include "sha1.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) &&        \
    defined(__has_include)
#if __has_include(<cpuid.h>)
#define CB_SHA1_X86 1
#endif
#endif
#ifdef CB_SHA1_X86
#include <cpuid.h>
#include <immintrin.h>
#endif

#include "banned.h"

#ifdef CB_SHA1_X86

int
cb_sha1_hw(void)
{
	unsigned a, b, c, d;

	/* SSSE3 and SSE4.1 (leaf 1, ecx bits 9 and 19), SHA (leaf 7, ebx 29). */
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) ||
	    !(c & (1u << 19)))
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b & (1u << 29)) != 0;
}

/*
 * One group of 4 rounds, g = 0..19: add the next 4 message words to E,
 * run the rounds with function f = g / 5, and advance the schedule. m[]
 * holds 16 words of schedule, e[] the E value in use and the one saved.
 */
#define GROUP(g)                                                               \
	do {                                                                   \
		__m128i cur = m[(g) % 4];                                      \
		e[(g) % 2] = (g) == 0 ? _mm_add_epi32(e[0], cur)               \
				      : _mm_sha1nexte_epu32(e[(g) % 2], cur);  \
		e[((g) + 1) % 2] = abcd;                                       \
		if ((g) >= 3 && (g) <= 18)                                     \
			m[((g) + 1) % 4] =                                     \
			    _mm_sha1msg2_epu32(m[((g) + 1) % 4], cur);         \
		abcd = _mm_sha1rnds4_epu32(abcd, e[(g) % 2], (g) / 5);         \
		if ((g) >= 1 && (g) <= 16)                                     \
			m[((g) + 3) % 4] =                                     \
			    _mm_sha1msg1_epu32(m[((g) + 3) % 4], cur);         \
		if ((g) >= 2 && (g) <= 17)                                     \
			m[((g) + 2) % 4] =                                     \
			    _mm_xor_si128(m[((g) + 2) % 4], cur);              \
	} while (0)

__attribute__((target("sha,sse4.1,ssse3"))) static void
compress(uint32_t h[5], const unsigned char *p, size_t blocks)
{
	const __m128i swap =
	    _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
	__m128i abcd =
	    _mm_shuffle_epi32(_mm_loadu_si128((const void *)h), 0x1B);
	__m128i e0 = _mm_set_epi32((int)h[4], 0, 0, 0);

	for (; blocks > 0; blocks--, p += 64) {
		__m128i abcd0 = abcd, e0_0 = e0, m[4], e[2];

		for (int i = 0; i < 4; i++)
			m[i] = _mm_shuffle_epi8(
			    _mm_loadu_si128((const void *)(p + 16 * i)), swap);
		e[0] = e0;
		e[1] = e0;
		GROUP(0);
		GROUP(1);
		GROUP(2);
		GROUP(3);
		GROUP(4);
		GROUP(5);
		GROUP(6);
		GROUP(7);
		GROUP(8);
		GROUP(9);
		GROUP(10);
		GROUP(11);
		GROUP(12);
		GROUP(13);
		GROUP(14);
		GROUP(15);
		GROUP(16);
		GROUP(17);
		GROUP(18);
		GROUP(19);
		e0 = _mm_sha1nexte_epu32(e[0], e0_0);
		abcd = _mm_add_epi32(abcd, abcd0);
	}
	_mm_storeu_si128((void *)h, _mm_shuffle_epi32(abcd, 0x1B));
	h[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}

int
cb_sha1_blob(unsigned char out[20], const void *data, size_t len)
{
	uint32_t h[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476,
		0xC3D2E1F0 };
	const unsigned char *p = data;
	unsigned char block[128];
	/* "blob " + at most 20 digits + NUL: one block, with room to fill. */
	int hl = snprintf((char *)block, sizeof(block), "blob %zu", len) + 1;
	size_t n = (size_t)hl, take = 64 - n;
	uint64_t bits = ((uint64_t)n + (uint64_t)len) * 8;

	if (take > len)
		take = len;
	if (take > 0)
		memcpy(block + n, p, take);
	n += take;
	p += take;
	len -= take;
	if (n == 64) {
		compress(h, block, 1);
		compress(h, p, len / 64);
		p += len / 64 * 64;
		len %= 64;
		if (len > 0)
			memcpy(block, p, len);
		n = len;
	}
	/* The tail: 0x80, zeros, the length in bits, in one or two blocks. */
	block[n++] = 0x80;
	size_t end = n + 8 <= 64 ? 64 : 128;

	memset(block + n, 0, end - n);
	for (int i = 0; i < 8; i++)
		block[end - 1 - i] = (unsigned char)(bits >> (8 * i));
	compress(h, block, end / 64);
	for (int i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(h[i] >> 8);
		out[4 * i + 3] = (unsigned char)h[i];
	}
	return 0;
}

#else /* no SHA extensions to use: callers keep libgit2's hash */

int
cb_sha1_hw(void)
{
	return 0;
}

int
cb_sha1_blob(unsigned char out[20], const void *data, size_t len)
{
	(void)data;
	(void)len;
	memset(out, 0, 20);
	return -1;
}

#endif
