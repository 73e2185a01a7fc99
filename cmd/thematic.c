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
	return cb_cmd_year_table(
	    argc, argv, "cb-thematic", usage, cb_thematic_build, 1);
}
