/*
 * cb/finding.h - findings: what the checks hand to the caller.
 *
 * A rule violation is data, not a failure: the library builds a cb_finding
 * and passes it to a callback that the caller supplies, then goes on, so
 * one bad file never stops the others.
 */
#ifndef CB_FINDING_H
#define CB_FINDING_H

#include "common.h"
#include "date.h"
#include "rules.h"

typedef struct cb_finding {
	const char *path; /* the file, as the user named it */
	uint32_t line;	  /* 1-based; 1 for a finding about a file */
	uint32_t column;  /* 1-based, in code points of the NFC line */
	cb_severity severity;
	cb_rule rule;
	/*
	 * The day the finding belongs to, for reports by period: a meeting
	 * file's date; the last day of the month, quarter or year a finding
	 * about one is about; unset for findings about the roster or a plan.
	 */
	cb_date date;
	const char *message; /* translated, UTF-8, no trailing period */
} cb_finding;

/*
 * Receives one finding. Everything `f` points to is borrowed and valid only
 * during the call. Return 0 to go on; a non-zero value stops the run, which
 * then returns CB_EUSER.
 */
typedef int (*cb_finding_fn)(const cb_finding *f, void *payload);

/*
 * Where findings go and how their messages are translated. All members are
 * borrowed by the functions that take a reporter. `translate` may be NULL
 * (English).
 */
typedef struct cb_reporter {
	cb_finding_fn fn;
	void *payload;
	cb_translate_fn translate;
	void *translate_payload;
} cb_reporter;
#endif
