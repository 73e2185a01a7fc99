/*
 * audit.c - `cb audit`: the minutes book from its git history
 * (cb-audit(1)).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cb-cmd.h"
#include "banned.h"

static const char *const usage[] = {
	N_("usage: cb audit [--since DATE] [--rev REV] [--trust-repo] [--plan "
	   "FILE] [--as-of DATE]"),
	N_("                [--format text|csv|xlsx] [--excel] [-o FILE "
	   "[--force]] [DIR]"),
	NULL
};

struct found {
	FILE *fp;
	unsigned errors, warnings;
};

static int
print_finding(const cb_finding *f, void *payload)
{
	struct found *fd = payload;

	if (f->severity == CB_SEV_ERROR)
		fd->errors++;
	else
		fd->warnings++;
	fprintf(fd->fp, "%s:%u:%u: %s: %s [%s]\n", f->path, (unsigned)f->line,
	    (unsigned)f->column, cb_severity_name(f->severity), f->message,
	    cb_rule_id(f->rule));
	return 0;
}

int
cmd_audit(int argc, char **argv)
{
	enum { OPT_SINCE = 1 };
	static const struct option opts[] = { CB_CMD_COMMON_OPTIONS,
		{ "since", required_argument, NULL, OPT_SINCE },
		{ NULL, 0, NULL, 0 } };
	struct cb_cmd_common com;
	cb_audit_opts ao;
	struct found fd = { stdout, 0, 0 };
	cb_reporter rep = { print_finding, &fd, cb_cmd_translate, NULL };
	cb_table *t = NULL;
	char err[1024];
	int c, rc, shallow;

	cb_cmd_common_init(&com);
	memset(&ao, 0, sizeof(ao));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cb_cmd_usage(stdout, usage);
			return 0;
		case OPT_SINCE:
			if (cb_cmd_date("--since", optarg, &ao.since))
				return 2;
			break;
		default:
			if ((rc = cb_cmd_other(
				 &com, c, argv, "cb-audit", usage)) >= 0)
				return rc;
			break;
		}
	}
	if (argc - optind > 1) {
		cb_cmd_error(_("cb audit takes one directory of the "
			       "repository"));
		return 2;
	}
	if (cb_cmd_output_ready(&com.out) != 0)
		return 2;
	ao.dir = optind < argc ? argv[optind] : ".";
	ao.rev = com.rev;
	ao.trust = cb_cmd_git_flags(com.trust);
	ao.rep = &rep;
	/* Commits are compared on every core; results applied in order. */
	ao.jobs = cb_cmd_ncpu();
	if (com.ro.plan_file != NULL) {
		/* --plan: its audit.late_days for every cell. */
		cb_reporter none = { NULL, NULL, NULL, NULL };
		cb_plan *plan = NULL;

		if (cb_plan_load(&plan, com.ro.plan_file, &none) != 0 ||
		    plan == NULL) {
			cb_cmd_error(
			    _("cannot read the plan '%s'; run cb check "
			      "on it"),
			    com.ro.plan_file);
			cb_plan_free(plan);
			return 2;
		}
		ao.late_days =
		    plan->audit_late_days > 0 ? plan->audit_late_days : 0;
		cb_plan_free(plan);
	}
	/* Tables go to stdout: findings then go to stderr. */
	if (com.out.format != CB_FORMAT_TEXT || com.out.path != NULL) {
		/* Findings go to stderr: buffered, thousands of them are one
		 * write, not thousands (flushed before the summary). */
		static char ebuf[1 << 16];

		setvbuf(stderr, ebuf, _IOFBF, sizeof(ebuf));
		fd.fp = stderr;
	}
	rc = cb_audit_build(&t, &ao, &shallow, err, sizeof(err));
	if (shallow)
		cb_cmd_error(_("warning: this clone is shallow: history before "
			       "its first commit is missing, so first commits "
			       "and lateness may be wrong"));
	if (rc) {
		cb_cmd_error("%s", rc == CB_ENOMEM ? _("out of memory") : err);
		return 2;
	}
	/* A path on neither the disk nor the history: a typing mistake
	 * must not pass for minutes that were never changed. (With --since
	 * or --rev, the history walked is only part of it: no verdict.) */
	if (cb_table_rows(t) == 0 && strcmp(ao.dir, ".") != 0 &&
	    !cb_date_is_set(ao.since) && ao.rev == NULL &&
	    access(ao.dir, F_OK) != 0) {
		cb_cmd_error(_("'%s' is neither on disk nor in the history of "
			       "the repository; check the path"),
		    ao.dir);
		cb_table_free(t);
		return 2;
	}
	if (fd.fp == stdout && (fd.errors || fd.warnings))
		putchar('\n');
	int status = fd.errors ? 1 : 0;

	if (cb_cmd_output(
		(const cb_table *const *)&t, 1, &com.out, com.ro.as_of))
		status = 2;
	fflush(stdout);
	fflush(stderr);
	fprintf(stderr, _("%u error(s), %u warning(s) in %zu meeting files\n"),
	    fd.errors, fd.warnings, cb_table_rows(t));
	cb_table_free(t);
	return status;
}
