/*
 * cb-cmd.h - what the command files share: the command table's entry
 * type, translation, dates from the command line, usage and help.
 */
#ifndef CB_CMD_H
#define CB_CMD_H

#include <libintl.h>
#include <stdio.h>

#include <getopt.h>

#include <cb.h>

#define _(s) dgettext("cb", s)
#define N_(s) (s)

struct cb_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary; /* N_() text for `cb help` */
};

/* The commands; each lives in cmd/<name>.c. */
int cmd_attend(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_hook(int argc, char **argv);
int cmd_meet(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_thematic(int argc, char **argv);

/* libcb's translation hook: dgettext in the "cb" domain. */
const char *cb_cmd_translate(const char *msgid, void *payload);
/* Only that hook, for the library's messages that are not findings. */
extern const cb_reporter cb_cmd_tr;

/* Parse a YYYY-MM-DD option value; prints a message and returns -1. */
int cb_cmd_date(const char *opt, const char *value, cb_date *out);

/* The number of processors online, from 1 to 64: the default -j. */
int cb_cmd_ncpu(void);

/* Parse a --year value (YYYY); prints a message and returns -1. */
int cb_cmd_year(const char *value, int *year);

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

/* Output options shared by the tabular commands. */
struct cb_cmd_output {
	cb_format format; /* text, csv or xlsx */
	int excel;	  /* --excel: CSV for spreadsheets */
	const char *path; /* -o FILE, or NULL for stdout */
	int force;	  /* --force: replace an existing FILE */
};

/* Parse --format text|csv|xlsx; prints a message and returns -1. */
int cb_cmd_parse_format(const char *s, struct cb_cmd_output *o);

/*
 * Write `tables` as `o` says; `as_of` fixes an xlsx workbook's creation
 * time. Prints a message and returns -1 on failure.
 */
int cb_cmd_output(const cb_table *const *tables, size_t n,
    const struct cb_cmd_output *o, cb_date as_of);

/*
 * Whether -o can be written, asked before the work: 0, or -1 with a
 * message when it names a folder, or a file that exists (without
 * --force). Writing checks again (the file may appear meanwhile).
 */
int cb_cmd_output_ready(const struct cb_cmd_output *o);

/*
 * Options every reading command shares. Each command's getopt_long table
 * includes CB_CMD_COMMON_OPTIONS; cb_cmd_common() handles those codes.
 */
struct cb_cmd_common {
	cb_report_opts ro;
	struct cb_cmd_output out;
	const char *rev; /* --rev */
	int trust;	 /* --trust-repo */
	cb_source *src;	 /* opened by cb_cmd_open_source() */
};

enum {
	CB_OPT_AS_OF = 1000,
	CB_OPT_EXCEL,
	CB_OPT_FORCE,
	CB_OPT_FORMAT,
	CB_OPT_HELP,
	CB_OPT_PLAN,
	CB_OPT_REV,
	CB_OPT_TRUST,
	CB_OPT_OUTPUT = 'o'
};

/* clang-format off */
#define CB_CMD_COMMON_OPTIONS \
	{ "as-of", required_argument, NULL, CB_OPT_AS_OF }, \
	{ "excel", no_argument, NULL, CB_OPT_EXCEL }, \
	{ "force", no_argument, NULL, CB_OPT_FORCE }, \
	{ "format", required_argument, NULL, CB_OPT_FORMAT }, \
	{ "help", no_argument, NULL, CB_OPT_HELP }, \
	{ "output", required_argument, NULL, CB_OPT_OUTPUT }, \
	{ "plan", required_argument, NULL, CB_OPT_PLAN }, \
	{ "rev", required_argument, NULL, CB_OPT_REV }, \
	{ "trust-repo", no_argument, NULL, CB_OPT_TRUST }
/* clang-format on */

/* Defaults: today, text to stdout. */
void cb_cmd_common_init(struct cb_cmd_common *c);

/*
 * Handle option `opt` if it is a common one: returns 1 when handled, 0 when
 * not common, -1 on a bad value (message printed), 2 after --help.
 */
int cb_cmd_common(struct cb_cmd_common *c, int opt, const char *arg,
    const char *page, const char *const *usage);

/*
 * Open the git revision (--rev) as the source of the records, if one was
 * asked for; print what the source refused. Returns -1 after a message.
 * cb_cmd_common_fini() frees it.
 */
int cb_cmd_open_source(struct cb_cmd_common *c);
void cb_cmd_common_fini(struct cb_cmd_common *c);

/*
 * libcb's flags for opening the repository: CB_GIT_TRUST for --trust-repo,
 * CB_GIT_FROM_ENV inside git hooks (GIT_DIR and friends are set).
 */
int cb_cmd_git_flags(int trust);

/*
 * The PATH arguments after the options (the current directory when there
 * are none): returns how many, with `*paths` set.
 */
size_t cb_cmd_paths(int argc, char **argv, const char *const **paths);

/*
 * The end of a tabular command: `rc` from its cb_*_build(), `t` its table.
 * Writes the table, frees it and the common options, and returns the exit
 * status (2 after out of memory or an unreadable path).
 */
int cb_cmd_finish_table(struct cb_cmd_common *com, int rc, cb_table *t);

/* A table of one year: cb_meet_list_build() or cb_thematic_build(). */
typedef int (*cb_cmd_year_build)(cb_table **out, const cb_report_opts *o,
    int year, const char *const *paths, size_t n);

/*
 * A tabular command whose only own option is --year: parses the common
 * options and --year (when not given: 0, or the year of --as-of when
 * `as_of_year`), builds the table with `build` and writes it. Returns the
 * exit status; `page` is the manual page --help shows.
 */
int cb_cmd_year_table(int argc, char **argv, const char *page,
    const char *const *usage, cb_cmd_year_build build, int as_of_year);

/* Print the paths a git source refused to read (links, bad names). */
void cb_cmd_print_refused(const cb_source *src);

/*
 * An option a command's own switch did not take: a common one (returns -1:
 * go on), --help (returns 0 after the page), or a bad one (message, usage,
 * returns 2).
 */
int cb_cmd_other(struct cb_cmd_common *com, int c, char **argv,
    const char *page, const char *const *usage);

/* The message and status for an unknown option (prints usage). */
int cb_cmd_bad_option(int c, char **argv, const char *const *usage);

/* io_error callback that prints "cb: cannot read 'x': reason". */
void
cb_cmd_io_error(const char *path, int errnum, const char *msg, void *payload);

/* "cb: " + message on stderr, printf-style, a newline added. */
void cb_cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
