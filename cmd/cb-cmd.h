/*
 * cb-cmd.h - what the command files share: the command table's entry
 * type, translation, dates from the command line, usage and help.
 */
#ifndef CB_CMD_H
#define CB_CMD_H

#include <libintl.h>
#include <stdio.h>

#include <cb.h>

#define _(s) dgettext("cb", s)
#define N_(s) (s)

struct cb_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary; /* N_() text for `cb help` */
};

/* The commands; each lives in cmd/<name>.c. */
int cmd_check(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* libcb's translation hook: dgettext in the "cb" domain. */
const char *cb_cmd_translate(const char *msgid, void *payload);

/* Parse a YYYY-MM-DD option value; prints a message and returns -1. */
int cb_cmd_date(const char *opt, const char *value, cb_date *out);

/* Today in the local time zone. */
cb_date cb_cmd_today(void);

/*
 * Print a usage array (NULL-terminated, written like the man page's
 * SYNOPSIS, translated line by line) to `fp`.
 */
void cb_cmd_usage(FILE *fp, const char *const *usage);

/*
 * Show the manual page `page` (e.g. "cb-check"): the build's man/ first,
 * then the installed one; falls back to printing `usage`. Returns the exit
 * status.
 */
int cb_cmd_help_page(const char *page, const char *const *usage);

/* "cb: " + message on stderr, printf-style, a newline added. */
void cb_cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
