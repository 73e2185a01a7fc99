/*
 * cb_sha1_blob gives the ids git gives: known ids, and libgit2's hash of
 * every length across the block boundaries (the header shifts them).
 */
#include <git2.h>

#include "harness.h"
#include "sha1.h"

static void
hex(char out[41], const unsigned char id[20])
{
	for (int i = 0; i < 20; i++)
		snprintf(out + 2 * i, 3, "%02x", id[i]);
}

static void
known(void **state)
{
	unsigned char id[20];
	char h[41];

	(void)state;
	if (!cb_sha1_hw())
		skip();
	/* git hash-object /dev/null, and of "hello\n". */
	cb_sha1_blob(id, "", 0);
	hex(h, id);
	assert_string_equal(h, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
	cb_sha1_blob(id, "hello\n", 6);
	hex(h, id);
	assert_string_equal(h, "ce013625030ba8dba906f756967f9e9ca394464a");
}

static void
like_libgit2(void **state)
{
	enum { MAX = 70000 };
	unsigned char *buf = malloc(MAX), id[20];
	uint32_t x = 2463534242u;
	git_oid want;
	size_t lens[300 + 6], n = 0;

	(void)state;
	if (!cb_sha1_hw())
		skip();
	assert_non_null(buf);
	for (size_t i = 0; i < MAX; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5; /* xorshift32 */
		buf[i] = (unsigned char)x;
	}
	for (size_t l = 0; l < 300; l++)
		lens[n++] = l;
	lens[n++] = 4095;
	lens[n++] = 4096;
	lens[n++] = 4097;
	lens[n++] = 65536 + 13;
	lens[n++] = MAX - 1;
	lens[n++] = MAX;
	assert_int_equal(git_libgit2_init() > 0, 1);
	for (size_t i = 0; i < n; i++) {
		/* At an odd address too: the loads are unaligned. */
		const unsigned char *p = buf + (i & 1);
		size_t l = lens[i] - (lens[i] && (i & 1));

		cb_sha1_blob(id, p, l);
		assert_int_equal(git_odb_hash(&want, p, l, GIT_OBJECT_BLOB), 0);
		if (memcmp(id, want.id, 20) != 0)
			fail_msg("length %zu: not libgit2's id", l);
	}
	git_libgit2_shutdown();
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known),
		cmocka_unit_test(like_libgit2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
