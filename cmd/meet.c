/*
 * meet.c - `cb meet new` writes the next meeting's minutes as a template;
 * `cb meet list` prints one line a meeting (cb-meet(1)).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cb-cmd.h"
#include "banned.h"

static const char *const usage[] = {
	N_("usage: cb meet new [--date DATE] [--kind "
	   "regular|thematic|extraordinary]"),
	N_("                   [--as-of DATE] [--plan FILE] [--schema PATH] "
	   "[DIR]"),
	N_("       cb meet list [--year YYYY] [--as-of DATE] [--plan FILE] "
	   "[--rev REV [--trust-repo]]"),
	N_("                   [--format text|csv|xlsx] [--excel] [-o FILE "
	   "[--force]] [PATH...]"),
	NULL
};

/* The meeting schema for the editor: installed, or this source tree's. */
static const char *
default_schema(void)
{
	static const char installed[] = CB_SCHEMADIR "/meeting.schema.json";
	static const char source[] = CB_SOURCE_SCHEMADIR "/meeting.schema.json";
	struct stat st;

	if (stat(installed, &st) == 0)
		return installed;
	if (stat(source, &st) == 0)
		return source;
	return NULL;
}

/*
 * Create `dir`/`rel` holding `text`: written to a temporary file in the
 * same directory and linked into place, so an existing file (or link) of
 * that name is never touched and no half-written file is ever seen.
 */
static int
create(const char *dir, const char *rel, const char *text)
{
	char path[4096], tmp[4200], sub[4096];
	size_t len = strlen(text);
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, rel) >=
	    sizeof(path)) {
		cb_cmd_error(_("the path '%s' is too long"), dir);
		return -1;
	}
	/* meetings/ and meetings/YYYY/ */
	snprintf(sub, sizeof(sub), "%s/meetings", dir);
	if (mkdir(sub, 0777) != 0 && errno != EEXIST)
		goto fail_dir;
	snprintf(sub, sizeof(sub), "%s/%.*s", dir,
	    (int)(strrchr(rel, '/') - rel), rel);
	if (mkdir(sub, 0777) != 0 && errno != EEXIST)
		goto fail_dir;
	snprintf(tmp, sizeof(tmp), "%s/.cb-new-XXXXXX", sub);
	if ((fd = mkstemp(tmp)) < 0)
		goto fail_dir;
	mode_t mask = umask(0);

	umask(mask);
	fchmod(fd, 0666 & ~mask);
	for (size_t off = 0; off < len;) {
		ssize_t n = write(fd, text + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int err = errno;

			close(fd);
			unlink(tmp);
			cb_cmd_error(
			    _("cannot write '%s': %s"), path, strerror(err));
			return -1;
		}
		off += (size_t)n;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		unlink(tmp);
		cb_cmd_error(_("cannot write '%s': %s"), path, strerror(errno));
		return -1;
	}
	if (link(tmp, path) != 0) {
		int err = errno;

		unlink(tmp);
		if (err == EEXIST)
			cb_cmd_error(_("'%s' exists; cb never overwrites "
				       "minutes"),
			    path);
		else
			cb_cmd_error(
			    _("cannot write '%s': %s"), path, strerror(err));
		return -1;
	}
	unlink(tmp);
	printf("%s\n", path);
	return 0;
fail_dir:
	cb_cmd_error(_("cannot write in '%s': %s"), sub, strerror(errno));
	return -1;
}

static int
meet_new(int argc, char **argv)
{
	enum { OPT_DATE = 1, OPT_KIND, OPT_SCHEMA };
	static const struct option opts[] = { CB_CMD_COMMON_OPTIONS,
		{ "date", required_argument, NULL, OPT_DATE },
		{ "kind", required_argument, NULL, OPT_KIND },
		{ "schema", required_argument, NULL, OPT_SCHEMA },
		{ NULL, 0, NULL, 0 } };
	struct cb_cmd_common com;
	cb_date date = { 0, 0, 0 };
	cb_meeting_kind kind = CB_KIND_REGULAR;
	const char *schema = default_schema();
	char *rel = NULL, *text = NULL, err[1024];
	int c, rc;

	cb_cmd_common_init(&com);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cb_cmd_usage(stdout, usage);
			return 0;
		case OPT_DATE:
			if (cb_cmd_date("--date", optarg, &date))
				return 2;
			break;
		case OPT_KIND:
			if (!strcmp(optarg, "regular"))
				kind = CB_KIND_REGULAR;
			else if (!strcmp(optarg, "thematic"))
				kind = CB_KIND_THEMATIC;
			else if (!strcmp(optarg, "extraordinary"))
				kind = CB_KIND_EXTRAORDINARY;
			else {
				cb_cmd_error(_("--kind takes regular, thematic "
					       "or extraordinary, not '%s'"),
				    optarg);
				return 2;
			}
			break;
		case OPT_SCHEMA:
			schema = optarg[0] ? optarg : NULL;
			break;
		default:
			if ((rc = cb_cmd_other(
				 &com, c, argv, "cb-meet", usage)) >= 0)
				return rc;
			break;
		}
	}
	if (com.rev != NULL) {
		cb_cmd_error(_("cb meet new writes in the working tree; --rev "
			       "does not apply"));
		return 2;
	}
	if (argc - optind > 1) {
		cb_cmd_error(_("cb meet new takes one cell directory"));
		return 2;
	}
	const char *dir = optind < argc ? argv[optind] : ".";

	rc = cb_meet_template(
	    &com.ro, dir, date, kind, schema, &rel, &text, err, sizeof(err));
	if (rc == CB_EINVAL) {
		cb_cmd_error("%s", err);
		return 2;
	}
	if (rc) {
		cb_cmd_error(_("out of memory"));
		return 2;
	}
	rc = create(dir, rel, text) ? 2 : 0;
	free(rel);
	free(text);
	return rc;
}

static int
meet_list(int argc, char **argv)
{
	return cb_cmd_year_table(
	    argc, argv, "cb-meet", usage, cb_meet_list_build, 0);
}

int
cmd_meet(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "new"))
		return meet_new(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "list"))
		return meet_list(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		return cb_cmd_help_page("cb-meet", usage);
	if (argc > 1 && !strcmp(argv[1], "-h")) {
		cb_cmd_usage(stdout, usage);
		return 0;
	}
	cb_cmd_error(argc > 1 ? _("cb meet: no such subcommand; use 'new' or "
				  "'list'")
			      : _("cb meet needs 'new' or 'list'"));
	cb_cmd_usage(stderr, usage);
	return 2;
}
