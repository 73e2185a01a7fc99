/*
 * cb/audit.h - the minutes book from its git history (cb audit): for
 * each meeting file, who first committed it and how long after the
 * meeting, how often it changed since, whether a change after approval
 * came without an amendment, and which meeting files were deleted.
 */
#ifndef CB_AUDIT_H
#define CB_AUDIT_H

#include "common.h"
#include "date.h"
#include "finding.h"
#include "table.h"

typedef struct cb_audit_opts {
	const char *dir; /* a directory in the repository (or the bare one) */
	const char *rev; /* where history ends (NULL: HEAD) */
	cb_date since;	 /* only meetings on or after it (unset: all) */
	int trust;	 /* CB_GIT_* flags (cb/source.h) */
	int late_days;	 /* > 0: instead of each cell's plan (--plan) */
	int jobs;	 /* threads comparing commits (1 or more) */
	const cb_reporter *rep; /* audit/... findings */
} cb_audit_opts;

/*
 * Walk the history once, oldest first along first parents, comparing tree
 * entry ids so that unchanged folders are never opened. `*out` gets a row
 * per meeting file (the caller frees it with cb_table_free()). Findings go
 * to `o->rep`. `*shallow` is set when the clone is shallow (history is
 * cut). Returns 0, or a negative CB_E* code with `err` saying why (a bad
 * revision, a corrupt object): then no table is returned, so no partial
 * audit can pass for a complete one.
 */
CB_EXTERN(int)
cb_audit_build(cb_table **out, const cb_audit_opts *o, int *shallow, char *err,
    size_t errsize);

#endif
