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

/*
 * One line of the hook: `printf '%s\n' MSG >&2` (echo would read
 * backslashes in it), MSG in the installer's language (the hook speaks
 * it to whoever commits), single-quoted for sh; a "%s" in it is the
 * hook's count of errors, "$n".
 */
static void
sh_say(FILE *fp, const char *msg)
{
	fputs("\tprintf '%s\\n' '", fp);
	for (const char *p = msg; *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			fputs("'\"$n\"'", fp);
			p++;
		} else if (*p == '\'') {
			fputs("'\\''", fp);
		} else {
			fputc(*p, fp);
		}
	}
	fputs("' >&2\n", fp);
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
	/* The hook refuses a commit that adds an error, not one made while
	 * old errors (a month missed long ago) are still there. An error is
	 * known by its file, rule and message, not its line (lines move as
	 * minutes are edited), and counted: fixing one error does not let
	 * another in. */
	fputs("#!/bin/sh\n"
	      "# Installed by `cb hook install`: refuse a commit that adds an "
	      "error to the\n"
	      "# minutes: one that cb check --staged finds and cb check --rev "
	      "HEAD does not\n"
	      "# (the same file, rule and message; its line may move). Set CB "
	      "to another cb,\n"
	      "# or commit with --no-verify to skip.\n",
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
	      "\t\"$cb\" check \"$@\" --quiet --format json . 2>/dev/null |\n"
	      "\t    grep '\"severity\":\"error\"' || true\n"
	      "}\n"
	      "\"$cb\" check --staged --quiet --format json . >/dev/null "
	      "2>&1\n"
	      "if [ $? -ge 2 ]; then\n",
	    fp);
	sh_say(fp, _("cb: cannot check the staged minutes:"));
	fputs("\t\"$cb\" check --staged . >&2\n"
	      "\texit 1\n"
	      "fi\n"
	      "added=$({\n"
	      "\tif git rev-parse -q --verify HEAD >/dev/null; then\n"
	      "\t\terrors --rev HEAD | sed 's/^/0/'\n"
	      "\tfi\n"
	      "\terrors --staged | sed 's/^/1/'\n"
	      "} | awk '{ t = substr($0, 2); k = t\n"
	      "\tsub(/,\"line\":[0-9]+,\"column\":[0-9]+,/, \",\", k)\n"
	      "\tgsub(/(line|dòng) [0-9]+/, \"\", k) }\n"
	      "    t == \"\" { next }\n"
	      "    /^0/ { old[k]++; next }\n"
	      "    old[k] > 0 { old[k]--; next }\n"
	      "    { print t }' |\n"
	      "    sed 's/^{\"path\":\"\\(.*\\)\",\"line\":\\([0-9]*\\),"
	      "\"column\":\\([0-9]*\\),\"severity\":\"error\",\"rule\":"
	      "\"\\([^\"]*\\)\",\"message\":\"\\(.*\\)\",\"date\":.*$/"
	      "\\1:\\2:\\3: error: \\5 [\\4]/')\n"
	      "if [ -n \"$added\" ]; then\n"
	      "\tn=$(printf '%s\\n' \"$added\" | wc -l | tr -d ' ')\n",
	    fp);
	/* TRANSLATORS: %s is the number of errors, written by the hook. */
	sh_say(fp, _("cb: this commit adds %s error(s) to the minutes:"));
	fputs("\tprintf '%s\\n' \"$added\" >&2\n", fp);
	sh_say(fp, _("cb: fix them, or commit with --no-verify"));
	fputs("\texit 1\n"
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
