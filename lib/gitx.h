/*
 * gitx.h - libgit2 helpers shared by the git source and cb audit.
 */
#ifndef CB_GITX_H
#define CB_GITX_H

#include <git2.h>
#include <stddef.h>

/*
 * Open the repository holding `dir` (bare or not), after git_libgit2_init()
 * by the caller. `trust`: skip libgit2's owner check (process-wide).
 * Returns 0, or CB_EINVAL with `err` saying why in a user's words.
 */
int cb_git_repo_open(git_repository **out, const char *dir, int trust,
    char *err, size_t errsize);

#endif
