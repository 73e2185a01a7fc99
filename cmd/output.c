/*
 * output.c - where a command's table goes: stdout or -o FILE, as text,
 * CSV (--excel: for spreadsheets) or .xlsx. A file is written to a
 * temporary name beside it and then linked into place, so it never
 * overwrites an existing file (unless --force, which renames over it) and
 * never leaves a half-written one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cb-cmd.h"
#include "banned.h"

int
cb_cmd_parse_format(const char *s, struct cb_cmd_output *o)
{
	if (!strcmp(s, "text"))
		o->format = CB_FORMAT_TEXT;
	else if (!strcmp(s, "csv"))
		o->format = CB_FORMAT_CSV;
	else if (!strcmp(s, "xlsx"))
		o->format = CB_FORMAT_XLSX;
	else {
		cb_cmd_error(
		    _("--format takes text, csv or xlsx, not '%s'"), s);
		return -1;
	}
	return 0;
}

/* Refuse -o naming a folder: neither a new file nor --force can go there. */
static int
is_folder(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	cb_cmd_error(_("'%s' is a folder; give -o the name of a file to write "
		       "in it"),
	    path);
	return 1;
}

int
cb_cmd_output_ready(const struct cb_cmd_output *o)
{
	struct stat st;

	if (o->path == NULL)
		return 0;
	if (is_folder(o->path))
		return -1;
	if (!o->force && lstat(o->path, &st) == 0) {
		cb_cmd_error(_("'%s' exists; choose another name, or add "
			       "--force to replace it"),
		    o->path);
		return -1;
	}
	/* Its folder must be there to take the file. */
	char dir[4096];
	const char *slash = strrchr(o->path, '/');

	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s",
		    slash == o->path ? 1 : (int)(slash - o->path), o->path);
	if (access(dir, W_OK | X_OK) != 0) {
		cb_cmd_error(
		    _("cannot write in '%s': %s"), dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* Put the finished temporary file `tmp` at `path`. */
static int
commit(const char *tmp, const char *path, int force)
{
	if (is_folder(path)) {
		unlink(tmp);
		return -1;
	}
	if (force) {
		if (rename(tmp, path) == 0)
			return 0;
	} else if (link(tmp, path) == 0) {
		unlink(tmp);
		return 0;
	}
	int err = errno;

	unlink(tmp);
	if (err == EEXIST)
		cb_cmd_error(_("'%s' exists; choose another name, or add "
			       "--force to replace it"),
		    path);
	else
		cb_cmd_error(_("cannot write '%s': %s"), path, strerror(err));
	return -1;
}

static int
copy_to_stdout(const char *tmp)
{
	char buf[65536];
	FILE *in = fopen(tmp, "rb");
	size_t n;

	if (in == NULL)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, stdout);
	fclose(in);
	return ferror(stdout) ? -1 : 0;
}

int
cb_cmd_output(const cb_table *const *tables, size_t n,
    const struct cb_cmd_output *o, cb_date as_of)
{
	/* --excel is CSV for spreadsheets, whatever order the options came
	 * in; only --format xlsx outranks it. */
	cb_format fmt = o->excel && o->format != CB_FORMAT_XLSX
	    ? CB_FORMAT_CSV_EXCEL
	    : o->format;
	char tmp[4096];
	int fd, rc = 0;
	FILE *fp;

	if (o->path == NULL && fmt != CB_FORMAT_XLSX) {
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = cb_table_write(
			    tables[i], fmt, stdout, cb_cmd_translate, NULL);
		return rc ? -1 : 0;
	}
	if (o->path == NULL && isatty(STDOUT_FILENO)) {
		cb_cmd_error(_("an .xlsx workbook is not for the terminal: add "
			       "-o FILE.xlsx"));
		return -1;
	}
	/* A temporary file beside the target (or in /tmp for stdout). */
	snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX",
	    o->path ? o->path : "/tmp/cb-xlsx");
	if ((fd = mkstemp(tmp)) < 0) {
		cb_cmd_error(_("cannot write '%s': %s"),
		    o->path ? o->path : tmp, strerror(errno));
		return -1;
	}
	/* mkstemp makes 0600; give the file what the umask allows. */
	mode_t mask = umask(0);

	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if (fmt == CB_FORMAT_XLSX) {
		close(fd);
		/* Created at midnight of --as-of: the same input, the same
		 * bytes. */
		rc = cb_table_write_xlsx(tables, n, tmp,
		    (int64_t)cb_date_to_days(as_of) * 86400, cb_cmd_translate,
		    NULL);
	} else if ((fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		rc = -1;
	} else {
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = cb_table_write(
			    tables[i], fmt, fp, cb_cmd_translate, NULL);
		if (fflush(fp) != 0 || fsync(fileno(fp)) != 0)
			rc = -1;
		if (fclose(fp) != 0)
			rc = -1;
	}
	if (rc != 0) {
		cb_cmd_error(_("cannot write '%s': %s"),
		    o->path ? o->path : "stdout",
		    strerror(errno ? errno : EIO));
		unlink(tmp);
		return -1;
	}
	if (o->path == NULL) {
		rc = copy_to_stdout(tmp);
		unlink(tmp);
		return rc;
	}
	return commit(tmp, o->path, o->force);
}

void
cb_cmd_common_init(struct cb_cmd_common *c)
{
	memset(c, 0, sizeof(*c));
	c->ro.as_of = cb_cmd_today();
	c->ro.translate = cb_cmd_translate;
	c->ro.io_error = cb_cmd_io_error;
	c->out.format = CB_FORMAT_TEXT;
}

void
cb_cmd_io_error(const char *path, int errnum, const char *msg, void *payload)
{
	(void)payload;
	cb_cmd_error(
	    _("cannot read '%s': %s"), path, msg ? msg : strerror(errnum));
}

int
cb_cmd_common(struct cb_cmd_common *c, int opt, const char *arg,
    const char *page, const char *const *usage)
{
	switch (opt) {
	case CB_OPT_AS_OF:
		return cb_cmd_date("--as-of", arg, &c->ro.as_of) ? -1 : 1;
	case CB_OPT_EXCEL:
		c->out.excel = 1;
		return 1;
	case CB_OPT_FORCE:
		c->out.force = 1;
		return 1;
	case CB_OPT_FORMAT:
		return cb_cmd_parse_format(arg, &c->out) ? -1 : 1;
	case CB_OPT_HELP:
		cb_cmd_help_page(page, usage);
		return 2;
	case CB_OPT_OUTPUT:
		c->out.path = arg;
		return 1;
	case CB_OPT_PLAN:
		c->ro.plan_file = arg;
		return 1;
	case CB_OPT_REV:
		c->rev = arg;
		return 1;
	case CB_OPT_TRUST:
		c->trust = 1;
		return 1;
	default:
		return 0;
	}
}

int
cb_cmd_bad_option(int c, char **argv, const char *const *usage)
{
	const char *arg = argv[optind - 1];

	if (c == ':')
		cb_cmd_error(_("option '%s' needs a value"), arg);
	else if (optopt > ' ' && optopt < 127)
		cb_cmd_error(_("unknown option '-%c'"), optopt);
	else
		cb_cmd_error(_("unknown option '%s'"), arg);
	cb_cmd_usage(stderr, usage);
	return 2;
}

void
cb_cmd_print_refused(const cb_source *src)
{
	const char *p;

	for (size_t i = 0; (p = cb_source_refused(src, i)) != NULL; i++)
		cb_cmd_error(_("warning: not reading '%s' from the repository: "
			       "a link, a submodule or an unsafe name"),
		    p);
}

int
cb_cmd_open_source(struct cb_cmd_common *c)
{
	char err[1024];
	int rc;

	/* Before the work: -o is refused now, not after minutes of it. */
	if (cb_cmd_output_ready(&c->out) != 0)
		return -1;
	if (c->rev == NULL)
		return 0;
	rc = cb_source_open_rev(&c->src, ".", c->rev,
	    cb_cmd_git_flags(c->trust), &cb_cmd_tr, err, sizeof(err));
	if (rc == CB_ENOMEM) {
		cb_cmd_error(_("out of memory"));
		return -1;
	}
	if (rc) {
		cb_cmd_error("%s", err);
		return -1;
	}
	cb_cmd_print_refused(c->src);
	c->ro.source = c->src;
	return 0;
}

void
cb_cmd_common_fini(struct cb_cmd_common *c)
{
	cb_source_free(c->src);
	c->src = NULL;
}

int
cb_cmd_git_flags(int trust)
{
	int flags = trust ? CB_GIT_TRUST : 0;

	if (getenv("GIT_DIR") || getenv("GIT_INDEX_FILE") ||
	    getenv("GIT_OBJECT_DIRECTORY"))
		flags |= CB_GIT_FROM_ENV;
	return flags;
}

size_t
cb_cmd_paths(int argc, char **argv, const char *const **paths)
{
	static const char *const dot[] = { "." };

	if (optind < argc) {
		*paths = (const char *const *)argv + optind;
		return (size_t)(argc - optind);
	}
	*paths = dot;
	return 1;
}

int
cb_cmd_finish_table(struct cb_cmd_common *com, int rc, cb_table *t)
{
	int status = rc == CB_ENOTFOUND || rc == CB_EIO ? 2 : 0;

	if (rc == CB_ENOMEM) {
		cb_cmd_error(_("out of memory"));
		status = 2;
	} else if (t != NULL &&
	    cb_cmd_output(
		(const cb_table *const *)&t, 1, &com->out, com->ro.as_of)) {
		status = 2;
	}
	cb_table_free(t);
	cb_cmd_common_fini(com);
	return status;
}

int
cb_cmd_year_table(int argc, char **argv, const char *page,
    const char *const *usage, cb_cmd_year_build build, int as_of_year)
{
	enum { OPT_YEAR = 1 };
	static const struct option opts[] = { CB_CMD_COMMON_OPTIONS,
		{ "year", required_argument, NULL, OPT_YEAR },
		{ NULL, 0, NULL, 0 } };
	struct cb_cmd_common com;
	int year = 0, c, rc;
	cb_table *t = NULL;

	cb_cmd_common_init(&com);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cb_cmd_usage(stdout, usage);
			return 0;
		case OPT_YEAR:
			if (cb_cmd_year(optarg, &year))
				return 2;
			break;
		default:
			if ((rc = cb_cmd_other(&com, c, argv, page, usage)) >=
			    0)
				return rc;
			break;
		}
	}
	if (year == 0 && as_of_year)
		year = com.ro.as_of.year;
	const char *const *paths;
	size_t n = cb_cmd_paths(argc, argv, &paths);

	if (cb_cmd_open_source(&com))
		return 2;
	rc = build(&t, &com.ro, year, paths, n);
	return cb_cmd_finish_table(&com, rc, t);
}

int
cb_cmd_other(struct cb_cmd_common *com, int c, char **argv, const char *page,
    const char *const *usage)
{
	int rc = cb_cmd_common(com, c, optarg, page, usage);

	if (rc == 1)
		return -1;
	if (rc == 0)
		return cb_cmd_bad_option(c, argv, usage);
	return rc == 2 ? 0 : 2;
}
