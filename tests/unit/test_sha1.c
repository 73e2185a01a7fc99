/*
 * cb_sha1_blob gives the ids git gives: known ids, and libgit2's hash of
 * every length across the block boundaries (the header shifts them); and
 * cb_git_blob verifies blobs with it and without it.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <git2.h>
#include <sys/stat.h>

#include "harness.h"
#include "gitx.h"
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
	unsigned char *buf = malloc(MAX + 1), id[20];
	uint32_t x = 2463534242u;
	git_oid want;
	size_t lens[300 + 7], n = 0;

	(void)state;
	if (!cb_sha1_hw())
		skip();
	assert_non_null(buf);
	for (size_t i = 0; i < MAX + 1; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5; /* xorshift32 */
		buf[i] = (unsigned char)x;
	}
	for (size_t l = 0; l < 300; l++)
		lens[n++] = l;
	lens[n++] = 4095;
	lens[n++] = 4096;
	lens[n++] = 4097;
	lens[n++] = 65536;
	lens[n++] = 65536 + 13;
	lens[n++] = MAX - 1;
	lens[n++] = MAX;
	assert_int_equal(git_libgit2_init() > 0, 1);
	/* Every length at an even address and at an odd one: the loads are
	 * unaligned. */
	for (size_t i = 0; i < n; i++)
		for (size_t off = 0; off < 2; off++) {
			cb_sha1_blob(id, buf + off, lens[i]);
			assert_int_equal(git_odb_hash(&want, buf + off, lens[i],
					     GIT_OBJECT_BLOB),
			    0);
			if (memcmp(id, want.id, 20) != 0)
				fail_msg("length %zu at +%zu: not libgit2's id",
				    lens[i], off);
		}
	git_libgit2_shutdown();
	free(buf);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
object_path(char *out, size_t size, const char *repo, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	snprintf(out, size, "%s/objects/%.2s/%s", repo, hex, hex + 2);
}

/*
 * cb_git_blob verifies what it reads with either hash: a loose object
 * whose content is another blob's is refused, a packed one is read, with
 * the CPU's SHA instructions (where there are) and with libgit2's.
 */
static void
verify_both_ways(void **state)
{
	char dir[] = "/tmp/cb-test-sha1-XXXXXX", a_path[512], b_path[512];
	const char *a = "date: 2024-03-05\n", *b = "date: 2024-04-05\n";
	git_repository *repo = NULL;
	git_oid ia, ib;
	git_packbuilder *pb = NULL;
	cb_reporter tr = { 0 };

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(git_libgit2_init() > 0, 1);
	assert_int_equal(git_repository_init(&repo, dir, 1), 0);
	assert_int_equal(
	    git_blob_create_from_buffer(&ia, repo, a, strlen(a)), 0);
	assert_int_equal(
	    git_blob_create_from_buffer(&ib, repo, b, strlen(b)), 0);
	/* b packed (its loose copy kept: a pack is asked first once a blob
	 * was found in one), then a's object replaced by b's. */
	assert_int_equal(git_packbuilder_new(&pb, repo), 0);
	assert_int_equal(git_packbuilder_insert(pb, &ib, NULL), 0);
	assert_int_equal(git_packbuilder_write(pb, NULL, 0, NULL, NULL), 0);
	git_packbuilder_free(pb);
	object_path(a_path, sizeof(a_path), dir, &ia);
	object_path(b_path, sizeof(b_path), dir, &ib);
	assert_int_equal(chmod(a_path, 0644), 0);
	FILE *in = fopen(b_path, "rb"), *out = fopen(a_path, "wb");
	char copy[4096];
	size_t got;

	assert_non_null(in);
	assert_non_null(out);
	while ((got = fread(copy, 1, sizeof(copy), in)) > 0)
		assert_int_equal(fwrite(copy, 1, got, out), got);
	fclose(in);
	assert_int_equal(fclose(out), 0);
	for (int hw = 0; hw <= cb_sha1_hw(); hw++) {
		struct cb_blob_hint loose = { 0, hw }, packed = { 1, hw };
		char *text = NULL;
		size_t len = 0;

		assert_int_equal(
		    cb_git_blob(&text, &len, repo, &ib, 1024, &packed, &tr), 0);
		assert_int_equal(len, strlen(b));
		assert_memory_equal(text, b, len);
		free(text);
		assert_int_equal(
		    cb_git_blob(&text, &len, repo, &ia, 1024, &loose, &tr), -1);
		assert_null(text);
		assert_non_null(strstr(git_error_last()->message, "its id"));
		/* Over the size limit: 1, and nothing read. */
		assert_int_equal(
		    cb_git_blob(&text, &len, repo, &ib, 4, &packed, &tr), 1);
		assert_null(text);
	}
	git_repository_free(repo);
	git_libgit2_shutdown();
	assert_int_equal(nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known),
		cmocka_unit_test(like_libgit2),
		cmocka_unit_test(verify_both_ways),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
