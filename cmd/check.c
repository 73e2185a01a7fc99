/*
 * check.c - `cb check`: validate records against the rules (cb-check(1)).
 */
#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "cb-cmd.h"
#include "text.h"
#include "banned.h"

static const char *const usage[] = {
	N_("usage: cb check [--as-of DATE] [--from DATE] "
	   "[--format text|csv|json]"),
	N_("                [--only ID]... [--ignore ID]... "
	   "[--warnings-as-errors] [--quiet] [-j N]"),
	N_("                [--plan FILE] [--rev REV | --staged] "
	   "[--trust-repo] [--cache[=DIR]] [PATH...]"),
	N_("       cb check --list-rules"), NULL
};

enum format { FMT_TEXT, FMT_CSV, FMT_JSON };

struct out {
	enum format format;
};

static void
csv_field(const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void
json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else if (c < 0x80)
			putchar(c);
		else {
			/* JSON is UTF-8: a byte that is not (a file name in
			 * an old encoding) is shown as U+FFFD. */
			int32_t cp;
			size_t n = cb_utf8_decode(
			    (const unsigned char *)s, strlen(s), &cp);

			if (n == 0) {
				fputs("\\ufffd", stdout);
			} else {
				fwrite(s, 1, n, stdout);
				s += n - 1;
			}
		}
	}
	putchar('"');
}

/*
 * Text output is one finding a line, for editors and CI: a line break or
 * other control character inside a value is shown escaped.
 */
static void
text_field(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c < 0x20 && c != '\t')
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

static int
print_finding(const cb_finding *f, void *payload)
{
	const struct out *o = payload;
	const char *sev = cb_severity_name(f->severity);
	const char *rule = cb_rule_id(f->rule);

	switch (o->format) {
	case FMT_TEXT:
		text_field(f->path);
		printf(":%u:%u: %s: ", (unsigned)f->line, (unsigned)f->column,
		    sev);
		text_field(f->message);
		printf(" [%s]\n", rule);
		break;
	case FMT_CSV:
		csv_field(f->path);
		printf(",%u,%u,%s,%s,", (unsigned)f->line, (unsigned)f->column,
		    sev, rule);
		csv_field(f->message);
		fputs("\r\n", stdout);
		break;
	case FMT_JSON:
		fputs("{\"path\":", stdout);
		json_string(f->path);
		printf(",\"line\":%u,\"column\":%u,\"severity\":\"%s\","
		       "\"rule\":\"%s\",\"message\":",
		    (unsigned)f->line, (unsigned)f->column, sev, rule);
		json_string(f->message);
		/* An extension of the spec: the day the finding belongs to,
		 * as reports by period count it (cb_finding.date). */
		if (cb_date_is_set(f->date)) {
			char d[11];

			printf(
			    ",\"date\":\"%s\"}\n", cb_date_format(f->date, d));
		} else {
			fputs(",\"date\":null}\n", stdout);
		}
		break;
	}
	return ferror(stdout) ? 1 : 0;
}

static void
print_io_error(const char *path, int errnum, const char *msg, void *payload)
{
	(void)payload;
	cb_cmd_error(
	    _("cannot read '%s': %s"), path, msg ? msg : strerror(errnum));
}

/*
 * Select the rules named by `spec`: a rule id, or a group written `group/` and a star,
 * `group/` or `group`. Returns how many matched; suggests the nearest id
 * when none did.
 */
static int
select_rules(const char *spec, unsigned char *mark)
{
	size_t len = strlen(spec);
	int n = 0;

	if (len >= 2 && strcmp(spec + len - 2, "/*") == 0)
		len -= 2;
	else if (len >= 1 && spec[len - 1] == '/')
		len -= 1;
	for (int i = 0; i < CB_RULE_COUNT; i++) {
		const char *id = cb_rule_id((cb_rule)i);

		if (strcmp(id, spec) == 0 ||
		    (strncmp(id, spec, len) == 0 && id[len] == '/' &&
			strchr(spec, '/') == spec + len) ||
		    (strncmp(id, spec, len) == 0 && id[len] == '/' &&
			strchr(spec, '/') == NULL)) {
			mark[i] = 1;
			n++;
		}
	}
	if (n == 0) {
		const char *ids[CB_RULE_COUNT];
		const char *near;

		for (int i = 0; i < CB_RULE_COUNT; i++)
			ids[i] = cb_rule_id((cb_rule)i);
		near = cb_suggest(spec, ids, CB_RULE_COUNT);
		if (near)
			cb_cmd_error(_("unknown rule '%s'; did you mean '%s'?"),
			    spec, near);
		else
			cb_cmd_error(_("unknown rule '%s'; see 'cb help rules' "
				       "for the list"),
			    spec);
	}
	return n;
}

/*
 * Whether `dir` holds a repository: its git directory (dir/.git, or dir
 * itself when bare, as a server keeps it) in `out`.
 */
static int
git_dir_at(const char *dir, char *out, size_t size)
{
	struct stat st;

	snprintf(out, size, "%s/.git", dir);
	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode))
		return 1;
	snprintf(out, size, "%s/objects", dir);
	if (stat(out, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	snprintf(out, size, "%s/HEAD", dir);
	if (stat(out, &st) != 0)
		return 0;
	snprintf(out, size, "%s", dir);
	return 1;
}

/*
 * The cache directory: --cache=DIR, or cb-cache in the git directory of
 * the repository around the current directory. Created when missing.
 */
static char *
cache_path(const char *arg)
{
	char *dir = NULL;

	if (*arg) {
		dir = strdup(arg);
	} else {
		char cwd[4096], git[4200];

		if (getcwd(cwd, sizeof(cwd)) != NULL) {
			for (;;) {
				if (git_dir_at(cwd, git, sizeof(git))) {
					size_t n = strlen(git) + 10;

					if ((dir = malloc(n)) != NULL)
						snprintf(
						    dir, n, "%s/cb-cache", git);
					break;
				}
				char *slash = strrchr(cwd, '/');

				if (slash == NULL || slash == cwd)
					break;
				*slash = '\0';
			}
		}
		if (dir == NULL) {
			cb_cmd_error(_("--cache without a directory keeps the "
				       "cache in .git/, but there is no git "
				       "repository here; write --cache=DIR"));
			return NULL;
		}
	}
	if (dir == NULL) {
		cb_cmd_error(_("out of memory"));
		return NULL;
	}
	/* Made with its parents, as mkdir -p; it must be a folder. */
	struct stat st;
	int made = 0;

	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		made = mkdir(dir, 0777) == 0 || errno == EEXIST;
		*p = c;
		if (!made || c == '\0')
			break;
	}
	if (!made) {
		cb_cmd_error(
		    _("cannot write in '%s': %s"), dir, strerror(errno));
		free(dir);
		return NULL;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		cb_cmd_error(
		    _("'%s' is not a folder: --cache=DIR keeps its files "
		      "in a folder"),
		    dir);
		free(dir);
		return NULL;
	}
	return dir;
}

static void
summary(const cb_check_stats *st)
{
	char e[64], w[64], f[64];

	snprintf(e, sizeof(e),
	    dngettext("cb", "%u error", "%u errors", st->errors), st->errors);
	snprintf(w, sizeof(w),
	    dngettext("cb", "%u warning", "%u warnings", st->warnings),
	    st->warnings);
	snprintf(f, sizeof(f),
	    dngettext("cb", "%u file", "%u files", st->files), st->files);
	/* TRANSLATORS: "3 errors, 1 warning in 14 files" */
	fprintf(stderr, _("%s, %s in %s\n"), e, w, f);
}

static int
no_records(const char *path)
{
	cb_cmd_error(_("warning: no cell under '%s' (a folder with cell.yaml): "
		       "nothing was checked; give a cell's folder, a folder of "
		       "cells, or record files"),
	    path);
	return 1;
}

int
cmd_check(int argc, char **argv)
{
	enum {
		OPT_AS_OF = 256,
		OPT_FROM,
		OPT_FORMAT,
		OPT_HELP,
		OPT_IGNORE,
		OPT_CACHE,
		OPT_JOBS,
		OPT_LIST,
		OPT_ONLY,
		OPT_PLAN,
		OPT_QUIET,
		OPT_REV,
		OPT_STAGED,
		OPT_TRUST,
		OPT_WERROR
	};
	static const struct option opts[] = { { "as-of", required_argument,
						  NULL, OPT_AS_OF },
		{ "cache", optional_argument, NULL, OPT_CACHE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "ignore", required_argument, NULL, OPT_IGNORE },
		{ "jobs", required_argument, NULL, 'j' },
		{ "list-rules", no_argument, NULL, OPT_LIST },
		{ "only", required_argument, NULL, OPT_ONLY },
		{ "plan", required_argument, NULL, OPT_PLAN },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "rev", required_argument, NULL, OPT_REV },
		{ "staged", no_argument, NULL, OPT_STAGED },
		{ "trust-repo", no_argument, NULL, OPT_TRUST },
		{ "warnings-as-errors", no_argument, NULL, OPT_WERROR },
		{ NULL, 0, NULL, 0 } };
	unsigned char only[CB_RULE_COUNT] = { 0 },
		      ignore[CB_RULE_COUNT] = { 0 };
	int any_only = 0, quiet = 0, werror = 0, status = 0, c;
	const char *plan = NULL, *rev = NULL;
	int staged = 0, trust = 0, jobs = cb_cmd_ncpu();
	const char *cache = NULL;
	char *cache_dir = NULL;
	cb_source *src = NULL;
	cb_date as_of = cb_cmd_today(), from = { 0, 0, 0 };
	struct out o = { FMT_TEXT };
	cb_checker *chk = NULL;
	cb_check_stats st;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":hj:", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cb_cmd_usage(stdout, usage);
			return 0;
		case OPT_HELP:
			return cb_cmd_help_page("cb-check", usage);
		case OPT_AS_OF:
			if (cb_cmd_date("--as-of", optarg, &as_of))
				return 2;
			break;
		case OPT_FROM:
			if (cb_cmd_date("--from", optarg, &from))
				return 2;
			break;
		case OPT_FORMAT:
			if (!strcmp(optarg, "text"))
				o.format = FMT_TEXT;
			else if (!strcmp(optarg, "csv"))
				o.format = FMT_CSV;
			else if (!strcmp(optarg, "json"))
				o.format = FMT_JSON;
			else {
				cb_cmd_error(_("--format takes text, csv or "
					       "json, not '%s'"),
				    optarg);
				return 2;
			}
			break;
		case OPT_IGNORE:
			if (!select_rules(optarg, ignore))
				return 2;
			break;
		case OPT_ONLY:
			if (!select_rules(optarg, only))
				return 2;
			any_only = 1;
			break;
		case OPT_LIST:
			for (int i = 0; i < CB_RULE_COUNT; i++)
				printf("%s %s\n", cb_rule_id((cb_rule)i),
				    cb_severity_name(
					cb_rule_severity((cb_rule)i)));
			return 0;
		case OPT_PLAN:
			plan = optarg;
			break;
		case OPT_QUIET:
			quiet = 1;
			break;
		case OPT_CACHE:
			cache = optarg ? optarg : "";
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (*end != '\0' || n < 1 || n > 64) {
				cb_cmd_error(
				    _("-j takes a number of threads from "
				      "1 to 64, not '%s'"),
				    optarg);
				return 2;
			}
			jobs = (int)n;
			break;
		}
		case OPT_REV:
			rev = optarg;
			break;
		case OPT_STAGED:
			staged = 1;
			break;
		case OPT_TRUST:
			trust = 1;
			break;
		case OPT_WERROR:
			werror = 1;
			break;
		default:
			return cb_cmd_bad_option(c, argv, usage);
		}
	}

	if (rev != NULL || staged) {
		char err[1024];
		int rc;

		if (rev != NULL && staged) {
			cb_cmd_error(
			    _("--rev and --staged do not go together"));
			return 2;
		}
		rc = staged
		    ? cb_source_open_index(&src, ".", cb_cmd_git_flags(trust),
			  &cb_cmd_tr, err, sizeof(err))
		    : cb_source_open_rev(&src, ".", rev,
			  cb_cmd_git_flags(trust), &cb_cmd_tr, err,
			  sizeof(err));
		if (rc) {
			cb_cmd_error(
			    "%s", rc == CB_ENOMEM ? _("out of memory") : err);
			return 2;
		}
		cb_cmd_print_refused(src);
	}

	cb_reporter rep = { print_finding, &o, cb_cmd_translate, NULL };

	if (cb_checker_new(&chk) != 0) {
		cb_cmd_error(_("out of memory"));
		return 2;
	}
	cb_checker_set_reporter(chk, &rep);
	cb_checker_set_source(chk, src);
	cb_checker_set_jobs(chk, jobs);
	if (cache != NULL) {
		if ((cache_dir = cache_path(cache)) == NULL ||
		    cb_checker_set_cache(chk, cache_dir) != 0) {
			cb_checker_free(chk);
			cb_source_free(src);
			free(cache_dir);
			return 2;
		}
	}
	cb_checker_set_io_error(chk, print_io_error, NULL);
	cb_checker_set_as_of(chk, as_of);
	if (cb_date_is_set(from))
		cb_checker_set_from(chk, from);
	for (int i = 0; i < CB_RULE_COUNT; i++)
		cb_checker_enable(
		    chk, (cb_rule)i, !ignore[i] && (!any_only || only[i]));
	if (plan != NULL) {
		if (cb_checker_set_plan_file(chk, plan) != 0) {
			cb_cmd_error(_("out of memory"));
			cb_checker_free(chk);
			return 2;
		}
	}
	if (o.format == FMT_CSV)
		fputs("path,line,column,severity,rule,message\r\n", stdout);

	/* A path under which no record was found: "nothing matched" (the
	 * exit status 1 of cli.md), said, so that a wrong folder does not
	 * pass for clean records. Without a path, the current directory,
	 * its files shown without "./". */
	int nothing = 0, npaths = optind < argc ? argc - optind : 1;

	for (int i = 0; i < npaths; i++) {
		const char *path = optind < argc ? argv[optind + i] : ".";
		cb_check_stats before;

		cb_checker_stats(chk, &before);
		int rc = cb_checker_run(chk, path, optind < argc ? NULL : "");

		if (rc == CB_ENOMEM) {
			cb_cmd_error(_("out of memory"));
			status = 2;
			break;
		}
		if (rc == CB_EUSER) {
			status = 2;
			break;
		}
		cb_checker_stats(chk, &st);
		if (rc == 0 && st.files == before.files &&
		    st.io_errors == before.io_errors)
			nothing = no_records(path);
	}
	cb_checker_stats(chk, &st);
	cb_checker_free(chk);
	cb_source_free(src);
	free(cache_dir);
	if (plan != NULL && st.io_errors)
		status = 2;
	fflush(stdout);
	if (!quiet)
		summary(&st);
	if (st.io_errors)
		status = 2;
	if (status == 0 && (st.errors || (werror && st.warnings) || nothing))
		status = 1;
	return status;
}
