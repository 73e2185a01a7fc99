/*
 * hook.c - `cb hook install`: a pre-commit hook that runs `cb check
 * --staged`, so bad minutes never enter the repository (cb-hook(1)).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cb-cmd.h"
#include "banned.h"

static const char *const usage[] = {
	N_("usage: cb hook install [--force] [--trust-repo] [DIR]"), NULL
};

/* This program's own path, so the hook works without cb on PATH. */
static char *
self_path(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n <= 0)
		return strdup("cb");
	buf[n] = '\0';
	return strdup(buf);
}

static int
install(const char *dir, int force, int trust)
{
	char err[1024], path[PATH_MAX + 32], tmp[PATH_MAX + 48];
	char *hooks = NULL, *self = NULL;
	FILE *fp;
	int fd, rc = 2;

	if (cb_git_hooks_dir(&hooks, dir, cb_cmd_git_flags(trust), &cb_cmd_tr,
		err, sizeof(err)) != 0) {
		cb_cmd_error("%s", err);
		return 2;
	}
	if (mkdir(hooks, 0777) != 0 && errno != EEXIST) {
		cb_cmd_error(
		    _("cannot write in '%s': %s"), hooks, strerror(errno));
		goto out;
	}
	snprintf(path, sizeof(path), "%s/pre-commit", hooks);
	snprintf(tmp, sizeof(tmp), "%s/.cb-pre-commit-XXXXXX", hooks);
	if ((fd = mkstemp(tmp)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		cb_cmd_error(
		    _("cannot write in '%s': %s"), hooks, strerror(errno));
		goto out;
	}
	self = self_path();
	/* The hook refuses a commit that adds errors, not one made while
	 * old errors (a month missed long ago) are still there. */
	fputs("#!/bin/sh\n"
	      "# Installed by `cb hook install`: refuse a commit that adds "
	      "errors to the\n"
	      "# minutes (cb check --staged against HEAD). Set CB to another "
	      "cb, or\n"
	      "# commit with --no-verify to skip.\n",
	    fp);
	fputs("cb=${CB:-'", fp);
	for (const char *p = self ? self : "cb"; *p; p++) {
		if (*p == '\'')
			fputs("'\\''", fp); /* the path, quoted for sh */
		else
			fputc(*p, fp);
	}
	fputs("'}\n"
	      "errors() {\n"
	      "\t\"$cb\" check \"$@\" --quiet --format json . "
	      "2>/dev/null |\n"
	      "\t    grep -c '\"severity\":\"error\"' || true\n"
	      "}\n"
	      "\"$cb\" check --staged --quiet --format json . >/dev/null "
	      "2>&1\n"
	      "if [ $? -ge 2 ]; then\n"
	      "\techo \"cb: cannot check the staged minutes:\" >&2\n"
	      "\t\"$cb\" check --staged . >&2\n"
	      "\texit 1\n"
	      "fi\n"
	      "after=$(errors --staged)\n"
	      "before=0\n"
	      "if git rev-parse -q --verify HEAD >/dev/null; then\n"
	      "\tbefore=$(errors --rev HEAD)\n"
	      "fi\n"
	      "if [ \"$after\" -gt \"$before\" ]; then\n"
	      "\t\"$cb\" check --staged . >&2\n"
	      "\techo \"cb: this commit takes the minutes from $before to "
	      "$after errors;\" \\\n"
	      "\t    \"fix them, or commit with --no-verify\" >&2\n"
	      "\texit 1\n"
	      "fi\n",
	    fp);
	fchmod(fd, 0755);
	if (fclose(fp) != 0) {
		cb_cmd_error(_("cannot write '%s': %s"), path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	/* Never clobber someone's hook unless told to. */
	if (force ? rename(tmp, path) != 0 : link(tmp, path) != 0) {
		int e = errno;

		unlink(tmp);
		if (e == EEXIST)
			cb_cmd_error(
			    _("'%s' exists; keep it, or add --force to "
			      "replace it"),
			    path);
		else
			cb_cmd_error(
			    _("cannot write '%s': %s"), path, strerror(e));
		goto out;
	}
	if (!force)
		unlink(tmp);
	printf("%s\n", path);
	rc = 0;
out:
	free(self);
	free(hooks);
	return rc;
}

int
cmd_hook(int argc, char **argv)
{
	enum { OPT_FORCE = 1, OPT_HELP, OPT_TRUST };
	static const struct option opts[] = {
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "trust-repo", no_argument, NULL, OPT_TRUST },
		{ NULL, 0, NULL, 0 },
	};
	int force = 0, trust = 0, c;

	if (argc < 2 || strcmp(argv[1], "install") != 0) {
		if (argc > 1 && !strcmp(argv[1], "--help"))
			return cb_cmd_help_page("cb-hook", usage);
		if (argc > 1 && !strcmp(argv[1], "-h")) {
			cb_cmd_usage(stdout, usage);
			return 0;
		}
		cb_cmd_usage(stderr, usage);
		return 2;
	}
	argc--;
	argv++;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cb_cmd_usage(stdout, usage);
			return 0;
		case OPT_HELP:
			return cb_cmd_help_page("cb-hook", usage);
		case OPT_FORCE:
			force = 1;
			break;
		case OPT_TRUST:
			trust = 1;
			break;
		default:
			return cb_cmd_bad_option(c, argv, usage);
		}
	}
	if (argc - optind > 1) {
		cb_cmd_usage(stderr, usage);
		return 2;
	}
	return install(optind < argc ? argv[optind] : ".", force, trust);
}
