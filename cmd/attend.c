/*
 * attend.c - `cb attend`: attendance per member over a period
 * (cb-attend(1)).
 */
#include <stdlib.h>
#include <string.h>

#include "cb-cmd.h"
#include "banned.h"

static const char *const usage[] = {
	N_("usage: cb attend [--year YYYY | --quarter YYYY-Qn | --from DATE "
	   "--to DATE]"),
	N_("                 [--as-of DATE] [--plan FILE] [--format "
	   "text|csv|xlsx] [--excel]"),
	N_("                 [-o FILE [--force]] [--rev REV [--trust-repo]] "
	   "[PATH...]"),
	NULL
};

int
cmd_attend(int argc, char **argv)
{
	enum { OPT_FROM = 1, OPT_QUARTER, OPT_TO, OPT_YEAR };
	static const struct option opts[] = { CB_CMD_COMMON_OPTIONS,
		{ "from", required_argument, NULL, OPT_FROM },
		{ "quarter", required_argument, NULL, OPT_QUARTER },
		{ "to", required_argument, NULL, OPT_TO },
		{ "year", required_argument, NULL, OPT_YEAR },
		{ NULL, 0, NULL, 0 } };
	struct cb_cmd_common com;
	cb_period period;
	cb_date from = { 0, 0, 0 }, to = { 0, 0, 0 };
	int have = 0, c, rc;
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
		case OPT_QUARTER:
			if (cb_period_parse(&period,
				c == OPT_YEAR ? CB_PERIOD_YEAR
					      : CB_PERIOD_QUARTER,
				optarg)) {
				cb_cmd_error(_("'%s' is not a period; write "
					       "--year 2024 or --quarter "
					       "2024-Q1"),
				    optarg);
				return 2;
			}
			have++;
			break;
		case OPT_FROM:
			if (cb_cmd_date("--from", optarg, &from))
				return 2;
			break;
		case OPT_TO:
			if (cb_cmd_date("--to", optarg, &to))
				return 2;
			break;
		default:
			if ((rc = cb_cmd_other(
				 &com, c, argv, "cb-attend", usage)) >= 0)
				return rc;
			break;
		}
	}
	if (cb_date_is_set(from) || cb_date_is_set(to)) {
		if (have || !cb_date_is_set(from) || !cb_date_is_set(to) ||
		    cb_date_cmp(from, to) > 0) {
			cb_cmd_error(_("give --from and --to together, in "
				       "order, and not with --year or "
				       "--quarter"));
			return 2;
		}
		period = cb_period_range(from, to);
		have = 1;
	}
	if (have > 1) {
		cb_cmd_error(_("give one period"));
		return 2;
	}
	if (!have) {
		char y[8];

		snprintf(y, sizeof(y), "%04d", com.ro.as_of.year);
		cb_period_parse(&period, CB_PERIOD_YEAR, y);
	}
	const char *const *paths;
	size_t n = cb_cmd_paths(argc, argv, &paths);

	if (cb_cmd_open_source(&com))
		return 2;
	rc = cb_attend_build(&t, &com.ro, &period, paths, n);
	return cb_cmd_finish_table(&com, rc, t);
}
