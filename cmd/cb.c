/*
 * cb.c - the cb command: its table of commands and the shared set-up.
 *
 * To add a command X:
 *   1. write cmd/X.c with `int cmd_X(int argc, char **argv)`, a usage
 *      array written like the man page's SYNOPSIS, getopt_long with sorted
 *      options, -h for the usage and --help for the man page;
 *   2. declare it in cmd/cb-cmd.h and add a row to `commands` below
 *      (sorted by name) and the file to cmd/CMakeLists.txt;
 *   3. write man/cb-X.1 (mdoc; tests/docs checks every command has one and
 *      that `cb X -h` works) and install it in CMakeLists.txt;
 *   4. add its cases under tests/cases/ and its messages to po/vi.po.
 */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cb-cmd.h"
#include "text.h"
#include "banned.h"

static const struct cb_command commands[] = {
	{ "attend", cmd_attend, N_("attendance per member over a period") },
	{ "audit", cmd_audit,
	    N_("who recorded the minutes, how late, what changed after") },
	{ "check", cmd_check, N_("check records against the plan's rules") },
	{ "help", cmd_help, N_("show the manual of a command") },
	{ "hook", cmd_hook,
	    N_("install a pre-commit hook that runs cb check") },
	{ "meet", cmd_meet,
	    N_("start the next meeting's minutes; list meetings") },
	{ "report", cmd_report,
	    N_("the party office's report; merge reports") },
	{ "thematic", cmd_thematic,
	    N_("thematic meetings per quarter, planned and held") },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char *const usage[] = {
	N_("usage: cb [--version] [--help] COMMAND [ARGS]"), NULL
};

const char *
cb_cmd_translate(const char *msgid, void *payload)
{
	(void)payload;
	return dgettext("cb", msgid);
}

const cb_reporter cb_cmd_tr = { NULL, NULL, cb_cmd_translate, NULL };

void
cb_cmd_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("cb: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cb_cmd_ncpu(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int
cb_cmd_date(const char *opt, const char *value, cb_date *out)
{
	size_t len = strlen(value);

	if (cb_date_parse(out, value, len) == 0)
		return 0;
	if (len == 10 && value[4] == '-' && value[7] == '-' &&
	    strspn(value, "0123456789-") == len) {
		cb_cmd_error(_("%s: '%s' is not a real date"), opt, value);
		return -1;
	}
	cb_cmd_error(
	    _("%s needs a date written YYYY-MM-DD, not '%s'"), opt, value);
	return -1;
}

int
cb_cmd_year(const char *value, int *year)
{
	cb_period p;

	if (cb_period_parse(&p, CB_PERIOD_YEAR, value) == 0) {
		*year = p.start.year;
		return 0;
	}
	cb_cmd_error(_("'%s' is not a year"), value);
	return -1;
}

cb_date
cb_cmd_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	cb_date d = { 0, 0, 0 };

	if (localtime_r(&t, &tm) != NULL) {
		d.year = (int16_t)(tm.tm_year + 1900);
		d.month = (int8_t)(tm.tm_mon + 1);
		d.day = (int8_t)tm.tm_mday;
	}
	return d;
}

void
cb_cmd_usage(FILE *fp, const char *const *lines)
{
	for (; *lines != NULL; lines++)
		fprintf(fp, "%s\n", (*lines)[0] ? _(*lines) : "");
}

int
cb_cmd_help_page(const char *page, const char *const *lines)
{
	char file[4096];
	struct stat st;
	const char *src = getenv("CB_MANDIR");
	int sec = strcmp(page, "cb-records") == 0 ? 5
	    : strcmp(page, "cb-rules") == 0	  ? 7
						  : 1;

	if (src == NULL)
		src = CB_SOURCE_MANDIR;
	snprintf(file, sizeof(file), "%s/%s.%d", src, page, sec);
	fflush(stdout);
	/* man-db drops the formatting itself when stdout is not a terminal. */
	if (stat(file, &st) == 0) {
		execlp("man", "man", "-l", file, (char *)NULL);
		execlp("mandoc", "mandoc", "-Tutf8", file, (char *)NULL);
	} else {
		char cmd[256];

		/* An installed page, if man knows one; else the usage. */
		snprintf(cmd, sizeof(cmd), "man -w %s >/dev/null 2>&1", page);
		if (system(cmd) == 0)
			execlp("man", "man", page, (char *)NULL);
	}
	cb_cmd_usage(stdout, lines);
	return 0;
}

static void
list_commands(FILE *fp)
{
	cb_cmd_usage(fp, usage);
	fprintf(fp, "\n%s\n", _("The commands are:"));
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "   %-10s %s\n", commands[i].name,
		    _(commands[i].summary));
	fprintf(fp, "\n%s\n",
	    _("'cb help COMMAND' shows a command's manual; "
	      "'cb COMMAND -h' its usage."));
}

int
cmd_help(int argc, char **argv)
{
	static const char *const help_usage[] = {
		N_("usage: cb help [COMMAND | records | rules]"), NULL
	};

	if (argc < 2 || !strcmp(argv[1], "--help"))
		return cb_cmd_help_page("cb", usage);
	if (!strcmp(argv[1], "-h")) {
		cb_cmd_usage(stdout, help_usage);
		return 0;
	}
	if (!strcmp(argv[1], "records") || !strcmp(argv[1], "rules")) {
		char page[32];

		snprintf(page, sizeof(page), "cb-%s", argv[1]);
		return cb_cmd_help_page(page, help_usage);
	}
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(argv[1], commands[i].name) != 0)
			continue;
		char *args[] = { argv[1], (char *)"--help", NULL };

		return commands[i].fn(2, args);
	}
	cb_cmd_error(_("no such command: '%s'; see 'cb help'"), argv[1]);
	return 2;
}

/* Flush stdout and turn a failed write into exit status 2 (git.c). */
static int
finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int err = errno;

		cb_cmd_error(
		    _("write error on standard output: %s"), strerror(err));
		return 2;
	}
	return status;
}

/*
 * Where the message catalogues are: $CB_LOCALEDIR; the build tree's, for
 * a cb run where it was built (build/cb, as the README runs it, before or
 * without `cmake --install`); else the installed ones.
 */
static const char *
locale_dir(char *buf, size_t size)
{
	const char *env = getenv("CB_LOCALEDIR");
	size_t bl = strlen(CB_BUILD_DIR);
	ssize_t n;

	if (env != NULL && *env)
		return env;
	n = readlink("/proc/self/exe", buf, size - 1);
	if (n > 0)
		buf[n] = '\0'; /* readlink does not end it */
	if (n > 0 && (size_t)n > bl && strncmp(buf, CB_BUILD_DIR, bl) == 0 &&
	    buf[bl] == '/' && strchr(buf + bl + 1, '/') == NULL) {
		snprintf(buf, size, "%s/locale", CB_BUILD_DIR);
		return buf;
	}
	return CB_LOCALEDIR;
}

int
main(int argc, char **argv)
{
	char ldir[4096];
	const char *localedir = locale_dir(ldir, sizeof(ldir));

	setlocale(LC_ALL, "");
	bindtextdomain("cb", localedir);
	bind_textdomain_codeset("cb", "UTF-8");

	if (argc < 2) {
		list_commands(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("cb %s\n", cb_version());
		return finish(0);
	}
	if (!strcmp(argv[1], "--help"))
		return finish(cb_cmd_help_page("cb", usage));
	if (!strcmp(argv[1], "-h")) {
		list_commands(stdout);
		return finish(0);
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return finish(commands[i].fn(argc - 1, argv + 1));
	/* Options come after the command, as in git: say where the command
	 * is, if one follows. */
	if (argv[1][0] == '-') {
		for (int a = 2; a < argc; a++)
			for (size_t i = 0; i < NCOMMANDS; i++)
				if (strcmp(argv[a], commands[i].name) == 0) {
					cb_cmd_error(_("options come after the "
						       "command: cb %s %s ..."),
					    commands[i].name, argv[1]);
					return 2;
				}
		cb_cmd_error(_("'%s' is not a cb command: options come after "
			       "the command; see 'cb -h'"),
		    argv[1]);
		return 2;
	}
	const char *names[NCOMMANDS];

	for (size_t i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	const char *near = cb_nearest(argv[1], names, NCOMMANDS);

	if (near != NULL)
		cb_cmd_error(_("'%s' is not a cb command; did you mean '%s'?"),
		    argv[1], near);
	else
		cb_cmd_error(
		    _("'%s' is not a cb command; see 'cb -h'"), argv[1]);
	return 2;
}
