/*
 * thematic.c - `cb thematic`: the year's thematic meetings per quarter,
 * planned and held (cb-thematic(1)).
 */
#include <stdlib.h>
#include <string.h>

#include "cb-cmd.h"
#include "banned.h"

static const char *const usage[] = {
	N_("usage: cb thematic [--year YYYY] [--as-of DATE] [--plan FILE] "
	   "[--rev REV [--trust-repo]]"),
	N_("                   [--format text|csv|xlsx] [--excel] [-o FILE "
	   "[--force]] [PATH...]"),
	NULL
};

int
cmd_thematic(int argc, char **argv)
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
			if ((rc = cb_cmd_other(
				 &com, c, argv, "cb-thematic", usage)) >= 0)
				return rc;
			break;
		}
	}
	if (year == 0)
		year = com.ro.as_of.year;
	const char *const *paths;
	size_t n = cb_cmd_paths(argc, argv, &paths);

	if (cb_cmd_open_source(&com))
		return 2;
	rc = cb_thematic_build(&t, &com.ro, year, paths, n);
	return cb_cmd_finish_table(&com, rc, t);
}
