/*
 * report.c - `cb report` and `cb report merge` (cb-report(1)).
 */
#include <stdlib.h>
#include <string.h>

#include "cb-cmd.h"
#include "banned.h"

static const char *const usage[] = {
	N_("usage: cb report (--quarter YYYY-Qn | --month YYYY-MM | --year "
	   "YYYY)"),
	N_("                 [--as-of DATE] [--plan FILE] [--format "
	   "text|csv|xlsx] [--excel]"),
	N_("                 [-o FILE [--force]] [--rev REV [--trust-repo]] "
	   "[PATH...]"),
	N_("       cb report merge [--format text|csv|xlsx] [--excel] "
	   "[-o FILE [--force]] CSV..."),
	NULL
};

static int
merge(int argc, char **argv)
{
	static const struct option opts[] = { CB_CMD_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 } };
	struct cb_cmd_common com;
	cb_table *t = NULL;
	char err[1024];
	int c, rc;

	cb_cmd_common_init(&com);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		if (c == 'h') {
			cb_cmd_usage(stdout, usage);
			return 0;
		}
		if ((rc = cb_cmd_other(&com, c, argv, "cb-report", usage)) >= 0)
			return rc;
	}
	if (optind >= argc) {
		cb_cmd_error(_("cb report merge needs the CSV reports to add "
			       "up"));
		return 2;
	}
	if (cb_cmd_output_ready(&com.out) != 0)
		return 2;
	rc = cb_report_merge(&t, (const char *const *)argv + optind,
	    (size_t)(argc - optind), cb_cmd_translate, NULL, err, sizeof(err));
	if (rc == CB_EINVAL) {
		cb_cmd_error("%s", err);
		return 2;
	}
	return cb_cmd_finish_table(&com, rc, t);
}

int
cmd_report(int argc, char **argv)
{
	enum { OPT_MONTH = 1, OPT_QUARTER, OPT_YEAR };
	static const struct option opts[] = { CB_CMD_COMMON_OPTIONS,
		{ "month", required_argument, NULL, OPT_MONTH },
		{ "quarter", required_argument, NULL, OPT_QUARTER },
		{ "year", required_argument, NULL, OPT_YEAR },
		{ NULL, 0, NULL, 0 } };
	struct cb_cmd_common com;
	cb_period period;
	int have = 0, c, rc;
	cb_table *t = NULL;

	if (argc > 1 && !strcmp(argv[1], "merge"))
		return merge(argc - 1, argv + 1);
	cb_cmd_common_init(&com);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		cb_period_kind kind = c == OPT_MONTH ? CB_PERIOD_MONTH
		    : c == OPT_QUARTER		     ? CB_PERIOD_QUARTER
						     : CB_PERIOD_YEAR;

		switch (c) {
		case 'h':
			cb_cmd_usage(stdout, usage);
			return 0;
		case OPT_MONTH:
		case OPT_QUARTER:
		case OPT_YEAR:
			if (have++) {
				cb_cmd_error(_("give one period: --month, "
					       "--quarter or --year"));
				return 2;
			}
			if (cb_period_parse(&period, kind, optarg)) {
				cb_cmd_error(_("'%s' is not a period; write "
					       "--month 2024-03, --quarter "
					       "2024-Q1 or --year 2024"),
				    optarg);
				return 2;
			}
			break;
		default:
			if ((rc = cb_cmd_other(
				 &com, c, argv, "cb-report", usage)) >= 0)
				return rc;
			break;
		}
	}
	if (!have) {
		cb_cmd_error(_("which period? add --month YYYY-MM, --quarter "
			       "YYYY-Qn or --year YYYY"));
		cb_cmd_usage(stderr, usage);
		return 2;
	}
	const char *const *paths;
	size_t n = cb_cmd_paths(argc, argv, &paths);

	if (cb_cmd_open_source(&com))
		return 2;
	rc = cb_report_build(&t, &com.ro, &period, paths, n);
	return cb_cmd_finish_table(&com, rc, t);
}
