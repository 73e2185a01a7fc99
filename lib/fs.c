#include "fs.h"
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "banned.h"

int
cb_fs_read(const char *path, size_t max, char **buf, size_t *len)
{
	struct stat st;
	/* O_NONBLOCK: opening a named pipe would wait for a writer, maybe
	 * forever; it is refused below, as anything not a regular file. On
	 * a regular file the flag changes nothing. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK),
	    err = 0;
	char *p;
	size_t have = 0;

	*buf = NULL;
	*len = 0;
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0) {
		err = errno;
		close(fd);
		return err;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	}
	if ((unsigned long long)st.st_size > max) {
		*len = (size_t)st.st_size;
		close(fd);
		return -1;
	}
	p = malloc((size_t)st.st_size + 2);
	if (p == NULL) {
		close(fd);
		return ENOMEM;
	}
	/* Read to the end: the file may have grown since fstat. */
	size_t cap = (size_t)st.st_size + 2;

	for (;;) {
		if (cap - have <= 1) {
			char *q;

			if (have > max) {
				*len = have;
				err = -1;
				break;
			}
			cap *= 2;
			if ((q = realloc(p, cap)) == NULL) {
				err = ENOMEM;
				break;
			}
			p = q;
		}
		ssize_t n = read(fd, p + have, cap - have - 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			break;
		}
		if (n == 0)
			break;
		have += (size_t)n;
	}
	if (err == 0 && have > max) {
		*len = have;
		err = -1;
	}
	close(fd);
	if (err != 0) {
		free(p);
		return err;
	}
	p[have] = '\0';
	*buf = p;
	*len = have;
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
cb_fs_list(const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t len = 0, cap = 0;
	int err = 0;

	*names = NULL;
	*n = 0;
	if (d == NULL)
		return errno;
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL) {
			err = errno;
			break;
		}
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (len == cap) {
			size_t nc = cap ? cap * 2 : 16;
			char **nv = realloc(v, nc * sizeof(*v));

			if (nv == NULL) {
				err = ENOMEM;
				break;
			}
			v = nv;
			cap = nc;
		}
		if ((v[len] = strdup(e->d_name)) == NULL) {
			err = ENOMEM;
			break;
		}
		len++;
	}
	closedir(d);
	if (err != 0) {
		cb_fs_list_free(v, len);
		return err;
	}
	if (len)
		qsort(v, len, sizeof(*v), name_cmp);
	*names = v;
	*n = len;
	return 0;
}

void
cb_fs_list_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int
cb_fs_kind(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return CB_KIND_NONE;
	return cb_fs_kind_of(st.st_mode);
}

int
cb_fs_kind_of(unsigned mode)
{
	return S_ISDIR(mode) ? CB_KIND_DIR
	    : S_ISREG(mode)  ? CB_KIND_FILE
			     : CB_KIND_OTHER;
}

int
cb_fs_is_link(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

char *
cb_path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int slash = la > 0 && a[la - 1] != '/';
	char *p = malloc(la + slash + lb + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, a, la);
	if (slash)
		p[la] = '/';
	memcpy(p + la + slash, b, lb + 1);
	return p;
}

char *
cb_path_up(const char *display, int levels)
{
	char *p = strdup(display);

	for (int i = 0; p != NULL && i < levels; i++) {
		size_t len = strlen(p);

		while (len > 1 && p[len - 1] == '/')
			p[--len] = '\0';
		char *slash = strrchr(p, '/');
		const char *last = slash ? slash + 1 : p;

		if (len == 0) {
			free(p);
			p = strdup("..");
		} else if (!strcmp(last, "..") || !strcmp(last, ".") ||
		    !strcmp(p, "/")) {
			char *q = cb_path_join(p, "..");

			free(p);
			p = q;
		} else if (slash == p) {
			p[1] = '\0';
		} else if (slash) {
			*slash = '\0';
		} else {
			p[0] = '\0';
		}
	}
	return p;
}

/* ---- the working tree as a source ---- */

static int
fs_read(const cb_source *s, const char *path, size_t max, char **buf,
    size_t *len, char *err, size_t errsize)
{
	(void)s;
	if (errsize)
		err[0] = '\0';
	return cb_fs_read(path, max, buf, len);
}

static int
fs_list(const cb_source *s, const char *dir, char ***names, size_t *n)
{
	(void)s;
	return cb_fs_list(dir, names, n);
}

static int
fs_kind(const cb_source *s, const char *path)
{
	(void)s;
	return cb_fs_kind(path);
}

static int
fs_is_link(const cb_source *s, const char *path)
{
	(void)s;
	return cb_fs_is_link(path);
}

static char *
fs_real(const cb_source *s, const char *path)
{
	(void)s;
	return realpath(path, NULL);
}

static int
fs_is_top(const cb_source *s, const char *dir)
{
	char *git = cb_path_join(dir, ".git");
	struct stat st;
	int top = git != NULL && lstat(git, &st) == 0;

	(void)s;
	free(git);
	return top;
}

static const struct cb_source_ops fs_ops = { fs_read, fs_list, fs_kind,
	fs_is_link, fs_real, fs_is_top, NULL };

const cb_source cb_source_fs = { &fs_ops, NULL };
