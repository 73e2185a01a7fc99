/*
 * gitx.h - libgit2 helpers shared by the git source and cb audit.
 */
#ifndef CB_GITX_H
#define CB_GITX_H

#include <git2.h>
#include <stddef.h>

#include "cb/finding.h"

/*
 * Open the repository holding `dir` (bare or not), after git_libgit2_init()
 * by the caller. `trust`: skip libgit2's owner check (process-wide).
 * Returns 0, or CB_EINVAL with `err` saying why in a user's words, in the
 * language of `tr` (may be NULL: English).
 */
int cb_git_repo_open(git_repository **out, const char *dir, int trust,
    const cb_reporter *tr, char *err, size_t errsize);

/*
 * Read blob `id` if it has at most `max` bytes: the size comes from the
 * object's header first, so a huge blob is never loaded. The content is
 * hashed and compared with `id`: cb_git_repo_open turns libgit2's own
 * re-hashing of every object off (trees and commits are then read as git
 * reads them, unverified), so the records cb judges are verified here.
 * Returns 0 with `*out` set to a new buffer (NUL-terminated; the caller
 * frees it); 1 when the blob is larger than `max`
 * (`*size` set, `*out` NULL); -1 when it is unreadable or altered, with
 * git_error_last() saying why (cb's own reasons in the language of `tr`);
 * -2 when out of memory.
 *
 * `hint` (may be NULL) is kept by the caller from one blob to the next.
 */
struct cb_blob_hint {
	/*
	 * 0 to try the object as loose first (one read, streamed), 1 to ask
	 * the packs first. Asking a loose blob's stream of a packed object
	 * costs a failed stat(2) each time, so it turns to 1 once a blob is
	 * found packed, and stays: a loose blob is then read as a whole.
	 */
	int packed;
	/* cb_sha1_hw(), asked once: hash with the CPU's SHA instructions.
	 * 0 (and a NULL hint): with libgit2's hash. */
	int sha_hw;
};

int
cb_git_blob(char **out, size_t *size, git_repository *repo, const git_oid *id,
    size_t max, struct cb_blob_hint *hint, const cb_reporter *tr);

#endif
